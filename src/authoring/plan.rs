//! The plan of a scenario: everything the scaffold writer prints, made
//! either from the built-in example or from a postmortem read.

use super::*;

/// A responders' milestone, or a timeline beat no kind fits.
#[derive(Debug, Clone)]
pub(super) struct Responder {
    /// `detected`, `diagnosed`, ...; `None` when the beat's words fit no kind.
    pub(super) kind: Option<&'static str>,
    /// A clock time on the start's day, or a `T+` offset.
    pub(super) when: String,
    pub(super) what: String,
    /// Tagged `[2nd]` or `[R]`: not the company's own statement.
    pub(super) secondary: bool,
}

/// A timeline beat as a commented trigger stub.
#[derive(Debug, Clone)]
pub(super) struct Stub {
    pub(super) at: i64,
    pub(super) clock: String,
    pub(super) what: String,
}

/// Everything the renderer fills in.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) tags: &'static str,
    pub(super) date: Date,
    pub(super) start: i64,
    pub(super) zone: String,
    /// Comments shown above the header's `start` (what was guessed).
    pub(super) start_notes: Vec<String>,
    /// Seconds.
    pub(super) duration: i64,
    pub(super) from_postmortem: bool,
    pub(super) company: Option<String>,
    pub(super) company_guessed: bool,
    pub(super) pm_date: Option<Date>,
    pub(super) pm_title: String,
    pub(super) url: Option<String>,
    /// From the postmortem, shown as comments: (label, text).
    pub(super) notes: Vec<(&'static str, String)>,
    pub(super) impact: Option<String>,
    pub(super) root_cause: Vec<String>,
    pub(super) root_cause_from_pm: bool,
    pub(super) responders: Vec<Responder>,
    pub(super) stubs: Vec<Stub>,
    /// Timeline beats past [`MAX_BEATS`], left out of the draft.
    pub(super) beats_left_out: usize,
}

impl Plan {
    /// The plan of the built-in example: an API outage after a config push.
    pub(super) fn example(id: &str) -> Plan {
        let start = 14 * 3600;
        let at = |m: i64| clock(start + m * 60);
        let ms = |kind: &'static str, m: i64, what: &str| Responder {
            kind: Some(kind),
            when: at(m),
            what: what.into(),
            secondary: false,
        };
        Plan {
            id: id.into(),
            title: "Every API call fails after a config push".into(),
            summary: "A config push breaks the API for everyone. Find the change and roll it back."
                .into(),
            tags: "api config-push example",
            date: EXAMPLE_DAY,
            start,
            zone: "UTC".into(),
            start_notes: Vec::new(),
            duration: 30 * 60,
            from_postmortem: false,
            company: Some("Example Corp".into()),
            company_guessed: false,
            pm_date: Some(EXAMPLE_DAY),
            pm_title: "API outage after a configuration push".into(),
            url: Some("https://example.com/postmortems/api-config-push".into()),
            notes: Vec::new(),
            impact: None,
            root_cause: vec![
                "Config v42 lowered the API's database connection pool from 200 to 2. \
                 It went to every API host at once, with no canary, so nearly every \
                 request waited for a connection and failed."
                    .into(),
                "Why it got that far: the config linter checked syntax, not values, and \
                 config pushes skipped the staged rollout that code releases get."
                    .into(),
            ],
            root_cause_from_pm: false,
            responders: vec![
                ms(
                    "started",
                    2,
                    "Config v42 pushed to every API host; the 5xx rate climbs within a minute",
                ),
                ms("detected", 3, "The 5xx alert pages the on-call engineer"),
                ms("diagnosed", 9, "The config push is identified as the cause"),
                ms("mitigated", 12, "Config rolled back to v41; errors fall"),
                ms("resolved", 20, "Error rate back to normal; incident closed"),
            ],
            stubs: Vec::new(),
            beats_left_out: 0,
        }
    }

    /// The plan of a draft from a postmortem read: its metadata, timeline
    /// and root cause over the example world.
    pub(super) fn from_postmortem(id: &str, pm: &Postmortem) -> Plan {
        let mut plan = Plan::example(id);
        plan.from_postmortem = true;
        plan.title = shorten(&pm.title, 100);
        plan.pm_title = shorten(&pm.title, 300);
        plan.tags = "postmortem";
        plan.summary = match &pm.summary {
            Some(s) => shorten(&first_sentences(s, 160), 160),
            None => format!(
                "A drill from the postmortem \"{}\".",
                shorten(&pm.title, 100)
            ),
        };
        if let Some(s) = &pm.summary {
            plan.notes.push(("Summary", shorten(s, 4000)));
        }
        plan.impact = pm.impact.as_deref().map(|i| shorten(i, 4000));
        plan.url = pm.url.clone().filter(|u| u.len() <= 2000);
        plan.beats_left_out = pm.beats_left_out;
        plan.company = pm.company.clone();
        plan.company_guessed = pm.company_guessed;
        plan.pm_date = pm.date;
        if let Some(rc) = &pm.root_cause {
            plan.root_cause = vec![shorten(rc, 20_000)];
            plan.root_cause_from_pm = true;
        } else {
            plan.root_cause = vec![
                "Write the root cause here in the company's own words: what broke, why \
                 it got that far, and what slowed the recovery. The postmortem has no \
                 section headed Root cause to copy it from."
                    .into(),
            ];
        }

        // The drill starts two minutes before the first beat, on the minute.
        let beats = &pm.beats;
        let first = beats.first().map_or(0, |b| b.abs);
        let last = beats.last().map_or(first, |b| b.abs);
        let start_abs = first - first.rem_euclid(60) - 120;
        let start_day = start_abs.div_euclid(DAY);
        plan.date = from_days(start_day).unwrap_or(plan.date);
        plan.start = start_abs.rem_euclid(DAY);
        plan.zone = pm.zone.clone().unwrap_or_else(|| "UTC".into());
        if pm.zone.is_none() {
            plan.start_notes.push(
                "The postmortem names no time zone, so `start` assumes UTC: check it.".into(),
            );
        }
        if !pm.date_known {
            plan.start_notes.push(
                "The postmortem gives no date (YYYY-MM-DD or \"July 2, 2019\"), so `start` \
                 uses a placeholder: put the incident's date here and in the postmortem block."
                    .into(),
            );
        }
        // The timeline plus a margin of a quarter (at least ten minutes),
        // rounded up to five minutes, and never shorter than the example story.
        let span = last - start_abs;
        let margin = (span / 4).max(600);
        let total = span + margin;
        plan.duration = ((total + 299) / 300 * 300).max(30 * 60);

        plan.responders = beats
            .iter()
            .map(|b| {
                let when = if b.abs.div_euclid(DAY) == start_day {
                    clock(b.abs)
                } else {
                    offset(b.abs - start_abs)
                };
                let (what, secondary) = evidence(&b.text);
                Responder {
                    kind: if secondary { None } else { classify(&what) },
                    when,
                    what: shorten(&what, 200),
                    secondary,
                }
            })
            .collect();
        plan.stubs = beats
            .iter()
            .map(|b| Stub {
                at: b.abs - start_abs,
                clock: clock(b.abs),
                what: shorten(&clean(&b.text), 500),
            })
            .collect();
        plan
    }

    /// The clock `minutes` after the start.
    pub(super) fn at(&self, minutes: i64) -> String {
        clock(self.start + minutes * 60)
    }

    /// A `source` note of the example story: tied to the example's own
    /// timeline in the scaffold; marked as an example to replace in a draft,
    /// so it is never mistaken for a fact from the real postmortem.
    pub(super) fn src(&self, label: &str, what: &str) -> String {
        if self.from_postmortem {
            format!("example, replace it: {what}")
        } else {
            format!("{label}: {what}")
        }
    }
}

