//! Authoring tools: a commented starter scenario (`firedrill new NAME`) and a
//! first draft of a scenario read from a Markdown postmortem (`firedrill new
//! NAME --from-postmortem FILE.md`). Pure functions over strings: no files, no
//! terminal.
//!
//! Both produce a scenario that checks with no diagnostic at all and whose
//! two playthrough tests pass; the draft from a postmortem carries the
//! incident's metadata, its `postmortem` block, the responders' timeline and
//! one commented trigger stub per timeline beat, on top of the same example
//! world, so an author can replace it piece by piece and check after each step.

use crate::lang::lines::is_forbidden_char;
use jiff::civil::Date;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;

/// A new scenario with the id `id`: every section present, each preceded by
/// comments that explain what it is for and how to grow it.
pub fn scaffold(id: &str) -> Result<String, String> {
    validate_id(id)?;
    Ok(render(&Plan::example(id)))
}

/// A first draft of a scenario from a Markdown postmortem: title, summary,
/// start and duration from the document, its `postmortem` block, the
/// responders' timeline, and a commented trigger stub per timeline beat.
/// Fails with a message that names what the document is missing.
pub fn from_postmortem(id: &str, markdown: &str) -> Result<String, String> {
    validate_id(id)?;
    let doc = Doc::parse(markdown);
    let pm = Postmortem::read(&doc)?;
    Ok(render(&Plan::from_postmortem(id, &pm)))
}

/// Checks a scenario id: ASCII letters, digits, `-` and `_`, starting with a
/// letter or a digit (the grammar's `slug`).
pub fn validate_id(id: &str) -> Result<(), String> {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else if id.is_empty() {
        Err("the scenario id is empty: give a name such as `acme-2024-db-failover`".into())
    } else {
        Err(format!(
            "`{}` is not a valid scenario id: use only letters, digits, `-` and `_`, \
             starting with a letter or a digit (for example `acme-2024-db-failover`)",
            clean(id)
        ))
    }
}

// ------------------------------------------------------------------ dates

/// The first day counted by [`days`].
const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// The date the example scenario is set on.
const EXAMPLE_DAY: Date = jiff::civil::date(2024, 3, 14);

/// The day a timeline with no date at all is placed on.
const UNDATED_DAY: Date = jiff::civil::date(2024, 1, 1);

