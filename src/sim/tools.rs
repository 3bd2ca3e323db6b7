//! What the shell says about the scenario's tools, as a real machine would:
//! `help` names the built-ins and the programs, `TOOL --help` and
//! `man TOOL` show a tool's public usage, and a near miss answers like a
//! real command line ("unrecognized subcommand"). Commands marked `hidden`
//! never show up in any of these: the player learns them from the story.

use super::shell::BUILTINS;
use crate::base::words::closest;
use crate::scenario::Scenario;
use crate::scenario::pattern::{Pattern, Word};

/// The longest line [`help`] packs program names into.
const WIDTH: usize = 72;

/// The patterns of every command not marked `hidden`: all the shell ever
/// shows or suggests.
pub(crate) fn public_patterns(sc: &Scenario) -> impl Iterator<Item = &Pattern> {
    sc.commands
        .iter()
        .filter(|c| !c.hidden)
        .flat_map(|c| &c.patterns)
}

/// The programs a public command runs, sorted, each once. (The everyday
/// toolbox, when scenarios get one, joins this list.)
pub(crate) fn public_programs(sc: &Scenario) -> Vec<&str> {
    let mut out: Vec<&str> = public_patterns(sc)
        .map(Pattern::program)
        .filter(|p| !p.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The `help` built-in's answer: the built-ins and the programs by name.
pub(crate) fn help(sc: &Scenario) -> String {
    let mut lines = vec!["Shell built-ins:".to_string()];
    lines.extend(packed(BUILTINS.iter().copied()));
    lines.push("Programs on this machine:".into());
    // A scenario's own `date` or `man` is still listed once, as a built-in.
    let mut programs = public_programs(sc);
    programs.retain(|p| !BUILTINS.contains(p));
    if programs.is_empty() {
        lines.push("  (none)".into());
    }
    lines.extend(packed(programs.into_iter()));
    lines.push("Everyday tools:".into());
    lines.extend(packed(super::machine::TOOLS.iter().copied()));
    lines.push("Type 'PROGRAM --help' or 'man PROGRAM' for how to use one.".into());
    lines.join("\n")
}

/// Names packed into indented lines no wider than [`WIDTH`].
fn packed<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for n in names {
        if !line.is_empty() && line.len() + 2 + n.len() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str("  ");
        line.push_str(n);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The answer to `TOOL --help`, `TOOL -h` or `man TOOL`, if `words` asks
/// for one (the caller has already let a scenario's own command win).
pub(crate) fn help_request(sc: &Scenario, words: &[String]) -> Option<String> {
    let (tool, man) = match words {
        [p, flag] if flag == "--help" || flag == "-h" => (p.as_str(), false),
        [m] if m == "man" => {
            return Some("What manual page do you want?\nFor example, try 'man man'.".into());
        }
        [m, t, ..] if m == "man" => (t.as_str(), true),
        _ => return None,
    };
    if BUILTINS.contains(&tool) {
        return Some(format!(
            "{tool}: a shell built-in; type 'help' for the list"
        ));
    }
    let everyday = super::machine::is_tool(tool);
    if everyday && usage_of(sc, tool).is_none() {
        // `df -h`, `ls -h`: for the everyday tools `-h` is an option of
        // their own, not a request for help.
        return match (man, words.get(1).map(String::as_str)) {
            (false, Some("-h")) => None,
            _ => Some(format!(
                "Usage: {tool} [OPTION]... [ARGUMENT]...\n(the everyday `{tool}`, as on any Linux machine)"
            )),
        };
    }
    let Some(body) = usage_of(sc, tool) else {
        return Some(if man {
            format!("No manual entry for {tool}")
        } else {
            not_found(sc, tool)
        });
    };
    Some(if man {
        format!(
            "{}(1)\n\nNAME\n       {tool}\n\nSYNOPSIS\n{}",
            tool.to_uppercase(),
            body.iter()
                .map(|l| format!("       {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    } else {
        let mut lines = vec!["Usage:".to_string()];
        lines.extend(body.iter().map(|l| format!("  {l}")));
        lines.push("(<name> is a value you give; [..] is optional)".into());
        lines.join("\n")
    })
}

/// A tool's public usage lines, each once; `None` when it has none.
fn usage_of(sc: &Scenario, tool: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for p in public_patterns(sc).filter(|p| p.program() == tool) {
        let shown = usage(&p.source);
        if !out.contains(&shown) {
            out.push(shown);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What bash says of a program it does not know, with the closest public
/// program or built-in when one is near.
pub(crate) fn not_found(sc: &Scenario, program: &str) -> String {
    let mut known = public_programs(sc);
    known.extend(BUILTINS);
    match closest(program, known.iter().copied()) {
        Some(near) => format!("bash: {program}: command not found\n  did you mean '{near}'?"),
        None => format!("bash: {program}: command not found"),
    }
}

/// The answer to a line no command matches: a real command line's error
/// for a public program, bash's "command not found" for anything else (a
/// program only hidden commands run included).
pub(crate) fn near_miss(sc: &Scenario, words: &[String]) -> String {
    let Some(program) = words.first() else {
        return String::new();
    };
    let alive: Vec<&Pattern> = public_patterns(sc)
        .filter(|p| p.program() == program)
        .collect();
    if alive.is_empty() {
        return not_found(sc, program);
    }
    let (positional, flags): (Vec<&String>, Vec<&String>) =
        words.iter().skip(1).partition(|w| !is_flag(w));
    let mut alive = alive;
    let mut prefix = vec![program.as_str()];
    for (i, w) in positional.iter().enumerate() {
        let at = i + 1;
        let next: Vec<&Pattern> = alive
            .iter()
            .copied()
            .filter(|p| match p.words.get(at) {
                Some(Word::Literal(l)) => l == *w,
                Some(Word::Placeholder { .. }) => true,
                None => false,
            })
            .collect();
        if next.is_empty() {
            let subs = literals_at(&alive, at);
            let mut lines = if subs.is_empty() {
                vec![format!("{program}: unexpected argument '{w}' found")]
            } else {
                let mut l = vec![format!("{program}: unrecognized subcommand '{w}'")];
                if let Some(near) = closest(w, subs.iter().copied()) {
                    l.push(format!("  tip: a similar subcommand exists: '{near}'"));
                }
                l
            };
            lines.extend(footer(&prefix, !subs.is_empty(), program));
            return lines.join("\n");
        }
        alive = next;
        prefix.push(w);
    }
    let known: Vec<&str> = alive
        .iter()
        .flat_map(|p| &p.flags)
        .map(|f| f.name.as_str())
        .collect();
    let more = !literals_at(&alive, prefix.len()).is_empty();
    let mut lines = match flags
        .iter()
        .map(|f| f.split_once('=').map_or(f.as_str(), |(n, _)| n))
        .find(|f| !known.contains(f))
    {
        Some(f) => {
            let mut l = vec![format!("{program}: unexpected argument '{f}' found")];
            if let Some(near) = closest(f, known.iter().copied()) {
                l.push(format!("  tip: a similar argument exists: '{near}'"));
            }
            l
        }
        None if more => vec![format!(
            "{program}: '{}' requires a subcommand",
            prefix.join(" ")
        )],
        None => vec![format!("{program}: missing or invalid arguments")],
    };
    lines.extend(footer(&prefix, more, program));
    lines.join("\n")
}

/// The literal words public patterns have at position `at`, each once.
fn literals_at<'a>(patterns: &[&'a Pattern], at: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = patterns
        .iter()
        .filter_map(|p| match p.words.get(at) {
            Some(Word::Literal(l)) => Some(l.as_str()),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A real CLI's closing lines: a usage line and where to read more.
fn footer(prefix: &[&str], subcommand: bool, program: &str) -> [String; 2] {
    let what = if subcommand { "<COMMAND>" } else { "[ARGS]..." };
    [
        format!("Usage: {} {what}", prefix.join(" ")),
        format!("For more information, try '{program} --help'."),
    ]
}

/// Whether a shell word is a flag, as pattern matching reads it (`-5` is a
/// number, not a flag).
fn is_flag(w: &str) -> bool {
    w.starts_with('-') && w.len() > 1 && !w.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

/// A pattern as the player should read it: placeholder choices hidden.
pub(crate) fn usage(pattern: &str) -> String {
    let mut out = String::new();
    let mut in_placeholder = false;
    let mut skipping = false;
    for c in pattern.chars() {
        match c {
            '<' => {
                in_placeholder = true;
                out.push(c);
            }
            '>' => {
                in_placeholder = false;
                skipping = false;
                out.push(c);
            }
            ':' if in_placeholder => skipping = true,
            _ if skipping => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn usage_hides_placeholder_choices() {
        assert_eq!(
            super::usage("dig <name:a.com|b.com> [--type <t:A|AAAA>]"),
            "dig <name> [--type <t>]"
        );
        assert_eq!(
            super::usage("deploys [--since <window>]"),
            "deploys [--since <window>]"
        );
    }
}
