//! The debrief as one document: a head, sections of blocks, and a footer,
//! built once from a [`Debrief`]. Section order, titles, the text of an
//! empty section, and every number and word are decided here; the Markdown,
//! terminal and HTML printers only lay the blocks out.
//!
//! Every string from the transcript or the scenario passes through
//! [`printable`] on its way in, so no control character reaches a printer.

use super::text::{number, value};
use super::{
    Debrief, DecisionKind, EntryKind, Gap, Looked, MilestoneRow, Moment, RubricLine, clock_at,
    signed,
};
use crate::lang::render::printable;
use crate::scenario::{Outcome, RubricKind};

/// A piece of inline text, marked by what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Plain text; a pair of backticks in it marks code.
    Text(String),
    /// Code as typed.
    Code(String),
    Strong(String),
    /// Secondary text.
    Muted(String),
    /// A moment: the clock and the `T+` offset.
    When(Moment),
    /// A clock time alone.
    Clock(String),
    /// A word that says how it went.
    Tone(Tone, String),
    /// A warning label on a decision or command: `risky`, `destructive`.
    Flag(String),
    /// A link to an `http`/`https` address (anything else stays text).
    Link {
        text: String,
        url: String,
    },
}

/// Good news, bad news, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

/// A run of spans: one line or paragraph.
pub type Inline = Vec<Span>;

/// One of the game's figures, shown as a tile or a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    pub value: String,
    /// Out of how many (`/ 4`), for rubric counts.
    pub of: Option<usize>,
    pub label: String,
    pub tone: Tone,
}

/// How the drill ended, or that it did not.
#[derive(Debug, Clone, PartialEq)]
pub struct EndingBox {
    /// `None`: the game stopped before an ending.
    pub outcome: Option<Outcome>,
    /// `resolved`, `timed out`, `no ending`.
    pub badge: String,
    pub title: String,
    /// `Ended at`, `Played until`.
    pub when_label: String,
    pub when: Moment,
    pub paragraphs: Vec<String>,
}

/// A table cell: a main line, a detail line under it and a badge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub main: Inline,
    pub detail: Inline,
    pub badge: Option<(Tone, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's own header (first column).
    pub head: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// For styling: `milestones`, `cmd`, `metrics`.
    pub class: &'static str,
    /// Column titles, the row-header column first when rows have one.
    pub columns: Vec<String>,
    /// Columns (after the row header) that hold numbers.
    pub numeric: Vec<usize>,
    pub rows: Vec<Row>,
}

/// A rubric entry as the player met it.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricItem {
    pub good: bool,
    pub title: String,
    pub name: String,
    pub state: Inline,
    pub why: String,
}

/// A moment of the real responders' timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub label: String,
    pub when: Moment,
    pub what: String,
}

/// One line of the player's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub at: Moment,
    pub kind: EntryKind,
    pub decision: Option<DecisionKind>,
    /// `Mentor note` before a note.
    pub lead: Option<String>,
    pub what: String,
    pub flags: Vec<String>,
    pub refused: Option<String>,
    pub good: Option<bool>,
}

/// A metric an alert watches: its figures, and the index of its series in
/// [`Debrief::charts`] for the printers that draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartView {
    pub index: usize,
    pub metric: String,
    pub label: String,
    /// `in jobs`, when the unit is a word.
    pub unit_note: Option<String>,
    pub alert_when: String,
    pub lowest: String,
    pub highest: String,
    pub last: String,
}

/// Decisions per five minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub title: String,
    /// `(clock the five minutes begin, decisions)`.
    pub bars: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Inline),
    /// An explanation in small print.
    Aside(Inline),
    /// What an empty part says instead.
    Empty(Inline),
    /// A heading inside a section.
    Sub(String),
    List(Vec<Inline>),
    Stats(Vec<Stat>),
    Ending(EndingBox),
    Table(Table),
    Rubric(Vec<RubricItem>),
    Steps(Vec<Step>),
    Timeline(Vec<Entry>),
    /// A question and its answer.
    Quote {
        title: String,
        text: String,
    },
    Charts(Vec<ChartView>),
    Bars(Bars),
}

