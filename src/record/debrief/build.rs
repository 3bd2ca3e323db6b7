//! Builds the [`Debrief`] from a transcript, its replay and the mentor's
//! notes: the scenario and session, the ending, the rubric, the warnings,
//! and the pages that went out; the sections have their own builders.

use super::build_charts::charts;
use super::build_evidence::{commands, escalations, evidence};
use super::build_help::help;
use super::build_hypotheses::reasoning;
use super::build_milestones::{milestones, responder_moment};
use super::build_pace::pace;
use super::build_status::status_cadence;
use super::build_timeline::timeline;
use super::steps::{Played, Step, play_steps};
use super::*;
use crate::record::{Mode, Replay, Transcript};
use crate::scenario::{MilestoneKind, Millis, RubricItem, RubricKind, Scenario, symptom};
use crate::sim::{Action, Event, EventKind, Sim};
use std::collections::BTreeMap;

/// Builds the debrief of a game from its transcript and replay, with the
/// mentor's notes.
pub fn build(sc: &Scenario, t: &Transcript, r: &Replay, notes: &[Note]) -> Debrief {
    let start = sc.meta.start_clock_secs;
    let seed = t.header.as_ref().map_or(sc.meta.seed, |h| h.seed);
    let support = t.header.as_ref().map(|h| h.support).unwrap_or_default();
    let played = play_steps(r);
    let end = r.sim.finish().map_or_else(|| r.sim.now(), |f| f.at);
    let ending = ending_of(&played, start);
    let pages = pages_of(sc, &played);
    let symptom = first_symptom(sc, &played);
    let rubric = rubric_lines(sc, &r.sim, symptom);
    let status = status_cadence(sc, &played, &pages, ending.as_ref(), end);
    let milestones = milestones(
        sc,
        &played,
        &pages,
        &rubric,
        &r.sim,
        ending.as_ref(),
        &status,
        t.header.as_ref().map(|h| h.mode),
    );
    let timeline = timeline(sc, &played, &pages, &rubric, notes, start);
    let mut notes_sorted = notes.to_vec();
    notes_sorted.sort_by_key(|n| n.at);
    let (key_actions, rest): (Vec<_>, Vec<_>) = rubric
        .into_iter()
        .partition(|l| l.kind == RubricKind::KeyAction);
    let (red_herrings, objectives): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|l| l.kind == RubricKind::RedHerring);
    let mut d = Debrief {
        scenario: scenario_info(sc),
        session: session_info(t, seed, moment(start, signed(end), true)),
        ending,
        milestones: milestones.rows,
        comparison: milestones.comparison,
        first_symptom: symptom.map(|ms| symptom_moment(start, ms)),
        responders_name: sc.postmortem.as_ref().map_or_else(
            || "The real responders".to_string(),
            |p| format!("{}'s responders", p.company),
        ),
        responders: responders(sc),
        root_cause: sc.rubric.root_cause.trim().to_string(),
        key_actions,
        red_herrings,
        objectives,
        timeline,
        commands: commands(sc, &played, start),
        reasoning: reasoning(sc, t, &played, start),
        evidence: evidence(sc, t, &played, end, start),
        escalations: escalations(sc, &played, &pages, start),
        status,
        pace: pace(&played, t, end, start),
        help: help(sc, t, &played, support),
        answers: in_play(t)
            .chain(
                t.answers()
                    .into_iter()
                    .map(|(question, text)| Answer { question, text }),
            )
            .collect(),
        notes: notes_sorted,
        warnings: Vec::new(),
        charts: charts(sc, &r.sim, &played, start),
        what_if: None,
    };
    d.warnings = warnings(sc, t, r, &d);
    d
}

/// The notes the player wrote during the game about how a moment felt,
/// as answers about that moment.
fn in_play(t: &Transcript) -> impl Iterator<Item = Answer> + '_ {
    t.entries.iter().filter_map(|e| match e {
        crate::record::Entry::Feedback {
            at,
            kind,
            text,
            by: None,
            ..
        } => Some(Answer {
            question: format!(
                "During the game, at {}: this moment {}",
                crate::sim::eval::format_offset(*at),
                kind.phrase()
            ),
            text: text.clone(),
        }),
        _ => None,
    })
}

