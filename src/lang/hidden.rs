//! Hidden commands the story never names (FD0314): a command marked
//! `hidden` is never listed by the shell, so unless a runbook, a log, a
//! chat line, a hint or the briefing names it, only a player who already
//! knows it can find it.

use super::analysis::for_each_text;
use super::diagnostic::{Code, Diagnostic};
use crate::scenario::pattern::{Pattern, Word};
use crate::scenario::{Scenario, TextPart};

/// One warning per hidden command none of whose patterns the story names.
pub(super) fn unnamed_hidden(sc: &Scenario) -> Vec<Diagnostic> {
    if !sc.commands.iter().any(|c| c.hidden) {
        return Vec::new();
    }
    let mut texts: Vec<String> = vec![sc.meta.briefing.clone()];
    for_each_text(sc, &mut |t| {
        texts.push(
            t.parts
                .iter()
                .filter_map(|p| match p {
                    TextPart::Literal(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect(),
        );
    });
    let named = |p: &Pattern| {
        let key = key_words(p);
        texts.iter().any(|t| {
            let words: Vec<&str> = t.split(is_break).collect();
            key.iter().all(|k| words.contains(k))
        })
    };
    sc.commands
        .iter()
        .filter(|c| c.hidden && !c.patterns.iter().any(named))
        .map(|c| {
            let shown = c.patterns.first().map_or_else(
                || c.name.clone(),
                |p| key_words(p).join(" "),
            );
            Diagnostic::new(
                Code::UnnamedHidden,
                c.span,
                format!("the hidden command `{}` is never named in the story", c.name),
            )
            .help(format!(
                "the shell never lists it: name `{shown}` in a runbook, a log, a chat line or a hint"
            ))
        })
        .collect()
}

/// The words that name a pattern: the program and its first subcommand.
fn key_words(p: &Pattern) -> Vec<&str> {
    p.words
        .iter()
        .take(2)
        .filter_map(|w| match w {
            Word::Literal(l) => Some(l.as_str()),
            Word::Placeholder { .. } => None,
        })
        .collect()
}

/// What separates words in prose: anything but letters, digits and the
/// characters commands are made of.
fn is_break(c: char) -> bool {
    !(c.is_alphanumeric() || "-_./@:".contains(c))
}