/// Which section, for the printers' layout and styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Ending,
    Milestones,
    Rubric,
    Really,
    Charts,
    Timeline,
    Commands,
    Evidence,
    Status,
    Escalations,
    Pace,
    Answers,
    Notes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub part: Part,
    pub title: String,
    /// A short summary beside the title: `3 of 4 done in time`.
    pub badge: Option<String>,
    pub blocks: Vec<Block>,
}

/// The whole debrief, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// `Debrief`.
    pub kicker: String,
    pub title: String,
    pub player: String,
    pub summary: Inline,
    pub facts: Vec<(String, Inline)>,
    pub times_note: String,
    pub warnings: Vec<Inline>,
    pub sections: Vec<Section>,
    pub footer: Inline,
}

// ---- spans, clean on the way in ------------------------------------------------

fn text(s: &str) -> Span {
    Span::Text(printable(s))
}

fn code(s: &str) -> Span {
    Span::Code(printable(s))
}

fn strong(s: &str) -> Span {
    Span::Strong(printable(s))
}

fn muted(s: &str) -> Span {
    Span::Muted(printable(s))
}

fn clock(m: &Moment) -> Span {
    Span::Clock(m.clock.clone())
}

/// Text run together on one line: whitespace (newlines too) becomes one space.
fn one_line(s: &str) -> String {
    printable(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Paragraphs (blank lines between them), each on one line.
fn paragraphs(s: &str) -> Vec<String> {
    s.split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Is this an address a page may link to? Only `http` and `https`.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

// ---- the document --------------------------------------------------------------

/// Builds the document of a debrief.
pub fn document(d: &Debrief) -> Document {
    let sc = &d.scenario;
    let mut sections = vec![ending(d), milestones(d)];
    sections.extend(rubric(d));
    sections.push(really(d));
    sections.extend(charts(d));
    sections.extend([
        timeline(d),
        commands(d),
        evidence(d),
        status(d),
        escalations(d),
        pace(d),
        answers(d),
        notes(d),
    ]);
    Document {
        kicker: "Debrief".into(),
        title: one_line(&sc.title),
        player: one_line(&d.session.player),
        summary: vec![text(&one_line(&sc.summary))],
        facts: facts(d),
        times_note: times_note(d),
        warnings: d.warnings.iter().map(|w| vec![text(w)]).collect(),
        sections,
        footer: footer(d),
    }
}

fn facts(d: &Debrief) -> Vec<(String, Inline)> {
    let sc = &d.scenario;
    let s = &d.session;
    let mode = if s.mode == "real time" && (s.speed - 1.0).abs() > f64::EPSILON {
        format!("real time at {}× speed", number(s.speed))
    } else {
        s.mode.clone()
    };
    let mut facts = vec![
        ("Player".to_string(), vec![text(&s.player)]),
        ("Role".to_string(), vec![text(&sc.role)]),
        ("Mode".to_string(), vec![text(&mode)]),
    ];
    if !s.started.is_empty() {
        facts.push(("Played".into(), vec![text(&s.started)]));
    }
    facts.push((
        "Incident".into(),
        vec![text(&format!(
            "{} from {} {}",
            sc.date,
            clock_at(sc.start_clock_secs, 0, false),
            sc.zone
        ))],
    ));
    if let Some(p) = &sc.postmortem {
        let label = format!("{}: {}", one_line(&p.company), one_line(&p.title));
        let value = if is_web_url(&p.url) {
            vec![Span::Link {
                text: label,
                url: p.url.trim().to_string(),
            }]
        } else {
            vec![text(&label), muted(&format!(" ({})", p.url.trim()))]
        };
        facts.push(("Postmortem".into(), value));
    }
    facts
}

/// How to read the times; the real timeline is named only when there is one.
fn times_note(d: &Debrief) -> String {
    let mut note = format!(
        "Times are the incident's clock ({}) with T+ from the drill's start",
        printable(&d.scenario.zone)
    );
    if !d.responders.is_empty() {
        note.push_str(", so they line up with the real timeline");
    }
    note.push('.');
    note
}

fn footer(d: &Debrief) -> Inline {
    let s = &d.session;
    let hash = if s.recorded_hash.is_empty() {
        "unknown"
    } else {
        s.recorded_hash.as_str()
    };
    vec![
        text(&format!(
            "firedrill debrief · {} transcript entries · played until {} ({}) · scenario ",
            s.entries, s.played_until.clock, s.played_until.offset
        )),
        code(&d.scenario.id),
        text(", hash "),
        code(hash),
        text(&format!(" · seed {}", s.seed)),
    ]
}

fn section(part: Part, title: &str, blocks: Vec<Block>) -> Section {
    Section {
        part,
        title: title.into(),
        badge: None,
        blocks,
    }
}

fn empty(s: &str) -> Block {
    Block::Empty(vec![text(s)])
}

fn ending(d: &Debrief) -> Section {
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
fn good_count(lines: &[RubricLine]) -> usize {
    lines.iter().filter(|l| is_good(l)).count()
}

fn is_good(l: &RubricLine) -> bool {
    if l.kind == RubricKind::RedHerring {
        !l.met
    } else {
        l.met
    }
}

/// The rubric and the game in a few numbers, under the ending.
fn scorecard(d: &Debrief) -> Vec<Stat> {
    let mut stats = Vec::new();
    for (lines, what) in [
        (&d.key_actions, "key actions done in time"),
        (&d.red_herrings, "red herrings avoided"),
        (&d.objectives, "learning objectives met"),
    ] {
        if lines.is_empty() {
            continue;
        }
        let n = good_count(lines);
        stats.push(Stat {
            value: n.to_string(),
            of: Some(lines.len()),
            label: what.into(),
            tone: if n == lines.len() {
                Tone::Good
            } else {
                Tone::Bad
            },
        });
    }
    let runs: usize = d.commands.iter().map(|c| c.count).sum();
    let plain = |value: String, label: &str, tone| Stat {
        value,
        of: None,
        label: label.into(),
        tone,
    };
    stats.push(plain(
        d.pace.decisions.to_string(),
        "decisions",
        Tone::Neutral,
    ));
    stats.push(plain(runs.to_string(), "commands run", Tone::Neutral));
    let escalated = if d.escalations.is_empty() {
        Tone::Neutral
    } else {
        Tone::Bad
    };
    stats.push(plain(
        d.escalations.len().to_string(),
        "pages escalated",
        escalated,
    ));
    stats
}

fn milestones(d: &Debrief) -> Section {
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
    let mut aside = "Time to diagnose is when your first key action was done; time to mitigate, when the last paging alert stopped firing for good.".to_string();
    if !real {
        aside.push_str(" This scenario is fictional: there is no real timeline to compare with.");
    }
    section(
        Part::Milestones,
        "Milestones",
        vec![
            Block::Table(Table {
                class: "milestones",
                columns,
                numeric: Vec::new(),
                rows,
            }),
            Block::Aside(vec![text(&aside)]),
        ],
    )
}

fn milestone_cells(m: &MilestoneRow, real: bool) -> Vec<Cell> {
    // No moment: an empty main line, which every printer shows as `—`.
    let when = |t: &Option<Moment>| match t {
        Some(t) => vec![Span::When(t.clone())],
        None => Vec::new(),
    };
    let badge = m.difference.as_ref().map(|diff| {
        let tone = if diff.contains("earlier") {
            Tone::Good
        } else if diff.contains("later") {
            Tone::Bad
        } else {
            Tone::Neutral
        };
        (tone, printable(diff))
    });
    let mut cells = vec![Cell {
        main: when(&m.you),
        detail: vec![text(&m.you_what)],
        badge,
    }];
    if real {
        cells.push(Cell {
            main: when(&m.real),
            detail: if m.real.is_some() {
                vec![text(&m.real_what)]
            } else {
                Vec::new()
            },
            badge: None,
        });
    }
    cells
}

fn rubric(d: &Debrief) -> Vec<Section> {
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
            s.badge = Some(format!("{} of {} {what}", good_count(lines), lines.len()));
            s.blocks
                .push(Block::Rubric(lines.iter().map(rubric_item).collect()));
        }
        s
    })
    .collect()
}

fn rubric_item(l: &RubricLine) -> RubricItem {
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
        title: one_line(&l.title),
        name: printable(&l.name),
        state,
        why: one_line(&l.why),
    }
}

