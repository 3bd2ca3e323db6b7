//! Starting a game somewhere other than its opening, for an author trying a
//! late part of a scenario: from a playthrough test's state (its inputs up
//! to a step), or at a scene with flags and variables set. Also what a hot
//! reload asks of the engine: whether a shell line matches a command of a
//! given version of the scenario.

use super::playtest::action_for;
use super::{Action, Sim, Support};
use crate::scenario::pattern::tokenize;
use crate::scenario::{Millis, PlayTest, Scenario, SceneId, Value, VarId, VarKind};
use std::sync::Arc;

/// One input of a playthrough test, as a game gives it: at its game time
/// (`None`: right after the one before), in the engine's words.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedInput {
    pub at: Option<Millis>,
    pub action: Action,
}

/// The inputs of `test` up to step `step` (1-based, all of them when
/// `None`), in order, each at its time. A step past the last is an error
/// that says how many there are.
pub fn test_inputs(
    sc: &Scenario,
    test: &PlayTest,
    step: Option<usize>,
) -> Result<Vec<TimedInput>, String> {
    let n = step.unwrap_or(test.steps.len());
    if n > test.steps.len() {
        return Err(format!(
            "test `{}` has {} step(s); --step takes 0 to {}",
            test.name,
            test.steps.len(),
            test.steps.len()
        ));
    }
    Ok(test.steps[..n]
        .iter()
        .map(|s| TimedInput {
            at: s.at,
            action: action_for(sc, &s.input),
        })
        .collect())
}

/// A start at a scene: the scene, and the values given to variables.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneStart {
    pub scene: SceneId,
    pub set: Vec<(VarId, Value)>,
}

/// Reads `--scene NAME` and its `--set name=value` pairs against the
/// scenario's declarations: an unknown scene or variable, or a value of the
/// wrong type, is an error that says what would do.
pub fn scene_start(
    sc: &Scenario,
    scene: &str,
    set: &[(String, String)],
) -> Result<SceneStart, String> {
    let Some(id) = sc.scenes.iter().position(|s| s.name == scene) else {
        let names: Vec<&str> = sc.scenes.iter().map(|s| s.name.as_str()).collect();
        return Err(unknown("scene", scene, &names));
    };
    let set = set
        .iter()
        .map(|(name, text)| typed_value(sc, name, text))
        .collect::<Result<_, _>>()?;
    Ok(SceneStart {
        scene: SceneId(id),
        set,
    })
}

/// "no scene `x` (did you mean `y`?; there are: a, b, c)".
fn unknown(what: &str, name: &str, names: &[&str]) -> String {
    let near = crate::base::words::closest(name, names.iter().copied())
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    let listed = if names.is_empty() {
        "there are none".to_string()
    } else {
        format!("the scenario has: {}", names.join(", "))
    };
    format!("no {what} named `{name}`{near}; {listed}")
}

/// One `name=value`, typed by the variable's declaration.
fn typed_value(sc: &Scenario, name: &str, text: &str) -> Result<(VarId, Value), String> {
    let Some(i) = sc.vars.iter().position(|v| v.name == name) else {
        let names: Vec<&str> = sc.vars.iter().map(|v| v.name.as_str()).collect();
        return Err(unknown("flag or variable", name, &names));
    };
    let var = &sc.vars[i];
    let value = match &var.kind {
        VarKind::Flag => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        }
        .ok_or_else(|| format!("`{name}` is a flag: its value is `true` or `false`, not `{text}`")),
        VarKind::Number(unit) => text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Value::Number)
            .ok_or_else(|| {
                format!(
                    "`{name}` is a number ({}): its value is a number such as `3` or `2.5`, not `{text}`",
                    unit.describe()
                )
            }),
        VarKind::Enum(values) => values
            .iter()
            .position(|v| v == text)
            .map(Value::Enum)
            .ok_or_else(|| {
                format!(
                    "`{name}` is one of: {}; not `{text}`",
                    values.join(", ")
                )
            }),
    }?;
    Ok((VarId(i), value))
}

impl Sim {
    /// Starts at a scene with variables set (see [`scene_start`]): the
    /// game begins at time zero as any other, only elsewhere.
    pub fn at_scene(
        scenario: impl Into<Arc<Scenario>>,
        seed: u64,
        support: Support,
        start: &SceneStart,
    ) -> Sim {
        Sim::entering(scenario.into(), seed, support, start.scene, &start.set)
    }

    /// The scenario this game runs, shared.
    pub fn shared_scenario(&self) -> Arc<Scenario> {
        self.sc.clone()
    }

    /// Whether `line`, as this game's shell would run it now (`!!`
    /// expanded), matches one of `sc`'s commands: `sc` may be another
    /// version of this game's scenario (a hot reload compares the two).
    pub fn matches_command_of(&self, sc: &Scenario, line: &str) -> bool {
        self.expanded(line)
            .and_then(|l| tokenize(&l))
            .is_some_and(|words| super::shell::command_for(sc, &words).is_some())
    }
}
