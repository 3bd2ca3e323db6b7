//! The states an alert and the status page can be in: words the model, the
//! language, the engine and every front end share.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertState {
    Firing,
    Pending,
    Resolved,
    Acked,
    Silenced,
    Quiet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusState {
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

impl StatusState {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "investigating" => StatusState::Investigating,
            "identified" => StatusState::Identified,
            "monitoring" => StatusState::Monitoring,
            "resolved" => StatusState::Resolved,
            _ => return None,
        })
    }
}
