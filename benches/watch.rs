//! Watching a game: the time from the game appending a line to its
//! transcript to a watcher's feed having it (woken by the file-change
//! notification, read, parsed and followed). Goal: well under the 100 ms a
//! watcher's screen may lag the player.

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::game::feed::Feed;
use firedrill::library;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A game in progress: the tutorial up to its first action, in a scratch
/// folder, its lock held as a running game holds it.
fn game_in_progress() -> Option<(PathBuf, firedrill::transcripts::lock::Held)> {
    let sc = std::sync::Arc::new(library::check(library::find("tutorial")?).scenario?);
    let text = firedrill::record::record_playthrough(&sc, "bench", 0).ok()?;
    // Up to and with the line break before the first action.
    let head = &text[..=text.find("\nAction(")?];
    let dir = std::env::temp_dir().join(format!("firedrill-bench-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("game.ron");
    let lock = firedrill::transcripts::lock::acquire(&path, "bench", "now").ok()?;
    std::fs::write(&path, head).ok()?;
    Some((path, lock))
}

fn append_to_seen(c: &mut Criterion) {
    let Some((path, _lock)) = game_in_progress() else {
        return;
    };
    let Ok(mut feed) = Feed::open(&path) else {
        return;
    };
    // The game's side: one line appended and flushed per request.
    let (tx, rx) = mpsc::channel::<()>();
    let Ok(mut out) = std::fs::OpenOptions::new().append(true).open(&path) else {
        return;
    };
    std::thread::spawn(move || {
        for () in rx {
            let _ = writeln!(out, "Focus(at:1,pane:\"pager\")");
            let _ = out.flush();
        }
    });
    c.bench_function("watch: append to seen", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                if tx.send(()).is_err() {
                    break;
                }
                while feed.wait().is_ok_and(|got| got.is_empty()) {}
                total += start.elapsed();
            }
            total
        });
    });
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// A mentor's request: from the watcher writing it to the game's listening
/// thread handing it over (woken by the file-change notification, read and
/// parsed). Goal: well under 100 ms.
fn request_to_game(c: &mut Criterion) {
    use firedrill::game::buddy::{Heard, Inbox, Outbox, Request};
    let Some((path, _lock)) = game_in_progress() else {
        return;
    };
    let (tx, rx) = mpsc::channel::<Vec<Heard>>();
    let _listening = Inbox::open(&path).spawn(tx, |h| h);
    let Ok(mut out) = Outbox::open(&path, "bench") else {
        return;
    };
    // The hello.
    let _ = rx.recv_timeout(Duration::from_secs(5));
    c.bench_function("watch: mentor request to game", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                if out.send(&Request::Whisper("look".into())).is_err()
                    || rx.recv_timeout(Duration::from_secs(5)).is_err()
                {
                    break;
                }
                total += start.elapsed();
            }
            total
        });
    });
    drop(out);
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(5));
    targets = append_to_seen, request_to_game
}
criterion_main!(benches);
