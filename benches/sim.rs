//! Engine speed: one game hour of a busy generated scenario (20 metrics with
//! noise, daily swing, ramps and `while` effects; 20 alert rules; escalation;
//! timeline triggers starting and stopping effects). Goal: under 20 ms per
//! game hour.

// A broken benchmark setup should stop loudly.
#![allow(clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::lang::{self, Loaded, NoFiles};
use firedrill::scenario::Scenario;
use firedrill::sim::Sim;
use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

const METRICS: usize = 20;
const HOUR: u64 = 3_600_000;

/// The busy scenario, as `.drill` text.
fn busy_scenario() -> String {
    let mut s = String::from(
        "scenario busy\n    title \"Busy\"\n    start 2024-01-01 09:00 UTC\n    duration 2h\n    seed 5\n\n\
         flag surge\nflag draining\n\n",
    );
    for i in 0..METRICS {
        let next = (i + 1) % METRICS;
        let _ = write!(
            s,
            "metric m{i} \"Metric {i}\"\n    unit %\n    baseline {base}\n    noise 1.5\n    daily 6 peak {peak:02}:00\n    range 0 to 100\n    recover 1m\n    effect load{i} ramp to 95 over {ramp}m\n    effect hot{i} step by 8 while m{next} > 85% or surge\n\n",
            base = 20 + i,
            peak = 8 + i % 12,
            ramp = 2 + i % 5,
        );
    }
    for i in 0..METRICS {
        let hold = if i % 2 == 0 { " for 2m" } else { "" };
        let severity = if i % 3 == 0 { "ticket" } else { "page" };
        let _ = write!(
            s,
            "alert a{i} \"Metric {i} high\"\n    when m{i} > {thr}%{hold}\n    severity {severity}\n    summary \"m{i} at {{m{i}}}\"\n\n",
            thr = 70 + i % 20,
        );
    }
    s.push_str(
        "escalation\n    you\n    sam after 5m\n    dana after 10m\n\n\
         person sam \"Sam\"\n    pageable\n    when paged\n        @sam: On it.\n\n\
         person dana \"Dana\"\n    pageable\n    when paged\n        @dana: Looking.\n\n",
    );
    // Waves of load: every few minutes a group of ramps starts, later stops.
    for g in 0..4 {
        let _ = writeln!(s, "every 12m from T+{}m until T+2h", 1 + g * 3);
        for i in (g..METRICS).step_by(4) {
            let _ = writeln!(s, "    start load{i}");
        }
        s.push_str("    after 6m\n");
        for i in (g..METRICS).step_by(4) {
            let _ = writeln!(s, "        stop load{i}");
        }
        s.push('\n');
    }
    s.push_str(
        "at T+20m\n    set surge = true\n    @sam: Traffic surge incoming.\n\n\
         at T+35m\n    set surge = false\n\n\
         when m0 > 80% for 1m\n    set draining = true\n    stop load0\n\n\
         whenever alert a1 is firing\n    @dana: a1 is firing again.\n\n\
         when draining and now > T+50m\n    @sam: Drained.\n    interrupt drained\n\n\
         at T+1h50m\n    end calm\n\n\
         scene watch\n    The dashboards hum along.\n    wait\n\n\
         scene drained\n    The load drains away for a while.\n    return\n\n\
         ending calm \"Calm\"\n    outcome resolved\n    The load settles.\n\n\
         ending over \"Over\"\n    outcome timed out\n    The shift ends.\n",
    );
    s
}

fn checked_scenario() -> Arc<Scenario> {
    let checked = lang::check(
        Loaded {
            name: "busy.drill".into(),
            key: "busy.drill".into(),
            bytes: busy_scenario().into_bytes(),
        },
        &NoFiles,
    );
    let shown = lang::render::human(&checked.diagnostics, &checked.sources);
    assert!(
        checked.diagnostics.is_empty(),
        "the benchmark scenario has diagnostics:\n{shown}"
    );
    match checked.scenario {
        Some(sc) => Arc::new(sc),
        None => panic!("the benchmark scenario does not check:\n{shown}"),
    }
}

fn one_game_hour(c: &mut Criterion) {
    let sc = checked_scenario();
    // The workload is real: alerts fire and pages go out within the hour.
    let mut probe = Sim::new(sc.clone(), 1);
    probe.advance_to(HOUR);
    assert!(!probe.is_over() && !probe.pages().is_empty());

    c.bench_function("simulate one game hour (20 metrics, 20 alerts)", |b| {
        b.iter(|| {
            let mut sim = Sim::new(sc.clone(), black_box(1));
            let events = sim.advance_to(black_box(HOUR));
            black_box((events.len(), sim.pages().len()));
        });
    });
}

criterion_group!(benches, one_game_hour);
criterion_main!(benches);
