//! The debrief's rubric: key actions, red herrings, objectives and the
//! real responders' timeline.

use super::*;

impl Lowerer<'_> {
    /// Lowers the debrief: its rubric entries (with key actions' deadlines
    /// checked against the duration) and the real responders' timeline, whose
    /// clock times become offsets from the scenario's start (`meta`).
    pub(super) fn rubric(&mut self, d: &ast::DebriefDecl, meta: Option<&Meta>) -> Rubric {
        let mut items = Vec::new();
        for it in &d.items {
            let condition = it
                .cond
                .as_ref()
                .map_or(Expr::Bool(false), |c| self.condition(c));
            if let Some(by) = it.by {
                self.after_duration(by, "this deadline");
            }
            items.push(RubricItem {
                kind: match it.kind {
                    ast::RubricKind::KeyAction => RubricKind::KeyAction,
                    ast::RubricKind::RedHerring => RubricKind::RedHerring,
                    ast::RubricKind::Objective => RubricKind::Objective,
                },
                name: it.name.name.clone(),
                title: it.title.plain(),
                condition,
                applies: it.applies.as_ref().map(|c| self.condition(c)),
                deadline: it.by.map(|b| b.ms),
                marks: it.marks.as_ref().and_then(|m| self.mark(m)),
                why: it.why.as_ref().map(ast::Text::plain).unwrap_or_default(),
                sources: it.sources.iter().map(ast::Text::plain).collect(),
                span: it.name.span,
            });
        }
        let start = meta.map_or(0, |m| i64::from(m.start_clock_secs));
        let responders = d
            .responders
            .iter()
            .map(|m| Milestone {
                kind: match m.kind.name.as_str() {
                    "started" => MilestoneKind::Started,
                    "detected" => MilestoneKind::Detected,
                    "diagnosed" => MilestoneKind::Diagnosed,
                    "escalated" => MilestoneKind::Escalated,
                    "communicated" => MilestoneKind::Communicated,
                    "mitigated" => MilestoneKind::Mitigated,
                    _ => MilestoneKind::Resolved,
                },
                offset_ms: match &m.time {
                    ast::MomentTime::Clock(secs, _) => (i64::from(*secs) - start) * 1000,
                    ast::MomentTime::Offset(o) => i64::try_from(o.ms).unwrap_or(i64::MAX),
                },
                approximate: m.approximate,
                what: m.what.plain(),
                sources: m.sources.iter().map(ast::Text::plain).collect(),
            })
            .collect();
        Rubric {
            root_cause: d
                .root_cause
                .as_ref()
                .map(ast::Text::plain)
                .unwrap_or_default(),
            cause_words: d
                .cause_words
                .iter()
                .map(|w| w.plain().trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
            items,
            responders,
        }
    }

    /// A key action's `marks`: `diagnosis` or `mitigation`.
    fn mark(&mut self, m: &ast::Ident) -> Option<Mark> {
        match m.name.as_str() {
            "diagnosis" => Some(Mark::Diagnosis),
            "mitigation" => Some(Mark::Mitigation),
            other => {
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        m.span,
                        format!("`{other}` is not a milestone a key action can mark"),
                    )
                    .help("write `marks diagnosis` or `marks mitigation`"),
                );
                None
            }
        }
    }
}
