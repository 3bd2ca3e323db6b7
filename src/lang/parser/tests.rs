//! Unit tests of the parser: the fast readers against the grammar, and
//! the diagnostics the property tables produce.

use super::blocks::fast_effect;
use super::*;

#[test]
fn durations() {
    assert_eq!(parse_duration("90s"), Some(90_000));
    assert_eq!(parse_duration("1h30m"), Some(5_400_000));
    assert_eq!(parse_duration("250ms"), Some(250));
    assert_eq!(parse_duration("5"), None);
    assert_eq!(parse_duration("99999999999999999999h"), None);
}

#[test]
fn clocks() {
    assert_eq!(parse_clock("13:45"), Some(49_500));
    assert_eq!(parse_clock("24:00"), None);
}

/// Runs `f` on a parser over `text` as the first line of a file.
fn with_line<T>(text: &str, f: impl FnOnce(&mut Parser<'_>, &Node) -> T) -> (T, Vec<Diagnostic>) {
    let mut diags = Diags::new();
    let nodes = lines::split(FileId(0), text, &mut diags);
    let mut p = Parser {
        file: FileId(0),
        src: text,
        diags: &mut diags,
    };
    let out = f(&mut p, &nodes[0]);
    (out, diags.finish().0)
}

fn fast_when(text: &str) -> Option<(Expr, Option<Millis>)> {
    with_line(text, |p, n| {
        p.reader(n).and_then(|mut r| {
            let e = r.expr()?;
            let hold = if r.word("for").is_some() {
                Some(r.duration()?)
            } else {
                None
            };
            r.done().then_some((e, hold))
        })
    })
    .0
}

fn pest_when(text: &str) -> Option<(Expr, Option<Millis>)> {
    with_line(text, |p, n| {
        let pair = p.parse_line(Rule::when_line, n)?;
        let (mut cond, mut hold) = (None, None);
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::expr => cond = Some(p.expr(0, part)),
                Rule::duration => hold = Some(p.millis(0, &part)),
                _ => {}
            }
        }
        cond.map(|c| (c, hold))
    })
    .0
}

/// The grammar's reading: a trailing comment keeps a line off the fast path.
fn pest_effect(text: &str) -> Option<EffectDecl> {
    let commented = format!("{text} // x");
    with_line(&commented, |p, n| {
        let mut e = p.effect(n)?;
        e.span.end -= " // x".len() as u32;
        Some(e)
    })
    .0
}

