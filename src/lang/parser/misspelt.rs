//! Misspelt properties (FD0315): in a block whose other lines are
//! narration, a line such as `soruce "timeline 13:42: ..."` or `takess 30s`
//! would be shown to the player as a line of the story. A line is taken for
//! a misspelt property when its first word is one edit away from a property
//! of five letters or more that the block takes, and the rest of the line
//! has that property's shape; ordinary prose ("Wait, ...", "Stop.") has
//! neither, so it is left alone.

use super::Parser;
use super::props::Listing;
use crate::base::words::one_edit_apart;
use crate::lang::diagnostic::{Code, Diagnostic};
use crate::lang::lines::Node;

/// What follows a property's keyword on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `"text"`.
    Text,
    /// `"text"`, `if COND "text"`.
    Output,
    /// `30s`, `1h30m`.
    Duration,
    /// Nothing: `hidden`.
    Bare,
    /// One name: `outcome resolved`.
    Name,
    /// `log NAME ...`.
    Log,
}

/// The shape of each property a narration block takes, by its keyword.
/// Properties of other blocks never reach narration (a line there that is
/// no property is reported as such), so they need no shape.
fn shape(keyword: &str) -> Option<Shape> {
    Some(match keyword {
        "source" | "alias" => Shape::Text,
        "output" => Shape::Output,
        "takes" => Shape::Duration,
        "risky" | "destructive" | "hidden" | "rollback" | "fallback" => Shape::Bare,
        "outcome" => Shape::Name,
        "reads" => Shape::Log,
        _ => return None,
    })
}

/// Whether `rest`, the line after its first word, has `shape`.
fn fits(shape: Shape, rest: &str) -> bool {
    let rest = rest.trim();
    match shape {
        Shape::Text => rest.starts_with('"'),
        Shape::Output => rest.starts_with('"') || rest.starts_with("if "),
        Shape::Duration => !rest.is_empty() && crate::base::time::parse_duration(rest).is_some(),
        Shape::Bare => rest.is_empty(),
        Shape::Name => crate::base::words::is_ident(rest),
        Shape::Log => rest.strip_prefix("log ").is_some_and(|r| {
            r.split_whitespace()
                .next()
                .is_some_and(crate::base::words::is_ident)
        }),
    }
}

/// The property `text` (a line read as narration) probably misspells,
/// among `props`, the words its block takes.
pub(super) fn misspelt<L: Listing + ?Sized>(text: &str, props: &L) -> Option<&'static str> {
    let (word, rest) = text.split_once(' ').unwrap_or((text, ""));
    // One edit from five letters or more: four at least, all lower case.
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    props
        .words()
        .into_iter()
        .filter_map(|w| w.split(' ').next())
        .filter(|k| k.len() >= 5 && *k != word)
        .find(|k| one_edit_apart(word, k) && shape(k).is_some_and(|s| fits(s, rest)))
}

impl Parser<'_> {
    /// Warns when `node`, read as narration in a block taking `props`
    /// (`what` names it), looks like a misspelt property.
    pub(super) fn check_misspelt<L: Listing + ?Sized>(
        &mut self,
        node: &Node,
        what: &str,
        props: &L,
    ) {
        let text = self.text_of(node);
        let Some(keyword) = misspelt(text, props) else {
            return;
        };
        let word = text.split(' ').next().unwrap_or(text);
        let span = self.span(node.line.start, node.line.start + word.len());
        self.error(
            Diagnostic::new(
                Code::MisspeltProperty,
                span,
                format!("`{word}` is not a property of {what}, so this line is narration the player reads"),
            )
            .help(format!(
                "did you mean `{keyword}`? (If it is narration, start the line with `|`.)"
            ))
            .fix(keyword),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SCENE: &[&str] = &["source", "fallback"];
    const COMMAND: &[&str] = &[
        "alias",
        "takes",
        "risky",
        "destructive",
        "hidden",
        "rollback",
        "reads log",
        "output",
        "source",
    ];

    #[test]
    fn a_misspelt_property_with_its_shape_is_found() {
        assert_eq!(
            misspelt("soruce \"timeline 13:42 [S]: x\"", SCENE),
            Some("source")
        );
        assert_eq!(misspelt("takess 30s", COMMAND), Some("takes"));
        assert_eq!(misspelt("tkaes 1h30m", COMMAND), Some("takes"));
        assert_eq!(misspelt("reeds log api when x", COMMAND), Some("reads"));
        assert_eq!(misspelt("outptu \"ok\"", COMMAND), Some("output"));
        assert_eq!(misspelt("fallbak", SCENE), Some("fallback"));
    }

    #[test]
    fn prose_is_left_alone() {
        for line in [
            "Wait, the graph moved.",
            "Stop.",
            "source of the trouble is unclear",
            "sauce \"x\"",
            "takes a while to load",
            "takess thirty seconds",
            "hidden away in the logs, a line",
            "soruce",
            "Soruce \"x\"",
            "reads the log again",
        ] {
            assert_eq!(misspelt(line, COMMAND), None, "{line}");
            assert_eq!(misspelt(line, SCENE), None, "{line}");
        }
    }

    #[test]
    fn only_words_the_block_takes_are_suggested() {
        assert_eq!(misspelt("takess 30s", SCENE), None);
        assert_eq!(misspelt("aliass \"x\"", SCENE), None);
    }

    proptest! {
        /// Any line, however odd: no panic, and a suggestion is always a
        /// word the block takes, one edit from the line's first word.
        #[test]
        fn any_line_gets_at_most_a_near_word_of_the_block(line in "\\PC{0,40}") {
            if let Some(k) = misspelt(&line, COMMAND) {
                prop_assert!(COMMAND.iter().any(|w| w.starts_with(k)));
                let first = line.split(' ').next().unwrap_or("");
                prop_assert!(one_edit_apart(first, k));
            }
        }
    }
}
