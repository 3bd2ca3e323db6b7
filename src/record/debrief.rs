//! The debrief: what a mentor and a new hire read together after a drill.
//!
//! [`build`] turns a transcript and its replay into a [`Debrief`]: the
//! ending, the player's milestones beside the real responders' timeline, the
//! rubric (key actions, red herrings, objectives, each with why it matters),
//! every decision in words, the commands run, the evidence looked at and
//! missed, escalations, the status page's cadence, the pace of decisions,
//! the player's answers and the mentor's notes, and the series of every
//! metric an alert watches. The same value is then written four ways:
//! [`markdown`], [`terminal`] (plain text, 80 columns), [`html`] (one
//! self-contained page with SVG charts) and [`to_ron`] (for tools).
//!
//! Times are shown twice: as the incident's wall clock (in its zone) and as
//! a `T+` offset from the drill's start, so they line up with the real
//! responders' timeline from the postmortem.

#[path = "debrief_html.rs"]
mod html_page;
#[path = "debrief_text.rs"]
mod text;

pub use html_page::html;
pub use text::{markdown, terminal};

use super::{Mode, Replay, Step, Transcript};
use crate::lang::fmt_duration;
use crate::scenario::pattern::tokenize;
use crate::scenario::{
    CmpOp, DocKind, Expr, MetricId, MilestoneKind, Millis, Outcome, RubricKind, Scenario, Severity,
};
use crate::sim::{Action, BUILTINS, Event, EventKind, Sim};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A mentor's note pinned to a moment of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub at: crate::scenario::Millis,
    pub text: String,
}

/// A moment, as game time and as the incident's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moment {
    /// Milliseconds from the drill's start (negative: before it).
    pub ms: i64,
    /// The incident's wall clock, `HH:MM:SS` (or `HH:MM` for the real
    /// responders' minute-precise times), with `(+1d)` past midnight.
    pub clock: String,
    /// `T+7m20s`.
    pub offset: String,
}

/// A stretch of time between two moments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub from: Moment,
    pub to: Moment,
    pub ms: u64,
    /// `4m30s`.
    pub length: String,
    /// What the stretch was between, in words.
    pub between: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Postmortem {
    pub company: String,
    pub date: String,
    pub title: String,
    pub url: String,
}

/// The scenario, as the debrief presents it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioInfo {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub role: String,
    /// `YYYY-MM-DD` of the incident's first moment.
    pub date: String,
    /// The incident's clock at the drill's start, seconds after midnight.
    pub start_clock_secs: u32,
    /// The zone as written: `UTC`, `+02:00`.
    pub zone: String,
    pub postmortem: Option<Postmortem>,
}

/// Who played, how, and from which transcript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub player: String,
    /// `practice` or `real time`.
    pub mode: String,
    pub speed: f64,
    pub seed: u64,
    /// When the game began, by the player's clock (RFC 3339).
    pub started: String,
    /// The scenario hash the transcript was recorded against.
    pub recorded_hash: String,
    /// How far the game went.
    pub played_until: Moment,
    /// Entries in the transcript.
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingInfo {
    /// The ending's name (`timed_out` for the built-in time-out).
    pub name: String,
    pub title: String,
    pub outcome: Outcome,
    /// `resolved`, `mitigated`, `made worse`, `timed out`.
    pub outcome_label: String,
    pub at: Moment,
    pub text: String,
}

/// One row of the side-by-side milestones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneRow {
    /// `Acknowledge`, `Diagnose`, `Escalate`, `Communicate`, `Mitigate`, `Resolve`.
    pub label: String,
    pub you: Option<Moment>,
    /// What the player's moment was, or why there is none.
    pub you_what: String,
    pub real: Option<Moment>,
    pub real_what: String,
    /// `4m earlier than the real team`, when both sides have a moment.
    pub difference: Option<String>,
}

/// A moment of the real responders' timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponderStep {
    pub kind: MilestoneKind,
    /// `impact began`, `detected`, `diagnosed`...
    pub label: String,
    pub at: Moment,
    pub what: String,
}

/// A rubric entry as the player met it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricLine {
    pub kind: RubricKind,
    pub name: String,
    pub title: String,
    /// Key action done in time / red herring followed / objective met.
    pub met: bool,
    /// `done`, `done late`, `missed`, `followed`, `avoided`, `met`, `not met`.
    pub state: String,
    /// When it first held (done, or followed).
    pub at: Option<Moment>,
    pub deadline: Option<Moment>,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something the player did.
    Decision,
    /// Something that happened to the player: a page, an escalation, an
    /// alert clearing, a colleague's status post.
    World,
    /// A rubric entry first held.
    Rubric,
    Note,
    Ending,
}

/// What a decision was, for grouping and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Pager,
    Command,
    Choice,
    Page,
    Status,
    Look,
    Wait,
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub at: Moment,
    pub kind: EntryKind,
    /// For decisions.
    pub decision: Option<DecisionKind>,
    /// In words: "ran `deploys --since 30m`", "chose “…”".
    pub what: String,
    /// Why the game refused the input, if it did.
    pub refused: Option<String>,
    /// For a command the scenario marks so: `risky`, `destructive`.
    pub flags: Vec<String>,
    /// For rubric entries: good (`true`) or not.
    pub good: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    /// One of the scenario's commands.
    Scenario,
    /// The shell's own (`help`, `history`...).
    Builtin,
    /// Nothing on the machine answers to it.
    Unknown,
}

