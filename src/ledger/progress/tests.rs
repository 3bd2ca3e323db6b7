use super::earn::{Played, items};
use super::*;
use crate::record::summary::Summary;
use crate::record::{Mode, Transcript};

/// A recorded playthrough (its first test) of a built-in scenario, as one
/// player's game.
fn game(id: &str, player: &str, started: &str) -> (Game, Arc<Scenario>) {
    let resolved = Catalog::default().resolve(id).unwrap();
    let hash = crate::game::catalog::source_of(&resolved.checked).hash;
    let sc = Arc::new(resolved.checked.scenario.unwrap());
    let text = crate::record::record_playthrough(&sc, &hash, 0).unwrap();
    let mut summary = Summary::of(&Transcript::read(&text)).unwrap();
    summary.header.player = player.into();
    summary.header.started = started.into();
    let game = Game {
        path: PathBuf::from(format!("/team/{player}/{id}-{started}.ron")),
        summary,
        mark: None,
    };
    (game, sc)
}

fn played(games: &[(Game, Arc<Scenario>)]) -> Vec<Played<'_>> {
    games
        .iter()
        .map(|(g, sc)| Played {
            game: g,
            scenario: Some(sc.clone()),
        })
        .collect()
}

fn state<'a>(states: &'a [ItemState], id: &str) -> &'a ItemState {
    states.iter().find(|s| s.item.id == id).unwrap()
}

#[test]
fn the_first_game_that_shows_an_item_earns_it_at_its_moment() {
    let list = bucket::default_list();
    let games = vec![
        game("cloudflare-2019-waf", "maya", "2026-11-27T09:00:00Z"),
        game("cloudflare-2019-waf", "maya", "2026-11-26T09:00:00Z"),
    ];
    let states = items(&list.items, &played(&games), &[]);
    let status = state(&states, "status-page");
    let e = status.earned.as_ref().unwrap();
    // The older game, at the moment of the player's first status post.
    assert_eq!(e.started, "2026-11-26T09:00:00Z");
    let first = games[1]
        .0
        .summary
        .first(|k| matches!(k, crate::record::summary::DeedKind::Status(_)))
        .unwrap();
    assert_eq!(e.at, first);
    assert!(e.what.starts_with("posted status"), "{}", e.what);
    assert!(!e.clock.is_empty());
    // The role comes from the scenario; one of three is not the item.
    let roles = state(&states, "every-role");
    assert!(!roles.checked());
    assert!(
        roles
            .parts
            .iter()
            .any(|p| p.value == "primary" && p.earned.is_some())
    );
    // Practice mode is not real time.
    assert!(state(&states, "hard-real-time").earned.is_none());
    // Nothing is signed, and a sign-off only item stays open.
    assert!(!state(&states, "real-shift").checked());
}

#[test]
fn a_hard_game_in_real_time_and_a_mentor_watching_are_each_shown() {
    let list = bucket::default_list();
    let (mut g, sc) = game("cloudflare-2019-waf", "maya", "2026-11-26T09:00:00Z");
    g.summary.header.mode = Mode::RealTime;
    g.summary.mentors = vec!["sam".into()];
    let games = vec![(g, sc)];
    let states = items(&list.items, &played(&games), &[]);
    let hard = state(&states, "hard-real-time").earned.as_ref().unwrap();
    assert!(hard.what.contains("a hard scenario"), "{}", hard.what);
    // At the ending: the moment the game was finished.
    assert_eq!(
        Some(hard.at),
        games[0].0.summary.ending.as_ref().map(|e| e.at)
    );
    let watched = state(&states, "reverse-shadowed").earned.as_ref().unwrap();
    assert!(watched.what.contains("watched by sam"), "{}", watched.what);
}

