//! `firedrill progress` with the real binary: a team folder of recorded
//! games (one broken file among them) gives one row per player and one
//! warning; a mentor's sign-off shows in every format; a team's bucket list
//! that does not read is named with its line and column, and the default
//! list is used; marks hide games; nothing is ever written but sign-offs.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, run, scratch, text};
use std::path::{Path, PathBuf};

/// A team folder: the tutorial played to its end by maya, sam and lee, each
/// in a folder of their own, and one broken file.
fn team(name: &str) -> (PathBuf, PathBuf) {
    let home = scratch(name);
    let game = common::recorded(&home, "game.ron", &format!("{FIRST_HALF}{SECOND_HALF}"));
    let recorded = std::fs::read_to_string(&game).unwrap();
    let player = recorded
        .split("player:\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let folder = home.join("team");
    for who in ["maya", "sam", "lee"] {
        std::fs::create_dir_all(folder.join(who)).unwrap();
        let mine = recorded.replacen(
            &format!("player:\"{player}\""),
            &format!("player:\"{who}\""),
            1,
        );
        std::fs::write(folder.join(who).join("tutorial.ron"), mine).unwrap();
    }
    std::fs::write(folder.join("sam/broken.ron"), "Header((format:3,scen\n").unwrap();
    (home, folder)
}

fn progress(home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["progress"];
    all.extend_from_slice(args);
    let o = run(home, &all, "");
    (
        o.status.code().unwrap_or(-1),
        text(&o.stdout),
        text(&o.stderr),
    )
}

/// Every file below a folder, with its length: what a run left behind.
fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(listing(&p));
        } else {
            out.push((p.clone(), e.metadata().unwrap().len()));
        }
    }
    out.sort();
    out
}

#[test]
fn a_team_folder_gives_a_row_per_player_and_names_the_broken_file_once() {
    let (home, folder) = team("progress-team");
    let dir = folder.to_str().unwrap();
    let before = listing(&folder);
    let (code, out, err) = progress(&home, &["--dir", dir, "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    for who in ["maya", "sam", "lee"] {
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with(&format!("| {who} |")))
                .count(),
            1,
            "{out}"
        );
    }
    assert_eq!(out.lines().filter(|l| l.starts_with("## ")).count(), 3);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: ") && err.contains("broken.ron"),
        "{err}"
    );
    // The acknowledgement points at the game and its moment, to review it.
    let maya = out.split("## maya").nth(1).unwrap();
    assert!(
        maya.contains("acknowledged page 1")
            && maya.contains("T+3m (10:03)")
            && maya.contains(&format!(
                "firedrill review {}",
                folder.join("maya/tutorial.ron").display()
            )),
        "{maya}"
    );
    // The tutorial counts as the primary role, and suggests another drill.
    assert!(maya.contains("primary: tutorial on"), "{maya}");
    assert!(maya.contains("next: "), "{maya}");
    assert_eq!(listing(&folder), before, "progress never writes");
}

#[test]
fn a_sign_off_shows_in_every_format() {
    let (home, folder) = team("progress-sign");
    let dir = folder.to_str().unwrap();
    let o = run(
        &home,
        &[
            "progress",
            "sign",
            "lee",
            "real-shift",
            "--by",
            "sam",
            "--note",
            "took the night pager <with> me",
            "--dir",
            dir,
        ],
        "",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(folder.join("signoffs.ron").is_file());
    for format in ["term", "md", "html", "json", "csv"] {
        let (code, out, err) = progress(
            &home,
            &["--dir", dir, "--player", "lee", "--format", format],
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("sam"), "{format}: {out}");
        assert!(out.contains("2026") || out.contains("20"), "{format}");
        let note = if format == "html" {
            "took the night pager &lt;with&gt; me"
        } else if format == "md" {
            "took the night pager \\<with\\> me"
        } else {
            "took the night pager <with> me"
        };
        assert!(out.contains(note), "{format}: {out}");
        // The sign-offs file is no transcript, and no warning.
        assert!(!err.contains("signoffs.ron"), "{format}: {err}");
    }
    let (_, json, _) = progress(
        &home,
        &["--dir", dir, "--player", "lee", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = doc["players"][0]["items"].as_array().unwrap();
    let shift = items.iter().find(|i| i["id"] == "real-shift").unwrap();
    assert_eq!(shift["checked"], true);
    assert_eq!(shift["signed"][0]["by"], "sam");
    // Sam's own list is unchanged by lee's sign-off.
    let (_, csv, _) = progress(&home, &["--dir", dir, "--player", "sam", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("sam,real-shift,,") && l.contains(",no,")),
        "{csv}"
    );
}

#[test]
fn an_unknown_item_is_refused_with_the_nearest() {
    let home = scratch("progress-unknown");
    let o = run(
        &home,
        &["progress", "sign", "lee", "real-shfit", "--by", "sam"],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("did you mean `real-shift`?"), "{err}");
}

#[test]
fn a_malformed_team_list_is_named_with_line_and_column_and_the_default_is_used() {
    let (home, folder) = team("progress-bucket");
    let config = home.join("config/firedrill");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("bucket.ron"),
        "(\n  items: [\n    (id: \"x\", title: \"X\", check: sometimes),\n  ],\n)\n",
    )
    .unwrap();
    let (code, out, err) = progress(
        &home,
        &["--dir", folder.to_str().unwrap(), "--player", "maya"],
    );
    assert_eq!(code, 0);
    assert!(err.contains("bucket.ron:3:"), "{err}");
    assert!(err.contains("using the default bucket list"), "{err}");
    assert!(out.contains("of 12 on the bucket list"), "{out}");
    // A list that reads replaces the default when it says so.
    std::fs::write(
        config.join("bucket.ron"),
        "(replace: true, items: [(id: \"war-room\", title: \"Ran a war room\", check: sign_off)])\n",
    )
    .unwrap();
    let (_, out, err) = progress(
        &home,
        &["--dir", folder.to_str().unwrap(), "--player", "maya"],
    );
    assert!(out.contains("0 of 1 on the bucket list"), "{out}{err}");
    assert!(out.contains("Ran a war room"), "{out}");
}

#[test]
fn throwaways_count_nowhere_and_private_games_only_for_their_player() {
    let (home, folder) = team("progress-marks");
    std::fs::write(folder.join("maya/tutorial.ron.mark"), "throwaway\n").unwrap();
    std::fs::write(folder.join("sam/tutorial.ron.mark"), "private\n").unwrap();
    let dir = folder.to_str().unwrap();
    let (_, out, _) = progress(&home, &["--dir", dir, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = doc["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["player"].as_str().unwrap())
        .collect();
    // The one asking is not sam: sam's private game is not theirs to see.
    assert_eq!(names, vec!["lee"], "{out}");
    // Sam asking sees it.
    std::fs::create_dir_all(home.join("config/firedrill")).unwrap();
    std::fs::write(home.join("config/firedrill/player.ron"), "\"sam\"\n").unwrap();
    let (_, out, _) = progress(&home, &["--dir", dir, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["players"].as_array().unwrap().len(), 2, "{out}");
}

#[test]
fn before_the_first_game_your_own_list_is_all_open_without_a_warning() {
    let home = scratch("progress-fresh");
    let (code, out, err) = progress(&home, &[]);
    assert_eq!(code, 0);
    assert_eq!(err, "");
    assert!(
        out.contains("0 of 12 on the bucket list · 0 games"),
        "{out}"
    );
    assert!(out.contains("next: "), "{out}");
}
