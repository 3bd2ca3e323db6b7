//! The shape as an indented tree for a terminal: the story from its opening
//! scene, each scene under the first move that enters it; then what moves
//! the story from outside the scenes (triggers, injects, commands, pages),
//! with the scenes only they enter; then the endings, and what no path
//! reaches. Every line fits the width, wrapped by display width.

use super::{Shape, gates, move_words, one_line};
use crate::lang::shape::{Move, MoveKind, OutsideKind};
use std::collections::BTreeSet;

/// How far a scene is indented under the move that enters it before it is
/// drawn as a tree of its own instead, so deep stories stay readable.
const MAX_NEST: usize = 24;
/// Choice labels longer than this many columns are cut with `…`.
const MAX_LABEL: usize = 100;

struct Tree<'a> {
    shape: &'a Shape,
    width: usize,
    out: Vec<String>,
    drawn: BTreeSet<usize>,
    /// Scenes met too deep to nest, drawn next as trees of their own.
    later: Vec<usize>,
}

/// `shape` as text at most `width` columns wide.
pub(super) fn render(shape: &Shape, width: usize) -> String {
    let mut t = Tree {
        shape,
        width: width.max(40),
        out: Vec::new(),
        drawn: BTreeSet::new(),
        later: Vec::new(),
    };
    t.heading(&format!("{} \"{}\"", shape.id, shape.title));
    t.line(0, &summary(shape));
    t.blank();
    t.heading("The story, from the start scene");
    t.scene(0, shape.opening);
    t.flush_later();
    t.outside();
    t.endings();
    t.unreachable();
    let mut text = t.out.join("\n");
    text.push('\n');
    text
}

