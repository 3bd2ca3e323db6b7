//! What the player ran and read: commands by how often, the graphs,
//! runbooks and logs looked at (asked for, on screen, or read through the
//! shell) and never seen, and the pages that escalated for want of an
//! acknowledgement.

use super::build::{PageInfo, person_name, refused};
use super::build_timeline::command_for;
use super::steps::Played;
use super::*;
use crate::record::{Entry, Transcript};
use crate::scenario::pattern::tokenize;
use crate::scenario::{DocKind, Millis, Scenario};
use crate::sim::{Action, BUILTINS, EventKind};
use std::collections::BTreeMap;

pub(super) fn commands(sc: &Scenario, played: &Played, start: u32) -> Vec<CommandUse> {
    let mut uses: Vec<CommandUse> = Vec::new();
    let mut index: BTreeMap<(u8, String), usize> = BTreeMap::new();
    for s in played.steps {
        // A `!!` counts as the command it repeated.
        let Some(line) = s.ran.as_deref() else {
            continue;
        };
        if line.is_empty() {
            continue;
        }
        let program = tokenize(line)
            .and_then(|w| w.first().cloned())
            .unwrap_or_else(|| line.split_whitespace().next().unwrap_or(line).to_string());
        let (key, command, kind, risky, destructive) =
            match command_for(sc, line).and_then(|i| sc.commands.get(i).map(|c| (i, c))) {
                Some((i, c)) => (
                    (0, format!("{i:08}")),
                    c.patterns
                        .first()
                        .map_or_else(|| c.name.clone(), |p| p.source.clone()),
                    CommandKind::Scenario,
                    c.risky,
                    c.destructive,
                ),
                None if BUILTINS.contains(&program.as_str()) => (
                    (1, program.clone()),
                    program,
                    CommandKind::Builtin,
                    false,
                    false,
                ),
                None => (
                    (2, program.clone()),
                    program,
                    CommandKind::Unknown,
                    false,
                    false,
                ),
            };
        if let Some(u) = index.get(&key).and_then(|&i| uses.get_mut(i)) {
            u.count += 1;
            if !u.lines.iter().any(|l| l == line) {
                u.lines.push(line.to_string());
            }
        } else {
            index.insert(key, uses.len());
            uses.push(CommandUse {
                command,
                kind,
                count: 1,
                lines: vec![line.to_string()],
                first: moment(start, signed(s.at), true),
                risky,
                destructive,
            });
        }
    }
    uses
}

/// What the player saw: graphs chosen, printed or on screen, runbooks and
/// logs opened, and logs read through commands that show them.
pub(super) fn evidence(
    sc: &Scenario,
    t: &Transcript,
    played: &Played,
    end: Millis,
    start: u32,
) -> Evidence {
    let mut graphs: BTreeMap<String, Vec<Moment>> = BTreeMap::new();
    let mut docs: BTreeMap<String, Vec<Moment>> = BTreeMap::new();
    for (_, e) in &played.events {
        match &e.kind {
            EventKind::Graph { metric, .. } => graphs
                .entry(metric.clone())
                .or_default()
                .push(moment(start, signed(e.at), true)),
            EventKind::Document { name, .. } => {
                docs.entry(name.clone())
                    .or_default()
                    .push(moment(start, signed(e.at), true));
            }
            _ => {}
        }
    }
    let mut screen = on_screen(&screen_changes(sc, t), end, start);
    let mut shell = shell_reads(played, start);
    let mut looked_at = Vec::new();
    let mut never = Vec::new();
    for m in &sc.metrics {
        let l = Looked {
            name: m.name.clone(),
            title: m.label.clone(),
            kind: "graph".into(),
            times: graphs.remove(&m.name).unwrap_or_default(),
            on_screen: screen.remove(&m.name),
            shell: Vec::new(),
            linked_from: Vec::new(),
        };
        if l.seen() {
            looked_at.push(l);
        } else {
            never.push(l);
        }
    }
    for (i, d) in sc.docs.iter().enumerate() {
        let linked_from = sc
            .alerts
            .iter()
            .filter(|a| a.runbook.is_some_and(|r| r.0 == i))
            .map(|a| a.title.clone())
            .collect();
        let l = Looked {
            name: d.name.clone(),
            title: d.title.clone(),
            kind: match d.kind {
                DocKind::Runbook => "runbook",
                DocKind::Log => "log",
            }
            .into(),
            times: docs.remove(&d.name).unwrap_or_default(),
            on_screen: None,
            shell: shell.remove(&i).unwrap_or_default(),
            linked_from,
        };
        if l.seen() {
            looked_at.push(l);
        } else {
            never.push(l);
        }
    }
    looked_at.sort_by_key(|l| l.first().map_or(i64::MAX, |m| m.ms));
    Evidence { looked_at, never }
}