/// A calendar date written in a postmortem, if it is a real day of a
/// four-digit year (so that it prints as `YYYY-MM-DD`).
fn ymd(y: i64, m: u32, d: u32) -> Option<Date> {
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let (y, m, d) = (
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    Date::new(y, m, d).ok()
}

/// Days from 1970-01-01 to `d`: beats are placed on a line of days so
/// that times past midnight move to the next one.
fn days(d: Date) -> i64 {
    EPOCH.until(d).map_or(0, |s| i64::from(s.get_days()))
}

/// The date `n` days after 1970-01-01, if it is one jiff can represent.
fn from_days(n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    EPOCH.checked_add(span).ok()
}

const DAY: i64 = 86_400;

/// `13:42`, or `13:42:07` when there are seconds.
fn clock(secs: i64) -> String {
    let s = secs.rem_euclid(DAY);
    if s % 60 == 0 {
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// Milliseconds of a whole number of seconds, for the shared time
/// formatters (a negative count is treated as zero).
fn ms(secs: i64) -> u64 {
    u64::try_from(secs).unwrap_or(0).saturating_mul(1000)
}

/// A duration in the language's syntax: `2m`, `1h5m`, `1m30s`.
fn duration(secs: i64) -> String {
    crate::base::time::duration(ms(secs))
}

/// An offset in the language's syntax: `T+0`, `T+2m`, `T+1h5m`.
fn offset(secs: i64) -> String {
    crate::base::time::offset(i64::try_from(ms(secs)).unwrap_or(i64::MAX))
}

// ------------------------------------------------------------------ text

/// One line of plain text: forbidden characters and line breaks become
/// spaces, runs of spaces collapse.
fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if is_forbidden_char(c) || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word boundary with `...`.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(3) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = s.chars().take(max.saturating_sub(3)).collect();
    }
    out.push_str("...");
    out
}

/// Braces doubled, so text from a postmortem is never read as `{name}`.
fn literal(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

/// A quoted string of the language holding `s` literally.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in clean(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words of `s` on one clean line (see [`clean`]), wrapped to lines at
/// most `width` columns wide.
fn wrap(s: &str, width: usize) -> Vec<String> {
    crate::base::text::wrap(&clean(s), width)
}

/// `text` as `//` comment lines, wrapped.
fn comment(out: &mut String, text: &str) {
    for l in wrap(text, 74) {
        let _ = writeln!(out, "// {l}");
    }
}

/// The body and the closing `"""` of a text block, holding `paragraphs`
/// literally (the caller writes the opening `"""`).
fn text_block(out: &mut String, indent: &str, paragraphs: &[String]) {
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for l in wrap(&p.replace("\"\"\"", "\"\""), 72) {
            let _ = writeln!(out, "{indent}{}", literal(&l));
        }
    }
    let _ = writeln!(out, "{indent}\"\"\"");
}

// ------------------------------------------------------------------ the plan

/// A responders' milestone, or a timeline beat no kind fits.
#[derive(Debug, Clone)]
struct Responder {
    /// `detected`, `diagnosed`, ...; `None` when the beat's words fit no kind.
    kind: Option<&'static str>,
    /// A clock time on the start's day, or a `T+` offset.
    when: String,
    what: String,
    /// Tagged `[2nd]` or `[R]`: not the company's own statement.
    secondary: bool,
}

/// A timeline beat as a commented trigger stub.
#[derive(Debug, Clone)]
struct Stub {
    at: i64,
    clock: String,
    what: String,
}

/// Everything the renderer fills in.
#[derive(Debug, Clone)]
struct Plan {
    id: String,
    title: String,
    summary: String,
    tags: &'static str,
    date: Date,
    start: i64,
    zone: String,
    /// Comments shown above the header's `start` (what was guessed).
    start_notes: Vec<String>,
    /// Seconds.
    duration: i64,
    from_postmortem: bool,
    company: Option<String>,
    company_guessed: bool,
    pm_date: Option<Date>,
    pm_title: String,
    url: Option<String>,
    /// From the postmortem, shown as comments: (label, text).
    notes: Vec<(&'static str, String)>,
    impact: Option<String>,
    root_cause: Vec<String>,
    root_cause_from_pm: bool,
    responders: Vec<Responder>,
    stubs: Vec<Stub>,
    /// Timeline beats past [`MAX_BEATS`], left out of the draft.
    beats_left_out: usize,
}

impl Plan {
    fn example(id: &str) -> Plan {
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

    fn from_postmortem(id: &str, pm: &Postmortem) -> Plan {
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
    fn at(&self, minutes: i64) -> String {
        clock(self.start + minutes * 60)
    }

    /// A `source` note of the example story: tied to the example's own
    /// timeline in the scaffold; marked as an example to replace in a draft,
    /// so it is never mistaken for a fact from the real postmortem.
    fn src(&self, label: &str, what: &str) -> String {
        if self.from_postmortem {
            format!("example, replace it: {what}")
        } else {
            format!("{label}: {what}")
        }
    }
}

/// The first sentences of `s`, up to about `max` characters.
fn first_sentences(s: &str, max: usize) -> String {
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
fn evidence(text: &str) -> (String, bool) {
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
fn classify(text: &str) -> Option<&'static str> {
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

// ------------------------------------------------------------------ rendering

const RULE: &str = "// ----------------------------------------------------------------";

fn section(out: &mut String, name: &str) {
    let _ = writeln!(out, "\n{RULE} {name}\n");
}

fn render(p: &Plan) -> String {
    let mut out = String::new();
    intro(&mut out, p);
    header(&mut out, p);
    postmortem(&mut out, p);
    world(&mut out, p);
    timeline(&mut out, p);
    story(&mut out, p);
    debrief(&mut out, p);
    tests(&mut out, p);
    out
}

fn intro(out: &mut String, p: &Plan) {
    let id = &p.id;
    if p.from_postmortem {
        let _ = writeln!(
            out,
            "// {id}: a first draft of a firedrill scenario, made from a postmortem by\n\
             // `firedrill new {id} --from-postmortem FILE.md`."
        );
        out.push_str("//\n");
        comment(
            out,
            "From the postmortem: the header's title, summary, start and duration; the \
             postmortem block; the summary and impact as comments; the root cause (when \
             the postmortem has a section for it); the responders' timeline in the \
             debrief; and one commented trigger stub per timeline beat (under \
             \"timeline\" below). Everything else is the example incident of `firedrill \
             new` (a config push that breaks an API): it checks clean and its tests pass, \
             so replace it with what the postmortem describes one section at a time, \
             and run `firedrill check` after each change.",
        );
        out.push_str("//\n");
        comment(
            out,
            "Evidence: only what the company's own postmortem states goes into the \
             responders' timeline and the `source` notes marked as fact. Chat lines, \
             shell output, names and exact numbers are reconstructions: say so in the \
             briefing.",
        );
    } else {
        let _ = writeln!(
            out,
            "// {id}: a firedrill scenario, started with `firedrill new {id}`."
        );
        out.push_str("//\n");
        comment(
            out,
            &format!(
                "Every section below is a small working example, and the file checks \
                 clean: `firedrill check --deny-warnings {id}.drill` reports nothing and \
                 `firedrill test {id}.drill` passes both playthrough tests. Replace the \
                 example incident (a config push that breaks an API) with the one you \
                 are drilling, one section at a time, and check after each change."
            ),
        );
    }
    out.push_str("//\n");
    comment(
        out,
        "Reference: docs/language.md (the language), docs/diagnostics.md (every \
         diagnostic; `firedrill explain FD0107` prints one) and \
         docs/authoring-guide.md (from a postmortem to a scenario, step by step).",
    );
}

fn header(out: &mut String, p: &Plan) {
    section(out, "header");
    comment(
        out,
        "The header: what the drill is and how it runs. The picker shows `title`, \
         `summary` (one sentence), `difficulty` (easy, medium or hard), `minutes` \
         (estimated play time) and `tags`. `start` is the incident's wall clock at \
         T+0 (`UTC` or an offset such as `+02:00`) and `duration` is when the drill \
         times out. `speed` is game seconds per real second in real-time play, \
         `seed` fixes the metrics' noise, `cost` is the game time a player action \
         takes unless it says otherwise, and `opening` is the first scene.",
    );
    comment(
        out,
        "The briefing is what the player reads before the clock starts: who they \
         are, what they own, what a normal day looks like. Never what will go wrong.",
    );
    out.push('\n');
    let _ = writeln!(out, "scenario {}", p.id);
    let _ = writeln!(out, "    title {}", quoted(&p.title));
    let _ = writeln!(out, "    summary {}", quoted(&p.summary));
    out.push_str("    difficulty medium\n    minutes 15\n");
    let _ = writeln!(out, "    tags {}", p.tags);
    out.push_str("    role \"On-call engineer\"\n");
    for n in &p.start_notes {
        for l in wrap(n, 70) {
            let _ = writeln!(out, "    // {l}");
        }
    }
    let _ = writeln!(out, "    start {} {} {}", p.date, clock(p.start), p.zone);
    let _ = writeln!(out, "    duration {}", duration(p.duration));
    out.push_str("    speed 2\n    seed 1\n    cost 10s\n    opening quiet_desk\n");
    out.push_str("    briefing \"\"\"\n");
    out.push_str(
        "    You are the engineer on call for the API, the service every customer\n\
         \x20   request goes through. It runs on a fleet of identical hosts, and config\n\
         \x20   changes reach all of them through the config pipeline. It is a quiet\n\
         \x20   afternoon.\n\n",
    );
    if p.from_postmortem {
        out.push_str(
            "    The timeline of this drill follows the company's public postmortem. The\n\
             \x20   people, chat lines, shell output and exact numbers are invented for\n\
             \x20   training.\n",
        );
    } else {
        out.push_str(
            "    This example incident is invented. When you write yours, say here which\n\
             \x20   parts follow the postmortem and which are invented for training.\n",
        );
    }
    out.push_str("    \"\"\"\n");
}

fn postmortem(out: &mut String, p: &Plan) {
    section(out, "postmortem");
    comment(
        out,
        "The real incident this drill is written from: the company, the date, the \
         title and the address of its public write-up. The debrief shows it, so \
         players can read the real story after playing.",
    );
    for (label, text) in &p.notes {
        out.push_str("//\n");
        comment(out, &format!("{label} (from the postmortem): {text}"));
    }
    out.push('\n');
    out.push_str("postmortem\n");
    match &p.company {
        Some(c) => {
            if p.company_guessed {
                out.push_str("    // guessed from the web address of the postmortem: check it\n");
            }
            let _ = writeln!(out, "    company {}", quoted(c));
        }
        None => out.push_str("    // company \"...\"    (not found in the postmortem: add it)\n"),
    }
    match p.pm_date {
        Some(d) => {
            let _ = writeln!(out, "    date {d}");
        }
        None => out.push_str("    // date YYYY-MM-DD    (not found in the postmortem: add it)\n"),
    }
    let _ = writeln!(out, "    title {}", quoted(&p.pm_title));
    match &p.url {
        Some(u) => {
            let _ = writeln!(out, "    url {}", quoted(u));
        }
        None => out
            .push_str("    // url \"https://...\"    (no link found in the postmortem: add it)\n"),
    }
}

fn world(out: &mut String, p: &Plan) {
    let change = p.at(2);
    let earlier = clock(p.start - 150 * 60);
    let climb = p.src(
        &format!("timeline {change}"),
        "5xx climbs on every API host within a minute of the push",
    );

    section(out, "state");
    comment(
        out,
        "State: the facts the story remembers. `flag` is true or false, `var` a \
         number, `enum` one of a few names (it starts at the first). Declare every \
         name before a condition or an action uses it; the checker warns about \
         state nothing reads (FD0304). Add a flag for each thing that can happen \
         once (\"the change is live\", \"the rollback ran\") and an enum for a \
         working theory the player can change.",
    );
    out.push('\n');
    out.push_str(
        "flag change_live                 // the bad config is serving traffic\n\
         flag rolled_back                 // the player rolled it back\n\
         enum theory = unknown | capacity | bad_change\n",
    );

    section(out, "metrics");
    comment(
        out,
        "Metrics: the graphs the player opens with `graph NAME`. A metric is its \
         baseline plus noise (and a daily swing), moved by effects: `step`, `ramp`, \
         `spike` and `decay`. Start and stop an effect from an action (`start \
         fresh_pods`), or tie it to state with `while`. `recover` is how long a \
         stopped effect takes to fade. Add a metric for each signal the real \
         responders watched (errors, latency, traffic, saturation), with the \
         numbers the postmortem gives.",
    );
    if let Some(impact) = &p.impact {
        out.push_str("//\n");
        comment(out, &format!("Impact (from the postmortem): {impact}"));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "metric error_rate \"API 5xx responses\"\n\
         \x20   source \"{climb}\"\n\
         \x20   unit %\n\
         \x20   baseline 0.3\n\
         \x20   noise 0.1\n\
         \x20   range 0 to 100\n\
         \x20   recover 1m\n\
         \x20   effect bad_config ramp to 35 over 2m while change_live\n\
         \x20   effect fresh_pods spike by -12 for 1m"
    );

    section(out, "alerts and escalation");
    comment(
        out,
        "Alerts: what pages the player. An alert fires once its condition has held \
         for the `for` time and resolves when it stops holding; `severity page` \
         wakes someone, `ticket` does not. Use the real alert's name and threshold \
         when the postmortem gives them (and the real delay, if the alert was \
         late). The checker warns when no effect can take the metric past the \
         threshold (FD0305).",
    );
    out.push('\n');
    out.push_str(
        "alert api_errors \"API 5xx rate high\"\n\
         \x20   when error_rate > 5% for 1m\n\
         \x20   severity page\n\
         \x20   summary \"API 5xx at {error_rate} of responses\"\n\
         \x20   runbook api_triage\n\n",
    );
    comment(
        out,
        "Escalation: who is paged when a page is not acknowledged. `you` (the \
         player) first, then pageable people, each after a delay.",
    );
    out.push('\n');
    out.push_str("escalation\n    you\n    alex after 5m\n");

    section(out, "people");
    comment(
        out,
        "People: everyone who speaks in chat (`@alex: ...`) or can be paged. A \
         pageable person's `when paged` block runs when the player or escalation \
         pages them. Give each the role someone had in the real incident (service \
         owner, incident commander, support lead), with invented names.",
    );
    out.push('\n');
    out.push_str(
        "person alex \"Alex Moreau\"\n\
         \x20   role \"API service owner\"\n\
         \x20   team api\n\
         \x20   pageable\n\
         \x20   when paged\n\
         \x20       @alex: Here. I can see the 5xx graph. What do you need from me?\n\n\
         person sam \"Sam Okoye\"\n\
         \x20   role \"Support lead\"\n\
         \x20   team support\n",
    );

    section(out, "runbooks and logs");
    comment(
        out,
        "Runbooks (`runbook NAME`) and logs (`logs NAME`): documents the player \
         can open. A log's `text when COND` entries show the first whose condition \
         holds, so it changes as the incident does. Write the runbook the real \
         team had (or should have had); put the evidence the responders found in \
         logs. A long one can live in its own file: `file \"assets/NAME.md\"`.",
    );
    out.push('\n');
    out.push_str(
        "runbook api_triage \"API triage\"\n\
         \x20   \"\"\"\n\
         \x20   1. What changed? `deploys --since 30m` lists every release and config push.\n\
         \x20   2. Is it load? Compare traffic with the error graph before scaling anything.\n\
         \x20   3. Roll back a bad change first and debug it later: `rollback api`.\n\
         \x20   \"\"\"\n\n",
    );
    let _ = writeln!(
        out,
        "log api_log \"API error log\"\n\
         \x20   text when rolled_back \"\"\"\n\
         \x20   api: config v41 loaded (db pool 200)\n\
         \x20   api: no errors in the last minute\n\
         \x20   \"\"\"\n\
         \x20   text when change_live \"\"\"\n\
         \x20   {change}:04 api: config v42 loaded (db pool 2)\n\
         \x20   {change}:05 api: request failed: timed out waiting for a database connection\n\
         \x20   {change}:05 api: (repeated 9,412 times in the last minute)\n\
         \x20   \"\"\"\n\
         \x20   text \"\"\"\n\
         \x20   api: config v41 healthy (db pool 200)\n\
         \x20   \"\"\""
    );

    section(out, "commands");
    comment(
        out,
        "Commands: what the simulated shell answers. A pattern is matched by its \
         structure: words, `<placeholders>` (shown with `{name}` in the output), \
         flags in any order, `[optional]` parts. The first `output` whose `when` \
         holds is shown, so put the one without `when` last. Actions below the \
         outputs run after them. Mark commands that change production `risky` or \
         `destructive`: the debrief points them out. Write one command per tool \
         the real responders used, with output that shows the evidence they saw.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "command deploys \"deploys [--since <window>]\"\n\
         \x20   alias \"changes [--since <window>]\"\n\
         \x20   takes 5s\n\
         \x20   output when rolled_back \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {{now}}  api      rollback  oncall   back to config v41\n\
         \x20   {change}  api      config    ci-bot   config v42: database pool settings\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\
         \x20   output when change_live \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {change}  api      config    ci-bot   config v42: database pool settings\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\
         \x20   output \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\n\
         command rollback \"rollback api\"\n\
         \x20   alias \"rollback api --confirm\"\n\
         \x20   risky\n\
         \x20   takes 20s\n\
         \x20   output when rolled_back \"already on config v41: nothing to roll back\"\n\
         \x20   output when not change_live \"nothing to roll back: config v41 is current\"\n\
         \x20   output \"\"\"\n\
         \x20   rollback: api config v42 -> v41 on every host ... done at {{now}}.\n\
         \x20   \"\"\"\n\
         \x20   if change_live\n\
         \x20       set change_live = false\n\
         \x20       set rolled_back = true"
    );
}

fn timeline(out: &mut String, p: &Plan) {
    let push = p.src(
        &format!("timeline {}", p.at(2)),
        "config v42 pushed to every API host",
    );
    section(out, "timeline");
    comment(
        out,
        "Triggers: the incident's own clock, which runs whatever the player does. \
         `at T+D` runs once at an offset; `every D from T+D until T+D` repeats; \
         `when COND` runs the first time a condition holds and `whenever COND` \
         every time it becomes true. Put each beat of the real timeline here with \
         a `source` note, and move the story with `goto` or `interrupt`.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "at T+2m\n\
         \x20   source \"{push}\"\n\
         \x20   set change_live = true\n\n\
         when alert api_errors is firing\n\
         \x20   goto paged\n\n\
         when rolled_back\n\
         \x20   goto recovered\n\n\
         every 5m from T+8m until T+25m\n\
         \x20   if not rolled_back\n\
         \x20       @sam: Support here. Customers see errors on every API call. Anything I can tell them?"
    );
    if !p.stubs.is_empty() {
        out.push('\n');
        comment(
            out,
            "The postmortem's timeline, one stub per beat, at its offset from `start`. \
             Uncomment a stub and give it actions: start or stop an effect, a chat \
             line, a page, a `goto`. Beats the player's choices decide (the \
             mitigation, for instance) belong in commands and choices instead: keep \
             their `source` notes there.",
        );
        if p.beats_left_out > 0 {
            comment(
                out,
                &format!(
                    "The postmortem's timeline has {} more beats than the draft takes \
                     ({MAX_BEATS}): they are left out.",
                    p.beats_left_out
                ),
            );
        }
        for s in &p.stubs {
            out.push('\n');
            comment(out, &format!("timeline {}: {}", s.clock, s.what));
            let _ = writeln!(out, "// at {}", offset(s.at));
            let _ = writeln!(out, "//     source \"timeline {}\"", s.clock);
        }
    }
}

fn story(out: &mut String, p: &Plan) {
    let change = p.at(2);
    let paged = p.src(
        &format!("timeline {}", p.at(3)),
        "the 5xx alert pages the on-call",
    );
    let mitigated = p.src(
        &format!("timeline {}", p.at(12)),
        "config rolled back; errors fall",
    );
    let wrong = p.src("wrong turn", "the traffic graph looked busy");
    section(out, "scenes");
    comment(
        out,
        "Scenes: the story. A prose line narrates, `@name: ...` is chat, a `*` \
         choice can be taken once and a `+` choice stays. A trailing `#id` names a \
         choice for conditions (`chose scale_out`), tests and the debrief. `only \
         if` hides a choice until its condition holds; `takes` is its game-time \
         cost. `wait` rests the story until a trigger moves it. Write a scene for \
         each decision the real responders faced, and offer the wrong turns they \
         took or considered as choices too.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "scene quiet_desk\n\
         \x20   It is {{now}} and the API dashboards are green: 5xx at {{error_rate}}.\n\
         \x20   @sam: Quiet afternoon so far. Let's keep it that way.\n\
         \x20   wait\n\n\
         scene paged\n\
         \x20   source \"{paged}\"\n\
         \x20   Your phone buzzes: PAGE, api_errors. The 5xx rate is {{error_rate}} and climbing.\n\
         \x20   @alex: Errors on every endpoint at once, and traffic looks busy. Is it load?\n\
         \x20   * Check what changed in the last half hour #check_changes\n\
         \x20       takes 20s\n\
         \x20       @alex: Good call. `deploys --since 30m` lists every change.\n\
         \x20       goto triage\n\
         \x20   * Scale out the API fleet: it looks like load #scale_out\n\
         \x20       source \"{wrong}\"\n\
         \x20       set theory = capacity\n\
         \x20       start fresh_pods\n\
         \x20       @alex: Scaling out. New hosts are coming up.\n\
         \x20       after 1m\n\
         \x20           @alex: That dip was the new hosts warming up. Errors are back at {{error_rate}}. I don't think this is load.\n\
         \x20       goto triage\n\n\
         scene triage\n\
         \x20   @alex: Working theory: {{theory}}. 5xx at {{error_rate}}.\n\
         \x20   * Tell Alex it is the config push #blame_change\n\
         \x20       only if ran deploys\n\
         \x20       set theory = bad_change\n\
         \x20       @alex: Agreed: config v42 went out at {change}. `rollback api` puts v41 back everywhere.\n\
         \x20   + Ask Alex what to look at #ask_alex\n\
         \x20       @alex: Changes first: `deploys`. Then the graph (`graph error_rate`), the runbook (`runbook api_triage`) and the error log (`logs api_log`).\n\n\
         scene recovered\n\
         \x20   source \"{mitigated}\"\n\
         \x20   The rollback reaches every host, and the 5xx rate turns over: {{error_rate}}.\n\
         \x20   @alex: That's it. Errors are draining.\n\
         \x20   * Watch the graph settle, then close the incident #close_incident\n\
         \x20       takes 2m\n\
         \x20       end fixed"
    );

    section(out, "endings");
    comment(
        out,
        "Endings: how a drill can end, each with an `outcome`: resolved, \
         mitigated, worse or timed out. The `timed out` ending is used when \
         `duration` passes. Write one ending per real way out (the fast fix, the \
         slow fix, making it worse) and say what the player did and what it cost.",
    );
    out.push('\n');
    out.push_str(
        "ending fixed \"Rolled back\"\n\
         \x20   outcome resolved\n\
         \x20   You rolled back config v42 and closed the incident at {now}. The 5xx rate ends at {error_rate}.\n\n\
         ending too_late \"The shift ran out\"\n\
         \x20   outcome timed out\n\
         \x20   The drill ended at {now} with the 5xx rate at {error_rate}. The working theory was: {theory}.\n",
    );
}

fn debrief(out: &mut String, p: &Plan) {
    section(out, "debrief");
    comment(
        out,
        "The debrief: what the player learns after the drill. `root cause` \
         explains the real incident. A `key action` is what the real fix needed, \
         done when its condition first holds (by its deadline, if it has one); a \
         `red herring` is a real wrong turn, counted if its condition ever holds; \
         an `objective` is good practice, met if its condition holds at the end. \
         Each takes a `why`, the lesson in one or two sentences.",
    );
    comment(
        out,
        "`responders` is the real timeline: started, detected, diagnosed, \
         escalated, communicated, mitigated, resolved, at clock times of the \
         incident (or `T+` offsets). Only facts the company's own postmortem \
         states belong here.",
    );
    out.push('\n');
    out.push_str("debrief\n    root cause \"\"\"\n");
    text_block(out, "    ", &p.root_cause);
    if p.from_postmortem && !p.root_cause_from_pm {
        out.push_str("    // (placeholder: replace it with the postmortem's root cause)\n");
    }
    let _ = writeln!(
        out,
        "    key action roll_back \"Roll back the config change\"\n\
         \x20       source \"{}\"\n\
         \x20       done when rolled_back\n\
         \x20       by T+20m\n\
         \x20       why \"Rolling back a recent change restores service in seconds; the investigation can wait.\"\n\
         \x20   red herring scale_out \"Scaling out for a load problem that was not there\"\n\
         \x20       taken when chose scale_out\n\
         \x20       why \"Errors everywhere at the same minute point at something pushed everywhere, not at load.\"\n\
         \x20   objective changes_first \"Check what changed before acting\"\n\
         \x20       met when ran deploys before T+10m",
        p.src("mitigation", "config rolled back to the previous version")
    );
    let kept: Vec<&Responder> = p.responders.iter().filter(|r| r.kind.is_some()).collect();
    let left: Vec<&Responder> = p.responders.iter().filter(|r| r.kind.is_none()).collect();
    if kept.is_empty() {
        out.push_str(
            "    // responders: no timeline beat said detected, diagnosed, mitigated or\n\
             \x20   // resolved in words the draft recognises; add the milestones by hand:\n\
             \x20   // responders\n\
             \x20   //     detected 13:45 \"...\"\n",
        );
    } else {
        if p.from_postmortem {
            out.push_str(
                "    // Sorted from the postmortem's timeline by the words of each beat: check\n\
                 \x20   // every kind, and add `started`, `escalated` and `communicated` by hand.\n",
            );
        }
        out.push_str("    responders\n");
        for r in &kept {
            let _ = writeln!(
                out,
                "        {} {} {}",
                r.kind.unwrap_or("resolved"),
                r.when,
                quoted(&r.what)
            );
        }
    }
    if !left.is_empty() {
        out.push_str(
            "    // Beats whose kind the draft could not tell, or that the postmortem tags\n\
             \x20   // as not the company's own statement ([2nd], [R]). Give a stated one a\n\
             \x20   // kind (started, detected, diagnosed, escalated, communicated,\n\
             \x20   // mitigated, resolved) and move it into `responders`; delete the rest.\n",
        );
        for r in &left {
            let note = if r.secondary {
                "    // not the company's own statement"
            } else {
                ""
            };
            let _ = writeln!(out, "    //     KIND {} {}{note}", r.when, quoted(&r.what));
        }
    }
}

fn tests(out: &mut String, p: &Plan) {
    section(out, "tests");
    comment(
        out,
        "Playthrough tests: scripted players. Each feeds inputs at game times \
         (`at T+D`, or right after the previous one), lets the drill run to its \
         end, and checks the ending and the rubric. `firedrill test FILE` runs \
         them. Keep one test per ending and per red herring, so an edit that \
         breaks a path fails at once.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "test rollback_fast \"Checks what changed and rolls it back\"\n\
         \x20   seed 7\n\
         \x20   at T+4m ack\n\
         \x20   choose check_changes\n\
         \x20   run \"deploys --since 30m\"\n\
         \x20   choose blame_change\n\
         \x20   run \"rollback api\"\n\
         \x20   wait 30s\n\
         \x20   choose close_incident\n\
         \x20   expect ending fixed\n\
         \x20   expect key action roll_back\n\
         \x20   expect objective changes_first\n\
         \x20   expect not red herring scale_out\n\n\
         test scale_out_only \"Scales out and never looks at what changed\"\n\
         \x20   seed 7\n\
         \x20   at T+4m ack\n\
         \x20   choose scale_out\n\
         \x20   wait {}\n\
         \x20   expect ending too_late\n\
         \x20   expect red herring scale_out\n\
         \x20   expect not key action roll_back\n\
         \x20   expect not objective changes_first",
        duration(p.duration)
    );
}

// ------------------------------------------------------------------ Markdown

/// A block of the postmortem, with the heading of the section it is in.
#[derive(Debug, Clone)]
enum Block {
    Heading(HeadingLevel, String),
    /// A paragraph or a code block; line breaks kept as `\n`.
    Para(String),
    /// A list item; its paragraphs joined with `\n`.
    Item(String),
    /// Rows of cells, the header row first.
    Table(Vec<Vec<String>>),
    /// A paragraph that serves as a heading: all bold (`**Timeline (UTC)**`),
    /// or one short line ending in a colon (`Timeline:`).
    Label(String),
}

#[derive(Debug, Clone)]
struct Node {
    block: Block,
    /// The text of the nearest heading (or label) above.
    section: String,
}

#[derive(Debug, Default)]
struct Doc {
    nodes: Vec<Node>,
    /// Link targets with the section they are in.
    links: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Walker {
    doc: Doc,
    section: String,
    heading: Option<(HeadingLevel, String)>,
    para: Option<String>,
    items: Vec<String>,
    table: Option<Vec<Vec<String>>>,
    row: Vec<String>,
    cell: Option<String>,
    /// Open `**` spans, and whether the open paragraph has text outside them.
    strong: usize,
    plain_text: bool,
}

impl Walker {
    fn push(&mut self, block: Block) {
        self.doc.nodes.push(Node {
            block,
            section: self.section.clone(),
        });
    }

    fn sink(&mut self) -> Option<&mut String> {
        if let Some(c) = self.cell.as_mut() {
            Some(c)
        } else if let Some((_, h)) = self.heading.as_mut() {
            Some(h)
        } else if let Some(i) = self.items.last_mut() {
            Some(i)
        } else {
            self.para.as_mut()
        }
    }

    fn text(&mut self, t: &str) {
        if self.strong == 0 && !t.trim().is_empty() {
            self.plain_text = true;
        }
        if let Some(s) = self.sink() {
            s.push_str(t);
        }
    }

    fn line_break(&mut self) {
        let inline = self.cell.is_some() || self.heading.is_some();
        if let Some(s) = self.sink() {
            s.push(if inline { ' ' } else { '\n' });
        }
    }

    fn open_para(&mut self) {
        if let Some(i) = self.items.last_mut() {
            if !i.is_empty() {
                i.push('\n');
            }
        } else {
            self.para = Some(String::new());
            self.plain_text = false;
        }
    }

    fn close_para(&mut self) {
        if let Some(p) = self.para.take()
            && !p.trim().is_empty()
        {
            let line = clean(&p);
            let short = line.chars().count() <= 60 && !p.trim().contains('\n');
            if short && (!self.plain_text || line.ends_with(':')) {
                let label = line.trim_end_matches(':').to_string();
                self.section = label.clone();
                self.push(Block::Label(label));
            } else {
                self.push(Block::Para(p));
            }
        }
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((level, String::new())),
            Tag::Paragraph | Tag::CodeBlock(_) => self.open_para(),
            Tag::Item => {
                // Text of the outer item so far comes before the nested items.
                if let Some(outer) = self.items.last_mut()
                    && !outer.trim().is_empty()
                {
                    let text = std::mem::take(outer);
                    self.push(Block::Item(text));
                }
                self.items.push(String::new());
            }
            Tag::Strong => self.strong += 1,
            Tag::Table(_) => self.table = Some(Vec::new()),
            Tag::TableHead | Tag::TableRow => self.row = Vec::new(),
            Tag::TableCell => self.cell = Some(String::new()),
            Tag::Link { dest_url, .. } => {
                let section = self.section.clone();
                self.doc.links.push((dest_url.to_string(), section));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, text)) = self.heading.take() {
                    let text = clean(&text);
                    self.section = text.clone();
                    self.push(Block::Heading(level, text));
                }
            }
            TagEnd::Paragraph | TagEnd::CodeBlock => self.close_para(),
            TagEnd::Item => {
                if let Some(text) = self.items.pop()
                    && !text.trim().is_empty()
                {
                    self.push(Block::Item(text));
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::TableCell => {
                if let Some(c) = self.cell.take() {
                    self.row.push(clean(&c));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.table.as_mut() {
                    t.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push(Block::Table(t));
                }
            }
            _ => {}
        }
    }
}

impl Doc {
    fn parse(markdown: &str) -> Doc {
        let mut w = Walker::default();
        for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            w.event(ev);
        }
        w.close_para();
        w.doc
    }

    /// The text of every block, in order (table cells joined by spaces).
    fn texts(&self) -> impl Iterator<Item = (String, &str)> {
        self.nodes.iter().map(|n| {
            let text = match &n.block {
                Block::Heading(_, t) | Block::Para(t) | Block::Item(t) | Block::Label(t) => {
                    t.clone()
                }
                Block::Table(rows) => rows
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            (text, n.section.as_str())
        })
    }

    /// The paragraphs and items of the first section whose heading has one
    /// of `words`, joined into one text (only its first paragraph when
    /// `first_only`).
    fn section_text(&self, words: &[&str], first_only: bool) -> Option<String> {
        let mut found: Option<String> = None;
        let mut in_it = false;
        for n in &self.nodes {
            match &n.block {
                Block::Heading(_, t) | Block::Label(t) => {
                    if found.is_some() {
                        break;
                    }
                    in_it = heading_is(t, words);
                }
                Block::Para(_) | Block::Item(_) if first_only && found.is_some() => break,
                Block::Para(t) | Block::Item(t) if in_it => {
                    let f = found.get_or_insert_with(String::new);
                    if !f.is_empty() {
                        f.push(' ');
                    }
                    f.push_str(&clean(t));
                }
                _ => {}
            }
        }
        found.filter(|f| !f.is_empty())
    }
}

/// Whether a heading is about one of `words` (lower-case): "Root cause",
/// "3. Timeline (UTC)".
fn heading_is(heading: &str, words: &[&str]) -> bool {
    let heading = heading.to_lowercase();
    let ws: Vec<&str> = heading
        .split(|c: char| !c.is_alphanumeric() && c != ';')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|p| {
        let parts: Vec<&str> = p.split(' ').collect();
        ws.windows(parts.len()).any(|w| w == parts.as_slice())
    })
}

// ------------------------------------------------------------------ reading a postmortem

/// A timeline beat.
#[derive(Debug, Clone)]
struct Beat {
    /// Seconds since 1970-01-01 in the incident's zone.
    abs: i64,
    text: String,
}

/// A time stamp at the start of a line or cell.
#[derive(Debug, Clone)]
struct Stamp {
    date: Option<Date>,
    /// A month and day with no year (`21 Oct 22:52`).
    month_day: Option<(u32, u32)>,
    secs: i64,
    zone: Option<String>,
}

#[derive(Debug, Clone)]
struct Postmortem {
    title: String,
    summary: Option<String>,
    impact: Option<String>,
    root_cause: Option<String>,
    url: Option<String>,
    company: Option<String>,
    company_guessed: bool,
    date: Option<Date>,
    date_known: bool,
    zone: Option<String>,
    /// Sorted by time; never empty.
    beats: Vec<Beat>,
    beats_left_out: usize,
}

const SUMMARY: &[&str] = &["summary", "tl;dr", "tldr", "overview", "abstract"];
const IMPACT: &[&str] = &["impact"];
const ROOT_CAUSE: &[&str] = &["root cause", "root causes", "cause", "causes"];
const SOURCES: &[&str] = &["source", "sources", "references", "reference", "links"];
const TIMELINE: &[&str] = &["timeline", "chronology", "sequence of events"];
/// Most beats a draft takes; more are left out with a note.
const MAX_BEATS: usize = 200;

impl Postmortem {
    fn read(doc: &Doc) -> Result<Postmortem, String> {
        if doc.nodes.is_empty() {
            return Err(
                "the postmortem is empty: it needs a `# Title` heading and a timeline \
                        (lines like `13:42 UTC - what happened`, or a table with a Time column)"
                    .into(),
            );
        }
        let title = doc
            .nodes
            .iter()
            .find_map(|n| match &n.block {
                Block::Heading(HeadingLevel::H1, t) if !t.is_empty() => Some(t.clone()),
                _ => None,
            })
            .or_else(|| {
                doc.nodes.iter().find_map(|n| match &n.block {
                    Block::Heading(_, t) if !t.is_empty() => Some(t.clone()),
                    _ => None,
                })
            });
        let (stamps, zone_hint) = read_timeline(doc);
        let mut missing = Vec::new();
        if title.is_none() {
            missing
                .push("no title found: start the postmortem with a `# Title` heading".to_string());
        }
        if stamps.is_empty() {
            missing.push(
                "no timeline found: add lines like `13:42 UTC - what happened` (in a list, or \
                 under a `## Timeline` heading) or a table with a Time column"
                    .to_string(),
            );
        }
        let Some(title) = title.filter(|_| missing.is_empty()) else {
            return Err(missing.join("; "));
        };

        let doc_date = find_date(doc);
        let date_known = doc_date.is_some() || stamps.iter().any(|(s, _)| s.date.is_some());
        let zone = stamps
            .iter()
            .find_map(|(s, _)| s.zone.clone())
            .or(zone_hint)
            .or_else(|| doc.texts().find_map(|(t, _)| find_zone(&t)));
        let beats = place(&stamps, doc_date);

        let summary = doc.section_text(SUMMARY, true).or_else(|| {
            doc.nodes.iter().find_map(|n| match &n.block {
                Block::Para(t) if parse_beat(first_line(t), false).is_none() && !is_metadata(t) => {
                    Some(clean(t)).filter(|t| !t.is_empty())
                }
                _ => None,
            })
        });
        let url = find_url(doc);
        let (company, company_guessed) = match find_company(doc) {
            Some(c) => (Some(c), false),
            None => match url.as_deref().and_then(company_from_url) {
                Some(c) => (Some(c), true),
                None => (None, false),
            },
        };
        Ok(Postmortem {
            title,
            summary,
            impact: doc.section_text(IMPACT, false),
            root_cause: doc.section_text(ROOT_CAUSE, false),
            url,
            company,
            company_guessed,
            date: doc_date.or_else(|| stamps.iter().find_map(|(s, _)| s.date)),
            date_known,
            zone,
            beats_left_out: stamps.len().saturating_sub(beats.len()),
            beats,
        })
    }
}

fn first_line(t: &str) -> &str {
    t.lines().next().unwrap_or("")
}

/// A paragraph of `Key: value` lines (`Company: Acme`, `Date: 2019-07-02`).
fn is_metadata(t: &str) -> bool {
    t.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        l.split_once(':').is_some_and(|(k, v)| {
            let k = k.trim();
            !k.is_empty()
                && k.split_whitespace().count() <= 3
                && k.chars().all(|c| c.is_alphanumeric() || c == ' ')
                && !v.trim().is_empty()
        })
    })
}

/// Absolute times for the stamps, in order: a stamp without a date takes
/// the previous one's, and a time more than twelve hours earlier than the
/// previous one is on the next day.
fn place(stamps: &[(Stamp, String)], doc_date: Option<Date>) -> Vec<Beat> {
    let first = stamps.iter().find_map(|(s, _)| s.date).or(doc_date);
    let mut day = days(first.unwrap_or(UNDATED_DAY));
    let mut prev: Option<i64> = None;
    let mut beats: Vec<Beat> = Vec::new();
    for (s, text) in stamps.iter().take(MAX_BEATS) {
        let named = s
            .month_day
            .and_then(|(m, d)| ymd(i64::from(from_days(day)?.year()), m, d));
        if let Some(d) = s.date.or(named) {
            day = days(d);
        } else if let Some(p) = prev
            && p - s.secs > 12 * 3600
        {
            day += 1;
        }
        prev = Some(s.secs);
        beats.push(Beat {
            abs: day * DAY + s.secs,
            text: text.clone(),
        });
    }
    beats.sort_by_key(|b| b.abs);
    beats
}

/// The timeline's stamps with their text, and a zone named by a table's
/// header (`Time (UTC)`). Beats under a Timeline heading win; without one,
/// lines anywhere that start with a time and a separator count.
fn read_timeline(doc: &Doc) -> (Vec<(Stamp, String)>, Option<String>) {
    let mut zone = None;
    let collect = |only_timeline: bool, zone: &mut Option<String>| {
        let mut beats: Vec<(Stamp, String)> = Vec::new();
        for n in &doc.nodes {
            let before = beats.len();
            let in_timeline = heading_is(&n.section, TIMELINE);
            if only_timeline && !in_timeline {
                continue;
            }
            match &n.block {
                Block::Para(t) => {
                    let mut from_here = 0;
                    for line in t.lines() {
                        if let Some(b) = parse_beat(line, in_timeline) {
                            beats.push(b);
                            from_here += 1;
                        } else if from_here > 0
                            && let Some((_, text)) = beats.last_mut()
                            && !line.trim().is_empty()
                        {
                            // A continuation line of the beat above.
                            text.push(' ');
                            text.push_str(line.trim());
                        }
                    }
                }
                Block::Item(t) => {
                    let mut lines = t.lines();
                    if let Some(mut b) = lines.next().and_then(|l| parse_beat(l, true)) {
                        for more in lines {
                            b.1.push(' ');
                            b.1.push_str(more.trim());
                        }
                        beats.push(b);
                    }
                }
                Block::Table(rows) => {
                    let (mut found, z) = table_beats(rows);
                    if zone.is_none() {
                        *zone = z;
                    }
                    beats.append(&mut found);
                }
                Block::Heading(..) | Block::Label(_) => {}
            }
            if zone.is_none() && beats.len() > before {
                // `## Timeline (all times PDT)`
                *zone = find_zone(&n.section);
            }
        }
        beats
    };
    let mut beats = collect(true, &mut zone);
    if beats.is_empty() {
        beats = collect(false, &mut zone);
    }
    for (_, text) in &mut beats {
        *text = clean(text);
    }
    beats.retain(|(_, t)| !t.is_empty());
    (beats, zone)
}

/// Beats from a table with a time column: the description is the column
/// named like one, else every other cell.
fn table_beats(rows: &[Vec<String>]) -> (Vec<(Stamp, String)>, Option<String>) {
    let Some((head, body)) = rows.split_first() else {
        return (Vec::new(), None);
    };
    let lower: Vec<String> = head.iter().map(|h| h.to_lowercase()).collect();
    let time_col = lower
        .iter()
        .position(|h| heading_is(h, &["time", "timestamp", "when", "utc"]))
        .or_else(|| {
            // No header says so: the first column whose cells are times.
            (0..head.len()).find(|&c| {
                body.iter()
                    .filter(|r| r.get(c).is_some_and(|x| parse_stamp(x).is_some()))
                    .count()
                    * 2
                    > body.len()
            })
        });
    let Some(time_col) = time_col else {
        return (Vec::new(), None);
    };
    let date_col = lower
        .iter()
        .position(|h| heading_is(h, &["date", "day"]))
        .filter(|&c| c != time_col);
    let text_col = lower.iter().position(|h| {
        heading_is(
            h,
            &[
                "event",
                "events",
                "description",
                "what",
                "what happened",
                "action",
                "details",
                "activity",
                "summary",
            ],
        )
    });
    let zone = head.get(time_col).and_then(|h| find_zone(h));
    let mut beats = Vec::new();
    for row in body {
        let Some(cell) = row.get(time_col) else {
            continue;
        };
        let Some((mut stamp, _)) = parse_stamp(cell) else {
            continue;
        };
        if stamp.date.is_none()
            && let Some(d) = date_col.and_then(|c| row.get(c))
        {
            stamp.date = parse_iso_date(d).map(|(d, _)| d).or_else(|| month_date(d));
        }
        let text = match text_col.and_then(|c| row.get(c)) {
            // Evidence tags in other columns (`[S]`, `[2nd]`) travel with it.
            Some(t) => row
                .iter()
                .enumerate()
                .filter(|(i, c)| Some(*i) != text_col && c.trim_start().starts_with('['))
                .fold(t.clone(), |acc, (_, c)| format!("{acc} {c}")),
            None => row
                .iter()
                .enumerate()
                .filter(|(i, c)| *i != time_col && Some(*i) != date_col && !c.is_empty())
                .map(|(_, c)| c.as_str())
                .collect::<Vec<_>>()
                .join(" - "),
        };
        beats.push((stamp, text));
    }
    (beats, zone)
}

/// A timeline line: a time stamp, then (after a separator such as `-`, `—`
/// or `:`; in a timeline section or a list item, a space is enough) what
/// happened.
fn parse_beat(line: &str, lenient: bool) -> Option<(Stamp, String)> {
    let mut s = line.trim();
    for marker in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = s.strip_prefix(marker) {
            s = rest.trim_start();
            break;
        }
    }
    let (stamp, rest) = parse_stamp(s)?;
    let trimmed = rest.trim_start();
    let mut text = None;
    for sep in ["->", "=>", "-", "–", "—", ":", "|", "~"] {
        if let Some(after) = trimmed.strip_prefix(sep) {
            text = Some(after);
            break;
        }
    }
    let text = match text {
        Some(t) => t,
        None if lenient && rest.starts_with(char::is_whitespace) => trimmed,
        None => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| (stamp, text.to_string()))
}

/// `[2019-07-02] 13:42[:07] [PM] [UTC]` at the start of `s`, with the rest.
fn parse_stamp(s: &str) -> Option<(Stamp, &str)> {
    let mut s = s.trim_start();
    let mut bracket = false;
    for open in ['[', '('] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim_start();
            bracket = true;
        }
    }
    // `~13:31`, `approx. 13:31`: an approximate time is still the time.
    for approx in ["~", "≈", "approx.", "approx", "around", "about", "ca."] {
        if s.len() > approx.len()
            && s.is_char_boundary(approx.len())
            && s[..approx.len()].eq_ignore_ascii_case(approx)
        {
            let rest = s[approx.len()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                s = rest;
                break;
            }
        }
    }
    let mut date = None;
    if let Some((d, rest)) = parse_iso_date(s) {
        date = Some(d);
        s = rest
            .strip_prefix('T')
            .unwrap_or(rest)
            .trim_start_matches([' ', ','])
            .trim_start();
    }
    let mut month_day = None;
    if date.is_none()
        && let Some((year, m, d, rest)) = parse_named_date(s)
    {
        match year.and_then(|y| ymd(y, m, d)) {
            Some(full) => date = Some(full),
            None => month_day = Some((m, d)),
        }
        s = rest.trim_start_matches([' ', ',']);
    }
    let (mut secs, rest) = parse_clock(s)?;
    s = rest;
    // A range (`14:09-14:52`, `14:09 to 14:52`) is stamped with its start.
    {
        let t = s.trim_start();
        for dash in ["-", "–", "—", "to "] {
            if let Some(after) = t.strip_prefix(dash)
                && let Some((_, rest)) = parse_clock(after.trim_start())
            {
                s = rest;
                break;
            }
        }
    }
    // AM/PM.
    let after = s.trim_start();
    let lower = after.to_lowercase();
    for (word, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if lower.starts_with(word)
            && !lower[word.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            let hour = secs / 3600;
            if !(1..=12).contains(&hour) {
                return None;
            }
            secs = match (hour, pm) {
                (12, false) => secs - 12 * 3600,
                (12, true) => secs,
                (_, true) => secs + 12 * 3600,
                _ => secs,
            };
            s = &after[word.len()..];
            break;
        }
    }
    // A zone: `Z` right after the time, or a word such as `UTC`, `(PDT)`.
    let mut zone = None;
    if let Some(rest) = s.strip_prefix('Z')
        && !rest.starts_with(|c: char| c.is_alphanumeric())
    {
        zone = Some("UTC".to_string());
        s = rest;
    } else {
        let after = s.trim_start();
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ']' | ',' | '|' | ';'))
            .unwrap_or(after.len());
        let word = &after[..end];
        let bare = word
            .trim_start_matches('(')
            .trim_end_matches([')', ':', '.']);
        if let Some(z) = zone_of(bare) {
            zone = Some(z);
            let consumed = word.len() - word.trim_end_matches(':').len();
            s = &after[end - consumed..];
            if word.starts_with('(') && !word.contains(')') {
                s = s.trim_start().strip_prefix(')').unwrap_or(s);
            }
        }
    }
    if bracket {
        let t = s.trim_start();
        if let Some(rest) = t.strip_prefix(']').or_else(|| t.strip_prefix(')')) {
            s = rest;
        }
    }
    Some((
        Stamp {
            date,
            month_day,
            secs,
            zone,
        },
        s,
    ))
}

