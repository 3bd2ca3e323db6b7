//! Finding scenarios: one rule from what a player types (a built-in id, a
//! path, an id from a `--dir` folder) to a checked scenario, and one list of
//! what is on offer. Every command and every front end goes through here, so
//! `play`, `play --plain`, `check`, `test` and the picker always agree.
//!
//! The rule, when a name could mean two things: an argument that looks like
//! a path (it has a `/`, starts with `.`, or ends in `.drill`) is always a
//! file. A bare word is a built-in id if one has it, then the id of a
//! `.drill` file in a `--dir` folder, and only then a file of that name here.
//! So `firedrill play tutorial` means the built-in tutorial in every folder;
//! `./tutorial` is the file.

use crate::files;
use crate::lang::{self, Checked};
use crate::library;
use crate::record::{self, Source, SourceFile};
use crate::scenario::Scenario;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a scenario came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// A file, by its canonical path (so a transcript names it from anywhere).
    File(PathBuf),
}

impl Origin {
    /// As transcripts record it: `built-in`, or the file's path.
    pub fn label(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A scenario found and checked.
#[derive(Debug)]
pub struct Resolved {
    /// The scenario's id: a built-in's, or the file's name without `.drill`.
    pub id: String,
    pub origin: Origin,
    pub checked: Checked,
    /// Something the player should know about how the argument was read
    /// (a file that shares the built-in's name, say).
    pub note: Option<String>,
}

impl Resolved {
    /// The scenario's source texts with their hash, as a transcript stores them.
    pub fn source(&self) -> Source {
        source_of(&self.checked)
    }
}

/// The source a check read, main file first, named by its content hash.
pub fn source_of(checked: &Checked) -> Source {
    let files: Vec<SourceFile> = checked
        .sources
        .files()
        .map(|(_, f)| SourceFile {
            key: f.key.clone(),
            text: f.text.clone(),
        })
        .collect();
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    Source {
        hash: record::content_hash(&texts),
        files,
    }
}

/// Why an argument names no scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No file, no built-in and no `--dir` scenario has this name.
    NotFound {
        arg: String,
        ids: Vec<String>,
    },
    Folder(String),
    Unreadable {
        arg: String,
        why: String,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::NotFound { arg, ids } => write!(
                f,
                "cannot read `{arg}`: no such file, and no scenario has that id (built-ins: {})",
                ids.join(", ")
            ),
            ResolveError::Folder(arg) => {
                write!(f, "`{arg}` is a folder; name the .drill files in it")
            }
            ResolveError::Unreadable { arg, why } => write!(f, "cannot read `{arg}`: {why}"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// The scenarios on offer: the built-in library and the `.drill` files of
/// any `--dir` folders.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub dirs: Vec<PathBuf>,
}

/// Whether an argument can only mean a file.
fn looks_like_a_path(arg: &str) -> bool {
    arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || arg.starts_with('.')
        || arg.ends_with(".drill")
}

impl Catalog {
    pub fn new(dirs: &[PathBuf]) -> Catalog {
        Catalog {
            dirs: dirs.to_vec(),
        }
    }

    /// Finds and checks the scenario `arg` names, by the rule in this
    /// module's documentation.
    pub fn resolve(&self, arg: &str) -> Result<Resolved, ResolveError> {
        if !looks_like_a_path(arg) {
            if let Some(b) = library::find(arg) {
                let note = Path::new(arg).exists().then(|| {
                    format!("`{arg}` is the built-in scenario; to use the file of that name here, write `./{arg}`")
                });
                return Ok(Resolved {
                    id: b.id.to_string(),
                    origin: Origin::BuiltIn,
                    checked: library::check(b),
                    note,
                });
            }
            if let Some(path) = self.in_dirs(arg) {
                return open_file(&path, &path.display().to_string());
            }
        }
        let path = Path::new(arg);
        if path.is_dir() {
            return Err(ResolveError::Folder(arg.into()));
        }
        if !path.exists() {
            return Err(ResolveError::NotFound {
                arg: arg.into(),
                ids: library::builtins()
                    .iter()
                    .map(|b| b.id.to_string())
                    .collect(),
            });
        }
        open_file(path, arg)
    }

    /// The `.drill` file with this id in the `--dir` folders, the first folder first.
    fn in_dirs(&self, id: &str) -> Option<PathBuf> {
        self.dirs
            .iter()
            .map(|d| d.join(format!("{id}.drill")))
            .find(|p| p.is_file())
    }

    /// Everything on offer, checked: the built-ins (the tutorial first),
    /// then each folder's `.drill` files in name order.
    pub fn offers(&self) -> Vec<Offer> {
        let mut all: Vec<Offer> = library::builtins()
            .into_iter()
            .map(|b| {
                Offer::from(Resolved {
                    id: b.id.to_string(),
                    origin: Origin::BuiltIn,
                    checked: library::check(b),
                    note: None,
                })
            })
            .collect();
        for dir in &self.dirs {
            all.extend(folder_offers(dir));
        }
        all
    }
}

/// The most `.drill` files offered from one `--dir` folder (the first by
/// name); the rest are counted in one line that says so.
pub const MAX_FOLDER_SCENARIOS: usize = 1000;

/// The most entries of one `--dir` folder looked at, whatever their names:
/// listing a folder of millions of files would take as long as it likes.
pub const MAX_FOLDER_ENTRIES: usize = 100_000;

/// The offers of one `--dir` folder (one that says why, if it cannot be
/// read). Entries that are pipes, devices or folders are offered as
/// unplayable with what they are: the reader refuses them before opening.
fn folder_offers(dir: &Path) -> Vec<Offer> {
    let shown = dir.display().to_string();
    let Ok(read) = std::fs::read_dir(dir) else {
        return vec![Offer::unplayable(
            &shown,
            &shown,
            "this folder cannot be read".into(),
        )];
    };
    let mut entries = 0;
    let mut paths: Vec<PathBuf> = read
        .take(MAX_FOLDER_ENTRIES)
        .inspect(|_| entries += 1)
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "drill"))
        .collect();
    paths.sort();
    let left_out = paths.len().saturating_sub(MAX_FOLDER_SCENARIOS);
    paths.truncate(MAX_FOLDER_SCENARIOS);
    let mut offers: Vec<Offer> = paths
        .iter()
        .map(|p| match open_file(p, &p.display().to_string()) {
            Ok(r) => Offer::from(r),
            Err(e) => Offer::unplayable(&id_of(p), &p.display().to_string(), e.to_string()),
        })
        .collect();
    if left_out > 0 || entries == MAX_FOLDER_ENTRIES {
        offers.push(Offer::unplayable(
            &shown,
            &shown,
            too_many_words(left_out, entries),
        ));
    }
    offers
}

/// Why a folder's listing stopped short.
fn too_many_words(left_out: usize, entries: usize) -> String {
    let mut why = Vec::new();
    if left_out > 0 {
        why.push(format!(
            "{left_out} more .drill files here are not offered (at most {MAX_FOLDER_SCENARIOS} from one folder)"
        ));
    }
    if entries == MAX_FOLDER_ENTRIES {
        why.push(format!(
            "only the first {MAX_FOLDER_ENTRIES} entries of this folder were looked at"
        ));
    }
    why.join("; ")
}

/// A file's scenario id: its name without `.drill`.
fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads and checks a scenario file (`shown` is how the player named it).
fn open_file(path: &Path, shown: &str) -> Result<Resolved, ResolveError> {
    let unreadable = |e: std::io::Error| ResolveError::Unreadable {
        arg: shown.into(),
        why: e.to_string(),
    };
    let (loader, main) = files::FsLoader::open(path).map_err(unreadable)?;
    let canonical = path.canonicalize().map_err(unreadable)?;
    Ok(Resolved {
        id: id_of(path),
        origin: Origin::File(canonical),
        checked: lang::check(main, &loader),
        note: None,
    })
}

/// A scenario as a picker or `list` shows it: playable, or why not.
#[derive(Debug, Clone)]
pub struct Offer {
    pub id: String,
    pub origin: Origin,
    /// How to name it on the command line (`tutorial`, or a path).
    pub shown: String,
    pub scenario: Option<Arc<Scenario>>,
    /// Why it cannot be played (its check found errors, or it is unreadable).
    pub problem: Option<String>,
    /// Its source, to store in the transcript of a game played on it.
    pub source: Option<Arc<Source>>,
}

impl Offer {
    fn unplayable(id: &str, shown: &str, problem: String) -> Offer {
        Offer {
            id: id.into(),
            origin: Origin::File(PathBuf::from(shown)),
            shown: shown.into(),
            scenario: None,
            problem: Some(problem),
            source: None,
        }
    }