/// A command and how often it was run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandUse {
    /// The command's usage as the scenario writes it (`deploys [--since <window>]`),
    /// or the program typed.
    pub command: String,
    pub kind: CommandKind,
    pub count: usize,
    /// The lines typed, each once, in order.
    pub lines: Vec<String>,
    pub first: Moment,
    pub risky: bool,
    pub destructive: bool,
}

/// A graph, runbook or log, and when it was looked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Looked {
    pub name: String,
    pub title: String,
    /// `graph`, `runbook` or `log`.
    pub kind: String,
    pub times: Vec<Moment>,
    /// The alerts that link it (runbooks), by title.
    pub linked_from: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub looked_at: Vec<Looked>,
    /// Graphs, runbooks and logs the player never opened (`times` empty).
    pub never: Vec<Looked>,
}

/// A page that went up the escalation policy for want of an acknowledgement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    pub at: Moment,
    pub page: u32,
    pub alert: String,
    /// Who it went to: `lena (Lena Fischer)`.
    pub to: String,
    /// How long the page had been open.
    pub open_for: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusUpdate {
    pub at: Moment,
    pub state: String,
    pub text: String,
    /// Posted by the player (or else by a colleague, in the story).
    pub by_player: bool,
}

/// The status page over the incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCadence {
    pub updates: Vec<StatusUpdate>,
    /// When impact began: the real responders' `started`, or the first page.
    pub impact_began: Option<Moment>,
    /// From impact to the first update, between updates, and from the last
    /// to the end while the page did not say resolved.
    pub gaps: Vec<Gap>,
    pub longest_gap: Option<Gap>,
}

/// How fast decisions came.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// Inputs other than waiting.
    pub decisions: usize,
    /// Of those, refused by the game.
    pub refused: usize,
    pub waits: usize,
    pub first: Option<Moment>,
    /// Mean time between successive decisions.
    pub mean_gap_ms: Option<u64>,
    pub mean_gap: Option<String>,
    pub longest_gap: Option<Gap>,
    /// Decisions in each five minutes of the game, from the start.
    pub per_five_minutes: Vec<usize>,
    /// The busiest five minutes: when they began and how many decisions.
    pub busiest: Option<(Moment, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub question: String,
    pub text: String,
}

/// A line an alert draws on a metric's chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub alert: String,
    pub title: String,
    /// `>`, `>=`, `<`...: the alert holds when the metric is `op` the value.
    pub op: String,
    pub value: f64,
}

/// When an alert fired, until it cleared (`None`: still firing at the end).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Firing {
    pub alert: String,
    pub title: String,
    pub from: Millis,
    pub to: Option<Millis>,
}

/// A metric an alert watches, over the whole run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub metric: String,
    pub label: String,
    /// As the scenario writes it: `%`, `jobs`, `ms`, or empty.
    pub unit: String,
    /// `(game ms, value)`, every few seconds.
    pub points: Vec<(Millis, f64)>,
    pub thresholds: Vec<Threshold>,
    pub firing: Vec<Firing>,
    /// The highest and lowest values and when; the value at the end.
    pub peak: Option<(Moment, f64)>,
    pub low: Option<(Moment, f64)>,
    pub last: Option<f64>,
}

/// Everything the debrief says about one game.
#[derive(Debug, Clone, Serialize)]
pub struct Debrief {
    pub scenario: ScenarioInfo,
    pub session: Session,
    /// `None` when the game stopped before an ending.
    pub ending: Option<EndingInfo>,
    pub milestones: Vec<MilestoneRow>,
    /// Who the real responders were (`Cloudflare's responders`).
    pub responders_name: String,
    pub responders: Vec<ResponderStep>,
    pub root_cause: String,
    pub key_actions: Vec<RubricLine>,
    pub red_herrings: Vec<RubricLine>,
    pub objectives: Vec<RubricLine>,
    pub timeline: Vec<TimelineEntry>,
    pub commands: Vec<CommandUse>,
    pub evidence: Evidence,
    pub escalations: Vec<Escalation>,
    pub status: StatusCadence,
    pub pace: Pace,
    pub answers: Vec<Answer>,
    pub notes: Vec<Note>,
    /// Problems with the transcript or the replay the reader should know.
    pub warnings: Vec<String>,
    pub charts: Vec<Chart>,
}

impl Debrief {
    /// Compares the scenario's current hash with the transcript's: a
    /// scenario changed since the game adds a warning (the replay then shows
    /// the scenario as it is now).
    pub fn with_current_hash(mut self, current: &str) -> Debrief {
        if !self.session.recorded_hash.is_empty() && self.session.recorded_hash != current {
            self.warnings.push(format!(
                "The scenario changed since this game was played (hash {} then, {current} now): the debrief replays the game on the scenario as it is now.",
                self.session.recorded_hash
            ));
        }
        self
    }

