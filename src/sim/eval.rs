//! Conditions and text: evaluating expressions against the running state,
//! and rendering `{...}` interpolations the way the player sees them.

use super::Sim;
use crate::scenario::*;
use std::collections::BTreeMap;

/// A value during evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Val {
    Bool(bool),
    Num(f64),
    Enum(usize),
}

impl Val {
    fn truthy(self) -> bool {
        match self {
            Val::Bool(b) => b,
            Val::Num(n) => n != 0.0,
            Val::Enum(_) => false,
        }
    }

    pub(super) fn num(self) -> f64 {
        match self {
            Val::Num(n) => n,
            Val::Bool(b) => f64::from(u8::from(b)),
            Val::Enum(i) => i as f64,
        }
    }

    /// Stores the value in a variable of the slot's kind.
    pub(super) fn into_value(self, slot: &Value) -> Value {
        match (slot, self) {
            (Value::Bool(_), v) => Value::Bool(v.truthy()),
            (Value::Enum(_), Val::Enum(i)) => Value::Enum(i),
            (Value::Enum(old), _) => Value::Enum(*old),
            (Value::Number(_), v) => Value::Number(v.num()),
        }
    }
}

/// What a metric in a gap reports, wherever its value would be shown.
pub const NO_DATA: &str = "no data";

/// A number as people write it: no trailing zeros, at most two decimals.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A metric's value rounded as it is reported: enough digits to tell
/// 99.95% from 100%, and no more than people read.
pub fn metric_number(value: f64) -> String {
    match value.abs() {
        v if v >= 1000.0 => format_number(value.round()),
        v if v >= 100.0 => format_number((value * 10.0).round() / 10.0),
        _ => format_number((value * 100.0).round() / 100.0),
    }
}

/// A number with a metric's unit word: `97%` (no space before `%`), `12 jobs`.
pub fn with_unit(number: &str, unit: &str) -> String {
    match unit {
        "" => number.to_string(),
        "%" => format!("{number}%"),
        u => format!("{number} {u}"),
    }
}

/// `T+5m`, `T+1h2m30s`, `T+0`.
pub fn format_offset(ms: Millis) -> String {
    if ms < 1000 {
        return "T+0".into();
    }
    format!("T+{}", crate::base::time::duration(ms))
}

impl Sim {
    pub(super) fn eval(&self, e: &Expr) -> Val {
        self.eval_with(e, &BTreeMap::new())
    }

