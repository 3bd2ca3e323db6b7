//! The line pre-pass: splits a file into lines, measures indentation, gathers
//! `"""` text blocks and builds the block tree. Doing this by hand (rather than
//! in the grammar) gives precise indentation errors and lets every block be
//! parsed on its own, so one mistake never hides the next.

use super::diagnostic::{Code, Diagnostic};
use super::diags::Diags;
use super::source::{FileId, Span};

/// Deepest indentation the tree accepts.
pub const MAX_NESTING: usize = 32;
/// Longest line or text block, in bytes.
pub const MAX_TEXT: usize = 64 * 1024;

/// One non-blank, non-comment line: where its content starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub file: FileId,
    pub indent: usize,
    /// Byte offset of the first character after the indentation.
    pub start: usize,
    /// Byte offset after the last content character (text-block opener and
    /// trailing whitespace excluded).
    pub end: usize,
}

impl Line {
    pub fn span(&self) -> Span {
        Span::new(self.file, self.start, self.end)
    }
}

/// A `"""` block: its lines with the common indentation removed, each with
/// the byte offset of its first kept character (for spans inside the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub open: Span,
    pub lines: Vec<(usize, String)>,
}

impl TextBlock {
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, (_, line)) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
        out
    }
}

/// A line, the text block it opens (if any) and the lines indented below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub line: Line,
    pub block: Option<TextBlock>,
    pub children: Vec<Node>,
    /// Set on a top-level block nested past the limit: it is reported once,
    /// and only its first line is read (so its name still counts), so its
    /// half-built remains raise nothing more.
    pub too_deep: bool,
}

/// Characters that would reach the player's terminal as something other than
/// text: the one definition, in `base`.
pub use crate::base::printable::is_forbidden_char;

/// Splits `text` into the block tree. Problems are pushed to `diags`; the tree
/// is always built as well as it can be.
pub fn split(file: FileId, text: &str, diags: &mut Diags) -> Vec<Node> {
    let mut raw_lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        raw_lines.push((offset, body));
        offset += raw.len();
    }
    check_characters(file, text, diags);

    let mut flat: Vec<Node> = Vec::new();
    let mut i = 0;
    while i < raw_lines.len() {
        let (line_start, body) = raw_lines[i];
        i += 1;
        if body.len() > MAX_TEXT {
            diags.push(
                Diagnostic::new(
                    Code::TextTooLong,
                    Span::new(file, line_start, line_start + 1),
                    format!(
                        "this line is {} bytes long; the limit is {MAX_TEXT} bytes",
                        body.len()
                    ),
                )
                .help("split the text over several lines or a \"\"\" block, or move it to a file"),
            );
            continue;
        }
        let indent_len = body
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        let (indent_str, content) = body.split_at(indent_len);
        let content = content.trim_end_matches([' ', '\t']);
        if content.is_empty() || content.starts_with("//") {
            continue;
        }
        if let Some(tab) = indent_str.find('\t') {
            diags.push(
                Diagnostic::new(
                    Code::TabIndent,
                    Span::new(file, line_start + tab, line_start + tab + 1),
                    "a tab in the indentation",
                )
                .label("tab here")
                .help("indent with spaces only; tabs are read differently by different editors"),
            );
        }
        let indent = indent_str
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let start = line_start + indent_len;
        let mut end = start + content.len();
        let mut block = None;
        if let Some(before) = content.strip_suffix("\"\"\"") {
            let before = before.trim_end();
            // `"""` at the end of a keyword line, or alone, opens a block; but a
            // one-line `"""text"""` does not.
            if !before.contains("\"\"\"") {
                end = start + before.len();
                let open = Span::new(file, start + content.len() - 3, start + content.len());
                let (tb, next) = collect_block(&raw_lines, i, open, diags);
                block = Some(tb);
                i = next;
            }
        }
        flat.push(Node {
            line: Line {
                file,
                indent,
                start,
                end,
            },
            block,
            children: Vec::new(),
            too_deep: false,
        });
    }
    build_tree(flat, diags)
}

