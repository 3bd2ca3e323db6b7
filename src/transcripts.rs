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
        fork: None,
        start: None,
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
    read_lines_peeking(file, whole_only, &mut |_, _| None)
}

/// A look at each whole line (its line break cut off) before it is parsed:
/// `Some(flow)` when the caller dealt with it (a line it chose to skip),
/// `None` to have it parsed as usual.
pub type Peek<'a> = &'a mut dyn FnMut(&mut Reader, &[u8]) -> Option<Flow>;

/// Reads a transcript as [`read`] does, letting `peek` take lines before
/// they are parsed (a report over many games skips what it never reads).
pub fn read_lines_peeking(
    file: impl Read,
    whole_only: bool,
    peek: Peek<'_>,
) -> io::Result<(Transcript, u64)> {
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
            match peek(&mut reader, line) {
                Some(flow) => flow,
                None => reader.line(&String::from_utf8_lossy(line), !ended),
            }
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

/// The older notes file of a transcript, shared by every mentor:
/// `<transcript>.notes`. It is still read; nothing writes it any more.
pub fn notes_path(transcript: &Path) -> PathBuf {
    let mut s = transcript.as_os_str().to_owned();
    s.push(".notes");
    PathBuf::from(s)
}

/// The notes file `author` writes beside a transcript, one writer per file:
/// `<transcript>.notes.<author>`, the name made safe for a file name.
pub fn notes_path_of(transcript: &Path, author: &str) -> PathBuf {
    let mut s = notes_path(transcript).into_os_string();
    s.push(".");
    s.push(file_safe(author));
    PathBuf::from(s)
}

/// A name as a file name may carry it: letters, digits, `-` and `_` kept,
/// anything else (a slash, a dot, a space, a control) becomes `_`; at most
/// 64 characters; never empty.
pub fn file_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .take(64)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() { "_".into() } else { safe }
}

/// The most notes files of one transcript read (one per author).
pub const MAX_NOTES_FILES: usize = 64;

/// Every notes file beside a transcript: the older shared one (if there is
/// one), then each author's, by name; at most [`MAX_NOTES_FILES`].
pub fn notes_files(transcript: &Path) -> Vec<PathBuf> {
    let shared = notes_path(transcript);
    let mut files: Vec<PathBuf> = taken(&shared).then(|| shared.clone()).into_iter().collect();
    let Some(name) = shared
        .file_name()
        .map(|n| format!("{}.", n.to_string_lossy()))
    else {
        return files;
    };
    let dir = match transcript.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return files;
    };
    let mut authors: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.strip_prefix(&name)
                .is_some_and(|who| !who.is_empty() && file_safe(who) == who)
        })
        .map(|e| e.path())
        .take(MAX_NOTES_FILES * 4)
        .collect();
    authors.sort();
    authors.truncate(MAX_NOTES_FILES);
    files.extend(authors);
    files
}

/// A transcript's mentor notes, and what could not be read of them.
#[derive(Debug, Default)]
pub struct Notes {
    /// Every readable note of every file, by moment.
    pub notes: Vec<Note>,
    /// One line for the user per file that, or some of whose lines, could
    /// not be read (no notes file at all is fine and says nothing).
    pub warnings: Vec<String>,
}

/// Reads every notes file of a transcript (one RON `Note` per line, each
/// a regular file of at most [`crate::files::MAX_NOTES`]); unreadable lines
/// are counted and said, never dropped in silence.
pub fn read_notes(transcript: &Path) -> Notes {
    let mut all = Notes::default();
    for path in notes_files(transcript) {
        let (notes, warning) = read_notes_file(&path);
        all.notes.extend(notes);
        all.warnings.extend(warning);
    }
    all.notes.sort_by_key(|n| n.at);
    all
}

