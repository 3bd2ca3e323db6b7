//! A mentor's request sent from the command line (`firedrill hint`,
//! `inject`, `pause`, `keyboard`, `act`), for scripts and tests: the request
//! is written to a request file of its own ([`buddy`](super::buddy)), then
//! the game's transcript is read until the game journals what it did, so
//! the command can say whether it landed.

use super::buddy::{Outbox, Request, clean_whisper};
use super::lines::Lines;
use crate::record::{Entry, MAX_LINE, SeatChange};
use crate::scenario::Millis;
use crate::sim::{Action, EventKind};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long the game is given to take a request.
const PATIENCE: Duration = Duration::from_secs(3);

/// How often the transcript is looked at meanwhile (for a few seconds at
/// most: a one-shot command, not a process that stays).
const LOOK_EVERY: Duration = Duration::from_millis(25);

/// What became of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The game carried it out at this game time.
    Done(Millis),
    /// The game took it and refused it (an inject fired twice...).
    Refused(String),
    /// Nothing in the transcript shows it: a change that changed nothing
    /// (the clock already paused, the keyboard already taken), or a game
    /// that did not answer in time.
    NoChange,
}

/// Sends `request` as `who` to the game recorded at `transcript`.
pub fn send(transcript: &Path, who: &str, request: &Request) -> io::Result<Answer> {
    let mut file = crate::files::open_regular(transcript)?;
    file.seek(SeekFrom::End(0))?;
    let mut outbox = Outbox::quiet(transcript, who)?;
    outbox.send(request)?;
    let who = outbox.who().to_string();
    let mut lines = Lines::new(MAX_LINE);
    let mut seen: Vec<Entry> = Vec::new();
    let until = Instant::now() + PATIENCE;
    loop {
        read_new(&mut file, &mut lines, &mut seen)?;
        let late = Instant::now() >= until;
        if let Some(answer) = answer(&seen, &who, request, late) {
            return Ok(answer);
        }
        if late {
            return Ok(Answer::NoChange);
        }
        std::thread::sleep(LOOK_EVERY);
    }
}

/// The entries appended since the last look.
fn read_new(file: &mut std::fs::File, lines: &mut Lines, seen: &mut Vec<Entry>) -> io::Result<()> {
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        lines.push(&chunk[..n], |l| {
            if let Ok(e) = ron::from_str::<Entry>(String::from_utf8_lossy(l).trim_end()) {
                seen.push(e);
            }
        });
    }
}

/// Whether the entries show the request taken. An action is answered once
/// the entry after it is there too, since its first event may be a refusal
/// (or, `late`, without it: a wait may bring no event at all).
fn answer(seen: &[Entry], who: &str, request: &Request, late: bool) -> Option<Answer> {
    let by = |b: &Option<String>| b.as_deref() == Some(who);
    let i = seen.iter().position(|e| match (e, request) {
        (Entry::Action { action, by: b, .. }, _) if by(b) => match (action, request) {
            (Action::Whisper(t), Request::Whisper(w)) => *t == clean_whisper(w),
            (Action::Inject(n), Request::Inject(m)) => n == m,
            (a, Request::Act(b)) => a == b,
            _ => false,
        },
        (Entry::Pause { paused, by: b, .. }, Request::Pause(p)) => by(b) && paused == p,
        (Entry::Seat { who: w, change, .. }, Request::Keyboard(take)) => {
            w == who
                && *change
                    == if *take {
                        SeatChange::TookKeyboard
                    } else {
                        SeatChange::GaveKeyboard
                    }
        }
        _ => false,
    })?;
    match &seen[i] {
        Entry::Action { at, .. } => match seen[i + 1..].iter().find_map(|e| match e {
            Entry::Event(ev) => Some(ev),
            _ => None,
        }) {
            Some(ev) => Some(match &ev.kind {
                EventKind::Rejected(why) => Answer::Refused(why.clone()),
                _ => Answer::Done(*at),
            }),
            None if late || seen.len() > i + 1 => Some(Answer::Done(*at)),
            None => None,
        },
        Entry::Pause { at, .. } | Entry::Seat { at, .. } => Some(Answer::Done(*at)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Event;

    fn action(action: Action, by: &str) -> Entry {
        Entry::Action {
            at: 5000,
            action,
            real: None,
            by: Some(by.into()),
        }
    }

    #[test]
    fn a_request_is_answered_by_what_the_game_journaled() {
        let whisper = Request::Whisper("look\nhere".into());
        let mut seen = vec![action(Action::Whisper("look here".into()), "ana")];
        assert_eq!(
            answer(&seen, "ana", &whisper, false),
            None,
            "waits for the event"
        );
        seen.push(Entry::Event(Event {
            at: 5000,
            kind: EventKind::Whispered {
                text: "look here".into(),
            },
        }));
        assert_eq!(
            answer(&seen, "ana", &whisper, false),
            Some(Answer::Done(5000))
        );
        assert_eq!(
            answer(&seen, "bob", &whisper, false),
            None,
            "someone else's"
        );
    }

    #[test]
    fn a_refused_inject_says_why() {
        let seen = [
            action(Action::Inject("eta".into()), "ana"),
            Entry::Event(Event {
                at: 5000,
                kind: EventKind::Rejected("already fired".into()),
            }),
        ];
        assert_eq!(
            answer(&seen, "ana", &Request::Inject("eta".into()), false),
            Some(Answer::Refused("already fired".into()))
        );
    }
}
