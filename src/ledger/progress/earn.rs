//! Which of a player's games earned each bucket-list item, and at which
//! moment: the oldest game that shows it, so the evidence is the first
//! time the player did it. Nothing is guessed: a condition that needs the
//! scenario (a role, a runbook, the incident's clock) is shown only by a
//! game whose scenario version is known.

use super::bucket::{Check, Cond, Facet, Item, clock_secs, within_ms};
use super::signoff::SignOff;
use crate::ledger::Game;
use crate::record::Mode;
use crate::record::summary::DeedKind;
use crate::scenario::{DocKind, Millis, Role, Scenario};
use crate::sim::Support;
use std::path::PathBuf;
use std::sync::Arc;

/// The game and the moment that earned an item (or one part of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Earned {
    pub path: PathBuf,
    pub scenario: String,
    /// When the game began (RFC 3339, UTC).
    pub started: String,
    /// The game time of the moment, and the incident's clock then (empty
    /// when the scenario is not known).
    pub at: Millis,
    pub clock: String,
    /// What the player did, in words.
    pub what: String,
}

/// One value an [`Check::Every`] item needs (a support level, a role).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub value: &'static str,
    pub earned: Option<Earned>,
}

/// An item for one player: what earned it, if anything, and who signed it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub item: Item,
    pub earned: Option<Earned>,
    pub parts: Vec<Part>,
    pub signed: Vec<SignOff>,
}

impl ItemState {
    pub fn checked(&self) -> bool {
        self.earned.is_some()
            || (!self.parts.is_empty() && self.parts.iter().all(|p| p.earned.is_some()))
            || !self.signed.is_empty()
    }
}

/// A game with its scenario, when that version is known.
#[derive(Debug)]
pub struct Played<'a> {
    pub game: &'a Game,
    pub scenario: Option<Arc<Scenario>>,
}

