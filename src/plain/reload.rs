//! Hot reload in the plain front end (`play FILE --watch --plain`, or with
//! stdin not a terminal): the same follower and session reload as the
//! terminal UI (`game::reloading`, `Session::reload`). A clean save moves
//! the game onto the new version at the same moment, says how the replay
//! went and shows the current scene again as the new version tells it; a
//! broken one prints its diagnostics and the last good version goes on.
//! Everything goes through the game's writer, so on a terminal it lands
//! above the line being typed (`plain::tty`).

use super::Run;
use crate::game::reloading::{Saved, not_reloaded};
use crate::sim::{Event, EventKind};
use std::io::{self, Write};

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
    use super::super::{Game, Run};
    use crate::game::Pace;
    use crate::game::reloading::{saved_text, tutorial_text};
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
