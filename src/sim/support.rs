//! How much help a game gives: the support level the player chose at the
//! start. The engine decides what it means (hints shown on their own, on
//! request, or never), so a replay of the same game gives the same events.

use serde::{Deserialize, Serialize};

/// The support level of a game.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Support {
    /// A hint appears on its own as soon as its condition has held long enough.
    Guided,
    /// A hint waits until the player asks for it (`hint`).
    #[default]
    Assisted,
    /// No hints at all.
    Solo,
}

impl Support {
    /// Every level, from the most help to the least.
    pub const ALL: [Support; 3] = [Support::Guided, Support::Assisted, Support::Solo];

    /// Its name, as `--support` and the transcript's readers know it.
    pub fn word(self) -> &'static str {
        match self {
            Support::Guided => "guided",
            Support::Assisted => "assisted",
            Support::Solo => "solo",
        }
    }

    /// What it does, in a few words.
    pub fn what(self) -> &'static str {
        match self {
            Support::Guided => "hints appear on their own",
            Support::Assisted => "a hint when you ask for it",
            Support::Solo => "no hints",
        }
    }

    /// The next level, round again after the last (the picker's key).
    #[must_use]
    pub fn next(self) -> Support {
        match self {
            Support::Guided => Support::Assisted,
            Support::Assisted => Support::Solo,
            Support::Solo => Support::Guided,
        }
    }
}

impl std::fmt::Display for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}
