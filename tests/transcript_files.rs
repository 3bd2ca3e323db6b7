//! Transcript files through the real binary: no silent size limit (a
//! transcript over 16 MiB debriefs with its ending; a line over the line
//! limit is named), bounded messages for junk, `resume` that refuses an
//! ended game and repairs a torn line, outputs that never replace a
//! transcript, `--record` that never starts a game over an existing file,
//! and notes read with their problems said.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, command, recorded, run, scratch, text};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The title of the tutorial's ending that the script reaches.
const ENDING: &str = "First page, handled";

fn full_game(home: &Path, name: &str) -> PathBuf {
    recorded(home, name, &format!("{FIRST_HALF}{SECOND_HALF}"))
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_transcript_over_16_mib_debriefs_whole_with_its_ending() {
    let home = scratch("huge");
    let game = full_game(&home, "game.ron");
    let body = std::fs::read_to_string(&game).unwrap();
    // A second stored scenario version of 17 MiB (one line longer than the
    // old whole-file limit), then the whole game after it.
    let padding = format!(
        "Source((hash:\"0000000000000000\",files:[(key:\"pad.drill\",text:\"{}\")]))\n",
        "x".repeat(17 * 1024 * 1024)
    );
    let at = body.find("\nEvent(").unwrap() + 1;
    let huge = format!("{}{padding}{}", &body[..at], &body[at..]);
    std::fs::write(&game, &huge).unwrap();
    assert!(huge.len() > 17 * 1024 * 1024);
    let o = run(&home, &["debrief", arg(&game), "--format", "md"], "");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("cut off"), "{err}");
    let md = text(&o.stdout);
    assert!(md.contains(ENDING), "the ending is read:\n{md}");
    assert!(md.contains("it felt real"), "so are the answers");
    // And it is known to be over: resume refuses it and writes nothing.
    let o = run(&home, &["resume", arg(&game), "--plain"], "");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_to_string(&game).unwrap().len(), huge.len());
}

#[test]
fn a_line_over_the_limit_is_named_and_resume_writes_nothing() {
    let home = scratch("longline");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&game)
        .unwrap();
    let chunk = vec![b'x'; 1024 * 1024];
    for _ in 0..65 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"\nClock(to:190000)\n").unwrap();
    drop(f);
    let size = std::fs::metadata(&game).unwrap().len();
    let o = run(&home, &["debrief", arg(&game), "--format", "md"], "");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("longer than the limit of 8 MiB"), "{err}");
    assert!(text(&o.stdout).contains("df -h"), "the rest is read");
    let o = run(&home, &["resume", arg(&game), "--plain"], "");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("not read whole"), "{err}");
    assert_eq!(std::fs::metadata(&game).unwrap().len(), size);
}

#[test]
fn junk_gives_one_error_and_bad_lines_are_bounded() {
    let home = scratch("junk");
    let junk = home.join("junk.ron");
    let line = "this is not a transcript at all, just words\n";
    std::fs::write(&junk, line.repeat(500_000)).unwrap();
    let o = run(&home, &["debrief", arg(&junk)], "");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("junk.ron:1") && err.contains("not a firedrill transcript"));
    assert!(err.len() < 1000, "one error, not one per line: {err}");

    let game = recorded(&home, "game.ron", FIRST_HALF);
    let mut body = std::fs::read_to_string(&game).unwrap();
    body.push_str(&"Event(garbage\n".repeat(1000));
    std::fs::write(&game, body).unwrap();
    let o = run(&home, &["debrief", arg(&game), "--format", "md"], "");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert_eq!(err.matches("cannot be read").count(), 21, "{err}");
    assert!(err.contains("980 more line(s)"), "{err}");
    let md = text(&o.stdout);
    assert!(md.contains("980 more transcript line(s)"), "{md}");
}

/// Runs the binary, killing it if it has not finished in 10 seconds.
fn run_bounded(home: &Path, args: &[&str]) -> std::process::Output {
    let mut child = command(home, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("firedrill {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn pipes_are_refused_for_transcripts_and_notes() {
    let home = scratch("fifo");
    let fifo = home.join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let o = run_bounded(&home, &["debrief", arg(&fifo)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("a named pipe"),
        "{}",
        text(&o.stderr)
    );

    let game = recorded(&home, "game.ron", FIRST_HALF);
    let made = std::process::Command::new("mkfifo")
        .arg(home.join("game.ron.notes"))
        .status()
        .unwrap();
    assert!(made.success());
    let o = run_bounded(&home, &["debrief", arg(&game), "--format", "md"]);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("notes") && err.contains("a named pipe"),
        "{err}"
    );
}

#[test]
fn unreadable_notes_are_counted_and_the_rest_shown() {
    let home = scratch("notes");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    std::fs::write(
        home.join("game.ron.notes"),
        "Note(at:0,text:\"first\")\nnot a note\n\nNote(at:bad)\nNote(at:190000,text:\"second\")\n\u{ff}\n",
    )
    .unwrap();
    let o = run(&home, &["debrief", arg(&game), "--format", "md"], "");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("3 lines of") && err.contains("(the first is line 2)"),
        "{err}"
    );
    let md = text(&o.stdout);
    assert!(md.contains("first") && md.contains("second"), "{md}");
    assert!(md.contains("3 lines of"), "the debrief says so too: {md}");
}

#[test]
fn resume_refuses_an_ended_game_and_leaves_it_alone() {
    let home = scratch("ended");
    let game = full_game(&home, "game.ron");
    let before = std::fs::read(&game).unwrap();
    let o = run(&home, &["resume", arg(&game), "--plain"], "");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("has ended"), "{err}");
    assert_eq!(std::fs::read(&game).unwrap(), before, "nothing written");
}

