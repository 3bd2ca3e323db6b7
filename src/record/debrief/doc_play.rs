//! The document's sections on what the player did: the timeline, commands,
//! evidence, the status page, escalations, pace, answers and notes.

use super::document::{
    Bars, Block, Cell, Entry, Inline, Part, Row, Section, Span, Stat, Table, Tone, clock, code,
    empty, muted, noun, one_line, safe, section, strong, text, tidy,
};
use super::{Debrief, EntryKind, Gap, Looked, clock_at, signed};

pub(super) fn timeline(d: &Debrief) -> Section<'_> {
    let entries: Vec<Entry> = d
        .timeline
        .iter()
        .map(|e| Entry {
            at: &e.at,
            kind: e.kind,
            decision: e.decision,
            lead: (e.kind == EntryKind::Note).then_some("Mentor note"),
            what: tidy(&e.what),
            flags: &e.flags,
            refused: e.refused.as_deref().map(tidy),
            good: e.good,
        })
        .collect();
    let block = if entries.is_empty() {
        empty("Nothing happened.")
    } else {
        Block::Timeline(entries)
    };
    section(
        Part::Timeline,
        "Your decisions, moment by moment",
        vec![block],
    )
}

pub(super) fn commands(d: &Debrief) -> Section<'_> {
    if d.commands.is_empty() {
        return section(Part::Commands, "Commands run", vec![empty("No commands.")]);
    }
    let rows = d
        .commands
        .iter()
        .map(|c| {
            let mut typed = Vec::new();
            for (i, l) in c.lines.iter().enumerate() {
                if i > 0 {
                    typed.push(text(", "));
                }
                typed.push(code(l));
            }
            let mut marked = Vec::new();
            if c.risky {
                marked.push(Span::Flag("risky".into()));
            }
            if c.destructive {
                marked.push(Span::Flag("destructive".into()));
            }
            if c.kind == super::CommandKind::Unknown {
                marked.push(muted("not a command here"));
            }
            let cell = |main: Inline| Cell {
                main,
                ..Cell::default()
            };
            Row {
                head: String::new(),
                cells: vec![
                    cell(vec![code(&c.command)]),
                    cell(vec![text(&c.count.to_string())]),
                    cell(vec![clock(&c.first)]),
                    cell(typed),
                    cell(marked),
                ],
            }
        })
        .collect();
    let columns = ["Command", "Runs", "First run", "Typed", "Marked"];
    section(
        Part::Commands,
        "Commands run",
        vec![Block::Table(Table {
            class: "cmd",
            columns: columns
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            numeric: vec![1],
            rows,
        })],
    )
}

pub(super) fn looked(l: &Looked) -> Inline {
    let mut s = vec![
        muted(&l.kind),
        text(" "),
        code(&l.name),
        text(&format!(" ({})", one_line(&l.title))),
    ];
    if !l.times.is_empty() {
        s.push(text(": "));
        for (i, m) in l.times.iter().enumerate() {
            if i > 0 {
                s.push(text(", "));
            }
            s.push(clock(m));
        }
    } else if !l.linked_from.is_empty() {
        let from: Vec<String> = l
            .linked_from
            .iter()
            .map(|a| format!("“{}”", one_line(a)))
            .collect();
        s.push(text(", "));
        s.push(Span::Tone(
            Tone::Bad,
            format!("linked from the page {}", from.join(" and ")),
        ));
    }
    s
}

pub(super) fn evidence(d: &Debrief) -> Section<'_> {
    let list = |items: &[Looked], none: &str| {
        if items.is_empty() {
            empty(none)
        } else {
            Block::List(items.iter().map(looked).collect())
        }
    };
    section(
        Part::Evidence,
        "Evidence",
        vec![
            Block::Sub("Looked at".into()),
            list(&d.evidence.looked_at, "No graph, runbook or log."),
            Block::Sub("Never looked at".into()),
            list(&d.evidence.never, "Nothing was left unread."),
        ],
    )
}

pub(super) fn gap(g: &Gap) -> Inline {
    vec![
        strong(&g.length),
        muted(&format!(
            " ({}, {} to {})",
            one_line(&g.between),
            g.from.clock,
            g.to.clock
        )),
    ]
}

pub(super) fn status(d: &Debrief) -> Section<'_> {
    let s = &d.status;
    let mut blocks = vec![if s.updates.is_empty() {
        empty("No status update was posted.")
    } else {
        Block::List(
            s.updates
                .iter()
                .map(|u| {
                    vec![
                        Span::When(u.at.clone()),
                        text(": "),
                        strong(&u.state),
                        muted(if u.by_player {
                            " (you)"
                        } else {
                            " (a colleague)"
                        }),
                        text(&format!(": “{}”", one_line(&u.text))),
                    ]
                })
                .collect(),
        )
    }];
    if let Some(i) = &s.impact_began {
        blocks.push(Block::Para(vec![
            text("Impact began at "),
            Span::When(i.clone()),
            text("."),
        ]));
    }
    if let Some(g) = &s.longest_gap {
        let mut p = vec![text("Longest silence: ")];
        p.extend(gap(g));
        p.push(text("."));
        blocks.push(Block::Para(p));
    }
    if s.gaps.len() > 1 {
        let all: Vec<&str> = s.gaps.iter().map(|g| g.length.as_str()).collect();
        blocks.push(Block::Para(vec![text(&format!(
            "Gaps, in order: {}.",
            all.join(", ")
        ))]));
    }
    section(Part::Status, "Status page", blocks)
}

