//! The simulated shell: input is split into words like a shell would, and
//! matched by structure against the scenario's command patterns. Nothing ever
//! runs a real process.

use super::bang::expand_history;
use super::{EventKind, Sim, eval::format_offset, tools};
use crate::scenario::pattern::tokenize;
use crate::scenario::{CommandId, DocId, Millis};

/// Time an unknown or empty command costs: a glance at the error.
const TYPO: Millis = 2000;

/// The shell's own commands, always there.
pub use crate::scenario::machine::BUILTINS;

/// The first of `sc`'s commands whose pattern matches `words`, with its
/// placeholder values: it depends on the scenario alone, never on the game.
pub(super) fn command_for(
    sc: &crate::scenario::Scenario,
    words: &[String],
) -> Option<(CommandId, std::collections::BTreeMap<String, String>)> {
    sc.commands.iter().enumerate().find_map(|(i, cmd)| {
        cmd.patterns
            .iter()
            .find_map(|p| p.matches(words))
            .map(|b| (CommandId(i), b))
    })
}

impl Sim {
    /// The first command whose pattern matches, with its placeholder values.
    fn find_command(
        &self,
        words: &[String],
    ) -> Option<(CommandId, std::collections::BTreeMap<String, String>)> {
        command_for(&self.sc, words)
    }

    /// The logs a shell line shows if run now: its command's `reads log`
    /// entries whose condition holds, or the logs behind the files a
    /// toolbox `cat`, `tail`... shows. Changes nothing: the debrief's replay
    /// asks just before the line runs.
    pub fn logs_read_by(&self, line: &str) -> Vec<DocId> {
        let line = self.expanded(line).unwrap_or_default();
        let words = tokenize(&line).unwrap_or_default();
        let Some((id, bound)) = self.find_command(&words) else {
            return self.tool_reads(&words);
        };
        self.sc.commands.get(id.0).map_or_else(Vec::new, |c| {
            c.reads
                .iter()
                .filter(|(_, when)| when.as_ref().is_none_or(|e| self.truth_with(e, &bound)))
                .map(|(d, _)| *d)
                .collect()
        })
    }

    /// The game time a shell line costs, without running it.
    pub(super) fn shell_cost(&self, line: &str) -> Millis {
        let Some(words) = self.expanded(line).and_then(|l| tokenize(&l)) else {
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
            None if tools::help_request(&self.sc, &words).is_some() => 0,
            None if super::machine::is_tool(program) => super::machine::COST,
            None => TYPO,
        }
    }

    /// The line with `!!` expanded from the history; `None` when it names
    /// a line there is none of.
    /// The line as the shell would run it now (`!!` expanded, the ends
    /// trimmed); `None` when a `!!` has no history line to stand for.
    pub fn expanded(&self, line: &str) -> Option<String> {
        expand_history(line, self.record.shell_history.last().map(String::as_str))
    }

    /// Runs a line in the simulated shell; returns its game-time cost. A
    /// line with `!!` runs expanded, and shows the expanded line first, as
    /// bash does.
    pub(super) fn run_shell(&mut self, typed: &str) -> Millis {
        let typed = typed.trim();
        // The prompt the line was typed at, before an `ssh` or `cd` moves it.
        let at = self.prompt();
        let first = self.events.len();
        let cost = match self.expanded(typed) {
            None => {
                self.shell(typed, "bash: !!: event not found");
                TYPO
            }
            Some(line) if line == typed => self.run_line(typed),
            Some(line) => {
                let cost = self.run_line(&line);
                self.echo_expansion(first, typed, &line);
                cost
            }
        };
        if let Some(EventKind::Shell { prompt, .. }) =
            self.events.get_mut(first).map(|e| &mut e.kind)
        {
            *prompt = at;
        }
        cost
    }

    /// A line typed with `!!` shows as typed, its output opening with the
    /// expanded line, as bash echoes it.
    fn echo_expansion(&mut self, first: usize, typed: &str, line: &str) {
        if let Some(EventKind::Shell { input, output, .. }) =
            self.events.get_mut(first).map(|e| &mut e.kind)
        {
            *output = if output.is_empty() {
                line.to_string()
            } else {
                format!("{line}\n{output}")
            };
            *input = typed.to_string();
        }
    }

    /// Runs a line (already expanded) in the simulated shell; returns its
    /// game-time cost.
    fn run_line(&mut self, line: &str) -> Millis {
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
                .find(|o| o.when.as_ref().is_none_or(|c| self.truth_with(c, &bound)))
                .map(|o| self.render(&o.text, &bound))
                .unwrap_or_default();
            self.shell(line, output.trim_end_matches('\n'));
            self.run_story(&cmd.actions, &bound);
            return cmd.takes.unwrap_or(sc.meta.action_cost);
        }
        if let Some(answer) = tools::help_request(&sc, &words) {
            self.shell(line, &answer);
            return 0;
        }
        if let Some(cost) = self.run_tool(line, &words) {
            return cost;
        }
        match program.as_str() {
            "help" => {
                self.shell(line, &tools::help(&sc));
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
                    self.date(),
                    self.clock(),
                    m.zone,
                    format_offset(self.now)
                );
                self.shell(line, &text);
                0
            }
            _ => {
                self.shell(line, &tools::near_miss(&sc, &words));
                TYPO
            }
        }
    }

    fn shell(&mut self, input: &str, output: &str) {
        self.emit(EventKind::Shell {
            prompt: String::new(),
            input: input.to_string(),
            output: output.to_string(),
        });
    }
}
