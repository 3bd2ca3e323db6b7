//! Where transcripts live and how the front ends open them: one file per
//! game in the player's data folder (or where `--record` says), mentor notes
//! in a sidecar file beside each transcript, and finding a transcript's
//! scenario again. The transcript format itself is `record`'s. One game at
//! a time writes a transcript: it holds its [`lock`].

pub mod lock;

use crate::record::debrief::Note;
use crate::record::{Entry, Flow, Header, Journal, MAX_LINE, Mode, Reader, Source, Transcript};
use std::fs::OpenOptions;
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub use crate::record::Recorder;

/// `<data dir>/transcripts`, e.g. `~/.local/share/firedrill/transcripts`.
pub fn default_dir() -> Option<PathBuf> {
    crate::files::data_dir().map(|d| d.join("transcripts"))
}

/// Now, to the second, in UTC.
fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

/// Now, as RFC 3339 in UTC: `2026-12-02T13:41:52Z`.
pub fn now_rfc3339() -> String {
    now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A new transcript's path: `<dir>/<scenario>-<date>-<time>.ron`.
pub fn new_path(dir: &Path, scenario: &str) -> PathBuf {
    let base = format!("{scenario}-{}", now().strftime("%Y%m%d-%H%M%S"));
    let mut path = dir.join(format!("{base}.ron"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.ron"));
        n += 1;
    }
    path
}

/// The player's name: `$USER`, or "player".
pub fn player_name() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "player".into())
}

/// The header of a new game's transcript.
pub fn header(
    offer: &crate::game::Offer,
    seed: u64,
    player: &str,
    support: crate::sim::Support,
    pace: crate::game::Pace,
) -> Header {
    Header {
        format: crate::record::FORMAT,
        scenario: offer.id.clone(),
        origin: offer.origin.label(),
        hash: offer.hash().to_string(),
        seed,
        player: player.into(),
        mode: if pace.practice {
            Mode::Practice
        } else {
            Mode::RealTime
        },
        speed: pace.speed,
        started: now_rfc3339(),
        support,
    }
}

