//! Markdown walking: a postmortem's blocks (headings, paragraphs, list
//! items, table rows) read from pulldown-cmark events into a small tree.

use super::*;

/// A block of the postmortem, with the heading of the section it is in.
#[derive(Debug, Clone)]
pub(super) enum Block {
    Heading(HeadingLevel, String),
    /// A paragraph or a code block; line breaks kept as `\n`.
    Para(String),
    /// A list item; its paragraphs joined with `\n`.
    Item(String),
    /// Rows of cells, the header row first.
    Table(Vec<Vec<String>>),
    /// A paragraph that serves as a heading: all bold (`**Timeline (UTC)**`),
    /// or one short line ending in a colon (`Timeline:`).
    Label(String),
}

#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) block: Block,
    /// The text of the nearest heading (or label) above.
    pub(super) section: String,
}

#[derive(Debug, Default)]
pub(super) struct Doc {
    pub(super) nodes: Vec<Node>,
    /// Link targets with the section they are in.
    pub(super) links: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub(super) struct Walker {
    pub(super) doc: Doc,
    pub(super) section: String,
    pub(super) heading: Option<(HeadingLevel, String)>,
    pub(super) para: Option<String>,
    pub(super) items: Vec<String>,
    pub(super) table: Option<Vec<Vec<String>>>,
    pub(super) row: Vec<String>,
    pub(super) cell: Option<String>,
    /// Open `**` spans, and whether the open paragraph has text outside them.
    pub(super) strong: usize,
    pub(super) plain_text: bool,
}

impl Walker {
    /// Adds a block under the current section heading.
    pub(super) fn push(&mut self, block: Block) {
        self.doc.nodes.push(Node {
            block,
            section: self.section.clone(),
        });
    }

    /// Where text goes now: the open table cell, heading or paragraph.
    pub(super) fn sink(&mut self) -> Option<&mut String> {
        if let Some(c) = self.cell.as_mut() {
            Some(c)
        } else if let Some((_, h)) = self.heading.as_mut() {
            Some(h)
        } else if let Some(i) = self.items.last_mut() {
            Some(i)
        } else {
            self.para.as_mut()
        }
    }

    /// Appends text to where text goes now.
    pub(super) fn text(&mut self, t: &str) {
        if self.strong == 0 && !t.trim().is_empty() {
            self.plain_text = true;
        }
        if let Some(s) = self.sink() {
            s.push_str(t);
        }
    }

    /// A soft or hard break inside a paragraph: a new line of it.
    pub(super) fn line_break(&mut self) {
        let inline = self.cell.is_some() || self.heading.is_some();
        if let Some(s) = self.sink() {
            s.push(if inline { ' ' } else { '\n' });
        }
    }

    /// Starts a paragraph, unless one is open.
    pub(super) fn open_para(&mut self) {
        if let Some(i) = self.items.last_mut() {
            if !i.is_empty() {
                i.push('\n');
            }
        } else {
            self.para = Some(String::new());
            self.plain_text = false;
        }
    }

    /// Ends the open paragraph, keeping it unless it is empty.
    pub(super) fn close_para(&mut self) {
        if let Some(p) = self.para.take()
            && !p.trim().is_empty()
        {
            let line = clean(&p);
            let short = line.chars().count() <= 60 && !p.trim().contains('\n');
            if short && (!self.plain_text || line.ends_with(':')) {
                let label = line.trim_end_matches(':').to_string();
                self.section = label.clone();
                self.push(Block::Label(label));
            } else {
                self.push(Block::Para(p));
            }
        }
    }

    /// Takes one pulldown-cmark event.
    pub(super) fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            _ => {}
        }
    }

    /// Opens a heading, paragraph, list item, table row or cell, or a
    /// `**` span.
    pub(super) fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((level, String::new())),
            Tag::Paragraph | Tag::CodeBlock(_) => self.open_para(),
            Tag::Item => {
                // Text of the outer item so far comes before the nested items.
                if let Some(outer) = self.items.last_mut()
                    && !outer.trim().is_empty()
                {
                    let text = std::mem::take(outer);
                    self.push(Block::Item(text));
                }
                self.items.push(String::new());
            }
            Tag::Strong => self.strong += 1,
            Tag::Table(_) => self.table = Some(Vec::new()),
            Tag::TableHead | Tag::TableRow => self.row = Vec::new(),
            Tag::TableCell => self.cell = Some(String::new()),
            Tag::Link { dest_url, .. } => {
                let section = self.section.clone();
                self.doc.links.push((dest_url.to_string(), section));
            }
            _ => {}
        }
    }

    /// Closes what `start` opened, storing the finished block.
    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, text)) = self.heading.take() {
                    let text = clean(&text);
                    self.section = text.clone();
                    self.push(Block::Heading(level, text));
                }
            }
            TagEnd::Paragraph | TagEnd::CodeBlock => self.close_para(),
            TagEnd::Item => {
                if let Some(text) = self.items.pop()
                    && !text.trim().is_empty()
                {
                    self.push(Block::Item(text));
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::TableCell => {
                if let Some(c) = self.cell.take() {
                    self.row.push(clean(&c));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.table.as_mut() {
                    t.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push(Block::Table(t));
                }
            }
            _ => {}
        }
    }
}

impl Doc {
    /// Reads a Markdown document into its blocks, each with its section.
    pub(super) fn parse(markdown: &str) -> Doc {
        let mut w = Walker::default();
        for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            w.event(ev);
        }
        w.close_para();
        w.doc
    }

    /// The text of every block, in order (table cells joined by spaces).
    pub(super) fn texts(&self) -> impl Iterator<Item = (String, &str)> {
        self.nodes.iter().map(|n| {
            let text = match &n.block {
                Block::Heading(_, t) | Block::Para(t) | Block::Item(t) | Block::Label(t) => {
                    t.clone()
                }
                Block::Table(rows) => rows
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            (text, n.section.as_str())
        })
    }

    /// The paragraphs and items of the first section whose heading has one
    /// of `words`, joined into one text (only its first paragraph when
    /// `first_only`).
    pub(super) fn section_text(&self, words: &[&str], first_only: bool) -> Option<String> {
        let mut found: Option<String> = None;
        let mut in_it = false;
        for n in &self.nodes {
            match &n.block {
                Block::Heading(_, t) | Block::Label(t) => {
                    if found.is_some() {
                        break;
                    }
                    in_it = heading_is(t, words);
                }
                Block::Para(_) | Block::Item(_) if first_only && found.is_some() => break,
                Block::Para(t) | Block::Item(t) if in_it => {
                    let f = found.get_or_insert_with(String::new);
                    if !f.is_empty() {
                        f.push(' ');
                    }
                    f.push_str(&clean(t));
                }
                _ => {}
            }
        }
        found.filter(|f| !f.is_empty())
    }
}

/// Whether a heading is about one of `words` (lower-case): "Root cause",
/// "3. Timeline (UTC)".
pub(super) fn heading_is(heading: &str, words: &[&str]) -> bool {
    let heading = heading.to_lowercase();
    let ws: Vec<&str> = heading
        .split(|c: char| !c.is_alphanumeric() && c != ';')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|p| {
        let parts: Vec<&str> = p.split(' ').collect();
        ws.windows(parts.len()).any(|w| w == parts.as_slice())
    })
}
