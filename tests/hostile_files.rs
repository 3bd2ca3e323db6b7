//! The real binary on hostile files and input: every reader refuses a named
//! pipe (which would block forever) with words that say what it is, and
//! plain-mode input is read in bounded lines. Each run has a deadline, so a
//! regression that hangs fails the test instead of hanging CI.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;

/// The binary is given this long; a hang fails the test.
const DEADLINE: Duration = Duration::from_secs(30);

/// Runs `command` to the end, killing it (by its own id) and failing the
/// test if it outlives [`DEADLINE`].
fn finish(mut command: Command, what: &str) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(out) = rx.recv_timeout(DEADLINE) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("`firedrill {what}` hung");
    };
    out.unwrap()
}

/// Runs the binary with `args` and nothing on its stdin.
fn run(home: &Path, args: &[&str]) -> Output {
    let mut c = common::command(home, args);
    c.stdin(Stdio::null());
    finish(c, &args.join(" "))
}

/// A named pipe at `path`, or `None` (the test is skipped) without mkfifo.
fn fifo(path: &Path) -> Option<()> {
    let _ = std::fs::remove_file(path);
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo is not available: skipping");
    }
    made.then_some(())
}

fn both(o: &Output) -> String {
    format!("{}{}", common::text(&o.stdout), common::text(&o.stderr))
}

/// A copy of the tutorial in a scratch folder, with `extra` appended.
fn tutorial_with(dir: &Path, extra: &str) -> PathBuf {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
    )
    .unwrap();
    let path = dir.join("main.drill");
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
    path
}

