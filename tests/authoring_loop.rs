//! The authoring loop from the command line: `play --from-test/--step`,
//! `play --scene/--set` and their errors, such games as `games` and the
//! debrief read them, `check --watch` saying what changed at each save, and
//! `play --watch --plain` reloading the game at each clean save.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{command, run, scratch, text};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn a_game_starts_from_a_tests_state_and_is_recorded_as_such() {
    let home = scratch("from-test");
    let path = home.join("t.ron");
    let args = [
        "play",
        "tutorial",
        "--plain",
        "--from-test",
        "calm_first_shift",
        "--step",
        "2",
        "--record",
        path.to_str().unwrap(),
    ];
    let o = run(&home, &args, "wait 1m\n");
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        out.contains("(Started from test calm_first_shift after 2 step(s), at T+3m5s.)"),
        "{out}"
    );
    let t = std::fs::read_to_string(&path).unwrap();
    let header = t.lines().next().unwrap();
    assert!(
        header.contains(r#"start:Some(Test(name:"calm_first_shift",step:2,inputs:2))"#),
        "{header}"
    );
    // The test's inputs are the game's first actions: it replays as any game.
    let d = run(&home, &["debrief", path.to_str().unwrap()], "");
    assert!(d.status.success(), "{}", text(&d.stderr));
    assert!(
        !text(&d.stderr).contains("went another way"),
        "{}",
        text(&d.stderr)
    );
    let g = run(&home, &["games", "--dir", home.to_str().unwrap()], "");
    let listed = text(&g.stdout);
    assert!(
        listed.contains("(from test calm_first_shift, step 2)"),
        "{listed}"
    );
}

#[test]
fn a_game_starts_at_a_scene_with_flags_set() {
    let home = scratch("scene");
    let path = home.join("s.ron");
    let args = [
        "play",
        "tutorial",
        "--plain",
        "--scene",
        "page_arrives",
        "--record",
        path.to_str().unwrap(),
    ];
    let o = run(&home, &args, "look\n");
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(out.contains("(Started at scene page_arrives.)"), "{out}");
    assert!(out.contains("Your phone buzzes."), "{out}");
    let d = run(&home, &["debrief", path.to_str().unwrap()], "");
    assert!(d.status.success(), "{}", text(&d.stderr));
    let g = run(&home, &["games", "--dir", home.to_str().unwrap()], "");
    assert!(text(&g.stdout).contains("(from scene page_arrives)"));
}

#[test]
fn wrong_starts_are_clear_errors_with_exit_2() {
    let home = scratch("start-errors");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--from-test", "nope"],
            "the scenario has no test named `nope`; it has: calm_first_shift",
        ),
        (
            &["--from-test", "calm_first_shift", "--step", "99"],
            "--step takes 0 to",
        ),
        (&["--scene", "nope"], "no scene named `nope`"),
        (
            &["--scene", "welcome", "--set", "nope=true"],
            "no flag or variable named `nope`",
        ),
        (
            &["--scene", "welcome", "--set", "acked_page=maybe"],
            "`acked_page` is a flag: its value is `true` or `false`, not `maybe`",
        ),
        (
            &["--scene", "welcome", "--set", "acked"],
            "--set takes NAME=VALUE",
        ),
    ];
    for (extra, said) in cases {
        let mut args = vec!["play", "tutorial", "--plain", "--no-record"];
        args.extend_from_slice(extra);
        let o = run(&home, &args, "");
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // --step needs a test, --set a scene: clap says so.
    let o = run(&home, &["play", "tutorial", "--step", "2"], "");
    assert_eq!(o.status.code(), Some(2));
}

/// Reads the watcher's lines until one contains `want`.
fn read_until(lines: &mut impl Iterator<Item = String>, want: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let done = line.contains(want);
        seen.push(line);
        if done {
            return seen;
        }
    }
    panic!(
        "the watcher never said {want:?}; it said:\n{}",
        seen.join("\n")
    );
}

