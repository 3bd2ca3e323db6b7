//! "What if": a game forked from a moment of another, and both paths from
//! that moment side by side (the recorded game's decisions after it beside
//! the fork's, and both endings). The front end reads the parent; this
//! module only compares two debriefs.

use super::document::{Block, Cell, Part, Row, Section, Span, Table, Tone, section, text};
use super::{Debrief, DecisionKind, EndingInfo, EntryKind, Moment, signed};
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

/// The decisions of a debrief, in order (a mentor's inject is not one).
fn decisions(d: &Debrief) -> impl Iterator<Item = PathStep> + '_ {
    d.timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Decision && e.decision != Some(DecisionKind::Mentor))
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
    // The decisions up to the fork point were replayed into the fork: as
    // many as the parent made by then (by its own count when it is read).
    let shared = match parent {
        Ok(p) => {
            let shared = decisions(p).filter(|s| s.at.ms <= w.at.ms).count();
            w.parent_path = decisions(p).skip(shared).collect();
            w.parent_ending = p.ending.clone();
            shared
        }
        Err(why) => {
            w.missing = Some(why);
            decisions(fork).filter(|s| s.at.ms <= w.at.ms).count()
        }
    };
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
            badge: None,
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
            detail: vec![text(&e.title)],
            badge: Some((
                match e.outcome {
                    crate::scenario::Outcome::Resolved => Tone::Good,
                    crate::scenario::Outcome::Mitigated => Tone::Neutral,
                    _ => Tone::Bad,
                },
                e.outcome_label.clone(),
            )),
        },
        None => Cell {
            main: Vec::new(),
            detail: vec![text("no ending: the game stopped before one")],
            badge: None,
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
