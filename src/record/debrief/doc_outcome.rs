//! The document's sections on what came of the drill: the ending and its
//! scorecard, the milestones, the rubric, what really happened, and the
//! metrics the alerts watch.

use super::document::EndingBox;
use super::document::{
    Block, Cell, ChartView, Part, Row, RubricItem, Section, Span, Stat, Step, Table, Tone, empty,
    noun, one_line, paragraphs, safe, section, text,
};
use super::text::value;
use super::{Debrief, MilestoneRow, Moment, RubricLine};

use crate::scenario::RubricKind;

pub(super) fn ending(d: &Debrief) -> Section<'_> {
    let boxed = match &d.ending {
        Some(e) => EndingBox {
            outcome: Some(e.outcome),
            badge: e.outcome_label.clone(),
            title: one_line(&e.title),
            when_label: "Ended at".into(),
            when: e.at.clone(),
            paragraphs: paragraphs(&e.text),
        },
        None => EndingBox {
            outcome: None,
            badge: "no ending".into(),
            title: "The game stopped before an ending".into(),
            when_label: "Played until".into(),
            when: d.session.played_until.clone(),
            paragraphs: Vec::new(),
        },
    };
    section(
        Part::Ending,
        "The ending",
        vec![Block::Ending(boxed), Block::Stats(scorecard(d))],
    )
}

/// How many rubric entries went well: done, avoided, met.
pub(super) fn good_count(lines: &[RubricLine]) -> usize {
    lines.iter().filter(|l| is_good(l)).count()
}

/// How many rubric entries are judged on this path: all but those not
/// applicable, which count neither way.
pub(super) fn judged_count(lines: &[RubricLine]) -> usize {
    lines.iter().filter(|l| l.applies).count()
}

pub(super) fn is_good(l: &RubricLine) -> bool {
    if !l.applies {
        false
    } else if l.kind == RubricKind::RedHerring {
        !l.met
    } else {
        l.met
    }
}

/// The rubric and the game in a few numbers, under the ending.
pub(super) fn scorecard(d: &Debrief) -> Vec<Stat> {
    let mut stats = Vec::new();
    for (lines, what) in [
        (&d.key_actions, "key actions done in time"),
        (&d.red_herrings, "red herrings avoided"),
        (&d.objectives, "learning objectives met"),
    ] {
        let judged = judged_count(lines);
        if judged == 0 {
            continue;
        }
        let n = good_count(lines);
        stats.push(Stat {
            value: n.to_string(),
            of: Some(judged),
            label: what.into(),
            tone: if n == judged { Tone::Good } else { Tone::Bad },
        });
    }
    let runs: usize = d.commands.iter().map(|c| c.count).sum();
    let plain = |value: String, label: &str, tone| Stat {
        value,
        of: None,
        label: label.into(),
        tone,
    };
    let decisions = d.pace.decisions;
    stats.push(plain(
        decisions.to_string(),
        noun(decisions, "decision", "decisions"),
        Tone::Neutral,
    ));
    stats.push(plain(
        runs.to_string(),
        noun(runs, "command run", "commands run"),
        Tone::Neutral,
    ));
    let escalated = if d.escalations.is_empty() {
        Tone::Neutral
    } else {
        Tone::Bad
    };
    let n = d.escalations.len();
    stats.push(plain(
        n.to_string(),
        noun(n, "page escalated", "pages escalated"),
        escalated,
    ));
    stats
}

pub(super) fn milestones(d: &Debrief) -> Section<'_> {
    let real = !d.responders.is_empty();
    let mut columns = vec!["Milestone".to_string(), "You".to_string()];
    if real {
        columns.push(one_line(&d.responders_name));
    }
    let rows = d
        .milestones
        .iter()
        .map(|m| Row {
            head: m.label.clone(),
            cells: milestone_cells(m, real),
        })
        .collect();
    let mut aside = "Diagnose and Mitigate are the key actions this scenario names as the diagnosis and the mitigation; Mitigate also needs the paging alerts to stop for good, and Resolve a resolved ending with none still firing.".to_string();
    if let Some(s) = &d.first_symptom {
        aside.push_str(&format!(
            " Nothing done before the first symptom at {} counts.",
            s.clock
        ));
    }
    if real {
        aside.push_str(
            " The real team's column is context, what they knew and did at each point: not a race.",
        );
    } else {
        aside.push_str(" This scenario is fictional: there is no real timeline beside yours.");
    }
    let mut blocks = vec![Block::Table(Table {
        class: "milestones",
        columns,
        numeric: Vec::new(),
        rows,
    })];
    if !d.comparison.is_empty() {
        blocks.push(Block::Para(vec![text(&d.comparison)]));
    }
    blocks.push(Block::Aside(vec![text(&aside)]));
    section(Part::Milestones, "Milestones", blocks)
}

