//! Tests of the scaffold writer and of reading postmortems.

use super::*;
use crate::lang::{Loaded, NoFiles, check};
use crate::sim::playtest;
use std::sync::Arc;

/// Checks `text`; returns the scenario and the rendered diagnostics.
fn checked(text: &str) -> (Option<crate::scenario::Scenario>, usize, usize, String) {
    let c = check(Loaded::text("t.drill", text), &NoFiles);
    let shown = crate::lang::render::human(&c.diagnostics, &c.sources);
    (c.scenario.clone(), c.errors(), c.warnings(), shown)
}

/// The scenario checks with no diagnostic, and every test passes.
fn clean_and_passing(text: &str) -> crate::scenario::Scenario {
    let (sc, errors, warnings, shown) = checked(text);
    assert_eq!((errors, warnings), (0, 0), "{shown}\n{text}");
    let sc = sc.unwrap_or_else(|| panic!("no scenario:\n{shown}"));
    assert_eq!(sc.tests.len(), 2);
    let arc = Arc::new(sc.clone());
    for t in &sc.tests {
        let report = playtest::run(&arc, t);
        assert!(report.passed(), "{report:?}\n{text}");
    }
    sc
}

#[test]
fn the_scaffold_checks_clean_and_its_tests_pass() {
    let text = scaffold("acme-2024_api").unwrap_or_default();
    let sc = clean_and_passing(&text);
    assert!(text.starts_with("// acme-2024_api: "));
    for part in [
        "\nscenario acme-2024_api\n",
        "\npostmortem\n",
        "\nflag ",
        "\nmetric ",
        "    effect ",
        "\nalert ",
        "\nescalation\n",
        "\nperson ",
        "\ncommand ",
        "\nrunbook ",
        "\nat T+",
        "\nscene ",
        "    * ",
        "\nending ",
        "    root cause ",
        "    key action ",
        "    red herring ",
        "    objective ",
        "    responders\n",
        "\ntest ",
    ] {
        assert!(text.contains(part), "missing {part:?}");
    }
    assert_eq!(sc.endings.len(), 2);
    // Every section is introduced by comments.
    let blocks = text.lines().filter(|l| l.starts_with(RULE)).count();
    assert!(blocks >= 10);
}

#[test]
fn invalid_ids_are_refused() {
    for bad in ["", "-x", "_x", "a b", "a/b", "x.drill", "é", "a{b}"] {
        let e = scaffold(bad).err().unwrap_or_default();
        assert!(e.contains("scenario id"), "{bad:?}: {e}");
        assert!(from_postmortem(bad, LIST).is_err());
    }
    for good in ["a", "9lives", "acme-2024_db", "X"] {
        assert!(scaffold(good).is_ok(), "{good}");
    }
}

const LIST: &str = "\
# Details of the {Acme} \"queue\" outage on July 2, 2019

Company: Acme Cloud

A bad regex in a rules push pinned every edge CPU. Customers saw 502s for 27 minutes.

## Impact

Around 80% of requests failed between 13:42 and 14:09 UTC.

## Root cause

A regular expression that backtracked catastrophically.

## Timeline

All times are UTC.

- 13:42 UTC - Rules pushed globally by the pipeline
- 13:45: First alert fires; on-call paged
- **14:02** — Root cause identified as the WAF rule
- 14:07 - WAF globally disabled via the kill switch
  and traffic starts to come back
- 14:09 - An engineer joins the call
- 14:52 - Service fully restored and rules re-enabled

## References

