//! Tests of the name index: resolution as the checker does it, on a small
//! scenario with every kind of name, on broken text and across includes
//! (every shipped scenario: `tests/name_index.rs`).

use super::*;
use crate::lang::{Checked, LoadError, Loaded, Loader, NoFiles, check};

/// A scenario with one or more of every kind of name.
const ALL: &str = r#"scenario t
    title "T"
    start 2024-01-01 09:00 UTC
    duration 30m
    opening intro
    host web

flag down
var tries = 0
enum phase = calm | busy

metric cpu "CPU"
    source "made up"
    unit %
    baseline 20
    noise 2
    range 0 to 100
    effect burn ramp to 90% over 2m while down
    effect cool decay to baseline over 1m

alert hot "Hot"
    when cpu > 80% for 1m
    summary "CPU at {cpu}"
    runbook fixit

escalation
    you
    ana after 5m

person ana "Ana A"
    pageable
    when paged
        @ana: On it, {tries} tries so far.
        set phase = busy

command restart "restart <svc>"
    alias "reboot <svc>"
    output when svc == db "restarting {svc}"
    output "ok {svc}"
    reads log app when svc == db
    if phase is busy
        stop burn
        set down = false

program restart
    output when down "down"

runbook fixit "Fix it"
    text "Restart things when {cpu} is high."

log app "App log"
    text "boom"

host web "web-01"
    cpu cpu

file "/var/log/app.log"
    host web
    log app

when alert hot is firing
    goto web

at T+1m
    start burn
    set down = true

inject spike "A spike"
    start burn

hint look "Look"
    when not viewed cpu for 2m
    Look at {cpu}.

scene intro
    It is {phase}.
    * Look #peek
        if on web
            goto web
        call web
    * Wait
        only if chose peek and not ran restart
        end fine

scene web
    Web scene.
    login web
    + Read #reading
        only if read fixit and paged ana and visited intro
        end fine

ending fine "Fine"
    outcome resolved

debrief
    key action fixed "Fixed"
        done when ran restart and tries > 0 and phase is calm
    red herring panic "Panic"
        taken when down
    objective calm_down "Calm"
        met when not down

test t1 "Plays"
    ack hot
    choose #peek
    page ana "help"
    graph cpu
    runbook fixit
    inject spike
    expect ending fine
    expect key action fixed
"#;

fn checked(text: &str) -> Checked {
    check(Loaded::text("t.drill", text), &NoFiles)
}

/// The declaration at the `nth` occurrence of `needle` in the main file
/// (at its `|`, else its first byte), as `(kind, name)`.
fn def_at(c: &Checked, idx: &NameIndex, needle: &str, nth: usize) -> Option<(NameKind, String)> {
    let text = &c.sources.get(FileId(0))?.text;
    let cursor = needle.find('|').unwrap_or(0);
    let plain = needle.replacen('|', "", 1);
    let at = text.match_indices(&plain).nth(nth)?.0 + cursor;
    let d = &idx.decls()[idx.at(FileId(0), at)?];
    Some((d.kind, d.name.clone()))
}

fn decl_of(idx: &NameIndex, kind: NameKind, name: &str) -> usize {
    idx.decls()
        .iter()
        .position(|d| d.kind == kind && d.name == name)
        .unwrap_or_else(|| panic!("no {} {name}", kind.word()))
}

#[test]
fn the_small_scenario_checks_and_every_kind_is_declared() {
    let c = checked(ALL);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::lang::Severity::Error)
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let idx = NameIndex::build(&c.items, &c.sources);
    for (kind, name) in [
        (NameKind::Flag, "down"),
        (NameKind::Var, "tries"),
        (NameKind::Enum, "phase"),
        (NameKind::EnumValue, "busy"),
        (NameKind::Metric, "cpu"),
        (NameKind::Effect, "burn"),
        (NameKind::Alert, "hot"),
        (NameKind::Person, "ana"),
        (NameKind::Command, "restart"),
        (NameKind::Placeholder, "svc"),
        (NameKind::Program, "restart"),
        (NameKind::Runbook, "fixit"),
        (NameKind::Log, "app"),
        (NameKind::Host, "web"),
        (NameKind::Inject, "spike"),
        (NameKind::Hint, "look"),
        (NameKind::Scene, "intro"),
        (NameKind::Choice, "peek"),
        (NameKind::Ending, "fine"),
        (NameKind::Rubric, "fixed"),
        (NameKind::Test, "t1"),
    ] {
        decl_of(&idx, kind, name);
    }
}

