//! The real binary records games: a transcript survives `kill -9`, and can
//! then be read, debriefed and resumed to the ending.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, command, recorded, run, run_in, scratch, text};
use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Waits until the file holds `count` lines that contain `needle`.
fn wait_for(path: &Path, needle: &str, count: usize) -> String {
    let start = Instant::now();
    loop {
        let body = std::fs::read_to_string(path).unwrap_or_default();
        if body.matches(needle).count() >= count {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no {count}x `{needle}` in the transcript:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `firedrill debrief PATH --format md`, run to the end.
fn debrief_md(home: &Path, path: &str) -> std::process::Output {
    run(home, &["debrief", path, "--format", "md"], "")
}

#[test]
fn a_killed_game_keeps_every_action_and_can_be_debriefed_and_resumed() {
    let home = scratch("kill");
    let transcript = home.join("game.fdt");
    let path = transcript.to_str().unwrap();
    let mut child = command(
        &home,
        &[
            "play",
            "tutorial",
            "--plain",
            "--practice",
            "--record",
            path,
        ],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(FIRST_HALF.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Every action is on disk before the game reads the next one.
    let body = wait_for(&transcript, "Action(", 4);
    child.kill().unwrap(); // SIGKILL: no chance to tidy up.
    let _ = child.wait();
    drop(stdin);
    assert!(body.starts_with("Header("), "{body}");
    assert!(body.contains("Run("), "the last action is there:\n{body}");

    let debrief = debrief_md(&home, path);
    assert!(debrief.status.success(), "{}", text(&debrief.stderr));
    let md = text(&debrief.stdout);
    assert!(md.contains("df -h"), "the debrief lists the command:\n{md}");

    let resumed = run(&home, &["resume", path, "--plain"], SECOND_HALF);
    let out = text(&resumed.stdout);
    assert!(resumed.status.success(), "{}\n{out}", text(&resumed.stderr));
    assert!(
        out.contains("THE END"),
        "the resumed game reaches its ending:\n{out}"
    );

    let after = std::fs::read_to_string(&transcript).unwrap();
    assert_eq!(after.matches("Header(").count(), 1, "{after}");
    assert!(
        after.contains("Answer("),
        "the answers are recorded:\n{after}"
    );
    let end = debrief_md(&home, path);
    let md = text(&end.stdout);
    assert!(md.contains("it felt real"), "{md}");
}

#[test]
fn games_are_recorded_in_the_data_folder_unless_told_not_to() {
    let home = scratch("default");
    let script = format!("{FIRST_HALF}{SECOND_HALF}");
    let o = run(&home, &["play", "tutorial", "--plain"], &script);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let folder = home.join("data").join("firedrill").join("transcripts");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .collect();
    assert_eq!(files.len(), 1, "one transcript per game");
    assert!(
        text(&o.stdout).contains("firedrill debrief"),
        "the end says how to debrief"
    );

    let home = scratch("off");
    let o = run(
        &home,
        &["play", "tutorial", "--plain", "--no-record"],
        &script,
    );
    assert!(o.status.success());
    assert!(!home.join("data").exists(), "--no-record writes nothing");
}

#[test]
fn bad_transcripts_get_a_clear_error_naming_the_line() {
    let home = scratch("bad");
    let not = home.join("notes.txt");
    std::fs::write(&not, "hello\nworld\n").unwrap();
    let o = run(&home, &["debrief", not.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("notes.txt:1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let missing = run(&home, &["resume", "no/such/file.fdt"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("cannot read"));
}

#[test]
fn newer_changed_and_torn_transcripts_are_handled() {
    let home = scratch("variants");
    let good = recorded(&home, "good.ron", FIRST_HALF);
    let body = std::fs::read_to_string(&good).unwrap();

    let newer = home.join("newer.ron");
    std::fs::write(
        &newer,
        body.replacen(
            &format!("format:{},", firedrill::record::FORMAT),
            "format:99,",
            1,
        ),
    )
    .unwrap();
    let o = run(&home, &["debrief", newer.to_str().unwrap()], "");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("newer.ron:1") && err.contains("newer than this firedrill"),
        "{err}"
    );

    let changed = home.join("changed.ron");
    let hash_at = body.find("hash:\"").unwrap() + 6;
    let mut edited = body.clone();
    edited.replace_range(hash_at..hash_at + 4, "0000");
    std::fs::write(&changed, edited).unwrap();
    let o = debrief_md(&home, changed.to_str().unwrap());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("changed since"),
        "{}",
        text(&o.stderr)
    );

    let torn = home.join("torn.ron");
    std::fs::write(&torn, format!("{body}Action(at:9,act")).unwrap();
    let o = debrief_md(&home, torn.to_str().unwrap());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let last = body.lines().count() + 1;
    assert!(
        err.contains(&format!("torn.ron:{last}")),
        "names the torn line: {err}"
    );
    assert!(
        text(&o.stdout).contains("df -h"),
        "what is valid is still used"
    );
}

#[test]
fn a_transcript_carries_its_scenario_and_debriefs_after_it_is_gone() {
    let home = scratch("carried");
    let work = home.join("work");
    std::fs::create_dir_all(work.join("lib")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    std::fs::copy(root.join("tutorial.drill"), work.join("mine.drill")).unwrap();
    let game = home.join("game.ron");
    let o = run_in(
        &work,
        &home,
        &[
            "play",
            "mine.drill",
            "--plain",
            "--record",
            game.to_str().unwrap(),
        ],
        FIRST_HALF,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let body = std::fs::read_to_string(&game).unwrap();
    assert!(
        body.lines().nth(1).unwrap().starts_with("Source("),
        "the source follows the header"
    );
    std::fs::remove_dir_all(&work).unwrap();
    let elsewhere = scratch("carried-elsewhere");
    let o = run_in(
        &elsewhere,
        &home,
        &["debrief", game.to_str().unwrap(), "--format", "md"],
        "",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("df -h"), "{}", text(&o.stdout));
    assert!(
        !text(&o.stderr).contains("changed since"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn every_command_agrees_when_a_file_shares_a_built_in_id() {
    let home = scratch("shared-name");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    // A file called `tutorial` that is another scenario (and one that is broken).
    std::fs::copy(root.join("fastly-2021.drill"), home.join("tutorial")).unwrap();
    for dir in ["lib", "assets"] {
        let _ = std::process::Command::new("cp")
            .args([
                "-r",
                root.join(dir).to_str().unwrap(),
                home.to_str().unwrap(),
            ])
            .status();
    }
    let o = run_in(
        &home,
        &home,
        &["play", "tutorial", "--plain", "--no-record"],
        "quit\n",
    );
    assert!(
        text(&o.stdout).contains("=== Your first page ==="),
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stderr).contains("./tutorial"),
        "the note says how to name the file"
    );
    let o = run_in(
        &home,
        &home,
        &["play", "./tutorial", "--plain", "--no-record"],
        "quit\n",
    );
    assert!(
        text(&o.stdout).contains("One valid config, one global outage"),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    std::fs::write(home.join("tutorial"), "this is not a scenario\n").unwrap();
    for args in [&["check", "tutorial"][..], &["test", "tutorial"][..]] {
        let o = run_in(&home, &home, args, "");
        assert!(
            o.status.success(),
            "{args:?}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
    }
    let o = run_in(
        &home,
        &home,
        &["play", "tutorial", "--plain", "--no-record"],
        "quit\n",
    );
    assert!(
        o.status.success(),
        "a broken file of that name does not block the built-in"
    );
    let o = run_in(&home, &home, &["check", "./tutorial"], "");
    assert_eq!(
        o.status.code(),
        Some(1),
        "the file itself is checked when named as a path"
    );
}

#[test]
fn a_format_1_transcript_still_debriefs_and_says_which_copy_it_used() {
    let home = scratch("format1");
    let game = recorded(&home, "new.ron", FIRST_HALF);
    // What the previous firedrill wrote: no source, no real times.
    let old: Vec<String> = std::fs::read_to_string(&game)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("Source("))
        .map(|l| {
            let l = l.replacen("format:2,", "format:1,", 1);
            match l.find(",real:") {
                Some(i) => format!("{})", &l[..i]),
                None => l,
            }
        })
        .collect();
    let old_path = home.join("old.ron");
    std::fs::write(&old_path, old.join("\n") + "\n").unwrap();
    let o = debrief_md(&home, old_path.to_str().unwrap());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("df -h"));
    assert!(
        text(&o.stderr).contains("as it is now (built-in)"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_stored_scenario_edited_by_hand_is_noticed() {
    let home = scratch("tampered");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    let edited: Vec<String> = std::fs::read_to_string(&game)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("Source(") {
                l.replacen("Maya", "Mara", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&game, edited.join("\n") + "\n").unwrap();
    let o = debrief_md(&home, game.to_str().unwrap());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("changed since"),
        "{}",
        text(&o.stderr)
    );
}

/// A game of every shipped scenario, recorded as a player records it (its
/// source stored, runbooks and logs read from `file` bodies included),
/// debriefs from its transcript alone.
#[test]
fn a_recorded_game_of_every_shipped_scenario_debriefs() {
    let home = scratch("every-shipped");
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")).unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "drill") {
            continue;
        }
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let game = home.join(format!("{id}.ron"));
        let g = game.to_str().unwrap();
        let o = run(
            &home,
            &["play", &id, "--plain", "--record", g],
            "wait 1m\nquit\n",
        );
        assert!(o.status.success(), "{id}: {}", text(&o.stderr));
        let o = debrief_md(&home, g);
        assert!(o.status.success(), "{id}: {}", text(&o.stderr));
        assert!(
            text(&o.stderr).contains("stored in the transcript"),
            "{id}: {}",
            text(&o.stderr)
        );
    }
}

/// A transcript written before `file` bodies were stored (its source holds
/// the scenario's own files only) still debriefs, on the scenario as it is
/// now, and says so.
#[test]
fn a_transcript_without_its_file_bodies_debriefs_on_the_scenario_at_hand() {
    use firedrill::record::Entry;
    let home = scratch("no-bodies");
    let game = home.join("old.ron");
    let g = game.to_str().unwrap();
    let o = run(
        &home,
        &["play", "gitlab-2017-db", "--plain", "--record", g],
        "wait 1m\nquit\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let old: Vec<String> = std::fs::read_to_string(&game)
        .unwrap()
        .lines()
        .map(|l| match ron::from_str::<Entry>(l) {
            Ok(Entry::Source(mut s)) => {
                s.files.retain(|f| f.key.ends_with(".drill"));
                ron::to_string(&Entry::Source(s)).unwrap()
            }
            _ => l.to_string(),
        })
        .collect();
    std::fs::write(&game, old.join("\n") + "\n").unwrap();
    let o = debrief_md(&home, g);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("as it is now"),
        "{}",
        text(&o.stderr)
    );
}
