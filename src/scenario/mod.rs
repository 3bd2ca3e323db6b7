//! The checked scenario model: every name resolved to an index, every value
//! typed, every element carrying the span it came from. The engine plays this;
//! nothing here knows about text syntax, terminals or files.

pub mod command;
pub mod machine;
pub mod pattern;
pub mod symptom;

use crate::base::source::Span;
pub use crate::base::states::{AlertState, StatusState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! ids {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
        pub struct $name(pub usize);
    )*};
}
ids!(
    VarId, MetricId, EffectId, AlertId, PersonId, CommandId, DocId, TriggerId, SceneId, ChoiceId,
    EndingId, InjectId, HintId
);

/// Game time and durations, in milliseconds since the scenario started.
pub use crate::base::time::Millis;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// The kind of role a scenario gives the player, as its header's `role`
/// declares it: what onboarding counts as "played in each role".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The primary on-call engineer, hands on the systems.
    Primary,
    /// The incident commander, running the response.
    IncidentCommander,
    /// The communications lead: status page, customers, the company.
    Communications,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Primary, Role::IncidentCommander, Role::Communications];

    /// The word a scenario writes: `primary`, `incident-commander`, `communications`.
    pub fn word(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::IncidentCommander => "incident-commander",
            Role::Communications => "communications",
        }
    }

    pub fn from_word(word: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.word() == word)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// What the picker and the briefing show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub minutes: u32,
    pub tags: Vec<String>,
    pub role: String,
    /// The kind of role, when the header declares one.
    pub role_kind: Option<Role>,
    pub briefing: String,
    /// `YYYY-MM-DD` of the incident's first moment.
    pub start_date: String,
    /// Seconds after midnight, in the incident's zone.
    pub start_clock_secs: u32,
    /// The zone as written (`UTC`, `+02:00`) and its offset from UTC in minutes.
    pub zone: String,
    pub zone_offset_minutes: i32,
    pub duration: Millis,
    pub speed: f64,
    pub seed: u64,
    pub action_cost: Millis,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostmortemInfo {
    pub company: String,
    pub date: String,
    pub title: String,
    pub url: String,
}

/// A unit a number carries, so comparisons across units can be refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Unit {
    /// A bare number: fits any unit.
    Plain,
    Percent,
    /// A time quantity; the value counts units of this many milliseconds.
    Duration {
        ms_per_unit: f64,
    },
    Other(String),
}

/// The unit words with a meaning of their own: `unit WORD` with any other
/// word declares a unit by that name (`req/s`, `jobs`).
pub const UNIT_WORDS: &[&str] = &["%", "ms", "s", "m", "min"];

impl Unit {
    /// The unit a metric declares with `unit WORD` (see [`UNIT_WORDS`]).
    pub fn from_word(word: &str) -> Unit {
        match word {
            "%" => Unit::Percent,
            "ms" => Unit::Duration { ms_per_unit: 1.0 },
            "s" => Unit::Duration {
                ms_per_unit: 1000.0,
            },
            "m" | "min" => Unit::Duration {
                ms_per_unit: 60_000.0,
            },
            "" => Unit::Plain,
            other => Unit::Other(other.to_string()),
        }
    }