/// `11 scenes, 4 endings, 2 injects; moved from outside by 8 triggers;
/// 1 part unreachable`.
fn summary(shape: &Shape) -> String {
    let count = |k: OutsideKind| shape.outside.iter().filter(|o| o.kind == k).count();
    let mut s = [
        plural(shape.scenes.len(), "scene"),
        plural(shape.endings.len(), "ending"),
        plural(count(OutsideKind::Inject), "inject"),
    ]
    .join(", ");
    let movers: Vec<String> = [
        (OutsideKind::Trigger, "trigger"),
        (OutsideKind::Command, "command"),
        (OutsideKind::Page, "page"),
    ]
    .into_iter()
    .filter(|(k, _)| count(*k) > 0)
    .map(|(k, w)| plural(count(k), w))
    .collect();
    if !movers.is_empty() {
        s.push_str(&format!("; moved from outside by {}", movers.join(", ")));
    }
    let lost = shape.scenes.iter().filter(|x| !x.reachable).count()
        + shape.endings.iter().filter(|e| !e.reachable).count();
    if lost > 0 {
        s.push_str(&format!("; {} unreachable", plural(lost, "part")));
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Tree<'_> {
    fn heading(&mut self, text: &str) {
        self.line(0, text);
        self.line(
            0,
            &"─".repeat(textwrap::core::display_width(&one_line(text)).min(self.width)),
        );
    }

    fn blank(&mut self) {
        self.out.push(String::new());
    }

    /// `text` at `indent` columns, wrapped, later rows two columns further in.
    fn line(&mut self, indent: usize, text: &str) {
        let room = self.width.saturating_sub(indent).max(20);
        let pad = " ".repeat(indent);
        for l in crate::base::text::wrap_hanging(&one_line(text), room, "  ") {
            self.out.push(format!("{pad}{l}"));
        }
    }

    /// Scene `i` and, under each move that first enters one, the scene it enters.
    fn scene(&mut self, indent: usize, i: usize) {
        let shape = self.shape;
        let Some(s) = shape.scenes.get(i) else { return };
        self.drawn.insert(i);
        let mut head = format!("scene {}", s.name);
        let mut marks = Vec::new();
        if i == shape.opening {
            marks.push("start");
        }
        if !s.reachable {
            marks.push("unreachable");
        }
        if !marks.is_empty() {
            head.push_str(&format!(" ({})", marks.join(", ")));
        }
        self.line(indent, &head);
        let inner = indent + 2;
        if s.moves.is_empty() && s.choices.is_empty() && s.fallback.is_none() {
            self.line(inner, "(no moves)");
        }
        for m in &s.moves {
            self.step(inner, m);
        }
        for c in &s.choices {
            let mark = if c.sticky { '+' } else { '*' };
            let label = crate::base::text::truncate(&one_line(&c.label), MAX_LABEL);
            let id =
                c.id.as_ref()
                    .map_or_else(String::new, |id| format!(" #{id}"));
            self.line(inner, &format!("{mark} {label}{id}"));
            if let Some(o) = &c.only_if {
                self.line(inner + 2, &format!("only if {o}"));
            }
            for m in &c.moves {
                self.step(inner + 2, m);
            }
        }
        if let Some(f) = &s.fallback {
            self.line(inner, "fallback (no choice left)");
            for m in f {
                self.step(inner + 2, m);
            }
        }
    }

    /// One move, and the scene it enters if not drawn yet.
    fn step(&mut self, indent: usize, m: &Move) {
        let shape = self.shape;
        let mut text = move_words(shape, m.kind);
        match m.kind {
            MoveKind::End(e) => {
                if let Some(e) = shape.endings.get(e) {
                    text.push_str(&format!(": \"{}\" ({})", e.title, e.outcome.label()));
                }
            }
            MoveKind::Return => text.push_str(" (to the caller)"),
            MoveKind::Wait => {
                text.push_str(" (the clock, triggers and commands move the story on)");
            }
            _ => {}
        }
        let g = gates(m);
        if !g.is_empty() {
            text = format!("{g}: {text}");
        }
        let Some(to) = m.kind.scene() else {
            self.line(indent, &text);
            return;
        };
        if self.drawn.contains(&to) {
            self.line(indent, &format!("{text} (above)"));
        } else if indent + 2 > MAX_NEST {
            self.line(indent, &format!("{text} (below)"));
            if !self.later.contains(&to) {
                self.later.push(to);
            }
        } else {
            self.line(indent, &text);
            self.scene(indent + 2, to);
        }
    }

    /// Scenes met too deep to nest, each a tree of its own.
    fn flush_later(&mut self) {
        while !self.later.is_empty() {
            let next = self.later.remove(0);
            if !self.drawn.contains(&next) {
                self.blank();
                self.scene(0, next);
            }
        }
    }

    /// What moves the story from outside the scenes, with the scenes only
    /// it enters.
    fn outside(&mut self) {
        let shape = self.shape;
        if shape.outside.is_empty() {
            return;
        }
        self.blank();
        self.heading("Moved from outside the scenes");
        for o in &shape.outside {
            let head = match o.kind {
                OutsideKind::Trigger => o.name.clone(),
                OutsideKind::Inject => match &o.title {
                    Some(t) => format!("inject {} \"{t}\" (a mentor fires it)", o.name),
                    None => format!("inject {} (a mentor fires it)", o.name),
                },
                OutsideKind::Command => format!("command {}", o.name),
                OutsideKind::Page => format!("when {} is paged", o.name),
            };
            self.line(0, &head);
            if o.moves.is_empty() {
                self.line(2, "(no story move)");
            }
            for m in &o.moves {
                self.step(2, m);
            }
            self.flush_later();
        }
    }

    fn endings(&mut self) {
        let shape = self.shape;
        self.blank();
        self.heading("Endings");
        for e in &shape.endings {
            let lost = if e.reachable { "" } else { " (unreachable)" };
            self.line(
                0,
                &format!("{} \"{}\" ({}){lost}", e.name, e.title, e.outcome.label()),
            );
        }
    }

    /// What no path reaches, each unreachable scene drawn (what it would lead to).
    fn unreachable(&mut self) {
        let shape = self.shape;
        let scenes: Vec<usize> = (0..shape.scenes.len())
            .filter(|i| !shape.scenes[*i].reachable)
            .collect();
        let endings: Vec<&str> = shape
            .endings
            .iter()
            .filter(|e| !e.reachable)
            .map(|e| e.name.as_str())
            .collect();
        self.blank();
        self.heading("Unreachable");
        if scenes.is_empty() && endings.is_empty() {
            self.line(0, "nothing: every scene and ending can be reached");
            return;
        }
        for e in endings {
            self.line(0, &format!("ending {e}: no path ends with it"));
        }
        for i in scenes {
            if !self.drawn.contains(&i) {
                self.scene(0, i);
                self.flush_later();
            }
        }
    }
}
