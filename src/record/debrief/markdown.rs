//! Prints the debrief's [`Document`] as Markdown.
//!
//! Text from the scenario and the player follows one rule everywhere: a pair
//! of backticks marks code, everything else is plain text, escaped so a
//! player's `*` or `<` stays what was typed. Every text is inline, so a line
//! break in it becomes a space: recorded text cannot start a line of its own
//! and forge a heading, a list or a quote.

use super::Debrief;
use super::EntryKind;
use super::document::{
    Bars, Block, Cell, ChartView, Document, EndingBox, Entry, Inline, RubricItem, Span, Stat,
    Table, document,
};
use super::text::pieces;
use std::fmt::Write as _;

/// The debrief as Markdown.
pub fn markdown(d: &Debrief) -> String {
    print(&document(d))
}

/// Prints a document as Markdown.
fn print(doc: &Document) -> String {
    let mut o = String::with_capacity(32 * 1024);
    let _ = writeln!(o, "# {}: {}\n", doc.kicker, md(&doc.title));
    let _ = writeln!(o, "{}\n", inline(&doc.summary));
    for (k, v) in &doc.facts {
        let _ = writeln!(o, "- **{k}:** {}", inline(v));
    }
    let _ = writeln!(o, "\n{}\n", md(&doc.times_note));
    for w in &doc.warnings {
        let _ = writeln!(o, "> **Note:** {}\n", inline(w));
    }
    for s in &doc.sections {
        match &s.badge {
            Some(b) => {
                let _ = writeln!(o, "## {} ({})\n", md(&s.title), md(b));
            }
            None => {
                let _ = writeln!(o, "## {}\n", md(&s.title));
            }
        }
        for b in &s.blocks {
            block(&mut o, b);
            o.push('\n');
        }
    }
    let _ = writeln!(o, "---\n\n*{}*", inline(&doc.footer));
    o
}

fn block(o: &mut String, b: &Block) {
    match b {
        Block::Para(t) | Block::Aside(t) | Block::Empty(t) => {
            let _ = writeln!(o, "{}", inline(t));
        }
        Block::Sub(t) => {
            let _ = writeln!(o, "### {}", md(t));
        }
        Block::List(items) => {
            for i in items {
                let _ = writeln!(o, "- {}", inline(i));
            }
        }
        Block::Stats(stats) => stats_list(o, stats),
        Block::Ending(e) => ending(o, e),
        Block::Table(t) => table(o, t),
        Block::Rubric(items) => rubric(o, items),
        Block::Steps(steps) => {
            for s in steps {
                let _ = writeln!(
                    o,
                    "- **{} ({})** {}: {}",
                    s.when.clock,
                    s.when.offset,
                    s.label,
                    md(&s.what)
                );
            }
        }
        Block::Timeline(entries) => {
            for e in entries {
                let _ = writeln!(o, "- `{}` {} · {}", e.at.clock, e.at.offset, entry(e));
            }
        }
        Block::Quote { title, text } => {
            let _ = writeln!(o, "**{}**\n\n{}", md(title), quote(text));
        }
        Block::Charts(charts) => chart_table(o, charts),
        Block::Bars(bars) => bar_text(o, bars),
    }
}

fn stats_list(o: &mut String, stats: &[Stat]) {
    for s in stats {
        let of = s.of.map(|n| format!(" / {n}")).unwrap_or_default();
        let _ = writeln!(o, "- **{}**{of} {}", md(&s.value), md(&s.label));
    }
}

fn ending(o: &mut String, e: &EndingBox) {
    let _ = writeln!(
        o,
        "**{}** ({}): {} {} ({}).",
        md(&e.title),
        md(&e.badge),
        e.when_label.to_lowercase(),
        e.when.clock,
        e.when.offset
    );
    for p in &e.paragraphs {
        let _ = writeln!(o, "\n> {}", md(p));
    }
}

/// A table cell's text: `—` with the detail in brackets when there is no
/// main line.
fn cell(c: &Cell) -> String {
    if c.main.is_empty() {
        if c.detail.is_empty() {
            "—".to_string()
        } else {
            format!("— ({})", inline_in(&c.detail, true))
        }
    } else if c.detail.is_empty() {
        inline_in(&c.main, true)
    } else {
        format!(
            "{}: {}",
            inline_in(&c.main, true),
            inline_in(&c.detail, true)
        )
    }
}

