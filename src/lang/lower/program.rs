//! `program NAME` blocks: outputs every command of a program shares. A
//! command shows the first output whose condition holds among the
//! program's `output when` lines, then its own, then the program's plain
//! `output` (the answer of a command none of whose own outputs holds). A
//! `standalone` command keeps to its own.

use super::args::ArgScope;
use super::*;

impl Lowerer<'_> {
    /// Lowers the `program` blocks and joins their outputs to their
    /// commands' (`commands` in the order of the `command` items).
    pub(super) fn programs(&mut self, items: &[ast::Item], commands: &mut [Command]) {
        let decls: Vec<&ast::CommandDecl> = items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Command(c) => Some(&**c),
                _ => None,
            })
            .collect();
        // Each program's commands that share its outputs, found once.
        let mut by_program: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, c) in commands.iter().enumerate() {
            if let Some(first) = c.patterns.first()
                && decls.get(i).is_none_or(|d| !d.standalone)
            {
                by_program
                    .entry(first.program().to_string())
                    .or_default()
                    .push(i);
            }
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for item in items {
            let ItemKind::Program(p) = &item.kind else {
                continue;
            };
            if let Some(first) = seen.insert(&p.name.name, p.name.span) {
                self.error(
                    Diagnostic::new(
                        Code::DuplicateId,
                        p.name.span,
                        format!("a second `program {}` block", p.name.name),
                    )
                    .secondary(first, "the first one")
                    .help("give a program's shared outputs in one block"),
                );
                continue;
            }
            let Some(mine) = by_program.get(&p.name.name).cloned() else {
                let near = if self.diags.will_show(p.name.span) {
                    closest(&p.name.name, by_program.keys().map(String::as_str))
                } else {
                    None
                };
                let help = near.map_or_else(
                    || {
                        "name the program as its commands' patterns start: `program kubectl`"
                            .to_string()
                    },
                    |c| format!("did you mean `{c}`?"),
                );
                self.error(
                    Diagnostic::new(
                        Code::UnusedProgram,
                        p.name.span,
                        format!("no command runs `{}`", p.name.name),
                    )
                    .label("these outputs are never shown")
                    .help(help)
                    .fix_opt(near),
                );
                continue;
            };
            let (before, after) = self.program_outputs(p, commands, &mine);
            for i in mine {
                let c = &mut commands[i];
                let own = std::mem::take(&mut c.outputs);
                let closed = own.iter().any(|o| o.when.is_none());
                c.outputs = before.clone();
                c.outputs.extend(own);
                if !closed {
                    c.outputs.extend(after.clone());
                }
            }
        }
    }

    /// A program's outputs, lowered where its commands' shared
    /// placeholders may be named: those with a condition (shown first) and
    /// the plain one (shown last).
    fn program_outputs(
        &mut self,
        p: &ast::ProgramDecl,
        commands: &[Command],
        mine: &[usize],
    ) -> (Vec<Output>, Vec<Output>) {
        let scopes: Vec<ArgScope> = mine
            .iter()
            .map(|&i| ArgScope::of(&commands[i].patterns, false))
            .collect();
        let scope = ArgScope::common(&scopes);
        // The shared placeholders, as a pattern `{name}` in text may name.
        let shared = Pattern {
            source: String::new(),
            words: scope
                .names()
                .map(|n| pattern::Word::Placeholder {
                    name: n.to_string(),
                    choices: None,
                    optional: false,
                })
                .collect(),
            flags: Vec::new(),
        };
        let (mut before, mut after) = (Vec::new(), Vec::new());
        self.with_args(scope, |l| {
            for v in &p.outputs {
                let when = v.when.as_ref().map(|e| l.condition(e));
                let text = l.body(
                    &v.body,
                    TextScope::Command(std::slice::from_ref(&shared), true),
                );
                let out = Output { when, text };
                if out.when.is_some() {
                    before.push(out);
                } else if after.is_empty() {
                    after.push(out);
                } else {
                    l.error(
                        Diagnostic::new(
                            Code::UnreachableOutput,
                            v.span,
                            "this output is never shown",
                        )
                        .help("a program has one `output` without `when`: its commands' default"),
                    );
                }
            }
        });
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{Loaded, NoFiles, check};
    use crate::scenario::Scenario;

    fn scenario(body: &str) -> (Option<Scenario>, Vec<&'static str>) {
        let text = format!(
            "scenario t\n    title \"T\"\n    start 2024-01-01 09:00 UTC\n    duration 30m\nflag down\n{body}scene s\n    Quiet.\n    * Done\n        end e\nending e \"E\"\n    outcome resolved\n"
        );
        let c = check(Loaded::text("t.drill", &text), &NoFiles);
        let codes = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
        (c.scenario, codes)
    }

    #[test]
    fn shared_outputs_go_before_and_the_default_after_a_commands_own() {
        let (sc, codes) = scenario(
            "program k\n    output when down \"down\"\n    output \"default\"\n\
             command a \"k a\"\n    output \"a\"\n\
             command b \"k b <x>\"\n    output when x == 1 \"b\"\n\
             command c \"k c\"\n    standalone\n    output \"c\"\n",
        );
        assert!(codes.is_empty(), "{codes:?}");
        let sc = sc.unwrap();
        let count = |i: usize| sc.commands[i].outputs.len();
        // a: down, own (no default: its last output has no condition).
        assert_eq!(count(0), 2);
        // b: down, own, default.
        assert_eq!(count(1), 3);
        assert!(sc.commands[1].outputs[2].when.is_none());
        // c: standalone.
        assert_eq!(count(2), 1);
    }

    #[test]
    fn a_program_names_only_placeholders_every_command_binds() {
        let (_, codes) = scenario(
            "program k\n    output when down \"{x} down\"\ncommand a \"k a <x>\"\n    output \"a\"\ncommand b \"k b\"\n    output \"b\"\n",
        );
        assert_eq!(codes, ["FD0113"]);
        let (_, codes) = scenario(
            "program k\n    output when down \"{x} down\"\ncommand a \"k a <x>\"\n    output \"a\"\ncommand b \"k b <x>\"\n    output \"b\"\n",
        );
        assert!(codes.is_empty(), "{codes:?}");
    }

    #[test]
    fn a_program_given_twice_or_never_run_is_reported() {
        let (_, codes) = scenario(
            "program k\n    output \"x\"\nprogram k\n    output \"y\"\ncommand a \"k a\"\n",
        );
        assert_eq!(codes, ["FD0101"]);
        let (sc, codes) =
            scenario("program kk\n    output \"x\"\ncommand a \"k a\"\n    output \"a\"\n");
        // (`down` is unused too: FD0304.)
        assert!(codes.contains(&"FD0316"), "{codes:?}");
        assert!(sc.is_some());
    }
}
