//! The simulated world: metrics and their effects, alerts, the escalation
//! policy and shell commands.

use super::*;

impl Lowerer<'_> {
    /// Pass 2 for a metric: its baseline, noise, daily swing and range in
    /// its own unit, and its effects (written into `effects` by id).
    pub(super) fn metric(
        &mut self,
        item: &ast::Item,
        m: &ast::MetricDecl,
        id: MetricId,
        effects: &mut [Option<Effect>],
    ) {
        let unit = self.metrics[id.0].unit.clone();
        let value_of = |this: &mut Self, q: ast::Quantity, what: &str| -> f64 {
            this.quantity_in(q, &unit, what)
        };
        let baseline = if let Some(q) = m.baseline {
            value_of(self, q, "the baseline")
        } else {
            self.error(
                Diagnostic::new(
                    Code::MissingProperty,
                    m.name.span,
                    format!("the metric `{}` has no baseline", m.name.name),
                )
                .help("add `baseline VALUE`: its normal level, such as `baseline 35`"),
            );
            0.0
        };
        let noise = m
            .noise
            .map_or(0.0, |q| value_of(self, q, "the noise"))
            .abs();
        let daily = m
            .daily
            .map(|(q, peak)| (value_of(self, q, "the daily swing"), peak));
        // An empty range was reported by the parser; it bounds nothing here.
        let range = m
            .range
            .map(|(lo, hi)| {
                (
                    value_of(self, lo, "the range"),
                    value_of(self, hi, "the range"),
                )
            })
            .filter(|(lo, hi)| hi > lo);
        if let (Some((lo, hi)), Some(b)) = (range, m.baseline)
            && (baseline < lo || baseline > hi)
        {
            self.error(
                Diagnostic::new(
                    Code::OutOfRange,
                    b.span,
                    format!("the baseline {baseline} is outside the metric's range {lo} to {hi}"),
                )
                .help("move the baseline inside the range, or widen the range"),
            );
        }
        let mut ids = Vec::new();
        for e in &m.effects {
            let Some(eid) = self.names.effects.get(&e.name.name) else {
                continue;
            };
            // Skip duplicates: the first declaration owns the id.
            if self
                .names
                .effects
                .span_of(&e.name.name)
                .is_some_and(|s| s != e.name.span)
            {
                continue;
            }
            if let Some(slot) = effects.get_mut(eid.0) {
                *slot = Some(self.effect(e, id, &unit, range));
            }
            ids.push(eid);
        }
        let sources = self.sources_of(item);
        let metric = &mut self.metrics[id.0];
        metric.baseline = baseline;
        metric.noise = noise;
        metric.daily = daily;
        metric.range = range;
        metric.recover = m.recover.map_or(0, |r| r.ms);
        metric.effects = ids;
        metric.sources = sources;
    }

    /// Lowers one effect of the metric `metric` (whose unit is `unit` and
    /// range `range`): its level in the metric's unit, its shape and the
    /// condition it lasts while.
    fn effect(
        &mut self,
        e: &ast::EffectDecl,
        metric: MetricId,
        unit: &Unit,
        range: Option<(f64, f64)>,
    ) -> Effect {
        let level = e
            .level
            .expr
            .as_ref()
            .map(|x| self.level_expr(x, metric, unit));
        let target = match (e.level.value, e.relative) {
            // An expression level: its number is worked out at the start.
            (None, false) if level.is_some() => Target::To(0.0),
            (None, true) if level.is_some() => Target::By(0.0),
            (None, _) => Target::Baseline,
            (Some(q), false) => {
                let v = self.quantity_in(q, unit, "an effect's level");
                if let Some((lo, hi)) = range
                    && (v < lo || v > hi)
                {
                    self.error(
                        Diagnostic::new(
                            Code::OutOfRange,
                            q.span,
                            format!("{v} is outside the metric's range {lo} to {hi}"),
                        )
                        .help("the metric is clamped to its range, so this level is never reached"),
                    );
                }
                Target::To(v)
            }
            (Some(q), true) => Target::By(self.quantity_in(q, unit, "an effect's change")),
        };
        let while_cond = e.while_cond.as_ref().map(|c| self.condition(c));
        let shape = match e.shape {
            ast::EffectShape::Step => EffectShape::Step,
            ast::EffectShape::Ramp => EffectShape::Ramp,
            ast::EffectShape::Spike => EffectShape::Spike,
            ast::EffectShape::Decay => EffectShape::Decay,
            ast::EffectShape::Gap => EffectShape::Gap,
        };
        Effect {
            name: e.name.name.clone(),
            metric,
            shape,
            target,
            level,
            duration: e.duration.map_or(0, |d| d.ms),
            while_cond,
            span: e.span,
        }
    }

    /// An effect's level written as an expression over state: it must be a
    /// number in the metric's unit (a literal in it adapts: `400ms` for a
    /// metric in `s`).
    fn level_expr(&mut self, x: &ast::Expr, metric: MetricId, unit: &Unit) -> Expr {
        let (mut expr, ty) = self.expr(x);
        match ty {
            Ty::Num(u) => {
                let mut other = Expr::Metric(metric);
                if self.unify(&mut expr, &u, &mut other, unit).is_none() {
                    self.error(
                        Diagnostic::new(
                            Code::UnitMismatch,
                            x.span,
                            format!(
                                "this level is {}, but the metric counts {}",
                                u.describe(),
                                unit.describe()
                            ),
                        )
                        .help("use values in the metric's unit; a plain number fits any unit"),
                    );
                }
            }
            Ty::Error => {}
            other => {
                self.error(
                    Diagnostic::new(
                        Code::LevelNotANumber,
                        x.span,
                        format!(
                            "an effect's level is a number, but this is {}",
                            super::expr::describe_ty(&other)
                        ),
                    )
                    .help(
                        "write a number, a numeric `var` or a sum of them: `step to slo_ms + 200`",
                    ),
                );
            }
        }
        expr
    }

    /// A literal given for a metric with `unit`, converted to that unit.
    pub(super) fn quantity_in(&mut self, q: ast::Quantity, unit: &Unit, what: &str) -> f64 {
        match (q.unit, unit) {
            (LiteralUnit::None, _) | (LiteralUnit::Percent, Unit::Percent) => q.value,
            (LiteralUnit::Millis, Unit::Duration { ms_per_unit }) => q.value / ms_per_unit,
            (lit, _) => {
                let given = match lit {
                    LiteralUnit::Percent => "a percentage",
                    _ => "a duration",
                };
                self.error(
                    Diagnostic::new(
                        Code::UnitMismatch,
                        q.span,
                        format!(
                            "{what} is {given}, but the metric counts {}",
                            unit.describe()
                        ),
                    )
                    .help(
                        "write a plain number in the metric's unit, or change the metric's `unit`",
                    ),
                );
                q.value
            }
        }
    }

    /// Lowers an alert: its condition (which must be one), severity, summary
    /// and runbook. `None` when its condition cannot be lowered.
    pub(super) fn alert(&mut self, item: &ast::Item, a: &ast::AlertDecl) -> Option<Alert> {
        let (condition, hold) = if let Some((c, hold)) = &a.when {
            (self.condition(c), hold.map_or(0, |h| h.ms))
        } else {
            self.error(
                Diagnostic::new(
                    Code::MissingProperty,
                    a.name.span,
                    format!("the alert `{}` never says when it fires", a.name.name),
                )
                .help("add `when CONDITION [for DURATION]`, such as `when edge_cpu > 90 for 2m`"),
            );
            return None;
        };
        if let Some((_, Some(h))) = &a.when {
            self.after_duration(*h, "this `for` duration");
        }
        let severity = match a.severity.as_ref().map(|s| s.name.as_str()) {
            None | Some("page") => Severity::Page,
            Some("ticket") => Severity::Ticket,
            Some(other) => {
                let span = a.severity.as_ref().map_or(a.name.span, |s| s.span);
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        span,
                        format!("`{other}` is not a severity"),
                    )
                    .help("write `page` (wakes someone up) or `ticket`"),
                );
                Severity::Page
            }
        };
        let runbook = a.runbook.as_ref().and_then(|r| {
            resolve_in(
                &self.names.docs,
                self.sources,
                self.diags,
                r,
                Code::UnknownRunbook,
                "runbook",
                "declare it with `runbook NAME \"Title\"`",
            )
        });
        let title = a
            .title
            .as_ref()
            .map_or_else(|| a.name.name.clone(), ast::Text::plain);
        let summary = match &a.summary {
            Some(s) => self.text(s, TextScope::Plain),
            None => Text::literal(title.clone()),
        };
        Some(Alert {
            name: a.name.name.clone(),
            title,
            condition,
            hold,
            severity,
            summary,
            runbook,
            sources: self.sources_of(item),
            span: a.name.span,
        })
    }

    /// Lowers the escalation policy: each level a pageable person (or you)
    /// and how long before the next level is paged.
    pub(super) fn escalation(&mut self, steps: &[ast::EscalationStep]) -> Vec<EscalationLevel> {
        let mut out = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let who = match &s.who {
                ast::Pagee::Player(_) => Pagee::Player,
                ast::Pagee::Person(p) => {
                    let Some(id) = self.escalation_person(p) else {
                        continue;
                    };
                    self.check_pageable(id, p);
                    Pagee::Person(id)
                }
            };
            let after = match s.after {
                Some(a) => a.ms,
                None if i == 0 => 0,
                None => DEFAULT_ESCALATION,
            };
            out.push(EscalationLevel { who, after });
        }
        out
    }

    /// Reports paging a person who is not `pageable`.
    pub(super) fn check_pageable(&mut self, id: PersonId, p: &ast::Ident) {
        if !self.people_pageable.get(id.0).copied().unwrap_or(false) {
            let decl = self.names.people.span_of(&p.name).unwrap_or(p.span);
            self.error(
                Diagnostic::new(
                    Code::NotPageable,
                    p.span,
                    format!("`{}` cannot be paged", p.name),
                )
                .secondary(decl, "declared here without `pageable`")
                .help("add `pageable` to the person's block"),
            );
        }
    }

    /// Lowers a shell command: its patterns (parsed, their placeholders
    /// known to its outputs), outputs, cost and actions.
    pub(super) fn command(&mut self, item: &ast::Item, c: &ast::CommandDecl) -> Command {
        let mut patterns = Vec::new();
        let mut parsed = 0;
        for p in &c.patterns {
            let Some(src) = literal_text(p) else {
                self.error(
                    Diagnostic::new(
                        Code::BadPattern,
                        p.span,
                        "a command pattern cannot interpolate `{...}`",
                    )
                    .help("write placeholders as `<name>`"),
                );
                continue;
            };
            match Pattern::parse_forms(&src) {
                // A pattern with optional words is several plain ones.
                Ok(forms) => {
                    parsed += 1;
                    patterns.extend(forms.into_iter().map(|f| (f, p.span)));
                }
                Err(e) => {
                    let start = p.span.start as usize + 1 + e.range.start;
                    let end = p.span.start as usize + 1 + e.range.end;
                    let code = if e.in_optional_words {
                        Code::BadOptionalWords
                    } else {
                        Code::BadPattern
                    };
                    self.error(
                        Diagnostic::new(code, Span::new(p.span.file, start, end), e.message)
                            .help(e.help),
                    );
                }
            }
        }
        let pats: Vec<Pattern> = patterns.iter().map(|(p, _)| p.clone()).collect();
        let all_parsed = parsed == c.patterns.len();
        let scope = args::ArgScope::of(&pats, !all_parsed);
        let (outputs, actions, reads) =
            self.with_args(scope, |l| l.command_lines(c, &pats, all_parsed));
        Command {
            name: c.name.name.clone(),
            pattern_spans: patterns.iter().map(|(_, s)| *s).collect(),
            patterns: pats,
            takes: c.takes.map(|t| t.ms),
            risky: c.risky,
            destructive: c.destructive,
            hidden: c.hidden,
            rollback: c.rollback,
            reads,
            outputs,
            actions,
            sources: self.sources_of(item),
            span: c.name.span,
        }
    }

    /// A command's outputs, actions and `reads log` lines, where its
    /// placeholders may be tested.
    fn command_lines(
        &mut self,
        c: &ast::CommandDecl,
        pats: &[Pattern],
        all_parsed: bool,
    ) -> CommandLines {
        let mut outputs = Vec::new();
        for v in &c.outputs {
            let when = v.when.as_ref().map(|e| self.condition(e));
            let text = self.body(&v.body, TextScope::Command(pats, all_parsed));
            outputs.push(Output { when, text });
        }
        if let Some(i) = c.outputs.iter().position(|o| o.when.is_none())
            && let Some(next) = c.outputs.get(i + 1)
        {
            self.error(
                Diagnostic::new(
                    Code::UnreachableOutput,
                    next.span,
                    "this output is never shown",
                )
                .secondary(
                    c.outputs[i].span,
                    "this output has no condition, so it is always chosen first",
                )
                .help("put the output without `when` last"),
            );
        }
        let actions = self.actions(&c.actions, ActionCtx::Other);
        let reads = c
            .reads
            .iter()
            .filter_map(|(r, when)| {
                let doc = self.log_ref(r)?;
                Some((doc, when.as_ref().map(|e| self.condition(e))))
            })
            .collect();
        (outputs, actions, reads)
    }
}