#[test]
fn without_its_scenario_a_game_shows_only_what_its_transcript_says() {
    let list = bucket::default_list();
    let (g, _) = game("cloudflare-2019-waf", "maya", "2026-11-26T09:00:00Z");
    let games = [Played {
        game: &g,
        scenario: None,
    }];
    let states = items(&list.items, &games, &[]);
    assert!(state(&states, "status-page").earned.is_some());
    assert!(state(&states, "runbook").earned.is_none());
    assert!(
        state(&states, "every-role")
            .parts
            .iter()
            .all(|p| p.earned.is_none())
    );
}

#[test]
fn a_night_incident_counts_on_the_incidents_clock() {
    let list = bucket::default_list();
    // The leap second: 23:54 UTC on New Year's Eve.
    let games = vec![game(
        "cloudflare-2017-leap-second",
        "maya",
        "2026-11-26T12:00:00Z",
    )];
    let states = items(&list.items, &played(&games), &[]);
    let night = state(&states, "night").earned.as_ref().unwrap();
    assert!(
        night.what.contains("on the incident's clock"),
        "{}",
        night.what
    );
}

#[test]
fn throwaways_count_nowhere_and_private_games_only_for_their_player() {
    let (mut g, _) = game("tutorial", "maya", "2026-11-26T09:00:00Z");
    assert!(counts(&g, "sam"));
    g.mark = Some(Mark::Private);
    assert!(counts(&g, "maya"));
    assert!(!counts(&g, "sam"));
    g.mark = Some(Mark::Throwaway);
    assert!(!counts(&g, "maya"));
}

#[test]
fn a_sign_off_checks_its_item_and_keeps_who_and_when() {
    let list = bucket::default_list();
    let sign = SignOff {
        player: "maya".into(),
        item: "real-shift".into(),
        by: "sam".into(),
        at: "2026-12-03T08:00:00Z".into(),
        note: None,
    };
    let states = items(&list.items, &[], std::slice::from_ref(&sign));
    let s = state(&states, "real-shift");
    assert!(s.checked());
    assert_eq!(s.signed, vec![sign]);
}

#[test]
fn the_next_drill_is_an_unplayed_scenario_that_covers_open_items_else_a_redrill() {
    let list = bucket::default_list();
    let offers = Catalog::default().offers();
    let games = vec![game("tutorial", "maya", "2026-11-26T09:00:00Z")];
    let p = played(&games);
    let states = items(&list.items, &p, &[]);
    let next = suggest::next(&states, &p, &offers).unwrap();
    assert!(!next.again);
    assert_ne!(next.id, "tutorial");
    assert!(next.why.contains("could earn"), "{}", next.why);
    // Every scenario played: the one played longest ago comes back.
    let all: Vec<(Game, Arc<Scenario>)> = offers
        .iter()
        .enumerate()
        .map(|(i, o)| game(&o.id, "maya", &format!("2026-11-{:02}T09:00:00Z", 10 + i)))
        .collect();
    let p = played(&all);
    let states = items(&list.items, &p, &[]);
    let next = suggest::next(&states, &p, &offers).unwrap();
    assert!(next.again);
    assert_eq!(next.id, offers[0].id);
    assert!(next.why.contains("2026-11-10"), "{}", next.why);
}

#[test]
fn a_forked_game_counts_for_what_was_done_in_it_never_for_finishing() {
    let list = bucket::default_list();
    let (mut g, sc) = game("cloudflare-2019-waf", "maya", "2026-11-26T09:00:00Z");
    g.summary.header.mode = Mode::RealTime;
    g.summary.header.fork = Some(Box::new(crate::record::Fork {
        parent: "other.ron".into(),
        parent_id: "x".into(),
        at: 60_000,
        inputs: 1,
    }));
    let games = vec![(g, sc)];
    let states = items(&list.items, &played(&games), &[]);
    assert!(state(&states, "hard-real-time").earned.is_none());
    assert!(
        state(&states, "every-support")
            .parts
            .iter()
            .all(|p| p.earned.is_none())
    );
    assert!(state(&states, "status-page").earned.is_some());
}
