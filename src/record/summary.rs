//! What one recorded game was, read from its transcript alone, without a
//! replay: who played which scenario and how, how it ended, and the player's
//! own deeds with their moments. Lists of games, the onboarding bucket list
//! and the authors' statistics all start here, so reading ten thousand
//! games never replays one that a figure does not need.

use super::{Entry, Header, SeatChange, Transcript};
use crate::base::states::StatusState;
use crate::scenario::{Millis, Outcome};
use crate::sim::{Action, EventKind};

/// How a game ended, as its `Ended` event says.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub name: String,
    pub title: String,
    pub outcome: Outcome,
    pub at: Millis,
}

/// Something the player did (never a mentor, never the replayed start of a
/// fork), at a game time.
#[derive(Debug, Clone, PartialEq)]
pub struct Deed {
    pub at: Millis,
    pub kind: DeedKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DeedKind {
    /// Acknowledged a page sent to them, `after` it was sent.
    Acked { page: u32, after: Millis },
    /// Posted a status-page update.
    Status(StatusState),
    /// Paged a colleague (by their id in the scenario).
    Paged(String),
    /// Ran a shell line, as typed.
    Ran(String),
    /// Opened a runbook or a log (by its name in the scenario).
    Opened(String),
    /// Asked for a hint.
    Hint,
    /// Took a choice.
    Chose,
    /// Noted a working hypothesis.
    Hypothesis,
}

/// One game, summed up.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub header: Header,
    pub ending: Option<Ending>,
    /// The last game time the transcript knows of.
    pub length: Millis,
    /// The player's real time in the game, when the transcript has it.
    pub real: Option<u64>,
    pub deeds: Vec<Deed>,
    /// Everyone who watched as a mentor, in the order they first came.
    pub mentors: Vec<String>,
    /// A mentor took the keyboard at some point.
    pub mentor_keyboard: bool,
    /// Inputs given by a mentor (whispers, injects, actions at the keyboard).
    pub mentor_inputs: usize,
    /// The questions answered at the end (an empty answer: skipped).
    pub answers: Vec<(String, String)>,
    /// Lines that could not be read.
    pub problems: usize,
}

