//! The player's milestones (acknowledge, diagnose, escalate, communicate,
//! mitigate, resolve) beside the real responders'.

use super::build::{PageInfo, person_name, refused};
use super::steps::Played;
use super::*;
use crate::scenario::{MilestoneKind, Millis, Outcome, RubricKind, Scenario, Severity};
use crate::sim::{Action, EventKind, Sim};
use std::collections::BTreeMap;

/// When the last paging alert stopped firing for good, and which it was.
pub(super) fn mitigated_at(
    sc: &Scenario,
    played: &Played,
) -> (Option<(Millis, String)>, Vec<String>) {
    let paging = |name: &str| {
        sc.alerts
            .iter()
            .find(|a| a.name == name)
            .filter(|a| a.severity == Severity::Page)
            .map(|a| a.title.clone())
    };
    let mut firing: BTreeMap<String, String> = BTreeMap::new();
    let mut last: Option<(Millis, String)> = None;
    let mut ever = false;
    for (_, e) in &played.events {
        match &e.kind {
            EventKind::AlertFiring { alert, .. } => {
                if let Some(title) = paging(alert) {
                    firing.insert(alert.clone(), title);
                    ever = true;
                }
            }
            EventKind::AlertResolved { alert, .. } => {
                if let Some(title) = firing.remove(alert) {
                    last = Some((e.at, title));
                }
            }
            _ => {}
        }
    }
    if !ever || !firing.is_empty() {
        return (None, firing.into_values().collect());
    }
    (last, Vec::new())
}

pub(super) fn difference(you: &Moment, real: &Moment) -> String {
    let d = you.ms - real.ms;
    if d.abs() < 60_000 {
        return "about the same time as the real team".into();
    }
    let l = length(d.unsigned_abs() / 1000 * 1000);
    if d < 0 {
        format!("{l} earlier than the real team")
    } else {
        format!("{l} later than the real team")
    }
}

/// What the milestones are built from.
#[derive(Clone, Copy)]
struct Facts<'a> {
    sc: &'a Scenario,
    played: &'a Played<'a>,
    pages: &'a BTreeMap<u32, PageInfo>,
    rubric: &'a [RubricLine],
    sim: &'a Sim,
    ending: Option<&'a EndingInfo>,
    status: &'a StatusCadence,
}

impl Facts<'_> {
    fn at(&self, ms: Millis) -> Moment {
        moment(self.sc.meta.start_clock_secs, signed(ms), true)
    }
}

/// The player's milestones beside the real responders'. Escalate and
/// Communicate are left out when neither side has one.
pub(super) fn milestones(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    rubric: &[RubricLine],
    sim: &Sim,
    ending: Option<&EndingInfo>,
    status: &StatusCadence,
) -> Vec<MilestoneRow> {
    let c = Facts {
        sc,
        played,
        pages,
        rubric,
        sim,
        ending,
        status,
    };
    let start = sc.meta.start_clock_secs;
    let real = |k: MilestoneKind| sc.rubric.responders.iter().find(|m| m.kind == k);
    let mut rows = Vec::new();
    for (label, (you, you_what), kind, always) in [
        (
            "Acknowledge",
            acknowledge(&c),
            MilestoneKind::Detected,
            true,
        ),
        ("Diagnose", diagnose(&c), MilestoneKind::Diagnosed, true),
        ("Escalate", escalate(&c), MilestoneKind::Escalated, false),
        (
            "Communicate",
            communicate(&c),
            MilestoneKind::Communicated,
            false,
        ),
        ("Mitigate", mitigate(&c), MilestoneKind::Mitigated, true),
        ("Resolve", resolve(&c), MilestoneKind::Resolved, true),
    ] {
        let r = real(kind);
        if !always && you.is_none() && r.is_none() {
            continue;
        }
        let real_at = r.map(|m| moment(start, m.offset_ms, false));
        let difference = match (&you, &real_at) {
            (Some(y), Some(r)) => Some(difference(y, r)),
            _ => None,
        };
        rows.push(MilestoneRow {
            label: label.into(),
            you,
            you_what,
            real: real_at,
            real_what: r.map(|m| m.what.clone()).unwrap_or_default(),
            difference,
        });
    }
    rows
}