/// The first sentences of `s`, up to about `max` characters.
pub(super) fn first_sentences(s: &str, max: usize) -> String {
    let s = clean(s);
    let mut out = String::new();
    for (i, c) in s.char_indices() {
        out.push(c);
        let next = s[i + c.len_utf8()..].chars().next();
        // A sentence ends here; stop once the text says something.
        if matches!(c, '.' | '!' | '?')
            && next.is_none_or(char::is_whitespace)
            && out.chars().count() >= 40.min(max)
        {
            return out;
        }
        if out.chars().count() >= max {
            break;
        }
    }
    out
}

/// A beat's text without its evidence tags (`[S]`, `[S*]`, `[2nd]`, `[R]`),
/// and whether a tag says it is not the company's own statement.
pub(super) fn evidence(text: &str) -> (String, bool) {
    let mut out = String::new();
    let mut secondary = false;
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (before, tail) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = tail.find(']') else {
            out.push_str(tail);
            rest = "";
            break;
        };
        let tag = tail[1..close].replace('\\', "").to_lowercase();
        match tag.trim() {
            "s" | "s*" => {}
            "2nd" | "r" => secondary = true,
            _ => out.push_str(&tail[..=close]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    (clean(&out), secondary)
}

/// The responders' milestone a beat's words describe. A status-page update
/// is `communicated`; otherwise the latest stage named wins ("rolled back
/// once the cause was identified" is a mitigation). `None` when no kind fits.
pub(super) fn classify(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| {
        list.iter().any(|p| {
            let parts: Vec<&str> = p.split(' ').collect();
            words.windows(parts.len()).any(|w| w == parts.as_slice())
        })
    };
    const COMMUNICATED: &[&str] = &[
        "status page",
        "statuspage",
        "status set",
        "status updated",
        "customers notified",
        "notified customers",
        "communicated",
        "tweeted",
    ];
    const RESOLVED: &[&str] = &["resolved", "restored", "recovered", "resolution"];
    const MITIGATED: &[&str] = &[
        "mitigated",
        "mitigation",
        "mitigate",
        "rolled back",
        "roll back",
        "rollback",
        "reverted",
        "disabled",
        "kill",
        "killed",
        "failed over",
        "failover",
    ];
    const DIAGNOSED: &[&str] = &[
        "cause",
        "identified",
        "root",
        "diagnosed",
        "diagnosis",
        "culprit",
    ];
    const DETECTED: &[&str] = &[
        "detected", "detects", "detect", "paged", "alert", "alerts", "alerted", "alerting",
    ];
    // "First page" is a page; "status page" and "GitHub Pages" are not.
    let original: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let page = original.iter().enumerate().any(|(i, w)| {
        let lower = w.to_lowercase();
        matches!(lower.as_str(), "page" | "pages")
            && (i == 0
                || (w.starts_with(char::is_lowercase)
                    && original[i - 1].to_lowercase() != "status"))
    });
    if has(COMMUNICATED) {
        Some("communicated")
    } else if has(RESOLVED) {
        Some("resolved")
    } else if has(MITIGATED) {
        Some("mitigated")
    } else if has(DIAGNOSED) {
        Some("diagnosed")
    } else if has(DETECTED) || page {
        Some("detected")
    } else {
        None
    }
}
