//! Tests of the scaffold writer and of reading postmortems.

use super::*;
use crate::lang::{Loaded, NoFiles, check};
use crate::sim::playtest;
use std::sync::Arc;

/// Checks `text`; returns the scenario and the rendered diagnostics.
fn checked(text: &str) -> (Option<crate::scenario::Scenario>, usize, usize, String) {
    let c = check(
        Loaded {
            name: "t.drill".into(),
            key: "t.drill".into(),
            bytes: text.as_bytes().to_vec(),
        },
        &NoFiles,
    );
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
    // 13:40 to 14:52 is 72 minutes, plus a quarter, rounded up.
    assert!(text.contains("    duration 1h30m\n"), "{text}");
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
    assert!(text.contains("// at T+1h12m\n//     source \"timeline 14:52\"\n"));
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
    assert!(text.contains("        communicated T+1h12m \"Status page updated\"\n"));
    assert!(text.contains(
        "    //     KIND 23:44 \"Users report failed writes on social media\"    // not the company's own statement\n"
    ), "{text}");
    assert!(text.contains("// timeline 23:44: Users report failed writes on social media [2nd]\n"));
    assert!(text.contains("// at T+1h12m\n//     source \"timeline 00:50\"\n"));
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
