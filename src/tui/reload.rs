//! Hot reload in the terminal UI (`play FILE --watch`): the scenario's
//! files (followed by `game::reloading`, as the plain front end follows
//! them) and the player's keymap and theme followed on threads of their
//! own, and what the app does when one is saved. A scenario that checks
//! clean replaces the one being played at the same moment (the session
//! replays the player's actions into it); one with errors, or a file that
//! cannot be read, leaves the last good version running and shows why.
//! The player's files work the same way: a keymap or theme with a problem
//! leaves the last good one in force.

use super::app::{App, Screen};
use super::overlay::Overlay;
pub use crate::game::reloading::{Saved, Stop, follow_scenario};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A game started by the command line (from a test's state, at a scene,
/// or watched), put straight on the play screen.
#[derive(Debug)]
pub struct Started {
    pub entry: crate::game::Offer,
    pub session: crate::game::Session,
    /// What the game showed on its way to the start.
    pub seen: Vec<crate::sim::Event>,
    /// What the player is told first (where the game started).
    pub notice: Option<String>,
    /// The scenario file to follow, with `--watch`.
    pub watch: Option<PathBuf>,
}

/// The player's files (keymap, theme, settings) read again at each save
/// in `dir`, on a thread of its own; `send` gets nothing but the news.
pub fn follow_config(dir: PathBuf, stop: Stop, send: impl Fn() -> bool + Send + 'static) {
    const NAMES: [&str; 3] = ["keymap.ron", "theme.ron", "config.ron"];
    std::thread::spawn(move || {
        let (tx, changes) = mpsc::channel();
        let Some(_watcher) = crate::game::wake::watch_dir(&dir, tx) else {
            return;
        };
        let ours = |ev: &notify::Event| {
            !ev.kind.is_access()
                && ev.paths.iter().any(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| NAMES.contains(&n))
                })
        };
        while !stop.stopped() {
            match changes.recv_timeout(Duration::from_millis(100)) {
                Ok(Ok(ev)) if ours(&ev) => {
                    // The rest of the burst.
                    crate::game::wake::sleep_until_change(
                        &changes,
                        crate::game::watched::SETTLE,
                        |_| false,
                    );
                    if !send() {
                        return;
                    }
                }
                Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    });
}

impl App {
    /// A save of the scenario being played: a clean one goes on from this
    /// moment on the new version; a broken one is shown, and the game goes
    /// on on the last good version.
    pub fn reload(&mut self, saved: Saved) {
        if !matches!(self.screen, Screen::Play(_)) {
            self.notice =
                Some("The scenario was saved; this drill is over, so it is not reloaded.".into());
            return;
        }
        match saved {
            Saved::Broken { errors, text } => {
                self.notice = Some(format!(
                    "{} Esc closes the errors.",
                    crate::game::reloading::not_reloaded(errors, self.version)
                ));
                self.overlay = Some(Overlay::Doc {
                    title: format!("Not reloaded: {errors} error(s); v{} goes on", self.version),
                    text,
                    scroll: 0,
                });
            }
            Saved::Clean(sc, source) => {
                self.version += 1;
                let version = self.version;
                self.with_game(|app, g| {
                    let reloaded = g.session.reload(sc, source);
                    g.clear_panes();
                    app.absorb(g, reloaded.events.clone());
                    app.notice = Some(reloaded.describe(version));
                });
                // What the replay showed is the past: no pop-ups, no bell.
                self.overlay = None;
                self.bell = false;
                self.finish_if_over();
            }
        }
    }

    /// The player's files changed: read again; any problem keeps the keys
    /// and colours in force and says why.
    pub fn reload_config(&mut self, dir: Option<&Path>) {
        let (overrides, mut problems) = super::read_overrides(dir);
        let config = super::config::Config::load(&overrides);
        problems.extend(config.problems.iter().cloned());
        if problems.is_empty() {
            self.config = config;
            self.notice = Some("Your keymap and theme were reloaded.".into());
        } else {
            self.notice = Some(format!(
                "Your files were not reloaded (the last good ones stay): {}",
                crate::lang::render::printable(&problems.join("; "))
            ));
        }
    }
}
