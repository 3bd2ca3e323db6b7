//! The deterministic engine: a clock, metrics that move, alert rules that
//! fire, a pager that escalates, a shell that answers, people who talk, a
//! story with choices, and endings. Pure: no terminal, no wall clock, no
//! files, no threads, no global RNG. Same scenario, seed and timed actions
//! give the same events, always.
//!
//! Time advances in fixed one-second steps. Front ends feed [`Action`]s with
//! [`Sim::apply`] and move the clock with [`Sim::advance_to`]; both return the
//! [`Event`]s that happened, each stamped with its game time.

mod actions;
mod bang;
pub mod complete;
pub mod eval;
mod help;
mod machine;
mod metrics;
mod peek;
pub mod playtest;
mod shell;
mod story;
mod support;
mod timers;
mod tools;
mod words;

pub use bang::expand_history;
pub use machine::TOOLS;
pub use metrics::MetricState;
pub use peek::Beat;
pub use shell::BUILTINS;
pub use story::{
    KEPT_EVENTS, MAX_CALL_DEPTH, MAX_MOVES_PER_STEP, MAX_PAGE_DEPTH, MAX_TIMERS_PER_STEP,
    STOPPED_ENDING,
};
pub use support::Support;

use story::{Flow, Move, Story};

use crate::scenario::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The engine's fixed step.
pub const STEP: Millis = 1000;
/// Metric history is kept at this resolution.
pub const HISTORY_EVERY: Millis = 5000;
/// Time to acknowledge, resolve or silence a page, or glance at a graph.
pub const QUICK: Millis = 5000;

/// An input to the game: the player's, or a mentor's (`Inject`). An action
/// says what was done, not who did it: a mentor who takes the keyboard gives
/// player actions too, so the journal entry that holds an action is where
/// its author (a `by`) belongs, for every kind alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Acknowledge the page of one alert, or every open page.
    Ack(Option<String>),
    Resolve(String),
    Silence(String),
    /// A line typed in the shell.
    Run(String),
    /// A choice by its number as shown, or by its `#id`. A choice keeps its
    /// number while its scene is on screen, when another is taken or goes
    /// (see [`Sim::choices`]). Written as `Choice(n)` since format 3.
    #[serde(rename = "Choice")]
    Choose(u32),
    ChooseId(String),
    /// The n-th choice on screen, counted among those shown: how transcripts
    /// before format 3 recorded a choice (as `Choose(n)`), kept so they replay.
    #[serde(rename = "Choose")]
    ChooseOnScreen(u32),
    /// Page a person with a message.
    Page(String, String),
    /// Post a status-page update.
    Status(StatusState, String),
    /// Look at a metric's graph.
    Graph(String),
    /// Read a runbook or a log.
    Open(String),
    /// Let game time pass.
    Wait(Millis),
    /// Ask for a hint: the oldest one offered and not yet shown whose
    /// condition still holds. Costs no game time.
    Hint,
    /// A mentor fires the inject of this name: its actions run once a
    /// game. Costs no game time.
    Inject(String),
    /// A mentor's hint in their own words, shown to the player. Costs no
    /// game time. (Who whispered is the journal entry's `by`.)
    Whisper(String),
}

/// Something the player can observe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: Millis,
    pub kind: EventKind,
}

/// The options of a `Choices` event with their numbers.
pub fn numbered<'a>(options: &'a [String], numbers: &'a [u32]) -> Vec<(u32, &'a str)> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let shown = u32::try_from(i + 1).unwrap_or(u32::MAX);
            (numbers.get(i).copied().unwrap_or(shown), o.as_str())
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    Narration(String),
    Chat {
        person: String,
        name: String,
        text: String,
    },
    AlertFiring {
        alert: String,
        title: String,
        summary: String,
    },
    AlertResolved {
        alert: String,
        title: String,
    },
    /// A page went out; `to` is `you` or a person's id.
    Page {
        page: u32,
        alert: Option<String>,
        to: String,
        text: String,
    },
    PageAcked {
        page: u32,
    },
    PageResolved {
        page: u32,
    },
    PageEscalated {
        page: u32,
        to: String,
    },
    Ticket {
        alert: String,
        text: String,
    },
    /// A shell line and what it printed. `prompt` is the prompt it was
    /// typed at (`maya@thumbs-01:~$`; empty in transcripts before format 3,
    /// shown as `$`).
    Shell {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        prompt: String,
        input: String,
        output: String,
    },
    /// The choices now on screen. `numbers` holds each option's number (see
    /// [`Sim::choices`]); transcripts before format 3 lack it, and there the
    /// options were numbered from 1 as shown. Read both with [`numbered`].
    Choices {
        scene: String,
        options: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        numbers: Vec<u32>,
    },
    Scene {
        scene: String,
    },
    Document {
        name: String,
        title: String,
        text: String,
    },
    Graph {
        metric: String,
        value: String,
    },
    StatusPosted {
        state: StatusState,
        text: String,
    },
    PersonPaged {
        person: String,
        text: String,
    },
    /// A mentor whispered a hint in their own words.
    Whispered {
        text: String,
    },
    /// A mentor fired an inject; its own actions' events follow.
    Injected {
        inject: String,
        title: String,
    },
    /// A hint's condition has held long enough. In a guided game its
    /// `HintShown` follows at once; in an assisted one it waits for `hint`;
    /// a solo game offers none.
    HintAvailable {
        hint: String,
        title: String,
        text: String,
    },
    /// A hint shown: the player asked for it (assisted), or it appeared on
    /// its own (guided).
    HintShown {
        hint: String,
        title: String,
        text: String,
    },
    /// An input that could not be carried out, and why.
    Rejected(String),
    Ended {
        ending: String,
        title: String,
        outcome: Outcome,
        text: String,
    },
}

