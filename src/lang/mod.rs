//! The scenario language: line pre-pass, pest grammar, syntax tree, lowering
//! to the checked model, and diagnostics.
//!
//! The language never touches the file system: includes and `file "..."`
//! bodies are read through a [`Loader`] that the caller provides, which is
//! also where the rule "never read outside the scenario's folder" lives.

mod analysis;
pub mod ast;
pub mod catalogue;
pub mod diagnostic;
pub mod diags;
mod early;
mod hidden;
pub mod index;
pub mod lines;
mod loops;
mod lower;
pub mod parser;
pub mod render;
pub mod shape;
mod steps;
pub mod synth;

pub use crate::base::source::{self, FileId, SourceMap, Span};
/// Kept for callers outside the language; the formatter lives in
/// [`crate::base::time`].
pub use crate::base::time::duration as fmt_duration;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use diags::{Diags, MAX_DIAGNOSTICS, Omitted};
pub use lower::{Checked, MAX_FILE, MAX_INCLUDE_DEPTH, MAX_LINES, check};

/// A file read on behalf of a scenario.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The name diagnostics show (as the user would type it).
    pub name: String,
    /// The path inside the scenario's folder, with `/`: what `from` means in
    /// [`Loader::load`].
    pub key: String,
    pub bytes: Vec<u8>,
}

impl Loaded {
    /// Text with no file behind it (an editor's buffer, a test), known by
    /// `name`, which is also its key.
    pub fn text(name: &str, text: &str) -> Loaded {
        Loaded {
            name: name.into(),
            key: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    /// The path leads outside the scenario's folder.
    Outside,
    Unreadable(String),
}

/// Reads the files a scenario names (`include`, `file "..."`).
pub trait Loader {
    /// Reads `path`, written in the file whose key is `from`, relative to that
    /// file's folder. Must refuse any path that leaves the scenario's folder
    /// (the folder of the main file, whose key is its bare file name).
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError>;
}

/// A loader for text that has no files beside it.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFiles;

impl Loader for NoFiles {
    fn load(&self, _from: &str, _path: &str) -> Result<Loaded, LoadError> {
        Err(LoadError::NotFound)
    }
}

/// Joins `path` onto the folder of `from` and normalises `.` and `..`,
/// refusing absolute paths and any path that climbs above the root. Both
/// names use `/`. Loaders share this so the containment rule is one piece of code.
pub fn join_inside(from: &str, path: &str) -> Result<String, LoadError> {
    // Absolute paths, Windows drive letters and backslashes never name a file
    // inside the folder; a `:` elsewhere (`13:42.txt`) is an ordinary name.
    let drive = path.as_bytes().get(1) == Some(&b':');
    if path.starts_with('/') || drive || path.contains('\\') {
        return Err(LoadError::Outside);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(LoadError::Outside);
                }
            }
            s => parts.push(s),
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_inside_the_root_only() {
        assert_eq!(
            join_inside("a.drill", "lib/x.drill"),
            Ok("lib/x.drill".into())
        );
        assert_eq!(
            join_inside("lib/x.drill", "../y.drill"),
            Ok("y.drill".into())
        );
        assert_eq!(
            join_inside("a.drill", "../y.drill"),
            Err(LoadError::Outside)
        );
        assert_eq!(
            join_inside("a.drill", "/etc/passwd"),
            Err(LoadError::Outside)
        );
        assert_eq!(join_inside("a.drill", "C:\\x"), Err(LoadError::Outside));
        assert_eq!(join_inside("a.drill", "c:/x"), Err(LoadError::Outside));
        assert_eq!(
            join_inside("a.drill", "logs/13:42.txt"),
            Ok("logs/13:42.txt".into())
        );
        assert_eq!(join_inside("a.drill", "c:/x"), Err(LoadError::Outside));
        assert_eq!(
            join_inside("a.drill", "logs/13:42.txt"),
            Ok("logs/13:42.txt".into())
        );
    }
}
