//! The document's section on the player's reasoning: each hypothesis with
//! what had been seen before it and whether it names the root cause.

use super::document::{
    Block, Inline, Part, Section, Span, Tone, code, muted, one_line, safe, section, strong, text,
};
use super::{Debrief, HypothesisLine};

pub(super) fn hypotheses(d: &Debrief) -> Section<'_> {
    let r = &d.reasoning;
    if r.hypotheses.is_empty() {
        return section(
            Part::Hypotheses,
            "Your hypotheses",
            vec![Block::Empty(vec![
                text(
                    "No hypothesis was noted. Next time, note one whenever you have it: the hypothesis key in the game (`t` unless your keymap moves it), or ",
                ),
                code("hypothesis TEXT"),
                text(" in plain mode."),
            ])],
        );
    }
    let how = if r.cause_words.is_empty() {
        "The scenario gives no root-cause words, so whether each hypothesis matches the root cause is for you and your mentor to judge.".to_string()
    } else {
        let words: Vec<String> = r.cause_words.iter().map(|w| format!("“{w}”")).collect();
        format!(
            "Context for the conversation, not a score: a hypothesis names the root cause when it uses one of the author's words for it ({}), as a whole word, in any case.",
            words.join(", ")
        )
    };
    let mut blocks = vec![Block::Aside(vec![text(&how)])];
    for h in &r.hypotheses {
        blocks.push(Block::Para(heading(h)));
        blocks.push(Block::List(details(h)));
    }
    let mut s = section(Part::Hypotheses, "Your hypotheses", blocks);
    s.badge = Some(badge(d));
    s
}

/// `2 noted, 1 names the root cause`.
fn badge(d: &Debrief) -> String {
    let r = &d.reasoning;
    let n = r.hypotheses.len();
    let noted = format!("{n} noted");
    if r.cause_words.is_empty() {
        return noted;
    }
    let named = r
        .hypotheses
        .iter()
        .filter(|h| h.matched.as_ref().is_some_and(|m| !m.is_empty()))
        .count();
    format!(
        "{noted}, {named} {} the root cause",
        if named == 1 { "names" } else { "name" }
    )
}

fn heading(h: &HypothesisLine) -> Inline {
    let mut line = vec![
        Span::When(h.at.clone()),
        text(": "),
        strong(&format!("“{}”", one_line(&h.text))),
    ];
    if let Some(by) = &h.by {
        line.push(muted(&format!(" (noted by {})", one_line(by))));
    }
    line
}

fn details(h: &HypothesisLine) -> Vec<Inline> {
    let s = &h.seen;
    let names = |label: &str, names: &[String]| {
        let mut l = vec![text(&format!("{label}: "))];
        if names.is_empty() {
            l.push(muted("none"));
        }
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                l.push(text(", "));
            }
            l.push(code(n));
        }
        l
    };
    let tone = match &h.matched {
        None => Tone::Neutral,
        Some(m) if m.is_empty() => Tone::Bad,
        Some(_) => Tone::Good,
    };
    vec![
        names("Graphs seen before it", &s.graphs),
        names("Runbooks read before it", &s.runbooks),
        names("Logs read before it", &s.logs),
        names("Commands run before it", &s.commands),
        vec![text("Root cause: "), Span::Tone(tone, safe(&h.verdict))],
    ]
}
