//! Reading every recorded game in a set of folders, fast and safely (on two
//! threads): each transcript summed up ([`Summary`]) without a replay, each
//! distinct scenario source kept once (and parsed at most once per thread),
//! and every file that is not a readable transcript named and skipped,
//! never the end of the whole report. Nothing here writes.

use crate::record::summary::Summary;
use crate::record::{Reader, Source, Transcript};
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How deep below a folder games are looked for: a team folder may hold a
/// folder per player (`team/maya/*.ron`), and one more level is allowed.
pub const MAX_DEPTH: usize = 2;

/// The most files looked at in one scan, so a mistaken `--dir /` ends.
pub const MAX_FILES: usize = 200_000;

/// One recorded game.
#[derive(Debug, Clone)]
pub struct Game {
    pub path: PathBuf,
    pub summary: Summary,
    /// The player's mark on it, if any ([`super::mark`]).
    pub mark: Option<super::Mark>,
}

/// A file that looked like a game and could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: String,
}

/// The games found, newest first, what was skipped, and the scenario
/// sources they were played on (one copy per content hash).
#[derive(Debug, Default)]
pub struct Scan {
    pub games: Vec<Game>,
    pub skipped: Vec<Skipped>,
    pub sources: BTreeMap<String, Source>,
}

/// Reads every `.ron` transcript in `dirs` (and below, [`MAX_DEPTH`]). A
/// folder that cannot be read is one [`Skipped`] entry.
pub fn scan(dirs: &[PathBuf]) -> Scan {
    let mut s = Scan::default();
    let mut files = Vec::new();
    for dir in dirs {
        if let Err(e) = list(dir, 0, &mut files) {
            s.skipped.push(Skipped {
                path: dir.clone(),
                why: format!("cannot read this folder: {e}"),
            });
        }
    }
    files.sort();
    files.dedup();
    // Two readers, each on half the files with its own copy of the sources
    // seen (so a source is parsed at most once by each): reading is most of
    // a report's time, and the machine has at least two cores.
    let (a, b) = files.split_at(files.len().div_ceil(2));
    let (first, second) = std::thread::scope(|scope| {
        let other = scope.spawn(|| read_all(b));
        (read_all(a), other.join().ok())
    });
    s.absorb(first);
    if let Some(second) = second {
        s.absorb(second);
    }
    // Newest first; RFC 3339 times in UTC sort as text.
    s.games.sort_by(|a, b| {
        b.summary
            .header
            .started
            .cmp(&a.summary.header.started)
            .then_with(|| a.path.cmp(&b.path))
    });
    s
}

/// Reads `files`, in order.
fn read_all(files: &[PathBuf]) -> Scan {
    let mut s = Scan::default();
    for path in files {
        match read_game(path, &mut s.sources) {
            Ok(summary) => {
                let mark = super::mark::read(path);
                s.games.push(Game {
                    path: path.clone(),
                    summary,
                    mark,
                });
            }
            Err(why) => s.skipped.push(Skipped {
                path: path.clone(),
                why,
            }),
        }
    }
    s
}

impl Scan {
    /// Takes in what another reader found.
    fn absorb(&mut self, other: Scan) {
        self.games.extend(other.games);
        self.skipped.extend(other.skipped);
        for (hash, source) in other.sources {
            self.sources.entry(hash).or_insert(source);
        }
    }
}

