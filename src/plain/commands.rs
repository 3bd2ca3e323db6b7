//! The plain front end's commands: one line of player input in, one
//! [`Input`] out, or a one-line explanation of what was wrong. The words
//! are the game's one command syntax ([`crate::scenario::command`]), the
//! same a playthrough test's steps use.

use crate::scenario::Scenario;
use crate::scenario::command::{self, Command, Fault};
use crate::sim::Support;

/// What a line asks for: a command of the game's one syntax, as the plain
/// front end handles it (`Act` goes to the session as an engine action).
pub type Input = Command;

/// The help text, as `help` prints it.
pub const HELP: &str = "\
Commands (type them and press Enter):
  ack [alert]              acknowledge the open pages (or one alert's page)
  resolve <alert>          resolve an alert's page      silence <alert>  mute it until it clears
  pages                    show the pager
  run <command>            run a command in the shell (also: $ <command>); try `run help`
  choose <n>               take choice n of the story (a bare number works too; also `choose <id>`)
  reply <n>                answer a colleague: the same as choose
  page <person> <message>  page a colleague, for example: page jonah need break-glass access
  status <state> <text>    post to the status page: investigating, identified, monitoring, resolved
  graph [metric]           a metric's graph (no name: every metric's value now)
  runbook [name]           read a runbook (no name: the list)      logs [name]  read a log
  read <name>              read a runbook or a log
  wait <duration>          let time pass, for example: wait 2m
  hint                     show a hint the drill has ready (assisted: hints wait for you to ask)
  look                     show the clock and the choices again
  pause                    pause or resume the clock (real-time mode)
  speed <x>                game seconds per real second, for example: speed 4
  hypothesis <text>        note what you think is going on, for the debrief (also: hyp)
  felt real|fake|confusing <text>  tell the scenario's author how this moment felt
  help                     this list                                quit  leave the drill
A message or shell line in double quotes has its quotes taken off. These are the words
a scenario's playthrough tests are written in, too.";

/// The help text for a game at `support`: a solo game has no `hint`, and
/// a guided one says its hints come on their own.
pub fn help(support: Support) -> String {
    let line = HELP
        .lines()
        .find(|l| l.trim_start().starts_with("hint "))
        .unwrap_or_default();
    let instead = match support {
        Support::Assisted => return HELP.to_string(),
        Support::Guided => {
            "  (hints)                  guided: hints appear on their own, no need to ask"
        }
        Support::Solo => return HELP.replace(&format!("{line}\n"), ""),
    };
    HELP.replace(line, instead)
}

/// Parses one line of player input with the game's one command parser
/// ([`command::read`]), adding the plain front end's hints to a mistake.
/// An empty line is `None`: nothing to do.
pub fn parse(line: &str, sc: &Scenario) -> Result<Option<Input>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    match command::read(line) {
        Ok(Command::Act(a)) if a.verb().mentor() => Err(format!(
            "`{}` is the mentor's: they give it from their own seat (see the mentor guide)",
            a.verb().word()
        )),
        Ok(c) => Ok(Some(c)),
        Err(e) if e.fault == Fault::UnknownVerb => Err(unknown(line.trim(), &e.message, sc)),
        Err(e) => Err(format!("{} (type `help` for the commands)", e.message)),
    }
}

