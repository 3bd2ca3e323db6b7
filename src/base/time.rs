//! Game time as people read it: durations like `1h5m`.

/// Milliseconds of game time.
pub type Millis = u64;

/// `1h5m`-style text for a duration.
pub fn fmt_ms(ms: Millis) -> String {
    let s = ms / 1000;
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if sec > 0 || out.is_empty() {
        out.push_str(&format!("{sec}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(fmt_ms(0), "0s");
        assert_eq!(fmt_ms(999), "0s");
        assert_eq!(fmt_ms(90_000), "1m30s");
        assert_eq!(fmt_ms(3_600_000), "1h");
        assert_eq!(fmt_ms(3_905_000), "1h5m5s");
    }
}
