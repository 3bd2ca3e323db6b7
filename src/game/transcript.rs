//! Opening a recorded game: the transcript read, its scenario found (the
//! copy stored in the transcript when it has one, so a game replays after
//! its scenario moved, changed or was deleted), and the game replayed.
//! Debrief, review and resume all open transcripts here.

use super::catalog::{self, Catalog};
use crate::lang::{self, LoadError, Loaded, Loader};
use crate::record::{self, Header, Replay, Source, Transcript};
use crate::scenario::Scenario;
use std::path::Path;
use std::sync::Arc;

/// Which copy of the scenario a transcript was replayed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copy {
    /// The source stored in the transcript: exactly what was played.
    Stored,
    /// An older transcript with no stored source: the built-in or the file
    /// it names, as it is now.
    Current(String),
    /// A transcript whose stored source lacks its `file` bodies (written
    /// before they were stored): the built-in or the file, as it is now.
    NoBodies(String),
}

impl Copy {
    /// One line that says which copy was used, for every command that replays.
    pub fn describe(&self) -> String {
        match self {
            Copy::Stored => "the scenario as it was played (stored in the transcript)".into(),
            Copy::Current(origin) => format!(
                "the scenario as it is now ({origin}): this transcript is from before scenarios were stored in transcripts"
            ),
            Copy::NoBodies(origin) => format!(
                "the scenario as it is now ({origin}): this transcript stored the scenario without the runbook and log files it reads"
            ),
        }
    }
}

/// A transcript, its scenario and its replay.
#[derive(Debug, Clone)]
pub struct Opened {
    pub transcript: Transcript,
    pub header: Header,
    /// The version the game stands on at its end: the one it started on,
    /// or the last a hot reload moved it onto.
    pub scenario: Arc<Scenario>,
    /// Every version it was played on, for replays of it.
    pub versions: record::Scenarios,
    pub copy: Copy,
    /// The hash of the copy replayed (equal to the header's unless a
    /// changed scenario had to stand in).
    pub hash: String,
    pub replay: Replay,
    /// What the player should be told: unreadable lines, a changed
    /// scenario, a replay that went another way.
    pub warnings: Vec<String>,
}

/// Why a transcript cannot be replayed: the problems found on the way
/// (each names its line), then the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenError {
    pub problems: Vec<String>,
    pub reason: String,
}

/// Reads, resolves and replays the transcript at `path`.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let shown = path.display().to_string();
    let t = crate::transcripts::read(path).map_err(|e| OpenError {
        problems: Vec::new(),
        reason: format!("cannot read `{shown}`: {e}"),
    })?;
    open_read(t, &shown)
}

/// Resolves and replays a transcript already read (`shown` names it).
pub fn open_read(t: Transcript, shown: &str) -> Result<Opened, OpenError> {
    let fail = |problems: Vec<String>, reason: String| OpenError { problems, reason };
    let mut warnings: Vec<String> = t
        .problems
        .iter()
        .map(|p| format!("{shown}:{}: {}", p.line, p.message))
        .collect();
    if t.more_problems > 0 {
        warnings.push(format!(
            "{shown}: {} more line(s) cannot be read and are skipped",
            t.more_problems
        ));
    }
    let Some(header) = t.header.clone() else {
        let why = format!("`{shown}` is not a firedrill transcript (it has no header line)");
        return Err(fail(warnings, why));
    };
    let (scenario, copy, hash) = match scenario_of(&t, &header, shown) {
        Ok(found) => found,
        Err(why) => return Err(fail(warnings, why)),
    };
    if hash != header.hash {
        warnings.push(format!(
            "warning: `{}` changed since this game was recorded; replaying as well as it can",
            header.scenario
        ));
    }
    let versions = record::Scenarios {
        first: scenario,
        reloaded: reloaded_versions(&t, shown, &mut warnings),
    };
    let replay = record::replay(versions.clone(), &t);
    let scenario = replay.sim.shared_scenario();
    if let Some(d) = &replay.divergence {
        warnings.push(format!(
            "warning: the replay went another way at event {}; the game goes on as replayed",
            d.index + 1
        ));
    }
    Ok(Opened {
        transcript: t,
        header,
        scenario,
        versions,
        copy,
        hash,
        replay,
        warnings,
    })
}

/// The versions a hot reload moved the game onto (`Reload` entries), each
/// checked from the source stored before it. One that is not stored or does
/// not check is said, and the replay stays on the version before it.
pub fn reloaded_versions(
    t: &Transcript,
    shown: &str,
    warnings: &mut Vec<String>,
) -> Vec<(String, Arc<Scenario>)> {
    let mut versions: Vec<(String, Arc<Scenario>)> = Vec::new();
    for entry in &t.entries {
        let record::Entry::Reload { hash, .. } = entry else {
            continue;
        };
        if versions.iter().any(|(h, _)| h == hash) {
            continue;
        }
        let source = t.sources.iter().find(|s| &s.hash == hash);
        match source.map(|s| check_stored(s, shown).scenario) {
            Some(Some(sc)) => versions.push((hash.clone(), Arc::new(sc))),
            _ => warnings.push(format!(
                "warning: the version `{hash}` the game was reloaded onto cannot be read from `{shown}`; the replay stays on the one before"
            )),
        }
    }
    versions
}

