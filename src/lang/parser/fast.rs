//! The fast path for conditions and the lines that carry them.
//!
//! pest's set-up cost dominates on short lines, and conditions are the most
//! common non-trivial lines. This module reads the plain, valid cases with a
//! small hand-written reader that mirrors the grammar's ordered choices
//! exactly; whenever anything is unusual it gives up (`None`) and the line
//! goes to pest, which stays the one definition of the language and of every
//! error message. A differential property test (below) checks that both
//! readers build the same tree for every line the fast one accepts.

use super::super::ast::*;
use super::super::source::{FileId, Span};
use super::parse_duration;

/// Lines with more tokens than this go to pest, which reports the limits.
const MAX_FAST_TOKENS: usize = 96;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum T<'t> {
    /// A name or keyword: `[A-Za-z_][A-Za-z0-9_]*`.
    Word(usize, &'t str),
    /// A literal starting with a digit, or a `T+` offset.
    Lit(usize, &'t str),
    /// An operator or `=`.
    Op(usize, &'t str),
    Open(usize),
    Close(usize),
    /// A string with no escapes, quotes included.
    Str(usize, &'t str),
}

impl T<'_> {
    /// Where the token starts, as a byte offset in the file.
    fn start(&self) -> usize {
        match *self {
            T::Word(a, _) | T::Lit(a, _) | T::Op(a, _) | T::Str(a, _) => a,
            T::Open(a) | T::Close(a) => a,
        }
    }

    /// Where the token ends, as a byte offset in the file.
    fn end(&self) -> usize {
        match *self {
            T::Word(a, s) | T::Lit(a, s) | T::Op(a, s) | T::Str(a, s) => a + s.len(),
            T::Open(a) | T::Close(a) => a + 1,
        }
    }

    /// Whether the token is the word `w`.
    fn is_word(&self, w: &str) -> bool {
        matches!(self, T::Word(_, x) if *x == w)
    }
}

/// Tokens of a line, with absolute offsets; `None` for anything unusual.
pub(super) fn tokenize(text: &str, base: usize) -> Option<Vec<T<'_>>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' => {
                i += 1;
                continue;
            }
            b'T' if b.get(i + 1) == Some(&b'+') => {
                i += 2;
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(T::Lit(base + start, &text[start..i]));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push(T::Word(base + start, &text[start..i]));
            }
            c if c.is_ascii_digit() => {
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'.' | b'%' | b':'))
                {
                    i += 1;
                }
                out.push(T::Lit(base + start, &text[start..i]));
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        return None;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return None;
                }
                i += 1;
                out.push(T::Str(base + start, &text[start..i]));
            }
            b'(' => {
                depth += 1;
                if depth > 8 {
                    return None;
                }
                i += 1;
                out.push(T::Open(base + start));
            }
            b')' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                out.push(T::Close(base + start));
            }
            b'<' | b'>' | b'=' | b'!' => {
                i += 1;
                if b.get(i) == Some(&b'=') {
                    i += 1;
                }
                let op = &text[start..i];
                if op == "!" {
                    return None;
                }
                out.push(T::Op(base + start, op));
            }
            b'+' | b'-' => {
                i += 1;
                out.push(T::Op(base + start, &text[start..i]));
            }
            _ => return None,
        }
        if out.len() > MAX_FAST_TOKENS {
            return None;
        }
    }
    (depth == 0).then_some(out)
}

/// Which literal a word is, exactly as the grammar's value rules read it.
pub(super) fn literal_kind(w: &str) -> Option<LiteralUnit> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let decimal = |s: &str| match s.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(s),
    };
    if let Some(p) = w.strip_suffix('%') {
        return decimal(p).then_some(LiteralUnit::Percent);
    }
    if decimal(w) {
        return Some(LiteralUnit::None);
    }
    (w.starts_with(|c: char| c.is_ascii_digit()) && parse_duration(w).is_some())
        .then_some(LiteralUnit::Millis)
}

const ALERT_STATES: &[(&str, AlertState)] = &[
    ("firing", AlertState::Firing),
    ("pending", AlertState::Pending),
    ("resolved", AlertState::Resolved),
    ("acked", AlertState::Acked),
    ("silenced", AlertState::Silenced),
    ("quiet", AlertState::Quiet),
];

/// Words the grammar reads as something other than a name in primary
/// position; met where a name is expected, the fast path gives up.
const RESERVED: &[&str] = &[
    "alert", "ran", "chose", "visited", "read", "viewed", "paged", "posted", "status", "on", "not",
    "and", "or", "is", "true", "false", "now", "for", "before", "when", "file",
];

/// Whether `s` is a name (`[A-Za-z_][A-Za-z0-9_]*`).
fn is_ident(s: &str) -> bool {
    super::is_ident(s)
}

