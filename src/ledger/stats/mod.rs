//! What players tell a scenario's author, across every recorded game of it
//! (`firedrill stats`): how games ended, each key action's hit rate and
//! median time, red herrings taken, hints asked for, the choices taken in
//! each scene, where players thought longest, and every felt real / felt
//! fake / confusing note grouped by the moment it was about. Each version
//! of a scenario (by content hash) and each mode (practice, real time)
//! stands apart; throwaway and private games count nowhere. Every figure
//! carries its counts ("3 of 5 games"), and one from too few games says
//! so: these are for improving a scenario, never a score.

mod game;
mod html;
mod text;

pub use html::html;
pub use text::{markdown, terminal};

use super::{Mark, Scan};
use crate::game::transcript::scenario_for;
use crate::record::summary::{DeedKind, Summary};
use crate::record::{Mode, Source};
use crate::scenario::{RubricKind, Scenario};
use game::{Facts, Felt, Judged};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Fewer games than this and a figure is an anecdote, and says so.
pub const FEW: usize = 5;

/// What to gather.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// One scenario's id; `None`: every scenario found.
    pub scenario: Option<String>,
    /// Show who wrote each note.
    pub names: bool,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// One per scenario version and mode, newest first.
    pub versions: Vec<Version>,
    /// Games marked as throwaways or private, left out.
    pub throwaway: usize,
    pub private: usize,
    /// Files that could not be read, and why.
    pub skipped: Vec<SkippedFile>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub why: String,
}

/// Every game of one version of a scenario, in one mode.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub scenario: String,
    /// The scenario's title, when its stored source checks.
    pub title: Option<String>,
    pub hash: String,
    /// `practice` or `real time`.
    pub mode: String,
    pub games: usize,
    /// Fewer than [`FEW`] games: every figure is an anecdote.
    pub few: bool,
    /// The first and last game's start (RFC 3339).
    pub first: String,
    pub last: String,
    pub endings: Vec<EndingCount>,
    /// Games left before any ending.
    pub unfinished: usize,
    /// Why the rubric figures are missing, when they are.
    pub rubric_missing: Option<String>,
    pub key_actions: Vec<RubricFigure>,
    pub red_herrings: Vec<RubricFigure>,
    /// Games in which the player asked for a hint, and hints asked in all.
    pub hint_games: usize,
    pub hints: usize,
    pub choices: Vec<SceneChoices>,
    /// Games whose transcripts carry real times (think times need them).
    pub timed_games: usize,
    pub thinking: Vec<ThinkFigure>,
    pub notes: Vec<MomentNotes>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndingCount {
    pub name: String,
    pub title: String,
    pub outcome: String,
    pub games: usize,
}

/// A key action or a red herring across games.
#[derive(Debug, Clone, Serialize)]
pub struct RubricFigure {
    pub name: String,
    pub title: String,
    /// Games it was judged in (a mentor's doing is not the player's).
    pub games: usize,
    /// Done in time, or (red herring) taken.
    pub hits: usize,
    /// Key actions only: done, but late or before the first symptom.
    pub late: usize,
    /// Games where a mentor, or a fork's replayed start, did it.
    pub not_theirs: usize,
    /// The median game time it was done or taken at, of the games it was.
    pub median_ms: Option<i64>,
    pub median: Option<String>,
}

