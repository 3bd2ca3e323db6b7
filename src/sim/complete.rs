//! Tab completion for the shell, in the core so every front end offers the
//! same words: program names for the first word, then the subcommands and
//! flags the public patterns allow after the words already typed, the
//! everyday toolbox, hosts after `ssh` and the machine's paths after a tool
//! that reads them. Nothing from a `hidden` command is ever offered.

use super::Sim;
use super::machine::TOOLS;
use super::shell::BUILTINS;
use super::tools::{public_patterns, public_programs};
use crate::scenario::Scenario;
use crate::scenario::pattern::{Pattern, Word};

impl Sim {
    /// The words that could complete the last word of `line` (the empty
    /// word after a trailing space), sorted, each once.
    pub fn complete(&self, line: &str) -> Vec<String> {
        let mut out = candidates(&self.sc, line);
        let (words, last) = split(line);
        match words.as_slice() {
            [] | ["man"] => out.extend(TOOLS.iter().map(|t| (*t).to_string())),
            ["ssh"] => out.extend(self.hosts()),
            [tool, ..] if READS_PATHS.contains(tool) => out.extend(self.paths(last)),
            _ => {}
        }
        out.retain(|w| w.starts_with(last));
        out.sort();
        out.dedup();
        out
    }
}

/// The toolbox's programs whose arguments are paths on the machine.
const READS_PATHS: &[&str] = &["ls", "cd", "cat", "less", "more", "head", "tail", "grep"];

/// The words before the one being typed, and that word (empty after a
/// trailing space).
fn split(line: &str) -> (Vec<&str>, &str) {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let last = if line.ends_with(char::is_whitespace) || line.is_empty() {
        ""
    } else {
        words.pop().unwrap_or("")
    };
    (words, last)
}

/// [`Sim::complete`] for a scenario alone (a front end without a game).
pub fn candidates(sc: &Scenario, line: &str) -> Vec<String> {
    let (words, last) = split(line);
    let mut out: Vec<String> = match words.as_slice() {
        [] => programs(sc),
        ["man"] => programs(sc),
        [program, rest @ ..] => after(sc, program, rest, last),
    };
    out.retain(|w| w.starts_with(last));
    out.sort();
    out.dedup();
    out
}

/// The built-ins and the public programs.
fn programs(sc: &Scenario) -> Vec<String> {
    BUILTINS
        .iter()
        .copied()
        .chain(public_programs(sc))
        .map(str::to_string)
        .collect()
}

/// What public patterns of `program` allow after the words `done`: the
/// literal word at the next position, or a flag when `last` starts one.
fn after(sc: &Scenario, program: &str, done: &[&str], last: &str) -> Vec<String> {
    let positional: Vec<&str> = done
        .iter()
        .copied()
        .filter(|w| !w.starts_with('-'))
        .collect();
    let alive = public_patterns(sc).filter(|p| p.program() == program && fits(p, &positional));
    let at = positional.len() + 1;
    if last.starts_with('-') {
        return alive
            .flat_map(|p| &p.flags)
            .map(|f| f.name.clone())
            .filter(|f| !done.contains(&f.as_str()))
            .collect();
    }
    alive
        .filter_map(|p| match p.words.get(at) {
            Some(Word::Literal(l)) => Some(l.clone()),
            _ => None,
        })
        .collect()
}

/// Whether the pattern's words after the program agree with `typed` so far
/// (a placeholder takes any word).
fn fits(p: &Pattern, typed: &[&str]) -> bool {
    typed
        .iter()
        .enumerate()
        .all(|(i, t)| match p.words.get(i + 1) {
            Some(Word::Literal(l)) => l == t,
            Some(Word::Placeholder { .. }) => true,
            None => false,
        })
}
