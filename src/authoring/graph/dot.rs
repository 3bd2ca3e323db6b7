//! The shape as Graphviz DOT: scenes as boxes, choices as rounded boxes
//! under them, endings as double octagons, triggers, injects, commands and
//! pages as notes; `call`/`interrupt` dashed, `return` dotted; what no path
//! reaches greyed and dashed.

use super::{BACK, EdgeStyle, Ids, Shape, edges, label_lines};
use std::fmt::Write as _;

/// `shape` as a DOT digraph.
pub(super) fn render(shape: &Shape) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quoted(&shape.id));
    let _ = writeln!(out, "  label={};", quoted(&shape.title));
    out.push_str("  labelloc=t;\n  rankdir=TB;\n");
    out.push_str("  node [shape=box, fontname=\"sans-serif\"];\n");
    out.push_str("  edge [fontname=\"sans-serif\", fontsize=10];\n");
    for (i, s) in shape.scenes.iter().enumerate() {
        let mut attrs = vec![format!("label={}", quoted(&super::scene_label(shape, i)))];
        if i == shape.opening {
            attrs.push("penwidth=2".into());
        }
        if !s.reachable {
            attrs.push("style=dashed, color=gray, fontcolor=gray".into());
        }
        node(&mut out, &Ids::scene(shape, i), &attrs);
        for (n, c) in s.choices.iter().enumerate() {
            let attrs = [
                format!("label={}", quoted(&super::choice_label(c))),
                "style=rounded".into(),
            ];
            node(&mut out, &Ids::choice(shape, i, n + 1), &attrs);
        }
        if s.fallback.is_some() {
            node(
                &mut out,
                &Ids::fallback(shape, i),
                &["label=\"fallback\"".into(), "shape=plaintext".into()],
            );
        }
    }
    for (i, e) in shape.endings.iter().enumerate() {
        let mut attrs = vec![
            format!("label={}", quoted(&super::ending_label(e))),
            "shape=doubleoctagon".into(),
        ];
        if !e.reachable {
            attrs.push("style=dashed, color=gray, fontcolor=gray".into());
        }
        node(&mut out, &Ids::ending(shape, i), &attrs);
    }
    for (n, o) in shape.outside.iter().enumerate() {
        let attrs = [
            format!("label={}", quoted(&super::outside_label(o))),
            "shape=note".into(),
        ];
        node(&mut out, &Ids::outside(n + 1), &attrs);
    }
    if shape.scenes.iter().any(|s| s.called_from_outside) {
        node(
            &mut out,
            BACK,
            &[
                "label=\"back to where the story was\"".into(),
                "shape=plaintext".into(),
            ],
        );
    }
    for e in edges(shape) {
        let mut attrs = Vec::new();
        if !e.label.is_empty() {
            attrs.push(format!("label={}", quoted(&e.label)));
        }
        match e.style {
            EdgeStyle::Plain => {}
            EdgeStyle::Call => attrs.push("style=dashed".into()),
            EdgeStyle::Return => attrs.push("style=dotted".into()),
            EdgeStyle::Offer => attrs.push("arrowhead=none, color=gray".into()),
        }
        let _ = write!(out, "  {} -> {}", e.from, e.to);
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

fn node(out: &mut String, id: &str, attrs: &[String]) {
    let _ = writeln!(out, "  {id} [{}];", attrs.join(", "));
}

/// `text` as a DOT string: each line made safe and wrapped, backslashes
/// and quotes escaped, lines joined with DOT's `\n`. Nothing in it can end
/// the string or start an escape DOT would read (`\N`, `\G`, `\l`).
pub(super) fn quoted(text: &str) -> String {
    let lines: Vec<String> = label_lines(text)
        .iter()
        .map(|l| {
            let mut s = String::with_capacity(l.len());
            for c in l.chars() {
                match c {
                    '\\' => s.push_str("\\\\"),
                    '"' => s.push_str("\\\""),
                    c => s.push(c),
                }
            }
            s
        })
        .collect();
    format!("\"{}\"", lines.join("\\n"))
}
