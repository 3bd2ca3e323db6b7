//! Rubric entries the player can meet before the incident gives any reason
//! for them (FD0313): a key action or an objective whose condition needs
//! nothing but the player's own freely available deeds, in a scenario
//! whose first symptom comes after the start.

use super::diagnostic::{Code, Diagnostic};
use crate::base::time::duration;
use crate::scenario::symptom::{first_symptom, met_at_start};
use crate::scenario::{RubricKind, Scenario};

/// One warning per key action or objective that can be met before the
/// first symptom. Red herrings are left alone: following one early is
/// still a wrong turn.
pub(super) fn early_rubric(sc: &Scenario) -> Vec<Diagnostic> {
    let Some(first) = first_symptom(sc).and_then(|ms| u64::try_from(ms).ok()) else {
        return Vec::new();
    };
    if first == 0 {
        return Vec::new();
    }
    sc.rubric
        .items
        .iter()
        .filter(|it| it.kind != RubricKind::RedHerring)
        .filter(|it| met_at_start(sc, &it.condition))
        .map(|it| {
            Diagnostic::new(
                Code::EarlyRubric,
                it.span,
                format!(
                    "`{}` can be met before the first symptom at T+{}",
                    it.name,
                    duration(first)
                ),
            )
            .label("the player can do this from T+0, before anything is wrong")
            .note("the first symptom is the earliest responders' `started`, or the first `at` that starts an effect or sets what a `while` effect reads")
            .help("gate it on the incident: set a flag in the command's body when it runs while the symptom shows, and use the flag here")
        })
        .collect()
}
