//! Mentor review: step through a recorded game. Every moment is rebuilt by
//! replaying the transcript up to it, so each pane shows exactly what the
//! player saw then, at every moment (inside a `wait` too). Notes
//! (`review_notes`) are the reviewer's to pin, edit and delete; the
//! front end writes the reviewer's own notes file (every author has one
//! beside the transcript, which itself is never touched). A key forks a new
//! game from the moment on screen.

use super::app::{App, Game, Overlay, Screen};
use super::command::{Command, Context};
use super::config::Key;
use crate::record::debrief::Note;
use crate::record::{Replay, Transcript};
use crate::scenario::{Millis, Scenario};
use crate::sim::eval::format_offset;
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;

/// How far `[` and `]` move.
const SCRUB: Millis = 60_000;

/// A recorded game under review.
#[derive(Debug, Clone)]
pub struct Review {
    pub scenario: Arc<Scenario>,
    /// Every version the game was played on (a hot reload moves it onto
    /// another), for replaying a moment.
    pub versions: crate::record::Scenarios,
    pub transcript: Transcript,
    /// The moment on screen.
    pub at: Millis,
    /// The last moment the transcript knows of.
    pub end: Millis,
    /// The player's decisions: when, and what.
    pub decisions: Vec<(Millis, String)>,
    /// Every moment the game can be shown at, in order, as (game time,
    /// inputs applied by then): the start, each decision, each event (those
    /// inside a `wait` too) and the end. A command or choice takes time and
    /// is shown once done, so the status bar's clock and the review line
    /// always agree.
    pub moments: Vec<(Millis, usize)>,
    /// The moment on screen: an index into `moments`.
    pub pos: usize,
    /// Each decision's moment, an index into `moments`.
    decided: Vec<usize>,
    /// Every note, old and new, of every author, by moment.
    pub notes: Vec<Note>,
    /// Who is reviewing: the author of the notes pinned here, who alone
    /// may edit or delete them.
    pub me: String,
    /// The note selected (an index into `notes`): the one the next and
    /// previous note keys went to, or the first at the moment on screen.
    pub selected: Option<usize>,
    /// The reviewer's notes changed since the front end last saved them.
    pub(super) changed: bool,
    /// What could not be read of the notes files, shown above the notes.
    pub problems: Vec<String>,
    /// The moment to fork a new game from, when the reviewer asked to: its
    /// game time and the inputs applied by then.
    pub fork: Option<(Millis, usize)>,
}

impl Review {
    /// `replay` is the transcript's [`crate::record::replay`].
    pub fn new(
        scenario: Arc<Scenario>,
        transcript: Transcript,
        replay: &Replay,
        mut notes: Vec<Note>,
    ) -> Review {
        // The decisions in the debrief's own words ("chose “…”", "ran `df -h`").
        let decisions: Vec<(Millis, String)> =
            crate::record::debrief::build(&scenario, &transcript, replay, &[])
                .timeline
                .into_iter()
                .filter(|e| e.decision.is_some())
                .map(|e| (Millis::try_from(e.at.ms).unwrap_or(0), e.what))
                .collect();
        let end = transcript.last_time();
        let moments = moments(replay, end);
        let decided = replay
            .steps
            .iter()
            .enumerate()
            .take(decisions.len())
            .map(|(i, step)| {
                let m = (decision_moment(step), i + 1);
                moments.partition_point(|x| *x < m)
            })
            .collect();
        Review {
            versions: scenario.clone().into(),
            scenario,
            transcript,
            at: 0,
            end,
            decisions,
            moments,
            pos: 0,
            decided,
            notes: {
                notes.sort_by_key(|n| n.at);
                notes
            },
            me: "mentor".into(),
            selected: None,
            changed: false,
            problems: Vec::new(),
            fork: None,
        }
    }

    /// The versions of the scenario the game was played on (see
    /// [`crate::game::transcript::Opened::versions`]).
    #[must_use]
    pub fn on(mut self, versions: crate::record::Scenarios) -> Review {
        self.versions = versions;
        self
    }

