//! Shell commands the player can run, and the text variants (`output`,
//! `text`) that commands, runbooks and logs print.

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads a `command NAME "pattern"` block: its properties, then the
    /// actions running it performs (see [`props::COMMAND`]).
    pub(in crate::lang::parser) fn command(&mut self, node: &Node) -> Option<CommandDecl> {
        let (name, pattern) = self.named(node, true)?;
        let pattern = pattern?;
        let mut c = CommandDecl {
            name,
            patterns: vec![pattern],
            takes: None,
            risky: false,
            destructive: false,
            hidden: false,
            rollback: false,
            standalone: false,
            reads: Vec::new(),
            outputs: Vec::new(),
            actions: Vec::new(),
        };
        self.read_props(node, &props::COMMAND, &mut c);
        Some(c)
    }

    /// Reads a `program NAME` block: outputs the program's commands share
    /// (see [`props::PROGRAM`]). The name is one word, dashes allowed.
    pub(in crate::lang::parser) fn program(&mut self, node: &Node) -> Option<ProgramDecl> {
        let words = self.tags(node)?;
        if words.len() > 1 {
            self.error(
                Diagnostic::new(
                    Code::Syntax,
                    words[1].span.to(words[words.len() - 1].span),
                    "a program is named by one word",
                )
                .help("write the word the player types first: `program kubectl`"),
            );
        }
        let mut p = ProgramDecl {
            name: words.into_iter().next()?,
            outputs: Vec::new(),
        };
        self.read_props(node, &props::PROGRAM, &mut p);
        Some(p)
    }

    /// `reads log NAME [when COND]`: a log running the command shows (when
    /// the condition holds as it is run).
    pub(in crate::lang::parser) fn reads_log(
        &mut self,
        node: &Node,
    ) -> Option<(Ident, Option<Expr>)> {
        let b = node.line.start;
        let p = self.parse_line(Rule::reads_log_prop, node)?;
        let mut name = None;
        let mut when = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident => name = Some(self.ident(b, &part)),
                Rule::expr => when = Some(self.expr(b, part)),
                _ => {}
            }
        }
        Some((name?, when))
    }

    /// `output`/`text` `[when COND]` with a string, `file "path"` or a block.
    pub(in crate::lang::parser) fn variant(&mut self, node: &Node) -> Option<Variant> {
        let b = node.line.start;
        let fast = self.reader(node).and_then(|mut r| {
            let when = if r.word("when").is_some() {
                Some(r.expr()?)
            } else {
                None
            };
            let is_file = r.word("file").is_some();
            let body = r.string();
            if is_file && body.is_none() || !r.done() {
                return None;
            }
            Some((when, is_file, body))
        });
        let (mut when, mut body, mut is_file) = (None, None, false);
        let fast_ok = fast.is_some();
        if let Some((w, file, text)) = fast {
            when = w;
            body = text.map(|(at, raw)| {
                let t = self.string_at(at, raw);
                if file { Body::File(t) } else { Body::Inline(t) }
            });
            is_file = file;
        }
        let pairs = if fast_ok {
            None
        } else {
            Some(self.parse_line(Rule::text_prop, node)?)
        };
        for part in pairs
            .into_iter()
            .flat_map(pest::iterators::Pair::into_inner)
        {
            match part.as_rule() {
                Rule::expr => when = Some(self.expr(b, part)),
                Rule::k_file => is_file = true,
                Rule::string => {
                    let t = self.string(b, &part);
                    body = Some(if is_file {
                        Body::File(t)
                    } else {
                        Body::Inline(t)
                    });
                }
                _ => {}
            }
        }
        let body = match (body, &node.block) {
            (Some(_), Some(block)) => {
                self.error(
                    Diagnostic::new(Code::Syntax, block.open, "this line already has its text")
                        .help("give either a string, a `file \"...\"` or a \"\"\" block, not two"),
                );
                return None;
            }
            (Some(body), None) => body,
            (None, Some(block)) => Body::Inline(self.block_text(block)),
            (None, None) => {
                self.missing(
                    node.line.span(),
                    "this entry has no text",
                    "add a string, `file \"path\"`, or end the line with \"\"\" and write the text below",
                );
                return None;
            }
        };
        Some(Variant {
            when,
            body,
            span: node.line.span(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::ast::ItemKind;
    use crate::lang::diags::Diags;
    use crate::lang::parser::parse_file;
    use crate::lang::source::FileId;

    fn parse(text: &str) -> (Vec<ItemKind>, usize) {
        let mut diags = Diags::new();
        let items = parse_file(FileId(0), text, &mut diags);
        let errors = diags.finish().0.len();
        (items.into_iter().map(|i| i.kind).collect(), errors)
    }

    #[test]
    fn a_program_block_reads_its_name_and_outputs() {
        let (items, errors) = parse(
            "program gitlab-ctl\n    output when down \"timeout\"\n    output \"\"\"\n    ok\n    \"\"\"\n",
        );
        assert_eq!(errors, 0);
        let [ItemKind::Program(p)] = items.as_slice() else {
            panic!("{items:?}");
        };
        assert_eq!(p.name.name, "gitlab-ctl");
        assert_eq!(p.outputs.len(), 2);
        assert!(p.outputs[0].when.is_some() && p.outputs[1].when.is_none());
    }

    #[test]
    fn a_program_is_one_word_and_takes_only_outputs() {
        assert_eq!(parse("program kube ctl\n    output \"x\"\n").1, 1);
        assert_eq!(parse("program kubectl\n    takes 5s\n").1, 1);
    }

    #[test]
    fn standalone_is_a_command_property() {
        let (items, errors) =
            parse("command ctx \"kubectl config current-context\"\n    standalone\n");
        assert_eq!(errors, 0);
        let [ItemKind::Command(c)] = items.as_slice() else {
            panic!("{items:?}");
        };
        assert!(c.standalone);
    }
}