    /// "a percentage", "a number of `jobs`"...: for messages.
    pub fn describe(&self) -> String {
        match self {
            Unit::Plain => "a plain number".into(),
            Unit::Percent => "a percentage".into(),
            Unit::Duration { ms_per_unit } => {
                let unit = match *ms_per_unit {
                    u if u <= 1.0 => "ms",
                    u if u <= 1000.0 => "s",
                    _ => "min",
                };
                format!("a time in `{unit}`")
            }
            Unit::Other(w) => format!("a number of `{w}`"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum VarKind {
    Flag,
    Number(Unit),
    Enum(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Value {
    Bool(bool),
    Number(f64),
    /// An index into the enum's values.
    Enum(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Var {
    pub name: String,
    pub kind: VarKind,
    pub initial: Value,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EffectShape {
    Step,
    Ramp,
    Spike,
    Decay,
    /// The metric reports no data while it is active (its monitoring is
    /// dark); its value goes on underneath, unseen.
    Gap,
}

/// Where an effect moves its metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Target {
    To(f64),
    By(f64),
    Baseline,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    pub name: String,
    pub metric: MetricId,
    pub shape: EffectShape,
    pub target: Target,
    /// A level written as an expression over state: worked out when the
    /// effect starts, it stands for `target`'s number (`To` or `By`).
    pub level: Option<Expr>,
    /// Ramp and decay: how long the move takes; spike and gap: how long it
    /// holds (0: until stopped).
    pub duration: Millis,
    /// Active exactly while this holds, instead of by `start`/`stop`.
    pub while_cond: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub name: String,
    pub label: String,
    pub unit: Unit,
    pub unit_word: String,
    pub baseline: f64,
    pub noise: f64,
    /// Amplitude of the daily swing and the second of the day it peaks.
    pub daily: Option<(f64, u32)>,
    pub range: Option<(f64, f64)>,
    pub recover: Millis,
    pub effects: Vec<EffectId>,
    pub sources: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Page,
    Ticket,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub name: String,
    pub title: String,
    pub condition: Expr,
    pub hold: Millis,
    pub severity: Severity,
    pub summary: Text,
    pub runbook: Option<DocId>,
    pub sources: Vec<String>,
    pub span: Span,
}

/// Who is paged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pagee {
    Player,
    Person(PersonId),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationLevel {
    pub who: Pagee,
    /// How long the previous level has to acknowledge before this one is paged.
    pub after: Millis,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub full_name: String,
    pub role: String,
    pub team: String,
    pub pageable: bool,
    pub when_paged: Vec<Action>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Output {
    pub when: Option<Expr>,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
// `risky`, `destructive`, `hidden` and `rollback` are independent facts an
// author states: no state machine hides among them.
#[allow(clippy::struct_excessive_bools)]
pub struct Command {
    pub name: String,
    pub patterns: Vec<pattern::Pattern>,
    /// Where each pattern was written.
    pub pattern_spans: Vec<Span>,
    pub takes: Option<Millis>,
    pub risky: bool,
    pub destructive: bool,
    /// Never listed by the shell (help, `--help`, a near miss, completion):
    /// it runs when typed, and the story tells of it.
    pub hidden: bool,
    /// Running it rolls back a change, and that is a right move in the
    /// story (`rollback`): onboarding counts it as "rolled back a change".
    pub rollback: bool,
    /// The logs running it shows (`reads log NAME [when COND]`): the
    /// debrief counts a run as reading each whose condition held as it ran.
    pub reads: Vec<(DocId, Option<Expr>)>,
    pub outputs: Vec<Output>,
    pub actions: Vec<Action>,
    pub sources: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Runbook,
    Log,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub name: String,
    pub kind: DocKind,
    pub title: String,
    pub variants: Vec<Output>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TriggerKind {
    At(Millis),
    Every {
        interval: Millis,
        from: Millis,
        until: Option<Millis>,
    },
    When {
        condition: Expr,
        hold: Millis,
        repeat: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger {
    pub kind: TriggerKind,
    pub actions: Vec<Action>,
    pub sources: Vec<String>,
    pub span: Span,
}

/// Something a mentor may set off during a game (a manager asks for an
/// ETA, a second alert fires): actions run like a trigger's, but only when
/// a mentor fires it, at most once a game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inject {
    pub name: String,
    /// What the mentor's list shows; the name when the author gave none.
    pub title: String,
    pub actions: Vec<Action>,
    pub sources: Vec<String>,
    pub span: Span,
}

/// A hint the engine offers once its condition has held for `hold`; the
/// front end shows it or not by the player's support level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hint {
    pub name: String,
    /// A short line naming it; the name when the author gave none.
    pub title: String,
    pub condition: Expr,
    pub hold: Millis,
    pub text: Text,
    pub sources: Vec<String>,
    pub span: Span,
}

/// Scene changes a story may make in one step (one player input, or one
/// second of the clock) before the engine stops it as a runaway; a chain of
/// 100,000 scenes runs well within it. The checker cites it too.
pub const MAX_MOVES_PER_STEP: u64 = 1_000_000;
/// How deep `call` and `interrupt` may nest without a `return`.
pub const MAX_CALL_DEPTH: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    pub name: String,
    pub actions: Vec<Action>,
    pub choices: Vec<ChoiceId>,
    pub fallback: Option<Vec<Action>>,
    pub sources: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub scene: SceneId,
    /// The author's `#id`, if given.
    pub name: Option<String>,
    pub text: Text,
    pub sticky: bool,
    pub only_if: Option<Expr>,
    pub takes: Option<Millis>,
    pub actions: Vec<Action>,
    pub sources: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Resolved,
    Mitigated,
    Worse,
    TimedOut,
    /// The engine stopped a story that ran in a loop (never an author's
    /// ending: the checker reports such loops).
    Stopped,
}

impl Difficulty {
    pub fn word(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

impl std::fmt::Display for Difficulty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl MilestoneKind {
    pub fn word(self) -> &'static str {
        match self {
            MilestoneKind::Started => "started",
            MilestoneKind::Detected => "detected",
            MilestoneKind::Diagnosed => "diagnosed",
            MilestoneKind::Escalated => "escalated",
            MilestoneKind::Communicated => "communicated",
            MilestoneKind::Mitigated => "mitigated",
            MilestoneKind::Resolved => "resolved",
        }
    }
}

impl std::fmt::Display for MilestoneKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::Mitigated => "mitigated",
            Outcome::Worse => "made worse",
            Outcome::TimedOut => "timed out",
            Outcome::Stopped => "stopped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ending {
    pub name: String,
    pub title: String,
    pub outcome: Outcome,
    pub text: Text,
    pub sources: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Action {
    Narrate(Text),
    Chat(PersonId, Text),
    Page(Pagee, Text),
    Set(VarId, Expr),
    Start(EffectId),
    Stop(EffectId),
    After(Millis, Vec<Action>),
    If(Expr, Vec<Action>, Vec<Action>),
    Goto(SceneId),
    Call(SceneId),
    Interrupt(SceneId),
    Return,
    Wait,
    End(EndingId),
    /// A colleague posts to the status page.
    PostStatus(StatusState, Text),
    /// The shell is now logged in to this host (a scenario's own `ssh`).
    Login(machine::HostId),
}

/// Calls `f` on every action in `list` and, after each `if` or `after`, on
/// the actions of its bodies: the one walk over actions every pass shares.
pub fn each_action(list: &[Action], f: &mut dyn FnMut(&Action)) {
    for a in list {
        f(a);
        match a {
            Action::If(_, x, y) => {
                each_action(x, f);
                each_action(y, f);
            }
            Action::After(_, x) => each_action(x, f),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    /// The same comparison with its sides swapped: `5 < x` is `x > 5`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            CmpOp::Eq | CmpOp::Ne => self,
        }
    }
}

/// A condition or value, resolved and type-checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expr {
    Bool(bool),
    Number(f64),
    /// A `T+` offset.
    Time(Millis),
    /// The game time now.
    Now,
    /// An enum value (of the variable it is compared with or assigned to).
    EnumValue(usize),
    Var(VarId),
    Metric(MetricId),
    EnumIs {
        var: VarId,
        value: usize,
        negated: bool,
    },
    AlertIs(AlertId, AlertState),
    Ran(CommandId, Option<Millis>),
    Chose(ChoiceId, Option<Millis>),
    Visited(SceneId),
    Read(DocId),
    Viewed(MetricId),
    Paged(PersonId),
    /// The shell is on this host now.
    OnHost(machine::HostId),
    /// The status page was updated (by anyone), if given before this time.
    PostedStatus(Option<Millis>),
    StatusIs(StatusState),
    /// A placeholder of the command being run is (or is not) this word:
    /// `node == cp-4`. Only a command's own outputs and lines hold one.
    Arg {
        name: String,
        value: String,
        negated: bool,
    },
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// The metrics the expression reads, in order, each once.
    pub fn metrics_read(&self) -> Vec<MetricId> {
        let mut out = Vec::new();
        self.collect_metrics(&mut out);
        out
    }

    /// A number made of literals and variables only (`slo_ms + 50`): a
    /// threshold a graph can draw, at its level now.
    pub fn is_level(&self) -> bool {
        match self {
            Expr::Number(_) | Expr::Var(_) => true,
            Expr::Add(a, b) | Expr::Sub(a, b) => a.is_level() && b.is_level(),
            _ => false,
        }
    }

    fn collect_metrics(&self, out: &mut Vec<MetricId>) {
        match self {
            Expr::Metric(m) if !out.contains(m) => out.push(*m),
            Expr::Not(a) => a.collect_metrics(out),
            Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Compare(_, a, b)
            | Expr::Add(a, b)
            | Expr::Sub(a, b) => {
                a.collect_metrics(out);
                b.collect_metrics(out);
            }
            _ => {}
        }
    }
}

/// Text with its interpolations resolved.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Text {
    pub parts: Vec<TextPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TextPart {
    Literal(String),
    Var(VarId),
    Metric(MetricId),
    /// A command pattern's placeholder, filled from what the player typed.
    Placeholder(String),
    Now,
    Elapsed,
}

impl Text {
    pub fn literal(s: impl Into<String>) -> Text {
        Text {
            parts: vec![TextPart::Literal(s.into())],
        }
    }

    /// The literal parts only: for tools that show text without a running game.
    pub fn skeleton(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                TextPart::Literal(s) => s.as_str(),
                _ => "…",
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RubricKind {
    KeyAction,
    RedHerring,
    Objective,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricItem {
    pub kind: RubricKind,
    pub name: String,
    pub title: String,
    pub condition: Expr,
    /// `applies when C`: judged only on paths where C holds when the game
    /// ends; elsewhere it is not applicable, neither met nor missed.
    pub applies: Option<Expr>,
    pub deadline: Option<Millis>,
    /// The milestone this key action stands for in the debrief, if any.
    pub marks: Option<Mark>,
    pub why: String,
    pub sources: Vec<String>,
    pub span: Span,
}

/// The milestone a key action marks (`marks diagnosis`, `marks mitigation`):
/// the debrief's Diagnose or Mitigate row shows when the player did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Diagnosis,
    Mitigation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MilestoneKind {
    /// Impact began.
    Started,
    Detected,
    Diagnosed,
    Escalated,
    Communicated,
    Mitigated,
    Resolved,
}

/// A moment of the real responders' timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    /// Milliseconds from the scenario's start (negative: before it).
    pub offset_ms: i64,
    /// Written `~14:02`: the postmortem gives the time only roughly.
    pub approximate: bool,
    pub what: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Rubric {
    pub root_cause: String,
    /// Words a hypothesis naming the root cause would use (`root cause
    /// words`), lower case; none: the debrief leaves the match to the reader.
    pub cause_words: Vec<String>,
    pub items: Vec<RubricItem>,
    pub responders: Vec<Milestone>,
}

/// A player input in a playthrough test, its names resolved: the checked
/// form of a [`command::Act`] (see [`TestInput::act`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TestInput {
    Ack(Option<AlertId>),
    Resolve(AlertId),
    Silence(AlertId),
    Run(String),
    Choose(ChoiceRef),
    Page(PersonId, String),
    Status(StatusState, String),
    Graph(MetricId),
    Runbook(DocId),
    Logs(DocId),
    Wait(Millis),
    /// The player asks for a hint.
    Hint,
    /// The mentor fires an inject.
    Inject(InjectId),
    /// The mentor whispers a hint.
    Whisper(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ChoiceRef {
    /// The n-th choice on screen, from 1.
    Number(u32),
    Id(ChoiceId),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestStep {
    /// When to give the input; `None` means right after the previous one.
    pub at: Option<Millis>,
    pub input: TestInput,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expectation {
    Ending(EndingId),
    Rubric {
        item: usize,
        met: bool,
    },
    /// `expect ... n/a`: the entry does not apply on the test's path.
    NotApplicable(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayTest {
    pub name: String,
    pub title: String,
    pub seed: u64,
    pub steps: Vec<TestStep>,
    /// The player's hypotheses, each noted after the first `n` steps: for
    /// the transcript and the debrief, never applied to the game.
    pub hypotheses: Vec<(usize, String)>,
    pub expectations: Vec<(Expectation, Span)>,
    pub span: Span,
}

/// A checked scenario, ready to play.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub meta: Meta,
    pub postmortem: Option<PostmortemInfo>,
    pub vars: Vec<Var>,
    pub metrics: Vec<Metric>,
    pub effects: Vec<Effect>,
    pub alerts: Vec<Alert>,
    pub escalation: Vec<EscalationLevel>,
    pub people: Vec<Person>,
    pub commands: Vec<Command>,
    pub docs: Vec<Document>,
    pub triggers: Vec<Trigger>,
    /// What a mentor may fire, in declaration order.
    pub injects: Vec<Inject>,
    /// Hints offered without a mentor, in declaration order.
    pub hints: Vec<Hint>,
    pub scenes: Vec<Scene>,
    pub choices: Vec<Choice>,
    pub opening: SceneId,
    pub endings: Vec<Ending>,
    pub rubric: Rubric,
    pub tests: Vec<PlayTest>,
    /// Choice `#id`s.
    pub choice_names: BTreeMap<String, ChoiceId>,
    /// Hosts, files and URLs the shell's everyday commands read.
    pub machine: machine::Machine,
}

impl Scenario {
    pub fn scene(&self, id: SceneId) -> Option<&Scene> {
        self.scenes.get(id.0)
    }

    pub fn metric_by_name(&self, name: &str) -> Option<MetricId> {
        self.metrics
            .iter()
            .position(|m| m.name == name)
            .map(MetricId)
    }

    pub fn inject_by_name(&self, name: &str) -> Option<InjectId> {
        self.injects
            .iter()
            .position(|i| i.name == name)
            .map(InjectId)
    }

    pub fn timed_out_ending(&self) -> Option<EndingId> {
        self.endings
            .iter()
            .position(|e| e.outcome == Outcome::TimedOut)
            .map(EndingId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_word_has_a_meaning_of_its_own() {
        for w in UNIT_WORDS {
            assert!(!matches!(Unit::from_word(w), Unit::Other(_)), "{w}");
        }
    }
}
