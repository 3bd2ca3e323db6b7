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

#[cfg(test)]
mod tests {
    use crate::lang::{Loaded, NoFiles, check};

    /// The FD0313 warnings of a scenario whose debrief is `debrief`, whose
    /// incident starts at `start` (an `at` line, or nothing).
    fn early(start: &str, debrief: &str) -> Vec<String> {
        let text = format!(
            "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n\n\
             flag live\nflag saw\n\n\
             metric errors \"Errors\"\n    unit %\n    baseline 0\n    range 0 to 100\n    effect outage step to 40 while live\n\n\
             command deploys \"deploys\"\n    output \"nothing\"\n    if live\n        set saw = true\n\n\
             {start}\n\
             scene desk\n    Quiet.\n    * Close the laptop\n        end done\n\n\
             ending done \"Done\"\n    outcome resolved\n\n\
             debrief\n{debrief}"
        );
        let c = check(Loaded::text("t.drill", &text), &NoFiles);
        c.diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "FD0313")
            .map(|d| d.message.clone())
            .collect()
    }

    const AT: &str = "at T+3m\n    set live = true\n";

    #[test]
    fn a_deed_free_from_the_start_is_early() {
        let w = early(
            AT,
            "    key action k \"K\"\n        done when ran deploys\n",
        );
        assert_eq!(w, ["`k` can be met before the first symptom at T+3m"]);
        let w = early(
            AT,
            "    objective o \"O\"\n        met when ran deploys before T+10m or viewed errors\n",
        );
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn state_gates_status_posts_and_red_herrings_are_not() {
        for d in [
            "    key action k \"K\"\n        done when saw\n",
            "    key action k \"K\"\n        done when ran deploys and live\n",
            "    objective o \"O\"\n        met when posted status before T+10m\n",
            "    red herring r \"R\"\n        taken when ran deploys\n",
            "    objective o \"O\"\n        met when ran deploys before T+0\n",
        ] {
            assert!(early(AT, d).is_empty(), "{d}");
        }
    }

    #[test]
    fn no_later_symptom_no_warning() {
        // Nothing says when the incident starts, or it starts at once.
        let d = "    key action k \"K\"\n        done when ran deploys\n";
        assert!(early("", d).is_empty());
        assert!(early("at T+0\n    set live = true\n", d).is_empty());
        let real = format!("{d}    responders\n        started ~09:58 \"It began\"\n");
        assert!(early(AT, &real).is_empty());
    }
}
