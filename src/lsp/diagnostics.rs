//! The checker's diagnostics as the editor shows them: per file, with the
//! code linked to its catalogue entry, the help text, and the related
//! places the checker points at.

use super::documents::Documents;
use super::position::{Encoding, LineIndex};
use super::workspace::Analysis;
use crate::lang::{Code, Severity, Span};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The catalogue in this checkout, when the binary runs beside its source.
const CATALOGUE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");

/// Where catalogue links point: `docs/diagnostics.md` of the checkout the
/// binary was built from, if it is still there.
#[derive(Debug, Clone, Default)]
pub struct Links {
    base: Option<String>,
}

impl Links {
    pub fn find() -> Self {
        let path = Path::new(CATALOGUE_FILE);
        let base = path
            .is_file()
            .then(|| super::uri::from_path(path))
            .flatten()
            .map(|u| u.as_str().to_string());
        Links { base }
    }

    /// The link to `code`'s catalogue entry.
    pub fn href(&self, code: Code) -> Option<Uri> {
        let base = self.base.as_ref()?;
        let heading = crate::lang::catalogue::entry(code)?.lines().next()?;
        let anchor = slug(heading.trim_start_matches('#').trim());
        Uri::from_str(&format!("{base}#{anchor}")).ok()
    }
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// turned into hyphens.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The diagnostics of one check, by the path of the file they point into.
pub fn by_file(
    analysis: &Analysis,
    docs: &Documents,
    encoding: Encoding,
    links: &Links,
) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for path in &analysis.paths {
        out.entry(path.clone()).or_default();
    }
    let sources = &analysis.checked.sources;
    let indexes: Vec<LineIndex<'_>> = sources
        .files()
        .map(|(_, f)| LineIndex::new(&f.text, encoding))
        .collect();
    let range = |span: Span| {
        indexes
            .get(span.file.0 as usize)
            .map(|ix| ix.range(span.start as usize, span.end as usize))
    };
    for d in &analysis.checked.diagnostics {
        let span = d.span();
        let (Some(path), Some(r)) = (analysis.path(span.file), range(span)) else {
            continue;
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter(|l| !l.primary)
            .filter_map(|l| {
                let uri = docs.uri_of(analysis.path(l.span.file)?)?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri, range(l.span)?),
                    message: if l.message.is_empty() {
                        "related".into()
                    } else {
                        l.message.clone()
                    },
                })
            })
            .collect();
        let diagnostic = Diagnostic {
            range: r,
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.as_str().into())),
            code_description: links.href(d.code).map(|href| CodeDescription { href }),
            source: Some("firedrill".into()),
            message: message(d),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        };
        out.entry(path.to_path_buf()).or_default().push(diagnostic);
    }
    if let Some(note) = omitted(analysis) {
        out.entry(analysis.paths.first().cloned().unwrap_or_default())
            .or_default()
            .push(note);
    }
    out
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// The message, what the primary label says, the help and the notes.
fn message(d: &crate::lang::Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(label) = d
        .labels
        .first()
        .filter(|l| l.primary && !l.message.is_empty())
    {
        text.push_str(&format!(" ({})", label.message));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    for note in &d.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    text
}

/// A note at the top of the main file saying how many were left out.
fn omitted(analysis: &Analysis) -> Option<Diagnostic> {
    let o = analysis.checked.omitted;
    if o.total() == 0 {
        return None;
    }
    Some(Diagnostic {
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some("firedrill".into()),
        message: format!(
            "{} more errors and {} more warnings were found beyond the first {} (fix these and they show)",
            o.errors,
            o.warnings,
            crate::lang::MAX_DIAGNOSTICS
        ),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_github_slugs_of_the_headings() {
        assert_eq!(slug("FD0107: unknown scene"), "fd0107-unknown-scene");
        assert_eq!(
            slug("FD0205: person cannot be `paged`"),
            "fd0205-person-cannot-be-paged"
        );
    }

    #[test]
    fn links_point_into_the_catalogue_when_it_is_there() {
        let links = Links::find();
        let href = links.href(Code::UnknownScene).unwrap();
        assert!(href.as_str().starts_with("file://"), "{}", href.as_str());
        assert!(
            href.as_str().ends_with("#fd0107-unknown-scene"),
            "{}",
            href.as_str()
        );
        assert!(Links::default().href(Code::UnknownScene).is_none());
    }
}
