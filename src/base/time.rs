//! How game time is written: durations (`1h5m`), offsets from the start of
//! the incident (`T+7m20s`) and the incident's wall clock (`13:47:00`).
//! Durations and offsets use the `.drill` language's own syntax, so what the
//! game shows can be pasted back into a scenario.

/// Milliseconds of game time.
pub type Millis = u64;

/// A duration in the language's syntax, to the second: `90s` is `1m30s`,
/// `3_900_000` ms is `1h5m`, and anything under a second is `0s`.
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let mut out = String::new();
    if h > 0 {
        out += &h.to_string();
        out.push('h');
    }
    if m > 0 {
        out += &m.to_string();
        out.push('m');
    }
    if sec > 0 || out.is_empty() {
        out += &sec.to_string();
        out.push('s');
    }
    out
}

/// Milliseconds of a duration such as `1h30m` or `250ms`; `None` on overflow.
pub fn parse_duration(s: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut num: u64 = 0;
    let mut chars = s.chars().peekable();
    let mut saw_digit = false;
    while let Some(c) = chars.next() {
        if let Some(d) = c.to_digit(10) {
            num = num.checked_mul(10)?.checked_add(u64::from(d))?;
            saw_digit = true;
            continue;
        }
        let factor = match c {
            'h' => 3_600_000,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            'm' => 60_000,
            's' => 1000,
            _ => return None,
        };
        if !saw_digit {
            return None;
        }
        total = total.checked_add(num.checked_mul(factor)?)?;
        num = 0;
        saw_digit = false;
    }
    if saw_digit {
        return None;
    }
    // Beyond a year is never meant, and keeps later arithmetic far from overflow.
    (total <= 366 * 24 * 3_600_000).then_some(total)
}

/// A clock time (`13:47`, `13:47:20`) in seconds past midnight.
pub fn clock_secs(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s
        .trim()
        .split(':')
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match parts[..] {
        [h, m] => (h, m, 0),
        [h, m, sec] => (h, m, sec),
        _ => return None,
    };
    (h <= 23 && m <= 59 && sec <= 59).then_some(h * 3600 + m * 60 + sec)
}

/// A moment of a game, as a player writes it: an offset from the drill's
/// start (`T+7m20s`, `+7m`, `7m`, `T+0`), or the incident's clock (`13:47`,
/// `13:47:20`; the next day's when it is before the drill's start, whose
/// clock is `start_secs` after midnight). `Err` says what is accepted.
pub fn parse_moment(s: &str, start_secs: u32) -> Result<u64, String> {
    let s = s.trim();
    let bad = || {
        format!(
            "`{}` is not a moment: write it as an offset from the start (T+7m, T+7m20s) or as the incident's clock (13:47)",
            crate::base::printable::printable(s)
        )
    };
    if s.contains(':') {
        let of_day = clock_secs(s).ok_or_else(bad)?;
        let secs = (of_day + 86_400 - start_secs % 86_400) % 86_400;
        return Ok(u64::from(secs) * 1000);
    }
    let offset = s.strip_prefix("T").unwrap_or(s);
    let offset = offset.strip_prefix('+').unwrap_or(offset);
    match offset {
        "" => Err(bad()),
        "0" => Ok(0),
        _ => parse_duration(offset).ok_or_else(bad),
    }
}

/// A duration to the millisecond, as [`parse_duration`] reads it back:
/// `1h30m`, `90s` is `1m30s`, `1500ms` is `1s500ms`, and nothing is `0s`.
pub fn duration_exact(ms: u64) -> String {
    let rest = ms % 1000;
    if rest == 0 {
        return duration(ms);
    }
    let whole = if ms >= 1000 {
        duration(ms)
    } else {
        String::new()
    };
    format!("{whole}{rest}ms")
}

