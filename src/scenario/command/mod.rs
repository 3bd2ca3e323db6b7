//! The player's commands, defined once: the words a player types in the
//! plain front end and an author writes as a playthrough test's step.
//!
//! [`parse`] reads a line of words into a [`Command`]; `Display` prints a
//! command back as the words that read to it. The game's actions are
//! [`Act`]s; the rest (`help`, `pause`, `speed`, ...) belong to a front end,
//! and a test step refuses them. Names stay words here: the language
//! resolves a test's names when it checks the scenario, and the engine
//! resolves a player's when it applies the action.

mod parse;
mod print;
#[cfg(test)]
mod tests;

pub use parse::{CommandError, Fault, Word, parse, read};

use super::{ChoiceRef, Scenario, StatusState, TestInput};
use crate::base::states::Feeling;
use crate::base::time::Millis;

/// Something the game carries out. `W` is how a name or a text is held:
/// a `String`, or a [`Word`] that also says where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act<W = String> {
    /// Acknowledge one alert's page, or every open page.
    Ack(Option<W>),
    Resolve(W),
    Silence(W),
    /// A line for the shell.
    Run(W),
    /// The n-th choice on screen, from 1.
    Choose(u32),
    /// A choice by its `#id`.
    ChooseId(W),
    /// Page a person with a message.
    Page(W, W),
    /// Post to the status page.
    Status(StatusState, W),
    Graph(W),
    /// Read a runbook or a log; the word says which the player meant.
    Open(DocWord, W),
    Wait(Millis),
    /// Ask for a hint (the assisted support level).
    Hint,
    /// A mentor fires one of the scenario's injects: a mentor's command,
    /// which the player's own front end refuses (see [`Verb::mentor`]).
    Inject(W),
    /// A mentor's hint in their own words: a mentor's command too.
    Whisper(W),
}

/// How a document was asked for: `runbook`, `logs`, or `read` (either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocWord {
    Runbook,
    Logs,
    Read,
}

/// One line of player input, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Command<W = String> {
    Act(Act<W>),
    /// `graph` with no name: every metric's value now.
    ListMetrics,
    /// `runbook`, `logs` or `read` with no name: the documents on offer.
    ListDocs,
    /// `pages`: the pager.
    Pages,
    /// `look`: the story's choices and the clock again.
    Look,
    Pause,
    /// Game seconds per real second (a positive number).
    Speed(f64),
    /// Note a working hypothesis: journaled for the debrief, never applied
    /// to the game.
    Hypothesis(W),
    /// Note that the moment felt real, felt fake or was confusing: journaled
    /// for the scenario's author, never applied to the game.
    Felt(Feeling, W),
    Help,
    Quit,
}

/// The first word of a command: one per thing a player can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Ack,
    Resolve,
    Silence,
    Run,
    Choose,
    Page,
    Status,
    Graph,
    Runbook,
    Logs,
    Read,
    Wait,
    Hint,
    Inject,
    Whisper,
    Pages,
    Look,
    Pause,
    Speed,
    Hypothesis,
    Felt,
    Help,
    Quit,
}

impl Verb {
    /// Every verb, in the order help lists them.
    pub const ALL: [Verb; 23] = [
        Verb::Ack,
        Verb::Resolve,
        Verb::Silence,
        Verb::Run,
        Verb::Choose,
        Verb::Page,
        Verb::Status,
        Verb::Graph,
        Verb::Runbook,
        Verb::Logs,
        Verb::Read,
        Verb::Wait,
        Verb::Hint,
        Verb::Inject,
        Verb::Whisper,
        Verb::Pages,
        Verb::Look,
        Verb::Pause,
        Verb::Speed,
        Verb::Hypothesis,
        Verb::Felt,
        Verb::Help,
        Verb::Quit,
    ];

    /// The verb's own word, then the other words that mean it.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Verb::Ack => &["ack", "acknowledge"],
            Verb::Resolve => &["resolve"],
            Verb::Silence => &["silence"],
            Verb::Run => &["run"],
            Verb::Choose => &["choose", "reply", "c"],
            Verb::Page => &["page"],
            Verb::Status => &["status"],
            Verb::Graph => &["graph", "g"],
            Verb::Runbook => &["runbook", "runbooks"],
            Verb::Logs => &["logs", "log"],
            Verb::Read => &["read"],
            Verb::Wait => &["wait", "w"],
            Verb::Hint => &["hint"],
            Verb::Inject => &["inject"],
            Verb::Whisper => &["whisper"],
            Verb::Pages => &["pages", "pager"],
            Verb::Look => &["look", "l"],
            Verb::Pause => &["pause", "p"],
            Verb::Speed => &["speed"],
            Verb::Hypothesis => &["hypothesis", "hyp"],
            Verb::Felt => &["felt", "feedback"],
            Verb::Help => &["help", "?", "h"],
            Verb::Quit => &["quit", "exit", "q"],
        }
    }

    /// The verb's own word.
    pub fn word(self) -> &'static str {
        self.words().first().copied().unwrap_or("")
    }

    /// The verb a word means (any case), if any.
    pub fn of(word: &str) -> Option<Verb> {
        let w = word.to_ascii_lowercase();
        Verb::ALL
            .into_iter()
            .find(|v| v.words().contains(&w.as_str()))
    }

    /// Whether only a mentor gives it: the player's front ends refuse it,
    /// a playthrough test (which plays both seats) takes it.
    pub fn mentor(self) -> bool {
        matches!(self, Verb::Inject | Verb::Whisper)
    }

    /// Whether the verb (given its arguments) is a game action, which a
    /// playthrough test can give; the others belong to a front end.
    pub fn acts(self) -> bool {
        !matches!(
            self,
            Verb::Pages
                | Verb::Look
                | Verb::Pause
                | Verb::Speed
                | Verb::Hypothesis
                | Verb::Felt
                | Verb::Help
                | Verb::Quit
        )
    }
}

