//! Prints the debrief's [`Document`] for an 80-column terminal: plain text,
//! or coloured with ANSI codes when the caller says the terminal wants them.

use super::document::{
    Bars, Block, Cell, ChartView, Document, EndingBox, Entry, Inline, RubricItem, Span, Stat,
    Table, Tone, document,
};
use super::markdown::text_bars;
use super::text::{Paint, Painted, WIDTH, wrap};
use super::{Debrief, EntryKind};
use crate::scenario::Outcome;

/// The debrief as text for the terminal: no line over 80 columns, coloured
/// when `colour` is set (the caller decides: a terminal, and no `NO_COLOR`).
pub fn terminal(d: &Debrief, colour: bool) -> String {
    let doc = document(d);
    let mut p = Printer {
        lines: Vec::new(),
        colour,
    };
    p.print(&doc);
    let mut out = p.lines.join("\n");
    out.push('\n');
    out
}

struct Printer {
    lines: Vec<String>,
    colour: bool,
}

fn plain(s: &str) -> Painted {
    vec![(Paint::Plain, s.to_string())]
}

fn painted(p: Paint, s: &str) -> Painted {
    vec![(p, s.to_string())]
}

fn tone(t: Tone) -> Paint {
    match t {
        Tone::Good => Paint::Good,
        Tone::Bad => Paint::Bad,
        Tone::Neutral => Paint::Bold,
    }
}

/// Spans as painted text; backtick pairs stay as typed.
fn paint(spans: &Inline) -> Painted {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => (Paint::Plain, t.clone()),
            Span::Code(c) => (Paint::Code, c.clone()),
            Span::Strong(t) => (Paint::Bold, t.clone()),
            Span::Muted(t) => (Paint::Dim, t.clone()),
            Span::When(m) => (Paint::Time, format!("{} ({})", m.clock, m.offset)),
            Span::Clock(c) => (Paint::Time, c.clone()),
            Span::Tone(t, s) => (tone(*t), s.clone()),
            Span::Flag(f) => (Paint::Bad, format!("[{f}]")),
            Span::Link { text, url } => (Paint::Plain, format!("{text} <{url}>")),
        })
        .collect()
}

impl Printer {
    /// Wrapped text, the first line after `first`, the rest after `rest`.
    fn wrap(&mut self, text: &Painted, first: &Painted, rest: &str) {
        let lines = wrap(text, first, rest, self.colour);
        self.lines.extend(lines);
    }

