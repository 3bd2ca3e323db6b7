//! Completion of the language's own words: block keywords at column 0,
//! the properties of the block the cursor is in (from the parser's tables),
//! and metric units after `unit `.

use crate::lang::parser::line_words;
use crate::scenario::UNIT_WORDS;
use lsp_types::{CompletionItem, CompletionItemKind};

/// What fits where the cursor is, from the text before it on its line and
/// the lines above it.
pub fn words(text: &str, line: usize, before: &str) -> Vec<CompletionItem> {
    let indent = before.len() - before.trim_start().len();
    let typed = &before[indent..];
    if let Some(rest) = typed.strip_prefix("unit ")
        && !rest.trim_start().contains(' ')
        && indent > 0
    {
        return items(UNIT_WORDS, CompletionItemKind::UNIT, "metric unit");
    }
    // Only the first word of a line is a keyword or a property.
    if typed.contains(char::is_whitespace) {
        return Vec::new();
    }
    let path = enclosing(text, line, indent);
    let detail = if path.is_empty() {
        "block"
    } else {
        "property or statement"
    };
    let kind = if path.is_empty() {
        CompletionItemKind::KEYWORD
    } else {
        CompletionItemKind::PROPERTY
    };
    let mut words = line_words(&path.iter().map(String::as_str).collect::<Vec<_>>());
    words.dedup();
    items(&words, kind, detail)
}

fn items(words: &[&str], kind: CompletionItemKind, detail: &str) -> Vec<CompletionItem> {
    words
        .iter()
        .map(|w| CompletionItem {
            label: (*w).to_string(),
            kind: Some(kind),
            detail: Some(detail.to_string()),
            ..Default::default()
        })
        .collect()
}

/// The first words of the block lines enclosing a line indented by
/// `indent` on line `line`, outermost first: each is the nearest line above
/// indented less than the one before.
fn enclosing(text: &str, line: usize, indent: usize) -> Vec<String> {
    let mut path = Vec::new();
    let mut want = indent;
    if want == 0 {
        return path;
    }
    for above in text
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let trimmed = above.trim_start();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        let depth = above.len() - trimmed.len();
        if depth < want {
            let first = trimmed.split_whitespace().next().unwrap_or("");
            // A choice's `*text` has no space after its marker.
            let first = match first.chars().next() {
                Some(c @ ('*' | '+')) => c.to_string(),
                _ => first.to_string(),
            };
            path.push(first);
            want = depth;
            if depth == 0 {
                break;
            }
        }
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, line: usize, before: &str) -> Vec<String> {
        words(text, line, before)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn block_keywords_at_column_zero() {
        let got = labels("", 0, "sce");
        assert!(got.contains(&"scenario".to_string()), "{got:?}");
        assert!(got.contains(&"metric".to_string()), "{got:?}");
    }

    #[test]
    fn properties_of_the_enclosing_block() {
        let text = "metric lag \"Lag\"\n  unit s\n  \n";
        let got = labels(text, 2, "  ");
        assert!(got.contains(&"baseline".to_string()), "{got:?}");
        assert!(got.contains(&"effect".to_string()), "{got:?}");
        assert!(!got.contains(&"title".to_string()), "{got:?}");
        let text = "scene s\n  * Look #look\n    \n";
        let got = labels(text, 2, "    ");
        assert!(got.contains(&"takes".to_string()), "{got:?}");
        assert!(got.contains(&"goto".to_string()), "{got:?}");
        let text = "debrief\n  key action k \"K\"\n    \n";
        let got = labels(text, 2, "    ");
        assert!(got.contains(&"done".to_string()), "{got:?}");
    }

    #[test]
    fn units_after_unit() {
        let got = labels("metric m\n  unit ", 1, "  unit ");
        assert_eq!(got, vec!["%", "ms", "s", "m", "min"]);
    }

    #[test]
    fn nothing_after_the_first_word() {
        assert!(labels("metric m\n  baseline ", 1, "  baseline ").is_empty());
    }
}
