//! The help a game had: its support level, each hint that came due (shown
//! on its own, asked for, or left unread) and each inject the mentor fired.

use super::steps::Played;
use super::{Help, HintUse, InjectUse, moment, signed};
use crate::scenario::Scenario;
use crate::sim::{Action, EventKind, Support};

pub(super) fn help(sc: &Scenario, played: &Played, support: Support) -> Help {
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
    }
}
