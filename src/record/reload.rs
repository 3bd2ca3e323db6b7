//! A game moved onto a new version of its scenario (a hot reload): the
//! inputs given so far replayed into the new version at their game times,
//! saying which no longer apply. The live game (`game::Session::reload`)
//! and every replay of its transcript rebuild it here, so they agree.

use super::Start;
use crate::scenario::{Millis, Scenario};
use crate::sim::eval::format_offset;
use crate::sim::{Action, Event, EventKind, Sim, Support};
use std::sync::Arc;

/// One input given before the reload.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub at: Millis,
    pub action: Action,
    /// Whether the game refused it when it was given (then refusing it
    /// again is nothing new to say).
    pub refused: bool,
}

/// An input that no longer applies in the new version.
#[derive(Debug, Clone, PartialEq)]
pub struct Unapplied {
    /// Its place among the inputs, from 0.
    pub index: usize,
    pub at: Millis,
    pub action: Action,
    pub why: String,
}

impl Unapplied {
    /// "`restart api` at T+03:10 no longer matches a command".
    pub fn describe(&self) -> String {
        let what = match &self.action {
            Action::Run(line) => format!("`{line}`"),
            other => format!("`{}`", crate::scenario::command::Act::from(other.clone())),
        };
        format!("{what} at {} {}", format_offset(self.at), self.why)
    }
}

/// The game rebuilt on the new version.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub sim: Sim,
    /// Everything the new version shows from its start to the moment.
    pub events: Vec<Event>,
    pub unapplied: Vec<Unapplied>,
}

/// A new game on `sc` as a transcript's header starts one: at the opening,
/// or at the scene it names. A scene the version no longer has (or a value
/// it no longer takes) is the error, said in the words of `--scene`.
pub fn new_sim(
    sc: Arc<Scenario>,
    seed: u64,
    support: Support,
    start: Option<&Start>,
) -> Result<Sim, String> {
    match start {
        Some(Start::Scene { scene, set }) => {
            let at = crate::sim::start::scene_start(&sc, scene, set)?;
            Ok(Sim::at_scene(sc, seed, support, &at))
        }
        _ => Ok(Sim::with_support(sc, seed, support)),
    }
}