/// `13:42` or `13:42:07` (hours 0-23), with the rest.
fn parse_clock(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let h_len = digits(0);
    if !(1..=2).contains(&h_len) || b.get(h_len) != Some(&b':') {
        return None;
    }
    let m_len = digits(h_len + 1);
    if m_len != 2 {
        return None;
    }
    let num = |from: usize, len: usize| s.get(from..from + len)?.parse::<i64>().ok();
    let (h, m) = (num(0, h_len)?, num(h_len + 1, 2)?);
    let mut end = h_len + 3;
    let mut sec = 0;
    if b.get(end) == Some(&b':') && digits(end + 1) == 2 {
        sec = num(end + 1, 2)?;
        end += 3;
    }
    // `13:42.5` or `13:420` is not a time stamp.
    if b.get(end).is_some_and(|c| c.is_ascii_digit()) || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some((h * 3600 + m * 60 + sec, &s[end..]))
}

/// `YYYY-MM-DD` at the start of `s`, with the rest.
fn parse_iso_date(s: &str) -> Option<(Date, &str)> {
    let b = s.as_bytes();
    if b.len() < 10
        || !b[..4].iter().all(u8::is_ascii_digit)
        || b[4] != b'-'
        || !b[5..7].iter().all(u8::is_ascii_digit)
        || b[7] != b'-'
        || !b[8..10].iter().all(u8::is_ascii_digit)
        || b.get(10).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let date: Date = s.get(..10)?.parse().ok()?;
    (date.year() >= 1000).then_some((date, &s[10..]))
}

