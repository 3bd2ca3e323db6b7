//! `firedrill games`: the recorded games as rows, newest first: when, who,
//! which scenario and version, how it was played, how it ended, how long,
//! and where the transcript is. The figures are the transcript's own words,
//! never a score.

use super::{Game, Mark};
use crate::base::printable::printable;
use crate::base::time::duration as fmt_duration;
use crate::record::Mode;
use crate::scenario::Outcome;
use serde::Serialize;

/// One game as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// When it began (RFC 3339, UTC, as the player's clock said).
    pub started: String,
    pub player: String,
    pub scenario: String,
    /// The scenario's content hash: which version was played.
    pub version: String,
    /// `practice`, or `real time` with its speed.
    pub mode: String,
    pub support: String,
    /// The ending's outcome word, or `unfinished` for a game left part-way.
    pub outcome: String,
    /// The ending's title, when it has one.
    pub ending: Option<String>,
    /// Game time played, in milliseconds, and in words.
    pub length_ms: u64,
    pub length: String,
    /// `throwaway` or `private` when the player marked it.
    pub mark: Option<String>,
    /// Forked from another game at a moment ("what if").
    pub forked: bool,
    /// Started from a test's state or at a scene (`play --from-test`,
    /// `--scene`): where, in a few words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    pub path: String,
}

/// Which games to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub player: Option<String>,
    pub scenario: Option<String>,
}

impl Filter {
    fn keeps(&self, g: &Game) -> bool {
        let h = &g.summary.header;
        self.player.as_ref().is_none_or(|p| &h.player == p)
            && self.scenario.as_ref().is_none_or(|s| &h.scenario == s)
    }
}

/// The games `filter` keeps, as rows, in the scan's order (newest first).
pub fn rows(games: &[Game], filter: &Filter) -> Vec<Row> {
    games.iter().filter(|g| filter.keeps(g)).map(row).collect()
}

fn row(g: &Game) -> Row {
    let s = &g.summary;
    let h = &s.header;
    Row {
        started: h.started.clone(),
        player: h.player.clone(),
        scenario: h.scenario.clone(),
        version: h.hash.clone(),
        mode: match h.mode {
            Mode::Practice => "practice".into(),
            Mode::RealTime => format!("real time {}x", h.speed),
        },
        support: h.support.word().into(),
        outcome: s
            .ending
            .as_ref()
            .map_or("unfinished", |e| outcome_word(e.outcome))
            .into(),
        ending: s.ending.as_ref().map(|e| e.title.clone()),
        length_ms: s.length,
        length: fmt_duration(s.length),
        mark: g.mark.map(|m| Mark::word(m).to_string()),
        forked: h.fork.is_some(),
        start: h.start_words(),
        path: g.path.display().to_string(),
    }
}

/// An outcome in one lower-case word or two.
pub fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved => "resolved",
        Outcome::Mitigated => "mitigated",
        Outcome::Worse => "made worse",
        Outcome::TimedOut => "timed out",
        Outcome::Stopped => "stopped",
    }
}

/// The rows as a terminal table: one line per game, the path last so the
/// columns stay aligned; every field made printable.
pub fn table(rows: &[Row]) -> String {
    let mut lines = vec![
        [
            "started", "player", "scenario", "version", "mode", "support", "outcome", "length",
            "mark", "path",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in rows {
        lines.push(vec![
            r.started
                .replace('T', " ")
                .trim_end_matches('Z')
                .to_string(),
            r.player.clone(),
            r.scenario.clone(),
            r.version.chars().take(8).collect(),
            r.mode.clone(),
            r.support.clone(),
            match (&r.start, r.forked) {
                (Some(start), _) => format!("{} ({start})", r.outcome),
                (None, true) => format!("{} (fork)", r.outcome),
                (None, false) => r.outcome.clone(),
            },
            r.length.clone(),
            r.mark.clone().unwrap_or_default(),
            r.path.clone(),
        ]);
    }
    let lines: Vec<Vec<String>> = lines
        .into_iter()
        .map(|l| l.iter().map(|c| printable(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..10)
        .map(|i| {
            lines
                .iter()
                .map(|l| textwrap::core::display_width(&l[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in &lines {
        let mut line = String::new();
        for (i, cell) in l.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < l.len() {
                let pad = widths[i].saturating_sub(textwrap::core::display_width(cell)) + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Transcript;
    use crate::record::summary::Summary;
    use crate::record::tests::recorded_playtest;
    use std::path::PathBuf;

    fn game(id: &str, player: &str) -> Game {
        let (_, text) = recorded_playtest(id, 0);
        let mut summary = Summary::of(&Transcript::read(&text)).unwrap();
        summary.header.player = player.into();
        Game {
            path: PathBuf::from(format!("/t/{id}-{player}.ron")),
            summary,
            mark: None,
        }
    }

    #[test]
    fn rows_say_how_each_game_went_and_filter_by_player_and_scenario() {
        let games = vec![game("tutorial", "maya"), game("cloudflare-2019-waf", "sam")];
        let all = rows(&games, &Filter::default());
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].outcome, "resolved");
        assert_eq!(all[1].mode, "practice");
        let maya = Filter {
            player: Some("maya".into()),
            ..Filter::default()
        };
        assert_eq!(rows(&games, &maya).len(), 1);
        let waf = Filter {
            scenario: Some("cloudflare-2019-waf".into()),
            ..Filter::default()
        };
        assert_eq!(rows(&games, &waf)[0].player, "sam");
    }

    #[test]
    fn the_table_is_aligned_and_printable() {
        let mut g = game("tutorial", "ma\u{1b}[31mya");
        g.mark = Some(Mark::Private);
        let t = table(&rows(&[g], &Filter::default()));
        assert!(!t.contains('\u{1b}'), "{t}");
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].find("path"), lines[1].find("/t/"));
        assert!(lines[1].contains("private"));
    }
}
