//! The watcher: following a recorded game entry by entry gives the same
//! game and the same screen as replaying it; its keys; its mentor view; a
//! game that stops or ends.

use super::app::{App, Pane, Screen};
use super::tests::{app, press, screen};
use super::watch::{Joined, State};
use crate::game::feed::Update;
use crate::game::{Pace, Session, Wall};
use crate::record::{Entry, Transcript};
use crate::sim::{Action, Sim};

/// The tutorial's playthrough test `test`, recorded: the text before its
/// `nth` action (0-based; past the last, the whole game) and the entries
/// from there on.
fn split(test: usize, nth: usize) -> (String, Vec<Entry>) {
    let (_, text) = crate::record::tests::recorded_playtest("tutorial", test);
    let lines: Vec<&str> = text.lines().collect();
    let cut = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("Action("))
        .nth(nth)
        .map_or(lines.len(), |(i, _)| i);
    let head = lines[..cut].join("\n") + "\n";
    let rest = lines[cut..]
        .iter()
        .map(|l| ron::from_str::<Entry>(l).unwrap())
        .collect();
    (head, rest)
}

/// A watcher that joined the game as `text` (a transcript) had it.
fn watching(text: &str) -> App {
    let sc = crate::record::tests::recorded_playtest("tutorial", 0).0;
    let t = Transcript::read(text);
    let r = crate::record::replay(sc, &t);
    let header = t.header.clone().unwrap();
    let mut a = app(true);
    let entry = a
        .entries
        .iter()
        .find(|e| e.id == "tutorial")
        .cloned()
        .unwrap();
    a.start_watch(Joined {
        entry,
        session: Session::resume(r.sim, Pace::recorded(&header), None, Wall::None),
        seen: r.events,
        entries: t.entries,
        player: "dana".into(),
        transcript: "game.ron".into(),
        me: Some("mo".into()),
    });
    a
}

fn follow(a: &mut App, entries: &[Entry]) {
    for e in entries {
        a.follow_entry(e);
    }
}

fn sim(a: &App) -> &Sim {
    a.watched_sim().unwrap()
}

fn watch(a: &App) -> &super::watch::Watch {
    a.watch.as_ref().unwrap()
}

fn focus(a: &App) -> Pane {
    match &a.screen {
        Screen::Play(g) => g.focus,
        _ => panic!("not on the play screen"),
    }
}

fn graph(a: &App) -> usize {
    match &a.screen {
        Screen::Play(g) => g.metric_sel,
        _ => panic!("not on the play screen"),
    }
}

/// What two copies of a game must agree on.
fn same_game(a: &Sim, b: &Sim) {
    assert_eq!(a.now(), b.now());
    assert_eq!(a.pages(), b.pages());
    assert_eq!(a.rubric(), b.rubric());
    assert_eq!(a.choices(), b.choices());
    assert_eq!(a.shell_history(), b.shell_history());
    assert_eq!(a.finish(), b.finish());
    for m in 0..a.scenario().metrics.len() {
        let m = crate::scenario::MetricId(m);
        assert_eq!(a.metric_history(m), b.metric_history(m));
    }
}

#[test]
fn following_entry_by_entry_is_the_replay_of_the_same_transcript() {
    let (head, rest) = split(0, 1);
    let (later, _) = split(0, 5);
    let mut followed = watching(&head);
    let upto = rest
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, Entry::Action { .. }))
        .nth(4)
        .unwrap()
        .0;
    follow(&mut followed, &rest[..upto]);
    let mut replayed = watching(&later);
    same_game(sim(&followed), sim(&replayed));
    // And the same screen: each pane shows each event once. (The runbook
    // the player just opened is up for the one that followed them; one
    // that joins later finds it closed.)
    assert!(followed.overlay.is_some());
    followed.overlay = None;
    followed.notice = None;
    replayed.notice = None;
    assert_eq!(screen(&followed, 120, 40), screen(&replayed, 120, 40));
}

