//! What one game adds to an author's statistics, read from its transcript
//! (and its replay, only for the rubric): the choices the player took in
//! each scene, their think times, how the game felt to them, and which key
//! actions and red herrings were theirs. Only the player's own inputs
//! count: never a mentor's, never the replayed start of a fork.

use crate::base::states::Feeling;
use crate::record::{Entry, Transcript};
use crate::scenario::{Millis, RubricKind, Scenario};
use crate::sim::{Action, EventKind, numbered};

/// The scene a moment belongs to; `None` before the story's first scene.
pub type Scene = Option<String>;

/// A choice taken: in which scene, and its words on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    pub scene: Scene,
    pub text: String,
}

/// The choices a scene put on screen in this game (every option ever shown).
#[derive(Debug, Clone, PartialEq)]
pub struct Offered {
    pub scene: Scene,
    pub options: Vec<String>,
}

/// Real time the player thought before an input of theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Think {
    pub scene: Scene,
    pub ms: u64,
    /// The input it came before, in words.
    pub before: String,
}

/// A felt real / felt fake / confusing note: in play (at a moment, in a
/// scene) or an end-of-game answer (`at` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Felt {
    pub at: Option<(Millis, Scene)>,
    /// The feeling; `None` for an answer to a question this build does
    /// not ask (kept under its own question).
    pub kind: Option<Feeling>,
    pub question: String,
    pub text: String,
}

/// How a rubric entry went in one game.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// Done in time (a key action) or taken (a red herring), at a game time.
    Hit(i64),
    /// A key action done after its deadline or before the first symptom.
    Late(i64),
    Missed,
    /// Done by a mentor or in the replayed start of a fork: not counted.
    NotTheirs,
    /// Its `applies when` did not hold on this game's path: not counted.
    NotApplicable,
}

/// One game's facts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub taken: Vec<Taken>,
    pub offered: Vec<Offered>,
    pub thinks: Vec<Think>,
    pub felt: Vec<Felt>,
    /// For each rubric entry of the scenario, in order (empty without a
    /// replay).
    pub rubric: Vec<(RubricKind, Judged)>,
}

/// Reads one game's facts; `sc` names choices taken by their `#id`, and
/// with `judge` the game is replayed on it for the rubric.
pub fn facts(t: &Transcript, sc: Option<&std::sync::Arc<Scenario>>, judge: bool) -> Facts {
    let mut f = Facts::default();
    let replayed = t
        .header
        .as_ref()
        .and_then(|h| h.fork.as_ref())
        .map_or(0, |fork| fork.inputs);
    let mut scene: Scene = None;
    // The choices on screen, and the scene they belong to (as the
    // `Choices` event says: it can differ from the last scene entered).
    let mut on_screen: Vec<(u32, String)> = Vec::new();
    let mut choices_scene: Scene = None;
    let mut inputs = 0usize;
    let mut since = 0u64;
    for e in &t.entries {
        match e {
            Entry::Event(ev) => match &ev.kind {
                EventKind::Scene { scene: s } => {
                    scene = Some(s.clone());
                    on_screen.clear();
                }
                EventKind::Choices {
                    scene: s,
                    options,
                    numbers,
                } => {
                    on_screen = numbered(options, numbers)
                        .into_iter()
                        .map(|(n, o)| (n, o.to_string()))
                        .collect();
                    choices_scene = Some(s.clone());
                    f.offer(&Some(s.clone()), options);
                }
                _ => {}
            },
            Entry::Action {
                action, real, by, ..
            } => {
                inputs += 1;
                let own = by.is_none() && inputs > replayed;
                if own && let Some(text) = chosen(action, &on_screen, sc.map(AsRef::as_ref)) {
                    f.taken.push(Taken {
                        scene: choices_scene.clone(),
                        text,
                    });
                }
                if let Some(real) = real {
                    f.think(action, *real, own, &mut since, &scene);
                }
            }
            Entry::Feedback {
                at,
                kind,
                text,
                by: None,
                ..
            } => f.felt.push(Felt {
                at: Some((*at, scene.clone())),
                kind: Some(*kind),
                question: String::new(),
                text: text.clone(),
            }),
            Entry::Answer { question, text } if !text.trim().is_empty() => f.felt.push(Felt {
                at: None,
                kind: crate::record::feeling_asked(question),
                question: question.clone(),
                text: text.clone(),
            }),
            _ => {}
        }
    }
    if let Some(sc) = sc.filter(|_| judge) {
        f.rubric = rubric(t, sc, replayed);
    }
    f
}

impl Facts {
    fn offer(&mut self, scene: &Scene, options: &[String]) {
        let known = &mut super::slot(
            &mut self.offered,
            |o| o.scene == *scene,
            || Offered {
                scene: scene.clone(),
                options: Vec::new(),
            },
        )
        .options;
        for o in options {
            if !known.contains(o) {
                known.push(o.clone());
            }
        }
    }

    /// The think time before an input, as the debrief counts it: from the
    /// player's previous decision, or from when they could act again after a
    /// wait or a mentor's move; looking at a graph is part of thinking.
    fn think(&mut self, action: &Action, real: u64, own: bool, since: &mut u64, scene: &Scene) {
        match action {
            Action::Inject(_) | Action::Whisper(_) | Action::Graph(_) => {}
            _ if !own => *since = real,
            Action::Wait(_) => *since = real,
            _ => {
                self.thinks.push(Think {
                    scene: scene.clone(),
                    ms: real.saturating_sub(*since),
                    before: input_words(action),
                });
                *since = real;
            }
        }
    }
}

