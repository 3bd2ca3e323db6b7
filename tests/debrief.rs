//! The debrief: golden Markdown, terminal text and HTML for every
//! playthrough test of every shipped scenario, and checks of what each form
//! must say and must not do.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::float_cmp
)]

use firedrill::library;
use firedrill::record::debrief::{self, Debrief, Note};
use firedrill::record::{self, Entry, Transcript};
use firedrill::scenario::Scenario;
use std::sync::Arc;

/// Plays a shipped scenario's playthrough test and records it, as a front end would.
fn recorded_playtest(id: &str, test: usize) -> (Arc<Scenario>, String) {
    let checked = library::check(library::find(id).unwrap());
    let hash = firedrill::game::catalog::source_of(&checked).hash;
    let sc = Arc::new(checked.scenario.unwrap());
    let text = record::record_playthrough(&sc, &hash, test).unwrap();
    (sc, text)
}

fn debrief_of(sc: &Arc<Scenario>, text: &str, notes: &[Note]) -> Debrief {
    let t = Transcript::read(text);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let r = record::replay(sc.clone(), &t);
    debrief::build(sc, &t, &r, notes)
}

fn debrief(id: &str, test: &str) -> Debrief {
    let (sc, text) = recorded_playtest(id, test_index(id, test));
    debrief_of(&sc, &text, &[])
}

fn test_index(id: &str, name: &str) -> usize {
    let sc = library::check(library::find(id).unwrap()).scenario.unwrap();
    sc.tests.iter().position(|t| t.name == name).unwrap()
}

#[test]
fn golden_debriefs_for_every_playthrough() {
    for b in library::builtins() {
        let id = b.id;
        let sc = library::check(b).scenario.unwrap();
        for (i, t) in sc.tests.iter().enumerate() {
            let (sc, text) = recorded_playtest(id, i);
            let d = debrief_of(&sc, &text, &[]);
            assert!(d.warnings.is_empty(), "{id}/{}: {:?}", t.name, d.warnings);
            insta::assert_snapshot!(format!("{id}__{}", t.name), debrief::markdown(&d));
            insta::assert_snapshot!(
                format!("{id}__{}__term", t.name),
                debrief::terminal(&d, false)
            );
            insta::assert_snapshot!(format!("{id}__{}__html", t.name), debrief::html(&d));
        }
    }
}

#[test]
fn the_fast_kill_did_the_key_action_and_shows_the_real_mitigation() {
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    let md = debrief::markdown(&d);
    let kill = d
        .key_actions
        .iter()
        .find(|l| l.name == "kill_switch")
        .unwrap();
    assert!(kill.met);
    assert_eq!(kill.state, "done");
    assert!(
        md.contains("✓ **Globally kill the WAF managed rulesets** (`kill_switch`): done at"),
        "{md}"
    );
    let mitigate = d.milestones.iter().find(|m| m.label == "Mitigate").unwrap();
    assert_eq!(mitigate.real.as_ref().unwrap().clock, "14:07");
    assert_eq!(mitigate.real.as_ref().unwrap().offset, "T+27m");
    assert!(mitigate.you.is_some());
    assert!(md.contains("14:07 (T+27m): Global kill executed"), "{md}");
    // The decisions, in words.
    for words in [
        "ran `deploys --since 30m`",
        "chose “Check the change feed before anything else”",
        "acknowledged 3 pages",
        "posted status identified: “Elevated 502 errors worldwide; cause identified, mitigation rolling out.”",
    ] {
        assert!(
            d.timeline.iter().any(|e| e.what == words),
            "no “{words}” in {:#?}",
            d.timeline
        );
    }
    // The risky kill was run twice (refused once for want of a session).
    let kill_cmd = d
        .commands
        .iter()
        .find(|c| c.command.starts_with("waf kill"))
        .unwrap();
    assert_eq!((kill_cmd.count, kill_cmd.risky), (2, true));
    // Diagnosis is the first key action done, and said so.
    let diagnose = d.milestones.iter().find(|m| m.label == "Diagnose").unwrap();
    assert!(
        diagnose.you_what.contains("Check the change feed"),
        "{diagnose:?}"
    );
    assert!(md.contains("Time to diagnose is when your first key action was done"));
    assert_eq!(d.ending.as_ref().unwrap().name, "kill_and_fix");
    assert!(
        d.milestones
            .iter()
            .any(|m| m.label == "Resolve" && m.you.is_some())
    );
}