    /// The reviewer, who writes the notes pinned here.
    #[must_use]
    pub fn by(mut self, me: &str) -> Review {
        me.clone_into(&mut self.me);
        self
    }

    /// What could not be read of the notes files, to show.
    #[must_use]
    pub fn with_problems(mut self, problems: Vec<String>) -> Review {
        self.problems = problems;
        self
    }

    /// The notes at the moment on screen, as indices into `notes`.
    pub fn here(&self) -> Vec<usize> {
        (0..self.notes.len())
            .filter(|i| self.note_moment(*i) == self.pos)
            .collect()
    }

    /// The moment note `i` shows at: the moment on screen when it was
    /// pinned at its time, else the first at its time, else (a note from
    /// before moments, pinned between two) the last before it.
    pub(super) fn note_moment(&self, i: usize) -> usize {
        let t = self.notes[i].at;
        if t == self.at {
            return self.pos;
        }
        let first = self.moments.partition_point(|(m, _)| *m < t);
        match self.moments.get(first) {
            Some((m, _)) if *m == t => first,
            _ => self.moment_of(t),
        }
    }

    /// The moment a note pinned at `t` is shown at: the last at or before it.
    pub(super) fn moment_of(&self, t: Millis) -> usize {
        self.moments
            .partition_point(|(m, _)| *m <= t)
            .saturating_sub(1)
    }

    /// Whether the reviewer wrote note `i`.
    pub fn is_mine(&self, i: usize) -> bool {
        self.notes.get(i).is_some_and(|n| n.author == self.me)
    }

    /// The reviewer's own notes, as their file holds them.
    pub fn mine(&self) -> Vec<Note> {
        self.notes
            .iter()
            .filter(|n| n.author == self.me)
            .cloned()
            .collect()
    }

    /// How many decisions were made up to the moment on screen.
    fn made(&self) -> usize {
        self.decided.iter().filter(|i| **i <= self.pos).count()
    }

    /// The one-line position shown under the panes. Notes and decisions
    /// come from files, so their control characters are made visible (the
    /// terminal layer drops them, which would hide that they are there).
    pub fn position(&self) -> String {
        crate::base::printable::printable(&self.position_raw())
    }

    fn position_raw(&self) -> String {
        let made = self.made();
        let last = match made.checked_sub(1).and_then(|i| self.decisions.get(i)) {
            Some((t, what)) => format!(
                "last decision {made}/{}: {what} at {}",
                self.decisions.len(),
                format_offset(*t)
            ),
            None => format!("no decision yet (of {})", self.decisions.len()),
        };
        let here = self.here();
        let notes = match (
            here.len(),
            self.selected
                .and_then(|s| here.iter().position(|i| *i == s)),
        ) {
            (0, _) => String::new(),
            (1, _) => "  1 note here (below)".into(),
            (n, Some(k)) => format!("  {n} notes here, the {} selected", ordinal(k + 1)),
            (n, None) => format!("  {n} notes here (below)"),
        };
        format!(
            "REVIEW {} of {}  {last}{notes}",
            format_offset(self.at),
            format_offset(self.end)
        )
    }

    /// Goes to moment `pos`.
    pub(super) fn go(&mut self, pos: usize) {
        self.pos = pos;
        self.at = self.moments.get(pos).map_or(0, |m| m.0);
    }

    /// The moment a minute on: the first at or after then.
    fn minute_on(&self) -> usize {
        let t = self.at.saturating_add(SCRUB);
        let i = self.moments.partition_point(|(m, _)| *m < t);
        i.min(self.moments.len().saturating_sub(1)).max(self.pos)
    }

    /// The moment a minute back: the last at or before then.
    fn minute_back(&self) -> usize {
        self.moment_of(self.at.saturating_sub(SCRUB)).min(self.pos)
    }

    fn next_decision(&self) -> Option<usize> {
        self.decided.iter().copied().find(|i| *i > self.pos)
    }

    fn previous_decision(&self) -> Option<usize> {
        self.decided.iter().rev().copied().find(|i| *i < self.pos)
    }
}

