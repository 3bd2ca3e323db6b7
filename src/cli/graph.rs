//! `firedrill graph`: a scenario's shape as text, Graphviz DOT or Mermaid.
//! A scenario with errors has no shape to draw: its diagnostics are printed
//! (on stderr, so a redirected drawing is never half diagnostics) and the
//! command fails, as `check` does.

use super::{Catalog, Offered, resolve, shown_diagnostics};
use crate::authoring::graph::{GraphFormat, render};
use clap::ValueEnum;
use std::io::Write;

/// `--format` of `firedrill graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeFormat {
    /// An indented tree for the terminal.
    Text,
    /// Graphviz DOT: `firedrill graph x --format dot | dot -Tsvg > x.svg`.
    Dot,
    /// A Mermaid flowchart, for Markdown that renders `mermaid` code blocks.
    Mermaid,
}

/// Draws the shape of `arg` (a file or a built-in id); 0, 1 (errors) or 2
/// (unreadable).
pub(super) fn graph(offered: &Offered, arg: &str, format: ShapeFormat) -> u8 {
    let Ok(resolved) = resolve(&Catalog::new(&offered.dir), arg) else {
        return 2;
    };
    let checked = resolved.checked;
    let Some(sc) = checked.scenario.as_ref().filter(|_| checked.errors() == 0) else {
        complain!("{}", shown_diagnostics(&checked));
        complain!(
            "{}",
            super::summary(arg, checked.errors(), checked.warnings())
        );
        return 1;
    };
    let format = match format {
        ShapeFormat::Text => GraphFormat::Text,
        ShapeFormat::Dot => GraphFormat::Dot,
        ShapeFormat::Mermaid => GraphFormat::Mermaid,
    };
    let shape = crate::lang::shape::shape(sc);
    let _ = std::io::stdout()
        .lock()
        .write_all(render(&shape, format).as_bytes());
    0
}
