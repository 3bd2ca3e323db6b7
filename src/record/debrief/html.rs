//! Prints the debrief's [`Document`] as one self-contained HTML page:
//! system fonts, a readable measure, a print style (`assets/debrief.css`,
//! built in), and inline SVG charts (`svg.rs`). No script, no network: the
//! only URLs are `http`/`https` links. Everything from the transcript or the
//! scenario is escaped.

use super::document::{
    Bars, Block, Cell, ChartView, Document, EndingBox, Entry, Inline, Part, RubricItem, Section,
    Span, Stat, Step, Table, Tone, document, is_web_url,
};
use super::svg::{bars_svg, chart_svg};
use super::text::pieces;
use super::{Debrief, DecisionKind, EntryKind};
use crate::base::printable::{is_forbidden_char, printable};
use crate::scenario::Outcome;
use std::fmt::Write as _;

/// The page's style sheet.
const STYLE: &str = include_str!("../../../assets/debrief.css");

/// Escapes text for HTML (content and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // The page may be printed on a terminal (no `-o`): nothing
            // from a transcript reaches it raw, even where the document
            // was not the way in (chart tooltips).
            c if is_forbidden_char(c) => out.push_str(&printable(&c.to_string())),
            c => out.push(c),
        }
    }
    out
}

/// Text with backtick pairs as `<code>`, all of it escaped.
pub fn code_pairs(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (code, p) in pieces(s) {
        if code {
            let _ = write!(out, "<code>{}</code>", esc(p));
        } else {
            out.push_str(&esc(p));
        }
    }
    out
}

fn time(m: &super::Moment) -> String {
    format!(
        "<span class=\"when\"><time>{}</time> <span class=\"off\">{}</span></span>",
        esc(&m.clock),
        esc(&m.offset)
    )
}

/// Spans as HTML.
fn inline(spans: &Inline) -> String {
    let mut o = String::new();
    for s in spans {
        match s {
            Span::Text(t) => o.push_str(&code_pairs(t)),
            Span::Code(c) => {
                let _ = write!(o, "<code>{}</code>", esc(c));
            }
            Span::Strong(t) => {
                let _ = write!(o, "<strong>{}</strong>", code_pairs(t));
            }
            Span::Muted(t) => {
                let _ = write!(o, "<span class=\"muted\">{}</span>", code_pairs(t));
            }
            Span::When(m) => o.push_str(&time(m)),
            Span::Clock(c) => {
                let _ = write!(o, "<time>{}</time>", esc(c));
            }
            Span::Tone(t, s) => {
                let class = if *t == Tone::Bad { "refused" } else { "" };
                let _ = write!(o, "<span class=\"{class}\">{}</span>", code_pairs(s));
            }
            Span::Flag(f) => {
                let _ = write!(o, "<span class=\"flag\">{}</span>", esc(f));
            }
            Span::Link { text, url } if is_web_url(url) => {
                let _ = write!(o, "<a href=\"{}\">{}</a>", esc(url), esc(text));
            }
            Span::Link { text, url } => {
                let _ = write!(o, "{} ({})", esc(text), esc(url));
            }
        }
    }
    o
}

fn kind_label(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Pager => "pager",
        DecisionKind::Command => "shell command",
        DecisionKind::Choice => "choice",
        DecisionKind::Page => "paged someone",
        DecisionKind::Status => "status update",
        DecisionKind::Look => "graph, runbook or log",
        DecisionKind::Wait => "waited",
        DecisionKind::Mentor => "the mentor",
    }
}

/// The colour of a decision kind, on charts and the timeline.
pub(super) fn kind_colour(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Pager => "#bc4c00",
        DecisionKind::Command => "#0969da",
        DecisionKind::Choice => "#8250df",
        DecisionKind::Page => "#bf3989",
        DecisionKind::Status => "#1a7f37",
        DecisionKind::Look => "#6e7781",
        DecisionKind::Wait => "#afb8c1",
        DecisionKind::Mentor => "#9a6700",
    }
}

