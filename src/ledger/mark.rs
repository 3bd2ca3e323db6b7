//! How a player marks one of their games: a throwaway counts nowhere, a
//! private game counts only in the player's own progress. The mark lives in
//! a file of its own beside the transcript (`GAME.ron.mark`), written only by
//! `firedrill games mark`, so the transcript keeps its one writer.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Counts nowhere: a test, a false start, a game handed to someone else.
    Throwaway,
    /// Counts in the player's own progress, and nowhere a team sees.
    Private,
}

impl Mark {
    pub fn word(self) -> &'static str {
        match self {
            Mark::Throwaway => "throwaway",
            Mark::Private => "private",
        }
    }

    pub fn from_word(word: &str) -> Option<Mark> {
        match word.trim() {
            "throwaway" => Some(Mark::Throwaway),
            "private" => Some(Mark::Private),
            _ => None,
        }
    }
}

/// The mark file of a transcript: `<transcript>.mark`.
pub fn path_of(transcript: &Path) -> PathBuf {
    let mut s = transcript.as_os_str().to_owned();
    s.push(".mark");
    PathBuf::from(s)
}

/// A transcript's mark, if it has one. A mark file that is missing, not a
/// regular file or holds anything else leaves the game unmarked, so it
/// counts: a mark only ever hides a game its player chose to hide.
pub fn read(transcript: &Path) -> Option<Mark> {
    let text = crate::files::read_text(&path_of(transcript), 64).ok()?;
    Mark::from_word(&text)
}

/// Marks a transcript (`None`: counts again), replacing the mark file whole.
pub fn write(transcript: &Path, mark: Option<Mark>) -> std::io::Result<()> {
    let path = path_of(transcript);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file; it is left alone",
            path.display()
        )));
    }
    match mark {
        Some(m) => std::fs::write(&path, format!("{}\n", m.word())),
        None if path.exists() => std::fs::remove_file(&path),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_written_read_and_removed() {
        let dir = std::env::temp_dir().join(format!("firedrill-mark-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let game = dir.join("g.ron");
        assert_eq!(read(&game), None);
        write(&game, Some(Mark::Private)).unwrap();
        assert_eq!(read(&game), Some(Mark::Private));
        write(&game, None).unwrap();
        assert_eq!(read(&game), None);
        std::fs::write(path_of(&game), "everything\n").unwrap();
        assert_eq!(read(&game), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
