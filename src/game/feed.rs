//! Following a game in progress from its transcript, read-only: what is
//! there is replayed through the one replay (the watcher's copy of the game
//! starts from it, then follows each entry with `Session::follow`), and
//! each newly appended entry is read as the game writes it, waking on file changes (`notify`, with a
//! slow tick as a fallback, never a busy poll). A game whose lock is let go
//! without an ending has stopped. A feed never writes the transcript or its
//! lock file, so a watcher that dies never touches the game.

use super::lines::Lines;
use super::transcript::{OpenError, Opened, open_read};
use crate::record::{Entry, MAX_LINE};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a feed sleeps at most between looks at the lock (a process
/// killed without a goodbye is noticed within this, with no file event).
const TICK: Duration = Duration::from_millis(500);

/// How many of the events before a watcher joined it is shown, to know
/// where the game stands.
pub const RECENT: usize = 8;

/// What a feed saw.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// A new line of the transcript (the feed's game has taken it).
    Entry(Entry),
    /// The game let go of the transcript without an ending. `left`: it wrote
    /// where its clock stood (the player left; it can be resumed); otherwise
    /// its process is gone.
    Stopped { left: bool },
}

/// A game followed from its transcript.
#[derive(Debug)]
pub struct Feed {
    path: PathBuf,
    file: File,
    lines: Lines,
    /// Lines appended since that could not be read.
    unreadable: usize,
    /// The last entry was a clock entry (a game that stopped cleanly).
    left: bool,
    wake: Receiver<notify::Result<notify::Event>>,
    /// Kept alive to go on sending; `None` when the platform's watcher could
    /// not start (then the feed wakes on its tick alone).
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Feed {
    /// Opens the transcript at `path` and replays what is there: the feed,
    /// and the game as it stands (its replayed engine, events and warnings),
    /// for the watcher to follow on from.
    pub fn open(path: &Path) -> Result<(Feed, Opened), OpenError> {
        let shown = path.display().to_string();
        let fail = |e: io::Error| OpenError {
            problems: Vec::new(),
            reason: format!("cannot read `{shown}`: {e}"),
        };
        // Watch first, so nothing written while the rest is read is missed.
        let (tx, wake) = mpsc::channel();
        let watcher = watch_folder(path, tx);
        let (file, t) = read_begun(path).map_err(fail)?;
        let opened = open_read(t, &shown)?;
        let left = matches!(opened.transcript.entries.last(), Some(Entry::Clock { .. }));
        let feed = Feed {
            path: path.to_path_buf(),
            file,
            lines: Lines::new(MAX_LINE),
            unreadable: 0,
            left,
            wake,
            _watcher: watcher,
        };
        Ok((feed, opened))
    }

    /// Appended lines that could not be read (skipped).
    pub fn unreadable(&self) -> usize {
        self.unreadable + self.lines.overlong
    }

    /// Whether a game holds the transcript now.
    pub fn is_live(&self) -> bool {
        crate::transcripts::lock::holder(&self.path).is_some()
    }

    /// Waits for what comes next: new entries, or the game stopping. Never
    /// empty; after [`Update::Stopped`] nothing more comes.
    pub fn wait(&mut self) -> io::Result<Vec<Update>> {
        loop {
            let new = self.read_new()?;
            if !new.is_empty() {
                return Ok(new);
            }
            if !self.is_live() {
                // Lines written just before the game let go come first.
                let last = self.read_new()?;
                if !last.is_empty() {
                    return Ok(last);
                }
                return Ok(vec![Update::Stopped { left: self.left }]);
            }
            self.sleep();
        }
    }

    /// Sleeps until the transcript or its lock file changes, or a tick passed.
    fn sleep(&self) {
        super::wake::sleep_until_change(&self.wake, TICK, |ev| self.concerns(ev));
    }

    /// Whether a file event is a change to the transcript or its lock file
    /// (a feed's own reads and probes are not changes).
    fn concerns(&self, ev: &notify::Event) -> bool {
        use notify::event::{AccessKind, AccessMode, EventKind as K};
        let change = match ev.kind {
            K::Access(AccessKind::Close(AccessMode::Write)) => true,
            K::Access(_) => false,
            _ => true,
        };
        let lock = crate::transcripts::lock::lock_path(&self.path);
        let names = [self.path.file_name(), lock.file_name()];
        change
            && ev
                .paths
                .iter()
                .any(|p| p.file_name().is_some() && names.contains(&p.file_name()))
    }

    /// Reads what was appended since the last look, whole lines only.
    fn read_new(&mut self) -> io::Result<Vec<Update>> {
        let mut out = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = self.file.read(&mut chunk)?;
            if n == 0 {
                return Ok(out);
            }
            let mut whole = Vec::new();
            self.lines
                .push(&chunk[..n], |line| whole.push(line.to_vec()));
            for line in whole {
                self.take_line(&line, &mut out);
            }
        }
    }

