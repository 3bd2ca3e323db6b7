//! The debrief's one use of the replay: each player input with its own
//! events and the choices on screen when it was given.
//!
//! Kept apart because the replay is about to move into a shared game layer;
//! only this file needs to change then.

use crate::scenario::{Millis, Scenario};
use crate::sim::{Action, Event, Sim};
use std::sync::Arc;

/// One player input as replayed: what was on screen, and what it did.
pub(super) struct Step {
    pub at: Millis,
    pub action: Action,
    /// The choices on screen when it was given.
    pub choices: Vec<(u32, String)>,
    /// Its own events (the time it took included).
    pub events: Vec<Event>,
}

/// Every event of the game, tagged with the step that caused it.
pub(super) struct Played {
    pub steps: Vec<Step>,
    pub events: Vec<(Option<usize>, Event)>,
}

/// Plays the actions again to see each one's own events and the choices on
/// screen when it was given (the replay keeps only the merged stream).
pub(super) fn play_steps(
    sc: &Scenario,
    seed: u64,
    actions: &[(Millis, Action)],
    last: Millis,
) -> Played {
    let mut sim = Sim::new(Arc::new(sc.clone()), seed);
    let mut events: Vec<(Option<usize>, Event)> =
        sim.drain().into_iter().map(|e| (None, e)).collect();
    let mut steps = Vec::with_capacity(actions.len());
    for (at, action) in actions {
        if sim.is_over() {
            break;
        }
        events.extend(sim.advance_to(*at).into_iter().map(|e| (None, e)));
        let choices = if matches!(action, Action::Choose(_)) {
            sim.choices()
        } else {
            Vec::new()
        };
        let own = sim.apply(action.clone());
        let i = steps.len();
        events.extend(own.iter().cloned().map(|e| (Some(i), e)));
        steps.push(Step {
            at: *at,
            action: action.clone(),
            choices,
            events: own,
        });
    }
    events.extend(sim.advance_to(last).into_iter().map(|e| (None, e)));
    Played { steps, events }
}
