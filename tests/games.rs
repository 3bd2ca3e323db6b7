//! `firedrill games` and `firedrill player` with the real binary: games
//! recorded in plain mode are listed newest first, filtered, as JSON; a
//! broken file is named and skipped; a player marks only their own games;
//! the name kept with `player` goes into the next game's transcript.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, run, scratch, text};
use std::path::Path;

/// Plays the tutorial in plain mode as `player`, recorded to `dir/name`.
fn play(home: &Path, dir: &Path, name: &str, player: &str, script: &str) -> String {
    let path = dir.join(name);
    let p = path.to_str().unwrap();
    let o = run(
        home,
        &[
            "play", "tutorial", "--plain", "--record", p, "--player", player,
        ],
        script,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    p.to_string()
}

#[test]
fn games_are_listed_newest_first_filtered_and_as_json() {
    let home = scratch("games-list");
    let team = home.join("team");
    std::fs::create_dir_all(team.join("sam")).unwrap();
    let whole = format!("{FIRST_HALF}{SECOND_HALF}");
    let first = play(&home, &team, "maya-1.ron", "maya", &whole);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = play(&home, &team.join("sam"), "sam-1.ron", "sam", FIRST_HALF);
    std::fs::write(team.join("broken.ron"), "Header((format:2,scen").unwrap();
    let dir = team.to_str().unwrap();

    let o = run(&home, &["games", "--dir", dir], "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("started"), "{out}");
    // Newest first: sam's unfinished game, then maya's resolved one.
    assert!(
        lines[1].contains("sam") && lines[1].contains("unfinished"),
        "{out}"
    );
    assert!(lines[1].ends_with(&second), "{out}");
    assert!(
        lines[2].contains("maya") && lines[2].contains("resolved"),
        "{out}"
    );
    assert!(
        lines[2].contains("tutorial") && lines[2].contains("practice"),
        "{out}"
    );
    let err = text(&o.stderr);
    assert!(err.contains("broken.ron"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let o = run(
        &home,
        &[
            "games", "--dir", dir, "--player", "maya", "--format", "json",
        ],
        "",
    );
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["player"], "maya");
    assert_eq!(rows[0]["outcome"], "resolved");
    assert_eq!(rows[0]["path"], first.as_str());
    assert!(rows[0]["length_ms"].as_u64().unwrap() > 0);

    let o = run(
        &home,
        &["games", "--dir", dir, "--scenario", "gitlab-2017-db"],
        "",
    );
    assert!(
        text(&o.stdout).starts_with("No recorded games"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_player_marks_only_their_own_games_and_the_name_is_kept() {
    let home = scratch("games-mark");
    let o = run(&home, &["player", "maya"], "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&run(&home, &["player"], "").stdout).trim(), "maya");
    // A new game without --player is recorded under the kept name.
    let path = home.join("mine.ron");
    let p = path.to_str().unwrap();
    let o = run(
        &home,
        &["play", "tutorial", "--plain", "--record", p],
        FIRST_HALF,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let header = std::fs::read_to_string(&path).unwrap();
    assert!(
        header.lines().next().unwrap().contains("player:\"maya\""),
        "{header}"
    );

    let o = run(&home, &["games", "mark", p, "private"], "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let dir = home.to_str().unwrap();
    let listed = text(&run(&home, &["games", "--dir", dir], "").stdout);
    assert!(
        listed.lines().nth(1).unwrap().contains("private"),
        "{listed}"
    );
    run(&home, &["games", "mark", p, "counts"], "");
    let listed = text(&run(&home, &["games", "--dir", dir], "").stdout);
    assert!(!listed.contains("private"), "{listed}");

    let theirs = home.join("theirs.ron");
    let t = theirs.to_str().unwrap();
    run(
        &home,
        &[
            "play", "tutorial", "--plain", "--record", t, "--player", "sam",
        ],
        FIRST_HALF,
    );
    let o = run(&home, &["games", "mark", t, "throwaway"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("sam's game"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_custom_scenarios_game_is_listed_and_debriefed_after_the_file_is_deleted() {
    let home = scratch("games-deleted");
    let drill = home.join("my-drill.drill");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/ok/minimal.drill"),
        &drill,
    )
    .unwrap();
    let game = home.join("mine.ron");
    let (d, g) = (drill.to_str().unwrap(), game.to_str().unwrap());
    let o = run(&home, &["play", d, "--plain", "--record", g], "wait 5m\n");
    assert!(o.status.success(), "{}", text(&o.stderr));
    std::fs::remove_file(&drill).unwrap();
    let listed = text(&run(&home, &["games", "--dir", home.to_str().unwrap()], "").stdout);
    assert!(
        listed.lines().nth(1).is_some_and(|l| l.ends_with(g)),
        "{listed}"
    );
    let o = run(&home, &["debrief", g, "--format", "md"], "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("# "), "{}", text(&o.stdout));
}
