//! Conditions: precedence climbing over the pest pairs of an `expr`, and
//! the lines that carry a condition (`when`, `if`, `only if`, `done when`).

use super::*;

impl Parser<'_> {
    /// `when COND [for DURATION]`, for alerts and triggers.
    pub(super) fn when_line(&mut self, node: &Node) -> Option<(Expr, Option<Millis>)> {
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
    pub(super) fn cond_line(
        &mut self,
        node: &Node,
        rule: Rule,
        second: Option<&str>,
    ) -> Option<Expr> {
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

    /// Reads a condition from its `expr` pair, refusing ones too long or with
    /// too many `not`s, so the tree stays shallow.
    pub(super) fn expr(&mut self, base: usize, pair: Pair<'_, Rule>) -> Expr {
        let toks: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
        let nots = toks.iter().filter(|t| t.as_rule() == Rule::not_op).count();
        // Too long, or too many `not`s: refused here so the tree stays shallow.
        let refusal = if toks.len() > MAX_TERMS {
            Some((
                format!("this condition has more than {MAX_TERMS} parts"),
                "split it: set flags from parts of it in triggers, then combine the flags",
            ))
        } else if nots > MAX_NESTING {
            Some((
                format!("more than {MAX_NESTING} `not`s in one condition"),
                "two `not`s cancel out: simplify the condition",
            ))
        } else {
            None
        };
        if let Some((message, help)) = refusal {
            let span = toks
                .first()
                .map_or_else(Span::default, |t| self.pair_span(base, t));
            self.error(Diagnostic::new(Code::NestingTooDeep, span, message).help(help));
            return Expr {
                kind: ExprKind::Bool(false),
                span,
            };
        }
        let mut i = 0;
        self.binary(base, &toks, &mut i, 0)
    }

    /// Reads operands and infix operators of at least `min_prec` from
    /// `toks[*i..]` by precedence climbing.
    pub(super) fn binary(
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

    /// Reads one operand, with its leading `not`, from `toks[*i]`.
    pub(super) fn unary(&mut self, base: usize, toks: &[Pair<'_, Rule>], i: &mut usize) -> Expr {
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

    /// Reads one operand pair (a literal, a name or a test such as
    /// `alert x is firing`) into an expression.
    pub(super) fn primary(&mut self, base: usize, pair: Pair<'_, Rule>) -> Expr {
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
            Rule::visited | Rule::read | Rule::viewed | Rule::paged | Rule::on_host => {
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
                    Rule::on_host => ExprKind::OnHost(n),
                    _ => ExprKind::Paged(n),
                }
            }
            Rule::posted => ExprKind::PostedStatus(
                inner
                    .find(|p| p.as_rule() == Rule::offset)
                    .map(|p| self.millis(base, &p)),
            ),
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

    /// The condition inside a line's pair, such as the `C` of `if C`.
    pub(super) fn cond_after(&mut self, base: usize, pair: Pair<'_, Rule>) -> Option<Expr> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::expr)
            .map(|e| self.expr(base, e))
    }
}

pub(super) const PREC_COMPARE: u8 = 3;

/// Most operands and operators in one condition: bounds the depth of the tree.
pub(super) const MAX_TERMS: usize = 256;

/// The operator and precedence of an infix rule; tighter binds higher.
pub(super) fn infix(rule: Rule) -> Option<(BinOp, u8)> {
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

/// The alert state a grammar word names.
pub(super) fn alert_state(s: &str) -> AlertState {
    match s {
        "firing" => AlertState::Firing,
        "pending" => AlertState::Pending,
        "resolved" => AlertState::Resolved,
        "acked" => AlertState::Acked,
        "silenced" => AlertState::Silenced,
        _ => AlertState::Quiet,
    }
}