/// Where an alert rule stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertStatus {
    Quiet,
    Pending { since: Millis },
    Firing { since: Millis },
}

#[derive(Debug, Clone, PartialEq)]
struct AlertRuntime {
    status: AlertStatus,
    ever_fired: bool,
    silenced: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageState {
    Triggered,
    Acked,
    Resolved,
}

/// A page or ticket on the pager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub id: u32,
    pub alert: Option<AlertId>,
    pub text: String,
    pub severity: Severity,
    pub state: PageState,
    /// Index into the escalation policy of who holds it now.
    pub level: usize,
    pub opened: Millis,
    /// When the current level was paged.
    pub level_since: Millis,
}

#[derive(Debug, Clone, PartialEq)]
struct TriggerRuntime {
    done: bool,
    next_at: Option<Millis>,
    true_since: Option<Millis>,
    /// For `whenever`: fired during the current stretch of truth.
    fired_this_time: bool,
}

/// What the player has done and seen, for conditions and the debrief.
#[derive(Debug, Clone, Default)]
struct Record {
    ran: BTreeMap<CommandId, Millis>,
    chose: BTreeMap<ChoiceId, Millis>,
    visited: BTreeSet<SceneId>,
    read: BTreeSet<DocId>,
    viewed: BTreeSet<MetricId>,
    paged: BTreeSet<PersonId>,
    status: Option<StatusState>,
    /// When the status page was first updated.
    first_status: Option<Millis>,
    shell_history: Vec<String>,
}

/// How the run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finish {
    /// `None` for the built-in time-out ending.
    pub ending: Option<EndingId>,
    pub outcome: Outcome,
    pub at: Millis,
}

/// Results read from before `applies when` existed applied.
fn applies_by_default() -> bool {
    true
}

/// Whether a rubric entry was met, and when it first held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricResult {
    pub item: usize,
    pub met: bool,
    /// Its `applies when` holds (always, without one). One that does not
    /// apply is never met; it counts as neither met nor missed.
    #[serde(default = "applies_by_default")]
    pub applies: bool,
    pub first_held: Option<Millis>,
}

/// A running scenario.
#[derive(Debug, Clone)]
pub struct Sim {
    sc: Arc<Scenario>,
    seed: u64,
    support: Support,
    now: Millis,
    vars: Vec<Value>,
    metrics: Vec<MetricState>,
    alerts: Vec<AlertRuntime>,
    pages: Vec<Page>,
    triggers: Vec<TriggerRuntime>,
    /// When each inject was fired.
    injected: Vec<Option<Millis>>,
    hints: Vec<help::HintRuntime>,
    /// `after` bodies waiting for their time.
    timers: timers::Timers,
    story: Story,
    record: Record,
    latched: Vec<Option<Millis>>,
    finish: Option<Finish>,
    events: Vec<Event>,
    /// Where the shell is logged in (`ssh`, `cd`, a scenario's `login`).
    session: machine::Session,
}

/// Scenario actions are `scenario::Action`; the name here is the player's.
type ScriptAction = crate::scenario::Action;

impl Sim {
    /// Starts `scenario` with `seed`, assisted: time zero, the opening
    /// scene entered.
    pub fn new(scenario: impl Into<Arc<Scenario>>, seed: u64) -> Sim {
        Sim::with_support(scenario, seed, Support::default())
    }

