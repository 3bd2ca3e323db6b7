//! From lines to the syntax tree. Each line is parsed on its own with the pest
//! rule its first word selects; a line that fails yields one diagnostic in
//! domain words and parsing goes on with the next line.
//!
//! This file holds the driver (one item per top-level line) and the wording
//! of syntax errors. The rest is split by what it reads:
//! - `props`: the declarative property table of every block kind;
//! - `values`: names, strings with `{name}`s, numbers, durations, clocks;
//! - `expr`: conditions;
//! - `blocks/`: one file per family of blocks;
//! - `actions`: the statements triggers, scenes and commands run;
//! - `simple` and `fast`: hand-written readers for the common valid lines,
//!   which pest would read correctly but slowly.

use super::ast::*;
use super::diagnostic::{Code, Diagnostic, closest};
use super::diags::Diags;
use super::lines::{self, MAX_NESTING, Node};
use super::source::{FileId, Span};
use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

mod actions;
mod blocks;
mod expr;
mod fast;
mod misspelt;
mod props;
mod simple;
#[cfg(test)]
mod tests;
mod values;

use blocks::{DocBody, FileBody, HostBody};
use props::Listing;
pub use props::{line_words, property_words};
use simple::Tok;
use values::zone_offset;
pub use values::{is_ident, parse_clock, parse_duration};

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
    "program",
    "runbook",
    "log",
    "host",
    "file",
    "url",
    "at",
    "every",
    "when",
    "whenever",
    "inject",
    "hint",
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
    "login",
];

/// Parses one file into its blocks.
pub fn parse_file(file: FileId, src: &str, diags: &mut Diags) -> Vec<Item> {
    let nodes = lines::split(file, src, diags);
    let mut parser = Parser { file, src, diags };
    nodes.iter().filter_map(|n| parser.item(n)).collect()
}

struct Parser<'a> {
    file: FileId,
    src: &'a str,
    diags: &'a mut Diags,
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

impl<'a> Parser<'a> {
    /// The text of a node's line (without its indentation).
    fn text_of(&self, node: &Node) -> &'a str {
        self.src.get(node.line.start..node.line.end).unwrap_or("")
    }

    /// A span of the file being parsed.
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

    /// Records a diagnostic; parsing goes on.
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports a block or entry that lacks what it needs (FD0019): what is
    /// missing, and how to write it.
    fn missing(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.error(Diagnostic::new(Code::MissingProperty, span, message).help(help));
    }

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

    /// Turns a pest failure on `text` (at byte `base` of the file) into one
    /// diagnostic in domain words: known slips (open strings, curly quotes,
    /// `5 minutes`) get their own message and fix, the rest say what was
    /// expected in the language's own words.
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
        if let Some((c, kind)) = rest
            .chars()
            .next()
            .and_then(|c| Some((c, crate::base::text::invisible(c)?)))
        {
            let span = self.span(base + pos, base + pos + c.len_utf8());
            return Diagnostic::new(
                Code::InvisibleInName,
                span,
                format!("a name cannot hold the invisible {kind} U+{:04X}", c as u32),
            )
            .label("here, unseen")
            .help("delete it (it often comes with pasted text): names are plain ASCII letters, digits, `_` and `-`, so what you read is what the checker reads");
        }
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

    /// Reads one top-level block: its first word picks the block kind.
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
            "program" => ItemKind::Program(Box::new(self.program(node)?)),
            "runbook" | "log" => ItemKind::Doc(Box::new(self.doc(kw, node)?)),
            "host" => ItemKind::Host(Box::new(self.host(node)?)),
            "file" => ItemKind::File(Box::new(self.file(node)?)),
            "url" => ItemKind::Url(Box::new(self.url(node)?)),
            "at" | "every" | "when" | "whenever" => {
                ItemKind::Trigger(Box::new(self.trigger(kw, node)?))
            }
            "inject" => ItemKind::Inject(Box::new(self.inject(node)?)),
            "hint" => ItemKind::Hint(Box::new(self.hint(node)?)),
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
                let near = closest(kw, TOP_KEYWORDS.iter().copied());
                if !kw.is_empty() && wspan.len() == kw.len() {
                    d = d.fix_opt(near);
                }
                let hint = near.map_or_else(|| {
                        "blocks start with `scenario`, `metric`, `alert`, `command`, `person`, `scene`, `ending`, `at`, `when`... \
                         (an indented line belongs to the block above it)"
                            .to_string()
                    }, |k| format!("did you mean `{k}`?"));
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

    /// Reports lines indented under a line that takes none (`what` names it).
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

    /// Reports a line of `node` that is not part of `what`, suggesting the
    /// closest of `allowed` (or listing them), or saying it is a block of its
    /// own when its first word starts one.
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
        let near = if nested_block || kw.is_empty() {
            None
        } else {
            closest(kw, allowed.iter().copied())
        };
        let help = help
            .or_else(|| near.map(|k| format!("did you mean `{k}`?")))
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
        self.error(
            Diagnostic::new(Code::UnknownKeyword, span, message)
                .help(help)
                .fix_opt(near),
        );
    }
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
        Rule::role_kind => "a kind of role (`primary`, `incident-commander` or `communications`)",
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
        | Rule::on_host
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
        Rule::player_words => "a player input such as `ack`, `run top` or `choose 1`",
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
        Rule::k_log => "`log`",
        Rule::k_words => "`words`",
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
