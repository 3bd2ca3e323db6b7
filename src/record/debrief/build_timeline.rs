//! Every decision in words, with what happened to the player, the rubric's
//! moments and the mentor's notes, in time order.

use super::build::{PageInfo, is_status_command, person_name, refusal};
use super::build_status::status_word;
use super::steps::{Played, Step};
use super::*;
use crate::scenario::pattern::tokenize;
use crate::scenario::{DocKind, Millis, RubricKind, Scenario, Severity};
use crate::sim::{Action, EventKind};
use std::collections::{BTreeMap, BTreeSet};

/// The scenario's command a shell line runs, as the engine finds it.
pub fn command_for(sc: &Scenario, line: &str) -> Option<usize> {
    let words = tokenize(line.trim())?;
    sc.commands
        .iter()
        .position(|c| c.patterns.iter().any(|p| p.matches(&words).is_some()))
}

/// A player input in words.
pub(super) fn describe(sc: &Scenario, step: &Step) -> (DecisionKind, String, Vec<String>) {
    let mut flags = Vec::new();
    let (kind, what) = match &step.action {
        Action::Ack(None) => {
            let acked: Vec<u32> = step
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::PageAcked { page } => Some(page),
                    _ => None,
                })
                .collect();
            (
                DecisionKind::Pager,
                if acked.is_empty() {
                    "acknowledged".to_string()
                } else {
                    format!("acknowledged {}", plural(acked.len(), "page", "pages"))
                },
            )
        }
        Action::Ack(Some(a)) => (DecisionKind::Pager, format!("acknowledged `{a}`")),
        Action::Resolve(a) => (DecisionKind::Pager, format!("resolved the page of `{a}`")),
        Action::Silence(a) => (DecisionKind::Pager, format!("silenced `{a}`")),
        Action::Run(line) => {
            // `!!` is judged by the command it repeated.
            let typed = line.trim();
            let ran = step.ran.as_deref().unwrap_or(typed);
            if let Some(c) = command_for(sc, ran).and_then(|i| sc.commands.get(i)) {
                if c.risky {
                    flags.push("risky".to_string());
                }
                if c.destructive {
                    flags.push("destructive".to_string());
                }
            }
            let mut what = if ran == typed {
                format!("ran `{typed}`")
            } else {
                format!("ran `{ran}` (typed as `{typed}`)")
            };
            if let Some(host) = &step.host {
                what.push_str(&format!(" on {host}"));
            }
            (DecisionKind::Command, what)
        }
        Action::Choose(n) => {
            let text = step.choices.iter().find(|(i, _)| i == n);
            chose(text.map(|(_, t)| t.clone()), format!("number {n}"))
        }
        Action::ChooseOnScreen(n) => {
            let text = step.choices.get((*n as usize).wrapping_sub(1));
            chose(
                text.map(|(_, t)| t.clone()),
                format!("number {n} on screen"),
            )
        }
        Action::ChooseId(name) => {
            let choice = sc.choice_names.get(name).and_then(|c| sc.choices.get(c.0));
            chose(choice.map(|c| c.text.skeleton()), format!("`{name}`"))
        }
        Action::Page(p, msg) => (
            DecisionKind::Page,
            format!("paged {}: “{msg}”", person_name(sc, p)),
        ),
        Action::Status(s, text) => (
            DecisionKind::Status,
            format!("posted status {}: “{text}”", status_word(*s)),
        ),
        Action::Graph(m) => (DecisionKind::Look, format!("looked at the graph `{m}`")),
        Action::Open(doc) => {
            let kind = match sc.docs.iter().find(|d| &d.name == doc).map(|d| d.kind) {
                Some(DocKind::Log) => "the log",
                Some(DocKind::Runbook) => "the runbook",
                None => "",
            };
            let what = if kind.is_empty() {
                format!("opened `{doc}`")
            } else {
                format!("read {kind} `{doc}`")
            };
            (DecisionKind::Look, what)
        }
        Action::Wait(ms) => (DecisionKind::Wait, format!("waited {}", length(*ms))),
        Action::Hint => (DecisionKind::Look, "asked for a hint".into()),
        Action::Inject(i) => (
            DecisionKind::Mentor,
            format!("the mentor fired the inject `{i}`"),
        ),
        Action::Whisper(text) => (
            DecisionKind::Mentor,
            format!("the mentor whispered {}", quoted(text)),
        ),
    };
    (kind, what, flags)
}

/// A step in words, a mentor's marked as theirs: what a mentor did at the
/// keyboard is never counted among the player's decisions.
pub(super) fn describe_by(sc: &Scenario, step: &Step) -> (DecisionKind, String, Vec<String>) {
    let (kind, what, flags) = describe(sc, step);
    match &step.by {
        Some(who) if kind != DecisionKind::Mentor => (
            DecisionKind::Mentor,
            format!("{who} (the mentor, at the keyboard) {what}"),
            flags,
        ),
        _ => (kind, what, flags),
    }
}

