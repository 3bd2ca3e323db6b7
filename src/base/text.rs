//! Word wrap by display width, so text with wide characters (CJK, emoji)
//! lines up in panes and in the 80-column debrief; big numbers grouped by
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
