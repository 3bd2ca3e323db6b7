//! Text helpers for the scaffold writer: one clean line, string literals,
//! wrapped comments and text blocks.

use super::*;

/// One line of plain text: forbidden characters and line breaks become
/// spaces, runs of spaces collapse.
pub(super) fn clean(s: &str) -> String {
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
pub(super) fn shorten(s: &str, max: usize) -> String {
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
pub(super) fn literal(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

/// A quoted string of the language holding `s` literally.
pub(super) fn quoted(s: &str) -> String {
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
pub(super) fn wrap(s: &str, width: usize) -> Vec<String> {
    crate::base::text::wrap(&clean(s), width)
}

/// `text` as `//` comment lines, wrapped.
pub(super) fn comment(out: &mut String, text: &str) {
    for l in wrap(text, 74) {
        let _ = writeln!(out, "// {l}");
    }
}

/// The body and the closing `"""` of a text block, holding `paragraphs`
/// literally (the caller writes the opening `"""`).
pub(super) fn text_block(out: &mut String, indent: &str, paragraphs: &[String]) {
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
