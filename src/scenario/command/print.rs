//! Printing a command back as the words a player types: what [`parse`]
//! reads back to the same command (a property the tests check).
//!
//! [`parse`]: super::parse

use super::{Act, Command, DocWord, Verb};
use crate::base::time::duration_exact;
use std::fmt::{self, Display, Formatter};

/// A text as the player would type it: bare when it reads back as itself,
/// else in double quotes with `"`, `\`, newlines and tabs escaped.
fn text(s: &str) -> String {
    let bare = s
        .chars()
        .next()
        .is_some_and(|c| !matches!(c, '"' | '\'') && !c.is_whitespace())
        && !s.ends_with(char::is_whitespace)
        && !s.contains(char::is_control);
    if bare {
        return s.to_string();
    }
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Display for Act {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verb = self.verb().word();
        match self {
            Act::Ack(None) | Act::Hint => f.write_str(verb),
            Act::Ack(Some(n))
            | Act::Resolve(n)
            | Act::Silence(n)
            | Act::Graph(n)
            | Act::Open(_, n)
            | Act::Inject(n) => write!(f, "{verb} {n}"),
            Act::Run(c) | Act::Whisper(c) => write!(f, "{verb} {}", text(c)),
            Act::Choose(n) => write!(f, "{verb} {n}"),
            Act::ChooseId(c) => write!(f, "{verb} #{c}"),
            Act::Page(p, m) => write!(f, "{verb} {p} {}", text(m)),
            Act::Status(s, m) => write!(f, "{verb} {s} {}", text(m)),
            Act::Wait(ms) => write!(f, "{verb} {}", duration_exact(*ms)),
        }
    }
}

impl Display for Command {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verb = match self {
            Command::Act(a) => return a.fmt(f),
            Command::Speed(x) => return write!(f, "{} {x}", Verb::Speed.word()),
            Command::Hypothesis(t) => return write!(f, "{} {}", Verb::Hypothesis.word(), text(t)),
            Command::Felt(k, t) => {
                return write!(f, "{} {} {}", Verb::Felt.word(), k.word(), text(t));
            }
            Command::ListMetrics => Verb::Graph,
            Command::ListDocs => Verb::Runbook,
            Command::Pages => Verb::Pages,
            Command::Look => Verb::Look,
            Command::Pause => Verb::Pause,
            Command::Help => Verb::Help,
            Command::Quit => Verb::Quit,
        };
        f.write_str(verb.word())
    }
}

impl DocWord {
    /// The verb that opens a document this way.
    pub fn verb(self) -> Verb {
        match self {
            DocWord::Runbook => Verb::Runbook,
            DocWord::Logs => Verb::Logs,
            DocWord::Read => Verb::Read,
        }
    }
}
