//! The scenarios of the workspace and the last check of each: which files
//! each one reads, so that a file that is only ever included is checked in
//! the context of the scenarios that include it, and editing an include
//! checks its includers again.

use super::documents::{Documents, Overlay};
use crate::lang::index::NameIndex;
use crate::lang::{self, Checked, FileId, ast::ItemKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How deep below a workspace folder `.drill` files are looked for.
const MAX_DEPTH: usize = 8;
/// The most `.drill` files looked at in a workspace.
const MAX_FILES: usize = 500;
/// Folders never looked in.
const SKIPPED: &[&str] = &["target", "node_modules", ".git"];

/// One check of a main file.
#[derive(Debug)]
pub struct Analysis {
    pub checked: Checked,
    /// The path of each file in `checked.sources`, by `FileId`.
    pub paths: Vec<PathBuf>,
    /// Every name declared and used, across the files.
    pub index: NameIndex,
}

impl Analysis {
    /// The id of `path` in this check, if it read it.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        let i = self.paths.iter().position(|p| p == path)?;
        Some(FileId(u32::try_from(i).ok()?))
    }

    pub fn path(&self, id: FileId) -> Option<&Path> {
        self.paths.get(id.0 as usize).map(PathBuf::as_path)
    }

    /// Whether the main file has a `scenario` header of its own.
    pub fn has_header(&self) -> bool {
        self.checked
            .items
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Scenario(_)) && i.span.file == FileId(0))
    }
}

/// The scenarios found and the checks made.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Main files with a `scenario` header (found on disk, or opened).
    scenarios: BTreeSet<PathBuf>,
    /// The last check of each main file.
    pub results: BTreeMap<PathBuf, Analysis>,
}

impl Workspace {
    /// Finds the scenarios under `roots` (bounded) and checks each, so that
    /// what includes what is known before any file is opened.
    pub fn scan(&mut self, roots: &[PathBuf], docs: &Documents) {
        let mut found = Vec::new();
        for root in roots {
            walk(root, 0, &mut found);
        }
        for path in found {
            let header = docs.text(&path).is_some_and(|t| has_header_line(&t));
            if header {
                self.scenarios.insert(path.clone());
                self.check(&path, docs);
            }
        }
    }

    /// The main files to check again when `path` changed: the scenarios
    /// that include it, else the file itself.
    pub fn mains_for(&self, path: &Path) -> Vec<PathBuf> {
        let mut mains: Vec<PathBuf> = self.includers(path);
        if mains.is_empty() || self.scenarios.contains(path) {
            mains.push(path.to_path_buf());
        }
        mains
    }

    /// The scenarios (other than `path` itself) whose last check read `path`.
    pub fn includers(&self, path: &Path) -> Vec<PathBuf> {
        self.results
            .iter()
            .filter(|(main, a)| main.as_path() != path && a.paths.iter().any(|p| p == path))
            .filter(|(main, _)| self.scenarios.contains(*main))
            .map(|(main, _)| main.clone())
            .collect()
    }

    /// Checks `main` (open buffers first) and keeps the result; a file that
    /// cannot be read is forgotten.
    pub fn check(&mut self, main: &Path, docs: &Documents) {
        let Some((loaded, overlay)) = docs.load_main(main) else {
            self.results.remove(main);
            self.scenarios.remove(main);
            return;
        };
        let checked = lang::check(loaded, &overlay);
        let dir = main.parent().unwrap_or(Path::new(""));
        let paths = checked
            .sources
            .files()
            .map(|(id, f)| {
                if id == FileId(0) {
                    main.to_path_buf()
                } else {
                    Overlay::path_of(dir, &f.key)
                }
            })
            .collect();
        let index = NameIndex::build(&checked.items, &checked.sources);
        let analysis = Analysis {
            checked,
            paths,
            index,
        };
        if analysis.has_header() {
            self.scenarios.insert(main.to_path_buf());
        } else {
            self.scenarios.remove(main);
        }
        self.results.insert(main.to_path_buf(), analysis);
    }

    /// The main files whose last check read an open document: the checks
    /// the editor is showing.
    pub fn involving(&self, docs: &Documents) -> Vec<PathBuf> {
        self.results
            .iter()
            .filter(|(_, a)| a.paths.iter().any(|p| docs.is_open(p)))
            .map(|(main, _)| main.clone())
            .collect()
    }

    /// Forgets the checks of files that are neither scenarios, nor open,
    /// nor still needed alone (included by a scenario now).
    pub fn prune(&mut self, docs: &Documents) {
        let keep: Vec<PathBuf> = self
            .results
            .keys()
            .filter(|main| {
                self.scenarios.contains(*main)
                    || (docs.is_open(main) && self.includers(main).is_empty())
            })
            .cloned()
            .collect();
        self.results.retain(|main, _| keep.contains(main));
    }

    /// The check that speaks for `path`: its own, else the first scenario
    /// that reads it.
    pub fn analysis_for(&self, path: &Path) -> Option<(&Analysis, FileId)> {
        if let Some(a) = self.results.get(path) {
            return Some((a, FileId(0)));
        }
        self.results
            .values()
            .find_map(|a| a.file_id(path).map(|id| (a, id)))
    }
}

/// Whether a file has a line starting with the `scenario` keyword at
/// column 0: cheap enough to run on every file of a workspace.
pub fn has_header_line(text: &str) -> bool {
    text.lines()
        .any(|l| l.split_whitespace().next() == Some("scenario") && l.starts_with("scenario"))
}

/// Collects the `.drill` files below `dir`, depth and count bounded.
fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || found.len() >= MAX_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.') && !SKIPPED.contains(&name.as_str()) {
                walk(&path, depth + 1, found);
            }
        } else if kind.is_file() && name.ends_with(".drill") {
            if found.len() >= MAX_FILES {
                return;
            }
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_checked_in_their_includers_context() {
        let dir = std::env::temp_dir().join(format!("firedrill-lsp-ws-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("lib")).unwrap();
        std::fs::create_dir_all(dir.join("target")).unwrap();
        std::fs::write(
            dir.join("main.drill"),
            "scenario s\n  title \"S\"\ninclude \"lib/part.drill\"\n",
        )
        .unwrap();
        std::fs::write(dir.join("lib/part.drill"), "flag f = false\n").unwrap();
        std::fs::write(dir.join("target/x.drill"), "scenario t\n").unwrap();
        let mut ws = Workspace::default();
        let docs = Documents::default();
        ws.scan(std::slice::from_ref(&dir), &docs);
        assert_eq!(ws.results.len(), 1, "{:?}", ws.results.keys());
        let part = dir.join("lib/part.drill");
        assert_eq!(ws.mains_for(&part), vec![dir.join("main.drill")]);
        let (a, id) = ws.analysis_for(&part).unwrap();
        assert_eq!(a.path(id), Some(part.as_path()));
        let alone = dir.join("lib/alone.drill");
        assert_eq!(ws.mains_for(&alone), vec![alone]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
