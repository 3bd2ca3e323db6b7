//! One debrief, four formats: for every playthrough test of every shipped
//! scenario, every figure and verdict of the debrief document (times, counts,
//! lengths, states, badges, verdicts, names in code) must appear in the same
//! section of the terminal, Markdown and HTML forms, and the moments and
//! verdicts in the RON. A format that drops or rewords one fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::library;
use firedrill::record::debrief::document::{Block, Document, Span, document};
use firedrill::record::debrief::{self, Debrief};
use firedrill::record::{self, Transcript};
use std::sync::Arc;

/// The debrief of one playthrough test, as recorded by a front end.
fn debrief_of(id: &str, test: usize) -> Debrief {
    let checked = library::check(library::find(id).unwrap());
    let hash = firedrill::game::catalog::source_of(&checked).hash;
    let sc = Arc::new(checked.scenario.unwrap());
    let text = record::record_playthrough(&sc, &hash, test).unwrap();
    let t = Transcript::read(&text);
    let r = record::replay(sc.clone(), &t);
    debrief::build(&sc, &t, &r, &[])
}

/// Whitespace runs (a wrapped line too) as one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text without any whitespace.
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Markdown as read: escapes taken off, emphasis and code marks dropped.
fn markdown_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.extend(chars.next());
            }
            '*' | '`' => {}
            c => out.push(c),
        }
    }
    squeeze(&out)
}

/// HTML as read: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    squeeze(&out)
}

/// Each section's text in one format: from its title to the next one's.
/// `find` gives where a section's title is in `text` from a byte on.
fn sections(doc: &Document, text: &str, find: impl Fn(&str, usize, &str) -> usize) -> Vec<String> {
    let mut starts = Vec::new();
    let mut at = 0;
    for s in &doc.sections {
        at = find(text, at, &s.title);
        starts.push(at);
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &from)| text[from..starts.get(i + 1).copied().unwrap_or(text.len())].to_string())
        .collect()
}

/// The figures and verdicts a block shows.
fn figures(b: &Block, out: &mut Vec<String>) {
    let spans = |spans: &[Span], out: &mut Vec<String>| {
        for s in spans {
            match s {
                Span::When(m) => out.extend([m.clock.clone(), m.offset.clone()]),
                Span::Clock(c) => out.push(c.clone()),
                Span::Tone(_, t) | Span::Flag(t) | Span::Strong(t) | Span::Code(t) => {
                    out.push(t.clone());
                }
                Span::Text(t) | Span::Muted(t) if t.chars().any(|c| c.is_ascii_digit()) => {
                    out.push(t.clone());
                }
                Span::Text(_) | Span::Muted(_) | Span::Link { .. } => {}
            }
        }
    };
    match b {
        Block::Para(i) | Block::Aside(i) | Block::Empty(i) => spans(i, out),
        Block::List(items) => items.iter().for_each(|i| spans(i, out)),
        Block::Stats(stats) => {
            for s in stats {
                out.extend([s.value.clone(), s.label.clone()]);
            }
        }
        Block::Ending(e) => {
            out.extend([e.badge.clone(), e.when.clock.clone(), e.when.offset.clone()]);
        }
        Block::Table(t) => {
            for r in &t.rows {
                for c in &r.cells {
                    spans(&c.main, out);
                    spans(&c.detail, out);
                }
            }
        }
        Block::Rubric(items) => {
            for i in items {
                out.push(i.title.clone());
                spans(&i.state, out);
            }
        }
        Block::Steps(steps) => {
            for s in steps {
                out.extend([s.label.clone(), s.when.clock.clone(), s.when.offset.clone()]);
            }
        }
        Block::Timeline(entries) => {
            for e in entries {
                out.extend([e.at.clock.clone(), e.what.to_string()]);
                out.extend(e.refused.as_ref().map(ToString::to_string));
                out.extend(e.flags.iter().cloned());
            }
        }
        Block::Charts(charts) => {
            for c in charts {
                out.extend([c.lowest.clone(), c.highest.clone(), c.last.clone()]);
            }
        }
        Block::Sub(_) | Block::Quote { .. } | Block::Bars(_) => {}
    }
}

/// The figures of one section, badge first, each as a reader sees it (a
/// pair of backticks in a text marks code, shown without them).
fn section_figures(s: &debrief::document::Section) -> Vec<String> {
    let mut out: Vec<String> = s.badge.iter().cloned().collect();
    for b in &s.blocks {
        figures(b, &mut out);
    }
    out.into_iter()
        .map(|f| squeeze(&f.replace('`', "")))
        .filter(|f| !f.is_empty())
        .collect()
}

