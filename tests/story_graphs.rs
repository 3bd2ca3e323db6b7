//! A structural property of the checker and the engine together: random
//! scene graphs with `goto`, `call`, `interrupt` and `return` edges (with and
//! without choices, waits, conditions, `after 0s`, fallbacks, triggers and a person
//! whose `when paged` block moves the story or pages again) are checked;
//! whatever the checker accepts, the engine runs (a few inputs, then the
//! clock) without a crash, and if the engine has to stop a runaway story,
//! the checker warned about that loop.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::{Checked, Loaded, NoFiles, check, render};
use firedrill::sim::{Action, Sim};
use proptest::prelude::*;
use std::fmt::Write as _;

/// A move or other line in a scene, a choice or a fallback.
#[derive(Debug, Clone)]
enum Line {
    Say,
    Goto(usize),
    Call(usize),
    Interrupt(usize),
    Return,
    Wait,
    End,
    SetFlag,
    /// `page ann`: her `when paged` block runs at once.
    Page,
    /// `if f` (or `if not f`) around a line.
    If(bool, Box<Line>),
    /// `after 0s` around a line: due at once, run on the clock's next step.
    AfterNothing(Box<Line>),
}

#[derive(Debug, Clone)]
struct Choice {
    sticky: bool,
    only_if: bool,
    lines: Vec<Line>,
}

#[derive(Debug, Clone)]
struct Scene {
    lines: Vec<Line>,
    choices: Vec<Choice>,
    fallback: Option<Vec<Line>>,
}

#[derive(Debug, Clone)]
struct Graph {
    scenes: Vec<Scene>,
    /// `at T+30s` moving the story: (scene, is an interrupt).
    trigger: Option<(usize, bool)>,
    /// Ann's `when paged` block (`return` and `wait` are scene lines only).
    ann: Vec<Line>,
}

fn line(n: usize) -> impl Strategy<Value = Line> {
    // Moves weigh most: they make the loops.
    let leaf = prop_oneof![
        1 => Just(Line::Say),
        2 => (0..n).prop_map(Line::Goto),
        2 => (0..n).prop_map(Line::Call),
        1 => (0..n).prop_map(Line::Interrupt),
        2 => Just(Line::Return),
        1 => Just(Line::Wait),
        1 => Just(Line::End),
        1 => Just(Line::SetFlag),
        1 => Just(Line::Page),
    ];
    // Conditions now and then: most loops should be plain, so that a loop
    // the checker misses is not hidden by a warning about another one.
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![
            6 => inner.clone(),
            1 => (any::<bool>(), inner.clone()).prop_map(|(neg, l)| Line::If(neg, Box::new(l))),
            1 => inner.prop_map(|l| Line::AfterNothing(Box::new(l))),
        ]
    })
}

fn lines(n: usize, max: usize) -> impl Strategy<Value = Vec<Line>> {
    prop::collection::vec(line(n), 0..=max)
}

fn graph() -> impl Strategy<Value = Graph> {
    (1usize..=4).prop_flat_map(|n| {
        let choice = (any::<bool>(), prop::bool::weighted(0.3), lines(n, 2)).prop_map(
            |(sticky, only_if, lines)| Choice {
                sticky,
                only_if,
                lines,
            },
        );
        let scene = (
            lines(n, 3),
            prop::collection::vec(choice, 0..=1),
            prop::option::weighted(0.4, lines(n, 2)),
        )
            .prop_map(|(lines, choices, fallback)| Scene {
                lines,
                choices,
                fallback,
            });
        (
            prop::collection::vec(scene, n),
            prop::option::weighted(0.3, (0..n, any::<bool>())),
            lines(n, 2),
        )
            .prop_map(|(scenes, trigger, ann)| Graph {
                scenes,
                trigger,
                ann,
            })
    })
}