#[test]
fn a_red_herring_path_says_it_was_followed_and_why() {
    let d = debrief("cloudflare-2019-waf", "chase_ddos");
    let ddos = d.red_herrings.iter().find(|l| l.name == "ddos").unwrap();
    assert!(ddos.met);
    assert_eq!(ddos.state, "followed");
    assert!(ddos.at.is_some());
    let md = debrief::markdown(&d);
    assert!(
        md.contains("✗ **Treating it as an attack** (`ddos`): followed at"),
        "{md}"
    );
    assert!(
        md.contains("Why it matters: A global spike that starts in every location"),
        "{md}"
    );
    // Never mitigated, never resolved.
    let mitigate = d.milestones.iter().find(|m| m.label == "Mitigate").unwrap();
    assert!(mitigate.you.is_none());
    assert!(
        mitigate.you_what.starts_with("still firing at the end"),
        "{mitigate:?}"
    );
    assert_eq!(d.ending.as_ref().unwrap().outcome_label, "timed out");
    // The key action never done is missed, with why.
    let kill = d
        .key_actions
        .iter()
        .find(|l| l.name == "kill_switch")
        .unwrap();
    assert_eq!(kill.state, "missed");
    assert!(!kill.why.is_empty());
    // No status update: the silence runs from impact to the end.
    let gap = d.status.longest_gap.as_ref().unwrap();
    assert!(gap.between.contains("no update at all"), "{gap:?}");
}

#[test]
fn an_unanswered_page_escalates_in_the_debrief() {
    let d = debrief("tutorial", "asleep_at_the_desk");
    assert!(!d.escalations.is_empty());
    assert!(
        d.escalations[0].to.starts_with("maya"),
        "{:?}",
        d.escalations
    );
    assert_eq!(d.pace.decisions, 0);
    let md = debrief::markdown(&d);
    assert!(md.contains("without an acknowledgement"), "{md}");
    assert!(md.contains("— (never acknowledged a page)"), "{md}");
}

#[test]
fn evidence_lists_what_was_read_and_what_was_not() {
    let d = debrief("tutorial", "freehand_delete");
    assert!(
        d.evidence
            .never
            .iter()
            .any(|l| l.name == "disk_full" && !l.linked_from.is_empty())
    );
    let rm = d.commands.iter().find(|c| c.destructive).unwrap();
    assert_eq!(rm.lines, vec!["rm -rf /var/lib/thumbs"]);
    let wipe = d
        .red_herrings
        .iter()
        .find(|l| l.name == "wipe_store")
        .unwrap();
    assert_eq!(wipe.state, "followed");
    let calm = debrief("tutorial", "calm_first_shift");
    assert!(
        calm.evidence
            .looked_at
            .iter()
            .any(|l| l.name == "disk_used" && l.kind == "graph")
    );
    assert!(
        calm.evidence
            .looked_at
            .iter()
            .any(|l| l.name == "disk_full" && l.kind == "runbook")
    );
    assert!(
        calm.evidence
            .never
            .iter()
            .any(|l| l.name == "thumbs_worker" && l.kind == "log")
    );
    // Status cadence: two updates by the player.
    assert_eq!(
        calm.status.updates.iter().filter(|u| u.by_player).count(),
        2
    );
}

#[test]
fn mentor_notes_land_at_their_moments() {
    let (sc, text) = recorded_playtest("tutorial", 0);
    let notes = vec![
        Note {
            at: 200_000,
            text: "Good: acknowledged before anything else.".into(),
            author: "maya".into(),
        },
        Note {
            at: 1_000,
            text: "Watch the disk graph *now*".into(),
            // A note from before notes had authors.
            author: String::new(),
        },
    ];
    let d = debrief_of(&sc, &text, &notes);
    assert_eq!(d.notes[0].at, 1_000);
    let i = d
        .timeline
        .iter()
        .position(|e| e.what == "Watch the disk graph *now*")
        .unwrap();
    assert!(d.timeline[..i].iter().all(|e| e.at.ms <= 1_000));
    let md = debrief::markdown(&d);
    assert!(md.contains("Watch the disk graph \\*now\\*"), "{md}");
    assert!(
        md.contains("10:03:20 (T+3m20s): maya: Good: acknowledged"),
        "{md}"
    );
    assert!(debrief::terminal(&d, false).contains("Good: acknowledged before anything else."));
}

/// A transcript with a player's answer that tries to inject markup.
fn with_answer(answer: &str) -> Debrief {
    let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let entry = Entry::Answer {
        question: "What was confusing?".into(),
        text: answer.into(),
    };
    let last = lines.len() - 1;
    lines[last] = ron::to_string(&entry).unwrap();
    debrief_of(
        &sc,
        &(lines.join("\n") + "\n"),
        &[Note {
            at: 500_000,
            text: "<b>bold</b> & \"quoted\"".into(),
            author: String::new(),
        }],
    )
}

