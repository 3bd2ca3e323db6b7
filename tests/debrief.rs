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
use firedrill::scenario::{Expr, Scenario};
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
            assert_tells_the_truth(&sc, &d, &format!("{id}/{}", t.name));
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
    // The scenario names no key action as the diagnosis: the row shows the
    // real team's moment alone, with no guess for the player.
    let diagnose = d.milestones.iter().find(|m| m.label == "Diagnose").unwrap();
    assert!(diagnose.you.is_none(), "{diagnose:?}");
    assert!(
        diagnose
            .you_what
            .contains("names no key action as the diagnosis"),
        "{diagnose:?}"
    );
    assert_eq!(diagnose.real.as_ref().unwrap().clock, "14:02");
    // The mitigation is the kill switch the scenario marks as such.
    assert!(
        mitigate.you_what.contains("Globally kill the WAF"),
        "{mitigate:?}"
    );
    // A practice game is not compared with the real team.
    assert!(d.comparison.contains("practice game"), "{}", d.comparison);
    assert!(md.contains("not a race"), "{md}");
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
        mitigate.you_what.contains("still firing at the end"),
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

/// A game as the terminal UI records it: the dashboard's first graph on
/// screen from the start (real time 0) until the game ends `real_end` real
/// milliseconds later, without ever being asked for.
fn with_dashboard(text: &str, graph: &str, real_end: u64) -> String {
    let end = Transcript::read(text).last_time();
    let shown = |at, graphs: Vec<String>, real| {
        ron::to_string(&Entry::Shown { at, graphs, real }).unwrap() + "\n"
    };
    let mut lines: Vec<&str> = text.lines().collect();
    let rest = lines.split_off(2);
    let mut out = lines.join("\n") + "\n";
    out.push_str(&shown(0, vec![graph.to_string()], Some(0)));
    out.push_str(&(rest.join("\n") + "\n"));
    out.push_str(&shown(end, Vec::new(), Some(real_end)));
    out
}