    /// Evaluates `e` with the placeholders of the command being run
    /// (`args`), which its `node == cp-4` tests read.
    // `==` and `!=` in a condition compare the values the author wrote, exactly.
    #[allow(clippy::float_cmp)]
    pub(super) fn eval_with(&self, e: &Expr, args: &BTreeMap<String, String>) -> Val {
        let before = |first: Option<&Millis>, limit: &Option<Millis>| {
            first.is_some_and(|t| limit.is_none_or(|l| *t <= l))
        };
        match e {
            Expr::Bool(b) => Val::Bool(*b),
            Expr::Number(n) => Val::Num(*n),
            Expr::Time(t) => Val::Num(*t as f64),
            Expr::Now => Val::Num(self.now as f64),
            Expr::EnumValue(i) => Val::Enum(*i),
            Expr::Var(v) => match self.vars.get(v.0) {
                Some(Value::Bool(b)) => Val::Bool(*b),
                Some(Value::Number(n)) => Val::Num(*n),
                Some(Value::Enum(i)) => Val::Enum(*i),
                None => Val::Bool(false),
            },
            Expr::Metric(m) => Val::Num(self.metrics.get(m.0).map_or(0.0, |s| s.value)),
            Expr::EnumIs {
                var,
                value,
                negated,
            } => {
                let is = matches!(self.vars.get(var.0), Some(Value::Enum(i)) if i == value);
                Val::Bool(is != *negated)
            }
            Expr::AlertIs(a, state) => Val::Bool(self.alert_is(*a, *state)),
            Expr::Ran(c, limit) => Val::Bool(before(self.record.ran.get(c), limit)),
            Expr::Chose(c, limit) => Val::Bool(before(self.record.chose.get(c), limit)),
            Expr::Visited(s) => Val::Bool(self.record.visited.contains(s)),
            Expr::Read(d) => Val::Bool(self.record.read.contains(d)),
            Expr::Viewed(m) => Val::Bool(self.record.viewed.contains(m)),
            Expr::Paged(p) => Val::Bool(self.record.paged.contains(p)),
            Expr::OnHost(h) => Val::Bool(self.here().id == Some(*h)),
            Expr::PostedStatus(limit) => {
                Val::Bool(before(self.record.first_status.as_ref(), limit))
            }
            Expr::StatusIs(s) => Val::Bool(self.record.status == Some(*s)),
            Expr::Arg {
                name,
                value,
                negated,
            } => Val::Bool((args.get(name) == Some(value)) != *negated),
            Expr::Not(a) => Val::Bool(!self.eval_with(a, args).truthy()),
            Expr::And(a, b) => {
                Val::Bool(self.eval_with(a, args).truthy() && self.eval_with(b, args).truthy())
            }
            Expr::Or(a, b) => {
                Val::Bool(self.eval_with(a, args).truthy() || self.eval_with(b, args).truthy())
            }
            Expr::Add(a, b) => {
                Val::Num(self.eval_with(a, args).num() + self.eval_with(b, args).num())
            }
            Expr::Sub(a, b) => {
                Val::Num(self.eval_with(a, args).num() - self.eval_with(b, args).num())
            }
            Expr::Compare(op, a, b) => {
                let (x, y) = (self.eval_with(a, args), self.eval_with(b, args));
                let r = if let (Val::Bool(p), Val::Bool(q)) = (x, y) {
                    match op {
                        CmpOp::Eq => p == q,
                        CmpOp::Ne => p != q,
                        _ => false,
                    }
                } else {
                    let (p, q) = (x.num(), y.num());
                    match op {
                        CmpOp::Lt => p < q,
                        CmpOp::Le => p <= q,
                        CmpOp::Gt => p > q,
                        CmpOp::Ge => p >= q,
                        CmpOp::Eq => p == q,
                        CmpOp::Ne => p != q,
                    }
                };
                Val::Bool(r)
            }
        }
    }

    /// The number an expression stands for now (a threshold held in a
    /// variable, for a graph to draw).
    pub fn number(&self, e: &Expr) -> f64 {
        self.eval(e).num()
    }

    pub(super) fn truth(&self, e: &Expr) -> bool {
        self.eval(e).truthy()
    }

    /// [`Sim::truth`] with the placeholders of the command being run.
    pub(super) fn truth_with(&self, e: &Expr, args: &BTreeMap<String, String>) -> bool {
        self.eval_with(e, args).truthy()
    }

    /// A metric's current value with its unit: `97.3%`, `420 jobs`.
    /// A metric's value now with its unit, as every front end reports it:
    /// `97.08%`, `12 jobs`.
    /// In a gap it is `no data`.
    pub fn format_metric(&self, m: MetricId) -> String {
        let Some(value) = self.metric_value(m) else {
            return NO_DATA.into();
        };
        let unit = self
            .sc
            .metrics
            .get(m.0)
            .map_or("", |mm| mm.unit_word.as_str());
        with_unit(&metric_number(value), unit)
    }

    /// A variable's value as text shows it: `true`, `3`, `degraded`.
    pub(super) fn var_text(&self, v: usize) -> String {
        match (self.vars.get(v), self.sc.vars.get(v).map(|d| &d.kind)) {
            (Some(Value::Bool(b)), _) => b.to_string(),
            (Some(Value::Number(n)), _) => format_number(*n),
            (Some(Value::Enum(i)), Some(VarKind::Enum(names))) => {
                names.get(*i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    pub(super) fn render(&self, t: &Text, placeholders: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        for p in &t.parts {
            match p {
                TextPart::Literal(s) => out.push_str(s),
                TextPart::Metric(m) => out.push_str(&self.format_metric(*m)),
                TextPart::Var(v) => out.push_str(&self.var_text(v.0)),
                TextPart::Placeholder(name) => {
                    out.push_str(placeholders.get(name).map_or("", String::as_str));
                }
                TextPart::Now => out.push_str(&self.clock()[..5]),
                TextPart::Elapsed => out.push_str(&format_offset(self.now)),
            }
        }
        out
    }
}
