//! Test steps that match nothing (FD0118): a `run` line no command pattern,
//! shell built-in or everyday tool answers would only show "command not
//! found" and let the test go on as if it had done something. (A `page`,
//! `choose #id` or `read` naming nothing is reported where its name is
//! resolved; what only the game can tell, a choice not on screen, fails the
//! test at its step.)

use super::diagnostic::{Code, Diagnostic, closest};
use crate::scenario::machine::{BUILTINS, TOOLS};
use crate::scenario::pattern::tokenize;
use crate::scenario::{Scenario, TestInput};

/// One error per `run` step of a test that nothing in the shell answers.
pub(super) fn unmatched_runs(sc: &Scenario) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for test in &sc.tests {
        for step in &test.steps {
            let TestInput::Run(line) = &step.input else {
                continue;
            };
            if let Some(help) = unanswered(sc, line) {
                out.push(
                    Diagnostic::new(
                        Code::UnmatchedStep,
                        step.span,
                        format!(
                            "the test `{}` runs `{}`, which matches no command",
                            test.name,
                            line.trim()
                        ),
                    )
                    .help(help),
                );
            }
        }
    }
    out
}

/// Why nothing in the shell answers `line` (as help), or `None` when
/// something does or only the game can tell (a `!!` needs the history).
fn unanswered(sc: &Scenario, line: &str) -> Option<String> {
    if line.contains("!!") {
        return None;
    }
    let Some(words) = tokenize(line.trim()) else {
        return Some("a quote is never closed: the shell would refuse the line".into());
    };
    let program = words.first()?.as_str();
    let patterns = || sc.commands.iter().flat_map(|c| &c.patterns);
    if patterns().any(|p| p.matches(&words).is_some()) {
        return None;
    }
    let known = |p: &str| patterns().any(|x| x.program() == p);
    let asks_help = matches!(words.get(1).map(String::as_str), Some("--help" | "-h"));
    if BUILTINS.contains(&program) || TOOLS.contains(&program) || (asks_help && known(program)) {
        return None;
    }
    if known(program) {
        let usages: Vec<String> = patterns()
            .filter(|p| p.program() == program)
            .take(4)
            .map(|p| format!("`{}`", p.source))
            .collect();
        return Some(format!(
            "`{program}` is run as: {}; write the line as a player would type it",
            usages.join(", ")
        ));
    }
    let programs: Vec<&str> = patterns()
        .map(crate::scenario::pattern::Pattern::program)
        .chain(BUILTINS.iter().copied())
        .chain(TOOLS.iter().copied())
        .collect();
    Some(match closest(program, programs) {
        Some(near) => format!("no program `{program}` here; did you mean `{near}`?"),
        None => format!(
            "no program `{program}` here: declare a `command` whose pattern matches the line, or run one the scenario has"
        ),
    })
}
