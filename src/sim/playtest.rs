//! Playthrough tests: a scenario's `test` blocks, run against the engine.
//! Each feeds its timed inputs to a fresh [`Sim`], lets the drill run to its
//! end, and compares the ending and rubric with what the author expected.

use super::{Action, EventKind, Sim, eval::format_offset};
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
#[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
pub fn run(sc: &Arc<Scenario>, test: &PlayTest) -> TestReport {
    let mut sim = Sim::new(sc.clone(), test.seed);
    let mut failures = Vec::new();
    for (n, step) in test.steps.iter().enumerate() {
        // Waiting after the end is how a script says "let it finish": harmless.
        if sim.is_over() && matches!(step.input, TestInput::Wait(_)) && step.at.is_none() {
            continue;
        }
        if sim.is_over() {
            failures.push(Failure {
                span: step.span,
                at: sim.now(),
                message: format!(
                    "step {} never ran: the drill had already ended with {}",
                    n + 1,
                    describe_end(&sim)
                ),
            });
            break;
        }
        if let Some(at) = step.at {
            if at < sim.now() {
                failures.push(Failure {
                    span: step.span,
                    at: sim.now(),
                    message: format!(
                        "step {} is set for {}, but the clock is already at {} (earlier inputs cost game time)",
                        n + 1,
                        format_offset(at),
                        format_offset(sim.now())
                    ),
                });
            }
            sim.advance_to(at);
            if sim.is_over() {
                failures.push(Failure {
                    span: step.span,
                    at: sim.now(),
                    message: format!(
                        "step {} never ran: the drill ended with {} while waiting for it",
                        n + 1,
                        describe_end(&sim)
                    ),
                });
                break;
            }
        }
        let at = sim.now();
        let events = sim.apply(action_for(sc, &step.input));
        if let Some(reason) = events.iter().find_map(|e| match &e.kind {
            EventKind::Rejected(r) => Some(r.clone()),
            _ => None,
        }) {
            failures.push(Failure {
                span: step.span,
                at,
                message: format!(
                    "step {} was refused at {}: {reason}",
                    n + 1,
                    format_offset(at)
                ),
            });
        }
    }
    sim.advance_to(Millis::MAX);
    let ended = describe_end(&sim);
    // A story the engine had to stop is broken, whatever the test expects.
    if let Some(why) = sim.stopped() {
        failures.push(Failure {
            span: test.span,
            at: sim.finish().map_or(sim.now(), |f| f.at),
            message: format!("the engine stopped the story: {why}"),
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
                        at: sim.now(),
                        message: format!(
                            "expected the ending `{want}`, but the drill ended with {ended}"
                        ),
                    });
                }
            }
            Expectation::NotApplicable(item) => {
                if let Some(failure) = applies_failure(sc, &rubric, *item, *span, sim.now()) {
                    failures.push(failure);
                }
            }
            Expectation::Rubric { item, met } => {
                let Some(entry) = sc.rubric.items.get(*item) else {
                    continue;
                };
                if !rubric.get(*item).is_none_or(|r| r.applies) {
                    failures.push(Failure {
                        span: *span,
                        at: sim.now(),
                        message: format!(
                            "expected the {} `{}` {}, but it does not apply on this path (its `applies when` did not hold at the end); expect it `n/a`",
                            kind_word(entry.kind),
                            entry.name,
                            if *met { "to be met" } else { "not to be met" }
                        ),
                    });
                    continue;
                }
                let got = rubric.get(*item).is_some_and(|r| r.met);
                if got != *met {
                    let kind = match entry.kind {
                        RubricKind::KeyAction => "key action",
                        RubricKind::RedHerring => "red herring",
                        RubricKind::Objective => "objective",
                    };
                    let (want, actual) = match (entry.kind, *met) {
                        (RubricKind::RedHerring, true) => ("to be taken", "it was not"),
                        (RubricKind::RedHerring, false) => ("not to be taken", "it was"),
                        (_, true) => ("to be met", "it was not"),
                        (_, false) => ("not to be met", "it was"),
                    };
                    let when = rubric
                        .get(*item)
                        .and_then(|r| r.first_held)
                        .map(|t| format!(" (its condition first held at {})", format_offset(t)))
                        .unwrap_or_default();
                    failures.push(Failure {
                        span: *span,
                        at: sim.now(),
                        message: format!(
                            "expected the {kind} `{}` {want}, but {actual}{when}",
                            entry.name
                        ),
                    });
                }
            }
        }
    }
    TestReport {
        name: test.name.clone(),
        failures,
        ended,
    }
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
    span: Span,
    now: Millis,
) -> Option<Failure> {
    let entry = sc.rubric.items.get(item)?;
    let applies = rubric.get(item).is_none_or(|r| r.applies);
    applies.then(|| Failure {
        span,
        at: now,
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
