//! Values on a line: names, strings and their `{name}` interpolation,
//! numbers, durations and clock times, and the one-value property lines.

use super::*;

impl Parser<'_> {
    /// `KEYWORD name ["Title"]`; with `titled`, the title is required.
    pub(super) fn named(&mut self, node: &Node, titled: bool) -> Option<(Ident, Option<Text>)> {
        if let Some(toks) = self.simple(node) {
            match toks.as_slice() {
                [_, name] if !titled => {
                    if let Some(id) = self.tok_ident(name) {
                        return Some((id, None));
                    }
                }
                [_, name, title @ Tok::Str(..)] => {
                    if let Some(id) = self.tok_ident(name) {
                        let t = self.tok_string(title);
                        return Some((id, t));
                    }
                }
                _ => {}
            }
        }
        let base = node.line.start;
        let rule = if titled {
            Rule::named_titled_line
        } else {
            Rule::named_line
        };
        let p = self.parse_line(rule, node)?;
        let mut it = p.into_inner().skip(1);
        let name = self.ident(base, &it.next()?);
        let title = it
            .find(|s| s.as_rule() == Rule::string)
            .map(|s| self.string(base, &s));
        Some((name, title))
    }

    /// A name pair as an identifier with its span.
    pub(super) fn ident(&self, base: usize, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.pair_span(base, pair),
        }
    }

    /// A string pair as text, with `{name}`s and escapes read.
    pub(super) fn string(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Text {
        self.string_at(base + pair.as_span().start(), pair.as_str())
    }

    /// A string literal written at byte `start`, quotes included in `raw`.
    pub(super) fn string_at(&mut self, start: usize, raw: &str) -> Text {
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut text = self.interpolate(&[(start + 1, inner)], true);
        text.span = self.span(start, start + raw.len());
        text
    }

    /// Splits text into literal parts and `{name}`s; with `escapes`, `\"`, `\\`,
    /// `\n` and `\t` are decoded too.
    pub(super) fn interpolate(&mut self, segments: &[(usize, &str)], escapes: bool) -> Text {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let first = segments.first().map_or(0, |s| s.0);
        let mut last = first;
        for (n, (off, seg)) in segments.iter().enumerate() {
            if n > 0 {
                lit.push('\n');
            }
            last = off + seg.len();
            // Most text has no braces or escapes: take it whole.
            let special = seg.contains(['{', '}']) || (escapes && seg.contains('\\'));
            let plain = !special;
            if plain {
                lit.push_str(seg);
                continue;
            }
            let mut chars = seg.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' if escapes => match chars.next() {
                        Some((_, '"')) => lit.push('"'),
                        Some((_, '\\')) => lit.push('\\'),
                        Some((_, 'n')) => lit.push('\n'),
                        Some((_, 't')) => lit.push('\t'),
                        Some((j, other)) => {
                            self.error(
                                Diagnostic::new(
                                    Code::BadLiteral,
                                    self.span(off + i, off + j + other.len_utf8()),
                                    format!("`\\{other}` is not an escape firedrill knows"),
                                )
                                .help("strings know `\\\"`, `\\\\`, `\\n` and `\\t`"),
                            );
                        }
                        None => lit.push('\\'),
                    },
                    '{' if chars.peek().is_some_and(|(_, c)| *c == '{') => {
                        chars.next();
                        lit.push('{');
                    }
                    '}' if chars.peek().is_some_and(|(_, c)| *c == '}') => {
                        chars.next();
                        lit.push('}');
                    }
                    '{' => {
                        let rest = &seg[i + 1..];
                        let close = rest.find('}');
                        let name = close.map(|c| rest[..c].trim());
                        match name {
                            Some(name) if is_ident(name) => {
                                let lead = rest.len() - rest.trim_start().len();
                                if !lit.is_empty() {
                                    parts.push(TextPart::Literal(std::mem::take(&mut lit)));
                                }
                                let s = off + i + 1 + lead;
                                parts.push(TextPart::Name(Ident {
                                    name: name.to_string(),
                                    span: self.span(s, s + name.len()),
                                }));
                                let skip = close.unwrap_or(0) + 1;
                                for _ in 0..rest[..skip].chars().count() {
                                    chars.next();
                                }
                            }
                            _ => {
                                let end = close.map_or(off + seg.len(), |c| off + i + 2 + c);
                                self.error(
                                    Diagnostic::new(
                                        Code::Syntax,
                                        self.span(off + i, end),
                                        if close.is_none() {
                                            "this `{` is never closed".to_string()
                                        } else {
                                            "`{...}` must hold the name of a variable or metric".to_string()
                                        },
                                    )
                                    .help("write `{name}` to show a value, or `{{` for a literal brace"),
                                );
                                lit.push('{');
                            }
                        }
                    }
                    _ => lit.push(c),
                }
            }
        }
        if !lit.is_empty() {
            parts.push(TextPart::Literal(lit));
        }
        Text {
            parts,
            span: self.span(first, last),
        }
    }

    /// A number, percentage or duration pair as a quantity with its unit.
    pub(super) fn quantity(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Quantity {
        let span = self.pair_span(base, pair);
        self.quantity_from(base, pair.as_rule(), pair.as_str(), span)
    }

    /// A duration or `T+` offset pair in milliseconds, reporting one too
    /// long to represent.
    pub(super) fn millis(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Millis {
        let span = self.pair_span(base, pair);
        let s = pair.as_str();
        let s = s.strip_prefix("T+").unwrap_or(s);
        let ms = if s == "0" { Some(0) } else { parse_duration(s) };
        if ms.is_none() {
            self.error(
                Diagnostic::new(
                    Code::BadLiteral,
                    span,
                    "this duration is too long to represent",
                )
                .help("scenarios last hours, not centuries"),
            );
        }
        Millis {
            ms: ms.unwrap_or(0),
            span,
        }
    }

    /// A clock pair (`HH:MM[:SS]`) in seconds since midnight, reporting an
    /// impossible time.
    pub(super) fn clock(&mut self, base: usize, pair: &Pair<'_, Rule>) -> u32 {
        let span = self.pair_span(base, pair);
        if let Some(secs) = parse_clock(pair.as_str()) {
            secs
        } else {
            self.error(
                Diagnostic::new(
                    Code::BadLiteral,
                    span,
                    format!("`{}` is not a time of day", pair.as_str()),
                )
                .help("write hours 00-23 and minutes 00-59, such as `13:45`"),
            );
            0
        }
    }

    /// Reads `KEYWORD "text"`.
    pub(super) fn string_prop(&mut self, node: &Node) -> Option<Text> {
        if let Some(t @ Tok::Str(..)) = self.simple_value(node) {
            return self.tok_string(&t);
        }
        let pair = self.parse_line(Rule::string_prop, node)?;
        let s = pair.into_inner().nth(1)?;
        Some(self.string(node.line.start, &s))
    }

    /// Reads `KEYWORD NUMBER` (a number, percentage or duration).
    pub(super) fn quantity_prop(&mut self, node: &Node) -> Option<Quantity> {
        if let Some(Tok::Word(at, w)) = self.simple_value(node) {
            let span = self.span(at, at + w.len());
            if let Some(rule) = quantity_kind(w) {
                return Some(self.quantity_from(0, rule, w, span));
            }
        }
        let pair = self.parse_line(Rule::quantity_prop, node)?;
        let q = pair.into_inner().nth(1)?;
        Some(self.quantity(node.line.start, &q))
    }

    /// Reads `KEYWORD DURATION`.
    pub(super) fn duration_prop(&mut self, node: &Node) -> Option<Millis> {
        if let Some(Tok::Word(at, w)) = self.simple_value(node)
            && quantity_kind(w) == Some(Rule::duration)
            && let Some(ms) = parse_duration(w)
        {
            return Some(Millis {
                ms,
                span: self.span(at, at + w.len()),
            });
        }
        let pair = self.parse_line(Rule::duration_prop, node)?;
        let d = pair.into_inner().nth(1)?;
        Some(self.millis(node.line.start, &d))
    }

    /// Reads `KEYWORD NAME`.
    pub(super) fn ident_prop(&mut self, node: &Node) -> Option<Ident> {
        if let Some(v) = self.simple_value(node)
            && let Some(id) = self.tok_ident(&v)
        {
            return Some(id);
        }
        let pair = self.parse_line(Rule::ident_prop, node)?;
        let d = pair.into_inner().nth(1)?;
        Some(self.ident(node.line.start, &d))
    }

    /// Reads `role [KIND] ["TEXT"]` (at least one of the two): the kind of
    /// role the player is given, and the role in the scenario's own words.
    pub(super) fn role_prop(&mut self, node: &Node) -> Option<(Option<Ident>, Option<Text>)> {
        let pair = self.parse_line(Rule::role_prop, node)?;
        let base = node.line.start;
        let (mut kind, mut text) = (None, None);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::role_kind => kind = Some(self.ident(base, &p)),
                Rule::string => text = Some(self.string(base, &p)),
                _ => {}
            }
        }
        Some((kind, text))
    }

    /// Reads a line that is its keyword alone (`pageable`, `responders`).
    pub(super) fn bare(&mut self, node: &Node) -> bool {
        if self.simple(node).is_some_and(|t| t.len() == 1) {
            return true;
        }
        self.parse_line(Rule::bare_line, node).is_some()
    }

    /// Text given as a string on the line, a `"""` block, or both missing.
    pub(super) fn text_or_block(&mut self, node: &Node, rule: Rule) -> Option<Text> {
        if let Some(block) = &node.block {
            self.parse_line(Rule::bare_line, node)?;
            return Some(self.block_text(block));
        }
        let pair = self.parse_line(rule, node)?;
        let s = pair.into_inner().find(|p| p.as_rule() == Rule::string)?;
        Some(self.string(node.line.start, &s))
    }

    /// The text of a `"""` block, with `{name}`s read (no escapes: the
    /// block is verbatim).
    pub(super) fn block_text(&mut self, block: &lines::TextBlock) -> Text {
        let segs: Vec<(usize, &str)> = block.lines.iter().map(|(o, s)| (*o, s.as_str())).collect();
        let mut t = self.interpolate(&segs, false);
        t.span = block.open;
        t
    }

    /// A literal already classified as `rule` (number, percentage or
    /// duration) as a quantity; used by both the grammar's reader and the
    /// fast path so the two agree.
    #[allow(clippy::unused_self)] // a method so that every reader of this kind is called the same way
    pub(super) fn quantity_from(
        &mut self,
        _base: usize,
        rule: Rule,
        text: &str,
        span: Span,
    ) -> Quantity {
        match rule {
            Rule::percent => Quantity {
                value: text.trim_end_matches('%').parse().unwrap_or(0.0),
                unit: LiteralUnit::Percent,
                span,
            },
            Rule::duration => Quantity {
                value: parse_duration(text).unwrap_or(0) as f64,
                unit: LiteralUnit::Millis,
                span,
            },
            _ => Quantity {
                value: text.parse().unwrap_or(0.0),
                unit: LiteralUnit::None,
                span,
            },
        }
    }
}

