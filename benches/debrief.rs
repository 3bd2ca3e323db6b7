//! Debrief speed: a synthetic 10,000-entry transcript (a long real-time game
//! of the Cloudflare scenario: the page answered, then thousands of shell
//! commands, graphs and logs until the drill runs out) replayed and
//! debriefed: replay + build + Markdown. Goal: under 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::library;
use firedrill::record::debrief::{self, Note};
use firedrill::record::{self, FORMAT, Header, Journal, Mode, QUESTIONS, Transcript};
use firedrill::scenario::{Millis, Scenario};
use firedrill::sim::{Action, Sim};
use std::cell::RefCell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::Arc;

const ENTRIES: usize = 10_000;

/// A long game, recorded as the front end records it, of about `ENTRIES` lines.
fn long_game() -> Option<(Arc<Scenario>, String)> {
    let b = library::find("cloudflare-2019-waf")?;
    let sc = Arc::new(library::check(b).scenario?);
    let header = Header {
        format: FORMAT,
        scenario: sc.meta.id.clone(),
        origin: "built-in".into(),
        hash: "bench".into(),
        seed: 7,
        player: "bench".into(),
        mode: Mode::RealTime,
        speed: 2.0,
        started: "2026-11-26T09:00:00Z".into(),
        support: firedrill::Support::default(),
        fork: None,
        start: None,
    };
    let out = Shared::default();
    let mut j = Journal::start(out.clone(), &header).ok()?;
    let mut sim = Sim::new(sc.clone(), 7);
    j.events(&sim.drain()).ok()?;
    let opening = [
        (420_000, Action::Ack(None)),
        (425_000, Action::ChooseId("graphs_first".into())),
    ];
    for (at, a) in opening {
        j.events(&sim.advance_to(at)).ok()?;
        j.action(sim.now(), &a, None, None).ok()?;
        j.events(&sim.apply(a)).ok()?;
    }
    // Mostly quick shell work (the shell's own commands take no game time),
    // with a real command, a graph or a log every few inputs.
    // A real command every twenty inputs (they cost game time), the rest
    // the shell's own commands, a refused acknowledgement or a number typed
    // with no choice on screen (they cost none), so the game's fifty minutes
    // hold ten thousand entries.
    let real = [
        "hostname",
        "top",
        "deploys --since 30m",
        "dig customer.example",
        "curl -sI https://customer.example",
        "uptime",
    ];
    let mut i = 0usize;
    let mut written = out.lines();
    while !sim.is_over() && written < ENTRIES - 4 {
        let a = match i % 20 {
            0 => Action::Run(real[(i / 20) % real.len()].into()),
            5 if i % 80 == 5 => Action::Graph("edge_cpu".into()),
            9 if i % 160 == 9 => Action::Open("waf_errors".into()),
            7 => Action::Ack(None),
            13 => Action::Choose(9),
            3 | 17 => Action::Run("help".into()),
            _ => Action::Run("clear".into()),
        };
        j.events(&sim.advance_to(sim.now() + 200)).ok()?;
        j.action(sim.now(), &a, None, None).ok()?;
        j.events(&sim.apply(a)).ok()?;
        i += 1;
        if i.is_multiple_of(64) {
            written = out.lines();
        }
    }
    j.events(&sim.advance_to(Millis::MAX)).ok()?;
    j.clock(sim.now()).ok()?;
    for q in QUESTIONS {
        j.answer(q, "a long game").ok()?;
    }
    drop(j);
    let bytes = out.0.borrow().clone();
    Some((sc, String::from_utf8(bytes).ok()?))
}

/// A buffer the journal writes to while the generator counts its lines.
#[derive(Debug, Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Shared {
    #[allow(clippy::naive_bytecount)] // a benchmark helper, not the measured code
    fn lines(&self) -> usize {
        self.0.borrow().iter().filter(|b| **b == b'\n').count()
    }
}

fn bench(c: &mut Criterion) {
    let Some((sc, text)) = long_game() else {
        eprintln!("cannot build the synthetic game");
        return;
    };
    let t = Transcript::read(&text);
    eprintln!(
        "synthetic transcript: {} entries, {} actions, {} events, {:.1} MB, game time {} s",
        t.entries.len() + 1,
        t.actions().count(),
        t.events().count(),
        text.len() as f64 / 1e6,
        t.last_time() / 1000
    );
    let notes = vec![Note {
        at: 600_000,
        text: "Here the attack theory should have been dropped.".into(),
        author: "bench".into(),
    }];
    let mut group = c.benchmark_group("debrief");
    group.sample_size(20);
    group.bench_function("replay + build + markdown, 10k entries", |b| {
        b.iter(|| {
            let r = record::replay(sc.clone(), &t);
            let d = debrief::build(&sc, &t, &r, &notes);
            black_box(debrief::markdown(&d).len())
        });
    });
    let r = record::replay(sc.clone(), &t);
    group.bench_function("replay only, 10k entries", |b| {
        b.iter(|| black_box(record::replay(sc.clone(), &t).events.len()));
    });
    group.bench_function("read the transcript, 10k entries", |b| {
        b.iter(|| black_box(Transcript::read(&text).entries.len()));
    });
    let d = debrief::build(&sc, &t, &r, &notes);
    group.bench_function("build only, 10k entries", |b| {
        b.iter(|| black_box(debrief::build(&sc, &t, &r, &notes).timeline.len()));
    });
    group.bench_function("document only, 10k entries", |b| {
        b.iter(|| black_box(debrief::document::document(&d).sections.len()));
    });
    group.bench_function("markdown only, 10k entries", |b| {
        b.iter(|| black_box(debrief::markdown(&d).len()));
    });
    group.bench_function("html, 10k entries", |b| {
        b.iter(|| black_box(debrief::html(&d).len()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
