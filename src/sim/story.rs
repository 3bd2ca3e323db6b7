//! The story's driver: scenes, calls, returns and interrupts run on one loop
//! with an explicit call stack, never by recursion, so no scenario can
//! overflow the engine's stack; a story that runs away is stopped.

use super::{EventKind, Finish, Sim};
use crate::base::text::thousands;
use crate::scenario::{ChoiceId, Outcome, SceneId};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub use crate::scenario::{MAX_CALL_DEPTH, MAX_MOVES_PER_STEP};
/// `after` bodies that may run in one step: bodies due at once (`after 0s`)
/// that set off more of themselves would otherwise run for ever.
pub const MAX_TIMERS_PER_STEP: u64 = 1_000_000;
/// How deep pages may set off `when paged` blocks that page again.
pub const MAX_PAGE_DEPTH: u32 = 32;
/// The name of the built-in ending of a stopped story.
pub const STOPPED_ENDING: &str = "story_stopped";
/// How many of the last scene changes a stop message can name.
const RECENT: usize = 12;
/// Events of a stopped step that are kept: the loop's first ones show what
/// it did; a million more would only flood the screen and the transcript.
pub const KEPT_EVENTS: usize = 100;

/// How an action list goes on after one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    /// The list asks the story to move: its remaining lines are dropped and
    /// the driver makes the move.
    Move(Move),
    /// The story moved, and now rests.
    Jumped,
    /// A `wait`: the rest of the list, and of the lists around it, is
    /// dropped; the story stays (only inside `run_actions`).
    Rest,
    Ended,
}

/// A change of scene, performed by [`Sim::follow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    Goto(SceneId),
    /// `call` and `interrupt`: the current scene is remembered.
    Call(SceneId),
    Return,
}

/// The running story.
#[derive(Debug, Clone, Default)]
pub(super) struct Story {
    pub(super) scene: Option<SceneId>,
    pub(super) call_stack: Vec<SceneId>,
    pub(super) waiting: bool,
    /// The choices on screen, in order.
    pub(super) offered: Vec<ChoiceId>,
    /// The number each choice got on this visit to the scene: the choices
    /// offered on arrival are 1, 2, 3..., one that appears later takes the
    /// next number, and a number is never given again, so a choice keeps
    /// its number while the scene is on screen and the number a player
    /// reads is the number they type.
    pub(super) numbers: Vec<(ChoiceId, u32)>,
    pub(super) taken: BTreeSet<ChoiceId>,
    /// Scene changes so far in this step, and the last few scenes entered,
    /// to stop a runaway and say where it ran.
    moves: u64,
    timers: u64,
    recent: VecDeque<SceneId>,
    /// Where this step's events begin.
    step_events: usize,
    /// How deep `when paged` blocks are running inside each other.
    pub(super) paging_depth: u32,
    /// Why the engine stopped the story, if it did.
    stopped: Option<String>,
}

impl Sim {
    /// Why the engine stopped a runaway story, if it did (the drill is then
    /// over, with the ending [`STOPPED_ENDING`]).
    pub fn stopped(&self) -> Option<&str> {
        self.story.stopped.as_deref()
    }

    /// A new step begins: the player acted, or the clock moved.
    pub(super) fn new_step(&mut self) {
        self.story.moves = 0;
        self.story.timers = 0;
        self.story.recent.clear();
        self.story.step_events = self.events.len();
    }

    /// Makes the moves `first` asks for, one after another, until the story
    /// rests or ends. Returns `Continue` if nothing moved, `Jumped` if the
    /// story moved and rests, `Ended` if the drill is over.
    pub(super) fn follow(&mut self, first: Flow) -> Flow {
        let mut flow = first;
        let mut moved = false;
        while let Flow::Move(m) = flow {
            moved = true;
            if let Some(why) = self.count_move(m) {
                return self.stop_story(&why);
            }
            flow = match m {
                Move::Goto(s) => self.enter_scene(s),
                Move::Call(s) => {
                    if let Some(cur) = self.story.scene {
                        self.story.call_stack.push(cur);
                    }
                    self.enter_scene(s)
                }
                Move::Return => self.return_to_caller(),
            };
        }
        if moved && flow == Flow::Continue {
            Flow::Jumped
        } else {
            flow
        }
    }