pub(super) fn escalations(d: &Debrief) -> Section<'_> {
    if d.escalations.is_empty() {
        let paged = d
            .timeline
            .iter()
            .any(|e| e.kind == EntryKind::World && e.what.starts_with("PAGE"));
        let none = if paged {
            "None: every page was acknowledged before it escalated."
        } else {
            "None: no page came."
        };
        return section(Part::Escalations, "Pages escalated", vec![empty(none)]);
    }
    let items = d
        .escalations
        .iter()
        .map(|e| {
            vec![
                Span::When(e.at.clone()),
                text(&format!(" page {} (", e.page)),
                code(&e.alert),
                text(") went to "),
                strong(&e.to),
                text(&format!(
                    " after {} without an acknowledgement.",
                    e.open_for
                )),
            ]
        })
        .collect();
    section(
        Part::Escalations,
        "Pages escalated",
        vec![Block::List(items)],
    )
}

/// The pace in figures: decisions, waits, the mean and longest gaps, the
/// busiest five minutes, refusals.
fn pace_stats(p: &super::Pace) -> Vec<Stat> {
    let stat = |value: String, label: String, tone| Stat {
        value,
        of: None,
        label,
        tone,
    };
    let mut stats = vec![stat(
        p.decisions.to_string(),
        noun(p.decisions, "decision", "decisions").into(),
        Tone::Neutral,
    )];
    if p.waits > 0 {
        let waits = noun(p.waits, "wait", "waits");
        stats.push(stat(p.waits.to_string(), waits.into(), Tone::Neutral));
    }
    if let Some(m) = &p.mean_gap {
        stats.push(stat(
            m.clone(),
            "per decision, on average".into(),
            Tone::Neutral,
        ));
    }
    if let Some(g) = &p.longest_gap {
        stats.push(stat(
            g.length.clone(),
            "longest pause".into(),
            Tone::Neutral,
        ));
    }
    if let Some((m, n)) = &p.busiest {
        let label = format!("in the busiest five minutes, from {}", m.clock);
        stats.push(stat(n.to_string(), label, Tone::Neutral));
    }
    if p.refused > 0 {
        stats.push(stat(
            p.refused.to_string(),
            "refused by the game".into(),
            Tone::Bad,
        ));
    }
    stats
}

pub(super) fn pace(d: &Debrief) -> Section<'_> {
    let p = &d.pace;
    let stats = pace_stats(p);
    let mut blocks = vec![Block::Stats(stats)];
    if let Some(g) = &p.longest_gap {
        let mut line = vec![text("Longest pause between decisions: ")];
        line.extend(gap(g));
        line.push(text("."));
        blocks.push(Block::Para(line));
    }
    if let Some(f) = &p.first {
        blocks.push(Block::Para(vec![
            text("First decision at "),
            Span::When(f.clone()),
            text("."),
        ]));
    }
    if p.per_five_minutes.iter().any(|n| *n > 0) {
        let bars = p
            .per_five_minutes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let at = i64::try_from(i).unwrap_or(i64::MAX).saturating_mul(300_000);
                (clock_at(d.scenario.start_clock_secs, at, false), *n)
            })
            .collect();
        blocks.push(Block::Bars(Bars {
            title: "Decisions per five minutes".into(),
            bars,
        }));
    }
    section(Part::Pace, "Pace", blocks)
}

pub(super) fn answers(d: &Debrief) -> Section<'_> {
    let blocks = if d.answers.is_empty() {
        vec![empty("No answers were given.")]
    } else {
        d.answers
            .iter()
            .map(|a| {
                let text = a.text.trim();
                Block::Quote {
                    title: one_line(&a.question),
                    text: safe(if text.is_empty() { "(no answer)" } else { text }),
                }
            })
            .collect()
    };
    section(Part::Answers, "Your answers", blocks)
}

pub(super) fn notes(d: &Debrief) -> Section<'_> {
    let block = if d.notes.is_empty() {
        Block::Empty(vec![
            text("No notes yet: pin them to moments with "),
            code("firedrill review"),
            text("."),
        ])
    } else {
        Block::List(
            d.notes
                .iter()
                .map(|n| {
                    vec![
                        Span::When(d.moment(signed(n.at))),
                        text(&format!(": {}", one_line(&n.words()))),
                    ]
                })
                .collect(),
        )
    };
    section(Part::Notes, "Mentor notes", vec![block])
}
