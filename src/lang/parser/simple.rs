//! The simplest lines (a keyword and one or two plain values) read without
//! pest, whose per-call set-up dominates on short lines. Anything else,
//! including every line with a mistake, goes to the grammar, which stays the
//! one definition of the language and of its errors.

use super::*;

impl<'a> Parser<'a> {
    /// The plain tokens of a node's line, when it is that simple and has no
    /// text block.
    pub(super) fn simple<'t>(&self, node: &'t Node) -> Option<Vec<Tok<'a>>> {
        if node.block.is_some() {
            return None;
        }
        simple_tokens(self.text_of(node), node.line.start)
    }

    /// A word token as a name, if it is one.
    pub(super) fn tok_ident(&self, t: &Tok<'_>) -> Option<Ident> {
        match t {
            Tok::Word(at, w) if is_ident(w) => Some(Ident {
                name: (*w).to_string(),
                span: self.span(*at, at + w.len()),
            }),
            _ => None,
        }
    }

    /// A string token as text (its `{name}`s read).
    pub(super) fn tok_string(&mut self, t: &Tok<'_>) -> Option<Text> {
        match t {
            Tok::Str(at, raw) => Some(self.string_at(*at, raw)),
            Tok::Word(..) => None,
        }
    }

    /// The single value after the keyword, when the line is that simple.
    pub(super) fn simple_value(&self, node: &Node) -> Option<Tok<'a>> {
        let toks = self.simple(node)?;
        match <[Tok<'a>; 2]>::try_from(toks) {
            Ok([_, v]) => Some(v),
            Err(_) => None,
        }
    }

    /// A token reader over the line, after its leading keyword.
    pub(super) fn reader(&self, node: &Node) -> Option<fast::Reader<'a>> {
        let toks = fast::tokenize(self.text_of(node), node.line.start)?;
        let mut r = fast::Reader::new(toks, self.file);
        match r.peek()? {
            fast::T::Word(..) => r.pos = 1,
            _ => return None,
        }
        Some(r)
    }
}

/// A token of a simple line: a bare word, or a string without escapes.
/// Offsets are absolute byte positions in the file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tok<'t> {
    Word(usize, &'t str),
    Str(usize, &'t str),
}

/// Splits a line into plain words and strings, or `None` when it holds
/// anything the fast path leaves to the grammar (comments, escapes, operators).
pub(super) fn simple_tokens(text: &str, base: usize) -> Option<Vec<Tok<'_>>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(3);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => i += 1,
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        return None;
                    }
                    i += 1;
                }
                if i >= bytes.len() {
                    return None;
                }
                i += 1;
                if i < bytes.len() && bytes[i] != b' ' {
                    return None;
                }
                out.push(Tok::Str(base + start, &text[start..i]));
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'%' || c == b'-' => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'.' | b'%' | b'-'))
                {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] != b' ' {
                    return None;
                }
                out.push(Tok::Word(base + start, &text[start..i]));
            }
            _ => return None,
        }
    }
    Some(out)
}