    /// A moment of this game.
    pub fn moment(&self, ms: i64) -> Moment {
        moment(self.scenario.start_clock_secs, ms, true)
    }
}

/// The debrief as pretty RON, for tools.
pub fn to_ron(d: &Debrief) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(d, config)
        .unwrap_or_else(|e| format!("// cannot write the debrief as RON: {e}\n"))
}

// ---- time ------------------------------------------------------------------

/// The incident's clock at `ms` from the start: `HH:MM:SS`, or `HH:MM`
/// without seconds; `(+1d)` or `(-1d)` off the first day.
pub(crate) fn clock_at(start_secs: u32, ms: i64, seconds: bool) -> String {
    let total = i64::from(start_secs) + ms.div_euclid(1000);
    let day = total.div_euclid(86_400);
    let s = total.rem_euclid(86_400);
    let mut out = if seconds {
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    };
    if day != 0 {
        out.push_str(&format!(" ({day:+}d)"));
    }
    out
}

/// `T+7m20s`, `T+0`, `T-5m`.
pub(crate) fn offset_text(ms: i64) -> String {
    if ms.unsigned_abs() < 1000 {
        return "T+0".into();
    }
    let sign = if ms < 0 { '-' } else { '+' };
    format!("T{sign}{}", fmt_duration(ms.unsigned_abs()))
}

/// A length of time: `4m30s`.
pub(crate) fn length(ms: u64) -> String {
    fmt_duration(ms)
}

fn moment(start_secs: u32, ms: i64, seconds: bool) -> Moment {
    Moment {
        ms,
        clock: clock_at(start_secs, ms, seconds),
        offset: offset_text(ms),
    }
}

fn signed(ms: Millis) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}

// ---- building --------------------------------------------------------------

/// Every event of the game, tagged with the step that caused it.
struct Played<'a> {
    steps: &'a [Step],
    events: Vec<(Option<usize>, Event)>,
}

/// The replay's steps and its events tagged with their causes.
fn play_steps(r: &Replay) -> Played<'_> {
    Played {
        steps: &r.steps,
        events: r.caused().map(|(c, e)| (c, e.clone())).collect(),
    }
}

/// Builds the debrief of a game from its transcript and replay, with the
/// mentor's notes.
pub fn build(sc: &Scenario, t: &Transcript, r: &Replay, notes: &[Note]) -> Debrief {
    let start = sc.meta.start_clock_secs;
    let at = |ms: Millis| moment(start, signed(ms), true);
    let header = t.header.as_ref();
    let seed = header.map_or(sc.meta.seed, |h| h.seed);
    let played = play_steps(r);
    let end = r.sim.finish().map_or_else(|| r.sim.now(), |f| f.at);

    let scenario = ScenarioInfo {
        id: sc.meta.id.clone(),
        title: sc.meta.title.clone(),
        summary: sc.meta.summary.clone(),
        role: sc.meta.role.clone(),
        date: sc.meta.start_date.clone(),
        start_clock_secs: start,
        zone: sc.meta.zone.clone(),
        postmortem: sc.postmortem.as_ref().map(|p| Postmortem {
            company: p.company.clone(),
            date: p.date.clone(),
            title: p.title.clone(),
            url: p.url.clone(),
        }),
    };
    let session = Session {
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
        played_until: at(end),
        entries: t.entries.len() + usize::from(header.is_some()),
    };

    let ending = played.events.iter().find_map(|(_, e)| match &e.kind {
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
            at: at(e.at),
            text: text.clone(),
        }),
        _ => None,
    });

    let pages = pages_of(sc, &played);
    let rubric = rubric_lines(sc, &r.sim);
    let responders_name = sc.postmortem.as_ref().map_or_else(
        || "The real responders".to_string(),
        |p| format!("{}'s responders", p.company),
    );
    let responders: Vec<ResponderStep> = sc
        .rubric
        .responders
        .iter()
        .map(|m| ResponderStep {
            kind: m.kind,
            label: milestone_label(m.kind).into(),
            at: moment(start, m.offset_ms, false),
            what: m.what.clone(),
        })
        .collect();
    let status = status_cadence(sc, &played, &pages, ending.as_ref(), end);
    let milestones = milestones(
        sc,
        &played,
        &pages,
        &rubric,
        &r.sim,
        ending.as_ref(),
        &status,
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
        scenario,
        session,
        ending,
        milestones,
        responders_name,
        responders,
        root_cause: sc.rubric.root_cause.trim().to_string(),
        key_actions,
        red_herrings,
        objectives,
        timeline,
        commands: commands(sc, &played, start),
        evidence: evidence(sc, &played, start),
        escalations: escalations(sc, &played, &pages, start),
        status,
        pace: pace(&played, end, start),
        answers: t
            .answers()
            .into_iter()
            .map(|(question, text)| Answer { question, text })
            .collect(),
        notes: notes_sorted,
        warnings: Vec::new(),
        charts: charts(sc, &r.sim, &played, start),
    };
    d.warnings = warnings(sc, t, r, &d);
    d
}

