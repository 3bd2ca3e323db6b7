//! The onboarding bucket list as data: the default list shipped in
//! `assets/bucket.ron`, replaced or extended by `bucket.ron` in the config
//! folder. Each item says what earns it, in words close to the scenario
//! language's conditions (`acked`, `posted status`, `paged`, `read`).

use crate::base::time::parse_duration;
use crate::scenario::{Difficulty, Millis};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The list firedrill ships.
pub const DEFAULT: &str = include_str!("../../../assets/bucket.ron");

/// A bucket list file: its items, and whether they replace the default
/// list (`true`) or extend it (`false`: an item with a default item's id
/// takes its place, the others are added after).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    #[serde(default)]
    pub replace: bool,
    pub items: Vec<Item>,
}

/// One thing a new on-call engineer should have done.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// A short name for `progress sign` (`ack-fast`).
    pub id: String,
    pub title: String,
    pub check: Check,
}

/// What earns an item.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// One game that shows every one of these.
    Game(Vec<Cond>),
    /// Finished games covering each value: each support level, each role.
    Every(Facet),
    /// Only a mentor can say (`firedrill progress sign`).
    SignOff,
}

/// What a set of games must cover for [`Check::Every`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Support,
    Role,
}

/// Something one game shows. Conditions with a moment (an acknowledgement,
/// a status post) point at the first time the player did it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cond {
    /// The player acknowledged a page sent to them, within this long of it
    /// going out (`"5m"`).
    Acked { within: String },
    /// The player posted a status-page update.
    PostedStatus,
    /// The player paged a colleague.
    Paged,
    /// The player ran a command the scenario marks `rollback`.
    RanRollback,
    /// The player opened a runbook.
    ReadRunbook,
    /// The player did something while the incident's clock was between
    /// `from` and `until` (`"22:00"` to `"06:00"`, across midnight).
    AtNight { from: String, until: String },
    /// The game was played to an ending.
    Finished,
    /// The scenario is of this difficulty.
    Difficulty(Difficulty),
    /// The game was played in real time (not practice).
    RealTime,
    /// A mentor watched the game (reverse shadowing).
    Mentored,
}

/// The bucket list in use, and what was wrong with the team's file.
#[derive(Debug, Clone, Default)]
pub struct List {
    pub items: Vec<Item>,
    /// Where the team's list came from, if one was read.
    pub from: Option<PathBuf>,
    pub warnings: Vec<String>,
}

impl List {
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// The team's list file: `bucket.ron` in the config folder.
pub fn path() -> Option<PathBuf> {
    crate::files::config_dir().map(|d| d.join("bucket.ron"))
}

/// The list in use: the default, replaced or extended by the config
/// folder's `bucket.ron` when there is one that reads. A file that does
/// not read is named with its line and column, and the default is used.
pub fn load() -> List {
    match path() {
        Some(p) => load_from(&p),
        None => default_list(),
    }
}

/// As [`load`], with the team's file at `path`.
pub fn load_from(path: &Path) -> List {
    let mut list = default_list();
    let text = match crate::files::read_text(path, crate::files::MAX_CONFIG) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return list,
        Err(e) => {
            list.warnings.push(format!(
                "{}: cannot read it ({e}); using the default bucket list",
                path.display()
            ));
            return list;
        }
    };
    match parse(&text) {
        Ok(file) => {
            list.items = merged(list.items, file);
            list.from = Some(path.to_path_buf());
        }
        Err(why) => list.warnings.push(format!(
            "{}:{why}; using the default bucket list",
            path.display()
        )),
    }
    list
}

/// The shipped list alone.
pub fn default_list() -> List {
    match parse(DEFAULT) {
        Ok(file) => List {
            items: file.items,
            ..List::default()
        },
        // A test keeps this from happening; if it ever did, an empty list
        // says so rather than stopping the report.
        Err(why) => List {
            warnings: vec![format!("the built-in bucket list does not read: {why}")],
            ..List::default()
        },
    }
}

