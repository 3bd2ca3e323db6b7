//! The signals that end or suspend a game, for the front ends. Each front
//! end catches the ending ones so that it can give the terminal back and
//! close the transcript first, then exits with the conventional status,
//! 128 + the signal's number. The plain front end reads standard input
//! through [`Input`], which ends (like end of file) when one arrives.

use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGUSR1, SIGUSR2};
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The signals whose default action ends the program, caught so that it
/// ends cleanly. SIGPIPE is not one: Rust programs ignore it, and a closed
/// output is a write error that each front end handles.
pub const ENDING: [i32; 7] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM];

/// The exit status of a program that `signal` ended: 128 + its number.
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// `SIGTERM`, for messages.
pub fn name(signal: i32) -> String {
    signal_hook::low_level::signal_name(signal)
        .map_or_else(|| format!("signal {signal}"), str::to_string)
}

/// Stops the process as the terminal's suspend key would; returns once it
/// is continued (`fg`).
pub fn stop_self() {
    let _ = signal_hook::low_level::raise(SIGSTOP);
}

/// Hands each of `signals` to `forward` on a thread of its own. The first
/// ending signal is forwarded; a second one, or any once `forward` returns
/// false (nobody listens any more), gets its default action at once, so a
/// player can always end a program whose cleanup hangs.
pub fn listen(signals: &[i32], forward: impl Fn(i32) -> bool + Send + 'static) -> io::Result<()> {
    let mut caught = signal_hook::iterator::Signals::new(signals)?;
    std::thread::spawn(move || {
        let mut ending = false;
        for signal in caught.forever() {
            let again = ending && ENDING.contains(&signal);
            ending |= ENDING.contains(&signal);
            if again || !forward(signal) {
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        }
    });
    Ok(())
}

/// Which ending signal arrived, if one did; shared with [`Input`].
#[derive(Debug, Clone, Default)]
pub struct Caught(Arc<AtomicI32>);

impl Caught {
    pub fn get(&self) -> Option<i32> {
        Some(self.0.load(Ordering::SeqCst)).filter(|s| *s != 0)
    }

    fn set(&self, signal: i32) {
        self.0.store(signal, Ordering::SeqCst);
    }

    /// Waits up to `limit` for a signal to be caught.
    fn wait(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while self.get().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Catches the ending signals from now on, for a reader of its own (the
/// plain game's line editor on a terminal) to end at, as [`Input`] does.
pub fn catch_ending() -> Caught {
    let caught = Caught::default();
    let seen = caught.clone();
    let _ = listen(&ENDING, move |signal| {
        seen.set(signal);
        true
    });
    caught
}

/// What the reading thread passes on.
enum Piece {
    Bytes(Vec<u8>),
    /// End of input, an error, or a signal (then [`Caught`] says which).
    End,
}

/// Standard input read on a thread of its own, ending like end of file as
/// soon as an ending signal arrives. Chunks wait in a short queue, so a
/// fast input (`< /dev/zero`) is read no faster than it is used.
#[derive(Debug)]
pub struct Input {
    pieces: mpsc::Receiver<Piece>,
    chunk: Vec<u8>,
    pos: usize,
    ended: bool,
    caught: Caught,
}

impl Input {
    /// Standard input, and what tells which signal ended it. Without the
    /// signals (they could not be caught), it is plain standard input.
    pub fn stdin() -> (Input, Caught) {
        use std::io::IsTerminal;
        // A terminal that hangs up ends the input and sends SIGHUP at once;
        // the signal, when it comes, decides the exit status.
        let grace = if io::stdin().is_terminal() {
            Duration::from_millis(200)
        } else {
            Duration::ZERO
        };
        Input::new(io::stdin(), &ENDING, grace)
    }

    /// Reads `source` on a thread, ending at one of `signals`; at the end of
    /// `source` it waits up to `grace` for a signal that may come with it.
    fn new(
        mut source: impl Read + Send + 'static,
        signals: &[i32],
        grace: Duration,
    ) -> (Input, Caught) {
        let (tx, pieces) = mpsc::sync_channel::<Piece>(4);
        let caught = Caught::default();
        let wake = tx.clone();
        let seen = caught.clone();
        let _ = listen(signals, move |signal| {
            seen.set(signal);
            // The reader may be waiting: wake it (a full queue wakes it too).
            let _ = wake.try_send(Piece::End);
            true
        });
        let ending = caught.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 8192];
            loop {
                let piece = match source.read(&mut buf) {
                    Ok(0) => Piece::End,
                    Ok(n) => Piece::Bytes(buf[..n].to_vec()),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(_) => Piece::End,
                };
                let end = matches!(piece, Piece::End);
                if end {
                    ending.wait(grace);
                }
                if tx.send(piece).is_err() || end {
                    return;
                }
            }
        });
        let input = Input {
            pieces,
            chunk: Vec::new(),
            pos: 0,
            ended: false,
            caught: caught.clone(),
        };
        (input, caught)
    }
}

/// `Read::read` for a reader whose buffer is the truth (`fill_buf` then
/// `consume`): what both line sources of a game hand out.
pub(crate) fn read_buffered(r: &mut impl BufRead, buf: &mut [u8]) -> io::Result<usize> {
    let n = {
        let available = r.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        n
    };
    r.consume(n);
    Ok(n)
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl BufRead for Input {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        loop {
            // A signal ends the input at once, whatever is still queued.
            if self.ended || self.caught.get().is_some() {
                self.ended = true;
                return Ok(&[]);
            }
            if self.pos < self.chunk.len() {
                return Ok(&self.chunk[self.pos..]);
            }
            match self.pieces.recv() {
                Ok(Piece::Bytes(b)) => {
                    self.chunk = b;
                    self.pos = 0;
                }
                Ok(Piece::End) | Err(_) => self.ended = true,
            }
        }
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.chunk.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_128_plus_the_number() {
        assert_eq!(exit_status(SIGINT), 130);
        assert_eq!(exit_status(SIGTERM), 143);
        assert_eq!(exit_status(SIGHUP), 129);
        assert_eq!(name(SIGQUIT), "SIGQUIT");
    }

    #[test]
    fn input_reads_lines_to_the_end() {
        let (input, caught) =
            Input::new(io::Cursor::new(b"one\ntwo\n".to_vec()), &[], Duration::ZERO);
        let lines: Vec<String> = input.lines().map_while(Result::ok).collect();
        assert_eq!(lines, ["one", "two"]);
        assert_eq!(caught.get(), None);
    }

    #[test]
    fn a_caught_signal_ends_the_input_at_once() {
        let (mut input, caught) =
            Input::new(io::Cursor::new(b"one\ntwo\n".to_vec()), &[], Duration::ZERO);
        caught.set(SIGINT);
        let mut line = String::new();
        assert_eq!(input.read_line(&mut line).unwrap(), 0);
        assert_eq!(caught.get(), Some(SIGINT));
    }

    #[test]
    fn a_signal_that_follows_the_end_of_input_still_counts() {
        let (mut input, caught) = Input::new(io::empty(), &[], Duration::from_secs(5));
        let later = caught.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            later.set(SIGHUP);
        });
        let mut line = String::new();
        assert_eq!(input.read_line(&mut line).unwrap(), 0);
        assert_eq!(caught.get(), Some(SIGHUP));
    }
}