fn really(d: &Debrief) -> Section {
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

fn charts(d: &Debrief) -> Option<Section> {
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
                metric: printable(&c.metric),
                label: one_line(&c.label),
                unit_note: (!c.unit.is_empty() && c.unit != "%")
                    .then(|| printable(&format!("in {}", c.unit))),
                alert_when: printable(&alert_when),
                lowest: printable(&at(&c.low)),
                highest: printable(&at(&c.peak)),
                last: printable(&c.last.map_or_else(|| "—".into(), |v| value(v, &c.unit))),
            }
        })
        .collect();
    Some(section(
        Part::Charts,
        "The metrics the alerts watch",
        vec![Block::Charts(views)],
    ))
}

fn timeline(d: &Debrief) -> Section {
    let entries: Vec<Entry> = d
        .timeline
        .iter()
        .map(|e| Entry {
            at: e.at.clone(),
            kind: e.kind,
            decision: e.decision,
            lead: (e.kind == EntryKind::Note).then(|| "Mentor note".to_string()),
            what: one_line(&e.what),
            flags: e.flags.iter().map(|f| printable(f)).collect(),
            refused: e.refused.as_deref().map(one_line),
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

fn commands(d: &Debrief) -> Section {
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
            columns: columns.iter().map(|c| c.to_string()).collect(),
            numeric: vec![1],
            rows,
        })],
    )
}