fn milestone_label(k: MilestoneKind) -> &'static str {
    match k {
        MilestoneKind::Started => "impact began",
        MilestoneKind::Detected => "detected",
        MilestoneKind::Diagnosed => "diagnosed",
        MilestoneKind::Escalated => "escalated",
        MilestoneKind::Communicated => "communicated",
        MilestoneKind::Mitigated => "mitigated",
        MilestoneKind::Resolved => "resolved",
    }
}

/// A page as it went out.
struct PageInfo {
    opened: Millis,
    alert: Option<String>,
    /// The alert's title, or the page's text.
    title: String,
}

fn pages_of(sc: &Scenario, played: &Played) -> BTreeMap<u32, PageInfo> {
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

fn rubric_lines(sc: &Scenario, sim: &Sim) -> Vec<RubricLine> {
    let start = sc.meta.start_clock_secs;
    sim.rubric()
        .into_iter()
        .filter_map(|r| {
            let item = sc.rubric.items.get(r.item)?;
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
                state: state.into(),
                at: when,
                deadline: item.deadline.map(|t| moment(start, signed(t), true)),
                why: item.why.trim().to_string(),
            })
        })
        .collect()
}

/// Is this player input a status post, and did the game take it?
fn is_player_status(played: &Played, step: Option<usize>) -> bool {
    step.and_then(|i| played.steps.get(i))
        .is_some_and(|s| matches!(s.action, Action::Status(..)))
}

fn status_cadence(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    ending: Option<&EndingInfo>,
    end: Millis,
) -> StatusCadence {
    let start = sc.meta.start_clock_secs;
    let updates: Vec<StatusUpdate> = played
        .events
        .iter()
        .filter_map(|(step, e)| match &e.kind {
            EventKind::StatusPosted { state, text } => Some(StatusUpdate {
                at: moment(start, signed(e.at), true),
                state: status_word(*state).into(),
                text: text.clone(),
                by_player: is_player_status(played, *step),
            }),
            _ => None,
        })
        .collect();
    let impact = sc
        .rubric
        .responders
        .iter()
        .find(|m| m.kind == MilestoneKind::Started)
        .map(|m| m.offset_ms)
        .or_else(|| pages.values().map(|p| signed(p.opened)).min());
    let impact_began = impact.map(|ms| moment(start, ms, true));
    let mut gaps = Vec::new();
    let mut prev: Option<(Moment, String)> = impact_began
        .clone()
        .map(|m| (m, "impact began".to_string()));
    for u in &updates {
        if let Some((from, what)) = prev.take()
            && u.at.ms >= from.ms
        {
            gaps.push(gap(
                from,
                u.at.clone(),
                format!("{what} → update “{}”", u.state),
            ));
        }
        prev = Some((u.at.clone(), format!("update “{}”", u.state)));
    }
    let resolved = updates.last().is_some_and(|u| u.state == "resolved");
    if !resolved && let Some((from, what)) = prev {
        let to = moment(start, signed(end), true);
        if to.ms > from.ms {
            let until = if ending.is_some() {
                "the end"
            } else {
                "the transcript's end"
            };
            let what = if updates.is_empty() {
                format!("{what} → {until}, with no update at all")
            } else {
                format!("{what} → {until}, with no further update")
            };
            gaps.push(gap(from, to, what));
        }
    }
    let longest_gap = gaps.iter().max_by_key(|g| g.ms).cloned();
    StatusCadence {
        updates,
        impact_began,
        gaps,
        longest_gap,
    }
}

fn gap(from: Moment, to: Moment, between: String) -> Gap {
    let ms = u64::try_from(to.ms - from.ms).unwrap_or(0);
    Gap {
        from,
        to,
        ms,
        length: length(ms),
        between,
    }
}

pub(crate) fn status_word(s: crate::lang::ast::StatusState) -> &'static str {
    use crate::lang::ast::StatusState as S;
    match s {
        S::Investigating => "investigating",
        S::Identified => "identified",
        S::Monitoring => "monitoring",
        S::Resolved => "resolved",
    }
}

