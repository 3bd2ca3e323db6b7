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

impl FsLoader {
    /// A loader for the scenarios in `folder` (an editor's main file may
    /// not be saved yet, so none is read here).
    pub fn in_folder(folder: &Path) -> std::io::Result<FsLoader> {
        Ok(FsLoader {
            root: folder.canonicalize()?,
            shown_root: folder.to_string_lossy().into_owned(),
        })
    }
}

/// Reads at most one byte past [`MAX_FILE`], so a huge file is refused
/// without being read whole (the checker reports the size with a span).
/// Only regular files are read.
pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(MAX_FILE as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The largest config file (keymap, theme, settings) or history file read.
pub const MAX_CONFIG: u64 = 1024 * 1024;

/// The largest mentor-notes file or postmortem read.
pub const MAX_NOTES: u64 = 16 * 1024 * 1024;

/// The largest postmortem `firedrill new --from-postmortem` reads: a real
/// one is tens of kilobytes, and turning Markdown into a scenario takes
/// about eighteen times the file's size in memory.
pub const MAX_POSTMORTEM: u64 = 1024 * 1024;

/// Opens `path` for reading only if it is a regular file: a named pipe would
/// block forever and a device can be endless, so both are refused with a
/// message that says what the path is. Symlinks are followed, and the opened
/// file is checked again, so a path swapped between the two checks is caught.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    refuse_unless_regular(std::fs::metadata(path)?.file_type())?;
    let file = std::fs::File::open(path)?;
    refuse_unless_regular(file.metadata()?.file_type())?;
    Ok(file)
}

/// Reads a regular file of at most `limit` bytes; a longer one is an error
/// that names the limit (read up to one byte past it, never whole).
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("it is larger than the limit of {}", size_words(limit)),
        ));
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_limited(path, limit)?).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is not UTF-8 text".to_string(),
        )
    })
}

/// `16 MiB`, `1 MiB`, `512 KiB`, `100 bytes`.
pub fn size_words(bytes: u64) -> String {
    const KIB: u64 = 1024;
    if bytes >= KIB * KIB && bytes.is_multiple_of(KIB * KIB) {
        format!("{} MiB", bytes / (KIB * KIB))
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

fn refuse_unless_regular(kind: std::fs::FileType) -> std::io::Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("it is {}, not a regular file", kind_words(kind)),
    ))
}

/// What a path that is not a regular file is, in words.
fn kind_words(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
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
        let bytes = read_bounded(&canonical).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        let name = if self.shown_root.is_empty() {
            key.clone()
        } else {
            format!("{}/{key}", self.shown_root)
        };
        Ok(Loaded { name, key, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_oversized_files_are_refused_with_words() {
        let dir = std::env::temp_dir().join(format!("firedrill-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = read_limited(&dir, 10).unwrap_err().to_string();
        assert!(err.contains("a folder, not a regular file"), "{err}");
        let big = dir.join("big");
        std::fs::write(&big, [b'x'; 11]).unwrap();
        let err = read_limited(&big, 10).unwrap_err().to_string();
        assert!(err.contains("larger than the limit of 10 bytes"), "{err}");
        assert_eq!(read_limited(&big, 11).unwrap().len(), 11);
        std::fs::write(&big, [0xff, 0xfe]).unwrap();
        assert!(
            read_text(&big, 10)
                .unwrap_err()
                .to_string()
                .contains("not UTF-8")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_they_are_read() {
        let err = read_limited(Path::new("/dev/zero"), 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a device"), "{err}");
    }

    #[test]
    fn sizes_read_in_the_largest_whole_unit() {
        assert_eq!(size_words(16 * 1024 * 1024), "16 MiB");
        assert_eq!(size_words(512 * 1024), "512 KiB");
        assert_eq!(size_words(100), "100 bytes");
    }
}
