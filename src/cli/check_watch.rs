//! `firedrill check FILE --watch`: checks the file and runs its playthrough
//! tests, then again each time it or one of its includes is saved, saying
//! only what changed since the run before (diagnostics new or fixed, tests
//! that now pass or fail) and one line of summary per run. An ending signal
//! (Ctrl-C) stops it cleanly.

use crate::game::watched::Watched;
use crate::lang::{Checked, Diagnostic, render};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// What one run found: its diagnostics (by what they say, not where: an
/// edit above one moves it without changing it) and each test's result.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Run {
    diagnostics: BTreeSet<String>,
    errors: usize,
    warnings: usize,
    /// Test name: `None` passed, `Some(why)` failed; absent when the tests
    /// could not run (the file has errors).
    tests: Option<BTreeMap<String, Option<String>>>,
    /// Why the file could not be read at all.
    unreadable: Option<String>,
}

/// The words that name a diagnostic across runs.
fn key(d: &Diagnostic) -> String {
    let severity = if d.is_error() { "error" } else { "warning" };
    format!("{severity} {}: {}", d.code, d.message)
}

impl Run {
    /// Runs the check's tests (when it has no errors).
    fn of(checked: &Checked) -> Run {
        let tests = checked.scenario.clone().map(|sc| {
            let sc = std::sync::Arc::new(sc);
            sc.tests
                .iter()
                .map(|t| {
                    let r = crate::sim::playtest::run(&sc, t);
                    let why = r
                        .failures
                        .first()
                        .map(|f| format!("{} ({})", f.message, checked.sources.location(f.span)));
                    (t.name.clone(), why)
                })
                .collect()
        });
        Run {
            diagnostics: checked.diagnostics.iter().map(key).collect(),
            errors: checked.errors(),
            warnings: checked.warnings(),
            tests,
            unreadable: None,
        }
    }

    /// The one line said after every run.
    fn summary(&self, n: usize, file: &str) -> String {
        if let Some(why) = &self.unreadable {
            return format!("run {n}: {file}: cannot be read: {why}");
        }
        let tests = match &self.tests {
            None => "tests not run until the errors are fixed".to_string(),
            Some(t) => {
                let failed = t.values().filter(|r| r.is_some()).count();
                format!("{} passed, {failed} failed", t.len() - failed)
            }
        };
        format!(
            "run {n}: {}; {tests}",
            crate::cli::summary(file, self.errors, self.warnings)
        )
    }
}

/// The lines that say what changed from `before` to `now` (everything,
/// on the first run), with the new diagnostics rendered in full.
pub fn changes(before: Option<&Run>, now: &Run, checked: Option<&Checked>) -> Vec<String> {
    let mut lines = Vec::new();
    let empty = Run::default();
    let was = before.unwrap_or(&empty);
    if let Some(checked) = checked {
        let fresh: Vec<Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| !was.diagnostics.contains(&key(d)))
            .cloned()
            .collect();
        if !fresh.is_empty() {
            lines.push(render::human(&fresh, &checked.sources));
        }
    }
    for gone in was.diagnostics.difference(&now.diagnostics) {
        lines.push(format!("fixed: {}", render::printable(gone)));
    }
    let no_tests = BTreeMap::new();
    let old = was.tests.as_ref().unwrap_or(&no_tests);
    for (name, result) in now.tests.iter().flatten() {
        let line = match (old.get(name), result) {
            (Some(a), b) if a == b => continue,
            (Some(Some(_)) | None, None) if before.is_some() => format!("test {name} now passes"),
            (_, None) => format!("test {name} ... ok"),
            (_, Some(why)) if before.is_some() => format!("test {name} now FAILS: {why}"),
            (_, Some(why)) => format!("test {name} ... FAILED: {why}"),
        };
        lines.push(render::printable(&line));
    }
    if now.tests.is_some() {
        for name in old
            .keys()
            .filter(|n| !now.tests.iter().flatten().any(|(m, _)| m == *n))
        {
            lines.push(format!("test {} is gone", render::printable(name)));
        }
    }
    lines
}

/// `check --watch` takes one file.
pub fn watch_one(files: &[String]) -> u8 {
    if let [one] = files {
        return run(one);
    }
    complain!("firedrill: check --watch follows one file; name just one");
    2
}

/// Runs the loop until an ending signal. Exit 0 when stopped that way,
/// 2 when the file cannot be watched.
pub fn run(arg: &str) -> u8 {
    let path = Path::new(arg);
    if !path.is_file() {
        complain!(
            "firedrill: check --watch follows a scenario file as you edit it; `{arg}` is not a file (a built-in cannot be edited: copy it with `firedrill new`)"
        );
        return 2;
    }
    let caught = crate::signals::catch_ending();
    let mut watched = Watched::new(path);
    if !watched.is_watching() {
        complain!("firedrill: cannot watch `{arg}` for changes on this system");
        return 2;
    }
    let mut out = std::io::stdout();
    let mut before: Option<Run> = None;
    for n in 1.. {
        let (now, checked) = match watched.check() {
            Ok(r) => (Run::of(&r.checked), Some(r.checked)),
            Err(e) => (
                Run {
                    unreadable: Some(e.to_string()),
                    ..Run::default()
                },
                None,
            ),
        };
        for line in changes(before.as_ref(), &now, checked.as_ref()) {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "{}", render::printable(&now.summary(n, arg)));
        let _ = out.flush();
        let mut now = now;
        // Tests that could not run are compared with their last results.
        if now.tests.is_none() {
            now.tests = before.and_then(|b| b.tests);
        }
        before = Some(now);
        if watched.next_save(&|| caught.get().is_some()).is_none() {
            break;
        }
    }
    let _ = writeln!(out, "stopped watching {}", render::printable(arg));
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Checked {
        let main = crate::lang::Loaded::text("t.drill", text);
        crate::lang::check(main, &crate::library::EmbeddedLoader)
    }

    fn tutorial_text() -> String {
        let b = crate::library::find("tutorial").unwrap();
        String::from_utf8(crate::library::main_file(b).bytes).unwrap()
    }

    #[test]
    fn only_what_changed_is_said() {
        let text = tutorial_text();
        let good = checked(&text);
        let first = Run::of(&good);
        let said = changes(None, &first, Some(&good));
        assert!(said.iter().all(|l| l.contains("... ok")), "{said:?}");
        // The same again: nothing to say.
        assert!(changes(Some(&first), &Run::of(&good), Some(&good)).is_empty());
        // Broken: the new error in full, the tests not run.
        let bad = checked(&text.replacen("scenario", "scenari0", 1));
        let broken = Run::of(&bad);
        let said = changes(Some(&first), &broken, Some(&bad));
        assert!(said.iter().any(|l| l.contains("error")), "{said:?}");
        assert!(broken.summary(2, "t.drill").contains("tests not run"));
        // Fixed: the error said fixed, the tests as they were.
        let said = changes(Some(&broken), &first, Some(&good));
        assert!(
            said.iter().any(|l| l.starts_with("fixed: error")),
            "{said:?}"
        );
    }
}