/// The words of the choice an input took, as they were on screen (one
/// taken by its `#id`: its words in the scenario, when it is known).
fn chosen(action: &Action, on_screen: &[(u32, String)], sc: Option<&Scenario>) -> Option<String> {
    match action {
        Action::Choose(n) => on_screen
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, t)| t.clone()),
        Action::ChooseOnScreen(n) => {
            let i = usize::try_from(n.checked_sub(1)?).ok()?;
            on_screen.get(i).map(|(_, t)| t.clone())
        }
        Action::ChooseId(id) => Some(
            sc.and_then(|sc| sc.choices.get(sc.choice_names.get(id)?.0))
                .map_or_else(|| format!("#{id}"), |c| c.text.skeleton()),
        ),
        _ => None,
    }
}

/// An input, in a few words.
fn input_words(action: &Action) -> String {
    match action {
        Action::Run(l) => format!("`{}`", l.trim()),
        Action::Ack(_) => "acknowledging".into(),
        Action::Choose(_) | Action::ChooseOnScreen(_) | Action::ChooseId(_) => "a choice".into(),
        Action::Page(p, _) => format!("paging {p}"),
        Action::Status(..) => "a status update".into(),
        Action::Open(d) => format!("reading `{d}`"),
        Action::Resolve(_) | Action::Silence(_) => "the pager".into(),
        Action::Hint => "asking for a hint".into(),
        Action::Graph(m) => format!("the graph `{m}`"),
        Action::Wait(_) => "waiting".into(),
        Action::Inject(_) | Action::Whisper(_) => "the mentor".into(),
    }
}

/// The game replayed and each key action and red herring judged as the
/// debrief judges it; one the player's own inputs did not bring about (the
/// last input given by then was a mentor's, or part of a fork's replayed
/// start) is [`Judged::NotTheirs`].
fn rubric(
    t: &Transcript,
    sc: &std::sync::Arc<Scenario>,
    replayed: usize,
) -> Vec<(RubricKind, Judged)> {
    let r = crate::record::replay(sc.clone(), t);
    let lines = crate::record::debrief::live_rubric(sc, &r.sim);
    lines
        .iter()
        .map(|l| {
            if !l.applies {
                return (l.kind, Judged::NotApplicable);
            }
            let Some(at) = l.at.as_ref().map(|m| m.ms) else {
                return (l.kind, Judged::Missed);
            };
            let by_then = r
                .steps
                .iter()
                .rposition(|s| i64::try_from(s.at).is_ok_and(|s| s <= at));
            let theirs = by_then.is_none_or(|i| r.steps[i].by.is_none() && i >= replayed);
            let judged = match (theirs, l.met) {
                (false, _) => Judged::NotTheirs,
                (true, true) => Judged::Hit(at),
                (true, false) if l.kind == RubricKind::KeyAction => Judged::Late(at),
                (true, false) => Judged::Missed,
            };
            (l.kind, judged)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::recorded_playtest;

    #[test]
    fn a_playthrough_gives_its_choices_answers_and_rubric() {
        let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
        let t = Transcript::read(&text);
        let f = facts(&t, Some(&sc), true);
        assert!(!f.taken.is_empty());
        assert!(
            f.taken
                .iter()
                .all(|c| !c.text.is_empty() && c.scene.is_some())
        );
        for c in &f.taken {
            assert!(
                f.offered
                    .iter()
                    .any(|o| o.scene == c.scene && o.options.contains(&c.text)),
                "{c:?}"
            );
        }
        assert_eq!(f.felt.len(), 3);
        assert!(f.felt.iter().all(|x| x.at.is_none() && x.kind.is_some()));
        assert_eq!(f.rubric.len(), sc.rubric.items.len());
        assert!(
            f.rubric
                .iter()
                .any(|(k, j)| *k == RubricKind::KeyAction && matches!(j, Judged::Hit(_)))
        );
        // Recorded playthroughs carry no real times.
        assert!(f.thinks.is_empty());
        assert!(facts(&t, Some(&sc), false).rubric.is_empty());
    }

    #[test]
    fn a_mentors_inputs_are_not_the_players() {
        let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
        let mut t = Transcript::read(&text);
        for e in &mut t.entries {
            if let Entry::Action { by, .. } = e {
                *by = Some("sam".into());
            }
        }
        let f = facts(&t, Some(&sc), true);
        assert!(f.taken.is_empty());
        assert!(
            f.rubric
                .iter()
                .all(|(_, j)| matches!(j, Judged::NotTheirs | Judged::Missed)),
            "{:?}",
            f.rubric
        );
    }

    #[test]
    fn think_times_and_notes_in_play() {
        let mut t = Transcript::default();
        let act = |action: Action, real: u64| Entry::Action {
            at: 0,
            action,
            real: Some(real),
            by: None,
        };
        t.entries = vec![
            act(Action::Run("df -h".into()), 4_000),
            act(Action::Wait(60_000), 5_000),
            act(Action::Graph("disk".into()), 9_000),
            act(Action::Hint, 12_000),
            Entry::Feedback {
                at: 90_000,
                kind: Feeling::Confusing,
                text: "which host?".into(),
                real: None,
                by: None,
            },
            Entry::Feedback {
                at: 90_000,
                kind: Feeling::Fake,
                text: "a mentor's".into(),
                real: None,
                by: Some("sam".into()),
            },
        ];
        let f = facts(&t, None, false);
        let thinks: Vec<(u64, &str)> = f.thinks.iter().map(|x| (x.ms, x.before.as_str())).collect();
        assert_eq!(thinks, [(4_000, "`df -h`"), (7_000, "asking for a hint")]);
        assert_eq!(f.felt.len(), 1);
        assert_eq!(f.felt[0].at, Some((90_000, None)));
    }
}
