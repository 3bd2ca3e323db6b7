//! The shell pane's line editing beyond one field's keys: the history
//! (Up/Down), reverse search (Ctrl-R), Ctrl-C clearing the line, Ctrl-L
//! clearing the pane, and Tab completion's behaviour around a list of
//! candidates. No key here runs anything: the app runs what Enter hands it.

use super::app::{Shell, ShellLine};
use super::input::TextInput;

/// Reverse history search in progress (Ctrl-R), as in readline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// What the player typed to look for.
    pub query: String,
    /// The history line found, by index (newest is last).
    pub found: Option<usize>,
    /// The line being typed before the search, back on Esc or Ctrl-G.
    pub before: String,
}

/// What a Tab did, for the notice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tabbed {
    /// Nothing completes the word.
    Nothing,
    /// The line grew (one candidate, or the candidates' common start).
    Completed,
    /// Several candidates and nothing more in common: Tab again lists them.
    Several(usize),
    /// The candidates were listed in the pane.
    Listed,
}

impl Shell {
    /// Up: the previous line of the history. Returns false when there is none.
    pub fn history_back(&mut self) -> bool {
        if self.history.is_empty() {
            return false;
        }
        let pos = self
            .history_pos
            .map_or(self.history.len() - 1, |p| p.saturating_sub(1));
        self.history_pos = Some(pos);
        self.input.set(self.history[pos].clone());
        true
    }

    /// Down: the next line of the history, then an empty line.
    pub fn history_forward(&mut self) {
        match self.history_pos {
            Some(p) if p + 1 < self.history.len() => {
                self.history_pos = Some(p + 1);
                self.input.set(self.history[p + 1].clone());
            }
            _ => {
                self.history_pos = None;
                self.input.take();
            }
        }
    }

    /// Enter: the line to run, kept in the history (`None` when blank).
    pub fn submit(&mut self) -> Option<String> {
        let line = self.input.take().trim().to_string();
        self.history_pos = None;
        self.tabbed = false;
        if line.is_empty() {
            return None;
        }
        self.history.push(line.clone());
        Some(line)
    }

    /// A line as the pane echoes it: after the prompt it was typed at.
    fn echo(&self, typed: &str) -> String {
        if self.prompt.is_empty() {
            typed.to_string()
        } else {
            format!("{} {typed}", self.prompt)
        }
    }

    /// Ctrl-C, as in bash: the line typed so far stays in the scrollback
    /// with `^C` after it, and a fresh, empty line starts. Nothing runs.
    pub fn interrupt(&mut self) {
        let typed = match self.search.take() {
            Some(s) => s.before,
            None => self.input.take(),
        };
        self.input.take();
        let echo = self.echo(&format!("{typed}^C"));
        self.lines.push(ShellLine::Input(echo));
        self.history_pos = None;
        self.tabbed = false;
        self.scroll = 0;
    }

    /// Ctrl-L: an empty pane, as `clear` gives (only the display: the game
    /// and its transcript keep everything).
    pub fn clear_screen(&mut self) {
        self.lines.clear();
        self.scroll = 0;
    }

    // ---- reverse search ---------------------------------------------------

    /// Ctrl-R: starts a search, or (searching) looks further back.
    pub fn search_back(&mut self) {
        match &mut self.search {
            None => {
                self.search = Some(Search {
                    before: self.input.value().to_string(),
                    ..Search::default()
                });
            }
            Some(s) => {
                let from = s.found.unwrap_or(self.history.len());
                if let Some(i) = find(&self.history, &s.query, from) {
                    s.found = Some(i);
                }
            }
        }
    }

    /// A character typed into the search, or Backspace (`None`): the newest
    /// line holding the query is found again.
    pub fn search_type(&mut self, c: Option<char>) {
        let Some(s) = &mut self.search else { return };
        match c {
            Some(c) => s.query.push(c),
            None => {
                s.query.pop();
            }
        }
        // Growing a query keeps the line found if it still matches, as readline does.
        let from = match (c, s.found) {
            (Some(_), Some(i)) => i + 1,
            _ => self.history.len(),
        };
        s.found = find(&self.history, &s.query, from);
    }

