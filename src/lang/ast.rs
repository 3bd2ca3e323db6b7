//! The syntax tree: what the author wrote, with a span on everything, before
//! names are resolved. `lower` turns it into the checked model.

use super::source::Span;

/// A name as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Text that may interpolate `{name}`s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub parts: Vec<TextPart>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TextPart {
    Literal(String),
    Name(Ident),
}

impl Text {
    /// The text with `{name}`s written back, for display in tools.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                TextPart::Literal(l) => s.push_str(l),
                TextPart::Name(n) => {
                    s.push('{');
                    s.push_str(&n.name);
                    s.push('}');
                }
            }
        }
        s
    }
}

/// A number with the unit its literal carried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: LiteralUnit,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralUnit {
    None,
    Percent,
    /// A duration; the value is in milliseconds.
    Millis,
}

/// Milliseconds with the span they were written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Millis {
    pub ms: u64,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BinOp {
    Or,
    And,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Add,
    Sub,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
        }
    }
}

pub use crate::base::states::{AlertState, StatusState};

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Bool(bool),
    Quantity(Quantity),
    Offset(u64),
    Now,
    Name(Ident),
    AlertIs(Ident, AlertState),
    Ran(Ident, Option<Millis>),
    Chose(Ident, Option<Millis>),
    Visited(Ident),
    Read(Ident),
    Viewed(Ident),
    Paged(Ident),
    /// `on HOST`: the shell is on that host.
    OnHost(Ident),
    PostedStatus(Option<Millis>),
    StatusIs(StatusState),
    Is {
        name: Ident,
        negated: bool,
        value: Ident,
    },
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

/// Who a `page` action or escalation step reaches.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagee {
    Player(Span),
    Person(Ident),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Narrate(Text),
    Chat(Ident, Text),
    Page(Pagee, Text),
    Set(Ident, Expr),
    Start(Ident),
    Stop(Ident),
    After(Millis, Vec<Action>),
    If(Expr, Vec<Action>, Vec<Action>),
    Goto(Ident),
    Call(Ident),
    Interrupt(Ident),
    End(Ident),
    Return(Span),
    Wait(Span),
    PostStatus(StatusState, Text),
    /// `login HOST`: the shell is now on this host.
    Login(Ident),
}

/// Where text comes from: written inline or read from a file beside the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Inline(Text),
    File(Text),
}