/// Checks one debrief: every figure of every section in each text format's
/// same section, and its moments and verdicts in the RON.
fn check(name: &str, d: &Debrief) -> usize {
    let md = debrief::markdown(d);
    let term = debrief::terminal(d, false);
    let html = debrief::html(d);
    check_forms(name, d, &md, &term, &html)
}

/// [`check`], on the three text forms given.
fn check_forms(name: &str, d: &Debrief, md: &str, term: &str, html: &str) -> usize {
    let doc = document(d);
    let forms = [
        (
            "markdown",
            sections(&doc, md, |t, at, title| {
                t[at..].find(&format!("## {title}")).unwrap() + at
            }),
            markdown_text as fn(&str) -> String,
        ),
        (
            "terminal",
            sections(&doc, term, |t, at, title| {
                t[at..].find(&title.to_uppercase()).unwrap() + at
            }),
            squeeze,
        ),
        (
            "html",
            sections(&doc, html, |t, at, title| {
                let title = title.replace('\'', "&#39;");
                t[at..].find(&title).unwrap() + at
            }),
            html_text,
        ),
    ];
    let mut checked = 0;
    for (i, s) in doc.sections.iter().enumerate() {
        for figure in section_figures(s) {
            for (form, parts, read) in &forms {
                // Backticks mark code in every text form; a reader skips
                // them. Spacing is layout (wrapping, tags), not a figure.
                let text = read(&parts[i]).replace('`', "");
                assert!(
                    compact(&text).contains(&compact(&figure)),
                    "{name}: the {form} form's section “{}” lacks “{figure}”:\n{text}",
                    s.title
                );
            }
            checked += 1;
        }
    }
    let ron = debrief::to_ron(d);
    let mut moments: Vec<&str> = d.timeline.iter().map(|e| e.at.clock.as_str()).collect();
    moments.extend(
        d.key_actions
            .iter()
            .filter_map(|l| l.at.as_ref())
            .map(|m| m.clock.as_str()),
    );
    moments.extend(d.commands.iter().map(|c| c.first.clock.as_str()));
    moments.extend(
        d.evidence
            .looked_at
            .iter()
            .filter_map(|l| l.first())
            .map(|m| m.clock.as_str()),
    );
    let mut verdicts: Vec<&str> = d
        .reasoning
        .hypotheses
        .iter()
        .map(|h| h.verdict.as_str())
        .collect();
    verdicts.extend(d.key_actions.iter().map(|l| l.state.as_str()));
    verdicts.extend(
        d.evidence
            .looked_at
            .iter()
            .filter_map(|l| l.on_screen.as_ref())
            .map(|o| o.length.as_str()),
    );
    for figure in moments.into_iter().chain(verdicts) {
        assert!(
            ron.contains(&format!("\"{figure}\"")),
            "{name}: the RON lacks “{figure}”"
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_figure_appears_in_every_format_for_every_playthrough() {
    let mut total = 0;
    for b in library::builtins() {
        let id = b.id;
        let sc = library::check(b).scenario.unwrap();
        for (i, t) in sc.tests.iter().enumerate() {
            total += check(&format!("{id}/{}", t.name), &debrief_of(id, i));
        }
    }
    assert!(total > 5000, "only {total} figures were checked");
}

/// The check itself catches a format that rewords a verdict or drops a
/// figure: a Markdown form doctored either way fails it.
#[test]
fn a_reworded_or_dropped_figure_is_caught() {
    let d = debrief_of("cloudflare-2019-waf", 0);
    let (md, term, html) = (
        debrief::markdown(&d),
        debrief::terminal(&d, false),
        debrief::html(&d),
    );
    assert!(check_forms("as printed", &d, &md, &term, &html) > 100);
    let verdict = &d.reasoning.hypotheses[1].verdict;
    let clock = &d.evidence.looked_at[0].times[0].clock;
    let doctored = [
        md.replace(verdict.as_str(), "names the root cause"),
        md.replace(&format!("asked for at {clock}"), "asked for"),
    ];
    for md in doctored {
        let caught = std::panic::catch_unwind(|| check_forms("doctored", &d, &md, &term, &html));
        assert!(caught.is_err(), "a doctored form passed the check");
    }
}
