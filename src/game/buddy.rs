//! The mentor's way into a game in progress. Each watcher (and each one-shot
//! `firedrill hint`, `inject`, ...) appends its requests, one RON value a
//! line, to a file of its own beside the transcript:
//! `<transcript>.buddy-<who>-<pid>`. The game reads every such file and
//! never writes them; it journals what it did with each request in its
//! transcript, of which it stays the only writer. A request file's one
//! writer is the process that created it (the pid in its name), and it
//! removes the file when it leaves.
//!
//! Anyone who can write the transcript's folder can send requests: that is
//! the permission model, and the mentor guide says how to share a folder.
//!
//! A watcher says it is still there every [`HEARTBEAT`]; one not heard from
//! for [`SILENCE`] (killed, cut off, suspended) is journaled as gone, and as
//! joined again if it comes back. Nothing here can slow the game: the game
//! reads on its own thread, bounded, and a watcher that stops writing is
//! simply silent.

use super::lines::Lines;
use crate::record::SeatChange;
use crate::sim::Action;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

/// How often a watcher says it is still there.
pub const HEARTBEAT: Duration = Duration::from_secs(2);

/// How long a watcher may say nothing before the game journals it as gone.
pub const SILENCE: Duration = Duration::from_secs(crate::record::SILENCE_SECS);

/// The longest request line read; a longer one is skipped.
const MAX_REQUEST: usize = 16 * 1024;

/// The most request files a game follows at once (more are left unread
/// until some go away): a game has a mentor or two, not thousands.
const MAX_PEERS: usize = 64;

/// The longest whisper, in characters (a longer one is cut).
pub const MAX_WHISPER: usize = 1000;

/// The longest name a mentor goes by, in characters.
const MAX_NAME: usize = 64;

/// What a mentor asks of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Started watching.
    Hello,
    /// Still watching (a heartbeat).
    Alive,
    /// A hint in the mentor's own words, shown to the player.
    Whisper(String),
    /// Fire one of the scenario's injects.
    Inject(String),
    /// Pause (`true`) or run (`false`) the clock, for both seats.
    Pause(bool),
    /// Take (`true`) or give back (`false`) the keyboard.
    Keyboard(bool),
    /// A game action, played by the mentor while they have the keyboard.
    Act(Action),
    /// Stopped watching.
    Bye,
}

/// One line of a request file: who asks, and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Line {
    who: String,
    request: Request,
}

/// A mentor's name as the game shows and journals it: printable, on one
/// line (tabs and line breaks become spaces), at most [`MAX_NAME`]
/// characters, never empty.
pub fn clean_name(who: &str) -> String {
    let one_line = who.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = crate::base::printable::printable(&one_line)
        .chars()
        .take(MAX_NAME)
        .collect();
    if name.trim().is_empty() {
        "mentor".into()
    } else {
        name.trim().to_string()
    }
}

/// A whisper as the player sees it: printable, on one line, at most
/// [`MAX_WHISPER`] characters.
pub fn clean_whisper(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::base::printable::printable(&one_line)
        .chars()
        .take(MAX_WHISPER)
        .collect()
}

/// `<transcript>.buddy-`: the start of every request file's name.
fn prefix(transcript: &Path) -> (PathBuf, String) {
    let lock = crate::transcripts::lock::lock_path(transcript);
    let dir = lock
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = lock
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = name.strip_suffix(".lock").unwrap_or(&name).to_string();
    (dir, format!("{base}.buddy-"))
}