#[test]
fn a_graph_on_screen_all_game_is_counted_with_its_time() {
    let (sc, text) = recorded_playtest("tutorial", test_index("tutorial", "asleep_at_the_desk"));
    let plain = debrief_of(&sc, &text, &[]);
    assert!(plain.evidence.never.iter().any(|l| l.name == "disk_used"));
    let d = debrief_of(&sc, &with_dashboard(&text, "disk_used", 300_000), &[]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    assert!(d.evidence.never.iter().all(|l| l.name != "disk_used"));
    let graph = d
        .evidence
        .looked_at
        .iter()
        .find(|l| l.name == "disk_used")
        .unwrap();
    assert!(graph.times.is_empty(), "never asked for");
    let on = graph.on_screen.as_ref().unwrap();
    let end = d.session.played_until.ms;
    assert_eq!(i64::try_from(on.ms).unwrap(), end);
    assert_eq!(on.from.clock, "10:00:00");
    assert_eq!(
        (on.real_ms, on.real.as_deref()),
        (Some(300_000), Some("5m"))
    );
    let md = debrief::markdown(&d);
    let line = format!(
        "- graph `disk_used` (Disk used, thumbs-01 /var): on screen {} (5m real time) from 10:00:00",
        on.length
    );
    assert!(md.contains(&line), "{md}");
    assert!(debrief::terminal(&d, false).contains("on screen"));
    assert!(debrief::html(&d).contains("on screen"));
}

#[test]
fn a_log_read_through_the_shell_counts_as_read() {
    // `gitlab-ctl tail postgresql` in the db2 tab shows db2's log, not db1's.
    let d = debrief("gitlab-2017-db", "careful_rebuild");
    let log = d
        .evidence
        .looked_at
        .iter()
        .find(|l| l.name == "db2_postgres")
        .unwrap();
    assert!(log.times.is_empty(), "never opened with `logs`");
    assert_eq!(log.shell.len(), 1);
    assert_eq!(log.shell[0].line, "gitlab-ctl tail postgresql");
    assert!(d.evidence.never.iter().any(|l| l.name == "db1_postgres"));
    let md = debrief::markdown(&d);
    assert!(
        md.contains("through the shell: `gitlab-ctl tail postgresql` at 22:00:18"),
        "{md}"
    );
}

#[test]
fn hypotheses_are_listed_with_what_was_seen_and_whether_they_name_the_cause() {
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    let r = &d.reasoning;
    assert_eq!(r.cause_words[0], "waf");
    let [first, second] = r.hypotheses.as_slice() else {
        panic!("{:?}", r.hypotheses);
    };
    assert_eq!(first.text, "an attack on the edge, 40% sure");
    assert!(first.seen.graphs.is_empty() && first.seen.commands.is_empty());
    assert_eq!(first.matched.as_deref(), Some(&[][..]));
    assert!(first.verdict.starts_with("not named"), "{}", first.verdict);
    assert_eq!(second.seen.graphs, ["edge_cpu"]);
    assert_eq!(second.seen.logs, ["waf_errors"]);
    assert_eq!(second.seen.commands, ["deploys --since 30m", "perf top"]);
    assert_eq!(second.verdict, "named: it says “waf”, “rules”");
    assert!(first.at.ms < second.at.ms);
    for form in [
        debrief::markdown(&d),
        debrief::terminal(&d, false),
        debrief::html(&d),
    ] {
        assert!(form.contains("the new WAF rules burn the CPU, 80% sure"));
        assert!(form.contains("2 noted, 1 names the root cause"));
    }
    assert!(debrief::to_ron(&d).contains("reasoning"));
    // A game with none says how to note one next time.
    let none = debrief("cloudflare-2019-waf", "chase_ddos");
    assert!(none.reasoning.hypotheses.is_empty());
    assert!(debrief::markdown(&none).contains("No hypothesis was noted."));
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
    // The metrics' charts, and the decisions per five minutes of game
    // time only in a real time game.
    let bars = usize::from(!d.pace.per_five_minutes.is_empty());
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        d.charts.len() + bars
    );
    assert!(!html.contains("<script"), "a player's script got through");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assert_eq!(html.matches("</body>").count(), 1);
    // Self-contained: a URL in an attribute is a link, never a resource (a
    // URL in text, such as a `curl` the player ran, is only words).
    for (i, _) in html.match_indices("http") {
        let before = &html[i.saturating_sub(9)..i];
        let in_attribute = before.ends_with("=\"") || before.ends_with("='");
        assert!(
            !in_attribute || before.ends_with("href=\""),
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

/// What every debrief must hold to: the real team is context, not a race;
/// nothing is credited before the first symptom; and a status-page entry is
/// met exactly when the status section shows the player's update in time.
fn assert_tells_the_truth(sc: &Scenario, d: &Debrief, what: &str) {
    for text in [
        debrief::markdown(d),
        debrief::terminal(d, false),
        debrief::html(d),
    ] {
        for race in ["earlier than the real team", "later than the real team"] {
            assert!(!text.contains(race), "{what}: “{race}” in\n{text}");
        }
    }
    let symptom = d.first_symptom.as_ref().map(|m| m.ms);
    let lines = d.key_actions.iter().chain(&d.objectives);
    for l in lines.clone().filter(|l| l.met) {
        if let (Some(at), Some(s)) = (&l.at, symptom) {
            assert!(
                at.ms >= s,
                "{what}: {} credited at {} before the first symptom",
                l.name,
                at.clock
            );
        }
    }
    for item in &sc.rubric.items {
        let Expr::PostedStatus(limit) = item.condition else {
            continue;
        };
        let bound = match (limit, item.deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let shown = d.status.updates.iter().any(|u| {
            u.by_player
                && symptom.is_none_or(|s| u.at.ms >= s)
                && bound.is_none_or(|b| u.at.ms <= i64::try_from(b).unwrap())
        });
        let line = lines.clone().find(|l| l.name == item.name).unwrap();
        assert_eq!(
            line.met,
            shown,
            "{what}: `{}` is {} but the status section {} a player update in time: {:?}",
            item.name,
            line.state,
            if shown { "shows" } else { "does not show" },
            d.status.updates
        );
    }
}

#[test]
fn every_shipped_scenario_has_a_status_page_entry_the_test_can_judge() {
    // The agreement check above means something only if shipped scenarios
    // judge the status page by the status page itself.
    let judged = library::builtins()
        .into_iter()
        .filter_map(|b| library::check(b).scenario)
        .filter(|sc| {
            sc.rubric
                .items
                .iter()
                .any(|i| matches!(i.condition, Expr::PostedStatus(_)))
        })
        .count();
    assert!(judged >= 4, "{judged}");
}

#[test]
fn the_cloudflare_status_objective_agrees_with_the_status_page() {
    // Chasing an attack, the player never posts: the objective is not met
    // and the status section says no update was posted.
    let d = debrief("cloudflare-2019-waf", "chase_ddos");
    let o = d
        .objectives
        .iter()
        .find(|l| l.name == "early_status_page")
        .unwrap();
    assert!(!o.met);
    assert!(debrief::markdown(&d).contains("No status update was posted."));
    // The fast kill posts at 13:50:15, within fifteen minutes.
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    let o = d
        .objectives
        .iter()
        .find(|l| l.name == "early_status_page")
        .unwrap();
    assert!(o.met);
    assert!(
        d.status
            .updates
            .iter()
            .any(|u| u.by_player && u.at.clock == "13:50:15")
    );
}

/// A game played in real time: the same recording, its header saying so.
fn real_time(id: &str, test: &str) -> Debrief {
    let (sc, text) = recorded_playtest(id, test_index(id, test));
    let text = text.replacen("mode:Practice", "mode:RealTime", 1);
    assert!(text.contains("mode:RealTime"));
    debrief_of(&sc, &text, &[])
}

/// A transcript in memory that a session writes to while the test reads it.
#[derive(Clone, Default)]
struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A recorded tutorial game whose real time the test moves.
fn scripted_game(practice: bool) -> (firedrill::Session, firedrill::ScriptedClock, Shared) {
    let (sc, _) = recorded_playtest("tutorial", 0);
    let pace = firedrill::Pace {
        practice,
        speed: 1.0,
    };
    let header = record::Header {
        format: record::FORMAT,
        scenario: "tutorial".into(),
        origin: "built-in".into(),
        hash: String::new(),
        seed: 42,
        player: "test".into(),
        mode: if practice {
            record::Mode::Practice
        } else {
            record::Mode::RealTime
        },
        speed: 1.0,
        started: "2026-12-02T12:00:00Z".into(),
        support: firedrill::Support::default(),
        fork: None,
        start: None,
    };
    let buf = Shared::default();
    let out: Box<dyn std::io::Write + Send> = Box::new(buf.clone());
    let journal = record::Journal::start(out, &header).unwrap();
    let rec = firedrill::Recording {
        journal,
        path: "mem".into(),
    };
    let clock = firedrill::ScriptedClock::default();
    let (s, _) = firedrill::Session::start(
        sc,
        42,
        firedrill::Support::default(),
        pace,
        Some(rec),
        firedrill::Wall::Scripted(clock.clone()),
    );
    (s, clock, buf)
}

/// Real time passes for the player and, unless paused, for the game.
fn pass(s: &mut firedrill::Session, clock: &firedrill::ScriptedClock, ms: u64) -> bool {
    clock.advance(ms);
    let events = s.advance_real(std::time::Duration::from_millis(ms));
    events
        .iter()
        .any(|e| matches!(&e.kind, firedrill::sim::EventKind::Page { to, .. } if to == "you"))
}

fn debrief_of_game(s: &mut firedrill::Session, buf: &Shared) -> Debrief {
    s.stop();
    let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let (sc, _) = recorded_playtest("tutorial", 0);
    debrief_of(&sc, &text, &[])
}

#[test]
fn only_a_resolved_real_time_game_puts_the_two_times_side_by_side() {
    let d = real_time("cloudflare-2019-waf", "kill_fast");
    assert!(
        d.comparison
            .contains("You resolved the incident at 14:03:54"),
        "{}",
        d.comparison
    );
    assert!(
        d.comparison.contains("the real team resolved it at 14:52"),
        "{}",
        d.comparison
    );
    assert!(d.comparison.contains("no hindsight"), "{}", d.comparison);
    assert!(
        d.comparison.contains("Time to recover is not the score"),
        "{}",
        d.comparison
    );
    // Mitigated through the slow pipeline: the Resolve row stays empty and
    // nothing is put side by side.
    let d = real_time("cloudflare-2019-waf", "normal_rollback");
    let resolve = d.milestones.iter().find(|m| m.label == "Resolve").unwrap();
    assert!(resolve.you.is_none(), "{resolve:?}");
    assert!(
        resolve.you_what.contains("mitigated, not recovered"),
        "{resolve:?}"
    );
    assert!(!d.comparison.contains("You resolved"), "{}", d.comparison);
    // In practice, the clock waited: no comparison at all.
    let d = debrief("cloudflare-2019-waf", "kill_fast");
    assert!(d.comparison.contains("not comparable"), "{}", d.comparison);
}

#[test]
fn the_gitlab_debrief_tells_the_truth() {
    let d = debrief("gitlab-2017-db", "careful_rebuild");
    let diagnose = d.milestones.iter().find(|m| m.label == "Diagnose").unwrap();
    assert!(
        diagnose.you_what.contains("Read the standby's log"),
        "{diagnose:?}"
    );
    // No mitigation is named, and the real team had none at this scale:
    // the row guesses nothing.
    let mitigate = d.milestones.iter().find(|m| m.label == "Mitigate").unwrap();
    assert!(mitigate.you.is_none(), "{mitigate:?}");
    assert!(
        mitigate
            .you_what
            .contains("names no key action as the mitigation"),
        "{mitigate:?}"
    );
    // The incident began before the drill: 21:00, so everything counts.
    assert_eq!(d.first_symptom.as_ref().unwrap().clock, "21:00");
}

/// A scenario whose change feed can be read before anything is wrong
/// (FD0313 warns of it): the debrief does not credit the early run.
const EARLY: &str = r#"scenario t
    title "T"
    start 2024-01-01 10:00 UTC
    duration 30m

metric errors "API errors"
    unit %
    baseline 0.1
    range 0 to 100
    effect outage step to 40

alert api_errors "API errors high"
    when errors > 10% for 1m
    severity page
    summary "API errors at {errors}"

command deploys "deploys"
    output "api: config v42 at 10:04"

at T+4m
    start outage

scene desk
    The pager is quiet.
    wait

when alert api_errors is firing for 3m
    end done

ending done "Done"
    outcome resolved

debrief
    key action read_changes "Check the change feed"
        done when ran deploys
        marks diagnosis
    objective changes_first "Check what changed first"
        met when ran deploys before T+12m
    responders
        started 10:04 "Config v42 goes out"
        diagnosed ~10:12 "The team ties the errors to v42"

test early "Runs deploys 32 seconds in, and again once paged"
    at T+32s run "deploys"
    wait 6m
    ack
    run "deploys"
"#;

#[test]
fn nothing_counts_before_the_first_symptom() {
    let checked = firedrill::lang::check(
        firedrill::lang::Loaded::text("t.drill", EARLY),
        &firedrill::lang::NoFiles,
    );
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["FD0313", "FD0313"]);
    let sc = Arc::new(checked.scenario.unwrap());
    let text = record::record_playthrough(&sc, "h", 0).unwrap();
    let d = debrief_of(&sc, &text, &[]);
    assert_eq!(d.first_symptom.as_ref().unwrap().clock, "10:04");
    let key = &d.key_actions[0];
    assert!(!key.met);
    assert_eq!(
        key.state,
        "done before the first symptom at 10:04, so not credited"
    );
    let obj = &d.objectives[0];
    assert!(!obj.met);
    assert!(
        obj.state
            .starts_with("met before the first symptom at 10:04"),
        "{}",
        obj.state
    );
    // The Diagnose row credits nothing; the real time reads approximate.
    let diagnose = d.milestones.iter().find(|m| m.label == "Diagnose").unwrap();
    assert!(diagnose.you.is_none(), "{diagnose:?}");
    assert_eq!(diagnose.real.as_ref().unwrap().clock, "~10:12");
    for text in [
        debrief::markdown(&d),
        debrief::terminal(&d, false),
        debrief::html(&d),
    ] {
        assert!(text.contains("~10:12"), "{text}");
        assert!(text.contains("before the first symptom at 10:04"), "{text}");
    }
}

#[test]
fn think_times_come_from_real_time_with_pauses_left_out() {
    use firedrill::Action;
    let (mut s, clock, buf) = scripted_game(false);
    // Real and game time run together until the first page.
    let mut paged_at = 0;
    while !pass(&mut s, &clock, 1000) {
        paged_at += 1000;
        assert!(paged_at < 600_000, "no page came");
    }
    paged_at += 1000;
    assert_eq!(paged_at, 119_000, "the tutorial pages at the same moment");
    let page_went_out = s.sim().pages()[0].opened;
    pass(&mut s, &clock, 20_000);
    s.act(Action::Graph("disk_used".into())); // a look: no decision
    pass(&mut s, &clock, 25_000);
    s.act(Action::Ack(None)); // 164s from the start
    pass(&mut s, &clock, 10_000);
    s.set_paused(true);
    pass(&mut s, &clock, 120_000); // paused: no one's think time
    s.set_paused(false);
    pass(&mut s, &clock, 5_000);
    s.act(Action::Run("df -h".into())); // 15s after the ack
    pass(&mut s, &clock, 2_000);
    s.act(Action::Wait(60_000)); // waiting, not thinking
    pass(&mut s, &clock, 8_000);
    s.act(Action::Run("du -sh /var/log".into())); // 8s after the wait
    pass(&mut s, &clock, 30_000);
    s.act(Action::Hint); // 30s
    let d = debrief_of_game(&mut s, &buf);
    let p = &d.pace;
    assert!(!p.practice);
    assert_eq!((p.decisions, p.looks, p.waits), (4, 1, 1));
    assert_eq!(p.waited, "1m");
    let thinking = p.thinking.as_ref().expect("real times were recorded");
    let t = thinking.times.as_ref().unwrap();
    assert_eq!(t.median_ms, 22_500, "the middle of 8s, 15s, 30s and 164s");
    assert_eq!(
        (t.longest.ms, t.longest.what.as_str()),
        (164_000, "before acknowledging")
    );
    assert_eq!(
        (t.longest_stretch.ms, t.longest_stretch.what.as_str()),
        (164_000, "from the start to acknowledging")
    );
    let halves: Vec<u64> = t.parts.iter().map(|p| p.median_ms).collect();
    assert_eq!(halves, [89_500, 19_000], "(164s + 15s) / 2, (8s + 30s) / 2");
    assert_eq!(thinking.pauses, 1);
    let page = &thinking.pages[0];
    let first = page.first_input.as_ref().unwrap();
    assert_eq!(
        (first.ms, first.what.as_str()),
        (
            20_000 + (paged_at - page_went_out),
            "looking at the graph `disk_used`"
        )
    );
    let md = debrief::markdown(&d);
    assert!(md.contains("Real time game at 1×"), "{md}");
    assert!(md.contains("median think time (real)"), "{md}");
    assert!(
        md.contains("Decisions per five minutes of game time"),
        "{md}"
    );
    assert!(!md.contains("per decision, on average"), "{md}");
    for form in [debrief::terminal(&d, false), debrief::html(&d)] {
        assert!(form.contains("From each page to your first input after it (real time)"));
        assert!(form.contains("Median think time in each half of your decisions"));
    }
    let from = md.find("## Pace").unwrap();
    let to = md[from..].find("\n## ").unwrap() + from;
    insta::assert_snapshot!("pace_of_a_scripted_real_time_game", &md[from..to]);
}

#[test]
fn a_practice_game_keeps_real_think_times_and_drops_game_time_gaps() {
    use firedrill::Action;
    let (mut s, clock, buf) = scripted_game(true);
    clock.advance(40_000);
    s.act(Action::Wait(180_000)); // the page comes during the wait
    clock.advance(12_000);
    s.act(Action::Ack(None));
    clock.advance(3_000);
    s.act(Action::Run("df -h".into()));
    let d = debrief_of_game(&mut s, &buf);
    let p = &d.pace;
    assert!(p.practice);
    assert!(p.per_five_minutes.is_empty() && p.busiest.is_none());
    let thinking = p.thinking.as_ref().unwrap();
    let t = thinking.times.as_ref().unwrap();
    assert_eq!((t.longest.ms, t.median_ms), (12_000, 7_500));
    let first = thinking.pages[0].first_input.as_ref().unwrap();
    assert_eq!((first.ms, first.what.as_str()), (12_000, "acknowledging"));
    let md = debrief::markdown(&d);
    assert!(
        md.contains("Practice game: the clock waited for you"),
        "{md}"
    );
    assert!(!md.contains("Decisions per five minutes"), "{md}");
}

#[test]
fn without_real_times_think_times_are_unavailable() {
    let d = debrief("tutorial", "calm_first_shift");
    assert!(d.pace.thinking.is_none());
    assert!(debrief::markdown(&d).contains("Think times are unavailable"));
}

#[test]
fn a_skipped_question_shows_as_skipped_in_every_form() {
    let d = with_answer("");
    let md = debrief::markdown(&d);
    let from = md.find("What was confusing?").unwrap();
    assert!(md[from..].contains("(skipped)"), "{md}");
    assert!(debrief::terminal(&d, false).contains("(skipped)"));
    assert!(debrief::html(&d).contains("(skipped)"));
}

#[test]
fn a_game_without_a_decision_has_no_think_time_but_its_pages() {
    let (mut s, clock, buf) = scripted_game(false);
    while !pass(&mut s, &clock, 1000) {}
    pass(&mut s, &clock, 9_000);
    s.act(firedrill::Action::Wait(60_000));
    let d = debrief_of_game(&mut s, &buf);
    let thinking = d.pace.thinking.as_ref().unwrap();
    assert!(thinking.times.is_none());
    let first = thinking.pages[0].first_input.as_ref().unwrap();
    assert_eq!(first.what, "waiting 1m");
    assert!(debrief::markdown(&d).contains("No decision was made, so there is no think time."));
}