/// The scenario, as the debrief presents it.
fn scenario_info(sc: &Scenario) -> ScenarioInfo {
    ScenarioInfo {
        id: sc.meta.id.clone(),
        title: sc.meta.title.clone(),
        summary: sc.meta.summary.clone(),
        role: sc.meta.role.clone(),
        date: sc.meta.start_date.clone(),
        start_clock_secs: sc.meta.start_clock_secs,
        zone: sc.meta.zone.clone(),
        postmortem: sc.postmortem.as_ref().map(|p| Postmortem {
            company: p.company.clone(),
            date: p.date.clone(),
            title: p.title.clone(),
            url: p.url.clone(),
        }),
    }
}

/// Who played and how, from the transcript's header (`unknown` without one).
fn session_info(t: &Transcript, seed: u64, played_until: Moment) -> Session {
    let header = t.header.as_ref();
    Session {
        player: header.map_or_else(|| "unknown".into(), |h| h.player.clone()),
        mode: match header.map(|h| h.mode) {
            Some(Mode::RealTime) => "real time".into(),
            Some(Mode::Practice) => "practice".into(),
            None => "unknown".into(),
        },
        speed: header.map_or(1.0, |h| h.speed),
        seed,
        started: header.map(|h| h.started.clone()).unwrap_or_default(),
        recorded_hash: header.map(|h| h.hash.clone()).unwrap_or_default(),
        played_until,
        entries: t.entries.len() + usize::from(header.is_some()),
    }
}

/// The ending the game reached, if it reached one.
fn ending_of(played: &Played, start: u32) -> Option<EndingInfo> {
    played.events.iter().find_map(|(_, e)| match &e.kind {
        EventKind::Ended {
            ending,
            title,
            outcome,
            text,
        } => Some(EndingInfo {
            name: ending.clone(),
            title: title.clone(),
            outcome: *outcome,
            outcome_label: outcome.label().into(),
            at: moment(start, signed(e.at), true),
            text: text.clone(),
        }),
        _ => None,
    })
}

/// The real responders' timeline, from the postmortem.
fn responders(sc: &Scenario) -> Vec<ResponderStep> {
    sc.rubric
        .responders
        .iter()
        .map(|m| ResponderStep {
            kind: m.kind,
            label: milestone_label(m.kind).into(),
            at: responder_moment(sc, m),
            what: m.what.clone(),
        })
        .collect()
}

pub(super) fn milestone_label(k: MilestoneKind) -> &'static str {
    // "Started" alone reads oddly in a timeline: say what started.
    match k {
        MilestoneKind::Started => "impact began",
        other => other.word(),
    }
}

/// A page as it went out.
pub(super) struct PageInfo {
    pub opened: Millis,
    pub alert: Option<String>,
    /// The alert's title, or the page's text.
    pub title: String,
}

pub(super) fn pages_of(sc: &Scenario, played: &Played) -> BTreeMap<u32, PageInfo> {
    let mut pages = BTreeMap::new();
    for (_, e) in &played.events {
        if let EventKind::Page {
            page, alert, text, ..
        } = &e.kind
        {
            let title = alert
                .as_ref()
                .and_then(|a| sc.alerts.iter().find(|x| &x.name == a))
                .map_or_else(|| text.clone(), |a| a.title.clone());
            pages.insert(
                *page,
                PageInfo {
                    opened: e.at,
                    alert: alert.clone(),
                    title,
                },
            );
        }
    }
    pages
}

/// The incident's first symptom in this game: the scenario's own (see
/// [`symptom::first_symptom`]), or the first alert that fired, whichever
/// came first.
pub(super) fn first_symptom(sc: &Scenario, played: &Played) -> Option<i64> {
    let fired = played.events.iter().find_map(|(_, e)| match e.kind {
        EventKind::AlertFiring { .. } => Some(signed(e.at)),
        _ => None,
    });
    symptom::first_symptom(sc).into_iter().chain(fired).min()
}

/// The first symptom as the debrief shows it: to the minute when it falls
/// on one.
fn symptom_moment(start: u32, ms: i64) -> Moment {
    moment(start, ms, ms % 60_000 != 0)
}

/// Whether a rubric entry first held before the incident gave any reason
/// for it: a key action done then, or an objective the player could meet
/// from the start (see [`symptom::met_at_start`]) and did. Such an entry
/// is not credited.
fn before_symptom(
    sc: &Scenario,
    item: &RubricItem,
    first_held: Option<Millis>,
    symptom: Option<i64>,
) -> bool {
    let (Some(t), Some(s)) = (first_held, symptom) else {
        return false;
    };
    if signed(t) >= s {
        return false;
    }
    match item.kind {
        RubricKind::KeyAction => true,
        RubricKind::Objective => symptom::met_at_start(sc, &item.condition),
        RubricKind::RedHerring => false,
    }
}

