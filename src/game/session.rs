//! One game being played, whatever the front end: the engine, the
//! transcript it is written to, and the clock (real time at a speed, or
//! practice, where only actions move it). This is the only place where a
//! player's action is applied and journaled, and where real time becomes
//! game time.

use crate::record::{Entry, Feeling, Recorder, SeatChange};
use crate::scenario::{Millis, Scenario};
use crate::sim::{Action, Event, Sim, Support};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How a game's clock runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Turn-based: the clock moves only by what actions cost and `wait`.
    pub practice: bool,
    /// Game seconds per real second, in real time.
    pub speed: f64,
}

impl Pace {
    /// The pace a recorded game was started at, from its transcript's header.
    pub fn recorded(h: &crate::record::Header) -> Pace {
        Pace {
            practice: h.mode == crate::record::Mode::Practice,
            speed: h.speed,
        }
    }
}

/// The fastest and slowest speeds a game may run at.
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.25..=1000.0;

/// Where the real time that actions are stamped with comes from: the
/// player's think time, kept for the debrief and never read by the engine.
/// Tests use `None` (transcripts stay byte-for-byte the same) or a
/// [`ScriptedClock`] they move themselves.
#[derive(Debug, Clone)]
pub enum Wall {
    /// The machine's monotonic clock, counted from this instant.
    Real(Instant),
    /// A clock the caller moves (tests).
    Scripted(ScriptedClock),
    None,
}

impl Wall {
    /// Milliseconds since the clock began, pauses included.
    fn read(&self) -> Option<u64> {
        match self {
            Wall::Real(start) => {
                Some(u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX))
            }
            Wall::Scripted(c) => Some(c.now()),
            Wall::None => None,
        }
    }
}

/// A real-time clock a test drives: it reads what it was last moved to.
#[derive(Debug, Clone, Default)]
pub struct ScriptedClock(Arc<std::sync::atomic::AtomicU64>);