- [The original write-up](https://blog.acme.example/outage-2019)
";

const TABLE: &str = "\
# Database failover stalls writes

## Summary

On 2023-11-08 a primary database failover stalled all writes for about an hour.

| Time (PDT) | Event | Evidence |
| --- | --- | --- |
| 23:40 | Primary disk latency alerts fire and the on-call is paged | [S] |
| 23:44 | Users report failed writes on social media | [2nd] |
| 23:58 | Engineers identified the cause: a stuck replication slot | [S] |
| 00:20 to 00:25 | Failover to the replica; writes mitigated | [S] |
| 00:45 | All services recovered | [S] |
| 00:50 | Status page updated | [S\\*] |

Read more at https://status.example.org/incidents/42.
";

#[test]
fn a_list_timeline_becomes_a_clean_draft() {
    let text = from_postmortem("acme-2019-edge", LIST).unwrap_or_else(|e| panic!("{e}"));
    let sc = clean_and_passing(&text);
    assert!(text.contains("    start 2019-07-02 13:40 UTC\n"), "{text}");
    // 13:40 to 14:52 is 72 minutes, plus a quarter: 45 minutes of play at
    // speed 2, too long, so the 70 minutes of beats are compressed into a
    // 50-minute drill (25 of play), and the draft says so.
    assert!(text.contains("    minutes 25\n"), "{text}");
    assert!(text.contains("    duration 50m\n"), "{text}");
    assert!(text.contains("    // Real incident: 1h10m from the first timeline beat to the last;\n    // compressed to 38 game minutes (T+2m to T+40m)"), "{text}");
    assert!(
        !text.contains("Warning:"),
        "an incident of an hour is not worth a warning"
    );
    assert!(text.contains("    company \"Acme Cloud\"\n"));
    assert!(text.contains("    date 2019-07-02\n"));
    assert!(text.contains("    url \"https://blog.acme.example/outage-2019\"\n"));
    assert!(text.contains("{{Acme}} \\\"queue\\\" outage"), "{text}");
    assert!(text.contains("        detected 13:45 \"First alert fires; on-call paged\"\n"));
    assert!(text.contains("        diagnosed 14:02 \"Root cause identified as the WAF rule\"\n"));
    assert!(text.contains(
        "        mitigated 14:07 \"WAF globally disabled via the kill switch and traffic starts to come back\"\n"
    ), "{text}");
    assert!(text.contains("        resolved 14:52 "));
    assert!(text.contains("    //     KIND 13:42 \"Rules pushed globally by the pipeline\"\n"));
    assert!(text.contains("// at T+2m\n//     source \"timeline 13:42\"\n"));
    assert!(
        text.contains("// at T+3m40s\n//     source \"timeline 13:45\"\n"),
        "{text}"
    );
    assert!(
        text.contains("// at T+40m\n//     source \"timeline 14:52\"\n"),
        "{text}"
    );
    assert!(text.contains("A regular expression that backtracked catastrophically."));
    assert!(text.contains("// Impact (from the postmortem): Around 80%"));
    assert_eq!(
        sc.postmortem.as_ref().map(|p| p.title.as_str()),
        Some("Details of the {Acme} \"queue\" outage on July 2, 2019")
    );
    assert_eq!(sc.rubric.responders.len(), 4);
}

#[test]
fn a_table_timeline_across_midnight_becomes_a_clean_draft() {
    let text = from_postmortem("db-failover", TABLE).unwrap_or_else(|e| panic!("{e}"));
    let sc = clean_and_passing(&text);
    assert!(
        text.contains("    start 2023-11-08 23:38 -07:00\n"),
        "{text}"
    );
    assert!(text.contains("    url \"https://status.example.org/incidents/42\"\n"));
    assert!(text.contains("    // company \"...\""), "{text}");
    assert!(text.contains("        detected 23:40 "));
    assert!(text.contains("        diagnosed 23:58 "));
    // After midnight, milestones are offsets from the start.
    assert!(text.contains("        mitigated T+42m "), "{text}");
    assert!(text.contains("        resolved T+1h7m "));
    assert!(
        text.contains("        communicated T+1h12m \"Status page updated\"    // [S*]\n"),
        "{text}"
    );
    assert!(text.contains(
        "    //     KIND 23:44 \"Users report failed writes on social media\"    // [2nd]: not the company's own statement\n"
    ), "{text}");
    assert!(text.contains("// timeline 23:44: Users report failed writes on social media [2nd]\n"));
    // Compressed: the last beat at T+40m, its evidence tag in its source
    // note, and its date (past midnight).
    assert!(
        text.contains("// at T+40m\n//     source \"timeline 2023-11-09 00:50 [S*]\"\n"),
        "{text}"
    );
    let offsets: Vec<i64> = sc.rubric.responders.iter().map(|m| m.offset_ms).collect();
    assert_eq!(
        offsets,
        vec![120_000, 1_200_000, 2_520_000, 4_020_000, 4_320_000]
    );
}

#[test]
fn a_postmortem_without_a_timeline_is_refused_with_the_reason() {
    let e = from_postmortem(
        "no-timeline",
        "# An outage\n\nSomething broke on 2020-01-01 and we fixed it.\n",
    )
    .err()
    .unwrap_or_default();
    assert!(e.starts_with("no timeline found"), "{e}");
    assert!(e.contains("13:42 UTC - what happened"));
    assert!(e.contains("Time column"));

    let e = from_postmortem("untitled", "- 13:42 UTC - pushed\n")
        .err()
        .unwrap_or_default();
    assert!(e.contains("no title found"), "{e}");
    let e = from_postmortem("empty", "").err().unwrap_or_default();
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn stamps_and_zones_are_read_in_their_common_forms() {
    let p = |s: &str| parse_beat(s, false).map(|(st, t)| (st.secs, st.zone, t));
    assert_eq!(
        p("13:42 UTC - rules pushed"),
        Some((49320, Some("UTC".into()), "rules pushed".into()))
    );
    assert_eq!(
        p("- 13:42: rules pushed"),
        Some((49320, None, "rules pushed".into()))
    );
    assert_eq!(p("14:07 — kill"), Some((50820, None, "kill".into())));
    assert_eq!(
        p("1:05 PM PDT: x"),
        Some((46_800 + 300, Some("-07:00".into()), "x".into()))
    );
    assert_eq!(p("12:10 am - x").map(|b| b.0), Some(600));
    assert_eq!(p("[13:42:07] - x").map(|b| b.0), Some(49327));
    assert_eq!(
        p("2019-07-02T13:42Z - x").map(|b| (b.0, b.1)),
        Some((49320, Some("UTC".into())))
    );
    assert_eq!(
        p("13:42 (UTC+2): x").map(|b| b.1),
        Some(Some("+02:00".into()))
    );
    assert_eq!(p("13:42 rules pushed"), None);
    assert!(parse_beat("13:42 rules pushed", true).is_some());
    assert_eq!(p("At 13:42 we pushed"), None);
    assert_eq!(p("25:00 - x"), None);
    assert_eq!(p("13:4 - x"), None);
    assert_eq!(find_date_in("on July 2nd, 2019 at noon"), ymd(2019, 7, 2));
    assert_eq!(find_date_in("2 Sept 2021"), ymd(2021, 9, 2));
    assert_eq!(find_date_in("(21-22 Oct 2018)"), ymd(2018, 10, 21));
    let st = parse_stamp("21 Oct 22:52").map(|(s, _)| (s.month_day, s.secs));
    assert_eq!(st, Some((Some((10, 21)), 82_320)));
    let st = parse_stamp("Oct 21, 2018 22:52 -").map(|(s, _)| s.date);
    assert_eq!(st, Some(ymd(2018, 10, 21)));
    assert_eq!(
        p("14:09-14:52 - x").map(|b| (b.0, b.1)),
        Some((50_940, None))
    );
    assert_eq!(
        classify("Webhook delivery and GitHub Pages builds paused"),
        None
    );
    assert_eq!(
        classify("First page from the synthetic test"),
        Some("detected")
    );
    assert_eq!(find_date_in("v2019-13-01"), None);
    assert_eq!(
        ymd(2024, 2, 29).and_then(|d| from_days(days(d) + 1)),
        ymd(2024, 3, 1)
    );
    assert_eq!(classify("Engineers paged"), Some("detected"));
    assert_eq!(
        classify("Rolled back after the cause was identified"),
        Some("mitigated")
    );
    assert_eq!(classify("Service restored"), Some("resolved"));
    assert_eq!(classify("A deploy started"), None);
    assert_eq!(
        company_from_url("https://blog.cloudflare.com/x"),
        Some("Cloudflare".into())
    );
    assert_eq!(company_from_url("https://medium.com/x"), None);
}

/// A postmortem written the awkward way: evidence tags in the middle of
/// sentences, a summary whose first sentence runs on, a root cause of one
/// very long sentence, and a timeline over three days.
const AWKWARD: &str = "\
# Replicas rebuilt over a long weekend

## Summary

On 2021-03-05 a replication bug [S] silently corrupted replicas across every region, e.g. the ones in eu-west-1 [2nd], and rebuilding them from the last good snapshot took three days because each rebuild had to re-validate 2.3 TB of data before it could serve, which nobody had measured [R] beforehand. Customers saw stale reads [S]. Writes kept working.

## Root cause

A bug in the replication protocol [S] let a replica acknowledge a write it had not applied, and because the consistency checker [S] only sampled one key in ten thousand, the divergence grew unnoticed for a full day until reads from the corrupted replicas began returning data that was hours old.

## Timeline

- 2021-03-05 09:00 UTC - Replication bug [S] begins corrupting replicas
- 2021-03-05 10:30 UTC - First alert fires [S]; on-call paged
- 2021-03-06 14:00 UTC - Root cause identified [S] as a replication bug
- 2021-03-07 08:00 UTC - Rebuild [R] of replicas started
- 2021-03-08 11:00 UTC - Service fully restored [S]
";

#[test]
fn evidence_tags_move_to_the_end_of_their_line_and_never_split_a_sentence() {
    let text = draft("replicas", AWKWARD)
        .unwrap_or_else(|e| panic!("{e}"))
        .text;
    clean_and_passing(&text);
    // No tag is left inside a sentence anywhere in the draft's prose.
    // (The draft's own comment lists the tags, in brackets.)
    for line in text.lines().filter(|l| !l.contains("([2nd], [R])")) {
        for tag in ["[S]", "[2nd]", "[R]"] {
            if let Some(i) = line.find(tag) {
                let after = line[i + tag.len()..].trim_start();
                assert!(
                    after.is_empty()
                        || after.starts_with('[')
                        || after.starts_with('"')
                        || after.starts_with(':'),
                    "a tag inside a sentence: {line}"
                );
            }
        }
    }
    assert!(
        text.contains("    summary \"On 2021-03-05 a replication bug silently corrupted"),
        "{text}"
    );
    assert!(
        text.contains("which nobody had measured beforehand.\"    // [S] [2nd] [R]\n"),
        "{text}"
    );
    assert!(
        text.contains("        detected 10:30 \"First alert fires; on-call paged\"    // [S]\n"),
        "{text}"
    );
    assert!(
        text.contains("// timeline 2021-03-07 08:00: Rebuild of replicas started [R]\n"),
        "{text}"
    );
    assert!(
        text.contains("//     source \"timeline 2021-03-07 08:00 [R]\"\n"),
        "{text}"
    );
    assert!(
        text.contains("returning data that was hours\n    old. [S]\n    \"\"\""),
        "{text}"
    );
}

#[test]
fn long_sentences_are_kept_whole_and_a_cut_says_so() {
    let text = draft("replicas", AWKWARD)
        .unwrap_or_else(|e| panic!("{e}"))
        .text;
    // The summary's first sentence is long: kept whole, with a note.
    assert!(
        text.contains(
            "    // The postmortem's first sentence is 288 characters long and kept whole:"
        ),
        "{text}"
    );
    for line in text
        .lines()
        .filter(|l| l.contains("summary \"") || l.starts_with("        "))
    {
        assert!(!line.contains("...\""), "cut mid-phrase: {line}");
    }
    // The root cause, one sentence of over 300 characters, is whole.
    assert!(text.contains("    reads from the corrupted replicas began returning data that was hours\n    old. [S]\n"), "{text}");
    // Where text must be shortened, whole sentences are dropped, and it says so.
    let (kept, cut) = whole_sentences("One two. Three four five six. Seven.", 20);
    assert_eq!((kept.as_str(), cut), ("One two.", true));
    assert_eq!(
        kept_whole(
            "First one [S]. Second one is much longer than the room left.",
            20
        ),
        "First one. (shortened at a sentence boundary: the postmortem says more) [S]"
    );
    assert_eq!(
        whole_sentences("A very long first sentence.", 5),
        ("A very long first sentence.".into(), false)
    );
    assert_eq!(
        sentences("It took approx. 2.3 s, e.g. in eu-west-1. J. Smith paged Ops! Why? Done"),
        [
            "It took approx. 2.3 s, e.g. in eu-west-1.",
            "J. Smith paged Ops!",
            "Why?",
            "Done"
        ]
    );
}

#[test]
fn a_timeline_of_days_is_compressed_into_a_playable_drill_with_a_warning() {
    let d = draft("replicas", AWKWARD).unwrap_or_else(|e| panic!("{e}"));
    let sc = clean_and_passing(&d.text);
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].starts_with(
            "the real incident spans about 3 days (74h from the first beat to the last)"
        ),
        "{:?}",
        d.warnings
    );
    assert!(
        d.text
            .contains("    // Warning: the real incident spans about 3 days"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("1 game minute is about 1h57m of real\n"),
        "{}",
        d.text
    );
    assert_eq!(sc.meta.minutes, 25);
    assert_eq!(sc.meta.duration, 50 * 60_000);
    // The beats are spread between T+2m and T+40m, in order.
    let ats: Vec<&str> = d
        .text
        .lines()
        .filter_map(|l| l.strip_prefix("// at "))
        .collect();
    assert_eq!(ats, ["T+2m", "T+2m50s", "T+16m50s", "T+26m10s", "T+40m"]);
    // The responders keep the real clock.
    assert!(
        d.text
            .contains("        resolved T+74h2m \"Service fully restored\"    // [S]\n"),
        "{}",
        d.text
    );
    // A short incident is neither compressed nor warned about.
    let short = draft("short", "# Short\n\n## Timeline\n\n- 2024-01-01 10:00 UTC - deploy\n- 10:05 UTC - alert fires\n- 10:20 UTC - rolled back\n").unwrap_or_else(|e| panic!("{e}"));
    assert!(short.warnings.is_empty());
    assert!(!short.text.contains("Real incident:"), "{}", short.text);
    // 09:58 to 10:20 plus ten minutes, rounded up: 35 game minutes, 17 of play.
    assert!(
        short.text.contains("    minutes 17\n    tags"),
        "{}",
        short.text
    );
    assert!(short.text.contains("    duration 35m\n"), "{}", short.text);
}
