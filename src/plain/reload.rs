//! Hot reload in the plain front end (`play FILE --watch --plain`, or with
//! stdin not a terminal): the same follower and session reload as the
//! terminal UI (`game::reloading`, `Session::reload`). A clean save moves
//! the game onto the new version at the same moment, says how the replay
//! went and shows the current scene again as the new version tells it; a
//! broken one prints its diagnostics and the last good version goes on.
//! Everything goes through the game's writer, so on a terminal it lands
//! above the line being typed (`plain::tty`).

use super::{Msg, Run};
use crate::game::reloading::{Pending, Saved, not_reloaded};
use crate::sim::{Event, EventKind};
use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

impl<W: Write> Run<'_, W> {
    /// A save of the scenario being played, taken as the terminal UI takes it.
    pub(super) fn reload(&mut self, saved: Saved) -> io::Result<()> {
        match saved {
            Saved::Broken { errors, text } => {
                // Already printable, rendered as `check` renders it.
                write!(self.out, "{text}")?;
                if !text.ends_with('\n') {
                    writeln!(self.out)?;
                }
                self.say(&format!("({})", not_reloaded(errors, self.version)))
            }
            Saved::Clean(sc, source) => {
                self.version += 1;
                let reloaded = self.game.reload(sc, source);
                self.say(&format!("({})", reloaded.describe(self.version)))?;
                self.report_recording()?;
                let scene = current_scene(&reloaded.events);
                self.show(&scene)
            }
        }
    }
}

/// How long a line waits for a save seen before it to be checked.
const SAVE_WAIT: Duration = Duration::from_secs(5);

impl<W: Write> Run<'_, W> {
    /// A save taken as it comes: the clock brought up to now, the new
    /// version started there (the clock stands still while it is built).
    pub(super) fn reload_now(
        &mut self,
        saved: Saved,
        last: &mut Instant,
        prompt: bool,
    ) -> io::Result<()> {
        self.catch_up(last, prompt)?;
        self.reload(saved)?;
        *last = Instant::now();
        self.prompt(prompt)
    }

    /// Before a line is carried out: a save seen before it came is taken
    /// first (waiting for its check, at most [`SAVE_WAIT`]); what else
    /// comes meanwhile is kept in `backlog`, in order.
    pub(super) fn saves_first(
        &mut self,
        pending: &Pending,
        rx: &mpsc::Receiver<Msg>,
        backlog: &mut VecDeque<Msg>,
        last: &mut Instant,
        prompt: bool,
    ) -> io::Result<()> {
        let until = Instant::now() + SAVE_WAIT;
        while pending.get() && Instant::now() < until {
            match rx.recv_timeout(POLL) {
                Ok(Msg::Saved(saved)) => return self.reload_now(saved, last, prompt),
                Ok(other) => backlog.push_back(other),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        Ok(())
    }
}

/// How often a line waiting for a save looks whether it is still coming.
const POLL: Duration = Duration::from_millis(20);

/// What the scene the game stands in showed, from its start: its lines,
/// what people said and its choices, and the ending if the new version has
/// ended (the player's own commands and lookups were seen already).
fn current_scene(events: &[Event]) -> Vec<Event> {
    let from = events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Scene { .. }))
        .unwrap_or(0);
    events[from..]
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Narration(_)
                    | EventKind::Chat { .. }
                    | EventKind::Choices { .. }
                    | EventKind::Ended { .. }
            )
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Game, Msg, Run};
    use crate::game::Pace;
    use crate::game::reloading::{saved_text, tutorial_text};
    use crate::plain::input::Line;
    use std::sync::Arc;

    /// The tutorial played to T+3m, then `edits` saved one after another:
    /// what the player saw from the first save on.
    fn saves(edits: &[String]) -> String {
        let text = tutorial_text();
        let crate::game::reloading::Saved::Clean(sc, _) = saved_text(&text) else {
            panic!("the tutorial checks clean");
        };
        let pace = Pace {
            practice: true,
            speed: 1.0,
        };
        let game = Game::new(
            Arc::clone(&sc),
            42,
            crate::sim::Support::default(),
            pace,
            None,
        );
        let mut out = Vec::new();
        let mut run = Run::start(game, &mut out).unwrap();
        run.handle("wait 3m").unwrap();
        run.out.clear();
        for edit in edits {
            run.reload(saved_text(edit)).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_save_seen_before_a_line_is_taken_before_it() {
        let text = tutorial_text();
        let sc = match saved_text(&text) {
            crate::game::reloading::Saved::Clean(sc, _) => sc,
            crate::game::reloading::Saved::Broken { text, .. } => panic!("{text}"),
        };
        let pace = Pace {
            practice: true,
            speed: 1.0,
        };
        let game = Game::new(sc, 42, crate::sim::Support::default(), pace, None);
        let mut out = Vec::new();
        let mut run = Run::start(game, &mut out).unwrap();
        // A line is about to be carried out while the follower checks a
        // save it saw: another line comes meanwhile, then the save.
        let pending = crate::game::reloading::Pending::default();
        pending.set(true);
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(Msg::Line(Line::Text("look".into()))).unwrap();
        let fixed = text.replacen("Your phone buzzes", "Your phone BUZZES", 1);
        tx.send(Msg::Saved(saved_text(&fixed))).unwrap();
        let mut backlog = std::collections::VecDeque::new();
        let mut last = std::time::Instant::now();
        run.saves_first(&pending, &rx, &mut backlog, &mut last, false)
            .unwrap();
        assert_eq!(run.version, 2);
        assert!(matches!(backlog.pop_front(), Some(Msg::Line(_))));
        assert!(backlog.is_empty());
        // Nothing pending: a line waits for nothing.
        pending.set(false);
        run.saves_first(&pending, &rx, &mut backlog, &mut last, false)
            .unwrap();
        assert!(backlog.is_empty());
    }

    #[test]
    fn a_broken_save_prints_its_errors_and_a_clean_one_shows_the_scene_again() {
        let text = tutorial_text();
        let broken = text.replacen("goto page_arrives", "goto page_arrive", 1);
        let fixed = text.replacen("Your phone buzzes", "Your phone BUZZES", 1);
        let shown = saves(&[broken, fixed]);
        let expected_start = "error[FD0107]: unknown scene `page_arrive`";
        assert!(shown.starts_with(expected_start), "{shown}");
        let kept = shown
            .find("(The saved scenario has 1 error(s): the last good version (v1) goes on.)\n")
            .unwrap();
        let notice = shown
            .find("\n(reloaded v2: 1 of 1 action(s) replayed)\n")
            .unwrap();
        assert!(kept < notice, "{shown}");
        let scene = &shown[notice..];
        assert!(
            scene.contains("[10:01:59 T+1m59s] Your phone BUZZES. PAGE: disk_high"),
            "{shown}"
        );
        assert!(scene.ends_with("    1. Ask Maya for a hint\n"), "{shown}");
        // Only the scene: not the opening, not the page's alert.
        assert!(!scene.contains("welcome to your first shift"), "{shown}");
        assert!(!scene.contains("ALERT FIRING"), "{shown}");
    }
}
