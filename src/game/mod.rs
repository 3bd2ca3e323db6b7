//! What every front end shares, above the pure core: finding and listing
//! scenarios ([`catalog`]), one game in progress with its transcript and its
//! clock ([`session`]), and opening a recorded game to replay it
//! ([`transcript`]), and following a game in progress from another
//! terminal ([`feed`]). The terminal UI, the plain front end and the command
//! line all go through here.

pub mod buddy;
pub mod catalog;
pub mod feed;
pub mod leaving;
mod lines;
pub mod mentoring;
pub mod oneshot;
pub mod reloading;
pub mod session;
pub mod transcript;
pub mod typing;
pub(crate) mod wake;
pub mod watched;

pub use catalog::{Catalog, Offer, Origin, ResolveError, Resolved};
pub use session::{Pace, Recording, ScriptedClock, Session, Wall};
pub use transcript::{Copy, Opened};
