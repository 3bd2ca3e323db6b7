//! One writer per transcript: a game holds an exclusive OS advisory lock on
//! `<transcript>.lock` for as long as it writes the transcript, and writes
//! who it is (pid, player, start time) into that file for whoever is refused.
//! The OS releases the lock with the process, so a crashed game (`kill -9`)
//! leaves no stale lock: the text it leaves behind is advisory only, never
//! trusted to mean a game runs. A game that ends removes the file. A watcher only probes the lock, read-only.

use fs4::fs_std::FileExt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The largest lock file read back: three short lines.
const MAX_HOLDER: u64 = 4096;

/// How long a writer keeps trying before it says the lock is taken: a
/// watcher's probe holds it for microseconds, a game for as long as it runs.
const PATIENCE: Duration = Duration::from_millis(500);

/// The lock file of a transcript: `<transcript>.lock`, beside the file
/// itself (links followed), so every path to one transcript has one lock.
pub fn lock_path(transcript: &Path) -> PathBuf {
    let real = transcript.canonicalize().unwrap_or_else(|_| {
        let parent = transcript.parent().filter(|d| !d.as_os_str().is_empty());
        match (parent.map(Path::canonicalize), transcript.file_name()) {
            (Some(Ok(dir)), Some(name)) => dir.join(name),
            _ => transcript.to_path_buf(),
        }
    });
    let mut s = real.into_os_string();
    s.push(".lock");
    PathBuf::from(s)
}

/// The lock a game holds on its transcript; released when dropped (or when
/// the process ends, however it ends).
#[derive(Debug)]
pub struct Held {
    file: File,
    path: PathBuf,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Removed while still held, so no lock files pile up beside the
        // transcripts; whoever opened it meanwhile sees it is gone
        // ([`still_at`]) and takes the new one.
        let _ = self.file.set_len(0);
        let _ = std::fs::remove_file(&self.path);
        let _ = FileExt::unlock(&self.file);
    }
}

/// Why a transcript could not be locked.
#[derive(Debug)]
pub enum Refused {
    /// Another game holds it: what its lock file says of it (sanitised).
    Busy(String),
    Io(io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Busy(who) => write!(f, "it is being played now by {who}"),
            Refused::Io(e) => write!(f, "cannot lock it: {e}"),
        }
    }
}

/// Takes the lock of `transcript` for a game by `player` that started at
/// `started` (RFC 3339), writing who holds it. Refused while another game
/// holds it.
pub fn acquire(transcript: &Path, player: &str, started: &str) -> Result<Held, Refused> {
    // The folder first, so the lock's path is the same before and after
    // the transcript is created.
    if let Some(dir) = transcript.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(Refused::Io)?;
    }
    let path = lock_path(transcript);
    let begun = std::time::Instant::now();
    let file = loop {
        if let Some(file) = try_take(&path).map_err(Refused::Io)? {
            break file;
        }
        if begun.elapsed() > PATIENCE {
            return Err(Refused::Busy(holder_text(&path)));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut held = Held { file, path };
    let text = format!(
        "pid {}\nplayer {}\nstarted {started}\n",
        std::process::id(),
        crate::base::printable::printable(player)
    );
    held.file.set_len(0).map_err(Refused::Io)?;
    held.file.write_all(text.as_bytes()).map_err(Refused::Io)?;
    held.file.flush().map_err(Refused::Io)?;
    Ok(held)
}

/// Opens the lock file and takes its lock, if nobody holds it. A file a
/// game that let go has just removed is not the lock any more: `None`, and
/// the caller tries again with the file now at `path`.
fn try_take(path: &Path) -> io::Result<Option<File>> {
    // Opening a named pipe to write would wait for a reader forever.
    if super::taken(path) {
        crate::files::open_regular(path)?;
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    if !FileExt::try_lock_exclusive(&file)? {
        return Ok(None);
    }
    Ok(still_at(&file, path).then_some(file))
}

/// Whether `file` is still the file at `path` (not removed or replaced).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Who holds the lock of `transcript`, if a game holds it now. Read-only:
/// a missing lock file means nobody does, and nothing is created.
pub fn holder(transcript: &Path) -> Option<String> {
    let path = lock_path(transcript);
    let file = crate::files::open_regular(&path).ok()?;
    match FileExt::try_lock_shared(&file) {
        Ok(true) => {
            let _ = FileExt::unlock(&file);
            None
        }
        Ok(false) => Some(holder_text(&path)),
        // A filesystem without locks: nobody can be known to hold it.
        Err(_) => None,
    }
}

/// The holder as its lock file says, in one line: `the game of pid 41 (player
/// ana, started 2026-12-02T17:20:00Z)`.
fn holder_text(path: &Path) -> String {
    let bytes = crate::files::read_limited(path, MAX_HOLDER).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
            .map(|v| crate::base::printable::printable(v.trim()))
    };
    match (field("pid"), field("player"), field("started")) {
        (Some(pid), Some(player), Some(started)) => {
            format!("the game of pid {pid} (player {player}, started {started})")
        }
        // Written a moment ago and not yet readable, or emptied: say what we know.
        _ => "another firedrill game".into(),
    }
}

/// A writer that keeps its transcript's lock for as long as it lives.
#[derive(Debug)]
pub struct Locked<W> {
    out: W,
    _lock: Held,
}

impl<W> Locked<W> {
    pub fn new(out: W, lock: Held) -> Locked<W> {
        Locked { out, _lock: lock }
    }
}

impl<W: Write> Write for Locked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_lets_go() {
        let dir = std::env::temp_dir().join(format!("firedrill-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let t = dir.join("g.ron");
        assert_eq!(holder(&t), None);
        let held = acquire(&t, "ana\u{1b}[2J", "2026-12-02T17:20:00Z").unwrap();
        let who = holder(&t).unwrap();
        let pid = std::process::id();
        assert_eq!(
            who,
            format!("the game of pid {pid} (player ana\\u{{1b}}[2J, started 2026-12-02T17:20:00Z)")
        );
        match acquire(&t, "bo", "now") {
            Err(Refused::Busy(w)) => assert_eq!(w, who),
            other => panic!("{other:?}"),
        }
        // Another path to the same transcript finds the same lock.
        std::fs::write(&t, "").unwrap();
        #[cfg(unix)]
        {
            let link = dir.join("link.ron");
            std::os::unix::fs::symlink(&t, &link).unwrap();
            assert_eq!(holder(&link).as_ref(), Some(&who));
        }
        drop(held);
        assert_eq!(holder(&t), None);
        assert!(!lock_path(&t).exists(), "no lock file is left behind");
        let again = acquire(&t, "bo", "now").unwrap();
        drop(again);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
