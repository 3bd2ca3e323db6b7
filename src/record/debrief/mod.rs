//! The debrief: what a mentor and a new hire read together after a drill.
//!
//! [`build`] turns a transcript and its replay into a [`Debrief`]: the
//! ending, the player's milestones beside the real responders' timeline, the
//! rubric (key actions, red herrings, objectives, each with why it matters),
//! every decision in words, the commands run, the evidence looked at and
//! missed, escalations, the status page's cadence, the pace of decisions
//! (the player's real think time, from the transcript's `real` stamps),
//! the help the game gave (its support level, the hints and the mentor's
//! injects), the player's answers and the mentor's notes, and the series of every
//! metric an alert watches. The same value is then written four ways:
//! [`markdown`], [`terminal`] (80 columns, coloured when asked), [`html`]
//! (one self-contained page with SVG charts) and [`to_ron`] (for tools).
//! The first three print one [`document::Document`], built once, so their
//! sections, titles and numbers cannot drift apart.
//!
//! Times are shown twice: as the incident's wall clock (in its zone) and as
//! a `T+` offset from the drill's start, so they line up with the real
//! responders' timeline from the postmortem.
mod build;
mod build_charts;
mod build_evidence;
mod build_help;
mod build_hypotheses;
mod build_milestones;
mod build_pace;
mod build_status;
mod build_timeline;
mod doc_help;
mod doc_outcome;
mod doc_pace;
mod doc_play;
mod doc_reasoning;
pub mod document;
mod html;
mod markdown;
mod steps;
mod svg;
mod terminal;
mod text;
mod what_if;

pub use build::{build, live_rubric};
pub(crate) use build_status::status_word;
pub use build_timeline::command_for;
pub use html::{code_pairs, esc, html};
pub use markdown::markdown;
pub use terminal::terminal;
pub use what_if::{PathStep, WhatIf, what_if};

use crate::lang::fmt_duration;
use crate::scenario::{MilestoneKind, Millis, Outcome, RubricKind};
use serde::{Deserialize, Serialize};

/// A mentor's note pinned to a moment of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub at: crate::scenario::Millis,
    pub text: String,
    /// Who wrote it (empty in notes from before notes had authors).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl Note {
    /// The note as the debrief prints it: `maya: look at disk first`.
    pub fn words(&self) -> String {
        if self.author.is_empty() {
            self.text.clone()
        } else {
            format!("{}: {}", self.author, self.text)
        }
    }
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
    /// Its `applies when` held at the end (always, without one). One that
    /// does not apply is `not applicable`: in no count, good or bad.
    pub applies: bool,
    /// `done`, `done late`, `missed`, `followed`, `avoided`, `met`, `not met`,
    /// `not applicable`.
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
    /// A mentor's intervention (an inject), not the player's decision.
    Mentor,
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
    /// When it was asked for: a graph chosen or printed, a runbook or log
    /// opened.
    pub times: Vec<Moment>,
    /// How long a graph was on screen without being asked for each time
    /// (the TUI's dashboard).
    pub on_screen: Option<OnScreen>,
    /// Runs of commands that show this log (`reads log` in the scenario).
    pub shell: Vec<ShellRead>,
    /// The alerts that link it (runbooks), by title.
    pub linked_from: Vec<String>,
}

impl Looked {
    /// Whether the player saw it at all.
    pub fn seen(&self) -> bool {
        !self.times.is_empty() || self.on_screen.is_some() || !self.shell.is_empty()
    }

    /// When the player first saw it.
    pub fn first(&self) -> Option<&Moment> {
        let on_screen = self.on_screen.as_ref().map(|o| &o.from);
        let shell = self.shell.first().map(|s| &s.at);
        [self.times.first(), on_screen, shell]
            .into_iter()
            .flatten()
            .min_by_key(|m| m.ms)
    }
}

/// How long a graph was on screen, all its stretches together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnScreen {
    /// When it first came on screen.
    pub from: Moment,
    /// Game time on screen, and in words (`27m`).
    pub ms: u64,
    pub length: String,
    /// Real time on screen, when the transcript's real stamps tell it.
    pub real_ms: Option<u64>,
    pub real: Option<String>,
}

/// A log read through the shell: the command line and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShellRead {
    pub at: Moment,
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub looked_at: Vec<Looked>,
    /// Graphs, runbooks and logs the player never saw.
    pub never: Vec<Looked>,
}