/// The debrief as one self-contained HTML page.
pub fn html(d: &Debrief) -> String {
    let doc = document(d);
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: {} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&doc.kicker),
        esc(&doc.title),
        esc(&doc.player)
    );
    header(&mut o, &doc);
    let mut column = false;
    for s in &doc.sections {
        // Evidence sits beside the status page and the escalations.
        match s.part {
            Part::Evidence => o.push_str("<div class=\"cols\"><div>\n"),
            Part::Status => o.push_str("</div><div>\n"),
            _ => {}
        }
        column |= s.part == Part::Evidence;
        section(&mut o, d, s);
        if s.part == Part::Escalations && column {
            o.push_str("</div></div>\n");
            column = false;
        }
    }
    let _ = write!(
        o,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        inline(&doc.footer)
    );
    o
}

fn header(o: &mut String, doc: &Document) {
    let _ = write!(
        o,
        "<header>\n<p class=\"eyebrow\">{}</p>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n<dl class=\"facts\">",
        esc(&doc.kicker),
        esc(&doc.title),
        inline(&doc.summary)
    );
    for (k, v) in &doc.facts {
        let _ = write!(o, "<div><dt>{}</dt><dd>{}</dd></div>", esc(k), inline(v));
    }
    let _ = writeln!(
        o,
        "</dl>\n<p class=\"note-small\">{}</p>\n</header>",
        esc(&doc.times_note)
    );
    for w in &doc.warnings {
        let _ = writeln!(
            o,
            "<div class=\"warn\"><strong>Note:</strong> {}</div>",
            inline(w)
        );
    }
}

fn section(o: &mut String, d: &Debrief, s: &Section) {
    if let Some(Block::Ending(e)) = s.blocks.first() {
        ending(o, &s.title, e);
        for b in &s.blocks[1..] {
            block(o, d, b);
        }
        return;
    }
    let class = match s.part {
        Part::Answers => " class=\"answers\"",
        Part::Really => " class=\"really\"",
        _ => "",
    };
    let _ = write!(o, "<section{class}>\n<h2>{}", esc(&s.title));
    if let Some(b) = &s.badge {
        let _ = write!(o, " <span class=\"off\">{}</span>", esc(b));
    }
    o.push_str("</h2>\n");
    for b in &s.blocks {
        block(o, d, b);
    }
    o.push_str("</section>\n");
}

fn block(o: &mut String, d: &Debrief, b: &Block) {
    match b {
        Block::Para(t) => {
            let _ = writeln!(o, "<p>{}</p>", inline(t));
        }
        Block::Aside(t) => {
            let _ = writeln!(o, "<p class=\"note-small\">{}</p>", inline(t));
        }
        Block::Empty(t) => {
            let _ = writeln!(o, "<p class=\"muted\">{}</p>", inline(t));
        }
        Block::Sub(t) => {
            let _ = writeln!(o, "<h3>{}</h3>", esc(t));
        }
        Block::List(items) => {
            o.push_str("<ul class=\"plain\">\n");
            for i in items {
                let _ = writeln!(o, "<li>{}</li>", inline(i));
            }
            o.push_str("</ul>\n");
        }
        Block::Stats(stats) => stats_tiles(o, stats),
        Block::Ending(e) => ending(o, "The ending", e),
        Block::Table(t) => table(o, t),
        Block::Rubric(items) => rubric(o, items),
        Block::Steps(steps) => responders(o, steps),
        Block::Timeline(entries) => timeline(o, entries),
        Block::Quote { title, text } => {
            let _ = writeln!(
                o,
                "<h3>{}</h3>\n<blockquote>{}</blockquote>",
                code_pairs(title),
                esc(text)
            );
        }
        Block::Charts(charts) => figures(o, d, charts),
        Block::Bars(bars) => bars_figure(o, bars),
    }
}