#[test]
fn the_fast_path_takes_the_common_lines() {
    for line in [
        "when edge_cpu > 90 for 2m",
        "when alert waf is firing and not ran deploys before T+10m",
        "when (a or b) and theory is not attack",
        "when status is identified or posted status",
        "when now >= T+5m and x - -3 < 2.5%",
    ] {
        assert!(fast_when(line).is_some(), "{line}");
        assert_eq!(fast_when(line), pest_when(line), "{line}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, .. Default::default() })]

    /// Whatever the fast path accepts, the grammar reads the same way.
    #[test]
    fn fast_conditions_match_the_grammar(words in proptest::collection::vec(proptest::sample::select(vec![
        "x", "cpu", "theory", "attack", "alert", "waf", "is", "not", "and", "or", "ran", "chose", "read", "viewed",
        "visited", "paged", "posted", "status", "firing", "resolved", "identified", "true", "false", "now", "before",
        "T+5m", "T+0", "5", "-5", "5%", "90s", "1h30m", "1.5", "(", ")", "<", "<=", ">", ">=", "==", "!=", "+", "-",
        "for", "2m", "_y", "read_x", "not_y",
    ]), 1..12)) {
        let line = format!("when {}", words.join(" "));
        if let Some(fast) = fast_when(&line) {
            proptest::prop_assert_eq!(Some(fast), pest_when(&line), "{}", line);
        }
    }

    #[test]
    fn fast_effects_match_the_grammar(
        shape in proptest::sample::select(vec!["step", "ramp", "spike", "decay", "jump", "gap"]),
        dir in proptest::sample::select(vec!["to", "by", "at"]),
        level in proptest::sample::select(vec!["baseline", "90", "-5", "12.5%", "5m", "x", "x + 5", "slo - 2%"]),
        tail in proptest::sample::select(vec!["", "over 2m", "for 30s", "over", "for 2m while x", "over 1m while not x > 3", "while x"]),
    ) {
        let line = format!("effect e {shape} {dir} {level} {tail}").trim_end().to_string();
        let fast = with_line(&line, |p, n| p.reader(n).and_then(|r| fast_effect(r, n.line.span()))).0;
        if let Some(fast) = fast {
            let slow = pest_effect(&line);
            proptest::prop_assert_eq!(Some(fast), slow, "{}", line);
        }
    }
}

#[test]
fn an_effect_level_may_be_an_expression_over_state() {
    let e = pest_effect("effect e ramp to slo_ms + 200 over 1m").unwrap();
    assert!(e.level.value.is_none());
    let expr = e.level.expr.unwrap();
    assert!(matches!(expr.kind, ExprKind::Binary(BinOp::Add, ..)));
    // A lone literal stays a literal, whichever path reads it.
    let e = pest_effect("effect e step to 400ms").unwrap();
    assert_eq!(e.level.value.map(|q| q.unit), Some(LiteralUnit::Millis));
    assert!(e.level.expr.is_none());
    let e = pest_effect("effect e decay to baseline over 2m").unwrap();
    assert!(e.level.value.is_none() && e.level.expr.is_none());
}

#[test]
fn a_gap_has_no_level_and_an_optional_time() {
    let e = pest_effect("effect dark gap for 3m while x").unwrap();
    assert_eq!(e.shape, EffectShape::Gap);
    assert_eq!(e.duration.map(|d| d.ms), Some(180_000));
    assert!(e.while_cond.is_some());
    let e = pest_effect("effect dark gap").unwrap();
    assert_eq!((e.shape, e.duration), (EffectShape::Gap, None));
    assert!(pest_effect("effect dark gap to 5").is_none());
}

#[test]
fn a_rubric_entry_reads_applies_when_beside_its_own_when() {
    let src = "debrief\n    objective o \"O\"\n        met when x\n        applies when y and z\n";
    assert_eq!(messages(src), vec![]);
    let mut diags = Diags::new();
    let items = parse_file(FileId(0), src, &mut diags);
    let Some(ItemKind::Debrief(d)) = items.first().map(|i| &i.kind) else {
        panic!("a debrief");
    };
    assert!(d.items[0].cond.is_some() && d.items[0].applies.is_some());
    let twice = format!("{src}        applies when x\n");
    assert_eq!(
        messages(&twice),
        vec![(
            Code::RepeatedProperty,
            "`applies when` is given twice".to_string()
        )]
    );
}

/// The codes and messages `parse_file` reports for `src`.
fn messages(src: &str) -> Vec<(Code, String)> {
    let mut diags = Diags::new();
    parse_file(FileId(0), src, &mut diags);
    diags.into_iter().map(|d| (d.code, d.message)).collect()
}

#[test]
fn a_once_only_property_given_twice_is_reported_once() {
    let src = "alert a\n    severity page\n    severity ticket\n    when x > 1\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::RepeatedProperty,
            "`severity` is given twice".to_string()
        )]
    );
    let src = "person p \"P\"\n    when paged\n        wait\n    when paged\n        wait\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::RepeatedProperty,
            "`when paged` is given twice".to_string()
        )]
    );
}

#[test]
fn unknown_properties_are_suggested_from_the_table() {
    let mut diags = Diags::new();
    parse_file(FileId(0), "metric m\n    baselin 3\n", &mut diags);
    let diags = diags.finish().0;
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "`baselin` is not part of a metric");
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `baseline`?"));
}

