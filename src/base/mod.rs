//! Words every layer shares: source spans, the states of alerts and the
//! status page, names and suggestions. The bottom of the import order
//! (base -> scenario -> lang and sim -> record -> game -> front ends): nothing
//! here imports another module of the crate.

pub mod source;
pub mod states;
pub mod time;
pub mod words;
