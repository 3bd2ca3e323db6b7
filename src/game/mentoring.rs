//! What a game does with what its mentors ask ([`buddy`](super::buddy)):
//! the one place where a whisper, an inject, a pause, the keyboard changing
//! hands or an action from the mentor's seat is carried out and journaled,
//! whichever front end the player uses.

use super::Session;
use super::buddy::{Heard, Request, clean_whisper};
use crate::record::{SILENCE_SECS, SeatChange};
use crate::sim::{Action, Event};

/// What a request did: the events to show, and a line for the player.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub events: Vec<Event>,
    pub notice: Option<String>,
}

impl Outcome {
    fn say(text: String) -> Outcome {
        Outcome {
            events: Vec::new(),
            notice: Some(text),
        }
    }
}

/// Carries out what was heard from a mentor. A game that has ended only
/// keeps track of who comes and goes.
pub fn hear(session: &mut Session, heard: Heard) -> Outcome {
    match heard {
        Heard::Seat { who, change } => seat(session, &who, change),
        Heard::Request { .. } if session.is_over() => Outcome::default(),
        Heard::Request { who, request } => request_from(session, &who, request),
    }
}

/// The player takes the keyboard back from the mentor who has it.
pub fn take_back(session: &mut Session) -> Option<String> {
    let who = session.keyboard()?.to_string();
    session.seat(&who, SeatChange::GaveKeyboard);
    Some(format!(
        "You have the keyboard again ({who} no longer has it)."
    ))
}

/// Who has the keyboard, in the words of a refused key.
pub fn keyboard_words(who: &str, take_back: &str) -> String {
    format!("{who} has the keyboard: your game keys wait until they give it back ({take_back}).")
}

fn seat(session: &mut Session, who: &str, change: SeatChange) -> Outcome {
    let had_keyboard = session.keyboard() == Some(who);
    session.seat(who, change);
    let mut text = match change {
        SeatChange::Joined => format!("{who} is watching your game."),
        SeatChange::Left => format!("{who} stopped watching."),
        SeatChange::Silent => {
            format!("{who} has not been heard from for {SILENCE_SECS} seconds: counted as gone.")
        }
        SeatChange::TookKeyboard | SeatChange::GaveKeyboard => return Outcome::default(),
    };
    if had_keyboard {
        text.push_str(" You have the keyboard again.");
    }
    Outcome::say(text)
}

fn request_from(session: &mut Session, who: &str, request: Request) -> Outcome {
    let by = Some(who);
    match request {
        Request::Whisper(text) => {
            let text = clean_whisper(&text);
            if text.is_empty() {
                return Outcome::default();
            }
            Outcome {
                events: session.act_by(Action::Whisper(text), by),
                notice: Some(format!("{who} whispers a hint (in the story pane).")),
            }
        }
        Request::Inject(name) => Outcome {
            events: session.act_by(Action::Inject(name), by),
            notice: None,
        },
        Request::Pause(paused) => pause(session, who, paused),
        Request::Keyboard(take) => keyboard(session, who, take),
        Request::Act(action) if session.keyboard() == Some(who) => Outcome {
            events: session.act_by(action, by),
            notice: None,
        },
        // An action from a mentor without the keyboard is not theirs to
        // give (it may have been sent just before the player took it back).
        Request::Act(_) | Request::Hello | Request::Alive | Request::Bye => Outcome::default(),
    }
}

fn pause(session: &mut Session, who: &str, paused: bool) -> Outcome {
    if session.pace().practice || session.paused() == paused {
        return Outcome::default();
    }
    session.set_paused_by(paused, Some(who));
    Outcome::say(if paused {
        format!("{who} paused the clock.")
    } else {
        format!("{who} started the clock again.")
    })
}

fn keyboard(session: &mut Session, who: &str, take: bool) -> Outcome {
    let holder = session.keyboard().map(str::to_string);
    match (take, holder) {
        (true, None) => {
            session.seat(who, SeatChange::TookKeyboard);
            Outcome::say(format!(
                "{who} has taken the keyboard: they play from their seat until they give it back."
            ))
        }
        (false, Some(h)) if h == who => {
            session.seat(who, SeatChange::GaveKeyboard);
            Outcome::say(format!("{who} gave the keyboard back: you play again."))
        }
        _ => Outcome::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{Pace, Wall};
    use std::sync::Arc;

    fn session(practice: bool) -> Session {
        let b = crate::library::find("tutorial").unwrap();
        let sc = Arc::new(crate::library::check(b).scenario.unwrap());
        let pace = Pace {
            practice,
            speed: 1.0,
        };
        Session::start(
            sc,
            7,
            crate::sim::Support::default(),
            pace,
            None,
            Wall::None,
        )
        .0
    }

    fn req(who: &str, request: Request) -> Heard {
        Heard::Request {
            who: who.into(),
            request,
        }
    }

    #[test]
    fn a_whisper_is_shown_cleaned_and_costs_nothing() {
        let mut s = session(true);
        let at = s.now();
        let out = hear(
            &mut s,
            req("ana", Request::Whisper("check\n\x1b[2J deploys".into())),
        );
        assert_eq!(s.now(), at);
        assert!(matches!(
            &out.events[..],
            [Event { kind: crate::sim::EventKind::Whispered { text }, .. }] if text == "check \\u{1b}[2J deploys"
        ));
    }

    #[test]
    fn only_the_mentor_with_the_keyboard_plays_and_the_player_can_take_it_back() {
        let mut s = session(true);
        assert!(
            hear(&mut s, req("ana", Request::Act(Action::Wait(1000))))
                .events
                .is_empty()
        );
        hear(&mut s, req("ana", Request::Keyboard(true)));
        hear(&mut s, req("bob", Request::Keyboard(true)));
        assert_eq!(s.keyboard(), Some("ana"));
        assert!(
            hear(&mut s, req("bob", Request::Act(Action::Wait(1000))))
                .events
                .is_empty()
        );
        let before = s.now();
        hear(&mut s, req("ana", Request::Act(Action::Wait(1000))));
        assert_eq!(s.now(), before + 1000);
        assert!(take_back(&mut s).is_some());
        assert_eq!(s.keyboard(), None);
        assert!(take_back(&mut s).is_none());
    }

    #[test]
    fn a_mentor_who_goes_silent_gives_the_keyboard_back() {
        let mut s = session(false);
        hear(
            &mut s,
            Heard::Seat {
                who: "ana".into(),
                change: SeatChange::Joined,
            },
        );
        hear(&mut s, req("ana", Request::Keyboard(true)));
        let out = hear(
            &mut s,
            Heard::Seat {
                who: "ana".into(),
                change: SeatChange::Silent,
            },
        );
        assert_eq!(s.keyboard(), None);
        assert!(out.notice.unwrap().contains("You have the keyboard again"));
        assert_eq!(s.watchers().count(), 0);
    }

    #[test]
    fn a_mentor_pauses_real_time_only() {
        let mut s = session(false);
        hear(&mut s, req("ana", Request::Pause(true)));
        assert!(s.paused());
        hear(&mut s, req("ana", Request::Pause(false)));
        assert!(!s.paused());
        let mut p = session(true);
        hear(&mut p, req("ana", Request::Pause(true)));
        assert!(!p.paused());
    }
}