#[test]
fn every_reference_goes_to_its_declaration() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    // `|` marks the cursor inside the text searched for.
    let cases: &[(&str, usize, NameKind, &str)] = &[
        ("opening |intro", 0, NameKind::Scene, "intro"),
        ("host |web\n\nflag", 0, NameKind::Host, "web"),
        ("while |down", 0, NameKind::Flag, "down"),
        ("|cpu > 80%", 0, NameKind::Metric, "cpu"),
        ("{|cpu}", 0, NameKind::Metric, "cpu"),
        ("runbook |fixit", 0, NameKind::Runbook, "fixit"),
        ("|ana after", 0, NameKind::Person, "ana"),
        ("@|ana: On", 0, NameKind::Person, "ana"),
        ("{|tries}", 0, NameKind::Var, "tries"),
        ("busy|\n\ncommand", 0, NameKind::EnumValue, "busy"),
        ("|phase = busy", 0, NameKind::Enum, "phase"),
        ("<|svc>\"\n    alias", 0, NameKind::Placeholder, "svc"),
        ("<|svc>\"\n    output", 0, NameKind::Placeholder, "svc"),
        ("|svc == db \"", 0, NameKind::Placeholder, "svc"),
        ("{|svc}", 0, NameKind::Placeholder, "svc"),
        ("{|svc}", 1, NameKind::Placeholder, "svc"),
        ("log |app when", 0, NameKind::Log, "app"),
        ("|svc == db\n", 0, NameKind::Placeholder, "svc"),
        ("|phase is busy", 0, NameKind::Enum, "phase"),
        ("phase is |busy", 0, NameKind::EnumValue, "busy"),
        ("stop |burn", 0, NameKind::Effect, "burn"),
        ("set |down = false", 0, NameKind::Flag, "down"),
        ("cpu |cpu", 0, NameKind::Metric, "cpu"),
        ("host |web\n    log", 0, NameKind::Host, "web"),
        ("log |app\n\nwhen", 0, NameKind::Log, "app"),
        ("alert |hot is firing", 0, NameKind::Alert, "hot"),
        ("goto |web\n\nat", 0, NameKind::Scene, "web"),
        ("start |burn\n    set down", 0, NameKind::Effect, "burn"),
        ("viewed |cpu for 2m", 0, NameKind::Metric, "cpu"),
        ("{|phase}", 0, NameKind::Enum, "phase"),
        ("on |web", 0, NameKind::Host, "web"),
        ("call |web", 0, NameKind::Scene, "web"),
        ("goto |web\n        call", 0, NameKind::Scene, "web"),
        ("chose |peek and", 0, NameKind::Choice, "peek"),
        ("ran |restart\n        end", 0, NameKind::Command, "restart"),
        ("end |fine\n\nscene", 0, NameKind::Ending, "fine"),
        ("login |web", 0, NameKind::Host, "web"),
        ("read |fixit and", 0, NameKind::Runbook, "fixit"),
        ("paged |ana and", 0, NameKind::Person, "ana"),
        ("visited |intro", 0, NameKind::Scene, "intro"),
        ("ran |restart and", 0, NameKind::Command, "restart"),
        ("|tries > 0", 0, NameKind::Var, "tries"),
        ("phase is |calm", 0, NameKind::EnumValue, "calm"),
        ("taken when |down", 0, NameKind::Flag, "down"),
        ("ack |hot", 0, NameKind::Alert, "hot"),
        ("choose #|peek", 0, NameKind::Choice, "peek"),
        ("page |ana \"help\"", 0, NameKind::Person, "ana"),
        ("graph |cpu", 0, NameKind::Metric, "cpu"),
        (
            "    runbook |fixit\n    inject",
            0,
            NameKind::Runbook,
            "fixit",
        ),
        ("inject |spike\n    expect", 0, NameKind::Inject, "spike"),
        ("ending |fine\n    expect", 0, NameKind::Ending, "fine"),
        ("action |fixed\n", 0, NameKind::Rubric, "fixed"),
        (
            "|restart\n    output when down",
            0,
            NameKind::Program,
            "restart",
        ),
        ("effect |burn", 0, NameKind::Effect, "burn"),
        ("#|reading", 0, NameKind::Choice, "reading"),
        ("hint |look", 0, NameKind::Hint, "look"),
        ("test |t1", 0, NameKind::Test, "t1"),
    ];
    for &(needle, nth, kind, name) in cases {
        assert_eq!(
            def_at(&c, &idx, needle, nth),
            Some((kind, name.to_string())),
            "at {needle:?} #{nth}"
        );
    }
}