/// When the last paging alert stopped firing for good, and which it was.
fn mitigated_at(sc: &Scenario, played: &Played) -> (Option<(Millis, String)>, Vec<String>) {
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

fn difference(you: &Moment, real: &Moment) -> String {
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

fn milestones(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    rubric: &[RubricLine],
    sim: &Sim,
    ending: Option<&EndingInfo>,
    status: &StatusCadence,
) -> Vec<MilestoneRow> {
    let start = sc.meta.start_clock_secs;
    let at = |ms: Millis| moment(start, signed(ms), true);
    let real = |k: MilestoneKind| sc.rubric.responders.iter().find(|m| m.kind == k);
    let mut rows = Vec::new();
    let mut row =
        |label: &str, you: Option<Moment>, you_what: String, kind: MilestoneKind, always: bool| {
            let r = real(kind);
            if !always && you.is_none() && r.is_none() {
                return;
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
        };

    // Acknowledge: the first page acknowledged.
    let ack = played.events.iter().find_map(|(_, e)| match e.kind {
        EventKind::PageAcked { page } => Some((e.at, page)),
        _ => None,
    });
    let (you, what) = match ack {
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
    };
    row("Acknowledge", you, what, MilestoneKind::Detected, true);

    // Diagnose: the first key action done.
    let first_key = rubric
        .iter()
        .filter(|l| l.kind == RubricKind::KeyAction)
        .filter_map(|l| l.at.as_ref().map(|m| (m, l)))
        .min_by_key(|(m, _)| m.ms);
    let (you, what) = match first_key {
        Some((m, l)) => (
            Some(m.clone()),
            format!("the first key action done: “{}”", l.title),
        ),
        None => (None, "no key action done".into()),
    };
    row("Diagnose", you, what, MilestoneKind::Diagnosed, true);

    // Escalate: the first person the player paged, directly or by a choice
    // (the pager's own escalations are not the player's).
    let paged = played.steps.iter().find_map(|s| match &s.action {
        Action::Page(p, _) if !refused(s) => Some((s.at, p.clone())),
        Action::Choose(_) | Action::ChooseId(_) => s.events.iter().find_map(|e| match &e.kind {
            EventKind::PersonPaged { person, .. } => Some((s.at, person.clone())),
            _ => None,
        }),
        _ => None,
    });
    let (you, what) = match paged {
        Some((t, p)) => (Some(at(t)), format!("paged {}", person_name(sc, &p))),
        None => (None, "paged no one".into()),
    };
    row("Escalate", you, what, MilestoneKind::Escalated, false);

    // Communicate: the first status update by the player.
    let first = status.updates.iter().find(|u| u.by_player);
    let (you, what) = match first {
        Some(u) => (
            Some(u.at.clone()),
            format!("first status update ({})", u.state),
        ),
        None => (None, "posted no status update".into()),
    };
    row("Communicate", you, what, MilestoneKind::Communicated, false);

    // Mitigate: the last paging alert stopped firing, for good.
    let (mitigated, still) = mitigated_at(sc, played);
    let (you, what) = match mitigated {
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
    };
    row("Mitigate", you, what, MilestoneKind::Mitigated, true);

    // Resolve: the ending, when it resolved or mitigated the incident.
    let (you, what) = match ending {
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
    };
    row("Resolve", you, what, MilestoneKind::Resolved, true);
    rows
}

fn refused(s: &Step) -> bool {
    s.events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Rejected(_)))
}

fn refusal(s: &Step) -> Option<String> {
    s.events.iter().find_map(|e| match &e.kind {
        EventKind::Rejected(why) => Some(why.clone()),
        _ => None,
    })
}

fn person_name(sc: &Scenario, name: &str) -> String {
    match sc.people.iter().find(|p| p.name == name) {
        Some(p) if !p.full_name.is_empty() && p.full_name != p.name => {
            format!("{name} ({})", p.full_name)
        }
        _ => name.to_string(),
    }
}

/// The scenario's command a shell line runs, as the engine finds it.
fn command_for(sc: &Scenario, line: &str) -> Option<usize> {
    let words = tokenize(line.trim())?;
    sc.commands
        .iter()
        .position(|c| c.patterns.iter().any(|p| p.matches(&words).is_some()))
}

/// A player input in words.
fn describe(sc: &Scenario, step: &Step) -> (DecisionKind, String, Vec<String>) {
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
            if let Some(c) = command_for(sc, line).and_then(|i| sc.commands.get(i)) {
                if c.risky {
                    flags.push("risky".to_string());
                }
                if c.destructive {
                    flags.push("destructive".to_string());
                }
            }
            (DecisionKind::Command, format!("ran `{}`", line.trim()))
        }
        Action::Choose(n) => {
            let text = step
                .choices
                .iter()
                .find(|(i, _)| i == n)
                .map(|(_, t)| t.clone());
            (
                DecisionKind::Choice,
                match text {
                    Some(t) => format!("chose {}", quoted(&t)),
                    None => format!("chose number {n}"),
                },
            )
        }
        Action::ChooseId(name) => {
            let text = sc
                .choice_names
                .get(name)
                .and_then(|c| sc.choices.get(c.0))
                .map(|c| c.text.skeleton());
            (
                DecisionKind::Choice,
                match text {
                    Some(t) => format!("chose {}", quoted(&t)),
                    None => format!("chose `{name}`"),
                },
            )
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
    };
    (kind, what, flags)
}