fn write_line(out: &mut String, l: &Line, indent: usize) {
    let pad = " ".repeat(indent);
    let _ = match l {
        Line::Say => writeln!(out, "{pad}Something happens."),
        Line::Goto(s) => writeln!(out, "{pad}goto s{s}"),
        Line::Call(s) => writeln!(out, "{pad}call s{s}"),
        Line::Interrupt(s) => writeln!(out, "{pad}interrupt s{s}"),
        Line::Return => writeln!(out, "{pad}return"),
        Line::Wait => writeln!(out, "{pad}wait"),
        Line::End => writeln!(out, "{pad}end done"),
        Line::SetFlag => writeln!(out, "{pad}set f = true"),
        Line::Page => writeln!(out, "{pad}page ann \"help\""),
        Line::If(neg, inner) => {
            let not = if *neg { "not " } else { "" };
            let _ = writeln!(out, "{pad}if {not}f");
            write_line(out, inner, indent + 4);
            Ok(())
        }
        Line::AfterNothing(inner) => {
            let _ = writeln!(out, "{pad}after 0s");
            write_line(out, inner, indent + 4);
            Ok(())
        }
    };
}

/// `l` with `return` and `wait`, which only scenes and choices may hold,
/// made into narration.
fn scene_only_removed(l: &Line) -> Line {
    match l {
        Line::Return | Line::Wait => Line::Say,
        Line::If(neg, inner) => Line::If(*neg, Box::new(scene_only_removed(inner))),
        Line::AfterNothing(inner) => Line::AfterNothing(Box::new(scene_only_removed(inner))),
        other => other.clone(),
    }
}

fn source(g: &Graph) -> String {
    let mut out = String::from(
        "scenario g\n    title \"G\"\n    start 2024-01-01 10:00 UTC\n    duration 10m\n\nflag f\n\n",
    );
    out.push_str(
        "person ann \"Ann\"\n    role \"SRE\"\n    pageable\n    when paged\n        On it.\n",
    );
    for l in &g.ann {
        write_line(&mut out, &scene_only_removed(l), 8);
    }
    out.push('\n');
    if let Some((s, interrupt)) = g.trigger {
        let verb = if interrupt { "interrupt" } else { "goto" };
        let _ = writeln!(out, "at T+30s\n    {verb} s{s}\n");
    }
    for (i, s) in g.scenes.iter().enumerate() {
        let _ = writeln!(out, "scene s{i}");
        // A scene needs a line to be a block.
        out.push_str("    Scene text.\n");
        for l in &s.lines {
            write_line(&mut out, l, 4);
        }
        for (j, c) in s.choices.iter().enumerate() {
            let mark = if c.sticky { '+' } else { '*' };
            let _ = writeln!(out, "    {mark} Option {i} {j}");
            if c.only_if {
                out.push_str("        only if f\n");
            }
            out.push_str("        You do it.\n");
            for l in &c.lines {
                write_line(&mut out, l, 8);
            }
        }
        if let Some(fb) = &s.fallback {
            out.push_str("    fallback\n        Time passes.\n");
            for l in fb {
                write_line(&mut out, l, 8);
            }
        }
        out.push('\n');
    }
    out.push_str("ending done \"Done\"\n    outcome resolved\n");
    out
}

fn checked(text: &str) -> Checked {
    check(
        Loaded {
            name: "g.drill".into(),
            key: "g.drill".into(),
            bytes: text.as_bytes().to_vec(),
        },
        &NoFiles,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn what_check_accepts_runs_and_every_runaway_was_reported(g in graph(), inputs in prop::collection::vec(0u32..4, 0..6)) {
        let text = source(&g);
        let c = checked(&text);
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
        let shown = render::human(&c.diagnostics, &c.sources);
        // A syntax slip in the generator would make the test vacuous.
        prop_assert!(
            codes.iter().all(|c| c.starts_with("FD03")),
            "the generator wrote a file that does not parse:\n{text}\n{shown}"
        );
        let Some(sc) = c.scenario else {
            prop_assert!(codes.contains(&"FD0310") || codes.contains(&"FD0312"), "{text}\n{shown}");
            return Ok(());
        };
        let mut sim = Sim::new(sc, 7);
        for n in inputs {
            if n == 0 {
                sim.apply(Action::Wait(20_000));
            } else {
                sim.apply(Action::Choose(n));
            }
        }
        sim.advance_by(10 * 60 * 1000);
        prop_assert!(sim.is_over());
        if let Some(why) = sim.stopped() {
            prop_assert!(
                codes.contains(&"FD0311"),
                "the engine stopped a story check did not warn about: {why}\n{text}\n{shown}"
            );
        }
    }
}
