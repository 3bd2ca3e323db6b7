//! Actions: the statements that triggers, scenes, choices, commands and
//! pages run (`page`, `set`, `goto`, `if`/`else`, `@person: ...`, narration).

use super::*;

impl Parser<'_> {
    /// Reads the statements in `nodes` (a block's body), skipping the lines
    /// whose first word is one of `props` (the block's own properties). `ctx`
    /// names the block in diagnostics.
    pub(super) fn actions(
        &mut self,
        nodes: &[Node],
        ctx: &str,
        props: &[&'static str],
    ) -> Vec<Action> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            if props.contains(&first_word(self.text_of(&nodes[i]))) {
                i += 1;
                continue;
            }
            if let Some(a) = self.action_at(nodes, &mut i, ctx, props) {
                out.push(a);
            }
        }
        out
    }

    /// Parses the action at `nodes[*i]` and advances `i` past it (and past its
    /// `else`, for an `if`). `ctx` names the enclosing block and `props` its
    /// own properties, for the diagnostic of a line that is neither.
    pub(super) fn action_at<L: Listing + ?Sized>(
        &mut self,
        nodes: &[Node],
        i: &mut usize,
        ctx: &str,
        props: &L,
    ) -> Option<Action> {
        let node = &nodes[*i];
        *i += 1;
        let text = self.text_of(node);
        if let Some(rest) = text.strip_prefix('@') {
            return self.chat(node, rest);
        }
        if text.starts_with(['*', '+']) {
            self.error(
                Diagnostic::new(
                    Code::MisplacedStatement,
                    node.line.span(),
                    format!("choices belong directly in a scene, not in {ctx}"),
                )
                .help("move the choice up to the scene's level, or `goto` a scene that offers it"),
            );
            return None;
        }
        if let Some(t) = self.prose(node) {
            if !node.children.is_empty() {
                self.no_children(node, "a line of narration");
            }
            self.check_misspelt(node, ctx, props);
            return Some(Action::Narrate(t));
        }
        let kw = first_word(text);
        let action = match kw {
            "page" => self.page_action(node)?,
            "set" => self.set_action(node)?,
            "start" | "stop" | "goto" | "call" | "interrupt" | "end" | "login" => {
                self.target_action(kw, node)?
            }
            "status" => self.status_action(node)?,
            "return" | "wait" => {
                self.parse_line(Rule::bare_line, node)?;
                let span = node.line.span();
                if kw == "return" {
                    Action::Return(span)
                } else {
                    Action::Wait(span)
                }
            }
            // These two own the lines indented below them.
            "after" => return self.after_action(node),
            "if" => return self.if_action(nodes, i),
            "else" => {
                self.error(
                    Diagnostic::new(Code::MisplacedStatement, node.line.span(), "`else` without an `if` just above it")
                        .help("put `else` at the same indentation as its `if`, right after the `if` block"),
                );
                return None;
            }
            _ => {
                self.unknown_action(node, ctx, props);
                return None;
            }
        };
        if !node.children.is_empty() {
            self.no_children(node, &format!("a `{kw}` line"));
        }
        Some(action)
    }

    /// Reads `page you|PERSON "message"`.
    fn page_action(&mut self, node: &Node) -> Option<Action> {
        let b = node.line.start;
        let p = self.parse_line(Rule::page_action, node)?;
        let mut who = None;
        let mut msg = None;
        for part in p.into_inner().skip(1) {
            match part.as_rule() {
                Rule::k_you => who = Some(Pagee::Player(self.pair_span(b, &part))),
                Rule::ident => who = Some(Pagee::Person(self.ident(b, &part))),
                Rule::string => msg = Some(self.string(b, &part)),
                _ => {}
            }
        }
        Some(Action::Page(who?, msg?))
    }

    /// Reads `set NAME = EXPR`, on the fast path when it can.
    fn set_action(&mut self, node: &Node) -> Option<Action> {
        let fast = self.reader(node).and_then(|mut r| {
            let name = r.ident()?;
            r.op("=")?;
            let e = r.expr()?;
            r.done().then_some((name, e))
        });
        if let Some((name, e)) = fast {
            return Some(Action::Set(name, e));
        }
        let b = node.line.start;
        let p = self.parse_line(Rule::set_action, node)?;
        let mut it = p.into_inner().skip(1);
        let name = self.ident(b, &it.next()?);
        let e = self.expr(b, it.next()?);
        Some(Action::Set(name, e))
    }

    /// Reads `start|stop|goto|call|interrupt|end|login NAME` (the keyword is `kw`).
    fn target_action(&mut self, kw: &str, node: &Node) -> Option<Action> {
        let id = if let Some(id) = self.simple_value(node).and_then(|v| self.tok_ident(&v)) {
            id
        } else {
            let p = self.parse_line(Rule::target_action, node)?;
            self.ident(node.line.start, &p.into_inner().nth(1)?)
        };
        Some(match kw {
            "start" => Action::Start(id),
            "stop" => Action::Stop(id),
            "goto" => Action::Goto(id),
            "call" => Action::Call(id),
            "interrupt" => Action::Interrupt(id),
            "login" => Action::Login(id),
            _ => Action::End(id),
        })
    }

    /// Reads `status STATE "text"`: a post to the status page.
    fn status_action(&mut self, node: &Node) -> Option<Action> {
        let b = node.line.start;
        let p = self.parse_line(Rule::status_action, node)?;
        let mut state = None;
        let mut text = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::status_state => state = StatusState::parse(part.as_str()),
                Rule::string => text = Some(self.string(b, &part)),
                _ => {}
            }
        }
        Some(Action::PostStatus(state?, text?))
    }

    /// Reads `after DURATION` and the actions indented below it.
    fn after_action(&mut self, node: &Node) -> Option<Action> {
        let p = self.parse_line(Rule::after_action, node)?;
        let d = self.millis(node.line.start, &p.into_inner().nth(1)?);
        let body = self.actions(&node.children, "an `after` block", &[]);
        if body.is_empty() {
            self.empty_block(node, "after");
        }
        Some(Action::After(d, body))
    }

    /// Reads `if C` at `nodes[*i - 1]`, its body, and an `else` right after
    /// it at the same indentation (advancing `i` past that `else`).
    fn if_action(&mut self, nodes: &[Node], i: &mut usize) -> Option<Action> {
        let node = &nodes[*i - 1];
        let cond = self.cond_line(node, Rule::if_action, None)?;
        let then = self.actions(&node.children, "an `if` block", &[]);
        if then.is_empty() {
            self.empty_block(node, "if");
        }
        let mut otherwise = Vec::new();
        if let Some(next) = nodes.get(*i)
            && first_word(self.text_of(next)) == "else"
            && next.line.indent == node.line.indent
        {
            *i += 1;
            if self.bare(next) {
                otherwise = self.actions(&next.children, "an `else` block", &[]);
            }
        }
        Some(Action::If(cond, then, otherwise))
    }

    /// Reports a line that is no action and none of the block's properties.
    /// A did-you-mean also says how to narrate a line that starts with a
    /// lowercase word, since that is the other likely intent.
    fn unknown_action<L: Listing + ?Sized>(&mut self, node: &Node, ctx: &str, props: &L) {
        let mut allowed: Vec<&str> = ACTION_KEYWORDS.to_vec();
        allowed.extend(props.words());
        self.unknown_in(node, ctx, &allowed);
        if let Some(last) = self.diags.last_mut()
            && let Some(h) = &mut last.help
            && h.starts_with("did you mean")
        {
            h.push_str(
                " (to narrate a line that starts with a lowercase word, begin it with `| `)",
            );
        }
    }

    /// Reports an `after`/`if` with nothing indented below it: a block that
    /// runs nothing is almost surely a mistake in indentation.
    pub(super) fn empty_block(&mut self, node: &Node, kw: &str) {
        self.missing(
            node.line.span(),
            format!("this `{kw}` has nothing to do"),
            "indent the actions it runs below it",
        );
    }

    /// Reads `@person: message` (with `rest` the text after `@`): a chat line
    /// from a responder.
    pub(super) fn chat(&mut self, node: &Node, rest: &str) -> Option<Action> {
        let start = node.line.start + 1;
        let name_len = first_word(rest).len();
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        if name.is_empty() || !after.starts_with(':') {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    node.line.span(),
                    "a chat line is `@person: message`",
                )
                .help("write the person's name right after `@`, then `:` and the message"),
            );
            return None;
        }
        let msg = after[1..].trim_start();
        let msg_off = start + name_len + (after.len() - msg.len());
        let who = Ident {
            name: name.to_string(),
            span: self.span(start, start + name_len),
        };
        let text = self.interpolate(&[(msg_off, msg)], false);
        if !node.children.is_empty() {
            self.no_children(node, "a chat line");
        }
        Some(Action::Chat(who, text))
    }
}