/// Reads a list file, checking what serde cannot: ids given once, and
/// durations and clock times that read. An error starts `LINE:COL: `
/// when ron can say where.
pub fn parse(text: &str) -> Result<File, String> {
    let file: File = ron::from_str(text).map_err(|e| format!("{}: {}", e.span.start, e.code))?;
    let mut seen: Vec<&str> = Vec::new();
    for item in &file.items {
        let id = item.id.as_str();
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!(" the item id `{id}` must be one word"));
        }
        if seen.contains(&id) {
            return Err(format!(" the item id `{id}` is given twice"));
        }
        seen.push(id);
        if let Check::Game(conds) = &item.check {
            for c in conds {
                check_cond(c).map_err(|why| format!(" item `{id}`: {why}"))?;
            }
        }
    }
    Ok(file)
}

/// A condition's own values read.
fn check_cond(c: &Cond) -> Result<(), String> {
    match c {
        Cond::Acked { within } => within_ms(within).map(|_| ()),
        Cond::AtNight { from, until } => {
            clock_secs(from)?;
            clock_secs(until).map(|_| ())
        }
        _ => Ok(()),
    }
}

/// `within: "5m"` in milliseconds.
pub fn within_ms(within: &str) -> Result<Millis, String> {
    parse_duration(within.trim())
        .ok_or_else(|| format!("`{within}` is not a duration (write for example \"5m\")"))
}

/// `"22:00"` in seconds past midnight.
pub fn clock_secs(clock: &str) -> Result<u32, String> {
    crate::base::time::clock_secs(clock)
        .ok_or_else(|| format!("`{clock}` is not a clock time (write for example \"22:00\")"))
}

/// The default items with a team file's applied.
fn merged(default: Vec<Item>, file: File) -> Vec<Item> {
    if file.replace {
        return file.items;
    }
    let mut items = default;
    for item in file.items {
        match items.iter_mut().find(|i| i.id == item.id) {
            Some(slot) => *slot = item,
            None => items.push(item),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_list_reads_and_covers_the_issue() {
        let list = default_list();
        assert!(list.warnings.is_empty(), "{:?}", list.warnings);
        for id in [
            "ack-fast",
            "status-page",
            "paged-colleague",
            "rollback",
            "runbook",
            "night",
            "hard-real-time",
            "every-support",
            "every-role",
            "reverse-shadowed",
            "real-shift",
        ] {
            assert!(list.get(id).is_some(), "{id}");
        }
    }

    #[test]
    fn a_team_file_extends_or_replaces() {
        let extend = parse(
            r#"(items: [(id: "ack-fast", title: "Acked in 2m", check: game([acked(within: "2m")])),
                        (id: "war-room", title: "Ran a war room", check: sign_off)])"#,
        )
        .unwrap();
        let items = merged(default_list().items, extend);
        assert_eq!(items[0].title, "Acked in 2m");
        assert_eq!(items.last().map(|i| i.id.as_str()), Some("war-room"));
        let replace =
            parse(r#"(replace: true, items: [(id: "x", title: "X", check: sign_off)])"#).unwrap();
        assert_eq!(merged(default_list().items, replace).len(), 1);
    }

    #[test]
    fn a_malformed_file_is_named_with_line_and_column() {
        let err =
            parse("(items: [\n  (id: \"x\", title: \"X\", check: sometimes),\n])").unwrap_err();
        assert!(err.starts_with("2:"), "{err}");
        let err =
            parse(r#"(items: [(id: "x", title: "X", check: game([acked(within: "soon")]))])"#)
                .unwrap_err();
        assert!(err.contains("`soon` is not a duration"), "{err}");
        let err = parse(
            r#"(items: [(id: "x", title: "X", check: sign_off), (id: "x", title: "Y", check: sign_off)])"#,
        )
        .unwrap_err();
        assert!(err.contains("given twice"), "{err}");
    }

    #[test]
    fn a_missing_team_file_leaves_the_default_and_a_broken_one_says_where() {
        let dir = std::env::temp_dir().join(format!("firedrill-bucket-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let missing = load_from(&dir.join("none.ron"));
        assert!(missing.warnings.is_empty());
        assert_eq!(missing.items, default_list().items);
        let broken = dir.join("bucket.ron");
        std::fs::write(&broken, "(items: [\n  (id: 3),\n])\n").unwrap();
        let list = load_from(&broken);
        assert_eq!(list.items, default_list().items);
        assert!(
            list.warnings[0].contains("bucket.ron:2:"),
            "{:?}",
            list.warnings
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