/// Which literal a word is, exactly as the grammar reads it.
pub(super) fn quantity_kind(w: &str) -> Option<Rule> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let decimal = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        match s.split_once('.') {
            Some((a, b)) => digits(a) && digits(b),
            None => digits(s),
        }
    };
    if let Some(p) = w.strip_suffix('%') {
        return decimal(p).then_some(Rule::percent);
    }
    if decimal(w) {
        return Some(Rule::number);
    }
    (w.starts_with(|c: char| c.is_ascii_digit()) && parse_duration(w).is_some())
        .then_some(Rule::duration)
}

pub use crate::base::words::is_ident;

pub use crate::base::time::parse_duration;

/// Seconds since midnight of `HH:MM[:SS]`.
pub fn parse_clock(s: &str) -> Option<u32> {
    let mut parts = s.split(':').map(|p| p.parse::<u32>().ok());
    let h = parts.next()??;
    let m = parts.next()??;
    let sec = parts.next().unwrap_or(Some(0))?;
    (h < 24 && m < 60 && sec < 60).then_some(h * 3600 + m * 60 + sec)
}

/// Minutes east of UTC of a zone written `UTC`, `Z` or `+HH:MM`.
pub(super) fn zone_offset(z: &str) -> i32 {
    if z == "UTC" || z == "Z" {
        return 0;
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let h: i32 = z.get(1..3).and_then(|h| h.parse().ok()).unwrap_or(0);
    let m: i32 = z.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
    sign * (h * 60 + m)
}
