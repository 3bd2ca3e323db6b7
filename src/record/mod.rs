//! Transcripts: every game is written down as it happens, one RON value per
//! line: a header, then every player action with its game time, every
//! observable event, and the player's answers at the end. A transcript
//! replays into the exact same game (the engine is deterministic), so it is
//! also a save file and the source of the debrief.
//!
//! Durability: the writer flushes after every line, so a crash or `kill -9`
//! loses at most the line being written; the reader tolerates a torn last
//! line. This module is pure: it writes to and reads from whatever the front
//! end hands it.

pub mod debrief;
mod read;
pub mod reload;
mod replay;
pub mod summary;

pub use read::{Flow, MAX_LINE, MAX_PROBLEMS, Reader};
pub use reload::{Rebuilt, Unapplied, new_sim, reload};
pub use replay::{Divergence, Replay, Scenarios, Step, fork, replay, replay_to, replay_until};

pub use crate::base::states::Feeling;
use crate::scenario::{Millis, Scenario};
use crate::sim::{Action, Event, Sim, Support};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::sync::Arc;

/// The transcript format this build writes. Older formats still read: format
/// 1 lacks the scenario's source, real times, pauses, speed and focus, which
/// are simply absent; format 2 counted a choice among those on screen
/// (`Choose(n)`, read as `Action::ChooseOnScreen`), where format 3 writes the
/// choice's own number (`Choice(n)`), which stays put when another is taken.
pub const FORMAT: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    Practice,
    RealTime,
}

/// The first line of every transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The scenario's id, and where it came from (`built-in` or a path).
    pub scenario: String,
    pub origin: String,
    /// A hash of the scenario's text, to notice a changed scenario on replay.
    pub hash: String,
    pub seed: u64,
    pub player: String,
    pub mode: Mode,
    pub speed: f64,
    /// When the game began, as the player's clock said (RFC 3339, UTC).
    pub started: String,
    /// How much help the game gave. Transcripts from before support levels
    /// were chosen have none: they were all assisted.
    #[serde(default)]
    pub support: Support,
    /// Set when this game was forked from a moment of another ("what if"):
    /// older transcripts, and games started afresh, have none.
    /// Boxed: most games have none, and every entry is as big as a header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fork: Option<Box<Fork>>,
    /// Set when the game started somewhere other than its opening, for an
    /// author trying a late part (`play --from-test`, `play --scene`):
    /// older transcripts, and games started at the opening, have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Box<Start>>,
}

/// Where a game started that did not start at its scenario's opening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Start {
    /// From a playthrough test's state: the test's first `step` steps,
    /// journaled as the game's first `inputs` actions (so a replay needs
    /// nothing more), given for the author, not by them.
    Test {
        name: String,
        step: usize,
        inputs: usize,
    },
    /// At a scene, with flags and variables set first (`name=value`, as
    /// typed; [`crate::sim::start::scene_start`] reads them on replay).
    Scene {
        scene: String,
        #[serde(default)]
        set: Vec<(String, String)>,
    },
}

impl Header {
    /// Whether the game was played from its scenario's start: neither
    /// forked from another game nor started from a test's state or a scene.
    pub fn from_the_start(&self) -> bool {
        self.fork.is_none() && self.start.is_none()
    }

    /// How many of the first inputs were replayed into the game rather
    /// than given in it (a fork's parent's, a test's).
    pub fn replayed_inputs(&self) -> usize {
        match (self.fork.as_deref(), self.start.as_deref()) {
            (Some(f), _) => f.inputs,
            (None, Some(Start::Test { inputs, .. })) => *inputs,
            _ => 0,
        }
    }

    /// A few words on where the game started, when not at the opening.
    pub fn start_words(&self) -> Option<String> {
        match self.start.as_deref()? {
            Start::Test { name, step, .. } => Some(format!("from test {name}, step {step}")),
            Start::Scene { scene, .. } => Some(format!("from scene {scene}")),
        }
    }
}

impl Header {
    /// What names this game among others: a hash of its scenario, seed,
    /// player and start. A fork keeps its parent's, to notice that the
    /// file at the parent's path now holds another game.
    pub fn id(&self) -> String {
        content_hash(&[
            &self.scenario,
            &self.hash,
            &self.seed.to_string(),
            &self.player,
            &self.started,
        ])
    }
}

/// Where a forked game came from: its parent's transcript and the moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fork {
    /// The parent's transcript, as the path was given to `fork`.
    pub parent: String,
    /// The parent's [`Header::id`].
    pub parent_id: String,
    /// The game time the new game went its own way from.
    pub at: Millis,
    /// How many of the parent's inputs were replayed into it (those given
    /// up to `at`, or fewer when forked between two given at one time).
    #[serde(default)]
    pub inputs: usize,
}

