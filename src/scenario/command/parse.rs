//! Reading one line of player words into a [`Command`]: the only parser of
//! the player's command syntax (the plain front end and test steps both
//! call it).

use super::{Act, Command, DocWord, Verb};
use crate::base::states::{Feeling, StatusState};
use crate::base::time::{Millis, parse_duration};
use crate::base::words::closest;
use std::ops::Range;

/// A name or a text as the player wrote it (quotes taken off), and the
/// bytes of the line it came from, so a test step's diagnostic can point
/// at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub at: Range<usize>,
}

/// What kind of mistake a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The first word is no command (front ends add their own hints).
    UnknownVerb,
    /// Something the command needs is missing, or there is too much.
    Shape,
    /// A value (a duration, a number, a status state) is malformed.
    BadValue,
}

/// Why a line is not a command: one line of explanation, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError {
    pub fault: Fault,
    pub message: String,
    /// The bytes of the line at fault.
    pub at: Range<usize>,
}

type Parsed<T> = Result<T, CommandError>;

/// Reads a line of player words; names and texts are plain strings.
pub fn read(line: &str) -> Parsed<Command> {
    parse(line).map(|c| c.map(|w| w.text))
}

/// Reads a line of player words, keeping where each name and text was.
pub fn parse(line: &str) -> Parsed<Command<Word>> {
    let all = Tail::whole(line);
    if all.is_empty() {
        return Err(all.fault(Fault::Shape, "type a command (`help` lists them)"));
    }
    if let Some(shell) = all.after_prefix('$') {
        shell.need("type the command after `$`")?;
        return Ok(Command::Act(Act::Run(shell.text())));
    }
    // `!!` (and `!! | grep x`) is the shell's history, typed as in bash.
    if all.str().starts_with("!!") {
        return Ok(Command::Act(Act::Run(all.text())));
    }
    if let Ok(n) = all.str().parse::<u32>() {
        return Ok(Command::Act(Act::Choose(choice_number(n, &all)?)));
    }
    let (head, rest) = all.split();
    let Some(verb) = Verb::of(head.str()) else {
        return Err(unknown(&head));
    };
    with_verb(verb, &head, &rest)
}

/// Reads what follows `verb` (written as `head`).
fn with_verb(verb: Verb, head: &Tail<'_>, rest: &Tail<'_>) -> Parsed<Command<Word>> {
    let act = |a| Ok(Command::Act(a));
    match verb {
        Verb::Ack => act(Act::Ack(
            rest.optional_name("ack takes one alert: `ack <alert>`")?,
        )),
        Verb::Resolve => act(Act::Resolve(rest.name(
            "say which alert to resolve: `resolve <alert>`",
            "resolve takes one alert: `resolve <alert>`",
        )?)),
        Verb::Silence => act(Act::Silence(rest.name(
            "say which alert to silence: `silence <alert>`",
            "silence takes one alert: `silence <alert>`",
        )?)),
        Verb::Run => {
            rest.need("say what to run: `run <command>`, for example `run help`")?;
            act(Act::Run(rest.text()))
        }
        Verb::Choose => choose(head, rest).map(Command::Act),
        Verb::Page => page(rest).map(Command::Act),
        Verb::Status => status(rest).map(Command::Act),
        Verb::Graph => match rest.optional_name("graph takes one metric: `graph <metric>`")? {
            Some(m) => act(Act::Graph(m)),
            None => Ok(Command::ListMetrics),
        },
        Verb::Runbook | Verb::Logs | Verb::Read => documents(verb, rest),
        Verb::Wait => {
            rest.need("say how long: `wait 2m`")?;
            act(Act::Wait(wait(rest)?))
        }
        Verb::Hint => {
            if !rest.is_empty() {
                return Err(rest.fault(Fault::Shape, "hint takes nothing after it: `hint`"));
            }
            act(Act::Hint)
        }
        Verb::Inject => act(Act::Inject(rest.name(
            "say which inject to fire: `inject <name>`",
            "inject takes one name: `inject <name>`",
        )?)),
        Verb::Whisper => {
            rest.need("say what to whisper: `whisper <text>`")?;
            act(Act::Whisper(rest.text()))
        }
        Verb::Pages => Ok(Command::Pages),
        Verb::Look => Ok(Command::Look),
        Verb::Pause => Ok(Command::Pause),
        Verb::Speed => speed(rest),
        Verb::Hypothesis => {
            rest.need(
                "say what you think is going on: `hypothesis the WAF rules changed, 70% sure`",
            )?;
            Ok(Command::Hypothesis(rest.text()))
        }
        Verb::Felt => felt(rest),
        Verb::Help => Ok(Command::Help),
        Verb::Quit => Ok(Command::Quit),
    }
}

