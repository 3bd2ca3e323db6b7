//! Waking when files in a folder change, without busy polling: a folder
//! watched with `notify`, and a sleep that ends at the first change that
//! concerns the caller or at a tick, whichever comes first. The transcript
//! feed and the game's mentor inbox both wait this way.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// File-change notifications as `notify` sends them.
pub type Changes = Receiver<notify::Result<notify::Event>>;

/// Starts watching `dir` (not its sub-folders); `None` when the platform
/// cannot, and the caller wakes on its tick alone.
pub fn watch_dir(
    dir: &Path,
    tx: Sender<notify::Result<notify::Event>>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(tx).ok()?;
    watcher
        .watch(dir, notify::RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}

/// Sleeps until a change `concerns` the caller, or `tick` passed. The rest
/// of a burst of changes is dropped: the caller reads everything next.
pub fn sleep_until_change(
    changes: &Changes,
    tick: Duration,
    concerns: impl Fn(&notify::Event) -> bool,
) {
    let until = Instant::now() + tick;
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match changes.recv_timeout(left) {
            Ok(Ok(ev)) if concerns(&ev) => break,
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => break,
            // No watcher (it could not start, or is gone): the tick alone.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(left);
                break;
            }
        }
    }
    while changes.try_recv().is_ok() {}
}
