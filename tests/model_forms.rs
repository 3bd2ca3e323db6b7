//! Effect levels worked out from state, metric gaps (no data) and rubric
//! entries that apply on some paths only: the engine's meaning of each,
//! and what every debrief format shows of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::scenario;
use firedrill::files::FsLoader;
use firedrill::record::debrief::{self, Debrief};
use firedrill::record::{self, Transcript};
use firedrill::scenario::{MetricId, Scenario};
use firedrill::sim::*;
use std::sync::Arc;

const HEADER: &str =
    "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n    cost 10s\n";

const TAIL: &str = "scene a\n    Watch.\n    wait\nending done \"Done\"\n    outcome resolved\n";

fn fired(ev: &[Event]) -> bool {
    ev.iter()
        .any(|e| matches!(e.kind, EventKind::AlertFiring { .. }))
}

#[test]
fn an_expression_level_is_worked_out_once_when_the_effect_starts() {
    let sc = scenario(&format!(
        "{HEADER}var target = 40\nvar extra = 5\n\
metric q \"Queue\"\n    baseline 10\n    effect fill step to target + extra\n\
at T+1m\n    start fill\nat T+2m\n    set target = 90\n{TAIL}"
    ));
    let mut sim = Sim::new(sc, 1);
    sim.advance_to(61_000);
    assert_eq!(sim.metric_value(MetricId(0)), Some(45.0));
    // The state it was worked out from changes; the running effect does not.
    sim.advance_to(5 * 60_000);
    assert_eq!(sim.metric_value(MetricId(0)), Some(45.0));
}

#[test]
fn a_relative_expression_level_in_seconds_fits_a_metric_in_ms() {
    let sc = scenario(&format!(
        "{HEADER}var bump = 1500ms\n\
metric lat \"Latency\"\n    unit ms\n    baseline 100\n    effect slow step by bump + 1s\n\
at T+1m\n    start slow\n{TAIL}"
    ));
    let mut sim = Sim::new(sc, 1);
    sim.advance_to(61_000);
    assert_eq!(sim.metric_value(MetricId(0)), Some(2600.0));
}

#[test]
fn an_alert_threshold_held_in_a_variable_is_read_every_second() {
    let sc = scenario(&format!(
        "{HEADER}var limit = 50\n\
metric q \"Queue\"\n    baseline 40\n\
alert deep \"Queue deep\"\n    when q > limit\n    severity ticket\n\
at T+1m\n    set limit = 30\n{TAIL}"
    ));
    let mut sim = Sim::new(sc, 1);
    assert!(!fired(&sim.advance_to(59_000)));
    assert!(fired(&sim.advance_to(62_000)));
}

const GAPPY: &str = "metric cpu \"CPU\"\n    unit %\n    baseline 30\n    range 0 to 100\n    effect hot step to 95\n    effect dark gap for 2m\n\
host web\n    cpu cpu\n\
alert hot \"CPU hot\"\n    when cpu > 90\n    severity ticket\n\
command look \"look\"\n    output \"cpu {cpu}\"\n";

#[test]
fn a_gap_reports_no_data_everywhere_and_its_history_holds_none() {
    let sc = scenario(&format!("{HEADER}{GAPPY}at T+1m\n    start dark\n{TAIL}"));
    let mut sim = Sim::new(sc, 1);
    sim.advance_to(90_000);
    let m = MetricId(0);
    assert_eq!(sim.metric_value(m), None);
    assert_eq!(sim.format_metric(m), "no data");
    let history = sim.metric_history(m);
    assert!(history.iter().any(|(_, v)| v.is_none()));
    assert!(history.iter().any(|(_, v)| v.is_some()));
    let ev = sim.apply(Action::Run("look".into()));
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::Shell { output, .. } if output == "cpu no data")),
        "{ev:?}"
    );
    let ev = sim.apply(Action::Run("top".into()));
    let top = ev
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Shell { output, .. } => Some(output.clone()),
            _ => None,
        })
        .unwrap();
    assert!(top.contains("%Cpu(s):     - us"), "{top}");
    // The gap ends by itself after its `for` time.
    sim.advance_to(4 * 60_000);
    assert!(sim.metric_value(m).is_some());
}