    /// Starts `scenario` with `seed` at a support level. A game and every
    /// replay of it start the same way, so they give the same events.
    pub fn with_support(scenario: impl Into<Arc<Scenario>>, seed: u64, support: Support) -> Sim {
        let sc: Arc<Scenario> = scenario.into();
        let metrics = (0..sc.metrics.len())
            .map(|i| MetricState::new(seed, i as u64 + 1))
            .collect();
        let mut sim = Sim {
            vars: sc.vars.iter().map(|v| v.initial.clone()).collect(),
            metrics,
            alerts: vec![
                AlertRuntime {
                    status: AlertStatus::Quiet,
                    ever_fired: false,
                    silenced: false
                };
                sc.alerts.len()
            ],
            pages: Vec::new(),
            triggers: sc
                .triggers
                .iter()
                .map(|t| TriggerRuntime {
                    done: false,
                    next_at: match t.kind {
                        TriggerKind::At(at) => Some(at),
                        TriggerKind::Every { from, .. } => Some(from),
                        TriggerKind::When { .. } => None,
                    },
                    true_since: None,
                    fired_this_time: false,
                })
                .collect(),
            injected: vec![None; sc.injects.len()],
            hints: vec![help::HintRuntime::default(); sc.hints.len()],
            timers: timers::Timers::default(),
            story: Story::default(),
            record: Record::default(),
            latched: vec![None; sc.rubric.items.len()],
            finish: None,
            events: Vec::new(),
            session: machine::Session::default(),
            now: 0,
            seed,
            support,
            sc,
        };
        // Time zero: the metrics are sampled once, before the opening scene
        // shows them; then the rest of the first step runs.
        sim.update_while_effects();
        sim.sample_metrics(true);
        sim.follow(Flow::Move(Move::Goto(sim.sc.opening)));
        sim.after_sampling();
        sim
    }