/// The scenario's source as a game was played on it: every file the check
/// read (the main file first, then includes and `file` bodies), under the
/// key its loader knows it by. A transcript stores each distinct version
/// once, named by its [`content_hash`], so it replays after the scenario
/// moved, changed or was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub hash: String,
    pub files: Vec<SourceFile>,
}

/// One file of a [`Source`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub key: String,
    pub text: String,
}

impl Source {
    /// The texts in order, as [`content_hash`] reads them.
    pub fn texts(&self) -> Vec<&str> {
        self.files.iter().map(|f| f.text.as_str()).collect()
    }
}

/// One line of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    Header(Header),
    /// The scenario's source, written once after the header (and again only
    /// for a version not yet stored).
    Source(Source),
    /// A player input, given at this game time. `real` is the player's real
    /// time since the session began, in milliseconds: think time for the
    /// debrief, never read by the engine.
    /// `by` names who gave it when that was not the player: a mentor's
    /// whisper or inject, or anything done while a mentor had the keyboard.
    Action {
        at: Millis,
        action: Action,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        real: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The clock was paused or went on (real-time games); `by` as for an action.
    Pause {
        at: Millis,
        paused: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        real: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// Someone other than the player came, went, or took or gave back the
    /// keyboard (the player is the header's; a mentor is named here).
    Seat {
        at: Millis,
        who: String,
        change: SeatChange,
    },
    /// Where the clock stands, written about once a real second while
    /// someone watches, so a watcher's clock moves between actions. Replay
    /// needs none of them.
    Now {
        at: Millis,
    },
    /// The player changed the game's speed (game seconds per real second).
    Speed {
        at: Millis,
        speed: f64,
    },
    /// The player looked at another pane (`story`, `pager`, `dashboard`, ...).
    Focus {
        at: Millis,
        pane: String,
    },
    /// The graphs a front end keeps on screen from now on without being
    /// asked each time: the TUI's dashboard, written when a game starts or
    /// goes on and whenever the dashboard shows another graph, and with
    /// none when the play screen goes. The debrief counts a graph as looked
    /// at for as long as it was on screen. Replay needs none of them.
    Shown {
        at: Millis,
        graphs: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        real: Option<u64>,
    },
    /// A working hypothesis the player noted ("the WAF rules changed, 70%
    /// sure"), at most [`MAX_HYPOTHESIS`] characters on one line: their
    /// reasoning, for the debrief. Replay ignores it; `real` and `by` as for
    /// an action.
    Hypothesis {
        at: Millis,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        real: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The player noted, during play, that the moment they were at felt
    /// real, felt fake or was confusing: one line, bounded as a hypothesis
    /// is, for the scenario's author (`firedrill stats`). Replay ignores it;
    /// `real` and `by` as for an action. Builds from before it skip the line
    /// as one they cannot read.
    Feedback {
        at: Millis,
        kind: Feeling,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        real: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The author saved the scenario while playing (`play --watch`) and the
    /// game went on from this moment on the version whose [`Source`] has
    /// `hash` (stored before this line): the inputs given so far replayed
    /// into it at their game times, then its clock moved on to `at`
    /// ([`reload`]). `unapplied` says, for the player, which of those
    /// inputs (by their place among the inputs, from 0) no longer apply,
    /// and why. Replays continue on the new version from here; builds from
    /// before it skip the line as unreadable.
    Reload {
        at: Millis,
        hash: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unapplied: Vec<(usize, String)>,
    },
    /// The clock reached this time (written when a game stops, so a resumed
    /// game picks up exactly where it was left).
    Clock {
        to: Millis,
    },
    Event(Event),
    /// An answer to a question asked when the drill ended (empty: the
    /// player skipped it).
    Answer {
        question: String,
        text: String,
    },
}

/// What happened to a watcher's seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeatChange {
    /// Started watching (or was heard from again after going silent).
    Joined,
    /// Stopped watching and said so.
    Left,
    /// Not heard from for [`SILENCE_SECS`]: killed, cut off or suspended.
    Silent,
    /// Took the keyboard: the player's own game keys wait until it is
    /// handed back.
    TookKeyboard,
    /// Gave the keyboard back to the player.
    GaveKeyboard,
}

/// How long (real seconds) a watcher may say nothing before it is
/// journaled as gone: five of its heartbeats missed.
pub const SILENCE_SECS: u64 = 10;

/// The longest hypothesis kept, in characters: a sentence or two.
pub const MAX_HYPOTHESIS: usize = 300;

/// A hypothesis as it is journaled: on one line (whitespace runs become one
/// space), cut at [`MAX_HYPOTHESIS`] characters; `None` when nothing is left.
/// Control characters stay as typed and are made visible where shown.
pub fn hypothesis_text(typed: &str) -> Option<String> {
    let one_line = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one_line.chars().take(MAX_HYPOTHESIS).collect();
    (!cut.is_empty()).then_some(cut)
}

/// The questions every game ends with.
pub const QUESTIONS: [&str; 3] = ["What felt real?", "What felt fake?", "What was confusing?"];

/// What an end-of-game question asks about: the feeling the answer is one
/// of, as an in-game [`Entry::Feedback`] note names it.
pub fn feeling_asked(question: &str) -> Option<Feeling> {
    QUESTIONS
        .iter()
        .position(|q| *q == question)
        .and_then(|i| Feeling::ALL.get(i).copied())
}

/// Appends entries to a transcript, one line each, flushed at once.
#[derive(Debug)]
pub struct Journal<W: Write> {
    out: W,
}

impl<W: Write> Journal<W> {
    /// Starts a transcript: writes its header.
    pub fn start(out: W, header: &Header) -> io::Result<Journal<W>> {
        let mut j = Journal { out };
        j.write(&Entry::Header(header.clone()))?;
        Ok(j)
    }

    /// Continues a transcript that already has its header (resume).
    pub fn append_to(out: W) -> Journal<W> {
        Journal { out }
    }

    pub fn write(&mut self, entry: &Entry) -> io::Result<()> {
        let line = ron::to_string(entry).map_err(io::Error::other)?;
        // One entry per line: the serializer never emits a raw newline
        // (strings escape theirs), so a line is always one whole value.
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }

    pub fn action(
        &mut self,
        at: Millis,
        action: &Action,
        real: Option<u64>,
        by: Option<&str>,
    ) -> io::Result<()> {
        self.write(&Entry::Action {
            at,
            action: action.clone(),
            real,
            by: by.map(str::to_string),
        })
    }

    pub fn events(&mut self, events: &[Event]) -> io::Result<()> {
        for e in events {
            self.write(&Entry::Event(e.clone()))?;
        }
        Ok(())
    }

    pub fn clock(&mut self, to: Millis) -> io::Result<()> {
        self.write(&Entry::Clock { to })
    }

    pub fn answer(&mut self, question: &str, text: &str) -> io::Result<()> {
        self.write(&Entry::Answer {
            question: question.into(),
            text: text.into(),
        })
    }
}

/// A transcript being written to a file (or any sink the front end picks).
pub type Recorder = Journal<Box<dyn Write + Send>>;

/// One input as a transcript recorded it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input<'t> {
    pub at: Millis,
    pub action: &'t Action,
    /// Who gave it when that was not the player (a mentor).
    pub by: Option<&'t str>,
    /// The player's real time when it was given (see [`Entry::Action`]).
    pub real: Option<u64>,
}

/// Something wrong with a line of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// A transcript as read: what could be used, and what could not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transcript {
    pub header: Option<Header>,
    /// The scenario versions the transcript carries (none before format 2).
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
    /// At most [`MAX_PROBLEMS`]; how many more there were is `more_problems`.
    pub problems: Vec<Problem>,
    pub more_problems: usize,
    /// A line was longer than [`MAX_LINE`] and skipped: the transcript was
    /// not read whole, so nothing may be appended to it.
    pub over_limit: bool,
}

