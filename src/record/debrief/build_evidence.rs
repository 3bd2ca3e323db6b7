//! What the player ran and read: commands by how often, the graphs,
//! runbooks and logs looked at and never opened, and the pages that
//! escalated for want of an acknowledgement.

use super::build::{PageInfo, person_name};
use super::build_timeline::command_for;
use super::steps::Played;
use super::*;
use crate::scenario::pattern::tokenize;
use crate::scenario::{DocKind, Scenario};
use crate::sim::{Action, BUILTINS, EventKind};
use std::collections::BTreeMap;

pub(super) fn commands(sc: &Scenario, played: &Played, start: u32) -> Vec<CommandUse> {
    let mut uses: Vec<CommandUse> = Vec::new();
    let mut index: BTreeMap<(u8, String), usize> = BTreeMap::new();
    for s in played.steps {
        let Action::Run(line) = &s.action else {
            continue;
        };
        let line = line.trim();
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

pub(super) fn evidence(sc: &Scenario, played: &Played, start: u32) -> Evidence {
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
    let mut looked_at = Vec::new();
    let mut never = Vec::new();
    for m in &sc.metrics {
        let times = graphs.remove(&m.name).unwrap_or_default();
        let l = Looked {
            name: m.name.clone(),
            title: m.label.clone(),
            kind: "graph".into(),
            times,
            linked_from: Vec::new(),
        };
        if l.times.is_empty() {
            never.push(l);
        } else {
            looked_at.push(l);
        }
    }
    for (i, d) in sc.docs.iter().enumerate() {
        let times = docs.remove(&d.name).unwrap_or_default();
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
            times,
            linked_from,
        };
        if l.times.is_empty() {
            never.push(l);
        } else {
            looked_at.push(l);
        }
    }
    looked_at.sort_by_key(|l| l.times.first().map_or(i64::MAX, |m| m.ms));
    Evidence { looked_at, never }
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
