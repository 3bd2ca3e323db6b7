//! Journal round trips, torn and bad transcripts, and replay.

use super::*;
use crate::library;

/// Plays a shipped scenario's playthrough test and records it, as a front end would.
pub(crate) fn recorded_playtest(id: &str, test: usize) -> (Arc<Scenario>, String) {
    let checked = library::check(library::find(id).unwrap());
    let hash = crate::game::catalog::source_of(&checked).hash;
    let sc = Arc::new(checked.scenario.unwrap());
    let text = record_playthrough(&sc, &hash, test).unwrap();
    (sc, text)
}

#[test]
fn a_transcript_round_trips_and_replays_exactly() {
    let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
    assert!(text.lines().count() > 50);
    let t = Transcript::read(&text);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.header.as_ref().unwrap().scenario, "cloudflare-2019-waf");
    assert_eq!(t.answers().len(), 3);
    let r = replay(sc, &t);
    assert_eq!(r.divergence, None);
    assert!(r.sim.is_over());
    assert_eq!(r.events.len(), t.events().count());
}

#[test]
fn a_torn_last_line_is_tolerated() {
    let (sc, text) = recorded_playtest("tutorial", 0);
    let cut = &text[..text.len() - 7];
    let t = Transcript::read(cut);
    assert_eq!(t.problems.len(), 1);
    assert!(
        t.problems[0].message.contains("cut off"),
        "{:?}",
        t.problems
    );
    // Everything before the torn line replays identically.
    assert_eq!(replay(sc, &t).divergence, None);
}

#[test]
fn bad_transcripts_say_what_is_wrong_and_where() {
    let t = Transcript::read("hello world\n");
    assert!(t.header.is_none());
    assert!(
        t.problems[0].message.contains("not a firedrill transcript"),
        "{:?}",
        t.problems
    );
    let (_, text) = recorded_playtest("tutorial", 0);
    let mut lines: Vec<&str> = text.lines().collect();
    lines[5] = "Event(garbage";
    let t = Transcript::read(&(lines.join("\n") + "\n"));
    assert_eq!(t.problems.len(), 1);
    assert_eq!(t.problems[0].line, 6);
    let newer = text.replacen("format:2", "format:99", 1);
    let t = Transcript::read(&newer);
    assert!(
        t.problems[0].message.contains("newer than this firedrill"),
        "{:?}",
        t.problems
    );
    assert!(Transcript::read("").problems.is_empty());
}

#[test]
fn a_changed_scenario_replays_best_effort() {
    let (_, text) = recorded_playtest("tutorial", 0);
    let other = Arc::new(
        library::check(library::find("cloudflare-2019-waf").unwrap())
            .scenario
            .unwrap(),
    );
    let r = replay(other, &Transcript::read(&text));
    assert!(r.divergence.is_some());
}

#[test]
fn the_content_hash_is_stable() {
    assert_eq!(content_hash(&["abc"]), content_hash(&["abc"]));
    assert_ne!(content_hash(&["abc"]), content_hash(&["abd"]));
    assert_ne!(content_hash(&["ab", "c"]), content_hash(&["a", "bc"]));
    assert_eq!(content_hash(&[]).len(), 16);
}
