//! Word wrap by display width, so text with wide characters (CJK, emoji)
//! lines up in panes and in the 80-column debrief; and the characters that
//! change how text reads without showing themselves; big numbers grouped by
//! thousands, so a limit reads at a glance.

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

/// The words of `text` wrapped to lines at most `width` columns wide, as a
/// terminal shows them. Words are split at spaces only (never at hyphens, so
/// `prod-eng` stays whole), a word wider than `width` gets a line of its
/// own, and a line break in `text` starts a new line. Text with no words
/// gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    lines(text, width, false)
}

/// As [`wrap`], for a pane of fixed width: a word wider than the pane (a
/// long path or address) is broken across lines instead of running off its
/// edge, and empty text still takes its line, as a blank line would.
pub fn wrap_to_fit(text: &str, width: usize) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    lines(text, width, true)
}

/// As [`wrap_to_fit`], each row after the first starting with `indent`
/// (a list item's text, or an indented line, keeping its column).
pub fn wrap_hanging(text: &str, width: usize, indent: &str) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    let options = Options::new(width.max(1))
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true)
        .subsequent_indent(indent);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn lines(text: &str, width: usize, break_words: bool) -> Vec<String> {
    let options = Options::new(width.max(1))
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(break_words);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// `text` cut to at most `width` columns as a terminal shows them, ending
/// with `…` when cut (wide characters count two).
pub fn truncate(text: &str, width: usize) -> String {
    use textwrap::core::display_width;
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut buf));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Bidirectional embeddings, overrides (U+202A to U+202E) and isolates
/// (U+2066 to U+2069): they reorder the characters that follow them.
pub fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Every bidirectional control: the overrides and isolates, and the marks
/// (left-to-right U+200E, right-to-left U+200F, Arabic letter U+061C).
pub fn is_bidi_control(c: char) -> bool {
    is_bidi_override(c) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters with no width: the zero-width space and joiners (U+200B to
/// U+200D), the word joiner (U+2060) and the zero-width no-break space
/// (U+FEFF, also the byte order mark).
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Tag characters (U+E0000 to U+E007F): invisible copies of ASCII.
pub fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0000}'..='\u{E007F}')
}

/// What an invisible character is, in words, if `c` is one: a
/// bidirectional control, a zero-width character or a tag character. Two
/// names or texts that differ only by these look the same to a reader.
pub fn invisible(c: char) -> Option<&'static str> {
    if is_bidi_control(c) {
        Some("bidirectional control")
    } else if is_zero_width(c) {
        Some("zero-width character")
    } else if is_tag(c) {
        Some("tag character")
    } else {
        None
    }
}

/// `n` with its digits grouped by thousands: `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_wrap_keeps_the_column_of_its_continuation_rows() {
        assert_eq!(
            wrap_hanging("- one two three four", 10, "  "),
            vec!["- one two", "  three", "  four"]
        );
        assert_eq!(wrap_hanging("", 10, "  "), vec![String::new()]);
        // A pane narrower than the indent still wraps, without panicking.
        assert!(!wrap_hanging("abc def", 1, "    ").is_empty());
    }

    #[test]
    fn invisible_characters_are_named_by_kind() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(
                invisible(c),
                Some("bidirectional control"),
                "{:X}",
                c as u32
            );
        }
        for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            assert_eq!(invisible(c), Some("zero-width character"), "{:X}", c as u32);
        }
        for c in ['\u{E0000}', '\u{E0041}', '\u{E007F}'] {
            assert_eq!(invisible(c), Some("tag character"), "{:X}", c as u32);
        }
        for c in [
            'a',
            ' ',
            '\u{00A0}',
            '\u{2010}',
            '\u{2061}',
            '\u{E0080}',
            '\u{0600}',
            'é',
            '日',
        ] {
            assert_eq!(invisible(c), None, "{:X}", c as u32);
        }
        assert!(is_bidi_override('\u{202D}') && !is_bidi_override('\u{200F}'));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_999_000), "1,999,000");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn a_pane_breaks_words_too_wide_for_it_and_keeps_blank_lines() {
        assert_eq!(
            wrap_to_fit("see /var/log/thumbs", 6),
            ["see", "/var/l", "og/thu", "mbs"]
        );
        assert_eq!(wrap_to_fit("", 6), [""]);
        assert_eq!(wrap_to_fit("a\n\nb", 6), ["a", "", "b"]);
        assert_eq!(
            wrap_to_fit("日本語のテキスト", 6),
            ["日本語", "のテキ", "スト"]
        );
    }

    #[test]
    fn fills_lines_greedily_up_to_the_width() {
        assert_eq!(
            wrap("the quick brown fox jumps over", 10),
            ["the quick", "brown fox", "jumps over"]
        );
        assert_eq!(wrap("exactly ten", 11), ["exactly ten"]);
    }

    #[test]
    fn counts_display_width_not_characters() {
        // Each of these characters is two columns wide.
        assert_eq!(wrap("日本語 日本語", 8), ["日本語", "日本語"]);
        assert_eq!(wrap("日本語 日本語", 13), ["日本語 日本語"]);
    }

    #[test]
    fn keeps_long_and_hyphenated_words_whole() {
        assert_eq!(
            wrap("a supercalifragilistic word", 6),
            ["a", "supercalifragilistic", "word"]
        );
        assert_eq!(wrap("team prod-eng", 9), ["team", "prod-eng"]);
    }

    #[test]
    fn blank_text_gives_no_lines() {
        assert!(wrap("", 10).is_empty());
        assert!(wrap("   ", 10).is_empty());
    }
}
