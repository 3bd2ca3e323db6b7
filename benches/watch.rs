//! Watching a game: the time from the game appending a line to its
//! transcript to a watcher's feed having it (woken by the file-change
//! notification, read, parsed and followed). Goal: well under the 100 ms a
//! watcher's screen may lag the player.

use criterion::{Criterion, criterion_group};
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
    let Ok((mut feed, _)) = Feed::open(&path) else {
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
/// An idle watcher's share of a core: `firedrill watch --plain` on a game
/// in progress where nothing happens, over ten seconds, from the kernel's
/// own count of its CPU time (Linux). Goal: under 1%.
fn idle_watcher_cpu() {
    let Some((path, _lock)) = game_in_progress() else {
        return;
    };
    let Ok(mut child) = std::process::Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .args(["watch", "--plain", "--as", "bench"])
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    else {
        return;
    };
    // Past its start-up (the replay), then the quiet it is measured over.
    std::thread::sleep(Duration::from_secs(2));
    let before = cpu_ticks(child.id());
    let span = Duration::from_secs(10);
    std::thread::sleep(span);
    let after = cpu_ticks(child.id());
    let _ = child.kill();
    let _ = child.wait();
    if let (Some(a), Some(b)) = (before, after) {
        // Clock ticks are 1/100 s on Linux.
        #[allow(clippy::cast_precision_loss)]
        let share = (b - a) as f64 / 100.0 / span.as_secs_f64() * 100.0;
        println!("watch: idle watcher CPU: {share:.2}% of a core over {span:?}");
    }
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// User plus system CPU time of a process, in clock ticks (`/proc`).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn main() {
    benches();
    idle_watcher_cpu();
    Criterion::default().configure_from_args().final_summary();
}