/// Text in curly quotes, once: a choice that is already a quotation keeps its own.
fn quoted(t: &str) -> String {
    let t = t.trim();
    let inner = t
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| t.strip_prefix('“').and_then(|x| x.strip_suffix('”')))
        .unwrap_or(t);
    format!("“{inner}”")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn timeline(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    rubric: &[RubricLine],
    notes: &[Note],
    start: u32,
) -> Vec<TimelineEntry> {
    let at = |ms: Millis| moment(start, signed(ms), true);
    let entry = |m: Moment, kind: EntryKind, what: String| TimelineEntry {
        at: m,
        kind,
        decision: None,
        what,
        refused: None,
        flags: Vec::new(),
        good: None,
    };
    let mut out: Vec<TimelineEntry> = Vec::new();
    let mut seen_step = BTreeSet::new();
    for (step, e) in &played.events {
        // A decision goes in at its moment, before what it caused.
        if let Some(i) = *step
            && seen_step.insert(i)
            && let Some(s) = played.steps.get(i)
        {
            let (kind, what, flags) = describe(sc, s);
            out.push(TimelineEntry {
                decision: Some(kind),
                refused: refusal(s),
                flags,
                ..entry(at(s.at), EntryKind::Decision, what)
            });
        }
        let world = match &e.kind {
            EventKind::Page { page, to, .. } => {
                let title = pages.get(page).map_or("", |p| p.title.as_str());
                Some(if to == "you" {
                    format!("PAGE: “{title}”")
                } else {
                    format!("page “{title}” went to {}", person_name(sc, to))
                })
            }
            EventKind::Ticket { text, .. } => Some(format!("ticket: {text}")),
            EventKind::PageEscalated { page, to } => {
                let title = pages.get(page).map_or("", |p| p.title.as_str());
                Some(format!(
                    "page “{title}” escalated to {}: not acknowledged in time",
                    person_name(sc, to)
                ))
            }
            EventKind::AlertResolved { alert, title } => sc
                .alerts
                .iter()
                .find(|a| &a.name == alert)
                .filter(|a| a.severity == Severity::Page)
                .map(|_| format!("alert cleared: “{title}”")),
            EventKind::StatusPosted { state, text } if !is_player_status(played, *step) => {
                Some(format!(
                    "status page updated for you ({}): “{text}”",
                    status_word(*state)
                ))
            }
            _ => None,
        };
        if let Some(w) = world {
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
            let (kind, what, flags) = describe(sc, s);
            out.push(TimelineEntry {
                decision: Some(kind),
                refused: refusal(s),
                flags,
                ..entry(at(s.at), EntryKind::Decision, what)
            });
        }
    }
    for l in rubric {
        let Some(m) = &l.at else { continue };
        let (what, good) = match (l.kind, l.met) {
            (RubricKind::KeyAction, true) => (format!("key action done: “{}”", l.title), true),
            (RubricKind::KeyAction, false) => {
                (format!("key action done, but late: “{}”", l.title), false)
            }
            (RubricKind::RedHerring, _) => (format!("red herring followed: “{}”", l.title), false),
            (RubricKind::Objective, _) => continue,
        };
        out.push(TimelineEntry {
            good: Some(good),
            ..entry(m.clone(), EntryKind::Rubric, what)
        });
    }
    for n in notes {
        out.push(entry(at(n.at), EntryKind::Note, n.text.clone()));
    }
    // Stable: events keep their order within a moment; notes come last.
    out.sort_by_key(|e| e.at.ms);
    out
}

