//! One replay: a transcript's actions played again on its scenario, step by
//! step. Debrief, review, resume and verification all read a game through
//! this, so they agree on what happened and when.

use super::{Entry, Transcript};
use crate::scenario::{DocId, Millis, Scenario};
use crate::sim::{Action, Event, Sim};
use std::sync::Arc;

/// One player input as replayed: what was on screen, and what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub at: Millis,
    pub action: Action,
    /// Who gave it when that was not the player (a mentor).
    pub by: Option<String>,
    /// The player's real time when it was given, pauses excluded (`None`
    /// in transcripts without real times: tests, older ones).
    pub real: Option<u64>,
    /// The choices on screen when it was given (only for a choice, which is
    /// the one action whose meaning depends on them).
    pub choices: Vec<(u32, String)>,
    /// Its own events (the time it took included).
    pub events: Vec<Event>,
    /// For a shell line, the line as the shell ran it: `!!` expanded, so a
    /// repeated command is known for what it was.
    pub ran: Option<String>,
    /// For a shell line typed once the player had left the host they
    /// started on, the host it was typed on: the same line means something
    /// else on `db1` than on `db2`, and before any move there is no doubt.
    pub host: Option<String>,
    /// The logs a shell line showed (its command's `reads log`, as the game
    /// stood when it ran).
    pub reads: Vec<DocId>,
    /// The game time once it was done (a command or a choice takes time).
    pub done: Millis,
}

/// Where a replay went another way than the recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The first event that differs, as recorded and as replayed.
    pub recorded: Option<Event>,
    pub replayed: Option<Event>,
    pub index: usize,
}

/// A transcript played again.
#[derive(Debug, Clone)]
pub struct Replay {
    pub sim: Sim,
    /// Every event of the replay, in order.
    pub events: Vec<Event>,
    /// For each event, the step (index into `steps`) whose action caused it;
    /// `None` for what the clock brought.
    pub causes: Vec<Option<usize>>,
    pub steps: Vec<Step>,
    /// `None` when the replay matches the recording event for event (or was
    /// stopped early, which compares nothing).
    pub divergence: Option<Divergence>,
}

impl Replay {
    /// The actions with the game time each was given at.
    pub fn actions(&self) -> impl Iterator<Item = (Millis, &Action)> {
        self.steps.iter().map(|s| (s.at, &s.action))
    }

    /// Every event with the step that caused it.
    pub fn caused(&self) -> impl Iterator<Item = (Option<usize>, &Event)> {
        self.causes.iter().copied().zip(&self.events)
    }

    fn take(&mut self, cause: Option<usize>, events: Vec<Event>) {
        self.causes.extend(std::iter::repeat_n(cause, events.len()));
        self.events.extend(events);
    }
}

/// Re-simulates a whole transcript and compares the events with the
/// recording. Best effort on a changed scenario: it never fails.
pub fn replay(sc: Arc<Scenario>, t: &Transcript) -> Replay {
    let mut r = play(sc, t, t.last_time(), None, &mut |_| {});
    r.divergence = diverges(t, &r.events);
    r
}

/// The game as it stood at game time `until`: every action given up to then
/// applied, the clock moved on to it. Its events are what the player had
/// seen by then (mentor review rebuilds the screen from them). A `wait`
/// that ran past `until` is cut there, so the moments inside it (the
/// tutorial's first page) can be shown too.
pub fn replay_until(sc: Arc<Scenario>, t: &Transcript, until: Millis) -> Replay {
    play(sc, t, until, Some(usize::MAX), &mut |_| {})
}

/// As [`replay_until`], applying at most the first `inputs` inputs: a
/// moment between two inputs given at the same game time (one done just
/// as the next was given) is a moment too.
pub fn replay_to(sc: Arc<Scenario>, t: &Transcript, until: Millis, inputs: usize) -> Replay {
    play(sc, t, until, Some(inputs), &mut |_| {})
}

