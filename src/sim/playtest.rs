//! Playthrough tests: a scenario's `test` blocks, run against the engine.
//! Each feeds its timed inputs to a fresh [`Sim`], lets the drill run to its
//! end, and compares the ending and rubric with what the author expected.

use super::changes::Change;
use super::{Action, Event, EventKind, Sim, eval::format_offset};
use crate::base::source::Span;
use crate::scenario::command::{Act, DocWord};
use crate::scenario::*;
use std::sync::Arc;

/// One expectation or step that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The step or `expect` line.
    pub span: Span,
    /// Game time when it was found.
    pub at: Millis,
    pub message: String,
    /// The step it points to.
    pub blame: Blame,
}

/// The step a failure points to, so an author finds where a playthrough
/// went wrong, not only that its end was not the one expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    /// This step (from 1) went wrong: refused, late, or never run.
    Step(usize),
    /// What was expected could last have changed at this step (from 1): the
    /// drill ended during it, or a rubric condition first held during it.
    After(usize),
    /// Before the first step: the opening, or a test with no steps.
    Start,
}

impl Blame {
    /// The blame for something that happened during step `n` (from 1; 0 is
    /// the opening, before any step).
    fn after(n: usize) -> Blame {
        if n == 0 {
            Blame::Start
        } else {
            Blame::After(n)
        }
    }
}

/// The outcome of one test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestReport {
    pub name: String,
    pub failures: Vec<Failure>,
    /// How the drill ended, as `ending (outcome) at T+..`.
    pub ended: String,
}

impl TestReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One step of a playthrough as it ran: when its input was given, what
/// happened (from the end of the step before: the wait for a step's `at`
/// is part of it), and what changed in the state.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// From 1, as failures count them.
    pub number: usize,
    /// The step's line.
    pub span: Span,
    /// Game time its input was given.
    pub at: Millis,
    /// Game time once the input had taken its time.
    pub end: Millis,
    /// The input in the player's words (`run "restart api"`).
    pub input: String,
    /// What went wrong at this step (refused, late, never ran), if anything.
    pub failure: Option<String>,
    pub events: Vec<Event>,
    pub changes: Vec<Change>,
}

/// A playthrough step by step: the opening, each step that ran, what
/// happened after the last one until the drill ended, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The opening's events, before the first step.
    pub opening: Vec<Event>,
    pub steps: Vec<Step>,
    /// After the last step, until the end.
    pub rest: Vec<Event>,
    pub rest_changes: Vec<Change>,
    pub report: TestReport,
}

/// The engine action a test input stands for: the same action a player
/// typing its words in the plain front end gives.
pub fn action_for(sc: &Scenario, input: &TestInput) -> Action {
    Action::from(input.act(sc))
}

/// The engine's form of a player's command. Every front end and the
/// playthrough tests turn commands into actions here, and only here.
impl From<Act> for Action {
    fn from(act: Act) -> Action {
        match act {
            Act::Ack(a) => Action::Ack(a),
            Act::Resolve(a) => Action::Resolve(a),
            Act::Silence(a) => Action::Silence(a),
            Act::Run(line) => Action::Run(line),
            Act::Choose(n) => Action::Choose(n),
            Act::ChooseId(c) => Action::ChooseId(c),
            Act::Page(p, msg) => Action::Page(p, msg),
            Act::Status(s, msg) => Action::Status(s, msg),
            Act::Graph(m) => Action::Graph(m),
            Act::Open(_, d) => Action::Open(d),
            Act::Wait(ms) => Action::Wait(ms),
            Act::Hint => Action::Hint,
            Act::Inject(i) => Action::Inject(i),
            Act::Whisper(t) => Action::Whisper(t),
        }
    }
}

/// An engine action in the words a player types for it, so any action a
/// front end gives (a key in the TUI too) can be written as a test step.
/// A document reads as `read NAME`, which opens a runbook or a log alike.
impl From<Action> for Act {
    fn from(action: Action) -> Act {
        match action {
            Action::Ack(a) => Act::Ack(a),
            Action::Resolve(a) => Act::Resolve(a),
            Action::Silence(a) => Act::Silence(a),
            Action::Run(line) => Act::Run(line),
            // An older transcript's on-screen count: replays turn it into
            // the choice's own number first (`Sim::normalize`), so only a
            // choice no longer on screen arrives here, and it is refused.
            Action::Choose(n) | Action::ChooseOnScreen(n) => Act::Choose(n),
            Action::ChooseId(c) => Act::ChooseId(c),
            Action::Page(p, msg) => Act::Page(p, msg),
            Action::Status(s, msg) => Act::Status(s, msg),
            Action::Graph(m) => Act::Graph(m),
            Action::Open(d) => Act::Open(DocWord::Read, d),
            Action::Wait(ms) => Act::Wait(ms),
            Action::Hint => Act::Hint,
            Action::Inject(i) => Act::Inject(i),
            Action::Whisper(t) => Act::Whisper(t),
        }
    }
}

