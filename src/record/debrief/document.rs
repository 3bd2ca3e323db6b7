//! The debrief as one document: a head, sections of blocks, and a footer,
//! built once from a [`Debrief`]. Section order, titles, the text of an
//! empty section, and every number and word are decided here (the sections
//! themselves in `doc_outcome.rs` and `doc_play.rs`); the Markdown, terminal
//! and HTML printers only lay the blocks out.
//!
//! Every string from the transcript or the scenario passes through
//! [`printable`] on its way in, so no control character reaches a printer.

use super::doc_help::help;
use super::doc_outcome::{charts, ending, milestones, really, rubric};
use super::doc_pace::pace;
use super::doc_play::{answers, commands, escalations, evidence, notes, status, timeline};
use super::doc_reasoning::hypotheses;
use super::text::number;
use super::{Debrief, DecisionKind, EntryKind, Moment, clock_at};
use crate::base::printable::{is_forbidden_char, printable};
use crate::scenario::Outcome;
use std::borrow::Cow;

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

/// A table cell: a main line and a detail line under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub main: Inline,
    pub detail: Inline,
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
    /// `false`: not applicable on this path, marked neither good nor bad.
    pub applies: bool,
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
///
/// It borrows from the [`Debrief`]: a long game has tens of thousands.
pub struct Entry<'a> {
    pub at: &'a Moment,
    pub kind: EntryKind,
    pub decision: Option<DecisionKind>,
    /// `Mentor note` before a note.
    pub lead: Option<&'static str>,
    pub what: Cow<'a, str>,
    /// `risky`, `destructive`: the debrief's own words.
    pub flags: &'a [String],
    pub refused: Option<Cow<'a, str>>,
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
pub enum Block<'a> {
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
    Timeline(Vec<Entry<'a>>),
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
    Hypotheses,
    Evidence,
    Status,
    Escalations,
    Pace,
    Help,
    Answers,
    Notes,
    /// A forked game beside the game it was forked from.
    WhatIf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub part: Part,
    pub title: String,
    /// A short summary beside the title: `3 of 4 done in time`.
    pub badge: Option<String>,
    pub blocks: Vec<Block<'a>>,
}

/// The whole debrief, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// `Debrief`.
    pub kicker: String,
    pub title: String,
    pub player: String,
    pub summary: Inline,
    pub facts: Vec<(String, Inline)>,
    pub times_note: String,
    pub warnings: Vec<Inline>,
    pub sections: Vec<Section<'a>>,
    pub footer: Inline,
}

// ---- spans, clean on the way in ------------------------------------------------

pub(super) fn text(s: &str) -> Span {
    Span::Text(safe(s))
}

pub(super) fn code(s: &str) -> Span {
    Span::Code(safe(s))
}

pub(super) fn strong(s: &str) -> Span {
    Span::Strong(safe(s))
}

pub(super) fn muted(s: &str) -> Span {
    Span::Muted(safe(s))
}

pub(super) fn clock(m: &Moment) -> Span {
    Span::Clock(m.clock.clone())
}

/// Text with every control character made visible ([`printable`]); most
/// text has none and is copied as it is (the debrief of a long game cleans
/// tens of thousands of strings).
pub(super) fn safe(s: &str) -> String {
    if s.chars().any(is_forbidden_char) {
        printable(s)
    } else {
        s.to_string()
    }
}

/// Text run together on one line: whitespace (newlines too) becomes one
/// space, and control characters are made visible.
pub(super) fn one_line(s: &str) -> String {
    tidy(s).into_owned()
}

/// The same, borrowing `s` when it is already tidy.
pub(super) fn tidy(s: &str) -> Cow<'_, str> {
    let mut prev_space = true;
    let tidy = s.chars().all(|c| {
        let ok = !is_forbidden_char(c) && (c == ' ' && !prev_space || !c.is_whitespace());
        prev_space = c == ' ';
        ok
    }) && !s.ends_with(' ');
    if tidy {
        return Cow::Borrowed(s);
    }
    Cow::Owned(printable(
        &s.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// Paragraphs (blank lines between them), each on one line.
pub(super) fn paragraphs(s: &str) -> Vec<String> {
    s.split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The word for `n` things: `one` for one, `many` otherwise.
pub(super) fn noun(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Is this an address a page may link to? Only `http` and `https`.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

// ---- the document --------------------------------------------------------------

/// Builds the document of a debrief.
pub fn document(d: &Debrief) -> Document<'_> {
    let sc = &d.scenario;
    let mut sections = vec![ending(d)];
    sections.extend(d.what_if.as_ref().map(super::what_if::section_of));
    sections.push(milestones(d));
    sections.extend(rubric(d));
    sections.push(really(d));
    sections.extend(charts(d));
    sections.extend([
        timeline(d),
        commands(d),
        hypotheses(d),
        evidence(d),
        status(d),
        escalations(d),
        pace(d),
    ]);
    sections.extend(help(d));
    sections.extend([answers(d), notes(d)]);
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

pub(super) fn section<'a>(part: Part, title: &str, blocks: Vec<Block<'a>>) -> Section<'a> {
    Section {
        part,
        title: title.into(),
        badge: None,
        blocks,
    }
}

pub(super) fn empty(s: &str) -> Block<'static> {
    Block::Empty(vec![text(s)])
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
        for tidy in ["a b", "", "ran `df -h`"] {
            assert_eq!(one_line(tidy), tidy);
        }
        for (untidy, want) in [(" a", "a"), ("a ", "a"), ("a  b", "a b"), ("a\tb", "a b")] {
            assert_eq!(one_line(untidy), want);
        }
        assert_eq!(safe("a\u{7}"), "a\\u{7}");
    }
}