#[test]
fn resume_cuts_a_torn_line_off_and_keeps_the_original_aside() {
    let home = scratch("torn");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    let mut body = std::fs::read_to_string(&game).unwrap();
    body.push_str("Action(at:9,act");
    std::fs::write(&game, &body).unwrap();
    let o = run(&home, &["resume", arg(&game), "--plain"], SECOND_HALF);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(text(&o.stdout).contains("THE END"), "{}", text(&o.stdout));
    let aside = home.join("game.ron.torn-1");
    assert!(err.contains(arg(&aside)), "the player is told: {err}");
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), body);
    let after = std::fs::read_to_string(&game).unwrap();
    assert!(!after.contains("Action(at:9,act"), "{after}");
    let o = run(&home, &["debrief", arg(&game), "--format", "md"], "");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        !err.contains("cannot be read") && !err.contains("cut off"),
        "{err}"
    );
    assert!(text(&o.stdout).contains(ENDING));

    // A second repair keeps the first copy and takes the next name.
    let game = recorded(&home, "two.ron", FIRST_HALF);
    std::fs::write(home.join("two.ron.torn-1"), "older").unwrap();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&game)
        .unwrap();
    f.write_all(b"Eve").unwrap();
    let o = run(&home, &["resume", arg(&game), "--plain"], "quit\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(home.join("two.ron.torn-1")).unwrap(),
        "older"
    );
    assert!(home.join("two.ron.torn-2").exists());

    // A whole last entry that only lacks its line break is kept, not cut.
    let game = recorded(&home, "three.ron", FIRST_HALF);
    let body = std::fs::read_to_string(&game).unwrap();
    std::fs::write(&game, body.trim_end()).unwrap();
    let o = run(&home, &["resume", arg(&game), "--plain"], "quit\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(!home.join("three.ron.torn-1").exists());
    let after = std::fs::read_to_string(&game).unwrap();
    assert!(after.starts_with(&body), "{after}");
}

#[test]
fn debrief_output_never_replaces_a_transcript() {
    let home = scratch("outputs");
    let game = full_game(&home, "game.ron");
    let before = std::fs::read(&game).unwrap();
    let other = home.join("other.ron");
    std::fs::write(&other, &before).unwrap();
    let notes = home.join("game.ron.notes");
    std::fs::write(&notes, "Note(at:0,text:\"keep me\")\n").unwrap();
    let mut targets = vec![game.clone(), other.clone(), notes.clone()];
    #[cfg(unix)]
    {
        let link = home.join("link.md");
        std::os::unix::fs::symlink(&game, &link).unwrap();
        targets.push(link);
    }
    for out in &targets {
        for format in ["md", "html", "ron", "term"] {
            let o = run(
                &home,
                &["debrief", arg(&game), "--format", format, "-o", arg(out)],
                "",
            );
            let err = text(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{}: {err}", out.display());
            assert!(err.contains("will not write"), "{err}");
        }
    }
    assert_eq!(std::fs::read(&game).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(std::fs::read_to_string(&notes).unwrap().contains("keep me"));

    // Any other file is replaced, as before.
    let old = home.join("old.md");
    std::fs::write(&old, "an old debrief").unwrap();
    let o = run(
        &home,
        &["debrief", arg(&game), "--format", "md", "-o", arg(&old)],
        "",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(std::fs::read_to_string(&old).unwrap().contains(ENDING));
}

#[test]
fn record_onto_an_existing_file_is_refused_before_the_game() {
    let home = scratch("record");
    let taken = home.join("taken.ron");
    std::fs::write(&taken, "my notes").unwrap();
    let o = run(
        &home,
        &["play", "tutorial", "--plain", "--record", arg(&taken)],
        // No input: the refusal comes before anything is read, and a
        // script written to a process that has gone would fail the write.
        "",
    );
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(text(&o.stdout).is_empty(), "no game: {}", text(&o.stdout));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "my notes");
}

/// A lock file that is a named pipe beside the transcript to be would leave
/// the game unrecorded once begun: refused before the game, exit 2.
#[cfg(unix)]
#[test]
fn record_beside_a_lock_file_that_is_a_pipe_is_refused_before_the_game() {
    let home = scratch("record-lock-pipe");
    let fresh = home.join("fresh.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(home.join("fresh.ron.lock"))
        .status()
        .unwrap();
    assert!(made.success());
    let o = run_bounded(
        &home,
        &["play", "tutorial", "--plain", "--record", arg(&fresh)],
    );
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("lock file") && err.contains("a named pipe"),
        "{err}"
    );
    assert!(text(&o.stdout).is_empty(), "no game: {}", text(&o.stdout));
    assert!(!fresh.exists());
}

/// The terminal UI path, in a pseudo-terminal (`script`); skipped with a
/// note where util-linux `script` is missing.
#[cfg(unix)]
#[test]
fn record_onto_an_existing_file_is_refused_before_the_terminal_ui() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("`script` is not installed: skipping the terminal UI case");
        return;
    }
    let home = scratch("record-tui");
    let taken = home.join("taken.ron");
    std::fs::write(&taken, "my notes").unwrap();
    let bin = env!("CARGO_BIN_EXE_firedrill");
    for args in [
        format!("play tutorial --record {}", arg(&taken)),
        format!("--record {}", arg(&taken)),
    ] {
        let o = std::process::Command::new("script")
            .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(2), "{args}: {out}");
        assert!(out.contains("already exists"), "{out}");
        assert!(
            !out.contains("\u{1b}[?1049h"),
            "no alternate screen: {out:?}"
        );
    }
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "my notes");
}
