//! Authoring tools: a commented starter scenario (`firedrill new NAME`) and a
//! first draft of a scenario read from a Markdown postmortem (`firedrill new
//! NAME --from-postmortem FILE.md`). Pure functions over strings: no files, no
//! terminal.
//!
//! Both produce a scenario that checks with no diagnostic at all and whose
//! two playthrough tests pass; the draft from a postmortem carries the
//! incident's metadata, its `postmortem` block, the responders' timeline and
//! one commented trigger stub per timeline beat, on top of the same example
//! world, so an author can replace it piece by piece and check after each step.
//!
//! `markdown` walks the document, `postmortem` reads what a draft needs from
//! it (with `stamps` for its dates, times and zones), `plan` decides what the
//! draft holds (whole sentences, evidence tags at the end of their line, a
//! long timeline compressed into a playable drill), and `emit` (with `text`)
//! writes it out. `graph` draws a checked scenario's shape (`firedrill graph`),
//! and `verdict` words how a playthrough test went (`firedrill test`, the
//! editor's test lens).

use crate::lang::lines::is_forbidden_char;
use jiff::civil::Date;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;

mod emit;
pub mod graph;
mod markdown;
mod plan;
mod postmortem;
mod stamps;
#[cfg(test)]
mod tests;
mod text;
pub mod verdict;

use emit::*;
use markdown::*;
use plan::*;
use postmortem::*;
use stamps::*;
use text::*;

/// A new scenario with the id `id`: every section present, each preceded by
/// comments that explain what it is for and how to grow it.
pub fn scaffold(id: &str) -> Result<String, String> {
    validate_id(id)?;
    Ok(render(&Plan::example(id)))
}

/// A first draft of a scenario from a Markdown postmortem: title, summary,
/// start and duration from the document, its `postmortem` block, the
/// responders' timeline, and a commented trigger stub per timeline beat.
/// Fails with a message that names what the document is missing.
pub fn from_postmortem(id: &str, markdown: &str) -> Result<String, String> {
    draft(id, markdown).map(|d| d.text)
}

/// A first draft and what its author should know before playing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    /// Said in the draft too: a real incident of hours or days compressed
    /// into a playable drill.
    pub warnings: Vec<String>,
}

/// As [`from_postmortem`], with the draft's warnings for the command line.
pub fn draft(id: &str, markdown: &str) -> Result<Draft, String> {
    validate_id(id)?;
    let doc = Doc::parse(markdown);
    let pm = Postmortem::read(&doc)?;
    let plan = Plan::from_postmortem(id, &pm);
    Ok(Draft {
        text: render(&plan),
        warnings: plan.warnings,
    })
}

/// Checks a scenario id: ASCII letters, digits, `-` and `_`, starting with a
/// letter or a digit (the grammar's `slug`).
pub fn validate_id(id: &str) -> Result<(), String> {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else if id.is_empty() {
        Err("the scenario id is empty: give a name such as `acme-2024-db-failover`".into())
    } else {
        Err(format!(
            "`{}` is not a valid scenario id: use only letters, digits, `-` and `_`, \
             starting with a letter or a digit (for example `acme-2024-db-failover`)",
            clean(id)
        ))
    }
}
