//! Renders diagnostics: rustc-style text (plain or coloured, via
//! codespan-reporting) and JSON for editors and CI. Writes into whatever the
//! caller hands in; the terminal itself is the caller's business.

use super::diagnostic::{Diagnostic, Severity};
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

fn files(sources: &SourceMap) -> SimpleFiles<String, String> {
    let mut files = SimpleFiles::new();
    for (_, f) in sources.files() {
        files.add(printable(&f.name), same_width_printable(&f.text));
    }
    files
}

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

fn to_codespan(d: &Diagnostic, sources: &SourceMap) -> cs::Diagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let labels = d
        .labels
        .iter()
        .map(|l| {
            let len = sources.get(l.span.file).map_or(0, |f| f.text.len());
            let start = (l.span.start as usize).min(len);
            let end = (l.span.end as usize).clamp(start, len);
            let style = if l.primary {
                cs::LabelStyle::Primary
            } else {
                cs::LabelStyle::Secondary
            };
            cs::Label::new(style, l.span.file.0 as usize, start..end)
                .with_message(printable(&l.message))
        })
        .collect();
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| format!("note: {}", printable(n)))
        .collect();
    if let Some(h) = &d.help {
        notes.push(format!("help: {}", printable(h)));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(printable(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// Plain text, as a terminal without colour would show it.
pub fn human(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let files = files(sources);
    let cfg = config();
    let mut out = String::new();
    for d in diags {
        match term::emit_into_string(&cfg, &files, &to_codespan(d, sources)) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&format!(
                "{}[{}]: {}\n\n",
                severity_word(d.severity),
                d.code,
                printable(&d.message)
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
        if term::emit_to_write_style(w, &cfg, &files, &to_codespan(d, sources)).is_err() {
            writeln!(
                w,
                "{}[{}]: {}",
                severity_word(d.severity),
                d.code,
                printable(&d.message)
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
                message: d.message.clone(),
                place: place(d.span(), sources),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        place: place(l.span, sources),
                        message: l.message.clone(),
                        primary: l.primary,
                    })
                    .collect(),
                help: d.help.clone(),
                notes: d.notes.clone(),
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
