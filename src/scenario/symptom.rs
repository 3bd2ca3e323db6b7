//! The incident's first symptom, and which rubric conditions the player can
//! make hold before it: a key action or objective means something only once
//! the incident has given a reason for it.

use super::{Action, Expr, MilestoneKind, Scenario, TriggerKind, VarId, each_action};

/// The earliest moment the scenario itself shows something wrong, in
/// milliseconds from the start (negative: before it), or `None` when it
/// says nothing. It is the earliest of: the responders' `started`
/// milestones; an `at` (or the first beat of an `every`) that starts an
/// effect on a metric or sets a variable a `while` effect reads; and the
/// opening scene, when it does so itself (T+0). Effects the player's own
/// commands or choices start are not the incident's symptoms. A game adds
/// the first alert that actually fired (see the debrief).
pub fn first_symptom(sc: &Scenario) -> Option<i64> {
    let started = sc
        .rubric
        .responders
        .iter()
        .filter(|m| m.kind == MilestoneKind::Started)
        .map(|m| m.offset_ms);
    let timed = sc.triggers.iter().filter_map(|t| {
        let at = match t.kind {
            TriggerKind::At(at) => at,
            TriggerKind::Every { from, .. } => from,
            TriggerKind::When { .. } => return None,
        };
        moves_a_metric(sc, &t.actions).then(|| i64::try_from(at).unwrap_or(i64::MAX))
    });
    let opening = sc
        .scene(sc.opening)
        .filter(|s| moves_a_metric(sc, &s.actions))
        .map(|_| 0);
    started.chain(timed).chain(opening).min()
}

/// Whether these actions start an effect, or set a variable some `while`
/// effect depends on.
fn moves_a_metric(sc: &Scenario, actions: &[Action]) -> bool {
    let mut moves = false;
    each_action(actions, &mut |a| match a {
        Action::Start(_) => moves = true,
        Action::Set(v, _) => {
            moves |= sc
                .effects
                .iter()
                .filter_map(|e| e.while_cond.as_ref())
                .any(|c| reads(c, *v));
        }
        _ => {}
    });
    moves
}

/// Whether a condition reads a variable.
fn reads(e: &Expr, v: VarId) -> bool {
    match e {
        Expr::Var(x) => *x == v,
        Expr::EnumIs { var, .. } => *var == v,
        Expr::Not(a) => reads(a, v),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Compare(_, a, b)
        | Expr::Add(a, b)
        | Expr::Sub(a, b) => reads(a, v) || reads(b, v),
        _ => false,
    }
}

/// Whether the player alone can make a condition hold at the very start:
/// every part it needs is something the player may do from T+0 without
/// any state of the world (`ran C`, `read D`, `viewed M`, `paged P`,
/// `status is S`), or the absence of such a deed (`not ran C`). `posted
/// status` is not one: the engine counts a post only once the incident has
/// begun. Anything about the world (a flag, a variable, an alert, the
/// time, a scene, a choice) counts as a gate, so this errs on the side of
/// silence: it names only conditions that certainly need no incident.
pub fn met_at_start(sc: &Scenario, e: &Expr) -> bool {
    match e {
        Expr::Bool(b) => *b,
        Expr::Ran(_, before) => before.is_none_or(|b| b > 0),
        Expr::Read(_) | Expr::Viewed(_) | Expr::StatusIs(_) => true,
        Expr::Paged(p) => sc.people.get(p.0).is_some_and(|p| p.pageable),
        Expr::Not(a) => a.is_deed(),
        Expr::And(a, b) => met_at_start(sc, a) && met_at_start(sc, b),
        Expr::Or(a, b) => met_at_start(sc, a) || met_at_start(sc, b),
        _ => false,
    }
}

impl Expr {
    /// Something the player does, false until they do it.
    fn is_deed(&self) -> bool {
        matches!(
            self,
            Expr::Ran(..)
                | Expr::Chose(..)
                | Expr::Read(_)
                | Expr::Viewed(_)
                | Expr::Paged(_)
                | Expr::PostedStatus(_)
                | Expr::StatusIs(_)
        )
    }
}
