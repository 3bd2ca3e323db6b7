//! Playthrough tests: the player's steps with their names resolved, and
//! what each test expects.

use super::*;

impl Lowerer<'_> {
    pub(super) fn test(&mut self, t: &ast::TestDecl, default_seed: u64) -> Option<PlayTest> {
        let mut steps = Vec::new();
        let metrics = self.names.metrics();
        let mut last_at = 0;
        for s in &t.steps {
            if let Some(at) = s.at {
                self.after_duration(at, "this step");
                if at.ms < last_at {
                    self.error(
                        Diagnostic::new(
                            Code::BadLiteral,
                            at.span,
                            "this step is earlier than the one before it",
                        )
                        .help("test steps run in order; sort them by time"),
                    );
                }
                last_at = at.ms;
            }
            let input = match &s.input {
                ast::TestInput::Ack(a) => TestInput::Ack(match a {
                    Some(a) => Some(self.alert_ref(a)?),
                    None => None,
                }),
                ast::TestInput::Resolve(a) => TestInput::Resolve(self.alert_ref(a)?),
                ast::TestInput::Run(cmd) => TestInput::Run(cmd.plain()),
                ast::TestInput::ChooseNumber(q) => {
                    if q.value < 1.0 || q.value.fract() != 0.0 {
                        self.error(
                            Diagnostic::new(
                                Code::BadLiteral,
                                q.span,
                                "choices are numbered from 1",
                            )
                            .help("write `choose 1` for the first choice on screen"),
                        );
                        return None;
                    }
                    TestInput::Choose(ChoiceRef::Number(q.value.min(f64::from(u32::MAX)) as u32))
                }
                ast::TestInput::ChooseId(id) => TestInput::Choose(ChoiceRef::Id(resolve_in(
                    &self.names.choices,
                    self.sources,
                    self.diags,
                    id,
                    Code::UnknownChoice,
                    "choice",
                    "name a choice with a trailing `#id`",
                )?)),
                ast::TestInput::Reply(q) => {
                    TestInput::Reply(q.value.max(0.0).min(f64::from(u32::MAX)) as u32)
                }
                ast::TestInput::Page(p, msg) => {
                    let id = self.person_ref(p)?;
                    self.check_pageable(id, p);
                    TestInput::Page(id, msg.plain())
                }
                ast::TestInput::Status(st, msg) => TestInput::Status(*st, msg.plain()),
                ast::TestInput::Graph(m) => TestInput::Graph(resolve_in(
                    &metrics,
                    self.sources,
                    self.diags,
                    m,
                    Code::UnknownMetric,
                    "metric",
                    "declare it with `metric NAME`",
                )?),
                ast::TestInput::Runbook(d) | ast::TestInput::Logs(d) => {
                    let id = resolve_in(
                        &self.names.docs,
                        self.sources,
                        self.diags,
                        d,
                        Code::UnknownRunbook,
                        "runbook or log",
                        "declare it with `runbook NAME \"Title\"` or `log NAME \"Title\"`",
                    )?;
                    let want_log = matches!(s.input, ast::TestInput::Logs(_));
                    let is_log = self.doc_kinds.get(id.0) == Some(&DocKind::Log);
                    if want_log != is_log {
                        let (is, use_) = if is_log {
                            ("a log", "logs")
                        } else {
                            ("a runbook", "runbook")
                        };
                        self.error(
                            Diagnostic::new(
                                Code::UnknownRunbook,
                                d.span,
                                format!("`{}` is {is}", d.name),
                            )
                            .help(format!("open it with `{use_} {}`", d.name)),
                        );
                    }
                    if want_log {
                        TestInput::Logs(id)
                    } else {
                        TestInput::Runbook(id)
                    }
                }
                ast::TestInput::Wait(d) => TestInput::Wait(d.ms),
            };
            steps.push(TestStep {
                at: s.at.map(|a| a.ms),
                input,
                span: s.span,
            });
        }
        let mut expectations = Vec::new();
        for (e, span) in &t.expects {
            match e {
                ast::Expectation::Ending(id) => {
                    if let Some(eid) = self.ending_ref(id) {
                        expectations.push((Expectation::Ending(eid), *span));
                    }
                }
                ast::Expectation::Rubric { name, negated, .. } => {
                    if let Some(i) = resolve_in(
                        &self.names.rubric,
                        self.sources,
                        self.diags,
                        name,
                        Code::UnknownRubricItem,
                        "rubric entry",
                        "declare it in the `debrief` block",
                    ) {
                        expectations.push((
                            Expectation::Rubric {
                                item: i,
                                met: !negated,
                            },
                            *span,
                        ));
                    }
                }
            }
        }
        if t.expects
            .iter()
            .filter(|(e, _)| matches!(e, ast::Expectation::Ending(_)))
            .count()
            > 1
        {
            self.error(
                Diagnostic::new(
                    Code::RepeatedProperty,
                    t.name.span,
                    "a test expects more than one ending",
                )
                .help("a playthrough ends once; keep one `expect ending`"),
            );
        }
        let seed = match t.seed {
            Some(q) if q.value >= 0.0 && q.value.fract() == 0.0 && q.unit == LiteralUnit::None => {
                q.value.min(u64::MAX as f64) as u64
            }
            Some(q) => {
                self.error(
                    Diagnostic::new(Code::BadLiteral, q.span, "a seed is a whole number")
                        .help("write for example `seed 7`"),
                );
                default_seed
            }
            None => default_seed,
        };
        Some(PlayTest {
            name: t.name.name.clone(),
            title: t.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
            seed,
            steps,
            expectations,
            span: t.name.span,
        })
    }
}