/// A name as part of a file name: letters, digits, `-` and `_` only.
fn file_safe(who: &str) -> String {
    who.chars()
        .take(32)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A mentor's request file, written by this process only.
#[derive(Debug)]
pub struct Outbox {
    path: PathBuf,
    transcript: PathBuf,
    who: String,
    file: Option<File>,
    last: Instant,
    /// A watcher's (says hello, keeps alive, says goodbye), not a one-shot's.
    seated: bool,
}

impl Outbox {
    /// Opens a watcher's request file beside the game's transcript and
    /// says hello: the game journals the watcher as joined, and as gone
    /// when it says goodbye or falls silent. Refused when no game holds the
    /// transcript now.
    pub fn open(transcript: &Path, who: &str) -> io::Result<Outbox> {
        let mut out = Outbox::quiet(transcript, who)?;
        out.seated = true;
        out.send(&Request::Hello)?;
        Ok(out)
    }

    /// Opens a request file for a one-shot request (`firedrill hint` and
    /// the like): nobody joins or leaves, the requests are simply carried out.
    pub fn quiet(transcript: &Path, who: &str) -> io::Result<Outbox> {
        if crate::transcripts::lock::holder(transcript).is_none() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "no game is being played on it now (nobody holds its lock)",
            ));
        }
        let who = clean_name(who);
        let (dir, prefix) = prefix(transcript);
        let path = dir.join(format!(
            "{prefix}{}-{}",
            file_safe(&who),
            std::process::id()
        ));
        let mut out = Outbox {
            path,
            transcript: transcript.to_path_buf(),
            who,
            file: None,
            last: Instant::now(),
            seated: false,
        };
        out.create()?;
        Ok(out)
    }

    /// Who the requests are from.
    pub fn who(&self) -> &str {
        &self.who
    }

    /// The transcript of the game the requests go to.
    pub fn transcript(&self) -> &Path {
        &self.transcript
    }

    fn create(&mut self) -> io::Result<()> {
        let file = std::fs::OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(&self.path)?;
        self.file = Some(file);
        if self.seated {
            self.send(&Request::Hello)?;
        }
        Ok(())
    }

    /// Sends one request (one whole line, in one write, flushed).
    pub fn send(&mut self, request: &Request) -> io::Result<()> {
        let line = Line {
            who: self.who.clone(),
            request: request.clone(),
        };
        let mut text = ron::to_string(&line).map_err(io::Error::other)?;
        text.push('\n');
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::other("the request file is closed"))?;
        file.write_all(text.as_bytes())?;
        file.flush()?;
        self.last = Instant::now();
        Ok(())
    }

    /// Says it is still there, if it has said nothing for a [`HEARTBEAT`]:
    /// call it at least that often. A file someone removed is made again.
    pub fn keep_alive(&mut self) -> io::Result<()> {
        if !self.seated || self.last.elapsed() < HEARTBEAT {
            return Ok(());
        }
        if !self.path.exists() {
            return self.create();
        }
        self.send(&Request::Alive)
    }

    /// Says goodbye and removes the file (also done when dropped).
    pub fn close(mut self) {
        self.leave();
    }

    fn leave(&mut self) {
        if self.file.is_some() {
            if self.seated {
                let _ = self.send(&Request::Bye);
            }
            self.file = None;
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        self.leave();
    }
}

/// A watcher's seat at a game: its request file, kept alive by a thread of
/// its own every [`HEARTBEAT`] (so a watcher busy drawing, or blocked on a
/// slow terminal, is not taken for gone), and closed with a goodbye when
/// dropped.
#[derive(Debug)]
pub struct Presence {
    outbox: Arc<std::sync::Mutex<Outbox>>,
    stop: Arc<AtomicBool>,
}

impl Presence {
    /// Takes a seat at the game recorded at `transcript`, as `who`.
    pub fn start(transcript: &Path, who: &str) -> io::Result<Presence> {
        let outbox = Arc::new(std::sync::Mutex::new(Outbox::open(transcript, who)?));
        let stop = Arc::new(AtomicBool::new(false));
        let (beat, stopped) = (outbox.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(HEARTBEAT / 4);
                if let Ok(mut out) = beat.lock() {
                    let _ = out.keep_alive();
                }
            }
        });
        Ok(Presence { outbox, stop })
    }

    /// Sends one request from this seat.
    pub fn send(&self, request: &Request) -> io::Result<()> {
        self.outbox
            .lock()
            .map_err(|_| io::Error::other("the request file is closed"))?
            .send(request)
    }

    /// Who the seat is.
    pub fn who(&self) -> String {
        self.outbox
            .lock()
            .map(|o| o.who().to_string())
            .unwrap_or_default()
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Ok(mut out) = self.outbox.lock() {
            out.leave();
        }
    }
}

/// What the game heard from its mentors.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// A request to carry out.
    Request { who: String, request: Request },
    /// Someone's seat changed: joined, left, or went silent.
    Seat { who: String, change: SeatChange },
}

/// A game listening to its mentors; it stops listening when this is dropped.
#[derive(Debug)]
pub struct Listening {
    stop: Arc<AtomicBool>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// One request file as the game follows it.
#[derive(Debug)]
struct Peer {
    file: File,
    lines: Lines,
    who: Option<String>,
    heard: Instant,
    present: bool,
}

/// The game's side: every request file beside its transcript, followed.
#[derive(Debug)]
pub struct Inbox {
    dir: PathBuf,
    prefix: String,
    peers: BTreeMap<PathBuf, Peer>,
}

impl Inbox {
    /// Starts following the request files of `transcript`. Files already
    /// there (left by watchers of an earlier run) are read from their end:
    /// old requests are never carried out again.
    pub fn open(transcript: &Path) -> Inbox {
        let (dir, prefix) = prefix(transcript);
        let mut inbox = Inbox {
            dir,
            prefix,
            peers: BTreeMap::new(),
        };
        for path in inbox.files() {
            if let Ok(mut file) = crate::files::open_regular(&path)
                && file.seek(SeekFrom::End(0)).is_ok()
            {
                inbox.peers.insert(path, Peer::new(file));
            }
        }
        inbox
    }

