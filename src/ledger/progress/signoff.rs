//! Mentors' sign-offs: an append-only file beside the transcripts
//! (`signoffs.ron`), one RON value a line. Nothing ever rewrites it: a line
//! that does not read is named and skipped, and stays in the file for a
//! person to mend.

use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The file's name in a transcripts folder.
pub const FILE: &str = "signoffs.ron";

/// The most sign-offs file read (a line is a few hundred bytes).
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// One mentor's word that a player did an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub player: String,
    pub item: String,
    pub by: String,
    /// When it was signed (RFC 3339, UTC).
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The sign-offs file of a folder.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Every sign-off in the folders' files, in file order, with a warning
/// for each line that does not read (named by file and line).
pub fn read_all(dirs: &[PathBuf]) -> (Vec<SignOff>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for dir in dirs {
        let path = path_in(dir);
        // Bytes, not text: a line of bad UTF-8 is one damaged line, not a
        // file that cannot be read.
        let bytes = match crate::files::read_limited(&path, MAX_FILE) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                warnings.push(format!("{}: cannot read it ({e})", path.display()));
                continue;
            }
        };
        let (signs, bad) = parse(&bytes);
        out.extend(signs);
        warnings.extend(
            bad.into_iter()
                .map(|(line, why)| format!("{}:{line}: skipped: {why}", path.display())),
        );
    }
    (out, warnings)
}

/// Reads a sign-offs file: the sign-offs, and each damaged line's number
/// and why.
pub fn parse(bytes: &[u8]) -> (Vec<SignOff>, Vec<(usize, String)>) {
    let mut signs = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let Ok(line) = std::str::from_utf8(line) else {
            bad.push((n + 1, "it is not UTF-8 text".to_string()));
            continue;
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        match ron::from_str::<SignOff>(line) {
            Ok(s) => signs.push(s),
            Err(e) => bad.push((n + 1, e.code.to_string())),
        }
    }
    (signs, bad)
}

/// Appends one sign-off to the folder's file, creating the folder and the
/// file when needed. A damaged last line (no newline at its end) is left
/// alone and the new line starts on a line of its own.
pub fn append(dir: &Path, sign: &SignOff) -> std::io::Result<PathBuf> {
    let path = path_in(dir);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file; it is left alone",
            path.display()
        )));
    }
    std::fs::create_dir_all(dir)?;
    let line = ron::to_string(sign).map_err(std::io::Error::other)?;
    let ends_open = last_byte(&path).is_some_and(|c| c != b'\n');
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let lead = if ends_open { "\n" } else { "" };
    file.write_all(format!("{lead}{line}\n").as_bytes())?;
    Ok(path)
}

/// The last byte of a file, if it has one.
fn last_byte(path: &Path) -> Option<u8> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let mut file = crate::files::open_regular(path).ok()?;
    file.seek(SeekFrom::End(-1)).ok()?;
    let mut b = [0u8; 1];
    file.read_exact(&mut b).ok()?;
    Some(b[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(item: &str) -> SignOff {
        SignOff {
            player: "maya".into(),
            item: item.into(),
            by: "sam".into(),
            at: "2026-12-03T08:00:00Z".into(),
            note: Some("took the night pager with me, \"calm\"".into()),
        }
    }

    #[test]
    fn sign_offs_append_and_a_damaged_line_is_named_and_kept() {
        let dir = std::env::temp_dir().join(format!("firedrill-signoff-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        append(&dir, &sign("real-shift")).unwrap();
        // A line cut short (a full disk), then another sign-off.
        let path = path_in(&dir);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("(player: \"maya\", ite");
        std::fs::write(&path, &text).unwrap();
        let (_, bad) = parse(b"(player: \"\xff\")\n");
        assert_eq!(bad, vec![(1, "it is not UTF-8 text".to_string())]);
        append(&dir, &sign("postmortem")).unwrap();
        let (signs, warnings) = read_all(std::slice::from_ref(&dir));
        assert_eq!(signs, vec![sign("real-shift"), sign("postmortem")]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("signoffs.ron:2: skipped"),
            "{warnings:?}"
        );
        // Still in the file, for a person to mend.
        assert!(std::fs::read_to_string(&path).unwrap().contains("ite\n"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
