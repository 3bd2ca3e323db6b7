//! Actions: the statements triggers, scenes, choices, commands and pages
//! run, with `set` checked against the variable's type.

use super::*;

impl Lowerer<'_> {
    /// Lowers a list of statements, dropping those that failed (each was
    /// reported).
    pub(super) fn actions(&mut self, acts: &[ast::Action], ctx: ActionCtx) -> Vec<Action> {
        acts.iter().filter_map(|a| self.action(a, ctx)).collect()
    }

    /// Lowers one statement; `ctx` says whether it sits in the story's flow
    /// (where `goto`, `call` and choices make sense) or elsewhere.
    pub(super) fn action(&mut self, a: &ast::Action, ctx: ActionCtx) -> Option<Action> {
        Some(match a {
            ast::Action::Narrate(t) => Action::Narrate(self.text(t, TextScope::Plain)),
            ast::Action::Chat(p, t) => {
                let id = self.person_ref(p);
                let text = self.text(t, TextScope::Plain);
                Action::Chat(id?, text)
            }
            ast::Action::Page(who, t) => {
                let who = match who {
                    ast::Pagee::Player(_) => Pagee::Player,
                    ast::Pagee::Person(p) => {
                        let id = self.person_ref(p)?;
                        self.check_pageable(id, p);
                        Pagee::Person(id)
                    }
                };
                Action::Page(who, self.text(t, TextScope::Plain))
            }
            ast::Action::Set(name, e) => return self.set(name, e),
            ast::Action::Start(e) | ast::Action::Stop(e) => {
                let id = resolve_in(
                    &self.names.effects,
                    self.sources,
                    self.diags,
                    e,
                    Code::UnknownEffect,
                    "effect",
                    "declare it in a metric: `effect NAME ramp to 100 over 2m`",
                )?;
                if matches!(a, ast::Action::Start(_)) {
                    Action::Start(id)
                } else {
                    Action::Stop(id)
                }
            }
            ast::Action::After(d, body) => {
                self.after_duration(*d, "this delay");
                let body = self.delayed(|l| l.actions(body, ctx));
                Action::After(d.ms, body)
            }
            ast::Action::If(c, then, otherwise) => {
                let c = self.condition(c);
                Action::If(c, self.actions(then, ctx), self.actions(otherwise, ctx))
            }
            ast::Action::Goto(s) | ast::Action::Call(s) | ast::Action::Interrupt(s) => {
                let id = self.scene_ref(s)?;
                match a {
                    ast::Action::Goto(_) => Action::Goto(id),
                    ast::Action::Call(_) => Action::Call(id),
                    _ => Action::Interrupt(id),
                }
            }
            ast::Action::End(e) => Action::End(self.ending_ref(e)?),
            ast::Action::Login(h) => Action::Login(self.host_ref(h)?),
            ast::Action::PostStatus(state, t) => {
                Action::PostStatus(*state, self.text(t, TextScope::Plain))
            }
            ast::Action::Return(span) | ast::Action::Wait(span) => {
                let is_return = matches!(a, ast::Action::Return(_));
                if ctx != ActionCtx::Scene {
                    let kw = if is_return { "return" } else { "wait" };
                    self.error(
                        Diagnostic::new(Code::MisplacedStatement, *span, format!("`{kw}` only works in a scene"))
                            .help("the story moves in scenes; from a trigger or command use `goto` or `interrupt`"),
                    );
                    return None;
                }
                if is_return {
                    Action::Return
                } else {
                    Action::Wait
                }
            }
        })
    }

    /// Lowers `set NAME = EXPR`, checking the value against the variable's
    /// type and unit (a metric cannot be set).
    pub(super) fn set(&mut self, name: &ast::Ident, e: &ast::Expr) -> Option<Action> {
        let Some(target) = self.names.values.get(&name.name) else {
            unknown_in(
                &self.names.values,
                self.sources,
                self.diags,
                name,
                Code::UnknownVariable,
                "variable",
                &format!(
                    "declare it with `flag {0}`, `var {0} = 0` or `enum {0} = a | b`",
                    name.name
                ),
            );
            return None;
        };
        let var = match target {
            ValueRef::Var(v) => v,
            ValueRef::Metric(_) => {
                self.error(
                    Diagnostic::new(Code::TypeMismatch, name.span, format!("`{}` is a metric, and metrics cannot be set", name.name))
                        .help("move a metric with an effect: declare `effect NAME step to X` in the metric and `start NAME`"),
                );
                return None;
            }
        };
        let kind = self.vars[var.0].kind.clone();
        match kind {
            VarKind::Enum(values) => {
                if let ExprKind::Name(v) = &e.kind
                    && self.names.values.get(&v.name).is_none()
                {
                    return if let Some(i) = values.iter().position(|x| *x == v.name) {
                        Some(Action::Set(var, Expr::EnumValue(i)))
                    } else {
                        self.bad_enum_value(var, v);
                        None
                    };
                }
                let (expr, ty) = self.expr(e);
                if ty != Ty::Enum(var) && ty != Ty::Error {
                    self.mismatch(
                        e.span,
                        &format!("`{}` holds one of its listed values", name.name),
                        &ty,
                    );
                }
                Some(Action::Set(var, expr))
            }
            VarKind::Flag => {
                let expr = self.condition(e);
                Some(Action::Set(var, expr))
            }
            VarKind::Number(unit) => {
                let (mut expr, ty) = self.expr(e);
                match ty {
                    Ty::Num(u) => {
                        if self
                            .unify(&mut expr, &u, &mut Expr::Bool(false), &unit)
                            .is_none()
                        {
                            self.unit_mismatch(e.span, &u, &unit);
                        }
                    }
                    Ty::Error => {}
                    other => self.mismatch(e.span, &format!("`{}` is a number", name.name), &other),
                }
                Some(Action::Set(var, expr))
            }
        }
    }

    /// Reports `value` as not one of the enum `var`'s values, suggesting the
    /// nearest.
    pub(super) fn bad_enum_value(&mut self, var: VarId, v: &ast::Ident) {
        // A diagnostic that will not be shown is only counted: no help.
        let values = match &self.vars[var.0].kind {
            VarKind::Enum(vals) if self.diags.will_show(v.span) => vals.clone(),
            _ => Vec::new(),
        };
        let near = closest(&v.name, values.iter().map(String::as_str));
        let help = near.map_or_else(
            || {
                format!(
                    "`{}` is one of: {}",
                    self.vars[var.0].name,
                    values.join(", ")
                )
            },
            |c| format!("did you mean `{c}`?"),
        );
        self.error(
            Diagnostic::new(
                Code::UnknownEnumValue,
                v.span,
                format!("`{}` is not a value of `{}`", v.name, self.vars[var.0].name),
            )
            .secondary(self.vars[var.0].span, "its values are listed here")
            .help(help)
            .fix_opt(near),
        );
    }
}
