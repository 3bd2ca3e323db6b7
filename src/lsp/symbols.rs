//! The outline of one file, from the syntax tree the check kept: the
//! scenario, state, metrics (their effects below), alerts, people,
//! commands, documents, scenes (their choices below), endings, the debrief
//! (its rubric below) and tests.

use super::position::LineIndex;
use crate::lang::FileId;
use crate::lang::ast::{Ident, Item, ItemKind, Text};
use lsp_types::{DocumentSymbol, Range, SymbolKind};

/// The outline of file `file`, whose text `ix` indexes.
pub fn outline(items: &[Item], file: FileId, ix: &LineIndex<'_>) -> Vec<DocumentSymbol> {
    let len = ix.end();
    let mine: Vec<&Item> = items.iter().filter(|i| i.span.file == file).collect();
    let mut out = Vec::new();
    for (n, item) in mine.iter().enumerate() {
        // A block runs to the next block of the same file.
        let end = mine.get(n + 1).map_or(len, |next| next.span.start as usize);
        let whole = ix.range(item.span.start as usize, trim_end(end, item, len));
        if let Some(s) = symbol(item, whole, ix) {
            out.push(s);
        }
    }
    out
}

/// Where a block's range ends: before the next block, never before its own
/// first line ends.
fn trim_end(end: usize, item: &Item, len: usize) -> usize {
    end.max(item.span.end as usize).min(len)
}

fn symbol(item: &Item, whole: Range, ix: &LineIndex<'_>) -> Option<DocumentSymbol> {
    let head = || ix.range(item.span.start as usize, item.span.end as usize);
    let named =
        |name: &Ident, kind, children| make(&name.name, kind, whole, span(ix, name), children);
    let s = match &item.kind {
        ItemKind::Scenario(h) => {
            let name = h.id.as_ref().map_or("scenario", |i| i.name.as_str());
            make(name, SymbolKind::MODULE, whole, head(), Vec::new())
        }
        ItemKind::Var(name, _) => named(name, SymbolKind::VARIABLE, Vec::new()),
        ItemKind::Metric(m) => {
            let effects = m
                .effects
                .iter()
                .map(|e| {
                    let r = ix.range(e.span.start as usize, e.span.end as usize);
                    make(
                        &e.name.name,
                        SymbolKind::EVENT,
                        r,
                        span(ix, &e.name),
                        Vec::new(),
                    )
                })
                .collect();
            named(&m.name, SymbolKind::PROPERTY, effects)
        }
        ItemKind::Alert(a) => named(&a.name, SymbolKind::EVENT, Vec::new()),
        ItemKind::Person(p) => named(&p.name, SymbolKind::CONSTRUCTOR, Vec::new()),
        ItemKind::Command(c) => named(&c.name, SymbolKind::FUNCTION, Vec::new()),
        ItemKind::Program(p) => named(&p.name, SymbolKind::PACKAGE, Vec::new()),
        ItemKind::Doc(d) => named(&d.name, SymbolKind::FILE, Vec::new()),
        ItemKind::Host(h) => named(&h.name, SymbolKind::OBJECT, Vec::new()),
        ItemKind::Inject(i) => named(&i.name, SymbolKind::EVENT, Vec::new()),
        ItemKind::Hint(h) => match &h.name {
            Some(name) => named(name, SymbolKind::STRING, Vec::new()),
            None => make("hint", SymbolKind::STRING, whole, head(), Vec::new()),
        },
        ItemKind::Scene(s) => {
            let choices = s
                .choices
                .iter()
                .map(|c| {
                    let r = ix.range(c.span.start as usize, c.span.end as usize);
                    let label =
                        c.id.as_ref()
                            .map_or_else(|| c.text.plain(), |i| i.name.clone());
                    make(&label, SymbolKind::ENUM_MEMBER, r, r, Vec::new())
                })
                .collect();
            named(&s.name, SymbolKind::CLASS, choices)
        }
        ItemKind::Ending(e) => named(&e.name, SymbolKind::ENUM, Vec::new()),
        ItemKind::Debrief(d) => {
            let rubric = d
                .items
                .iter()
                .map(|r| {
                    let sel = span(ix, &r.name);
                    make(&r.name.name, SymbolKind::BOOLEAN, sel, sel, Vec::new())
                })
                .collect();
            make("debrief", SymbolKind::NAMESPACE, whole, head(), rubric)
        }
        ItemKind::Test(t) => named(&t.name, SymbolKind::METHOD, Vec::new()),
        ItemKind::File(f) => text_symbol(&f.path, SymbolKind::FILE, whole, ix),
        ItemKind::Url(u) => text_symbol(&u.url, SymbolKind::FILE, whole, ix),
        ItemKind::Postmortem(_) => make(
            "postmortem",
            SymbolKind::NAMESPACE,
            whole,
            head(),
            Vec::new(),
        ),
        ItemKind::Escalation(_) => make(
            "escalation",
            SymbolKind::NAMESPACE,
            whole,
            head(),
            Vec::new(),
        ),
        ItemKind::Trigger(_) => {
            let first = ix.range(item.span.start as usize, item.span.end as usize);
            make("trigger", SymbolKind::EVENT, whole, first, Vec::new())
        }
        ItemKind::Include(_) => return None,
    };
    Some(s)
}

fn span(ix: &LineIndex<'_>, name: &Ident) -> Range {
    ix.range(name.span.start as usize, name.span.end as usize)
}

fn text_symbol(text: &Text, kind: SymbolKind, whole: Range, ix: &LineIndex<'_>) -> DocumentSymbol {
    let r = ix.range(text.span.start as usize, text.span.end as usize);
    make(&text.plain(), kind, whole, r, Vec::new())
}

/// A symbol; its selection range is kept inside its range, as editors
/// require.
fn make(
    name: &str,
    kind: SymbolKind,
    range: Range,
    selection: Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let selection = if selection.start < range.start || selection.end > range.end {
        range
    } else {
        selection
    };
    #[allow(deprecated)]
    DocumentSymbol {
        // An empty name is refused by some editors.
        name: if name.trim().is_empty() {
            "?".into()
        } else {
            name.to_string()
        },
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Loaded, NoFiles, check};
    use crate::lsp::position::Encoding;

    #[test]
    fn outline_nests_effects_and_choices() {
        let text = "scenario s\n  title \"S\"\n  opening a\n\nmetric lag \"Lag\"\n  baseline 1\n  effect up ramp to 5 over 1m\n\nscene a\n  \"Go.\"\n  * Stop #stop\n    end done\n\nending done \"Done\"\n  outcome good\n  \"ok\"\n";
        let checked = check(Loaded::text("t.drill", text), &NoFiles);
        let ix = LineIndex::new(text, Encoding::Utf16);
        let got = outline(&checked.items, FileId(0), &ix);
        let names: Vec<&str> = got.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["s", "lag", "a", "done"]);
        let effects = got[1].children.as_ref().unwrap();
        assert_eq!(effects[0].name, "up");
        let choices = got[2].children.as_ref().unwrap();
        assert_eq!(choices[0].name, "stop");
        assert_eq!(got[1].range.start.line, 4);
        assert!(got[1].range.end.line >= 6);
    }
}
