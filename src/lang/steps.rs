//! Test steps that match nothing (FD0118): a `run` line no command pattern,
//! shell built-in or everyday tool answers would only show "command not
//! found" and let the test go on as if it had done something; a `choose N`
//! above the most choices any scene has can never be taken. (A `page`,
//! `choose #id` or `read` naming nothing is reported where its name is
//! resolved; what only the game can tell, a choice not on screen, fails the
//! test at its step.)

use super::diagnostic::{Code, Diagnostic, closest};
use crate::scenario::machine::{BUILTINS, TOOLS};
use crate::scenario::pattern::tokenize;
use crate::scenario::{ChoiceRef, Scenario, TestInput};

/// One error per step of a test that nothing in the scenario answers: a
/// `run` line the shell does not know, a `choose N` no scene numbers.
pub(super) fn unmatched_steps(sc: &Scenario) -> Vec<Diagnostic> {
    // A choice keeps one number per visit, so no number is above the most
    // choices a scene has.
    let most = sc.scenes.iter().map(|s| s.choices.len()).max().unwrap_or(0);
    let mut out = Vec::new();
    for test in &sc.tests {
        for step in &test.steps {
            let (message, help) = match &step.input {
                TestInput::Run(line) => match unanswered(sc, line) {
                    Some(help) => (
                        format!(
                            "the test `{}` runs `{}`, which matches no command",
                            test.name,
                            line.trim()
                        ),
                        help,
                    ),
                    None => continue,
                },
                TestInput::Choose(ChoiceRef::Number(n))
                    if usize::try_from(*n).map_or(true, |n| n > most) =>
                {
                    (
                        format!(
                            "the test `{}` chooses {n}, but no scene has a choice {n}",
                            test.name
                        ),
                        format!(
                            "a scene's choices are numbered from 1, and no scene has more than {most}; or name the choice: `choose #ID`"
                        ),
                    )
                }
                _ => continue,
            };
            out.push(Diagnostic::new(Code::UnmatchedStep, step.span, message).help(help));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Loaded, NoFiles, check};

    /// The scenario of a small file with a command `restart <service>` and
    /// a hidden `fleet rollback`; errors make it `None`, so the model is
    /// built before the check under test runs.
    fn scenario() -> Scenario {
        let text = "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\ncommand restart \"restart <service>\"\n    output \"ok\"\ncommand rollback \"fleet rollback --to <v>\"\n    hidden\n    output \"ok\"\nscene a\n    Use fleet rollback.\n    * Go\n        end done\nending done \"Done\"\n    outcome resolved\n";
        let loaded = Loaded::text("t.drill", text);
        check(loaded, &NoFiles).scenario.unwrap()
    }

    #[test]
    fn lines_the_shell_answers_pass() {
        let sc = scenario();
        for line in [
            "restart api",
            "  restart 'the api'  ",
            "fleet rollback --to v1",
            "restart --help",
            "man restart",
            "history",
            "ls -la /var/log",
            "sudo restart api",
            "!!",
            "",
        ] {
            assert_eq!(unanswered(&sc, line), None, "{line:?}");
        }
    }

    #[test]
    fn lines_nothing_answers_say_why() {
        let sc = scenario();
        let why = |l: &str| unanswered(&sc, l).unwrap_or_default();
        assert!(why("restat api").contains("did you mean `restart`?"));
        assert!(why("restart").contains("`restart <service>`"));
        assert!(why("fleet rollback").contains("`fleet rollback --to <v>`"));
        assert!(why("kubectl get pods").contains("no program `kubectl`"));
        assert!(why("restart 'api").contains("quote"));
        assert!(why("nosuch --help").contains("no program `nosuch`"));
    }
}