fn ending(o: &mut String, title: &str, e: &EndingBox) {
    let class = match e.outcome {
        Some(Outcome::Resolved) => "resolved",
        Some(Outcome::Mitigated) => "mitigated",
        Some(Outcome::Worse) => "worse",
        Some(Outcome::TimedOut) => "timed_out",
        Some(Outcome::Stopped) => "stopped",
        None => "none",
    };
    let _ = writeln!(
        o,
        "<section class=\"ending o-{class}\" aria-label=\"{}\">\n<span class=\"badge\">{}</span>\n<h2>{}</h2>\n<div class=\"when\">{} {}</div>",
        esc(title),
        esc(&e.badge),
        code_pairs(&e.title),
        esc(&e.when_label),
        time(&e.when)
    );
    for p in &e.paragraphs {
        let _ = writeln!(o, "<p>{}</p>", code_pairs(p));
    }
    o.push_str("</section>\n");
}

fn stats_tiles(o: &mut String, stats: &[Stat]) {
    let class = if stats.iter().any(|s| s.of.is_some()) {
        "score"
    } else {
        "stat"
    };
    let _ = write!(o, "<div class=\"{class}\">");
    for s in stats {
        let tone = match s.tone {
            Tone::Good => " class=\"all\"",
            Tone::Bad => " class=\"some\"",
            Tone::Neutral => "",
        };
        let of =
            s.of.map(|n| format!("<small> / {n}</small>"))
                .unwrap_or_default();
        let _ = write!(
            o,
            "<div{tone}><b>{}{of}</b><span>{}</span></div>",
            esc(&s.value),
            esc(&s.label)
        );
    }
    o.push_str("</div>\n");
}

fn cell(c: &Cell) -> String {
    let mut s = if c.main.is_empty() {
        "<span class=\"none\">—</span>".to_string()
    } else {
        inline(&c.main)
    };
    if !c.detail.is_empty() {
        let _ = write!(s, "<div class=\"what\">{}</div>", inline(&c.detail));
    }
    s
}

