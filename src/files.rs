//! Reading scenarios from disk: a [`Loader`] confined to the scenario's own
//! folder (symlinks that lead out are refused too) and size-bounded reads;
//! and where the player's own files live.

use crate::lang::{self, LoadError, Loaded, Loader, MAX_FILE};
use std::io::Read;

/// The player's config folder (keymap, theme): on Linux `~/.config/firedrill`.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "firedrill").map(|d| d.config_dir().to_path_buf())
}

/// The player's data folder (history, transcripts): on Linux
/// `~/.local/share/firedrill`.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "firedrill").map(|d| d.data_dir().to_path_buf())
}
use std::path::{Path, PathBuf};

/// Reads files beside a scenario, never outside its folder.
#[derive(Debug, Clone)]
pub struct FsLoader {
    /// The scenario's folder, canonical.
    root: PathBuf,
    /// The folder as the user wrote it, for display.
    shown_root: String,
}

impl FsLoader {
    /// A loader for the scenario at `main`, and the main file itself.
    pub fn open(main: &Path) -> std::io::Result<(FsLoader, Loaded)> {
        let canonical = main.canonicalize()?;
        let root = canonical
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let shown_root = main
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = canonical
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = read_bounded(&canonical)?;
        let loader = FsLoader { root, shown_root };
        let loaded = Loaded {
            name: main.to_string_lossy().into_owned(),
            key,
            bytes,
        };
        Ok((loader, loaded))
    }
}

/// Reads at most one byte past [`MAX_FILE`], so a huge file is refused
/// without being read whole.
pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

impl Loader for FsLoader {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        let full = self.root.join(&key);
        let canonical = match full.canonicalize() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(LoadError::NotFound),
            Err(e) => return Err(LoadError::Unreadable(e.to_string())),
        };
        if !canonical.starts_with(&self.root) {
            return Err(LoadError::Outside);
        }
        if canonical.is_dir() {
            return Err(LoadError::Unreadable("it is a folder".into()));
        }
        let bytes = read_bounded(&canonical).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        let name = if self.shown_root.is_empty() {
            key.clone()
        } else {
            format!("{}/{key}", self.shown_root)
        };
        Ok(Loaded { name, key, bytes })
    }
}
