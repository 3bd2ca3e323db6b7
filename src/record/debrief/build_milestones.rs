//! The player's milestones (acknowledge, diagnose, escalate, communicate,
//! mitigate, resolve) beside the real responders'.

use super::build::{PageInfo, person_name, refused};
use super::steps::Played;
use super::*;
use crate::record::Mode;
use crate::scenario::{
    Mark, Milestone, MilestoneKind, Millis, Outcome, RubricKind, Scenario, Severity,
};
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

/// The milestones, and what may be said about the player's times beside
/// the real team's.
pub(super) struct Milestones {
    pub rows: Vec<MilestoneRow>,
    pub comparison: String,
}

impl Facts<'_> {
    fn at(&self, ms: Millis) -> Moment {
        moment(self.sc.meta.start_clock_secs, signed(ms), true)
    }
}

/// The player's milestones beside the real responders'. Escalate and
/// Communicate are left out when neither side has one. The real team's
/// moments are context, not a race: no row says who was earlier.
#[allow(clippy::too_many_arguments)] // the facts a milestone is read from, each from its own builder
pub(super) fn milestones(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    rubric: &[RubricLine],
    sim: &Sim,
    ending: Option<&EndingInfo>,
    status: &StatusCadence,
    mode: Option<Mode>,
) -> Milestones {
    let c = Facts {
        sc,
        played,
        pages,
        rubric,
        sim,
        ending,
        status,
    };
    let real = |k: MilestoneKind| sc.rubric.responders.iter().find(|m| m.kind == k);
    let mut rows = Vec::new();
    for (label, (you, you_what), kind, always) in [
        (
            "Acknowledge",
            acknowledge(&c),
            MilestoneKind::Detected,
            true,
        ),
        (
            "Diagnose",
            marked(&c, Mark::Diagnosis),
            MilestoneKind::Diagnosed,
            true,
        ),
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
        rows.push(MilestoneRow {
            label: label.into(),
            you,
            you_what,
            real: r.map(|m| responder_moment(sc, m)),
            real_what: r.map(|m| m.what.clone()).unwrap_or_default(),
        });
    }
    let comparison = comparison(sc, &rows, mode);
    Milestones { rows, comparison }
}

/// A moment of the real responders' timeline: minute-precise, `~` before
/// it when the postmortem gives it only roughly.
pub(super) fn responder_moment(sc: &Scenario, m: &Milestone) -> Moment {
    let mut at = moment(sc.meta.start_clock_secs, m.offset_ms, false);
    if m.approximate {
        at.clock = format!("~{}", at.clock);
        at.offset = format!("~{}", at.offset);
    }
    at
}

/// What may be said of the player's times beside the real team's. Only a
/// real-time game that resolved the incident puts the two resolutions side
/// by side, and then with what made them different; a practice game's
/// clock waited for the player, so its times are not comparable at all.
fn comparison(sc: &Scenario, rows: &[MilestoneRow], mode: Option<Mode>) -> String {
    if sc.rubric.responders.is_empty() {
        return String::new();
    }
    match mode {
        Some(Mode::Practice) => {
            return "This was a practice game: the clock waited for you, so your times are not comparable with the real team's, who worked in real time.".into();
        }
        None => {
            return "The transcript does not say how the game was played, so your times are not compared with the real team's.".into();
        }
        Some(Mode::RealTime) => {}
    }
    let resolve = rows.iter().find(|r| r.label == "Resolve");
    match resolve.map(|r| (&r.you, &r.real)) {
        Some((Some(you), Some(real))) => format!(
            "You resolved the incident at {} ({}); the real team resolved it at {} ({}). You knew the scenario's framing (its title, its briefing, that it was a drill); the real team had no hindsight. Time to recover is not the score.",
            you.clock, you.offset, real.clock, real.offset
        ),
        Some((Some(_), None)) => "The postmortem gives no moment the real team resolved the incident, so there is no time to set beside yours: their column shows what they knew and did at each point.".into(),
        _ => "Your game did not resolve the incident, so the times are not put side by side: the real team's column shows what they knew and did at each point.".into(),
    }
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

/// Diagnose or Mitigate by a key action the scenario names as such
/// (`marks diagnosis`, `marks mitigation`): when the first of them was
/// done and credited. Without one, only the real team's moment is shown.
fn marked(c: &Facts, mark: Mark) -> (Option<Moment>, String) {
    let Facts { sc, rubric, .. } = *c;
    let word = match mark {
        Mark::Diagnosis => "diagnosis",
        Mark::Mitigation => "mitigation",
    };
    let lines: Vec<&RubricLine> = rubric
        .iter()
        .filter(|l| l.kind == RubricKind::KeyAction)
        .filter(|l| {
            sc.rubric
                .items
                .iter()
                .any(|i| i.name == l.name && i.marks == Some(mark))
        })
        .collect();
    if lines.is_empty() {
        return (
            None,
            format!("this scenario names no key action as the {word}"),
        );
    }
    let done = lines
        .iter()
        .filter(|l| l.met)
        .filter_map(|l| l.at.as_ref().map(|m| (m, l)))
        .min_by_key(|(m, _)| m.ms);
    match done {
        Some((m, l)) => (Some(m.clone()), format!("“{}”, {}", l.title, l.state)),
        None => (
            None,
            lines
                .iter()
                .map(|l| format!("“{}”: {}", l.title, l.state))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// Escalate: the first person the player paged, directly or by a choice (the pager's own escalations are not the player's).
fn escalate(c: &Facts) -> (Option<Moment>, String) {
    let Facts { sc, played, .. } = *c;
    let at = |ms: Millis| c.at(ms);
    let paged = played.steps.iter().find_map(|s| match &s.action {
        Action::Page(p, _) if !refused(s) => Some((s.at, p.clone())),
        Action::Choose(_) | Action::ChooseOnScreen(_) | Action::ChooseId(_) => {
            s.events.iter().find_map(|e| match &e.kind {
                EventKind::PersonPaged { person, .. } => Some((s.at, person.clone())),
                _ => None,
            })
        }
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

/// Mitigate: the key action named as the mitigation, done while the
/// paging alerts did stop for good by the end.
fn mitigate(c: &Facts) -> (Option<Moment>, String) {
    let Facts { sc, played, .. } = *c;
    let (you, what) = marked(c, Mark::Mitigation);
    let (_, still) = mitigated_at(sc, played);
    if still.is_empty() {
        (you, what)
    } else {
        (
            None,
            format!("{what}; still firing at the end: {}", quoted(&still)),
        )
    }
}

fn quoted(titles: &[String]) -> String {
    titles
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Resolve: a resolved ending, with no paging alert still firing. A
/// mitigated ending stopped the harm without recovering: it does not fill
/// this row.
fn resolve(c: &Facts) -> (Option<Moment>, String) {
    let Facts {
        sc,
        played,
        sim,
        ending,
        ..
    } = *c;
    let (_, still) = mitigated_at(sc, played);
    match ending {
        Some(e) if e.outcome == Outcome::Resolved && still.is_empty() => (
            Some(e.at.clone()),
            format!("the ending “{}” ({})", e.title, e.outcome_label),
        ),
        Some(e) if e.outcome == Outcome::Resolved => (
            None,
            format!(
                "the drill ended “{}”, but still firing: {}",
                e.title,
                quoted(&still)
            ),
        ),
        Some(e) if e.outcome == Outcome::Mitigated => (
            None,
            format!("mitigated, not recovered: the drill ended “{}”", e.title),
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