/// What the player had seen before a hypothesis, each name once, in the
/// order first seen.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Seen {
    pub graphs: Vec<String>,
    pub runbooks: Vec<String>,
    pub logs: Vec<String>,
    /// The command lines run, as typed.
    pub commands: Vec<String>,
}

/// A working hypothesis the player noted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HypothesisLine {
    pub at: Moment,
    pub text: String,
    /// Who noted it when that was not the player.
    pub by: Option<String>,
    /// What the player had seen before noting it.
    pub seen: Seen,
    /// The root-cause words it uses; `None` when the scenario gives none.
    pub matched: Option<Vec<String>>,
    /// Whether it names the root cause, in words.
    pub verdict: String,
}

/// The player's reasoning: their hypotheses, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reasoning {
    /// The scenario's root-cause words; none: the match is the reader's.
    pub cause_words: Vec<String>,
    pub hypotheses: Vec<HypothesisLine>,
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

/// How the game's time went for the player: decisions, waiting, and real
/// think time. Game time and real time are never mixed: each figure says
/// which it is, and none of them is a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// A practice game: its clock waited for the player, so gaps in game
    /// time say nothing about how long they took.
    pub practice: bool,
    /// The player's own inputs, less waits and looks at graphs.
    pub decisions: usize,
    /// Of those, refused by the game.
    pub refused: usize,
    /// Graphs looked at: not decisions.
    pub looks: usize,
    /// Deliberate `wait`s, and the game time they let pass in all.
    pub waits: usize,
    pub waited: String,
    /// The first decision, in game time.
    pub first: Option<Moment>,
    /// The player's real think time; `None` when the transcript has no
    /// real times (a test's, an older firedrill's).
    pub thinking: Option<Thinking>,
    /// Decisions in each five minutes of game time, from the start (real
    /// time games only: in practice, game time moves only when one acts).
    pub per_five_minutes: Vec<usize>,
    /// The busiest five minutes of game time: when they began and how
    /// many decisions (real time games only).
    pub busiest: Option<(Moment, usize)>,
}

/// A stretch of the player's real time (pauses left out) and what it led
/// to or lay between, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RealSpan {
    pub ms: u64,
    /// `1m20s`.
    pub length: String,
    pub what: String,
}

/// A page to the player, and how long in real time until their first
/// input after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageResponse {
    pub page: u32,
    pub title: String,
    /// When it went out, in game time.
    pub at: Moment,
    /// Real time to the first input after it (`what` names the input);
    /// `None` when none came.
    pub first_input: Option<RealSpan>,
}

/// The median think time of one part of the game's decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThinkPart {
    pub decisions: usize,
    pub median_ms: u64,
    pub median: String,
}

/// The player's real time in the game, pauses left out: think times, each
/// page's first input, pauses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thinking {
    /// `None` when the player made no decision.
    pub times: Option<ThinkTimes>,
    pub pages: Vec<PageResponse>,
    /// How often the game was paused (paused time is no one's think time).
    pub pauses: usize,
}

/// Think time: from the moment the player could act (the start, their
/// previous decision, the end of a `wait`, a mentor's move with the
/// keyboard) to each decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThinkTimes {
    pub median_ms: u64,
    pub median: String,
    /// The longest think, and the decision it led to.
    pub longest: RealSpan,
    /// The longest real time between two decisions (or from the start to
    /// the first), waits and looks included.
    pub longest_stretch: RealSpan,
    /// The decisions in order, cut into quarters (eight or more) or halves
    /// (four to seven), each part's median: how think time changed.
    pub parts: Vec<ThinkPart>,
}

/// A hint that came due in the game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HintUse {
    pub name: String,
    pub title: String,
    /// When its condition had held long enough (`None`: not recorded).
    pub offered: Option<Moment>,
    /// When it was shown; `None`: it was ready but never asked for.
    pub shown: Option<Moment>,
    /// Shown because the player asked (`false`: it appeared on its own).
    pub asked: bool,
}

/// An inject the mentor fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectUse {
    pub at: Moment,
    pub name: String,
    pub title: String,
}

/// The help the game gave: context for the conversation, not a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Help {
    /// `guided`, `assisted` or `solo`.
    pub support: String,
    /// How many hints and injects the scenario has.
    pub declared_hints: usize,
    pub declared_injects: usize,
    /// Every hint that came due, in order.
    pub hints: Vec<HintUse>,
    pub injects: Vec<InjectUse>,
    /// Everything a mentor did, in order: came and went, whispered, fired
    /// an inject, paused, took the keyboard and played.
    pub mentor: Vec<MentorMove>,
}