impl ScriptedClock {
    /// Milliseconds since the game began, as the test set them.
    pub fn now(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Moves the clock on by `ms`.
    pub fn advance(&self, ms: u64) {
        self.0.fetch_add(ms, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The player's real time in the game: the wall clock less the time spent
/// paused, going on from where an earlier part of the game left off.
#[derive(Debug, Clone)]
struct RealTime {
    wall: Wall,
    /// Real time already played before this session (a resumed game).
    before: u64,
    /// Wall time spent paused so far.
    paused_for: u64,
    /// The wall reading when the current pause began.
    paused_at: Option<u64>,
}

impl RealTime {
    /// Real time played so far, pauses excluded.
    fn now(&self) -> Option<u64> {
        let wall = self.paused_at.or_else(|| self.wall.read())?;
        Some(
            self.before
                .saturating_add(wall.saturating_sub(self.paused_for)),
        )
    }

    /// The clock stopped or went on.
    fn pause(&mut self, paused: bool) {
        let Some(wall) = self.wall.read() else {
            return;
        };
        match (paused, self.paused_at) {
            (true, None) => self.paused_at = Some(wall),
            (false, Some(at)) => {
                self.paused_for += wall.saturating_sub(at);
                self.paused_at = None;
            }
            _ => {}
        }
    }
}

/// Where a game is recorded: the journal and the path to tell the player.
pub struct Recording {
    pub journal: Recorder,
    pub path: String,
}

impl std::fmt::Debug for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recording")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What a hot reload did (see [`Session::reload`]).
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// Everything the new version shows, from its start to the moment.
    pub events: Vec<Event>,
    /// The inputs that no longer apply, and why.
    pub unapplied: Vec<crate::record::Unapplied>,
    /// How many inputs were replayed.
    pub inputs: usize,
}

impl Reloaded {
    /// "reloaded: 14 of 15 actions replayed; `restart api` at T+03:10 no
    /// longer matches a command", made printable.
    pub fn describe(&self, version: usize) -> String {
        let applied = self.inputs - self.unapplied.len().min(self.inputs);
        let mut s = format!(
            "reloaded v{version}: {applied} of {} action(s) replayed",
            self.inputs
        );
        for u in &self.unapplied {
            s.push_str("; ");
            s.push_str(&u.describe());
        }
        crate::base::printable::printable(&s)
    }
}

/// A game in progress.
#[derive(Debug)]
pub struct Session {
    sim: Sim,
    recording: Option<Recording>,
    /// Where the transcript is, kept after a failed write stopped it.
    transcript: Option<String>,
    /// Why the recording stopped, until the front end takes it to show.
    stopped: Option<String>,
    pace: Pace,
    paused: bool,
    /// Game time owed to the clock, in fractions of a millisecond.
    owed: f64,
    real: RealTime,
    /// The mentor who has the keyboard, if one has.
    keyboard: Option<String>,
    /// The mentors watching now.
    watchers: std::collections::BTreeSet<String>,
    /// The last time written as an [`Entry::Now`], while watched.
    shown_now: Option<Millis>,
    /// Every input given in this session, for a hot reload to replay.
    given: Vec<crate::record::reload::Given>,
    /// Where the game started, when not at the opening (its header's).
    start: Option<crate::record::Start>,
    /// The versions of the scenario stored in the transcript by a reload.
    stored: Vec<String>,
}

impl Session {
    /// Starts a new game at a support level, returning it and its opening
    /// events, which are journaled when it is recorded (the transcript's
    /// header carries the same level, so the game replays the same).
    pub fn start(
        sc: Arc<Scenario>,
        seed: u64,
        support: Support,
        pace: Pace,
        recording: Option<Recording>,
        wall: Wall,
    ) -> (Session, Vec<Event>) {
        Session::start_on(Sim::with_support(sc, seed, support), pace, recording, wall)
    }

    /// [`Session::start`] with a game already set up (at a scene: see
    /// [`crate::sim::start`]); `sim` has given no events yet.
    pub fn start_on(
        mut sim: Sim,
        pace: Pace,
        recording: Option<Recording>,
        wall: Wall,
    ) -> (Session, Vec<Event>) {
        let opening = sim.drain();
        let mut s = Session::resume(sim, pace, recording, wall);
        s.record(|j| j.events(&opening));
        (s, opening)
    }

    /// Goes on with a game rebuilt from its transcript (or shown for review:
    /// then with no recording and paused).
    pub fn resume(sim: Sim, pace: Pace, recording: Option<Recording>, wall: Wall) -> Session {
        let transcript = recording.as_ref().map(|r| r.path.clone());
        Session {
            sim,
            recording,
            transcript,
            stopped: None,
            pace: Pace {
                speed: pace.speed.clamp(*SPEEDS.start(), *SPEEDS.end()),
                ..pace
            },
            paused: false,
            owed: 0.0,
            real: RealTime {
                wall,
                before: 0,
                paused_for: 0,
                paused_at: None,
            },
            keyboard: None,
            watchers: std::collections::BTreeSet::new(),
            shown_now: None,
            given: Vec::new(),
            start: None,
            stored: Vec::new(),
        }
    }

    /// The game started where its header's `start` says (a hot reload
    /// starts the new version there too).
    #[must_use]
    pub fn starting(mut self, start: Option<crate::record::Start>) -> Session {
        self.start = start;
        self
    }

    /// Real time goes on from `ms`, the last real time an earlier part of
    /// this game recorded (a resumed game), instead of from zero.
    #[must_use]
    pub fn real_from(mut self, ms: u64) -> Session {
        self.real.before = ms;
        self
    }

    /// The engine, to read from. Changes go through the session.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    pub fn scenario(&self) -> &Scenario {
        self.sim.scenario()
    }

    pub fn now(&self) -> Millis {
        self.sim.now()
    }

    pub fn is_over(&self) -> bool {
        self.sim.is_over()
    }

    pub fn pace(&self) -> Pace {
        self.pace
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Whether the game is being recorded now.
    pub fn is_recording(&self) -> bool {
        self.recording.is_some()
    }

    /// The transcript's path, if the game was recorded at all.
    pub fn transcript(&self) -> Option<&str> {
        self.transcript.as_deref()
    }

    /// Why the recording stopped, once, for the front end to show.
    pub fn take_stopped(&mut self) -> Option<String> {
        self.stopped.take()
    }

    /// Writes to the transcript; a failing disk stops the recording, never the game.
    fn record(&mut self, f: impl FnOnce(&mut Recorder) -> std::io::Result<()>) {
        let Some(rec) = &mut self.recording else {
            return;
        };
        if let Err(e) = f(&mut rec.journal) {
            self.recording = None;
            self.stopped = Some(format!("recording stopped: {e}"));
        }
    }

    /// Applies a player's action: journaled first (so a crash mid-action
    /// still shows what was tried), then its events.
    pub fn act(&mut self, action: Action) -> Vec<Event> {
        self.act_by(action, None)
    }

    /// Applies an action given by `by` (a mentor), or by the player (`None`).
    pub fn act_by(&mut self, action: Action, by: Option<&str>) -> Vec<Event> {
        let (at, real) = (self.sim.now(), self.real.now());
        self.record(|j| j.action(at, &action, real, by));
        let given = action.clone();
        let events = self.sim.apply(action);
        self.record(|j| j.events(&events));
        self.given.push(crate::record::reload::Given {
            at,
            action: given,
            refused: events
                .iter()
                .any(|e| matches!(e.kind, crate::sim::EventKind::Rejected(_))),
        });
        events
    }

    /// Gives an action at game time `at` (a test's step): the clock is
    /// moved on to it first, when it is later. Returns both steps' events.
    pub fn act_at(&mut self, at: Option<Millis>, action: Action) -> Vec<Event> {
        let mut events = match at {
            Some(at) if at > self.sim.now() => self.sim.advance_to(at),
            _ => Vec::new(),
        };
        self.record(|j| j.events(&events));
        if !self.sim.is_over() {
            events.extend(self.act(action));
        }
        events
    }

    /// How many inputs this session has given.
    pub fn inputs(&self) -> usize {
        self.given.len()
    }

    /// Moves the game onto a new version of its scenario at the moment it
    /// stands at (a hot reload): every input given so far is replayed into
    /// it at its game time ([`crate::record::reload`]); the transcript
    /// stores the version's source (once) and journals the reload, so a
    /// replay goes on on the new version from here. The clock stands still
    /// meanwhile. Returns what the new version shows from its start, and
    /// the inputs that no longer apply.
    pub fn reload(&mut self, sc: Arc<Scenario>, source: crate::record::Source) -> Reloaded {
        let at = self.sim.now();
        let how = (self.sim.seed(), self.sim.support(), self.start.as_ref());
        let rebuilt = crate::record::reload(sc, self.sim.scenario(), how, &self.given, at);
        let hash = source.hash.clone();
        if !self.stored.contains(&hash) {
            self.stored.push(hash.clone());
            self.record(|j| j.write(&Entry::Source(source)));
        }
        let unapplied = rebuilt
            .unapplied
            .iter()
            .map(|u| (u.index, u.describe()))
            .collect();
        self.record(|j| {
            j.write(&Entry::Reload {
                at,
                hash,
                unapplied,
            })
        });
        self.sim = rebuilt.sim;
        Reloaded {
            events: rebuilt.events,
            unapplied: rebuilt.unapplied,
            inputs: self.given.len(),
        }
    }

    /// The mentor who has the keyboard now, if one has.
    pub fn keyboard(&self) -> Option<&str> {
        self.keyboard.as_deref()
    }

    /// The mentors watching now.
    pub fn watchers(&self) -> impl Iterator<Item = &str> {
        self.watchers.iter().map(String::as_str)
    }

    /// A mentor's seat changed: journaled, and the keyboard follows it
    /// (a mentor who leaves or goes silent gives it back).
    pub fn seat(&mut self, who: &str, change: SeatChange) {
        match change {
            SeatChange::Joined => {
                self.watchers.insert(who.to_string());
            }
            SeatChange::Left | SeatChange::Silent => {
                self.watchers.remove(who);
                if self.keyboard.as_deref() == Some(who) {
                    self.keyboard = None;
                }
            }
            SeatChange::TookKeyboard => self.keyboard = Some(who.to_string()),
            SeatChange::GaveKeyboard => self.keyboard = None,
        }
        let at = self.sim.now();
        let who = who.to_string();
        self.record(|j| j.write(&Entry::Seat { at, who, change }));
    }

    /// Writes where the clock stands while someone watches, at most once
    /// per game second, so their clocks move between actions.
    fn show_now(&mut self) {
        let at = self.sim.now();
        if self.watchers.is_empty() || self.shown_now.is_some_and(|s| at / 1000 <= s / 1000) {
            return;
        }
        self.shown_now = Some(at);
        self.record(|j| j.write(&Entry::Now { at }));
    }

    /// Real time passed: moves the game clock at the game's speed (nothing
    /// while paused or in practice). Returns what happened meanwhile.
    pub fn advance_real(&mut self, real: Duration) -> Vec<Event> {
        if self.paused || self.pace.practice || self.sim.is_over() {
            return Vec::new();
        }
        self.owed += real.as_secs_f64() * 1000.0 * self.pace.speed;
        let step = self.owed.floor();
        self.owed -= step;
        // `step` is a whole, non-negative number of milliseconds.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let events = self.sim.advance_by(step as u64);
        self.record(|j| j.events(&events));
        self.show_now();
        events
    }

    /// How long a front end may sleep before the clock next ticks; `None`
    /// while nothing moves on its own (paused, practice, over).
    pub fn next_wake(&self) -> Option<Duration> {
        if self.paused || self.pace.practice || self.sim.is_over() {
            return None;
        }
        let to_next_second = (1000 - self.sim.now() % 1000) as f64;
        Some(Duration::from_secs_f64(
            (to_next_second - self.owed).max(1.0) / 1000.0 / self.pace.speed,
        ))
    }

    /// The program was stopped from outside (suspended) for `d`: that time
    /// is left out of the player's real time, as a pause's is (the front
    /// end keeps it from the game clock too).
    pub fn stopped_for(&mut self, d: Duration) {
        if self.real.paused_at.is_none() {
            let ms = u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
            self.real.paused_for = self.real.paused_for.saturating_add(ms);
        }
    }

    /// Pauses or goes on (real time); journaled.
    pub fn set_paused(&mut self, paused: bool) {
        self.set_paused_by(paused, None);
    }

    /// Pauses or goes on at the word of `by` (a mentor) or the player.
    pub fn set_paused_by(&mut self, paused: bool, by: Option<&str>) {
        if self.paused == paused {
            return;
        }
        self.paused = paused;
        // Stamped with the real time the pause began at (or ended at, which
        // is the same: paused time is not the player's think time).
        if !paused {
            self.real.pause(false);
        }
        let (at, real) = (self.sim.now(), self.real.now());
        if paused {
            self.real.pause(true);
        }
        let by = by.map(str::to_string);
        self.record(|j| {
            j.write(&Entry::Pause {
                at,
                paused,
                real,
                by,
            })
        });
    }

    /// Changes the speed, kept within [`SPEEDS`]; journaled. Returns the speed now.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        let speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end());
        if (speed - self.pace.speed).abs() > f64::EPSILON {
            self.pace.speed = speed;
            let at = self.sim.now();
            self.record(|j| j.write(&Entry::Speed { at, speed }));
        }
        self.pace.speed
    }

    /// The player looked at another pane; journaled, for the debrief's
    /// evidence and for a watching mentor.
    pub fn focus(&mut self, pane: &str) {
        let at = self.sim.now();
        let pane = pane.to_string();
        self.record(|j| j.write(&Entry::Focus { at, pane }));
    }

    /// The graphs on screen from now on (the TUI's dashboard; none when the
    /// play screen goes); journaled, for the debrief's evidence.
    pub fn shown(&mut self, graphs: &[String]) {
        let (at, real) = (self.sim.now(), self.real.now());
        let graphs = graphs.to_vec();
        self.record(|j| j.write(&Entry::Shown { at, graphs, real }));
    }

    /// Notes the player's working hypothesis; journaled for the debrief,
    /// never applied to the game. Returns the text as kept (one line,
    /// bounded), or `None` when it was empty.
    pub fn hypothesis(&mut self, typed: &str, by: Option<&str>) -> Option<String> {
        let text = crate::record::hypothesis_text(typed)?;
        let (at, real) = (self.sim.now(), self.real.now());
        let entry = Entry::Hypothesis {
            at,
            text: text.clone(),
            real,
            by: by.map(str::to_string),
        };
        self.record(|j| j.write(&entry));
        Some(text)
    }

    /// Notes that the moment the player is at felt real, felt fake or was
    /// confusing; journaled for the scenario's author, never applied to
    /// the game. Returns the text as kept (one line, bounded as a
    /// hypothesis is), or `None` when it was empty.
    pub fn feedback(&mut self, kind: Feeling, typed: &str, by: Option<&str>) -> Option<String> {
        let text = crate::record::hypothesis_text(typed)?;
        let (at, real) = (self.sim.now(), self.real.now());
        let entry = Entry::Feedback {
            at,
            kind,
            text: text.clone(),
            real,
            by: by.map(str::to_string),
        };
        self.record(|j| j.write(&entry));
        Some(text)
    }

    /// Follows a game from its transcript, one entry at a time (a watcher's
    /// copy, which records nothing): each action applied at its time, the
    /// clock moved only to times the game wrote (never ahead of it: events,
    /// `Now` while watched, `Clock` at the end), and its pauses, speed and
    /// seats taken. Returns the events this copy saw happen, the
    /// same as the transcript's own `Event` entries (the engine is
    /// deterministic), so a front end shows one or the other, never both.
    pub fn follow(&mut self, entry: &Entry) -> Vec<Event> {
        match entry {
            Entry::Action { at, action, .. } if !self.sim.is_over() => {
                let mut events = self.sim.advance_to(*at);
                events.extend(self.sim.apply(self.sim.normalize(action.clone())));
                events
            }
            Entry::Event(ev) => self.sim.advance_to(ev.at),
            Entry::Clock { to } | Entry::Now { at: to } => self.sim.advance_to(*to),
            Entry::Seat { who, change, .. } => {
                self.seat(who, *change);
                Vec::new()
            }
            Entry::Pause { paused, .. } => {
                self.paused = *paused;
                Vec::new()
            }
            Entry::Speed { speed, .. } => {
                self.pace.speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end());
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Takes the pause, speed and seats (who watches, who has the keyboard)
    /// of entries already replayed (a watcher joining a game in progress),
    /// without touching the clock.
    pub fn catch_up(&mut self, entry: &Entry) {
        if matches!(
            entry,
            Entry::Pause { .. } | Entry::Speed { .. } | Entry::Seat { .. }
        ) {
            self.follow(entry);
        }
    }

    /// The player's answer to one of the end-of-drill questions; an empty
    /// one is recorded too, as the question skipped.
    pub fn answer(&mut self, question: &str, text: &str) {
        let text = text.trim();
        self.record(|j| j.answer(question, text));
    }

    /// Stops recording: marks where the clock stood, so a resumed game picks
    /// up exactly there. Whatever is written after this is nothing.
    pub fn stop(&mut self) {
        let now = self.sim.now();
        self.record(|j| j.clock(now));
        self.recording = None;
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact by construction
mod tests {
    use super::*;
    use crate::record::{self, Transcript};

    fn tutorial() -> Arc<Scenario> {
        let b = crate::library::find("tutorial").unwrap();
        Arc::new(crate::library::check(b).scenario.unwrap())
    }

    /// A session recording into memory; the buffer is shared so the test can read it.
    fn recorded(pace: Pace) -> (Session, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
        recorded_on(pace, Wall::None)
    }

    /// [`recorded`], stamping real time from `wall`.
    fn recorded_on(pace: Pace, wall: Wall) -> (Session, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
        #[derive(Clone)]
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let header = record::Header {
            format: record::FORMAT,
            scenario: "tutorial".into(),
            origin: "built-in".into(),
            hash: String::new(),
            seed: 7,
            player: "test".into(),
            mode: if pace.practice {
                record::Mode::Practice
            } else {
                record::Mode::RealTime
            },
            speed: pace.speed,
            started: "2026-12-02T12:00:00Z".into(),
            support: Support::default(),
            fork: None,
            start: None,
        };
        let out = Box::new(Shared(buf.clone())) as Box<dyn std::io::Write + Send>;
        let journal = record::Journal::start(out, &header).unwrap();
        let rec = Recording {
            journal,
            path: "mem".into(),
        };
        let (s, _) = Session::start(tutorial(), 7, Support::default(), pace, Some(rec), wall);
        (s, buf)
    }

    #[test]
    fn real_time_follows_the_speed_and_stops_when_paused() {
        let pace = Pace {
            practice: false,
            speed: 2.0,
        };
        let (mut s, _) = recorded(pace);
        s.advance_real(Duration::from_millis(1500));
        assert_eq!(s.now(), 3000);
        s.set_paused(true);
        s.advance_real(Duration::from_secs(60));
        assert_eq!(s.now(), 3000);
        assert_eq!(s.next_wake(), None);
        s.set_paused(false);
        // Fractions add up instead of being lost.
        for _ in 0..3 {
            s.advance_real(Duration::from_micros(333_400));
        }
        assert_eq!(s.now(), 5000);
    }

    /// The real times a transcript's actions and pauses carry, in order.
    fn reals(buf: &std::sync::Mutex<Vec<u8>>) -> Vec<(&'static str, Option<u64>)> {
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        Transcript::read(&text)
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Action { real, .. } => Some(("act", *real)),
                Entry::Pause { paused, real, .. } => {
                    Some((if *paused { "pause" } else { "go" }, *real))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn real_time_leaves_pauses_out_and_goes_on_after_a_resume() {
        let clock = ScriptedClock::default();
        let pace = Pace {
            practice: false,
            speed: 1.0,
        };
        let (mut s, buf) = recorded_on(pace, Wall::Scripted(clock.clone()));
        clock.advance(4_000);
        s.act(Action::Ack(None));
        clock.advance(1_000);
        s.set_paused(true);
        clock.advance(60_000);
        s.set_paused(false);
        clock.advance(2_500);
        s.act(Action::Hint);
        assert_eq!(
            reals(&buf),
            [
                ("act", Some(4_000)),
                ("pause", Some(5_000)),
                ("go", Some(5_000)),
                ("act", Some(7_500)),
            ]
        );
        // A resumed game's clock starts again at zero but its real time goes
        // on from the last one recorded.
        let later = ScriptedClock::default();
        let sim = s.sim().clone();
        let mut resumed =
            Session::resume(sim, pace, None, Wall::Scripted(later.clone())).real_from(7_500);
        later.advance(300);
        assert_eq!(resumed.real.now(), Some(7_800));
        resumed.set_paused(true);
        later.advance(10_000);
        assert_eq!(resumed.real.now(), Some(7_800));
        // Suspended while paused: nothing more is left out.
        resumed.stopped_for(Duration::from_secs(5));
        resumed.set_paused(false);
        later.advance(200);
        assert_eq!(resumed.real.now(), Some(8_000));
        // Suspended (Ctrl-Z) while playing: left out as a pause is.
        later.advance(30_000);
        resumed.stopped_for(Duration::from_secs(30));
        assert_eq!(resumed.real.now(), Some(8_000));
    }

    #[test]
    fn a_reload_is_journaled_and_its_transcript_replays_on_the_new_version() {
        let (mut s, buf) = recorded(Pace {
            practice: true,
            speed: 1.0,
        });
        s.act(Action::Wait(180_000));
        s.act(Action::Ack(None));
        s.act(Action::Run("df -h".into()));
        let b = crate::library::find("tutorial").unwrap();
        let text = String::from_utf8(crate::library::main_file(b).bytes).unwrap();
        let changed = text.replace("Your phone buzzes.", "Your phone buzzes twice.");
        let main = crate::lang::Loaded {
            name: "tutorial.drill".into(),
            key: "tutorial.drill".into(),
            bytes: changed.into_bytes(),
        };
        let checked = crate::lang::check(main, &crate::library::EmbeddedLoader);
        let source = crate::game::catalog::source_of(&checked);
        let new = Arc::new(checked.scenario.unwrap());
        let at = s.now();
        let r = s.reload(new, source);
        assert!(r.unapplied.is_empty(), "{:?}", r.unapplied);
        assert_eq!(r.describe(2), "reloaded v2: 3 of 3 action(s) replayed");
        assert_eq!(s.now(), at, "the clock stands still");
        assert!(r.events.iter().any(|e| matches!(&e.kind,
            crate::sim::EventKind::Narration(t) if t.contains("buzzes twice"))));
        s.act(Action::Wait(60_000));
        s.stop();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let t = Transcript::read(&text);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert!(t.entries.iter().any(|e| matches!(e, Entry::Reload { .. })));
        let opened = crate::game::transcript::open_read(t, "mem").unwrap();
        assert_eq!(opened.replay.divergence, None, "{:?}", opened.warnings);
        assert_eq!(opened.replay.sim.now(), s.now());
        assert!(opened.versions.reloaded.len() == 1);
    }

    #[test]
    fn practice_ignores_real_time() {
        let (mut s, _) = recorded(Pace {
            practice: true,
            speed: 1.0,
        });
        assert!(s.advance_real(Duration::from_secs(600)).is_empty());
        assert_eq!(s.now(), 0);
        assert_eq!(s.next_wake(), None);
    }

    #[test]
    fn actions_pauses_speed_and_focus_are_journaled_and_read_back() {
        let (mut s, buf) = recorded(Pace {
            practice: false,
            speed: 1.0,
        });
        s.act(Action::Wait(60_000));
        s.set_paused(true);
        s.set_paused(false);
        assert_eq!(s.set_speed(5000.0), 1000.0);
        s.focus("pager");
        s.shown(&["edge_cpu".to_string()]);
        assert_eq!(
            s.hypothesis("  the WAF\n rules,  70% sure ", None)
                .as_deref(),
            Some("the WAF rules, 70% sure")
        );
        assert_eq!(s.hypothesis(" \n ", None), None);
        assert_eq!(
            s.feedback(Feeling::Fake, " no one\nrolls back that fast ", None)
                .as_deref(),
            Some("no one rolls back that fast")
        );
        assert_eq!(s.feedback(Feeling::Real, "  ", None), None);
        s.answer("What felt real?", "  the pager  ");
        s.answer("What felt fake?", "   ");
        s.stop();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let t = Transcript::read(&text);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.actions().count(), 1);
        let kinds: Vec<&str> = t
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Pause { paused: true, .. } => Some("pause"),
                Entry::Pause { paused: false, .. } => Some("go"),
                Entry::Speed { .. } => Some("speed"),
                Entry::Focus { .. } => Some("focus"),
                Entry::Shown { .. } => Some("shown"),
                Entry::Hypothesis { .. } => Some("hypothesis"),
                Entry::Feedback {
                    kind: Feeling::Fake,
                    ..
                } => Some("fake"),
                Entry::Clock { .. } => Some("clock"),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "pause",
                "go",
                "speed",
                "focus",
                "shown",
                "hypothesis",
                "fake",
                "clock"
            ]
        );
        let noted: Vec<&str> = t.hypotheses().map(|(_, _, text, _)| text).collect();
        assert_eq!(noted, ["the WAF rules, 70% sure"]);
        assert_eq!(
            t.answers(),
            [
                ("What felt real?".into(), "the pager".into()),
                ("What felt fake?".into(), String::new()),
            ],
            "an empty answer is a question skipped"
        );
        assert_eq!(t.last_time(), s.now());
    }

    #[test]
    fn a_failing_disk_stops_the_recording_not_the_game() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let rec = Recording {
            journal: record::Journal::append_to(Box::new(Full) as Box<dyn std::io::Write + Send>),
            path: "full.ron".into(),
        };
        let pace = Pace {
            practice: true,
            speed: 1.0,
        };
        let (mut s, _) = Session::start(
            tutorial(),
            7,
            Support::default(),
            pace,
            Some(rec),
            Wall::None,
        );
        assert!(!s.is_recording());
        assert_eq!(
            s.take_stopped().as_deref(),
            Some("recording stopped: disk full")
        );
        assert_eq!(s.take_stopped(), None);
        assert_eq!(s.transcript(), Some("full.ron"));
        s.act(Action::Wait(1000));
        assert_eq!(s.now(), 1000);
    }
}