/// The choices a scene offered, and how often each was taken.
#[derive(Debug, Clone, Serialize)]
pub struct SceneChoices {
    /// The scene's name (`None`: before the first scene).
    pub scene: Option<String>,
    /// Games in which the scene's choices were on screen.
    pub games: usize,
    pub options: Vec<OptionCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionCount {
    pub text: String,
    /// Times taken, and in how many games.
    pub taken: usize,
    pub games: usize,
}

/// Think time before the player's inputs in one scene.
#[derive(Debug, Clone, Serialize)]
pub struct ThinkFigure {
    pub scene: Option<String>,
    pub inputs: usize,
    pub games: usize,
    pub median_ms: u64,
    pub median: String,
    pub longest_ms: u64,
    pub longest: String,
    /// The input the longest think came before.
    pub longest_before: String,
}

/// The notes about one moment of the game.
#[derive(Debug, Clone, Serialize)]
pub struct MomentNotes {
    /// `scene X` for notes in play, `the game as a whole` for answers.
    pub moment: String,
    pub notes: Vec<NoteLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteLine {
    /// `felt real`, `felt fake`, `was confusing`, or the question asked.
    pub kind: String,
    /// `T+4m` for a note in play.
    pub at: Option<String>,
    pub text: String,
    /// Only with `--names`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
}

/// One game to gather: its summary and its facts.
struct Played<'a> {
    summary: &'a Summary,
    facts: Facts,
}

/// Gathers the report from a scan.
pub fn gather(scan: &Scan, options: &Options) -> Report {
    let mut report = Report {
        skipped: scan
            .skipped
            .iter()
            .map(|s| SkippedFile {
                path: s.path.clone(),
                why: s.why.clone(),
            })
            .collect(),
        ..Report::default()
    };
    let mut groups: BTreeMap<(String, String, bool), Vec<&super::Game>> = BTreeMap::new();
    for g in &scan.games {
        let h = &g.summary.header;
        if options.scenario.as_ref().is_some_and(|s| *s != h.scenario) {
            continue;
        }
        match g.mark {
            Some(Mark::Throwaway) => report.throwaway += 1,
            Some(Mark::Private) => report.private += 1,
            None => groups
                .entry((h.scenario.clone(), h.hash.clone(), h.mode == Mode::Practice))
                .or_default()
                .push(g),
        }
    }
    let mut scenarios = Scenarios::new(&scan.sources);
    for ((scenario, hash, practice), games) in groups {
        let checked = scenarios.get(&games[0].summary.header, &games[0].path);
        let played = read_all(&games, &scan.sources, checked.as_ref().ok());
        report.versions.push(version(
            &scenario,
            &hash,
            practice,
            &played,
            checked.as_ref().map(AsRef::as_ref),
            options.names,
        ));
    }
    // Newest first: the version played last leads.
    report.versions.sort_by(|a, b| b.last.cmp(&a.last));
    report
}

/// Each version's scenario, checked once.
struct Scenarios<'a> {
    sources: &'a BTreeMap<String, Source>,
    checked: BTreeMap<String, Result<Arc<Scenario>, String>>,
}

impl<'a> Scenarios<'a> {
    fn new(sources: &'a BTreeMap<String, Source>) -> Self {
        Scenarios {
            sources,
            checked: BTreeMap::new(),
        }
    }

    fn get(
        &mut self,
        header: &crate::record::Header,
        path: &std::path::Path,
    ) -> Result<Arc<Scenario>, String> {
        let sources = self.sources;
        self.checked
            .entry(header.hash.clone())
            .or_insert_with(|| {
                let shown = path.display().to_string();
                // Another version judges these games wrongly: better none.
                scenario_for(sources.get(&header.hash), header, &shown).and_then(|(sc, _, hash)| {
                    if hash == header.hash {
                        Ok(sc)
                    } else {
                        Err("this version of the scenario is not at hand (it changed since, and these transcripts do not store it)".into())
                    }
                })
            })
            .clone()
    }
}

/// Reads every game's facts, on two threads: the replays behind the rubric
/// are most of the work.
fn read_all<'a>(
    games: &[&'a super::Game],
    sources: &BTreeMap<String, Source>,
    sc: Option<&Arc<Scenario>>,
) -> Vec<Played<'a>> {
    // Replay only when there is a rubric to judge.
    let judge = sc.is_some_and(|s| {
        s.rubric
            .items
            .iter()
            .any(|i| i.kind != RubricKind::Objective)
    });
    // The events a game's facts read (its choices, by scene); the rest are
    // skipped unparsed. A replay for the rubric needs none of them.
    const FACT_EVENTS: [&[u8]; 2] = [b"Scene", b"Choices"];
    let one = |g: &&'a super::Game| Played {
        summary: &g.summary,
        facts: super::scan::read_again(&g.path, sources, Some(&FACT_EVENTS))
            .map(|t| game::facts(&t, sc, judge))
            .unwrap_or_default(),
    };
    let half = games.len().div_ceil(2);
    if half < 8 {
        return games.iter().map(one).collect();
    }
    let (a, b) = games.split_at(half);
    std::thread::scope(|s| {
        let other = s.spawn(|| b.iter().map(one).collect::<Vec<_>>());
        let mut out: Vec<Played<'a>> = a.iter().map(one).collect();
        // A thread that panicked has nothing to give: its games are missing.
        out.extend(other.join().unwrap_or_default());
        out
    })
}