fn looked(l: &Looked) -> Inline {
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

fn evidence(d: &Debrief) -> Section {
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

fn gap(g: &Gap) -> Inline {
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

fn status(d: &Debrief) -> Section {
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

fn escalations(d: &Debrief) -> Section {
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

fn pace(d: &Debrief) -> Section {
    let p = &d.pace;
    let stat = |value: String, label: String, tone| Stat {
        value,
        of: None,
        label,
        tone,
    };
    let mut stats = vec![stat(
        p.decisions.to_string(),
        "decisions".into(),
        Tone::Neutral,
    )];
    if p.waits > 0 {
        stats.push(stat(p.waits.to_string(), "waits".into(), Tone::Neutral));
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

fn answers(d: &Debrief) -> Section {
    let blocks = if d.answers.is_empty() {
        vec![empty("No answers were given.")]
    } else {
        d.answers
            .iter()
            .map(|a| {
                let text = a.text.trim();
                Block::Quote {
                    title: one_line(&a.question),
                    text: printable(if text.is_empty() { "(no answer)" } else { text }),
                }
            })
            .collect()
    };
    section(Part::Answers, "Your answers", blocks)
}

fn notes(d: &Debrief) -> Section {
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
                        text(&format!(": {}", one_line(&n.text))),
                    ]
                })
                .collect(),
        )
    };
    section(Part::Notes, "Mentor notes", vec![block])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_url("https://blog.cloudflare.com/x"));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" data:text/html,x"));
        assert!(!is_web_url("https://a b"));
    }

    #[test]
    fn text_is_cleaned_on_the_way_in() {
        assert_eq!(one_line("a\u{1b}[31m\n  b"), "a\\u{1b}[31m b");
        assert_eq!(paragraphs("a\nb\n\n\nc"), vec!["a b", "c"]);
    }
}