/// One notes file's notes, and what is wrong with it.
fn read_notes_file(path: &Path) -> (Vec<Note>, Option<String>) {
    let shown = crate::base::printable::printable(&path.display().to_string());
    let bytes = match crate::files::read_limited(path, crate::files::MAX_NOTES) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (Vec::new(), None),
        Err(e) => {
            return (
                Vec::new(),
                Some(format!("the notes in `{shown}` are not read: {e}")),
            );
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let (notes, bad) = parse_notes(&text);
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
    (notes, warning)
}

/// The notes of a file's text, and the numbers of the lines that are not notes.
fn parse_notes(text: &str) -> (Vec<Note>, Vec<usize>) {
    let (mut notes, mut bad) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        match ron::from_str::<Note>(line) {
            Ok(n) => notes.push(n),
            Err(_) if line.trim().is_empty() => {}
            Err(_) => bad.push(i + 1),
        }
    }
    (notes, bad)
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
    if notes_files(input).iter().any(|n| same_file(n, out, &meta)) {
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

/// Writes `author`'s notes file afresh with `notes` (theirs: edited,
/// deleted or added). The lines of it that cannot be read are kept at its
/// end, as they were: a damaged line is the author's to mend, never lost.
/// Written beside it and renamed over it, so a reader never sees half.
pub fn write_notes(transcript: &Path, author: &str, notes: &[Note]) -> io::Result<()> {
    let path = notes_path_of(transcript, author);
    let mut kept = Vec::new();
    if taken(&path) {
        let bytes = crate::files::read_limited(&path, crate::files::MAX_NOTES)?;
        let text = String::from_utf8_lossy(&bytes);
        let (_, bad) = parse_notes(&text);
        let lines: Vec<&str> = text.lines().collect();
        kept.extend(
            bad.iter()
                .filter_map(|i| lines.get(i - 1).map(|l| (*l).to_string())),
        );
    }
    let mut body = String::new();
    for note in notes {
        body.push_str(&ron::to_string(note).map_err(io::Error::other)?);
        body.push('\n');
    }
    for line in kept {
        body.push_str(&line);
        body.push('\n');
    }
    let mut aside = path.clone().into_os_string();
    aside.push(format!(".{}.tmp", std::process::id()));
    let aside = PathBuf::from(aside);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&aside)?;
    let written = f.write_all(body.as_bytes()).and_then(|()| f.sync_all());
    if let Err(e) = written.and_then(|()| std::fs::rename(&aside, &path)) {
        let _ = std::fs::remove_file(&aside);
        return Err(e);
    }
    Ok(())
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
            .arg(notes_path_of(&game, "maya"))
            .status()
            .unwrap();
        assert!(made.success());
        let note = Note {
            at: 0,
            text: "x".into(),
            author: "maya".into(),
        };
        let err = write_notes(&game, "maya", &[note]).unwrap_err().to_string();
        assert!(err.contains("a named pipe"), "{err}");
        assert!(read_notes(&game).warnings[0].contains("a named pipe"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn each_author_writes_a_file_of_their_own_and_all_are_read() {
        let dir = scratch("authors");
        let game = dir.join("g.ron");
        let note = |at, text: &str, author: &str| Note {
            at,
            text: text.into(),
            author: author.into(),
        };
        std::fs::write(notes_path(&game), "Note(at:5,text:\"older\")\n").unwrap();
        write_notes(&game, "maya", &[note(9, "hers", "maya")]).unwrap();
        write_notes(&game, "../jo e", &[note(1, "his", "../jo e")]).unwrap();
        assert!(dir.join("g.ron.notes.___jo_e").is_file());
        std::fs::write(dir.join("g.ron.notes.maya.1.tmp"), "junk").unwrap();
        let read = read_notes(&game);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let texts: Vec<&str> = read.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["his", "older", "hers"]);
        assert_eq!(notes_files(&game).len(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_damaged_line_is_said_and_kept_when_its_author_writes_again() {
        let dir = scratch("damaged");
        let game = dir.join("g.ron");
        let mine = notes_path_of(&game, "maya");
        std::fs::write(
            &mine,
            "Note(at:1,text:\"a\",author:\"maya\")\nNote(at:oops\n",
        )
        .unwrap();
        let read = read_notes(&game);
        assert_eq!(read.notes.len(), 1);
        assert!(
            read.warnings[0].contains("1 line of"),
            "{:?}",
            read.warnings
        );
        write_notes(&game, "maya", &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "Note(at:oops\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_are_made_safe_for_file_names() {
        assert_eq!(file_safe("maya"), "maya");
        assert_eq!(file_safe("a/b .c"), "a_b__c");
        assert_eq!(file_safe(""), "_");
        assert_eq!(file_safe(&"x".repeat(100)).len(), 64);
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