/// A `text`/`output` entry: shown when its condition holds (or always).
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub when: Option<Expr>,
    pub body: Body,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScenarioHeader {
    pub id: Option<Ident>,
    pub span: Span,
    pub title: Option<Text>,
    pub summary: Option<Text>,
    pub difficulty: Option<Ident>,
    pub minutes: Option<Quantity>,
    pub tags: Vec<Ident>,
    pub role: Option<Text>,
    /// The kind of role the player is given (`role primary "..."`).
    pub role_kind: Option<Ident>,
    pub start: Option<StartTime>,
    pub duration: Option<Millis>,
    pub speed: Option<Quantity>,
    pub seed: Option<Quantity>,
    pub cost: Option<Millis>,
    pub opening: Option<Ident>,
    pub briefing: Option<Text>,
    /// `user NAME`: who the player is logged in as.
    pub user: Option<Ident>,
    /// `host NAME`: the host the player starts on.
    pub host: Option<Ident>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StartTime {
    pub date: String,
    pub clock_secs: u32,
    pub zone: String,
    pub offset_minutes: i32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Postmortem {
    pub span: Span,
    pub company: Option<Text>,
    pub date: Option<Ident>,
    pub title: Option<Text>,
    pub url: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum VarInit {
    Flag(bool),
    Number(Quantity),
    Enum(Vec<Ident>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// `None` (with no `expr`) means the metric's baseline.
    pub value: Option<Quantity>,
    /// A level written as an expression over state (`slo_ms + 200`),
    /// worked out when the effect starts; `value` is then `None`.
    pub expr: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectShape {
    Step,
    Ramp,
    Spike,
    Decay,
    /// The metric reports no data (its monitoring is dark).
    Gap,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EffectDecl {
    pub name: Ident,
    pub shape: EffectShape,
    /// `by` (relative) rather than `to`.
    pub relative: bool,
    pub level: Level,
    pub duration: Option<Millis>,
    pub while_cond: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricDecl {
    pub name: Ident,
    pub label: Option<Text>,
    pub unit: Option<Ident>,
    pub baseline: Option<Quantity>,
    pub noise: Option<Quantity>,
    pub daily: Option<(Quantity, u32)>,
    pub range: Option<(Quantity, Quantity)>,
    pub recover: Option<Millis>,
    pub effects: Vec<EffectDecl>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlertDecl {
    pub name: Ident,
    pub title: Option<Text>,
    pub when: Option<(Expr, Option<Millis>)>,
    pub severity: Option<Ident>,
    pub summary: Option<Text>,
    pub runbook: Option<Ident>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EscalationStep {
    pub who: Pagee,
    pub after: Option<Millis>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonDecl {
    pub name: Ident,
    pub full_name: Text,
    pub role: Option<Text>,
    pub team: Option<Ident>,
    pub pageable: bool,
    pub when_paged: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq)]
// `risky`, `destructive`, `hidden` and `rollback` are independent lines an
// author writes: no state machine hides among them.
#[allow(clippy::struct_excessive_bools)]
pub struct CommandDecl {
    pub name: Ident,
    pub patterns: Vec<Text>,
    pub takes: Option<Millis>,
    pub risky: bool,
    pub destructive: bool,
    /// Never listed (help, `--help`, suggestions, completion): the player
    /// learns it from the story or their own knowledge.
    pub hidden: bool,
    /// Running it rolls back a change, as the story's right move.
    pub rollback: bool,
    /// Its program's shared outputs (`program NAME` blocks) are not its.
    pub standalone: bool,
    /// The logs running it shows (`reads log NAME [when COND]`), for the
    /// debrief.
    pub reads: Vec<(Ident, Option<Expr>)>,
    pub outputs: Vec<Variant>,
    pub actions: Vec<Action>,
}

/// `program NAME`: outputs every command of that program shares (an API
/// that is down answers every call alike).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramDecl {
    /// The program's word, as typed (`kubectl`, `gitlab-ctl`).
    pub name: Ident,
    pub outputs: Vec<Variant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Runbook,
    Log,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocDecl {
    pub kind: DocKind,
    pub name: Ident,
    pub title: Text,
    pub variants: Vec<Variant>,
}

/// A `host NAME ["full.host.name"]` block.
#[derive(Debug, Clone, PartialEq)]
pub struct HostDecl {
    pub name: Ident,
    pub hostname: Option<Text>,
    pub user: Option<Ident>,
    pub dir: Option<Text>,
    pub cpu: Option<Ident>,
    pub memory: Option<Ident>,
    pub disk: Option<Ident>,
    /// `process [when COND] "command line"`.
    pub processes: Vec<Variant>,
}

/// A `file "/path"` block: its hosts, and a log or text variants.
#[derive(Debug, Clone, PartialEq)]
pub struct FileDecl {
    pub path: Text,
    pub hosts: Vec<Ident>,
    pub log: Option<Ident>,
    pub variants: Vec<Variant>,
}

/// A `url "https://..."` block: what `curl` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct UrlDecl {
    pub url: Text,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TriggerKind {
    At(Millis),
    Every {
        interval: Millis,
        from: Option<Millis>,
        until: Option<Millis>,
    },
    When {
        cond: Expr,
        hold: Option<Millis>,
        repeat: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriggerDecl {
    pub kind: TriggerKind,
    pub actions: Vec<Action>,
}

/// An `inject NAME "title"` block: actions only a mentor sets off.
#[derive(Debug, Clone, PartialEq)]
pub struct InjectDecl {
    pub name: Ident,
    pub title: Option<Text>,
    pub actions: Vec<Action>,
}

/// A `hint NAME "title"` block: text offered once its condition holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HintDecl {
    pub name: Option<Ident>,
    pub title: Option<Text>,
    /// `when CONDITION [for DURATION]`.
    pub when: Option<(Expr, Option<Millis>)>,
    pub text: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub sticky: bool,
    pub text: Text,
    pub id: Option<Ident>,
    pub only_if: Option<Expr>,
    pub takes: Option<Millis>,
    pub actions: Vec<Action>,
    pub sources: Vec<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneDecl {
    pub name: Ident,
    pub actions: Vec<Action>,
    pub choices: Vec<Choice>,
    pub fallback: Option<(Span, Vec<Action>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndingDecl {
    pub name: Ident,
    pub title: Option<Text>,
    pub outcome: Option<(String, Span)>,
    pub text: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RubricKind {
    KeyAction,
    RedHerring,
    Objective,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RubricItem {
    pub kind: RubricKind,
    pub name: Ident,
    pub title: Text,
    pub cond: Option<Expr>,
    /// `applies when C`: on a path where C does not hold at the end, the
    /// entry is not applicable (neither met nor missed).
    pub applies: Option<Expr>,
    pub by: Option<Millis>,
    /// `marks diagnosis` or `marks mitigation`, as written.
    pub marks: Option<Ident>,
    pub why: Option<Text>,
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MomentTime {
    Clock(u32, Span),
    Offset(Millis),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub kind: Ident,
    pub time: MomentTime,
    /// Written with `~`: the postmortem gives the time only roughly.
    pub approximate: bool,
    pub what: Text,
    pub sources: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DebriefDecl {
    pub root_cause: Option<Text>,
    /// `root cause words "waf" "regex"`: words a hypothesis that names the
    /// root cause would use.
    pub cause_words: Vec<Text>,
    pub items: Vec<RubricItem>,
    pub responders: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TestStep {
    pub at: Option<Millis>,
    /// The player's command, each name and text with where it was written.
    pub input: crate::scenario::command::Act<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Ending(Ident),
    Rubric {
        kind: RubricKind,
        name: Ident,
        negated: bool,
        /// `expect objective X n/a`: its `applies when` does not hold.
        not_applicable: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TestDecl {
    pub name: Ident,
    pub title: Option<Text>,
    pub seed: Option<Quantity>,
    pub steps: Vec<TestStep>,
    /// `hypothesis TEXT` lines: noted after the first `n` steps.
    pub hypotheses: Vec<(usize, Text)>,
    pub expects: Vec<(Expectation, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Scenario(Box<ScenarioHeader>),
    Postmortem(Postmortem),
    Include(Text),
    Var(Ident, VarInit),
    Metric(Box<MetricDecl>),
    Alert(Box<AlertDecl>),
    Escalation(Vec<EscalationStep>),
    Person(Box<PersonDecl>),
    Command(Box<CommandDecl>),
    Program(Box<ProgramDecl>),
    Doc(Box<DocDecl>),
    Host(Box<HostDecl>),
    File(Box<FileDecl>),
    Url(Box<UrlDecl>),
    Trigger(Box<TriggerDecl>),
    Inject(Box<InjectDecl>),
    Hint(Box<HintDecl>),
    Scene(Box<SceneDecl>),
    Ending(Box<EndingDecl>),
    Debrief(Box<DebriefDecl>),
    Test(Box<TestDecl>),
}

/// One top-level block.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    /// The block's first line.
    pub span: Span,
    /// `source "..."` provenance notes.
    pub sources: Vec<Text>,
}