/// Every item's state for one player, from their games (any order) and
/// sign-offs.
pub fn items(items: &[Item], games: &[Played<'_>], signs: &[SignOff]) -> Vec<ItemState> {
    // Oldest first, so the evidence is the first time.
    let mut oldest: Vec<&Played<'_>> = games.iter().collect();
    oldest.sort_by(|a, b| {
        let (a, b) = (&a.game, &b.game);
        (&a.summary.header.started, &a.path).cmp(&(&b.summary.header.started, &b.path))
    });
    items
        .iter()
        .map(|item| {
            let (earned, parts) = match &item.check {
                Check::Game(conds) => (oldest.iter().find_map(|p| shows(p, conds)), Vec::new()),
                Check::Every(facet) => (None, every(*facet, &oldest)),
                Check::SignOff => (None, Vec::new()),
            };
            ItemState {
                item: item.clone(),
                earned,
                parts,
                signed: signs
                    .iter()
                    .filter(|s| s.item == item.id)
                    .cloned()
                    .collect(),
            }
        })
        .collect()
}

/// The moment one game shows every condition: the latest of their
/// moments (the game start when none has one of its own).
fn shows(p: &Played<'_>, conds: &[Cond]) -> Option<Earned> {
    let mut at: Option<Millis> = None;
    let mut words = Vec::new();
    for c in conds {
        let (moment, what) = moment(p, c)?;
        if let Some(m) = moment {
            at = Some(at.map_or(m, |a| a.max(m)));
        }
        words.push(what);
    }
    Some(earned(p, at.unwrap_or(0), words.join("; ")))
}

fn earned(p: &Played<'_>, at: Millis, what: String) -> Earned {
    let h = &p.game.summary.header;
    Earned {
        path: p.game.path.clone(),
        scenario: h.scenario.clone(),
        started: h.started.clone(),
        at,
        clock: p.scenario.as_ref().map_or_else(String::new, |sc| {
            crate::base::time::clock_at(
                sc.meta.start_clock_secs,
                i64::try_from(at).unwrap_or(i64::MAX),
                false,
            )
        }),
        what,
    }
}

/// Whether a game shows one condition: its moment (`None`: the game as a
/// whole) and what the player did, in words.
fn moment(p: &Played<'_>, c: &Cond) -> Option<(Option<Millis>, String)> {
    let s = &p.game.summary;
    let sc = p.scenario.as_deref();
    let first = |what: &dyn Fn(&DeedKind) -> Option<String>| {
        s.deeds
            .iter()
            .find_map(|d| what(&d.kind).map(|w| (Some(d.at), w)))
    };
    match c {
        Cond::Acked { within } => {
            let limit = within_ms(within).ok()?;
            first(&|k| match k {
                DeedKind::Acked { page, after } if *after <= limit => Some(format!(
                    "acknowledged page {page} {} after it went out",
                    crate::base::time::duration(*after)
                )),
                _ => None,
            })
        }
        Cond::PostedStatus => first(&|k| match k {
            DeedKind::Status(state) => Some(format!("posted status `{}`", state.word())),
            _ => None,
        }),
        Cond::Paged => first(&|k| match k {
            DeedKind::Paged(who) => Some(format!("paged {who}")),
            _ => None,
        }),
        Cond::RanRollback => {
            let sc = sc?;
            first(&|k| match k {
                DeedKind::Ran(line)
                    if crate::record::debrief::command_for(sc, line)
                        .and_then(|i| sc.commands.get(i))
                        .is_some_and(|c| c.rollback) =>
                {
                    Some(format!("rolled back: `{line}`"))
                }
                _ => None,
            })
        }
        Cond::ReadRunbook => {
            let sc = sc?;
            first(&|k| match k {
                DeedKind::Opened(doc)
                    if sc
                        .docs
                        .iter()
                        .any(|d| &d.name == doc && d.kind == DocKind::Runbook) =>
                {
                    Some(format!("opened the runbook `{doc}`"))
                }
                _ => None,
            })
        }
        Cond::AtNight { from, until } => {
            let sc = sc?;
            let (from, until) = (clock_secs(from).ok()?, clock_secs(until).ok()?);
            s.deeds.iter().find_map(|d| {
                let secs = clock_of(sc.meta.start_clock_secs, d.at);
                in_window(secs, from, until).then(|| {
                    (
                        Some(d.at),
                        format!(
                            "at work at {} on the incident's clock",
                            crate::base::time::time_of_day(u64::from(secs), false)
                        ),
                    )
                })
            })
        }
        Cond::Finished => s.ending.as_ref().filter(|_| own_start(p)).map(|e| {
            (
                Some(e.at),
                format!("finished: {} ({})", e.title, e.outcome.label()),
            )
        }),
        Cond::Difficulty(d) => {
            (sc?.meta.difficulty == *d).then(|| (None, format!("a {d} scenario")))
        }
        Cond::RealTime => (s.header.mode == Mode::RealTime).then(|| (None, "in real time".into())),
        Cond::Mentored => {
            (!s.mentors.is_empty()).then(|| (None, format!("watched by {}", s.mentors.join(", "))))
        }
    }
}

/// Whether the game was played from its start: a game forked from a
/// moment of another, or started from a test's state or at a scene
/// (`play --from-test`, `--scene`), counts for what the player did in it,
/// never for finishing (its start was replayed, or skipped).
fn own_start(p: &Played<'_>) -> bool {
    p.game.summary.header.from_the_start()
}

/// Seconds past midnight on the incident's clock at game time `at`.
fn clock_of(start_secs: u32, at: Millis) -> u32 {
    let secs = u64::from(start_secs) + at / 1000;
    u32::try_from(secs % 86_400).unwrap_or(0)
}

/// Whether `secs` past midnight falls in `[from, until)`, across midnight
/// when `until` comes first.
pub(super) fn in_window(secs: u32, from: u32, until: u32) -> bool {
    if from <= until {
        (from..until).contains(&secs)
    } else {
        secs >= from || secs < until
    }
}

/// The first finished game for each value of `facet`.
fn every(facet: Facet, oldest: &[&Played<'_>]) -> Vec<Part> {
    let finished = |p: &&&Played<'_>| p.game.summary.ending.is_some() && own_start(p);
    let part = |value: &'static str, test: &dyn Fn(&Played<'_>) -> bool, what: String| Part {
        value,
        earned: oldest.iter().filter(finished).find(|p| test(p)).map(|p| {
            let at = p.game.summary.ending.as_ref().map_or(0, |e| e.at);
            earned(p, at, what.clone())
        }),
    };
    match facet {
        Facet::Support => Support::ALL
            .iter()
            .map(|s| {
                part(
                    s.word(),
                    &|p| p.game.summary.header.support == *s,
                    format!("finished with support {}", s.word()),
                )
            })
            .collect(),
        Facet::Role => Role::ALL
            .iter()
            .map(|r| {
                part(
                    r.word(),
                    &|p| {
                        p.scenario
                            .as_ref()
                            .is_some_and(|sc| sc.meta.role_kind == Some(*r))
                    },
                    format!("finished in the role {}", r.word()),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn night_wraps_past_midnight() {
        let (ten, six) = (22 * 3600, 6 * 3600);
        assert!(in_window(23 * 3600, ten, six));
        assert!(in_window(3600, ten, six));
        assert!(!in_window(12 * 3600, ten, six));
        assert!(!in_window(six, ten, six));
        assert!(in_window(9 * 3600, 9 * 3600, 17 * 3600));
        // 23:54 plus eight minutes is 00:02 the next day.
        assert_eq!(clock_of(23 * 3600 + 54 * 60, 8 * 60_000), 2 * 60);
    }
}
