//! The real binary: exit codes, formats and messages of every command.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

mod common;

/// One scratch home for this file's runs, made once.
fn home() -> &'static std::path::Path {
    static HOME: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    HOME.get_or_init(|| common::scratch("cli"))
}

fn firedrill(args: &[&str]) -> Output {
    common::command(home(), args)
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
    let path = temp_file("json.drill", b"scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\nscene a\n    goto nowhere\nscene nowhera\n    wait\n");
    let o = firedrill(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "FD0107");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 10);
    assert!(d["help"].is_string());
    // The "did you mean" as a replacement of the misspelt name.
    assert_eq!(d["fix"]["with"], "nowhera");
    assert_eq!(
        (&d["fix"]["line"], &d["fix"]["column"]),
        (&6.into(), &10.into())
    );
    assert_eq!(d["fix"]["end_column"], 17);
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

fn firedrill_with_input(args: &[&str], input: &str) -> Output {
    common::run(home(), args, input)
}

#[test]
fn play_plain_runs_a_script_to_the_ending() {
    let script = "wait 3m\nack\ngraph disk_used\nrun df -h\nrunbook disk_full\n1\nstatus investigating \"Thumbnails are delayed.\"\nrun logclean --older-than 7d\nrun systemctl restart thumbs-logrotate\nwait 2m\nstatus resolved all good\nwait 1m\n";
    let o = firedrill_with_input(&["play", "tutorial", "--plain"], script);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("*** PAGE #1 ***"), "{out}");
    assert!(out.contains("page #1 acknowledged"), "{out}");
    assert!(out.contains("$ df -h"), "{out}");
    assert!(
        out.contains("=== THE END: First page, handled (RESOLVED) ==="),
        "{out}"
    );
    assert!(out.contains("How it went:"), "{out}");
    // Every line of the game is led by the incident clock.
    assert!(
        out.lines().filter(|l| l.starts_with("[10:0")).count() > 10,
        "{out}"
    );
}

/// `hypothesis TEXT` in plain mode notes the player's reasoning: the game
/// goes on, and the debrief lists it beside what had been seen before it.
#[test]
fn a_plain_hypothesis_is_noted_and_lands_in_the_debrief() {
    let script = format!(
        "{}hypothesis the logrotate is   stuck, 80% sure\nhypothesis\n{}",
        common::FIRST_HALF,
        common::SECOND_HALF
    );
    let dir = common::scratch("cli-hypothesis");
    let game = common::recorded(&dir, "game.ron", &script);
    let o = common::run(
        &dir,
        &["play", "tutorial", "--plain", "--no-record"],
        &script,
    );
    let out = stdout(&o);
    assert!(
        out.contains("Noted at T+3m") && out.contains("“the logrotate is stuck, 80% sure”"),
        "{out}"
    );
    assert!(
        out.contains("say what you think is going on: `hypothesis"),
        "{out}"
    );
    let o = common::run(
        &dir,
        &["debrief", game.to_str().unwrap(), "--format", "md"],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains("## Your hypotheses (1 noted, 1 names the root cause)"),
        "{md}"
    );
    assert!(
        md.contains("**“the logrotate is stuck, 80% sure”**"),
        "{md}"
    );
    assert!(md.contains("- Graphs seen before it: `disk_used`"), "{md}");
    assert!(md.contains("- Commands run before it: `df -h`"), "{md}");
    assert!(
        md.contains("- Root cause: named: it says “logrotate”"),
        "{md}"
    );
}