#[test]
fn the_watchers_clock_never_runs_on_its_own() {
    let (head, _) = split(1, 2);
    let mut a = watching(&head);
    let before = sim(&a).now();
    assert_eq!(a.next_wake(), None);
    assert!(!a.advance(std::time::Duration::from_secs(600)));
    assert_eq!(sim(&a).now(), before);
    // The player's own clock entries move it, and never past them.
    a.follow_entry(&Entry::Clock { to: before + 5000 });
    assert_eq!(sim(&a).now(), before + 5000);
}

#[test]
fn a_whole_game_followed_ends_on_its_ending_and_summary() {
    let (head, rest) = split(0, 0);
    let mut a = watching(&head);
    follow(&mut a, &rest);
    assert_eq!(watch(&a).state, State::Ended);
    let (_, whole) = crate::record::tests::recorded_playtest("tutorial", 0);
    same_game(sim(&a), sim(&watching(&whole)));
    // Nothing of the watcher's goes into anyone's history.
    assert!(!a.history_changed);
    let s = screen(&a, 80, 24);
    assert!(s.contains("How it went:"), "{s}");
    insta::assert_snapshot!("watch_ended_80x24", s);
    // The end questions are the player's: the watcher only quits.
    press(&mut a, "x<enter>");
    assert!(matches!(a.screen, Screen::End(_)) && !a.quit);
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn the_watcher_follows_the_players_pane_and_graph_or_looks_around() {
    let (head, rest) = split(0, 2);
    let mut a = watching(&head);
    assert!(watch(&a).following);
    a.follow_entry(&Entry::Focus {
        at: sim(&a).now(),
        pane: "dashboard".into(),
    });
    assert_eq!(focus(&a), Pane::Dashboard);
    let metric = sim(&a).scenario().metrics[1].name.clone();
    a.follow_entry(&Entry::Action {
        at: sim(&a).now(),
        action: Action::Graph(metric),
        real: None,
        by: None,
    });
    assert_eq!(graph(&a), 1);
    // Looking around: the mentor's own pane, and the player's moves are
    // noted but not shown.
    press(&mut a, "l<tab><right>");
    assert!(!watch(&a).following);
    assert_eq!(focus(&a), Pane::Chat);
    assert_eq!(graph(&a), 2 % sim(&a).scenario().metrics.len());
    a.follow_entry(&Entry::Focus {
        at: sim(&a).now(),
        pane: "pager".into(),
    });
    assert_eq!(focus(&a), Pane::Chat);
    // Following again shows where the player is now.
    press(&mut a, "f");
    assert!(watch(&a).following);
    assert_eq!(focus(&a), Pane::Pager);
    assert_eq!(graph(&a), 1);
    // Moving on one's own stops following, and says how to go back.
    press(&mut a, "<tab>");
    assert!(!watch(&a).following);
    assert!(
        a.notice.as_deref().unwrap().contains("f follows"),
        "{:?}",
        a.notice
    );
    follow(&mut a, &rest[..3]);
    assert_eq!(focus(&a), Pane::Dashboard);
}

#[test]
fn the_players_keys_do_nothing_and_say_it_is_read_only() {
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    let before = (sim(&a).now(), sim(&a).pages().to_vec());
    for k in ["a", "w", "1", "<enter>", "<space>", "u", "$", "b"] {
        press(&mut a, k);
        let n = a.notice.clone().unwrap_or_default();
        assert!(n.starts_with("Read-only"), "{k}: {n}");
        assert!(a.overlay.is_none(), "{k} opened a window");
    }
    assert_eq!((sim(&a).now(), sim(&a).pages().to_vec()), before);
    press(&mut a, "z");
    assert!(
        a.notice
            .as_deref()
            .unwrap()
            .contains("does nothing while watching")
    );
    // The help lists the watcher's keys; any key closes it.
    press(&mut a, "?");
    let s = screen(&a, 120, 40);
    assert!(
        s.contains("Watching (read-only)") && s.contains("mentor view"),
        "{s}"
    );
    press(&mut a, "x");
    assert!(a.overlay.is_none());
    press(&mut a, "<c-c>");
    assert!(a.quit);
}

#[test]
fn watcher_screens_following_and_with_the_mentor_view() {
    let (head, rest) = split(0, 2);
    let mut a = watching(&head);
    follow(&mut a, &rest[..4]);
    a.follow_entry(&Entry::Focus {
        at: sim(&a).now(),
        pane: "pager".into(),
    });
    a.notice = None;
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("Watching dana's game"), "{s}");
        insta::assert_snapshot!(format!("watch_following_{w}x{h}"), s);
    }
    press(&mut a, "m");
    assert!(watch(&a).mentor);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("Key actions so far"), "{s}");
        insta::assert_snapshot!(format!("watch_mentor_{w}x{h}"), s);
    }
    // It scrolls at a small terminal, never past its end.
    press(&mut a, "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Injects"), "{s}");
    press(&mut a, "m");
    assert!(!watch(&a).mentor);
}

