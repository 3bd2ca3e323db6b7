//! Renders diagnostics: rustc-style text (plain or coloured, via
//! codespan-reporting) and JSON for editors and CI. Writes into whatever the
//! caller hands in; the terminal itself is the caller's business.

use super::diagnostic::{Diagnostic, Severity};
use super::diags::{MAX_DIAGNOSTICS, Omitted};
use super::lines::is_forbidden_char;
use super::source::{SourceMap, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config, termcolor::WriteColor};
use serde::Serialize;

/// Makes text safe to print on a terminal (diagnostics quote scenario
/// files, which are untrusted): the one sanitiser, in `base`.
pub use crate::base::printable::printable;

/// The same, but keeping every byte offset valid: each forbidden character
/// becomes as many `?` as it had bytes, so spans still point at it (and the
/// caret under it is visible).
/// Invisible characters (zero-width, bidirectional marks, tags) become `?`
/// too, so the caret under one has something to point at.
fn same_width_printable(s: &str) -> String {
    let hidden = |c: char| is_forbidden_char(c) || crate::base::text::invisible(c).is_some();
    if !s.chars().any(hidden) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if hidden(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The most characters of a source line a diagnostic shows; the rest of a
/// longer line is cut and marked with [`CUT`].
pub const MAX_SHOWN_LINE: usize = 200;

/// The most characters of a message, label, note or help a diagnostic
/// shows: they quote names from the file, which may be as long as a line.
pub const MAX_SHOWN_TEXT: usize = 400;

/// `text` cut to [`MAX_SHOWN_TEXT`] characters, marked with [`CUT`] if it was.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN_TEXT) {
        Some((at, _)) => format!("{}{CUT}", &text[..at]).into(),
        None => text.into(),
    }
}

/// A diagnostic's own words as shown on a terminal: cut, then made printable.
fn said(text: &str) -> String {
    printable(&cut(text))
}

/// What ends a source line cut short.
const CUT: &str = "...";

/// A file as diagnostics show it: every line cut to [`MAX_SHOWN_LINE`]
/// characters, control characters made visible at the same width, and
/// where each original line went.
struct Shown {
    text: String,
    lines: Vec<ShownLine>,
}

/// One line of a [`Shown`] file.
struct ShownLine {
    /// Where the line starts in the original text.
    from: usize,
    /// Where it starts in the shown text.
    to: usize,
    /// How many of its bytes are shown (before the cut, if any).
    kept: usize,
    cut: bool,
}

impl Shown {
    fn new(text: &str) -> Shown {
        let mut shown = Shown {
            text: String::new(),
            lines: Vec::new(),
        };
        let mut from = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let kept = body
                .char_indices()
                .nth(MAX_SHOWN_LINE)
                .map_or(body.len(), |(i, _)| i);
            let cut = kept < body.len();
            shown.lines.push(ShownLine {
                from,
                to: shown.text.len(),
                kept,
                cut,
            });
            shown.text.push_str(&same_width_printable(&body[..kept]));
            if cut {
                shown.text.push_str(CUT);
            }
            if body.len() < line.len() {
                shown.text.push('\n');
            }
            from += line.len();
        }
        shown
    }

    /// The line holding the original offset `at`.
    fn line_of(&self, at: usize) -> Option<&ShownLine> {
        let i = self.lines.partition_point(|l| l.from <= at);
        self.lines.get(i.checked_sub(1)?)
    }

    /// Where the original offset `at` is shown, or `None` when it is past
    /// the cut of its line. A line that is not cut is shown byte for byte.
    fn start(&self, at: usize) -> Option<usize> {
        let Some(l) = self.line_of(at) else {
            return Some(0);
        };
        let col = at - l.from;
        if l.cut && col > l.kept {
            return None;
        }
        Some((l.to + col).min(self.text.len()))
    }

    /// As [`start`](Self::start), for the end of a span: past the cut is
    /// the end of the cut line, marker included.
    fn end(&self, at: usize) -> usize {
        let Some(l) = self.line_of(at) else { return 0 };
        let col = at - l.from;
        if l.cut && col > l.kept {
            return l.to + l.kept + CUT.len();
        }
        (l.to + col).min(self.text.len())
    }
}

/// Every file of a check as diagnostics show it.
struct ShownFiles {
    files: SimpleFiles<String, String>,
    shown: Vec<Shown>,
}

