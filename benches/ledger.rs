//! Reading many recorded games: 10,000 transcripts, made from the shipped
//! scenarios' playthrough tests (each with its scenario's source stored, as
//! a game stores it, by a hundred players over many days), in one folder
//! with a folder per player. Measured: `ledger::scan` alone (what `games`
//! and `progress` read: every summary) and `scan` + `stats` over every
//! scenario (a replay per game for the rubric). Goal: under 2 s with the
//! files in the page cache, in under 100 MB.
//!
//! The folder is kept (in the temp folder, or `FIREDRILL_BENCH_LEDGER_DIR`)
//! so the release binary can be timed on it too:
//! `/usr/bin/time -v target/release/firedrill stats --dir DIR --format json`.

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::game::catalog::source_of;
use firedrill::ledger::stats::{self, Options};
use firedrill::record::{self, Entry};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const GAMES: usize = 10_000;
const PLAYERS: usize = 100;

/// Every shipped scenario's playthrough tests, recorded: (id, header line,
/// the rest), the source line put in after the header.
fn recordings() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for b in firedrill::library::builtins() {
        let checked = firedrill::library::check(b);
        let source = source_of(&checked);
        let Some(sc) = checked.scenario.map(Arc::new) else {
            continue;
        };
        let Ok(stored) = ron::to_string(&Entry::Source(source.clone())) else {
            continue;
        };
        for test in 0..sc.tests.len() {
            let Ok(text) = record::record_playthrough(&sc, &source.hash, test) else {
                continue;
            };
            let Some((head, rest)) = text.split_once('\n') else {
                continue;
            };
            out.push((
                b.id.to_string(),
                head.to_string(),
                format!("{stored}\n{rest}"),
            ));
        }
    }
    out
}

/// The folder of games, made once and kept.
fn folder() -> PathBuf {
    let dir = std::env::var_os("FIREDRILL_BENCH_LEDGER_DIR").map_or_else(
        || std::env::temp_dir().join("firedrill-bench-ledger"),
        PathBuf::from,
    );
    let made = dir.join("made");
    if made.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let games = recordings();
    assert!(!games.is_empty(), "no playthrough recorded");
    for i in 0..GAMES {
        let (id, head, rest) = &games[i % games.len()];
        let player = format!("player{:03}", i % PLAYERS);
        // A game every 40 minutes or so, over about a year.
        let minutes = i * 41;
        let started = format!(
            "2026-{:02}-{:02}T{:02}:{:02}:00Z",
            1 + (minutes / (60 * 24 * 28)) % 12,
            1 + (minutes / (60 * 24)) % 28,
            (minutes / 60) % 24,
            minutes % 60
        );
        let head = head
            .replacen("player:\"test\"", &format!("player:{player:?}"), 1)
            .replacen("2026-11-26T09:00:00Z", &started, 1);
        let home = dir.join(&player);
        write(
            &home,
            &format!("{id}-{i:05}.ron"),
            &format!("{head}\n{rest}"),
        );
    }
    write(&dir, "made", "");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let ok = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join(name), text));
    assert!(ok.is_ok(), "cannot write the bench folder: {ok:?}");
}

fn bench(c: &mut Criterion) {
    let dir = folder();
    let dirs = [dir];
    let mut g = c.benchmark_group("ledger");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("scan 10,000 games", |b| {
        b.iter(|| black_box(firedrill::ledger::scan(black_box(&dirs))));
    });
    g.bench_function("scan + stats of every scenario, 10,000 games", |b| {
        b.iter(|| {
            let scan = firedrill::ledger::scan(black_box(&dirs));
            let report = stats::gather(&scan, &Options::default());
            black_box(stats::markdown(&report))
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
