//! "What if": a game forked from a moment of another, and both paths from
//! that moment side by side (the recorded game's decisions after it beside
//! the fork's, and both endings). The front end reads the parent; this
//! module only compares two debriefs.

use super::document::{Block, Cell, Part, Row, Section, Span, Table, Tone, section, text};
use super::{Debrief, EndingInfo, EntryKind, Moment, signed};
use crate::record::Fork;
use serde::Serialize;

/// One decision of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    pub at: Moment,
    pub what: String,
}

/// Both paths of a forked game from the fork point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// The recorded game's transcript, as the fork's header names it.
    pub parent: String,
    pub at: Moment,
    /// Why the recorded game's path is not shown, when it is not.
    pub missing: Option<String>,
    /// The recorded game's decisions after the fork point.
    pub parent_path: Vec<PathStep>,
    pub parent_ending: Option<EndingInfo>,
    /// This game's own decisions (after the ones it replayed).
    pub fork_path: Vec<PathStep>,
    pub fork_ending: Option<EndingInfo>,
}

/// The inputs of a debrief, in order (a mentor's inject among them: it is
/// part of what happened on that path).
fn decisions(d: &Debrief) -> impl Iterator<Item = PathStep> + '_ {
    d.timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Decision)
        .map(|e| PathStep {
            at: e.at.clone(),
            what: e.what.clone(),
        })
}

/// Compares a forked game with the game it was forked from: `parent` is
/// that game's debrief, or why it cannot be read.
pub fn what_if(fork: &Debrief, point: &Fork, parent: Result<&Debrief, String>) -> WhatIf {
    let at = fork.moment(signed(point.at));
    let mut w = WhatIf {
        parent: point.parent.clone(),
        at,
        missing: None,
        parent_path: Vec::new(),
        parent_ending: None,
        fork_path: Vec::new(),
        fork_ending: fork.ending.clone(),
    };
    // The first inputs were replayed into the fork: the paths part after them.
    let shared = point.inputs;
    match parent {
        Ok(p) => {
            w.parent_path = decisions(p).skip(shared).collect();
            w.parent_ending = p.ending.clone();
        }
        Err(why) => w.missing = Some(why),
    }
    w.fork_path = decisions(fork).skip(shared).collect();
    w
}

/// The section "What if: forked from GAME at T+7m".
pub(super) fn section_of(w: &WhatIf) -> Section<'_> {
    // The file's name in the title; its whole path below it.
    let name = w.parent.rsplit(['/', '\\']).next().unwrap_or(&w.parent);
    let title = format!(
        "What if: forked from {} at {}",
        super::document::one_line(name),
        w.at.offset
    );
    let mut blocks = vec![Block::Para(vec![
        text("Up to "),
        Span::When(w.at.clone()),
        text(" this game is the recorded one ("),
        Span::Code(super::document::one_line(&w.parent)),
        text("), replayed; from there the two went their own ways."),
    ])];
    let read = w.missing.is_none();
    if let Some(why) = &w.missing {
        blocks.push(Block::Empty(vec![text(&format!(
            "The recorded game's path is not shown: {why}."
        ))]));
    }
    let mut columns = vec![String::new()];
    if read {
        columns.push("The recorded game".into());
    }
    columns.push("This game".into());
    let step = |s: Option<&PathStep>| match s {
        Some(s) => Cell {
            main: vec![Span::When(s.at.clone())],
            detail: vec![text(&s.what)],
        },
        None => Cell::default(),
    };
    let n = w
        .fork_path
        .len()
        .max(if read { w.parent_path.len() } else { 0 });
    let mut rows: Vec<Row> = (0..n)
        .map(|i| {
            let mut cells = Vec::new();
            if read {
                cells.push(step(w.parent_path.get(i)));
            }
            cells.push(step(w.fork_path.get(i)));
            Row {
                head: format!("Decision {}", i + 1),
                cells,
            }
        })
        .collect();
    let ending = |e: &Option<EndingInfo>| match e {
        Some(e) => Cell {
            main: vec![Span::When(e.at.clone())],
            detail: vec![
                text(&e.title),
                text(" ("),
                Span::Tone(
                    match e.outcome {
                        crate::scenario::Outcome::Resolved => Tone::Good,
                        crate::scenario::Outcome::Mitigated => Tone::Neutral,
                        _ => Tone::Bad,
                    },
                    e.outcome_label.clone(),
                ),
                text(")"),
            ],
        },
        None => Cell {
            main: Vec::new(),
            detail: vec![text("no ending: the game stopped before one")],
        },
    };
    let mut cells = Vec::new();
    if read {
        cells.push(ending(&w.parent_ending));
    }
    cells.push(ending(&w.fork_ending));
    rows.push(Row {
        head: "Ending".into(),
        cells,
    });
    blocks.push(Block::Table(Table {
        class: "milestones",
        columns,
        numeric: Vec::new(),
        rows,
    }));
    section(Part::WhatIf, &title, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::recorded_playtest;
    use crate::record::{Journal, Transcript, fork, replay};

    /// The tutorial's first test, and a fork of it at `at` played no further.
    fn both(at: u64) -> (Debrief, Debrief, Fork) {
        let (sc, text) = recorded_playtest("tutorial", 0);
        let t = Transcript::read(&text);
        let parent = super::super::build(&sc, &t, &replay(sc.clone(), &t), &[]);
        let (cut, entries) = fork(sc.clone(), &t, at, usize::MAX);
        let point = Fork {
            parent: "/games/first.ron".into(),
            parent_id: t.header.as_ref().unwrap().id(),
            at,
            inputs: cut.steps.len(),
        };
        let mut header = t.header.clone().unwrap();
        header.fork = Some(Box::new(point.clone()));
        let mut out = Vec::new();
        let mut j = Journal::start(&mut out, &header).unwrap();
        for e in &entries {
            j.write(e).unwrap();
        }
        let f = Transcript::read(&String::from_utf8(out).unwrap());
        let child = super::super::build(&sc, &f, &replay(sc.clone(), &f), &[]);
        (parent, child, point)
    }

    #[test]
    fn both_paths_part_at_the_fork_point() {
        let (parent, child, point) = both(200_000);
        let w = what_if(&child, &point, Ok(&parent));
        assert_eq!(w.missing, None);
        assert!(w.fork_path.is_empty(), "{:?}", w.fork_path);
        assert!(
            w.parent_path.iter().all(|s| s.at.ms >= 200_000),
            "{:?}",
            w.parent_path
        );
        assert_eq!(w.parent_path.len(), 12 - point.inputs);
        assert!(w.parent_ending.is_some() && w.fork_ending.is_none());
        let mut child = child;
        child.what_if = Some(w);
        let md = super::super::markdown(&child);
        assert!(
            md.contains("## What if: forked from first.ron at T+3m20s"),
            "{md}"
        );
        assert!(md.contains("| **Ending** |"), "{md}");
    }

    #[test]
    fn a_missing_parent_is_said() {
        let (_, child, point) = both(60_000);
        let w = what_if(&child, &point, Err("it is gone".into()));
        assert_eq!(w.missing.as_deref(), Some("it is gone"));
        let mut child = child;
        child.what_if = Some(w);
        let md = super::super::markdown(&child);
        assert!(md.contains("path is not shown: it is gone."), "{md}");
        assert!(!md.contains("The recorded game |"), "{md}");
    }
}
