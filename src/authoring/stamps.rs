//! Dates and times: calendar dates on jiff, the time formats a scenario is
//! written with, and the timestamps, dates and zones a postmortem's
//! timeline is written with (`13:42 UTC`, `July 2, 2019`, `21 Oct 22:52`).

use super::*;

/// The first day counted by [`days`].
pub(super) const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// The date the example scenario is set on.
pub(super) const EXAMPLE_DAY: Date = jiff::civil::date(2024, 3, 14);

/// The day a timeline with no date at all is placed on.
pub(super) const UNDATED_DAY: Date = jiff::civil::date(2024, 1, 1);

/// A calendar date written in a postmortem, if it is a real day of a
/// four-digit year (so that it prints as `YYYY-MM-DD`).
pub(super) fn ymd(y: i64, m: u32, d: u32) -> Option<Date> {
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
pub(super) fn days(d: Date) -> i64 {
    EPOCH.until(d).map_or(0, |s| i64::from(s.get_days()))
}

/// The date `n` days after 1970-01-01, if it is one jiff can represent.
pub(super) fn from_days(n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    EPOCH.checked_add(span).ok()
}

pub(super) const DAY: i64 = 86_400;

/// `13:42`, or `13:42:07` when there are seconds.
pub(super) fn clock(secs: i64) -> String {
    let s = secs.rem_euclid(DAY);
    if s % 60 == 0 {
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// Milliseconds of a whole number of seconds, for the shared time
/// formatters (a negative count is treated as zero).
pub(super) fn ms(secs: i64) -> u64 {
    u64::try_from(secs).unwrap_or(0).saturating_mul(1000)
}

/// A duration in the language's syntax: `2m`, `1h5m`, `1m30s`.
pub(super) fn duration(secs: i64) -> String {
    crate::base::time::duration(ms(secs))
}

/// An offset in the language's syntax: `T+0`, `T+2m`, `T+1h5m`.
pub(super) fn offset(secs: i64) -> String {
    crate::base::time::offset(i64::try_from(ms(secs)).unwrap_or(i64::MAX))
}

/// A timeline line: a time stamp, then (after a separator such as `-`, `—`
/// or `:`; with `lenient`, as in a timeline section or a list item, a space
/// is enough) what happened.
pub(super) fn parse_beat(line: &str, lenient: bool) -> Option<(Stamp, String)> {
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
pub(super) fn parse_stamp(s: &str) -> Option<(Stamp, &str)> {
    let (s, bracket) = stamp_lead(s);
    let (date, month_day, s) = stamp_date(s);
    let (secs, s) = parse_clock(s)?;
    let s = skip_range_end(s);
    let (secs, s) = am_pm(secs, s)?;
    let (zone, mut s) = stamp_zone(s);
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

/// What may come before a stamp: an opening bracket (whether there was
/// one is returned, so its closing one is taken after the stamp) and an
/// approximation: `~13:31`, `approx. 13:31` is still the time.
fn stamp_lead(s: &str) -> (&str, bool) {
    let mut s = s.trim_start();
    let mut bracket = false;
    for open in ['[', '('] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.trim_start();
            bracket = true;
        }
    }
    for approx in ["~", "≈", "approx.", "approx", "around", "about", "ca."] {
        if s.len() > approx.len()
            && s.is_char_boundary(approx.len())
            && s[..approx.len()].eq_ignore_ascii_case(approx)
        {
            let rest = s[approx.len()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return (rest, bracket);
            }
        }
    }
    (s, bracket)
}

/// A date before the time: `2019-07-02[T]`, `July 2, 2019` or, without a
/// year, `21 Oct` (a month and day placed on the timeline's year later).
fn stamp_date(s: &str) -> (Option<Date>, Option<(u32, u32)>, &str) {
    if let Some((d, rest)) = parse_iso_date(s) {
        let rest = rest
            .strip_prefix('T')
            .unwrap_or(rest)
            .trim_start_matches([' ', ','])
            .trim_start();
        return (Some(d), None, rest);
    }
    if let Some((year, m, d, rest)) = parse_named_date(s) {
        let rest = rest.trim_start_matches([' ', ',']);
        return match year.and_then(|y| ymd(y, m, d)) {
            Some(full) => (Some(full), None, rest),
            None => (None, Some((m, d)), rest),
        };
    }
    (None, None, s)
}

/// The end of a range (`14:09-14:52`, `14:09 to 14:52`) after its start: a
/// range is stamped with its start.
fn skip_range_end(s: &str) -> &str {
    let t = s.trim_start();
    for dash in ["-", "–", "—", "to "] {
        if let Some(after) = t.strip_prefix(dash)
            && let Some((_, rest)) = parse_clock(after.trim_start())
        {
            return rest;
        }
    }
    s
}

/// `secs` read on a 24-hour clock, corrected by an `am`/`pm` after it;
/// `None` when an hour outside 1-12 has one.
fn am_pm(secs: i64, s: &str) -> Option<(i64, &str)> {
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
            let secs = match (hour, pm) {
                (12, false) => secs - 12 * 3600,
                (12, true) => secs,
                (_, true) => secs + 12 * 3600,
                _ => secs,
            };
            return Some((secs, &after[word.len()..]));
        }
    }
    Some((secs, s))
}

/// A zone after the time: `Z` right after it, or a word such as `UTC` or
/// `(PDT)`, as an offset or name `start` accepts.
fn stamp_zone(s: &str) -> (Option<String>, &str) {
    if let Some(rest) = s.strip_prefix('Z')
        && !rest.starts_with(|c: char| c.is_alphanumeric())
    {
        return (Some("UTC".to_string()), rest);
    }
    let after = s.trim_start();
    let end = after
        .find(|c: char| c.is_whitespace() || matches!(c, ']' | ',' | '|' | ';'))
        .unwrap_or(after.len());
    let word = &after[..end];
    let bare = word
        .trim_start_matches('(')
        .trim_end_matches([')', ':', '.']);
    let Some(z) = zone_of(bare) else {
        return (None, s);
    };
    let consumed = word.len() - word.trim_end_matches(':').len();
    let mut rest = &after[end - consumed..];
    if word.starts_with('(') && !word.contains(')') {
        rest = rest.trim_start().strip_prefix(')').unwrap_or(rest);
    }
    (Some(z), rest)
}

/// `13:42` or `13:42:07` (hours 0-23), with the rest.
pub(super) fn parse_clock(s: &str) -> Option<(i64, &str)> {
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
    if b.get(end).is_some_and(u8::is_ascii_digit) || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some((h * 3600 + m * 60 + sec, &s[end..]))
}

/// `YYYY-MM-DD` at the start of `s`, with the rest.
pub(super) fn parse_iso_date(s: &str) -> Option<(Date, &str)> {
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
pub(super) fn find_date_in(s: &str) -> Option<Date> {
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

/// The first `July 2, 2019` or `2 July 2019` in `s`.
pub(super) fn month_date(s: &str) -> Option<Date> {
    month_date_at(s).map(|(_, d)| d)
}

/// A month's number from its name (`July`, `Jul`, `Sept`).
pub(super) fn month_of(w: &str) -> Option<u32> {
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
pub(super) fn day_of(w: &str) -> Option<u32> {
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

/// A four-digit year word, with a trailing `,` or `.` allowed.
pub(super) fn year_of(w: &str) -> Option<i64> {
    let w = w.trim_end_matches([',', '.']);
    (w.len() == 4)
        .then(|| w.parse::<i64>().ok())
        .flatten()
        .filter(|y| (1970..=2999).contains(y))
}

/// The first whitespace-separated word of `s`, and the rest.
pub(super) fn next_word(s: &str) -> (&str, &str) {
    let t = s.trim_start();
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    t.split_at(end)
}

/// `21 Oct`, `Oct 21,` or `October 21, 2018` at the start of `s`: the
/// year (when given), month and day, and the rest.
pub(super) fn parse_named_date(s: &str) -> Option<(Option<i64>, u32, u32, &str)> {
    let (w1, r1) = next_word(s);
    let (w2, r2) = next_word(r1);
    let ((Some(m), Some(d), _, _) | (_, _, Some(d), Some(m))) =
        (month_of(w1), day_of(w2), day_of(w1), month_of(w2))
    else {
        return None;
    };
    let (w3, r3) = next_word(r2);
    match year_of(w3) {
        Some(y) => Some((Some(y), m, d, r3)),
        None => Some((None, m, d, r2)),
    }
}

/// A date written with a month's name, and the index of the word it starts at.
pub(super) fn month_date_at(s: &str) -> Option<(usize, Date)> {
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
pub(super) fn find_date(doc: &Doc) -> Option<Date> {
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
pub(super) fn zone_of(word: &str) -> Option<String> {
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
pub(super) fn find_zone(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '.' | ';'))
        .filter(|w| w.len() >= 3 && !w.chars().any(char::is_lowercase))
        .find_map(zone_of)
}
