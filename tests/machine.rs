//! The shell answers like a machine, not a menu: `help` names programs,
//! `--help` and `man` show public usage, a near miss answers like a real
//! command line, `!!` repeats, Tab completes; and no `hidden` command ever
//! shows in any of these, in any shipped scenario.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::scenario;
use firedrill::library;
use firedrill::scenario::Scenario;
use firedrill::scenario::pattern::{Pattern, Word};
use firedrill::sim::{Action, EventKind, Sim};
use std::collections::BTreeSet;

const WAF: &str = "scenario t
    title \"T\"
    start 2024-01-01 10:00 UTC
    duration 30m
    cost 10s
command rules \"waf rules list\"
    output \"rule 100\"
command enable \"waf enable --global [--mode <mode:simulate|block>]\"
    output \"enabled\"
command kill \"waf kill --global --confirm\"
    hidden
    output \"killed\"
command wipe \"rm -rf /var/lib/thumbs\"
    hidden
    output \"gone\"
scene a
    Hello.
    * Stop
        end done
ending done \"Done\"
    outcome resolved
    Bye.
";

/// What the shell prints for `line`, on a copy of `sim` (so probes never
/// move the game on).
fn answer(sim: &Sim, line: &str) -> String {
    let mut s = sim.clone();
    s.apply(Action::Run(line.into()))
        .into_iter()
        .find_map(|e| match e.kind {
            EventKind::Shell { output, .. } => Some(output),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn help_names_programs_and_hides_what_is_hidden() {
    let sim = Sim::new(scenario(WAF), 1);
    let help = answer(&sim, "help");
    assert!(help.contains("waf") && help.contains("history"), "{help}");
    assert!(!help.contains("rules") && !help.contains("rm"), "{help}");
    let usage = answer(&sim, "waf --help");
    assert!(usage.contains("waf rules list"), "{usage}");
    assert!(
        usage.contains("waf enable --global [--mode <mode>]"),
        "{usage}"
    );
    assert!(
        !usage.contains("kill") && !usage.contains("simulate"),
        "{usage}"
    );
    assert_eq!(answer(&sim, "waf -h"), usage);
    assert!(answer(&sim, "man waf").contains("SYNOPSIS"));
    assert_eq!(answer(&sim, "rm --help"), "bash: rm: command not found");
    assert_eq!(answer(&sim, "man rm"), "No manual entry for rm");
    // A hidden command still runs when typed.
    assert_eq!(answer(&sim, "waf kill --global --confirm"), "killed");
    assert_eq!(answer(&sim, "rm -rf /var/lib/thumbs"), "gone");
}

#[test]
fn a_near_miss_answers_like_a_real_command_line() {
    let sim = Sim::new(scenario(WAF), 1);
    let miss = answer(&sim, "waf rulez list");
    assert!(
        miss.starts_with("waf: unrecognized subcommand 'rulez'"),
        "{miss}"
    );
    assert!(
        miss.contains("tip: a similar subcommand exists: 'rules'"),
        "{miss}"
    );
    assert!(miss.contains("Usage: waf <COMMAND>"), "{miss}");
    assert!(miss.contains("try 'waf --help'"), "{miss}");
    let kil = answer(&sim, "waf kil --global --confirm");
    assert!(
        !kil.contains("kill") && !kil.contains("rules list"),
        "{kil}"
    );
    let flag = answer(&sim, "waf enable --globl");
    assert!(flag.contains("unexpected argument '--globl'"), "{flag}");
    assert!(flag.contains("'--global'"), "{flag}");
    assert_eq!(answer(&sim, "rm -rf /tmp"), "bash: rm: command not found");
    assert_eq!(
        answer(&sim, "wfa"),
        "bash: wfa: command not found\n  did you mean 'waf'?"
    );
}

#[test]
fn bang_bang_repeats_the_last_line() {
    let mut sim = Sim::new(scenario(WAF), 1);
    assert_eq!(answer(&sim, "!!"), "bash: !!: event not found");
    sim.apply(Action::Run("waf rules list".into()));
    let ev = sim.apply(Action::Run("!!".into()));
    let shell = ev.iter().find_map(|e| match &e.kind {
        EventKind::Shell { input, output, .. } => Some((input.clone(), output.clone())),
        _ => None,
    });
    assert_eq!(
        shell,
        Some(("!!".to_string(), "waf rules list\nrule 100".to_string()))
    );
    assert_eq!(sim.shell_history(), ["waf rules list", "waf rules list"]);
}

#[test]
fn completion_offers_public_words_only() {
    let sim = Sim::new(scenario(WAF), 1);
    assert_eq!(
        sim.complete("w"),
        ["waf", "whoami"],
        "the everyday toolbox too"
    );
    assert_eq!(sim.complete("h"), ["head", "help", "history", "hostname"]);
    assert!(sim.complete("r").is_empty(), "rm only runs hidden commands");
    assert_eq!(sim.complete("waf "), ["enable", "rules"]);
    assert!(sim.complete("waf k").is_empty());
    assert_eq!(sim.complete("waf rules "), ["list"]);
    assert_eq!(sim.complete("waf enable --"), ["--global", "--mode"]);
    assert!(sim.complete("waf kill --").is_empty());
    assert_eq!(sim.complete("man w"), ["waf", "whoami"]);
    assert_eq!(sim.complete("ssh "), sim.hosts());
}

/// Every word a pattern shows or accepts: its literals, flags and the
/// values its placeholders allow.
fn words_of(p: &Pattern) -> Vec<String> {
    let mut out = Vec::new();
    for w in &p.words {
        match w {
            Word::Literal(l) => out.push(l.clone()),
            Word::Placeholder { choices, .. } => out.extend(choices.iter().flatten().cloned()),
        }
    }
    for f in &p.flags {
        out.push(f.name.clone());
        out.extend(f.value_choices.iter().flatten().cloned());
    }
    out
}

/// A line a hidden pattern matches: its first choice or `x` for each value.
fn line_of(p: &Pattern) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in &p.words {
        match w {
            Word::Literal(l) => out.push(l.clone()),
            Word::Placeholder { choices, .. } => out.push(
                choices
                    .as_ref()
                    .and_then(|c| c.first().cloned())
                    .unwrap_or_else(|| "x".into()),
            ),
        }
    }
    for f in &p.flags {
        out.push(f.name.clone());
        if f.value.is_some() {
            out.push(
                f.value_choices
                    .as_ref()
                    .and_then(|c| c.first().cloned())
                    .unwrap_or_else(|| "x".into()),
            );
        }
    }
    out.join(" ")
}

/// The words of a text, quotes and punctuation aside.
fn tokens(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| c.is_whitespace() || "'\"`,;()[]<>{}".contains(c))
        .map(|w| w.trim_end_matches(['.', ':', '?', '!']))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words only hidden commands have: what no listing may show.
fn secret_words(sc: &Scenario) -> BTreeSet<String> {
    let public: BTreeSet<String> = sc
        .commands
        .iter()
        .filter(|c| !c.hidden)
        .flat_map(|c| &c.patterns)
        .flat_map(words_of)
        .chain(firedrill::sim::BUILTINS.iter().map(|b| (*b).to_string()))
        .collect();
    sc.commands
        .iter()
        .filter(|c| c.hidden)
        .flat_map(|c| &c.patterns)
        .flat_map(words_of)
        .filter(|w| !public.contains(w))
        .collect()
}

#[test]
fn no_shipped_scenario_lists_a_hidden_command() {
    let mut leaks = Vec::new();
    for b in library::builtins() {
        let sc = library::check(b).scenario.expect("shipped scenarios check");
        let secret = secret_words(&sc);
        let hidden: Vec<String> = sc
            .commands
            .iter()
            .filter(|c| c.hidden)
            .flat_map(|c| &c.patterns)
            .map(line_of)
            .collect();
        let programs: BTreeSet<String> = sc
            .commands
            .iter()
            .filter(|c| !c.hidden)
            .flat_map(|c| &c.patterns)
            .map(|p| p.program().to_string())
            .collect();
        let sim = Sim::new(sc.clone(), 1);
        // A help probe is checked even when the scenario answers it itself
        // (its own `--help`); another only when no command matches it, as a
        // command prints what its author wrote.
        let mut probes: Vec<(String, bool)> = vec![("help".into(), true)];
        for p in &programs {
            probes.extend([
                (format!("{p} --help"), true),
                (format!("{p} -h"), true),
                (format!("man {p}"), true),
                (format!("{p} zzjunk"), false),
                (format!("{p} --zzjunk"), false),
            ]);
        }
        for line in &hidden {
            for (i, c) in line.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let mut near = line.clone();
                near.replace_range(i..i + c.len_utf8(), "");
                probes.push((near, false));
            }
        }
        for (probe, always) in &probes {
            if !always && sim_matches(&sc, probe) {
                continue;
            }
            let said = answer(&sim, probe);
            let typed = tokens(probe);
            for w in tokens(&said) {
                if secret.contains(w) && !typed.contains(w) {
                    leaks.push(format!("{}: `{probe}` shows `{w}`:\n{said}", b.id));
                }
            }
        }
        for line in &hidden {
            let words: Vec<&str> = line.split(' ').collect();
            for n in 0..words.len() {
                let done = words[..n].join(" ");
                let space = if n == 0 { "" } else { " " };
                for prefix in ["", "-"] {
                    let typed = format!("{done}{space}{prefix}");
                    for w in sim.complete(&typed) {
                        if secret.contains(&w) {
                            leaks.push(format!("{}: completing `{typed}` offers `{w}`", b.id));
                        }
                    }
                }
                let word = words.get(n).copied().unwrap_or("");
                let partial = format!("{done}{space}{}", &word[..word.len().min(1)]);
                for w in sim.complete(&partial) {
                    if secret.contains(&w) {
                        leaks.push(format!("{}: completing `{partial}` offers `{w}`", b.id));
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// Whether some command of the scenario matches the line.
fn sim_matches(sc: &Scenario, line: &str) -> bool {
    let Some(words) = firedrill::scenario::pattern::tokenize(line) else {
        return false;
    };
    sc.commands
        .iter()
        .any(|c| c.patterns.iter().any(|p| p.matches(&words).is_some()))
}

#[test]
fn every_shipped_scenario_hides_something() {
    for b in library::builtins() {
        let sc = library::check(b).scenario.expect("shipped scenarios check");
        assert!(
            sc.commands.iter().any(|c| c.hidden),
            "{} hides none of its commands",
            b.id
        );
    }
}