/// Acknowledge: the first page acknowledged.
fn acknowledge(c: &Facts) -> (Option<Moment>, String) {
    let Facts { played, pages, .. } = *c;
    let at = |ms: Millis| c.at(ms);
    let ack = played.events.iter().find_map(|(_, e)| match e.kind {
        EventKind::PageAcked { page } => Some((e.at, page)),
        _ => None,
    });
    match ack {
        Some((t, page)) => {
            let what = match pages.get(&page) {
                Some(p) => format!(
                    "acknowledged “{}”, {} after it went out",
                    p.title,
                    length(t.saturating_sub(p.opened))
                ),
                None => "acknowledged a page".into(),
            };
            (Some(at(t)), what)
        }
        None if pages.is_empty() => (None, "no page came".into()),
        None => (None, "never acknowledged a page".into()),
    }
}

/// Diagnose: the first key action done.
fn diagnose(c: &Facts) -> (Option<Moment>, String) {
    let Facts { rubric, .. } = *c;
    let first_key = rubric
        .iter()
        .filter(|l| l.kind == RubricKind::KeyAction)
        .filter_map(|l| l.at.as_ref().map(|m| (m, l)))
        .min_by_key(|(m, _)| m.ms);
    match first_key {
        Some((m, l)) => (
            Some(m.clone()),
            format!("the first key action done: “{}”", l.title),
        ),
        None => (None, "no key action done".into()),
    }
}

/// Escalate: the first person the player paged, directly or by a choice (the pager's own escalations are not the player's).
fn escalate(c: &Facts) -> (Option<Moment>, String) {
    let Facts { sc, played, .. } = *c;
    let at = |ms: Millis| c.at(ms);
    let paged = played.steps.iter().find_map(|s| match &s.action {
        Action::Page(p, _) if !refused(s) => Some((s.at, p.clone())),
        Action::Choose(_) | Action::ChooseId(_) => s.events.iter().find_map(|e| match &e.kind {
            EventKind::PersonPaged { person, .. } => Some((s.at, person.clone())),
            _ => None,
        }),
        _ => None,
    });
    match paged {
        Some((t, p)) => (Some(at(t)), format!("paged {}", person_name(sc, &p))),
        None => (None, "paged no one".into()),
    }
}

/// Communicate: the first status update by the player.
fn communicate(c: &Facts) -> (Option<Moment>, String) {
    let Facts { status, .. } = *c;
    let first = status.updates.iter().find(|u| u.by_player);
    match first {
        Some(u) => (
            Some(u.at.clone()),
            format!("first status update ({})", u.state),
        ),
        None => (None, "posted no status update".into()),
    }
}

/// Mitigate: the last paging alert stopped firing, for good.
fn mitigate(c: &Facts) -> (Option<Moment>, String) {
    let Facts { sc, played, .. } = *c;
    let at = |ms: Millis| c.at(ms);
    let (mitigated, still) = mitigated_at(sc, played);
    match mitigated {
        Some((t, title)) => (
            Some(at(t)),
            format!("the last paging alert stopped firing (“{title}”)"),
        ),
        None if !still.is_empty() => (
            None,
            format!(
                "still firing at the end: {}",
                still
                    .iter()
                    .map(|s| format!("“{s}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        None => (None, "no paging alert fired".into()),
    }
}

/// Resolve: the ending, when it resolved or mitigated the incident.
fn resolve(c: &Facts) -> (Option<Moment>, String) {
    let Facts { sim, ending, .. } = *c;
    match ending {
        Some(e) if matches!(e.outcome, Outcome::Resolved | Outcome::Mitigated) => (
            Some(e.at.clone()),
            format!("the ending “{}” ({})", e.title, e.outcome_label),
        ),
        Some(e) => (
            None,
            format!(
                "not resolved: the drill ended “{}”, {}",
                e.title, e.outcome_label
            ),
        ),
        None if sim.is_over() => (None, "not resolved".into()),
        None => (None, "the game stopped before an ending".into()),
    }
}
