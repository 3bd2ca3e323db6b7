//! How a playthrough test went, in words: `test NAME ... ok` or `FAILED`
//! with the step each failure happened at and what happened instead, and
//! the step-by-step trace of `--trace`. Shared by `firedrill test` and the
//! editor's test lens, so both say the same thing.

use crate::base::source::{FileId, SourceMap, Span};
use crate::lang::render::printable;
use crate::scenario::{Millis, PlayTest};
use crate::sim::changes::Change;
use crate::sim::eval::format_offset;
use crate::sim::playtest::{Blame, Failure, Step, Trace};
use crate::sim::{Event, EventKind};

/// `test NAME ... ok (ended with ..)`, or `FAILED` and each failure.
pub fn verdict(sources: &SourceMap, t: &PlayTest, trace: &Trace) -> String {
    let report = &trace.report;
    if report.passed() {
        return format!(
            "test {} ... ok (ended with {})\n",
            t.name,
            printable(&report.ended)
        );
    }
    let mut text = format!("test {} ... FAILED\n", t.name);
    for f in &report.failures {
        text.push_str(&failure(sources, t, trace, f));
    }
    text
}

/// One failure: the step it happened at and what happened instead, or the
/// expectation that failed and the step it last could have changed at.
pub fn failure(sources: &SourceMap, t: &PlayTest, trace: &Trace, f: &Failure) -> String {
    let message = printable(&f.message);
    let location = sources.location(f.span);
    match f.blame {
        Blame::Step(n) => format!(
            "    {}: {message}\n      --> {location}\n",
            step_header(sources, t, trace, n, f.at)
        ),
        Blame::After(n) => format!(
            "    {message}\n      --> {location}\n      after {}\n",
            step_header(sources, t, trace, n, f.at)
        ),
        Blame::Start => {
            format!("    {message}\n      --> {location}\n      before the first step\n")
        }
    }
}

/// `step 4 (line 212, T+3m10s) run "restart api"`. `at` is the time to
/// show when the step never ran.
fn step_header(sources: &SourceMap, t: &PlayTest, trace: &Trace, n: usize, at: Millis) -> String {
    let at = trace
        .steps
        .iter()
        .find(|s| s.number == n)
        .map_or(at, |s| s.at);
    let written = t
        .steps
        .get(n.wrapping_sub(1))
        .map(|s| (line_of(sources, s.span), as_written(sources, s.span)))
        .unwrap_or_default();
    format!(
        "step {n} ({}, {}) {}",
        written.0,
        format_offset(at),
        written.1
    )
}

/// `line 212`, or `include.drill line 12` for a line of another file.
fn line_of(sources: &SourceMap, span: Span) -> String {
    let line = sources
        .get(span.file)
        .map_or(0, |f| f.line_col(span.start as usize).0);
    if span.file == FileId(0) {
        format!("line {line}")
    } else {
        format!("{} line {line}", printable(sources.name(span.file)))
    }
}

/// A step's line as the author wrote it, on one line.
fn as_written(sources: &SourceMap, span: Span) -> String {
    let text = sources.text(span);
    printable(text.lines().next().unwrap_or("").trim())
}

/// A test's playthrough, step by step.
pub fn traced(sources: &SourceMap, t: &PlayTest, trace: &Trace) -> String {
    let mut text = format!("trace of {}", printable(&t.name));
    if !t.title.is_empty() {
        text.push_str(&format!(": {}", printable(&t.title)));
    }
    text.push_str(&format!(" (seed {})\n", t.seed));
    text.push_str("  the opening\n");
    text.push_str(&events(&trace.opening));
    for s in &trace.steps {
        text.push_str(&step(sources, t, trace, s));
    }
    if !trace.rest.is_empty() || !trace.rest_changes.is_empty() {
        text.push_str("  after the last step\n");
        text.push_str(&events(&trace.rest));
        text.push_str(&changes(&trace.rest_changes));
    }
    text.push_str(&format!(
        "  ended with {}\n",
        printable(&trace.report.ended)
    ));
    text
}

/// One step: its header, its events, what it changed, what went wrong.
fn step(sources: &SourceMap, t: &PlayTest, trace: &Trace, s: &Step) -> String {
    let mut text = format!("  {}\n", step_header(sources, t, trace, s.number, s.at));
    text.push_str(&events(&s.events));
    text.push_str(&changes(&s.changes));
    if let Some(why) = &s.failure {
        text.push_str(&format!("      !! {}\n", printable(why)));
    }
    text
}

/// Each event on one line, led by its game time: the line every front end
/// heads it with ([`EventKind::headline`]), its first line only.
fn events(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        let Some(line) = one_line(&e.kind) else {
            continue;
        };
        text.push_str(&format!(
            "      {:<9} {}\n",
            format_offset(e.at),
            printable(&line)
        ));
    }
    text
}

/// An event's one-line form; `None` for those that show nothing.
fn one_line(kind: &EventKind) -> Option<String> {
    let line = match kind {
        // The options are what a test's `choose` picks from.
        EventKind::Choices {
            options, numbers, ..
        } => {
            let listed: Vec<String> = crate::sim::numbered(options, numbers)
                .into_iter()
                .map(|(n, o)| format!("{n}. {}", first_line(o)))
                .collect();
            format!("choices: {}", listed.join("  "))
        }
        EventKind::Scene { scene } => format!("scene {scene}"),
        // A trace has no pager to tell a ticket from a page: both read
        // as pages here.
        other => first_line(&other.headline(false)?),
    };
    Some(line)
}

/// The first line of a text, marked `...` when there is more.
fn first_line(text: &str) -> String {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim_end();
    if lines.next().is_some() {
        format!("{first} ...")
    } else {
        first.to_string()
    }
}

/// What changed in the state, one part a line.
fn changes(changes: &[Change]) -> String {
    let mut text = String::new();
    for c in changes {
        let line = match &c.before {
            Some(before) => format!("{}: {before} -> {}", c.what, c.after),
            None => format!("{}: {}", c.what, c.after),
        };
        text.push_str(&format!("      ~ {}\n", printable(&line)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_one_line() {
        assert_eq!(first_line("one"), "one");
        assert_eq!(first_line("one  \ntwo"), "one ...");
        let choices = EventKind::Choices {
            scene: "a".into(),
            options: vec!["Go".into(), "Stay\nhere".into()],
            numbers: vec![1, 3],
        };
        assert_eq!(one_line(&choices).unwrap(), "choices: 1. Go  3. Stay ...");
        let shell = EventKind::Shell {
            prompt: String::new(),
            input: "df -h".into(),
            output: "lots\nof lines".into(),
        };
        assert_eq!(one_line(&shell).unwrap(), "$ df -h");
    }

    #[test]
    fn a_change_shows_before_and_after_and_is_printable() {
        let text = changes(&[
            Change {
                what: "flag up".into(),
                before: Some("false".into()),
                after: "true".into(),
            },
            Change {
                what: "page #1".into(),
                before: None,
                after: "open\u{1b}[2J".into(),
            },
        ]);
        assert!(text.contains("~ flag up: false -> true\n"), "{text}");
        assert!(text.contains("~ page #1: open"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