/// The first date in `s`: `2019-07-02`, `July 2, 2019` or `2 July 2019`.
fn find_date_in(s: &str) -> Option<Date> {
    let iso = s.char_indices().find_map(|(i, _)| {
        let before = s[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        parse_iso_date(&s[i..]).map(|(d, _)| (i, d))
    });
    let named = month_date_at(s);
    match (iso, named) {
        (Some((i, a)), Some((j, b))) => Some(if i <= j { a } else { b }),
        (Some((_, a)), None) => Some(a),
        (None, Some((_, b))) => Some(b),
        (None, None) => None,
    }
}

fn month_date(s: &str) -> Option<Date> {
    month_date_at(s).map(|(_, d)| d)
}

/// A month's number from its name (`July`, `Jul`, `Sept`).
fn month_of(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.to_lowercase().trim_end_matches(['.', ',']).to_string();
    if w == "sept" {
        return Some(9);
    }
    let i = MONTHS
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(&w)))?;
    u32::try_from(i + 1).ok()
}

/// A day of the month: `2`, `2nd`, `21-22` (the first day of a range).
fn day_of(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w = w
        .split(['-', '–'])
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.']);
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suf| w.strip_suffix(suf))
        .unwrap_or(w);
    w.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(w: &str) -> Option<i64> {
    let w = w.trim_end_matches([',', '.']);
    (w.len() == 4)
        .then(|| w.parse::<i64>().ok())
        .flatten()
        .filter(|y| (1970..=2999).contains(y))
}

