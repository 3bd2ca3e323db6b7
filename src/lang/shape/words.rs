//! Conditions written back in the language's own words (`ran freeze and not
//! alert api_errors is firing`), for tools that show a scenario's shape.

use crate::base::time::{duration, offset};
use crate::scenario::{CmpOp, Expr, Scenario, Unit, VarKind};

/// `e` as an author would write it, names resolved back from their ids.
pub fn condition(sc: &Scenario, e: &Expr) -> String {
    Words { sc }.expr(e, 0)
}

/// How tightly an operator binds: `or` loosest, then `and`, `not`,
/// comparisons, sums; a sub-expression that binds looser is bracketed.
fn strength(e: &Expr) -> u8 {
    match e {
        Expr::Or(..) => 1,
        Expr::And(..) => 2,
        Expr::Not(..) => 3,
        Expr::Compare(..) | Expr::Arg { .. } => 4,
        Expr::Add(..) | Expr::Sub(..) => 5,
        _ => 6,
    }
}

struct Words<'a> {
    sc: &'a Scenario,
}

impl Words<'_> {
    fn expr(&self, e: &Expr, outer: u8) -> String {
        let text = self.bare(e);
        if strength(e) < outer {
            format!("({text})")
        } else {
            text
        }
    }

    fn bare(&self, e: &Expr) -> String {
        let sc = self.sc;
        let name = |list: Option<&str>| list.unwrap_or("?").to_string();
        match e {
            Expr::Bool(b) => b.to_string(),
            Expr::Number(x) => number(*x),
            Expr::Time(ms) => offset(i64::try_from(*ms).unwrap_or(i64::MAX)),
            Expr::Now => "now".into(),
            Expr::EnumValue(i) => format!("value {i}"),
            Expr::Var(v) => name(sc.vars.get(v.0).map(|v| v.name.as_str())),
            Expr::Metric(m) => name(sc.metrics.get(m.0).map(|m| m.name.as_str())),
            Expr::EnumIs {
                var,
                value,
                negated,
            } => {
                let not = if *negated { " not" } else { "" };
                format!(
                    "{} is{not} {}",
                    self.var(var.0),
                    self.enum_word(var.0, *value)
                )
            }
            Expr::AlertIs(a, state) => format!(
                "alert {} is {state}",
                name(sc.alerts.get(a.0).map(|a| a.name.as_str()))
            ),
            Expr::Ran(c, before) => format!(
                "ran {}{}",
                name(sc.commands.get(c.0).map(|c| c.name.as_str())),
                before_text(*before)
            ),
            Expr::Chose(c, before) => format!("chose {}{}", self.choice(c.0), before_text(*before)),
            Expr::Visited(s) => format!(
                "visited {}",
                name(sc.scenes.get(s.0).map(|s| s.name.as_str()))
            ),
            Expr::Read(d) => format!("read {}", name(sc.docs.get(d.0).map(|d| d.name.as_str()))),
            Expr::Viewed(m) => format!(
                "viewed {}",
                name(sc.metrics.get(m.0).map(|m| m.name.as_str()))
            ),
            Expr::Paged(p) => format!(
                "paged {}",
                name(sc.people.get(p.0).map(|p| p.name.as_str()))
            ),
            Expr::OnHost(h) => format!(
                "on {}",
                name(sc.machine.hosts.get(h.0).map(|h| h.name.as_str()))
            ),
            Expr::PostedStatus(before) => format!("posted status{}", before_text(*before)),
            Expr::StatusIs(s) => format!("status is {s}"),
            Expr::Arg {
                name,
                value,
                negated,
            } => format!("{name} {} {value}", if *negated { "!=" } else { "==" }),
            Expr::Not(a) => format!("not {}", self.expr(a, 4)),
            Expr::And(a, b) => format!("{} and {}", self.expr(a, 2), self.expr(b, 2)),
            Expr::Or(a, b) => format!("{} or {}", self.expr(a, 1), self.expr(b, 1)),
            Expr::Compare(op, a, b) => self.compare(*op, a, b),
            Expr::Add(a, b) => format!("{} + {}", self.expr(a, 5), self.expr(b, 6)),
            Expr::Sub(a, b) => format!("{} - {}", self.expr(a, 5), self.expr(b, 6)),
        }
    }

    /// A comparison, enum values and percentages named as written.
    fn compare(&self, op: CmpOp, a: &Expr, b: &Expr) -> String {
        let side = |x: &Expr, other: &Expr| match (x, other) {
            (Expr::EnumValue(i), Expr::Var(v)) => self.enum_word(v.0, *i),
            (Expr::Number(n), Expr::Metric(m)) if self.percent(m.0) => format!("{}%", number(*n)),
            _ => self.expr(x, 5),
        };
        let op = match op {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        };
        format!("{} {op} {}", side(a, b), side(b, a))
    }

    fn percent(&self, metric: usize) -> bool {
        self.sc
            .metrics
            .get(metric)
            .is_some_and(|m| m.unit == Unit::Percent)
    }

    fn var(&self, v: usize) -> String {
        self.sc
            .vars
            .get(v)
            .map_or_else(|| "?".into(), |v| v.name.clone())
    }

    fn enum_word(&self, var: usize, value: usize) -> String {
        match self.sc.vars.get(var).map(|v| &v.kind) {
            Some(VarKind::Enum(values)) => values.get(value).cloned().unwrap_or_else(|| "?".into()),
            _ => format!("value {value}"),
        }
    }

    /// A choice by its `#id`, or its scene and place when it has none.
    fn choice(&self, c: usize) -> String {
        let Some(choice) = self.sc.choices.get(c) else {
            return "?".into();
        };
        if let Some(n) = &choice.name {
            return n.clone();
        }
        let scene = self.sc.scenes.get(choice.scene.0);
        let place = scene
            .and_then(|s| s.choices.iter().position(|x| x.0 == c))
            .map_or(0, |p| p + 1);
        format!(
            "{}'s choice {place}",
            scene.map_or("?", |s| s.name.as_str())
        )
    }
}

fn before_text(before: Option<u64>) -> String {
    before.map_or_else(String::new, |ms| {
        format!(" before {}", offset(i64::try_from(ms).unwrap_or(i64::MAX)))
    })
}

/// A number as the language writes it: no trailing zeros.
pub fn number(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A delay, as `after` writes it: `2m`, `90s`.
pub fn delay(ms: u64) -> String {
    duration(ms)
}
