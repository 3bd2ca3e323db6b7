//! The simulated shell: input is split into words like a shell would, and
//! matched by structure against the scenario's command patterns. Nothing ever
//! runs a real process.

use super::{EventKind, Sim, eval::format_offset};
use crate::base::words::closest;
use crate::scenario::pattern::tokenize;
use crate::scenario::{CommandId, DocId, Millis};

/// Time an unknown or empty command costs: a glance at the error.
const TYPO: Millis = 2000;

/// The shell's own commands, always there.
pub const BUILTINS: &[&str] = &["help", "history", "clear", "date"];

impl Sim {
    /// The first command whose pattern matches, with its placeholder values.
    fn find_command(
        &self,
        words: &[String],
    ) -> Option<(CommandId, std::collections::BTreeMap<String, String>)> {
        self.sc.commands.iter().enumerate().find_map(|(i, cmd)| {
            cmd.patterns
                .iter()
                .find_map(|p| p.matches(words))
                .map(|b| (CommandId(i), b))
        })
    }

    /// The logs a shell line shows if run now: its command's `reads log`
    /// entries whose condition holds, or the logs behind the files a
    /// toolbox `cat`, `tail`... shows. Changes nothing: the debrief's replay
    /// asks just before the line runs.
    pub fn logs_read_by(&self, line: &str) -> Vec<DocId> {
        let words = tokenize(line.trim()).unwrap_or_default();
        let Some((id, _)) = self.find_command(&words) else {
            return self.tool_reads(&words);
        };
        self.sc.commands.get(id.0).map_or_else(Vec::new, |c| {
            c.reads
                .iter()
                .filter(|(_, when)| when.as_ref().is_none_or(|e| self.truth(e)))
                .map(|(d, _)| *d)
                .collect()
        })
    }

    /// The game time a shell line costs, without running it.
    pub(super) fn shell_cost(&self, line: &str) -> Millis {
        let Some(words) = tokenize(line.trim()) else {
            return TYPO;
        };
        let Some(program) = words.first() else {
            return 0;
        };
        match self.find_command(&words) {
            Some((id, _)) => self
                .sc
                .commands
                .get(id.0)
                .and_then(|c| c.takes)
                .unwrap_or(self.sc.meta.action_cost),
            None if BUILTINS.contains(&program.as_str()) => 0,
            None if super::machine::is_tool(program) => super::machine::COST,
            None => TYPO,
        }
    }

    /// Runs a line in the simulated shell; returns its game-time cost.
    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    pub(super) fn run_shell(&mut self, line: &str) -> Millis {
        let line = line.trim();
        let Some(words) = tokenize(line) else {
            self.shell(line, "sh: syntax error: a quote is never closed");
            return TYPO;
        };
        let Some(program) = words.first().cloned() else {
            return 0;
        };
        self.record.shell_history.push(line.to_string());
        let sc = self.sc.clone();
        if let Some((id, bound)) = self.find_command(&words) {
            let i = id.0;
            let Some(cmd) = sc.commands.get(i) else {
                return 0;
            };
            self.record.ran.entry(CommandId(i)).or_insert(self.now);
            let output = cmd
                .outputs
                .iter()
                .find(|o| o.when.as_ref().is_none_or(|c| self.truth(c)))
                .map(|o| self.render(&o.text, &bound))
                .unwrap_or_default();
            self.shell(line, output.trim_end_matches('\n'));
            self.run_story(&cmd.actions, &bound);
            return cmd.takes.unwrap_or(sc.meta.action_cost);
        }
        if let Some(cost) = self.run_tool(line, &words) {
            return cost;
        }
        match program.as_str() {
            "help" => {
                let mut lines = vec!["Tools on this machine:".to_string()];
                let mut seen = Vec::new();
                // One line per tool (aliases aside), with `<name:a|b>` shown as
                // `<name>`, so the list does not give away which values matter.
                for c in &sc.commands {
                    let Some(p) = c.patterns.first() else {
                        continue;
                    };
                    let shown = usage(&p.source);
                    if !seen.contains(&shown) {
                        lines.push(format!("  {shown}"));
                        seen.push(shown);
                    }
                }
                lines.push("Built in: help, history, clear, date".into());
                lines.push("(<name> is a value you give; [..] is optional)".into());
                self.shell(line, &lines.join("\n"));
                0
            }
            "history" => {
                let text = self
                    .record
                    .shell_history
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{:>5}  {l}", i + 1))
                    .collect::<Vec<_>>()
                    .join("\n");
                self.shell(line, &text);
                0
            }
            "clear" => {
                self.shell(line, "");
                0
            }
            "date" => {
                let m = &self.sc.meta;
                let text = format!(
                    "{} {} {} ({})",
                    m.start_date,
                    self.clock(),
                    m.zone,
                    format_offset(self.now)
                );
                self.shell(line, &text);
                0
            }
            _ => {
                let mut programs: Vec<&str> = sc
                    .commands
                    .iter()
                    .flat_map(|c| {
                        c.patterns
                            .iter()
                            .map(super::super::scenario::pattern::Pattern::program)
                    })
                    .collect();
                programs.extend(BUILTINS);
                let known = programs.contains(&program.as_str());
                let message = if known {
                    let usage: Vec<String> = sc
                        .commands
                        .iter()
                        .flat_map(|c| &c.patterns)
                        .filter(|p| p.program() == program)
                        .map(|p| format!("  {}", p.source))
                        .collect();
                    format!(
                        "{program}: unexpected arguments. Usage:\n{}",
                        usage.join("\n")
                    )
                } else {
                    match closest(&program, programs.iter().copied()) {
                        Some(near) => {
                            format!("{program}: command not found (did you mean `{near}`?)")
                        }
                        None => format!(
                            "{program}: command not found (type `help` for the tools on this machine)"
                        ),
                    }
                };
                self.shell(line, &message);
                TYPO
            }
        }
    }

    fn shell(&mut self, input: &str, output: &str) {
        self.emit(EventKind::Shell {
            input: input.to_string(),
            output: output.to_string(),
        });
    }
}

/// A pattern as the player should read it: placeholder choices hidden.
fn usage(pattern: &str) -> String {
    let mut out = String::new();
    let mut in_placeholder = false;
    let mut skipping = false;
    for c in pattern.chars() {
        match c {
            '<' => {
                in_placeholder = true;
                out.push(c);
            }
            '>' => {
                in_placeholder = false;
                skipping = false;
                out.push(c);
            }
            ':' if in_placeholder => skipping = true,
            _ if skipping => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn usage_hides_placeholder_choices() {
        assert_eq!(
            super::usage("dig <name:a.com|b.com> [--type <t:A|AAAA>]"),
            "dig <name> [--type <t>]"
        );
        assert_eq!(
            super::usage("deploys [--since <window>]"),
            "deploys [--since <window>]"
        );
    }
}
