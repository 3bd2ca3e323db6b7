//! The blocks of a scenario, one file per family: the header and state
//! (`header`), the simulated world (`world`), people, commands, runbooks and
//! logs (`docs`), hosts, files and URLs (`machine`), the story (`story`), the debrief, and playthrough tests.

mod commands;
mod debrief;
mod docs;
mod header;
mod machine;
mod people;
mod playtests;
mod story;
mod world;

pub(super) use docs::DocBody;
pub(super) use machine::{FileBody, HostBody};
#[cfg(test)]
pub(super) use world::fast_effect;
