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
    /// The beat's words, evidence tags taken out (they go at the line's end).
    pub(super) what: String,
    /// Its evidence tags (`[S]`, `[2nd]`...), each once.
    pub(super) tags: Vec<&'static str>,
    /// Tagged `[2nd]`, `[R]` or `[?]`: not the company's own statement.
    pub(super) secondary: bool,
}

/// A timeline beat as a commented trigger stub.
#[derive(Debug, Clone)]
pub(super) struct Stub {
    /// Game seconds from the start: the real offset, or the compressed one.
    pub(super) at: i64,
    pub(super) clock: String,
    /// Its words, evidence tags at the end.
    pub(super) what: String,
    /// Its evidence tags, for the `source` note.
    pub(super) tags: Vec<&'static str>,
}

/// How a long real timeline is fitted into a playable drill.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Compression {
    /// Seconds from the first beat to the last, in the real incident.
    pub(super) real: i64,
    /// Game seconds the beats are spread over in the draft.
    pub(super) game: i64,
}

impl Compression {
    /// Real seconds per game second.
    pub(super) fn factor(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // seconds of an incident: far below 2^52
        let f = self.real as f64 / self.game.max(1) as f64;
        f
    }
}

/// The longest drill the draft makes without compressing the timeline:
/// an hour of game time, 30 minutes of play at speed 2.
pub(super) const LONGEST_UNCOMPRESSED: i64 = 60 * 60;
/// A compressed drill: 50 game minutes (25 of play at speed 2), the first
/// beat at T+2m and the last at T+40m, ten minutes left to finish.
pub(super) const COMPRESSED_DURATION: i64 = 50 * 60;
pub(super) const COMPRESSED_FIRST: i64 = 2 * 60;
pub(super) const COMPRESSED_LAST: i64 = 40 * 60;

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
    /// Estimated play time, 15 to 30.
    pub(super) minutes: i64,
    /// How a long real timeline was fitted in, if it was.
    pub(super) compression: Option<Compression>,
    /// What the author should know before playing: on stderr and in the draft.
    pub(super) warnings: Vec<String>,
    /// The summary's evidence tags, shown after it as a comment.
    pub(super) summary_tags: Vec<&'static str>,
    /// A note above the summary (a first sentence too long for the picker).
    pub(super) summary_note: Option<String>,
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
            tags: Vec::new(),
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
            minutes: 15,
            compression: None,
            warnings: Vec::new(),
            summary_tags: Vec::new(),
            summary_note: None,
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
            Some(s) => plan.summary_of(s),
            None => format!(
                "A drill from the postmortem \"{}\".",
                shorten(&pm.title, 100)
            ),
        };
        if let Some(s) = &pm.summary {
            plan.notes.push(("Summary", kept_whole(s, 4000)));
        }
        plan.impact = pm.impact.as_deref().map(|i| kept_whole(i, 4000));
        plan.url = pm.url.clone().filter(|u| u.len() <= 2000);
        plan.beats_left_out = pm.beats_left_out;
        plan.company = pm.company.clone();
        plan.company_guessed = pm.company_guessed;
        plan.pm_date = pm.date;
        if let Some(rc) = &pm.root_cause {
            plan.root_cause = rc
                .split("\n\n")
                .map(|p| kept_whole(p, 20_000))
                .filter(|p| !p.is_empty())
                .collect();
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
        plan.fit(start_abs, first, last);
        plan.responders = beats
            .iter()
            .map(|b| {
                let when = if b.abs.div_euclid(DAY) == start_day {
                    clock(b.abs)
                } else {
                    offset(b.abs - start_abs)
                };
                let (what, tags, secondary) = split_tags(&b.text);
                Responder {
                    kind: if secondary { None } else { classify(&what) },
                    when,
                    what: kept_whole(&what, 200),
                    tags,
                    secondary,
                }
            })
            .collect();
        plan.stubs = beats
            .iter()
            .map(|b| Stub {
                at: plan.game_offset(b.abs, start_abs, first),
                clock: dated_clock(b.abs, start_day),
                what: kept_whole(&b.text, 500),
                tags: split_tags(&b.text).1,
            })
            .collect();
        plan
    }

    /// The header's summary: the postmortem summary's first whole
    /// sentences (160 characters or so), its evidence tags set aside for a
    /// comment after it, and a note when even one sentence is longer.
    fn summary_of(&mut self, text: &str) -> String {
        let (words, tags, _) = split_tags(text);
        self.summary_tags = tags;
        let (summary, _) = whole_sentences(&words, 160);
        if summary.chars().count() > 160 {
            self.summary_note = Some(format!(
                "The postmortem's first sentence is {} characters long and kept whole: \
                 the picker shows one short sentence, so shorten it in your words.",
                summary.chars().count()
            ));
        }
        summary
    }

    /// The drill's length, play time and timeline scale: the real timeline
    /// as it is when it fits in an hour of game time (30 minutes of play);
    /// else compressed into a 50-minute drill, with a note of the scale,
    /// and a warning when the real incident spans hours or days.
    fn fit(&mut self, start_abs: i64, first: i64, last: i64) {
        // The timeline plus a margin of a quarter (at least ten minutes),
        // rounded up to five minutes, and never shorter than the example story.
        let span = last - start_abs;
        let margin = (span / 4).max(600);
        let total = ((span + margin + 299) / 300 * 300).max(30 * 60);
        if total <= LONGEST_UNCOMPRESSED {
            self.duration = total;
            self.minutes = (total / 120).clamp(15, 30);
            return;
        }
        let real = last - first;
        let c = Compression {
            real,
            game: COMPRESSED_LAST - COMPRESSED_FIRST,
        };
        self.duration = COMPRESSED_DURATION;
        self.minutes = COMPRESSED_DURATION / 120;
        let spans = if real >= DAY {
            Some(format!("{} days", (real + DAY / 2) / DAY))
        } else if real >= 2 * 3600 {
            Some(format!("{} hours", (real + 1800) / 3600))
        } else {
            None
        };
        if let Some(spans) = spans {
            self.warnings.push(format!(
                "the real incident spans about {spans} ({} from the first beat to the last); \
                 the draft compresses it into {} game minutes, 1 game minute for about {}: \
                 keep the beats a player acts on and let the long waits pass off screen, or \
                 drill one phase of the incident",
                duration(real),
                c.game / 60,
                real_per_game_minute(&c),
            ));
        }
        self.compression = Some(c);
    }

    /// Where a beat at `abs` goes in the drill: its real offset from the
    /// start, or, compressed, its place between T+2m and T+40m (to 10 s).
    pub(super) fn game_offset(&self, abs: i64, start_abs: i64, first: i64) -> i64 {
        let Some(c) = &self.compression else {
            return abs - start_abs;
        };
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let game = ((abs - first) as f64 / c.factor() / 10.0).round() as i64 * 10;
        COMPRESSED_FIRST + game.clamp(0, c.game)
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

/// Real time per game minute, for notes: `16 real minutes`, `2h10m`.
pub(super) fn real_per_game_minute(c: &Compression) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let secs = (c.factor() * 60.0).round() as i64;
    if secs < 3600 {
        format!("{} real minutes", (secs + 30) / 60)
    } else {
        format!("{} of real time", duration((secs + 30) / 60 * 60))
    }
}

/// A beat's clock time, with its date when it is not on the start's day
/// (`2021-03-07 08:00`): a timeline of days reads unambiguously.
pub(super) fn dated_clock(abs: i64, start_day: i64) -> String {
    let day = abs.div_euclid(DAY);
    match from_days(day).filter(|_| day != start_day) {
        Some(date) => format!("{date} {}", clock(abs)),
        None => clock(abs),
    }
}