#[test]
fn a_scenario_an_include_and_a_file_body_that_are_pipes_are_refused() {
    let home = common::scratch("hostile-scenario");
    let pipe = home.join("pipe.drill");
    let Some(()) = fifo(&pipe) else { return };
    let o = run(&home, &["check", pipe.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", both(&o));
    assert!(
        both(&o).contains("it is a named pipe, not a regular file"),
        "{}",
        both(&o)
    );

    fifo(&home.join("lib.drill")).unwrap();
    let main = tutorial_with(&home, "include \"lib.drill\"\n");
    let o = run(&home, &["check", main.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(both(&o).contains("named pipe"), "{}", both(&o));

    fifo(&home.join("body.md")).unwrap();
    let main = tutorial_with(&home, "runbook piped \"Piped\"\n    file \"body.md\"\n");
    let o = run(&home, &["check", main.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(both(&o).contains("named pipe"), "{}", both(&o));
}

#[test]
fn list_dir_names_a_pipe_among_the_scenarios_without_opening_it() {
    let home = common::scratch("hostile-list");
    let dir = home.join("mine");
    std::fs::create_dir_all(&dir).unwrap();
    let Some(()) = fifo(&dir.join("piped.drill")) else {
        return;
    };
    std::fs::create_dir(dir.join("folder.drill")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
        dir.join("fine.drill"),
    )
    .unwrap();
    let o = run(
        &home,
        &["list", "--dir", dir.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", both(&o));
    let out = both(&o);
    assert!(out.contains("\"id\": \"fine\""), "{out}");
    assert!(
        out.contains("it is a named pipe, not a regular file"),
        "{out}"
    );
    assert!(out.contains("it is a folder, not a regular file"), "{out}");
}

#[test]
fn a_postmortem_that_is_a_pipe_is_refused() {
    let home = common::scratch("hostile-postmortem");
    let pm = home.join("pm.md");
    let Some(()) = fifo(&pm) else { return };
    let out = home.join("new.drill");
    let o = run(
        &home,
        &[
            "new",
            "acme",
            "--from-postmortem",
            pm.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", both(&o));
    assert!(
        both(&o).contains("it is a named pipe, not a regular file"),
        "{}",
        both(&o)
    );
    assert!(!out.exists());

    let big = home.join("big.md");
    std::fs::write(&big, "# Title\n".repeat(1024 * 1024 / 8 + 1)).unwrap();
    let big = big.to_str().unwrap();
    let o = run(
        &home,
        &[
            "new",
            "acme",
            "--from-postmortem",
            big,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", both(&o));
    let said = both(&o);
    assert!(
        said.contains("it is larger than the limit of 1 MiB"),
        "{said}"
    );
    assert!(!out.exists());
}

/// `play --plain < /dev/zero` under a 1 GiB address-space limit: a reader
/// that kept the endless line would run out and abort.
#[cfg(target_os = "linux")]
#[test]
fn plain_mode_reads_endless_input_in_bounded_memory() {
    let home = common::scratch("hostile-zero");
    let bin = env!("CARGO_BIN_EXE_firedrill");
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "ulimit -v 1048576 && exec '{bin}' play tutorial --plain < /dev/zero"
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"));
    let o = finish(sh, "play tutorial --plain < /dev/zero");
    let out = both(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("without a line ending: stopping reading it"),
        "{out}"
    );
    assert!(out.contains("(end of input: you left the drill"), "{out}");
}

#[test]
fn plain_mode_names_a_long_or_broken_line_and_plays_on() {
    let home = common::scratch("hostile-lines");
    let mut input = b"look\n".to_vec();
    input.extend(vec![b'x'; 5000]);
    input.extend_from_slice(b"\n\xff\xfe not text\nwait 3m\nack\n");
    let script = home.join("script");
    std::fs::write(&script, input).unwrap();
    let mut c = common::command(&home, &["play", "tutorial", "--plain"]);
    c.stdin(std::fs::File::open(&script).unwrap());
    let o = finish(c, "play tutorial --plain");
    let out = both(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("That line is longer than 4096 bytes; it was ignored."),
        "{out}"
    );
    assert!(
        out.contains("That line is not UTF-8 text; it was ignored."),
        "{out}"
    );
    // The game went on after both: the page came and was acknowledged.
    assert!(out.contains("T+3m"), "{out}");
    assert!(
        !out.contains("(end of input: you left the drill at T+0"),
        "{out}"
    );
}

/// Junk makes a diagnostic a line: `check` shows the first 100 and counts
/// the rest, in text and JSON, so the output stays small whatever the input.
#[test]
fn check_shows_a_bounded_number_of_diagnostics_and_counts_the_rest() {
    let home = common::scratch("hostile-junk");
    let junk = "bogus = ((\n".repeat(40_000);
    let file = home.join("junk.drill");
    std::fs::write(&file, junk).unwrap();
    let path = file.to_str().unwrap();
    let o = run(&home, &["check", path]);
    let out = common::text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(out.len() < 100_000, "{} bytes of output", out.len());
    assert_eq!(out.matches("error[FD").count(), 100, "{out}");
    assert!(out.contains("more not shown ("), "{out}");
    assert!(out.contains(": 40001 errors, 0 warnings"), "{out}");

    let o = run(&home, &["check", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &json["files"][0];
    assert_eq!(f["diagnostics"].as_array().map(Vec::len), Some(100));
    assert_eq!(f["errors"], 40_001);
    assert_eq!(f["omitted"], 40_001 - 100);
    assert!(o.stdout.len() < 200_000, "{} bytes of JSON", o.stdout.len());
}

/// A file of many short lines is refused by its line count before it is
/// parsed (the checker's memory grows with lines, not bytes).
#[test]
fn a_file_of_too_many_lines_is_refused() {
    let home = common::scratch("hostile-lines-count");
    let file = home.join("many.drill");
    std::fs::write(&file, "x\n".repeat(50_001)).unwrap();
    let o = run(&home, &["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", both(&o));
    assert!(
        both(&o).contains("error[FD0002]: the file has more than the limit of 50000 lines"),
        "{}",
        both(&o)
    );
}

/// The limits of one file hold for a whole scenario: includes and `file`
/// bodies that each fit cannot add up past them.
#[test]
fn includes_and_file_bodies_add_up_to_the_limit_of_one_file() {
    let home = common::scratch("hostile-sum");
    let filler = format!("// {}\n", "x".repeat(1000)).repeat(1100);
    std::fs::write(home.join("big.drill"), &filler).unwrap();
    let main = tutorial_with(&home, "include \"big.drill\"\ninclude \"big.drill\"\n");
    let o = run(&home, &["check", main.to_str().unwrap()]);
    let out = both(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("with this file, the scenario (a file and its includes together) is larger than the limit of 2097152 bytes (2 MiB)"),
        "{out}"
    );

    std::fs::write(home.join("body.md"), "words\n".repeat(40_000)).unwrap();
    let runbooks: String = (0..40)
        .map(|i| format!("runbook r{i} \"R\"\n    file \"body.md\"\n"))
        .collect::<Vec<_>>()
        .concat();
    let main = tutorial_with(&home, &runbooks);
    let o = run(&home, &["check", main.to_str().unwrap()]);
    let out = both(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("with this file, the scenario (its files and `file` bodies together) is larger than the limit"),
        "{out}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Whatever the junk, a check keeps at most `MAX_DIAGNOSTICS`, counts
    /// every one it found, and its text and JSON stay small.
    #[test]
    fn diagnostics_are_bounded_on_any_junk(
        line in "[ -~]{0,300}",
        lines in 150usize..2000,
    ) {
        use firedrill::lang::{self, NoFiles, render};
        let text = format!("{line}\n").repeat(lines);
        let checked = lang::check(
            lang::Loaded { name: "junk.drill".into(), key: "junk.drill".into(), bytes: text.into_bytes() },
            &NoFiles,
        );
        proptest::prop_assert!(checked.diagnostics.len() <= lang::MAX_DIAGNOSTICS);
        proptest::prop_assert_eq!(
            checked.errors() + checked.warnings(),
            checked.diagnostics.len() + checked.omitted.total()
        );
        let shown = render::human(&checked.diagnostics, &checked.sources);
        proptest::prop_assert!(shown.len() < 400_000, "{} bytes", shown.len());
        let json = serde_json::to_string(&render::json_values(&checked.diagnostics, &checked.sources))
            .unwrap_or_default();
        proptest::prop_assert!(json.len() < 600_000, "{} bytes", json.len());
    }
}
