//! The simulated world: metrics and their effects, alerts, and the
//! escalation policy.

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads a `metric NAME ["label"]` block (see [`props::METRIC`]).
    pub(in crate::lang::parser) fn metric(&mut self, node: &Node) -> Option<MetricDecl> {
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
    pub(in crate::lang::parser) fn unit_prop(&mut self, node: &Node) -> Option<Ident> {
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
    pub(in crate::lang::parser) fn daily_prop(&mut self, node: &Node) -> Option<(Quantity, u32)> {
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
    pub(in crate::lang::parser) fn range_prop(
        &mut self,
        node: &Node,
    ) -> Option<(Quantity, Quantity)> {
        let b = node.line.start;
        let fast = self.reader(node).and_then(|mut r| {
            let lo = r.quantity()?;
            r.word("to")?;
            let hi = r.quantity()?;
            r.done().then_some((lo, hi))
        });
        let (lo, hi) = if let Some(b) = fast {
            b
        } else {
            let p = self.parse_line(Rule::range_prop, node)?;
            let mut it = p.into_inner().skip(1);
            let (lo, _, hi) = (it.next()?, it.next()?, it.next()?);
            (self.quantity(b, &lo), self.quantity(b, &hi))
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

    /// Reads `effect NAME SHAPE to|by LEVEL [over|for D] [while C]`: how an
    /// incident moves a metric.
    pub(in crate::lang::parser) fn effect(&mut self, node: &Node) -> Option<EffectDecl> {
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
            Rule::gap_shape => EffectShape::Gap,
            _ => EffectShape::Decay,
        };
        let mut relative = false;
        let mut level = Level {
            value: None,
            expr: None,
            span,
        };
        let mut duration = None;
        for part in shape_pair.into_inner() {
            match part.as_rule() {
                Rule::to_or_by => relative = part.as_str().starts_with("by"),
                Rule::level => level = self.level(b, part),
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

    /// Reads an effect's level: `baseline`, a literal, or an expression
    /// over state (kept as one, to be worked out when the effect starts).
    fn level(&mut self, b: usize, part: Pair<'_, Rule>) -> Level {
        let span = self.pair_span(b, &part);
        let mut level = Level {
            value: None,
            expr: None,
            span,
        };
        if let Some(e) = part.into_inner().find(|v| v.as_rule() == Rule::expr) {
            let e = self.expr(b, e);
            // The expression's own span: the level's pair may hold the
            // spaces after it.
            level.span = e.span;
            match e.kind {
                ExprKind::Quantity(q) => level.value = Some(q),
                _ => level.expr = Some(e),
            }
        }
        level
    }

    /// Reads an `alert NAME ["title"]` block (see [`props::ALERT`]).
    pub(in crate::lang::parser) fn alert(&mut self, node: &Node) -> Option<AlertDecl> {
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

    /// Reads the `escalation` block: who is paged, in order, and after how
    /// long.
    pub(in crate::lang::parser) fn escalation(
        &mut self,
        node: &Node,
    ) -> Option<Vec<EscalationStep>> {
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
            self.no_children(child, "an escalation step");
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
}

/// `effect NAME SHAPE to|by LEVEL [over|for D] [while COND]`, read without pest.
pub(in crate::lang::parser) fn fast_effect(
    mut r: fast::Reader<'_>,
    span: Span,
) -> Option<EffectDecl> {
    let name = r.ident()?;
    let shape = match r.peek()? {
        fast::T::Word(_, "step") => EffectShape::Step,
        fast::T::Word(_, "ramp") => EffectShape::Ramp,
        fast::T::Word(_, "spike") => EffectShape::Spike,
        fast::T::Word(_, "decay") => EffectShape::Decay,
        // `gap` has no level: the grammar reads it.
        _ => return None,
    };
    r.pos += 1;
    let relative = match r.peek()? {
        fast::T::Word(_, "to") => false,
        fast::T::Word(_, "by") if shape != EffectShape::Decay => true,
        _ => return None,
    };
    r.pos += 1;
    let level = if let fast::T::Word(a, "baseline") = r.peek()? {
        r.pos += 1;
        Level {
            value: None,
            expr: None,
            span: Span::new(span.file, a, a + "baseline".len()),
        }
    } else {
        let q = r.quantity()?;
        if q.unit == LiteralUnit::Millis {
            return None;
        }
        Level {
            value: Some(q),
            expr: None,
            span: q.span,
        }
    };
    let duration = match shape {
        EffectShape::Step | EffectShape::Gap => None,
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