#[test]
fn the_mentor_view_shows_what_was_not_looked_at_and_the_injects_fired() {
    let (head, rest) = split(4, 0);
    let mut a = watching(&head);
    let sc = sim(&a).scenario();
    let graphs = sc.metrics.len();
    let lines = super::mentor::unseen(watch(&a), sim(&a));
    assert!(
        lines[0].contains("Pager") && !lines[0].contains("Story"),
        "{lines:?}"
    );
    assert!(
        graphs == 0 || !lines[1].ends_with("all looked at"),
        "{lines:?}"
    );
    follow(&mut a, &rest);
    let s = {
        press(&mut a, "m");
        screen(&a, 120, 40)
    };
    assert!(s.contains("fired T+"), "{s}");
}

#[test]
fn a_game_that_stops_says_so_and_the_watcher_stays() {
    let (head, rest) = split(0, 2);
    let mut a = watching(&head);
    follow(&mut a, &rest[..2]);
    a.follow_updates(vec![Update::Stopped { left: false }]);
    let at = crate::sim::eval::format_offset(sim(&a).now());
    assert_eq!(
        watch(&a).state,
        State::Stopped {
            left: false,
            at: sim(&a).now()
        }
    );
    let n = a.notice.clone().unwrap();
    assert!(
        n.contains(&format!("process is gone (stopped at {at})")),
        "{n}"
    );
    assert!(!a.quit);
    insta::assert_snapshot!("watch_stopped_80x24", screen(&a, 80, 24));

    let mut b = watching(&head);
    b.follow_updates(vec![Update::Stopped { left: true }]);
    assert!(b.notice.as_deref().unwrap().contains("it can be resumed"));
    assert!(screen(&b, 100, 30).contains("Watching dana's game: the player left"));
}

#[test]
fn the_live_rubric_says_what_can_still_happen() {
    let (head, _) = split(0, 0);
    let a = watching(&head);
    let lines = crate::record::debrief::live_rubric(sim(&a).scenario(), sim(&a));
    assert!(!lines.is_empty());
    assert!(
        lines
            .iter()
            .all(|l| ["not yet", "not taken"].contains(&l.state.as_str())),
        "{lines:?}"
    );
    let (whole, _) = split(0, usize::MAX);
    let done = watching(&whole);
    let end = crate::record::debrief::live_rubric(sim(&done).scenario(), sim(&done));
    assert!(end.iter().all(|l| l.state != "not yet"), "{end:?}");
}

#[test]
fn every_size_draws_the_watcher_without_panicking() {
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    for mentor in [false, true] {
        if mentor {
            press(&mut a, "m");
        }
        for w in 0..=90 {
            for h in (0..=30).step_by(3) {
                let _ = screen(&a, w, h);
            }
        }
    }
}