/// The game at `until` as [`replay_to`] rebuilds it (at most `inputs`
/// inputs), with the entries a new transcript starting from that moment
/// holds: the events and the actions in order (a cut `wait` as cut), then
/// the clock. Think times are left out: they were the parent's player's,
/// not the new game's.
pub fn fork(
    sc: Arc<Scenario>,
    t: &Transcript,
    until: Millis,
    inputs: usize,
) -> (Replay, Vec<Entry>) {
    let mut entries = Vec::new();
    let r = play(sc, t, until, Some(inputs), &mut |e| entries.push(e));
    entries.push(Entry::Clock { to: r.sim.now() });
    (r, entries)
}

/// Plays `t`'s inputs up to `until`, at most `limit` of them; with a
/// limit, a wait running past `until` is cut there (a whole replay keeps
/// every wait whole). `journal` is given every event and action as applied.
fn play(
    sc: Arc<Scenario>,
    t: &Transcript,
    until: Millis,
    limit: Option<usize>,
    journal: &mut dyn FnMut(Entry),
) -> Replay {
    let cut = limit.is_some();
    let limit = limit.unwrap_or(usize::MAX);
    let seed = t.header.as_ref().map_or(sc.meta.seed, |h| h.seed);
    let support = t.header.as_ref().map(|h| h.support).unwrap_or_default();
    let mut sim = Sim::with_support(sc, seed, support);
    let opening = sim.drain();
    let mut r = Replay {
        sim,
        events: Vec::new(),
        causes: Vec::new(),
        steps: Vec::new(),
        divergence: None,
    };
    let take = |r: &mut Replay, j: &mut dyn FnMut(Entry), cause, events: Vec<Event>| {
        for e in &events {
            j(Entry::Event(e.clone()));
        }
        r.take(cause, events);
    };
    take(&mut r, journal, None, opening);
    // Where the shell started, and whether it has been anywhere else since.
    let first_host = r.sim.host_among_several();
    let mut moved = false;
    for input in t.inputs().take_while(|i| i.at <= until).take(limit) {
        let (at, action, by) = (input.at, input.action, input.by);
        if r.sim.is_over() {
            break;
        }
        let waited = r.sim.advance_to(at);
        take(&mut r, journal, None, waited);
        let action = &r.sim.normalize(action.clone());
        let choices = if matches!(action, Action::Choose(_) | Action::ChooseOnScreen(_)) {
            r.sim.choices()
        } else {
            Vec::new()
        };
        let ran = match action {
            Action::Run(line) => Some(r.sim.expanded(line).unwrap_or_else(|| line.trim().into())),
            _ => None,
        };
        let here = r.sim.host_among_several();
        moved |= here != first_host;
        let host = match action {
            Action::Run(_) if moved => here,
            _ => None,
        };
        let reads = match action {
            Action::Run(line) if !r.sim.is_over() => r.sim.logs_read_by(line),
            _ => Vec::new(),
        };
        let applied = match action {
            Action::Wait(d) if cut && at.saturating_add(*d) > until => {
                Action::Wait(until.saturating_sub(at))
            }
            other => other.clone(),
        };
        let entry = Entry::Action {
            at,
            action: applied.clone(),
            real: None,
            by: by.map(str::to_string),
        };
        journal(entry);
        let own = r.sim.apply(applied);
        let cause = Some(r.steps.len());
        take(&mut r, journal, cause, own.clone());
        r.steps.push(Step {
            at,
            action: action.clone(),
            by: by.map(str::to_string),
            real: input.real,
            choices,
            events: own,
            ran,
            host,
            reads,
            done: r.sim.now(),
        });
    }
    let rest = r.sim.advance_to(until);
    take(&mut r, journal, None, rest);
    r
}

/// The first place the replayed events differ from the recorded ones. A
/// recording cut short (a crash) is not a divergence.
fn diverges(t: &Transcript, replayed: &[Event]) -> Option<Divergence> {
    let recorded: Vec<&Event> = t.events().collect();
    let i = (0..recorded.len()).find(|&i| Some(recorded[i]) != replayed.get(i))?;
    Some(Divergence {
        recorded: recorded.get(i).map(|e| (*e).clone()),
        replayed: replayed.get(i).cloned(),
        index: i,
    })
}
