//! `file://` URIs to paths and back. A document with another scheme
//! (`untitled:`) is keyed by its URI text and has no folder beside it.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Where a document lives: the path of a `file://` URI, or for any other
/// URI a relative path made of its text (never a real file).
pub fn to_path(uri: &Uri) -> PathBuf {
    file_path(uri.as_str()).unwrap_or_else(|| PathBuf::from(uri.as_str()))
}

/// Whether `path` names a file on disk (rather than an unsaved buffer).
pub fn is_file(path: &Path) -> bool {
    path.is_absolute()
}

/// The path of a `file://` URI, percent-decoded.
fn file_path(text: &str) -> Option<PathBuf> {
    let rest = text.strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = decode(path)?;
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows.
    #[cfg(windows)]
    let path = path.strip_prefix('/').map_or(path.clone(), str::to_string);
    Some(PathBuf::from(path))
}

fn decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The URI of `path`: `file://` with the path percent-encoded, or the text
/// of a non-file key as it was.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy();
    if !is_file(path) {
        return Uri::from_str(&text).ok();
    }
    let mut out = String::from("file://");
    #[cfg(windows)]
    out.push('/');
    for b in text.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"/-._~".contains(&b);
        if keep {
            out.push(char::from(b));
        } else if b == b'\\' {
            out.push('/');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn paths_survive_the_round_trip() {
        for p in ["/a/b.drill", "/with space/é😀.drill", "/x/100%.drill"] {
            let uri = from_path(Path::new(p)).unwrap();
            assert_eq!(to_path(&uri), PathBuf::from(p), "{}", uri.as_str());
        }
        let uri = Uri::from_str("file:///a%20b/c.drill").unwrap();
        assert_eq!(to_path(&uri), PathBuf::from("/a b/c.drill"));
    }

    #[test]
    fn other_schemes_keep_their_text() {
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        let path = to_path(&uri);
        assert!(!is_file(&path));
        assert_eq!(from_path(&path).unwrap(), uri);
    }
}