#[test]
fn check_watch_says_what_changed_at_each_save_and_stops_on_ctrl_c() {
    let home = scratch("check-watch");
    let file = home.join("t.drill");
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
    )
    .unwrap();
    std::fs::write(&file, &good).unwrap();
    let mut child = command(&home, &["check", file.to_str().unwrap(), "--watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut lines = std::iter::from_fn(|| {
        rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()
    });
    let first = read_until(&mut lines, "run 1:");
    assert!(
        first.iter().any(|l| l == "test calm_first_shift ... ok"),
        "{first:?}"
    );
    assert!(
        first.last().unwrap().contains("ok; 5 passed, 0 failed"),
        "{first:?}"
    );
    // An editor's save: a new file renamed over the old one.
    let save = |text: &str| {
        let tmp = home.join(".t.drill.swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    save(&good.replacen("goto page_arrives", "goto page_arrive", 1));
    let broken = read_until(&mut lines, "run 2:");
    assert!(
        broken
            .iter()
            .any(|l| l.contains("unknown scene `page_arrive`")),
        "{broken:?}"
    );
    assert!(
        broken.last().unwrap().contains("tests not run"),
        "{broken:?}"
    );
    // Fixed: the error said fixed, and nothing about tests that did not change.
    std::fs::write(&file, &good).unwrap();
    let fixed = read_until(&mut lines, "run 3:");
    assert!(fixed[0].starts_with("fixed: error FD0107"), "{fixed:?}");
    assert!(!fixed.iter().any(|l| l.starts_with("test ")), "{fixed:?}");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let stopped = read_until(&mut lines, "stopped watching");
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    assert!(child.wait().unwrap().success());
}

/// The tutorial, and a save of a new version of it as an editor makes
/// one (a new file renamed over the old).
fn tutorial_to_edit(home: &std::path::Path) -> (std::path::PathBuf, String) {
    let file = home.join("t.drill");
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
    )
    .unwrap();
    std::fs::write(&file, &good).unwrap();
    (file, good)
}

/// The lines a child prints, as they come, for a minute at most.
fn lines_of(out: impl std::io::Read + Send + 'static) -> impl Iterator<Item = String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    std::iter::from_fn(move || {
        rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()
    })
}

#[test]
fn plain_play_watch_prints_a_broken_save_goes_on_and_reloads_a_fixed_one() {
    let home = scratch("plain-watch");
    let (file, good) = tutorial_to_edit(&home);
    let args = [
        "play",
        file.to_str().unwrap(),
        "--watch",
        "--plain",
        "--no-record",
    ];
    let mut child = command(&home, &args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = lines_of(child.stdout.take().unwrap());
    let mut send = |line: &str| writeln!(stdin, "{line}").unwrap();
    send("wait 3m");
    read_until(&mut lines, "Acknowledge the page");
    // The follower starts beside the game: give it a moment to watch.
    std::thread::sleep(Duration::from_secs(1));
    let save = |text: &str| {
        let tmp = home.join(".t.drill.swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    // A broken save: its diagnostics, as `check` prints them, and the game
    // goes on, at the same moment, on the version it had.
    save(&good.replacen("goto page_arrives", "goto page_arrive", 1));
    std::thread::sleep(Duration::from_secs(1));
    send("look");
    let broken = read_until(&mut lines, "It is 10:03:00");
    let said = broken.join("\n");
    assert!(
        said.contains("error[FD0107]: unknown scene `page_arrive`"),
        "{said}"
    );
    assert!(
        said.contains("(The saved scenario has 1 error(s): the last good version (v1) goes on.)"),
        "{said}"
    );
    // Fixed, with new words: the game moves onto it, the player's action
    // replayed, and the scene shows again as the new version tells it.
    let fixed = good.replacen("Your phone buzzes", "Your phone BUZZES", 1);
    save(&fixed);
    std::thread::sleep(Duration::from_secs(1));
    send("look");
    let reloaded = read_until(&mut lines, "It is 10:03:00");
    let said = reloaded.join("\n");
    let notice = said.find("(reloaded v2: 1 of 1 action(s) replayed)");
    let scene = said.find("Your phone BUZZES. PAGE: disk_high");
    assert!(notice.is_some() && scene > notice, "{said}");
    // The game goes on, on the new version.
    send("ack");
    read_until(&mut lines, "Nice, it's yours now");
    send("quit");
    drop(stdin);
    let rest: Vec<String> = lines.collect();
    assert!(
        rest.iter().any(|l| l.contains("You left the drill")),
        "{rest:?}"
    );
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(!err.contains("version it started on"), "{err}");
}
