//! Words every layer shares: how text is wrapped to a width and how game
//! time is written. Nothing here knows about scenarios, the engine or a
//! terminal, so the language, the engine, the transcripts and every front
//! end can use it without depending on each other.

pub mod text;
pub mod time;
