//! Playthrough tests: a seed, the player's steps and what to expect.

use crate::lang::parser::*;
use crate::scenario::command::{self, Act, Command, Fault, Verb};

impl Parser<'_> {
    /// Reads a `test NAME ["title"]` block: a seed, the player's steps and
    /// what to expect at the end (see [`props::TEST`]).
    pub(in crate::lang::parser) fn test(&mut self, node: &Node) -> Option<TestDecl> {
        let (name, title) = self.named(node, false)?;
        let mut t = TestDecl {
            name,
            title,
            seed: None,
            steps: Vec::new(),
            hypotheses: Vec::new(),
            expects: Vec::new(),
        };
        self.read_props(node, &props::TEST, &mut t);
        Some(t)
    }

    /// Reads `hypothesis TEXT`: what the player thinks, noted between steps
    /// (the words the plain front end takes).
    pub(in crate::lang::parser) fn hypothesis_step(&mut self, node: &Node) -> Option<Text> {
        let b = node.line.start;
        let text = self.text_of(node);
        match command::parse(text) {
            Ok(Command::Hypothesis(w)) => Some(Text {
                span: self.span(b + w.at.start, b + w.at.end),
                parts: vec![TextPart::Literal(w.text)],
            }),
            Ok(_) => None,
            Err(e) => {
                let span = self.span(b + e.at.start, b + e.at.end);
                self.error(Diagnostic::new(Code::Syntax, span, e.message));
                None
            }
        }
    }

    /// Reads `expect ending NAME` or `expect [not] KIND NAME` (a rubric entry).
    pub(in crate::lang::parser) fn expectation(
        &mut self,
        node: &Node,
    ) -> Option<(Expectation, Span)> {
        let b = node.line.start;
        let p = self.parse_line(Rule::expect_line, node)?;
        let e = p.into_inner().nth(1)?;
        let span = node.line.span();
        if e.as_rule() == Rule::ending_expect {
            let id = e.into_inner().find(|p| p.as_rule() == Rule::ident)?;
            return Some((Expectation::Ending(self.ident(b, &id)), span));
        }
        let mut negated = false;
        let mut not_applicable = false;
        let mut kind = RubricKind::Objective;
        let mut name = None;
        for part in e.into_inner() {
            match part.as_rule() {
                Rule::k_not => negated = true,
                Rule::rubric_kind => {
                    kind = match part.as_str().chars().next() {
                        Some('k') => RubricKind::KeyAction,
                        Some('r') => RubricKind::RedHerring,
                        _ => RubricKind::Objective,
                    }
                }
                Rule::ident => name = Some(self.ident(b, &part)),
                Rule::not_applicable => not_applicable = true,
                _ => {}
            }
        }
        let name = name?;
        let expect = Expectation::Rubric {
            kind,
            name,
            negated,
            not_applicable,
        };
        Some((expect, span))
    }

    /// Reads a test step: `[at OFFSET] WORDS`, where the words are what a
    /// player types in the plain front end, read by the one command parser
    /// ([`command::parse`]). A front end's own command (`help`, `pause`,
    /// ...) is refused: a step is a game action.
    pub(in crate::lang::parser) fn test_step(&mut self, node: &Node) -> Option<TestStep> {
        let b = node.line.start;
        let text = self.text_of(node);
        let p = match LineGrammar::parse(Rule::test_step, text) {
            Ok(mut p) => p.next()?,
            Err(e) => {
                let d = self.describe_error(&e, b, text);
                self.error(d);
                return None;
            }
        };
        let mut at = None;
        let mut input = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::offset => at = Some(self.millis(b, &part)),
                Rule::player_words => {
                    let start = b + part.as_span().start();
                    input = self.player_act(node, start, part.as_str());
                }
                _ => {}
            }
        }
        Some(TestStep {
            at,
            input: input?,
            span: node.line.span(),
        })
    }

    /// Reads the player's words written at byte `start` into a game action,
    /// each name and text with its span.
    fn player_act(&mut self, node: &Node, start: usize, words: &str) -> Option<Act<Ident>> {
        let to_span =
            |p: &Self, at: &std::ops::Range<usize>| p.span(start + at.start, start + at.end);
        let command = match command::parse(words) {
            Ok(c) => c,
            Err(e) if e.fault == Fault::UnknownVerb && start == node.line.start => {
                // The test block's own words, then every game action's.
                let mut allowed = props::TEST.shown();
                allowed.push("at");
                allowed.extend(Verb::ALL.iter().filter(|v| v.acts()).map(|v| v.word()));
                self.unknown_in(node, "a test", &allowed);
                return None;
            }
            Err(e) => {
                let code = match e.fault {
                    Fault::BadValue => Code::BadLiteral,
                    Fault::UnknownVerb => Code::UnknownKeyword,
                    Fault::Shape => Code::Syntax,
                };
                let span = to_span(self, &e.at);
                self.error(Diagnostic::new(code, span, e.message));
                return None;
            }
        };
        let Command::Act(act) = command else {
            let verb = first_word(words);
            let span = to_span(self, &(0..verb.len()));
            self.error(not_an_action(verb, span));
            return None;
        };
        Some(act.map(|w| Ident {
            span: to_span(self, &w.at),
            name: w.text,
        }))
    }
}

/// Why a front end's command (`verb`, written at `span`) cannot be a step.
fn not_an_action(verb: &str, span: Span) -> Diagnostic {
    if Verb::of(verb).is_some_and(Verb::acts) {
        return Diagnostic::new(
            Code::Syntax,
            span,
            format!("`{verb}` with no name only lists what there is"),
        )
        .help(format!("a test step names one: `{verb} NAME`"));
    }
    Diagnostic::new(
        Code::Syntax,
        span,
        format!("`{verb}` is for the player's screen, so a test cannot take it"),
    )
    .help(
        "a step is what a player does to the incident: ack, resolve, silence, run, \
         choose, page, status, graph NAME, runbook NAME, logs NAME, read NAME or wait",
    )
}
