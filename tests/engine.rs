//! Engine tests on small scenarios written inline, checked by the language
//! (so they live here, above both: the engine never sees the language).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::{Loaded, NoFiles, check};
use firedrill::scenario::{Outcome, Scenario};
use firedrill::sim::*;
use std::sync::Arc;

/// `text` checked as the file `t.drill`, with no files beside it.
fn checked(text: &str) -> firedrill::lang::Checked {
    check(Loaded::text("t.drill", text), &NoFiles)
}

fn scenario(text: &str) -> Scenario {
    let result = checked(text);
    let shown = firedrill::lang::render::human(&result.diagnostics, &result.sources);
    result
        .scenario
        .unwrap_or_else(|| panic!("test scenario does not check:\n{shown}"))
}

const HEADER: &str =
    "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n    cost 10s\n";

fn kinds(events: &[Event]) -> Vec<&EventKind> {
    events.iter().map(|e| &e.kind).collect()
}

#[test]
fn the_opening_scene_narrates_and_offers_choices() {
    let sc = scenario(&format!(
        "{HEADER}scene a\n    Hello at {{now}}.\n    * Left #l\n        end done\n    * Right\n        Nothing there.\nending done \"Done\"\n    outcome resolved\n    Bye.\n"
    ));
    let mut sim = Sim::new(sc, 1);
    assert_eq!(
        sim.choices(),
        vec![(1, "Left".to_string()), (2, "Right".to_string())]
    );
    let ev = sim.apply(Action::Choose(2));
    assert!(kinds(&ev).contains(&&EventKind::Narration("Nothing there.".into())));
    // A once-only choice is gone after it is taken; the scene offers the rest.
    assert_eq!(sim.choices(), vec![(1, "Left".to_string())]);
    assert_eq!(sim.now(), 10_000);
    let ev = sim.apply(Action::ChooseId("l".into()));
    assert!(ev.iter().any(|e| matches!(
        &e.kind,
        EventKind::Ended {
            outcome: Outcome::Resolved,
            ..
        }
    )));
    assert!(sim.is_over());
    assert!(matches!(
        sim.apply(Action::Wait(1000))[0].kind,
        EventKind::Rejected(_)
    ));
}

const WORLD: &str = "metric cpu \"CPU\"\n    unit %\n    baseline 30\n    range 0 to 100\n    recover 1m\n    effect load ramp to 100 over 1m\n\
alert hot \"CPU hot\"\n    when cpu > 90 for 30s\n    severity page\n    summary \"cpu at {cpu}\"\n\
person sam \"Sam\"\n    pageable\n    when paged\n        @sam: on it\nescalation\n    you\n    sam after 2m\n\
at T+1m\n    start load\n\
command fix \"fix cpu\"\n    takes 20s\n    output \"fixed\"\n    stop load\n\
scene a\n    Watch.\n    wait\nending done \"Done\"\n    outcome resolved\nwhen alert hot is resolved\n    end done\n";

#[test]
fn metrics_move_alerts_fire_pages_escalate_and_resolve() {
    let sc = scenario(&format!("{HEADER}{WORLD}"));
    let mut sim = Sim::new(sc, 3);
    let ev = sim.advance_to(60_000);
    assert!(
        ev.iter()
            .all(|e| !matches!(e.kind, EventKind::AlertFiring { .. }))
    );
    let ev = sim.advance_to(3 * 60_000);
    let fired = ev
        .iter()
        .find(|e| matches!(e.kind, EventKind::AlertFiring { .. }))
        .expect("the alert fires");
    // Ramp to 100 over 1m from T+1m crosses 90 around T+1m54s; plus 30s held.
    assert!(
        fired.at > 110_000 && fired.at < 160_000,
        "fired at {}",
        fired.at
    );
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::Page { to, .. } if to == "you"))
    );
    let ev = sim.advance_to(6 * 60_000);
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::PageEscalated { to, .. } if to == "sam")),
        "{ev:?}"
    );
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::Chat { text, .. } if text == "on it"))
    );
    let ev = sim.apply(Action::Ack(None));
    assert!(
        ev.iter()
            .any(|e| matches!(e.kind, EventKind::PageAcked { .. }))
    );
    let mut ev = sim.apply(Action::Run("fix cpu".into()));
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::Shell { output, .. } if output == "fixed"))
    );
    // The load fades out over the metric's `recover` minute; the alert clears on the way.
    ev.extend(sim.advance_to(12 * 60_000));
    assert!(
        ev.iter()
            .any(|e| matches!(e.kind, EventKind::AlertResolved { .. })),
        "{ev:?}"
    );
    assert!(
        ev.iter()
            .any(|e| matches!(e.kind, EventKind::PageResolved { .. })),
        "{ev:?}"
    );
    assert!(sim.finish().is_some_and(|f| f.outcome == Outcome::Resolved));
}