    /// Ends the search: `keep` takes the line found into the prompt (Enter,
    /// or a key that edits it); otherwise the line from before comes back.
    pub fn search_end(&mut self, keep: bool) {
        let Some(s) = self.search.take() else { return };
        let found = s.found.and_then(|i| self.history.get(i)).cloned();
        match found {
            Some(line) if keep => {
                self.input.set(line);
                self.history_pos = s.found;
            }
            _ => self.input.set(s.before),
        }
    }

    /// The prompt and the line to draw: `prompt` and the input, or while
    /// searching `(reverse-i-search)'query': ` and the line found, the
    /// cursor where the query matched.
    pub fn display(&self, prompt: &str) -> (String, TextInput) {
        let Some(s) = &self.search else {
            return (prompt.to_string(), self.input.clone());
        };
        let found = s.found.and_then(|i| self.history.get(i));
        let failed = if found.is_none() && !s.query.is_empty() {
            "failed "
        } else {
            ""
        };
        let label = format!("({failed}reverse-i-search)'{}': ", s.query);
        let field = match found {
            Some(line) => {
                let at = line.find(&s.query).unwrap_or(0);
                TextInput::with_cursor(line.clone(), line[..at].chars().count())
            }
            None => TextInput::new(s.before.clone()),
        };
        (label, field)
    }

    // ---- completion ---------------------------------------------------------

    /// Tab, given the candidates for the word being typed (each a whole
    /// word to put in its place). One fills the word in and adds a space
    /// (none after a folder's `/`); several complete what they have in
    /// common; a second Tab in a row lists them in the pane, as bash does.
    pub fn tab(&mut self, mut candidates: Vec<String>) -> Tabbed {
        candidates.sort();
        candidates.dedup();
        let line = self.input.value().to_string();
        let start = line.rfind(' ').map_or(0, |i| i + 1);
        let (head, word) = line.split_at(start);
        let listing = std::mem::take(&mut self.tabbed);
        match candidates.as_slice() {
            [] => Tabbed::Nothing,
            [one] => {
                let space = if one.ends_with('/') { "" } else { " " };
                self.input.set(format!("{head}{one}{space}"));
                Tabbed::Completed
            }
            several => {
                let common = common_prefix(several);
                if common.len() > word.len() && common.starts_with(word) {
                    self.input.set(format!("{head}{common}"));
                    return Tabbed::Completed;
                }
                if !listing {
                    self.tabbed = true;
                    return Tabbed::Several(several.len());
                }
                let echo = self.echo(&line);
                self.lines.push(ShellLine::Input(echo));
                self.lines.push(ShellLine::Output(several.join("  ")));
                self.scroll = 0;
                Tabbed::Listed
            }
        }
    }
}

/// The newest history line before index `before` that holds `query`.
fn find(history: &[String], query: &str, before: usize) -> Option<usize> {
    history
        .get(..before.min(history.len()))?
        .iter()
        .rposition(|l| l.contains(query))
}

