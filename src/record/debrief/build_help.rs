//! The help a game had: its support level, each hint that came due (shown
//! on its own, asked for, or left unread) and each inject the mentor fired.

use super::build_timeline::describe;
use super::steps::{Played, Step};
use super::{Help, HintUse, InjectUse, MentorMove, moment, signed};
use crate::record::{Entry, SeatChange, Transcript};
use crate::scenario::Scenario;
use crate::sim::{Action, EventKind, Support};

pub(super) fn help(sc: &Scenario, t: &Transcript, played: &Played, support: Support) -> Help {
    let start = sc.meta.start_clock_secs;
    let mut hints: Vec<HintUse> = Vec::new();
    let mut injects = Vec::new();
    for (cause, e) in &played.events {
        let at = moment(start, signed(e.at), true);
        match &e.kind {
            EventKind::HintAvailable { hint, title, .. } => hints.push(HintUse {
                name: hint.clone(),
                title: title.clone(),
                offered: Some(at),
                shown: None,
                asked: false,
            }),
            EventKind::HintShown { hint, title, .. } => {
                // Asked for when the player's `hint` brought it; a guided
                // game shows it with no request.
                let asked = cause
                    .and_then(|i| played.steps.get(i))
                    .is_some_and(|s| s.action == Action::Hint);
                match hints
                    .iter_mut()
                    .find(|h| &h.name == hint && h.shown.is_none())
                {
                    Some(h) => {
                        h.shown = Some(at);
                        h.asked = asked;
                    }
                    None => hints.push(HintUse {
                        name: hint.clone(),
                        title: title.clone(),
                        offered: None,
                        shown: Some(at),
                        asked,
                    }),
                }
            }
            EventKind::Injected { inject, title } => injects.push(InjectUse {
                at,
                name: inject.clone(),
                title: title.clone(),
            }),
            _ => {}
        }
    }
    Help {
        support: support.word().into(),
        declared_hints: sc.hints.len(),
        declared_injects: sc.injects.len(),
        hints,
        injects,
        mentor: mentor_moves(sc, t, played),
    }
}

/// What the mentors did, from the transcript's entries in order: their
/// seats, their pauses, and the inputs they gave (read through the replay's
/// steps, which follow the transcript's inputs one for one).
fn mentor_moves(sc: &Scenario, t: &Transcript, played: &Played) -> Vec<MentorMove> {
    let start = sc.meta.start_clock_secs;
    let at = |ms| moment(start, signed(ms), true);
    let mut out = Vec::new();
    let mut input = 0;
    for e in &t.entries {
        let (when, who, what) = match e {
            Entry::Action { at: when, by, .. } => {
                let step = played.steps.get(input);
                input += 1;
                match (by, step) {
                    (Some(who), Some(step)) => (*when, who, mentor_words(sc, step)),
                    _ => continue,
                }
            }
            Entry::Pause {
                at: when,
                paused,
                by: Some(who),
                ..
            } => {
                let what = if *paused {
                    "paused the clock"
                } else {
                    "started the clock again"
                };
                (*when, who, what.to_string())
            }
            Entry::Seat {
                at: when,
                who,
                change,
            } => (*when, who, seat_words(*change)),
            _ => continue,
        };
        out.push(MentorMove {
            at: at(when),
            who: crate::base::printable::printable(who),
            what,
        });
    }
    out
}

/// A mentor's input in words, without the name (the move carries it).
fn mentor_words(sc: &Scenario, step: &Step) -> String {
    let (_, what, _) = describe(sc, step);
    match &step.action {
        Action::Whisper(_) | Action::Inject(_) => what.replacen("the mentor ", "", 1),
        _ => format!("at the keyboard: {what}"),
    }
}

fn seat_words(change: SeatChange) -> String {
    match change {
        SeatChange::Joined => "started watching",
        SeatChange::Left => "stopped watching",
        SeatChange::Silent => {
            return format!(
                "was not heard from for {} seconds and was counted as gone",
                crate::record::SILENCE_SECS
            );
        }
        SeatChange::TookKeyboard => "took the keyboard",
        SeatChange::GaveKeyboard => "gave the keyboard back to the player",
    }
    .to_string()
}
