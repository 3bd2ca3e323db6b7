//! Scenario actions: what a scene, a choice, a trigger, a command or a
//! `when paged` block does, line by line. A line that moves the story hands
//! the move to the driver in `story` rather than making it here.

use super::story::{Flow, MAX_PAGE_DEPTH, Move};
use super::{EventKind, ScriptAction, Sim};
use crate::scenario::{Pagee, PersonId, SceneId, Severity};
use std::collections::BTreeMap;

impl Sim {
    /// Runs `actions`, then every move they ask for, until the story rests.
    pub(super) fn run_story(
        &mut self,
        actions: &[ScriptAction],
        placeholders: &BTreeMap<String, String>,
    ) -> Flow {
        let flow = self.run_actions(actions, placeholders);
        self.follow(flow)
    }

    /// A move to `s`, or nothing if there is no such scene.
    fn move_to(&self, m: Move, s: SceneId) -> Flow {
        if self.sc.scenes.get(s.0).is_some() {
            Flow::Move(m)
        } else {
            Flow::Continue
        }
    }

    /// Person `p` was paged: their `when paged` block runs. A block that pages
    /// again nests; past [`MAX_PAGE_DEPTH`] the story is stopped.
    pub(super) fn person_paged(&mut self, p: PersonId) {
        let sc = self.sc.clone();
        let Some(person) = sc.people.get(p.0) else {
            return;
        };
        if person.when_paged.is_empty() {
            return;
        }
        if self.story.paging_depth >= MAX_PAGE_DEPTH {
            let why = format!(
                "Paging `{}` set off pages more than {MAX_PAGE_DEPTH} deep: the scenario's \
                 `when paged` blocks page each other in a loop.",
                person.name
            );
            self.stop_story(&why);
            return;
        }
        self.story.paging_depth += 1;
        self.run_story(&person.when_paged, &BTreeMap::new());
        self.story.paging_depth -= 1;
    }

    /// Runs scenario actions in order until one moves the story, rests it
    /// (`wait`) or ends it. A rest is `Continue` to the caller: the list is
    /// done, the story stays where it is.
    pub(super) fn run_actions(
        &mut self,
        actions: &[ScriptAction],
        placeholders: &BTreeMap<String, String>,
    ) -> Flow {
        match self.run_lines(actions, placeholders) {
            Flow::Rest => Flow::Continue,
            other => other,
        }
    }

    /// [`Sim::run_actions`], with a `wait` (even inside an `if`) ending
    /// every list it is in as `Rest`.
    fn run_lines(
        &mut self,
        actions: &[ScriptAction],
        placeholders: &BTreeMap<String, String>,
    ) -> Flow {
        for a in actions {
            if self.finish.is_some() {
                return Flow::Ended;
            }
            let flow = match a {
                ScriptAction::Narrate(t) => {
                    let text = self.render(t, placeholders);
                    self.emit(EventKind::Narration(text));
                    Flow::Continue
                }
                ScriptAction::Chat(p, t) => {
                    let text = self.render(t, placeholders);
                    let (person, name) = self
                        .sc
                        .people
                        .get(p.0)
                        .map(|p| (p.name.clone(), p.full_name.clone()))
                        .unwrap_or_default();
                    self.emit(EventKind::Chat { person, name, text });
                    Flow::Continue
                }
                ScriptAction::Page(who, t) => {
                    let text = self.render(t, placeholders);
                    match who {
                        Pagee::Player => self.open_page(None, text, Severity::Page),
                        Pagee::Person(p) => {
                            let person = self.pagee_name(*who);
                            self.emit(EventKind::PersonPaged { person, text });
                            self.person_paged(*p);
                        }
                    }
                    Flow::Continue
                }
                ScriptAction::Set(v, e) => {
                    let value = self.eval_with(e, placeholders);
                    if let Some(slot) = self.vars.get_mut(v.0) {
                        *slot = value.into_value(slot);
                    }
                    Flow::Continue
                }
                ScriptAction::Start(e) => {
                    self.start_effect(*e);
                    Flow::Continue
                }
                ScriptAction::Stop(e) => {
                    self.stop_effect(*e);
                    Flow::Continue
                }
                ScriptAction::After(d, body) => {
                    self.timers.add(self.now + d, body.clone());
                    Flow::Continue
                }
                ScriptAction::If(c, then, otherwise) => {
                    let branch = if self.truth_with(c, placeholders) {
                        then
                    } else {
                        otherwise
                    };
                    self.run_lines(branch, placeholders)
                }
                ScriptAction::Goto(s) => self.move_to(Move::Goto(*s), *s),
                ScriptAction::Call(s) | ScriptAction::Interrupt(s) => {
                    self.move_to(Move::Call(*s), *s)
                }
                ScriptAction::Return => Flow::Move(Move::Return),
                // The scene rests here: the lines after it do not run, its
                // choices (if any) stay on offer, and triggers may move the
                // story on.
                ScriptAction::Wait => Flow::Rest,
                ScriptAction::End(e) => self.end(*e),
                ScriptAction::PostStatus(state, t) => {
                    let text = self.render(t, placeholders);
                    self.note_status(*state);
                    self.emit(EventKind::StatusPosted {
                        state: *state,
                        text,
                    });
                    Flow::Continue
                }
                ScriptAction::Login(h) => {
                    self.login(*h);
                    Flow::Continue
                }
            };
            if flow != Flow::Continue {
                return flow;
            }
        }
        Flow::Continue
    }
}
