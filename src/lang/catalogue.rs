//! The diagnostic catalogue, `docs/diagnostics.md`, built into the binary:
//! one entry per code, from its `## FDxxxx` heading to the next. What
//! `firedrill explain` prints and what an editor shows on hover.

use super::Code;

const CATALOGUE: &str = include_str!("../../docs/diagnostics.md");

/// The catalogue entry of `code`, heading included.
pub fn entry(code: Code) -> Option<&'static str> {
    let heading = format!("## {}", code.as_str());
    let start = CATALOGUE.find(&heading)?;
    let rest = &CATALOGUE[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    Some(rest[..end].trim_end())
}

/// What `firedrill explain` prints for `code`: its entry, or a line that
/// says it has none yet.
pub fn explain(code: Code) -> String {
    entry(code).map_or_else(
        || {
            format!(
                "## {code}: {}\n\n(no catalogue entry yet; see docs/diagnostics.md)",
                code.title()
            )
        },
        str::to_string,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_an_entry() {
        for code in Code::ALL {
            let entry =
                entry(*code).unwrap_or_else(|| panic!("{code} missing from docs/diagnostics.md"));
            assert!(
                entry.contains(code.title()),
                "{code}'s entry should carry its title `{}`",
                code.title()
            );
        }
    }
}