#[test]
fn the_shell_matches_structure_and_suggests() {
    let sc = scenario(&format!("{HEADER}{WORLD}"));
    let mut sim = Sim::new(sc, 3);
    let out = |ev: Vec<Event>| {
        ev.iter()
            .find_map(|e| match &e.kind {
                EventKind::Shell { output, .. } => Some(output.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    assert_eq!(out(sim.apply(Action::Run("fix   'cpu'".into()))), "fixed");
    assert!(out(sim.apply(Action::Run("fxi cpu".into()))).contains("did you mean 'fix'"));
    assert!(out(sim.apply(Action::Run("fix cpu now".into()))).contains("Usage"));
    let help = out(sim.apply(Action::Run("help".into())));
    assert!(help.contains("fix") && !help.contains("fix cpu"), "{help}");
    assert!(out(sim.apply(Action::Run("fix --help".into()))).contains("fix cpu"));
    assert!(out(sim.apply(Action::Run("date".into()))).starts_with("2024-01-01 10:"));
    assert!(out(sim.apply(Action::Run("history".into()))).contains("fxi cpu"));
    assert!(out(sim.apply(Action::Run("echo 'open".into()))).contains("syntax error"));
}

#[test]
fn the_scenario_times_out() {
    let sc = scenario(&format!("{HEADER}scene a\n    Quiet.\n    wait\n"));
    let mut sim = Sim::new(sc, 1);
    let ev = sim.advance_to(u64::MAX);
    assert!(matches!(
        ev.last().map(|e| &e.kind),
        Some(EventKind::Ended {
            outcome: Outcome::TimedOut,
            ..
        })
    ));
    assert_eq!(sim.now(), 30 * 60_000);
}

#[test]
fn call_returns_to_the_caller_and_interrupts_break_in() {
    let text = format!(
        "{HEADER}scene a\n    + Post an update #post\n        call status\n    * Finish\n        end done\n\
scene status\n    Drafting.\n    * Send it\n        return\n\
scene alarm\n    The bell rings.\n    * Back to work\n        return\n\
at T+5m\n    interrupt alarm\n\
ending done \"Done\"\n    outcome resolved\n"
    );
    let mut sim = Sim::new(scenario(&text), 1);
    sim.apply(Action::ChooseId("post".into()));
    assert_eq!(sim.choices(), vec![(1, "Send it".to_string())]);
    sim.apply(Action::Choose(1));
    assert_eq!(sim.choices().len(), 2, "back in the calling scene");
    let ev = sim.advance_to(5 * 60_000);
    assert!(kinds(&ev).contains(&&EventKind::Narration("The bell rings.".into())));
    sim.apply(Action::Choose(1));
    assert_eq!(sim.choices()[0].1, "Post an update");
}

#[test]
fn rubric_entries_latch_with_deadlines() {
    let text = format!(
        "{HEADER}command look \"look\"\n    output \"ok\"\nscene a\n    wait\n\
debrief\n    key action look_early \"Look early\"\n        done when ran look\n        by T+1m\n    red herring panic \"Panic\"\n        taken when ran look before T+10s\n    objective looked \"Looked\"\n        met when ran look\n"
    );
    let mut sim = Sim::new(scenario(&text), 1);
    sim.advance_to(2 * 60_000);
    sim.apply(Action::Run("look".into()));
    let r = sim.rubric();
    assert!(!r[0].met, "too late for the key action");
    assert!(!r[1].met);
    assert!(r[2].met);
}

#[test]
fn invalid_inputs_are_explained_and_cost_nothing() {
    let mut sim = Sim::new(scenario(&format!("{HEADER}{WORLD}")), 1);
    sim.drain();
    for a in [
        Action::Ack(None),
        Action::Choose(3),
        Action::Page("nobody".into(), "hi".into()),
        Action::Graph("nope".into()),
        Action::Open("nope".into()),
    ] {
        let ev = sim.apply(a);
        assert!(matches!(ev[0].kind, EventKind::Rejected(_)), "{ev:?}");
    }
    assert_eq!(sim.now(), 0);
}

#[test]
fn a_playthrough_test_can_silence_an_alert() {
    let test = "test quiet \"Silences the page\"\n    wait 3m\n    silence hot\n";
    let sc = Arc::new(scenario(&format!("{HEADER}{WORLD}{test}")));
    let t = &sc.tests[0];
    let silence = &t.steps[1];
    assert_eq!(
        playtest::action_for(&sc, &silence.input),
        Action::Silence("hot".into())
    );
    assert!(playtest::run(&sc, t).passed());
    let mut sim = Sim::new(sc.clone(), 3);
    sim.advance_to(180_000);
    let ev = sim.apply(playtest::action_for(&sc, &silence.input));
    assert!(
        !ev.iter().any(|e| matches!(e.kind, EventKind::Rejected(_))),
        "{ev:?}"
    );
}

// ---- runaway stories: stopped, never a crash -------------------------------

use firedrill::scenario::{Action as Script, SceneId};

/// `n` scenes, each with a choice to end; the story starts in the first.
fn scenes(n: usize) -> Scenario {
    let mut text = HEADER.to_string();
    for i in 0..n {
        text.push_str(&format!("scene s{i}\n    * Stop\n        end done\n"));
    }
    text.push_str("ending done \"Done\"\n    outcome resolved\n    Bye.\n");
    scenario(&text)
}

/// The `Ended` event of a stopped story, if the events hold one.
fn stopped(events: &[Event]) -> Option<&str> {
    events.iter().find_map(|e| match &e.kind {
        EventKind::Ended {
            ending,
            outcome: Outcome::Stopped,
            text,
            ..
        } => {
            assert_eq!(ending, STOPPED_ENDING);
            Some(text.as_str())
        }
        _ => None,
    })
}

#[test]
fn a_goto_loop_with_no_choice_is_stopped_and_named() {
    let mut sc = scenes(3);
    sc.scenes[1].actions.push(Script::Goto(SceneId(2)));
    sc.scenes[2].actions.push(Script::Goto(SceneId(1)));
    sc.scenes[0].actions.push(Script::Goto(SceneId(1)));
    let mut sim = Sim::new(sc, 1);
    let ev = sim.drain();
    let why = stopped(&ev).expect("the loop is stopped");
    assert!(why.contains("more than 1,000,000 times"), "{why}");
    // The runaway's first events are kept, the rest left out (and counted).
    assert_eq!(ev.len(), KEPT_EVENTS + 1);
    assert!(why.contains("events of the loop are left out"), "{why}");
    assert!(
        why.contains("`s1` -> `s2` -> `s1`") || why.contains("`s2` -> `s1` -> `s2`"),
        "{why}"
    );
    assert!(sim.is_over());
    assert_eq!(sim.finish().map(|f| f.outcome), Some(Outcome::Stopped));
    // Once stopped, the drill is over like any other ending.
    assert!(matches!(
        sim.apply(Action::Wait(1000))[0].kind,
        EventKind::Rejected(_)
    ));
}

#[test]
fn a_scene_that_calls_itself_stops_at_the_call_depth() {
    let mut sc = scenes(1);
    sc.scenes[0].actions.push(Script::Call(SceneId(0)));
    let mut sim = Sim::new(sc, 1);
    let ev = sim.drain();
    let why = stopped(&ev).expect("the call loop is stopped");
    assert!(why.contains("went 10,000 scenes deep"), "{why}");
    assert!(why.contains("`s0` -> `s0`"), "{why}");
    assert_eq!(ev.len(), KEPT_EVENTS + 1);
}

#[test]
fn a_loop_set_off_by_a_choice_or_the_clock_is_stopped_too() {
    let mut sc = scenes(2);
    // s0's choice goes to s1, which interrupts itself for ever.
    let c = sc.scenes[0].choices[0];
    sc.choices[c.0].actions = vec![Script::Goto(SceneId(1))];
    sc.scenes[1].actions.push(Script::Interrupt(SceneId(1)));
    let mut sim = Sim::new(sc.clone(), 1);
    let ev = sim.apply(Action::Choose(1));
    assert!(stopped(&ev).is_some());
    // The same loop from an `after` body runs when the clock gets there.
    sc.choices[c.0].actions = vec![Script::After(3000, vec![Script::Goto(SceneId(1))])];
    let mut sim = Sim::new(sc, 1);
    assert!(stopped(&sim.apply(Action::Choose(1))).is_none());
    let ev = sim.advance_by(5000);
    assert!(stopped(&ev).is_some());
    assert_eq!(sim.finish().map(|f| f.at), Some(13_000));
}

#[test]
fn call_and_return_in_a_loop_counts_every_move() {
    // s0 calls s1, which returns; s0 then (through its fallback) calls again.
    let mut sc = scenes(2);
    sc.scenes[0].choices.clear();
    sc.scenes[0].actions.push(Script::Call(SceneId(1)));
    sc.scenes[0].fallback = Some(vec![Script::Call(SceneId(1))]);
    sc.scenes[1].choices.clear();
    sc.scenes[1].actions.push(Script::Return);
    let mut sim = Sim::new(sc, 1);
    let why = stopped(&sim.drain()).map(str::to_string).expect("stopped");
    assert!(why.contains("changed scene more than"), "{why}");
}

#[test]
fn pages_that_page_each_other_are_stopped() {
    // Under an `if`, the checker only warns (FD0311): the engine stops it.
    let sc = scenario(&format!(
        "{HEADER}flag f\nperson ann \"Ann\"\n    role \"SRE\"\n    pageable\n    when paged\n        page bob \"you too\"\nperson bob \"Bob\"\n    role \"SRE\"\n    pageable\n    when paged\n        if not f\n            page ann \"you too\"\nscene a\n    * Page\n        page ann \"help\"\n    * Stop\n        end done\nending done \"Done\"\n    outcome resolved\n    Bye.\n"
    ));
    let mut sim = Sim::new(sc, 1);
    let ev = sim.apply(Action::Choose(1));
    let why = stopped(&ev).expect("the paging loop is stopped");
    assert!(why.contains("when paged"), "{why}");
}

#[test]
fn a_chain_of_100_000_scenes_runs() {
    let n = 100_000;
    let mut sc = scenes(1);
    let last = sc.scenes[0].clone();
    sc.scenes = (0..n)
        .map(|i| {
            let mut s = last.clone();
            s.name = format!("s{i}");
            if i + 1 < n {
                s.choices.clear();
                s.actions = vec![Script::Goto(SceneId(i + 1))];
            }
            s
        })
        .collect();
    let mut sim = Sim::new(sc, 1);
    let ev = sim.drain();
    assert!(stopped(&ev).is_none());
    assert_eq!(sim.current_scene(), Some(SceneId(n - 1)));
    assert_eq!(
        ev.iter()
            .filter(|e| matches!(e.kind, EventKind::Scene { .. }))
            .count(),
        n
    );
    assert!(matches!(
        sim.apply(Action::Choose(1)).last().map(|e| &e.kind),
        Some(EventKind::Ended {
            outcome: Outcome::Resolved,
            ..
        })
    ));
}

#[test]
fn wait_ends_the_list_it_is_in_even_inside_an_if() {
    let sc = scenario(&format!(
        "{HEADER}flag f\nscene a\n    Before.\n    if not f\n        wait\n    After.\n    * Go\n        end done\nending done \"Done\"\n    outcome resolved\n    Bye.\n"
    ));
    let mut sim = Sim::new(sc, 1);
    let ev = sim.drain();
    let said: Vec<&EventKind> = kinds(&ev)
        .into_iter()
        .filter(|k| matches!(k, EventKind::Narration(_)))
        .collect();
    assert_eq!(said, vec![&EventKind::Narration("Before.".into())]);
    // The scene rests with its choices on offer.
    assert_eq!(sim.choices(), vec![(1, "Go".to_string())]);
}

#[test]
fn timers_due_at_once_that_set_off_more_are_stopped() {
    // Only a condition guards the page (FD0311), so it checks; the flag is
    // never set, so each `after 0s` body pages Ann, whose block sets another.
    let sc = scenario(&format!(
        "{HEADER}flag f\nperson ann \"Ann\"\n    role \"SRE\"\n    pageable\n    when paged\n        after 0s\n            if not f\n                page ann \"again\"\nscene a\n    * Page\n        page ann \"help\"\n    * Stop\n        end done\nending done \"Done\"\n    outcome resolved\n    Bye.\n"
    ));
    let mut sim = Sim::new(sc, 1);
    sim.apply(Action::Choose(1));
    let ev = sim.advance_by(5000);
    let why = stopped(&ev).expect("the timers are stopped");
    assert!(why.contains("More than 1,000,000 `after` bodies"), "{why}");
    assert!(ev.len() <= KEPT_EVENTS + 1, "{} events", ev.len());
}

/// A scenario with two injects and a hint, for the mentor's tests.
fn mentored() -> Scenario {
    scenario(&format!(
        "{HEADER}flag asked\nperson vp \"Dana Reyes\"\ncommand top \"top\"\n    output \"busy\"\n\
         inject eta \"The VP asks for an ETA\"\n    @vp: What's the ETA?\n    set asked = true\n    goto board\n\
         hint look \"Look at the processes\"\n    when not ran top for 2m\n    Try `top`.\n\
         scene a\n    Quiet.\n    wait\n\
         scene board\n    The board is waiting.\n    * Close the laptop #close\n        only if asked\n        end done\n\
         ending done \"Done\"\n    outcome resolved\n"
    ))
}

#[test]
fn an_inject_runs_its_actions_once_from_the_mentor_and_costs_no_time() {
    let mut sim = Sim::new(mentored(), 1);
    sim.drain();
    sim.advance_to(30_000);
    let ev = sim.apply(Action::Inject("eta".into()));
    assert_eq!(sim.now(), 30_000, "an inject costs the player no time");
    assert_eq!(
        ev[0].kind,
        EventKind::Injected {
            inject: "eta".into(),
            title: "The VP asks for an ETA".into()
        }
    );
    assert!(
        ev.iter()
            .any(|e| matches!(&e.kind, EventKind::Chat { text, .. } if text == "What's the ETA?"))
    );
    assert_eq!(sim.choices(), vec![(1, "Close the laptop".to_string())]);
    let again = sim.apply(Action::Inject("eta".into()));
    assert_eq!(
        kinds(&again),
        [&EventKind::Rejected(
            "the inject `eta` was already fired at T+30s".into()
        )]
    );
    let unknown = sim.apply(Action::Inject("nope".into()));
    assert_eq!(
        kinds(&unknown),
        [&EventKind::Rejected("no inject called `nope`".into())]
    );
}

#[test]
fn a_hint_is_offered_once_when_its_condition_has_held_and_shown_when_asked() {
    let mut sim = Sim::new(mentored(), 1);
    sim.drain();
    let early = sim.apply(Action::Hint);
    assert!(matches!(early[0].kind, EventKind::Rejected(_)), "{early:?}");
    let ev = sim.advance_to(3 * 60_000);
    let offered: Vec<_> = ev
        .iter()
        .filter(|e| matches!(e.kind, EventKind::HintAvailable { .. }))
        .collect();
    assert_eq!(offered.len(), 1, "{ev:?}");
    assert_eq!(offered[0].at, 2 * 60_000);
    let shown = sim.apply(Action::Hint);
    assert_eq!(
        kinds(&shown),
        [&EventKind::HintShown {
            hint: "look".into(),
            title: "Look at the processes".into(),
            text: "Try `top`.".into()
        }]
    );
    assert!(matches!(
        sim.apply(Action::Hint)[0].kind,
        EventKind::Rejected(_)
    ));
    assert!(
        !sim.advance_to(10 * 60_000)
            .iter()
            .any(|e| matches!(e.kind, EventKind::HintAvailable { .. })),
        "offered once a game"
    );
}

#[test]
fn a_hint_about_what_the_player_has_since_done_is_not_shown() {
    let mut sim = Sim::new(mentored(), 1);
    sim.advance_to(3 * 60_000);
    sim.apply(Action::Run("top".into()));
    assert!(matches!(
        sim.apply(Action::Hint)[0].kind,
        EventKind::Rejected(_)
    ));
}

#[test]
fn a_guided_game_shows_each_hint_the_moment_it_is_offered() {
    let mut sim = Sim::with_support(mentored(), 1, Support::Guided);
    assert_eq!(sim.support(), Support::Guided);
    sim.drain();
    let ev = sim.advance_to(3 * 60_000);
    let help: Vec<_> = ev
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::HintAvailable { .. } | EventKind::HintShown { .. }
            )
        })
        .collect();
    assert_eq!(help.len(), 2, "{ev:?}");
    assert!(matches!(help[0].kind, EventKind::HintAvailable { .. }));
    assert_eq!(
        help[1],
        &Event {
            at: 2 * 60_000,
            kind: EventKind::HintShown {
                hint: "look".into(),
                title: "Look at the processes".into(),
                text: "Try `top`.".into()
            }
        }
    );
    // Nothing waits for a request: asking is refused, and says why.
    assert_eq!(
        kinds(&sim.apply(Action::Hint)),
        [&EventKind::Rejected(
            "in guided play hints appear on their own; none is waiting".into()
        )]
    );
    assert_eq!(sim.now(), 3 * 60_000, "asking costs no time");
}

#[test]
fn a_solo_game_never_offers_or_shows_a_hint() {
    let mut sim = Sim::with_support(mentored(), 1, Support::Solo);
    sim.drain();
    let ev = sim.advance_to(10 * 60_000);
    assert!(
        !ev.iter().any(|e| matches!(
            e.kind,
            EventKind::HintAvailable { .. } | EventKind::HintShown { .. }
        )),
        "{ev:?}"
    );
    assert_eq!(
        kinds(&sim.apply(Action::Hint)),
        [&EventKind::Rejected("hints are off in solo".into())]
    );
    // The mentor's injects are not hints: they still work.
    let injected = sim.apply(Action::Inject("eta".into()));
    assert!(matches!(injected[0].kind, EventKind::Injected { .. }));
}

#[test]
fn an_assisted_game_is_the_default_and_shows_a_hint_only_when_asked() {
    let mut sim = Sim::new(mentored(), 1);
    assert_eq!(sim.support(), Support::Assisted);
    let ev = sim.advance_to(3 * 60_000);
    assert!(
        !ev.iter()
            .any(|e| matches!(e.kind, EventKind::HintShown { .. }))
    );
    let shown = sim.apply(Action::Hint);
    assert!(
        matches!(shown[0].kind, EventKind::HintShown { .. }),
        "{shown:?}"
    );
    assert_eq!(shown[0].at, 3 * 60_000);
}

#[test]
fn a_scene_only_an_inject_reaches_is_reachable_and_an_inject_is_checked_like_a_trigger() {
    let text = format!(
        "{HEADER}inject storm \"A storm\"\n    goto storm\n\
         scene a\n    Quiet.\n    wait\n\
         scene storm\n    Thunder.\n    end done\n\
         ending done \"Done\"\n    outcome resolved\n"
    );
    let good = checked(&text);
    assert!(good.diagnostics.is_empty(), "{:?}", good.diagnostics);
    let bad = checked(&text.replace("goto storm", "goto strom"));
    let codes: Vec<_> = bad.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"FD0107"), "{codes:?}");
}

