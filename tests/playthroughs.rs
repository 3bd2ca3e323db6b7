//! Every shipped scenario's playthrough tests pass, and the engine is
//! deterministic: the same scenario, seed and inputs give the same events.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::library;
use firedrill::sim::{Sim, playtest};
use std::sync::Arc;

#[test]
fn shipped_playthrough_tests_pass() {
    let mut failed = Vec::new();
    for b in library::builtins() {
        let checked = library::check(b);
        let sc = Arc::new(checked.scenario.expect("shipped scenarios check"));
        for t in &sc.tests {
            let report = playtest::run(&sc, t);
            for f in &report.failures {
                failed.push(format!(
                    "{} / {}: {} ({})",
                    b.id,
                    t.name,
                    f.message,
                    checked.sources.location(f.span)
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_shipped_ending_is_reached_by_a_test() {
    for b in library::builtins() {
        let sc = Arc::new(library::check(b).scenario.unwrap());
        let reached: Vec<String> = sc
            .tests
            .iter()
            .map(|t| playtest::run(&sc, t).ended)
            .collect();
        for e in &sc.endings {
            assert!(
                reached
                    .iter()
                    .any(|r| r.starts_with(&format!("`{}`", e.name))),
                "{}: no playthrough test reaches the ending `{}` (tests end with: {reached:?})",
                b.id,
                e.name
            );
        }
    }
}

/// The whole run as text, for comparing runs.
fn trace(id: &str, seed: u64, test: usize) -> Vec<String> {
    let sc = Arc::new(library::check(library::find(id).unwrap()).scenario.unwrap());
    let t = &sc.tests[test];
    let mut sim = Sim::new(sc.clone(), seed);
    let mut out: Vec<String> = sim.drain().iter().map(|e| format!("{e:?}")).collect();
    for step in &t.steps {
        if let Some(at) = step.at {
            out.extend(sim.advance_to(at).iter().map(|e| format!("{e:?}")));
        }
        out.extend(
            sim.apply(playtest::action_for(&sc, &step.input))
                .iter()
                .map(|e| format!("{e:?}")),
        );
    }
    out.extend(sim.advance_to(u64::MAX).iter().map(|e| format!("{e:?}")));
    out
}

#[test]
fn same_inputs_give_the_same_events() {
    for id in ["tutorial", "cloudflare-2019-waf"] {
        let a = trace(id, 7, 0);
        let b = trace(id, 7, 0);
        assert!(a.len() > 20);
        assert_eq!(a, b, "{id}: two runs with the same seed and inputs differ");
        assert_ne!(trace(id, 8, 0), a, "{id}: the seed should move the noise");
    }
}

#[test]
fn golden_trace_of_the_cloudflare_fast_kill() {
    insta::assert_snapshot!(trace("cloudflare-2019-waf", 7, 0).join("\n"));
}

/// The injects fired and the hints offered and shown in a shipped
/// scenario's test, by name, in order.
fn mentor_events(id: &str, test: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    use firedrill::sim::EventKind;
    let sc = Arc::new(library::check(library::find(id).unwrap()).scenario.unwrap());
    let t = sc.tests.iter().find(|t| t.name == test).unwrap();
    let mut sim = Sim::new(sc.clone(), t.seed);
    let mut events = sim.drain();
    for step in &t.steps {
        if let Some(at) = step.at {
            events.extend(sim.advance_to(at));
        }
        events.extend(sim.apply(playtest::action_for(&sc, &step.input)));
    }
    events.extend(sim.advance_to(u64::MAX));
    let (mut fired, mut offered, mut shown) = (Vec::new(), Vec::new(), Vec::new());
    for e in events {
        match e.kind {
            EventKind::Injected { inject, .. } => fired.push(inject),
            EventKind::HintAvailable { hint, .. } => offered.push(hint),
            EventKind::HintShown { hint, .. } => shown.push(hint),
            _ => {}
        }
    }
    (fired, offered, shown)
}

#[test]
fn the_mentor_tests_fire_their_injects_and_see_a_hint() {
    for (id, injects, hint) in [
        ("tutorial", ["maya_away", "retry_storm"], "ack_the_page"),
        (
            "cloudflare-2019-waf",
            ["dashboard_down", "eta_request"],
            "check_changes",
        ),
        (
            "gitlab-2017-db",
            ["spammers_back", "nadia_offline"],
            "which_host",
        ),
        (
            "aws-s3-2017",
            ["ec2_dependents", "customer_escalation"],
            "freeze_the_tool",
        ),
    ] {
        let test = if id == "tutorial" {
            "mentor_and_hints"
        } else {
            "mentor_and_hint"
        };
        let (fired, offered, shown) = mentor_events(id, test);
        assert_eq!(fired, injects, "{id}");
        assert_eq!(shown, [hint], "{id}");
        assert!(offered.iter().any(|h| h == hint), "{id}: {offered:?}");
    }
}

#[test]
fn the_tutorial_and_three_incidents_declare_injects_and_hints() {
    let with_both: Vec<&str> = library::builtins()
        .iter()
        .filter(|b| {
            let sc = library::check(**b).scenario.unwrap();
            !sc.injects.is_empty() && !sc.hints.is_empty()
        })
        .map(|b| b.id)
        .collect();
    assert!(with_both.contains(&"tutorial"), "{with_both:?}");
    assert!(with_both.len() >= 4, "{with_both:?}");
}
