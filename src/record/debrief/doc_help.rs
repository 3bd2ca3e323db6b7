//! The document's section on the help the game gave: the support level,
//! the hints that came due and the mentor's injects. It is there to talk
//! about, never counted in the outcome.

use super::document::{
    Block, Inline, Part, Section, Span, code, empty, muted, one_line, section, strong, text,
};
use super::{Debrief, Help, HintUse};

/// Shown when the scenario has hints or injects, or the game was not
/// played at the usual (assisted) level; `None` otherwise.
pub(super) fn help(d: &Debrief) -> Option<Section<'_>> {
    let h = &d.help;
    let usual = h.support == crate::sim::Support::default().word();
    if usual
        && h.declared_hints == 0
        && h.declared_injects == 0
        && h.injects.is_empty()
        && h.mentor.is_empty()
    {
        return None;
    }
    let mut blocks = vec![Block::Para(level(h))];
    if h.declared_hints > 0 || !h.hints.is_empty() {
        blocks.push(Block::Sub("Hints".into()));
        blocks.push(hints(h));
    }
    if h.declared_injects > 0 || !h.injects.is_empty() {
        blocks.push(Block::Sub("Mentor injects".into()));
        blocks.push(injects(h));
    }
    if !h.mentor.is_empty() {
        blocks.push(Block::Sub("The mentor".into()));
        blocks.push(Block::Para(vec![text(
            "Who watched and what they did. Actions a mentor took at the keyboard are theirs: \
             the figures about the player's decisions leave them out.",
        )]));
        blocks.push(mentor(h));
    }
    blocks.push(Block::Aside(vec![text(
        "Context for the conversation, not a score: asking for help is part of being on call.",
    )]));
    let shown = h.hints.iter().filter(|x| x.shown.is_some()).count();
    let mut s = section(Part::Help, "Help along the way", blocks);
    s.badge = Some(format!(
        "{}, {shown} {} shown",
        h.support,
        super::document::noun(shown, "hint", "hints")
    ));
    Some(s)
}

/// The support level and what it meant.
fn level(h: &Help) -> Inline {
    let what = match h.support.as_str() {
        "guided" => "each hint appeared on its own as soon as it came due.",
        "solo" => "no hints were offered.",
        _ => "a hint waited until the player asked for it.",
    };
    vec![
        text("Played at the "),
        strong(&h.support),
        text(&format!(" support level: {what}")),
    ]
}

fn hints(h: &Help) -> Block<'static> {
    if h.hints.is_empty() {
        return empty(if h.support == "solo" {
            "None: hints are off in solo."
        } else {
            "No hint came due."
        });
    }
    Block::List(h.hints.iter().map(hint).collect())
}

/// One hint: when, its title and name, and how it came: "asked for, ready
/// since 10:02:00 (T+2m)", "appeared on its own", "ready, not asked for".
fn hint(x: &HintUse) -> Inline {
    let mut line = Vec::new();
    if let Some(at) = x.shown.as_ref().or(x.offered.as_ref()) {
        line.push(Span::When(at.clone()));
        line.push(text(": "));
    }
    line.push(strong(&one_line(&x.title)));
    line.push(muted(" ("));
    line.push(code(&x.name));
    line.push(muted(")"));
    match (&x.shown, &x.offered) {
        (Some(_), offered) if x.asked => {
            line.push(text(": asked for"));
            if let Some(o) = offered.as_ref().filter(|o| Some(*o) != x.shown.as_ref()) {
                line.push(text(", ready since "));
                line.push(Span::When(o.clone()));
            }
        }
        (Some(_), _) => line.push(text(": appeared on its own")),
        (None, _) => line.push(text(": ready, not asked for")),
    }
    line.push(text("."));
    line
}

fn mentor(h: &Help) -> Block<'static> {
    Block::List(
        h.mentor
            .iter()
            .map(|m| {
                vec![
                    Span::When(m.at.clone()),
                    text(": "),
                    strong(&one_line(&m.who)),
                    text(&format!(" {}", one_line(&m.what))),
                ]
            })
            .collect(),
    )
}

fn injects(h: &Help) -> Block<'static> {
    if h.injects.is_empty() {
        return empty("The mentor fired none.");
    }
    Block::List(
        h.injects
            .iter()
            .map(|i| {
                vec![
                    Span::When(i.at.clone()),
                    text(": "),
                    strong(&one_line(&i.title)),
                    muted(" ("),
                    code(&i.name),
                    muted(")"),
                ]
            })
            .collect(),
    )
}