/// Replays `inputs` into a new game on `sc` (the new version; `old` the
/// one they were given on), each at its game time, then moves its clock on
/// to `until`. An input the new version ends before, refuses (when the old
/// did not) or, for a shell line, no longer matches a command of (when the
/// old matched one) is named among the unapplied; each is still given, as
/// the live game gave it, so a replay of the transcript is the same game.
pub fn reload(
    sc: Arc<Scenario>,
    old: &Scenario,
    (seed, support, start): (u64, Support, Option<&Start>),
    inputs: &[Given],
    until: Millis,
) -> Rebuilt {
    let mut sim = new_sim(sc.clone(), seed, support, start)
        .unwrap_or_else(|_| Sim::with_support(sc, seed, support));
    let mut events = sim.drain();
    let mut unapplied = Vec::new();
    for (index, given) in inputs.iter().enumerate() {
        let mut miss = |why: String| {
            unapplied.push(Unapplied {
                index,
                at: given.at,
                action: given.action.clone(),
                why,
            });
        };
        // An input the old version refused as after its end is nothing new.
        events.extend(sim.advance_to(given.at));
        if sim.is_over() {
            if !given.refused {
                miss("comes after the new version's ending".into());
            }
            continue;
        }
        let action = sim.normalize(given.action.clone());
        if let Action::Run(line) = &action
            && sim.matches_command_of(old, line)
            && !sim.matches_command_of(sim.scenario(), line)
        {
            miss("no longer matches a command".into());
        }
        let own = sim.apply(action);
        let refused = own.iter().find_map(|e| match &e.kind {
            EventKind::Rejected(why) => Some(why.clone()),
            _ => None,
        });
        if let Some(why) = refused.filter(|_| !given.refused) {
            miss(format!("is refused now: {why}"));
        }
        events.extend(own);
    }
    events.extend(sim.advance_to(until));
    Rebuilt {
        sim,
        events,
        unapplied,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::VarKind;
    use crate::sim::start::{scene_start, test_inputs};

    /// Built in here, not read through the library (a layer above `record`).
    const TUTORIAL: &str = include_str!("../../scenarios/tutorial.drill");

    fn checked(text: &str) -> Arc<Scenario> {
        let main = crate::lang::Loaded::text("t.drill", text);
        Arc::new(
            crate::lang::check(main, &crate::lang::NoFiles)
                .scenario
                .unwrap(),
        )
    }

    fn tutorial_text() -> String {
        TUTORIAL.to_string()
    }

    fn tutorial() -> Arc<Scenario> {
        checked(TUTORIAL)
    }

    /// Plays the tutorial's first test on `sc`, as a session gives inputs.
    fn played(sc: &Arc<Scenario>) -> (Sim, Vec<Given>) {
        let mut sim = Sim::new(sc.clone(), 7);
        let mut given = Vec::new();
        for input in test_inputs(sc, &sc.tests[0], None).unwrap() {
            if let Some(at) = input.at {
                sim.advance_to(at);
            }
            let at = sim.now();
            let own = sim.apply(input.action.clone());
            let refused = own.iter().any(|e| matches!(e.kind, EventKind::Rejected(_)));
            given.push(Given {
                at,
                action: input.action,
                refused,
            });
        }
        (sim, given)
    }

    #[test]
    fn the_same_version_replays_into_the_same_game() {
        let sc = checked(&tutorial_text());
        let (sim, given) = played(&sc);
        let how = (7, Support::default(), None);
        let r = reload(sc.clone(), &sc, how, &given, sim.now());
        assert!(r.unapplied.is_empty(), "{:?}", r.unapplied);
        assert_eq!(r.sim.now(), sim.now());
        assert_eq!(r.sim.finish(), sim.finish());
        assert_eq!(r.sim.rubric(), sim.rubric());
    }

    #[test]
    fn a_command_renamed_in_the_new_version_is_named_as_no_longer_matching() {
        let old = checked(&tutorial_text());
        let (sim, given) = played(&old);
        let new = checked(&tutorial_text().replace("logclean", "logscrub"));
        let how = (7, Support::default(), None);
        let r = reload(new, &old, how, &given, sim.now());
        let said: Vec<String> = r.unapplied.iter().map(Unapplied::describe).collect();
        assert_eq!(r.unapplied.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("`logclean --older-than 7d` at T+")
                && said[0].ends_with("no longer matches a command"),
            "{said:?}"
        );
    }

    #[test]
    fn a_scene_start_is_typed_against_the_declarations() {
        let sc = tutorial();
        let scene = sc.scenes.last().unwrap().name.clone();
        assert!(scene_start(&sc, &scene, &[]).is_ok());
        let err = scene_start(&sc, "no-such-scene", &[]).unwrap_err();
        assert!(err.starts_with("no scene named `no-such-scene`"), "{err}");
        let err = scene_start(&sc, &scene, &[("nope".into(), "true".into())]).unwrap_err();
        assert!(err.contains("no flag or variable named `nope`"), "{err}");
        if let Some(flag) = sc.vars.iter().find(|v| v.kind == VarKind::Flag) {
            let set = [(flag.name.clone(), "maybe".into())];
            let err = scene_start(&sc, &scene, &set).unwrap_err();
            assert!(err.contains("is a flag"), "{err}");
            let set = [(flag.name.clone(), "true".into())];
            let start = scene_start(&sc, &scene, &set).unwrap();
            let sim = Sim::at_scene(sc.clone(), 1, Support::default(), &start);
            assert_eq!(sim.current_scene().map(|s| s.0), Some(sc.scenes.len() - 1));
        }
    }

    #[test]
    fn test_inputs_stop_at_the_step_asked_for() {
        let sc = tutorial();
        let test = &sc.tests[0];
        assert_eq!(
            test_inputs(&sc, test, None).unwrap().len(),
            test.steps.len()
        );
        assert_eq!(test_inputs(&sc, test, Some(1)).unwrap().len(), 1);
        assert!(test_inputs(&sc, test, Some(test.steps.len() + 1)).is_err());
    }
}