pub(super) fn milestone_cells(m: &MilestoneRow, real: bool) -> Vec<Cell> {
    // No moment: an empty main line, which every printer shows as `—`.
    let when = |t: &Option<Moment>| match t {
        Some(t) => vec![Span::When(t.clone())],
        None => Vec::new(),
    };
    let mut cells = vec![Cell {
        main: when(&m.you),
        detail: vec![text(&m.you_what)],
    }];
    if real {
        cells.push(Cell {
            main: when(&m.real),
            detail: if m.real.is_some() {
                vec![text(&m.real_what)]
            } else {
                Vec::new()
            },
        });
    }
    cells
}

pub(super) fn rubric(d: &Debrief) -> Vec<Section<'_>> {
    [
        (&d.key_actions, "Key actions", "done in time", "key actions"),
        (&d.red_herrings, "Red herrings", "avoided", "red herrings"),
        (
            &d.objectives,
            "Learning objectives",
            "met",
            "learning objectives",
        ),
    ]
    .into_iter()
    .map(|(lines, title, what, plural)| {
        let mut s = section(Part::Rubric, title, Vec::new());
        if lines.is_empty() {
            s.blocks
                .push(empty(&format!("This scenario names no {plural}.")));
        } else {
            s.badge = Some(badge(lines, what));
            s.blocks
                .push(Block::Rubric(lines.iter().map(rubric_item).collect()));
        }
        s
    })
    .collect()
}

/// `2 of 3 met`, and how many did not apply on this path, if any.
fn badge(lines: &[RubricLine], what: &str) -> String {
    let judged = judged_count(lines);
    let na = lines.len() - judged;
    match (judged, na) {
        (_, 0) => format!("{} of {judged} {what}", good_count(lines)),
        (0, _) => format!("{na} not applicable"),
        _ => format!(
            "{} of {judged} {what}, {na} not applicable",
            good_count(lines)
        ),
    }
}

pub(super) fn rubric_item(l: &RubricLine) -> RubricItem {
    let mut state = vec![text(&l.state)];
    if let Some(m) = &l.at {
        state.extend([text(" at "), Span::When(m.clone())]);
    }
    if let Some(dl) = &l.deadline
        && l.kind == RubricKind::KeyAction
    {
        state.push(text(&format!(", deadline {}", dl.offset)));
    }
    RubricItem {
        good: is_good(l),
        applies: l.applies,
        title: one_line(&l.title),
        name: safe(&l.name),
        state,
        why: one_line(&l.why),
    }
}

pub(super) fn really(d: &Debrief) -> Section<'_> {
    let mut blocks: Vec<Block> = paragraphs(&d.root_cause)
        .into_iter()
        .map(|p| Block::Para(vec![text(&p)]))
        .collect();
    if !d.responders.is_empty() {
        blocks.push(Block::Sub(format!(
            "{}, from the postmortem",
            one_line(&d.responders_name)
        )));
        blocks.push(Block::Steps(
            d.responders
                .iter()
                .map(|r| Step {
                    label: r.label.clone(),
                    when: r.at.clone(),
                    what: one_line(&r.what),
                })
                .collect(),
        ));
    }
    if blocks.is_empty() {
        blocks.push(empty("This scenario tells no more than the drill did."));
    }
    section(Part::Really, "What really happened", blocks)
}

pub(super) fn charts(d: &Debrief) -> Option<Section<'_>> {
    if d.charts.is_empty() {
        return None;
    }
    let views = d
        .charts
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let at = |p: &Option<(Moment, f64)>| {
                p.as_ref().map_or_else(
                    || "—".into(),
                    |(m, v)| format!("{} at {}", value(*v, &c.unit), m.clock),
                )
            };
            let alert_when = if c.thresholds.is_empty() {
                "—".to_string()
            } else {
                c.thresholds
                    .iter()
                    .map(|t| format!("{} {} (`{}`)", t.op, value(t.value, &c.unit), t.alert))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            ChartView {
                index,
                metric: safe(&c.metric),
                label: one_line(&c.label),
                unit_note: (!c.unit.is_empty() && c.unit != "%")
                    .then(|| safe(&format!("in {}", c.unit))),
                alert_when: safe(&alert_when),
                lowest: safe(&at(&c.low)),
                highest: safe(&at(&c.peak)),
                last: safe(&c.last.map_or_else(
                    // A game that ended in a gap ends with no data.
                    || {
                        if c.points.last().is_some_and(|p| p.1.is_none()) {
                            crate::sim::eval::NO_DATA.into()
                        } else {
                            "—".into()
                        }
                    },
                    |v| value(v, &c.unit),
                )),
            }
        })
        .collect();
    Some(section(
        Part::Charts,
        "The metrics the alerts watch",
        vec![Block::Charts(views)],
    ))
}