impl Transcript {
    /// Reads a transcript's text. Never fails: bad lines become problems
    /// (a torn last line, from a crash, is expected and said so). Files are
    /// read a line at a time with a [`Reader`] instead.
    pub fn read(text: &str) -> Transcript {
        let mut r = Reader::new();
        let torn_tail = !text.is_empty() && !text.ends_with('\n');
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let torn = torn_tail && lines.peek().is_none();
            if line.len() > MAX_LINE {
                if r.too_long() == Flow::Stop {
                    break;
                }
            } else if r.line(line, torn) == Flow::Stop {
                break;
            }
        }
        r.finish()
    }

    /// The inputs, in order.
    pub fn actions(&self) -> impl Iterator<Item = (Millis, &Action)> {
        self.inputs().map(|i| (i.at, i.action))
    }

    /// The inputs, in order.
    pub fn inputs(&self) -> impl Iterator<Item = Input<'_>> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Action {
                at,
                action,
                by,
                real,
            } => Some(Input {
                at: *at,
                action,
                by: by.as_deref(),
                real: *real,
            }),
            _ => None,
        })
    }

    /// The source the game was played on, when the transcript carries it.
    pub fn source(&self) -> Option<&Source> {
        let hash = &self.header.as_ref()?.hash;
        self.sources.iter().find(|s| &s.hash == hash)
    }

    /// The events as recorded.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Event(ev) => Some(ev),
            _ => None,
        })
    }

    /// The last game time the transcript knows of.
    pub fn last_time(&self) -> Millis {
        self.entries
            .iter()
            .map(|e| match e {
                Entry::Action { at, .. }
                | Entry::Pause { at, .. }
                | Entry::Speed { at, .. }
                | Entry::Focus { at, .. }
                | Entry::Shown { at, .. }
                | Entry::Hypothesis { at, .. }
                | Entry::Feedback { at, .. }
                | Entry::Seat { at, .. }
                | Entry::Reload { at, .. }
                | Entry::Now { at } => *at,
                Entry::Clock { to } => *to,
                Entry::Event(ev) => ev.at,
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// The last real time the transcript knows of (the player's time in
    /// the game, pauses excluded); `None` when nothing carries one.
    pub fn last_real(&self) -> Option<u64> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Action { real, .. }
                | Entry::Pause { real, .. }
                | Entry::Shown { real, .. }
                | Entry::Hypothesis { real, .. }
                | Entry::Feedback { real, .. } => *real,
                _ => None,
            })
            .max()
    }

    /// The hypotheses the player noted, in order: (game time, real time,
    /// text, who noted it when that was not the player).
    pub fn hypotheses(&self) -> impl Iterator<Item = (Millis, Option<u64>, &str, Option<&str>)> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Hypothesis { at, text, real, by } => {
                Some((*at, *real, text.as_str(), by.as_deref()))
            }
            _ => None,
        })
    }

    pub fn answers(&self) -> Vec<(String, String)> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Answer { question, text } => Some((question.clone(), text.clone())),
                _ => None,
            })
            .collect()
    }
}