fn describe_end(sim: &Sim) -> String {
    match sim.finish() {
        Some(f) => {
            let builtin = if sim.stopped().is_some() {
                super::STOPPED_ENDING
            } else {
                "the built-in time-out"
            };
            let name = f
                .ending
                .and_then(|e| sim.scenario().endings.get(e.0))
                .map_or(builtin, |e| e.name.as_str());
            format!(
                "`{name}` ({}) at {}",
                f.outcome.label(),
                format_offset(f.at)
            )
        }
        None => "no ending".into(),
    }
}

/// Runs one playthrough test.
pub fn run(sc: &Arc<Scenario>, test: &PlayTest) -> TestReport {
    trace(sc, test).report
}

/// Runs one playthrough test step by step, keeping what each step did.
pub fn trace(sc: &Arc<Scenario>, test: &PlayTest) -> Trace {
    let mut sim = Sim::new(sc.clone(), test.seed);
    let opening = sim.drain();
    let mut state = sim.state();
    let mut steps: Vec<Step> = Vec::new();
    let mut failures = Vec::new();
    for (i, step) in test.steps.iter().enumerate() {
        // Waiting after the end is how a script says "let it finish": harmless.
        if sim.is_over() && matches!(step.input, TestInput::Wait(_)) && step.at.is_none() {
            continue;
        }
        let given = give(&mut sim, sc, step, i + 1);
        let after = sim.state();
        steps.push(Step {
            number: i + 1,
            span: step.span,
            at: given.at,
            end: sim.now(),
            input: step.input.act(sc).to_string(),
            failure: given.failure.as_ref().map(|f| f.message.clone()),
            events: given.events,
            changes: state.changes(&after),
        });
        state = after;
        failures.extend(given.failure);
        if given.stop {
            break;
        }
    }
    let rest = sim.advance_to(Millis::MAX);
    let rest_changes = state.changes(&sim.state());
    let ended = describe_end(&sim);
    failures.extend(final_failures(sc, test, &sim, &steps, &ended));
    Trace {
        opening,
        steps,
        rest,
        rest_changes,
        report: TestReport {
            name: test.name.clone(),
            failures,
            ended,
        },
    }
}

/// What giving one step's input did.
struct Given {
    /// When the input was given (or would have been).
    at: Millis,
    /// From the end of the step before: the wait for its time, then the input's.
    events: Vec<Event>,
    failure: Option<Failure>,
    /// The drill ended before the input could be given: the test stops.
    stop: bool,
}

/// Gives one step's input (step `n`, from 1) at its time.
fn give(sim: &mut Sim, sc: &Scenario, step: &TestStep, n: usize) -> Given {
    let fail = |at: Millis, message: String| Failure {
        span: step.span,
        at,
        message,
        blame: Blame::Step(n),
    };
    if sim.is_over() {
        let message = format!(
            "it never ran: the drill had already ended with {}",
            describe_end(sim)
        );
        return Given {
            at: sim.now(),
            events: Vec::new(),
            failure: Some(fail(sim.now(), message)),
            stop: true,
        };
    }
    let mut events = Vec::new();
    let mut late = None;
    if let Some(at) = step.at {
        if at < sim.now() {
            let message = format!(
                "it is set for {}, but the clock is already at {} (earlier inputs cost game time)",
                format_offset(at),
                format_offset(sim.now())
            );
            late = Some(fail(sim.now(), message));
        }
        events.extend(sim.advance_to(at));
        if sim.is_over() {
            let message = format!(
                "it never ran: the drill ended with {} while waiting for it",
                describe_end(sim)
            );
            return Given {
                at: sim.now(),
                events,
                failure: Some(fail(sim.now(), message)),
                stop: true,
            };
        }
    }
    let at = sim.now();
    events.extend(sim.apply(action_for(sc, &step.input)));
    let refused = events.iter().find_map(|e| match &e.kind {
        EventKind::Rejected(r) => Some(fail(at, format!("the engine refused it: {r}"))),
        _ => None,
    });
    Given {
        at,
        events,
        failure: refused.or(late),
        stop: false,
    }
}

/// The step (from 1; 0 before any) during which game time `t` fell: the
/// first one still going at `t` (a step includes the wait for its time).
fn step_at(steps: &[Step], t: Millis) -> usize {
    steps
        .iter()
        .find(|s| s.end >= t)
        .or(steps.last())
        .map_or(0, |s| s.number)
}

/// The step during which the drill ended (0: before any), or the last one.
fn ending_step(steps: &[Step]) -> usize {
    steps
        .iter()
        .find(|s| {
            s.events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Ended { .. }))
        })
        .or(steps.last())
        .map_or(0, |s| s.number)
}

