//! Two seats on one game, with the real binary: one writer per transcript
//! (a second `resume` or `play --record` is refused while a game runs, and a
//! game killed with `kill -9` leaves no stale lock).

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, command, recorded, run, scratch, text};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Starts `args` with a stdin pipe the test holds open (so the game waits
/// for input and runs until the test lets go or kills it).
fn start(home: &Path, args: &[&str]) -> Child {
    command(home, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the transcript's lock file names the process `pid`.
fn wait_for_lock(transcript: &Path, pid: u32) {
    let mut lock = transcript.as_os_str().to_owned();
    lock.push(".lock");
    let start = Instant::now();
    while !std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .contains(&format!("pid {pid}\n"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the game never took its lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_running_game_refuses_a_second_writer_and_a_killed_one_leaves_no_lock() {
    let home = scratch("one-writer");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    let g = game.to_str().unwrap();
    let before = std::fs::read_to_string(&game).unwrap();
    let mut first = start(&home, &["resume", g, "--plain"]);
    wait_for_lock(&game, first.id());
    let pid = format!("pid {}", first.id());

    let again = run(&home, &["resume", g, "--plain"], "wait 1m\n");
    let err = text(&again.stderr);
    assert_eq!(again.status.code(), Some(2), "{err}");
    assert!(err.contains("is being played now by the game of"), "{err}");
    assert!(err.contains(&pid), "the running game is named: {err}");
    let args = ["play", "tutorial", "--plain", "--record", g];
    let over = run(&home, &args, "wait 1m\n");
    let err = text(&over.stderr);
    assert_eq!(over.status.code(), Some(2), "{err}");
    assert!(err.contains(&pid), "the running game is named: {err}");
    assert_eq!(
        std::fs::read_to_string(&game).unwrap(),
        before,
        "neither refused game wrote a byte"
    );

    first.kill().unwrap(); // SIGKILL: no goodbye, the OS lets go of the lock.
    first.wait().unwrap();
    let after = run(&home, &["resume", g, "--plain"], "wait 1m\n");
    let err = text(&after.stderr);
    assert_eq!(after.status.code(), Some(0), "{err}");
    assert!(!err.contains("being played"), "{err}");
    let body = std::fs::read_to_string(&game).unwrap();
    assert!(body.contains("Wait(60000)"), "the new game wrote: {body}");
    let mut lock = game.as_os_str().to_owned();
    lock.push(".lock");
    assert!(
        !Path::new(&lock).exists(),
        "a game that ends removes its lock file"
    );
}
