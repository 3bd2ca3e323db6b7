//! Language speed: parse + check the shipped library (goal: under 50 ms in
//! all) and a generated 768 KiB scenario, near the checker's line limit
//! (`lang::MAX_LINES`, 50,000; the size limit, `lang::MAX_FILE`, is 2 MiB)
//! (goal: 20 MB/s or better).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use firedrill::lang::{self, Loaded, NoFiles};
use firedrill::library;
use std::hint::black_box;

fn shipped_library(c: &mut Criterion) {
    c.bench_function("check the shipped library", |b| {
        b.iter(|| {
            for s in library::builtins() {
                let checked = library::check(s);
                black_box(checked.scenario.is_some());
            }
        });
    });
}

fn generated_768k(c: &mut Criterion) {
    let text = lang::synth::large_scenario(768 * 1024);
    assert!(text.len() <= lang::MAX_FILE && text.lines().count() <= lang::MAX_LINES);
    let mut group = c.benchmark_group("generated scenario");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("check 768 KiB", |b| {
        b.iter(|| {
            let checked = lang::check(
                Loaded {
                    name: "gen.drill".into(),
                    key: "gen.drill".into(),
                    bytes: text.clone().into_bytes(),
                },
                &NoFiles,
            );
            black_box(checked.diagnostics.len());
        });
    });
    group.finish();
}

criterion_group!(benches, shipped_library, generated_768k);
criterion_main!(benches);