/// The longest start all of `words` share, on a character boundary.
fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for w in &words[1..] {
        let shared = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(shared);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(history: &[&str], typed: &str) -> Shell {
        Shell {
            history: history.iter().map(|s| (*s).to_string()).collect(),
            input: TextInput::new(typed),
            ..Shell::default()
        }
    }

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn up_and_down_walk_the_history() {
        let mut s = shell(&["one", "two"], "");
        assert!(s.history_back());
        assert_eq!(s.input.value(), "two");
        assert!(s.history_back());
        assert!(s.history_back());
        assert_eq!(s.input.value(), "one");
        s.history_forward();
        assert_eq!(s.input.value(), "two");
        s.history_forward();
        assert_eq!(s.input.value(), "");
        assert!(!shell(&[], "x").history_back());
    }

    #[test]
    fn ctrl_c_keeps_the_line_with_a_mark_and_starts_afresh() {
        let mut s = shell(&[], "waf kill --glo");
        s.interrupt();
        assert_eq!(s.input.value(), "");
        assert_eq!(s.lines, [ShellLine::Input("waf kill --glo^C".into())]);
        assert_eq!(s.submit(), None, "nothing was left to run");
    }

    #[test]
    fn ctrl_l_clears_the_pane_only() {
        let mut s = shell(&["df -h"], "ls");
        s.lines.push(ShellLine::Output("x".into()));
        s.clear_screen();
        assert!(s.lines.is_empty());
        assert_eq!(s.input.value(), "ls");
        assert_eq!(s.history, ["df -h"]);
    }

    #[test]
    fn reverse_search_finds_older_lines_and_enter_keeps_one() {
        let mut s = shell(&["df -h", "tail /var/log/app", "df -i", "uptime"], "ls");
        s.search_back();
        s.search_type(Some('d'));
        s.search_type(Some('f'));
        assert_eq!(s.search.as_ref().unwrap().found, Some(2));
        let (prompt, field) = s.display("$ ");
        assert_eq!(prompt, "(reverse-i-search)'df': ");
        assert_eq!((field.value(), field.cursor()), ("df -i", 0));
        s.search_back();
        assert_eq!(s.search.as_ref().unwrap().found, Some(0));
        // Nothing older: it stays on the oldest match.
        s.search_back();
        assert_eq!(s.search.as_ref().unwrap().found, Some(0));
        s.search_end(true);
        assert_eq!(s.input.value(), "df -h");
        assert!(s.search.is_none());
    }

    #[test]
    fn reverse_search_cancelled_gives_the_line_back() {
        let mut s = shell(&["df -h"], "ls");
        s.search_back();
        s.search_type(Some('z'));
        let (prompt, field) = s.display("$ ");
        assert_eq!(prompt, "(failed reverse-i-search)'z': ");
        assert_eq!(field.value(), "ls");
        s.search_type(None);
        assert_eq!(s.search.as_ref().unwrap().found, Some(0));
        s.search_end(false);
        assert_eq!(s.input.value(), "ls");
    }

    #[test]
    fn the_cursor_sits_where_the_query_matched() {
        let mut s = shell(&["tail /var/log/app"], "");
        s.search_back();
        for c in "log".chars() {
            s.search_type(Some(c));
        }
        assert_eq!(s.display("$ ").1.cursor(), 10);
    }

    #[test]
    fn one_candidate_fills_the_word_in() {
        let mut s = shell(&[], "waf st");
        assert_eq!(s.tab(words(&["status"])), Tabbed::Completed);
        assert_eq!(s.input.value(), "waf status ");
        let mut s = shell(&[], "cat /var/l");
        s.tab(words(&["/var/log/"]));
        assert_eq!(s.input.value(), "cat /var/log/", "no space after a folder");
        assert_eq!(shell(&[], "zz").tab(Vec::new()), Tabbed::Nothing);
    }

    #[test]
    fn several_complete_their_common_start_then_list_on_a_second_tab() {
        let mut s = shell(&[], "sys");
        let c = words(&["systemctl", "sysctl", "systemd-analyze"]);
        assert_eq!(s.tab(c.clone()), Tabbed::Several(3));
        s.tabbed = false;
        assert_eq!(s.input.value(), "sys");
        s.input.set("syste");
        let c = words(&["systemctl", "systemd-analyze"]);
        assert_eq!(s.tab(c.clone()), Tabbed::Completed);
        assert_eq!(s.input.value(), "system");
        assert_eq!(s.tab(c.clone()), Tabbed::Several(2));
        assert!(s.lines.is_empty());
        assert_eq!(s.tab(c), Tabbed::Listed);
        assert_eq!(
            s.lines,
            [
                ShellLine::Input("system".into()),
                ShellLine::Output("systemctl  systemd-analyze".into())
            ]
        );
        assert_eq!(s.input.value(), "system", "the line stays as typed");
    }

    #[test]
    fn common_prefixes_respect_characters() {
        assert_eq!(common_prefix(&words(&["été", "étés"])), "été");
        assert_eq!(common_prefix(&words(&["ab", "ac"])), "a");
        assert_eq!(common_prefix(&words(&["x", "y"])), "");
    }
}
