//! A scenario file followed as its author edits it (`check --watch`, `play
//! --watch`): its folder and its includes' folders watched with `notify`,
//! a burst of changes (an editor writing through a temporary file and a
//! rename, or truncating and writing) taken as one, and the file checked
//! again through the catalog, so through `crate::files`' bounded readers.

use super::catalog::{self, Catalog, ResolveError, Resolved};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must stay quiet before a burst of changes counts as
/// one save.
pub const SETTLE: Duration = Duration::from_millis(150);

/// How often a wait looks whether it should stop (an ending signal).
const POLL: Duration = Duration::from_millis(100);

/// A scenario file and its includes, watched.
pub struct Watched {
    path: PathBuf,
    watcher: Option<notify::RecommendedWatcher>,
    changes: Receiver<notify::Result<notify::Event>>,
    /// The folders watched.
    dirs: BTreeSet<PathBuf>,
    /// The files the last check read (the main file and its includes).
    files: BTreeSet<PathBuf>,
    /// The last check failed: a change to any `.drill` file in a watched
    /// folder may fix it (an include created, say).
    broken: bool,
}

impl std::fmt::Debug for Watched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watched")
            .field("path", &self.path)
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl Watched {
    /// Starts watching the scenario at `path` (a file), before its first
    /// check, so a save made during the check is not missed.
    pub fn new(path: &Path) -> Watched {
        let (tx, changes) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).ok();
        let mut w = Watched {
            path: path.to_path_buf(),
            watcher,
            changes,
            dirs: BTreeSet::new(),
            files: BTreeSet::new(),
            broken: true,
        };
        let main = canonical(path);
        w.follow([main]);
        w
    }

    /// Whether changes can be noticed at all (the platform's watcher started).
    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// The file as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Checks the file again, and from now on watches the files it read.
    pub fn check(&mut self) -> Result<Resolved, ResolveError> {
        let resolved = Catalog::default().resolve(&self.path.display().to_string());
        let main = canonical(&self.path);
        let mut files = vec![main.clone()];
        if let Ok(r) = &resolved {
            let root = main.parent().map(Path::to_path_buf).unwrap_or_default();
            let source = catalog::source_of(&r.checked);
            files.extend(source.files.iter().map(|f| root.join(&f.key)));
        }
        self.broken = !matches!(&resolved, Ok(r) if r.checked.scenario.is_some());
        self.files = files.iter().cloned().collect();
        self.follow(files);
        resolved
    }

    /// Watches the folders of `files` not yet watched.
    fn follow(&mut self, files: impl IntoIterator<Item = PathBuf>) {
        use notify::Watcher;
        for file in files {
            self.files.insert(file.clone());
            let Some(dir) = file.parent().map(Path::to_path_buf) else {
                continue;
            };
            if self.dirs.contains(&dir) {
                continue;
            }
            if let Some(w) = &mut self.watcher
                && w.watch(&dir, notify::RecursiveMode::NonRecursive).is_ok()
            {
                self.dirs.insert(dir);
            }
        }
    }

    /// Whether a change is to one of the scenario's files (or, while it
    /// does not check, to anything beside them).
    fn concerns(&self, ev: &notify::Event) -> bool {
        if ev.kind.is_access() {
            return false;
        }
        let drill = |p: &Path| p.extension().is_some_and(|e| e == "drill");
        ev.paths.iter().any(|p| {
            (self.broken && drill(p))
                || self.files.contains(p)
                || self.files.contains(&canonical(p))
        })
    }

    /// Waits for the next save: a change to the scenario's files, then
    /// [`SETTLE`] of quiet. `None` when `stop` says so (checked every
    /// tenth of a second) or nothing can be watched any more.
    pub fn next_save(&self, stop: &dyn Fn() -> bool) -> Option<()> {
        self.next_save_noting(stop, &|| {})
    }

    /// [`Watched::next_save`], calling `noticed` as soon as a change is
    /// seen, before the burst settles.
    pub fn next_save_noting(&self, stop: &dyn Fn() -> bool, noticed: &dyn Fn()) -> Option<()> {
        loop {
            if stop() {
                return None;
            }
            match self.changes.recv_timeout(POLL) {
                Ok(Ok(ev)) if self.concerns(&ev) => break,
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        noticed();
        // The rest of the burst: wait until the files stay quiet.
        let mut quiet_from = Instant::now();
        while quiet_from.elapsed() < SETTLE {
            if stop() {
                return None;
            }
            let left = SETTLE.saturating_sub(quiet_from.elapsed());
            match self.changes.recv_timeout(left) {
                Ok(Ok(ev)) if self.concerns(&ev) => quiet_from = Instant::now(),
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(())
    }
}

/// A path made canonical where it can be (a file being replaced may be
/// missing for a moment: then its folder's canonical path and its name).
fn canonical(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            dir.canonicalize()
                .map_or_else(|_| path.to_path_buf(), |d| d.join(name))
        }
        _ => path.to_path_buf(),
    }
}
