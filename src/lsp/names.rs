//! What the editor asks about names, answered from the name index
//! (`lang::index`) of the check that speaks for a file: where a name is
//! declared, where it is used, what it is, which names fit at the cursor,
//! and the semantic tokens of the file.

use super::position::LineIndex;
use super::workspace::Analysis;
use crate::lang::index::{self, NameKind, TokenKind};
use crate::lang::{FileId, Span};
use lsp_types::{
    CompletionItem, CompletionItemKind, SemanticToken, SemanticTokenModifier, SemanticTokenType,
    SemanticTokensLegend,
};

/// The declaration of the name at byte `offset` of `file`.
pub fn definition(a: &Analysis, file: FileId, offset: usize) -> Option<Span> {
    let d = a.index.at(file, offset)?;
    Some(a.index.decls().get(d)?.span)
}

/// Every use of the name at byte `offset` of `file`, and its declaration
/// first when `declaration` is asked for.
pub fn references(a: &Analysis, file: FileId, offset: usize, declaration: bool) -> Vec<Span> {
    let Some(d) = a.index.at(file, offset) else {
        return Vec::new();
    };
    let decl = a.index.decls().get(d).map(|d| d.span);
    let mut out: Vec<Span> = if declaration {
        decl.into_iter().collect()
    } else {
        Vec::new()
    };
    out.extend(a.index.references(d));
    out
}

/// The hover text of the name at byte `offset` of `file`: its kind, its
/// declaring line, its `source` notes, a metric's baseline, range and
/// effects.
pub fn hover(a: &Analysis, file: FileId, offset: usize) -> Option<String> {
    let d = a.index.at(file, offset)?;
    let text = index::hover(&a.index, d, &a.checked.items, &a.checked.sources);
    (!text.is_empty()).then_some(text)
}

/// The declared names that fit after `before` (the cursor's line up to
/// it), or `None` where no name is expected. A placeholder fits only inside
/// its own command.
pub fn completion(
    a: &Analysis,
    file: FileId,
    offset: usize,
    before: &str,
) -> Option<Vec<CompletionItem>> {
    let kinds = index::expected_names(before)?;
    let inside =
        |s: Span| s.file == file && (s.start as usize) <= offset && offset <= s.end as usize;
    let decls = a.index.decls();
    let mut items: Vec<CompletionItem> = Vec::new();
    for d in a.index.of_kind(&kinds) {
        if d.kind == NameKind::Placeholder
            && !d
                .parent
                .and_then(|p| decls.get(p))
                .is_some_and(|p| inside(p.block))
        {
            continue;
        }
        if items.iter().any(|i| i.label == d.name) {
            continue;
        }
        items.push(CompletionItem {
            label: d.name.clone(),
            kind: Some(completion_kind(d.kind)),
            detail: Some(d.kind.word().to_string()),
            ..Default::default()
        });
    }
    Some(items)
}

fn completion_kind(kind: NameKind) -> CompletionItemKind {
    match kind {
        NameKind::Flag | NameKind::Var | NameKind::Metric => CompletionItemKind::VARIABLE,
        NameKind::Enum => CompletionItemKind::ENUM,
        NameKind::EnumValue | NameKind::Choice => CompletionItemKind::ENUM_MEMBER,
        NameKind::Effect | NameKind::Alert | NameKind::Inject => CompletionItemKind::EVENT,
        NameKind::Person => CompletionItemKind::CLASS,
        NameKind::Command | NameKind::Program => CompletionItemKind::FUNCTION,
        NameKind::Placeholder => CompletionItemKind::TYPE_PARAMETER,
        NameKind::Runbook | NameKind::Log | NameKind::Hint => CompletionItemKind::FILE,
        NameKind::Host => CompletionItemKind::MODULE,
        NameKind::Scene | NameKind::Ending | NameKind::Rubric | NameKind::Test => {
            CompletionItemKind::REFERENCE
        }
    }
}

/// The token types the server uses, in legend order (see [`token_type`]).
const TYPES: &[&str] = &[
    "keyword",
    "property",
    "string",
    "number",
    "comment",
    "operator",
    "variable",
    "enum",
    "enumMember",
    "event",
    "class",
    "function",
    "parameter",
    "namespace",
    "type",
    "method",
    "struct",
    "label",
];

/// The modifiers: a name where it is declared; text that is story prose.
const MODIFIERS: &[&str] = &["declaration", "documentation"];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.iter().map(|t| SemanticTokenType::new(t)).collect(),
        token_modifiers: MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// The legend index of a token kind's type.