/// `felt real|fake|confusing <text>`: what the moment felt like.
fn felt(rest: &Tail<'_>) -> Parsed<Command<Word>> {
    const SHAPE: &str = "say how the moment felt and why: `felt real <text>`, `felt fake <text>` or `felt confusing <text>`";
    rest.need(SHAPE)?;
    let (kind, text) = rest.split();
    let Some(feeling) = Feeling::parse(kind.str()) else {
        return Err(kind.fault(Fault::BadValue, SHAPE));
    };
    text.need(SHAPE)?;
    Ok(Command::Felt(feeling, text.text()))
}

fn unknown(head: &Tail<'_>) -> CommandError {
    let words = Verb::ALL.iter().map(|v| v.word());
    let hint = closest(&head.str().to_ascii_lowercase(), words)
        .map(|n| format!(" Did you mean `{n}`?"))
        .unwrap_or_default();
    head.fault(
        Fault::UnknownVerb,
        format!("`{}` is not a command.{hint}", head.str()),
    )
}

fn choice_number(n: u32, at: &Tail<'_>) -> Parsed<u32> {
    if n == 0 {
        return Err(at.fault(Fault::BadValue, "choices are numbered from 1: `choose 1`"));
    }
    Ok(n)
}

/// `choose N` or `choose #id` (the `#` may be left off).
fn choose(head: &Tail<'_>, rest: &Tail<'_>) -> Parsed<Act<Word>> {
    let Some(word) = rest.optional_name("say one choice: `choose 1` or `choose #id`")? else {
        return Err(head.fault(Fault::Shape, "say which choice: `choose 1`"));
    };
    if let Ok(n) = word.text.parse::<u32>() {
        return Ok(Act::Choose(choice_number(n, rest)?));
    }
    let id = word
        .text
        .strip_prefix('#')
        .unwrap_or(&word.text)
        .to_string();
    if id.is_empty() {
        return Err(rest.fault(Fault::Shape, "name the choice after `#`: `choose #id`"));
    }
    Ok(Act::ChooseId(Word { text: id, ..word }))
}

/// `page PERSON MESSAGE`.
fn page(rest: &Tail<'_>) -> Parsed<Act<Word>> {
    let (who, msg) = rest.split();
    who.need("say whom to page: `page <person> <message>`")?;
    msg.need("add a message: `page <person> <message>`")?;
    Ok(Act::Page(who.word(), msg.text()))
}

/// `status STATE TEXT`.
fn status(rest: &Tail<'_>) -> Parsed<Act<Word>> {
    let (state, msg) = rest.split();
    let Some(st) = StatusState::parse(&state.str().to_ascii_lowercase()) else {
        let at = if state.is_empty() { rest } else { &state };
        return Err(at.fault(
            Fault::BadValue,
            "the status page takes `investigating`, `identified`, `monitoring` or `resolved`, then the text",
        ));
    };
    msg.need(
        "add the text customers will read: `status investigating We are looking into errors`",
    )?;
    Ok(Act::Status(st, msg.text()))
}

/// `runbook`, `logs` or `read`, with a document's name or without (a list).
fn documents(verb: Verb, rest: &Tail<'_>) -> Parsed<Command<Word>> {
    let how = match verb {
        Verb::Logs => DocWord::Logs,
        Verb::Read => DocWord::Read,
        _ => DocWord::Runbook,
    };
    let shape = format!("{} takes one name: `{} <name>`", verb.word(), verb.word());
    Ok(match rest.optional_name(&shape)? {
        Some(d) => Command::Act(Act::Open(how, d)),
        None => Command::ListDocs,
    })
}

