//! A scenario played with `play FILE --watch`, followed on a thread of its
//! own: each save checked again, and what was found handed to the front end
//! (the terminal UI or the plain one), which moves the game onto a clean
//! version with [`super::Session::reload`] or says why a broken one is not
//! taken. One follower for both front ends, so they reload alike.

use super::watched::Watched;
use crate::record::Source;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A save of the scenario being played, checked.
#[derive(Debug, Clone)]
pub enum Saved {
    /// Clean: the new version and its source (for the transcript).
    Clean(Arc<Scenario>, Source),
    /// The errors (or why the file could not be read), as printable text
    /// rendered as `check` renders them.
    Broken { errors: usize, text: String },
}

/// Stops a follower thread when the game's loop ends.
#[derive(Debug, Default, Clone)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn stop(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn stopped(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Whether a save has been seen and is not yet sent (its burst settling,
/// or being checked): a front end can take it before its next input.
#[derive(Debug, Default, Clone)]
pub struct Pending(Arc<AtomicBool>);

impl Pending {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    pub(crate) fn set(&self, pending: bool) {
        self.0.store(pending, Ordering::SeqCst);
    }
}

/// Checks the scenario at `path` again at each save, on a thread of its
/// own, sending what it found through `send` (false: the loop is gone).
/// Returns what says a save is on its way.
pub fn follow_scenario(
    path: PathBuf,
    stop: Stop,
    send: impl Fn(Saved) -> bool + Send + 'static,
) -> Pending {
    let pending = Pending::default();
    let seen = pending.clone();
    std::thread::spawn(move || {
        let mut watched = Watched::new(&path);
        // The first check only learns which files the scenario reads: the
        // game already plays this version.
        let _ = watched.check();
        while watched
            .next_save_noting(&|| stop.stopped(), &|| seen.set(true))
            .is_some()
        {
            let sent = send(saved(watched.check(), &path));
            seen.set(false);
            if !sent {
                return;
            }
        }
        seen.set(false);
    });
    pending
}

/// A check's outcome as a front end takes it.
pub fn saved(resolved: Result<super::Resolved, super::ResolveError>, path: &Path) -> Saved {
    match resolved {
        Ok(r) => {
            let source = r.source();
            match r.checked.scenario {
                Some(sc) => Saved::Clean(Arc::new(sc), source),
                None => Saved::Broken {
                    errors: r.checked.errors(),
                    text: crate::lang::render::printable(&crate::lang::render::checked(&r.checked)),
                },
            }
        }
        Err(e) => Saved::Broken {
            errors: 1,
            text: crate::lang::render::printable(&format!(
                "{} cannot be read: {e}",
                path.display()
            )),
        },
    }
}

/// What a front end says of a broken save: which version goes on.
pub fn not_reloaded(errors: usize, version: usize) -> String {
    format!("The saved scenario has {errors} error(s): the last good version (v{version}) goes on.")
}

/// A save of `text` as `t.drill` (its includes from the built-in
/// library), checked: what a follower would send.
#[cfg(test)]
pub(crate) fn saved_text(text: &str) -> Saved {
    let main = crate::lang::Loaded::text("t.drill", text);
    let checked = crate::lang::check(main, &crate::library::EmbeddedLoader);
    let source = super::catalog::source_of(&checked);
    match checked.scenario {
        Some(sc) => Saved::Clean(Arc::new(sc), source),
        None => Saved::Broken {
            errors: checked.errors(),
            text: crate::lang::render::checked(&checked),
        },
    }
}

/// The tutorial's text, as a saved file would hold it.
#[cfg(test)]
pub(crate) fn tutorial_text() -> String {
    let b = crate::library::find("tutorial").unwrap();
    String::from_utf8(crate::library::main_file(b).bytes).unwrap()
}
