//! firedrill: an on-call training game. Scenarios written from real
//! postmortems in the `.drill` language are checked by [`lang`] into the
//! [`scenario`] model.
//!
//! Modules: [`base`] (words every layer shares: wrapping, game time),
//! [`lang`] (the language), [`scenario`] (the checked model and its
//! static analysis), [`library`] (the built-in scenarios), [`files`] (reading
//! scenarios from disk), [`cli`] (the command line).

pub mod authoring;
pub mod base;
pub mod cli;
pub mod files;
pub mod lang;
pub mod library;
pub mod plain;
pub mod play;
pub mod record;
pub mod scenario;
pub mod sim;
pub mod transcripts;
pub mod tui;