#[test]
fn the_html_is_one_page_that_escapes_what_players_write() {
    let d = with_answer("<script>alert('x')</script> and </body>");
    let html = debrief::html(&d);
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(html.matches("<html").count(), 1);
    assert!(html.contains("<svg"), "no chart");
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        d.charts.len() + 1
    );
    assert!(!html.contains("<script"), "a player's script got through");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assert_eq!(html.matches("</body>").count(), 1);
    // Self-contained: every URL is a link, none a resource.
    for (i, _) in html.match_indices("http") {
        let before = &html[i.saturating_sub(9)..i];
        assert!(
            before.ends_with("href=\""),
            "a non-link URL at {i}: {}",
            &html[i.saturating_sub(40)..(i + 40).min(html.len())]
        );
    }
    for tag in [
        "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(",
    ] {
        assert!(!html.contains(tag), "{tag} in the page");
    }
    // Every metric an alert watches has a chart with its threshold and the player's actions.
    let cpu = d.charts.iter().find(|c| c.metric == "edge_cpu").unwrap();
    assert_eq!(cpu.thresholds[0].op, ">");
    assert_eq!(cpu.thresholds[0].value, 90.0);
    let probe = d
        .charts
        .iter()
        .find(|c| c.metric == "waf_probe_ok")
        .unwrap();
    assert_eq!(probe.thresholds[0].op, "<");
    assert!(html.contains("edge_cpu_high &gt; 90%"));
    assert!(
        html.contains("<title>13:47:00 T+7m: acknowledged 3 pages</title>"),
        "no action tick"
    );
    // The axis is in the incident's clock.
    assert!(html.contains(">13:50</text>"));
}

#[test]
fn the_terminal_form_fits_80_columns() {
    let long = "word ".repeat(40) + &"x".repeat(150);
    let d = with_answer(&long);
    for d in [
        d,
        debrief("tutorial", "hints_and_scaling"),
        debrief("cloudflare-2019-waf", "simulate_trap"),
    ] {
        let text = debrief::terminal(&d, false);
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{} columns: {line}",
                line.chars().count()
            );
            assert!(!line.contains('\u{1b}'), "a colour code: {line:?}");
        }
        assert!(text.contains("MILESTONES"));
        assert!(text.contains("YOUR DECISIONS"));
    }
}

#[test]
fn ron_round_trips_through_a_generic_reader() {
    let d = debrief("cloudflare-2019-waf", "normal_rollback");
    let text = debrief::to_ron(&d);
    assert!(text.starts_with("Debrief("), "{}", &text[..40]);
    let value: ron::Value = ron::from_str(&text).unwrap();
    assert!(matches!(value, ron::Value::Map(_)));
    assert!(text.contains("red_herrings"));
}

#[test]
fn a_diverged_or_changed_transcript_says_so() {
    let (sc, text) = recorded_playtest("tutorial", 0);
    // Tamper with a recorded event: the replay no longer matches.
    let mut lines: Vec<&str> = text.lines().collect();
    let i = lines.iter().position(|l| l.contains("Chat(")).unwrap();
    let changed = lines[i].replace("Maya", "Mya");
    lines[i] = &changed;
    let d = debrief_of(&sc, &(lines.join("\n") + "\n"), &[]);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("another way than the recording")),
        "{:?}",
        d.warnings
    );
    let d = d.with_current_hash("0000000000000000");
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("The scenario changed")),
        "{:?}",
        d.warnings
    );
    assert!(debrief::markdown(&d).contains("> **Note:** The scenario changed"));

    // Cut short: no ending, said so; still a debrief.
    let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
    let cut: Vec<&str> = text.lines().take(40).collect();
    let d = debrief_of(&sc, &(cut.join("\n") + "\n"), &[]);
    assert!(d.ending.is_none());
    assert!(
        d.warnings.iter().any(|w| w.contains("before any ending")),
        "{:?}",
        d.warnings
    );
    assert!(debrief::html(&d).contains("The game stopped before an ending"));
}