pub(super) fn rubric_lines(sc: &Scenario, sim: &Sim, symptom: Option<i64>) -> Vec<RubricLine> {
    let start = sc.meta.start_clock_secs;
    sim.rubric()
        .into_iter()
        .filter_map(|r| {
            let item = sc.rubric.items.get(r.item)?;
            if !r.applies {
                return Some(not_applicable(item));
            }
            if before_symptom(sc, item, r.first_held, symptom) {
                return Some(early_line(sc, item, r.first_held, symptom));
            }
            let state = match (item.kind, r.met, r.first_held.is_some()) {
                (RubricKind::KeyAction, true, _) => "done",
                (RubricKind::KeyAction, false, true) => "done late",
                (RubricKind::KeyAction, false, false) => "missed",
                (RubricKind::RedHerring, true, _) => "followed",
                (RubricKind::RedHerring, false, _) => "avoided",
                (RubricKind::Objective, true, _) => "met",
                (RubricKind::Objective, false, _) => "not met",
            };
            let when = match item.kind {
                RubricKind::Objective => None,
                _ => r.first_held.map(|t| moment(start, signed(t), true)),
            };
            Some(RubricLine {
                kind: item.kind,
                name: item.name.clone(),
                title: item.title.clone(),
                met: r.met,
                applies: true,
                state: state.into(),
                at: when,
                deadline: item.deadline.map(|t| moment(start, signed(t), true)),
                why: item.why.trim().to_string(),
            })
        })
        .collect()
}

/// A rubric entry whose `applies when` did not hold: shown, never counted.
fn not_applicable(item: &RubricItem) -> RubricLine {
    RubricLine {
        kind: item.kind,
        name: item.name.clone(),
        title: item.title.clone(),
        met: false,
        applies: false,
        state: NOT_APPLICABLE.into(),
        at: None,
        deadline: None,
        why: item.why.trim().to_string(),
    }
}

/// What a rubric entry that does not apply on this path says.
pub const NOT_APPLICABLE: &str = "not applicable on this path";

/// A rubric entry met before the first symptom: not credited, and said so.
fn early_line(
    sc: &Scenario,
    item: &RubricItem,
    first_held: Option<Millis>,
    symptom: Option<i64>,
) -> RubricLine {
    let start = sc.meta.start_clock_secs;
    let first = symptom.map_or_else(String::new, |s| symptom_moment(start, s).clock);
    let verb = if item.kind == RubricKind::Objective {
        "met"
    } else {
        "done"
    };
    RubricLine {
        kind: item.kind,
        name: item.name.clone(),
        title: item.title.clone(),
        met: false,
        applies: true,
        state: format!("{verb} before the first symptom at {first}, so not credited"),
        at: first_held.map(|t| moment(start, signed(t), true)),
        deadline: item.deadline.map(|t| moment(start, signed(t), true)),
        why: item.why.trim().to_string(),
    }
}

/// The rubric as it stands in a game still being played, for a watching
/// mentor: judged as the debrief judges it, except that what can still
/// happen reads so. A key action not done before a deadline still ahead (or
/// without one) is `not yet`; a red herring not followed is `not taken`; an
/// objective that does not hold now is `not yet`. Once the game is over,
/// these are the debrief's lines.
pub fn live_rubric(sc: &Scenario, sim: &Sim) -> Vec<RubricLine> {
    let mut lines = rubric_lines(sc, sim, symptom::first_symptom(sc));
    if sim.is_over() {
        return lines;
    }
    let now = sim.now();
    for (line, item) in lines.iter_mut().zip(&sc.rubric.items) {
        let open = line.applies
            && match item.kind {
                RubricKind::KeyAction => {
                    line.at.is_none() && item.deadline.is_none_or(|d| d >= now)
                }
                RubricKind::RedHerring | RubricKind::Objective => !line.met,
            };
        if open {
            line.state = match item.kind {
                RubricKind::RedHerring => "not taken",
                RubricKind::KeyAction | RubricKind::Objective => "not yet",
            }
            .into();
        }
    }
    lines
}

/// Was this status post the player's: their own `status`, or a colleague
/// posting what the player chose to say?
pub(super) fn is_player_status(played: &Played, step: Option<usize>) -> bool {
    step.and_then(|i| played.steps.get(i)).is_some_and(|s| {
        s.by.is_none()
            && matches!(
                s.action,
                Action::Status(..)
                    | Action::Choose(_)
                    | Action::ChooseOnScreen(_)
                    | Action::ChooseId(_)
            )
    })
}