fn version(
    scenario: &str,
    hash: &str,
    practice: bool,
    played: &[Played<'_>],
    sc: Result<&Scenario, &String>,
    names: bool,
) -> Version {
    let starts = played.iter().map(|p| p.summary.header.started.as_str());
    let (first, last) = (
        starts.clone().min().unwrap_or_default().to_string(),
        starts.max().unwrap_or_default().to_string(),
    );
    let (key_actions, red_herrings) = match sc {
        Ok(sc) => rubric_figures(sc, played),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let hints: Vec<usize> = played
        .iter()
        .map(|p| {
            p.summary
                .deeds
                .iter()
                .filter(|d| d.kind == DeedKind::Hint)
                .count()
        })
        .collect();
    Version {
        scenario: scenario.to_string(),
        title: sc.ok().map(|s| s.meta.title.clone()),
        hash: hash.to_string(),
        mode: if practice { "practice" } else { "real time" }.into(),
        games: played.len(),
        few: played.len() < FEW,
        first,
        last,
        endings: endings(played),
        unfinished: played.iter().filter(|p| !p.summary.finished()).count(),
        rubric_missing: sc.err().cloned(),
        key_actions,
        red_herrings,
        hint_games: hints.iter().filter(|n| **n > 0).count(),
        hints: hints.iter().sum(),
        choices: choices(played),
        timed_games: played.iter().filter(|p| !p.facts.thinks.is_empty()).count(),
        thinking: thinking(played),
        notes: notes(played, names),
    }
}

fn endings(played: &[Played<'_>]) -> Vec<EndingCount> {
    let mut out: Vec<EndingCount> = Vec::new();
    for e in played.iter().filter_map(|p| p.summary.ending.as_ref()) {
        match out.iter_mut().find(|c| c.name == e.name) {
            Some(c) => c.games += 1,
            None => out.push(EndingCount {
                name: e.name.clone(),
                title: e.title.clone(),
                outcome: e.outcome.label().into(),
                games: 1,
            }),
        }
    }
    out.sort_by(|a, b| b.games.cmp(&a.games).then_with(|| a.name.cmp(&b.name)));
    out
}

fn rubric_figures(sc: &Scenario, played: &[Played<'_>]) -> (Vec<RubricFigure>, Vec<RubricFigure>) {
    let mut keys = Vec::new();
    let mut herrings = Vec::new();
    for (i, item) in sc.rubric.items.iter().enumerate() {
        let judged: Vec<Judged> = played
            .iter()
            .filter_map(|p| p.facts.rubric.get(i).map(|(_, j)| *j))
            .collect();
        let mut times: Vec<i64> = judged
            .iter()
            .filter_map(|j| match j {
                Judged::Hit(t) | Judged::Late(t) => Some(*t),
                _ => None,
            })
            .collect();
        let median_ms = median_i64(&mut times);
        let figure = RubricFigure {
            name: item.name.clone(),
            title: item.title.clone(),
            // Games where it was judged: not those a mentor's hand or a
            // path it does not apply to left out.
            games: judged
                .iter()
                .filter(|j| !matches!(j, Judged::NotTheirs | Judged::NotApplicable))
                .count(),
            hits: judged
                .iter()
                .filter(|j| matches!(j, Judged::Hit(_)))
                .count(),
            late: judged
                .iter()
                .filter(|j| matches!(j, Judged::Late(_)))
                .count(),
            not_theirs: judged.iter().filter(|j| **j == Judged::NotTheirs).count(),
            median_ms,
            median: median_ms.map(offset),
        };
        match item.kind {
            RubricKind::KeyAction => keys.push(figure),
            RubricKind::RedHerring => herrings.push(figure),
            RubricKind::Objective => {}
        }
    }
    (keys, herrings)
}

/// `T+4m10s` (or `T-30s`, before the drill's start).
fn offset(ms: i64) -> String {
    let shown = crate::base::time::duration(ms.unsigned_abs());
    if ms < 0 {
        format!("T-{shown}")
    } else {
        format!("T+{shown}")
    }
}

/// The entry of `v` that `test` finds, added by `new` when there is none.
pub(super) fn slot<T>(
    v: &mut Vec<T>,
    test: impl Fn(&T) -> bool,
    new: impl FnOnce() -> T,
) -> &mut T {
    let i = v.iter().position(test).unwrap_or_else(|| {
        v.push(new());
        v.len() - 1
    });
    &mut v[i]
}

fn choices(played: &[Played<'_>]) -> Vec<SceneChoices> {
    let mut out: Vec<SceneChoices> = Vec::new();
    for p in played {
        for o in &p.facts.offered {
            let s = slot(
                &mut out,
                |s| s.scene == o.scene,
                || SceneChoices {
                    scene: o.scene.clone(),
                    games: 0,
                    options: Vec::new(),
                },
            );
            s.games += 1;
            for text in &o.options {
                let taken = p
                    .facts
                    .taken
                    .iter()
                    .filter(|t| t.scene == o.scene && t.text == *text)
                    .count();
                let count = slot(
                    &mut s.options,
                    |c| c.text == *text,
                    || OptionCount {
                        text: text.clone(),
                        taken: 0,
                        games: 0,
                    },
                );
                count.taken += taken;
                count.games += usize::from(taken > 0);
            }
        }
    }
    out
}

/// Think times gathered for one scene.
struct Thoughts {
    scene: Option<String>,
    times: Vec<u64>,
    games: usize,
    longest: (u64, String),
}

fn thinking(played: &[Played<'_>]) -> Vec<ThinkFigure> {
    let mut by_scene: Vec<Thoughts> = Vec::new();
    for p in played {
        let mut seen: Vec<&Option<String>> = Vec::new();
        for t in &p.facts.thinks {
            let entry = slot(
                &mut by_scene,
                |s| s.scene == t.scene,
                || Thoughts {
                    scene: t.scene.clone(),
                    times: Vec::new(),
                    games: 0,
                    longest: (0, String::new()),
                },
            );
            entry.times.push(t.ms);
            if !seen.contains(&&t.scene) {
                seen.push(&t.scene);
                entry.games += 1;
            }
            if t.ms >= entry.longest.0 {
                entry.longest = (t.ms, t.before.clone());
            }
        }
    }
    let mut out: Vec<ThinkFigure> = by_scene
        .into_iter()
        .map(|mut t| {
            t.times.sort_unstable();
            let median_ms = median_u64(&t.times);
            ThinkFigure {
                scene: t.scene,
                inputs: t.times.len(),
                games: t.games,
                median_ms,
                median: crate::base::time::duration(median_ms),
                longest_ms: t.longest.0,
                longest: crate::base::time::duration(t.longest.0),
                longest_before: t.longest.1,
            }
        })
        .collect();
    out.sort_by_key(|t| std::cmp::Reverse(t.median_ms));
    out
}

/// The notes in play grouped by scene (in the order scenes came), then the
/// end-of-game answers under "the game as a whole".
fn notes(played: &[Played<'_>], names: bool) -> Vec<MomentNotes> {
    let mut in_play: Vec<(u64, MomentNotes)> = Vec::new();
    let mut whole = MomentNotes {
        moment: "the game as a whole".into(),
        notes: Vec::new(),
    };
    for p in played {
        let player = names.then(|| p.summary.header.player.clone());
        for f in &p.facts.felt {
            let line = note_line(f, player.clone());
            let Some((at, scene)) = &f.at else {
                whole.notes.push(line);
                continue;
            };
            let moment = scene.as_ref().map_or_else(
                || "before the first scene".to_string(),
                |s| format!("scene {s}"),
            );
            match in_play.iter_mut().find(|(_, m)| m.moment == moment) {
                Some((first, m)) => {
                    *first = (*first).min(*at);
                    m.notes.push(line);
                }
                None => in_play.push((
                    *at,
                    MomentNotes {
                        moment,
                        notes: vec![line],
                    },
                )),
            }
        }
    }
    in_play.sort_by_key(|(first, _)| *first);
    let mut out: Vec<MomentNotes> = in_play.into_iter().map(|(_, m)| m).collect();
    for m in &mut out {
        m.notes.sort_by(|a, b| a.kind.cmp(&b.kind));
    }
    whole.notes.sort_by(|a, b| a.kind.cmp(&b.kind));
    if !whole.notes.is_empty() {
        out.push(whole);
    }
    out
}

fn note_line(f: &Felt, player: Option<String>) -> NoteLine {
    NoteLine {
        kind: f
            .kind
            .map_or_else(|| f.question.clone(), |k| k.phrase().to_string()),
        at: f
            .at
            .as_ref()
            .map(|(ms, _)| crate::sim::eval::format_offset(*ms)),
        text: f.text.clone(),
        player,
    }
}

fn median_u64(sorted: &[u64]) -> u64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => u64::midpoint(sorted[n / 2 - 1], sorted[n / 2]),
    }
}

fn median_i64(v: &mut [i64]) -> Option<i64> {
    v.sort_unstable();
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some(i64::midpoint(v[n / 2 - 1], v[n / 2])),
    }
}

/// The report as JSON, for tools.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

#[cfg(test)]
mod tests;