fn token_type(kind: TokenKind) -> u32 {
    let name = match kind {
        TokenKind::Keyword => "keyword",
        TokenKind::Property => "property",
        TokenKind::String | TokenKind::Narration => "string",
        TokenKind::Number => "number",
        TokenKind::Comment => "comment",
        TokenKind::Operator => "operator",
        TokenKind::Name(n) => match n {
            NameKind::Flag | NameKind::Var => "variable",
            NameKind::Metric => "struct",
            NameKind::Enum => "enum",
            NameKind::EnumValue | NameKind::Choice => "enumMember",
            NameKind::Effect | NameKind::Alert | NameKind::Inject => "event",
            NameKind::Person => "class",
            NameKind::Command | NameKind::Program => "function",
            NameKind::Placeholder => "parameter",
            NameKind::Host => "namespace",
            NameKind::Runbook | NameKind::Log | NameKind::Hint => "type",
            NameKind::Scene | NameKind::Test => "method",
            NameKind::Ending | NameKind::Rubric => "label",
        },
    };
    TYPES
        .iter()
        .position(|t| *t == name)
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or(0)
}

/// The semantic tokens of `file`, relative-encoded in the units `ix`
/// counts in (each token lies within one line).
pub fn tokens(a: &Analysis, file: FileId, ix: &LineIndex<'_>) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for t in index::tokens(&a.index, &a.checked.sources, file) {
        let start = ix.position(t.span.start as usize);
        let end = ix.position(t.span.end as usize);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        // The index gives tokens in order; one out of order is dropped
        // rather than encoded as a huge jump.
        let Some(delta_line) = start.line.checked_sub(line) else {
            continue;
        };
        let delta_start = if delta_line == 0 {
            let Some(d) = start.character.checked_sub(col) else {
                continue;
            };
            d
        } else {
            start.character
        };
        let mut modifiers = 0;
        if t.declaration {
            modifiers |= 1;
        }
        if t.kind == TokenKind::Narration {
            modifiers |= 2;
        }
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token_type(t.kind),
            token_modifiers_bitset: modifiers,
        });
        (line, col) = (start.line, start.character);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::index::NameIndex;
    use crate::lang::{Loaded, NoFiles, check};
    use crate::lsp::position::Encoding;
    use std::path::PathBuf;

    const TEXT: &str = "scenario s\n    title \"S\"\n    opening a\n    start 2024-01-01 09:00 UTC\n    duration 20m\n\nflag seen = false\n\nscene a\n    \"Go.\"\n    set seen = true\n    * Stöp #stop\n        goto b\n\nscene b\n    \"Again.\"\n    * End #e\n        end done\n\nending done \"Done\"\n    outcome resolved\n    \"ok\"\n";

    fn analysis() -> Analysis {
        let checked = check(Loaded::text("t.drill", TEXT), &NoFiles);
        assert!(checked.scenario.is_some(), "{:?}", checked.diagnostics);
        let index = NameIndex::build(&checked.items, &checked.sources);
        Analysis {
            checked,
            paths: vec![PathBuf::from("/t.drill")],
            index,
        }
    }

    #[test]
    fn definitions_and_references_of_a_scene() {
        let a = analysis();
        let use_at = TEXT.find("goto b").unwrap() + 5;
        let decl = definition(&a, FileId(0), use_at).unwrap();
        assert_eq!(&TEXT[decl.range()], "b");
        assert_eq!(decl.start as usize, TEXT.find("scene b").unwrap() + 6);
        let refs = references(&a, FileId(0), decl.start as usize, true);
        assert_eq!(refs.len(), 2);
        assert_eq!(references(&a, FileId(0), use_at, false).len(), 1);
    }

    #[test]
    fn names_of_the_expected_kind_complete() {
        let a = analysis();
        let offset = TEXT.find("goto b").unwrap() + 5;
        let got = completion(&a, FileId(0), offset, "        goto ").unwrap();
        let labels: Vec<&str> = got.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["a", "b"]);
        assert!(completion(&a, FileId(0), offset, "        \"text").is_none());
    }

    #[test]
    fn tokens_are_relative_and_counted_in_the_agreed_units() {
        let a = analysis();
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let ix = LineIndex::new(TEXT, encoding);
            let got = tokens(&a, FileId(0), &ix);
            assert!(!got.is_empty());
            // The flag's declaration on line 4: after `flag `, `seen`.
            let (mut line, mut col) = (0, 0);
            let mut found = None;
            for t in &got {
                if t.delta_line > 0 {
                    col = 0;
                }
                line += t.delta_line;
                col += t.delta_start;
                if line == 11 && t.token_modifiers_bitset & 1 == 1 {
                    found = Some((col, t.length));
                }
            }
            let col = if encoding == Encoding::Utf8 { 13 } else { 12 };
            assert_eq!(found, Some((col, 4)), "{encoding:?}");
        }
    }
}