/// A command's outputs, actions and `reads log` lines, lowered.
type CommandLines = (Vec<Output>, Vec<Action>, Vec<(DocId, Option<Expr>)>);

impl Lowerer<'_> {
    /// Resolves `reads log NAME`: a declared log (a runbook is reported).
    pub(super) fn log_ref(&mut self, r: &ast::Ident) -> Option<DocId> {
        let id = resolve_in(
            &self.names.docs,
            self.sources,
            self.diags,
            r,
            Code::UnknownRunbook,
            "log",
            "declare it with `log NAME \"Title\"`",
        )?;
        if self.doc_kinds.get(id.0) != Some(&DocKind::Log) {
            self.error(
                Diagnostic::new(
                    Code::UnknownRunbook,
                    r.span,
                    format!("`{}` is a runbook", r.name),
                )
                .help("a command reads a log; a runbook is opened with `runbook NAME`"),
            );
            return None;
        }
        Some(id)
    }
}

/// An alert that never fires, standing in for one that failed to lower
/// so later alert ids stay in place.
pub(super) fn placeholder_alert(name: String, span: Span) -> Alert {
    Alert {
        title: name.clone(),
        name,
        condition: Expr::Bool(false),
        hold: 0,
        severity: Severity::Page,
        summary: Text::default(),
        runbook: None,
        sources: Vec::new(),
        span,
    }
}
