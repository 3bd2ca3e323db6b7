//! Hot reload speed (`play --watch`): a save of the largest shipped
//! scenario (by source size) checked again, then a game of 500 actions
//! replayed into the new version up to the moment it stood at. Goal: under
//! 100 ms for the two together.

// A broken benchmark setup should stop loudly.
#![allow(clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::library;
use firedrill::record::reload::{Given, reload};
use firedrill::scenario::Scenario;
use firedrill::sim::{Action, EventKind, Sim, Support};
use std::hint::black_box;
use std::sync::Arc;

const ACTIONS: usize = 500;

/// The built-in with the most source text, main file and includes together.
fn largest() -> library::BuiltIn {
    library::builtins()
        .into_iter()
        .max_by_key(|b| {
            library::check(*b)
                .sources
                .files()
                .map(|(_, f)| f.text.len())
                .sum::<usize>()
        })
        .unwrap_or_else(|| panic!("no built-in scenarios"))
}

/// A long game: the first playthrough test's inputs, then looks at the
/// graphs, the shell's own commands, hints and short waits, 500 in all,
/// each given on `sc` as a session gives it.
fn played(sc: &Arc<Scenario>) -> (Sim, Vec<Given>) {
    let mut script: Vec<Action> = sc
        .tests
        .first()
        .map(|t| {
            t.steps
                .iter()
                .map(|s| firedrill::sim::playtest::action_for(sc, &s.input))
                .collect()
        })
        .unwrap_or_default();
    let metrics: Vec<String> = sc.metrics.iter().map(|m| m.name.clone()).collect();
    let mut i = 0;
    while script.len() < ACTIONS {
        script.insert(
            script.len().min(4),
            match i % 4 {
                0 => Action::Graph(metrics[i % metrics.len()].clone()),
                1 => Action::Run("history".into()),
                2 => Action::Hint,
                _ => Action::Wait(1000),
            },
        );
        i += 1;
    }
    let mut sim = Sim::with_support(sc.clone(), sc.meta.seed, Support::default());
    let mut given = Vec::new();
    for action in script {
        if sim.is_over() {
            break;
        }
        let at = sim.now();
        let own = sim.apply(action.clone());
        let refused = own.iter().any(|e| matches!(e.kind, EventKind::Rejected(_)));
        given.push(Given {
            at,
            action,
            refused,
        });
    }
    (sim, given)
}

fn bench(c: &mut Criterion) {
    let b = largest();
    let old = Arc::new(
        library::check(b)
            .scenario
            .unwrap_or_else(|| panic!("{} does not check", b.id)),
    );
    let (sim, given) = played(&old);
    assert!(given.len() >= ACTIONS / 2, "only {} actions", given.len());
    let until = sim.now();
    eprintln!(
        "reload bench: {} ({} actions, until {} ms of game time)",
        b.id,
        given.len(),
        until
    );
    c.bench_function("reload: check + replay of a 500-action game", |bench| {
        bench.iter(|| {
            let checked = library::check(b);
            let new = Arc::new(
                checked
                    .scenario
                    .unwrap_or_else(|| panic!("{} does not check", b.id)),
            );
            let how = (old.meta.seed, Support::default(), None);
            black_box(reload(new, &old, how, &given, until))
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