/// One thing a mentor did during the game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentorMove {
    pub at: Moment,
    pub who: String,
    pub what: String,
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
    /// `(game ms, value)`, every few seconds; `None` (JSON `null`) where
    /// the metric reported no data.
    pub points: Vec<(Millis, Option<f64>)>,
    pub thresholds: Vec<Threshold>,
    pub firing: Vec<Firing>,
    /// The highest and lowest values and when; the value at the end.
    pub peak: Option<(Moment, f64)>,
    pub low: Option<(Moment, f64)>,
    /// `None` when the game ended in a gap.
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
    /// What may be said of the player's times beside the real team's: a
    /// resolved real-time game's two resolutions in words, or why the
    /// times are not compared. Empty without a real timeline.
    pub comparison: String,
    /// The incident's first symptom: no rubric entry counts before it.
    pub first_symptom: Option<Moment>,
    /// Who the real responders were (`Cloudflare's responders`).
    pub responders_name: String,
    pub responders: Vec<ResponderStep>,
    pub root_cause: String,
    pub key_actions: Vec<RubricLine>,
    pub red_herrings: Vec<RubricLine>,
    pub objectives: Vec<RubricLine>,
    pub timeline: Vec<TimelineEntry>,
    pub commands: Vec<CommandUse>,
    pub reasoning: Reasoning,
    pub evidence: Evidence,
    pub escalations: Vec<Escalation>,
    pub status: StatusCadence,
    pub pace: Pace,
    pub help: Help,
    pub answers: Vec<Answer>,
    pub notes: Vec<Note>,
    /// Problems with the transcript or the replay the reader should know.
    pub warnings: Vec<String>,
    pub charts: Vec<Chart>,
    /// For a game forked from another: both paths from the fork point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf>,
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

pub(super) fn moment(start_secs: u32, ms: i64, seconds: bool) -> Moment {
    Moment {
        ms,
        clock: clock_at(start_secs, ms, seconds),
        offset: offset_text(ms),
    }
}

pub(super) fn signed(ms: Millis) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
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

    /// The debrief of the tutorial played with these shell lines, one
    /// every 30 seconds.
    fn debrief_of_lines(lines: &[&str]) -> Debrief {
        let (sc, text) = recorded_playtest("tutorial", 0);
        let header = Transcript::read(&text).header.unwrap();
        let mut out = Vec::new();
        let mut j = crate::record::Journal::start(&mut out, &header).unwrap();
        let mut sim = crate::sim::Sim::new(sc.clone(), header.seed);
        j.events(&sim.drain()).unwrap();
        for (i, line) in lines.iter().enumerate() {
            j.events(&sim.advance_to(30_000 * (i as u64 + 1))).unwrap();
            let action = crate::sim::Action::Run((*line).into());
            j.action(sim.now(), &action, None, None).unwrap();
            j.events(&sim.apply(action)).unwrap();
        }
        let t = Transcript::read(&String::from_utf8(out).unwrap());
        let r = replay(sc.clone(), &t);
        build(&sc, &t, &r, &[])
    }

    #[test]
    fn a_repeated_command_is_labelled_as_the_command_it_repeated() {
        let d = debrief_of_lines(&["rm -rf /var/lib/thumbs", "!!"]);
        let runs: Vec<&TimelineEntry> = d
            .timeline
            .iter()
            .filter(|e| e.what.starts_with("ran "))
            .collect();
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[1].what, "ran `rm -rf /var/lib/thumbs` (typed as `!!`)");
        assert_eq!(runs[0].flags, runs[1].flags);
        assert!(runs[1].flags.contains(&"destructive".to_string()));
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
    fn a_fictional_scenario_compares_with_no_one() {
        let d = debrief("tutorial", 0);
        assert!(d.comparison.is_empty());
        let diagnose = d.milestones.iter().find(|m| m.label == "Diagnose").unwrap();
        assert!(diagnose.real.is_none());
        assert!(diagnose.you.is_none(), "no mark, no guess: {diagnose:?}");
    }

    #[test]
    fn an_unanswered_page_escalates() {
        let d = debrief("tutorial", 2);
        assert!(!d.escalations.is_empty());
        assert_eq!(d.pace.decisions, 0);
        assert!(d.milestones[0].you.is_none());
    }
}