/// Where a decision is shown: a wait as it began, anything else once done.
fn decision_moment(step: &crate::record::Step) -> Millis {
    if matches!(step.action, crate::sim::Action::Wait(_)) {
        step.at
    } else {
        step.done
    }
}

/// Every moment of a replayed game, in order (see [`Review::moments`]).
fn moments(replay: &Replay, end: Millis) -> Vec<(Millis, usize)> {
    let steps = &replay.steps;
    let mut out = vec![(0, 0), (end, steps.len())];
    for (i, step) in steps.iter().enumerate() {
        out.push((decision_moment(step), i + 1));
        out.push((step.done, i + 1));
    }
    for (cause, e) in replay.caused() {
        let m = match cause.and_then(|i| steps.get(i).map(|s| (i, s))) {
            // Inside a wait: the wait cut there.
            Some((i, s)) if matches!(s.action, crate::sim::Action::Wait(_)) => (e.at, i + 1),
            // What a command or choice did shows once it is done.
            Some((i, s)) => (s.done, i + 1),
            // Steps are in time order.
            None => (e.at, steps.partition_point(|s| s.at < e.at)),
        };
        out.push(m);
    }
    out.retain(|(t, _)| *t <= end);
    out.sort_unstable();
    out.dedup();
    out
}

/// `1st`, `2nd`, `3rd`, `4th`...
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl App {
    /// Opens a recorded game for review, at its start.
    pub fn start_review(&mut self, review: Review) {
        self.review = Some(review);
        self.show_moment();
        if let Some(r) = &mut self.review {
            r.selected = r.here().first().copied();
        }
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// Rebuilds every pane at the moment under review.
    pub(super) fn show_moment(&mut self) {
        let Some(r) = &self.review else { return };
        let inputs = r.moments.get(r.pos).map_or(0, |m| m.1);
        let crate::record::Replay { sim, events, .. } =
            crate::record::replay_to(r.versions.clone(), &r.transcript, r.at, inputs);
        // What the reviewer chose to look at stays as it was: the pane, the
        // graph and its window.
        let view = match &self.screen {
            Screen::Play(g) => Some((g.focus, g.metric_sel, g.graph_window)),
            _ => None,
        };
        // Labelled as it was played (practice or real time, at its speed);
        // the clock stands still either way.
        let pace = r.transcript.header.as_ref().map_or(
            crate::game::Pace {
                practice: true,
                speed: 1.0,
            },
            crate::game::Pace::recorded,
        );
        let mut session = crate::game::Session::resume(sim, pace, None, crate::game::Wall::None);
        session.set_paused(true);
        let mut game = Game::new(session, 0);
        if let Some((focus, metric, window)) = view {
            game.focus = focus;
            game.metric_sel = metric;
            game.graph_window = window;
        }
        self.absorb(&mut game, events);
        // What popped up at the time (a runbook opened) stays in the story;
        // review keeps the panes in view.
        self.overlay = None;
        self.bell = false;
        self.screen = Screen::Play(Box::new(game));
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// The moment the reviewer asked to fork a new game from, once.
    pub fn take_fork(&mut self) -> Option<(Millis, usize)> {
        self.review.as_mut()?.fork.take()
    }

    pub(super) fn review_key(&mut self, key: Key) {
        if self.overlay.is_some() {
            // The note being typed, or the help (which any key closes).
            self.overlay_key(key);
            return;
        }
        if key.ctrl && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        if let Some(command) = self.config.keymap.command(Context::Review, key) {
            self.review_command(command);
        } else {
            // The position stays in view: it is what review is about.
            let help = self.config.keymap.keys(Context::Review, Command::Help);
            let at = self
                .review
                .as_ref()
                .map(Review::position)
                .unwrap_or_default();
            self.notice = Some(format!(
                "{at}  ({} does nothing in review; {help} lists the keys)",
                key.label()
            ));
        }
    }

    /// A command of the review section of the keymap.
    fn review_command(&mut self, command: Command) {
        let Some(r) = &mut self.review else { return };
        let last = r.moments.len().saturating_sub(1);
        let target = match command {
            Command::NextDecision => r.next_decision().or(Some(last)),
            Command::PrevDecision => r.previous_decision().or(Some(0)),
            Command::NextMoment => Some((r.pos + 1).min(last)),
            Command::PrevMoment => Some(r.pos.saturating_sub(1)),
            Command::MinuteOn => Some(r.minute_on()),
            Command::MinuteBack => Some(r.minute_back()),
            Command::First => Some(0),
            Command::Last => Some(last),
            Command::Note => {
                self.overlay = Some(Overlay::Note(Default::default()));
                None
            }
            Command::NextNote | Command::PrevNote => {
                self.step_note(command == Command::NextNote);
                None
            }
            Command::EditNote | Command::DeleteNote => {
                self.change_note(command == Command::DeleteNote);
                None
            }
            Command::Fork => {
                r.fork = r.moments.get(r.pos).copied();
                self.quit = true;
                None
            }
            Command::NarrowerGraph | Command::WiderGraph => {
                if let Screen::Play(g) = &mut self.screen {
                    self.notice = Some(g.change_window(command == Command::WiderGraph));
                }
                None
            }
            Command::Help => {
                self.overlay = Some(Overlay::Help);
                None
            }
            Command::Quit => {
                self.quit = true;
                None
            }
            Command::NextPane | Command::PrevPane | Command::Up | Command::Down => {
                self.review_scroll(command);
                None
            }
            // Playing commands: review never acts on the game.
            Command::Pause
            | Command::Faster
            | Command::Slower
            | Command::AckAll
            | Command::StatusPage
            | Command::ReadDocs
            | Command::PageSomeone
            | Command::Shell
            | Command::Wait
            | Command::Hint
            | Command::Hypothesis
            | Command::Feedback
            | Command::Keyboard
            | Command::Ack
            | Command::Resolve
            | Command::Silence
            | Command::Escalate
            | Command::PrevMetric
            | Command::NextMetric
            | Command::Choose
            | Command::Play
            | Command::LookAround
            | Command::Follow
            | Command::MentorView
            | Command::Whisper
            | Command::Inject
            | Command::TakeKeyboard
            | Command::Support => None,
        };
        let Some(t) = target else { return };
        let Some(r) = &mut self.review else { return };
        if t == r.pos {
            self.notice = Some(format!("{}  (nothing further that way)", r.position()));
            return;
        }
        r.go(t);
        self.show_moment();
        if let Some(r) = &mut self.review {
            r.selected = r.here().first().copied();
        }
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// Moves between panes and scrolls the chat and shell, without acting.
    pub(super) fn review_scroll(&mut self, command: Command) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        use super::app::{PANES as ORDER, Pane};
        let i = ORDER.iter().position(|p| *p == g.focus).unwrap_or(0);
        match command {
            Command::NextPane => g.focus = ORDER[(i + 1) % ORDER.len()],
            Command::PrevPane => g.focus = ORDER[(i + ORDER.len() - 1) % ORDER.len()],
            Command::Up => match g.focus {
                Pane::Chat => g.chat_scroll += 1,
                Pane::Shell => g.shell.scroll += 1,
                Pane::Dashboard => g.metric_sel = g.metric_sel.saturating_sub(1),
                Pane::Pager => g.pager_sel = g.pager_sel.saturating_sub(1),
                Pane::Story => {}
            },
            Command::Down => match g.focus {
                Pane::Chat => g.chat_scroll = g.chat_scroll.saturating_sub(1),
                Pane::Shell => g.shell.scroll = g.shell.scroll.saturating_sub(1),
                Pane::Dashboard => {
                    g.metric_sel =
                        (g.metric_sel + 1).min(g.sim().scenario().metrics.len().saturating_sub(1));
                }
                Pane::Pager => {
                    g.pager_sel = (g.pager_sel + 1).min(g.sim().pages().len().saturating_sub(1));
                }
                Pane::Story => {}
            },
            _ => {}
        }
    }
}