fn commands(sc: &Scenario, played: &Played, start: u32) -> Vec<CommandUse> {
    let mut uses: Vec<CommandUse> = Vec::new();
    let mut index: BTreeMap<(u8, String), usize> = BTreeMap::new();
    for s in played.steps {
        let Action::Run(line) = &s.action else {
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let program = tokenize(line)
            .and_then(|w| w.first().cloned())
            .unwrap_or_else(|| line.split_whitespace().next().unwrap_or(line).to_string());
        let (key, command, kind, risky, destructive) =
            match command_for(sc, line).and_then(|i| sc.commands.get(i).map(|c| (i, c))) {
                Some((i, c)) => (
                    (0, format!("{i:08}")),
                    c.patterns
                        .first()
                        .map_or_else(|| c.name.clone(), |p| p.source.clone()),
                    CommandKind::Scenario,
                    c.risky,
                    c.destructive,
                ),
                None if BUILTINS.contains(&program.as_str()) => (
                    (1, program.clone()),
                    program,
                    CommandKind::Builtin,
                    false,
                    false,
                ),
                None => (
                    (2, program.clone()),
                    program,
                    CommandKind::Unknown,
                    false,
                    false,
                ),
            };
        match index.get(&key).and_then(|&i| uses.get_mut(i)) {
            Some(u) => {
                u.count += 1;
                if !u.lines.iter().any(|l| l == line) {
                    u.lines.push(line.to_string());
                }
            }
            None => {
                index.insert(key, uses.len());
                uses.push(CommandUse {
                    command,
                    kind,
                    count: 1,
                    lines: vec![line.to_string()],
                    first: moment(start, signed(s.at), true),
                    risky,
                    destructive,
                });
            }
        }
    }
    uses
}

fn evidence(sc: &Scenario, played: &Played, start: u32) -> Evidence {
    let mut graphs: BTreeMap<String, Vec<Moment>> = BTreeMap::new();
    let mut docs: BTreeMap<String, Vec<Moment>> = BTreeMap::new();
    for (_, e) in &played.events {
        match &e.kind {
            EventKind::Graph { metric, .. } => graphs
                .entry(metric.clone())
                .or_default()
                .push(moment(start, signed(e.at), true)),
            EventKind::Document { name, .. } => {
                docs.entry(name.clone())
                    .or_default()
                    .push(moment(start, signed(e.at), true))
            }
            _ => {}
        }
    }
    let mut looked_at = Vec::new();
    let mut never = Vec::new();
    for m in &sc.metrics {
        let times = graphs.remove(&m.name).unwrap_or_default();
        let l = Looked {
            name: m.name.clone(),
            title: m.label.clone(),
            kind: "graph".into(),
            times,
            linked_from: Vec::new(),
        };
        if l.times.is_empty() {
            never.push(l)
        } else {
            looked_at.push(l)
        }
    }
    for (i, d) in sc.docs.iter().enumerate() {
        let times = docs.remove(&d.name).unwrap_or_default();
        let linked_from = sc
            .alerts
            .iter()
            .filter(|a| a.runbook.is_some_and(|r| r.0 == i))
            .map(|a| a.title.clone())
            .collect();
        let l = Looked {
            name: d.name.clone(),
            title: d.title.clone(),
            kind: match d.kind {
                DocKind::Runbook => "runbook",
                DocKind::Log => "log",
            }
            .into(),
            times,
            linked_from,
        };
        if l.times.is_empty() {
            never.push(l)
        } else {
            looked_at.push(l)
        }
    }
    looked_at.sort_by_key(|l| l.times.first().map_or(i64::MAX, |m| m.ms));
    Evidence { looked_at, never }
}

fn escalations(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    start: u32,
) -> Vec<Escalation> {
    played
        .events
        .iter()
        .filter_map(|(_, e)| match &e.kind {
            EventKind::PageEscalated { page, to } => {
                let p = pages.get(page);
                Some(Escalation {
                    at: moment(start, signed(e.at), true),
                    page: *page,
                    alert: p
                        .map(|p| p.alert.clone().unwrap_or_else(|| p.title.clone()))
                        .unwrap_or_default(),
                    to: person_name(sc, to),
                    open_for: p
                        .map(|p| length(e.at.saturating_sub(p.opened)))
                        .unwrap_or_default(),
                })
            }
            _ => None,
        })
        .collect()
}

fn pace(played: &Played, end: Millis, start: u32) -> Pace {
    let at = |ms: Millis| moment(start, signed(ms), true);
    let decisions: Vec<&Step> = played
        .steps
        .iter()
        .filter(|s| !matches!(s.action, Action::Wait(_)))
        .collect();
    let waits = played.steps.len() - decisions.len();
    let refused_count = decisions.iter().filter(|s| refused(s)).count();
    let mean_gap_ms = match (decisions.first(), decisions.last()) {
        (Some(a), Some(b)) if decisions.len() > 1 => {
            Some(b.at.saturating_sub(a.at) / (decisions.len() as u64 - 1))
        }
        _ => None,
    };
    let longest_gap = decisions
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a, b)),
            _ => None,
        })
        .max_by_key(|(a, b)| b.at.saturating_sub(a.at))
        .map(|(a, b)| {
            let sc_free = |s: &Step| match &s.action {
                Action::Run(l) => format!("`{}`", l.trim()),
                Action::Ack(_) => "acknowledging".into(),
                Action::Choose(_) | Action::ChooseId(_) => "a choice".into(),
                Action::Page(p, _) => format!("paging {p}"),
                Action::Status(..) => "a status update".into(),
                Action::Graph(m) => format!("the graph `{m}`"),
                Action::Open(d) => format!("`{d}`"),
                Action::Resolve(_) | Action::Silence(_) => "the pager".into(),
                Action::Wait(_) => "waiting".into(),
            };
            gap(
                at(a.at),
                at(b.at),
                format!("{} → {}", sc_free(a), sc_free(b)),
            )
        })
        .filter(|g| g.ms > 0);
    const FIVE: Millis = 5 * 60_000;
    let buckets = usize::try_from(end / FIVE + 1).unwrap_or(1).min(10_000);
    let mut per_five_minutes = vec![0usize; buckets];
    for s in &decisions {
        let i = usize::try_from(s.at / FIVE).unwrap_or(usize::MAX);
        if let Some(b) = per_five_minutes.get_mut(i) {
            *b += 1;
        }
    }
    // The busiest five minutes, sliding from each decision.
    let mut busiest: Option<(Millis, usize)> = None;
    let mut j = 0;
    for (i, s) in decisions.iter().enumerate() {
        while j < decisions.len() && decisions[j].at < s.at + FIVE {
            j += 1;
        }
        let n = j - i;
        if busiest.is_none_or(|(_, b)| n > b) {
            busiest = Some((s.at, n));
        }
    }
    Pace {
        decisions: decisions.len(),
        refused: refused_count,
        waits,
        first: decisions.first().map(|s| at(s.at)),
        mean_gap_ms,
        mean_gap: mean_gap_ms.map(length),
        longest_gap,
        per_five_minutes,
        busiest: busiest.map(|(t, n)| (at(t), n)),
    }
}

/// The metrics an expression reads, in order.
fn metrics_in(e: &Expr, out: &mut Vec<MetricId>) {
    match e {
        Expr::Metric(m) if !out.contains(m) => out.push(*m),
        Expr::Not(a) => metrics_in(a, out),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Compare(_, a, b)
        | Expr::Add(a, b)
        | Expr::Sub(a, b) => {
            metrics_in(a, out);
            metrics_in(b, out);
        }
        _ => {}
    }
}

