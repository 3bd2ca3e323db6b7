//! Onboarding progress: each player's bucket list, every item checked or
//! open, a checked item with the game and the moment that earned it (or the
//! mentor who signed it off), and the drill to play next. Reads transcripts
//! and the sign-offs file; never writes a transcript.

pub mod bucket;
pub mod earn;
pub mod render;
pub mod signoff;
pub mod suggest;

pub use bucket::{Item, List};
pub use earn::{Earned, ItemState, Part};
pub use signoff::SignOff;
pub use suggest::Suggestion;

use crate::game::catalog::{Catalog, Offer};
use crate::ledger::{Game, Mark, Scan};
use crate::scenario::Scenario;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One player's progress.
#[derive(Debug, Clone)]
pub struct Player {
    pub name: String,
    /// The games that count for them.
    pub games: usize,
    pub items: Vec<ItemState>,
    pub next: Option<Suggestion>,
}

impl Player {
    pub fn checked(&self) -> usize {
        self.items.iter().filter(|i| i.checked()).count()
    }
}

/// Everyone's progress, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub players: Vec<Player>,
    /// Files skipped, damaged sign-off lines, a team list that did not read.
    pub warnings: Vec<String>,
}

/// What a report is asked for.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The transcript folders.
    pub dirs: Vec<PathBuf>,
    /// Only this player (shown even with no games).
    pub player: Option<String>,
    /// Who is asking: their private games count, no one else's.
    pub me: String,
}

/// Builds the report: scans the folders, reads the sign-offs, checks each
/// scenario version once, and sums up each player.
pub fn report(ask: &Ask, list: &List, offers: &[Offer]) -> Report {
    let scan = crate::ledger::scan(&ask.dirs);
    let (signs, sign_warnings) = signoff::read_all(&ask.dirs);
    let mut r = Report::default();
    r.warnings.extend(list.warnings.iter().cloned());
    r.warnings.extend(
        scan.skipped
            .iter()
            .map(|s| format!("{}: skipped: {}", s.path.display(), s.why)),
    );
    r.warnings.extend(sign_warnings);
    let scenarios = Scenarios::new(&scan);
    let mut names: Vec<String> = scan
        .games
        .iter()
        .filter(|g| counts(g, &ask.me))
        .map(|g| g.summary.header.player.clone())
        .chain(signs.iter().map(|s| s.player.clone()))
        .collect();
    if let Some(p) = &ask.player {
        names = vec![p.clone()];
    }
    names.sort();
    names.dedup();
    for name in names {
        let games: Vec<earn::Played<'_>> = scan
            .games
            .iter()
            .filter(|g| g.summary.header.player == name && counts(g, &ask.me))
            .map(|g| earn::Played {
                game: g,
                scenario: scenarios.of(&g.summary.header),
            })
            .collect();
        let mine: Vec<SignOff> = signs.iter().filter(|s| s.player == name).cloned().collect();
        let items = earn::items(&list.items, &games, &mine);
        let next = suggest::next(&items, &games, offers);
        r.players.push(Player {
            name,
            games: games.len(),
            items,
            next,
        });
    }
    r
}

/// The report for the player at this machine, over their own transcripts
/// folder: what the picker shows.
pub fn mine(offers: &[Offer]) -> Option<Player> {
    let dir = crate::transcripts::default_dir()?;
    let me = crate::ledger::player::current();
    let ask = Ask {
        dirs: vec![dir],
        player: Some(me.clone()),
        me,
    };
    report(&ask, &bucket::load(), offers).players.pop()
}

/// Whether a game counts in a report asked for by `me`: never a
/// throwaway, a private game only for its own player.
fn counts(g: &Game, me: &str) -> bool {
    match g.mark {
        Some(Mark::Throwaway) => false,
        Some(Mark::Private) => g.summary.header.player == me,
        None => true,
    }
}

/// Each scenario version a game was played on, checked once.
struct Scenarios {
    by_hash: BTreeMap<String, Option<Arc<Scenario>>>,
}

impl Scenarios {
    fn new(scan: &Scan) -> Scenarios {
        let mut by_hash = BTreeMap::new();
        for g in &scan.games {
            let h = &g.summary.header;
            if by_hash.contains_key(&h.hash) {
                continue;
            }
            by_hash.insert(h.hash.clone(), scenario_for(scan, h));
        }
        Scenarios { by_hash }
    }

    fn of(&self, h: &crate::record::Header) -> Option<Arc<Scenario>> {
        self.by_hash.get(&h.hash).cloned().flatten()
    }
}

/// The scenario version a header names: its stored copy, else a built-in
/// whose text has that very hash. Any other version is unknown, and the
/// items that need the scenario are not shown by that game.
fn scenario_for(scan: &Scan, h: &crate::record::Header) -> Option<Arc<Scenario>> {
    if let Some(source) = scan.sources.get(&h.hash) {
        let checked = crate::game::transcript::check_stored(source, &h.scenario);
        return checked.scenario.map(Arc::new);
    }
    if h.origin != "built-in" {
        return None;
    }
    let resolved = Catalog::default().resolve(&h.scenario).ok()?;
    (crate::game::catalog::source_of(&resolved.checked).hash == h.hash)
        .then_some(resolved.checked.scenario.map(Arc::new))
        .flatten()
}

#[cfg(test)]
mod tests;