/// What fails once the drill is over: a story the engine had to stop, and
/// each expectation that does not hold, each pointing at the step where
/// what it is about last changed.
fn final_failures(
    sc: &Scenario,
    test: &PlayTest,
    sim: &Sim,
    steps: &[Step],
    ended: &str,
) -> Vec<Failure> {
    let mut failures = Vec::new();
    let end_at = sim.finish().map_or(sim.now(), |f| f.at);
    let ended_in = Blame::after(ending_step(steps));
    // A story the engine had to stop is broken, whatever the test expects.
    if let Some(why) = sim.stopped() {
        failures.push(Failure {
            span: test.span,
            at: end_at,
            message: format!("the engine stopped the story: {why}"),
            blame: ended_in,
        });
    }
    let rubric = sim.rubric();
    for (expectation, span) in &test.expectations {
        match expectation {
            Expectation::Ending(e) => {
                let got = sim.finish().and_then(|f| f.ending);
                if got != Some(*e) {
                    let want = sc.endings.get(e.0).map_or("?", |x| x.name.as_str());
                    failures.push(Failure {
                        span: *span,
                        at: end_at,
                        message: format!(
                            "expected the ending `{want}`, but the drill ended with {ended}"
                        ),
                        blame: ended_in,
                    });
                }
            }
            Expectation::NotApplicable(item) => {
                let at = (*span, end_at, ended_in);
                if let Some(failure) = applies_failure(sc, &rubric, *item, at) {
                    failures.push(failure);
                }
            }
            Expectation::Rubric { item, met } => {
                let Some(entry) = sc.rubric.items.get(*item) else {
                    continue;
                };
                let result = rubric.get(*item);
                if !result.is_none_or(|r| r.applies) {
                    failures.push(Failure {
                        span: *span,
                        at: end_at,
                        message: format!(
                            "expected the {} `{}` {}, but it does not apply on this path (its `applies when` did not hold at the end); expect it `n/a`",
                            kind_word(entry.kind),
                            entry.name,
                            if *met { "to be met" } else { "not to be met" }
                        ),
                        blame: ended_in,
                    });
                    continue;
                }
                if result.is_some_and(|r| r.met) == *met {
                    continue;
                }
                let first_held = result.and_then(|r| r.first_held);
                // Met when it should not be: the step it first held in.
                // Not met: any step could have met it; the last is named.
                let blame = match first_held {
                    Some(t) => Blame::after(step_at(steps, t)),
                    None => Blame::after(steps.last().map_or(0, |s| s.number)),
                };
                failures.push(Failure {
                    span: *span,
                    at: first_held.unwrap_or(end_at),
                    message: rubric_message(entry, *met, first_held),
                    blame,
                });
            }
        }
    }
    failures
}

/// "expected the key action `x` to be met, but it was not".
fn rubric_message(entry: &RubricItem, met: bool, first_held: Option<Millis>) -> String {
    let kind = kind_word(entry.kind);
    let (want, actual) = match (entry.kind, met) {
        (RubricKind::RedHerring, true) => ("to be taken", "it was not"),
        (RubricKind::RedHerring, false) => ("not to be taken", "it was"),
        (_, true) => ("to be met", "it was not"),
        (_, false) => ("not to be met", "it was"),
    };
    let when = first_held
        .map(|t| format!(" (its condition first held at {})", format_offset(t)))
        .unwrap_or_default();
    format!(
        "expected the {kind} `{}` {want}, but {actual}{when}",
        entry.name
    )
}

/// A rubric kind in a test's messages.
fn kind_word(kind: RubricKind) -> &'static str {
    match kind {
        RubricKind::KeyAction => "key action",
        RubricKind::RedHerring => "red herring",
        RubricKind::Objective => "objective",
    }
}

/// `expect ... n/a` failed: the entry applied after all.
fn applies_failure(
    sc: &Scenario,
    rubric: &[crate::sim::RubricResult],
    item: usize,
    (span, now, blame): (Span, Millis, Blame),
) -> Option<Failure> {
    let entry = sc.rubric.items.get(item)?;
    let applies = rubric.get(item).is_none_or(|r| r.applies);
    applies.then(|| Failure {
        span,
        at: now,
        blame,
        message: format!(
            "expected the {} `{}` not to apply on this path, but its `applies when` held at the end",
            kind_word(entry.kind),
            entry.name
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::command::{Command, read};
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        "[a-z_][a-z0-9_]{0,8}"
    }

    fn action() -> impl Strategy<Value = Action> {
        let state = prop_oneof![
            Just(StatusState::Investigating),
            Just(StatusState::Resolved),
        ];
        prop_oneof![
            proptest::option::of(name()).prop_map(Action::Ack),
            name().prop_map(Action::Resolve),
            name().prop_map(Action::Silence),
            ".+".prop_map(Action::Run),
            (1..=u32::MAX).prop_map(Action::Choose),
            name().prop_map(Action::ChooseId),
            (name(), any::<String>()).prop_map(|(p, m)| Action::Page(p, m)),
            (state, any::<String>()).prop_map(|(s, m)| Action::Status(s, m)),
            name().prop_map(Action::Graph),
            name().prop_map(Action::Open),
            (0..=366 * 24 * 3_600_000_u64).prop_map(Action::Wait),
        ]
    }

    proptest! {
        /// Every action a front end can give has words that read back to it.
        #[test]
        fn every_action_has_words_that_read_back_to_it(a in action()) {
            let words = Act::from(a.clone()).to_string();
            let Ok(Command::Act(back)) = read(&words) else {
                return Err(TestCaseError::fail(format!("{words:?} does not read")));
            };
            prop_assert_eq!(Action::from(back), a, "{}", words);
        }
    }
}
