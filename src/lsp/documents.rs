//! The documents the editor has open, and the loader that reads a
//! scenario's files from them first: an unsaved buffer takes precedence
//! over the file on disk, for the main file and for every include.

use super::uri;
use crate::files::{self, FsLoader};
use crate::lang::{self, LoadError, Loaded, Loader};
use lsp_types::Uri;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One open buffer.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The URI the editor knows it by (diagnostics go back to it).
    pub uri: Uri,
    pub version: i32,
    pub text: String,
}

/// The open buffers, by path.
#[derive(Debug, Default)]
pub struct Documents {
    open: BTreeMap<PathBuf, Doc>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) -> PathBuf {
        let path = uri::to_path(&uri);
        self.open.insert(path.clone(), Doc { uri, version, text });
        path
    }

    /// Replaces a buffer's text; `None` if it is not open.
    pub fn change(&mut self, uri: &Uri, version: i32, text: String) -> Option<PathBuf> {
        let path = uri::to_path(uri);
        let doc = self.open.get_mut(&path)?;
        doc.version = version;
        doc.text = text;
        Some(path)
    }

    pub fn close(&mut self, uri: &Uri) -> PathBuf {
        let path = uri::to_path(uri);
        self.open.remove(&path);
        path
    }

    pub fn get(&self, path: &Path) -> Option<&Doc> {
        self.open.get(path)
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.open.contains_key(path)
    }

    /// The URI diagnostics for `path` are published under: the editor's
    /// own when it is open.
    pub fn uri_of(&self, path: &Path) -> Option<Uri> {
        self.open
            .get(path)
            .map(|d| d.uri.clone())
            .or_else(|| uri::from_path(path))
    }

    /// The text of `path`: the buffer, else the file on disk (bounded).
    pub fn text(&self, path: &Path) -> Option<String> {
        if let Some(doc) = self.open.get(path) {
            return Some(doc.text.clone());
        }
        let bytes = files::read_bounded(path).ok()?;
        String::from_utf8(bytes).ok()
    }

    /// The main file `path` as the checker reads it, and a loader for what
    /// it includes.
    pub fn load_main(&self, path: &Path) -> Option<(Loaded, Overlay<'_>)> {
        let bytes = match self.open.get(path) {
            Some(doc) => doc.text.clone().into_bytes(),
            None => files::read_bounded(path).ok()?,
        };
        let key = path.file_name().map_or_else(
            || path.to_string_lossy().into_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let main = Loaded {
            name: path.to_string_lossy().into_owned(),
            key,
            bytes,
        };
        Some((main, Overlay::new(self, path)))
    }
}

/// Reads a scenario's files from the open buffers, falling back to the
/// disk (bounded reads, same containment rule as `firedrill check`).
#[derive(Debug)]
pub struct Overlay<'a> {
    docs: &'a Documents,
    /// The main file's folder; `None` for a buffer that is not a file.
    dir: Option<PathBuf>,
    disk: Option<FsLoader>,
}

impl<'a> Overlay<'a> {
    fn new(docs: &'a Documents, main: &Path) -> Self {
        let dir = uri::is_file(main)
            .then(|| main.parent().map(Path::to_path_buf))
            .flatten();
        let disk = dir.as_deref().and_then(|d| FsLoader::in_folder(d).ok());
        Overlay { docs, dir, disk }
    }

    /// The path of a file key of this scenario (the main file's is its name).
    pub fn path_of(dir: &Path, key: &str) -> PathBuf {
        dir.join(key)
    }
}

impl Loader for Overlay<'_> {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let Some(dir) = &self.dir else {
            return Err(LoadError::NotFound);
        };
        let key = lang::join_inside(from, path)?;
        let full = Overlay::path_of(dir, &key);
        if let Some(doc) = self.docs.get(&full) {
            return Ok(Loaded {
                name: full.to_string_lossy().into_owned(),
                key,
                bytes: doc.text.clone().into_bytes(),
            });
        }
        match &self.disk {
            Some(disk) => disk.load(from, path),
            None => Err(LoadError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn open_buffers_win_over_the_disk_and_the_folder_is_kept() {
        let dir = std::env::temp_dir().join(format!("firedrill-lsp-docs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lib")).unwrap();
        std::fs::write(dir.join("lib/a.drill"), "on disk").unwrap();
        std::fs::write(dir.join("lib/b.drill"), "b on disk").unwrap();
        let mut docs = Documents::default();
        let main = dir.join("main.drill");
        let a = uri::from_path(&dir.join("lib/a.drill")).unwrap();
        docs.open(a, 1, "in the editor".into());
        docs.open(uri::from_path(&main).unwrap(), 1, "main".into());
        let (loaded, overlay) = docs.load_main(&main).unwrap();
        assert_eq!(loaded.key, "main.drill");
        let got = overlay.load("main.drill", "lib/a.drill").unwrap();
        assert_eq!(got.bytes, b"in the editor");
        assert_eq!(got.key, "lib/a.drill");
        let got = overlay.load("lib/a.drill", "b.drill").unwrap();
        assert_eq!(got.bytes, b"b on disk");
        assert_eq!(
            overlay.load("main.drill", "../x.drill").unwrap_err(),
            LoadError::Outside
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unsaved_buffers_include_nothing() {
        let mut docs = Documents::default();
        let uri = Uri::from_str("untitled:x").unwrap();
        let path = docs.open(uri, 1, "include \"a.drill\"".into());
        let (_, overlay) = docs.load_main(&path).unwrap();
        assert_eq!(
            overlay.load("x", "a.drill").unwrap_err(),
            LoadError::NotFound
        );
    }
}