/// Was this status post the player's own `status` command?
pub(super) fn is_status_command(played: &Played, step: Option<usize>) -> bool {
    step.and_then(|i| played.steps.get(i))
        .is_some_and(|s| matches!(s.action, Action::Status(..)))
}

pub(super) fn refused(s: &Step) -> bool {
    s.events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Rejected(_)))
}

pub(super) fn refusal(s: &Step) -> Option<String> {
    s.events.iter().find_map(|e| match &e.kind {
        EventKind::Rejected(why) => Some(why.clone()),
        _ => None,
    })
}

pub(super) fn person_name(sc: &Scenario, name: &str) -> String {
    match sc.people.iter().find(|p| p.name == name) {
        Some(p) if !p.full_name.is_empty() && p.full_name != p.name => {
            format!("{name} ({})", p.full_name)
        }
        _ => name.to_string(),
    }
}

pub(super) fn describe_event(e: &Event) -> String {
    let what = match &e.kind {
        EventKind::Narration(t) => format!("narration “{}”", clip(t)),
        EventKind::Chat { person, text, .. } => format!("{person} said “{}”", clip(text)),
        EventKind::AlertFiring { alert, .. } => format!("alert `{alert}` fired"),
        EventKind::AlertResolved { alert, .. } => format!("alert `{alert}` cleared"),
        EventKind::Page { page, .. } => format!("page {page} went out"),
        EventKind::PageAcked { page } => format!("page {page} acknowledged"),
        EventKind::PageResolved { page } => format!("page {page} resolved"),
        EventKind::PageEscalated { page, to } => format!("page {page} escalated to {to}"),
        EventKind::Ticket { alert, .. } => format!("ticket for `{alert}`"),
        EventKind::Shell { input, .. } => format!("shell `{}`", clip(input)),
        EventKind::Choices { scene, .. } => format!("choices in scene `{scene}`"),
        EventKind::Scene { scene } => format!("scene `{scene}`"),
        EventKind::Document { name, .. } => format!("document `{name}`"),
        EventKind::Graph { metric, .. } => format!("graph `{metric}`"),
        EventKind::StatusPosted { state, .. } => format!("status {}", status_word(*state)),
        EventKind::PersonPaged { person, .. } => format!("{person} paged"),
        EventKind::Injected { inject, .. } => format!("the mentor's inject `{inject}`"),
        EventKind::Whispered { text } => format!("the mentor whispered “{}”", clip(text)),
        EventKind::HintAvailable { hint, .. } => format!("hint `{hint}` offered"),
        EventKind::HintShown { hint, .. } => format!("hint `{hint}` shown"),
        EventKind::Rejected(why) => format!("refused: {}", clip(why)),
        EventKind::Ended { ending, .. } => format!("ending `{ending}`"),
    };
    format!("{what} at {}", offset_text(signed(e.at)))
}

pub(super) fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

pub(super) fn warnings(sc: &Scenario, t: &Transcript, r: &Replay, d: &Debrief) -> Vec<String> {
    let mut out = Vec::new();
    match &t.header {
        None => out.push("The transcript has no header: who played, the seed and the mode are unknown; the scenario's own seed is used.".into()),
        Some(h) if h.scenario != sc.meta.id => out.push(format!(
            "The transcript was recorded on the scenario `{}`, but this debrief replays it on `{}`.",
            h.scenario, sc.meta.id
        )),
        Some(_) => {}
    }
    for p in &t.problems {
        out.push(format!("Transcript line {}: {}", p.line, p.message));
    }
    if t.more_problems > 0 {
        out.push(format!(
            "{} more transcript line(s) cannot be read and are left out.",
            t.more_problems
        ));
    }
    if let Some(div) = &r.divergence {
        let recorded = div
            .recorded
            .as_ref()
            .map_or_else(|| "nothing".into(), describe_event);
        let replayed = div
            .replayed
            .as_ref()
            .map_or_else(|| "nothing".into(), describe_event);
        out.push(format!(
            "The replay went another way than the recording from event {}: the recording has {recorded}, the replay {replayed}. This debrief follows the replay.",
            div.index + 1
        ));
    }
    let given = t.actions().count();
    if r.steps.len() < given {
        out.push(format!(
            "{} of the recorded inputs came after the drill had ended in the replay and are left out.",
            given - r.steps.len()
        ));
    }
    if d.ending.is_none() {
        out.push(format!(
            "The game stopped at {} ({}) before any ending: this debrief covers the game so far.",
            d.session.played_until.clock, d.session.played_until.offset
        ));
    }
    out
}