/// A cursor over tokens that builds syntax nodes.
pub(super) struct Reader<'t> {
    pub toks: Vec<T<'t>>,
    pub pos: usize,
    file: FileId,
}

impl<'t> Reader<'t> {
    /// A reader over `toks`, with spans in `file`.
    pub fn new(toks: Vec<T<'t>>, file: FileId) -> Self {
        Reader { toks, pos: 0, file }
    }

    /// The span from byte `a` to byte `b` of the file.
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.file, a, b)
    }

    /// The next token, without taking it.
    pub fn peek(&self) -> Option<T<'t>> {
        self.toks.get(self.pos).copied()
    }

    /// The token `n` places ahead, without taking it.
    fn peek_at(&self, n: usize) -> Option<T<'t>> {
        self.toks.get(self.pos + n).copied()
    }

    /// Whether every token was read: a fast reading only counts if it
    /// consumed the whole line.
    pub fn done(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// Consumes the keyword `w`.
    pub fn word(&mut self, w: &str) -> Option<()> {
        self.peek().filter(|t| t.is_word(w))?;
        self.pos += 1;
        Some(())
    }

    /// Consumes the operator `op`.
    pub fn op(&mut self, op: &str) -> Option<()> {
        match self.peek()? {
            T::Op(_, o) if o == op => {
                self.pos += 1;
                Some(())
            }
            _ => None,
        }
    }

    /// Takes a name.
    pub fn ident(&mut self) -> Option<Ident> {
        match self.peek()? {
            T::Word(a, w) if is_ident(w) => {
                self.pos += 1;
                Some(Ident {
                    name: w.to_string(),
                    span: self.span(a, a + w.len()),
                })
            }
            _ => None,
        }
    }

    /// Takes a string, as its start offset and its raw text with quotes.
    pub fn string(&mut self) -> Option<(usize, &'t str)> {
        match self.peek()? {
            T::Str(a, s) => {
                self.pos += 1;
                Some((a, s))
            }
            _ => None,
        }
    }

    /// Takes a duration such as `90s`.
    pub fn duration(&mut self) -> Option<Millis> {
        match self.peek()? {
            T::Lit(a, w) if literal_kind(w) == Some(LiteralUnit::Millis) => {
                self.pos += 1;
                Some(Millis {
                    ms: parse_duration(w)?,
                    span: self.span(a, a + w.len()),
                })
            }
            _ => None,
        }
    }

    /// Takes a time offset such as `T+5m` (or `T+0`).
    pub fn offset(&mut self) -> Option<Millis> {
        match self.peek()? {
            T::Lit(a, w) if w.starts_with("T+") => {
                let rest = &w[2..];
                let ms = if rest == "0" {
                    0
                } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    parse_duration(rest)?
                } else {
                    return None;
                };
                self.pos += 1;
                Some(Millis {
                    ms,
                    span: self.span(a, a + w.len()),
                })
            }
            _ => None,
        }
    }

    /// A number, percentage or duration; with `negative`, a `-` right before it.
    pub fn quantity(&mut self) -> Option<Quantity> {
        let (start, neg) = match (self.peek()?, self.peek_at(1)) {
            (T::Op(a, "-"), Some(T::Lit(b, _))) if b == a + 1 => (a, true),
            (T::Lit(a, _), _) => (a, false),
            _ => return None,
        };
        let lit = if neg { self.peek_at(1)? } else { self.peek()? };
        let T::Lit(la, w) = lit else { return None };
        let unit = literal_kind(w)?;
        if neg && unit == LiteralUnit::Millis {
            return None;
        }
        let magnitude: f64 = match unit {
            LiteralUnit::Percent => w.trim_end_matches('%').parse().ok()?,
            LiteralUnit::Millis => parse_duration(w)? as f64,
            LiteralUnit::None => w.parse().ok()?,
        };
        self.pos += if neg { 2 } else { 1 };
        Some(Quantity {
            value: if neg { -magnitude } else { magnitude },
            unit,
            span: self.span(start, la + w.len()),
        })
    }

    // ---- conditions: `prefix* primary (infix prefix* primary)*` ----------

    /// Takes a whole condition, or gives up if the grammar would read it
    /// differently.
    pub fn expr(&mut self) -> Option<Expr> {
        let nots = self.toks.iter().filter(|t| t.is_word("not")).count();
        if nots > 8 {
            return None;
        }
        self.binary(0)
    }

    /// The infix operator at the cursor, with its precedence.
    fn infix(&self) -> Option<(BinOp, u8)> {
        Some(match self.peek()? {
            T::Word(_, "or") => (BinOp::Or, 1),
            T::Word(_, "and") => (BinOp::And, 2),
            T::Op(_, "<") => (BinOp::Lt, 3),
            T::Op(_, "<=") => (BinOp::Le, 3),
            T::Op(_, ">") => (BinOp::Gt, 3),
            T::Op(_, ">=") => (BinOp::Ge, 3),
            T::Op(_, "==") => (BinOp::Eq, 3),
            T::Op(_, "!=") => (BinOp::Ne, 3),
            T::Op(_, "+") => (BinOp::Add, 4),
            T::Op(_, "-") => (BinOp::Sub, 4),
            _ => return None,
        })
    }

    /// Takes operands and operators of at least `min_prec` (precedence
    /// climbing, as the grammar's reader does).
    fn binary(&mut self, min_prec: u8) -> Option<Expr> {
        let mut lhs = self.unary()?;
        while let Some((op, prec)) = self.infix() {
            if prec < min_prec {
                break;
            }
            self.pos += 1;
            let rhs = self.binary(prec + 1)?;
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            };
        }
        Some(lhs)
    }

    /// Takes one operand with its leading `not`s.
    fn unary(&mut self) -> Option<Expr> {
        if let Some(T::Word(a, "not")) = self.peek() {
            self.pos += 1;
            let inner = self.binary(3)?;
            let span = self.span(a, a + 3).to(inner.span);
            return Some(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            });
        }
        self.primary()
    }

    /// Takes an optional `before T+..`: `Some(None)` without one, `None`
    /// when what follows `before` is not an offset.
    #[allow(clippy::option_option)] // the outer `None` gives up, as every step here does
    fn before(&mut self) -> Option<Option<Millis>> {
        if !self.peek().is_some_and(|t| t.is_word("before")) {
            return Some(None);
        }
        self.pos += 1;
        Some(Some(self.offset()?))
    }

    /// Takes one operand: a literal, a name, a parenthesised condition or a
    /// test such as `alert x is firing`.
    fn primary(&mut self) -> Option<Expr> {
        let first = self.peek()?;
        let start = first.start();
        if let T::Open(_) = first {
            self.pos += 1;
            let inner = self.expr_inner()?;
            match self.peek()? {
                T::Close(_) => self.pos += 1,
                _ => return None,
            }
            return Some(inner);
        }
        let kind = match first {
            T::Word(_, "alert") => {
                self.pos += 1;
                let name = self.ident()?;
                self.word("is")?;
                let state = match self.peek()? {
                    T::Word(_, w) => ALERT_STATES.iter().find(|(s, _)| *s == w)?.1,
                    _ => return None,
                };
                self.pos += 1;
                ExprKind::AlertIs(name, state)
            }
            T::Word(_, kw @ ("ran" | "chose")) => {
                self.pos += 1;
                let name = self.ident()?;
                let before = self.before()?;
                if kw == "ran" {
                    ExprKind::Ran(name, before)
                } else {
                    ExprKind::Chose(name, before)
                }
            }
            T::Word(_, kw @ ("visited" | "read" | "viewed" | "paged")) => {
                self.pos += 1;
                let name = self.ident()?;
                match kw {
                    "visited" => ExprKind::Visited(name),
                    "read" => ExprKind::Read(name),
                    "viewed" => ExprKind::Viewed(name),
                    _ => ExprKind::Paged(name),
                }
            }
            T::Word(_, "posted") => {
                self.pos += 1;
                self.word("status")?;
                ExprKind::PostedStatus(self.before()?)
            }
            T::Word(_, "status") => {
                self.pos += 1;
                self.word("is")?;
                let st = match self.peek()? {
                    T::Word(_, w) => StatusState::parse(w)?,
                    _ => return None,
                };
                self.pos += 1;
                ExprKind::StatusIs(st)
            }
            T::Word(_, w) if self.peek_at(1).is_some_and(|t| t.is_word("is")) => {
                if RESERVED.contains(&w) {
                    return None;
                }
                let name = self.ident()?;
                self.pos += 1;
                let negated = self.peek().is_some_and(|t| t.is_word("not"));
                if negated {
                    self.pos += 1;
                }
                let value = self.ident()?;
                ExprKind::Is {
                    name,
                    negated,
                    value,
                }
            }
            T::Lit(_, w) if w.starts_with("T+") => ExprKind::Offset(self.offset()?.ms),
            T::Lit(..) | T::Op(_, "-") => ExprKind::Quantity(self.quantity()?),
            T::Word(_, "true" | "false") => {
                self.pos += 1;
                ExprKind::Bool(first.is_word("true"))
            }
            T::Word(_, "now") => {
                self.pos += 1;
                ExprKind::Now
            }
            T::Word(_, w) if !RESERVED.contains(&w) => ExprKind::Name(self.ident()?),
            _ => return None,
        };
        let end = self.toks.get(self.pos - 1).map_or(start, T::end);
        Some(Expr {
            kind,
            span: self.span(start, end),
        })
    }

    /// An expression inside parentheses (the same grammar, nested).
    fn expr_inner(&mut self) -> Option<Expr> {
        self.binary(0)
    }
}
