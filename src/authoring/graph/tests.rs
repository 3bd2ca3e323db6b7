// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::lang::shape::{ChoiceShape, EndingShape, Outside, OutsideKind, SceneShape};
use crate::lang::{Loaded, NoFiles, check};
use crate::scenario::Outcome;
use proptest::prelude::*;
use textwrap::core::display_width;

fn shape_of(text: &str) -> Shape {
    let checked = check(
        Loaded {
            name: "g.drill".into(),
            key: "g.drill".into(),
            bytes: text.as_bytes().to_vec(),
        },
        &NoFiles,
    );
    assert_eq!(checked.errors(), 0, "{:?}", checked.diagnostics);
    crate::lang::shape::shape(checked.scenario.as_ref().unwrap())
}

const WITH_A_LOST_SCENE: &str = "\
scenario g
    title \"G\"
    start 2024-01-01 10:00 UTC
    duration 10m

scene a
    Start.
    * Finish #finish
        end done

scene lost
    Nobody comes here.
    * Go back
        goto a

ending done \"Done\"
    outcome resolved
";

#[test]
fn the_text_tree_lists_an_unreachable_scene_under_its_heading() {
    let text = render(&shape_of(WITH_A_LOST_SCENE), GraphFormat::Text);
    insta::assert_snapshot!(text, @r#"
    g "G"
    ─────
    2 scenes, 1 ending, 0 injects; 1 part unreachable

    The story, from the start scene
    ───────────────────────────────
    scene a (start)
      * Finish #finish
        end done: "Done" (resolved)

    Endings
    ───────
    done "Done" (resolved)

    Unreachable
    ───────────
    scene lost (unreachable)
      * Go back
        goto a (above)
    "#);
}

#[test]
fn dot_and_mermaid_mark_the_unreachable_scene() {
    let shape = shape_of(WITH_A_LOST_SCENE);
    let dot = render(&shape, GraphFormat::Dot);
    assert!(
        dot.contains(
            "scene_lost [label=\"lost\\n(unreachable)\", style=dashed, color=gray, fontcolor=gray];"
        ),
        "{dot}"
    );
    let mermaid = render(&shape, GraphFormat::Mermaid);
    assert!(
        mermaid.contains("class scene_lost unreachable"),
        "{mermaid}"
    );
}

/// Text no scenario file could hold (the checker refuses control
/// characters), as if it had got through: the drawings must still be safe.
const HOSTILE: &str = "say \"hi\" \\N |pipe| a;b #1 [x] {y} (z) <b>&amp; `code` end\nsubgraph\r\u{1b}[2J\u{7}\u{202e}rev %% graph TD click style 表示される長い文字列";

fn hostile_shape() -> Shape {
    Shape {
        id: "hostile".into(),
        title: HOSTILE.into(),
        opening: 0,
        scenes: vec![SceneShape {
            name: "end".into(),
            reachable: true,
            waits: false,
            moves: vec![Move {
                kind: MoveKind::End(0),
                gates: vec![Gate::If(HOSTILE.into())],
            }],
            choices: vec![ChoiceShape {
                id: Some("subgraph".into()),
                label: HOSTILE.repeat(3),
                sticky: false,
                only_if: Some(HOSTILE.into()),
                moves: vec![Move {
                    kind: MoveKind::Goto(0),
                    gates: vec![],
                }],
            }],
            fallback: None,
            callers: vec![],
            called_from_outside: false,
        }],
        endings: vec![EndingShape {
            name: "end".into(),
            title: HOSTILE.into(),
            outcome: Outcome::Worse,
            reachable: true,
        }],
        outside: vec![Outside {
            kind: OutsideKind::Inject,
            name: "x".into(),
            title: Some(HOSTILE.into()),
            moves: vec![],
        }],
    }
}

#[test]
fn hostile_text_never_reaches_a_terminal_raw_and_every_line_fits() {
    let text = render(&hostile_shape(), GraphFormat::Text);
    insta::assert_snapshot!(text);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains('\u{202e}'));
    for line in text.lines() {
        assert!(display_width(line) <= 80, "{line}");
    }
}

