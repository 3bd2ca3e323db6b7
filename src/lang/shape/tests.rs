// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::lang::{Loaded, NoFiles, check};

fn shaped(body: &str) -> Shape {
    let text = format!(
        "scenario g\n    title \"G\"\n    start 2024-01-01 10:00 UTC\n    duration 10m\n\nflag f\n\n{body}"
    );
    let checked = check(
        Loaded {
            name: "g.drill".into(),
            key: "g.drill".into(),
            bytes: text.into_bytes(),
        },
        &NoFiles,
    );
    assert_eq!(checked.errors(), 0, "{:?}", checked.diagnostics);
    shape(checked.scenario.as_ref().unwrap())
}

const STORY: &str = "\
scene a
    Start.
    * Go on #go
        only if not f
        goto b
    * Ask for help
        call help
    fallback
        end done

scene b
    Middle.
    if f
        end done
    else
        after 2m
            goto a

scene help
    Help.
    return

scene lost
    Nobody comes here.
    goto b

at T+1m
    interrupt help

ending done \"Done\"
    outcome resolved

ending never \"Never\"
    outcome worse
";

#[test]
fn an_unreachable_scene_and_ending_are_marked_and_the_rest_is_not() {
    let s = shaped(STORY);
    let reach: Vec<(&str, bool)> = s
        .scenes
        .iter()
        .map(|x| (x.name.as_str(), x.reachable))
        .collect();
    assert_eq!(
        reach,
        [("a", true), ("b", true), ("help", true), ("lost", false)]
    );
    let endings: Vec<(&str, bool)> = s
        .endings
        .iter()
        .map(|e| (e.name.as_str(), e.reachable))
        .collect();
    assert_eq!(endings, [("done", true), ("never", false)]);
    assert_eq!(s.opening, 0);
}

#[test]
fn each_move_carries_the_conditions_and_delays_around_it() {
    let s = shaped(STORY);
    let b = &s.scenes[1];
    assert_eq!(b.moves[0].kind, MoveKind::End(0));
    assert_eq!(b.moves[0].gates, [Gate::If("f".into())]);
    assert_eq!(b.moves[1].kind, MoveKind::Goto(0));
    assert_eq!(
        b.moves[1].gates,
        [Gate::If("not f".into()), Gate::After("2m".into())]
    );
    let a = &s.scenes[0];
    assert_eq!(a.choices[0].id.as_deref(), Some("go"));
    assert_eq!(a.choices[0].only_if.as_deref(), Some("not f"));
    assert_eq!(a.choices[1].moves[0].kind, MoveKind::Call(2));
    assert_eq!(a.fallback.as_ref().unwrap()[0].kind, MoveKind::End(0));
}

#[test]
fn a_called_scene_knows_its_callers_and_the_trigger_that_interrupts_it() {
    let s = shaped(STORY);
    let help = &s.scenes[2];
    assert_eq!(help.callers, [0]);
    assert!(help.called_from_outside);
    assert_eq!(s.outside.len(), 1);
    assert_eq!(s.outside[0].name, "at T+1m");
    assert_eq!(s.outside[0].moves[0].kind, MoveKind::Interrupt(2));
}

#[test]
fn conditions_are_written_back_in_the_language_words() {
    let s = shaped(
        "var n = 0\nenum mood = calm | angry\n\n\
scene a
    Start.
    if (f or n > 2) and not mood is angry
        end done
    if mood is calm and n - 1 <= 3
        end done
    wait

when f and visited a and posted status for 30s
    end done

ending done \"Done\"
    outcome resolved
",
    );
    let gate = |i: usize| s.scenes[0].moves[i].gates.clone();
    assert_eq!(
        gate(0),
        [Gate::If("(f or n > 2) and not mood is angry".into())]
    );
    assert_eq!(gate(1), [Gate::If("mood is calm and n - 1 <= 3".into())]);
    assert!(s.scenes[0].waits);
    assert_eq!(
        s.outside[0].name,
        "when f and visited a and posted status for 30s"
    );
}
