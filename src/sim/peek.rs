//! What a watching mentor may see of a game that the player does not: the
//! beats the scenario has scheduled next (when, and a few words on what,
//! never the text the player is about to read), when each inject was fired,
//! and which graphs and documents the player has looked at. Read-only.

use super::{ScriptAction, Sim};
use crate::scenario::{DocId, InjectId, MetricId, Millis, Pagee, Scenario, TriggerKind};

/// A beat the scenario has scheduled: when it is due, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beat {
    pub at: Millis,
    pub what: String,
}

impl Sim {
    /// The next `limit` beats scheduled after now, soonest first: the
    /// story's waiting `after` bodies and the timed triggers (`at`, and the
    /// next round of each `every`). A `when` trigger waits on a condition,
    /// not a time, so it is not listed.
    pub fn upcoming(&self, limit: usize) -> Vec<Beat> {
        let sc = &self.sc;
        let mut beats: Vec<Beat> = self
            .timers
            .pending()
            .into_iter()
            .filter(|(at, _)| *at > self.now)
            .map(|(at, body)| Beat {
                at,
                what: label(sc, body),
            })
            .collect();
        for (t, rt) in sc.triggers.iter().zip(&self.triggers) {
            let next = match t.kind {
                TriggerKind::At(_) if !rt.done => rt.next_at,
                TriggerKind::Every { until, .. } => {
                    rt.next_at.filter(|at| until.is_none_or(|u| *at <= u))
                }
                TriggerKind::At(_) | TriggerKind::When { .. } => None,
            };
            if let Some(at) = next.filter(|at| *at > self.now) {
                beats.push(Beat {
                    at,
                    what: label(sc, &t.actions),
                });
            }
        }
        // Stable: beats due together keep the order they run in.
        beats.sort_by_key(|b| b.at);
        beats.truncate(limit);
        beats
    }

    /// When the inject was fired, if it was.
    pub fn injected_at(&self, inject: InjectId) -> Option<Millis> {
        self.injected.get(inject.0).copied().flatten()
    }

    /// Whether the player has put this graph on the dashboard.
    pub fn has_viewed(&self, metric: MetricId) -> bool {
        self.record.viewed.contains(&metric)
    }

    /// Whether the player has opened this runbook or log.
    pub fn has_read(&self, doc: DocId) -> bool {
        self.record.read.contains(&doc)
    }
}

/// A few words on what a body of actions does, from its first action that
/// says something: `scene escalate`, `chat from Dana`, `a page`.
fn label(sc: &Scenario, body: &[ScriptAction]) -> String {
    body.iter()
        .find_map(|a| say(sc, a))
        .unwrap_or_else(|| "a step of the story".into())
}

fn say(sc: &Scenario, a: &ScriptAction) -> Option<String> {
    let name = |v: Option<&String>| v.cloned().unwrap_or_default();
    Some(match a {
        ScriptAction::Narrate(_) => "narration".into(),
        ScriptAction::Chat(p, _) => {
            format!("chat from {}", name(sc.people.get(p.0).map(|p| &p.name)))
        }
        ScriptAction::Page(Pagee::Player, _) => "a page to the player".into(),
        ScriptAction::Page(Pagee::Person(p), _) => {
            format!("a page to {}", name(sc.people.get(p.0).map(|p| &p.name)))
        }
        ScriptAction::Set(v, _) => format!("sets {}", name(sc.vars.get(v.0).map(|v| &v.name))),
        ScriptAction::Start(e) => format!("{} starts", name(sc.effects.get(e.0).map(|e| &e.name))),
        ScriptAction::Stop(e) => format!("{} stops", name(sc.effects.get(e.0).map(|e| &e.name))),
        ScriptAction::After(_, body) => return body.iter().find_map(|a| say(sc, a)),
        ScriptAction::If(_, then, otherwise) => {
            return then.iter().chain(otherwise).find_map(|a| say(sc, a));
        }
        ScriptAction::Goto(s) | ScriptAction::Call(s) | ScriptAction::Interrupt(s) => {
            format!("scene {}", name(sc.scenes.get(s.0).map(|s| &s.name)))
        }
        ScriptAction::End(e) => format!("ending {}", name(sc.endings.get(e.0).map(|e| &e.name))),
        ScriptAction::PostStatus(..) => "a status post".into(),
        ScriptAction::Login(h) => format!(
            "a login to {}",
            name(sc.machine.hosts.get(h.0).map(|h| &h.name))
        ),
        ScriptAction::Return | ScriptAction::Wait => return None,
    })
}
