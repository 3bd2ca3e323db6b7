//! Quick fixes: the checker's "did you mean" replacements (a diagnostic's
//! `fix`) offered as code actions on the place they mend.

use super::workspace::Analysis;
use crate::lang::{FileId, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Location, NumberOrString,
    TextEdit, WorkspaceEdit,
};
use serde::Deserialize;
use std::collections::HashMap;

/// The fixes of the diagnostics of `file` whose place touches the bytes
/// `from..=to`. `place` turns a span into the editor's location; `shown`
/// are the diagnostics the editor sent with the request, so an action can
/// name the one it fixes.
pub fn actions(
    a: &Analysis,
    file: FileId,
    (from, to): (usize, usize),
    place: impl Fn(Span) -> Option<Location>,
    shown: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in &a.checked.diagnostics {
        let Some(fix) = &d.fix else { continue };
        let at = d.span();
        if at.file != file || (at.end as usize) < from || (at.start as usize) > to {
            continue;
        }
        let (Some(loc), Some(old)) = (place(fix.span), text_of(a, fix.span)) else {
            continue;
        };
        let code = NumberOrString::String(d.code.as_str().to_string());
        let fixes: Vec<Diagnostic> = shown
            .iter()
            .filter(|s| s.code.as_ref() == Some(&code) && s.range == loc.range)
            .cloned()
            .collect();
        let edit = TextEdit::new(loc.range, fix.with.clone());
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Replace `{old}` with `{}`", fix.with),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: (!fixes.is_empty()).then_some(fixes),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(loc.uri, vec![edit])])),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    out
}

/// The request's parameters with the editor's own diagnostics kept only
/// where they are well formed: they only name what an action fixes, so a
/// client that sends them half filled in (or not at all) still gets its
/// fixes instead of an error.
pub fn lenient(mut p: serde_json::Value) -> serde_json::Value {
    let Some(obj) = p.as_object_mut() else {
        return p;
    };
    let context = obj
        .entry("context")
        .or_insert_with(|| serde_json::json!({ "diagnostics": [] }));
    if let Some(list) = context
        .get_mut("diagnostics")
        .and_then(serde_json::Value::as_array_mut)
    {
        list.retain(|d| Diagnostic::deserialize(d).is_ok());
    }
    p
}

/// The text a fix replaces, for the action's title.
fn text_of(a: &Analysis, span: Span) -> Option<String> {
    let file = a.checked.sources.get(span.file)?;
    let text = file.text.get(span.range())?;
    // A title is one line: the language's names and keywords are.
    Some(crate::base::printable::printable(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn malformed_editor_diagnostics_are_dropped_not_fatal() {
        let range =
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } });
        let sent = json!({ "textDocument": { "uri": "file:///a.drill" }, "range": range,
            "context": { "diagnostics": [ {}, { "range": range, "message": "m" } ] } });
        let kept = lenient(sent);
        assert_eq!(
            kept["context"]["diagnostics"].as_array().map(Vec::len),
            Some(1)
        );
        let bare = lenient(json!({ "textDocument": { "uri": "file:///a.drill" }, "range": range }));
        assert_eq!(bare["context"]["diagnostics"], json!([]));
    }
}