    /// The hash of its source ("" when it could not be read).
    pub fn hash(&self) -> &str {
        self.source.as_ref().map_or("", |s| s.hash.as_str())
    }
}

impl From<Resolved> for Offer {
    fn from(r: Resolved) -> Offer {
        let source = Arc::new(r.source());
        let shown = match &r.origin {
            Origin::BuiltIn => r.id.clone(),
            Origin::File(p) => p.display().to_string(),
        };
        let problem = r.checked.scenario.is_none().then(|| {
            format!(
                "{} error(s): run `firedrill check {shown}`",
                r.checked.errors()
            )
        });
        Offer {
            id: r.id,
            origin: r.origin,
            shown,
            scenario: r.checked.scenario.map(Arc::new),
            problem,
            source: Some(source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("firedrill-catalog-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_bare_id_is_the_built_in_even_beside_a_file_of_that_name() {
        let dir = scratch("shadow");
        std::fs::write(dir.join("tutorial"), "not a scenario").unwrap();
        let here = std::env::current_dir().unwrap();
        // Resolution reads relative paths from the current folder; test the
        // rule through an absolute path instead of changing folders.
        let shadow = dir.join("tutorial");
        let c = Catalog::default();
        let r = c.resolve("tutorial").unwrap();
        assert_eq!(r.origin, Origin::BuiltIn);
        assert!(r.checked.scenario.is_some());
        let file = c.resolve(shadow.to_str().unwrap()).unwrap();
        assert!(matches!(file.origin, Origin::File(_)));
        assert!(
            file.checked.scenario.is_none(),
            "the junk file is checked, and fails"
        );
        assert_eq!(std::env::current_dir().unwrap(), here);
    }

    #[test]
    fn dir_ids_come_after_built_ins_and_before_files() {
        let dir = scratch("dirs");
        let text = "scenario mine \"Mine\"\n";
        std::fs::write(dir.join("mine.drill"), text).unwrap();
        std::fs::write(dir.join("tutorial.drill"), text).unwrap();
        let c = Catalog::new(std::slice::from_ref(&dir));
        assert!(matches!(c.resolve("mine").unwrap().origin, Origin::File(_)));
        assert_eq!(c.resolve("tutorial").unwrap().origin, Origin::BuiltIn);
        let offers = c.offers();
        let ids: Vec<&str> = offers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"tutorial"));
        assert!(ids.ends_with(&["mine", "tutorial"]), "{ids:?}");
        assert!(offers.iter().all(|o| o.source.is_some()));
    }

    #[test]
    fn unknown_names_and_folders_say_what_is_wrong() {
        let c = Catalog::default();
        let e = c.resolve("no-such-scenario").unwrap_err();
        assert!(e.to_string().contains("built-ins: tutorial"), "{e}");
        let dir = scratch("folder");
        let e = c.resolve(dir.to_str().unwrap()).unwrap_err();
        assert!(matches!(e, ResolveError::Folder(_)));
    }

    #[test]
    fn a_folder_offers_a_bounded_number_of_files_and_counts_the_rest() {
        let dir = scratch("many");
        for i in 0..MAX_FOLDER_SCENARIOS + 2 {
            std::fs::write(dir.join(format!("s{i:05}.drill")), "").unwrap();
        }
        let offers = folder_offers(&dir);
        assert_eq!(offers.len(), MAX_FOLDER_SCENARIOS + 1);
        assert_eq!(offers[0].id, "s00000");
        let last = offers.last().and_then(|o| o.problem.clone()).unwrap();
        assert!(
            last.contains(
                "2 more .drill files here are not offered (at most 1000 from one folder)"
            ),
            "{last}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_source_hash_names_the_texts() {
        let r = Catalog::default().resolve("cloudflare-2019-waf").unwrap();
        let s = r.source();
        assert!(s.files.len() > 1, "includes are part of the source");
        assert_eq!(s.hash, record::content_hash(&s.texts()));
        assert!(s.files[0].key.ends_with(".drill"));
    }
}