/// An offset from the start of the incident: `T+7m20s`, `T-5m`, and `T+0`
/// for anything within a second of the start (as the language writes it).
pub fn offset(ms: i64) -> String {
    if ms.unsigned_abs() < 1000 {
        return "T+0".into();
    }
    let sign = if ms < 0 { '-' } else { '+' };
    format!("T{sign}{}", duration(ms.unsigned_abs()))
}

/// A time of day from seconds since midnight (wrapping past midnight):
/// `13:47:05`, or `13:47` without seconds.
pub fn time_of_day(secs: u64, seconds: bool) -> String {
    let s = secs % 86_400;
    if seconds {
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    }
}

/// The incident's clock `ms` after (or before) a start at `start_secs`
/// past midnight: `13:47:05`, with ` (+1d)` or ` (-1d)` off the first day.
pub fn clock_at(start_secs: u32, ms: i64, seconds: bool) -> String {
    let total = i64::from(start_secs) + ms.div_euclid(1000);
    let day = total.div_euclid(86_400);
    let mut out = time_of_day(total.rem_euclid(86_400).unsigned_abs(), seconds);
    if day != 0 {
        out += &format!(" ({day:+}d)");
    }
    out
}

/// `date` (`YYYY-MM-DD`) moved on by `days`, in the proleptic Gregorian
/// calendar; a date that does not read is given back as it is.
pub fn add_days(date: &str, days: u64) -> String {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_string();
    };
    let Ok(days) = i64::try_from(days) else {
        return date.to_string();
    };
    let (y, m, d) = civil(day_number(y, m, d) + days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (the inverse of [`day_number`]).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_on_across_months_years_and_leap_days() {
        assert_eq!(add_days("2016-12-31", 0), "2016-12-31");
        assert_eq!(add_days("2016-12-31", 1), "2017-01-01");
        assert_eq!(add_days("2020-02-28", 1), "2020-02-29");
        assert_eq!(add_days("2019-02-28", 1), "2019-03-01");
        assert_eq!(add_days("2017-01-31", 1), "2017-02-01");
        assert_eq!(add_days("not a date", 3), "not a date");
    }

    #[test]
    fn durations_use_the_language_syntax() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(999), "0s");
        assert_eq!(duration(90_000), "1m30s");
        assert_eq!(duration(120_000), "2m");
        assert_eq!(duration(3_900_000), "1h5m");
        assert_eq!(duration(3_600_000 + 5_000), "1h5s");
    }

    #[test]
    fn offsets_have_a_sign_and_a_zero() {
        assert_eq!(offset(0), "T+0");
        assert_eq!(offset(-999), "T+0");
        assert_eq!(offset(440_000), "T+7m20s");
        assert_eq!(offset(-300_000), "T-5m");
    }

    #[test]
    fn clocks_wrap_and_mark_other_days() {
        assert_eq!(time_of_day(49_625, true), "13:47:05");
        assert_eq!(time_of_day(86_400 + 60, false), "00:01");
        assert_eq!(clock_at(49_500, 5_000, true), "13:45:05");
        assert_eq!(clock_at(86_340, 120_000, false), "00:01 (+1d)");
        assert_eq!(clock_at(60, -120_000, false), "23:59 (-1d)");
    }

    #[test]
    fn moments_read_as_offsets_or_the_incidents_clock() {
        let start = 13 * 3600 + 40 * 60;
        assert_eq!(parse_moment("T+7m", start), Ok(420_000));
        assert_eq!(parse_moment("+7m20s", start), Ok(440_000));
        assert_eq!(parse_moment("7m", start), Ok(420_000));
        assert_eq!(parse_moment("T+0", start), Ok(0));
        assert_eq!(parse_moment("13:47", start), Ok(420_000));
        assert_eq!(parse_moment("13:47:20", start), Ok(440_000));
        assert_eq!(parse_moment("00:10", 23 * 3600), Ok(4_200_000));
        for bad in ["soon", "T-5m", "25:00", "13:61", "1:2:3:4", ""] {
            assert!(parse_moment(bad, start).is_err(), "{bad}");
        }
    }
}
