//! Journal round trips, torn and bad transcripts, and replay.

use super::*;
use crate::lang::{self, LoadError, Loaded, Loader};

/// The shipped scenarios these tests play, with the files they read. Built
/// in here, not read through the library (a layer above `record`).
const FIXTURES: &[(&str, &str)] = &[
    (
        "tutorial.drill",
        include_str!("../../scenarios/tutorial.drill"),
    ),
    (
        "cloudflare-2019-waf.drill",
        include_str!("../../scenarios/cloudflare-2019-waf.drill"),
    ),
    (
        "lib/edge-tools.drill",
        include_str!("../../scenarios/lib/edge-tools.drill"),
    ),
    (
        "assets/cloudflare/waf-runbook.md",
        include_str!("../../scenarios/assets/cloudflare/waf-runbook.md"),
    ),
    (
        "assets/cloudflare/perf-top.txt",
        include_str!("../../scenarios/assets/cloudflare/perf-top.txt"),
    ),
];

/// Reads the fixtures by their keys, as a scenario's loader would.
struct Fixtures;

impl Loader for Fixtures {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        fixture(&key).ok_or(LoadError::NotFound)
    }
}

fn fixture(key: &str) -> Option<Loaded> {
    let (_, text) = FIXTURES.iter().find(|(k, _)| *k == key)?;
    Some(Loaded {
        name: key.into(),
        key: key.into(),
        bytes: text.as_bytes().to_vec(),
    })
}

/// A shipped scenario, checked.
pub(crate) fn shipped(id: &str) -> (Arc<Scenario>, String) {
    let main = fixture(&format!("{id}.drill")).unwrap();
    let checked = lang::check(main, &Fixtures);
    let texts: Vec<&str> = checked
        .sources
        .files()
        .map(|(_, f)| f.text.as_str())
        .collect();
    let hash = content_hash(&texts);
    (Arc::new(checked.scenario.unwrap()), hash)
}

/// Plays a shipped scenario's playthrough test and records it, as a front end would.
pub(crate) fn recorded_playtest(id: &str, test: usize) -> (Arc<Scenario>, String) {
    let (sc, hash) = shipped(id);
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
fn the_support_level_is_recorded_and_replayed() {
    let (sc, hash) = shipped("tutorial");
    let test = sc
        .tests
        .iter()
        .position(|t| t.name == "asleep_at_the_desk")
        .unwrap();
    let text = record_playthrough_with(&sc, &hash, test, Support::Guided).unwrap();
    let t = Transcript::read(&text);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.header.as_ref().unwrap().support, Support::Guided);
    // A guided game shows hints nobody asked for; the replay, guided too,
    // shows the same ones at the same moments.
    let shown = t
        .events()
        .filter(|e| matches!(e.kind, crate::sim::EventKind::HintShown { .. }))
        .count();
    assert!(shown > 0, "{text}");
    let r = replay(sc, &t);
    assert_eq!(r.divergence, None);
    assert_eq!(r.sim.support(), Support::Guided);
}

#[test]
fn a_header_from_before_support_levels_reads_as_assisted() {
    let old = "Header((format:2,scenario:\"tutorial\",origin:\"built-in\",hash:\"h\",seed:42,player:\"p\",mode:Practice,speed:1.0,started:\"2026-12-02T16:00:15Z\"))\n";
    let t = Transcript::read(old);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(t.header.unwrap().support, Support::Assisted);
    // And a recorded game of today still replays after its header loses the field.
    let (sc, text) = recorded_playtest("tutorial", 0);
    assert!(
        text.contains(",support:Assisted))"),
        "{}",
        text.lines().next().unwrap()
    );
    let stripped = text.replacen(",support:Assisted", "", 1);
    let r = replay(sc, &Transcript::read(&stripped));
    assert_eq!(r.divergence, None);
    assert_eq!(r.sim.support(), Support::Assisted);
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
    let newer = text.replacen(&format!("format:{}", super::FORMAT), "format:99", 1);
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
    let (other, _) = shipped("cloudflare-2019-waf");
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

/// The tutorial's first test opens with a long wait, and its first page
/// fires inside it: the moment of the page is a moment of the game.
#[test]
fn a_moment_inside_a_wait_shows_the_game_then() {
    let (sc, text) = recorded_playtest("tutorial", 0);
    let t = Transcript::read(&text);
    let Some((at, Action::Wait(d))) = t.actions().next().map(|(a, x)| (a, x.clone())) else {
        panic!("the tutorial's first input should be a wait: {text}");
    };
    let page = t
        .events()
        .find(|e| matches!(e.kind, crate::sim::EventKind::Page { .. }))
        .unwrap()
        .clone();
    assert!(at < page.at && page.at < at + d, "{page:?} within {at}+{d}");
    let r = replay_until(sc.clone(), &t, page.at);
    assert_eq!(r.sim.now(), page.at);
    assert!(r.events.contains(&page));
    assert!(r.events.iter().all(|e| e.at <= page.at));
    // The whole replay still says the wait was as long as it was.
    assert_eq!(replay(sc, &t).steps[0].action, Action::Wait(d));
}

/// A fork's journal replays into the very game it was cut from.
#[test]
fn a_fork_journal_replays_to_the_same_moment() {
    let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
    let t = Transcript::read(&text);
    let until = t.actions().nth(3).unwrap().0 + 1_000;
    let (cut, entries) = fork(sc.clone(), &t, until, usize::MAX);
    let mut journal = Vec::new();
    let header = t.header.clone().unwrap();
    let mut j = Journal::start(&mut journal, &header).unwrap();
    for e in &entries {
        j.write(e).unwrap();
    }
    let forked = Transcript::read(&String::from_utf8(journal).unwrap());
    // The command given just before is under way at `until`: the new game
    // starts once it is done.
    assert!(cut.sim.now() >= until);
    assert_eq!(forked.last_time(), cut.sim.now());
    let again = replay(sc, &forked);
    assert_eq!(again.divergence, None);
    assert_eq!(again.events, cut.events);
    assert_eq!(again.sim.now(), cut.sim.now());
    assert_eq!(forked.actions().count(), 4);
}

#[test]
fn a_fork_header_reads_back_and_older_headers_have_none() {
    let (_, text) = recorded_playtest("tutorial", 0);
    let t = Transcript::read(&text);
    let mut h = t.header.clone().unwrap();
    assert_eq!(h.fork, None);
    assert!(!text.lines().next().unwrap().contains("fork"));
    h.fork = Some(Box::new(Fork {
        parent: "a game.ron".into(),
        parent_id: h.id(),
        at: 420_000,
        inputs: 3,
    }));
    let line = ron::to_string(&Entry::Header(h.clone())).unwrap();
    assert_eq!(Transcript::read(&format!("{line}\n")).header, Some(h));
}
