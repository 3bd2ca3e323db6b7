//! Story loops through the real binary: the checker rejects a loop nothing
//! stops (even one line added to a shipped scenario), and a loop only a
//! condition guards is stopped cleanly by `test`, `play --plain` and the
//! debrief of its transcript, never by a crash.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn home() -> &'static Path {
    static HOME: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    HOME.get_or_init(|| common::scratch("story-loops"))
}

fn run(args: &[&str], input: &str) -> Output {
    common::run(home(), args, input)
}

fn out(o: &Output) -> String {
    common::text(&o.stdout)
}

/// Writes `text` as `name` in this run's scratch folder.
fn write(name: &str, text: &str) -> PathBuf {
    let path = home().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The shipped scenario with `interrupt OPENING` added as the opening scene's
/// first line, and the opening scene's name.
fn with_self_interrupt(shipped: &Path) -> (String, String) {
    let text = std::fs::read_to_string(shipped).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines.iter().position(|l| l.starts_with("scene ")).unwrap();
    let name = lines[at]["scene ".len()..].trim().to_string();
    lines.insert(at + 1, format!("    interrupt {name}"));
    (lines.join("\n") + "\n", name)
}

/// Copies the folder `from` into `to`, with everything under it.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

#[test]
fn a_shipped_scenario_that_interrupts_itself_is_rejected_by_check_and_test() {
    // A copy of the shipped folder, so includes and `file` bodies resolve.
    let folder = home().join("shipped");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        &folder,
    );
    let mut shipped: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "drill"))
        .collect();
    shipped.sort();
    assert!(shipped.len() >= 10);
    for path in shipped {
        let (text, scene) = with_self_interrupt(&path);
        std::fs::write(&path, &text).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let arg = path.to_str().unwrap();
        let want = format!("`{scene}` -> `{scene}` for ever");
        for what in ["check", "test"] {
            let o = run(&[what, arg], "");
            assert_eq!(o.status.code(), Some(1), "{what} {file}: {}", out(&o));
            assert!(
                out(&o).contains("error[FD0310]"),
                "{what} {file}: {}",
                out(&o)
            );
            assert!(out(&o).contains(&want), "{what} {file}: {}", out(&o));
        }
    }
}

const STUCK: &str = "scenario stuck
    title \"Stuck\"
    start 2024-01-01 10:00 UTC
    duration 30m

flag fixed

scene first
    The pager goes off.
    if not fixed
        goto retry
    * Close the laptop
        end done

scene retry
    You try again.
    goto first

ending done \"Done\"
    outcome resolved

test goes_round
    expect ending done
";

const STOPPED: &str = "going round `first` -> `retry` -> `first`";

#[test]
fn a_guarded_loop_is_a_warning_and_test_fails_on_the_stop() {
    let path = write("stuck.drill", STUCK);
    let p = path.to_str().unwrap();
    let check = run(&["check", p], "");
    assert_eq!(check.status.code(), Some(0), "{}", out(&check));
    assert!(out(&check).contains("warning[FD0311]"), "{}", out(&check));
    let test = run(&["test", p], "");
    assert_eq!(test.status.code(), Some(1), "{}", out(&test));
    let text = out(&test);
    assert!(text.contains("test goes_round ... FAILED"), "{text}");
    assert!(text.contains("the engine stopped the story"), "{text}");
    assert!(text.contains(STOPPED), "{text}");
    assert!(text.contains("more than 1,000,000 times"), "{text}");
    assert!(text.contains("`story_stopped` (stopped)"), "{text}");
}

#[test]
fn a_guarded_loop_stops_play_and_the_debrief_says_why() {
    let path = write("stuck-play.drill", STUCK);
    let transcript = home().join("stuck.ron");
    let _ = std::fs::remove_file(&transcript);
    let play = run(
        &[
            "play",
            path.to_str().unwrap(),
            "--plain",
            "--record",
            transcript.to_str().unwrap(),
        ],
        "choose 1\n",
    );
    let text = out(&play);
    assert_eq!(
        play.status.code(),
        Some(0),
        "{text}{}",
        common::text(&play.stderr)
    );
    assert!(
        text.contains("=== THE END: Stopped: the story ran in a loop (STOPPED) ==="),
        "{text}"
    );
    assert!(text.contains(STOPPED), "{text}");
    // The runaway's events are cut short, so the screen is not flooded.
    assert!(text.lines().count() < 200, "{} lines", text.lines().count());
    assert!(
        text.contains("more events of the loop are left out"),
        "{text}"
    );
    // Input after the end is refused, not applied.
    assert!(!text.contains("Close the laptop"), "{text}");
    let transcript_text = std::fs::read_to_string(&transcript).unwrap();
    assert!(transcript_text.contains("story_stopped"));
    assert!(
        transcript_text.len() < 200_000,
        "{} bytes",
        transcript_text.len()
    );
    let debrief = run(&["debrief", transcript.to_str().unwrap()], "");
    let d = out(&debrief);
    assert_eq!(
        debrief.status.code(),
        Some(0),
        "{d}{}",
        common::text(&debrief.stderr)
    );
    assert!(
        d.contains("Stopped: the story ran in a loop (stopped)"),
        "{d}"
    );
    assert!(d.contains("`first` -> `retry` -> `first`"), "{d}");
}

/// The longest chain one scenario can hold (24,000 scenes: two lines each,
/// under the 50,000-line limit) checks and runs in one step. The engine's
/// own test runs a chain of 100,000 scenes built without the language.
#[test]
fn the_longest_chain_a_scenario_holds_checks_and_runs() {
    let n = 24_000;
    let mut text = String::from(
        "scenario chain\n    title \"Chain\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n\n",
    );
    for i in 0..n - 1 {
        text.push_str(&format!("scene s{i}\n    goto s{}\n", i + 1));
    }
    text.push_str(&format!(
        "scene s{}\n    end done\n\nending done \"Done\"\n    outcome resolved\n\ntest runs\n    expect ending done\n",
        n - 1
    ));
    let path = write("chain.drill", &text);
    let o = run(&["test", path.to_str().unwrap()], "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        out(&o),
        common::text(&o.stderr)
    );
    assert!(
        out(&o).contains("test runs ... ok (ended with `done` (resolved) at T+0)"),
        "{}",
        out(&o)
    );
}

/// A transcript whose stored scenario now has a loop the checker rejects
/// (recorded by an older firedrill, or edited) is refused by `debrief` and
/// `resume` with the checker's own reason, never replayed into a crash.
#[test]
fn a_transcript_whose_stored_scenario_loops_is_refused_with_the_reason() {
    let game = common::recorded(home(), "looping.ron", "wait 3m\nack\nquit\n");
    let text = std::fs::read_to_string(&game).unwrap();
    let edited = text.replacen(
        "scene page_arrives\\n",
        "scene page_arrives\\n    interrupt page_arrives\\n",
        1,
    );
    assert_ne!(text, edited, "the tutorial's stored source has the scene");
    let path = write("looping-edited.ron", &edited);
    let path = path.to_str().unwrap();
    for args in [vec!["debrief", path], vec!["resume", path, "--plain"]] {
        let command = args[0];
        let o = run(&args, "");
        let err = common::text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains("FD0310") && err.contains("page_arrives"),
            "{command}: {err}"
        );
    }
}
