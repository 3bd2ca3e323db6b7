//! The story's triggers, injects, hints and endings.

use super::*;

impl Lowerer<'_> {
    /// Lowers a trigger: when it fires (checked against the duration) and
    /// the actions it runs.
    pub(super) fn trigger(&mut self, item: &ast::Item, t: &ast::TriggerDecl) -> Trigger {
        let kind = match &t.kind {
            ast::TriggerKind::At(at) => {
                self.after_duration(*at, "this trigger");
                TriggerKind::At(at.ms)
            }
            ast::TriggerKind::Every {
                interval,
                from,
                until,
            } => {
                if let Some(f) = from {
                    self.after_duration(*f, "this trigger's first run");
                }
                TriggerKind::Every {
                    interval: interval.ms.max(1),
                    from: from.map_or(interval.ms, |f| f.ms),
                    until: until.map(|u| u.ms),
                }
            }
            ast::TriggerKind::When { cond, hold, repeat } => {
                if let Some(h) = hold {
                    self.after_duration(*h, "this `for` duration");
                }
                TriggerKind::When {
                    condition: self.condition(cond),
                    hold: hold.map_or(0, |h| h.ms),
                    repeat: *repeat,
                }
            }
        };
        let actions = self.actions(&t.actions, ActionCtx::Other);
        Trigger {
            kind,
            actions,
            sources: self.sources_of(item),
            span: item.span,
        }
    }

    /// Lowers an inject: its actions are checked as a trigger's are.
    pub(super) fn inject(&mut self, item: &ast::Item, i: &ast::InjectDecl) -> Inject {
        Inject {
            name: i.name.name.clone(),
            title: i
                .title
                .as_ref()
                .map_or_else(|| i.name.name.clone(), ast::Text::plain),
            actions: self.actions(&i.actions, ActionCtx::Other),
            sources: self.sources_of(item),
            span: i.name.span,
        }
    }

    /// Lowers a hint: its condition (with its `for`) and its text. `None`
    /// when the parser already reported it incomplete.
    pub(super) fn hint(&mut self, item: &ast::Item, h: &ast::HintDecl) -> Option<Hint> {
        let name = h.name.as_ref()?;
        let (cond, hold) = h.when.as_ref()?;
        if let Some(hold) = hold {
            self.after_duration(*hold, "this `for` duration");
        }
        Some(Hint {
            name: name.name.clone(),
            title: h
                .title
                .as_ref()
                .map_or_else(|| name.name.clone(), ast::Text::plain),
            condition: self.condition(cond),
            hold: hold.map_or(0, |h| h.ms),
            text: self.joined(&h.text),
            sources: self.sources_of(item),
            span: name.span,
        })
    }

    /// Lines of prose as one text, a newline between each.
    fn joined(&mut self, lines: &[ast::Text]) -> Text {
        let mut parts = Vec::new();
        for (i, t) in lines.iter().enumerate() {
            if i > 0 {
                parts.push(TextPart::Literal("\n".into()));
            }
            parts.extend(self.text(t, TextScope::Plain).parts);
        }
        Text { parts }
    }

    /// Lowers an ending: its outcome word and narration.
    pub(super) fn ending(&mut self, item: &ast::Item, e: &ast::EndingDecl) -> Ending {
        let outcome = match e.outcome.as_ref().map(|(o, s)| (o.as_str(), *s)) {
            Some(("resolved", _)) => Outcome::Resolved,
            Some(("mitigated", _)) => Outcome::Mitigated,
            Some(("worse", _)) => Outcome::Worse,
            Some(("timed out", _)) => Outcome::TimedOut,
            Some((_, span)) => {
                self.error(
                    Diagnostic::new(Code::BadLiteral, span, "unknown outcome")
                        .help("write `resolved`, `mitigated`, `worse` or `timed out`"),
                );
                Outcome::Resolved
            }
            None => {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        e.name.span,
                        format!("the ending `{}` has no outcome", e.name.name),
                    )
                    .help("add `outcome resolved` (or `mitigated`, `worse`, `timed out`)"),
                );
                Outcome::Resolved
            }
        };
        let text = self.joined(&e.text);
        Ending {
            name: e.name.name.clone(),
            title: e
                .title
                .as_ref()
                .map_or_else(|| e.name.name.clone(), ast::Text::plain),
            outcome,
            text,
            sources: self.sources_of(item),
            span: e.name.span,
        }
    }
}
