//! The plain front end's command language: one line of player input in,
//! one [`Input`] out, or a one-line explanation of what was wrong.

use crate::lang::ast::StatusState;
use crate::lang::parser::parse_duration;
use crate::scenario::{Millis, Scenario};
use crate::sim::Action;

/// What a line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Something the engine carries out.
    Act(Action),
    /// `graph`, `runbook`, `logs` with no name: list what there is.
    ListMetrics,
    ListDocs,
    /// `pages`: the pager.
    Pages,
    /// `look`: the story's choices and the clock again.
    Look,
    Pause,
    Speed(f64),
    Help,
    Quit,
    Nothing,
}

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
  wait <duration>          let time pass, for example: wait 2m
  look                     show the clock and the choices again
  pause                    pause or resume the clock (real-time mode)
  speed <x>                game seconds per real second, for example: speed 4
  help                     this list                                quit  leave the drill";

fn need(arg: &str, what: &str) -> Result<(), String> {
    if arg.is_empty() {
        Err(format!("{what} (type `help` for the commands)"))
    } else {
        Ok(())
    }
}

/// Splits off the first word.
fn split(s: &str) -> (&str, &str) {
    let s = s.trim();
    match s.split_once(char::is_whitespace) {
        Some((a, b)) => (a, b.trim()),
        None => (s, ""),
    }
}

/// A duration as players type it: `90s`, `5m`, `1h30m`; a bare number is minutes.
pub fn parse_wait(arg: &str) -> Result<Millis, String> {
    if let Ok(n) = arg.parse::<u64>() {
        return Ok(n.saturating_mul(60_000));
    }
    parse_duration(arg)
        .ok_or_else(|| format!("`{arg}` is not a duration: write it like `90s`, `5m` or `1h30m`"))
}

/// Removes one pair of surrounding quotes from a message.
fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    t.to_string()
}

/// Parses one line of player input.
#[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
pub fn parse(line: &str, sc: &Scenario) -> Result<Input, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Input::Nothing);
    }
    if let Some(cmd) = line.strip_prefix('$') {
        let cmd = cmd.trim();
        need(cmd, "type the command after `$`")?;
        return Ok(Input::Act(Action::Run(cmd.to_string())));
    }
    if let Ok(n) = line.parse::<u32>() {
        return Ok(Input::Act(Action::Choose(n)));
    }
    let (word, rest) = split(line);
    Ok(match word.to_ascii_lowercase().as_str() {
        "ack" | "acknowledge" => {
            Input::Act(Action::Ack((!rest.is_empty()).then(|| rest.to_string())))
        }
        "resolve" => {
            need(rest, "say which alert to resolve: `resolve <alert>`")?;
            Input::Act(Action::Resolve(rest.to_string()))
        }
        "silence" => {
            need(rest, "say which alert to silence: `silence <alert>`")?;
            Input::Act(Action::Silence(rest.to_string()))
        }
        "run" => {
            need(
                rest,
                "say what to run: `run <command>`, for example `run help`",
            )?;
            Input::Act(Action::Run(rest.to_string()))
        }
        "choose" | "reply" | "c" => {
            need(rest, "say which choice: `choose 1`")?;
            match rest.parse::<u32>() {
                Ok(n) => Input::Act(Action::Choose(n)),
                Err(_) => Input::Act(Action::ChooseId(rest.trim_start_matches('#').to_string())),
            }
        }
        "page" => {
            let (who, msg) = split(rest);
            need(who, "say whom to page: `page <person> <message>`")?;
            need(msg, "add a message: `page <person> <message>`")?;
            Input::Act(Action::Page(who.to_string(), unquote(msg)))
        }
        "status" => {
            let (state, msg) = split(rest);
            let Some(state) = StatusState::parse(&state.to_ascii_lowercase()) else {
                return Err("the status page takes `investigating`, `identified`, `monitoring` or `resolved`, then the text".into());
            };
            need(
                msg,
                "add the text customers will read: `status investigating \"We are looking into errors\"`",
            )?;
            Input::Act(Action::Status(state, unquote(msg)))
        }
        "graph" | "g" => {
            if rest.is_empty() {
                Input::ListMetrics
            } else {
                Input::Act(Action::Graph(rest.to_string()))
            }
        }
        "runbook" | "runbooks" | "logs" | "log" | "read" => {
            if rest.is_empty() {
                Input::ListDocs
            } else {
                Input::Act(Action::Open(rest.to_string()))
            }
        }
        "wait" | "w" => {
            need(rest, "say how long: `wait 2m`")?;
            Input::Act(Action::Wait(parse_wait(rest)?))
        }
        "pages" | "pager" => Input::Pages,
        "look" | "l" => Input::Look,
        "pause" | "p" => Input::Pause,
        "speed" => {
            let x = rest.trim_end_matches(['x', 'X']);
            match x.parse::<f64>() {
                Ok(v) if v > 0.0 && v <= 1000.0 => Input::Speed(v),
                _ => {
                    return Err(
                        "speed takes a number from above 0 to 1000, for example `speed 4`".into(),
                    );
                }
            }
        }
        "help" | "?" | "h" => Input::Help,
        "quit" | "exit" | "q" => Input::Quit,
        other => {
            let near = crate::lang::diagnostic::closest(
                other,
                [
                    "ack", "resolve", "silence", "run", "choose", "reply", "page", "status",
                    "graph", "runbook", "logs", "wait", "pages", "look", "pause", "speed", "help",
                    "quit",
                ],
            );
            let hint = near
                .map(|n| format!(" Did you mean `{n}`?"))
                .unwrap_or_default();
            let shell = sc
                .commands
                .iter()
                .flat_map(|c| &c.patterns)
                .any(|p| p.program() == other);
            let shell_hint = if shell {
                format!(" To use the shell, type `run {line}` or `$ {line}`.")
            } else {
                String::new()
            };
            return Err(format!(
                "`{other}` is not a command.{hint}{shell_hint} Type `help` for the list."
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc() -> Scenario {
        crate::library::check(crate::library::find("tutorial").unwrap())
            .scenario
            .unwrap()
    }

    #[test]
    fn parses_the_command_language() {
        let sc = sc();
        assert_eq!(parse("ack", &sc), Ok(Input::Act(Action::Ack(None))));
        assert_eq!(
            parse("$ df -h", &sc),
            Ok(Input::Act(Action::Run("df -h".into())))
        );
        assert_eq!(
            parse("run df -h", &sc),
            Ok(Input::Act(Action::Run("df -h".into())))
        );
        assert_eq!(parse("2", &sc), Ok(Input::Act(Action::Choose(2))));
        assert_eq!(parse("reply 1", &sc), Ok(Input::Act(Action::Choose(1))));
        assert_eq!(
            parse("choose #ask", &sc),
            Ok(Input::Act(Action::ChooseId("ask".into())))
        );
        assert_eq!(parse("wait 90s", &sc), Ok(Input::Act(Action::Wait(90_000))));
        assert_eq!(parse("wait 2", &sc), Ok(Input::Act(Action::Wait(120_000))));
        assert_eq!(
            parse("page maya \"help me\"", &sc),
            Ok(Input::Act(Action::Page("maya".into(), "help me".into())))
        );
        assert_eq!(
            parse("status Investigating disk full on thumbs", &sc),
            Ok(Input::Act(Action::Status(
                StatusState::Investigating,
                "disk full on thumbs".into()
            )))
        );
        assert_eq!(parse("speed 4x", &sc), Ok(Input::Speed(4.0)));
        assert_eq!(parse("graph", &sc), Ok(Input::ListMetrics));
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
}