fn table(o: &mut String, t: &Table) {
    let has_head = t.rows.iter().any(|r| !r.head.is_empty());
    let titles: Vec<String> = t.columns.iter().map(|c| md(c)).collect();
    let _ = writeln!(o, "| {} |", titles.join(" | "));
    let skip = usize::from(has_head);
    let aligns: Vec<&str> = (0..t.columns.len())
        .map(|i| {
            if i >= skip && t.numeric.contains(&(i - skip)) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(o, "|{}|", aligns.join("|"));
    for r in &t.rows {
        let mut cells: Vec<String> = Vec::new();
        if has_head {
            cells.push(format!("**{}**", md(&r.head)));
        }
        cells.extend(r.cells.iter().map(cell));
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
}

fn rubric(o: &mut String, items: &[RubricItem]) {
    for l in items {
        let _ = writeln!(
            o,
            "- {} **{}** (`{}`): {}.",
            match (l.applies, l.good) {
                (false, _) => "–",
                (true, true) => "✓",
                (true, false) => "✗",
            },
            md(&l.title),
            l.name,
            inline(&l.state)
        );
        if !l.why.is_empty() {
            let _ = writeln!(o, "  Why it matters: {}", md(&l.why));
        }
    }
}

/// One timeline entry, styled by kind.
fn entry(e: &Entry) -> String {
    let mut text = md(&e.what);
    if let Some(lead) = &e.lead {
        text = format!("{lead}: {text}");
    }
    if e.kind == EntryKind::Rubric {
        text = format!("{} {text}", if e.good == Some(true) { "✓" } else { "✗" });
    }
    for f in e.flags {
        let _ = write!(text, " \\[{}\\]", md(f));
    }
    if let Some(why) = &e.refused {
        let _ = write!(text, " (refused: {})", md(why));
    }
    match e.kind {
        EntryKind::Decision => text,
        EntryKind::World => format!("*{text}*"),
        EntryKind::Rubric | EntryKind::Ending => format!("**{text}**"),
        EntryKind::Note => format!("📝 **{text}**"),
    }
}

fn chart_table(o: &mut String, charts: &[ChartView]) {
    o.push_str("| Metric | Alert when | Lowest | Highest | At the end |\n|---|---|---|---|---|\n");
    for c in charts {
        let _ = writeln!(
            o,
            "| {} {} | {} | {} | {} | {} |",
            code_in(&c.metric, true),
            md(&c.label),
            md_in(&c.alert_when, true),
            md(&c.lowest),
            md(&c.highest),
            md(&c.last)
        );
    }
}

fn bar_text(o: &mut String, bars: &Bars) {
    let _ = writeln!(o, "{}:\n\n```text", md(&bars.title));
    for line in text_bars(bars) {
        let _ = writeln!(o, "{line}");
    }
    o.push_str("```\n");
}

/// Bars of `#`, forty at the most, with the clock and the count.
pub(super) fn text_bars(bars: &Bars) -> Vec<String> {
    let max = bars.bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    bars.bars
        .iter()
        .map(|(clock, n)| {
            let bar = "#".repeat((n * 40).div_ceil(max));
            format!("{clock:<11} {bar:<40} {n}").trim_end().to_string()
        })
        .collect()
}

fn inline(spans: &Inline) -> String {
    inline_in(spans, false)
}

/// Spans as Markdown, for a table cell when `table`.
fn inline_in(spans: &Inline, table: bool) -> String {
    let mut o = String::new();
    for s in spans {
        match s {
            Span::Text(t) | Span::Muted(t) | Span::Tone(_, t) => o.push_str(&md_in(t, table)),
            Span::Code(c) => o.push_str(&code_in(c, table)),
            Span::Strong(t) | Span::Flag(t) => {
                let _ = write!(o, "**{}**", md(t));
            }
            Span::When(m) => {
                let _ = write!(o, "{} ({})", m.clock, m.offset);
            }
            Span::Clock(c) => o.push_str(c),
            Span::Link { text, url } => {
                let _ = write!(
                    o,
                    "[{}](<{}>)",
                    md(text),
                    url.replace('>', "%3E").replace('\n', "%0A")
                );
            }
        }
    }
    o
}

/// Plain text escaped for Markdown, with backtick pairs kept as code.
fn md(s: &str) -> String {
    md_in(s, false)
}

/// The same, for a table cell when `table`: a `|` inside code is escaped
/// too, so it cannot end the cell.
fn md_in(s: &str, table: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (code, p) in pieces(s) {
        if code {
            out.push_str(&code_in(p, table));
            continue;
        }
        for c in p.chars() {
            if c == '\n' {
                out.push(' ');
                continue;
            }
            if matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '`' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A code span, with `|` escaped in a table cell.
fn code_in(s: &str, table: bool) -> String {
    let s = s.replace('\n', " ");
    let s = if table { s.replace('|', "\\|") } else { s };
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// Text as a Markdown block quote, paragraph by paragraph.
fn quote(s: &str) -> String {
    s.split("\n\n")
        .map(|p| md(&p.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|p| !p.is_empty())
        .map(|p| format!("> {p}"))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_players_write() {
        assert_eq!(md("*x* <b> `a*b`"), "\\*x\\* \\<b\\> `a*b`");
        assert_eq!(code_in("a`b", false), "`` a`b ``");
        assert_eq!(code_in("a|b", true), "`a\\|b`");
        assert_eq!(md("a\n# b\n- c"), "a \\# b - c");
        assert_eq!(code_in("a\n# b", false), "`a # b`");
    }
}
