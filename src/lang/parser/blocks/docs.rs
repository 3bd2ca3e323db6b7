//! Runbooks and logs, and the prose lines that make up their text (and
//! narration elsewhere).

use crate::lang::parser::*;

impl Parser<'_> {
    /// Reads a `runbook`/`log NAME "Title"` block: `text`/`file` variants
    /// and prose lines, which join into one more variant.
    pub(in crate::lang::parser) fn doc(&mut self, kw: &str, node: &Node) -> Option<DocDecl> {
        let (name, title) = self.named(node, true)?;
        let title = title?;
        let (kind, block) = if kw == "runbook" {
            (DocKind::Runbook, &props::RUNBOOK)
        } else {
            (DocKind::Log, &props::LOG)
        };
        let mut body = DocBody::default();
        self.read_props(node, block, &mut body);
        let variants = body.into_variants();
        if variants.is_empty() && !node.too_deep {
            self.missing(
                node.line.span(),
                format!("{} with no text", block.what),
                "write its text below it (prose lines or a \"\"\" block), or `file \"path\"`",
            );
        }
        Some(DocDecl {
            kind,
            name,
            title,
            variants,
        })
    }

    /// A prose line or a bare `"""` block, if the line is one.
    pub(in crate::lang::parser) fn prose(&mut self, node: &Node) -> Option<Text> {
        let text = self.text_of(node);
        let start = node.line.start;
        if let Some(block) = &node.block {
            if text.is_empty() {
                return Some(self.block_text(block));
            }
            return None;
        }
        if let Some(rest) = text.strip_prefix('|') {
            let rest_trim = rest.strip_prefix(' ').unwrap_or(rest);
            let off = start + (text.len() - rest_trim.len());
            return Some(self.interpolate(&[(off, rest_trim)], false));
        }
        let w = first_word(text);
        let starts_lower = text.starts_with(|c: char| c.is_ascii_lowercase());
        if starts_lower
            && is_ident(w)
            && (ACTION_KEYWORDS.contains(&w) || TOP_KEYWORDS.contains(&w))
        {
            return None;
        }
        if starts_lower && text.len() < 60 {
            // A short lowercase line whose first word is close to a keyword is
            // almost surely a misspelt statement, not narration.
            let words = text.split_whitespace().count();
            if words <= 3
                && closest(w, ACTION_KEYWORDS.iter().copied()).is_some()
                && !text.ends_with(['.', '!', '?'])
            {
                return None;
            }
        }
        if starts_lower && text.split_whitespace().count() == 1 && !text.ends_with(['.', '!', '?'])
        {
            return None;
        }
        Some(self.interpolate(&[(start, text)], false))
    }
}

/// A runbook's or log's text while its block is read: the `text`/`file`
/// variants, and the prose lines that become one more variant at the end.
#[derive(Debug, Default)]
pub(in crate::lang::parser) struct DocBody {
    pub(in crate::lang::parser) variants: Vec<Variant>,
    pub(in crate::lang::parser) prose: Vec<Text>,
}

impl DocBody {
    /// The variants, the prose lines joined into one more at the end.
    pub(in crate::lang::parser) fn into_variants(self) -> Vec<Variant> {
        let DocBody {
            mut variants,
            prose,
        } = self;
        if let (Some(first), Some(last)) = (prose.first(), prose.last()) {
            let span = first.span.to(last.span);
            let mut parts = Vec::new();
            for (i, t) in prose.into_iter().enumerate() {
                if i > 0 {
                    parts.push(TextPart::Literal("\n".into()));
                }
                parts.extend(t.parts);
            }
            variants.push(Variant {
                when: None,
                span,
                body: Body::Inline(Text { parts, span }),
            });
        }
        variants
    }
}
