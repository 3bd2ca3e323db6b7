//! What a game's state is, in words, and what changed between two moments:
//! the variables (flags too), the scene, each alert and each page. A
//! playthrough trace shows these after every step, so an author sees what
//! an input did without reading the engine.

use super::{AlertStatus, PageState, Sim};

/// The state an author can see, as (what, value) pairs in a fixed order:
/// variables as declared, the scene, the alerts as declared, the pages as
/// opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State(Vec<(String, String)>);

/// One part of the state that differs between two moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `flag api_restarted`, `scene`, `alert api_down`, `page #1`.
    pub what: String,
    /// `None`: it did not exist before (a page opened since).
    pub before: Option<String>,
    pub after: String,
}

impl Sim {
    /// The state now, for [`State::changes`].
    pub fn state(&self) -> State {
        let sc = &self.sc;
        let mut out = Vec::new();
        for (i, v) in sc.vars.iter().enumerate() {
            let kind = match v.kind {
                crate::scenario::VarKind::Flag => "flag",
                _ => "var",
            };
            out.push((format!("{kind} {}", v.name), self.var_text(i)));
        }
        let scene = self
            .story
            .scene
            .and_then(|s| sc.scenes.get(s.0))
            .map_or_else(|| "(none)".to_string(), |s| s.name.clone());
        out.push(("scene".into(), scene));
        for (a, rt) in sc.alerts.iter().zip(&self.alerts) {
            let status = match rt.status {
                AlertStatus::Quiet => "quiet",
                AlertStatus::Pending { .. } => "pending",
                AlertStatus::Firing { .. } => "firing",
            };
            let shown = if rt.silenced {
                format!("{status}, silenced")
            } else {
                status.to_string()
            };
            out.push((format!("alert {}", a.name), shown));
        }
        for p in &self.pages {
            let state = match p.state {
                PageState::Triggered => "open",
                PageState::Acked => "acknowledged",
                PageState::Resolved => "resolved",
            };
            out.push((format!("page #{}", p.id), state.to_string()));
        }
        State(out)
    }
}

impl State {
    /// What differs in `after`, in `after`'s order.
    pub fn changes(&self, after: &State) -> Vec<Change> {
        after
            .0
            .iter()
            .filter_map(|(what, now)| {
                let before = self.0.iter().find(|(w, _)| w == what).map(|(_, v)| v);
                (before != Some(now)).then(|| Change {
                    what: what.clone(),
                    before: before.cloned(),
                    after: now.clone(),
                })
            })
            .collect()
    }
}