/// A red herring's condition is `taken when`; `met when` belongs to an
/// objective and was once skipped without a word.
#[test]
fn a_rubric_entry_takes_only_its_own_condition_word() {
    let src =
        "debrief\n    red herring cap \"Capacity\"\n        taken when x\n        met when y\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::UnknownKeyword,
            "`met` is not part of a rubric entry".to_string()
        )]
    );
}

/// A line indented under a property that takes no lines below it was once
/// dropped without a word, even a `source` note or gibberish.
#[test]
fn a_line_under_a_property_that_takes_none_is_reported() {
    let bad = |word: &str| {
        vec![(
            Code::BadIndent,
            format!("the `{word}` line has no indented lines below it"),
        )]
    };
    let src = "metric m\n    baseline 40\n        nonsense here\n";
    assert_eq!(messages(src), bad("baseline"));
    let src = "metric m\n    effect e step to 9\n        source \"https://x\"\n";
    assert_eq!(messages(src), bad("effect"));
    let src = "alert a\n    when x > 1\n    source \"https://x\"\n        more\n";
    assert_eq!(messages(src), bad("source"));
    let src = "debrief\n    key action k \"K\"\n        done when x\n            by T+5m\n";
    assert_eq!(messages(src), bad("done"));
}

/// Test steps and the responders' milestones own no lines either (a
/// milestone keeps its `source` notes).
#[test]
fn lines_under_a_step_or_a_milestone_are_reported() {
    let src = "test t\n    choose close\n        nonsense\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::BadIndent,
            "a test step has no indented lines below it".to_string()
        )]
    );
    let src = "debrief\n    responders\n        detected T+5m \"paged\"\n            source \"https://x\"\n            nonsense\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::UnknownKeyword,
            "`nonsense` is not part of a milestone".to_string()
        )]
    );
}

/// A `source` note under `responders` but under no milestone is reported,
/// not dropped.
#[test]
fn a_source_under_responders_but_no_milestone_is_reported() {
    let src =
        "debrief\n    responders\n        source \"https://x\"\n        detected T+5m \"paged\"\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::UnknownKeyword,
            "a `source` note directly under `responders` backs no milestone".to_string()
        )]
    );
}

/// An escalation step owns no lines either.
#[test]
fn lines_under_an_escalation_step_are_reported() {
    let src = "escalation\n    you\n        nonsense\n";
    assert_eq!(
        messages(src),
        vec![(
            Code::BadIndent,
            "an escalation step has no indented lines below it".to_string()
        )]
    );
}

/// The properties whose readers read the lines below them keep them.
#[test]
fn properties_that_read_their_lines_report_none() {
    let src = "person p \"P\"\n    when paged\n        wait\n";
    assert_eq!(messages(src), vec![]);
    let src = "debrief\n    key action k \"K\"\n        done when x\n    responders\n        detected T+5m \"paged\"\n";
    assert_eq!(messages(src), vec![]);
}

#[test]
fn suggests_compact_durations() {
    assert_eq!(long_duration_fix("5 minutes later"), Some((9, "5m".into())));
    assert_eq!(long_duration_fix("5m"), None);
}

/// Editors complete a block's lines from the same tables the parser reads.
#[test]
fn line_words_come_from_the_block_tables() {
    assert_eq!(line_words(&[]), TOP_KEYWORDS.to_vec());
    assert!(line_words(&["metric"]).contains(&"baseline"));
    assert!(line_words(&["command"]).contains(&"output"));
    assert!(line_words(&["command"]).contains(&"goto"));
    assert!(line_words(&["scene", "*"]).contains(&"only"));
    assert!(line_words(&["debrief", "red"]).contains(&"taken"));
    assert!(line_words(&["scene", "if"]).contains(&"set"));
    assert!(line_words(&["nonsense"]).is_empty());
}
