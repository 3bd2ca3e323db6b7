//! Playthrough tests: the player's steps with their names resolved, and
//! what each test expects.

use super::names::Names;
use super::*;
use crate::scenario::command::{Act, DocWord};

impl Lowerer<'_> {
    /// Lowers a playthrough test: its steps in time order, what it
    /// expects, and its seed (the scenario's unless it gives one).
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
            let input = self.test_input(&s.input, &metrics)?;
            steps.push(TestStep {
                at: s.at.map(|a| a.ms),
                input,
                span: s.span,
            });
        }
        let expectations = self.expectations(t);
        let seed = self.test_seed(t.seed, default_seed);
        Some(PlayTest {
            name: t.name.name.clone(),
            title: t.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
            seed,
            steps,
            hypotheses: t.hypotheses.iter().map(|(n, h)| (*n, h.plain())).collect(),
            expectations,
            span: t.name.span,
        })
    }

    /// Lowers one player input of a test, resolving the names it uses
    /// (`metrics`: the metrics among the values, for `graph`). This is
    /// where a test's names meet the scenario; a player's are resolved by
    /// the engine when it applies the action.
    fn test_input(
        &mut self,
        input: &Act<ast::Ident>,
        metrics: &Names<MetricId>,
    ) -> Option<TestInput> {
        Some(match input {
            Act::Ack(a) => TestInput::Ack(match a {
                Some(a) => Some(self.alert_ref(a)?),
                None => None,
            }),
            Act::Resolve(a) => TestInput::Resolve(self.alert_ref(a)?),
            Act::Silence(a) => TestInput::Silence(self.alert_ref(a)?),
            Act::Run(cmd) => TestInput::Run(cmd.name.clone()),
            Act::Choose(n) => TestInput::Choose(ChoiceRef::Number(*n)),
            Act::ChooseId(id) => TestInput::Choose(ChoiceRef::Id(resolve_in(
                &self.names.choices,
                self.sources,
                self.diags,
                id,
                Code::UnknownChoice,
                "choice",
                "name a choice with a trailing `#id`",
            )?)),
            Act::Page(p, msg) => {
                let id = self.person_ref(p)?;
                self.check_pageable(id, p);
                TestInput::Page(id, msg.name.clone())
            }
            Act::Status(st, msg) => TestInput::Status(*st, msg.name.clone()),
            Act::Graph(m) => TestInput::Graph(resolve_in(
                metrics,
                self.sources,
                self.diags,
                m,
                Code::UnknownMetric,
                "metric",
                "declare it with `metric NAME`",
            )?),
            Act::Open(how, d) => self.doc_input(d, *how)?,
            Act::Wait(ms) => TestInput::Wait(*ms),
            Act::Hint => TestInput::Hint,
            Act::Inject(i) => TestInput::Inject(resolve_in(
                &self.names.injects,
                self.sources,
                self.diags,
                i,
                Code::UnknownInject,
                "inject",
                "declare it with `inject NAME \"Title\"` and the actions it runs",
            )?),
            Act::Whisper(text) => TestInput::Whisper(text.name.clone()),
        })
    }

    /// Lowers `runbook NAME`, `logs NAME` or `read NAME`, reporting a
    /// runbook opened as a log or the other way round (`read` takes either).
    fn doc_input(&mut self, d: &ast::Ident, how: DocWord) -> Option<TestInput> {
        let id = resolve_in(
            &self.names.docs,
            self.sources,
            self.diags,
            d,
            Code::UnknownRunbook,
            "runbook or log",
            "declare it with `runbook NAME \"Title\"` or `log NAME \"Title\"`",
        )?;
        let is_log = self.doc_kinds.get(id.0) == Some(&DocKind::Log);
        let want_log = match how {
            DocWord::Runbook => false,
            DocWord::Logs => true,
            DocWord::Read => is_log,
        };
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
        Some(if is_log {
            TestInput::Logs(id)
        } else {
            TestInput::Runbook(id)
        })
    }

    /// Lowers what a test expects at its end: an ending, rubric entries met
    /// or not. A test may expect one ending at most.
    fn expectations(&mut self, t: &ast::TestDecl) -> Vec<(Expectation, Span)> {
        let mut expectations = Vec::new();
        for (e, span) in &t.expects {
            match e {
                ast::Expectation::Ending(id) => {
                    if let Some(eid) = self.ending_ref(id) {
                        expectations.push((Expectation::Ending(eid), *span));
                    }
                }
                ast::Expectation::Rubric {
                    name,
                    negated,
                    not_applicable,
                    ..
                } => {
                    if let Some(i) = resolve_in(
                        &self.names.rubric,
                        self.sources,
                        self.diags,
                        name,
                        Code::UnknownRubricItem,
                        "rubric entry",
                        "declare it in the `debrief` block",
                    ) {
                        let expect = if *not_applicable {
                            self.check_can_be_na(i, name, *negated, *span)
                        } else {
                            Some(Expectation::Rubric {
                                item: i,
                                met: !negated,
                            })
                        };
                        expectations.extend(expect.map(|e| (e, *span)));
                    }
                }
            }
        }
        let endings = t
            .expects
            .iter()
            .filter(|(e, _)| matches!(e, ast::Expectation::Ending(_)))
            .count();
        if endings > 1 {
            self.error(
                Diagnostic::new(
                    Code::RepeatedProperty,
                    t.name.span,
                    "a test expects more than one ending",
                )
                .help("a playthrough ends once; keep one `expect ending`"),
            );
        }
        expectations
    }

    /// `expect KIND NAME n/a`: only an entry with `applies when` can be
    /// not applicable, and `not` has no meaning beside `n/a`.
    fn check_can_be_na(
        &mut self,
        item: usize,
        name: &ast::Ident,
        negated: bool,
        span: Span,
    ) -> Option<Expectation> {
        if negated {
            self.error(
                Diagnostic::new(Code::Syntax, span, "`not` and `n/a` cannot go together")
                    .help("expect the entry `n/a`, or expect it met or not met"),
            );
            return None;
        }
        if self.may_not_apply.contains(&name.name) {
            return Some(Expectation::NotApplicable(item));
        }
        self.error(
            Diagnostic::new(
                Code::AlwaysApplies,
                name.span,
                format!("`{}` has no `applies when`, so it is never n/a", name.name),
            )
            .help("add `applies when CONDITION` to the entry, or expect it met or not met"),
        );
        None
    }

    /// A test's `seed`: a whole number, or the scenario's seed.
    fn test_seed(&mut self, seed: Option<ast::Quantity>, default_seed: u64) -> u64 {
        match seed {
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
        }
    }
}
