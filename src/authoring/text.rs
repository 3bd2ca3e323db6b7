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

/// The evidence tag `[inner]` stands for, as the research digest writes it
/// (`[S]`, `[S*]`, `[2nd]`, `[R]`, `[?]`; `[S\*]` as Markdown escapes it),
/// and whether it says the text is not the company's own statement.
fn evidence_tag(inner: &str) -> Option<(&'static str, bool)> {
    match inner.replace('\\', "").trim().to_lowercase().as_str() {
        "s" => Some(("[S]", false)),
        "s*" => Some(("[S*]", false)),
        "2nd" => Some(("[2nd]", true)),
        "r" => Some(("[R]", true)),
        "?" => Some(("[?]", true)),
        _ => None,
    }
}

/// `text` on one clean line with its evidence tags taken out wherever they
/// stood, the tags (each once, in order) and whether one says the text is
/// not the company's own statement. Other bracketed text stays.
pub(super) fn split_tags(text: &str) -> (String, Vec<&'static str>, bool) {
    let mut out = String::new();
    let mut tags: Vec<&'static str> = Vec::new();
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
        match evidence_tag(&tail[1..close]) {
            Some((tag, second)) => {
                secondary |= second;
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
                // The space before a tag goes with it: `hours [S].` -> `hours.`
                if out.ends_with(' ')
                    && tail[close + 1..].starts_with(|c: char| ",.;:!?)".contains(c))
                {
                    out.pop();
                }
            }
            None => out.push_str(&tail[..=close]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    (clean(&out), tags, secondary)
}

/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "etc.", "vs.", "approx.", "ca.", "cf.", "mr.", "ms.", "dr.", "st.", "no.",
    "inc.", "ltd.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "oct.", "nov.", "dec.", "u.s.",
];

/// The sentences of `s` (one clean line), each with its closing
/// punctuation: a sentence ends at `.`, `!` or `?` before a space or the
/// end, but not after an abbreviation (`e.g.`) or an initial (`J.`).
pub(super) fn sentences(s: &str) -> Vec<String> {
    let s = clean(s);
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        let at_break = iter.peek().is_none_or(|(_, n)| n.is_whitespace());
        if !matches!(c, '.' | '!' | '?') || !at_break {
            continue;
        }
        let so_far = &s[start..end];
        let last_word = so_far.rsplit(' ').next().unwrap_or("").to_lowercase();
        let initial = last_word.chars().count() == 2 && last_word.starts_with(char::is_alphabetic);
        if c == '.' && (ABBREVIATIONS.contains(&last_word.as_str()) || initial) {
            continue;
        }
        out.push(so_far.trim().to_string());
        start = end;
    }
    let tail = s[start..].trim();
    if !tail.is_empty() {
        out.push(tail.to_string());
    }
    out
}

/// The whole sentences of `s` that fit in `max` characters, and whether
/// any were left out. Never cuts inside a sentence: when even the first is
/// longer than `max`, it is kept whole.
pub(super) fn whole_sentences(s: &str, max: usize) -> (String, bool) {
    let all = sentences(s);
    let mut out = String::new();
    for (n, sentence) in all.iter().enumerate() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + sentence.chars().count();
        if n > 0 && len > max {
            return (out, true);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(sentence);
    }
    (out, false)
}

/// As [`whole_sentences`], saying so at the end when sentences were left
/// out, and with the evidence tags of the whole text at its end.
pub(super) fn kept_whole(s: &str, max: usize) -> String {
    let (text, tags, _) = split_tags(s);
    let (mut kept, cut) = whole_sentences(&text, max);
    if cut {
        kept.push_str(" (shortened at a sentence boundary: the postmortem says more)");
    }
    if !tags.is_empty() {
        kept.push(' ');
        kept.push_str(&tags.join(" "));
    }
    kept
}