#[test]
fn play_explains_bad_input_and_ends_cleanly_at_eof() {
    let o = firedrill_with_input(
        &["play", "cloudflare-2019-waf"],
        "frobnicate\nwait soon\nchoose 9\n$ 'unclosed\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("`frobnicate` is not a command"), "{out}");
    assert!(out.contains("is not a duration"), "{out}");
    assert!(
        out.contains("not done: there is no choice to make right now"),
        "{out}"
    );
    assert!(out.contains("syntax error"), "{out}");
    assert!(
        out.contains("(end of input: you left the drill at"),
        "{out}"
    );
}

#[test]
fn play_at_each_support_level_gives_hints_as_it_says() {
    // The page rings unanswered: its hint comes due two minutes after the
    // alert fires, at T+3m59s.
    let script = "wait 5m\nhint\nhelp\n";
    let play = |level: &str, record: &std::path::Path| {
        let record = record.to_str().unwrap();
        let args = [
            "play",
            "tutorial",
            "--plain",
            "--practice",
            "--support",
            level,
            "--record",
            record,
        ];
        let o = firedrill_with_input(&args, script);
        assert!(o.status.success(), "{level}: {}", stderr(&o));
        stdout(&o)
    };
    let dir = common::scratch("support-levels");
    let solo = play("solo", &dir.join("solo.ron"));
    assert!(solo.contains("solo: no hints"), "{solo}");
    assert!(solo.contains("(not done: hints are off in solo)"), "{solo}");
    assert!(!solo.contains("HINT ("), "{solo}");
    assert!(!solo.contains("a hint is ready"), "{solo}");
    assert!(
        !solo.contains("  hint  "),
        "solo's help lists no `hint`:\n{solo}"
    );
    let guided = play("guided", &dir.join("guided.ron"));
    assert!(
        guided.contains("[10:03:59 T+3m59s] HINT (Acknowledge the page)"),
        "{guided}"
    );
    assert!(!guided.contains("a hint is ready"), "{guided}");
    assert!(guided.contains("hints appear on their own"), "{guided}");
    let assisted = play("assisted", &dir.join("assisted.ron"));
    assert!(
        assisted.contains("(a hint is ready: type `hint` to read it)"),
        "{assisted}"
    );
    assert!(
        assisted.contains("[10:05:00 T+5m] HINT (Acknowledge the page)"),
        "{assisted}"
    );
    // The transcript carries the level, and the debrief says it.
    let ron = std::fs::read_to_string(dir.join("guided.ron")).unwrap();
    assert!(
        ron.lines().next().unwrap().contains("support:Guided"),
        "{ron}"
    );
    let guided_ron = dir.join("guided.ron");
    let debrief = firedrill(&["debrief", guided_ron.to_str().unwrap(), "--format", "md"]);
    let md = stdout(&debrief);
    assert!(
        md.contains("Played at the **guided** support level"),
        "{md}"
    );
    assert!(
        md.contains("(`ack_the_page`): appeared on its own."),
        "{md}"
    );
    // Resumed, a game keeps the level it was recorded at.
    let cut = dir.join("cut.ron");
    let args = [
        "play",
        "tutorial",
        "--support",
        "solo",
        "--record",
        cut.to_str().unwrap(),
    ];
    assert!(firedrill_with_input(&args, "wait 1m\n").status.success());
    let resumed = firedrill_with_input(&["resume", cut.to_str().unwrap()], "wait 5m\nhint\n");
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    let out = stdout(&resumed);
    assert!(out.contains("(not done: hints are off in solo)"), "{out}");
    let bad = firedrill_with_input(&["play", "tutorial", "--support", "lots"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("guided"), "{}", stderr(&bad));
}

#[test]
fn play_refuses_unknown_scenarios_and_bad_speeds() {
    assert_eq!(
        firedrill_with_input(&["play", "nope"], "").status.code(),
        Some(2)
    );
    for speed in ["0", "0.1", "1001"] {
        let o = firedrill_with_input(&["play", "tutorial", "--speed", speed], "");
        assert_eq!(o.status.code(), Some(2), "--speed {speed}");
        assert!(stderr(&o).contains("0.25 to 1000"), "{}", stderr(&o));
    }
}

#[test]
fn test_command_runs_the_playthroughs() {
    let o = firedrill(&["test", "tutorial", "scenarios/cloudflare-2019-waf.drill"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("test kill_fast ... ok"), "{out}");
    assert!(
        out.lines().last().unwrap().ends_with("passed, 0 failed"),
        "{out}"
    );
}

#[test]
fn test_command_says_what_failed_where() {
    let path = temp_file(
        "failing.drill",
        b"scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\nscene a\n    * Go\n        end good\n    * Stay\n        end bad\nending good \"Good\"\n    outcome resolved\nending bad \"Bad\"\n    outcome worse\ntest picks_wrong\n    choose 2\n    expect ending good\ntest picks_ghost\n    hint\n",
    );
    let o = firedrill(&["test", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("test picks_wrong ... FAILED"), "{out}");
    assert!(
        out.contains(
            "expected the ending `good`, but the drill ended with `bad` (made worse) at T+10s"
        ),
        "{out}"
    );
    assert!(out.contains("failing.drill:16:5"), "{out}");
    assert!(
        out.contains("step 1 (line 18, T+0) hint: the engine refused it: no hint right now"),
        "{out}"
    );
    assert!(
        out.contains("after step 1 (line 15, T+0) choose 2"),
        "{out}"
    );
    assert!(out.contains("0 passed, 2 failed"), "{out}");
}

#[test]
fn new_writes_a_scenario_that_checks_and_tests_clean() {
    let dir = std::env::temp_dir().join(format!("firedrill-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("acme-2024-api.drill");
    let o = firedrill(&["new", "acme-2024-api", "--output", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        firedrill(&["check", "--deny-warnings", file.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let t = firedrill(&["test", file.to_str().unwrap()]);
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
    // Never overwrites.
    let again = firedrill(&["new", "acme-2024-api", "--output", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    // From a postmortem.
    let pm = dir.join("pm.md");
    std::fs::write(&pm, "# Checkout outage\n\nA bad config took checkout down on 2024-03-05.\n\n## Timeline\n- 13:02 UTC - config pushed\n- 13:05 UTC - alert fired, on-call paged\n- 13:31 UTC - config rolled back\n- 13:42 UTC - incident resolved\n").unwrap();
    let drafted = dir.join("checkout.drill");
    let o = firedrill(&[
        "new",
        "checkout",
        "--from-postmortem",
        pm.to_str().unwrap(),
        "--output",
        drafted.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&drafted).unwrap();
    assert!(
        text.contains("mitigated 13:31 \"config rolled back\""),
        "{text}"
    );
    assert_eq!(
        firedrill(&["check", drafted.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    // A postmortem it cannot use.
    std::fs::write(&pm, "# Nothing here\n").unwrap();
    let bad = firedrill(&[
        "new",
        "x",
        "--from-postmortem",
        pm.to_str().unwrap(),
        "--output",
        dir.join("x.drill").to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("no timeline found"),
        "{}",
        stderr(&bad)
    );
    assert_eq!(firedrill(&["new", "not an id"]).status.code(), Some(2));
}

#[test]
fn list_as_json_describes_the_library() {
    let o = firedrill(&["list", "--format", "json"]);
    assert!(o.status.success());
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let list = doc["scenarios"].as_array().unwrap();
    assert!(list.len() >= 9, "the library has at least nine scenarios");
    assert_eq!(list[0]["id"], "tutorial");
    for s in list {
        assert_eq!(s["playable"], true, "{s}");
        assert!(s["endings"].as_array().unwrap().len() >= 3, "{s}");
        assert!(s["tests"].as_u64().unwrap() >= 2, "{s}");
        if s["id"] != "tutorial" {
            assert!(
                s["postmortem"]["url"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://"),
                "{s}"
            );
        }
    }
}

#[test]
fn options_appear_only_on_the_commands_they_apply_to() {
    let check = stdout(&firedrill(&["check", "--help"]));
    for foreign in ["--plain", "--record", "--no-record", "--player"] {
        assert!(!check.contains(foreign), "check offers {foreign}:\n{check}");
    }
    assert!(check.contains("--dir"), "check resolves ids in --dir too");
    let play = stdout(&firedrill(&["play", "--help"]));
    for own in [
        "--plain",
        "--record",
        "--no-record",
        "--player",
        "--practice",
        "--support",
    ] {
        assert!(play.contains(own), "play lacks {own}");
    }
    let o = firedrill(&["debrief", "x.ron", "--plain"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an option of another command is bad usage"
    );
}

#[test]
fn completions_offer_the_built_in_ids_and_the_manual_page_renders() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = firedrill(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        // clap's PowerShell and elvish generators complete no positional values.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                script.contains("cloudflare-2019-waf"),
                "{shell} does not complete ids"
            );
        }
        assert!(script.contains("debrief"), "{shell} lacks the commands");
    }
    let o = firedrill(&["man"]);
    assert!(o.status.success());
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie") || page.contains(".TH firedrill"),
        "{page}"
    );
    assert!(page.contains("completions"));
    assert_eq!(firedrill(&["completions", "tcsh"]).status.code(), Some(2));
}

/// A scripted plain game that a signal ends: the transcript is closed with
/// where the clock stood, and the exit status is 128 + the signal's number.
#[test]
fn a_signal_ends_a_plain_game_with_128_plus_n_and_a_whole_transcript() {
    use std::io::Write as _;
    for (signal, status) in [("TERM", 143), ("INT", 130), ("HUP", 129), ("USR2", 140)] {
        let game = home().join(format!("signal-{signal}.ron"));
        let _ = std::fs::remove_file(&game);
        let g = game.display().to_string();
        let mut child = common::command(home(), &["play", "tutorial", "--plain", "--record", &g])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Standard input stays open: the game waits for more.
        let mut input = child.stdin.take().unwrap();
        input.write_all(b"wait 2m\n").unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !std::fs::read_to_string(&game).is_ok_and(|t| t.contains("Wait(")) {
            assert!(
                std::time::Instant::now() < deadline,
                "the game never waited"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        let o = child.wait_with_output().unwrap();
        drop(input);
        assert_eq!(o.status.code(), Some(status), "SIG{signal}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("stopped by SIG{signal}")),
            "{}",
            stderr(&o)
        );
        // Where the transcript is, to resume it.
        assert!(
            stdout(&o).contains(&format!("firedrill resume {g}")),
            "{}",
            stdout(&o)
        );
        let text = std::fs::read_to_string(&game).unwrap();
        assert!(text.ends_with("Clock(to:120000)\n"), "SIG{signal}: {text}");
    }
}

/// Leaving a plain game early (`quit`, or the end of input) says where its
/// transcript is and the exact commands that go on from it; a game not
/// recorded says so.
#[test]
fn leaving_a_plain_game_names_its_transcript_and_the_commands() {
    let dir = common::scratch("cli-leaving");
    let path = dir.join("left.ron");
    let p = path.to_str().unwrap();
    let o = common::run(
        &dir,
        &["play", "tutorial", "--plain", "--record", p],
        "look\nquit\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("You left the drill at"), "{out}");
    for line in [
        format!("The transcript is {p}"),
        format!("  firedrill debrief {p} "),
        format!("  firedrill review {p} "),
        format!("  firedrill resume {p} "),
    ] {
        assert!(out.contains(&line), "missing `{line}` in {out}");
    }
    // The commands it names work on the file as it stands.
    let o = common::run(&dir, &["resume", p, "--plain"], "quit\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("firedrill debrief {p} ")));
    let o = common::run(&dir, &["play", "tutorial", "--plain", "--no-record"], "");
    let out = stdout(&o);
    assert!(out.contains("end of input: you left the drill"), "{out}");
    assert!(out.contains("This game was not recorded"), "{out}");
    assert!(!out.contains("firedrill resume"), "{out}");
}