    pub fn scenario(&self) -> &Scenario {
        &self.sc
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How much help this game gives.
    pub fn support(&self) -> Support {
        self.support
    }

    /// Game time since the start.
    pub fn now(&self) -> Millis {
        self.now
    }

    pub fn finish(&self) -> Option<&Finish> {
        self.finish.as_ref()
    }

    pub fn is_over(&self) -> bool {
        self.finish.is_some()
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn alert_status(&self, a: AlertId) -> Option<AlertStatus> {
        self.alerts.get(a.0).map(|r| r.status)
    }

    /// What metric `m`'s monitoring reports now: `None` in a gap (no data).
    pub fn metric_value(&self, m: MetricId) -> Option<f64> {
        self.metrics.get(m.0).and_then(MetricState::reading)
    }

    /// The metric's samples so far; a sample in a gap is `None`.
    pub fn metric_history(&self, m: MetricId) -> &[(Millis, Option<f64>)] {
        self.metrics.get(m.0).map_or(&[], |s| s.history.as_slice())
    }

    /// The choices on screen, as (number, text). A choice keeps its number
    /// while its scene is on screen, so numbers stay put when one is taken.
    pub fn choices(&self) -> Vec<(u32, String)> {
        let no_placeholders = BTreeMap::new();
        let mut shown: Vec<(u32, String)> = self
            .story
            .offered
            .iter()
            .filter_map(|&c| {
                let text = &self.sc.choices.get(c.0)?.text;
                Some((self.choice_number(c)?, self.render(text, &no_placeholders)))
            })
            .collect();
        // A choice that appeared later has a later number, and comes last.
        shown.sort_by_key(|c| c.0);
        shown
    }

    /// An action from an older transcript in today's words: a choice counted
    /// among those on screen becomes the choice's own number, so a replayed
    /// or forked game journals and shows what the player took.
    #[must_use]
    pub fn normalize(&self, action: Action) -> Action {
        match action {
            Action::ChooseOnScreen(n) => {
                let shown = self.story.offered.get((n as usize).wrapping_sub(1));
                shown
                    .and_then(|&c| self.choice_number(c))
                    .map_or(Action::ChooseOnScreen(n), Action::Choose)
            }
            other => other,
        }
    }

    /// A choice's number on this visit to its scene (see `Story::numbers`).
    fn choice_number(&self, c: ChoiceId) -> Option<u32> {
        self.story
            .numbers
            .iter()
            .find(|&&(x, _)| x == c)
            .map(|&(_, n)| n)
    }

    /// The choice on screen with number `n`, if any.
    fn offered_numbered(&self, n: u32) -> Option<ChoiceId> {
        self.story
            .offered
            .iter()
            .copied()
            .find(|&c| self.choice_number(c) == Some(n))
    }

    /// Refuses a choice number that is not on screen, naming those that are.
    fn reject_number(&mut self) -> Millis {
        let numbers: Vec<String> = self
            .choices()
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect();
        match numbers.as_slice() {
            [] => self.reject("there is no choice to make right now"),
            [one] => self.reject(format!("the only choice on screen is {one}")),
            [rest @ .., last] => self.reject(format!("choose {} or {last}", rest.join(", "))),
        }
    }

    pub fn current_scene(&self) -> Option<SceneId> {
        self.story.scene
    }

    pub fn shell_history(&self) -> &[String] {
        &self.record.shell_history
    }

    /// The incident's wall-clock time now, `HH:MM:SS`.
    pub fn clock(&self) -> String {
        let secs = (u64::from(self.sc.meta.start_clock_secs) + self.now / 1000) % 86_400;
        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// The incident's date now, `YYYY-MM-DD`: the start day, moved on past
    /// each midnight.
    pub fn date(&self) -> String {
        let days = (u64::from(self.sc.meta.start_clock_secs) + self.now / 1000) / 86_400;
        crate::base::time::add_days(&self.sc.meta.start_date, days)
    }

    /// Milliseconds since the incident's midnight, for the daily swing.
    fn wall_ms(&self) -> u64 {
        u64::from(self.sc.meta.start_clock_secs) * 1000 + self.now
    }

    fn emit(&mut self, kind: EventKind) {
        self.events.push(Event { at: self.now, kind });
    }

    /// Events not yet handed out: after [`Sim::new`], the opening scene's.
    pub fn drain(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    fn take_events(&mut self) -> Vec<Event> {
        self.drain()
    }

    // ---- time -------------------------------------------------------------

    /// Moves the clock to `t` (never backwards), running every step on the
    /// way, and returns what happened. Stops early if the scenario ends.
    pub fn advance_to(&mut self, t: Millis) -> Vec<Event> {
        while self.finish.is_none() && self.now < t {
            let next = (self.now / STEP + 1) * STEP;
            if next > t {
                self.now = t;
                break;
            }
            self.now = next;
            self.tick();
        }
        self.take_events()
    }

    /// Lets `d` of game time pass.
    pub fn advance_by(&mut self, d: Millis) -> Vec<Event> {
        self.advance_to(self.now.saturating_add(d))
    }

    /// One step of the world at `self.now`.
    fn tick(&mut self) {
        if self.finish.is_some() {
            return;
        }
        self.new_step();
        // The world first (metrics, then the alerts that watch them), then
        // the triggers that react to it, so a trigger always sees this step's
        // values. Nothing runs after the drill has ended.
        self.run_timers();
        self.update_while_effects();
        let record = self.now.is_multiple_of(HISTORY_EVERY);
        self.sample_metrics(record);
        self.after_sampling();
    }

    /// The rest of a step, once the metrics have their values.
    fn after_sampling(&mut self) {
        if self.finish.is_some() {
            return;
        }
        self.update_alerts();
        self.run_triggers();
        if self.finish.is_some() {
            return;
        }
        self.escalate();
        self.latch_rubric();
        self.offer_hints();
        self.refresh_choices();
        if self.finish.is_none() && self.now >= self.sc.meta.duration {
            self.time_out();
        }
    }

    fn run_timers(&mut self) {
        while self.timers.any_due(self.now) {
            if self.timer_runaway() {
                return;
            }
            let Some(actions) = self.timers.pop_due(self.now) else {
                return;
            };
            if self.run_story(&actions, &BTreeMap::new()) == Flow::Ended {
                return;
            }
        }
    }

    fn run_triggers(&mut self) {
        let sc = self.sc.clone();
        for (i, t) in sc.triggers.iter().enumerate() {
            if self.finish.is_some() {
                return;
            }
            let fire = match &t.kind {
                TriggerKind::At(_) => {
                    let rt = &mut self.triggers[i];
                    let due = !rt.done && rt.next_at.is_some_and(|at| at <= self.now);
                    if due {
                        rt.done = true;
                    }
                    due
                }
                TriggerKind::Every {
                    interval, until, ..
                } => {
                    let rt = &mut self.triggers[i];
                    match rt.next_at {
                        Some(at) if at <= self.now && until.is_none_or(|u| at <= u) => {
                            rt.next_at = Some(at + interval.max(&STEP));
                            true
                        }
                        _ => false,
                    }
                }
                TriggerKind::When {
                    condition,
                    hold,
                    repeat,
                } => {
                    let holds = self.truth(condition);
                    let rt = &mut self.triggers[i];
                    if rt.done {
                        false
                    } else if !holds {
                        rt.true_since = None;
                        rt.fired_this_time = false;
                        false
                    } else {
                        let since = *rt.true_since.get_or_insert(self.now);
                        if !rt.fired_this_time && self.now.saturating_sub(since) >= *hold {
                            rt.fired_this_time = true;
                            if !repeat {
                                rt.done = true;
                            }
                            true
                        } else {
                            false
                        }
                    }
                }
            };
            if fire {
                self.run_story(&t.actions, &BTreeMap::new());
            }
        }
    }

    fn update_while_effects(&mut self) {
        let sc = self.sc.clone();
        for (i, e) in sc.effects.iter().enumerate() {
            let Some(cond) = &e.while_cond else { continue };
            let holds = self.truth(cond);
            let active = self
                .metrics
                .get(e.metric.0)
                .is_some_and(|m| m.is_active(EffectId(i)));
            if holds && !active {
                self.start_effect(EffectId(i));
            } else if !holds && active {
                self.stop_effect(EffectId(i));
            }
        }
    }

    fn sample_metrics(&mut self, record: bool) {
        let wall = self.wall_ms();
        let sc = self.sc.clone();
        for (i, m) in sc.metrics.iter().enumerate() {
            let state = &mut self.metrics[i];
            // Spikes end on their own.
            state.active.retain(|a| {
                sc.effects.get(a.effect.0).is_none_or(|e| match e.shape {
                    EffectShape::Spike => self.now < a.since + e.duration,
                    EffectShape::Gap if e.duration > 0 => self.now < a.since + e.duration,
                    _ => true,
                })
            });
            state.fades.retain(|f| self.now < f.since + f.over);
            let v = metrics::sample(m, &sc.effects, state, self.now, wall);
            state.value = v;
            state.gap = state.active.iter().any(|a| {
                sc.effects
                    .get(a.effect.0)
                    .is_some_and(|e| e.shape == EffectShape::Gap)
            });
            if record {
                state.history.push((self.now, state.reading()));
            }
        }
    }

    fn start_effect(&mut self, e: EffectId) {
        let sc = self.sc.clone();
        let Some(effect) = sc.effects.get(e.0) else {
            return;
        };
        let wall = self.wall_ms();
        let m = effect.metric;
        let (Some(metric), Some(state)) = (sc.metrics.get(m.0), self.metrics.get_mut(m.0)) else {
            return;
        };
        if state.is_active(e) {
            return;
        }
        let from = state.clean(metric, &sc.effects, self.now, wall);
        let target = self.effect_target(effect);
        let Some(state) = self.metrics.get_mut(m.0) else {
            return;
        };
        state.active.push(metrics::Active {
            effect: e,
            since: self.now,
            from,
            target,
        });
    }

    /// Where an effect starting now moves its metric: a level written as
    /// an expression is worked out once, now, from the state as it stands,
    /// so the effect holds its course even if that state changes later.
    fn effect_target(&self, effect: &Effect) -> Target {
        let Some(level) = &effect.level else {
            return effect.target;
        };
        let v = self.eval(level).num();
        match effect.target {
            Target::By(_) => Target::By(v),
            _ => Target::To(v),
        }
    }

    fn stop_effect(&mut self, e: EffectId) {
        let sc = self.sc.clone();
        let Some(effect) = sc.effects.get(e.0) else {
            return;
        };
        let wall = self.wall_ms();
        let (Some(metric), Some(state)) = (
            sc.metrics.get(effect.metric.0),
            self.metrics.get_mut(effect.metric.0),
        ) else {
            return;
        };
        if !state.is_active(e) {
            return;
        }
        let with = state.clean(metric, &sc.effects, self.now, wall);
        state.active.retain(|a| a.effect != e);
        let without = state.clean(metric, &sc.effects, self.now, wall);
        if metric.recover > 0 && (with - without).abs() > f64::EPSILON {
            state.fades.push(metrics::Fade {
                delta: with - without,
                since: self.now,
                over: metric.recover,
            });
        }
    }

    fn update_alerts(&mut self) {
        let sc = self.sc.clone();
        for (i, a) in sc.alerts.iter().enumerate() {
            // A rule over a metric with no data neither fires nor resolves:
            // it keeps the state it had, as alerting keeps its last state
            // when its data goes missing.
            if a.condition.metrics_read().iter().any(|m| self.in_gap(*m)) {
                continue;
            }
            let holds = self.truth(&a.condition);
            let rt = self.alerts[i].clone();
            let next = match (rt.status, holds) {
                (AlertStatus::Quiet, true) if a.hold == 0 => {
                    AlertStatus::Firing { since: self.now }
                }
                (AlertStatus::Quiet, true) => AlertStatus::Pending { since: self.now },
                (AlertStatus::Pending { since }, true)
                    if self.now.saturating_sub(since) >= a.hold =>
                {
                    AlertStatus::Firing { since: self.now }
                }
                (s, true) => s,
                (_, false) => AlertStatus::Quiet,
            };
            if next == rt.status {
                continue;
            }
            self.alerts[i].status = next;
            match (rt.status, next) {
                (_, AlertStatus::Firing { .. }) => {
                    self.alerts[i].ever_fired = true;
                    let summary = self.render(&a.summary, &BTreeMap::new());
                    self.emit(EventKind::AlertFiring {
                        alert: a.name.clone(),
                        title: a.title.clone(),
                        summary: summary.clone(),
                    });
                    if !self.alerts[i].silenced {
                        self.open_page(
                            Some(AlertId(i)),
                            format!("{}: {summary}", a.title),
                            a.severity,
                        );
                    }
                }
                (AlertStatus::Firing { .. }, AlertStatus::Quiet) => {
                    self.alerts[i].silenced = false;
                    self.emit(EventKind::AlertResolved {
                        alert: a.name.clone(),
                        title: a.title.clone(),
                    });
                    let open: Vec<u32> = self
                        .pages
                        .iter()
                        .filter(|p| p.alert == Some(AlertId(i)) && p.state != PageState::Resolved)
                        .map(|p| p.id)
                        .collect();
                    for id in open {
                        self.set_page_state(id, PageState::Resolved);
                    }
                }
                _ => {}
            }
        }
    }

    fn open_page(&mut self, alert: Option<AlertId>, text: String, severity: Severity) {
        let id = self.pages.len() as u32 + 1;
        self.pages.push(Page {
            id,
            alert,
            text: text.clone(),
            severity,
            state: PageState::Triggered,
            level: 0,
            opened: self.now,
            level_since: self.now,
        });
        let alert_name = alert
            .and_then(|a| self.sc.alerts.get(a.0))
            .map(|a| a.name.clone());
        // A ticket waits in the queue: it pages nobody.
        if severity == Severity::Ticket {
            self.emit(EventKind::Ticket {
                alert: alert_name.unwrap_or_default(),
                text,
            });
            return;
        }
        let to = self.sc.escalation.first().map_or(Pagee::Player, |l| l.who);
        self.emit(EventKind::Page {
            page: id,
            alert: alert_name,
            to: self.pagee_name(to),
            text,
        });
        if let Pagee::Person(p) = to {
            self.person_paged(p);
        }
    }

    /// Who a page escalated to, by full name: the person at its level of
    /// the escalation policy; `None` while it is still the player's.
    pub fn escalated_to(&self, page: &Page) -> Option<String> {
        if page.level == 0 {
            return None;
        }
        match self.sc.escalation.get(page.level)?.who {
            Pagee::Player => None,
            Pagee::Person(id) => self.sc.people.get(id.0).map(|p| {
                if p.full_name.is_empty() {
                    p.name.clone()
                } else {
                    p.full_name.clone()
                }
            }),
        }
    }

    fn pagee_name(&self, p: Pagee) -> String {
        match p {
            Pagee::Player => "you".into(),
            Pagee::Person(id) => self
                .sc
                .people
                .get(id.0)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        }
    }

    fn set_page_state(&mut self, id: u32, state: PageState) {
        let Some(page) = self.pages.iter_mut().find(|p| p.id == id) else {
            return;
        };
        if page.state == state {
            return;
        }
        page.state = state;
        self.emit(match state {
            PageState::Acked => EventKind::PageAcked { page: id },
            PageState::Resolved => EventKind::PageResolved { page: id },
            PageState::Triggered => return,
        });
    }

    fn escalate(&mut self) {
        let sc = self.sc.clone();
        for i in 0..self.pages.len() {
            let p = &self.pages[i];
            if p.state != PageState::Triggered || p.severity != Severity::Page {
                continue;
            }
            let Some(next) = sc.escalation.get(p.level + 1) else {
                continue;
            };
            if self.now.saturating_sub(p.level_since) < next.after {
                continue;
            }
            let id = p.id;
            self.pages[i].level += 1;
            self.pages[i].level_since = self.now;
            let to = self.pagee_name(next.who);
            self.emit(EventKind::PageEscalated { page: id, to });
            if let Pagee::Person(person) = next.who {
                self.person_paged(person);
            }
        }
    }

    /// Records a status post. `posted status` counts it only once the
    /// incident has begun (its first symptom, or an alert fired): an update
    /// before anything is wrong tells the public nothing.
    fn note_status(&mut self, state: StatusState) {
        self.record.status = Some(state);
        let now = i64::try_from(self.now).unwrap_or(i64::MAX);
        let began = crate::scenario::symptom::first_symptom(&self.sc).is_none_or(|s| now >= s)
            || self.alerts.iter().any(|a| a.ever_fired);
        if began {
            self.record.first_status.get_or_insert(self.now);
        }
    }

    fn latch_rubric(&mut self) {
        let sc = self.sc.clone();
        for (i, item) in sc.rubric.items.iter().enumerate() {
            if self.latched[i].is_none() && self.truth(&item.condition) {
                self.latched[i] = Some(self.now);
            }
        }
    }

    fn time_out(&mut self) {
        if let Some(e) = self.sc.timed_out_ending() {
            self.end(e);
        } else {
            self.finish = Some(Finish {
                ending: None,
                outcome: Outcome::TimedOut,
                at: self.now,
            });
            self.emit(EventKind::Ended {
                ending: "timed_out".into(),
                title: "Out of time".into(),
                outcome: Outcome::TimedOut,
                text: "The drill's time is up before the incident was over.".into(),
            });
        }
    }

    fn end(&mut self, e: EndingId) -> Flow {
        if self.finish.is_some() {
            return Flow::Ended;
        }
        let sc = self.sc.clone();
        let Some(ending) = sc.endings.get(e.0) else {
            return Flow::Continue;
        };
        // Rubric entries that hold at the very end still count.
        self.latch_rubric();
        let text = self.render(&ending.text, &BTreeMap::new());
        self.finish = Some(Finish {
            ending: Some(e),
            outcome: ending.outcome,
            at: self.now,
        });
        self.story.offered.clear();
        self.emit(EventKind::Ended {
            ending: ending.name.clone(),
            title: ending.title.clone(),
            outcome: ending.outcome,
            text,
        });
        Flow::Ended
    }

    // ---- player actions -------------------------------------------------

    /// Carries out a player action at the current time, then lets the time
    /// it costs pass. Returns every event, in order.
    pub fn apply(&mut self, action: Action) -> Vec<Event> {
        if self.finish.is_some() {
            self.emit(EventKind::Rejected("the drill is over".into()));
            return self.take_events();
        }
        // A command or a choice takes its time first and has its effect
        // after, so what it shows is the world once that time has passed.
        let (lead, choice) = match &action {
            Action::Run(line) => (self.shell_cost(line), None),
            Action::Choose(n) => self.choice_lead(self.offered_numbered(*n)),
            Action::ChooseOnScreen(n) => self.choice_lead(
                self.story
                    .offered
                    .get((*n as usize).wrapping_sub(1))
                    .copied(),
            ),
            Action::ChooseId(name) => self.choice_lead(
                self.sc
                    .choice_names
                    .get(name)
                    .copied()
                    .filter(|c| self.story.offered.contains(c)),
            ),
            _ => (0, None),
        };
        let mut events = self.take_events();
        if lead > 0 {
            events.extend(self.advance_by(lead));
            // The drill ended while the action was under way: it never lands.
            if self.finish.is_some() {
                return events;
            }
        }
        self.new_step();
        let cost = match (action, choice) {
            (Action::Choose(_) | Action::ChooseOnScreen(_) | Action::ChooseId(_), Some(c))
                if !self.story.offered.contains(&c) =>
            {
                self.reject(
                    "that choice is no longer on offer: the story moved on while you were busy",
                )
            }
            (Action::Choose(_) | Action::ChooseOnScreen(_) | Action::ChooseId(_), Some(c)) => {
                self.take_choice(c)
            }
            (other, _) => self.perform(other),
        };
        // The world reacts at once (alerts, triggers), not a step later; a
        // refused input changes nothing, so nothing reacts to it.
        let refused = matches!(
            self.events.last(),
            Some(Event {
                kind: EventKind::Rejected(_),
                ..
            })
        );
        if !refused {
            self.after_sampling();
        }
        events.extend(self.take_events());
        events.extend(self.advance_by(cost.saturating_sub(lead)));
        events
    }

    /// What taking choice `c` costs, if it is on offer.
    fn choice_lead(&self, c: Option<ChoiceId>) -> (Millis, Option<ChoiceId>) {
        match c.and_then(|c| {
            self.sc
                .choices
                .get(c.0)
                .map(|ch| (ch.takes.unwrap_or(self.sc.meta.action_cost), c))
        }) {
            Some((cost, c)) => (cost, Some(c)),
            None => (0, None),
        }
    }

    fn reject(&mut self, why: impl Into<String>) -> Millis {
        self.emit(EventKind::Rejected(why.into()));
        0
    }

    fn alert_by_name(&self, name: &str) -> Option<AlertId> {
        self.sc
            .alerts
            .iter()
            .position(|a| a.name == name)
            .map(AlertId)
    }

    /// Does the action; returns the game time it costs.
    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    fn perform(&mut self, action: Action) -> Millis {
        let cost = self.sc.meta.action_cost;
        match action {
            Action::Wait(d) => d,
            Action::Hint => self.show_hint(),
            Action::Inject(name) => self.inject(&name),
            Action::Whisper(text) => {
                self.emit(EventKind::Whispered { text });
                0
            }
            Action::Ack(alert) => {
                let ids: Vec<u32> = match &alert {
                    Some(name) => {
                        let Some(a) = self.alert_by_name(name) else {
                            return self.reject(format!("no alert called `{name}`"));
                        };
                        self.pages
                            .iter()
                            .filter(|p| p.alert == Some(a) && p.state == PageState::Triggered)
                            .map(|p| p.id)
                            .collect()
                    }
                    None => self
                        .pages
                        .iter()
                        .filter(|p| p.state == PageState::Triggered && p.severity == Severity::Page)
                        .map(|p| p.id)
                        .collect(),
                };
                if ids.is_empty() {
                    return self.reject("no open page to acknowledge");
                }
                for id in ids {
                    self.set_page_state(id, PageState::Acked);
                }
                QUICK
            }
            Action::Resolve(ref name) | Action::Silence(ref name) => {
                let silence = matches!(action, Action::Silence(_));
                let name = name.clone();
                let Some(a) = self.alert_by_name(&name) else {
                    return self.reject(format!("no alert called `{name}`"));
                };
                if silence {
                    self.alerts[a.0].silenced = true;
                }
                let open: Vec<u32> = self
                    .pages
                    .iter()
                    .filter(|p| p.alert == Some(a) && p.state != PageState::Resolved)
                    .map(|p| p.id)
                    .collect();
                if open.is_empty() && !silence {
                    return self.reject(format!("`{name}` has no open page"));
                }
                for id in open {
                    self.set_page_state(id, PageState::Resolved);
                }
                QUICK
            }
            Action::Run(line) => self.run_shell(&line),
            Action::Choose(n) => match self.offered_numbered(n) {
                Some(c) => self.take_choice(c),
                None => self.reject_number(),
            },
            Action::ChooseOnScreen(n) => match self
                .story
                .offered
                .get((n as usize).wrapping_sub(1))
                .copied()
            {
                Some(c) => self.take_choice(c),
                None => self.reject_number(),
            },
            Action::ChooseId(name) => match self.sc.choice_names.get(&name).copied() {
                Some(c) if self.story.offered.contains(&c) => self.take_choice(c),
                Some(_) => self.reject(format!("the choice `{name}` is not on screen")),
                None => self.reject(format!("no choice is called `{name}`")),
            },
            Action::Page(person, message) => {
                let sc = self.sc.clone();
                let Some(i) = sc.people.iter().position(|p| p.name == person) else {
                    return self.reject(format!("no one called `{person}` works here"));
                };
                if !sc.people[i].pageable {
                    return self.reject(format!("{} cannot be paged", sc.people[i].full_name));
                }
                self.record.paged.insert(PersonId(i));
                self.emit(EventKind::PersonPaged {
                    person,
                    text: message,
                });
                self.person_paged(PersonId(i));
                cost
            }
            Action::Status(state, text) => {
                self.note_status(state);
                self.emit(EventKind::StatusPosted { state, text });
                cost
            }
            Action::Graph(name) => {
                let Some(m) = self.sc.metric_by_name(&name) else {
                    return self.reject(format!("no metric called `{name}`"));
                };
                self.record.viewed.insert(m);
                let value = self.format_metric(m);
                self.emit(EventKind::Graph {
                    metric: name,
                    value,
                });
                QUICK
            }
            Action::Open(name) => {
                let sc = self.sc.clone();
                let Some(i) = sc.docs.iter().position(|d| d.name == name) else {
                    return self.reject(format!("no runbook or log called `{name}`"));
                };
                let doc = &sc.docs[i];
                self.record.read.insert(DocId(i));
                let text = doc
                    .variants
                    .iter()
                    .find(|v| v.when.as_ref().is_none_or(|c| self.truth(c)))
                    .map(|v| self.render(&v.text, &BTreeMap::new()))
                    .unwrap_or_default();
                self.emit(EventKind::Document {
                    name,
                    title: doc.title.clone(),
                    text,
                });
                cost
            }
        }
    }

    fn take_choice(&mut self, c: ChoiceId) -> Millis {
        let sc = self.sc.clone();
        let Some(choice) = sc.choices.get(c.0) else {
            return 0;
        };
        self.story.taken.insert(c);
        self.record.chose.entry(c).or_insert(self.now);
        self.story.offered.clear();
        if self.run_story(&choice.actions, &BTreeMap::new()) == Flow::Continue
            && self.story.scene == Some(choice.scene)
        {
            let flow = self.offer_choices();
            self.follow(flow);
        }
        choice.takes.unwrap_or(sc.meta.action_cost)
    }

    /// Outcome of every rubric entry so far: key actions count if done by their
    /// deadline, red herrings if ever taken, objectives if they hold now (or
    /// held when the drill ended). An entry applies if its `applies when`
    /// holds now: once the drill is over, as it ended.
    pub fn rubric(&self) -> Vec<RubricResult> {
        self.sc
            .rubric
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let first = self.latched[i];
                let applies = item.applies.as_ref().is_none_or(|c| self.truth(c));
                let met = applies
                    && match item.kind {
                        RubricKind::KeyAction => {
                            first.is_some_and(|t| item.deadline.is_none_or(|d| t <= d))
                        }
                        RubricKind::RedHerring => first.is_some(),
                        RubricKind::Objective => self.truth(&item.condition),
                    };
                RubricResult {
                    item: i,
                    met,
                    applies,
                    first_held: first,
                }
            })
            .collect()
    }

    /// Whether metric `m` reports no data now.
    fn in_gap(&self, m: MetricId) -> bool {
        self.metrics.get(m.0).is_some_and(|s| s.gap)
    }

    /// The state of an alert as conditions see it.
    fn alert_is(&self, a: AlertId, state: AlertState) -> bool {
        let Some(rt) = self.alerts.get(a.0) else {
            return false;
        };
        let page = |s: PageState| {
            self.pages
                .iter()
                .any(|p| p.alert == Some(a) && p.state == s)
        };
        match state {
            AlertState::Firing => matches!(rt.status, AlertStatus::Firing { .. }),
            AlertState::Pending => matches!(rt.status, AlertStatus::Pending { .. }),
            AlertState::Quiet => rt.status == AlertStatus::Quiet,
            AlertState::Resolved => {
                rt.ever_fired && !matches!(rt.status, AlertStatus::Firing { .. })
            }
            AlertState::Acked => page(PageState::Acked),
            AlertState::Silenced => rt.silenced,
        }
    }
}
