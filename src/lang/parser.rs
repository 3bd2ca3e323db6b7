//! From lines to the syntax tree. Each line is parsed on its own with the pest
//! rule its first word selects; a line that fails yields one diagnostic in
//! domain words and parsing goes on with the next line.

use super::ast::*;
use super::diagnostic::{Code, Diagnostic, closest};
use super::lines::{self, MAX_NESTING, Node};
use super::source::{FileId, Span};
use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use std::collections::HashMap;

mod fast;
mod props;

use props::Listing;

#[derive(pest_derive::Parser)]
#[grammar = "lang/grammar.pest"]
struct LineGrammar;

/// Top-level block keywords, for suggestions.
pub const TOP_KEYWORDS: &[&str] = &[
    "scenario",
    "postmortem",
    "include",
    "flag",
    "var",
    "enum",
    "metric",
    "alert",
    "escalation",
    "person",
    "command",
    "runbook",
    "log",
    "at",
    "every",
    "when",
    "whenever",
    "scene",
    "ending",
    "debrief",
    "test",
];

/// Keywords that start an action line.
pub const ACTION_KEYWORDS: &[&str] = &[
    "page",
    "status",
    "set",
    "start",
    "stop",
    "after",
    "if",
    "else",
    "goto",
    "call",
    "interrupt",
    "end",
    "return",
    "wait",
];

/// Parses one file into its blocks.
pub fn parse_file(file: FileId, src: &str, diags: &mut Vec<Diagnostic>) -> Vec<Item> {
    let nodes = lines::split(file, src, diags);
    let mut parser = Parser { file, src, diags };
    nodes.iter().filter_map(|n| parser.item(n)).collect()
}

struct Parser<'a> {
    file: FileId,
    src: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

/// The leading word of a line (letters, digits, `_`), or "" if it starts otherwise.
fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_alphanumeric() || *c == '_') || (*i == 0 && c.is_ascii_digit()))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Properties every block accepts.
const SOURCE: &str = "source";

/// A runbook's or log's text while its block is read: the `text`/`file`
/// variants, and the prose lines that become one more variant at the end.
#[derive(Debug, Default)]
struct DocBody {
    variants: Vec<Variant>,
    prose: Vec<Text>,
}

impl<'a> Parser<'a> {
    fn text_of(&self, node: &Node) -> &'a str {
        self.src.get(node.line.start..node.line.end).unwrap_or("")
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// Where a pair was written, without the whitespace pest may have
    /// skipped at its end (a rule with a failed optional tail keeps it).
    fn pair_span(&self, base: usize, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let trailing = s.as_str().len() - s.as_str().trim_end().len();
        self.span(base + s.start(), base + s.end() - trailing)
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    // ---- line parsing with pest -------------------------------------------

    /// Parses a node's line with `rule`, reporting a failure in domain words.
    fn parse_line(&mut self, rule: Rule, node: &Node) -> Option<Pair<'a, Rule>> {
        let text = self.text_of(node);
        let base = node.line.start;
        if let Some(depth_at) = too_deep(text) {
            self.error(
                Diagnostic::new(
                    Code::NestingTooDeep,
                    self.span(base + depth_at, base + depth_at + 1),
                    format!("this condition nests more than {MAX_NESTING} levels deep"),
                )
                .help("split it: set a flag from part of the condition, then test the flag"),
            );
            return None;
        }
        match LineGrammar::parse(rule, text) {
            Ok(mut pairs) => pairs.next(),
            Err(e) => {
                let d = self.describe_error(&e, base, text);
                self.error(d);
                None
            }
        }
    }

