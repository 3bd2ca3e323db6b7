//! People the player can page, and what they do when paged.

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads a `person NAME "Full Name"` block (see [`props::PERSON`]).
    pub(in crate::lang::parser) fn person(&mut self, node: &Node) -> Option<PersonDecl> {
        let (name, full_name) = self.named(node, true)?;
        let full_name = full_name?;
        let mut person = PersonDecl {
            name,
            full_name,
            role: None,
            team: None,
            pageable: false,
            when_paged: Vec::new(),
        };
        self.read_props(node, &props::PERSON, &mut person);
        Some(person)
    }

    /// Reads `team WORD`. A team is one word and may hold dashes
    /// (`prod-eng`), so it is read as tags and more than one is reported.
    #[allow(clippy::option_option)] // no property, or a property with no valid value: both are meaningful
    pub(in crate::lang::parser) fn team_prop(&mut self, node: &Node) -> Option<Option<Ident>> {
        let tags = self.tags(node)?;
        if tags.len() > 1 {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    tags[1].span.to(tags[tags.len() - 1].span),
                    "a team is one word",
                )
                .help("join the words with `-`: `team prod-eng`"),
            );
        }
        Some(tags.into_iter().next())
    }

    /// Reads `when paged` and the actions indented below it: what the person
    /// says and does when the player pages them.
    pub(in crate::lang::parser) fn when_paged(&mut self, node: &Node) -> Vec<Action> {
        let ok = self
            .parse_line(Rule::when_paged_line, node)
            .is_some_and(|p| p.into_inner().nth(1).is_some_and(|w| w.as_str() == "paged"));
        if ok {
            return self.actions(&node.children, "a `when paged` block", &[]);
        }
        self.error(
            Diagnostic::new(
                Code::Syntax,
                node.line.span(),
                "a person's block takes `when paged`",
            )
            .help("write `when paged` and indent what the person says and does below it"),
        );
        Vec::new()
    }
}