#[test]
fn a_name_shared_by_a_scene_and_a_host_resolves_by_position() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    let scene = decl_of(&idx, NameKind::Scene, "web");
    let host = decl_of(&idx, NameKind::Host, "web");
    // goto web (trigger), call web, goto web (inside `if on web`).
    assert_eq!(idx.references(scene).count(), 3);
    // scenario host, file host, `on web`, `login web`.
    assert_eq!(idx.references(host).count(), 4);
}

#[test]
fn references_are_complete() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    let count = |kind, name| idx.references(decl_of(&idx, kind, name)).count();
    // alert summary, text, `cpu cpu`, hint when, hint text, graph, range in
    // runbook text, `> 80%`: every `cpu` but the declaration and `host`'s property.
    assert_eq!(count(NameKind::Metric, "cpu"), 7);
    assert_eq!(count(NameKind::Flag, "down"), 6);
    assert_eq!(count(NameKind::Placeholder, "svc"), 5);
    assert_eq!(count(NameKind::Effect, "burn"), 3);
    assert_eq!(count(NameKind::Command, "restart"), 2);
    assert_eq!(count(NameKind::Program, "restart"), 0);
    assert_eq!(count(NameKind::EnumValue, "busy"), 2);
    assert_eq!(count(NameKind::EnumValue, "calm"), 1);
}

#[test]
fn the_end_of_a_word_counts_and_nothing_is_found_elsewhere() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    let text = &c
        .sources
        .get(FileId(0))
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let at = text.find("goto web").unwrap_or(0) + "goto web".len();
    assert_eq!(
        idx.at(FileId(0), at),
        Some(decl_of(&idx, NameKind::Scene, "web"))
    );
    let at = text.find("goto web").unwrap_or(0) + 2;
    assert_eq!(idx.at(FileId(0), at), None);
    assert_eq!(idx.at(FileId(7), 3), None);
}

#[test]
fn duplicates_keep_the_first_declaration() {
    let text = ALL.replace("var tries = 0", "var tries = 0\nflag tries");
    let c = checked(&text);
    let idx = NameIndex::build(&c.items, &c.sources);
    let tries: Vec<&Decl> = idx.decls().iter().filter(|d| d.name == "tries").collect();
    assert_eq!(tries.len(), 2);
    assert_eq!(
        def_at(&c, &idx, "{|tries}", 0),
        Some((NameKind::Var, "tries".into()))
    );
}

#[test]
fn a_placeholder_is_only_known_in_its_command() {
    let text = ALL.replace("    text \"boom\"", "    text \"boom {svc}\"");
    let c = checked(&text);
    let idx = NameIndex::build(&c.items, &c.sources);
    let svc = decl_of(&idx, NameKind::Placeholder, "svc");
    assert_eq!(idx.references(svc).count(), 5);
    assert_eq!(def_at(&c, &idx, "{|svc}", 2), None);
}

#[test]
fn a_runbook_read_as_a_log_is_no_reference_as_in_the_checker() {
    let text = ALL.replace("reads log app when", "reads log fixit when");
    let c = checked(&text);
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message.contains("is a runbook"))
    );
    let idx = NameIndex::build(&c.items, &c.sources);
    assert_eq!(def_at(&c, &idx, "log |fixit", 0), None);
    assert_eq!(
        def_at(&c, &idx, "runbook |fixit", 0),
        Some((NameKind::Runbook, "fixit".into()))
    );
}

#[test]
fn a_broken_scenario_still_indexes() {
    let text = ALL
        .replace("    when cpu > 80% for 1m", "    when cpu > > for")
        .replace("goto web\n\nat", "goto nowhere\n\nat")
        .replace("scene intro", "scene intro\n    if (\n    set");
    let c = checked(&text);
    assert!(!c.diagnostics.is_empty());
    let idx = NameIndex::build(&c.items, &c.sources);
    assert!(idx.decls().iter().any(|d| d.name == "intro"));
    assert!(def_at(&c, &idx, "|nowhere", 0).is_none());
    assert_eq!(
        def_at(&c, &idx, "Look at {|cpu}", 0),
        Some((NameKind::Metric, "cpu".into()))
    );
}