    /// The request files there now.
    fn files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&self.prefix))
            .map(|e| e.path())
            .take(MAX_PEERS * 4)
            .collect()
    }

    /// Reads what every file says since the last look, and who fell silent.
    pub fn poll(&mut self, now: Instant) -> Vec<Heard> {
        for path in self.files() {
            if !self.peers.contains_key(&path)
                && self.peers.len() < MAX_PEERS
                && let Ok(file) = crate::files::open_regular(&path)
            {
                self.peers.insert(path, Peer::new(file));
            }
        }
        let mut out = Vec::new();
        for peer in self.peers.values_mut() {
            peer.read(now, &mut out);
            if peer.present && now.duration_since(peer.heard) > SILENCE {
                peer.present = false;
                if let Some(who) = &peer.who {
                    out.push(Heard::Seat {
                        who: who.clone(),
                        change: SeatChange::Silent,
                    });
                }
            }
        }
        // Files their writers removed are forgotten once read to the end.
        self.peers
            .retain(|path, peer| peer.present || path.exists());
        out
    }

    /// Follows the files on a thread of its own, sending what it hears to
    /// `tx` (wrapped by `wrap`) as soon as a file changes, and at least once
    /// a second to notice silences. Ends when the receiver is gone or the
    /// returned handle is dropped.
    pub fn spawn<M: Send + 'static>(
        mut self,
        tx: Sender<M>,
        wrap: impl Fn(Vec<Heard>) -> M + Send + 'static,
    ) -> Listening {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            let (wake_tx, wake) = mpsc::channel();
            let _watcher = super::wake::watch_dir(&self.dir, wake_tx);
            while !stopped.load(Ordering::Relaxed) {
                let heard = self.poll(Instant::now());
                if !heard.is_empty() && tx.send(wrap(heard)).is_err() {
                    return;
                }
                self.sleep(&wake);
            }
        });
        Listening { stop }
    }

    /// Waits for a change to a request file, or a second.
    fn sleep(&self, wake: &super::wake::Changes) {
        super::wake::sleep_until_change(wake, Duration::from_secs(1), |ev| self.concerns(ev));
    }

    /// Whether a file event touched a request file (the game's own
    /// transcript writes, in the same folder, do not wake it).
    fn concerns(&self, ev: &notify::Event) -> bool {
        ev.paths.iter().any(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&self.prefix))
        })
    }
}

impl Peer {
    /// A file not yet heard from: its first line says who joined.
    fn new(file: File) -> Peer {
        Peer {
            file,
            lines: Lines::new(MAX_REQUEST),
            who: None,
            heard: Instant::now(),
            present: false,
        }
    }