#[test]
fn a_choice_keeps_its_number_when_one_before_it_is_taken() {
    let sc = scenario(&format!(
        "{HEADER}scene a\n    Pick.\n    * First\n        One.\n    * Second\n        Two.\n    * Third #t\n        end done\nending done \"Done\"\n    outcome resolved\n    Bye.\n"
    ));
    let mut sim = Sim::new(Arc::new(sc), 1);
    sim.apply(Action::Choose(1));
    assert_eq!(
        sim.choices(),
        vec![(2, "Second".to_string()), (3, "Third".to_string())]
    );
    // The number shown is the number taken, not a place in the list.
    let ev = sim.apply(Action::Choose(2));
    assert!(kinds(&ev).contains(&&EventKind::Narration("Two.".into())));
    let ev = sim.apply(Action::Choose(1));
    assert!(
        ev.iter().any(|e| matches!(&e.kind, EventKind::Rejected(why) if why == "the only choice on screen is 3")),
        "{ev:?}"
    );
    // An older transcript counted among the choices shown: its `Choose(1)`
    // is the first one on screen, which is number 3 now.
    assert_eq!(sim.normalize(Action::ChooseOnScreen(1)), Action::Choose(3));
    let ev = sim.apply(Action::ChooseOnScreen(1));
    assert!(sim.is_over(), "{ev:?}");
}

#[test]
fn a_shell_line_carries_the_prompt_it_was_typed_at() {
    let sc = scenario(&format!(
        "{HEADER}host web1\n    user maya\nhost db1\n    user root\nscene a\n    Go.\n"
    ));
    let mut sim = Sim::new(Arc::new(sc), 1);
    let ev = sim.apply(Action::Run("ssh db1".into()));
    let prompts: Vec<(&str, &str)> = ev
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Shell { prompt, input, .. } => Some((prompt.as_str(), input.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(prompts, vec![("maya@web1:~$", "ssh db1")]);
    let ev = sim.apply(Action::Run("!!".into()));
    let echo: Vec<String> = ev
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Shell { .. } => e.kind.headline(false),
            _ => None,
        })
        .collect();
    assert_eq!(echo, vec!["root@db1:~# !!".to_string()]);
}