    fn print(&mut self, doc: &Document) {
        let title = format!("{}: {}", doc.kicker.to_uppercase(), doc.title);
        self.wrap(&painted(Paint::Bold, &title), &Vec::new(), "  ");
        self.lines.push("=".repeat(WIDTH));
        self.wrap(&paint(&doc.summary), &Vec::new(), "");
        for (k, v) in &doc.facts {
            self.wrap(&paint(v), &painted(Paint::Dim, &format!("{k}: ")), "  ");
        }
        self.wrap(&plain(&doc.times_note), &Vec::new(), "");
        for w in &doc.warnings {
            self.lines.push(String::new());
            self.wrap(&paint(w), &painted(Paint::Warn, "! "), "  ");
        }
        for s in &doc.sections {
            let mut head = s.title.to_uppercase();
            if let Some(b) = &s.badge {
                head.push_str(&format!(" ({b})"));
            }
            self.lines.push(String::new());
            self.wrap(&painted(Paint::Bold, &head), &Vec::new(), "");
            self.lines.push("-".repeat(head.chars().count().min(WIDTH)));
            for (i, b) in s.blocks.iter().enumerate() {
                if i > 0 {
                    self.lines.push(String::new());
                }
                self.block(b);
            }
        }
        self.lines.push(String::new());
        self.wrap(&paint(&doc.footer), &Vec::new(), "");
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Para(t) => self.wrap(&paint(t), &Vec::new(), ""),
            Block::Aside(t) | Block::Empty(t) => {
                let dim: Painted = paint(t).into_iter().map(|(_, s)| (Paint::Dim, s)).collect();
                self.wrap(&dim, &Vec::new(), "");
            }
            Block::Sub(t) => self.wrap(&painted(Paint::Bold, &format!("{t}:")), &Vec::new(), ""),
            Block::List(items) => {
                for i in items {
                    self.wrap(&paint(i), &plain("  - "), "    ");
                }
            }
            Block::Stats(stats) => self.stats(stats),
            Block::Ending(e) => self.ending(e),
            Block::Table(t) => self.table(t),
            Block::Rubric(items) => self.rubric(items),
            Block::Steps(steps) => {
                for s in steps {
                    let head = format!("  {:<6}{:<8}{:<14}", s.when.clock, s.when.offset, s.label);
                    self.wrap(&plain(&s.what), &plain(&head), &" ".repeat(30));
                }
            }
            Block::Timeline(entries) => self.timeline(entries),
            Block::Quote { title, text } => {
                self.wrap(&painted(Paint::Bold, title), &Vec::new(), "");
                for p in text.split("\n\n") {
                    self.wrap(&plain(p), &plain("  > "), "  > ");
                }
            }
            Block::Charts(charts) => self.charts(charts),
            Block::Bars(bars) => self.bars(bars),
        }
    }

    fn stats(&mut self, stats: &[Stat]) {
        for s in stats {
            let value = match s.of {
                Some(n) => format!("{}/{n}", s.value),
                None => s.value.clone(),
            };
            let first = vec![
                (Paint::Plain, "  ".to_string()),
                (tone(s.tone), format!("{value:>7}")),
                (Paint::Plain, "  ".to_string()),
            ];
            self.wrap(&plain(&s.label), &first, &" ".repeat(11));
        }
    }

    fn ending(&mut self, e: &EndingBox) {
        let badge = match e.outcome {
            Some(Outcome::Resolved | Outcome::Mitigated) => Paint::Good,
            Some(Outcome::Worse) => Paint::Bad,
            _ => Paint::Warn,
        };
        let text = vec![
            (Paint::Bold, e.title.clone()),
            (Paint::Plain, " (".into()),
            (badge, e.badge.clone()),
            (Paint::Plain, format!("): {} ", e.when_label.to_lowercase())),
            (Paint::Time, format!("{} ({})", e.when.clock, e.when.offset)),
            (Paint::Plain, ".".into()),
        ];
        self.wrap(&text, &Vec::new(), "");
        for p in &e.paragraphs {
            self.wrap(&plain(p), &plain("  "), "  ");
        }
        self.lines.push(String::new());
    }

    /// A table as lines: with row headers, each row's header and then each
    /// cell after its column's title; without, the first cell and then the
    /// others on one line, `·` between them (empty cells left out).
    fn table(&mut self, t: &Table) {
        let has_head = t.rows.iter().any(|r| !r.head.is_empty());
        let titles = &t.columns[usize::from(has_head)..];
        for r in &t.rows {
            let mut cells = r.cells.iter().zip(titles);
            if has_head {
                self.wrap(&painted(Paint::Bold, &r.head), &Vec::new(), "");
                for (c, title) in cells {
                    let first = painted(Paint::Dim, &format!("  {title}: "));
                    self.wrap(&cell(c), &first, "      ");
                }
                continue;
            }
            if let Some((c, _)) = cells.next() {
                self.wrap(&cell(c), &Vec::new(), "  ");
            }
            let mut rest: Painted = Vec::new();
            for (c, title) in cells.filter(|(c, _)| !c.main.is_empty() || !c.detail.is_empty()) {
                if !rest.is_empty() {
                    rest.push((Paint::Dim, " · ".into()));
                }
                rest.push((Paint::Dim, format!("{title}: ")));
                rest.extend(cell(c));
            }
            self.wrap(&rest, &plain("    "), "    ");
        }
    }

    fn rubric(&mut self, items: &[RubricItem]) {
        for l in items {
            let mark = if !l.applies {
                (Paint::Dim, "– ".to_string())
            } else if l.good {
                (Paint::Good, "✓ ".to_string())
            } else {
                (Paint::Bad, "✗ ".to_string())
            };
            let mut text = vec![
                (Paint::Bold, l.title.clone()),
                (Paint::Plain, format!(" ({}): ", l.name)),
            ];
            text.extend(paint(&l.state));
            text.push((Paint::Plain, ".".into()));
            self.wrap(&text, &vec![mark], "  ");
            if !l.why.is_empty() {
                self.wrap(&plain(&l.why), &painted(Paint::Dim, "    why: "), "    ");
            }
        }
    }

    fn timeline(&mut self, entries: &[Entry]) {
        for e in entries {
            let (mark, look) = match e.kind {
                EntryKind::Decision => (' ', Paint::Plain),
                EntryKind::World => ('~', Paint::Dim),
                EntryKind::Rubric if e.good == Some(true) => ('*', Paint::Good),
                EntryKind::Rubric => ('*', Paint::Bad),
                EntryKind::Note => ('#', Paint::Warn),
                EntryKind::Ending => ('=', Paint::Bold),
            };
            let first = vec![
                (Paint::Time, format!("{:<9}", e.at.clock)),
                (Paint::Dim, format!("{:<10}", e.at.offset)),
                (look, format!("{mark} ")),
            ];
            let mut text = Vec::new();
            if let Some(lead) = &e.lead {
                text.push((look, format!("{lead}: ")));
            }
            text.push((look, e.what.to_string()));
            for f in e.flags {
                text.push((Paint::Bad, format!(" [{f}]")));
            }
            if let Some(why) = &e.refused {
                text.push((Paint::Bad, format!(" (refused: {why})")));
            }
            self.wrap(&text, &first, &" ".repeat(21));
        }
        self.wrap(
            &painted(
                Paint::Dim,
                "(~ what happened to you, * rubric, # mentor note, = the end)",
            ),
            &Vec::new(),
            "",
        );
    }

    fn charts(&mut self, charts: &[ChartView]) {
        for c in charts {
            let mut head = vec![
                (Paint::Code, c.metric.clone()),
                (Paint::Plain, format!(" ({})", c.label)),
            ];
            if let Some(u) = &c.unit_note {
                head.push((Paint::Dim, format!(", {u}")));
            }
            self.wrap(&head, &Vec::new(), "  ");
            let figures = format!(
                "alert when {}; lowest {}; highest {}; at the end {}",
                c.alert_when, c.lowest, c.highest, c.last
            );
            self.wrap(&plain(&figures), &plain("    "), "    ");
        }
    }

    fn bars(&mut self, bars: &Bars) {
        self.lines.push(format!("{}:", bars.title));
        for line in text_bars(bars) {
            self.lines.push(format!("  {line}"));
        }
    }
}

/// A table cell's text: `—` with the detail in brackets when there is no
/// main line.
fn cell(c: &Cell) -> Painted {
    if c.main.is_empty() {
        let mut out = painted(Paint::Dim, "—");
        if !c.detail.is_empty() {
            out.push((Paint::Plain, " (".into()));
            out.extend(paint(&c.detail));
            out.push((Paint::Plain, ")".into()));
        }
        out
    } else {
        let mut out = paint(&c.main);
        if !c.detail.is_empty() {
            out.push((Paint::Plain, ": ".into()));
            out.extend(paint(&c.detail));
        }
        out
    }
}