/// A duration as players type it: `90s`, `5m`, `1h30m`; a bare number is minutes.
fn wait(arg: &Tail<'_>) -> Parsed<Millis> {
    let s = arg.str();
    if let Ok(n) = s.parse::<u64>() {
        return Ok(n.saturating_mul(60_000));
    }
    parse_duration(s).ok_or_else(|| {
        arg.fault(
            Fault::BadValue,
            format!("`{s}` is not a duration: write it like `90s`, `5m` or `1h30m`"),
        )
    })
}

/// `speed X` (or `Xx`): a positive number.
fn speed(rest: &Tail<'_>) -> Parsed<Command<Word>> {
    match rest.str().trim_end_matches(['x', 'X']).parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(Command::Speed(v)),
        _ => Err(rest.fault(
            Fault::BadValue,
            "speed takes a number above 0, for example `speed 4`",
        )),
    }
}

/// A trimmed stretch of the line, by byte offsets.
#[derive(Debug, Clone, Copy)]
struct Tail<'a> {
    line: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Tail<'a> {
    fn whole(line: &'a str) -> Self {
        Tail::trimmed(line, 0, line.len())
    }

    /// `line[start..end]` without its surrounding whitespace.
    fn trimmed(line: &'a str, start: usize, end: usize) -> Self {
        let s = line.get(start..end).unwrap_or("");
        let lead = s.len() - s.trim_start().len();
        let kept = s.trim().len();
        Tail {
            line,
            start: start + lead,
            end: start + lead + kept,
        }
    }

    fn str(&self) -> &'a str {
        self.line.get(self.start..self.end).unwrap_or("")
    }

    fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The first word and the rest.
    fn split(&self) -> (Tail<'a>, Tail<'a>) {
        let s = self.str();
        let cut = s
            .find(char::is_whitespace)
            .map_or(self.end, |i| self.start + i);
        (
            Tail { end: cut, ..*self },
            Tail::trimmed(self.line, cut, self.end),
        )
    }

    fn after_prefix(&self, c: char) -> Option<Tail<'a>> {
        self.str()
            .starts_with(c)
            .then(|| Tail::trimmed(self.line, self.start + c.len_utf8(), self.end))
    }

    fn fault(&self, fault: Fault, message: impl Into<String>) -> CommandError {
        CommandError {
            fault,
            message: message.into(),
            at: self.start..self.end,
        }
    }

    fn need(&self, message: &str) -> Parsed<()> {
        if self.is_empty() {
            Err(self.fault(Fault::Shape, message))
        } else {
            Ok(())
        }
    }

    /// The stretch as it is.
    fn word(&self) -> Word {
        Word {
            text: self.str().to_string(),
            at: self.start..self.end,
        }
    }

    /// The stretch as one name, or nothing if it is empty.
    fn optional_name(&self, too_many: &str) -> Parsed<Option<Word>> {
        if self.is_empty() {
            return Ok(None);
        }
        let (name, more) = self.split();
        if !more.is_empty() {
            return Err(more.fault(Fault::Shape, too_many));
        }
        Ok(Some(name.word()))
    }

    fn name(&self, missing: &str, too_many: &str) -> Parsed<Word> {
        self.optional_name(too_many)?
            .ok_or_else(|| self.fault(Fault::Shape, missing))
    }

    /// The stretch as a text: one quoted string has its quotes (and, in
    /// double quotes, the escapes `\"`, `\\`, `\n`, `\t`) taken off; any
    /// other text is taken as it is.
    fn text(&self) -> Word {
        let s = self.str();
        let text = unquote(s).unwrap_or_else(|| s.to_string());
        Word {
            text,
            at: self.start..self.end,
        }
    }
}

/// The inside of `s` if `s` is exactly one quoted string.
fn unquote(s: &str) -> Option<String> {
    if let Some(inner) = s.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| inner.to_string());
    }
    let mut chars = s.strip_prefix('"')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return chars.as_str().is_empty().then_some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                e @ ('"' | '\\') => out.push(e),
                e => {
                    out.push('\\');
                    out.push(e);
                }
            },
            c => out.push(c),
        }
    }
    None
}