    /// Counts one `after` body about to run; past the limit, stops the story
    /// and says so with `true`.
    pub(super) fn timer_runaway(&mut self) -> bool {
        self.story.timers += 1;
        if self.story.timers <= MAX_TIMERS_PER_STEP {
            return false;
        }
        let why = format!(
            "More than {} `after` bodies came due in one second of the clock: bodies due at \
             once (`after 0s`) kept setting off more of themselves. This is a fault in the \
             scenario.",
            thousands(MAX_TIMERS_PER_STEP)
        );
        self.stop_story(&why);
        true
    }

    /// Counts one move against the limits; says why the story must stop.
    fn count_move(&mut self, m: Move) -> Option<String> {
        self.story.moves += 1;
        let target = match m {
            Move::Goto(s) | Move::Call(s) => Some(s),
            Move::Return => self.story.call_stack.last().copied(),
        };
        if let Some(s) = target {
            if self.story.recent.len() == RECENT {
                self.story.recent.pop_front();
            }
            self.story.recent.push_back(s);
        }
        if self.story.moves > MAX_MOVES_PER_STEP {
            return Some(format!(
                "The story changed scene more than {} times without waiting for you or the \
                 clock, going round {}. This is a fault in the scenario: `firedrill check` \
                 reports such loops.",
                thousands(MAX_MOVES_PER_STEP),
                self.loop_names()
            ));
        }
        if matches!(m, Move::Call(_)) && self.story.call_stack.len() >= MAX_CALL_DEPTH {
            return Some(format!(
                "`call` and `interrupt` went {} scenes deep without a `return`, going round {}. \
                 This is a fault in the scenario: `firedrill check` reports such loops.",
                thousands(MAX_CALL_DEPTH as u64),
                self.loop_names()
            ));
        }
        None
    }

    /// The scenes of the runaway: the last cycle among the recent moves, or
    /// the recent moves themselves.
    fn loop_names(&self) -> String {
        let recent: Vec<SceneId> = self.story.recent.iter().copied().collect();
        let cycle = match recent.split_last() {
            Some((last, before)) => match before.iter().rposition(|s| s == last) {
                Some(i) => &recent[i..],
                None => &recent[..],
            },
            None => &recent[..],
        };
        let names: Vec<String> = cycle
            .iter()
            .map(|s| {
                let name = self.sc.scenes.get(s.0).map_or("?", |s| s.name.as_str());
                format!("`{name}`")
            })
            .collect();
        names.join(" -> ")
    }

    /// Ends the drill because the story ran away: recorded as an ending of
    /// its own, so every front end, the transcript and the debrief show why.
    pub(super) fn stop_story(&mut self, why: &str) -> Flow {
        if self.finish.is_some() {
            return Flow::Ended;
        }
        self.finish = Some(Finish {
            ending: None,
            outcome: Outcome::Stopped,
            at: self.now,
        });
        self.story.offered.clear();
        self.story.call_stack.clear();
        self.story.stopped = Some(why.to_string());
        let keep = self.story.step_events.saturating_add(KEPT_EVENTS);
        let dropped = self.events.len().saturating_sub(keep);
        self.events.truncate(keep);
        let text = if dropped > 0 {
            format!(
                "{why} ({} more events of the loop are left out.)",
                thousands(dropped as u64)
            )
        } else {
            why.to_string()
        };
        self.emit(EventKind::Ended {
            ending: STOPPED_ENDING.into(),
            title: "Stopped: the story ran in a loop".into(),
            outcome: Outcome::Stopped,
            text,
        });
        Flow::Ended
    }