/// Creates a new transcript file (never overwriting one) and writes its
/// header and the scenario's source, so it replays wherever it goes. A
/// source too long for a transcript line ([`MAX_LINE`]) is refused before
/// anything is written: it could not be read back. The writer keeps `lock`
/// (taken on `path` first) for as long as it lives.
pub fn create(
    path: &Path,
    header: &Header,
    source: &Source,
    lock: lock::Held,
) -> io::Result<Recorder> {
    let stored = Entry::Source(source.clone());
    let line = ron::to_string(&stored).map_err(io::Error::other)?;
    if line.len() > MAX_LINE {
        return Err(io::Error::other(format!(
            "the scenario's source is longer than a transcript line may be ({})",
            crate::files::size_words(MAX_LINE as u64)
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let out = lock::Locked::new(file, lock);
    let mut journal = Journal::start(Box::new(out) as Box<dyn Write + Send>, header)?;
    journal.write(&stored)?;
    Ok(journal)
}

/// Whether `path` already holds something a new file must not replace
/// (a dangling link counts: creating through it would write elsewhere).
pub fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Opens a transcript to go on writing it (resume). A torn last line (the
/// game was killed mid-write) is cut off first, so the next entry starts on
/// a line of its own; the file as it was is kept aside, and its path returned.
/// The writer keeps `lock` (taken on `path` first) for as long as it lives.
pub fn append(path: &Path, lock: lock::Held) -> io::Result<(Recorder, Option<PathBuf>)> {
    crate::files::open_regular(path)?;
    let mut file = OpenOptions::new().read(true).append(true).open(path)?;
    let kept = match torn_tail(&mut file)? {
        // A whole entry that only lacks its line break was read as one: keep it.
        Some(start) if whole_entry(&mut file, start)? => {
            file.write_all(b"\n")?;
            None
        }
        Some(start) => {
            let aside = keep_aside(path)?;
            file.set_len(start)?;
            Some(aside)
        }
        None => None,
    };
    let out = lock::Locked::new(file, lock);
    Ok((
        Journal::append_to(Box::new(out) as Box<dyn Write + Send>),
        kept,
    ))
}

/// Where the torn last line of `file` starts, if its last byte is not a
/// line break. Only the tail is read, backwards, whatever the file's size.
fn torn_tail(file: &mut std::fs::File) -> io::Result<Option<u64>> {
    const CHUNK: u64 = 64 * 1024;
    let len = file.metadata()?.len();
    let mut end = len;
    let mut buf = vec![0; CHUNK as usize];
    while end > 0 {
        let start = end.saturating_sub(CHUNK);
        let chunk = &mut buf[..usize::try_from(end - start).unwrap_or(0)];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        if end == len && chunk.last() == Some(&b'\n') {
            return Ok(None);
        }
        if let Some(i) = chunk.iter().rposition(|b| *b == b'\n') {
            return Ok(Some(start + i as u64 + 1));
        }
        end = start;
    }
    // No line break at all: the whole file is one torn line.
    Ok((len > 0).then_some(0))
}

/// Whether the last line, from `start`, is a whole entry (the reader kept it).
fn whole_entry(file: &mut std::fs::File, start: u64) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len - start > MAX_LINE as u64 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.take(len - start).read_to_end(&mut tail)?;
    let tail = String::from_utf8_lossy(&tail);
    Ok(ron::from_str::<Entry>(tail.trim_end_matches('\r')).is_ok())
}

/// Copies the transcript to `<path>.torn-<n>` (a name not yet taken).
fn keep_aside(path: &Path) -> io::Result<PathBuf> {
    let mut original = crate::files::open_regular(path)?;
    for n in 1..1000 {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".torn-{n}"));
        let aside = PathBuf::from(name);
        match OpenOptions::new().write(true).create_new(true).open(&aside) {
            Ok(mut copy) => {
                io::copy(&mut original, &mut copy)?;
                copy.sync_all()?;
                return Ok(aside);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(
        "no free name to keep the torn transcript aside",
    ))
}

/// Reads a transcript file a line at a time: any length, with at most
/// [`MAX_LINE`] bytes of it in memory at once. Only regular files are read.
pub fn read(path: &Path) -> io::Result<Transcript> {
    let file = crate::files::open_regular(path)?;
    Ok(read_lines(file, false)?.0)
}

/// Reads the whole lines of a transcript a game may still be writing: a
/// last line without its line break is not read yet (the game is writing
/// it). Returns what was read and the byte offset where reading stopped.
pub fn read_whole_lines(file: impl Read) -> io::Result<(Transcript, u64)> {
    read_lines(file, true)
}

fn read_lines(file: impl Read, whole_only: bool) -> io::Result<(Transcript, u64)> {
    let mut input = io::BufReader::new(file);
    let mut reader = Reader::new();
    let mut buf = Vec::new();
    let mut offset = 0u64;
    loop {
        buf.clear();
        let n = (&mut input)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        let ended = buf.last() == Some(&b'\n');
        let flow = if !ended && buf.len() > MAX_LINE {
            offset += n as u64 + skip_line(&mut input)?;
            reader.too_long()
        } else if !ended && whole_only {
            break;
        } else {
            offset += n as u64;
            // A line break is `\n` or `\r\n`, as `str::lines` reads them.
            let line = buf
                .strip_suffix(b"\r\n")
                .or_else(|| buf.strip_suffix(b"\n"))
                .unwrap_or(&buf);
            reader.line(&String::from_utf8_lossy(line), !ended)
        };
        if flow == Flow::Stop {
            break;
        }
    }
    Ok((reader.finish(), offset))
}

/// Reads past the rest of a line without keeping it; returns how many
/// bytes that was.
fn skip_line(input: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        if let Some(i) = buf.iter().position(|b| *b == b'\n') {
            input.consume(i + 1);
            return Ok(skipped + i as u64 + 1);
        }
        let n = buf.len();
        input.consume(n);
        skipped += n as u64;
    }
}

/// The mentor-notes sidecar of a transcript: `<transcript>.notes`.
pub fn notes_path(transcript: &Path) -> PathBuf {
    let mut s = transcript.as_os_str().to_owned();
    s.push(".notes");
    PathBuf::from(s)
}

/// A transcript's mentor notes, and what could not be read of them.
#[derive(Debug, Default)]
pub struct Notes {
    pub notes: Vec<Note>,
    /// One line for the user when the file or some of its lines could not
    /// be read (no notes file at all is fine and says nothing).
    pub warning: Option<String>,
}

/// Reads mentor notes (one RON `Note` per line) from a regular file of at
/// most [`crate::files::MAX_NOTES`]; unreadable lines are counted and said.
pub fn read_notes(transcript: &Path) -> Notes {
    let path = notes_path(transcript);
    let shown = path.display();
    let bytes = match crate::files::read_limited(&path, crate::files::MAX_NOTES) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Notes::default(),
        Err(e) => {
            return Notes {
                notes: Vec::new(),
                warning: Some(format!("the notes in `{shown}` are not read: {e}")),
            };
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let (mut notes, mut bad) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        match ron::from_str::<Note>(line) {
            Ok(n) => notes.push(n),
            Err(_) if line.trim().is_empty() => {}
            Err(_) => bad.push(i + 1),
        }
    }
    let warning = bad.first().map(|first| {
        format!(
            "{} of `{shown}` cannot be read and {} skipped (the first is line {first})",
            if bad.len() == 1 {
                "1 line".to_string()
            } else {
                format!("{} lines", bad.len())
            },
            if bad.len() == 1 { "is" } else { "are" },
        )
    });
    Notes { notes, warning }
}

/// Why `out` must not be written by a command that reads the transcript
/// `input`: it is that very file or its notes (by any path or link), or a
/// transcript. `None` when writing is fine (a new file, or any other
/// existing file).
pub fn guard_output(input: &Path, out: &Path) -> Option<String> {
    let Ok(meta) = std::fs::metadata(out) else {
        return None;
    };
    if same_file(input, out, &meta) {
        return Some("it is the transcript being read".into());
    }
    if same_file(&notes_path(input), out, &meta) {
        return Some("it holds the mentor notes of the transcript being read".into());
    }
    if is_transcript(out) {
        return Some("it is a firedrill transcript, and an output never replaces one".into());
    }
    None
}

/// Whether `out` (whose metadata is `meta`) is the file `input` names.
fn same_file(input: &Path, out: &Path, meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(input) {
            return m.dev() == meta.dev() && m.ino() == meta.ino();
        }
    }
    let _ = meta;
    matches!((input.canonicalize(), out.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Whether the regular file at `path` starts with a transcript's header
/// line (after any blank lines, as the reader allows). Only its start is read.
pub fn is_transcript(path: &Path) -> bool {
    let Ok(file) = crate::files::open_regular(path) else {
        return false;
    };
    let mut start = Vec::new();
    if file.take(4096).read_to_end(&mut start).is_err() {
        return false;
    }
    String::from_utf8_lossy(&start)
        .trim_start()
        .starts_with("Header(")
}

/// Pins a note to a moment: appends it to the sidecar (never to the transcript).
pub fn add_note(transcript: &Path, note: &Note) -> io::Result<()> {
    let path = notes_path(transcript);
    // Opening a named pipe to write would wait for a reader forever.
    if taken(&path) {
        crate::files::open_regular(&path)?;
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    let line = ron::to_string(note).map_err(io::Error::other)?;
    writeln!(f, "{line}")?;
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("firedrill-tx-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_torn_tail_is_found_from_the_end_whatever_its_length() {
        let dir = scratch("tail");
        let path = dir.join("t");
        let long = "x".repeat(200_000);
        for (body, want) in [
            ("a\nbc".to_string(), Some(2)),
            ("a\n".into(), None),
            (String::new(), None),
            ("abc".into(), Some(0)),
            (format!("a\n{long}"), Some(2)),
            (format!("{long}\n{long}"), Some(200_001)),
        ] {
            std::fs::write(&path, &body).unwrap();
            let mut f = std::fs::File::open(&path).unwrap();
            assert_eq!(torn_tail(&mut f).unwrap(), want, "{}", body.len());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn notes_are_never_written_into_a_pipe() {
        let dir = scratch("pipe");
        let game = dir.join("g.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(notes_path(&game))
            .status()
            .unwrap();
        assert!(made.success());
        let note = Note {
            at: 0,
            text: "x".into(),
        };
        let err = add_note(&game, &note).unwrap_err().to_string();
        assert!(err.contains("a named pipe"), "{err}");
        assert!(read_notes(&game).warning.unwrap().contains("a named pipe"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn times_read_as_rfc_3339_in_utc() {
        let t = super::now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
        let dir = std::path::Path::new("/nowhere");
        let p = super::new_path(dir, "tutorial");
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("tutorial-20") && name.ends_with(".ron"),
            "{name}"
        );
    }
}