/// Files by name, for include tests.
struct Files(&'static [(&'static str, &'static str)]);

impl Loader for Files {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = crate::lang::join_inside(from, path)?;
        let (_, text) = self
            .0
            .iter()
            .find(|(k, _)| *k == key)
            .ok_or(LoadError::NotFound)?;
        Ok(Loaded {
            name: key.clone(),
            key,
            bytes: text.as_bytes().to_vec(),
        })
    }
}

#[test]
fn names_resolve_across_includes() {
    let main = "scenario t\n    title \"T\"\n    start 2024-01-01 09:00 UTC\n    duration 30m\ninclude \"lib/state.drill\"\nscene s\n    It is {load}.\n    * Go\n        set armed = true\n        end e\nending e \"E\"\n    outcome resolved\n";
    let files = Files(&[(
        "lib/state.drill",
        "flag armed\nmetric load \"Load\"\n    unit %\n    baseline 5\nalert busy \"Busy\"\n    when load > 50% and armed\n",
    )]);
    let c = check(Loaded::text("t.drill", main), &files);
    let idx = NameIndex::build(&c.items, &c.sources);
    let load = decl_of(&idx, NameKind::Metric, "load");
    let armed = decl_of(&idx, NameKind::Flag, "armed");
    assert_ne!(idx.decls()[load].span.file, FileId(0));
    let files_of = |d: usize| idx.references(d).map(|s| s.file).collect::<Vec<_>>();
    assert_eq!(files_of(load), [FileId(0), idx.decls()[load].span.file]);
    assert_eq!(files_of(armed).len(), 2);
    let at = main.find("{load}").unwrap_or(0) + 1;
    assert_eq!(idx.at(FileId(0), at), Some(load));
}

#[test]
fn hover_shows_a_metric_its_shape_effects_and_source() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Metric, "cpu"),
        &c.items,
        &c.sources,
    );
    for want in [
        "**metric** `cpu`",
        "metric cpu \"CPU\"",
        "Baseline: 20%",
        "Range: 0% to 100%",
        "Noise: ±2%",
        "`burn`: ramp to 90% over 2m",
        "`cool`: decay to baseline over 1m",
        "Source: made up",
    ] {
        assert!(h.contains(want), "{want} not in\n{h}");
    }
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Enum, "phase"),
        &c.items,
        &c.sources,
    );
    assert!(h.contains("`calm`, `busy`"), "{h}");
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::EnumValue, "busy"),
        &c.items,
        &c.sources,
    );
    assert!(
        h.starts_with("**enum value** `busy` of enum `phase`"),
        "{h}"
    );
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Var, "tries"),
        &c.items,
        &c.sources,
    );
    assert!(h.contains("Initially `0`"), "{h}");
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Alert, "hot"),
        &c.items,
        &c.sources,
    );
    assert!(h.contains("Fires when `cpu > 80%` for 1m"), "{h}");
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Command, "restart"),
        &c.items,
        &c.sources,
    );
    assert!(h.contains("- `reboot <svc>`"), "{h}");
    let h = hover(
        &idx,
        decl_of(&idx, NameKind::Rubric, "fixed"),
        &c.items,
        &c.sources,
    );
    assert!(
        h.contains("When `ran restart and tries > 0 and phase is calm`"),
        "{h}"
    );
    assert_eq!(hover(&idx, 10_000, &c.items, &c.sources), "");
}

#[test]
fn a_block_spans_its_text_blocks() {
    let text = ALL.replace(
        "log app \"App log\"\n    text \"boom\"",
        "log app \"App log\"\n    text \"\"\"\n    boom {cpu}\n    bang\n    \"\"\"",
    );
    let c = checked(&text);
    let idx = NameIndex::build(&c.items, &c.sources);
    let app = &idx.decls()[decl_of(&idx, NameKind::Log, "app")];
    assert!(
        c.sources.text(app.block).ends_with("bang\n    \"\"\""),
        "{:?}",
        c.sources.text(app.block)
    );
    let toks = tokens(&idx, &c.sources, FileId(0));
    let at = text.find("bang").unwrap_or(0);
    assert!(toks.iter().any(|t| t.kind == TokenKind::String
        && t.span.start as usize <= at
        && at < t.span.end as usize));
}

