//! Journal round trips, torn and bad transcripts, and replay.

use super::*;
use crate::library;
use crate::sim::playtest::action_for;

/// Plays a shipped scenario's playthrough test and records it, as a front end would.
pub(crate) fn recorded_playtest(id: &str, test: usize) -> (Arc<Scenario>, String) {
    let b = library::find(id).unwrap();
    let sc = Arc::new(library::check(b).scenario.unwrap());
    let t = &sc.tests[test];
    let header = Header {
        format: FORMAT,
        scenario: id.into(),
        origin: "built-in".into(),
        hash: content_hash(&[&String::from_utf8(library::main_file(b).bytes).unwrap()]),
        seed: t.seed,
        player: "test".into(),
        mode: Mode::Practice,
        speed: 1.0,
        started: "2026-11-26T09:00:00Z".into(),
    };
    let mut out = Vec::new();
    let mut j = Journal::start(&mut out, &header).unwrap();
    let mut sim = Sim::new(sc.clone(), t.seed);
    j.events(&sim.drain()).unwrap();
    for step in &t.steps {
        if sim.is_over() {
            break;
        }
        if let Some(at) = step.at {
            j.events(&sim.advance_to(at)).unwrap();
        }
        let action = action_for(&sc, &step.input);
        j.action(sim.now(), &action).unwrap();
        j.events(&sim.apply(action)).unwrap();
    }
    j.events(&sim.advance_to(Millis::MAX)).unwrap();
    j.clock(sim.now()).unwrap();
    for q in QUESTIONS {
        j.answer(q, "an answer").unwrap();
    }
    (sc, String::from_utf8(out).unwrap())
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
    let newer = text.replacen("format:1", "format:99", 1);
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
