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

/// A watcher whose output lines arrive on a channel, as they are printed.
struct Watcher {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watcher {
    fn start(home: &Path, transcript: &str) -> Watcher {
        let mut child = command(home, &["watch", transcript, "--plain"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead as _;
            for line in std::io::BufReader::new(out).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Watcher {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line that contains `needle`, at most `within`; returns
    /// how long it took.
    fn expect(&mut self, needle: &str, within: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.seen.iter().any(|l| l.contains(needle)) {
                self.seen.clear();
                return start.elapsed();
            }
            let left = within.saturating_sub(start.elapsed());
            let line = self.lines.recv_timeout(left);
            let seen = &self.seen;
            self.seen.push(
                line.unwrap_or_else(|e| {
                    panic!("no `{needle}` within {within:?} ({e}); saw {seen:?}")
                }),
            );
        }
    }

    /// The watcher's exit status, waited for at most `within`.
    fn status(&mut self, within: Duration) -> Option<i32> {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            assert!(start.elapsed() < within, "the watcher did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const BOUND: Duration = Duration::from_secs(5);

/// Types `text` into a game's stdin, which the test holds open.
fn type_in(game: &mut Child, text: &str) {
    use std::io::Write as _;
    let stdin = game.stdin.as_mut().unwrap();
    stdin.write_all(text.as_bytes()).unwrap();
    stdin.flush().unwrap();
}

/// A plain tutorial game recorded to `home/live.ron`, fed through a stdin
/// pipe the test holds, and a watcher that has caught up with it.
fn watched_game(home: &Path) -> (std::path::PathBuf, Child, Watcher) {
    let game_path = home.join("live.ron");
    let g = game_path.to_str().unwrap();
    let game = start(home, &["play", "tutorial", "--plain", "--record", g]);
    wait_for_lock(&game_path, game.id());
    let mut watcher = Watcher::start(home, g);
    watcher.expect("it is being played now", BOUND);
    (game_path, game, watcher)
}

#[test]
fn a_watcher_follows_a_game_as_it_is_played_to_its_ending() {
    let home = scratch("watch-end");
    let (game_path, mut game, mut watcher) = watched_game(&home);
    let g = game_path.to_str().unwrap();
    // A second watcher killed without a goodbye changes nothing for the game.
    let mut quitter = Watcher::start(&home, g);
    quitter.expect("caught up", BOUND);
    quitter.child.kill().unwrap();
    quitter.child.wait().unwrap();

    type_in(&mut game, "wait 3m\n");
    watcher.expect("*** PAGE #1 ***", BOUND);
    type_in(&mut game, "ack\n");
    let took = watcher.expect("page #1 acknowledged", BOUND);
    eprintln!("an action reached the watcher in {took:?}");
    type_in(&mut game, "graph disk_used\nrun df -h\n");
    watcher.expect("$ df -h", BOUND);
    type_in(&mut game, common::SECOND_HALF);
    watcher.expect("=== THE END: First page, handled (RESOLVED) ===", BOUND);
    watcher.expect("How it went:", BOUND);
    watcher.expect("(the game has ended)", BOUND);
    assert_eq!(watcher.status(BOUND), Some(0));
    drop(game.stdin.take());
    let out = game.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let debrief = run(&home, &["debrief", g, "--format", "md"], "");
    assert!(debrief.status.success(), "{}", text(&debrief.stderr));
    assert!(text(&debrief.stdout).contains("it felt real"));
}

#[test]
fn a_watcher_says_when_the_game_is_killed() {
    let home = scratch("watch-kill");
    let (_, mut game, mut watcher) = watched_game(&home);
    type_in(&mut game, "wait 3m\n");
    watcher.expect("*** PAGE #1 ***", BOUND);
    game.kill().unwrap();
    game.wait().unwrap();
    watcher.expect("the game stopped (its process is gone)", BOUND);
    assert_eq!(watcher.status(BOUND), Some(1));
}

#[test]
fn watching_a_game_nobody_plays_says_so_and_latest_finds_the_newest() {
    let home = scratch("watch-latest");
    let folder = home.join("data/firedrill/transcripts");
    std::fs::create_dir_all(&folder).unwrap();
    let left = recorded(&folder, "left.ron", FIRST_HALF);
    let o = run(&home, &["watch", "--latest", "--plain"], "");
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(out.contains("nobody is playing it now"), "{out}");
    let recent = out.find("(the last events before you joined)").unwrap();
    assert!(out[recent..].contains("$ df -h"), "{out}");
    assert!(out.contains("the player left the game at T+"), "{out}");
    assert!(left.exists());
    let missing = run(&home, &["watch", "no/such.ron", "--plain"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read"));
}

/// Runs a mentor's one-shot command as `ana`; returns its status and what it said.
fn mentor(home: &Path, args: &[&str]) -> (i32, String) {
    let mut all = args.to_vec();
    all.extend(["--as", "ana"]);
    let out = run(home, &all, "");
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn a_mentor_steps_in_and_everything_is_journaled_as_theirs() {
    let home = scratch("step-in");
    let (game_path, mut game, mut watcher) = watched_game(&home);
    let g = game_path.to_str().unwrap();
    // Whispered while the player is thinking: no line of theirs is needed.
    let (code, said) = mentor(&home, &["hint", g, "look at the disk graph"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("whispered to the player at T+0"), "{said}");
    watcher.expect("[your mentor whispers] look at the disk graph", BOUND);
    let (code, said) = mentor(&home, &["inject", g, "no_such_inject"]);
    assert_eq!(
        (code, said.contains("refused it: no inject called")),
        (1, true),
        "{said}"
    );
    // A plain practice game has no clock to pause: nothing changes.
    let (code, said) = mentor(&home, &["pause", g]);
    assert_eq!(code, 1, "{said}");
    // Without the keyboard a mentor's action is not theirs to give.
    let (code, _) = mentor(&home, &["act", g, "wait 1m"]);
    assert_eq!(code, 1);
    assert_eq!(mentor(&home, &["keyboard", g]).0, 0);
    watcher.expect("ana took the keyboard", BOUND);
    let (code, said) = mentor(&home, &["act", g, "wait 3m"]);
    assert_eq!(code, 0, "{said}");
    watcher.expect("*** PAGE #1 ***", BOUND);
    // The player's own action waits while the mentor has the keyboard.
    type_in(&mut game, "ack\n");
    assert_eq!(mentor(&home, &["keyboard", g, "--give"]).0, 0);
    watcher.expect("the player has the keyboard again", BOUND);
    type_in(&mut game, "ack\n");
    watcher.expect("page #1 acknowledged", BOUND);
    drop(game.stdin.take());
    let out = game.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = std::fs::read_to_string(&game_path).unwrap();
    let by_ana: Vec<&str> = t
        .lines()
        .filter(|l| l.contains("by:Some(\"ana\")"))
        .collect();
    assert_eq!(
        by_ana.len(),
        3,
        "whisper, refused inject, wait: {by_ana:#?}"
    );
    let acks: Vec<&str> = t
        .lines()
        .filter(|l| l.starts_with("Action(") && l.contains("Ack"))
        .collect();
    assert!(acks.iter().all(|l| !l.contains("by:")), "{acks:#?}");
    assert_eq!(acks.len(), 1, "the refused ack is not journaled: {acks:#?}");
    assert!(t.contains("change:TookKeyboard") && t.contains("change:GaveKeyboard"));
    assert!(
        t.contains("change:Joined"),
        "the watcher's seat is journaled"
    );
    // The debrief keeps the mentor's moves apart from the player's.
    let md = run(&home, &["debrief", g, "--format", "md"], "");
    let md = text(&md.stdout);
    for said in [
        "### The mentor",
        "**ana** whispered “look at the disk graph”",
        "**ana** took the keyboard",
        "**ana** at the keyboard: waited 3m",
        "**ana** gave the keyboard back to the player",
        "ana (the mentor, at the keyboard) waited 3m",
    ] {
        assert!(md.contains(said), "{said:?} missing from:\n{md}");
    }
    // No request file is left behind.
    let left: Vec<_> = std::fs::read_dir(&home)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".buddy-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_mentor_cannot_step_into_a_game_nobody_plays() {
    let home = scratch("step-in-none");
    let path = home.join("none.ron");
    std::fs::write(&path, "").unwrap();
    let (code, said) = mentor(&home, &["hint", path.to_str().unwrap(), "hello"]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("no game is being played on it now"), "{said}");
    let (code, said) = mentor(&home, &["act", path.to_str().unwrap(), "help"]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("is not a game action"), "{said}");
}

#[test]
fn a_watcher_killed_without_a_goodbye_is_journaled_gone_and_the_game_goes_on() {
    let home = scratch("watch-silent");
    let (game_path, mut game, mut watcher) = watched_game(&home);
    watcher.child.kill().unwrap();
    watcher.child.wait().unwrap();
    // The documented silence, and a little more for the game's one-second look.
    std::thread::sleep(Duration::from_secs(12));
    type_in(&mut game, "wait 3m\nack\n");
    drop(game.stdin.take());
    let out = game.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = std::fs::read_to_string(&game_path).unwrap();
    let seats: Vec<&str> = t.lines().filter(|l| l.starts_with("Seat(")).collect();
    assert_eq!(seats.len(), 2, "{seats:#?}");
    assert!(seats[0].contains("change:Joined") && seats[1].contains("change:Silent"));
    assert!(
        t.contains("PageAcked"),
        "the game went on after the watcher died"
    );
}