/// A stable hash of a scenario's text (FNV-1a, 64 bits, as hex): enough to
/// notice that a scenario changed since a transcript was made.
pub fn content_hash(texts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in texts {
        for b in t.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Plays one of a scenario's playthrough tests and records it as a front end
/// would, ending with the three answers: the transcripts behind the golden
/// debriefs and the benchmarks. `hash` is the scenario's [`content_hash`].
pub fn record_playthrough(sc: &Arc<Scenario>, hash: &str, test: usize) -> io::Result<String> {
    record_playthrough_with(sc, hash, test, Support::default())
}

/// [`record_playthrough`] at a support level.
pub fn record_playthrough_with(
    sc: &Arc<Scenario>,
    hash: &str,
    test: usize,
    support: Support,
) -> io::Result<String> {
    let t = sc
        .tests
        .get(test)
        .ok_or_else(|| io::Error::other(format!("no playthrough test #{test}")))?;
    let header = Header {
        format: FORMAT,
        scenario: sc.meta.id.clone(),
        origin: "built-in".into(),
        hash: hash.into(),
        seed: t.seed,
        player: "test".into(),
        mode: Mode::Practice,
        speed: 1.0,
        started: "2026-11-26T09:00:00Z".into(),
        support,
        fork: None,
        start: None,
    };
    let mut out = Vec::new();
    let mut j = Journal::start(&mut out, &header)?;
    let mut sim = Sim::with_support(sc.clone(), t.seed, header.support);
    j.events(&sim.drain())?;
    // The player's hypotheses go in between the steps, as a player notes them.
    let note = |j: &mut Journal<&mut Vec<u8>>, n: usize, at: Millis| -> io::Result<()> {
        for (_, text) in t.hypotheses.iter().filter(|(after, _)| *after == n) {
            if let Some(text) = hypothesis_text(text) {
                j.write(&Entry::Hypothesis {
                    at,
                    text,
                    real: None,
                    by: None,
                })?;
            }
        }
        Ok(())
    };
    for (n, step) in t.steps.iter().enumerate() {
        if sim.is_over() {
            break;
        }
        note(&mut j, n, sim.now())?;
        if let Some(at) = step.at {
            j.events(&sim.advance_to(at))?;
        }
        let action = crate::sim::playtest::action_for(sc, &step.input);
        j.action(sim.now(), &action, None, None)?;
        j.events(&sim.apply(action))?;
    }
    if !sim.is_over() {
        note(&mut j, t.steps.len(), sim.now())?;
    }
    j.events(&sim.advance_to(Millis::MAX))?;
    j.clock(sim.now())?;
    for q in QUESTIONS {
        j.answer(q, "an answer")?;
    }
    String::from_utf8(out).map_err(io::Error::other)
}

#[cfg(test)]
pub(crate) mod tests;