/// A change of the graphs on screen.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ScreenChange<'t> {
    pub at: Millis,
    pub real: Option<u64>,
    pub graphs: Vec<&'t str>,
    /// The index of the entry in the transcript.
    pub entry: usize,
}

/// The graphs on screen over the game, as the transcript's `Shown` entries
/// say. A game recorded by the TUI before they were written (it has `Focus`
/// entries) had the dashboard of then: the first metric from the start,
/// then each graph asked for. Plain mode keeps nothing on screen.
pub(super) fn screen_changes<'t>(sc: &'t Scenario, t: &'t Transcript) -> Vec<ScreenChange<'t>> {
    let shown: Vec<ScreenChange> = t
        .entries
        .iter()
        .enumerate()
        .filter_map(|(entry, e)| match e {
            Entry::Shown { at, graphs, real } => Some(ScreenChange {
                at: *at,
                real: *real,
                graphs: graphs.iter().map(String::as_str).collect(),
                entry,
            }),
            _ => None,
        })
        .collect();
    let tui = t.entries.iter().any(|e| matches!(e, Entry::Focus { .. }));
    if !shown.is_empty() || !tui {
        return shown;
    }
    let first = sc.metrics.first().map(|m| m.name.as_str());
    let mut changes = vec![ScreenChange {
        at: 0,
        real: None,
        graphs: first.into_iter().collect(),
        entry: 0,
    }];
    for (entry, e) in t.entries.iter().enumerate() {
        if let Entry::Action {
            at,
            action: Action::Graph(name),
            real,
            ..
        } = e
        {
            changes.push(ScreenChange {
                at: *at,
                real: *real,
                graphs: vec![name.as_str()],
                entry,
            });
        }
    }
    changes
}

/// How long each graph was on screen, until `end` (the game's end).
fn on_screen(changes: &[ScreenChange], end: Millis, start: u32) -> BTreeMap<String, OnScreen> {
    // (first moment on screen, game ms, real ms while every stretch had both stamps)
    let mut spans: BTreeMap<&str, (Millis, u64, Option<u64>)> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        let next = changes.get(i + 1);
        let from = c.at.min(end);
        let to = next.map_or(end, |n| n.at).min(end);
        let ms = to.saturating_sub(from);
        // Real stamps count from each sitting's start: a later one lower
        // than an earlier one is another sitting, and says nothing.
        let real = match (c.real, next.and_then(|n| n.real)) {
            (Some(a), Some(b)) if b >= a => Some(b - a),
            _ => None,
        };
        if ms == 0 && real.unwrap_or(0) == 0 {
            continue;
        }
        for g in &c.graphs {
            let span = spans.entry(g).or_insert((from, 0, Some(0)));
            span.0 = span.0.min(from);
            span.1 += ms;
            span.2 = span.2.zip(real).map(|(a, b)| a + b);
        }
    }
    spans
        .into_iter()
        .map(|(g, (from, ms, real_ms))| {
            let on = OnScreen {
                from: moment(start, signed(from), true),
                ms,
                length: length(ms),
                real_ms,
                real: real_ms.map(length),
            };
            (g.to_string(), on)
        })
        .collect()
}