fn files(sources: &SourceMap) -> ShownFiles {
    let mut files = SimpleFiles::new();
    let mut shown = Vec::new();
    for (_, f) in sources.files() {
        let s = Shown::new(&f.text);
        files.add(printable(&f.name), s.text.clone());
        shown.push(s);
    }
    ShownFiles { files, shown }
}

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

fn to_codespan(d: &Diagnostic, sources: &SourceMap, shown: &ShownFiles) -> cs::Diagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut past_cut = Vec::new();
    let mut labels = Vec::new();
    for l in &d.labels {
        let Some(file) = shown.shown.get(l.span.file.0 as usize) else {
            continue;
        };
        let Some(start) = file.start(l.span.start as usize) else {
            past_cut.push(format!(
                "note: {}{} (past the first {MAX_SHOWN_LINE} characters of its line, which are all that is shown)",
                sources.location(l.span),
                if l.message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", said(&l.message))
                }
            ));
            continue;
        };
        let end = file.end(l.span.end as usize).max(start);
        let style = if l.primary {
            cs::LabelStyle::Primary
        } else {
            cs::LabelStyle::Secondary
        };
        labels.push(
            cs::Label::new(style, l.span.file.0 as usize, start..end)
                .with_message(said(&l.message)),
        );
    }
    // Without its primary label, codespan would head the diagnostic with a
    // secondary one's place: show none, and let the note give the place.
    let primary_shown = labels.iter().any(|l| l.style == cs::LabelStyle::Primary);
    if !primary_shown {
        labels.clear();
    }
    let mut notes: Vec<String> = past_cut;
    notes.extend(d.notes.iter().map(|n| format!("note: {}", said(n))));
    if let Some(h) = &d.help {
        notes.push(format!("help: {}", said(h)));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(said(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// The line after the diagnostics of a check that found more than
/// [`MAX_DIAGNOSTICS`]: how many more there are, or `None`.
pub fn omitted(omitted: Omitted) -> Option<String> {
    (omitted.total() > 0).then(|| {
        format!(
            "... and {} more not shown ({} errors, {} warnings): a check shows the first {MAX_DIAGNOSTICS} of a file",
            omitted.total(),
            omitted.errors,
            omitted.warnings
        )
    })
}

/// A check's diagnostics as `check` prints them: plain text, then how many
/// more were not shown, if any.
pub fn checked(c: &super::Checked) -> String {
    let mut text = human(&c.diagnostics, &c.sources);
    if let Some(more) = omitted(c.omitted) {
        text.push_str(&more);
        text.push_str("\n\n");
    }
    text
}

/// Plain text, as a terminal without colour would show it.
pub fn human(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let files = files(sources);
    let cfg = config();
    let mut out = String::new();
    for d in diags {
        match term::emit_into_string(&cfg, &files.files, &to_codespan(d, sources, &files)) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&format!(
                "{}[{}]: {}\n\n",
                severity_word(d.severity),
                d.code,
                said(&d.message)
            )),
        }
    }
    out
}

/// Coloured text into a terminal writer.
pub fn human_to(
    w: &mut dyn WriteColor,
    diags: &[Diagnostic],
    sources: &SourceMap,
) -> std::io::Result<()> {
    let files = files(sources);
    let cfg = config();
    for d in diags {
        if term::emit_to_write_style(w, &cfg, &files.files, &to_codespan(d, sources, &files))
            .is_err()
        {
            writeln!(
                w,
                "{}[{}]: {}",
                severity_word(d.severity),
                d.code,
                said(&d.message)
            )?;
        }
    }
    Ok(())
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Byte offsets into the file.
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    place: JsonPlace,
    message: String,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: &'static str,
    severity: Severity,
    title: &'static str,
    message: String,
    #[serde(flatten)]
    place: JsonPlace,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    notes: Vec<String>,
    fix: Option<JsonFix>,
}

/// A replacement for a place, for tools that offer it as a quick fix.
#[derive(Serialize)]
struct JsonFix {
    #[serde(flatten)]
    place: JsonPlace,
    with: String,
}

fn place(span: Span, sources: &SourceMap) -> JsonPlace {
    let (line, column, end_line, end_column) = match sources.get(span.file) {
        Some(f) => {
            let (l, c) = f.line_col(span.start as usize);
            let (el, ec) = f.line_col(span.end as usize);
            (l, c, el, ec)
        }
        None => (1, 1, 1, 1),
    };
    JsonPlace {
        file: sources.name(span.file).to_string(),
        line,
        column,
        end_line,
        end_column,
        start: span.start,
        end: span.end,
    }
}

/// The diagnostics as JSON values, for `--format json`.
pub fn json_values(diags: &[Diagnostic], sources: &SourceMap) -> Vec<serde_json::Value> {
    diags
        .iter()
        .map(|d| {
            let jd = JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity,
                title: d.code.title(),
                message: cut(&d.message).into_owned(),
                place: place(d.span(), sources),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        place: place(l.span, sources),
                        message: cut(&l.message).into_owned(),
                        primary: l.primary,
                    })
                    .collect(),
                help: d.help.as_deref().map(|h| cut(h).into_owned()),
                notes: d.notes.iter().map(|n| cut(n).into_owned()).collect(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    place: place(f.span, sources),
                    with: f.with.clone(),
                }),
            };
            serde_json::to_value(jd).unwrap_or(serde_json::Value::Null)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::diagnostic::Code;

    #[test]
    fn long_source_lines_are_cut_and_a_place_past_the_cut_is_named() {
        let mut sources = SourceMap::new();
        let long = format!("scene {}\n    ok\n", "é".repeat(5000));
        let f = sources.add("long.drill", long.as_str());
        let near = Diagnostic::new(Code::Syntax, Span::new(f, 6, 8), "near the start");
        let far = Diagnostic::new(Code::Syntax, Span::new(f, 9000, 9002), "far along")
            .secondary(Span::new(f, 10_007, 10_009), "the next line");
        let out = human(&[near, far], &sources);
        assert!(out.len() < 4000, "{} bytes:\n{out}", out.len());
        let shown = format!("scene {}...", "é".repeat(MAX_SHOWN_LINE - 6));
        assert!(out.contains(&shown), "{out}");
        assert!(
            out.contains("note: long.drill:1:4504 (past the first 200 characters of its line"),
            "{out}"
        );
        // Its secondary label is not shown as if it were the place.
        assert!(!out.contains("--> long.drill:2:1"), "{out}");
        // A place on a line that is not cut is shown as it is.
        let next = Diagnostic::new(Code::Syntax, Span::new(f, 10_011, 10_013), "short");
        let out = human(&[next], &sources);
        assert!(out.contains("--> long.drill:2:5"), "{out}");
        assert!(out.contains("2 |     ok"), "{out}");
    }

    #[test]
    fn a_long_name_in_a_message_is_cut_in_text_and_json() {
        let mut sources = SourceMap::new();
        let name = "a".repeat(60_000);
        let f = sources.add("long.drill", format!("{name}\n"));
        let d = Diagnostic::new(
            Code::UnknownKeyword,
            Span::new(f, 0, 1),
            format!("`{name}`"),
        )
        .help(format!("not `{name}`"));
        let out = human(std::slice::from_ref(&d), &sources);
        assert!(out.len() < 2000, "{} bytes:\n{out}", out.len());
        assert!(
            out.contains(&format!("`{}...", "a".repeat(MAX_SHOWN_TEXT - 1))),
            "{out}"
        );
        let json = serde_json::to_string(&json_values(&[d], &sources)).unwrap_or_default();
        assert!(json.len() < 2000, "{} bytes: {json}", json.len());
    }

    #[test]
    fn the_count_of_the_diagnostics_not_shown_is_one_line() {
        assert_eq!(omitted(Omitted::default()), None);
        let line = omitted(Omitted {
            errors: 7,
            warnings: 2,
        })
        .unwrap();
        assert_eq!(
            line,
            "... and 9 more not shown (7 errors, 2 warnings): a check shows the first 100 of a file"
        );
    }

    #[test]
    fn nothing_from_the_file_reaches_the_terminal_raw() {
        let mut sources = SourceMap::new();
        let f = sources.add(
            "evil\u{1b}]0;x\u{7}.drill",
            "scene a\n    hi \u{1b}[2J there\n",
        );
        let d = Diagnostic::new(
            Code::ControlCharacter,
            Span::new(f, 15, 16),
            "bad \u{1b} char",
        )
        .help("\u{9b}31m");
        let out = human(&[d], &sources);
        assert!(!out.chars().any(is_forbidden_char), "{out:?}");
        assert!(out.contains("hi ?[2J there"), "{out}");
        assert!(out.contains("\\u{1b}"), "{out}");
    }
}