    /// Reads the lines appended since the last look (at most a bounded
    /// amount each look, so a flood cannot hold the game's reader).
    fn read(&mut self, now: Instant, out: &mut Vec<Heard>) {
        let mut chunk = vec![0u8; 64 * 1024];
        let mut whole = Vec::new();
        for _ in 0..16 {
            match self.file.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => self.lines.push(&chunk[..n], |l| whole.push(l.to_vec())),
            }
        }
        for bytes in whole {
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(line) = ron::from_str::<Line>(text.trim_end()) {
                self.take(line, now, out);
            }
        }
    }

    fn take(&mut self, line: Line, now: Instant, out: &mut Vec<Heard>) {
        let who = clean_name(&line.who);
        self.heard = now;
        let seat = |change| Heard::Seat {
            who: who.clone(),
            change,
        };
        // Only a watcher says hello and keeps alive: a one-shot request
        // takes no seat.
        match line.request {
            Request::Bye => {
                if self.present {
                    out.push(seat(SeatChange::Left));
                }
                self.present = false;
            }
            Request::Hello | Request::Alive => {
                if !self.present {
                    out.push(seat(SeatChange::Joined));
                    self.present = true;
                }
            }
            request => out.push(Heard::Request {
                who: who.clone(),
                request,
            }),
        }
        self.who = Some(who);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own, with a transcript held by this process.
    fn game(name: &str) -> (PathBuf, PathBuf, crate::transcripts::lock::Held) {
        let dir =
            std::env::temp_dir().join(format!("firedrill-buddy-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let t = dir.join("g.ron");
        std::fs::write(&t, "").unwrap();
        let held = crate::transcripts::lock::acquire(&t, "pat", "now").unwrap();
        (dir, t, held)
    }

    #[test]
    fn requests_come_through_with_joins_and_goodbyes() {
        let (dir, t, _held) = game("flow");
        let mut inbox = Inbox::open(&t);
        let mut out = Outbox::open(&t, "ana\x1b[31m").unwrap();
        out.send(&Request::Whisper("look at the deploys".into()))
            .unwrap();
        let heard = inbox.poll(Instant::now());
        assert_eq!(
            heard,
            [
                Heard::Seat {
                    who: "ana\\u{1b}[31m".into(),
                    change: SeatChange::Joined
                },
                Heard::Request {
                    who: "ana\\u{1b}[31m".into(),
                    request: Request::Whisper("look at the deploys".into())
                }
            ]
        );
        out.close();
        let heard = inbox.poll(Instant::now());
        assert_eq!(
            heard,
            [Heard::Seat {
                who: "ana\\u{1b}[31m".into(),
                change: SeatChange::Left
            }]
        );
        assert!(inbox.poll(Instant::now()).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_silent_watcher_is_gone_and_joins_again_when_heard() {
        let (dir, t, _held) = game("silence");
        let mut inbox = Inbox::open(&t);
        let mut out = Outbox::open(&t, "ana").unwrap();
        let start = Instant::now();
        assert_eq!(inbox.poll(start).len(), 1);
        let later = start + SILENCE + Duration::from_secs(1);
        assert_eq!(
            inbox.poll(later),
            [Heard::Seat {
                who: "ana".into(),
                change: SeatChange::Silent
            }]
        );
        out.send(&Request::Alive).unwrap();
        assert_eq!(
            inbox.poll(later),
            [Heard::Seat {
                who: "ana".into(),
                change: SeatChange::Joined
            }]
        );
        drop(out);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn old_requests_and_junk_are_never_carried_out() {
        let (dir, t, _held) = game("old");
        let (folder, prefix) = prefix(&t);
        let stale = folder.join(format!("{prefix}bob-1"));
        std::fs::write(&stale, "(who:\"bob\",request:Inject(\"x\"))\n").unwrap();
        let mut inbox = Inbox::open(&t);
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&stale)
            .unwrap();
        f.write_all(b"not ron\n(who:\"bob\",request:Pause(tr")
            .unwrap();
        assert!(inbox.poll(Instant::now()).is_empty());
        f.write_all(b"ue))\n").unwrap();
        let heard = inbox.poll(Instant::now());
        // A one-shot request: carried out, and nobody joined.
        assert!(
            matches!(
                &heard[..],
                [Heard::Request {
                    request: Request::Pause(true),
                    ..
                }]
            ),
            "{heard:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn nobody_can_send_to_a_game_not_being_played() {
        let (dir, t, held) = game("nobody");
        drop(held);
        let e = Outbox::open(&t, "ana").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotConnected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever bytes a request file holds, reading it never fails or
        /// panics, and a name or whisper heard is always printable.
        #[test]
        fn any_bytes_in_a_request_file_are_read_safely(
            junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000),
            who in "(?s).{0,80}",
            text in "\\PC{0,80}",
        ) {
            let (dir, t, _held) = game(&format!("prop-{}", junk.len()));
            let mut inbox = Inbox::open(&t);
            let (folder, prefix) = prefix(&t);
            let mut body = junk.clone();
            let line = Line { who: who.clone(), request: Request::Whisper(text) };
            body.extend(b"\n");
            body.extend(ron::to_string(&line).unwrap().as_bytes());
            body.extend(b"\n");
            std::fs::write(folder.join(format!("{prefix}x-1")), &body).unwrap();
            for h in inbox.poll(Instant::now()) {
                let (Heard::Request { who, .. } | Heard::Seat { who, .. }) = &h;
                proptest::prop_assert!(!who.chars().any(char::is_control), "{h:?}");
            }
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }

    #[test]
    fn whispers_and_names_are_made_safe() {
        assert_eq!(clean_whisper("a\n\nb\t c"), "a b c");
        assert_eq!(
            clean_whisper(&"x".repeat(5000)).chars().count(),
            MAX_WHISPER
        );
        assert_eq!(clean_name("  "), "mentor");
        assert_eq!(file_safe("a/../b c"), "a____b_c");
    }
}