#[test]
fn an_alert_on_a_metric_in_a_gap_neither_fires_nor_resolves() {
    // The metric goes hot inside the gap: no alert until data comes back.
    let sc = scenario(&format!(
        "{HEADER}{GAPPY}at T+1m\n    start dark\nat T+2m\n    start hot\n{TAIL}"
    ));
    let mut sim = Sim::new(sc, 1);
    assert!(!fired(&sim.advance_to(3 * 60_000 - 1000)));
    let ev = sim.advance_to(3 * 60_000 + 2000);
    let at = ev
        .iter()
        .find(|e| matches!(e.kind, EventKind::AlertFiring { .. }))
        .map(|e| e.at);
    assert_eq!(at, Some(3 * 60_000), "{ev:?}");
    // Firing when the data goes dark: it stays firing through the gap.
    let sc = scenario(&format!(
        "{HEADER}{GAPPY}command cool \"cool\"\n    stop hot\n\
at T+1m\n    start hot\nat T+2m\n    start dark\n{TAIL}"
    ));
    let mut sim = Sim::new(sc, 1);
    assert!(fired(&sim.advance_to(70_000)));
    sim.advance_to(2 * 60_000 + 5000);
    let ev = sim.apply(Action::Run("cool".into()));
    let mut ev = [ev, sim.advance_to(3 * 60_000)].concat();
    assert!(
        !ev.iter()
            .any(|e| matches!(e.kind, EventKind::AlertResolved { .. })),
        "{ev:?}"
    );
    ev = sim.advance_to(4 * 60_000 + 2000);
    assert!(
        ev.iter()
            .any(|e| matches!(e.kind, EventKind::AlertResolved { .. })),
        "{ev:?}"
    );
}

/// The corpus scenario with all three forms, checked from its file.
fn corpus() -> (Arc<Scenario>, String) {
    let path = std::path::Path::new("tests/corpus/ok/levels-gaps-and-rubric-paths.drill");
    let (loader, main) = FsLoader::open(path).unwrap();
    let checked = firedrill::lang::check(main, &loader);
    let hash = firedrill::game::catalog::source_of(&checked).hash;
    (Arc::new(checked.scenario.unwrap()), hash)
}

/// The debrief of the corpus scenario's test `name`, as a front end records it.
fn debrief_of(name: &str) -> Debrief {
    let (sc, hash) = corpus();
    let test = sc.tests.iter().position(|t| t.name == name).unwrap();
    let text = record::record_playthrough(&sc, &hash, test).unwrap();
    let t = Transcript::read(&text);
    let r = record::replay(sc.clone(), &t);
    debrief::build(&sc, &t, &r, &[])
}

#[test]
fn a_rubric_entry_off_its_path_is_not_applicable_and_counts_neither_way() {
    let d = debrief_of("waits");
    let said = d.objectives.iter().find(|l| l.name == "said_so").unwrap();
    assert!(!said.applies && !said.met);
    assert_eq!(said.state, "not applicable on this path");
    let md = debrief::markdown(&d);
    assert!(
        md.contains("- – **Tell the team the graphs are dark**"),
        "{md}"
    );
    assert!(
        md.contains("## Learning objectives (1 not applicable)"),
        "{md}"
    );
    // The scorecard counts only what was judged: no objective here.
    assert!(!md.contains("learning objectives met"), "{md}");
    let html = debrief::html(&d);
    assert!(
        html.contains("<li class=\"na\"><span class=\"mark\">–</span>"),
        "{html}"
    );
    assert!(html.contains("not applicable on this path"));
    let term = debrief::terminal(&d, false);
    assert!(
        term.contains("– Tell the team the graphs are dark"),
        "{term}"
    );
    let ron = debrief::to_ron(&d);
    assert!(ron.contains("applies: false"), "{ron}");
    assert!(
        ron.contains("state: \"not applicable on this path\""),
        "{ron}"
    );
    // On the path it applies to, it is judged and counted.
    let d = debrief_of("rolls_back");
    let said = d.objectives.iter().find(|l| l.name == "said_so").unwrap();
    assert!(said.applies && said.met);
    assert!(debrief::markdown(&d).contains("## Learning objectives (1 of 1 met)"));
}

#[test]
fn a_gap_is_a_gap_in_the_debrief_chart() {
    let d = debrief_of("waits");
    let chart = d.charts.iter().find(|c| c.metric == "latency").unwrap();
    assert!(chart.points.iter().any(|(_, v)| v.is_none()));
    let gaps = chart.gaps();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(chart.runs().len() >= 2);
    let html = debrief::html(&d);
    assert!(html.contains("<g class=\"gap\">"));
    let ron = debrief::to_ron(&d);
    assert!(ron.contains("None"), "a gap is written as no value");
}
