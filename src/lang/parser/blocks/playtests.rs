//! Playthrough tests: a seed, the player's steps and what to expect.

use crate::lang::parser::*;

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
            expects: Vec::new(),
        };
        self.read_props(node, &props::TEST, &mut t);
        Some(t)
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
                _ => {}
            }
        }
        let name = name?;
        let expect = Expectation::Rubric {
            kind,
            name,
            negated,
        };
        Some((expect, span))
    }

    pub(in crate::lang::parser) fn test_step(&mut self, node: &Node) -> Option<TestStep> {
        let b = node.line.start;
        let p = match LineGrammar::parse(Rule::test_step, self.text_of(node)) {
            Ok(mut p) => p.next()?,
            Err(e) => {
                let kw = first_word(self.text_of(node));
                const INPUTS: &[&str] = &[
                    "at", "ack", "resolve", "silence", "run", "choose", "reply", "page", "status",
                    "graph", "runbook", "logs", "wait", "expect", "seed",
                ];
                if INPUTS.contains(&kw) {
                    let d = self.describe_error(&e, b, self.text_of(node));
                    self.error(d);
                } else {
                    self.unknown_in(node, "a test", INPUTS);
                }
                return None;
            }
        };
        let mut at = None;
        let mut input = None;
        for part in p.into_inner() {
            let rule = part.as_rule();
            if rule == Rule::offset {
                at = Some(self.millis(b, &part));
                continue;
            }
            let args: Vec<Pair<'_, Rule>> = part.into_inner().collect();
            let ident = args
                .iter()
                .find(|a| a.as_rule() == Rule::ident)
                .map(|a| self.ident(b, a));
            let string = args
                .iter()
                .find(|a| a.as_rule() == Rule::string)
                .map(|a| self.string(b, a));
            let number = args
                .iter()
                .find(|a| a.as_rule() == Rule::number)
                .map(|a| self.quantity(b, a));
            let duration = args
                .iter()
                .find(|a| a.as_rule() == Rule::duration)
                .map(|a| self.millis(b, a));
            input = match rule {
                Rule::ack_input => Some(TestInput::Ack(ident)),
                Rule::resolve_input => ident.map(TestInput::Resolve),
                Rule::silence_input => ident.map(TestInput::Silence),
                Rule::run_input => string.map(TestInput::Run),
                Rule::choose_input => number
                    .map(TestInput::ChooseNumber)
                    .or(ident.map(TestInput::ChooseId)),
                Rule::reply_input => number.map(TestInput::Reply),
                Rule::page_input => ident.zip(string).map(|(i, s)| TestInput::Page(i, s)),
                Rule::status_input => {
                    let st = args
                        .iter()
                        .find(|a| a.as_rule() == Rule::status_state)
                        .and_then(|a| StatusState::parse(a.as_str()));
                    st.zip(string).map(|(st, s)| TestInput::Status(st, s))
                }
                Rule::graph_input => ident.map(TestInput::Graph),
                Rule::runbook_input => ident.map(TestInput::Runbook),
                Rule::logs_input => ident.map(TestInput::Logs),
                Rule::wait_input => duration.map(TestInput::Wait),
                _ => input,
            };
        }
        Some(TestStep {
            at,
            input: input?,
            span: node.line.span(),
        })
    }
}