    /// Enters scene `s`: runs its lines, then offers its choices. Returns the
    /// move its lines or its fallback ask for, if any.
    fn enter_scene(&mut self, s: SceneId) -> Flow {
        let sc = self.sc.clone();
        let Some(scene) = sc.scenes.get(s.0) else {
            return Flow::Continue;
        };
        self.story.scene = Some(s);
        self.story.waiting = false;
        self.story.offered.clear();
        self.story.numbers.clear();
        self.record.visited.insert(s);
        self.emit(EventKind::Scene {
            scene: scene.name.clone(),
        });
        match self.run_actions(&scene.actions, &BTreeMap::new()) {
            Flow::Continue => self.offer_choices(),
            other => other,
        }
    }

    /// `return`: back to the scene that called, offering its choices again
    /// (its lines do not run twice); with no caller, the story rests here.
    fn return_to_caller(&mut self) -> Flow {
        if let Some(back) = self.story.call_stack.pop() {
            self.story.scene = Some(back);
            self.story.waiting = false;
            self.story.numbers.clear();
            self.offer_choices()
        } else {
            self.story.offered.clear();
            self.story.waiting = true;
            Flow::Continue
        }
    }

    /// The current scene's choices that may be taken now.
    fn available_choices(&self) -> Vec<ChoiceId> {
        let Some(scene) = self.story.scene.and_then(|s| self.sc.scenes.get(s.0)) else {
            return Vec::new();
        };
        scene
            .choices
            .iter()
            .copied()
            .filter(|c| {
                self.sc.choices.get(c.0).is_some_and(|ch| {
                    (ch.sticky || !self.story.taken.contains(c))
                        && ch.only_if.as_ref().is_none_or(|cond| self.truth(cond))
                })
            })
            .collect()
    }

    /// Puts `choices` on screen, numbering those new to this visit.
    fn set_offered(&mut self, choices: Vec<ChoiceId>) {
        for &c in &choices {
            if !self.story.numbers.iter().any(|&(x, _)| x == c) {
                let next = self
                    .story
                    .numbers
                    .iter()
                    .map(|&(_, n)| n)
                    .max()
                    .unwrap_or(0)
                    + 1;
                self.story.numbers.push((c, next));
            }
        }
        self.story.offered = choices;
    }

    /// Conditional choices come and go as the world changes: when the set on
    /// screen is no longer what the scene offers, show the new one.
    pub(super) fn refresh_choices(&mut self) {
        if self.finish.is_some() || self.story.waiting || self.story.scene.is_none() {
            return;
        }
        let available = self.available_choices();
        if available != self.story.offered
            && !(available.is_empty() && self.story.offered.is_empty())
        {
            self.set_offered(available);
            let scene = self
                .story
                .scene
                .and_then(|s| self.sc.scenes.get(s.0))
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let (numbers, options) = self.choices().into_iter().unzip();
            self.emit(EventKind::Choices {
                scene,
                options,
                numbers,
            });
        }
    }

    /// Puts the current scene's available choices on screen; with none left,
    /// runs the fallback. Returns the move the fallback asks for, if any.
    pub(super) fn offer_choices(&mut self) -> Flow {
        let sc = self.sc.clone();
        let Some(scene) = self.story.scene.and_then(|s| sc.scenes.get(s.0)) else {
            return Flow::Continue;
        };
        let available = self.available_choices();
        self.set_offered(available.clone());
        if !available.is_empty() {
            let (numbers, options) = self.choices().into_iter().unzip();
            self.emit(EventKind::Choices {
                scene: scene.name.clone(),
                options,
                numbers,
            });
            return Flow::Continue;
        }
        let Some(fb) = &scene.fallback else {
            return Flow::Continue;
        };
        let flow = self.run_actions(fb, &BTreeMap::new());
        if flow == Flow::Continue {
            // A fallback that does not move the story leaves it resting here.
            self.story.waiting = true;
        }
        flow
    }
}
