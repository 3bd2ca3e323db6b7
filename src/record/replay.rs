//! One replay: a transcript's actions played again on its scenario, step by
//! step. Debrief, review, resume and verification all read a game through
//! this, so they agree on what happened and when.

use super::reload::{Given, reload};
use super::{Entry, Transcript};
use crate::scenario::{DocId, Millis, Scenario};
use crate::sim::{Action, Event, EventKind, Sim};
use std::sync::Arc;

/// The versions of a scenario a game was played on: the one it started
/// on, and each one a hot reload moved it onto, by content hash. A
/// version missing here leaves the replay on the one before (best effort,
/// said as a divergence).
#[derive(Debug, Clone)]
pub struct Scenarios {
    pub first: Arc<Scenario>,
    pub reloaded: Vec<(String, Arc<Scenario>)>,
}

impl From<Arc<Scenario>> for Scenarios {
    fn from(first: Arc<Scenario>) -> Scenarios {
        Scenarios {
            first,
            reloaded: Vec::new(),
        }
    }
}

impl Scenarios {
    fn version(&self, hash: &str) -> Option<Arc<Scenario>> {
        self.reloaded
            .iter()
            .find(|(h, _)| h == hash)
            .map(|(_, sc)| sc.clone())
    }
}

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
pub fn replay(sc: impl Into<Scenarios>, t: &Transcript) -> Replay {
    let mut r = play(&sc.into(), t, t.last_time(), None, &mut |_| {});
    r.divergence = diverges(t, &r.events);
    r
}

/// The game as it stood at game time `until`: every action given up to then
/// applied, the clock moved on to it. Its events are what the player had
/// seen by then (mentor review rebuilds the screen from them). A `wait`
/// that ran past `until` is cut there, so the moments inside it (the
/// tutorial's first page) can be shown too.
pub fn replay_until(sc: impl Into<Scenarios>, t: &Transcript, until: Millis) -> Replay {
    play(&sc.into(), t, until, Some(usize::MAX), &mut |_| {})
}

/// As [`replay_until`], applying at most the first `inputs` inputs: a
/// moment between two inputs given at the same game time (one done just
/// as the next was given) is a moment too.
pub fn replay_to(sc: impl Into<Scenarios>, t: &Transcript, until: Millis, inputs: usize) -> Replay {
    play(&sc.into(), t, until, Some(inputs), &mut |_| {})
}

/// The game at `until` as [`replay_to`] rebuilds it (at most `inputs`
/// inputs), with the entries a new transcript starting from that moment
/// holds: the events and the actions in order (a cut `wait` as cut), then
/// the clock. Think times are left out: they were the parent's player's,
/// not the new game's.
pub fn fork(
    sc: impl Into<Scenarios>,
    t: &Transcript,
    until: Millis,
    inputs: usize,
) -> (Replay, Vec<Entry>) {
    let mut entries = Vec::new();
    let r = play(&sc.into(), t, until, Some(inputs), &mut |e| entries.push(e));
    entries.push(Entry::Clock { to: r.sim.now() });
    (r, entries)
}

/// Plays `t`'s inputs up to `until`, at most `limit` of them; with a
/// limit, a wait running past `until` is cut there (a whole replay keeps
/// every wait whole). `journal` is given every event and action as applied.
fn play(
    scs: &Scenarios,
    t: &Transcript,
    until: Millis,
    limit: Option<usize>,
    journal: &mut dyn FnMut(Entry),
) -> Replay {
    let cut = limit.is_some();
    let limit = limit.unwrap_or(usize::MAX);
    let sc = scs.first.clone();
    let seed = t.header.as_ref().map_or(sc.meta.seed, |h| h.seed);
    let support = t.header.as_ref().map(|h| h.support).unwrap_or_default();
    let start = t.header.as_ref().and_then(|h| h.start.as_deref());
    let sim = super::new_sim(sc.clone(), seed, support, start)
        .unwrap_or_else(|_| Sim::with_support(sc, seed, support));
    let mut r = Replay {
        sim,
        events: Vec::new(),
        causes: Vec::new(),
        steps: Vec::new(),
        divergence: None,
    };
    let opening = r.sim.drain();
    take(&mut r, journal, None, opening);
    // Where the shell started, and whether it has been anywhere else since.
    let mut walk = Walk {
        first_host: r.sim.host_among_several(),
        moved: false,
        cut: cut.then_some(until),
        given: Vec::new(),
    };
    for entry in &t.entries {
        match entry {
            Entry::Action {
                at,
                action,
                by,
                real,
            } => {
                if *at > until || r.steps.len() >= limit || r.sim.is_over() {
                    break;
                }
                let input = super::Input {
                    at: *at,
                    action,
                    by: by.as_deref(),
                    real: *real,
                };
                walk.step(&mut r, journal, input);
            }
            Entry::Reload { at, hash, .. } if *at <= until && !r.sim.is_over() => {
                let Some(new) = scs.version(hash) else {
                    continue;
                };
                if let Some(source) = t.sources.iter().find(|s| &s.hash == hash) {
                    journal(Entry::Source(source.clone()));
                }
                let how = (seed, support, start);
                let rebuilt = reload(new, r.sim.scenario(), how, &walk.given, *at);
                r.sim = rebuilt.sim;
                journal(entry.clone());
            }
            _ => {}
        }
    }
    let rest = r.sim.advance_to(until);
    take(&mut r, journal, None, rest);
    r
}

/// Events into the replay, and into the journal.
fn take(r: &mut Replay, j: &mut dyn FnMut(Entry), cause: Option<usize>, events: Vec<Event>) {
    for e in &events {
        j(Entry::Event(e.clone()));
    }
    r.take(cause, events);
}

/// What a replay keeps between inputs.
struct Walk {
    first_host: Option<String>,
    /// Whether the shell has been anywhere but where it started.
    moved: bool,
    /// A wait running past this moment is cut there (fork, review).
    cut: Option<Millis>,
    /// The inputs given so far, for a hot reload to replay.
    given: Vec<Given>,
}

impl Walk {
    /// Plays one input: the clock moved on to its time, then it applied.
    fn step(&mut self, r: &mut Replay, journal: &mut dyn FnMut(Entry), input: super::Input<'_>) {
        let (at, by) = (input.at, input.by);
        let waited = r.sim.advance_to(at);
        take(r, journal, None, waited);
        let action = &r.sim.normalize(input.action.clone());
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
        self.moved |= here != self.first_host;
        let host = match action {
            Action::Run(_) if self.moved => here,
            _ => None,
        };
        let reads = match action {
            Action::Run(line) if !r.sim.is_over() => r.sim.logs_read_by(line),
            _ => Vec::new(),
        };
        let applied = match (action, self.cut) {
            (Action::Wait(d), Some(until)) if at.saturating_add(*d) > until => {
                Action::Wait(until.saturating_sub(at))
            }
            (other, _) => other.clone(),
        };
        journal(Entry::Action {
            at,
            action: applied.clone(),
            real: None,
            by: by.map(str::to_string),
        });
        let own = r.sim.apply(applied.clone());
        self.given.push(Given {
            at,
            action: applied,
            refused: own.iter().any(|e| matches!(e.kind, EventKind::Rejected(_))),
        });
        let cause = Some(r.steps.len());
        take(r, journal, cause, own.clone());
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