fn table(o: &mut String, t: &Table) {
    let has_head = t.rows.iter().any(|r| !r.head.is_empty());
    let _ = write!(o, "<table class=\"{}\">\n<thead><tr>", t.class);
    for c in &t.columns {
        let _ = write!(o, "<th scope=\"col\">{}</th>", esc(c));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        o.push_str("<tr>");
        if has_head {
            let _ = write!(o, "<th scope=\"row\">{}</th>", esc(&r.head));
        }
        for (i, c) in r.cells.iter().enumerate() {
            let num = if t.numeric.contains(&i) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(o, "<td{num}>{}</td>", cell(c));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

fn rubric(o: &mut String, items: &[RubricItem]) {
    o.push_str("<ul class=\"rubric\">\n");
    for l in items {
        let (class, mark) = if !l.applies {
            ("na", "–")
        } else if l.good {
            ("good", "✓")
        } else {
            ("bad", "✗")
        };
        let _ = write!(
            o,
            "<li class=\"{class}\"><span class=\"mark\">{mark}</span><div><strong>{}</strong> <span class=\"name\">{}</span><br><span class=\"state\">{}</span>",
            code_pairs(&l.title),
            esc(&l.name),
            inline(&l.state)
        );
        if !l.why.is_empty() {
            let _ = write!(o, "<p class=\"why\">{}</p>", code_pairs(&l.why));
        }
        o.push_str("</div></li>\n");
    }
    o.push_str("</ul>\n");
}

fn responders(o: &mut String, steps: &[Step]) {
    o.push_str("<ul class=\"responders\">\n");
    for r in steps {
        let _ = writeln!(
            o,
            "<li><span class=\"kind\">{}</span> {} <div>{}</div></li>",
            esc(&r.label),
            time(&r.when),
            code_pairs(&r.what)
        );
    }
    o.push_str("</ul>\n");
}

fn timeline(o: &mut String, entries: &[Entry]) {
    o.push_str("<ol class=\"timeline\">\n");
    for e in entries {
        let what = code_pairs(&e.what);
        let (class, body) = match e.kind {
            EntryKind::Decision => {
                let k = e.decision.unwrap_or(DecisionKind::Wait);
                let mut b = format!(
                    "<span class=\"dot\" style=\"background:{}\" title=\"{}\"></span>{what}",
                    kind_colour(k),
                    kind_label(k)
                );
                for f in e.flags {
                    let _ = write!(b, "<span class=\"flag\">{}</span>", esc(f));
                }
                if let Some(r) = &e.refused {
                    let _ = write!(
                        b,
                        " <span class=\"refused\">refused: {}</span>",
                        code_pairs(r)
                    );
                }
                ("decision", b)
            }
            EntryKind::World => ("", format!("<span class=\"world\">{what}</span>")),
            EntryKind::Rubric => {
                let (class, mark) = if e.good == Some(true) {
                    ("good", "✓")
                } else {
                    ("bad", "✗")
                };
                (
                    "",
                    format!("<span class=\"rubric-{class}\">{mark} {what}</span>"),
                )
            }
            EntryKind::Note => {
                let lead = e.lead.unwrap_or_default();
                (
                    "note",
                    format!("<span class=\"who\">{}</span>{what}", esc(lead)),
                )
            }
            EntryKind::Ending => ("", format!("<span class=\"end-mark\">{what}</span>")),
        };
        let _ = writeln!(
            o,
            "<li class=\"{class}\">{}<div>{body}</div></li>",
            time(e.at)
        );
    }
    o.push_str("</ol>\n");
}

/// What the marks on the charts mean.
fn legend(o: &mut String, d: &Debrief) {
    let mut kinds: Vec<DecisionKind> = Vec::new();
    for e in &d.timeline {
        if let Some(k) = e.decision
            && k != DecisionKind::Wait
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    o.push_str("<ul class=\"legend\">");
    o.push_str("<li><i style=\"background:#0969da;height:3px\"></i>the metric</li>");
    o.push_str("<li><i style=\"background:none;border-top:2px dashed #cf222e;height:0\"></i>alert threshold</li>");
    o.push_str("<li><i style=\"background:#ffe4e4\"></i>alert firing</li>");
    if !d.notes.is_empty() {
        o.push_str("<li><i style=\"background:#d4a72c;transform:rotate(45deg);width:.55rem;height:.55rem\"></i>mentor note</li>");
    }
    for k in kinds {
        let _ = write!(
            o,
            "<li><i style=\"background:{}\"></i>{}</li>",
            kind_colour(k),
            kind_label(k)
        );
    }
    o.push_str("</ul>\n");
}

fn figures(o: &mut String, d: &Debrief, charts: &[ChartView]) {
    o.push_str("<p class=\"muted\">Your decisions are the ticks under each chart (hover for what they were).</p>\n");
    legend(o, d);
    for c in charts {
        let Some(chart) = d.charts.get(c.index) else {
            continue;
        };
        let mut sub = Vec::new();
        if let Some(u) = &c.unit_note {
            sub.push(u.clone());
        }
        sub.push(format!("alert when {}", c.alert_when));
        sub.push(format!("lowest {}", c.lowest));
        sub.push(format!("highest {}", c.highest));
        sub.push(format!("{} at the end", c.last));
        let _ = writeln!(
            o,
            "<figure>\n<figcaption><strong>{}</strong> <code>{}</code> <span class=\"sub\">{}</span></figcaption>\n{}\n</figure>",
            esc(&c.label),
            esc(&c.metric),
            code_pairs(&sub.join(" · ")),
            chart_svg(d, chart)
        );
    }
}

fn bars_figure(o: &mut String, bars: &Bars) {
    let _ = writeln!(
        o,
        "<figure><figcaption class=\"sub\">{}</figcaption>{}</figure>",
        esc(&bars.title),
        bars_svg(bars)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(esc("<script>\"&'"), "&lt;script&gt;&quot;&amp;&#39;");
        assert_eq!(
            code_pairs("run `a<b` <i>"),
            "run <code>a&lt;b</code> &lt;i&gt;"
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        let link = |url: &str| {
            inline(&vec![Span::Link {
                text: "x".into(),
                url: url.into(),
            }])
        };
        assert_eq!(
            link("https://a.example/"),
            "<a href=\"https://a.example/\">x</a>"
        );
        assert_eq!(link("javascript:alert(1)"), "x (javascript:alert(1))");
    }
}
