//! Terminal UI speed: a full play-screen frame at 200x60 (goal: under 1 ms),
//! and start to first frame: load and check the library, build the UI, draw
//! the picker (goal: under 50 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::tui::app::{App, PlayOptions};
use firedrill::tui::config::{Config, Overrides};
use firedrill::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// The Cloudflare drill, seven game minutes in: pages open, graphs moving, choices waiting.
fn busy_game() -> App {
    let mut app = App::new(
        Config::load(&Overrides::default()),
        firedrill::game::Catalog::default().offers(),
        Default::default(),
        PlayOptions {
            practice: true,
            seed: Some(7),
            speed: None,
            support: firedrill::Support::default(),
        },
    );
    let i = app
        .entries
        .iter()
        .position(|e| e.id == "cloudflare-2019-waf")
        .unwrap_or(0);
    app.start(i);
    for _ in 0..14 {
        app.handle_key(key(KeyCode::Char('w')));
    }
    app
}

fn frame(c: &mut Criterion) {
    let app = busy_game();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|e| match e {});
    c.bench_function("play screen frame 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::render(black_box(&app), f))
                .unwrap_or_else(|e| match e {});
        });
    });
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("start");
    group.sample_size(20);
    group.bench_function("start to first frame", |b| {
        b.iter(|| {
            let app = App::new(
                Config::load(&Overrides::default()),
                firedrill::game::Catalog::default().offers(),
                Default::default(),
                PlayOptions::default(),
            );
            let mut terminal =
                Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| match e {});
            terminal
                .draw(|f| view::render(&app, f))
                .unwrap_or_else(|e| match e {});
            black_box(terminal.backend().buffer().area);
        });
    });
    group.finish();
}

criterion_group!(benches, frame, first_frame);
criterion_main!(benches);
