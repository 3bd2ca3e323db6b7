//! Words every layer shares: source spans, the states of alerts and the
//! status page, names and suggestions, how text wraps to a width, how game
//! time is written, and which characters never reach a terminal raw. The
//! bottom of the import order (base -> scenario -> lang and sim -> record ->
//! game -> front ends): nothing here imports another
//! module of the crate, so every layer can use it without depending on the
//! others.

pub mod printable;
pub mod source;
pub mod states;
pub mod text;
pub mod time;
pub mod words;