    fn take_line(&mut self, bytes: &[u8], out: &mut Vec<Update>) {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            return;
        }
        match ron::from_str::<Entry>(text) {
            // Another version of the scenario, or a second header: nothing to follow.
            Ok(Entry::Header(_) | Entry::Source(_)) => {}
            Ok(e) => {
                self.left = matches!(e, Entry::Clock { .. });
                out.push(Update::Entry(e));
            }
            Err(_) => self.unreadable += 1,
        }
    }
}

/// How long a watcher that joins as a game starts waits for the game to
/// write the transcript's opening lines: the game takes its lock before it
/// creates the file, so a watcher can find it empty or half begun.
const BEGINNING: Duration = Duration::from_secs(3);

/// Reads the whole lines of the transcript at `path`, waiting (at most
/// [`BEGINNING`]) while a game holds its lock but has not yet written its
/// header and source; returns the file positioned after what was read.
fn read_begun(path: &Path) -> io::Result<(File, crate::record::Transcript)> {
    let start = std::time::Instant::now();
    loop {
        let starting =
            || start.elapsed() < BEGINNING && crate::transcripts::lock::holder(path).is_some();
        let mut file = match crate::files::open_regular(path) {
            Ok(file) => file,
            // Locked but not made yet.
            Err(e) if e.kind() == io::ErrorKind::NotFound && starting() => {
                std::thread::sleep(Duration::from_millis(25));
                continue;
            }
            Err(e) => return Err(e),
        };
        let (t, offset) = crate::transcripts::read_whole_lines(&mut file)?;
        let begun = t.header.is_some() && !t.sources.is_empty();
        if begun || !starting() {
            file.seek(SeekFrom::Start(offset))?;
            return Ok((file, t));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Starts watching the transcript's folder (its lock file is beside it);
/// `None` when the platform cannot, and the feed falls back to its tick.
fn watch_folder(
    path: &Path,
    tx: mpsc::Sender<notify::Result<notify::Event>>,
) -> Option<notify::RecommendedWatcher> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    super::wake::watch_dir(&dir, tx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// The tutorial's first playthrough up to its first action, as a game
    /// in progress would have written it, and that action's line.
    fn half_game() -> (String, String) {
        let (_, text) = crate::record::tests::recorded_playtest("tutorial", 0);
        let at = text.find("\nAction(").unwrap() + 1;
        let action = text[at..].lines().next().unwrap().to_string();
        (text[..at].to_string(), action)
    }

    #[test]
    fn a_watcher_joining_as_the_game_starts_waits_for_its_beginning() {
        // The game holds its lock and has not yet made the file.
        let dir = std::env::temp_dir().join(format!("firedrill-begin-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("g.ron");
        let lock = crate::transcripts::lock::acquire(&path, "ana", "now").unwrap();
        let (head, _) = half_game();
        let writer = {
            let path = path.clone();
            std::thread::spawn(move || {
                // First no file at all, then an empty one, then its lines.
                std::thread::sleep(Duration::from_millis(200));
                std::fs::write(&path, "").unwrap();
                std::thread::sleep(Duration::from_millis(200));
                std::fs::write(&path, head).unwrap();
            })
        };
        let (_, opened) = Feed::open(&path).unwrap();
        assert!(opened.transcript.header.is_some());
        writer.join().unwrap();
        drop(lock);
        // With nobody holding the lock, an empty file is refused at once.
        std::fs::write(&path, "").unwrap();
        let start = std::time::Instant::now();
        assert!(Feed::open(&path).is_err());
        assert!(start.elapsed() < Duration::from_secs(1));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn appended_lines_are_taken_whole_and_junk_is_counted() {
        let dir = std::env::temp_dir().join(format!("firedrill-feed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("g.ron");
        let (head, action) = half_game();
        std::fs::write(&path, &head).unwrap();
        let (mut feed, opened) = Feed::open(&path).unwrap();
        let start = opened.replay.sim.now();
        let pace = crate::game::Pace {
            practice: true,
            speed: 1.0,
        };
        let mut game =
            crate::game::Session::resume(opened.replay.sim, pace, None, crate::game::Wall::None);
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"Focus(at:1,pa").unwrap();
        assert_eq!(feed.read_new().unwrap(), [], "half a line is not read");
        f.write_all(b"ne:\"pager\")\njunk\n\n").unwrap();
        let focus = Entry::Focus {
            at: 1,
            pane: "pager".into(),
        };
        assert_eq!(feed.read_new().unwrap(), [Update::Entry(focus)]);
        assert_eq!(feed.unreadable(), 1);
        writeln!(f, "{action}").unwrap();
        let got = feed.read_new().unwrap();
        assert!(matches!(got[..], [Update::Entry(Entry::Action { .. })]));
        if let [Update::Entry(e)] = &got[..] {
            game.follow(e);
        }
        assert!(game.now() > start, "the watcher's game took the action");
        // Nobody holds the lock: the game is gone, and said so at once.
        assert!(!feed.is_live());
        assert_eq!(feed.wait().unwrap(), [Update::Stopped { left: false }]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
