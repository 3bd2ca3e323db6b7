//! The story: triggers (`at`, `every`, `when`, `whenever`), a mentor's
//! injects, hints, scenes with their choices, and endings.

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads a trigger (`at T+..`, `every D [from..] [until..]`, `when C`,
    /// `whenever C`) and the actions it runs.
    pub(in crate::lang::parser) fn trigger(
        &mut self,
        kw: &str,
        node: &Node,
    ) -> Option<TriggerDecl> {
        let b = node.line.start;
        let kind = match kw {
            "at" => {
                let fast = self.reader(node).and_then(|mut r| {
                    let o = r.offset()?;
                    r.done().then_some(o)
                });
                let at = if let Some(o) = fast {
                    o
                } else {
                    let p = self.parse_line(Rule::at_line, node)?;
                    self.millis(b, &p.into_inner().nth(1)?)
                };
                TriggerKind::At(at)
            }
            "every" => {
                let p = self.parse_line(Rule::every_line, node)?;
                let mut interval = None;
                let mut from = None;
                let mut until = None;
                let mut last_kw = Rule::word;
                for part in p.into_inner().skip(1) {
                    match part.as_rule() {
                        Rule::duration => interval = Some(self.millis(b, &part)),
                        Rule::k_from | Rule::k_until => last_kw = part.as_rule(),
                        Rule::offset if last_kw == Rule::k_from => {
                            from = Some(self.millis(b, &part));
                        }
                        Rule::offset => until = Some(self.millis(b, &part)),
                        _ => {}
                    }
                }
                let interval = interval?;
                if interval.ms == 0 {
                    self.error(
                        Diagnostic::new(
                            Code::BadLiteral,
                            interval.span,
                            "an `every` interval must be longer than zero",
                        )
                        .help("write a positive interval such as `every 5m`"),
                    );
                }
                TriggerKind::Every {
                    interval,
                    from,
                    until,
                }
            }
            _ => {
                let (cond, hold) = self.when_line(node)?;
                TriggerKind::When {
                    cond,
                    hold,
                    repeat: kw == "whenever",
                }
            }
        };
        let actions = self.actions(&node.children, "a trigger", &[SOURCE]);
        // `source` notes alone do nothing either.
        let only_notes = node
            .children
            .iter()
            .all(|c| first_word(self.text_of(c)) == SOURCE);
        if only_notes && !node.too_deep {
            self.missing(
                node.line.span(),
                "this trigger does nothing",
                "indent the actions it runs below it",
            );
        }
        Some(TriggerDecl { kind, actions })
    }

    /// Reads an `inject NAME ["title"]` block: the actions a mentor sets
    /// off, read as a trigger's are.
    pub(in crate::lang::parser) fn inject(&mut self, node: &Node) -> Option<InjectDecl> {
        let (name, title) = self.named(node, false)?;
        let actions = self.actions(&node.children, "an inject", &[SOURCE]);
        if actions.is_empty() && !node.too_deep {
            self.missing(
                node.line.span(),
                format!("the inject `{}` does nothing", name.name),
                "indent the actions it runs below it: a chat line, `start`, `set`, `page`...",
            );
        }
        Some(InjectDecl {
            name,
            title,
            actions,
        })
    }

    /// Reads a `hint NAME ["title"]` block: its `when` and its text (see
    /// [`props::HINT`]).
    pub(in crate::lang::parser) fn hint(&mut self, node: &Node) -> Option<HintDecl> {
        let (name, title) = self.named(node, false)?;
        let span = name.span;
        let mut h = HintDecl {
            name: Some(name),
            title,
            ..HintDecl::default()
        };
        self.read_props(node, &props::HINT, &mut h);
        let missing = match (&h.when, h.text.is_empty()) {
            (None, _) => Some((
                "has no `when`",
                "add `when CONDITION` (and `for 5m` to wait)",
            )),
            (Some(_), true) => Some(("has no text", "indent the words the player reads below it")),
            _ => None,
        };
        if let Some((what, help)) = missing {
            let name = h.name.as_ref().map_or("", |n| n.name.as_str());
            self.missing(span, format!("the hint `{name}` {what}"), help);
        }
        Some(h)
    }

    /// Reads a `scene NAME` block: lines run on entry, its choices, and at
    /// most one `fallback`.
    pub(in crate::lang::parser) fn scene(&mut self, node: &Node) -> Option<SceneDecl> {
        let b = node.line.start;
        let p = self.parse_line(Rule::ident_prop, node)?;
        let name = self.ident(b, &p.into_inner().nth(1)?);
        let mut scene = SceneDecl {
            name,
            actions: Vec::new(),
            choices: Vec::new(),
            fallback: None,
        };
        let mut i = 0;
        while i < node.children.len() {
            let child = &node.children[i];
            let text = self.text_of(child);
            if text.starts_with(['*', '+']) {
                if let Some(c) = self.choice(child) {
                    scene.choices.push(c);
                }
            } else if first_word(text) == "fallback" {
                if self.bare(child) {
                    if let Some((first, _)) = &scene.fallback {
                        let first = *first;
                        self.error(
                            Diagnostic::new(
                                Code::RepeatedProperty,
                                child.line.span(),
                                "a scene has at most one `fallback`",
                            )
                            .secondary(first, "first fallback here")
                            .help("merge the two fallbacks"),
                        );
                    } else {
                        let acts = self.actions(&child.children, "a fallback", &[]);
                        scene.fallback = Some((child.line.span(), acts));
                    }
                }
            } else if first_word(text) == SOURCE {
            } else {
                if !scene.choices.is_empty() && child.block.is_none() {
                    // Lines after the choices still run when the scene is entered.
                }
                if let Some(a) =
                    self.action_at(&node.children, &mut i, "a scene", &[SOURCE, "fallback"][..])
                {
                    scene.actions.push(a);
                }
                continue;
            }
            i += 1;
        }
        Some(scene)
    }

    /// Reads a `* text [#id]` choice (`+` for one that stays), its
    /// properties and what choosing it does (see [`props::CHOICE`]).
    pub(in crate::lang::parser) fn choice(&mut self, node: &Node) -> Option<Choice> {
        let text = self.text_of(node);
        let start = node.line.start;
        let sticky = text.starts_with('+');
        let body = text[1..].trim_start();
        let body_off = start + (text.len() - body.len());
        // A trailing `#id` names the choice.
        let (label, id) = match body.rfind('#') {
            Some(h)
                if is_ident(body[h + 1..].trim_end()) && (h == 0 || body[..h].ends_with(' ')) =>
            {
                let name = body[h + 1..].trim_end();
                let s = body_off + h + 1;
                (
                    body[..h].trim_end(),
                    Some(Ident {
                        name: name.to_string(),
                        span: self.span(s, s + name.len()),
                    }),
                )
            }
            _ => (body, None),
        };
        if label.is_empty() {
            self.error(
                Diagnostic::new(Code::Syntax, node.line.span(), "this choice has no text")
                    .help("write what the player sees after `*` or `+`; for a choice taken on its own, use `fallback`"),
            );
            return None;
        }
        let text = self.interpolate(&[(body_off, label)], false);
        let mut choice = Choice {
            sticky,
            text,
            id,
            only_if: None,
            takes: None,
            actions: Vec::new(),
            sources: Vec::new(),
            span: node.line.span(),
        };
        self.read_props(node, &props::CHOICE, &mut choice);
        Some(choice)
    }

    /// Reads an `ending NAME ["title"]` block: its outcome and narration
    /// (see [`props::ENDING`]).
    pub(in crate::lang::parser) fn ending(&mut self, node: &Node) -> Option<EndingDecl> {
        let (name, title) = self.named(node, false)?;
        let mut e = EndingDecl {
            name,
            title,
            outcome: None,
            text: Vec::new(),
        };
        self.read_props(node, &props::ENDING, &mut e);
        Some(e)
    }

    /// Reads `outcome WORD`; on a mistake, the grammar's message gets a
    /// help line that lists the outcomes.
    pub(in crate::lang::parser) fn outcome_prop(&mut self, node: &Node) -> Option<(String, Span)> {
        let b = node.line.start;
        let Some(p) = self.parse_line(Rule::outcome_prop, node) else {
            if let Some(last) = self.diags.last_mut() {
                last.help =
                    Some("an outcome is `resolved`, `mitigated`, `worse` or `timed out`".into());
            }
            return None;
        };
        let o = p.into_inner().nth(1)?;
        let span = self.pair_span(b, &o);
        let word = o.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        Some((word, span))
    }
}