/// The first whitespace-separated word of `s`, and the rest.
fn next_word(s: &str) -> (&str, &str) {
    let t = s.trim_start();
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    t.split_at(end)
}

/// `21 Oct`, `Oct 21,` or `October 21, 2018` at the start of `s`: the
/// year (when given), month and day, and the rest.
fn parse_named_date(s: &str) -> Option<(Option<i64>, u32, u32, &str)> {
    let (w1, r1) = next_word(s);
    let (w2, r2) = next_word(r1);
    let (m, d) = match (month_of(w1), day_of(w2), day_of(w1), month_of(w2)) {
        (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => (m, d),
        _ => return None,
    };
    let (w3, r3) = next_word(r2);
    match year_of(w3) {
        Some(y) => Some((Some(y), m, d, r3)),
        None => Some((None, m, d, r2)),
    }
}

/// A date written with a month's name, and the index of the word it starts at.
fn month_date_at(s: &str) -> Option<(usize, Date)> {
    let (month, day, year) = (month_of, day_of, year_of);
    let words: Vec<(usize, &str)> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        let w = |k: usize| words.get(i + k).map_or("", |x| x.1);
        if let (Some(m), Some(d), Some(y)) = (month(w(0)), day(w(1)), year(w(2)))
            && let Some(date) = ymd(y, m, d)
        {
            return Some((words[i].0, date));
        }
        if let (Some(d), Some(m), Some(y)) = (day(w(0)), month(w(1)), year(w(2)))
            && let Some(date) = ymd(y, m, d)
        {
            return Some((words[i].0, date));
        }
    }
    None
}

