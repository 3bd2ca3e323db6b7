//! `firedrill fork` through the real binary: a new game from a moment of a
//! recorded one, its header naming the parent and the moment, the replayed
//! start matching the parent, the parent untouched, and the fork's
//! debrief showing both paths (or saying the parent is gone).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, recorded, run, scratch, text};
use firedrill::record::{Entry, Transcript};
use std::path::Path;

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read(p: &Path) -> Transcript {
    Transcript::read(&std::fs::read_to_string(p).unwrap())
}

/// The actions and events of a transcript, up to its first `Clock`.
fn played(t: &Transcript) -> Vec<Entry> {
    t.entries
        .iter()
        .take_while(|e| !matches!(e, Entry::Clock { .. }))
        .filter(|e| matches!(e, Entry::Action { .. } | Entry::Event(_)))
        .map(|e| match e {
            // Think times are the parent player's: a fork leaves them out.
            Entry::Action { at, action, by, .. } => Entry::Action {
                at: *at,
                action: action.clone(),
                real: None,
                by: by.clone(),
            },
            other => other.clone(),
        })
        .collect()
}

#[test]
fn a_fork_replays_the_start_names_its_parent_and_debriefs_both_paths() {
    let home = scratch("fork");
    let game = recorded(&home, "game.ron", &format!("{FIRST_HALF}{SECOND_HALF}"));
    let before = std::fs::read(&game).unwrap();
    let fork = home.join("fork.ron");
    let args = [
        "fork",
        arg(&game),
        "--at",
        "T+3m20s",
        "--plain",
        "--record",
        arg(&fork),
    ];
    let o = run(&home, &args, "wait 10m\n");
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("forked from") && err.contains("T+3m20s"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&game).unwrap(),
        before,
        "the parent is never written"
    );

    let (parent, child) = (read(&game), read(&fork));
    assert!(child.problems.is_empty(), "{:?}", child.problems);
    let point = child.header.as_ref().unwrap().fork.clone().unwrap();
    assert_eq!(point.at, 200_000);
    assert_eq!(point.parent_id, parent.header.as_ref().unwrap().id());
    assert_eq!(Path::new(&point.parent), game.canonicalize().unwrap());
    // The replayed start is the parent's, entry for entry.
    let start = played(&child);
    assert!(start.len() > 10, "{start:?}");
    assert_eq!(start[..], played(&parent)[..start.len()]);
    let given: Vec<u64> = child.actions().map(|(at, _)| at).collect();
    assert!(
        given.iter().filter(|at| **at <= 200_000).count() >= 5,
        "{given:?}"
    );

    let o = run(&home, &["debrief", arg(&fork), "--format", "md"], "");
    let md = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        md.contains("## What if: forked from game.ron at T+3m20s"),
        "{md}"
    );
    assert!(md.contains("| The recorded game | This game |"), "{md}");
    assert!(md.contains("waited 10m"), "{md}");
    assert!(
        md.contains("First page, handled"),
        "the parent's ending: {md}"
    );

    // The parent gone: said, and the fork's own path still shown.
    std::fs::rename(&game, home.join("elsewhere.ron")).unwrap();
    let o = run(&home, &["debrief", arg(&fork), "--format", "md"], "");
    let md = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(md.contains("The recorded game's path is not shown"), "{md}");
    assert!(md.contains("cannot be read now"), "{md}");
    assert!(md.contains("waited 10m"), "{md}");
}

#[test]
fn a_fork_reads_the_incidents_clock_and_refuses_what_it_cannot_do() {
    let home = scratch("fork-clock");
    let game = recorded(&home, "game.ron", FIRST_HALF);
    let fork = home.join("fork.ron");
    let args = [
        "fork",
        arg(&game),
        "--at",
        "10:03",
        "--plain",
        "--record",
        arg(&fork),
    ];
    let o = run(&home, &args, "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(read(&fork).header.unwrap().fork.unwrap().at, 180_000);

    let taken = [
        "fork",
        arg(&game),
        "--at",
        "T+1m",
        "--plain",
        "--record",
        arg(&fork),
    ];
    let o = run(&home, &taken, "");
    assert_eq!(o.status.code(), Some(2), "never over a file");
    for (at, says) in [("soon", "is not a moment"), ("T+2h", "was played until")] {
        let o = run(
            &home,
            &["fork", arg(&game), "--at", at, "--plain", "--no-record"],
            "",
        );
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{at}: {err}");
        assert!(err.contains(says), "{at}: {err}");
    }
}
