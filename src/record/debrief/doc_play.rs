//! The document's sections on what the player did: the timeline, commands,
//! evidence, the status page, escalations, answers and notes (the pace
//! has its own module).

use super::document::{
    Block, Cell, Entry, Inline, Part, Row, Section, Span, Table, Tone, clock, code, empty, muted,
    one_line, safe, section, strong, text, tidy,
};
use super::{Debrief, EntryKind, Gap, Looked, signed};

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
    let blocks = if entries.is_empty() {
        vec![empty("Nothing happened.")]
    } else {
        vec![
            Block::Aside(vec![text(
                "Each decision is at the moment it was given: a command when it was issued, as the game showed it (its output came once its time had passed).",
            )]),
            Block::Timeline(entries),
        ]
    };
    section(Part::Timeline, "Your decisions, moment by moment", blocks)
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
    let mut lead = ": ";
    if let Some(o) = &l.on_screen {
        let real = o
            .real
            .as_ref()
            .map(|r| format!(" ({r} real time)"))
            .unwrap_or_default();
        s.push(text(&format!("{lead}on screen {}{real} from ", o.length)));
        s.push(clock(&o.from));
        lead = "; ";
    }
    if !l.times.is_empty() {
        let how = if l.kind == "graph" {
            "asked for at "
        } else {
            "opened at "
        };
        s.push(text(&format!("{lead}{how}")));
        for (i, m) in l.times.iter().enumerate() {
            if i > 0 {
                s.push(text(", "));
            }
            s.push(clock(m));
        }
        lead = "; ";
    }
    if !l.shell.is_empty() {
        s.push(text(&format!("{lead}through the shell: ")));
        for (i, r) in l.shell.iter().enumerate() {
            if i > 0 {
                s.push(text(", "));
            }
            s.push(code(&r.line));
            s.push(text(" at "));
            s.push(clock(&r.at));
        }
    } else if !l.seen() && !l.linked_from.is_empty() {
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
            Block::Aside(vec![text(
                "What counts as looked at: a graph on screen (for how long, in game time and, where the transcript has it, real time) or asked for, a runbook or log opened, a log read through a command that shows it.",
            )]),
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
                    text: safe(if text.is_empty() { "(skipped)" } else { text }),
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
