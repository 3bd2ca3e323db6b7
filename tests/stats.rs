//! `firedrill stats` with the real binary: games played in plain mode (and
//! the notes written during them) show up, a corrupt and a newer-format
//! transcript in the folder are named and skipped, names only on request,
//! and no bytes in a transcript file crash it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::text;
use proptest::prelude::*;
use std::path::Path;

/// The tutorial to its good ending in plain mode, noting how two moments
/// felt on the way.
fn noted_script() -> String {
    format!(
        "wait 3m\nack\nfelt confusing which disk is full?\ngraph disk_used\nrun df -h\nfelt real \u{1b}[2Jthe df output\n{}",
        common::SECOND_HALF
    )
}

fn stats(home: &Path, dir: &Path, extra: &[&str]) -> (String, String, bool) {
    let mut args = vec!["stats", "tutorial", "--dir", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = common::run(home, &args, "");
    (text(&o.stdout), text(&o.stderr), o.status.success())
}

fn player_of(game: &Path) -> String {
    let t = std::fs::read_to_string(game).unwrap();
    let head = t.lines().next().unwrap();
    let at = head.find("player:\"").unwrap() + "player:\"".len();
    head[at..].split('"').next().unwrap().to_string()
}

#[test]
fn plain_games_and_their_notes_show_up_and_junk_is_named() {
    let home = common::scratch("stats-plain");
    let games = home.join("games");
    std::fs::create_dir_all(&games).unwrap();
    let first = common::recorded(&home, "games/a.ron", &noted_script());
    let script = format!("{}{}", common::FIRST_HALF, common::SECOND_HALF);
    common::recorded(&home, "games/b.ron", &script);
    std::fs::write(games.join("broken.ron"), "this is not a transcript\n").unwrap();
    let newer = std::fs::read_to_string(&first)
        .unwrap()
        .replacen("format:3", "format:99", 1);
    std::fs::write(games.join("newer.ron"), newer).unwrap();

    let (out, err, ok) = stats(&home, &games, &[]);
    assert!(ok, "{err}");
    assert!(out.contains("2 games"), "{out}");
    assert!(out.contains("First page, handled"), "{out}");
    assert!(out.contains("2 of 2 games"), "{out}");
    assert!(out.contains("Only 2 games: too few"), "{out}");
    assert!(out.contains("was confusing at T+3m"), "{out}");
    assert!(out.contains("“which disk is full?”"), "{out}");
    assert!(out.contains("the game as a whole"), "{out}");
    // Text from a transcript never reaches the terminal raw.
    assert!(
        !out.contains('\u{1b}') && out.contains("\\u{1b}[2J"),
        "{out}"
    );
    assert!(
        err.contains("broken.ron") && err.contains("newer.ron"),
        "{err}"
    );
    assert!(err.contains("newer than this firedrill"), "{err}");

    let player = player_of(&first);
    assert!(!out.contains(&format!("({player})")), "{out}");
    let (named, _, _) = stats(&home, &games, &["--names"]);
    assert!(named.contains(&format!("({player})")), "{named}");

    for format in ["md", "html", "json"] {
        let (out, err, ok) = stats(&home, &games, &["--format", format]);
        assert!(ok, "{format}: {err}");
        assert!(out.contains("which disk is full?"), "{format}: {out}");
        assert!(out.contains("broken.ron"), "{format}: {out}");
    }
    // The debrief lists the notes too, before the answers at the end.
    let o = common::run(
        &home,
        &["debrief", first.to_str().unwrap(), "--format", "md"],
        "",
    );
    let md = text(&o.stdout);
    assert!(
        md.contains("During the game, at T+3m") && md.contains("this moment was confusing"),
        "{md}"
    );
    let (json, _, _) = stats(&home, &games, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["versions"][0]["games"], 2);
    assert!(!json.contains(&format!("\"player\": \"{player}\"")));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn a_mentors_marked_and_other_scenarios_games_stay_out() {
    let home = common::scratch("stats-marks");
    let games = home.join("games");
    std::fs::create_dir_all(&games).unwrap();
    let script = format!("{}{}", common::FIRST_HALF, common::SECOND_HALF);
    let kept = common::recorded(&home, "games/kept.ron", &script);
    let thrown = common::recorded(&home, "games/thrown.ron", &script);
    std::fs::write(games.join("thrown.ron.mark"), "throwaway\n").unwrap();
    let (out, err, ok) = stats(&home, &games, &[]);
    assert!(ok, "{err}");
    assert!(
        out.contains("1 game, played") || out.contains("1 game,"),
        "{out}"
    );
    assert!(out.contains("Left out: 1 throwaway"), "{out}");
    assert!(kept.exists() && thrown.exists());
    let (none, _, ok) = {
        let o = common::run(
            &home,
            &[
                "stats",
                "cloudflare-2019-waf",
                "--dir",
                games.to_str().unwrap(),
            ],
            "",
        );
        (text(&o.stdout), text(&o.stderr), o.status.success())
    };
    assert!(ok);
    assert!(none.contains("No recorded games"), "{none}");
    let _ = std::fs::remove_dir_all(&home);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any bytes in a transcript file, beside a good game: stats names or
    /// reads it, and never crashes.
    #[test]
    fn any_bytes_in_a_transcript_never_crash_stats(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        cut in 0usize..4096,
    ) {
        let home = common::scratch("stats-bytes");
        let games = home.join("games");
        std::fs::create_dir_all(&games).unwrap();
        let good = good_game();
        // Sometimes the junk is a real game cut short, or with junk spliced in.
        let mut junk = good.as_bytes()[..cut.min(good.len())].to_vec();
        junk.extend_from_slice(&bytes);
        std::fs::write(games.join("good.ron"), good).unwrap();
        std::fs::write(games.join("junk.ron"), &junk).unwrap();
        let o = common::run(&home, &["stats", "--dir", games.to_str().unwrap()], "");
        prop_assert!(o.status.success(), "{}", text(&o.stderr));
        prop_assert!(text(&o.stdout).contains("tutorial"));
        let _ = std::fs::remove_dir_all(&home);
    }
}

/// One plain game of the tutorial, recorded once for the property test.
fn good_game() -> &'static str {
    static GAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    GAME.get_or_init(|| {
        let home = common::scratch("stats-good-game");
        let script = format!("{}{}", common::FIRST_HALF, common::SECOND_HALF);
        let path = common::recorded(&home, "good.ron", &script);
        std::fs::read_to_string(path).unwrap()
    })
}