/// The `.ron` regular files in `dir` and below, never through a link.
fn list(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        if out.len() >= MAX_FILES {
            break;
        }
        let Ok(entry) = entry else { continue };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth < MAX_DEPTH {
            // An unreadable folder below is left out quietly: the folder
            // asked for was read.
            let _ = list(&path, depth + 1, out);
        } else if kind.is_file()
            && path.extension().is_some_and(|e| e == "ron")
            // The sign-offs file lives beside the games, and is no game.
            && path
                .file_name()
                .is_none_or(|n| n != super::progress::signoff::FILE)
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one transcript into its summary, storing its scenario source in
/// `sources` the first time that version is seen.
fn read_game(path: &Path, sources: &mut BTreeMap<String, Source>) -> Result<Summary, String> {
    let file = crate::files::open_regular(path).map_err(|e| format!("cannot read it: {e}"))?;
    let t = read_skipping(file, sources, Some(&SUMMED_EVENTS))
        .map_err(|e| format!("cannot read it: {e}"))?;
    for source in &t.sources {
        sources
            .entry(source.hash.clone())
            .or_insert_with(|| source.clone());
    }
    let summary = Summary::of(&t).ok_or_else(|| {
        t.problems.first().map_or_else(
            || "it is empty".to_string(),
            |p| format!("line {}: {}", p.line, p.message),
        )
    })?;
    Ok(summary)
}

/// Reads a game found by a scan again, whole but for the scenario sources
/// the scan already keeps in `sources` (a figure that needs more than the
/// summary, or a replay, reads it here).
/// `events`: the kinds of event to read (`b"Choices"`), the others kept
/// only as where the clock stood; `None` reads them all.
pub fn read_again(
    path: &Path,
    sources: &BTreeMap<String, Source>,
    events: Option<&[&[u8]]>,
) -> io::Result<Transcript> {
    read_skipping(crate::files::open_regular(path)?, sources, events)
}

/// Reads a transcript as [`crate::transcripts::read`] does, leaving out a
/// scenario source already in `seen` (by far the longest line, and the same
/// in every game of that version) and, given `events`, the events of any
/// other kind (only where the clock stood is kept). A skipped line still
/// counts, so problems keep their line numbers.
fn read_skipping(
    file: impl Read,
    seen: &BTreeMap<String, Source>,
    events: Option<&[&[u8]]>,
) -> io::Result<Transcript> {
    let mut peek = |reader: &mut Reader, line: &[u8]| {
        if !reader.started() {
            return None;
        }
        // Before any text is made of it: a known source is most of the
        // bytes, and checking them as UTF-8 is most of the work.
        if known_source(line, seen) {
            return Some(reader.skip());
        }
        let at = events.and_then(|kept| unread_event(line, kept))?;
        Some(reader.clock_at(at))
    };
    Ok(crate::transcripts::read_lines_peeking(file, false, &mut peek)?.0)
}

/// The events a [`Summary`] reads; the others are skipped unparsed.
pub const SUMMED_EVENTS: [&[u8]; 3] = [b"Page", b"PageAcked", b"Ended"];

/// For an event line of a kind not in `kept` (`Event((at:12000,kind:Chat(`),
/// its game time; `None` for any other line, which is parsed as usual.
fn unread_event(line: &[u8], kept: &[&[u8]]) -> Option<crate::scenario::Millis> {
    let rest = line.strip_prefix(b"Event((at:")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let at = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    let kind = rest[digits..].strip_prefix(b",kind:")?;
    let name_len = kind
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &kind[..name_len];
    (name_len > 0 && !kept.contains(&name)).then_some(at)
}

/// Whether a line is a source already kept.
fn known_source(line: &[u8], seen: &BTreeMap<String, Source>) -> bool {
    // `Source((hash:"04f58b9b429a02b6",files:[...`: the hash comes first.
    line.strip_prefix(b"Source((hash:\"")
        .and_then(|rest| rest.split(|b| *b == b'"').next())
        .and_then(|hash| std::str::from_utf8(hash).ok())
        .is_some_and(|hash| seen.contains_key(hash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::recorded_playtest;

    /// A recorded playthrough with its scenario's source stored, as a game
    /// writes it.
    fn with_source(id: &str) -> String {
        let (_, text) = recorded_playtest(id, 0);
        let hash = Transcript::read(&text).header.unwrap().hash;
        let source = crate::record::Entry::Source(Source {
            hash,
            files: vec![crate::record::SourceFile {
                key: format!("{id}.drill"),
                text: "scenario x".into(),
            }],
        });
        let (head, rest) = text.split_once('\n').unwrap();
        format!("{head}\n{}\n{rest}", ron::to_string(&source).unwrap())
    }

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("firedrill-scan-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn games_are_found_newest_first_and_junk_is_named() {
        let dir = folder("mixed");
        let a = with_source("tutorial");
        let b = a.replacen("2026-11-26T09:00:00Z", "2026-11-27T09:00:00Z", 1);
        std::fs::write(dir.join("a.ron"), &a).unwrap();
        std::fs::create_dir_all(dir.join("maya")).unwrap();
        std::fs::write(dir.join("maya/b.ron"), &b).unwrap();
        std::fs::write(dir.join("junk.ron"), "not a transcript\n").unwrap();
        std::fs::write(dir.join("a.ron.notes"), "ignored\n").unwrap();
        let s = scan(std::slice::from_ref(&dir));
        assert_eq!(s.games.len(), 2, "{:?}", s.skipped);
        assert!(s.games[0].path.ends_with("maya/b.ron"));
        assert_eq!(s.skipped.len(), 1);
        assert!(s.skipped[0].path.ends_with("junk.ron"));
        assert!(
            s.skipped[0].why.contains("not a firedrill transcript"),
            "{:?}",
            s.skipped
        );
        // One source kept for the two games played on one version.
        assert_eq!(s.sources.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn skipping_reads_the_same_summary() {
        let text = with_source("cloudflare-2019-waf");
        let whole = Summary::of(&Transcript::read(&text)).unwrap();
        let mut seen = BTreeMap::new();
        let first = read_skipping(text.as_bytes(), &seen, Some(&SUMMED_EVENTS)).unwrap();
        assert_eq!(first.sources.len(), 1);
        for s in &first.sources {
            seen.insert(s.hash.clone(), s.clone());
        }
        let second = read_skipping(text.as_bytes(), &seen, Some(&SUMMED_EVENTS)).unwrap();
        assert!(second.sources.is_empty());
        assert_eq!(Summary::of(&second).unwrap(), whole);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// Any bytes after a good start read without a panic: a summary or
        /// a reason, never the end of the scan.
        #[test]
        fn any_bytes_are_read_safely(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
            let (_, text) = recorded_playtest("tutorial", 0);
            let mut bytes: Vec<u8> = text.lines().take(3).collect::<Vec<_>>().join("\n").into_bytes();
            bytes.push(b'\n');
            bytes.extend(tail);
            let mut seen = BTreeMap::new();
            let t = read_skipping(bytes.as_slice(), &seen, Some(&SUMMED_EVENTS)).unwrap();
            proptest::prop_assert!(Summary::of(&t).is_some());
            seen.clear();
            let junk = read_skipping(&bytes[5..], &seen, Some(&SUMMED_EVENTS)).unwrap();
            proptest::prop_assert!(junk.header.is_none() || Summary::of(&junk).is_some());
        }
    }

    #[test]
    fn only_the_events_a_summary_reads_are_parsed() {
        assert_eq!(
            unread_event(
                b"Event((at:12000,kind:Chat(person:\"m\"))))",
                &SUMMED_EVENTS
            ),
            Some(12_000)
        );
        assert_eq!(
            unread_event(b"Event((at:5,kind:Page(page:1)))", &SUMMED_EVENTS),
            None
        );
        assert_eq!(
            unread_event(b"Event((at:5,kind:PageAcked(page:1)))", &SUMMED_EVENTS),
            None
        );
        assert_eq!(
            unread_event(b"Event((at:5,kind:Ended(ending:\"x\")))", &SUMMED_EVENTS),
            None
        );
        assert_eq!(
            unread_event(b"Event((at:x,kind:Chat()))", &SUMMED_EVENTS),
            None
        );
        assert_eq!(
            unread_event(b"Action((at:5,action:Hint))", &SUMMED_EVENTS),
            None
        );
    }

    #[test]
    fn a_missing_folder_is_named() {
        let s = scan(&[PathBuf::from("/nonexistent/firedrill")]);
        assert!(s.games.is_empty());
        assert_eq!(s.skipped.len(), 1);
    }
}