/// A line that starts with no command: if it starts with a program of the
/// scenario's shell, the player likely meant to run it.
fn unknown(line: &str, message: &str, sc: &Scenario) -> String {
    let program = line.split_whitespace().next().unwrap_or_default();
    let shell = sc
        .commands
        .iter()
        .flat_map(|c| &c.patterns)
        .any(|p| p.program() == program);
    let shell_hint = if shell {
        format!(" To use the shell, type `run {line}` or `$ {line}`.")
    } else {
        String::new()
    };
    format!("{message}{shell_hint} Type `help` for the list.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::StatusState;
    use crate::scenario::command::Verb;
    use crate::sim::Action;

    fn sc() -> Scenario {
        crate::library::check(crate::library::find("tutorial").unwrap())
            .scenario
            .unwrap()
    }

    /// The engine action a line gives.
    fn action(line: &str, sc: &Scenario) -> Action {
        match parse(line, sc) {
            Ok(Some(Input::Act(a))) => Action::from(a),
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn parses_the_command_language() {
        let sc = sc();
        assert_eq!(action("ack", &sc), Action::Ack(None));
        assert_eq!(action("$ df -h", &sc), Action::Run("df -h".into()));
        assert_eq!(action("run df -h", &sc), Action::Run("df -h".into()));
        assert_eq!(action("2", &sc), Action::Choose(2));
        assert_eq!(action("reply 1", &sc), Action::Choose(1));
        assert_eq!(action("choose #ask", &sc), Action::ChooseId("ask".into()));
        assert_eq!(action("wait 2", &sc), Action::Wait(120_000));
        assert_eq!(
            action("page maya \"help me\"", &sc),
            Action::Page("maya".into(), "help me".into())
        );
        assert_eq!(
            action("status Investigating disk full on thumbs", &sc),
            Action::Status(StatusState::Investigating, "disk full on thumbs".into())
        );
        assert_eq!(
            action("read runbook_x", &sc),
            Action::Open("runbook_x".into())
        );
        assert_eq!(parse("speed 4x", &sc), Ok(Some(Input::Speed(4.0))));
        assert_eq!(parse("graph", &sc), Ok(Some(Input::ListMetrics)));
        assert_eq!(parse("  ", &sc), Ok(None));
    }

    #[test]
    fn explains_bad_input_in_one_line() {
        let sc = sc();
        for bad in [
            "wait",
            "wait soon",
            "status broken x",
            "page maya",
            "speed 0",
            "ackk",
            "df -h",
        ] {
            let e = parse(bad, &sc).unwrap_err();
            assert!(!e.contains('\n'), "{e}");
        }
        assert!(
            parse("ackk", &sc)
                .unwrap_err()
                .contains("Did you mean `ack`")
        );
        assert!(parse("df -h", &sc).unwrap_err().contains("run df -h"));
    }

    /// One line a player might type for each verb (`None`: the verb is
    /// the front end's own), naming things of the Cloudflare scenario.
    fn sample(verb: Verb) -> Option<&'static str> {
        Some(match verb {
            Verb::Ack => "ack waf_probe",
            Verb::Resolve => "resolve gateway_errors",
            Verb::Silence => "silence traffic_low",
            Verb::Run => "run deploys --since 30m",
            Verb::Choose => "choose #check_changes",
            Verb::Page => "page jonah need break-glass access",
            Verb::Status => "status Investigating \"Errors everywhere\"",
            Verb::Graph => "graph edge_cpu",
            Verb::Runbook => "runbook waf_triage",
            Verb::Logs => "logs waf_errors",
            Verb::Read => "read waf_errors",
            Verb::Wait => "wait 90s",
            Verb::Hint => "hint",
            Verb::Inject
            | Verb::Whisper
            | Verb::Pages
            | Verb::Look
            | Verb::Pause
            | Verb::Speed
            | Verb::Hypothesis
            | Verb::Felt
            | Verb::Help
            | Verb::Quit => {
                return None;
            }
        })
    }

    /// Every game action the plain front end takes, in each of its words,
    /// plus the `$` and bare-number short forms.
    fn every_action_line() -> Vec<String> {
        let mut lines = vec!["$ deploys".to_string(), "2".to_string()];
        for verb in Verb::ALL {
            let player_acts = verb.acts() && !verb.mentor();
            assert_eq!(sample(verb).is_some(), player_acts, "{verb:?}");
            let Some(line) = sample(verb) else { continue };
            let (_, rest) = line.split_once(' ').unwrap_or((line, ""));
            lines.extend(verb.words().iter().map(|w| format!("{w} {rest}")));
        }
        lines
    }

    #[test]
    fn every_action_a_player_types_can_be_a_test_step_with_the_same_effect() {
        let b = crate::library::find("cloudflare-2019-waf").unwrap();
        let mut main = crate::library::main_file(b);
        let lines = every_action_line();
        let mut block = "\ntest every_word \"Every command\"\n".to_string();
        for l in &lines {
            block += &format!("    {l}\n");
        }
        main.bytes.extend(block.bytes());
        let checked = crate::lang::check(main, &crate::library::EmbeddedLoader);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let sc = checked.scenario.unwrap();
        let test = sc.tests.iter().find(|t| t.name == "every_word").unwrap();
        assert_eq!(test.steps.len(), lines.len());
        for (line, step) in lines.iter().zip(&test.steps) {
            let typed = action(line, &sc);
            let stepped = crate::sim::playtest::action_for(&sc, &step.input);
            assert_eq!(typed, stepped, "{line}");
            // And the step printed back reads as the same step.
            let words = step.input.act(&sc).to_string();
            assert_eq!(action(&words, &sc), stepped, "{words}");
        }
    }

    #[test]
    fn the_front_ends_own_commands_are_refused_as_test_steps() {
        let b = crate::library::find("tutorial").unwrap();
        for line in [
            "help", "pause", "speed 4", "look", "pages", "quit", "graph", "logs",
        ] {
            let mut main = crate::library::main_file(b);
            main.bytes
                .extend(format!("\ntest own \"Own\"\n    {line}\n").bytes());
            let checked = crate::lang::check(main, &crate::library::EmbeddedLoader);
            assert!(checked.scenario.is_none(), "{line}");
            let d = checked.diagnostics.iter().find(|d| d.is_error()).unwrap();
            assert_eq!(checked.sources.text(d.span()), first(line), "{line}");
        }
    }

    fn first(line: &str) -> &str {
        line.split(' ').next().unwrap()
    }

    #[test]
    fn every_shipped_test_step_printed_in_words_types_the_same_action() {
        for b in crate::library::builtins() {
            let sc = crate::library::check(b).scenario.unwrap();
            for step in sc.tests.iter().flat_map(|t| &t.steps) {
                let act = step.input.act(&sc);
                let words = act.to_string();
                let want = crate::sim::playtest::action_for(&sc, &step.input);
                if act.verb().mentor() {
                    // The mentor's words: the player's prompt refuses them,
                    // the one parser still reads them back.
                    assert!(parse(&words, &sc).is_err(), "{}: {words}", b.id);
                    assert_eq!(command::read(&words), Ok(Command::Act(act)), "{words}");
                    continue;
                }
                assert_eq!(action(&words, &sc), want, "{}: {words}", b.id);
            }
        }
    }

    #[test]
    fn a_mentors_command_is_refused_in_one_line() {
        let e = parse("inject eta_request", &sc()).unwrap_err();
        assert!(e.contains("`inject` is the mentor's"), "{e}");
        assert_eq!(action("hint", &sc()), Action::Hint);
    }

    #[test]
    fn help_lists_every_verb_a_player_types() {
        for v in Verb::ALL.into_iter().filter(|v| !v.mentor()) {
            let listed = HELP
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == v.word()));
            assert!(listed, "`{}` is missing from HELP", v.word());
        }
    }

    #[test]
    fn help_follows_the_support_level() {
        assert_eq!(help(Support::Assisted), HELP);
        let solo = help(Support::Solo);
        assert!(!solo.contains("hint"), "{solo}");
        assert_eq!(solo.lines().count() + 1, HELP.lines().count());
        let guided = help(Support::Guided);
        assert!(guided.contains("hints appear on their own"), "{guided}");
        assert!(!guided.contains("  hint "), "{guided}");
    }
}