/// Writes the HTML debrief of every shipped playthrough test into the folder
/// `FIREDRILL_DEBRIEF_HTML_DIR` names, for the browser check
/// (`tests/browser/check.mjs`, run by `.ci/run`). Without it, the pages are
/// still built and checked to be whole.
#[test]
fn html_debriefs_for_the_browser_check() {
    let dir = std::env::var_os("FIREDRILL_DEBRIEF_HTML_DIR").map(std::path::PathBuf::from);
    if let Some(dir) = &dir {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut pages = 0;
    for b in library::builtins() {
        let id = b.id;
        let sc = library::check(b).scenario.unwrap();
        for (i, t) in sc.tests.iter().enumerate() {
            let (sc, text) = recorded_playtest(id, i);
            let html = debrief::html(&debrief_of(&sc, &text, &[]));
            assert!(html.trim_end().ends_with("</html>"), "{id}/{}", t.name);
            if let Some(dir) = &dir {
                std::fs::write(dir.join(format!("{id}__{}.html", t.name)), html).unwrap();
            }
            pages += 1;
        }
    }
    assert!(pages >= 40, "only {pages} playthroughs");
}

#[test]
fn the_terminal_form_is_coloured_only_when_asked() {
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    let plain = debrief::terminal(&d, false);
    let coloured = debrief::terminal(&d, true);
    assert!(!plain.contains('\u{1b}'));
    assert!(coloured.contains("\u{1b}[1m"), "no bold heading");
    // The colour codes are SGR only, and take nothing away: without them the
    // text is the plain form.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(i) = rest.find('\u{1b}') {
        stripped.push_str(&rest[..i]);
        let code = &rest[i..];
        let end = code.find('m').unwrap();
        assert!(code[1..end].starts_with('['), "not SGR: {:?}", &code[..end]);
        rest = &code[end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}

#[test]
fn no_control_character_from_a_transcript_reaches_the_text_forms() {
    let d = with_answer("evil \u{1b}[2J\u{1b}]0;owned\u{7} text\u{202e}");
    for text in [debrief::terminal(&d, false), debrief::markdown(&d)] {
        assert!(
            !text
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
            "a control character got through"
        );
        assert!(text.contains("u{1b}"), "the answer is shown, made safe");
    }
    let coloured = debrief::terminal(&d, true);
    assert!(!coloured.contains("\u{1b}]0;") && !coloured.contains('\u{7}'));
}

#[test]
fn a_postmortem_address_that_is_not_the_web_is_not_a_link() {
    let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
    let mut sc = (*sc).clone();
    if let Some(p) = sc.postmortem.as_mut() {
        p.url = "javascript:alert(document.cookie)".into();
    }
    let sc = Arc::new(sc);
    let d = debrief_of(&sc, &text, &[]);
    let html = debrief::html(&d);
    assert!(!html.contains("href=\"javascript"), "a script link");
    assert!(
        html.contains("javascript:alert(document.cookie)"),
        "the address is still shown"
    );
    assert!(!debrief::markdown(&d).contains("](<javascript"));
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    assert!(debrief::html(&d).contains("<a href=\"https://blog.cloudflare.com/"));
}

#[test]
fn every_form_names_the_same_sections_in_the_same_order() {
    let d = debrief("cloudflare-2019-waf", "chase_ddos");
    let doc = debrief::document::document(&d);
    let (md, term, html) = (
        debrief::markdown(&d),
        debrief::terminal(&d, false),
        debrief::html(&d),
    );
    let mut at = (0, 0, 0);
    for s in &doc.sections {
        let m = md[at.0..].find(&format!("## {}", s.title)).unwrap() + at.0;
        let t = term[at.1..].find(&s.title.to_uppercase()).unwrap() + at.1;
        let h = html[at.2..].find(&s.title.replace('\'', "&#39;")).unwrap() + at.2;
        at = (m, t, h);
    }
    assert!(doc.sections.len() >= 14, "{} sections", doc.sections.len());
}

/// The help section of a game at `support`, in Markdown.
fn help_section(id: &str, test: &str, support: firedrill::Support) -> String {
    let checked = library::check(library::find(id).unwrap());
    let hash = firedrill::game::catalog::source_of(&checked).hash;
    let sc = Arc::new(checked.scenario.unwrap());
    let text = record::record_playthrough_with(&sc, &hash, test_index(id, test), support).unwrap();
    let md = debrief::markdown(&debrief_of(&sc, &text, &[]));
    let from = md.find("## Help along the way").unwrap();
    let to = md[from..].find("## Your answers").unwrap() + from;
    md[from..to].to_string()
}

#[test]
fn the_help_section_says_the_level_and_how_each_hint_came() {
    // Guided: the tutorial's hints appear on their own, the `hint` typed at
    // T+5m finds none waiting, and the mentor's injects are listed.
    let guided = help_section("tutorial", "mentor_and_hints", firedrill::Support::Guided);
    assert!(guided.contains("appeared on its own"), "{guided}");
    assert!(!guided.contains("asked for"), "{guided}");
    insta::assert_snapshot!("help_guided_tutorial", guided);
    let assisted = help_section("tutorial", "mentor_and_hints", firedrill::Support::Assisted);
    assert!(assisted.contains("asked for"), "{assisted}");
    assert!(assisted.contains("Maya steps away"), "{assisted}");
    let solo = help_section("tutorial", "mentor_and_hints", firedrill::Support::Solo);
    assert!(solo.contains("None: hints are off in solo."), "{solo}");
    assert!(
        solo.contains("Maya steps away"),
        "injects are not hints:\n{solo}"
    );
}