#[test]
fn upcoming_beats_are_after_now_soonest_first_and_nothing_is_seen_at_the_start() {
    use crate::scenario::{DocId, InjectId, MetricId};
    let (head, _) = split(0, 0);
    let a = watching(&head);
    let mut sim = sim(&a).clone();
    let beats = sim.upcoming(20);
    assert!(!beats.is_empty());
    assert!(beats.iter().all(|b| b.at > sim.now()));
    assert!(beats.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(sim.upcoming(1).len() == 1);
    let first = beats[0].at;
    sim.advance_to(first);
    assert!(sim.upcoming(20).iter().all(|b| b.at > first));
    let sc = sim.scenario();
    assert!((0..sc.metrics.len()).all(|m| !sim.has_viewed(MetricId(m))));
    assert!((0..sc.docs.len()).all(|d| !sim.has_read(DocId(d))));
    assert!((0..sc.injects.len()).all(|i| sim.injected_at(InjectId(i)).is_none()));
}

#[test]
fn a_seated_mentor_whispers_injects_and_takes_the_keyboard() {
    use crate::game::buddy::Request;
    use crate::record::SeatChange;
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    press(&mut a, "hhave you looked at the disk?<enter>");
    assert_eq!(
        a.take_requests(),
        [Request::Whisper("have you looked at the disk?".into())]
    );
    assert_eq!(a.notice.as_deref(), Some("Whisper sent."));
    press(&mut a, "i");
    insta::assert_snapshot!("watch_injects_80x24", screen(&a, 80, 24));
    press(&mut a, "<down><enter>");
    let second = sim(&a).scenario().injects[1].name.clone();
    assert_eq!(a.take_requests(), [Request::Inject(second)]);
    // A practice game has no clock to pause.
    press(&mut a, "p");
    assert!(a.take_requests().is_empty());
    // The keyboard: asked for, then held once the game says so.
    press(&mut a, "K");
    assert_eq!(a.take_requests(), [Request::Keyboard(true)]);
    assert!(!a.holds_keyboard());
    a.follow_entry(&Entry::Seat {
        at: sim(&a).now(),
        who: "mo".into(),
        change: SeatChange::TookKeyboard,
    });
    assert!(a.holds_keyboard());
    let before = sim(&a).now();
    press(&mut a, "w");
    assert_eq!(
        a.take_requests(),
        [Request::Act(Action::Wait(30_000))],
        "{:?}",
        a.notice
    );
    // Sent, not applied: it comes back through the transcript.
    assert_eq!(sim(&a).now(), before);
    insta::assert_snapshot!("watch_keyboard_80x24", screen(&a, 80, 24));
    // The shell takes typing (no watcher key in it).
    press(&mut a, ":ls -l<enter>rm -rf<c-c><esc>");
    assert_eq!(
        a.take_requests(),
        [Request::Act(Action::Run("ls -l".into()))]
    );
    // Ctrl-C in the shell dropped the line: the watcher is still here.
    assert!(!a.quit);
    press(&mut a, "K");
    assert_eq!(a.take_requests(), [Request::Keyboard(false)]);
}

#[test]
fn a_watcher_without_a_seat_cannot_step_in_and_says_why() {
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    if let Some(w) = &mut a.watch {
        w.me = None;
    }
    press(&mut a, "hhello<enter>");
    assert!(a.take_requests().is_empty());
    assert!(
        a.notice.as_deref().unwrap().contains("without a seat"),
        "{:?}",
        a.notice
    );
    press(&mut a, "K");
    assert!(a.take_requests().is_empty());
    assert!(a.hints().contains("(read-only)"));
    // A stopped game takes nothing either.
    let mut b = watching(&head);
    b.follow_updates(vec![Update::Stopped { left: false }]);
    press(&mut b, "K");
    assert!(b.take_requests().is_empty());
    assert!(b.notice.as_deref().unwrap().contains("Nobody is playing"));
}

#[test]
fn the_watcher_sees_the_players_hypothesis_as_it_is_noted() {
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    a.follow_entry(&Entry::Hypothesis {
        at: sim(&a).now(),
        text: "the disk\u{1b}[2J is full".into(),
        real: None,
        by: None,
    });
    assert_eq!(
        a.notice.as_deref(),
        Some("The player's hypothesis: “the disk\\u{1b}[2J is full”")
    );
}

#[test]
fn a_watcher_widens_and_narrows_their_own_graph() {
    let (head, _) = split(0, 2);
    let mut a = watching(&head);
    let window = |a: &App| match &a.screen {
        Screen::Play(g) => g.graph_window,
        _ => panic!("not on the play screen"),
    };
    press(&mut a, "]");
    assert_eq!(window(&a), super::graph::DEFAULT_WINDOW + 1);
    assert_eq!(a.notice.as_deref(), Some("The graph shows the last 30m"));
    press(&mut a, "[[[");
    assert_eq!(window(&a), 0);
    assert!(
        watch(&a).following,
        "the window is not the player's to follow"
    );
}
