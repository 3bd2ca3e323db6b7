//! `firedrill test --only NAME --trace`: a playthrough step by step, and
//! failures that name the step where the test went wrong. The real binary
//! on a shipped scenario's test and on a small failing fixture; the step
//! API behind it on every shipped test.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use firedrill::library;
use firedrill::sim::playtest::{self, Blame};
use std::path::PathBuf;
use std::process::Output;
use std::sync::{Arc, OnceLock};

const FIXTURE: &str = "tests/fixtures/failing-playthrough.drill";

fn home() -> &'static PathBuf {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| common::scratch("trace"))
}

fn firedrill(args: &[&str]) -> Output {
    common::run(home(), args, "")
}

fn stdout(o: &Output) -> String {
    common::text(&o.stdout)
}

#[test]
fn a_shipped_test_traced_step_by_step() {
    let o = firedrill(&["test", "tutorial", "--only", "calm_first_shift", "--trace"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::text(&o.stderr));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn a_failing_test_traced_names_its_steps() {
    let o = firedrill(&["test", FIXTURE, "--trace"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn without_trace_a_failure_still_names_its_step_and_time() {
    let o = firedrill(&["test", FIXTURE, "--only", "restarts_too_late"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "step 3 (line 44, T+40s) choose 2: the engine refused it: the only choice on screen is 1"
        ),
        "{out}"
    );
    assert!(!out.contains("trace of"), "{out}");
    assert!(
        !out.contains("gives_up"),
        "only the test asked for runs: {out}"
    );
    assert!(out.ends_with("0 passed, 1 failed\n"), "{out}");
}

#[test]
fn an_unknown_test_name_is_refused_with_the_names() {
    let o = firedrill(&["test", FIXTURE, "--only", "restart_too_late"]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::text(&o.stderr);
    assert!(
        err.contains(
            "no test is named `restart_too_late`; the tests are: `restarts_too_late`, `gives_up`"
        ),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "nothing runs: {}", stdout(&o));
}

/// Every shipped test, traced: its steps in order, each with the time its
/// input was given, no failure, and the same report as a plain run.
#[test]
fn every_shipped_test_traces_cleanly() {
    for b in library::builtins() {
        let sc = Arc::new(library::check(b).scenario.unwrap());
        for t in &sc.tests {
            let trace = playtest::trace(&sc, t);
            assert!(trace.report.passed(), "{} / {}", b.id, t.name);
            assert_eq!(trace.report, playtest::run(&sc, t));
            let mut last = 0;
            for s in &trace.steps {
                assert!(s.number > last && s.at >= last_at(&trace, s.number));
                assert!(s.at <= s.end, "{} / {} step {}", b.id, t.name, s.number);
                assert!(s.failure.is_none());
                for c in &s.changes {
                    assert_ne!(c.before.as_deref(), Some(c.after.as_str()));
                }
                last = s.number;
            }
        }
    }
}

/// When the step before `n` ended (0 for the first).
fn last_at(trace: &playtest::Trace, n: usize) -> u64 {
    trace
        .steps
        .iter()
        .take_while(|s| s.number < n)
        .last()
        .map_or(0, |s| s.end)
}

/// Every failure points at a step, with its time; a refused step is blamed
/// itself, an expectation the step it last could have changed at.
#[test]
fn failures_carry_their_step() {
    let (loader, main) = firedrill::files::FsLoader::open(std::path::Path::new(FIXTURE)).unwrap();
    let checked = firedrill::lang::check(main, &loader);
    let sc = Arc::new(checked.scenario.unwrap());
    let late = playtest::run(&sc, &sc.tests[0]);
    let blames: Vec<Blame> = late.failures.iter().map(|f| f.blame).collect();
    assert_eq!(
        blames,
        [Blame::Step(3), Blame::Step(4), Blame::After(2)],
        "{late:#?}"
    );
    let gave_up = playtest::run(&sc, &sc.tests[1]);
    assert!(gave_up.failures.iter().all(|f| f.blame == Blame::After(1)));
}
