//! The real binary: exit codes, formats and messages of every command.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn firedrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, text: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("firedrill-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn no_arguments_lists_the_library_and_says_what_to_do() {
    let o = firedrill(&[]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("tutorial"), "{out}");
    assert!(out.contains("cloudflare-2019-waf"), "{out}");
    assert!(out.contains("firedrill check"), "{out}");
}

#[test]
fn check_passes_the_shipped_scenarios_with_deny_warnings() {
    let o = firedrill(&[
        "check",
        "--deny-warnings",
        "scenarios/tutorial.drill",
        "scenarios/cloudflare-2019-waf.drill",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("scenarios/tutorial.drill: ok"));
}

#[test]
fn check_accepts_builtin_ids() {
    let o = firedrill(&["check", "tutorial"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn check_reports_problems_with_place_code_and_help() {
    let path = temp_file("typo.drill", b"scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\nscene triage\n    Hi.\n    goto triagee\n");
    let o = firedrill(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[FD0107]: unknown scene `triagee`"),
        "{out}"
    );
    assert!(out.contains("typo.drill:7:10"), "{out}");
    assert!(out.contains("help: did you mean `triage`"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when NO_COLOR is set or not on a terminal"
    );
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let path = temp_file("warn.drill", b"scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\nflag never_read\nscene a\n    Hi.\n    wait\n");
    let loose = firedrill(&["check", path.to_str().unwrap()]);
    assert_eq!(loose.status.code(), Some(0), "{}", stdout(&loose));
    assert!(stdout(&loose).contains("warning[FD0304]"));
    let strict = firedrill(&["check", "--deny-warnings", path.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn json_format_is_machine_readable() {
    let path = temp_file("json.drill", b"scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\nscene a\n    goto nowhere\n");
    let o = firedrill(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "FD0107");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 10);
    assert!(d["help"].is_string());
}

#[test]
fn unreadable_input_and_bad_usage_exit_2() {
    let o = firedrill(&["check", "no/such/file.drill"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.drill"));
    assert_eq!(firedrill(&["check"]).status.code(), Some(2));
    assert_eq!(firedrill(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(firedrill(&["explain", "XY12"]).status.code(), Some(2));
}

#[test]
fn explain_prints_the_catalogue_entry() {
    let o = firedrill(&["explain", "fd0107"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("## FD0107: unknown scene"), "{out}");
    assert!(!out.contains("## FD0108"), "only one entry");
}

#[test]
fn binary_garbage_gets_a_diagnostic_not_a_crash() {
    let path = temp_file("garbage.drill", &[0xff, 0xfe, 0x00, 0x80, b'\n', 0x1b]);
    let o = firedrill(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("FD0001"), "{}", stdout(&o));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    for args in [
        &[
            "check",
            "--format",
            "json",
            "tests/corpus/bad/FD0107-unknown-scene.drill",
        ][..],
        &["explain", "FD0107"][..],
        &["list"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_firedrill"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close our end at once, like `| head -0`.
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
    }
}