impl Summary {
    /// Sums up a transcript; `None` when it has no header to say whose
    /// game it is.
    pub fn of(t: &Transcript) -> Option<Summary> {
        let header = t.header.clone()?;
        let replayed = header.replayed_inputs();
        let mut s = Summary {
            header,
            ending: None,
            length: t.last_time(),
            real: t.last_real(),
            deeds: Vec::new(),
            mentors: Vec::new(),
            mentor_keyboard: false,
            mentor_inputs: 0,
            answers: Vec::new(),
            problems: t.problems.len() + t.more_problems,
        };
        let mut inputs = 0usize;
        // Whether the events being read follow an input of the player's own:
        // an acknowledgement is theirs only then.
        let mut own = false;
        let mut paged_at: Vec<(u32, Millis)> = Vec::new();
        for e in &t.entries {
            match e {
                Entry::Action { at, action, by, .. } => {
                    inputs += 1;
                    own = by.is_none() && inputs > replayed;
                    if by.is_some() {
                        s.mentor_inputs += 1;
                    } else if own && let Some(kind) = deed_of(action) {
                        s.deeds.push(Deed { at: *at, kind });
                    }
                }
                Entry::Hypothesis { at, by: None, .. } => s.deeds.push(Deed {
                    at: *at,
                    kind: DeedKind::Hypothesis,
                }),
                Entry::Seat { who, change, .. } => s.seat(who, *change),
                Entry::Answer { question, text } => {
                    s.answers.push((question.clone(), text.clone()));
                }
                Entry::Event(ev) => match &ev.kind {
                    EventKind::Page { page, to, .. } if to == "you" => {
                        paged_at.push((*page, ev.at));
                    }
                    EventKind::PageAcked { page } if own => {
                        if let Some(&(_, sent)) = paged_at.iter().find(|(p, _)| p == page) {
                            s.deeds.push(Deed {
                                at: ev.at,
                                kind: DeedKind::Acked {
                                    page: *page,
                                    after: ev.at.saturating_sub(sent),
                                },
                            });
                        }
                    }
                    EventKind::Ended {
                        ending,
                        title,
                        outcome,
                        ..
                    } => {
                        s.ending = Some(Ending {
                            name: ending.clone(),
                            title: title.clone(),
                            outcome: *outcome,
                            at: ev.at,
                        });
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Some(s)
    }

    fn seat(&mut self, who: &str, change: SeatChange) {
        if change == SeatChange::Joined && !self.mentors.iter().any(|m| m == who) {
            self.mentors.push(who.to_string());
        }
        if change == SeatChange::TookKeyboard {
            self.mentor_keyboard = true;
        }
    }

    /// The game was played to an ending (not left part-way).
    pub fn finished(&self) -> bool {
        self.ending.is_some()
    }

    /// Whether the player did something that matches `test`, and the
    /// first moment they did.
    pub fn first(&self, test: impl Fn(&DeedKind) -> bool) -> Option<Millis> {
        self.deeds.iter().find(|d| test(&d.kind)).map(|d| d.at)
    }
}

/// The deed an input of the player's is, if it is one worth keeping.
fn deed_of(action: &Action) -> Option<DeedKind> {
    Some(match action {
        Action::Status(state, _) => DeedKind::Status(*state),
        Action::Page(person, _) => DeedKind::Paged(person.clone()),
        Action::Run(line) => DeedKind::Ran(line.trim().to_string()),
        Action::Open(doc) => DeedKind::Opened(doc.clone()),
        Action::Hint => DeedKind::Hint,
        Action::Choose(_) | Action::ChooseId(_) | Action::ChooseOnScreen(_) => DeedKind::Chose,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::recorded_playtest;

    #[test]
    fn a_playthrough_sums_up_without_a_replay() {
        let (_, text) = recorded_playtest("cloudflare-2019-waf", 0);
        let t = Transcript::read(&text);
        let s = Summary::of(&t).unwrap();
        assert_eq!(s.header.scenario, "cloudflare-2019-waf");
        let ending = s.ending.as_ref().unwrap();
        assert_eq!(ending.name, "kill_and_fix");
        assert_eq!(s.length, t.last_time());
        assert_eq!(s.answers.len(), 3);
        // Three pages acknowledged at once, each with its delay.
        let acks: Vec<&Deed> = s
            .deeds
            .iter()
            .filter(|d| matches!(d.kind, DeedKind::Acked { .. }))
            .collect();
        assert_eq!(acks.len(), 3, "{:?}", s.deeds);
        assert!(s.first(|k| matches!(k, DeedKind::Status(_))).is_some());
        assert!(
            s.first(|k| matches!(k, DeedKind::Ran(l) if l == "deploys --since 30m"))
                .is_some()
        );
        assert!(s.mentors.is_empty());
    }

    #[test]
    fn a_junk_file_has_no_summary() {
        assert!(Summary::of(&Transcript::read("junk\n")).is_none());
    }

    #[test]
    fn a_mentors_input_is_not_the_players_deed() {
        let (_, text) = recorded_playtest("tutorial", 0);
        let t = Transcript::read(&text);
        let mut mentored = t.clone();
        for e in &mut mentored.entries {
            if let Entry::Action { by, .. } = e {
                *by = Some("sam".into());
            }
        }
        let s = Summary::of(&mentored).unwrap();
        assert!(
            s.deeds.iter().all(|d| d.kind == DeedKind::Hypothesis),
            "{:?}",
            s.deeds
        );
        assert_eq!(s.mentor_inputs, t.inputs().count());
        let own = Summary::of(&t).unwrap();
        assert!(own.first(|k| matches!(k, DeedKind::Acked { .. })).is_some());
    }
}
