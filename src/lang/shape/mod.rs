//! A scenario's shape, for `firedrill graph`: its scenes, their choices and
//! every move the story can make (`goto`, `call`, `interrupt`, `return`,
//! `end`), what moves it from outside (triggers, a mentor's injects,
//! commands, pages), the conditions that gate each move, and what no path
//! reaches (the checker's own reachability analysis). Pure: scenario in,
//! graph out; the renderers live in `authoring::graph`.

mod words;

pub use words::condition;

use super::analysis::reachable;
use crate::base::time::offset;
use crate::scenario::{Action, Expr, Outcome, Scenario, SceneId, TriggerKind};

/// The shape of one checked scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: String,
    pub title: String,
    /// Index into `scenes` of the opening scene.
    pub opening: usize,
    /// In declaration order.
    pub scenes: Vec<SceneShape>,
    /// In declaration order.
    pub endings: Vec<EndingShape>,
    /// Triggers, injects, commands and pages, in that order, each in
    /// declaration order. Triggers, commands and pages are listed only when
    /// they move the story; every inject is.
    pub outside: Vec<Outside>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneShape {
    pub name: String,
    pub reachable: bool,
    /// Its lines reach a `wait`: triggers, commands or the clock move it on.
    pub waits: bool,
    /// Moves its lines make when the scene is entered.
    pub moves: Vec<Move>,
    pub choices: Vec<ChoiceShape>,
    /// Moves made when no choice is left to offer.
    pub fallback: Option<Vec<Move>>,
    /// Scenes that `call` or `interrupt` it (where a `return` goes back to).
    pub callers: Vec<usize>,
    /// A trigger, inject, command or page `call`s or `interrupt`s it: a
    /// `return` goes back to wherever the story was.
    pub called_from_outside: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceShape {
    /// The author's `#id`, if given.
    pub id: Option<String>,
    /// The text the player reads (its literal parts; `…` for a value).
    pub label: String,
    /// `+`: offered again after it is taken.
    pub sticky: bool,
    /// Its `only if`, in the language's words.
    pub only_if: Option<String>,
    pub moves: Vec<Move>,
}

/// One move of the story and what must hold for it to be made.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub kind: MoveKind,
    /// The gates around it, outermost first: `if` conditions (`not (...)`
    /// on an `else` branch) and `after` delays.
    pub gates: Vec<Gate>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Gate {
    /// A condition in the language's words.
    If(String),
    /// Only after this delay, in the language's words (`2m`).
    After(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// Indices into [`Shape::scenes`] and [`Shape::endings`].
    Goto(usize),
    Call(usize),
    Interrupt(usize),
    Return,
    End(usize),
    Wait,
}

impl MoveKind {
    /// The scene it enters, if any.
    pub fn scene(self) -> Option<usize> {
        match self {
            MoveKind::Goto(s) | MoveKind::Call(s) | MoveKind::Interrupt(s) => Some(s),
            _ => None,
        }
    }

    /// The keyword the language writes it with.
    pub fn word(self) -> &'static str {
        match self {
            MoveKind::Goto(_) => "goto",
            MoveKind::Call(_) => "call",
            MoveKind::Interrupt(_) => "interrupt",
            MoveKind::Return => "return",
            MoveKind::End(_) => "end",
            MoveKind::Wait => "wait",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndingShape {
    pub name: String,
    pub title: String,
    pub outcome: Outcome,
    /// The timed-out ending is always reachable: the clock reaches it.
    pub reachable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsideKind {
    Trigger,
    Inject,
    Command,
    Page,
}

/// Something outside the scenes that can move the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Outside {
    pub kind: OutsideKind,
    /// `at T+4m`, `when ... for 2m`, `every 5m from T+10m`, an inject's or
    /// command's name, a person's name.
    pub name: String,
    /// An inject's title.
    pub title: Option<String>,
    pub moves: Vec<Move>,
}

/// The shape of `sc`.
pub fn shape(sc: &Scenario) -> Shape {
    let reached = reachable(sc);
    let mut scenes: Vec<SceneShape> = sc
        .scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let moves = moves(sc, &s.actions);
            let choices = s
                .choices
                .iter()
                .filter_map(|c| sc.choices.get(c.0))
                .map(|c| ChoiceShape {
                    id: c.name.clone(),
                    label: c.text.skeleton(),
                    sticky: c.sticky,
                    only_if: c.only_if.as_ref().map(|e| condition(sc, e)),
                    moves: moves_of(sc, &c.actions),
                })
                .collect();
            SceneShape {
                name: s.name.clone(),
                reachable: reached.scenes.contains(&SceneId(i)),
                waits: moves.iter().any(|m| m.kind == MoveKind::Wait),
                moves,
                choices,
                fallback: s.fallback.as_ref().map(|f| moves_of(sc, f)),
                callers: Vec::new(),
                called_from_outside: false,
            }
        })
        .collect();
    let endings = sc
        .endings
        .iter()
        .enumerate()
        .map(|(i, e)| EndingShape {
            name: e.name.clone(),
            title: e.title.clone(),
            outcome: e.outcome,
            reachable: e.outcome == Outcome::TimedOut
                || reached.endings.contains(&crate::scenario::EndingId(i)),
        })
        .collect();
    let outside = outside(sc);
    note_callers(&mut scenes, &outside);
    Shape {
        id: sc.meta.id.clone(),
        title: sc.meta.title.clone(),
        opening: sc.opening.0,
        scenes,
        endings,
        outside,
    }
}

/// Fills in who calls each scene, so a `return` can be drawn back to them.
fn note_callers(scenes: &mut [SceneShape], outside: &[Outside]) {
    let mut calls = Vec::new();
    for (from, s) in scenes.iter().enumerate() {
        let all = s
            .moves
            .iter()
            .chain(s.choices.iter().flat_map(|c| &c.moves))
            .chain(s.fallback.iter().flatten());
        for m in all {
            if let MoveKind::Call(to) | MoveKind::Interrupt(to) = m.kind {
                calls.push((from, to));
            }
        }
    }
    calls.sort_unstable();
    calls.dedup();
    for (from, to) in calls {
        if let Some(s) = scenes.get_mut(to) {
            s.callers.push(from);
        }
    }
    for m in outside.iter().flat_map(|o| &o.moves) {
        if let MoveKind::Call(to) | MoveKind::Interrupt(to) = m.kind
            && let Some(s) = scenes.get_mut(to)
        {
            s.called_from_outside = true;
        }
    }
}

/// Triggers, commands and pages that move the story, and every inject.
fn outside(sc: &Scenario) -> Vec<Outside> {
    let mut out = Vec::new();
    let mut add = |kind, name: String, title: Option<String>, acts: &[Action], always: bool| {
        let moves = moves_of(sc, acts);
        if always || !moves.is_empty() {
            out.push(Outside {
                kind,
                name,
                title,
                moves,
            });
        }
    };
    for t in &sc.triggers {
        add(
            OutsideKind::Trigger,
            trigger_name(sc, &t.kind),
            None,
            &t.actions,
            false,
        );
    }
    for i in &sc.injects {
        let title = (i.title != i.name).then(|| i.title.clone());
        add(OutsideKind::Inject, i.name.clone(), title, &i.actions, true);
    }
    for c in &sc.commands {
        add(
            OutsideKind::Command,
            c.name.clone(),
            None,
            &c.actions,
            false,
        );
    }
    for p in &sc.people {
        add(
            OutsideKind::Page,
            p.name.clone(),
            None,
            &p.when_paged,
            false,
        );
    }
    out
}

/// A trigger's head line, as written.
fn trigger_name(sc: &Scenario, kind: &TriggerKind) -> String {
    let at = |ms: u64| offset(i64::try_from(ms).unwrap_or(i64::MAX));
    match kind {
        TriggerKind::At(ms) => format!("at {}", at(*ms)),
        TriggerKind::Every {
            interval,
            from,
            until,
        } => {
            let mut s = format!("every {} from {}", words::delay(*interval), at(*from));
            if let Some(u) = until {
                s.push_str(&format!(" until {}", at(*u)));
            }
            s
        }
        TriggerKind::When {
            condition: c,
            hold,
            repeat,
        } => {
            let head = if *repeat { "whenever" } else { "when" };
            let mut s = format!("{head} {}", condition(sc, c));
            if *hold > 0 {
                s.push_str(&format!(" for {}", words::delay(*hold)));
            }
            s
        }
    }
}

/// The moves in a scene's own lines, `wait` included.
fn moves(sc: &Scenario, acts: &[Action]) -> Vec<Move> {
    let mut out = Vec::new();
    walk(sc, acts, &mut Vec::new(), &mut out);
    out
}

/// The moves in a choice's, fallback's or trigger's lines (a `wait` there
/// is not a scene's pause).
fn moves_of(sc: &Scenario, acts: &[Action]) -> Vec<Move> {
    let mut out = moves(sc, acts);
    out.retain(|m| m.kind != MoveKind::Wait);
    out
}

fn walk(sc: &Scenario, acts: &[Action], gates: &mut Vec<Gate>, out: &mut Vec<Move>) {
    for a in acts {
        let kind = match a {
            Action::Goto(s) => MoveKind::Goto(s.0),
            Action::Call(s) => MoveKind::Call(s.0),
            Action::Interrupt(s) => MoveKind::Interrupt(s.0),
            Action::Return => MoveKind::Return,
            Action::End(e) => MoveKind::End(e.0),
            Action::Wait => MoveKind::Wait,
            Action::If(c, yes, no) => {
                gates.push(Gate::If(condition(sc, c)));
                walk(sc, yes, gates, out);
                gates.pop();
                gates.push(Gate::If(negated(sc, c)));
                walk(sc, no, gates, out);
                gates.pop();
                continue;
            }
            Action::After(ms, body) => {
                gates.push(Gate::After(words::delay(*ms)));
                walk(sc, body, gates, out);
                gates.pop();
                continue;
            }
            _ => continue,
        };
        out.push(Move {
            kind,
            gates: gates.clone(),
        });
    }
}

/// The condition of an `else` branch, without doubling a `not`.
fn negated(sc: &Scenario, c: &Expr) -> String {
    match c {
        Expr::Not(inner) => condition(sc, inner),
        other => condition(sc, &Expr::Not(Box::new(other.clone()))),
    }
}

#[cfg(test)]
mod tests;