impl<W> Act<W> {
    /// The same action with each name or text turned by `f`.
    pub fn map<V>(self, mut f: impl FnMut(W) -> V) -> Act<V> {
        match self {
            Act::Ack(a) => Act::Ack(a.map(f)),
            Act::Resolve(a) => Act::Resolve(f(a)),
            Act::Silence(a) => Act::Silence(f(a)),
            Act::Run(c) => Act::Run(f(c)),
            Act::Choose(n) => Act::Choose(n),
            Act::ChooseId(c) => Act::ChooseId(f(c)),
            Act::Page(p, m) => {
                let p = f(p);
                Act::Page(p, f(m))
            }
            Act::Status(s, m) => Act::Status(s, f(m)),
            Act::Graph(m) => Act::Graph(f(m)),
            Act::Open(w, d) => Act::Open(w, f(d)),
            Act::Wait(ms) => Act::Wait(ms),
            Act::Hint => Act::Hint,
            Act::Inject(i) => Act::Inject(f(i)),
            Act::Whisper(t) => Act::Whisper(f(t)),
        }
    }

    /// The verb that asks for this action.
    pub fn verb(&self) -> Verb {
        match self {
            Act::Ack(_) => Verb::Ack,
            Act::Resolve(_) => Verb::Resolve,
            Act::Silence(_) => Verb::Silence,
            Act::Run(_) => Verb::Run,
            Act::Choose(_) | Act::ChooseId(_) => Verb::Choose,
            Act::Page(..) => Verb::Page,
            Act::Status(..) => Verb::Status,
            Act::Graph(_) => Verb::Graph,
            Act::Open(how, _) => how.verb(),
            Act::Wait(_) => Verb::Wait,
            Act::Hint => Verb::Hint,
            Act::Inject(_) => Verb::Inject,
            Act::Whisper(_) => Verb::Whisper,
        }
    }
}

impl<W> Command<W> {
    /// The same command with each name or text turned by `f`.
    pub fn map<V>(self, mut f: impl FnMut(W) -> V) -> Command<V> {
        match self {
            Command::Act(a) => Command::Act(a.map(f)),
            Command::ListMetrics => Command::ListMetrics,
            Command::ListDocs => Command::ListDocs,
            Command::Pages => Command::Pages,
            Command::Look => Command::Look,
            Command::Pause => Command::Pause,
            Command::Speed(x) => Command::Speed(x),
            Command::Hypothesis(t) => Command::Hypothesis(f(t)),
            Command::Felt(k, t) => Command::Felt(k, f(t)),
            Command::Help => Command::Help,
            Command::Quit => Command::Quit,
        }
    }
}

impl TestInput {
    /// The action a checked test step stands for, its names as the player
    /// writes them (an id the scenario lacks reads as an empty name, which
    /// the engine refuses).
    pub fn act(&self, sc: &Scenario) -> Act {
        let name = |n: Option<&String>| n.cloned().unwrap_or_default();
        let alert = |a: &super::AlertId| name(sc.alerts.get(a.0).map(|x| &x.name));
        let doc = |d: &super::DocId| name(sc.docs.get(d.0).map(|x| &x.name));
        match self {
            TestInput::Ack(a) => Act::Ack(a.as_ref().map(alert)),
            TestInput::Resolve(a) => Act::Resolve(alert(a)),
            TestInput::Silence(a) => Act::Silence(alert(a)),
            TestInput::Run(line) => Act::Run(line.clone()),
            TestInput::Choose(ChoiceRef::Number(n)) => Act::Choose(*n),
            TestInput::Choose(ChoiceRef::Id(c)) => {
                Act::ChooseId(name(sc.choices.get(c.0).and_then(|c| c.name.as_ref())))
            }
            TestInput::Page(p, msg) => {
                Act::Page(name(sc.people.get(p.0).map(|p| &p.name)), msg.clone())
            }
            TestInput::Status(s, msg) => Act::Status(*s, msg.clone()),
            TestInput::Graph(m) => Act::Graph(name(sc.metrics.get(m.0).map(|m| &m.name))),
            TestInput::Runbook(d) => Act::Open(DocWord::Runbook, doc(d)),
            TestInput::Logs(d) => Act::Open(DocWord::Logs, doc(d)),
            TestInput::Wait(d) => Act::Wait(*d),
            TestInput::Hint => Act::Hint,
            TestInput::Inject(i) => Act::Inject(name(sc.injects.get(i.0).map(|i| &i.name))),
            TestInput::Whisper(text) => Act::Whisper(text.clone()),
        }
    }
}
