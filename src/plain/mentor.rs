//! A mentor's one-shot commands (`firedrill hint`, `inject`, `pause`,
//! `keyboard`, `act`): each sends one request to a game in progress and says,
//! in one line, what the game did with it. Exit 0 when it was carried out,
//! 1 when it was refused or changed nothing, 2 when there is no game to send
//! it to.

use crate::game::buddy::Request;
use crate::game::oneshot::{self, Answer};
use crate::lang::render::printable;
use crate::scenario::command::{self, Command};
use crate::sim::eval::format_offset;
use std::path::Path;

/// Sends `request` to the game recorded at `transcript`, as `who`.
pub fn send(transcript: &Path, who: &str, request: &Request) -> (u8, String) {
    let shown = printable(&transcript.display().to_string());
    match oneshot::send(transcript, who, request) {
        Ok(Answer::Done(at)) => (
            0,
            format!("{} at {}", done_words(request), format_offset(at)),
        ),
        Ok(Answer::Refused(why)) => (1, format!("the game refused it: {}", printable(&why))),
        Ok(Answer::NoChange) => (1, no_change_words(request).to_string()),
        Err(e) => (2, format!("cannot reach the game of `{shown}`: {e}")),
    }
}

/// A game action in the words a player types in plain mode (`run df -h`),
/// for `firedrill act`. A front-end command (`help`, `pause`) or a
/// mentor's own (`inject`, `whisper`) has a command of its own instead.
pub fn action(words: &str) -> Result<crate::sim::Action, String> {
    match command::read(words) {
        Ok(Command::Act(act)) if !act.verb().mentor() => Ok(act.into()),
        Ok(Command::Act(act)) => Err(format!(
            "`{}` is a mentor's command: use `firedrill {}` instead",
            act.verb().word(),
            if act.verb().word() == "whisper" {
                "hint"
            } else {
                "inject"
            }
        )),
        Ok(_) => Err(format!(
            "`{}` is not a game action: `act` takes what a player types to act (`ack`, `run df -h`, `choose 2`...)",
            printable(words)
        )),
        Err(e) => Err(printable(&e.message)),
    }
}

fn done_words(request: &Request) -> &'static str {
    match request {
        Request::Whisper(_) => "whispered to the player",
        Request::Inject(_) => "inject fired",
        Request::Pause(true) => "clock paused",
        Request::Pause(false) => "clock running again",
        Request::Keyboard(true) => {
            "you have the keyboard (`firedrill keyboard --give` hands it back)"
        }
        Request::Keyboard(false) => "keyboard given back to the player",
        Request::Act(_) => "done",
        Request::Hello | Request::Alive | Request::Bye => "said",
    }
}

fn no_change_words(request: &Request) -> &'static str {
    match request {
        Request::Pause(_) => {
            "nothing changed: the clock was already so, the game is a practice game (its clock waits anyway), or the game did not answer in time"
        }
        Request::Keyboard(true) => {
            "nothing changed: someone else has the keyboard, or the game did not answer in time"
        }
        Request::Keyboard(false) => "nothing changed: you did not have the keyboard",
        Request::Act(_) => {
            "not done: you do not have the keyboard (`firedrill keyboard` takes it), or the game did not answer in time"
        }
        _ => "the game did not answer in time: it may have ended, or not taken it",
    }
}