fn check_characters(file: FileId, text: &str, diags: &mut Diags) {
    // Every character reported starts with one of these bytes (C1 controls
    // with 0xC2; bidirectional controls and zero-width characters with 0xD8,
    // 0xE2 or 0xEF; tag characters with 0xF3): most files have none, and a
    // byte scan is much cheaper than decoding every character.
    let suspect = |b: &u8| {
        (*b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r'))
            || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef | 0xf3)
            || *b == b'\r'
    };
    if !text.as_bytes().iter().any(suspect) {
        return;
    }
    let (mut controls, mut invisibles) = (0, 0);
    for (pos, c) in text.char_indices() {
        if c == '\r' && text[pos + 1..].starts_with('\n') {
            continue;
        }
        let span = Span::new(file, pos, pos + c.len_utf8());
        if is_forbidden_char(c) {
            controls += 1;
            if controls <= 20 {
                diags.push(
                    Diagnostic::new(
                        Code::ControlCharacter,
                        span,
                        format!("the control character U+{:04X} is not allowed in a scenario", c as u32),
                    )
                    .label("this character")
                    .help("remove it: scenario text reaches the player's terminal, so it may not carry control or escape sequences"),
                );
            }
        } else if let Some(kind) = crate::base::text::invisible(c) {
            // In a name this is an error, reported where the name fails to
            // parse; the warning at the same place is then dropped.
            invisibles += 1;
            if invisibles <= 20 {
                let message = format!("the text holds an invisible {kind}, U+{:04X}", c as u32);
                diags.push(invisible_in_text(span, message));
            }
        }
    }
}

/// The warning for an invisible character in text (see FD0022).
pub fn invisible_in_text(span: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::InvisibleInText, span, message)
    .label("here, unseen")
    .help("remove it unless you mean it: what you read in the file and what the player sees can differ")
}

/// Gathers the lines of a text block up to its closing `"""`.
fn collect_block(
    raw_lines: &[(usize, &str)],
    mut i: usize,
    open: Span,
    diags: &mut Diags,
) -> (TextBlock, usize) {
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut closed = false;
    while i < raw_lines.len() {
        let (off, line) = raw_lines[i];
        i += 1;
        if line.trim() == "\"\"\"" {
            closed = true;
            break;
        }
        body.push((off, line));
    }
    if !closed {
        diags.push(
            Diagnostic::new(
                Code::UnterminatedBlock,
                open,
                "this text block is never closed",
            )
            .label("opened here")
            .help("close it with a line holding only `\"\"\"`"),
        );
    }
    let common = body
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut total = 0;
    let lines: Vec<(usize, String)> = body
        .iter()
        .map(|(off, l)| {
            let cut = common.min(l.len());
            let kept = l.get(cut..).unwrap_or("").trim_end();
            total += kept.len() + 1;
            (off + cut, kept.to_string())
        })
        .collect();
    if total > MAX_TEXT {
        diags.push(
            Diagnostic::new(
                Code::TextTooLong,
                open,
                format!("this text block is {total} bytes long; the limit is {MAX_TEXT} bytes"),
            )
            .help("split it, or move it to a file beside the scenario with `file \"...\"`"),
        );
    }
    (TextBlock { open, lines }, i)
}