/// Why a transcript's stored scenario cannot be replayed: its first error
/// in the checker's words (a rule this firedrill added, such as a story loop,
/// or a copy from a newer version), cleaned for the terminal.
fn stored_refused(checked: &crate::lang::Checked, shown: &str) -> String {
    let first = checked
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!(": {} {}", d.code, d.message))
        .unwrap_or_default();
    crate::base::printable::printable(&format!(
        "the scenario stored in `{shown}` does not check with this firedrill ({} error(s){first}); it may be from a newer version, or break a rule this version added",
        checked.errors()
    ))
}

/// The scenario a transcript replays on: its stored copy, or (older
/// transcripts) the built-in or file its header names.
fn scenario_of(
    t: &Transcript,
    header: &Header,
    shown: &str,
) -> Result<(Arc<Scenario>, Copy, String), String> {
    scenario_for(t.source(), header, shown)
}

/// The scenario a game was played on, from `source` (its stored copy, as
/// the transcript or a scan of many holds it) or, without one (older
/// transcripts), the built-in or file the header names; with which copy it
/// is and the hash of what was checked. Everything that replays a recorded
/// game finds its scenario here; `shown` names the transcript in messages.
pub fn scenario_for(
    source: Option<&Source>,
    header: &Header,
    shown: &str,
) -> Result<(Arc<Scenario>, Copy, String), String> {
    if let Some(source) = source {
        let checked = check_stored(source, shown);
        // The hash of what is really stored: a copy edited by hand no longer
        // matches the header, and the player is told the scenario changed.
        let hash = catalog::source_of(&checked).hash;
        return match checked.scenario {
            Some(sc) => Ok((Arc::new(sc), Copy::Stored, hash)),
            // Transcripts written before `file` bodies were stored lack
            // them, so a scenario with any does not check from its stored
            // copy alone: the copy at hand stands in, said as such. Any
            // other error (a rule this version added, a copy edited by
            // hand) is the refusal it is.
            None if only_missing_files(&checked) => current(header, shown)
                .map(|(sc, _, now)| (sc, Copy::NoBodies(header.origin.clone()), now))
                .map_err(|_| stored_refused(&checked, shown)),
            None => Err(stored_refused(&checked, shown)),
        };
    }
    current(header, shown)
}

/// Whether a stored copy fails only for files it does not hold.
fn only_missing_files(checked: &lang::Checked) -> bool {
    let mut errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .peekable();
    errors.peek().is_some() && errors.all(|d| d.code == crate::lang::Code::IncludeUnreadable)
}

/// The scenario the header names, as it is now: the built-in, or the file.
fn current(header: &Header, shown: &str) -> Result<(Arc<Scenario>, Copy, String), String> {
    let arg = if header.origin == "built-in" {
        header.scenario.clone()
    } else {
        header.origin.clone()
    };
    let resolved = Catalog::default()
        .resolve(&arg)
        .map_err(|e| format!("cannot find the scenario of `{shown}`: {e}"))?;
    let hash = catalog::source_of(&resolved.checked).hash;
    match resolved.checked.scenario {
        Some(sc) => Ok((Arc::new(sc), Copy::Current(header.origin.clone()), hash)),
        None => Err(format!(
            "the scenario `{}` has errors now; fix them (firedrill check) to replay this transcript",
            header.origin
        )),
    }
}

/// Checks a stored source, its files named after the transcript (`shown`).
pub fn check_stored(source: &Source, shown: &str) -> lang::Checked {
    let loader = StoredLoader { source, shown };
    let main = source.files.first().map_or_else(
        || Loaded {
            name: shown.into(),
            key: String::new(),
            bytes: Vec::new(),
        },
        |f| loader.loaded(&f.key, &f.text),
    );
    lang::check(main, &loader)
}

/// Reads includes and `file` bodies from a transcript's stored source.
struct StoredLoader<'a> {
    source: &'a Source,
    shown: &'a str,
}

impl StoredLoader<'_> {
    fn loaded(&self, key: &str, text: &str) -> Loaded {
        Loaded {
            name: format!("{}:{key}", self.shown),
            key: key.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }
}

impl Loader for StoredLoader<'_> {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        self.source
            .files
            .iter()
            .find(|f| f.key == key)
            .map(|f| self.loaded(&f.key, &f.text))
            .ok_or(LoadError::NotFound)
    }
}
