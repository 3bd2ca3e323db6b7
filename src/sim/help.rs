//! Help from outside the story: a mentor's injects, and the hints the
//! engine offers when their conditions hold, as the game's support level
//! says (guided: shown at once; assisted: on request; solo: never).
//! Neither costs game time.

use super::{EventKind, Sim, Support, eval::format_offset};
use crate::scenario::{InjectId, Millis};
use std::collections::BTreeMap;

/// Where one hint stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct HintRuntime {
    /// Since when its condition has held without a break.
    true_since: Option<Millis>,
    /// When it was offered (`HintAvailable`): once a game.
    offered: Option<Millis>,
    /// When it was shown (asked for, or on its own in a guided game).
    shown: Option<Millis>,
}

impl Sim {
    /// Runs inject `name`'s actions, once a game; a second firing is
    /// refused, saying when the first was.
    pub(super) fn inject(&mut self, name: &str) -> Millis {
        let Some(id) = self.sc.inject_by_name(name) else {
            return self.reject(format!("no inject called `{name}`"));
        };
        let InjectId(i) = id;
        if let Some(at) = self.injected.get(i).copied().flatten() {
            return self.reject(format!(
                "the inject `{name}` was already fired at {}",
                format_offset(at)
            ));
        }
        let sc = self.sc.clone();
        let Some(inject) = sc.injects.get(i) else {
            return 0;
        };
        if let Some(slot) = self.injected.get_mut(i) {
            *slot = Some(self.now);
        }
        self.emit(EventKind::Injected {
            inject: inject.name.clone(),
            title: inject.title.clone(),
        });
        self.run_story(&inject.actions, &BTreeMap::new());
        0
    }

    /// Offers each hint whose condition has held for its `for`, once; a
    /// guided game shows it at once. A solo game offers none.
    pub(super) fn offer_hints(&mut self) {
        if self.support == Support::Solo {
            return;
        }
        let sc = self.sc.clone();
        for (i, h) in sc.hints.iter().enumerate() {
            if self.hints.get(i).is_none_or(|rt| rt.offered.is_some()) {
                continue;
            }
            let holds = self.truth(&h.condition);
            let now = self.now;
            let Some(rt) = self.hints.get_mut(i) else {
                continue;
            };
            if !holds {
                rt.true_since = None;
                continue;
            }
            let since = *rt.true_since.get_or_insert(now);
            if now.saturating_sub(since) < h.hold {
                continue;
            }
            rt.offered = Some(now);
            let guided = self.support == Support::Guided;
            if guided {
                rt.shown = Some(now);
            }
            let text = self.render(&h.text, &BTreeMap::new());
            self.emit(EventKind::HintAvailable {
                hint: h.name.clone(),
                title: h.title.clone(),
                text: text.clone(),
            });
            if guided {
                self.emit(EventKind::HintShown {
                    hint: h.name.clone(),
                    title: h.title.clone(),
                    text,
                });
            }
        }
    }

    /// Shows the oldest hint offered and not yet shown whose condition
    /// still holds (a hint about what the player has since done is moot).
    /// Only an assisted game takes the request: a guided one has shown
    /// every hint already, a solo one has none.
    pub(super) fn show_hint(&mut self) -> Millis {
        match self.support {
            Support::Solo => return self.reject("hints are off in solo"),
            Support::Guided => {
                return self.reject("in guided play hints appear on their own; none is waiting");
            }
            Support::Assisted => {}
        }
        let sc = self.sc.clone();
        let pick = sc.hints.iter().enumerate().find(|(i, h)| {
            self.hints
                .get(*i)
                .is_some_and(|rt| rt.offered.is_some() && rt.shown.is_none())
                && self.truth(&h.condition)
        });
        let Some((i, h)) = pick else {
            return self.reject("no hint right now: keep going, and ask again later");
        };
        if let Some(rt) = self.hints.get_mut(i) {
            rt.shown = Some(self.now);
        }
        let text = self.render(&h.text, &BTreeMap::new());
        self.emit(EventKind::HintShown {
            hint: h.name.clone(),
            title: h.title.clone(),
            text,
        });
        0
    }
}
