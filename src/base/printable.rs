//! Making untrusted text safe for a terminal or a Markdown file: the one
//! place that says which characters must never reach them raw, and how they
//! are shown instead. Scenario files, transcripts and notes are untrusted:
//! an escape sequence in them could retitle a window or clear a screen.

/// Whether `c` must never be printed raw: control characters (C0 but line
/// break and tab, DEL, C1) and the bidirectional overrides and isolates,
/// which make text read in another order than it is written.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || super::text::is_bidi_override(c)
}

/// `s` with every forbidden character made visible as `\u{..}` text
/// (`"a\u{1b}[2J"` prints as `a\u{1b}[2J`, harmless). Text with none is
/// returned as it is.
pub fn printable(s: &str) -> String {
    if !s.chars().any(is_forbidden_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_forbidden_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_and_override_is_made_visible() {
        let hostile = "\u{1b}]0;x\u{7}\u{1b}[2J\u{8}\r\u{9b}\u{7f}\u{202e}\u{2066}";
        let shown = printable(hostile);
        assert!(!shown.chars().any(is_forbidden_char), "{shown}");
        assert_eq!(printable("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(printable("line\n\ttab é 日本"), "line\n\ttab é 日本");
    }
}