    fn describe_error(&self, e: &pest::error::Error<Rule>, base: usize, text: &str) -> Diagnostic {
        let pos = match e.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        let rest = text.get(pos..).unwrap_or("");
        let found_len = token_len(rest);
        let span = self.span(
            base + pos,
            base + pos + found_len.max(1).min(rest.len().max(1)),
        );
        let found = if rest.is_empty() {
            "the end of the line".to_string()
        } else {
            format!("`{}`", &rest[..found_len])
        };
        let positives: Vec<Rule> = match &e.variant {
            ErrorVariant::ParsingError { positives, .. } => positives.clone(),
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        // Specific mistakes first: they get their own code and fix.
        if rest.starts_with('"') && !rest[1..].contains('"') {
            return Diagnostic::new(Code::UnterminatedString, span, "this string is never closed")
                .label("opened here")
                .help("add the closing `\"` on the same line; use a \"\"\" block for text over several lines");
        }
        if rest.starts_with(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}']) {
            return Diagnostic::new(Code::Syntax, span, "curly quotes cannot open a string")
                .label("curly quote")
                .help("use straight quotes: \"like this\"");
        }
        if let Some(fix) = long_duration_fix(rest) {
            return Diagnostic::new(
                Code::BadLiteral,
                self.span(base + pos, base + pos + fix.0),
                "durations are written without spaces",
            )
            .label("not a duration")
            .help(format!("write `{}`", fix.1));
        }
        if positives
            .iter()
            .any(|r| matches!(r, Rule::duration | Rule::offset))
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            let expected = if positives.contains(&Rule::offset) {
                "a time offset such as `T+3m`"
            } else {
                "a duration such as `90s`, `5m` or `1h30m`"
            };
            return Diagnostic::new(
                Code::BadLiteral,
                span,
                format!("expected {expected}, found {found}"),
            )
            .label("not a valid time")
            .help("durations take a unit: `ms`, `s`, `m` or `h` (for example `90s`)");
        }
        let mut wanted: Vec<&str> = Vec::new();
        for r in &positives {
            let d = describe_rule(*r);
            if !d.is_empty() && !wanted.contains(&d) {
                wanted.push(d);
            }
        }
        let expected = match wanted.len() {
            0 => "something else".to_string(),
            1 => wanted[0].to_string(),
            n => format!("{} or {}", wanted[..n - 1].join(", "), wanted[n - 1]),
        };
        let mut d = Diagnostic::new(
            Code::Syntax,
            span,
            format!("expected {expected}, found {found}"),
        );
        if rest.starts_with(':') {
            let kw = first_word(text);
            let kw = if kw.is_empty() { "title" } else { kw };
            d = d.help(format!(
                "firedrill takes no `:` after a keyword: write `{kw} ...`, not `{kw}: ...`"
            ));
        } else if rest.starts_with('\'') {
            d = d.help("strings use double quotes: \"like this\"");
        }
        d
    }

    // ---- top level -------------------------------------------------------

    fn item(&mut self, node: &Node) -> Option<Item> {
        let text = self.text_of(node);
        let kw = first_word(text);
        let span = node.line.span();
        let kind = match kw {
            "scenario" => ItemKind::Scenario(Box::new(self.scenario(node)?)),
            "postmortem" => ItemKind::Postmortem(self.postmortem(node)?),
            "include" => {
                let pair = self.parse_line(Rule::include_line, node)?;
                let base = node.line.start;
                let s = pair.into_inner().nth(1)?;
                self.no_children(node, "an `include` line");
                ItemKind::Include(self.string(base, &s))
            }
            "flag" | "var" | "enum" => {
                let (name, init) = self.state_decl(kw, node)?;
                self.no_children(node, "a state declaration");
                ItemKind::Var(name, init)
            }
            "metric" => ItemKind::Metric(Box::new(self.metric(node)?)),
            "alert" => ItemKind::Alert(Box::new(self.alert(node)?)),
            "escalation" => ItemKind::Escalation(self.escalation(node)?),
            "person" => ItemKind::Person(Box::new(self.person(node)?)),
            "command" => ItemKind::Command(Box::new(self.command(node)?)),
            "runbook" | "log" => ItemKind::Doc(Box::new(self.doc(kw, node)?)),
            "at" | "every" | "when" | "whenever" => {
                ItemKind::Trigger(Box::new(self.trigger(kw, node)?))
            }
            "scene" => ItemKind::Scene(Box::new(self.scene(node)?)),
            "ending" => ItemKind::Ending(Box::new(self.ending(node)?)),
            "debrief" => ItemKind::Debrief(Box::new(self.debrief(node)?)),
            "test" => ItemKind::Test(Box::new(self.test(node)?)),
            _ => {
                let wspan = self.span(
                    node.line.start,
                    node.line.start + kw.len().max(1).min(text.len().max(1)),
                );
                let mut d = Diagnostic::new(
                    Code::UnknownKeyword,
                    wspan,
                    if kw.is_empty() {
                        "a block must start with a keyword".to_string()
                    } else {
                        format!("`{kw}` does not start a block")
                    },
                )
                .label("expected a block keyword");
                let hint = closest(kw, TOP_KEYWORDS.iter().copied())
                    .map(|k| format!("did you mean `{k}`?"))
                    .unwrap_or_else(|| {
                        "blocks start with `scenario`, `metric`, `alert`, `command`, `person`, `scene`, `ending`, `at`, `when`... \
                         (an indented line belongs to the block above it)"
                            .to_string()
                    });
                d = d.help(hint);
                self.error(d);
                return None;
            }
        };
        let sources = self.sources_of(node);
        Some(Item {
            kind,
            span,
            sources,
        })
    }

    /// `source "..."` lines directly under a node.
    fn sources_of(&mut self, node: &Node) -> Vec<Text> {
        let mut out = Vec::new();
        for child in &node.children {
            if first_word(self.text_of(child)) == SOURCE
                && let Some(t) = self.string_prop(child)
            {
                out.push(t);
            }
        }
        out
    }

    fn no_children(&mut self, node: &Node, what: &str) {
        if let Some(child) = node.children.first() {
            self.error(
                Diagnostic::new(
                    Code::BadIndent,
                    child.line.span(),
                    format!("{what} has no indented lines below it"),
                )
                .secondary(node.line.span(), "this line")
                .help("remove the indentation, or move the line into the block it belongs to"),
            );
        }
    }

    fn unknown_in(&mut self, node: &Node, what: &str, allowed: &[&str]) {
        let text = self.text_of(node);
        let kw = first_word(text);
        let end = node.line.start + kw.len().max(1).min(text.len().max(1));
        let span = self.span(node.line.start, end);
        let message = if kw.is_empty() {
            format!("this line is not part of {what}")
        } else if TOP_KEYWORDS.contains(&kw) && !allowed.contains(&kw) {
            format!("`{kw}` starts a block of its own, so it cannot be indented inside {what}")
        } else {
            format!("`{kw}` is not part of {what}")
        };
        let nested_block = TOP_KEYWORDS.contains(&kw) && !allowed.contains(&kw);
        let help = if nested_block {
            Some(format!(
                "move `{kw}` to column 1: blocks are not nested inside each other"
            ))
        } else {
            None
        };
        let help = help
            .or_else(|| {
                closest(kw, allowed.iter().copied()).map(|k| format!("did you mean `{k}`?"))
            })
            .unwrap_or_else(|| {
                format!(
                    "{what} takes: {}",
                    allowed
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
        self.error(Diagnostic::new(Code::UnknownKeyword, span, message).help(help));
    }

    // ---- the fast path ---------------------------------------------------
    //
    // Most lines are a keyword and one or two plain values. Those are read
    // here without pest (whose per-call set-up dominates on short lines);
    // anything else, including every line with a mistake, goes to the grammar,
    // which stays the one definition of the language and of its errors.

    fn simple<'t>(&self, node: &'t Node) -> Option<Vec<Tok<'a>>> {
        if node.block.is_some() {
            return None;
        }
        simple_tokens(self.text_of(node), node.line.start)
    }

    fn tok_ident(&self, t: &Tok<'_>) -> Option<Ident> {
        match t {
            Tok::Word(at, w) if is_ident(w) => Some(Ident {
                name: (*w).to_string(),
                span: self.span(*at, at + w.len()),
            }),
            _ => None,
        }
    }

    fn tok_string(&mut self, t: &Tok<'_>) -> Option<Text> {
        match t {
            Tok::Str(at, raw) => Some(self.string_at(*at, raw)),
            Tok::Word(..) => None,
        }
    }

    /// `KEYWORD name ["Title"]`; with `titled`, the title is required.
    fn named(&mut self, node: &Node, titled: bool) -> Option<(Ident, Option<Text>)> {
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

    /// The single value after the keyword, when the line is that simple.
    fn simple_value(&self, node: &Node) -> Option<Tok<'a>> {
        let toks = self.simple(node)?;
        match <[Tok<'a>; 2]>::try_from(toks) {
            Ok([_, v]) => Some(v),
            Err(_) => None,
        }
    }

    /// A token reader over the line, after its leading keyword.
    fn reader(&self, node: &Node) -> Option<fast::Reader<'a>> {
        let toks = fast::tokenize(self.text_of(node), node.line.start)?;
        let mut r = fast::Reader::new(toks, self.file);
        match r.peek()? {
            fast::T::Word(..) => r.pos = 1,
            _ => return None,
        }
        Some(r)
    }

    /// `when COND [for DURATION]`, for alerts and triggers.
    fn when_line(&mut self, node: &Node) -> Option<(Expr, Option<Millis>)> {
        let fast = self.reader(node).and_then(|mut r| {
            let e = r.expr()?;
            let hold = if r.word("for").is_some() {
                Some(r.duration()?)
            } else {
                None
            };
            r.done().then_some((e, hold))
        });
        if fast.is_some() {
            return fast;
        }
        let b = node.line.start;
        let p = self.parse_line(Rule::when_line, node)?;
        let mut cond = None;
        let mut hold = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::expr => cond = Some(self.expr(b, part)),
                Rule::duration => hold = Some(self.millis(b, &part)),
                _ => {}
            }
        }
        cond.map(|c| (c, hold))
    }

    /// A line whose condition follows its leading word (and `second`, if
    /// given): `if C`, `only if C`, `done when C`.
    fn cond_line(&mut self, node: &Node, rule: Rule, second: Option<&str>) -> Option<Expr> {
        let fast = self.reader(node).and_then(|mut r| {
            if let Some(w) = second {
                r.word(w)?;
            }
            let e = r.expr()?;
            r.done().then_some(e)
        });
        if fast.is_some() {
            return fast;
        }
        let p = self.parse_line(rule, node)?;
        self.cond_after(node.line.start, p)
    }

    // ---- values ----------------------------------------------------------

    fn ident(&self, base: usize, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.pair_span(base, pair),
        }
    }

    fn string(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Text {
        self.string_at(base + pair.as_span().start(), pair.as_str())
    }

    /// A string literal written at byte `start`, quotes included in `raw`.
    fn string_at(&mut self, start: usize, raw: &str) -> Text {
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut text = self.interpolate(&[(start + 1, inner)], true);
        text.span = self.span(start, start + raw.len());
        text
    }

    /// Splits text into literal parts and `{name}`s; with `escapes`, `\"`, `\\`,
    /// `\n` and `\t` are decoded too.
    fn interpolate(&mut self, segments: &[(usize, &str)], escapes: bool) -> Text {
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

    fn quantity(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Quantity {
        let span = self.pair_span(base, pair);
        let s = pair.as_str();
        match pair.as_rule() {
            Rule::percent => Quantity {
                value: s.trim_end_matches('%').parse().unwrap_or(0.0),
                unit: LiteralUnit::Percent,
                span,
            },
            Rule::duration => Quantity {
                value: parse_duration(s).unwrap_or(0) as f64,
                unit: LiteralUnit::Millis,
                span,
            },
            _ => Quantity {
                value: s.parse().unwrap_or(0.0),
                unit: LiteralUnit::None,
                span,
            },
        }
    }

    fn millis(&mut self, base: usize, pair: &Pair<'_, Rule>) -> Millis {
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

    fn clock(&mut self, base: usize, pair: &Pair<'_, Rule>) -> u32 {
        let span = self.pair_span(base, pair);
        match parse_clock(pair.as_str()) {
            Some(secs) => secs,
            None => {
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
    }

    fn string_prop(&mut self, node: &Node) -> Option<Text> {
        if let Some(t @ Tok::Str(..)) = self.simple_value(node) {
            return self.tok_string(&t);
        }
        let pair = self.parse_line(Rule::string_prop, node)?;
        let s = pair.into_inner().nth(1)?;
        Some(self.string(node.line.start, &s))
    }

    fn quantity_prop(&mut self, node: &Node) -> Option<Quantity> {
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

    fn duration_prop(&mut self, node: &Node) -> Option<Millis> {
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

    fn ident_prop(&mut self, node: &Node) -> Option<Ident> {
        if let Some(v) = self.simple_value(node)
            && let Some(id) = self.tok_ident(&v)
        {
            return Some(id);
        }
        let pair = self.parse_line(Rule::ident_prop, node)?;
        let d = pair.into_inner().nth(1)?;
        Some(self.ident(node.line.start, &d))
    }

    fn bare(&mut self, node: &Node) -> bool {
        if self.simple(node).is_some_and(|t| t.len() == 1) {
            return true;
        }
        self.parse_line(Rule::bare_line, node).is_some()
    }

    /// Text given as a string on the line, a `"""` block, or both missing.
    fn text_or_block(&mut self, node: &Node, rule: Rule) -> Option<Text> {
        if let Some(block) = &node.block {
            self.parse_line(Rule::bare_line, node)?;
            return Some(self.block_text(block));
        }
        let pair = self.parse_line(rule, node)?;
        let s = pair.into_inner().find(|p| p.as_rule() == Rule::string)?;
        Some(self.string(node.line.start, &s))
    }

    fn block_text(&mut self, block: &lines::TextBlock) -> Text {
        let segs: Vec<(usize, &str)> = block.lines.iter().map(|(o, s)| (*o, s.as_str())).collect();
        let mut t = self.interpolate(&segs, false);
        t.span = block.open;
        t
    }

    // ---- expressions -----------------------------------------------------

    fn expr(&mut self, base: usize, pair: Pair<'_, Rule>) -> Expr {
        let toks: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
        let nots = toks.iter().filter(|t| t.as_rule() == Rule::not_op).count();
        if toks.len() > MAX_TERMS {
            let span = toks
                .first()
                .map_or_else(Span::default, |t| self.pair_span(base, t));
            self.error(
                Diagnostic::new(
                    Code::NestingTooDeep,
                    span,
                    format!("this condition has more than {MAX_TERMS} parts"),
                )
                .help("split it: set flags from parts of it in triggers, then combine the flags"),
            );
            return Expr {
                kind: ExprKind::Bool(false),
                span,
            };
        }
        if nots > MAX_NESTING {
            let span = toks
                .first()
                .map_or_else(Span::default, |t| self.pair_span(base, t));
            self.error(
                Diagnostic::new(
                    Code::NestingTooDeep,
                    span,
                    format!("more than {MAX_NESTING} `not`s in one condition"),
                )
                .help("two `not`s cancel out: simplify the condition"),
            );
            return Expr {
                kind: ExprKind::Bool(false),
                span,
            };
        }
        let mut i = 0;
        self.binary(base, &toks, &mut i, 0)
    }

    fn binary(
        &mut self,
        base: usize,
        toks: &[Pair<'_, Rule>],
        i: &mut usize,
        min_prec: u8,
    ) -> Expr {
        let mut lhs = self.unary(base, toks, i);
        while let Some(tok) = toks.get(*i) {
            let Some((op, prec)) = infix(tok.as_rule()) else {
                break;
            };
            if prec < min_prec {
                break;
            }
            *i += 1;
            let rhs = self.binary(base, toks, i, prec + 1);
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            };
        }
        lhs
    }

    fn unary(&mut self, base: usize, toks: &[Pair<'_, Rule>], i: &mut usize) -> Expr {
        let Some(tok) = toks.get(*i) else {
            return Expr {
                kind: ExprKind::Bool(false),
                span: Span::default(),
            };
        };
        *i += 1;
        if tok.as_rule() == Rule::not_op {
            let start = self.pair_span(base, tok);
            // `not` applies to a whole comparison: `not cpu > 90` is `not (cpu > 90)`.
            let inner = self.binary(base, toks, i, PREC_COMPARE);
            let span = start.to(inner.span);
            return Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            };
        }
        self.primary(base, tok.clone())
    }

    fn primary(&mut self, base: usize, pair: Pair<'_, Rule>) -> Expr {
        let span = self.pair_span(base, &pair);
        let rule = pair.as_rule();
        if rule == Rule::expr {
            return self.expr(base, pair);
        }
        let text = pair.as_str();
        let mut inner = pair.into_inner();
        let kind = match rule {
            Rule::boolean => ExprKind::Bool(text == "true"),
            Rule::number | Rule::percent | Rule::duration => {
                let q = self.quantity_from(base, rule, text, span);
                ExprKind::Quantity(q)
            }
            Rule::offset => {
                let ms = parse_duration(text.trim_start_matches("T+")).unwrap_or(0);
                ExprKind::Offset(ms)
            }
            Rule::now => ExprKind::Now,
            Rule::name => {
                let id = inner.next().map(|p| self.ident(base, &p));
                ExprKind::Name(id.unwrap_or(Ident {
                    name: text.to_string(),
                    span,
                }))
            }
            Rule::alert_is => {
                let name = inner.nth(1).map(|p| self.ident(base, &p));
                let state = inner.nth(1).map(|p| alert_state(p.as_str()));
                match (name, state) {
                    (Some(n), Some(s)) => ExprKind::AlertIs(n, s),
                    _ => ExprKind::Bool(false),
                }
            }
            Rule::ran | Rule::chose => {
                let mut name = None;
                let mut before = None;
                for p in inner {
                    match p.as_rule() {
                        Rule::ident => name = Some(self.ident(base, &p)),
                        Rule::offset => before = Some(self.millis(base, &p)),
                        _ => {}
                    }
                }
                match name {
                    Some(n) if rule == Rule::ran => ExprKind::Ran(n, before),
                    Some(n) => ExprKind::Chose(n, before),
                    None => ExprKind::Bool(false),
                }
            }
            Rule::visited | Rule::read | Rule::viewed | Rule::paged => {
                let Some(n) = inner
                    .find(|p| p.as_rule() == Rule::ident)
                    .map(|p| self.ident(base, &p))
                else {
                    return Expr {
                        kind: ExprKind::Bool(false),
                        span,
                    };
                };
                match rule {
                    Rule::visited => ExprKind::Visited(n),
                    Rule::read => ExprKind::Read(n),
                    Rule::viewed => ExprKind::Viewed(n),
                    _ => ExprKind::Paged(n),
                }
            }
            Rule::posted => ExprKind::PostedStatus,
            Rule::status_is => {
                let st = inner.nth(2).and_then(|p| StatusState::parse(p.as_str()));
                st.map_or(ExprKind::Bool(false), ExprKind::StatusIs)
            }
            Rule::is_value => {
                let parts: Vec<_> = inner.collect();
                let negated = parts.iter().any(|p| p.as_rule() == Rule::k_not);
                let idents: Vec<_> = parts
                    .iter()
                    .filter(|p| p.as_rule() == Rule::ident)
                    .collect();
                match (idents.first(), idents.get(1)) {
                    (Some(n), Some(v)) => ExprKind::Is {
                        name: self.ident(base, n),
                        negated,
                        value: self.ident(base, v),
                    },
                    _ => ExprKind::Bool(false),
                }
            }
            _ => ExprKind::Bool(false),
        };
        Expr { kind, span }
    }

    fn quantity_from(&mut self, _base: usize, rule: Rule, text: &str, span: Span) -> Quantity {
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

    fn cond_after(&mut self, base: usize, pair: Pair<'_, Rule>) -> Option<Expr> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::expr)
            .map(|e| self.expr(base, e))
    }

    // ---- blocks ----------------------------------------------------------

    /// Reads a `scenario ID` header and its properties (see [`props::SCENARIO`]).
    fn scenario(&mut self, node: &Node) -> Option<ScenarioHeader> {
        let base = node.line.start;
        let pair = self.parse_line(Rule::scenario_line, node);
        let id = pair
            .and_then(|p| p.into_inner().nth(1))
            .map(|p| self.ident(base, &p));
        let mut h = ScenarioHeader {
            id,
            span: node.line.span(),
            ..ScenarioHeader::default()
        };
        self.read_props(node, &props::SCENARIO, &mut h);
        Some(h)
    }

    /// Reads `tags WORD...` (or a person's `team WORD`): tag words may hold dashes.
    fn tags(&mut self, node: &Node) -> Option<Vec<Ident>> {
        let p = self.parse_line(Rule::tags_prop, node)?;
        let b = node.line.start;
        Some(
            p.into_inner()
                .filter(|t| t.as_rule() == Rule::tag)
                .map(|t| self.ident(b, &t))
                .collect(),
        )
    }

    /// Reads `start DATE CLOCK ZONE`, the wall-clock time the story begins,
    /// checking the date and clock so a typo is caught at check time.
    fn start_time(&mut self, node: &Node) -> Option<StartTime> {
        let b = node.line.start;
        let p = self.parse_line(Rule::start_prop, node)?;
        let span = self.pair_span(b, &p);
        let mut it = p.into_inner().skip(1);
        let (date, clock, zone) = (it.next()?, it.next()?, it.next()?);
        let clock_secs = self.clock(b, &clock);
        self.check_date(b, &date);
        Some(StartTime {
            date: date.as_str().to_string(),
            clock_secs,
            zone: zone.as_str().to_string(),
            offset_minutes: zone_offset(zone.as_str()),
            span,
        })
    }

    fn check_date(&mut self, base: usize, pair: &Pair<'_, Rule>) {
        let s = pair.as_str();
        let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
        let day: u32 = s.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            let span = self.pair_span(base, pair);
            self.error(
                Diagnostic::new(Code::BadLiteral, span, format!("`{s}` is not a date"))
                    .help("write dates as year-month-day, such as `2019-07-02`"),
            );
        }
    }

    /// Reads a `postmortem` block (see [`props::POSTMORTEM`]).
    fn postmortem(&mut self, node: &Node) -> Option<Postmortem> {
        self.parse_line(Rule::bare_line, node)?;
        let mut pm = Postmortem {
            span: node.line.span(),
            ..Postmortem::default()
        };
        self.read_props(node, &props::POSTMORTEM, &mut pm);
        Some(pm)
    }

    /// Reads a postmortem's `date YYYY-MM-DD`, checking month and day.
    fn date_prop(&mut self, node: &Node) -> Option<Ident> {
        let p = self.parse_line(Rule::date_prop, node)?;
        let d = p.into_inner().nth(1)?;
        self.check_date(node.line.start, &d);
        Some(self.ident(node.line.start, &d))
    }

    fn state_decl(&mut self, kw: &str, node: &Node) -> Option<(Ident, VarInit)> {
        let base = node.line.start;
        match kw {
            "flag" => {
                if let Some(id) = self.simple_value(node).and_then(|v| self.tok_ident(&v)) {
                    return Some((id, VarInit::Flag(false)));
                }
                let p = self.parse_line(Rule::flag_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let init = it.next().is_some_and(|b| b.as_str() == "true");
                Some((name, VarInit::Flag(init)))
            }
            "var" => {
                let p = self.parse_line(Rule::var_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let q = self.quantity(base, &it.next()?);
                Some((name, VarInit::Number(q)))
            }
            _ => {
                let p = self.parse_line(Rule::enum_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let values: Vec<Ident> = it
                    .filter(|v| v.as_rule() == Rule::ident)
                    .map(|v| self.ident(base, &v))
                    .collect();
                let mut seen: HashMap<&str, Span> = HashMap::new();
                for v in &values {
                    if let Some(first) = seen.get(v.name.as_str()) {
                        self.error(
                            Diagnostic::new(
                                Code::DuplicateId,
                                v.span,
                                format!("`{}` is listed twice", v.name),
                            )
                            .secondary(*first, "first listed here")
                            .help("list each value once"),
                        );
                    } else {
                        seen.insert(&v.name, v.span);
                    }
                }
                Some((name, VarInit::Enum(values)))
            }
        }
    }

    /// Reads a `metric NAME ["label"]` block (see [`props::METRIC`]).
    fn metric(&mut self, node: &Node) -> Option<MetricDecl> {
        let (name, label) = self.named(node, false)?;
        let mut m = MetricDecl {
            name,
            label,
            unit: None,
            baseline: None,
            noise: None,
            daily: None,
            range: None,
            recover: None,
            effects: Vec::new(),
        };
        self.read_props(node, &props::METRIC, &mut m);
        Some(m)
    }

    /// Reads `unit WORD`. Read by hand, not by the grammar, because a unit
    /// is any one word (`%`, `req/s`), not a name.
    fn unit_prop(&mut self, node: &Node) -> Option<Ident> {
        let text = self.text_of(node);
        let rest = text.get(4..).unwrap_or("").trim();
        let rest = rest.split("//").next().unwrap_or("").trim();
        let rest = rest.trim_matches('"');
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    node.line.span(),
                    "expected one unit word after `unit`",
                )
                .help("write the unit as one word, such as `unit %`, `unit ms` or `unit req/s`"),
            );
            return None;
        }
        let off = node.line.start + text.find(rest).unwrap_or(4);
        Some(Ident {
            name: rest.to_string(),
            span: self.span(off, off + rest.len()),
        })
    }

    /// Reads `daily AMOUNT peak CLOCK`: the size and peak of the daily wave.
    fn daily_prop(&mut self, node: &Node) -> Option<(Quantity, u32)> {
        let b = node.line.start;
        let p = self.parse_line(Rule::daily_prop, node)?;
        let mut it = p.into_inner().skip(1);
        let (q, _, c) = (it.next()?, it.next()?, it.next()?);
        let amp = self.quantity(b, &q);
        let peak = self.clock(b, &c);
        Some((amp, peak))
    }

    /// Reads `range LOW to HIGH` and reports an empty range here, where the
    /// two numbers are written.
    fn range_prop(&mut self, node: &Node) -> Option<(Quantity, Quantity)> {
        let b = node.line.start;
        let fast = self.reader(node).and_then(|mut r| {
            let lo = r.quantity()?;
            r.word("to")?;
            let hi = r.quantity()?;
            r.done().then_some((lo, hi))
        });
        let (lo, hi) = match fast {
            Some(b) => b,
            None => {
                let p = self.parse_line(Rule::range_prop, node)?;
                let mut it = p.into_inner().skip(1);
                let (lo, _, hi) = (it.next()?, it.next()?, it.next()?);
                (self.quantity(b, &lo), self.quantity(b, &hi))
            }
        };
        if hi.value <= lo.value {
            self.error(
                Diagnostic::new(
                    Code::OutOfRange,
                    lo.span.to(hi.span),
                    "the range is empty: its top is not above its bottom",
                )
                .help("write the lower bound first: `range 0 to 100`"),
            );
        }
        Some((lo, hi))
    }

    fn effect(&mut self, node: &Node) -> Option<EffectDecl> {
        if let Some(e) = self
            .reader(node)
            .and_then(|r| fast_effect(r, node.line.span()))
        {
            return Some(e);
        }
        let b = node.line.start;
        let p = self.parse_line(Rule::effect_prop, node)?;
        let span = node.line.span();
        let mut it = p.into_inner().skip(1);
        let name = self.ident(b, &it.next()?);
        let shape_pair = it.next()?;
        let shape = match shape_pair.as_rule() {
            Rule::step_shape => EffectShape::Step,
            Rule::ramp_shape => EffectShape::Ramp,
            Rule::spike_shape => EffectShape::Spike,
            _ => EffectShape::Decay,
        };
        let mut relative = false;
        let mut level = Level { value: None, span };
        let mut duration = None;
        for part in shape_pair.into_inner() {
            match part.as_rule() {
                Rule::to_or_by => relative = part.as_str().starts_with("by"),
                Rule::level => {
                    let lspan = self.pair_span(b, &part);
                    let value = part
                        .into_inner()
                        .next()
                        .filter(|v| v.as_rule() != Rule::k_baseline)
                        .map(|v| self.quantity(b, &v));
                    level = Level { value, span: lspan };
                }
                Rule::duration => duration = Some(self.millis(b, &part)),
                _ => {}
            }
        }
        let while_cond = it
            .find(|p| p.as_rule() == Rule::expr)
            .map(|e| self.expr(b, e));
        Some(EffectDecl {
            name,
            shape,
            relative,
            level,
            duration,
            while_cond,
            span,
        })
    }

    /// Reads an `alert NAME ["title"]` block (see [`props::ALERT`]).
    fn alert(&mut self, node: &Node) -> Option<AlertDecl> {
        let (name, title) = self.named(node, false)?;
        let mut a = AlertDecl {
            name,
            title,
            when: None,
            severity: None,
            summary: None,
            runbook: None,
        };
        self.read_props(node, &props::ALERT, &mut a);
        Some(a)
    }

    fn escalation(&mut self, node: &Node) -> Option<Vec<EscalationStep>> {
        self.parse_line(Rule::bare_line, node)?;
        let mut steps = Vec::new();
        for child in &node.children {
            let kw = first_word(self.text_of(child));
            if kw == SOURCE {
                continue;
            }
            let b = child.line.start;
            let Some(p) = self.parse_line(Rule::escalation_entry, child) else {
                continue;
            };
            let mut who = None;
            let mut after = None;
            for part in p.into_inner() {
                match part.as_rule() {
                    Rule::k_you => who = Some(Pagee::Player(self.pair_span(b, &part))),
                    Rule::ident => who = Some(Pagee::Person(self.ident(b, &part))),
                    Rule::duration => after = Some(self.millis(b, &part)),
                    _ => {}
                }
            }
            if let Some(who) = who {
                steps.push(EscalationStep { who, after });
            }
        }
        Some(steps)
    }

    /// Reads a `person NAME "Full Name"` block (see [`props::PERSON`]).
    fn person(&mut self, node: &Node) -> Option<PersonDecl> {
        let (name, full_name) = self.named(node, true)?;
        let full_name = full_name?;
        let mut person = PersonDecl {
            name,
            full_name,
            role: None,
            team: None,
            pageable: false,
            when_paged: Vec::new(),
        };
        self.read_props(node, &props::PERSON, &mut person);
        Some(person)
    }

    /// Reads `team WORD`. A team is one word and may hold dashes
    /// (`prod-eng`), so it is read as tags and more than one is reported.
    fn team_prop(&mut self, node: &Node) -> Option<Option<Ident>> {
        let tags = self.tags(node)?;
        if tags.len() > 1 {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    tags[1].span.to(tags[tags.len() - 1].span),
                    "a team is one word",
                )
                .help("join the words with `-`: `team prod-eng`"),
            );
        }
        Some(tags.into_iter().next())
    }

    /// Reads `when paged` and the actions indented below it: what the person
    /// says and does when the player pages them.
    fn when_paged(&mut self, node: &Node) -> Vec<Action> {
        let ok = self
            .parse_line(Rule::when_paged_line, node)
            .is_some_and(|p| p.into_inner().nth(1).is_some_and(|w| w.as_str() == "paged"));
        if ok {
            return self.actions(&node.children, "a `when paged` block", &[]);
        }
        self.error(
            Diagnostic::new(
                Code::Syntax,
                node.line.span(),
                "a person's block takes `when paged`",
            )
            .help("write `when paged` and indent what the person says and does below it"),
        );
        Vec::new()
    }

    /// Reads a `command NAME "pattern"` block: its properties, then the
    /// actions running it performs (see [`props::COMMAND`]).
    fn command(&mut self, node: &Node) -> Option<CommandDecl> {
        let (name, pattern) = self.named(node, true)?;
        let pattern = pattern?;
        let mut c = CommandDecl {
            name,
            patterns: vec![pattern],
            takes: None,
            risky: false,
            destructive: false,
            outputs: Vec::new(),
            actions: Vec::new(),
        };
        self.read_props(node, &props::COMMAND, &mut c);
        Some(c)
    }
    /// `output`/`text` `[when COND]` with a string, `file "path"` or a block.
    fn variant(&mut self, node: &Node) -> Option<Variant> {
        let b = node.line.start;
        let fast = self.reader(node).and_then(|mut r| {
            let when = if r.word("when").is_some() {
                Some(r.expr()?)
            } else {
                None
            };
            let is_file = r.word("file").is_some();
            let body = r.string();
            if is_file && body.is_none() || !r.done() {
                return None;
            }
            Some((when, is_file, body))
        });
        let (mut when, mut body, mut is_file) = (None, None, false);
        let fast_ok = fast.is_some();
        if let Some((w, file, text)) = fast {
            when = w;
            body = text.map(|(at, raw)| {
                let t = self.string_at(at, raw);
                if file { Body::File(t) } else { Body::Inline(t) }
            });
            is_file = file;
        }
        let pairs = if fast_ok {
            None
        } else {
            Some(self.parse_line(Rule::text_prop, node)?)
        };
        for part in pairs.into_iter().flat_map(|p| p.into_inner()) {
            match part.as_rule() {
                Rule::expr => when = Some(self.expr(b, part)),
                Rule::k_file => is_file = true,
                Rule::string => {
                    let t = self.string(b, &part);
                    body = Some(if is_file {
                        Body::File(t)
                    } else {
                        Body::Inline(t)
                    });
                }
                _ => {}
            }
        }
        let body = match (body, &node.block) {
            (Some(_), Some(block)) => {
                self.error(
                    Diagnostic::new(Code::Syntax, block.open, "this line already has its text")
                        .help("give either a string, a `file \"...\"` or a \"\"\" block, not two"),
                );
                return None;
            }
            (Some(body), None) => body,
            (None, Some(block)) => Body::Inline(self.block_text(block)),
            (None, None) => {
                self.error(
                    Diagnostic::new(Code::MissingProperty, node.line.span(), "this entry has no text")
                        .help("add a string, `file \"path\"`, or end the line with \"\"\" and write the text below"),
                );
                return None;
            }
        };
        Some(Variant {
            when,
            body,
            span: node.line.span(),
        })
    }

    /// Reads a `runbook`/`log NAME "Title"` block: `text`/`file` variants
    /// and prose lines, which join into one more variant.
    fn doc(&mut self, kw: &str, node: &Node) -> Option<DocDecl> {
        let (name, title) = self.named(node, true)?;
        let title = title?;
        let (kind, block) = if kw == "runbook" {
            (DocKind::Runbook, &props::RUNBOOK)
        } else {
            (DocKind::Log, &props::LOG)
        };
        let mut body = DocBody::default();
        self.read_props(node, block, &mut body);
        let DocBody {
            mut variants,
            prose,
        } = body;
        if !prose.is_empty() {
            let span = prose[0].span.to(prose[prose.len() - 1].span);
            let mut parts = Vec::new();
            for (i, t) in prose.into_iter().enumerate() {
                if i > 0 {
                    parts.push(TextPart::Literal("\n".into()));
                }
                parts.extend(t.parts);
            }
            variants.push(Variant {
                when: None,
                span,
                body: Body::Inline(Text { parts, span }),
            });
        }
        if variants.is_empty() && !node.too_deep {
            self.error(
                Diagnostic::new(
                    Code::MissingProperty,
                    node.line.span(),
                    format!("{} with no text", block.what),
                )
                .help(
                    "write its text below it (prose lines or a \"\"\" block), or `file \"path\"`",
                ),
            );
        }
        Some(DocDecl {
            kind,
            name,
            title,
            variants,
        })
    }
    /// A prose line or a bare `"""` block, if the line is one.
    fn prose(&mut self, node: &Node) -> Option<Text> {
        let text = self.text_of(node);
        let start = node.line.start;
        if let Some(block) = &node.block {
            if text.is_empty() {
                return Some(self.block_text(block));
            }
            return None;
        }
        if let Some(rest) = text.strip_prefix('|') {
            let rest_trim = rest.strip_prefix(' ').unwrap_or(rest);
            let off = start + (text.len() - rest_trim.len());
            return Some(self.interpolate(&[(off, rest_trim)], false));
        }
        let w = first_word(text);
        let starts_lower = text.starts_with(|c: char| c.is_ascii_lowercase());
        if starts_lower
            && is_ident(w)
            && (ACTION_KEYWORDS.contains(&w) || TOP_KEYWORDS.contains(&w))
        {
            return None;
        }
        if starts_lower && text.len() < 60 {
            // A short lowercase line whose first word is close to a keyword is
            // almost surely a misspelt statement, not narration.
            let words = text.split_whitespace().count();
            if words <= 3
                && closest(w, ACTION_KEYWORDS.iter().copied()).is_some()
                && !text.ends_with(['.', '!', '?'])
            {
                return None;
            }
        }
        if starts_lower && text.split_whitespace().count() == 1 && !text.ends_with(['.', '!', '?'])
        {
            return None;
        }
        Some(self.interpolate(&[(start, text)], false))
    }

    fn trigger(&mut self, kw: &str, node: &Node) -> Option<TriggerDecl> {
        let b = node.line.start;
        let kind = match kw {
            "at" => {
                let fast = self.reader(node).and_then(|mut r| {
                    let o = r.offset()?;
                    r.done().then_some(o)
                });
                let at = match fast {
                    Some(o) => o,
                    None => {
                        let p = self.parse_line(Rule::at_line, node)?;
                        self.millis(b, &p.into_inner().nth(1)?)
                    }
                };
                TriggerKind::At(at)
            }
            "every" => {
                let p = self.parse_line(Rule::every_line, node)?;
                let mut interval = None;
                let mut from = None;
                let mut until = None;
                let mut last_kw = Rule::word;
                for part in p.into_inner().skip(1) {
                    match part.as_rule() {
                        Rule::duration => interval = Some(self.millis(b, &part)),
                        Rule::k_from | Rule::k_until => last_kw = part.as_rule(),
                        Rule::offset if last_kw == Rule::k_from => {
                            from = Some(self.millis(b, &part))
                        }
                        Rule::offset => until = Some(self.millis(b, &part)),
                        _ => {}
                    }
                }
                let interval = interval?;
                if interval.ms == 0 {
                    self.error(
                        Diagnostic::new(
                            Code::BadLiteral,
                            interval.span,
                            "an `every` interval must be longer than zero",
                        )
                        .help("write a positive interval such as `every 5m`"),
                    );
                }
                TriggerKind::Every {
                    interval,
                    from,
                    until,
                }
            }
            _ => {
                let (cond, hold) = self.when_line(node)?;
                TriggerKind::When {
                    cond,
                    hold,
                    repeat: kw == "whenever",
                }
            }
        };
        let actions = self.actions(&node.children, "a trigger", &[SOURCE]);
        // `source` notes alone do nothing either.
        let only_notes = node
            .children
            .iter()
            .all(|c| first_word(self.text_of(c)) == SOURCE);
        if only_notes && !node.too_deep {
            self.error(
                Diagnostic::new(
                    Code::MissingProperty,
                    node.line.span(),
                    "this trigger does nothing",
                )
                .help("indent the actions it runs below it"),
            );
        }
        Some(TriggerDecl { kind, actions })
    }

    fn scene(&mut self, node: &Node) -> Option<SceneDecl> {
        let b = node.line.start;
        let p = self.parse_line(Rule::ident_prop, node)?;
        let name = self.ident(b, &p.into_inner().nth(1)?);
        let mut scene = SceneDecl {
            name,
            actions: Vec::new(),
            choices: Vec::new(),
            fallback: None,
        };
        let mut i = 0;
        while i < node.children.len() {
            let child = &node.children[i];
            let text = self.text_of(child);
            if text.starts_with(['*', '+']) {
                if let Some(c) = self.choice(child) {
                    scene.choices.push(c);
                }
            } else if first_word(text) == "fallback" {
                if self.bare(child) {
                    if let Some((first, _)) = &scene.fallback {
                        let first = *first;
                        self.error(
                            Diagnostic::new(
                                Code::RepeatedProperty,
                                child.line.span(),
                                "a scene has at most one `fallback`",
                            )
                            .secondary(first, "first fallback here")
                            .help("merge the two fallbacks"),
                        );
                    } else {
                        let acts = self.actions(&child.children, "a fallback", &[]);
                        scene.fallback = Some((child.line.span(), acts));
                    }
                }
            } else if first_word(text) == SOURCE {
            } else {
                if !scene.choices.is_empty() && child.block.is_none() {
                    // Lines after the choices still run when the scene is entered.
                }
                if let Some(a) =
                    self.action_at(&node.children, &mut i, "a scene", &[SOURCE, "fallback"][..])
                {
                    scene.actions.push(a);
                }
                continue;
            }
            i += 1;
        }
        Some(scene)
    }

    fn choice(&mut self, node: &Node) -> Option<Choice> {
        let text = self.text_of(node);
        let start = node.line.start;
        let sticky = text.starts_with('+');
        let body = text[1..].trim_start();
        let body_off = start + (text.len() - body.len());
        // A trailing `#id` names the choice.
        let (label, id) = match body.rfind('#') {
            Some(h)
                if is_ident(body[h + 1..].trim_end()) && (h == 0 || body[..h].ends_with(' ')) =>
            {
                let name = body[h + 1..].trim_end();
                let s = body_off + h + 1;
                (
                    body[..h].trim_end(),
                    Some(Ident {
                        name: name.to_string(),
                        span: self.span(s, s + name.len()),
                    }),
                )
            }
            _ => (body, None),
        };
        if label.is_empty() {
            self.error(
                Diagnostic::new(Code::Syntax, node.line.span(), "this choice has no text")
                    .help("write what the player sees after `*` or `+`; for a choice taken on its own, use `fallback`"),
            );
            return None;
        }
        let text = self.interpolate(&[(body_off, label)], false);
        let mut choice = Choice {
            sticky,
            text,
            id,
            only_if: None,
            takes: None,
            actions: Vec::new(),
            sources: Vec::new(),
            span: node.line.span(),
        };
        self.read_props(node, &props::CHOICE, &mut choice);
        Some(choice)
    }

    /// Reads an `ending NAME ["title"]` block: its outcome and narration
    /// (see [`props::ENDING`]).
    fn ending(&mut self, node: &Node) -> Option<EndingDecl> {
        let (name, title) = self.named(node, false)?;
        let mut e = EndingDecl {
            name,
            title,
            outcome: None,
            text: Vec::new(),
        };
        self.read_props(node, &props::ENDING, &mut e);
        Some(e)
    }

    /// Reads `outcome WORD`; on a mistake, the grammar's message gets a
    /// help line that lists the outcomes.
    fn outcome_prop(&mut self, node: &Node) -> Option<(String, Span)> {
        let b = node.line.start;
        let Some(p) = self.parse_line(Rule::outcome_prop, node) else {
            if let Some(last) = self.diags.last_mut() {
                last.help =
                    Some("an outcome is `resolved`, `mitigated`, `worse` or `timed out`".into());
            }
            return None;
        };
        let o = p.into_inner().nth(1)?;
        let span = self.pair_span(b, &o);
        let word = o.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        Some((word, span))
    }

    /// Reads the `debrief` block (see [`props::DEBRIEF`]).
    fn debrief(&mut self, node: &Node) -> Option<DebriefDecl> {
        self.parse_line(Rule::bare_line, node)?;
        let mut d = DebriefDecl::default();
        self.read_props(node, &props::DEBRIEF, &mut d);
        Some(d)
    }

    /// Reads `root cause "..."` or `root cause """` with a text block.
    fn root_cause(&mut self, node: &Node) -> Option<Text> {
        if let Some(block) = &node.block {
            self.parse_line(Rule::root_cause_line, node)?;
            return Some(self.block_text(block));
        }
        let p = self.parse_line(Rule::root_cause_line, node)?;
        let b = node.line.start;
        p.into_inner()
            .find(|p| p.as_rule() == Rule::string)
            .map(|s| self.string(b, &s))
    }

    /// Reads `responders` and the milestones of the real incident below it.
    fn responders(&mut self, node: &Node) -> Vec<Milestone> {
        if !self.bare(node) {
            return Vec::new();
        }
        node.children
            .iter()
            .filter_map(|m| self.milestone(m))
            .collect()
    }

    /// Reads a rubric entry (`key action`, `red herring` or `objective`,
    /// then a name and a title) and its properties (see [`props::KEY_ACTION`]).
    fn rubric_item(&mut self, node: &Node) -> Option<RubricItem> {
        let b = node.line.start;
        let p = self.parse_line(Rule::rubric_item, node)?;
        let mut it = p.into_inner();
        let kw = it.next()?.as_str();
        let mut name = None;
        let mut title = None;
        let mut second = None;
        for part in it {
            match part.as_rule() {
                Rule::k_action | Rule::k_herring => second = Some(part.as_str().to_string()),
                Rule::ident => name = Some(self.ident(b, &part)),
                Rule::string => title = Some(self.string(b, &part)),
                _ => {}
            }
        }
        let (kind, block, cond_kw) = match (kw, second.as_deref()) {
            ("key", Some("action")) => (RubricKind::KeyAction, &props::KEY_ACTION, "done"),
            ("red", Some("herring")) => (RubricKind::RedHerring, &props::RED_HERRING, "taken"),
            ("objective", None) => (RubricKind::Objective, &props::OBJECTIVE, "met"),
            _ => {
                self.error(
                    Diagnostic::new(
                        Code::Syntax,
                        node.line.span(),
                        "expected `key action`, `red herring` or `objective`",
                    )
                    .help(
                        "write for example `key action kill_switch \"Disable the WAF globally\"`",
                    ),
                );
                return None;
            }
        };
        let mut item = RubricItem {
            kind,
            name: name?,
            title: title?,
            cond: None,
            by: None,
            why: None,
            sources: Vec::new(),
        };
        let given = self.read_props(node, block, &mut item);
        if item.cond.is_none() && !given.has("when") {
            self.error(
                Diagnostic::new(
                    Code::MissingProperty,
                    node.line.span(),
                    "this rubric entry never says when it counts".to_string(),
                )
                .help(format!(
                    "add `{cond_kw} when CONDITION` below it, such as `{cond_kw} when ran deploys`"
                )),
            );
        }
        Some(item)
    }

    /// Reads a rubric entry's `done when C` / `taken when C` / `met when C`.
    fn rubric_cond(&mut self, node: &Node) -> Option<Expr> {
        self.cond_line(node, Rule::cond_prop, Some("when"))
    }

    /// Reads a key action's `by T+...`, the time it should be done by.
    fn by_prop(&mut self, node: &Node) -> Option<Millis> {
        let p = self.parse_line(Rule::offset_prop, node)?;
        let o = p.into_inner().nth(1)?;
        Some(self.millis(node.line.start, &o))
    }

    fn milestone(&mut self, node: &Node) -> Option<Milestone> {
        let b = node.line.start;
        const KINDS: &[&str] = &[
            "started",
            "detected",
            "diagnosed",
            "mitigated",
            "resolved",
            "escalated",
            "communicated",
        ];
        let kw = first_word(self.text_of(node));
        if kw == SOURCE {
            return None;
        }
        if !KINDS.contains(&kw) {
            self.unknown_in(node, "the responders' timeline", KINDS);
            return None;
        }
        let p = self.parse_line(Rule::milestone, node)?;
        let mut it = p.into_inner();
        let kind = self.ident(b, &it.next()?);
        let t = it.next()?;
        let time = if t.as_rule() == Rule::clock {
            let span = self.pair_span(b, &t);
            MomentTime::Clock(self.clock(b, &t), span)
        } else {
            MomentTime::Offset(self.millis(b, &t))
        };
        let what = self.string(b, &it.next()?);
        let sources = self.sources_of(node);
        Some(Milestone {
            kind,
            time,
            what,
            sources,
        })
    }

    /// Reads a `test NAME ["title"]` block: a seed, the player's steps and
    /// what to expect at the end (see [`props::TEST`]).
    fn test(&mut self, node: &Node) -> Option<TestDecl> {
        let (name, title) = self.named(node, false)?;
        let mut t = TestDecl {
            name,
            title,
            seed: None,
            steps: Vec::new(),
            expects: Vec::new(),
        };
        self.read_props(node, &props::TEST, &mut t);
        Some(t)
    }

    /// Reads `expect ending NAME` or `expect [not] KIND NAME` (a rubric entry).
    fn expectation(&mut self, node: &Node) -> Option<(Expectation, Span)> {
        let b = node.line.start;
        let p = self.parse_line(Rule::expect_line, node)?;
        let e = p.into_inner().nth(1)?;
        let span = node.line.span();
        if e.as_rule() == Rule::ending_expect {
            let id = e.into_inner().find(|p| p.as_rule() == Rule::ident)?;
            return Some((Expectation::Ending(self.ident(b, &id)), span));
        }
        let mut negated = false;
        let mut kind = RubricKind::Objective;
        let mut name = None;
        for part in e.into_inner() {
            match part.as_rule() {
                Rule::k_not => negated = true,
                Rule::rubric_kind => {
                    kind = match part.as_str().chars().next() {
                        Some('k') => RubricKind::KeyAction,
                        Some('r') => RubricKind::RedHerring,
                        _ => RubricKind::Objective,
                    }
                }
                Rule::ident => name = Some(self.ident(b, &part)),
                _ => {}
            }
        }
        let name = name?;
        let expect = Expectation::Rubric {
            kind,
            name,
            negated,
        };
        Some((expect, span))
    }

    fn test_step(&mut self, node: &Node) -> Option<TestStep> {
        let b = node.line.start;
        let p = match LineGrammar::parse(Rule::test_step, self.text_of(node)) {
            Ok(mut p) => p.next()?,
            Err(e) => {
                let kw = first_word(self.text_of(node));
                const INPUTS: &[&str] = &[
                    "at", "ack", "resolve", "run", "choose", "reply", "page", "status", "graph",
                    "runbook", "logs", "wait", "expect", "seed",
                ];
                if !INPUTS.contains(&kw) {
                    self.unknown_in(node, "a test", INPUTS);
                } else {
                    let d = self.describe_error(&e, b, self.text_of(node));
                    self.error(d);
                }
                return None;
            }
        };
        let mut at = None;
        let mut input = None;
        for part in p.into_inner() {
            let rule = part.as_rule();
            if rule == Rule::offset {
                at = Some(self.millis(b, &part));
                continue;
            }
            let args: Vec<Pair<'_, Rule>> = part.into_inner().collect();
            let ident = args
                .iter()
                .find(|a| a.as_rule() == Rule::ident)
                .map(|a| self.ident(b, a));
            let string = args
                .iter()
                .find(|a| a.as_rule() == Rule::string)
                .map(|a| self.string(b, a));
            let number = args
                .iter()
                .find(|a| a.as_rule() == Rule::number)
                .map(|a| self.quantity(b, a));
            let duration = args
                .iter()
                .find(|a| a.as_rule() == Rule::duration)
                .map(|a| self.millis(b, a));
            input = match rule {
                Rule::ack_input => Some(TestInput::Ack(ident)),
                Rule::resolve_input => ident.map(TestInput::Resolve),
                Rule::run_input => string.map(TestInput::Run),
                Rule::choose_input => number
                    .map(TestInput::ChooseNumber)
                    .or(ident.map(TestInput::ChooseId)),
                Rule::reply_input => number.map(TestInput::Reply),
                Rule::page_input => ident.zip(string).map(|(i, s)| TestInput::Page(i, s)),
                Rule::status_input => {
                    let st = args
                        .iter()
                        .find(|a| a.as_rule() == Rule::status_state)
                        .and_then(|a| StatusState::parse(a.as_str()));
                    st.zip(string).map(|(st, s)| TestInput::Status(st, s))
                }
                Rule::graph_input => ident.map(TestInput::Graph),
                Rule::runbook_input => ident.map(TestInput::Runbook),
                Rule::logs_input => ident.map(TestInput::Logs),
                Rule::wait_input => duration.map(TestInput::Wait),
                _ => input,
            };
        }
        Some(TestStep {
            at,
            input: input?,
            span: node.line.span(),
        })
    }

    // ---- actions ---------------------------------------------------------

    fn actions(&mut self, nodes: &[Node], ctx: &str, props: &[&'static str]) -> Vec<Action> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            if props.contains(&first_word(self.text_of(&nodes[i]))) {
                i += 1;
                continue;
            }
            if let Some(a) = self.action_at(nodes, &mut i, ctx, props) {
                out.push(a);
            }
        }
        out
    }

    /// Parses the action at `nodes[*i]` and advances `i` past it (and past its
    /// `else`, for an `if`).
    fn action_at<L: Listing + ?Sized>(
        &mut self,
        nodes: &[Node],
        i: &mut usize,
        ctx: &str,
        props: &L,
    ) -> Option<Action> {
        let node = &nodes[*i];
        *i += 1;
        let text = self.text_of(node);
        let b = node.line.start;
        if let Some(rest) = text.strip_prefix('@') {
            return self.chat(node, rest);
        }
        if text.starts_with(['*', '+']) {
            self.error(
                Diagnostic::new(
                    Code::MisplacedStatement,
                    node.line.span(),
                    format!("choices belong directly in a scene, not in {ctx}"),
                )
                .help("move the choice up to the scene's level, or `goto` a scene that offers it"),
            );
            return None;
        }
        if let Some(t) = self.prose(node) {
            if !node.children.is_empty() {
                self.no_children(node, "a line of narration");
            }
            return Some(Action::Narrate(t));
        }
        let kw = first_word(text);
        let action = match kw {
            "page" => {
                let p = self.parse_line(Rule::page_action, node)?;
                let mut who = None;
                let mut msg = None;
                for part in p.into_inner().skip(1) {
                    match part.as_rule() {
                        Rule::k_you => who = Some(Pagee::Player(self.pair_span(b, &part))),
                        Rule::ident => who = Some(Pagee::Person(self.ident(b, &part))),
                        Rule::string => msg = Some(self.string(b, &part)),
                        _ => {}
                    }
                }
                Action::Page(who?, msg?)
            }
            "set" => {
                let fast = self.reader(node).and_then(|mut r| {
                    let name = r.ident()?;
                    r.op("=")?;
                    let e = r.expr()?;
                    r.done().then_some((name, e))
                });
                match fast {
                    Some((name, e)) => Action::Set(name, e),
                    None => {
                        let p = self.parse_line(Rule::set_action, node)?;
                        let mut it = p.into_inner().skip(1);
                        let name = self.ident(b, &it.next()?);
                        let e = self.expr(b, it.next()?);
                        Action::Set(name, e)
                    }
                }
            }
            "start" | "stop" | "goto" | "call" | "interrupt" | "end" => {
                let id = match self.simple_value(node).and_then(|v| self.tok_ident(&v)) {
                    Some(id) => id,
                    None => {
                        let p = self.parse_line(Rule::target_action, node)?;
                        self.ident(b, &p.into_inner().nth(1)?)
                    }
                };
                match kw {
                    "start" => Action::Start(id),
                    "stop" => Action::Stop(id),
                    "goto" => Action::Goto(id),
                    "call" => Action::Call(id),
                    "interrupt" => Action::Interrupt(id),
                    _ => Action::End(id),
                }
            }
            "status" => {
                let p = self.parse_line(Rule::status_action, node)?;
                let mut state = None;
                let mut text = None;
                for part in p.into_inner() {
                    match part.as_rule() {
                        Rule::status_state => state = StatusState::parse(part.as_str()),
                        Rule::string => text = Some(self.string(b, &part)),
                        _ => {}
                    }
                }
                Action::PostStatus(state?, text?)
            }
            "return" | "wait" => {
                self.parse_line(Rule::bare_line, node)?;
                let span = node.line.span();
                if kw == "return" {
                    Action::Return(span)
                } else {
                    Action::Wait(span)
                }
            }
            "after" => {
                let p = self.parse_line(Rule::after_action, node)?;
                let d = self.millis(b, &p.into_inner().nth(1)?);
                let body = self.actions(&node.children, "an `after` block", &[]);
                if body.is_empty() {
                    self.empty_block(node, "after");
                }
                return Some(Action::After(d, body));
            }
            "if" => {
                let cond = self.cond_line(node, Rule::if_action, None)?;
                let then = self.actions(&node.children, "an `if` block", &[]);
                if then.is_empty() {
                    self.empty_block(node, "if");
                }
                let mut otherwise = Vec::new();
                if let Some(next) = nodes.get(*i)
                    && first_word(self.text_of(next)) == "else"
                    && next.line.indent == node.line.indent
                {
                    *i += 1;
                    if self.bare(next) {
                        otherwise = self.actions(&next.children, "an `else` block", &[]);
                    }
                }
                return Some(Action::If(cond, then, otherwise));
            }
            "else" => {
                self.error(
                    Diagnostic::new(Code::MisplacedStatement, node.line.span(), "`else` without an `if` just above it")
                        .help("put `else` at the same indentation as its `if`, right after the `if` block"),
                );
                return None;
            }
            _ => {
                let mut allowed: Vec<&str> = ACTION_KEYWORDS.to_vec();
                allowed.extend(props.words());
                self.unknown_in(node, ctx, &allowed);
                if let Some(last) = self.diags.last_mut()
                    && last
                        .help
                        .as_deref()
                        .is_some_and(|h| h.starts_with("did you mean"))
                    && let Some(h) = &mut last.help
                {
                    h.push_str(" (to narrate a line that starts with a lowercase word, begin it with `| `)");
                }
                return None;
            }
        };
        if !node.children.is_empty() {
            self.no_children(node, &format!("a `{kw}` line"));
        }
        Some(action)
    }

    fn empty_block(&mut self, node: &Node, kw: &str) {
        self.error(
            Diagnostic::new(
                Code::MissingProperty,
                node.line.span(),
                format!("this `{kw}` has nothing to do"),
            )
            .help("indent the actions it runs below it"),
        );
    }

    fn chat(&mut self, node: &Node, rest: &str) -> Option<Action> {
        let start = node.line.start + 1;
        let name_len = first_word(rest).len();
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        if name.is_empty() || !after.starts_with(':') {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    node.line.span(),
                    "a chat line is `@person: message`",
                )
                .help("write the person's name right after `@`, then `:` and the message"),
            );
            return None;
        }
        let msg = after[1..].trim_start();
        let msg_off = start + name_len + (after.len() - msg.len());
        let who = Ident {
            name: name.to_string(),
            span: self.span(start, start + name_len),
        };
        let text = self.interpolate(&[(msg_off, msg)], false);
        if !node.children.is_empty() {
            self.no_children(node, "a chat line");
        }
        Some(Action::Chat(who, text))
    }
}

/// `effect NAME SHAPE to|by LEVEL [over|for D] [while COND]`, read without pest.
fn fast_effect(mut r: fast::Reader<'_>, span: Span) -> Option<EffectDecl> {
    let name = r.ident()?;
    let shape = match r.peek()? {
        fast::T::Word(_, "step") => EffectShape::Step,
        fast::T::Word(_, "ramp") => EffectShape::Ramp,
        fast::T::Word(_, "spike") => EffectShape::Spike,
        fast::T::Word(_, "decay") => EffectShape::Decay,
        _ => return None,
    };
    r.pos += 1;
    let relative = match r.peek()? {
        fast::T::Word(_, "to") => false,
        fast::T::Word(_, "by") if shape != EffectShape::Decay => true,
        _ => return None,
    };
    r.pos += 1;
    let level = match r.peek()? {
        fast::T::Word(a, "baseline") => {
            r.pos += 1;
            Level {
                value: None,
                span: Span::new(span.file, a, a + "baseline".len()),
            }
        }
        _ => {
            let q = r.quantity()?;
            if q.unit == LiteralUnit::Millis {
                return None;
            }
            Level {
                value: Some(q),
                span: q.span,
            }
        }
    };
    let duration = match shape {
        EffectShape::Step => None,
        EffectShape::Spike => {
            r.word("for")?;
            Some(r.duration()?)
        }
        EffectShape::Ramp | EffectShape::Decay => {
            r.word("over")?;
            Some(r.duration()?)
        }
    };
    let while_cond = if r.word("while").is_some() {
        Some(r.expr()?)
    } else {
        None
    };
    r.done().then_some(EffectDecl {
        name,
        shape,
        relative,
        level,
        duration,
        while_cond,
        span,
    })
}

/// A token of a simple line: a bare word, or a string without escapes.
/// Offsets are absolute byte positions in the file.
#[derive(Debug, Clone, Copy)]
enum Tok<'t> {
    Word(usize, &'t str),
    Str(usize, &'t str),
}

/// Splits a line into plain words and strings, or `None` when it holds
/// anything the fast path leaves to the grammar (comments, escapes, operators).
fn simple_tokens(text: &str, base: usize) -> Option<Vec<Tok<'_>>> {
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

/// Which literal a word is, exactly as the grammar reads it.
fn quantity_kind(w: &str) -> Option<Rule> {
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

const PREC_COMPARE: u8 = 3;
/// Most operands and operators in one condition: bounds the depth of the tree.
const MAX_TERMS: usize = 256;

fn infix(rule: Rule) -> Option<(BinOp, u8)> {
    Some(match rule {
        Rule::or_op => (BinOp::Or, 1),
        Rule::and_op => (BinOp::And, 2),
        Rule::lt => (BinOp::Lt, PREC_COMPARE),
        Rule::le => (BinOp::Le, PREC_COMPARE),
        Rule::gt => (BinOp::Gt, PREC_COMPARE),
        Rule::ge => (BinOp::Ge, PREC_COMPARE),
        Rule::eq => (BinOp::Eq, PREC_COMPARE),
        Rule::ne => (BinOp::Ne, PREC_COMPARE),
        Rule::add => (BinOp::Add, 4),
        Rule::sub => (BinOp::Sub, 4),
        _ => return None,
    })
}

fn alert_state(s: &str) -> AlertState {
    match s {
        "firing" => AlertState::Firing,
        "pending" => AlertState::Pending,
        "resolved" => AlertState::Resolved,
        "acked" => AlertState::Acked,
        "silenced" => AlertState::Silenced,
        _ => AlertState::Quiet,
    }
}

pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The byte offset of the first `(` deeper than the limit, outside strings.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Milliseconds of a duration such as `1h30m` or `250ms`; `None` on overflow.
pub fn parse_duration(s: &str) -> Option<u64> {
    let mut total: u64 = 0;
    let mut num: u64 = 0;
    let mut chars = s.chars().peekable();
    let mut saw_digit = false;
    while let Some(c) = chars.next() {
        if let Some(d) = c.to_digit(10) {
            num = num.checked_mul(10)?.checked_add(u64::from(d))?;
            saw_digit = true;
            continue;
        }
        let factor = match c {
            'h' => 3_600_000,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            'm' => 60_000,
            's' => 1000,
            _ => return None,
        };
        if !saw_digit {
            return None;
        }
        total = total.checked_add(num.checked_mul(factor)?)?;
        num = 0;
        saw_digit = false;
    }
    if saw_digit {
        return None;
    }
    // Beyond a year is never meant, and keeps later arithmetic far from overflow.
    (total <= 366 * 24 * 3_600_000).then_some(total)
}

/// Seconds since midnight of `HH:MM[:SS]`.
pub fn parse_clock(s: &str) -> Option<u32> {
    let mut parts = s.split(':').map(|p| p.parse::<u32>().ok());
    let h = parts.next()??;
    let m = parts.next()??;
    let sec = parts.next().unwrap_or(Some(0))?;
    (h < 24 && m < 60 && sec < 60).then_some(h * 3600 + m * 60 + sec)
}

fn zone_offset(z: &str) -> i32 {
    if z == "UTC" || z == "Z" {
        return 0;
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let h: i32 = z.get(1..3).and_then(|h| h.parse().ok()).unwrap_or(0);
    let m: i32 = z.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
    sign * (h * 60 + m)
}

/// Bytes of the token at the start of `rest`, for "found `...`".
fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        None => 0,
        Some((_, c)) if c.is_alphanumeric() || c == '_' => rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '%' || *c == '.'))
            .map_or(rest.len(), |(i, _)| i),
        Some((_, c)) => c.len_utf8(),
    }
}

/// `5 minutes` -> (bytes covered, `5m`).
fn long_duration_fix(rest: &str) -> Option<(usize, String)> {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let word_start = after.len() - after.trim_start().len();
    let word: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let unit = match word.to_ascii_lowercase().as_str() {
        "ms" | "millisecond" | "milliseconds" => "ms",
        "sec" | "secs" | "second" | "seconds" => "s",
        "min" | "mins" | "minute" | "minutes" => "m",
        "hr" | "hrs" | "hour" | "hours" => "h",
        _ => return None,
    };
    if word_start == 0 && word.len() <= 2 {
        return None;
    }
    Some((
        digits + word_start + word.len(),
        format!("{}{unit}", &rest[..digits]),
    ))
}

/// Domain words for a grammar rule in an "expected ..." message.
fn describe_rule(rule: Rule) -> &'static str {
    match rule {
        Rule::ident | Rule::name | Rule::k_you => "a name",
        Rule::slug => "a scenario id such as `checkout-outage`",
        Rule::tag => "a tag word",
        Rule::number => "a number",
        Rule::percent => "a percentage such as `82%`",
        Rule::duration => "a duration such as `90s` or `5m`",
        Rule::offset => "a time offset such as `T+3m`",
        Rule::clock => "a clock time such as `13:45`",
        Rule::date => "a date such as `2019-07-02`",
        Rule::zone => "a time zone such as `UTC` or `+02:00`",
        Rule::string => "a quoted string",
        Rule::boolean => "`true` or `false`",
        Rule::EOI => "the end of the line",
        Rule::outcome => "an outcome (`resolved`, `mitigated`, `worse` or `timed out`)",
        Rule::alert_state => {
            "an alert state (`firing`, `pending`, `resolved`, `acked`, `silenced` or `quiet`)"
        }
        Rule::status_state => {
            "a status (`investigating`, `identified`, `monitoring` or `resolved`)"
        }
        Rule::level => "a level (a number, a percentage or `baseline`)",
        Rule::to_or_by => "`to` or `by`",
        Rule::step_shape | Rule::ramp_shape | Rule::spike_shape | Rule::decay_shape => {
            "an effect (`step`, `ramp`, `spike` or `decay`)"
        }
        Rule::expr
        | Rule::not_op
        | Rule::alert_is
        | Rule::ran
        | Rule::chose
        | Rule::visited
        | Rule::read
        | Rule::viewed
        | Rule::paged
        | Rule::posted
        | Rule::status_is
        | Rule::is_value
        | Rule::now => "a condition such as `edge_cpu > 90` or `alert waf is firing`",
        Rule::or_op
        | Rule::and_op
        | Rule::lt
        | Rule::le
        | Rule::gt
        | Rule::ge
        | Rule::eq
        | Rule::ne
        | Rule::add
        | Rule::sub => "an operator such as `and`, `or` or `>`",
        Rule::ack_input
        | Rule::resolve_input
        | Rule::run_input
        | Rule::choose_input
        | Rule::reply_input
        | Rule::page_input
        | Rule::status_input
        | Rule::graph_input
        | Rule::runbook_input
        | Rule::logs_input
        | Rule::wait_input => "a player input such as `ack`, `run \"top\"` or `choose 1`",
        Rule::ending_expect | Rule::rubric_expect | Rule::rubric_kind => {
            "`ending`, `objective`, `key action` or `red herring`"
        }
        Rule::k_action => "`action`",
        Rule::k_after => "`after`",
        Rule::k_alert => "`alert`",
        Rule::k_at => "`at`",
        Rule::k_baseline => "`baseline`",
        Rule::k_before => "`before`",
        Rule::k_by => "`by`",
        Rule::k_cause => "`cause`",
        Rule::k_decay => "`decay`",
        Rule::k_every => "`every`",
        Rule::k_file => "`file`",
        Rule::k_for => "`for`",
        Rule::k_from => "`from`",
        Rule::k_herring => "`herring`",
        Rule::k_if => "`if`",
        Rule::k_is => "`is`",
        Rule::k_not => "`not`",
        Rule::k_out => "`out`",
        Rule::k_over => "`over`",
        Rule::k_peak => "`peak`",
        Rule::k_ramp => "`ramp`",
        Rule::k_spike => "`spike`",
        Rule::k_status => "`status`",
        Rule::k_step => "`step`",
        Rule::k_to => "`to`",
        Rule::k_until => "`until`",
        Rule::k_when => "`when`",
        Rule::k_while => "`while`",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(90_000));
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("250ms"), Some(250));
        assert_eq!(parse_duration("5"), None);
        assert_eq!(parse_duration("99999999999999999999h"), None);
    }

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("13:45"), Some(49_500));
        assert_eq!(parse_clock("24:00"), None);
    }

    /// Runs `f` on a parser over `text` as the first line of a file.
    fn with_line<T>(
        text: &str,
        f: impl FnOnce(&mut Parser<'_>, &Node) -> T,
    ) -> (T, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let nodes = lines::split(FileId(0), text, &mut diags);
        let mut p = Parser {
            file: FileId(0),
            src: text,
            diags: &mut diags,
        };
        let out = f(&mut p, &nodes[0]);
        (out, diags)
    }

    fn fast_when(text: &str) -> Option<(Expr, Option<Millis>)> {
        with_line(text, |p, n| {
            p.reader(n).and_then(|mut r| {
                let e = r.expr()?;
                let hold = if r.word("for").is_some() {
                    Some(r.duration()?)
                } else {
                    None
                };
                r.done().then_some((e, hold))
            })
        })
        .0
    }

    fn pest_when(text: &str) -> Option<(Expr, Option<Millis>)> {
        with_line(text, |p, n| {
            let pair = p.parse_line(Rule::when_line, n)?;
            let (mut cond, mut hold) = (None, None);
            for part in pair.into_inner() {
                match part.as_rule() {
                    Rule::expr => cond = Some(p.expr(0, part)),
                    Rule::duration => hold = Some(p.millis(0, &part)),
                    _ => {}
                }
            }
            cond.map(|c| (c, hold))
        })
        .0
    }

    /// The grammar's reading: a trailing comment keeps a line off the fast path.
    fn pest_effect(text: &str) -> Option<EffectDecl> {
        let commented = format!("{text} // x");
        with_line(&commented, |p, n| {
            let mut e = p.effect(n)?;
            e.span.end -= " // x".len() as u32;
            Some(e)
        })
        .0
    }

    #[test]
    fn the_fast_path_takes_the_common_lines() {
        for line in [
            "when edge_cpu > 90 for 2m",
            "when alert waf is firing and not ran deploys before T+10m",
            "when (a or b) and theory is not attack",
            "when status is identified or posted status",
            "when now >= T+5m and x - -3 < 2.5%",
        ] {
            assert!(fast_when(line).is_some(), "{line}");
            assert_eq!(fast_when(line), pest_when(line), "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, .. Default::default() })]

        /// Whatever the fast path accepts, the grammar reads the same way.
        #[test]
        fn fast_conditions_match_the_grammar(words in proptest::collection::vec(proptest::sample::select(vec![
            "x", "cpu", "theory", "attack", "alert", "waf", "is", "not", "and", "or", "ran", "chose", "read", "viewed",
            "visited", "paged", "posted", "status", "firing", "resolved", "identified", "true", "false", "now", "before",
            "T+5m", "T+0", "5", "-5", "5%", "90s", "1h30m", "1.5", "(", ")", "<", "<=", ">", ">=", "==", "!=", "+", "-",
            "for", "2m", "_y", "read_x", "not_y",
        ]), 1..12)) {
            let line = format!("when {}", words.join(" "));
            if let Some(fast) = fast_when(&line) {
                proptest::prop_assert_eq!(Some(fast), pest_when(&line), "{}", line);
            }
        }

        #[test]
        fn fast_effects_match_the_grammar(
            shape in proptest::sample::select(vec!["step", "ramp", "spike", "decay", "jump"]),
            dir in proptest::sample::select(vec!["to", "by", "at"]),
            level in proptest::sample::select(vec!["baseline", "90", "-5", "12.5%", "5m", "x"]),
            tail in proptest::sample::select(vec!["", "over 2m", "for 30s", "over", "for 2m while x", "over 1m while not x > 3", "while x"]),
        ) {
            let line = format!("effect e {shape} {dir} {level} {tail}").trim_end().to_string();
            let fast = with_line(&line, |p, n| p.reader(n).and_then(|r| fast_effect(r, n.line.span()))).0;
            if let Some(fast) = fast {
                let slow = pest_effect(&line);
                proptest::prop_assert_eq!(Some(fast), slow, "{}", line);
            }
        }
    }

    /// The codes and messages `parse_file` reports for `src`.
    fn messages(src: &str) -> Vec<(Code, String)> {
        let mut diags = Vec::new();
        parse_file(FileId(0), src, &mut diags);
        diags.into_iter().map(|d| (d.code, d.message)).collect()
    }

    #[test]
    fn a_once_only_property_given_twice_is_reported_once() {
        let src = "alert a\n    severity page\n    severity ticket\n    when x > 1\n";
        assert_eq!(
            messages(src),
            vec![(
                Code::RepeatedProperty,
                "`severity` is given twice".to_string()
            )]
        );
        let src = "person p \"P\"\n    when paged\n        wait\n    when paged\n        wait\n";
        assert_eq!(
            messages(src),
            vec![(
                Code::RepeatedProperty,
                "`when paged` is given twice".to_string()
            )]
        );
    }

    #[test]
    fn unknown_properties_are_suggested_from_the_table() {
        let mut diags = Vec::new();
        parse_file(FileId(0), "metric m\n    baselin 3\n", &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "`baselin` is not part of a metric");
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `baseline`?"));
    }

    /// A red herring's condition is `taken when`; `met when` belongs to an
    /// objective and was once skipped without a word.
    #[test]
    fn a_rubric_entry_takes_only_its_own_condition_word() {
        let src =
            "debrief\n    red herring cap \"Capacity\"\n        taken when x\n        met when y\n";
        assert_eq!(
            messages(src),
            vec![(
                Code::UnknownKeyword,
                "`met` is not part of a rubric entry".to_string()
            )]
        );
    }

    #[test]
    fn suggests_compact_durations() {
        assert_eq!(long_duration_fix("5 minutes later"), Some((9, "5m".into())));
        assert_eq!(long_duration_fix("5m"), None);
    }
}
