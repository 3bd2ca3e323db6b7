//! The diagnostic catalogue documents and tests itself: each entry's example
//! must raise the entry's code, and the output shown under it must be exactly
//! what `firedrill check example.drill` prints today.
//!
//! Examples that include files are checked beside the corpus's helper files
//! (tests/corpus/bad/include); bytes Markdown cannot hold are written `<ESC>`,
//! `<TAB>` or `<0xE9>`.
//!
//! After an intended change to a message: `FIREDRILL_BLESS=1 cargo test --test
//! catalogue` rewrites the outputs in docs/diagnostics.md; review the diff.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::cli::summary;
use firedrill::lang::{self, Code, LoadError, Loaded, Loader, render};

const DOC: &str = "docs/diagnostics.md";

/// The byte range of the body of the first fenced block of `lang` at or after `from`.
fn fenced(doc: &str, from: usize, lang: &str) -> Option<std::ops::Range<usize>> {
    let open = format!("```{lang}\n");
    let start = doc[from..].find(&open)? + from + open.len();
    let end = doc[start..].find("```")? + start;
    Some(start..end)
}

/// Examples whose size a Markdown block cannot hold (files over 16 MiB, text
/// over 64 KiB, shown shortened); the bad-file corpus covers them.
fn too_big_to_show(code: Code) -> bool {
    matches!(code, Code::FileTooLarge | Code::TextTooLong)
}

/// Bytes a Markdown block cannot hold are written `<ESC>`, `<TAB>`, `<0xE9>`.
fn decode(example: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = example;
    while let Some(i) = rest.find('<') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let tail = &rest[i..];
        let (bytes, used): (Vec<u8>, usize) = if tail.starts_with("<ESC>") {
            (vec![0x1b], 5)
        } else if tail.starts_with("<TAB>") {
            (vec![b'\t'], 5)
        } else if tail.starts_with("<0x") && tail.get(5..6) == Some(">") {
            (
                tail.get(3..5)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .into_iter()
                    .collect(),
                6,
            )
        } else {
            (vec![b'<'], 1)
        };
        out.extend(bytes);
        rest = &tail[used..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// Examples live beside the corpus's helper files, as `example.drill` would.
struct CorpusLoader;

impl Loader for CorpusLoader {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/bad")
            .join(&key);
        let bytes = std::fs::read(full).map_err(|_| LoadError::NotFound)?;
        Ok(Loaded {
            name: key.clone(),
            key,
            bytes,
        })
    }
}

fn output_for(example: &str) -> (String, Vec<Code>) {
    let checked = lang::check(
        Loaded {
            name: "example.drill".into(),
            key: "example.drill".into(),
            bytes: decode(example),
        },
        &CorpusLoader,
    );
    let mut out = render::human(&checked.diagnostics, &checked.sources);
    out.push_str(&summary(
        "example.drill",
        checked.errors(),
        checked.warnings(),
    ));
    out.push('\n');
    (out, checked.diagnostics.iter().map(|d| d.code).collect())
}

#[test]
fn catalogue_examples_match_the_checker() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let mut doc = std::fs::read_to_string(&path).unwrap();
    let bless = std::env::var_os("FIREDRILL_BLESS").is_some();
    let mut stale = Vec::new();
    let mut checked = 0;
    for code in Code::ALL {
        let heading = format!("\n## {}: {}\n", code.as_str(), code.title());
        let at = doc
            .find(&heading)
            .unwrap_or_else(|| panic!("{DOC} has no `{}` heading", heading.trim()));
        let section_end = doc[at + heading.len()..]
            .find("\n## ")
            .map_or(doc.len(), |e| e + at + heading.len());
        let Some(ex) = fenced(&doc, at, "drill").filter(|r| r.end < section_end) else {
            continue;
        };
        let example = doc[ex.clone()].to_string();
        if too_big_to_show(*code) {
            continue;
        }
        let Some(shown) = fenced(&doc, ex.end, "text").filter(|r| r.end < section_end) else {
            panic!("{code}: the example has no ```text block with its output");
        };
        let (actual, codes) = output_for(&example);
        assert!(
            codes.contains(code),
            "{code}: the catalogue example raises {codes:?}, not {code}"
        );
        checked += 1;
        if doc[shown.clone()] != actual {
            if bless {
                doc.replace_range(shown, &actual);
            } else {
                stale.push(format!(
                    "{code}:\n--- documented\n{}--- actual\n{actual}",
                    &doc[shown]
                ));
            }
        }
    }
    if bless {
        std::fs::write(&path, &doc).unwrap();
    }
    assert!(
        checked >= 30,
        "only {checked} catalogue examples were checkable"
    );
    assert!(
        stale.is_empty(),
        "docs/diagnostics.md is out of date (FIREDRILL_BLESS=1 cargo test --test catalogue rewrites it):\n{}",
        stale.join("\n")
    );
}
