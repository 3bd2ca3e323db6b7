//! Reading a postmortem: its summary, impact, root cause, sources, company,
//! date and the timeline's beats placed on a line of days.

use super::*;

/// A timeline beat.
#[derive(Debug, Clone)]
pub(super) struct Beat {
    /// Seconds since 1970-01-01 in the incident's zone.
    pub(super) abs: i64,
    pub(super) text: String,
}

/// A time stamp at the start of a line or cell.
#[derive(Debug, Clone)]
pub(super) struct Stamp {
    pub(super) date: Option<Date>,
    /// A month and day with no year (`21 Oct 22:52`).
    pub(super) month_day: Option<(u32, u32)>,
    pub(super) secs: i64,
    pub(super) zone: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Postmortem {
    pub(super) title: String,
    pub(super) summary: Option<String>,
    pub(super) impact: Option<String>,
    pub(super) root_cause: Option<String>,
    pub(super) url: Option<String>,
    pub(super) company: Option<String>,
    pub(super) company_guessed: bool,
    pub(super) date: Option<Date>,
    pub(super) date_known: bool,
    pub(super) zone: Option<String>,
    /// Sorted by time; never empty.
    pub(super) beats: Vec<Beat>,
    pub(super) beats_left_out: usize,
}

pub(super) const SUMMARY: &[&str] = &["summary", "tl;dr", "tldr", "overview", "abstract"];
pub(super) const IMPACT: &[&str] = &["impact"];
pub(super) const ROOT_CAUSE: &[&str] = &["root cause", "root causes", "cause", "causes"];
pub(super) const SOURCES: &[&str] = &["source", "sources", "references", "reference", "links"];
pub(super) const TIMELINE: &[&str] = &["timeline", "chronology", "sequence of events"];
/// Most beats a draft takes; more are left out with a note.
pub(super) const MAX_BEATS: usize = 200;

impl Postmortem {
    /// Reads what a draft needs from a postmortem; fails with a message
    /// naming what is missing (a title, or any timeline to place).
    pub(super) fn read(doc: &Doc) -> Result<Postmortem, String> {
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

/// The first line of `t`.
pub(super) fn first_line(t: &str) -> &str {
    t.lines().next().unwrap_or("")
}

/// A paragraph of `Key: value` lines (`Company: Acme`, `Date: 2019-07-02`).
pub(super) fn is_metadata(t: &str) -> bool {
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
pub(super) fn place(stamps: &[(Stamp, String)], doc_date: Option<Date>) -> Vec<Beat> {
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
pub(super) fn read_timeline(doc: &Doc) -> (Vec<(Stamp, String)>, Option<String>) {
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
pub(super) fn table_beats(rows: &[Vec<String>]) -> (Vec<(Stamp, String)>, Option<String>) {
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

/// The postmortem's address: a link in a Source or References section,
/// else the first web link anywhere, else a bare `https://` address.
pub(super) fn find_url(doc: &Doc) -> Option<String> {
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
pub(super) fn find_company(doc: &Doc) -> Option<String> {
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
pub(super) fn company_from_url(url: &str) -> Option<String> {
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