#[test]
fn expected_names_follow_the_words_before_the_cursor() {
    let cases: &[(&str, Option<&[NameKind]>)] = &[
        ("    goto ", Some(&[NameKind::Scene])),
        ("    call sc", Some(&[NameKind::Scene])),
        ("    end ", Some(&[NameKind::Ending])),
        ("    expect ending ", Some(&[NameKind::Ending])),
        ("    expect not key action ", Some(&[NameKind::Rubric])),
        ("    page ", Some(&[NameKind::Person])),
        ("    @", Some(&[NameKind::Person])),
        ("    start ", Some(&[NameKind::Effect])),
        ("    read ", Some(&[NameKind::Runbook, NameKind::Log])),
        ("    when alert ", Some(&[NameKind::Alert])),
        ("    * Look #", Some(&[NameKind::Choice])),
        (
            "    set ",
            Some(&[NameKind::Flag, NameKind::Var, NameKind::Enum]),
        ),
        ("    \"x {", Some(NameKind::VALUES_AND_PLACEHOLDERS)),
        ("    if a and ", Some(NameKind::VALUES_AND_PLACEHOLDERS)),
        ("    \"goto ", None),
        ("    goto", None),
        ("", None),
        ("   narration words ", None),
    ];
    for (line, want) in cases {
        assert_eq!(expected_names(line).as_deref(), *want, "after {line:?}");
    }
}

#[test]
fn tokens_are_sorted_single_line_and_name_their_kinds() {
    let c = checked(ALL);
    let idx = NameIndex::build(&c.items, &c.sources);
    let toks = tokens(&idx, &c.sources, FileId(0));
    let text = &c
        .sources
        .get(FileId(0))
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let mut last = 0;
    for t in &toks {
        assert!(t.span.start >= last, "overlap at {t:?}");
        assert!(t.span.end > t.span.start);
        assert!(!text[t.span.range()].contains('\n'), "{t:?}");
        last = t.span.end;
    }
    let kind_of = |needle: &str| {
        let at = text.find(needle).unwrap_or(usize::MAX);
        toks.iter()
            .find(|t| t.span.start as usize == at)
            .map(|t| (t.kind, t.declaration))
    };
    assert_eq!(kind_of("scenario"), Some((TokenKind::Keyword, false)));
    assert_eq!(kind_of("baseline"), Some((TokenKind::Property, false)));
    assert_eq!(kind_of("\"CPU\""), Some((TokenKind::String, false)));
    assert_eq!(kind_of("90% over"), Some((TokenKind::Number, false)));
    assert_eq!(kind_of("It is"), Some((TokenKind::Narration, false)));
    assert_eq!(
        kind_of("cpu \"CPU\""),
        Some((TokenKind::Name(NameKind::Metric), true))
    );
    assert_eq!(
        kind_of("cpu > 80%"),
        Some((TokenKind::Name(NameKind::Metric), false))
    );
    assert_eq!(kind_of("=="), Some((TokenKind::Operator, false)));
    let with_comment = format!("{ALL}// the end\n");
    let c = checked(&with_comment);
    let idx = NameIndex::build(&c.items, &c.sources);
    let toks = tokens(&idx, &c.sources, FileId(0));
    assert_eq!(toks.last().map(|t| t.kind), Some(TokenKind::Comment));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn nothing_panics_on_arbitrary_text(
            body in "(scenario t\n|scene s\n|    goto s\n|command c \"x <a>\"\n|    output when a == b \"\\{a\\}\"\n|enum e = x \\| y\n|    set e = x\n|    \\* go #k\n|metric m\n|    effect f ramp to 5 over 1m\n|[ -~\n\t{}<>#\"é]{0,20}){0,25}",
            offset in 0usize..2000,
        ) {
            let c = checked(&body);
            let idx = NameIndex::build(&c.items, &c.sources);
            let _ = idx.at(FileId(0), offset);
            let toks = tokens(&idx, &c.sources, FileId(0));
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.span.start >= last);
                last = t.span.end;
            }
            for d in 0..idx.decls().len() {
                let _ = hover(&idx, d, &c.items, &c.sources);
                let _ = idx.references(d).count();
            }
            let end = body.len().min(offset);
            let line = body.get(..end).unwrap_or("");
            let _ = expected_names(line);
        }
    }
}
