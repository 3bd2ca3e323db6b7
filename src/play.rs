//! What every front end shows the same way: the short summary at the end of a
//! drill (the rubric as the player met it) and what really happened in the
//! incident (the root cause and the real responders' timeline).

use crate::scenario::{RubricKind, Scenario};
use crate::sim::Sim;
use crate::sim::eval::format_offset;

/// One line of the end-of-drill summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    /// `+` good, `-` missed, `x` a red herring followed.
    pub mark: char,
    pub text: String,
    /// Why it matters, shown for what went wrong.
    pub why: Option<String>,
}

/// The rubric as the player met it, judged as the debrief judges it
/// (nothing counts before the incident's first symptom).
pub fn summary(sim: &Sim) -> Vec<SummaryLine> {
    let sc = sim.scenario();
    let judged = crate::record::debrief::live_rubric(sc, sim);
    sim.rubric()
        .into_iter()
        .filter_map(|r| {
            let item = sc.rubric.items.get(r.item)?;
            let met = judged.get(r.item).map_or(r.met, |l| l.met);
            let (mark, what) = match (item.kind, met) {
                // Neither met nor missed: it does not apply on this path.
                _ if !r.applies => ('·', "not applicable"),
                (RubricKind::RedHerring, true) => ('x', "followed a red herring"),
                (RubricKind::RedHerring, false) => ('+', "avoided a red herring"),
                (RubricKind::KeyAction, true) => ('+', "key action"),
                (RubricKind::KeyAction, false) => ('-', "key action missed"),
                (RubricKind::Objective, true) => ('+', "objective met"),
                (RubricKind::Objective, false) => ('-', "objective missed"),
            };
            let went_wrong = mark != '+' && r.applies;
            Some(SummaryLine {
                mark,
                text: format!("{what}: {}", item.title),
                why: (went_wrong && !item.why.is_empty()).then(|| item.why.clone()),
            })
        })
        .collect()
}

/// "What really happened": the cause, and what the real responders did when.
pub fn really_happened(sc: &Scenario) -> Vec<String> {
    let mut lines = Vec::new();
    if !sc.rubric.root_cause.is_empty() {
        lines.push("The cause:".to_string());
        lines.extend(sc.rubric.root_cause.lines().map(|l| format!("  {l}")));
    }
    if !sc.rubric.responders.is_empty() {
        let who = sc
            .postmortem
            .as_ref()
            .map_or("the real responders".to_string(), |p| {
                format!("{}'s responders", p.company)
            });
        lines.push(format!("What {who} did (from the postmortem):"));
        for m in &sc.rubric.responders {
            let secs = i64::from(sc.meta.start_clock_secs) + m.offset_ms / 1000;
            let when = if (0..86_400).contains(&secs) {
                format!("{:02}:{:02}", secs / 3600, secs / 60 % 60)
            } else {
                format_offset(u64::try_from(m.offset_ms).unwrap_or(0))
            };
            // A time the postmortem gives only roughly reads `~14:02`.
            let when = if m.approximate {
                format!("~{when}")
            } else {
                when
            };
            lines.push(format!("  {when:<8} {:<12} {}", m.kind.to_string(), m.what));
        }
    }
    lines
}