/// The incident's date: in the title, then anywhere.
fn find_date(doc: &Doc) -> Option<Date> {
    let titles = doc.nodes.iter().filter_map(|n| match &n.block {
        Block::Heading(HeadingLevel::H1, t) => Some(t.clone()),
        _ => None,
    });
    titles
        .chain(doc.texts().map(|(t, _)| t))
        .find_map(|t| find_date_in(&t))
}

/// The zone a word names: `UTC`, `GMT`, `UTC+2`, `+02:00`, or a common
/// abbreviation (`PDT`), as the language writes it.
fn zone_of(word: &str) -> Option<String> {
    let w = word.to_uppercase();
    let fixed = |h: i64| {
        let sign = if h < 0 { '-' } else { '+' };
        format!("{sign}{:02}:00", h.abs())
    };
    match w.as_str() {
        "UTC" | "GMT" | "Z" | "UTC+0" | "UTC+00:00" | "GMT+0" => return Some("UTC".into()),
        "PST" => return Some(fixed(-8)),
        "PDT" | "MST" => return Some(fixed(-7)),
        "MDT" | "CST" => return Some(fixed(-6)),
        "CDT" | "EST" => return Some(fixed(-5)),
        "EDT" => return Some(fixed(-4)),
        "BST" | "CET" => return Some(fixed(1)),
        "CEST" | "EET" => return Some(fixed(2)),
        "EEST" | "MSK" => return Some(fixed(3)),
        "JST" | "KST" => return Some(fixed(9)),
        "AEST" => return Some(fixed(10)),
        "AEDT" => return Some(fixed(11)),
        _ => {}
    }
    // `UTC+2`, `UTC-07:00`, `GMT+5:30`, `+02:00`.
    let rest = w
        .strip_prefix("UTC")
        .or_else(|| w.strip_prefix("GMT"))
        .unwrap_or(&w);
    let prefixed = rest.len() < w.len();
    let (sign, body) = match rest.as_bytes().first() {
        Some(b'+') => ('+', &rest[1..]),
        // A bare `-14:52` is more likely the end of a range than a zone.
        Some(b'-') if prefixed && rest.len() > 1 => ('-', &rest[1..]),
        _ => return None,
    };
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (h, m),
        None => (body, "00"),
    };
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 || body.len() > 5 || (!prefixed && !body.contains(':')) {
        return None;
    }
    if h == 0 && m == 0 {
        return Some("UTC".into());
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

/// The first word in `s` that names a zone (`All times are UTC.`): written
/// in capitals, so the words "est" or "cet" in prose are not zones.
fn find_zone(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '.' | ';'))
        .filter(|w| w.len() >= 3 && !w.chars().any(|c| c.is_lowercase()))
        .find_map(zone_of)
}

