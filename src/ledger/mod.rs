//! Every recorded game, wherever its transcript lives: found in folders,
//! summed up, and listed, with the marks players put on their games and the
//! name they play under. Reads transcripts only; each keeps its one writer.

pub mod commands;
pub mod games;
pub mod mark;
pub mod player;
pub mod progress;
pub mod scan;
pub mod stats;

pub use mark::Mark;
pub use scan::{Game, Scan, Skipped, scan};
