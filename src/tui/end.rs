//! The end screen: how the drill ended, how it went, what really happened,
//! and where its transcript is, scrolled with the arrows, PgUp/PgDn,
//! Home/End and j/k, with the rows in view and the rows in all shown on
//! its frame (so a small terminal still reaches every line).

use super::app::{App, Ended};
use super::config::{Key, Theme};
use super::input::TextInput;
use super::view::block;
use crate::sim::eval::format_offset;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The scroll keys, as the hint bar names them.
pub const SCROLL_HINT: &str = "Up/Down/j/k PgUp/PgDn Home/End scroll";

/// The end screen's text, wrapped to `width` columns: one row each.
pub fn rows(th: &Theme, e: &Ended, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let push = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in hanging(text, width) {
            out.push(Line::styled(l, style));
        }
    };
    push(
        &mut out,
        &format!("{} ({})", e.title, e.outcome),
        Style::new().fg(th.title).add_modifier(Modifier::BOLD),
    );
    push(
        &mut out,
        &format!("ended at {}", format_offset(e.at)),
        Style::new().fg(th.dim),
    );
    out.push(Line::raw(""));
    for l in e.text.lines() {
        push(&mut out, l, Style::new());
    }
    if e.summary.is_empty() {
        return out;
    }
    out.push(Line::raw(""));
    push(&mut out, "How it went:", bold);
    for (mark, text) in &e.summary {
        if *mark == ' ' {
            // Headings end with a colon and have no indent.
            let heading = text.ends_with(':') && !text.starts_with(' ');
            push(&mut out, text, if heading { bold } else { Style::new() });
            continue;
        }
        // The mark's colour says it again; the mark itself is the word.
        let color = match mark {
            '+' => th.resolved,
            'x' => th.page,
            '·' => th.dim,
            _ => th.acked,
        };
        let prefix = format!(" [{mark}] ");
        let wrapped = crate::base::text::wrap_hanging(text, width.saturating_sub(5), "");
        for (i, l) in wrapped.into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(prefix.clone(), Style::new().fg(color))
            } else {
                Span::raw("     ")
            };
            out.push(Line::from(vec![lead, Span::raw(l)]));
        }
    }
    out
}

/// `text` wrapped to `width`, its continuation rows indented as its first
/// (a line of the cause), or under its last column (a responder's step:
/// time, kind, then what they did).
fn hanging(text: &str, width: usize) -> Vec<String> {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let column = text[lead..].rfind("  ").map_or(lead, |i| {
        let gap = &text[lead + i..];
        lead + i + gap.len() - gap.trim_start().len()
    });
    let pad = " ".repeat(column.min(width / 2));
    crate::base::text::wrap_hanging(text, width, &pad)
}

/// The inside of the end screen's frame on a `w`x`h` terminal (the
/// notice and hint rows below it, the frame around it).
fn inner_size(w: u16, h: u16) -> (usize, usize) {
    (
        usize::from(w.saturating_sub(2)),
        usize::from(h.saturating_sub(4)),
    )
}

/// How far the end screen scrolls on a `w`x`h` terminal: to its last row.
pub fn max_scroll(th: &Theme, e: &Ended, (w, h): (u16, u16)) -> usize {
    let (width, height) = inner_size(w, h);
    rows(th, e, width).len().saturating_sub(height)
}

/// A scroll key on the end screen, for a terminal of `size`. Returns
/// whether the key was one.
pub fn scroll_key(app: &mut App, key: Key) -> bool {
    let th = app.config.theme;
    let size = app.size;
    let super::app::Screen::End(e) = &mut app.screen else {
        return false;
    };
    if key.ctrl || key.alt {
        return false;
    }
    let max = max_scroll(&th, e, size);
    let page = inner_size(size.0, size.1).1.saturating_sub(1).max(1);
    e.scroll = match key.code {
        KeyCode::Up | KeyCode::Char('k') => e.scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => e.scroll + 1,
        KeyCode::PageUp => e.scroll.saturating_sub(page),
        KeyCode::PageDown | KeyCode::Char(' ') => e.scroll + page,
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => max,
        _ => return false,
    }
    .min(max);
    true
}

/// Draws the end screen into `body`.
pub fn render(app: &App, e: &Ended, f: &mut Frame, body: Rect) {
    let th = app.config.theme;
    let id = app
        .entries
        .get(e.entry)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    let mut frame = block(&th, &format!(" The end: {id} "), true);
    let inner = frame.inner(body);
    if let Some((n, answer)) = &e.asking {
        f.render_widget(frame, body);
        let lines = rows(&th, e, usize::from(inner.width));
        asking(&th, *n, answer, lines, f, inner);
        return;
    }
    let all = rows(&th, e, usize::from(inner.width));
    let height = usize::from(inner.height);
    let top = e.scroll.min(all.len().saturating_sub(height));
    let shown = all.len().min(top + height);
    if all.len() > height {
        frame = frame.title_bottom(position(top, shown, all.len()));
    }
    f.render_widget(frame, body);
    let visible: Vec<Line> = all.into_iter().skip(top).take(height).collect();
    f.render_widget(Paragraph::new(visible), inner);
}

/// ` rows 1-20 of 57, more below ` on the frame: where the view is, in words.
fn position(top: usize, shown: usize, total: usize) -> String {
    let more = match (top > 0, shown < total) {
        (true, true) => ", more above and below",
        (true, false) => ", more above",
        (false, true) => ", more below",
        (false, false) => "",
    };
    format!(" rows {}-{shown} of {total}{more} ", top + 1)
}

/// The end screen while the three questions are asked: they come first
/// under the title, so that a small terminal still shows them, with the
/// answer being typed on the row of its question.
fn asking(
    th: &Theme,
    n: usize,
    answer: &TextInput,
    mut lines: Vec<Line<'static>>,
    f: &mut Frame,
    area: Rect,
) {
    let mut above: Vec<Line> = lines.drain(..3.min(lines.len())).collect();
    above.push(Line::styled(
        "Three quick questions for your mentor (they go into the transcript):",
        Style::new().add_modifier(Modifier::BOLD),
    ));
    let questions = crate::record::QUESTIONS;
    above.extend(
        questions
            .iter()
            .take(n)
            .map(|q| Line::raw(format!("   {q}"))),
    );
    let mut below: Vec<Line> = questions
        .iter()
        .skip(n + 1)
        .map(|q| Line::raw(format!("   {q}")))
        .collect();
    below.push(Line::raw(""));
    below.extend(lines);
    let rows = u16::try_from(above.len()).unwrap_or(u16::MAX);
    let [top, row, rest] = Layout::vertical([
        Constraint::Max(rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(above), top);
    let question = questions.get(n).copied().unwrap_or_default();
    let style = Style::new().fg(th.focus);
    answer.render(f, row, &format!(" > {question} "), style, true);
    f.render_widget(Paragraph::new(below), rest);
}
