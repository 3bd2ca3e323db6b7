//! The debrief: root cause, rubric entries and the responders' timeline.

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads the `debrief` block (see [`props::DEBRIEF`]).
    pub(in crate::lang::parser) fn debrief(&mut self, node: &Node) -> Option<DebriefDecl> {
        self.parse_line(Rule::bare_line, node)?;
        let mut d = DebriefDecl::default();
        self.read_props(node, &props::DEBRIEF, &mut d);
        Some(d)
    }

    /// Reads `root cause "..."` or `root cause """` with a text block.
    pub(in crate::lang::parser) fn root_cause(&mut self, node: &Node) -> Option<Text> {
        if let Some(block) = &node.block {
            self.parse_line(Rule::root_cause_line, node)?;
            return Some(self.block_text(block));
        }
        let p = self.parse_line(Rule::root_cause_line, node)?;
        let b = node.line.start;
        p.into_inner()
            .find(|p| p.as_rule() == Rule::string)
            .map(|s| self.string(b, &s))
    }

    /// Reads `root cause words "waf" "regex" ...`.
    pub(in crate::lang::parser) fn cause_words(&mut self, node: &Node) -> Vec<Text> {
        let b = node.line.start;
        let Some(p) = self.parse_line(Rule::cause_words_line, node) else {
            return Vec::new();
        };
        p.into_inner()
            .filter(|p| p.as_rule() == Rule::string)
            .map(|s| self.string(b, &s))
            .collect()
    }

    /// Reads `responders` and the milestones of the real incident below it.
    pub(in crate::lang::parser) fn responders(&mut self, node: &Node) -> Vec<Milestone> {
        if !self.bare(node) {
            return Vec::new();
        }
        node.children
            .iter()
            .filter_map(|m| self.milestone(m))
            .collect()
    }

    /// Reads a rubric entry (`key action`, `red herring` or `objective`,
    /// then a name and a title) and its properties (see [`props::KEY_ACTION`]).
    pub(in crate::lang::parser) fn rubric_item(&mut self, node: &Node) -> Option<RubricItem> {
        let b = node.line.start;
        let p = self.parse_line(Rule::rubric_item, node)?;
        let mut it = p.into_inner();
        let kw = it.next()?.as_str();
        let mut name = None;
        let mut title = None;
        let mut second = None;
        for part in it {
            match part.as_rule() {
                Rule::k_action | Rule::k_herring => second = Some(part.as_str().to_string()),
                Rule::ident => name = Some(self.ident(b, &part)),
                Rule::string => title = Some(self.string(b, &part)),
                _ => {}
            }
        }
        let (kind, block, cond_kw) = match (kw, second.as_deref()) {
            ("key", Some("action")) => (RubricKind::KeyAction, &props::KEY_ACTION, "done"),
            ("red", Some("herring")) => (RubricKind::RedHerring, &props::RED_HERRING, "taken"),
            ("objective", None) => (RubricKind::Objective, &props::OBJECTIVE, "met"),
            _ => {
                self.error(
                    Diagnostic::new(
                        Code::Syntax,
                        node.line.span(),
                        "expected `key action`, `red herring` or `objective`",
                    )
                    .help(
                        "write for example `key action kill_switch \"Disable the WAF globally\"`",
                    ),
                );
                return None;
            }
        };
        let mut item = RubricItem {
            kind,
            name: name?,
            title: title?,
            cond: None,
            applies: None,
            by: None,
            marks: None,
            why: None,
            sources: Vec::new(),
        };
        let given = self.read_props(node, block, &mut item);
        if item.cond.is_none() && !given.has("when") {
            self.missing(
                node.line.span(),
                "this rubric entry never says when it counts".to_string(),
                format!(
                    "add `{cond_kw} when CONDITION` below it, such as `{cond_kw} when ran deploys`"
                ),
            );
        }
        Some(item)
    }

    /// Reads a rubric entry's `done when C` / `taken when C` / `met when C`.
    pub(in crate::lang::parser) fn rubric_cond(&mut self, node: &Node) -> Option<Expr> {
        self.cond_line(node, Rule::cond_prop, Some("when"))
    }

    /// Reads a key action's `by T+...`, the time it should be done by.
    pub(in crate::lang::parser) fn by_prop(&mut self, node: &Node) -> Option<Millis> {
        let p = self.parse_line(Rule::offset_prop, node)?;
        let o = p.into_inner().nth(1)?;
        Some(self.millis(node.line.start, &o))
    }

    /// Reads one line of the responders' timeline: `KIND TIME "what"`, the
    /// time a clock time or a `T+` offset.
    pub(in crate::lang::parser) fn milestone(&mut self, node: &Node) -> Option<Milestone> {
        let b = node.line.start;
        const KINDS: &[&str] = &[
            "started",
            "detected",
            "diagnosed",
            "mitigated",
            "resolved",
            "escalated",
            "communicated",
        ];
        let kw = first_word(self.text_of(node));
        if kw == SOURCE {
            // Dropping it would lose the author's provenance without a word.
            self.error(
                Diagnostic::new(
                    Code::UnknownKeyword,
                    node.line.span(),
                    "a `source` note directly under `responders` backs no milestone",
                )
                .help("indent it under the milestone it backs, or give it at the debrief's level"),
            );
            return None;
        }
        if !KINDS.contains(&kw) {
            self.unknown_in(node, "the responders' timeline", KINDS);
            return None;
        }
        let p = self.parse_line(Rule::milestone, node)?;
        let mut it = p.into_inner();
        let kind = self.ident(b, &it.next()?);
        let mut t = it.next()?;
        let approximate = t.as_rule() == Rule::approx;
        if approximate {
            t = it.next()?;
        }
        let time = if t.as_rule() == Rule::clock {
            let span = self.pair_span(b, &t);
            MomentTime::Clock(self.clock(b, &t), span)
        } else {
            MomentTime::Offset(self.millis(b, &t))
        };
        let what = self.string(b, &it.next()?);
        let sources = self.sources_of(node);
        // Only `source` notes belong under a milestone.
        if let Some(other) = node
            .children
            .iter()
            .find(|c| first_word(self.text_of(c)) != SOURCE)
        {
            self.unknown_in(other, "a milestone", &[SOURCE]);
        }
        Some(Milestone {
            kind,
            time,
            approximate,
            what,
            sources,
        })
    }
}
