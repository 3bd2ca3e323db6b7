//! Mentor review: step through a recorded game. Every moment is rebuilt by
//! replaying the transcript up to it, so each pane shows exactly what the
//! player saw then. Notes pinned here go to a sidecar file (the front end
//! writes them); the transcript itself is never touched.

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
    pub transcript: Transcript,
    /// The moment on screen.
    pub at: Millis,
    /// The last moment the transcript knows of.
    pub end: Millis,
    /// The player's decisions: when, and what.
    pub decisions: Vec<(Millis, String)>,
    /// Every note, old and new, by moment.
    pub notes: Vec<Note>,
    /// Notes pinned in this session that the front end has not saved yet.
    pub unsaved: Vec<Note>,
}

impl Review {
    /// `replay` is the transcript's [`crate::record::replay`].
    pub fn new(
        scenario: Arc<Scenario>,
        transcript: Transcript,
        replay: &Replay,
        notes: Vec<Note>,
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
        Review {
            scenario,
            transcript,
            at: 0,
            end,
            decisions,
            notes,
            unsaved: Vec::new(),
        }
    }

    /// How many decisions were made up to the moment on screen.
    fn made(&self) -> usize {
        self.decisions.iter().filter(|(t, _)| *t <= self.at).count()
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
        let here: Vec<&str> = self
            .notes
            .iter()
            .filter(|n| n.at == self.at)
            .map(|n| n.text.as_str())
            .collect();
        let notes = if here.is_empty() {
            String::new()
        } else {
            format!("  NOTE: {}", here.join(" / "))
        };
        format!(
            "REVIEW {} of {}  {last}{notes}",
            format_offset(self.at),
            format_offset(self.end)
        )
    }

    fn next_decision(&self) -> Option<Millis> {
        self.decisions
            .iter()
            .map(|(t, _)| *t)
            .find(|t| *t > self.at)
    }

    fn previous_decision(&self) -> Option<Millis> {
        self.decisions
            .iter()
            .rev()
            .map(|(t, _)| *t)
            .find(|t| *t < self.at)
    }
}

impl App {
    /// Opens a recorded game for review, at its start.
    pub fn start_review(&mut self, review: Review) {
        self.review = Some(review);
        self.show_moment();
    }

    /// Rebuilds every pane at the moment under review.
    fn show_moment(&mut self) {
        let Some(r) = &self.review else { return };
        let crate::record::Replay { sim, events, .. } =
            crate::record::replay_until(r.scenario.clone(), &r.transcript, r.at);
        let focus = match &self.screen {
            Screen::Play(g) => Some(g.focus),
            _ => None,
        };
        let pace = crate::game::Pace {
            practice: true,
            speed: 1.0,
        };
        let mut session = crate::game::Session::resume(sim, pace, None, crate::game::Wall::None);
        session.set_paused(true);
        let mut game = Game::new(session, 0);
        if let Some(f) = focus {
            game.focus = f;
        }
        self.absorb(&mut game, events);
        // What popped up at the time (a runbook opened) stays in the story;
        // review keeps the panes in view.
        self.overlay = None;
        self.bell = false;
        self.screen = Screen::Play(Box::new(game));
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// Pins a note to the moment under review (an empty one is dropped).
    pub(super) fn pin_note(&mut self, text: &str) {
        if let Some(r) = &mut self.review
            && !text.is_empty()
        {
            let note = Note {
                at: r.at,
                text: text.to_string(),
            };
            r.notes.push(note.clone());
            r.unsaved.push(note);
        }
        self.notice = self.review.as_ref().map(Review::position);
    }

    /// Notes pinned since the last call, for the front end to save.
    pub fn take_unsaved_notes(&mut self) -> Vec<Note> {
        self.review
            .as_mut()
            .map(|r| std::mem::take(&mut r.unsaved))
            .unwrap_or_default()
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
        let target = match command {
            Command::NextDecision => r.next_decision().or(Some(r.end)),
            Command::PrevDecision => r.previous_decision().or(Some(0)),
            Command::MinuteOn => Some((r.at + SCRUB).min(r.end)),
            Command::MinuteBack => Some(r.at.saturating_sub(SCRUB)),
            Command::First => Some(0),
            Command::Last => Some(r.end),
            Command::Note => {
                self.overlay = Some(Overlay::Note(Default::default()));
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
        if t == r.at {
            self.notice = Some(format!("{}  (nothing further that way)", r.position()));
            return;
        }
        r.at = t;
        self.show_moment();
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
