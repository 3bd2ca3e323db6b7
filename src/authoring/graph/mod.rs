//! `firedrill graph`: a scenario's shape ([`crate::lang::shape`]) drawn as
//! an indented tree for a terminal, as Graphviz DOT, or as a Mermaid
//! flowchart to paste into docs. Pure functions: shape in, text out.

mod dot;
mod mermaid;
#[cfg(test)]
mod tests;
mod text;

use crate::lang::shape::{Gate, Move, MoveKind, Shape};

/// How `firedrill graph` draws a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// An indented tree from the opening scene, for an 80-column terminal.
    Text,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

/// `shape` drawn in `format`.
pub fn render(shape: &Shape, format: GraphFormat) -> String {
    match format {
        GraphFormat::Text => text::render(shape, 80),
        GraphFormat::Dot => dot::render(shape),
        GraphFormat::Mermaid => mermaid::render(shape),
    }
}

/// Text from a scenario on one line, safe for a terminal or a file: control
/// characters made visible, line breaks and tabs as spaces.
fn one_line(s: &str) -> String {
    crate::base::printable::printable(s)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// A move's gates as one phrase: `if ran freeze, after 2m`.
fn gates(m: &Move) -> String {
    m.gates
        .iter()
        .map(|g| match g {
            Gate::If(c) => format!("if {c}"),
            Gate::After(d) => format!("after {d}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A move as the language writes it: `goto bridge`, `end recovered`.
fn move_words(shape: &Shape, kind: MoveKind) -> String {
    let scene = |i: usize| shape.scenes.get(i).map_or("?", |s| s.name.as_str());
    match kind {
        MoveKind::Goto(s) | MoveKind::Call(s) | MoveKind::Interrupt(s) => {
            format!("{} {}", kind.word(), scene(s))
        }
        MoveKind::End(e) => format!(
            "end {}",
            shape.endings.get(e).map_or("?", |e| e.name.as_str())
        ),
        MoveKind::Return | MoveKind::Wait => kind.word().into(),
    }
}

/// A node's id in the drawings: a prefix for its kind (`scene_`,
/// `choice_`, `ending_`...), so no two kinds meet and none is a keyword
/// (`end`), then its name. DOT and Mermaid ids stay the same while the
/// scenario's names do (names are ASCII letters, digits and `_`; anything
/// else is replaced all the same).
fn node_id(prefix: &str, name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}_{safe}")
}

/// The ids of a shape's nodes, shared by DOT and Mermaid so both name the
/// same scene the same way.
struct Ids;

impl Ids {
    fn scene(shape: &Shape, i: usize) -> String {
        node_id("scene", shape.scenes.get(i).map_or("", |s| s.name.as_str()))
    }

    fn ending(shape: &Shape, i: usize) -> String {
        node_id(
            "ending",
            shape.endings.get(i).map_or("", |e| e.name.as_str()),
        )
    }

    /// The n-th choice (from 1) of scene `s`: `choice_outage_2`. The
    /// number after the last `_` is the choice's, so no two ids are alike.
    fn choice(shape: &Shape, s: usize, n: usize) -> String {
        let name = shape.scenes.get(s).map_or("", |x| x.name.as_str());
        format!("{}_{n}", node_id("choice", name))
    }

    fn fallback(shape: &Shape, s: usize) -> String {
        node_id(
            "fallback",
            shape.scenes.get(s).map_or("", |x| x.name.as_str()),
        )
    }

    /// The n-th (from 1) thing outside the scenes.
    fn outside(n: usize) -> String {
        format!("world_{n}")
    }
}

/// Every edge of the drawing: (from node, to node, label, kind), in a
/// fixed order (scenes, their choices and fallbacks, then what is outside),
/// shared by DOT and Mermaid.
struct Edge {
    from: String,
    to: String,
    label: String,
    style: EdgeStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EdgeStyle {
    /// `goto`, `end`, or a choice taken.
    Plain,
    /// `call` and `interrupt`: the story comes back.
    Call,
    /// `return` to a caller.
    Return,
    /// From a scene to one of its choices or its fallback.
    Offer,
}

/// The node where stories go back to wherever they were when something
/// outside the scenes called a scene.
const BACK: &str = "back_to_caller";

fn edges(shape: &Shape) -> Vec<Edge> {
    let mut out = Vec::new();
    for (i, s) in shape.scenes.iter().enumerate() {
        let from = Ids::scene(shape, i);
        moves_from(shape, i, &from, &s.moves, &mut out);
        for (n, c) in s.choices.iter().enumerate() {
            let id = Ids::choice(shape, i, n + 1);
            let label = c
                .only_if
                .as_ref()
                .map_or_else(String::new, |o| format!("only if {o}"));
            out.push(Edge {
                from: from.clone(),
                to: id.clone(),
                label,
                style: EdgeStyle::Offer,
            });
            moves_from(shape, i, &id, &c.moves, &mut out);
        }
        if let Some(f) = &s.fallback {
            let id = Ids::fallback(shape, i);
            out.push(Edge {
                from: from.clone(),
                to: id.clone(),
                label: String::new(),
                style: EdgeStyle::Offer,
            });
            moves_from(shape, i, &id, f, &mut out);
        }
    }
    for (n, o) in shape.outside.iter().enumerate() {
        let from = Ids::outside(n + 1);
        for m in &o.moves {
            if let Some(to) = target(shape, m.kind) {
                out.push(Edge {
                    from: from.clone(),
                    to,
                    label: label(m),
                    style: style(m.kind),
                });
            }
        }
    }
    out
}

/// Edges for the moves of scene `scene` made from node `from`.
fn moves_from(shape: &Shape, scene: usize, from: &str, moves: &[Move], out: &mut Vec<Edge>) {
    for m in moves {
        if m.kind == MoveKind::Return {
            let Some(s) = shape.scenes.get(scene) else {
                continue;
            };
            for &c in &s.callers {
                out.push(Edge {
                    from: from.into(),
                    to: Ids::scene(shape, c),
                    label: label(m),
                    style: EdgeStyle::Return,
                });
            }
            if s.called_from_outside {
                out.push(Edge {
                    from: from.into(),
                    to: BACK.into(),
                    label: label(m),
                    style: EdgeStyle::Return,
                });
            }
        } else if let Some(to) = target(shape, m.kind) {
            out.push(Edge {
                from: from.into(),
                to,
                label: label(m),
                style: style(m.kind),
            });
        }
    }
}

fn target(shape: &Shape, kind: MoveKind) -> Option<String> {
    match kind {
        MoveKind::Goto(s) | MoveKind::Call(s) | MoveKind::Interrupt(s) => {
            Some(Ids::scene(shape, s))
        }
        MoveKind::End(e) => Some(Ids::ending(shape, e)),
        MoveKind::Return | MoveKind::Wait => None,
    }
}

fn style(kind: MoveKind) -> EdgeStyle {
    match kind {
        MoveKind::Call(_) | MoveKind::Interrupt(_) => EdgeStyle::Call,
        MoveKind::Return => EdgeStyle::Return,
        _ => EdgeStyle::Plain,
    }
}

/// An edge's label: the keyword when it is not a plain `goto`/`end`, then
/// its gates.
fn label(m: &Move) -> String {
    let word = match m.kind {
        MoveKind::Call(_) | MoveKind::Interrupt(_) | MoveKind::Return => m.kind.word(),
        _ => "",
    };
    let g = gates(m);
    match (word.is_empty(), g.is_empty()) {
        (true, _) => g,
        (false, true) => word.into(),
        (false, false) => format!("{word}\n{g}"),
    }
}

/// A choice's node label: its `*`/`+`, text and `#id`.
fn choice_label(c: &crate::lang::shape::ChoiceShape) -> String {
    let mark = if c.sticky { '+' } else { '*' };
    match &c.id {
        Some(id) => format!("{mark} {}\n#{id}", c.label),
        None => format!("{mark} {}", c.label),
    }
}

/// An outside node's label: what it is and its head line.
fn outside_label(o: &crate::lang::shape::Outside) -> String {
    use crate::lang::shape::OutsideKind;
    let kind = match o.kind {
        OutsideKind::Trigger => "trigger",
        OutsideKind::Inject => "inject",
        OutsideKind::Command => "command",
        OutsideKind::Page => "page",
    };
    match &o.title {
        Some(t) => format!("{kind} {}\n{t}", o.name),
        None => format!("{kind}\n{}", o.name),
    }
}

/// A label's lines, each made safe ([`one_line`]) and wrapped to 40
/// columns so a drawing's boxes stay narrow.
fn label_lines(label: &str) -> Vec<String> {
    label
        .split('\n')
        .flat_map(|l| {
            let l = one_line(l);
            let wrapped = crate::base::text::wrap(&l, 40);
            if wrapped.is_empty() { vec![l] } else { wrapped }
        })
        .collect()
}

/// What a scene's node says: its name and what marks it.
fn scene_label(shape: &Shape, i: usize) -> String {
    let Some(s) = shape.scenes.get(i) else {
        return String::new();
    };
    let mut marks = Vec::new();
    if i == shape.opening {
        marks.push("start");
    }
    if s.waits {
        marks.push("waits");
    }
    if !s.reachable {
        marks.push("unreachable");
    }
    if marks.is_empty() {
        s.name.clone()
    } else {
        format!("{}\n({})", s.name, marks.join(", "))
    }
}

/// What an ending's node says: name, title, outcome, and whether reachable.
fn ending_label(e: &crate::lang::shape::EndingShape) -> String {
    let mut s = format!("{}\n{}\n({})", e.name, e.title, e.outcome.label());
    if !e.reachable {
        s.push_str("\n(unreachable)");
    }
    s
}
