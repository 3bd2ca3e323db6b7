//! The debrief's view of the one replay: each player input with its own
//! events and the choices on screen when it was given, and every event
//! tagged with the input that caused it.

use crate::record::Replay;
use crate::sim::Event;

pub(super) use crate::record::Step;

/// Every event of the game, tagged with the step that caused it.
pub(super) struct Played<'r> {
    pub steps: &'r [Step],
    pub events: Vec<(Option<usize>, &'r Event)>,
}

/// The replay's steps, and its events with their causes.
pub(super) fn play_steps(r: &Replay) -> Played<'_> {
    Played {
        steps: &r.steps,
        events: r.caused().collect(),
    }
}
