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

impl StatusState {
    /// The word players type and read: `investigating`, `identified`, ...
    pub fn word(self) -> &'static str {
        match self {
            StatusState::Investigating => "investigating",
            StatusState::Identified => "identified",
            StatusState::Monitoring => "monitoring",
            StatusState::Resolved => "resolved",
        }
    }
}

impl std::fmt::Display for StatusState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// What a player said a moment of a game felt like, in a note during play
/// or in an answer at its end: what authors ask to make the next game better.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Feeling {
    Real,
    Fake,
    Confusing,
}

impl Feeling {
    pub const ALL: [Feeling; 3] = [Feeling::Real, Feeling::Fake, Feeling::Confusing];

    /// The word players type: `real`, `fake`, `confusing`.
    pub fn word(self) -> &'static str {
        match self {
            Feeling::Real => "real",
            Feeling::Fake => "fake",
            Feeling::Confusing => "confusing",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Feeling::ALL
            .into_iter()
            .find(|f| f.word().eq_ignore_ascii_case(s))
    }

    /// In words: `felt real`, `felt fake`, `was confusing`.
    pub fn phrase(self) -> &'static str {
        match self {
            Feeling::Real => "felt real",
            Feeling::Fake => "felt fake",
            Feeling::Confusing => "was confusing",
        }
    }
}

impl AlertState {
    /// The word the language and the screens use: `firing`, `acked`, ...
    pub fn word(self) -> &'static str {
        match self {
            AlertState::Firing => "firing",
            AlertState::Pending => "pending",
            AlertState::Resolved => "resolved",
            AlertState::Acked => "acked",
            AlertState::Silenced => "silenced",
            AlertState::Quiet => "quiet",
        }
    }
}

impl std::fmt::Display for AlertState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_back_as_the_same_state() {
        for s in [
            StatusState::Investigating,
            StatusState::Identified,
            StatusState::Monitoring,
            StatusState::Resolved,
        ] {
            assert_eq!(StatusState::parse(&s.to_string()), Some(s));
        }
        assert_eq!(AlertState::Acked.to_string(), "acked");
    }
}