fn op_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// `metric OP number` comparisons in a condition, either way round.
fn thresholds_in(e: &Expr, m: MetricId, out: &mut Vec<(CmpOp, f64)>) {
    match e {
        Expr::Compare(op, a, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Metric(x), Expr::Number(v)) if *x == m => out.push((*op, *v)),
            (Expr::Number(v), Expr::Metric(x)) if *x == m => out.push((flip(*op), *v)),
            _ => {}
        },
        Expr::Not(a) => thresholds_in(a, m, out),
        Expr::And(a, b) | Expr::Or(a, b) => {
            thresholds_in(a, m, out);
            thresholds_in(b, m, out);
        }
        _ => {}
    }
}

fn charts(sc: &Scenario, sim: &Sim, played: &Played, start: u32) -> Vec<Chart> {
    let mut watched = Vec::new();
    for a in &sc.alerts {
        metrics_in(&a.condition, &mut watched);
    }
    // When each alert fired and cleared.
    let mut spans: Vec<Firing> = Vec::new();
    for (_, e) in &played.events {
        match &e.kind {
            EventKind::AlertFiring { alert, title, .. } => spans.push(Firing {
                alert: alert.clone(),
                title: title.clone(),
                from: e.at,
                to: None,
            }),
            EventKind::AlertResolved { alert, .. } => {
                if let Some(s) = spans
                    .iter_mut()
                    .rev()
                    .find(|s| &s.alert == alert && s.to.is_none())
                {
                    s.to = Some(e.at);
                }
            }
            _ => {}
        }
    }
    watched
        .into_iter()
        .filter_map(|m| {
            let metric = sc.metrics.get(m.0)?;
            let points = sim.metric_history(m).to_vec();
            let mut thresholds = Vec::new();
            let mut firing = Vec::new();
            for a in &sc.alerts {
                let mut mine = Vec::new();
                metrics_in(&a.condition, &mut mine);
                if !mine.contains(&m) {
                    continue;
                }
                let mut found = Vec::new();
                thresholds_in(&a.condition, m, &mut found);
                thresholds.extend(found.into_iter().map(|(op, value)| Threshold {
                    alert: a.name.clone(),
                    title: a.title.clone(),
                    op: op_text(op).into(),
                    value,
                }));
                firing.extend(spans.iter().filter(|s| s.alert == a.name).cloned());
            }
            let peak = points
                .iter()
                .copied()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b >= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            let low = points
                .iter()
                .copied()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b <= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            Some(Chart {
                metric: metric.name.clone(),
                label: metric.label.clone(),
                unit: metric.unit_word.clone(),
                last: points.last().map(|p| p.1),
                points,
                thresholds,
                firing,
                peak,
                low,
            })
        })
        .collect()
}

fn describe_event(e: &Event) -> String {
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
        EventKind::Rejected(why) => format!("refused: {}", clip(why)),
        EventKind::Ended { ending, .. } => format!("ending `{ending}`"),
    };
    format!("{what} at {}", offset_text(signed(e.at)))
}

fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn warnings(sc: &Scenario, t: &Transcript, r: &Replay, d: &Debrief) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::recorded_playtest;
    use crate::record::{Transcript, replay};

    fn debrief(id: &str, test: usize) -> Debrief {
        let (sc, text) = recorded_playtest(id, test);
        let t = Transcript::read(&text);
        let r = replay(sc.clone(), &t);
        build(&sc, &t, &r, &[])
    }

    #[test]
    fn clock_and_offsets() {
        assert_eq!(clock_at(13 * 3600 + 40 * 60, 27 * 60_000, false), "14:07");
        assert_eq!(
            clock_at(23 * 3600, 3_600_000 + 5_000, true),
            "00:00:05 (+1d)"
        );
        assert_eq!(clock_at(0, -60_000, true), "23:59:00 (-1d)");
        assert_eq!(offset_text(0), "T+0");
        assert_eq!(offset_text(440_000), "T+7m20s");
        assert_eq!(offset_text(-300_000), "T-5m");
    }

    #[test]
    fn the_fast_kill_reads_right() {
        let d = debrief("cloudflare-2019-waf", 0);
        assert_eq!(
            d.ending.as_ref().map(|e| e.name.as_str()),
            Some("kill_and_fix")
        );
        let kill = d
            .key_actions
            .iter()
            .find(|l| l.name == "kill_switch")
            .unwrap();
        assert_eq!(kill.state, "done");
        let mitigate = d.milestones.iter().find(|m| m.label == "Mitigate").unwrap();
        assert!(mitigate.you.is_some(), "{mitigate:?}");
        assert_eq!(mitigate.real.as_ref().unwrap().clock, "14:07");
        assert!(
            d.timeline
                .iter()
                .any(|e| e.what == "ran `deploys --since 30m`")
        );
        assert!(
            d.timeline
                .iter()
                .any(|e| e.what.starts_with("chose “Check the change feed"))
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert!(
            d.commands.iter().any(|c| c.risky && c.count == 2),
            "{:?}",
            d.commands
        );
        assert!(!d.charts.is_empty());
    }

    #[test]
    fn an_unanswered_page_escalates() {
        let d = debrief("tutorial", 2);
        assert!(!d.escalations.is_empty());
        assert_eq!(d.pace.decisions, 0);
        assert!(d.milestones[0].you.is_none());
    }
}
