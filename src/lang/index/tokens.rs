//! Semantic tokens for one file: names from the index (with their kind),
//! strings and narration from the syntax tree, and a lexical scan of the
//! rest of each line for keywords, properties, numbers, operators and
//! comments. Sorted, non-overlapping, each within one line.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{NameIndex, NameKind};
use crate::lang::parser::{ACTION_KEYWORDS, TOP_KEYWORDS, property_words};
use crate::lang::source::{FileId, SourceMap, Span};

/// What a token is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A block, statement or expression keyword.
    Keyword,
    /// The word a property line starts with (`baseline`, `when`).
    Property,
    /// Quoted text.
    String,
    /// A number, a duration, a time or a date.
    Number,
    /// `// ...`.
    Comment,
    /// Story text: narration, chat, ending and hint prose.
    Narration,
    Operator,
    /// A declared name, or a use of one.
    Name(NameKind),
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The name's declaration (not a use).
    pub declaration: bool,
}

/// Every word that is a keyword somewhere: block and statement keywords
/// and the grammar's own `k_*` rules.
fn keywords() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let grammar = include_str!("../grammar.pest");
        let from_grammar = grammar
            .lines()
            .filter(|l| l.starts_with("k_"))
            .filter_map(|l| l.split('"').nth(1));
        TOP_KEYWORDS
            .iter()
            .chain(ACTION_KEYWORDS)
            .copied()
            .chain(from_grammar)
            .chain(["and", "or", "true", "false", "now", "else", "you"])
            .collect()
    })
}

/// The first words of property lines.
fn properties() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        property_words()
            .into_iter()
            .filter_map(|w| w.split(' ').next())
            .collect()
    })
}

/// The semantic tokens of `file`.
pub fn tokens(index: &NameIndex, sources: &SourceMap, file: FileId) -> Vec<Token> {
    let Some(src) = sources.get(file) else {
        return Vec::new();
    };
    let text = src.text.as_str();
    let names = name_tokens(index, file, text.len());
    let mut out: Vec<Token> = Vec::with_capacity(names.len() * 3);
    // Covered ranges: names, and text the tree holds.
    let mut covered: Vec<(usize, usize)> = names
        .iter()
        .map(|t| (t.span.start as usize, t.span.end as usize))
        .collect();
    for &(span, narration) in index.texts.iter().filter(|(s, _)| s.file == file) {
        let kind = if narration {
            TokenKind::Narration
        } else {
            TokenKind::String
        };
        let (start, end) = (span.start as usize, (span.end as usize).min(text.len()));
        if start >= end {
            continue;
        }
        covered.push((start, end));
        text_tokens(text, start, end, kind, &names, file, &mut out);
    }
    out.extend(names.iter().copied());
    covered.sort_unstable();
    lexical(text, file, &covered, &mut out);
    out.sort_unstable_by_key(|t| (t.span.start, t.span.end));
    // Text spans may nest (a string inside narration): keep the first.
    let mut last_end = 0;
    out.retain(|t| {
        let keep = t.span.start >= last_end && t.span.end > t.span.start;
        if keep {
            last_end = t.span.end;
        }
        keep
    });
    out
}

/// The names declared or used in `file`.
fn name_tokens(index: &NameIndex, file: FileId, len: usize) -> Vec<Token> {
    let decls = index
        .decls()
        .iter()
        .filter(|d| d.span.file == file)
        .map(|d| Token {
            span: d.span,
            kind: TokenKind::Name(d.kind),
            declaration: true,
        });
    let uses = index
        .uses()
        .iter()
        .filter(|(s, _)| s.file == file)
        .filter_map(|(s, d)| {
            Some(Token {
                span: *s,
                kind: TokenKind::Name(index.decls().get(*d)?.kind),
                declaration: false,
            })
        });
    let mut all: Vec<Token> = decls
        .chain(uses)
        .filter(|t| t.span.end as usize <= len && !t.span.is_empty())
        .collect();
    all.sort_unstable_by_key(|t| (t.span.start, t.span.end));
    let mut last_end = 0;
    all.retain(|t| {
        let keep = t.span.start >= last_end;
        if keep {
            last_end = t.span.end;
        }
        keep
    });
    all
}

