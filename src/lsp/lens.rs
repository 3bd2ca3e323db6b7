//! Playthrough tests from the editor: a code lens on each `test NAME`
//! block, and the command it runs, which answers with the verdict
//! `firedrill test` would print.

use super::position::LineIndex;
use super::workspace::Analysis;
use crate::lang::FileId;
use crate::lang::ast::ItemKind;
use crate::sim::playtest;
use lsp_types::{CodeLens, Command, Uri};
use std::sync::Arc;

/// The command a lens runs, with the document's URI and the test's name.
pub const RUN_TEST: &str = "firedrill.runTest";

/// One lens per test block of file `file`.
pub fn lenses(analysis: &Analysis, file: FileId, ix: &LineIndex<'_>, uri: &Uri) -> Vec<CodeLens> {
    analysis
        .checked
        .items
        .iter()
        .filter(|i| i.span.file == file)
        .filter_map(|i| match &i.kind {
            ItemKind::Test(t) => Some(CodeLens {
                range: ix.range(t.name.span.start as usize, t.name.span.end as usize),
                command: Some(Command {
                    title: "▶ run test".into(),
                    command: RUN_TEST.into(),
                    arguments: Some(vec![
                        serde_json::Value::String(uri.as_str().to_string()),
                        serde_json::Value::String(t.name.name.clone()),
                    ]),
                }),
                data: None,
            }),
            _ => None,
        })
        .collect()
}

/// How a test run went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub passed: bool,
    /// What `firedrill test` prints for it.
    pub text: String,
}

/// Runs the test `name` of the checked scenario.
pub fn run(analysis: &Analysis, name: &str) -> Outcome {
    let Some(scenario) = &analysis.checked.scenario else {
        return Outcome {
            passed: false,
            text: format!(
                "the scenario has errors ({}): fix them to run its tests",
                analysis.checked.errors()
            ),
        };
    };
    let Some(test) = scenario.tests.iter().find(|t| t.name == name) else {
        return Outcome {
            passed: false,
            text: format!(
                "no test is named `{}`",
                crate::lang::render::printable(name)
            ),
        };
    };
    let scenario = Arc::new(scenario.clone());
    let trace = playtest::trace(&scenario, test);
    Outcome {
        passed: trace.report.passed(),
        text: crate::authoring::verdict::verdict(&analysis.checked.sources, test, &trace),
    }
}
