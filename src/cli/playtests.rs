//! `firedrill test`: runs the playthrough tests written in scenario files,
//! one (`--only NAME`) or all, and prints each failure with the step where
//! it went wrong; `--trace` prints a playthrough step by step (game time,
//! the input as written, the events it caused, the state that changed).

use crate::authoring::verdict::{traced, verdict};
use crate::base::source::SourceMap;
use crate::game::Catalog;
use crate::lang::render::printable;
use crate::scenario::{PlayTest, Scenario};
use crate::sim::playtest;
use std::io::Write;
use std::sync::Arc;

/// What `firedrill test` was asked for beyond the files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only the tests of this name.
    pub only: Option<String>,
    /// Print each test's playthrough step by step.
    pub trace: bool,
}

/// A file whose tests can run: its scenario and where its text came from.
struct Runnable {
    arg: String,
    scenario: Arc<Scenario>,
    sources: SourceMap,
}

/// Runs the tests of every file; the last line is `N passed, M failed`.
/// Exits 0 when every test passed, 1 when one failed or a file has errors,
/// 2 when a file cannot be read or `--only` names no test.
pub fn run(catalog: &Catalog, args: &[String], opts: &Options) -> u8 {
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed, mut unreadable) = (0usize, 0usize, false);
    let mut files = Vec::new();
    for arg in args {
        let Ok(resolved) = super::resolve(catalog, arg) else {
            unreadable = true;
            continue;
        };
        let checked = resolved.checked;
        let Some(sc) = checked.scenario.clone() else {
            let _ = write!(out, "{}", super::shown_diagnostics(&checked));
            let _ = writeln!(
                out,
                "{arg}: cannot run its tests until its errors are fixed"
            );
            failed += 1;
            continue;
        };
        files.push(Runnable {
            arg: arg.clone(),
            scenario: Arc::new(sc),
            sources: checked.sources,
        });
    }
    if let Some(name) = &opts.only
        && !files
            .iter()
            .any(|f| f.scenario.tests.iter().any(|t| &t.name == name))
    {
        let _ = writeln!(std::io::stderr(), "{}", no_such_test(name, &files));
        return 2;
    }
    for f in &files {
        let chosen: Vec<&PlayTest> = f
            .scenario
            .tests
            .iter()
            .filter(|t| opts.only.as_ref().is_none_or(|n| &t.name == n))
            .collect();
        if chosen.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "running {} from {}",
            super::plural(chosen.len(), "test"),
            f.arg
        );
        for t in chosen {
            let trace = playtest::trace(&f.scenario, t);
            if opts.trace {
                let _ = write!(out, "{}", traced(&f.sources, t, &trace));
            }
            let _ = write!(out, "{}", verdict(&f.sources, t, &trace));
            if trace.report.passed() {
                passed += 1;
            } else {
                failed += 1;
            }
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    if unreadable { 2 } else { u8::from(failed > 0) }
}

/// The error for `--only NAME` when no file has a test of that name.
fn no_such_test(name: &str, files: &[Runnable]) -> String {
    let names: Vec<String> = files
        .iter()
        .flat_map(|f| f.scenario.tests.iter())
        .map(|t| format!("`{}`", printable(&t.name)))
        .collect();
    let listed = if names.is_empty() {
        "these files have no tests".to_string()
    } else {
        format!("the tests are: {}", names.join(", "))
    };
    format!(
        "firedrill: no test is named `{}`; {listed}",
        printable(name)
    )
}