/// Tokens of `kind` over `start..end`, cut at line ends and around the
/// names inside.
fn text_tokens(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    names: &[Token],
    file: FileId,
    out: &mut Vec<Token>,
) {
    let first = names.partition_point(|t| (t.span.end as usize) <= start);
    let inside = names[first..]
        .iter()
        .take_while(|t| (t.span.start as usize) < end)
        .map(|t| (t.span.start as usize, t.span.end as usize));
    let mut at = start;
    let push = |from: usize, to: usize, out: &mut Vec<Token>| {
        let mut line_start = from;
        let piece = text.get(from..to).unwrap_or("");
        for (i, _) in piece.match_indices('\n') {
            let nl = from + i;
            if nl > line_start {
                out.push(token(file, line_start, nl, kind));
            }
            line_start = nl + 1;
        }
        if to > line_start {
            out.push(token(file, line_start, to, kind));
        }
    };
    for (s, e) in inside {
        if s > at {
            push(at, s.min(end), out);
        }
        at = at.max(e);
    }
    if end > at {
        push(at, end, out);
    }
}

fn token(file: FileId, start: usize, end: usize, kind: TokenKind) -> Token {
    Token {
        span: Span::new(file, start, end),
        kind,
        declaration: false,
    }
}

/// Keywords, properties, numbers, operators and comments in what the
/// tree's names and text leave uncovered.
fn lexical(text: &str, file: FileId, covered: &[(usize, usize)], out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut cov = 0;
    let mut i = 0;
    // Whether the next word is the first of its line, and the line indented.
    let mut line_first = true;
    let mut indented = false;
    while i < bytes.len() {
        while cov < covered.len() && covered[cov].1 <= i {
            cov += 1;
        }
        if let Some(&(s, e)) = covered.get(cov)
            && s <= i
        {
            i = e.max(i + 1);
            line_first = false;
            continue;
        }
        let c = bytes[i];
        if c == b'\n' {
            line_first = true;
            indented = false;
            i += 1;
        } else if c == b' ' || c == b'\t' || c == b'\r' {
            indented |= line_first;
            i += 1;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            let end = next_covered(covered, cov, i, end);
            out.push(token(file, i, end, TokenKind::Comment));
            i = end;
        } else if c.is_ascii_digit() {
            let end = scan(bytes, i, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'%' | b'_')
            });
            let end = next_covered(covered, cov, i, end);
            out.push(token(file, i, end, TokenKind::Number));
            line_first = false;
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let end = scan(bytes, i, |b| b.is_ascii_alphanumeric() || b == b'_');
            let end = next_covered(covered, cov, i, end);
            let word = &text[i..end];
            let kind = if line_first && !indented {
                TOP_KEYWORDS.contains(&word).then_some(TokenKind::Keyword)
            } else if line_first && properties().contains(word) {
                Some(TokenKind::Property)
            } else {
                keywords().contains(word).then_some(TokenKind::Keyword)
            };
            if let Some(kind) = kind {
                out.push(token(file, i, end, kind));
            }
            line_first = false;
            i = end;
        } else if b"=!<>+-|*".contains(&c) {
            let end = scan(bytes, i, |b| b"=!<>+-|*".contains(&b));
            let end = next_covered(covered, cov, i, end);
            out.push(token(file, i, end, TokenKind::Operator));
            line_first = false;
            i = end;
        } else {
            // Any other character (and the rest of a multi-byte one).
            line_first = false;
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
    }
}

/// The end of a run from `i` matching `keep`.
fn scan(bytes: &[u8], i: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut e = i + 1;
    while e < bytes.len() && keep(bytes[e]) {
        e += 1;
    }
    e
}

/// `end`, cut short where the next covered range starts.
fn next_covered(covered: &[(usize, usize)], cov: usize, i: usize, end: usize) -> usize {
    covered
        .get(cov)
        .map_or(end, |&(s, _)| if s > i { end.min(s) } else { end })
}
