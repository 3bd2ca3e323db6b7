//! Expressions: name resolution, types and units (a duration compared with
//! a percentage is an error), and conditions.

use super::*;

impl Lowerer<'_> {
    /// An expression that must be a condition.
    pub(super) fn condition(&mut self, e: &ast::Expr) -> Expr {
        let (expr, ty) = self.expr(e);
        match ty {
            Ty::Bool | Ty::Error => {}
            other => {
                let (what, help) = match other {
                    Ty::Num(_) => ("a number", "compare it with a value: `edge_cpu > 90`"),
                    Ty::Time => ("a time", "compare it: `now > T+10m`"),
                    _ => (
                        "a value of an enum",
                        "test it with `is`: `theory is attack`",
                    ),
                };
                self.error(
                    Diagnostic::new(
                        Code::NotACondition,
                        e.span,
                        format!("this is {what}, not a condition"),
                    )
                    .help(help),
                );
            }
        }
        expr
    }

    /// Reports an operand whose type is not the `expected` one.
    pub(super) fn mismatch(&mut self, span: Span, expected: &str, got: &Ty) {
        self.error(
            Diagnostic::new(
                Code::TypeMismatch,
                span,
                format!("{expected}, but this is {}", describe_ty(got)),
            )
            .help("use a value of the same kind"),
        );
    }

    /// Reports two operands whose units cannot be compared.
    pub(super) fn unit_mismatch(&mut self, span: Span, a: &Unit, b: &Unit) {
        self.error(
            Diagnostic::new(
                Code::UnitMismatch,
                span,
                format!("{} compared with {}", a.describe(), b.describe()),
            )
            .help("compare values in the same unit; a plain number fits any unit"),
        );
    }

    /// Reconciles the units of two numeric operands (rescaling a duration
    /// literal to a metric's time unit). `None` if they cannot be compared.
    #[allow(clippy::unused_self)] // a method so that every reader of this kind is called the same way
    pub(super) fn unify(
        &mut self,
        a: &mut Expr,
        ua: &Unit,
        b: &mut Expr,
        ub: &Unit,
    ) -> Option<Unit> {
        match (ua, ub) {
            (Unit::Plain, u) | (u, Unit::Plain) => Some(u.clone()),
            (Unit::Duration { ms_per_unit: x }, Unit::Duration { ms_per_unit: y }) => {
                if (x - y).abs() < f64::EPSILON {
                    return Some(ua.clone());
                }
                // A literal adapts to the other side's scale.
                if let Expr::Number(v) = a {
                    *v = *v * x / y;
                    return Some(ub.clone());
                }
                if let Expr::Number(v) = b {
                    *v = *v * y / x;
                    return Some(ua.clone());
                }
                None
            }
            (x, y) if x == y => Some(x.clone()),
            _ => None,
        }
    }

    /// Lowers an expression and works out its type: names resolve to
    /// variables, metrics, alerts, commands, choices, scenes, runbooks or
    /// people, and times are checked against the scenario's duration.
    pub(super) fn expr(&mut self, e: &ast::Expr) -> (Expr, Ty) {
        match &e.kind {
            ExprKind::Bool(b) => (Expr::Bool(*b), Ty::Bool),
            ExprKind::Quantity(q) => (Expr::Number(q.value), Ty::Num(literal_unit(q.unit))),
            ExprKind::Offset(ms) => {
                if let Some(d) = self.duration
                    && *ms > d
                {
                    self.after_duration(
                        ast::Millis {
                            ms: *ms,
                            span: e.span,
                        },
                        "this time",
                    );
                }
                (Expr::Time(*ms), Ty::Time)
            }
            ExprKind::Now => (Expr::Now, Ty::Time),
            ExprKind::Name(id) => self.name_expr(id),
            ExprKind::AlertIs(a, st) => match self.alert_ref(a) {
                Some(id) => (Expr::AlertIs(id, *st), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::Ran(c, before) => self.ran_expr(c, *before),
            ExprKind::Chose(c, before) => self.chose_expr(c, *before),
            ExprKind::Visited(s) => match self.scene_ref(s) {
                Some(id) => (Expr::Visited(id), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::Read(d) => {
                match resolve_in(
                    &self.names.docs,
                    self.sources,
                    self.diags,
                    d,
                    Code::UnknownRunbook,
                    "runbook or log",
                    "declare it with `runbook NAME \"Title\"`",
                ) {
                    Some(id) => (Expr::Read(id), Ty::Bool),
                    None => (Expr::Bool(false), Ty::Error),
                }
            }
            ExprKind::Viewed(m) => {
                if let Some(ValueRef::Metric(id)) = self.names.values.get(&m.name) {
                    (Expr::Viewed(id), Ty::Bool)
                } else {
                    let metrics = self.names.metrics();
                    self.unknown(
                        &metrics,
                        m,
                        Code::UnknownMetric,
                        "metric",
                        "declare it with `metric NAME \"Label\"`",
                    );
                    (Expr::Bool(false), Ty::Error)
                }
            }
            ExprKind::Paged(p) => match self.person_ref(p) {
                Some(id) => (Expr::Paged(id), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::OnHost(h) => match self.host_ref(h) {
                Some(id) => (Expr::OnHost(id), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::PostedStatus(before) => {
                if let Some(b) = before {
                    self.after_duration(*b, "this time");
                }
                (Expr::PostedStatus(before.map(|b| b.ms)), Ty::Bool)
            }
            ExprKind::StatusIs(s) => (Expr::StatusIs(*s), Ty::Bool),
            ExprKind::Is {
                name,
                negated,
                value,
            } => self.is_expr(name, *negated, value),
            ExprKind::Not(inner) => (Expr::Not(Box::new(self.condition(inner))), Ty::Bool),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e.span),
        }
    }

    /// `ran COMMAND [before T+..]`: whether the player ran a command.
    fn ran_expr(&mut self, c: &ast::Ident, before: Option<ast::Millis>) -> (Expr, Ty) {
        if let Some(b) = before {
            self.after_duration(b, "this time");
        }
        match resolve_in(
            &self.names.commands,
            self.sources,
            self.diags,
            c,
            Code::UnknownCommand,
            "command",
            "declare it with `command NAME \"pattern\"`",
        ) {
            Some(id) => (Expr::Ran(id, before.map(|b| b.ms)), Ty::Bool),
            None => (Expr::Bool(false), Ty::Error),
        }
    }

    /// `chose CHOICE [before T+..]`: whether the player took a choice.
    fn chose_expr(&mut self, c: &ast::Ident, before: Option<ast::Millis>) -> (Expr, Ty) {
        if let Some(b) = before {
            self.after_duration(b, "this time");
        }
        match resolve_in(
            &self.names.choices,
            self.sources,
            self.diags,
            c,
            Code::UnknownChoice,
            "choice",
            "name a choice with a trailing `#id`: `* Check the graphs #graphs`",
        ) {
            Some(id) => (Expr::Chose(id, before.map(|b| b.ms)), Ty::Bool),
            None => (Expr::Bool(false), Ty::Error),
        }
    }

    /// A bare name in an expression: a variable or a metric, typed by its
    /// declaration. An enum value used bare is told how to test it.
    fn name_expr(&mut self, id: &ast::Ident) -> (Expr, Ty) {
        if let Some(bare) = self.arg_bare(id) {
            return bare;
        }
        match self.names.values.get(&id.name) {
            Some(ValueRef::Var(v)) => {
                let ty = match &self.vars[v.0].kind {
                    VarKind::Flag => Ty::Bool,
                    VarKind::Number(u) => Ty::Num(u.clone()),
                    VarKind::Enum(_) => Ty::Enum(v),
                };
                (Expr::Var(v), ty)
            }
            Some(ValueRef::Metric(m)) => (Expr::Metric(m), Ty::Num(self.metrics[m.0].unit.clone())),
            None if self.placeholder_elsewhere(id) => (Expr::Bool(false), Ty::Error),
            None => {
                // An enum value used bare: say how to test it.
                let owner = self
                    .vars
                    .iter()
                    .find(|v| matches!(&v.kind, VarKind::Enum(vals) if vals.contains(&id.name)));
                if let Some(owner) = owner {
                    let msg = format!(
                        "`{}` is a value of `{}`, not a condition",
                        id.name, owner.name
                    );
                    let help = format!("test it with `{} is {}`", owner.name, id.name);
                    self.error(Diagnostic::new(Code::UnknownVariable, id.span, msg).help(help));
                } else {
                    unknown_in(
                        &self.names.values,
                        self.sources,
                        self.diags,
                        id,
                        Code::UnknownVariable,
                        "variable or metric",
                        &format!(
                            "declare it with `flag {0}`, `var {0} = 0` or `metric {0}`",
                            id.name
                        ),
                    );
                }
                (Expr::Bool(false), Ty::Error)
            }
        }
    }

    /// `NAME is [not] VALUE`: a test of an enum variable's value.
    fn is_expr(&mut self, name: &ast::Ident, negated: bool, value: &ast::Ident) -> (Expr, Ty) {
        if let Some(test) = self.arg_is(name, negated, value) {
            return test;
        }
        match self.names.values.get(&name.name) {
            Some(ValueRef::Var(v)) => {
                if let VarKind::Enum(vals) = &self.vars[v.0].kind {
                    if let Some(i) = vals.iter().position(|x| *x == value.name) {
                        (
                            Expr::EnumIs {
                                var: v,
                                value: i,
                                negated,
                            },
                            Ty::Bool,
                        )
                    } else {
                        self.bad_enum_value(v, value);
                        (Expr::Bool(false), Ty::Error)
                    }
                } else {
                    let n = &name.name;
                    self.error(
                        Diagnostic::new(
                            Code::TypeMismatch,
                            name.span,
                            format!("`{n}` is not an enum, so `is` cannot test it"),
                        )
                        .secondary(self.vars[v.0].span, "declared here")
                        .help(format!(
                            "test a flag with `{n}` or `not {n}`; compare a number with `==`"
                        )),
                    );
                    (Expr::Bool(false), Ty::Error)
                }
            }
            Some(ValueRef::Metric(_)) => {
                self.error(
                    Diagnostic::new(
                        Code::TypeMismatch,
                        name.span,
                        format!(
                            "`{}` is a metric; compare it with `<`, `>` or `==`",
                            name.name
                        ),
                    )
                    .help("write for example `edge_cpu > 90`"),
                );
                (Expr::Bool(false), Ty::Error)
            }
            None if self.placeholder_elsewhere(name) => (Expr::Bool(false), Ty::Error),
            None => {
                unknown_in(
                    &self.names.values,
                    self.sources,
                    self.diags,
                    name,
                    Code::UnknownVariable,
                    "variable",
                    &format!("declare it with `enum {} = a | b`", name.name),
                );
                (Expr::Bool(false), Ty::Error)
            }
        }
    }

    /// Lowers `l op r`: `and`/`or` want conditions, comparisons want operands
    /// of one type and unit, `+`/`-` numbers or a time and a duration.
    pub(super) fn binary(
        &mut self,
        op: ast::BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        span: Span,
    ) -> (Expr, Ty) {
        use ast::BinOp::{Add, And, Eq, Ge, Gt, Le, Lt, Or, Sub};
        match op {
            Or | And => {
                let a = Box::new(self.condition(l));
                let b = Box::new(self.condition(r));
                (
                    if op == Or {
                        Expr::Or(a, b)
                    } else {
                        Expr::And(a, b)
                    },
                    Ty::Bool,
                )
            }
            Add | Sub => {
                let (mut a, ta) = self.expr(l);
                let (mut b, tb) = self.expr(r);
                let ty = match (&ta, &tb) {
                    (Ty::Error, _) | (_, Ty::Error) => Ty::Error,
                    (Ty::Num(ua), Ty::Num(ub)) => {
                        if let Some(u) = self.unify(&mut a, ua, &mut b, ub) {
                            Ty::Num(u)
                        } else {
                            self.unit_mismatch(span, ua, ub);
                            Ty::Error
                        }
                    }
                    (Ty::Time, Ty::Num(Unit::Duration { .. })) => Ty::Time,
                    (x, y) => {
                        let bad = if matches!(x, Ty::Num(_)) { y } else { x };
                        self.mismatch(span, &format!("`{}` works on numbers", op.symbol()), bad);
                        Ty::Error
                    }
                };
                let (a, b) = (Box::new(a), Box::new(b));
                (
                    if op == Add {
                        Expr::Add(a, b)
                    } else {
                        Expr::Sub(a, b)
                    },
                    ty,
                )
            }
            _ => {
                if let Some(test) = self.arg_compare(op, l, r, span) {
                    return test;
                }
                let (mut a, ta) = self.expr(l);
                let (mut b, tb) = self.expr(r);
                let cmp = match op {
                    Lt => CmpOp::Lt,
                    Le => CmpOp::Le,
                    Gt => CmpOp::Gt,
                    Ge => CmpOp::Ge,
                    Eq => CmpOp::Eq,
                    _ => CmpOp::Ne,
                };
                match (&ta, &tb) {
                    (Ty::Error, _) | (_, Ty::Error) | (Ty::Time, Ty::Time) => {}
                    (Ty::Num(ua), Ty::Num(ub)) => {
                        if self.unify(&mut a, ua, &mut b, ub).is_none() {
                            self.unit_mismatch(span, ua, ub);
                        }
                    }
                    (Ty::Bool, Ty::Bool) if matches!(cmp, CmpOp::Eq | CmpOp::Ne) => {}
                    (Ty::Enum(_), _) | (_, Ty::Enum(_)) => {
                        self.error(
                            Diagnostic::new(
                                Code::TypeMismatch,
                                span,
                                "enums are tested with `is`, not compared",
                            )
                            .help("write `theory is attack` or `theory is not attack`"),
                        );
                    }
                    (x, y) => {
                        self.error(
                            Diagnostic::new(
                                Code::TypeMismatch,
                                span,
                                format!("{} compared with {}", describe_ty(x), describe_ty(y)),
                            )
                            .help(
                                "compare numbers with numbers and times with times (`now > T+5m`)",
                            ),
                        );
                    }
                }
                (Expr::Compare(cmp, Box::new(a), Box::new(b)), Ty::Bool)
            }
        }
    }
}

/// The unit a literal was written in.
pub(super) fn literal_unit(u: LiteralUnit) -> Unit {
    match u {
        LiteralUnit::None => Unit::Plain,
        LiteralUnit::Percent => Unit::Percent,
        LiteralUnit::Millis => Unit::Duration { ms_per_unit: 1.0 },
    }
}

/// A type in the words of a diagnostic.
pub(super) fn describe_ty(t: &Ty) -> String {
    match t {
        Ty::Bool => "a flag or condition (true or false)".into(),
        Ty::Num(u) => u.describe(),
        Ty::Time => "a time".into(),
        Ty::Enum(_) => "an enum value".into(),
        Ty::Error => "an unknown value".into(),
    }
}
