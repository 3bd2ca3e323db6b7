//! Running the real binary from the integration tests: with a scratch home
//! (so nothing lands in the real data or config folders), no colour, and
//! text fed to its stdin.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh scratch folder for one test (or test file), emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("firedrill-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary, run from the checkout, with its home folders under `home`.
pub fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_firedrill"));
    c.args(args)
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Runs the binary to the end with `input` on its stdin.
pub fn run(home: &Path, args: &[&str], input: &str) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), home, args, input)
}

/// As [`run`], in the folder `dir`, as a player in another folder would.
pub fn run_in(dir: &Path, home: &Path, args: &[&str], input: &str) -> Output {
    let mut child = command(home, args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    // A command that refuses before it reads (a lock held, a file taken) may
    // be gone before its input is written: that is its answer, not a failure.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The tutorial's first half as a player types it in plain mode: a page
/// acknowledged, a graph and a command looked at.
pub const FIRST_HALF: &str = "wait 3m\nack\ngraph disk_used\nrun df -h\n";

/// The rest of the tutorial to its good ending, then the three questions.
pub const SECOND_HALF: &str = "runbook disk_full\n1\nstatus investigating \"Thumbnails are delayed.\"\nrun logclean --older-than 7d\nrun systemctl restart thumbs-logrotate\nwait 2m\nstatus resolved all good\nit felt real\nthe shell\nnothing\n";

/// Plays the tutorial in plain mode with `script` on stdin, recorded to
/// `home/name`, and returns the transcript's path.
pub fn recorded(home: &Path, name: &str, script: &str) -> PathBuf {
    let path = home.join(name);
    let args = [
        "play",
        "tutorial",
        "--plain",
        "--record",
        path.to_str().unwrap(),
    ];
    let o = run(home, &args, script);
    assert!(o.status.success(), "{}", text(&o.stderr));
    path
}

/// A scenario from `text` (one file, named `t.drill`, no includes), checked;
/// the test fails showing the diagnostics when it does not check.
pub fn scenario(text: &str) -> firedrill::scenario::Scenario {
    use firedrill::lang::{Loaded, NoFiles, check};
    let result = check(Loaded::text("t.drill", text), &NoFiles);
    let shown = firedrill::lang::render::human(&result.diagnostics, &result.sources);
    result
        .scenario
        .unwrap_or_else(|| panic!("test scenario does not check:\n{shown}"))
}
