//! The drill to play next: a scenario not played yet that could earn the
//! most open items, else a re-drill of the one played longest ago; always
//! with the reason in words.

use super::bucket::{Check, Cond, Facet, clock_secs};
use super::earn::{ItemState, Played};
use crate::game::catalog::Offer;
use crate::scenario::{DocKind, Scenario};

/// A drill to play next, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The scenario's id, and how to name it on the command line.
    pub id: String,
    pub shown: String,
    /// A re-drill of one played before.
    pub again: bool,
    pub why: String,
}

/// The suggestion for a player with these items and games.
pub fn next(items: &[ItemState], games: &[Played<'_>], offers: &[Offer]) -> Option<Suggestion> {
    let played = |id: &str| games.iter().any(|p| p.game.summary.header.scenario == id);
    let open: Vec<&ItemState> = items.iter().filter(|i| !i.checked()).collect();
    let best = offers
        .iter()
        .filter(|o| !played(&o.id))
        .filter_map(|o| {
            let sc = o.scenario.as_deref()?;
            let covers: Vec<&str> = open
                .iter()
                .filter(|i| could(i, sc))
                .map(|i| i.item.title.as_str())
                .collect();
            (!covers.is_empty()).then_some((o, covers))
        })
        // The most items; among equals, the first offered (the library's order).
        .fold(None::<(&Offer, Vec<&str>)>, |best, (o, c)| match best {
            Some((_, ref b)) if b.len() >= c.len() => best,
            _ => Some((o, c)),
        });
    if let Some((o, covers)) = best {
        return Some(Suggestion {
            id: o.id.clone(),
            shown: o.shown.clone(),
            again: false,
            why: format!("not played yet; could earn: {}", covers.join("; ")),
        });
    }
    redrill(games, offers)
}

/// The playable scenario whose last game is the oldest.
fn redrill(games: &[Played<'_>], offers: &[Offer]) -> Option<Suggestion> {
    let last = |id: &str| {
        games
            .iter()
            .map(|p| &p.game.summary.header)
            .filter(|h| h.scenario == id)
            .map(|h| h.started.as_str())
            .max()
    };
    offers
        .iter()
        .filter(|o| o.scenario.is_some())
        .filter_map(|o| last(&o.id).map(|when| (o, when)))
        .min_by(|a, b| a.1.cmp(b.1))
        .map(|(o, when)| Suggestion {
            id: o.id.clone(),
            shown: o.shown.clone(),
            again: true,
            why: format!(
                "a re-drill: the one played longest ago (last on {})",
                when.get(..10).unwrap_or(when)
            ),
        })
}

/// Whether playing `sc` could earn an open item. Conditions that depend on
/// how it is played (real time, a mentor watching) count as possible; those
/// the scenario decides (its difficulty, role, runbooks, rollbacks, clock)
/// must hold.
fn could(state: &ItemState, sc: &Scenario) -> bool {
    match &state.item.check {
        Check::Game(conds) => conds.iter().all(|c| could_show(c, sc)),
        Check::Every(Facet::Role) => sc.meta.role_kind.is_some_and(|r| {
            state
                .parts
                .iter()
                .any(|p| p.value == r.word() && p.earned.is_none())
        }),
        // Any scenario: the level is chosen when it starts.
        Check::Every(Facet::Support) => false,
        Check::SignOff => false,
    }
}

fn could_show(c: &Cond, sc: &Scenario) -> bool {
    match c {
        Cond::Acked { .. } => !sc.alerts.is_empty(),
        Cond::Paged => sc.people.iter().any(|p| p.pageable),
        Cond::RanRollback => sc.commands.iter().any(|c| c.rollback),
        Cond::ReadRunbook => sc.docs.iter().any(|d| d.kind == DocKind::Runbook),
        Cond::AtNight { from, until } => {
            let (Ok(from), Ok(until)) = (clock_secs(from), clock_secs(until)) else {
                return false;
            };
            // Any minute of the incident at night.
            let start = u64::from(sc.meta.start_clock_secs);
            (0..=(sc.meta.duration / 60_000).min(24 * 60)).any(|m| {
                let secs = u32::try_from((start + m * 60) % 86_400).unwrap_or(0);
                super::earn::in_window(secs, from, until)
            })
        }
        Cond::Difficulty(d) => sc.meta.difficulty == *d,
        Cond::PostedStatus | Cond::Finished | Cond::RealTime | Cond::Mentored => true,
    }
}