/// A choice taken, by its text if known, else as the player named it.
fn chose(text: Option<String>, named: String) -> (DecisionKind, String) {
    let what = text.map_or(named, |t| quoted(&t));
    (DecisionKind::Choice, format!("chose {what}"))
}

/// Text in curly quotes, once: a choice that is already a quotation keeps its own.
pub(super) fn quoted(t: &str) -> String {
    let t = t.trim();
    let inner = t
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| t.strip_prefix('“').and_then(|x| x.strip_suffix('”')))
        .unwrap_or(t);
    format!("“{inner}”")
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The timeline: the player's decisions, what the world did to them, the
/// rubric's moments and the mentor's notes, in time order.
pub(super) fn timeline(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    rubric: &[RubricLine],
    notes: &[Note],
    start: u32,
) -> Vec<TimelineEntry> {
    let at = |ms: Millis| moment(start, signed(ms), true);
    // The one decision entry, whether the step caused events or not.
    let decision = |s: &Step| {
        let (kind, what, flags) = describe_by(sc, s);
        TimelineEntry {
            decision: Some(kind),
            refused: refusal(s),
            flags,
            ..entry(at(s.at), EntryKind::Decision, what)
        }
    };
    let mut out: Vec<TimelineEntry> = Vec::new();
    let mut seen_step = BTreeSet::new();
    for (step, e) in &played.events {
        // A decision goes in at its moment, before what it caused.
        if let Some(i) = *step
            && seen_step.insert(i)
            && let Some(s) = played.steps.get(i)
        {
            out.push(decision(s));
        }
        if let Some(w) = world_words(sc, played, pages, *step, &e.kind) {
            out.push(entry(at(e.at), EntryKind::World, w));
        }
        if let EventKind::Ended { title, outcome, .. } = &e.kind {
            out.push(entry(
                at(e.at),
                EntryKind::Ending,
                format!("the drill ended: “{title}” ({})", outcome.label()),
            ));
        }
    }
    // Steps with no events at all (none, in practice) still count.
    for (i, s) in played.steps.iter().enumerate() {
        if !seen_step.contains(&i) {
            out.push(decision(s));
        }
    }
    out.extend(rubric.iter().filter_map(rubric_entry));
    for n in notes {
        out.push(entry(at(n.at), EntryKind::Note, n.words()));
    }
    // Stable: events keep their order within a moment; notes come last.
    out.sort_by_key(|e| e.at.ms);
    out
}

/// A plain timeline entry: no decision, no flags, no verdict.
fn entry(at: Moment, kind: EntryKind, what: String) -> TimelineEntry {
    TimelineEntry {
        at,
        kind,
        decision: None,
        what,
        refused: None,
        flags: Vec::new(),
        good: None,
    }
}

/// What the world did that the timeline shows, in words (`step`: the
/// player's step that caused the event, if one did).
fn world_words(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    step: Option<usize>,
    kind: &EventKind,
) -> Option<String> {
    let title = |page: &u32| pages.get(page).map_or("", |p| p.title.as_str());
    match kind {
        EventKind::Page { page, to, .. } => Some(if to == "you" {
            format!("PAGE: “{}”", title(page))
        } else {
            format!("page “{}” went to {}", title(page), person_name(sc, to))
        }),
        EventKind::Ticket { text, .. } => Some(format!("ticket: {text}")),
        EventKind::PageEscalated { page, to } => Some(format!(
            "page “{}” escalated to {}: not acknowledged in time",
            title(page),
            person_name(sc, to)
        )),
        EventKind::AlertResolved { alert, title } => sc
            .alerts
            .iter()
            .find(|a| &a.name == alert)
            .filter(|a| a.severity == Severity::Page)
            .map(|_| format!("alert cleared: “{title}”")),
        EventKind::StatusPosted { state, text } if !is_status_command(played, step) => {
            Some(format!(
                "status page updated for you ({}): “{text}”",
                status_word(*state)
            ))
        }
        _ => None,
    }
}

/// A rubric moment the timeline shows: a key action (on time or late) or
/// a red herring followed; objectives have no moment of their own.
fn rubric_entry(l: &RubricLine) -> Option<TimelineEntry> {
    // One not applicable has no moment (`at` is `None`), so never shows.
    let m = l.at.as_ref()?;
    let (what, good) = match (l.kind, l.met) {
        (RubricKind::KeyAction, true) => (format!("key action done: “{}”", l.title), true),
        (RubricKind::KeyAction, false) if l.state.contains("before the first symptom") => (
            format!(
                "key action done before the first symptom, not credited: “{}”",
                l.title
            ),
            false,
        ),
        (RubricKind::KeyAction, false) => {
            (format!("key action done, but late: “{}”", l.title), false)
        }
        (RubricKind::RedHerring, _) => (format!("red herring followed: “{}”", l.title), false),
        (RubricKind::Objective, _) => return None,
    };
    Some(TimelineEntry {
        good: Some(good),
        ..entry(m.clone(), EntryKind::Rubric, what)
    })
}