/// The postmortem's address: a link in a Source or References section,
/// else the first web link anywhere, else a bare `https://` address.
fn find_url(doc: &Doc) -> Option<String> {
    let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    doc.links
        .iter()
        .find(|(u, sec)| web(u) && heading_is(sec, SOURCES))
        .or_else(|| doc.links.iter().find(|(u, _)| web(u)))
        .map(|(u, _)| clean(u))
        .or_else(|| {
            doc.texts().find_map(|(t, _)| {
                t.split_whitespace()
                    .find(|w| web(w.trim_start_matches(['(', '<', '['])))
                    .map(|w| {
                        w.trim_start_matches(['(', '<', '['])
                            .trim_end_matches([')', '>', ']', '.', ',', ';'])
                            .to_string()
                    })
            })
        })
}

/// A `Company: Name` line.
fn find_company(doc: &Doc) -> Option<String> {
    doc.texts().find_map(|(t, _)| {
        t.lines().find_map(|l| {
            let l = l.trim();
            let (key, value) = l.split_once(':')?;
            let key = key.trim().to_lowercase();
            (matches!(key.as_str(), "company" | "organisation" | "organization")
                && !value.trim().is_empty())
            .then(|| clean(value))
        })
    })
}

/// A company name guessed from a web address: `blog.cloudflare.com` ->
/// `Cloudflare`. None for blogging platforms.
fn company_from_url(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let name = labels[labels.len() - 2].to_lowercase();
    const PLATFORMS: &[&str] = &[
        "medium",
        "substack",
        "github",
        "wordpress",
        "blogspot",
        "dev",
        "notion",
        "google",
        "co",
        "com",
        "example",
    ];
    if PLATFORMS.contains(&name.as_str()) && host != "github.blog" {
        return None;
    }
    let mut c = name.chars();
    let first = c.next()?;
    Some(first.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
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
        assert!(
            text.contains("        diagnosed 14:02 \"Root cause identified as the WAF rule\"\n")
        );
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
        assert!(
            text.contains("// timeline 23:44: Users report failed writes on social media [2nd]\n")
        );
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
}
