//! The shape as a Mermaid flowchart: scenes as boxes, choices as rounded
//! boxes joined to them by plain lines, endings as hexagons, triggers,
//! injects, commands and pages as flags; `call`/`interrupt` and `return`
//! dotted; what no path reaches in the `unreachable` class (dashed, grey).

use super::{BACK, EdgeStyle, Ids, Shape, edges, label_lines};
use std::fmt::Write as _;

/// `shape` as a Mermaid `flowchart TD`.
pub(super) fn render(shape: &Shape) -> String {
    let mut out = String::new();
    out.push_str("flowchart TD\n");
    // The id is a slug: nothing in it can end the comment's line.
    let _ = writeln!(out, "  %% firedrill graph {}", super::one_line(&shape.id));
    let mut unreachable = Vec::new();
    for (i, s) in shape.scenes.iter().enumerate() {
        let id = Ids::scene(shape, i);
        let _ = writeln!(out, "  {id}[{}]", quoted(&super::scene_label(shape, i)));
        if !s.reachable {
            unreachable.push(id);
        }
        for (n, c) in s.choices.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}({})",
                Ids::choice(shape, i, n + 1),
                quoted(&super::choice_label(c))
            );
        }
        if s.fallback.is_some() {
            let _ = writeln!(out, "  {}[{}]", Ids::fallback(shape, i), quoted("fallback"));
        }
    }
    for (i, e) in shape.endings.iter().enumerate() {
        let id = Ids::ending(shape, i);
        let _ = writeln!(out, "  {id}{{{{{}}}}}", quoted(&super::ending_label(e)));
        if !e.reachable {
            unreachable.push(id);
        }
    }
    for (n, o) in shape.outside.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}>{}]",
            Ids::outside(n + 1),
            quoted(&super::outside_label(o))
        );
    }
    if shape.scenes.iter().any(|s| s.called_from_outside) {
        let _ = writeln!(out, "  {BACK}[{}]", quoted("back to where the story was"));
    }
    for e in edges(shape) {
        let arrow = match e.style {
            EdgeStyle::Plain => "-->",
            EdgeStyle::Call | EdgeStyle::Return => "-.->",
            EdgeStyle::Offer => "---",
        };
        if e.label.is_empty() {
            let _ = writeln!(out, "  {} {arrow} {}", e.from, e.to);
        } else {
            let _ = writeln!(out, "  {} {arrow}|{}| {}", e.from, quoted(&e.label), e.to);
        }
    }
    let _ = writeln!(
        out,
        "  style {} stroke-width:3px",
        Ids::scene(shape, shape.opening)
    );
    if !unreachable.is_empty() {
        out.push_str("  classDef unreachable stroke-dasharray:5 5,color:#999\n");
        let _ = writeln!(out, "  class {} unreachable", unreachable.join(","));
    }
    out
}

/// `text` as a Mermaid string: each line made safe and wrapped, every
/// character Mermaid reads as syntax (quotes, brackets, `#`, `;`, `|`,
/// `<`, `>`, `&`, backticks) written as an entity code, lines joined with
/// `<br>`. Nothing in it can end the string, the node or the edge.
pub(super) fn quoted(text: &str) -> String {
    let lines: Vec<String> = label_lines(text)
        .iter()
        .map(|l| {
            let mut s = String::with_capacity(l.len());
            for c in l.chars() {
                match c {
                    '"' => s.push_str("#quot;"),
                    '#' | ';' | '|' | '&' | '`' | '[' | ']' | '{' | '}' | '(' | ')' => {
                        let _ = write!(s, "#{};", u32::from(c));
                    }
                    '<' => s.push_str("#lt;"),
                    '>' => s.push_str("#gt;"),
                    c => s.push(c),
                }
            }
            s
        })
        .collect();
    format!("\"{}\"", lines.join("<br>"))
}