/// The logs read through the shell, by document: every run the game took of
/// a command that `reads log` them (as the game stood when it ran).
fn shell_reads(played: &Played, start: u32) -> BTreeMap<usize, Vec<ShellRead>> {
    let mut reads: BTreeMap<usize, Vec<ShellRead>> = BTreeMap::new();
    for s in played.steps {
        let Action::Run(line) = &s.action else {
            continue;
        };
        if refused(s) {
            continue;
        }
        for d in &s.reads {
            reads.entry(d.0).or_default().push(ShellRead {
                at: moment(start, signed(s.at), true),
                line: line.trim().to_string(),
            });
        }
    }
    reads
}

pub(super) fn escalations(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    start: u32,
) -> Vec<Escalation> {
    played
        .events
        .iter()
        .filter_map(|(_, e)| match &e.kind {
            EventKind::PageEscalated { page, to } => {
                let p = pages.get(page);
                Some(Escalation {
                    at: moment(start, signed(e.at), true),
                    page: *page,
                    alert: p
                        .map(|p| p.alert.clone().unwrap_or_else(|| p.title.clone()))
                        .unwrap_or_default(),
                    to: person_name(sc, to),
                    open_for: p
                        .map(|p| length(e.at.saturating_sub(p.opened)))
                        .unwrap_or_default(),
                })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::tests::shipped;

    fn change(at: Millis, real: Option<u64>, graphs: &[&'static str]) -> ScreenChange<'static> {
        ScreenChange {
            at,
            real,
            graphs: graphs.to_vec(),
            entry: 0,
        }
    }

    #[test]
    fn a_graph_on_screen_counts_until_the_next_change_or_the_end() {
        let changes = [
            change(0, Some(0), &["cpu"]),
            change(60_000, Some(20_000), &["errors"]),
            change(90_000, Some(50_000), &["cpu"]),
        ];
        let on = on_screen(&changes, 300_000, 0);
        let cpu = &on["cpu"];
        assert_eq!(cpu.ms, 60_000 + 210_000);
        assert_eq!(cpu.from.ms, 0);
        // The last stretch has no real stamp at its end: real time unknown.
        assert_eq!(cpu.real_ms, None);
        let errors = &on["errors"];
        assert_eq!((errors.ms, errors.real_ms), (30_000, Some(30_000)));
        assert_eq!(errors.real.as_deref(), Some("30s"));
        // Off screen at the end: nothing more counts after it.
        let closed = [
            change(0, Some(0), &["cpu"]),
            change(10_000, Some(4_000), &[]),
        ];
        let on = on_screen(&closed, 300_000, 0);
        assert_eq!((on["cpu"].ms, on["cpu"].real_ms), (10_000, Some(4_000)));
    }

    #[test]
    fn a_tui_game_from_before_shown_entries_had_the_first_graph_on_screen() {
        let (sc, _) = shipped("tutorial");
        let first = sc.metrics[0].name.clone();
        let second = sc.metrics[1].name.clone();
        let mut t = Transcript::default();
        assert!(screen_changes(&sc, &t).is_empty(), "plain mode shows none");
        t.entries.push(Entry::Focus {
            at: 0,
            pane: "dashboard".into(),
        });
        t.entries.push(Entry::Action {
            at: 5_000,
            action: Action::Graph(second.clone()),
            real: None,
            by: None,
        });
        let changes = screen_changes(&sc, &t);
        let names: Vec<(Millis, Vec<&str>)> =
            changes.iter().map(|c| (c.at, c.graphs.clone())).collect();
        assert_eq!(
            names,
            [(0, vec![first.as_str()]), (5_000, vec![second.as_str()])]
        );
    }
}