/// Nests the flat lines by indentation.
fn build_tree(flat: Vec<Node>, diags: &mut Diags) -> Vec<Node> {
    // The stack holds the open nodes; each level's indentation is its line's.
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    for node in flat {
        let indent = node.line.indent;
        if stack.is_empty() && indent > 0 && roots.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::BadIndent,
                    node.line.span(),
                    "the first line of a file may not be indented",
                )
                .help("start blocks such as `scenario`, `metric` or `scene` at column 1"),
            );
        }
        // Close every open node at the same or deeper indentation.
        while stack.last().is_some_and(|top| top.line.indent >= indent) {
            let top_indent = stack.last().map_or(0, |t| t.line.indent);
            let closed = pop_into(&mut stack, &mut roots);
            if top_indent > indent
                && stack
                    .last()
                    .is_none_or(|parent| parent.line.indent < indent)
                && (indent > 0 || !stack.is_empty())
            {
                // Dedented to a level between two open levels.
                diags.push(
                    Diagnostic::new(
                        Code::BadIndent,
                        node.line.span(),
                        "this line's indentation matches no enclosing block",
                    )
                    .secondary(closed, "the block above is indented this far")
                    .help("indent it exactly like the lines it belongs with"),
                );
            }
        }
        if stack.is_empty() && indent > 0 && !roots.is_empty() {
            // An indented line after a block that was closed: attach to the last root.
            if let Some(last) = roots.pop() {
                stack.push(last);
            }
        }
        if stack.len() >= MAX_NESTING {
            if let Some(root) = stack.first_mut().filter(|r| !r.too_deep) {
                root.too_deep = true;
                diags.push(
                    Diagnostic::new(
                        Code::NestingTooDeep,
                        node.line.span(),
                        format!("blocks are nested more than {MAX_NESTING} levels deep"),
                    )
                    .help(
                        "flatten the structure: move deep parts into their own scene and `call` it",
                    ),
                );
            }
            continue;
        }
        stack.push(node);
    }
    while !stack.is_empty() {
        pop_into(&mut stack, &mut roots);
    }
    for root in roots.iter_mut().filter(|r| r.too_deep) {
        root.children.clear();
    }
    roots
}

fn pop_into(stack: &mut Vec<Node>, roots: &mut Vec<Node>) -> Span {
    let Some(node) = stack.pop() else {
        return Span::default();
    };
    let span = node.line.span();
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => roots.push(node),
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> (Vec<Node>, Vec<Diagnostic>) {
        let mut d = Diags::new();
        let t = split(FileId(0), text, &mut d);
        (t, d.finish().0)
    }

    fn shape(nodes: &[Node], text: &str) -> String {
        nodes
            .iter()
            .map(|n| {
                let own = &text[n.line.start..n.line.end];
                if n.children.is_empty() {
                    own.to_string()
                } else {
                    format!("{own}({})", shape(&n.children, text))
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn nests_by_indentation() {
        let text = "a\n  b\n    c\n  d\ne\n";
        let (t, d) = tree(text);
        assert!(d.is_empty());
        assert_eq!(shape(&t, text), "a(b(c),d),e");
    }

    #[test]
    fn skips_comments_and_blank_lines() {
        let text = "a\n\n  // note\n  b\n";
        let (t, _) = tree(text);
        assert_eq!(shape(&t, text), "a(b)");
    }

    #[test]
    fn gathers_text_blocks_and_strips_common_indent() {
        let text = "a\n  output \"\"\"\n    one\n      two\n  \"\"\"\n  b\n";
        let (t, d) = tree(text);
        assert!(d.is_empty(), "{d:?}");
        let out = &t[0].children[0];
        assert_eq!(&text[out.line.start..out.line.end], "output");
        assert_eq!(
            out.block.as_ref().map(TextBlock::text).as_deref(),
            Some("one\n  two")
        );
        assert_eq!(shape(&t, text), "a(output,b)");
    }

    #[test]
    fn reports_unclosed_block_tabs_and_control_chars() {
        let (_, d) = tree("a\n\tb\n  \"\"\"\n  x\u{1b}[2J\n");
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::TabIndent));
        assert!(codes.contains(&Code::ControlCharacter));
        assert!(codes.contains(&Code::UnterminatedBlock));
    }

    #[test]
    fn reports_dedent_between_levels() {
        let (_, d) = tree("a\n    b\n  c\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::BadIndent);
    }
}