#[test]
fn hostile_text_stays_inside_dot_strings() {
    let dot = render(&hostile_shape(), GraphFormat::Dot);
    assert!(!dot.chars().any(|c| c.is_control() && c != '\n'), "{dot:?}");
    // Every line is a statement or a brace: no label broke out of its string.
    for line in dot.lines() {
        let l = line.trim();
        assert!(l.ends_with(';') || l.ends_with('{') || l == "}", "{l}");
    }
    assert!(dot.contains("say \\\"hi\\\" \\\\N |pipe|"), "{dot}");
}

#[test]
fn hostile_text_stays_inside_mermaid_strings() {
    let mermaid = render(&hostile_shape(), GraphFormat::Mermaid);
    assert!(
        !mermaid.chars().any(|c| c.is_control() && c != '\n'),
        "{mermaid:?}"
    );
    assert!(
        mermaid.contains("say #quot;hi#quot; \\N #124;pipe#124; a#59;b #35;1 #91;x#93;"),
        "{mermaid}"
    );
    // Node ids carry a prefix, so a scene called `end` is no keyword.
    assert!(mermaid.contains("  scene_end["), "{mermaid}");
    assert!(
        !mermaid
            .lines()
            .any(|l| l.trim() == "end" || l.trim_start().starts_with("subgraph"))
    );
}

/// What a DOT string may hold between its quotes: no raw quote, no line
/// break, and a backslash only before `\`, `"` or `n`.
fn dot_string_is_sound(q: &str) -> bool {
    let Some(inner) = q.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\n' | '\r' => return false,
            '\\' if !matches!(chars.next(), Some('\\' | '"' | 'n')) => return false,
            c if c.is_control() => return false,
            _ => {}
        }
    }
    true
}

/// What a Mermaid string may hold: none of its syntax characters raw, `#`
/// only opening an entity code, and no line break.
fn mermaid_string_is_sound(q: &str) -> bool {
    let Some(inner) = q.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let inner = inner.replace("<br>", "");
    if inner
        .chars()
        .any(|c| "\"|;[]{}()<>`&\n\r".contains(c) && c != ';' || c.is_control())
    {
        return false;
    }
    // Every `#` opens an entity that a `;` closes, with no `#` inside.
    let mut rest = inner.as_str();
    while let Some(i) = rest.find(['#', ';']) {
        if rest[i..].starts_with(';') {
            return false;
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find(';') else {
            return false;
        };
        let code = &after[..end];
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        rest = &after[end + 1..];
    }
    true
}

#[test]
fn the_soundness_checks_catch_a_broken_string() {
    assert!(!dot_string_is_sound("\"a\"b\""));
    assert!(!dot_string_is_sound("\"a\\lb\""));
    assert!(!mermaid_string_is_sound("\"a|b\""));
    assert!(!mermaid_string_is_sound("\"a#b\""));
    assert!(!mermaid_string_is_sound("\"a;b\""));
    assert!(mermaid_string_is_sound("\"a#59;b<br>#quot;\""));
}

proptest! {
    #[test]
    fn any_text_makes_a_sound_dot_string(s in any::<String>()) {
        let q = dot::quoted(&s);
        prop_assert!(dot_string_is_sound(&q), "{q:?}");
    }

    #[test]
    fn any_text_makes_a_sound_mermaid_string(s in any::<String>()) {
        let q = mermaid::quoted(&s);
        prop_assert!(mermaid_string_is_sound(&q), "{q:?}");
    }

    #[test]
    fn syntax_heavy_text_makes_sound_strings(s in "[\"\\\\|;#\\[\\]{}()<>&`\n\r\t a-z]{0,60}") {
        prop_assert!(dot_string_is_sound(&dot::quoted(&s)));
        prop_assert!(mermaid_string_is_sound(&mermaid::quoted(&s)));
    }
}

#[test]
fn every_shipped_scenario_draws_in_80_columns() {
    for b in crate::library::builtins() {
        let checked = crate::library::check(b);
        let sc = checked.scenario.as_ref().unwrap();
        let text = render(&crate::lang::shape::shape(sc), GraphFormat::Text);
        for line in text.lines() {
            assert!(display_width(line) <= 80, "{}: {line}", b.id);
        }
    }
}
