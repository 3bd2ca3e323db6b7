//! firedrill: an on-call training game. Scenarios written from real
//! postmortems in the `.drill` language are checked into a model, played by
//! a deterministic engine, recorded as transcripts and turned into debriefs.
//!
//! # The layers, bottom up
//!
//! Imports run one way (`tests/layers.rs` holds them to it):
//!
//! - [`base`]: words every layer shares (spans, alert and status states,
//!   durations, suggestions).
//! - [`scenario`]: the checked model. [`lang`] builds it from `.drill` text
//!   (pre-pass, grammar, lowering, diagnostics, static analysis); [`sim`]
//!   runs it. Neither sees the other.
//! - [`record`]: transcripts (write, read), the one replay, the debrief.
//!
//! These four and `base` are pure: no terminal, wall clock, files,
//! environment, processes or global randomness.
//!
//! - [`game`]: what every front end shares: finding and listing scenarios,
//!   the session (engine + transcript + clock), opening recorded games.
//! - [`library`] (the built-in scenarios), [`files`] (reading from disk,
//!   confined to a scenario's folder), [`transcripts`] (transcript files and
//!   mentor notes), [`authoring`] (`firedrill new`), [`play`] (the
//!   end-of-drill summary both front ends show).
//! - Front ends: [`tui`] (ratatui) and [`plain`] (stdin/stdout), and [`lsp`]
//!   (a language server for authors' editors); [`cli`] is
//!   the command line, and `main.rs` only calls it; [`signals`] lets both
//!   front ends end cleanly on a signal.
//!
//! # A second front end
//!
//! Everything a front end needs is here, without `tui`, `plain` or `cli`:
//!
//! ```
//! use firedrill::{Action, Catalog, Pace, Session, Support, Wall};
//!
//! // List what is on offer, and find one scenario by what a player typed.
//! let catalog = Catalog::default();
//! assert!(catalog.offers().iter().any(|o| o.id == "tutorial"));
//! let found = catalog.resolve("tutorial").expect("a built-in");
//! let scenario = std::sync::Arc::new(found.checked.scenario.expect("it checks"));
//!
//! // Play: a session applies actions, journals them when recorded, and
//! // turns real time into game time.
//! let pace = Pace { practice: true, speed: 1.0 };
//! let (mut session, opening) =
//!     Session::start(scenario, 42, Support::Assisted, pace, None, Wall::None);
//! assert!(!opening.is_empty());
//! let events = session.act(Action::Wait(60_000));
//! assert_eq!(session.now(), 60_000);
//! # let _ = events;
//! ```
//!
//! A recorded game is opened with [`game::transcript::open`] (transcript,
//! scenario, [`record::replay`]), and [`record::debrief`] builds its debrief.

pub mod authoring;
pub mod base;
pub mod cli;
pub mod files;
pub mod game;
pub mod lang;
pub mod ledger;
pub mod library;
pub mod lsp;
pub mod plain;
pub mod play;
pub mod record;
pub mod scenario;
pub mod signals;
pub mod sim;
pub mod transcripts;
pub mod tui;

pub use game::{
    Catalog, Offer, Opened, Origin, Pace, Recording, Resolved, ScriptedClock, Session, Wall,
};
pub use lang::{Checked, check};
pub use record::{Replay, Transcript, replay};
pub use scenario::Scenario;
pub use sim::{Action, Event, EventKind, Sim, Support};
