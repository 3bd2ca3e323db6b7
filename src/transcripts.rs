//! Where transcripts live and how the front ends open them: one file per
//! game in the player's data folder (or where `--record` says), mentor notes
//! in a sidecar file beside each transcript, and finding a transcript's
//! scenario again. The transcript format itself is `record`'s.

use crate::record::debrief::Note;
use crate::record::{Entry, Header, Journal, Mode, Source, Transcript};
use std::fs::OpenOptions;
use std::io::{self, Write};
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
    practice: bool,
    speed: f64,
) -> Header {
    Header {
        format: crate::record::FORMAT,
        scenario: offer.id.clone(),
        origin: offer.origin.label(),
        hash: offer.hash().to_string(),
        seed,
        player: player.into(),
        mode: if practice {
            Mode::Practice
        } else {
            Mode::RealTime
        },
        speed,
        started: now_rfc3339(),
    }
}

/// Creates a new transcript file (never overwriting one) and writes its
/// header and the scenario's source, so it replays wherever it goes.
pub fn create(path: &Path, header: &Header, source: &Source) -> io::Result<Recorder> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new().write(true).create_new(true).open(path)?;
    let mut journal = Journal::start(Box::new(file) as Box<dyn Write + Send>, header)?;
    journal.write(&Entry::Source(source.clone()))?;
    Ok(journal)
}

/// Opens a transcript to go on writing it (resume).
pub fn append(path: &Path) -> io::Result<Recorder> {
    let mut file = OpenOptions::new().append(true).open(path)?;
    // A torn last line (the game was killed mid-write) must not swallow the next entry.
    let len = file.metadata()?.len();
    if len > 0 {
        let text = std::fs::read(path)?;
        if text.last() != Some(&b'\n') {
            file.write_all(b"\n")?;
        }
    }
    Ok(Journal::append_to(Box::new(file) as Box<dyn Write + Send>))
}

/// Reads a transcript file.
pub fn read(path: &Path) -> io::Result<Transcript> {
    let bytes = crate::files::read_bounded(path)?;
    Ok(Transcript::read(&String::from_utf8_lossy(&bytes)))
}

/// The mentor-notes sidecar of a transcript: `<transcript>.notes`.
pub fn notes_path(transcript: &Path) -> PathBuf {
    let mut s = transcript.as_os_str().to_owned();
    s.push(".notes");
    PathBuf::from(s)
}

/// Reads mentor notes (one RON `Note` per line); unreadable lines are skipped.
pub fn read_notes(transcript: &Path) -> Vec<Note> {
    std::fs::read_to_string(notes_path(transcript))
        .map(|t| {
            t.lines()
                .filter_map(|l| ron::from_str::<Note>(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Pins a note to a moment: appends it to the sidecar (never to the transcript).
pub fn add_note(transcript: &Path, note: &Note) -> io::Result<()> {
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(notes_path(transcript))?;
    let line = ron::to_string(note).map_err(io::Error::other)?;
    writeln!(f, "{line}")?;
    f.flush()
}

#[cfg(test)]
mod tests {
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
