//! Drawing: every screen is a function of the [`App`] state. Nothing here
//! changes state, and any size down to 0x0 draws without panicking.

use super::app::{App, Entry, Game, Pane, Screen, ShellLine};
use super::config::Theme;
use super::input::TextInput;
use crate::scenario::{CmpOp, Expr, MetricId};
use crate::sim::PageState;
use crate::sim::eval::{format_number, format_offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Wrap};

/// The smallest play screen that still shows every pane.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Draws the whole UI.
pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "terminal too small: need at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{})",
            area.width, area.height
        );
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [body, notice, hints] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let th = app.config.theme;
    match &app.screen {
        Screen::Picker { selected } => picker(app, *selected, f, body),
        Screen::Play(g) => play(app, g, f, body),
        Screen::End(e) => {
            let mut lines = vec![
                Line::styled(
                    format!("{} ({})", e.title, e.outcome),
                    Style::new().fg(th.title).add_modifier(Modifier::BOLD),
                ),
                Line::styled(
                    format!("ended at {}", format_offset(e.at)),
                    Style::new().fg(th.dim),
                ),
                Line::raw(""),
            ];
            lines.extend(e.text.lines().map(|l| Line::raw(l.to_string())));
            if !e.summary.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "How it went:",
                    Style::new().add_modifier(Modifier::BOLD),
                ));
                for (mark, text) in &e.summary {
                    let color = match mark {
                        '+' => th.resolved,
                        'x' => th.page,
                        _ => th.acked,
                    };
                    if *mark == ' ' {
                        lines.push(Line::raw(text.clone()));
                    } else {
                        lines.push(Line::from(vec![
                            Span::styled(format!(" [{mark}] "), Style::new().fg(color)),
                            Span::raw(text.clone()),
                        ]));
                    }
                }
            }
            let title = app
                .entries
                .get(e.entry)
                .map(|x| x.id.clone())
                .unwrap_or_default();
            let frame = block(&th, &format!(" The end: {title} "), true);
            let inner = frame.inner(body);
            f.render_widget(frame, body);
            match &e.asking {
                Some((n, answer)) => asking(&th, *n, answer, lines, f, inner),
                None => f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner),
            }
        }
    }
    if let Some(n) = &app.notice {
        f.render_widget(
            Paragraph::new(n.as_str()).style(Style::new().fg(th.choice)),
            notice,
        );
    }
    f.render_widget(
        Paragraph::new(app.hints()).style(Style::new().fg(th.dim)),
        hints,
    );
    if let Some(w) = app.watch.as_ref().filter(|w| w.mentor) {
        super::mentor::render(app, w, f, body);
    }
    if let (Some(r), Screen::Play(_)) = (&app.review, &app.screen) {
        super::review_notes::render(app, r, f, body);
    }
    if let Some(o) = &app.overlay {
        o.render(app, f, area);
    }
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
    f.render_widget(Paragraph::new(below).wrap(Wrap { trim: false }), rest);
}

/// A pane's or a window's frame, its title in the focus colour when focused.
pub(super) fn block<'a>(th: &Theme, title: &str, focused: bool) -> Block<'a> {
    let color = if focused { th.focus } else { th.border };
    Block::default()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(color))
        .title(Span::styled(
            title.to_string(),
            Style::new().fg(if focused { th.focus } else { th.title }),
        ))
}

fn picker(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let [left, detail_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let [list_area, support_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(left);
    support(app, f, support_area);
    let mut lines = Vec::new();
    for (i, e) in app.entries.iter().enumerate() {
        let marker = if i == selected { "> " } else { "  " };
        let style = if i == selected {
            Style::new().fg(th.focus).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let played = app
            .history
            .get(&e.id)
            .map(|o| format!("  [last: {o}]"))
            .unwrap_or_default();
        lines.push(Line::styled(format!("{marker}{}{played}", e.id), style));
        let sub = match &e.scenario {
            Some(sc) => {
                let source = sc.postmortem.as_ref().map_or_else(
                    || "practice".to_string(),
                    |p| format!("{} {}", p.company, p.date),
                );
                format!(
                    "    {} ({source}; {}, ~{} min)",
                    sc.meta.title,
                    format!("{:?}", sc.meta.difficulty).to_lowercase(),
                    sc.meta.minutes
                )
            }
            None => format!(
                "    cannot be played: {}",
                e.problem.clone().unwrap_or_default()
            ),
        };
        lines.push(Line::styled(sub, Style::new().fg(th.dim)));
    }
    // Keep the selection in view.
    let height = list_area.height.saturating_sub(2) as usize;
    let skip = (selected * 2 + 2).saturating_sub(height);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((skip.min(u16::MAX as usize) as u16, 0))
            .block(block(&th, " Scenarios ", true)),
        list_area,
    );
    let detail = app
        .entries
        .get(selected)
        .map_or_else(Text::default, |e| details(e, &th));
    f.render_widget(
        Paragraph::new(detail)
            .wrap(Wrap { trim: false })
            .block(block(&th, " Briefing ", false)),
        detail_area,
    );
}

/// The support level the next game starts at, every level in view with
/// the chosen one marked, and the key that changes it.
fn support(app: &App, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let chosen = app.options.support;
    let mut levels = Vec::new();
    for level in crate::sim::Support::ALL {
        if !levels.is_empty() {
            levels.push(Span::raw("  "));
        }
        levels.push(if level == chosen {
            Span::styled(
                format!("[{level}]"),
                Style::new().fg(th.focus).add_modifier(Modifier::BOLD),
            )
        } else {
            Span::styled(level.word(), Style::new().fg(th.dim))
        });
    }
    let keys = app.config.keymap.keys(
        super::command::Context::Picker,
        super::command::Command::Support,
    );
    let title = if keys.is_empty() {
        " Support ".to_string()
    } else {
        format!(" Support ({keys} changes) ")
    };
    let lines = vec![Line::from(levels), Line::raw(chosen.what())];
    f.render_widget(Paragraph::new(lines).block(block(&th, &title, false)), area);
}

fn details(e: &Entry, th: &Theme) -> Text<'static> {
    let Some(sc) = &e.scenario else {
        return Text::raw(format!(
            "{} ({})\n\n{}",
            e.id,
            e.origin,
            e.problem.clone().unwrap_or_default()
        ));
    };
    let m = &sc.meta;
    let mut lines = vec![Line::styled(
        m.title.clone(),
        Style::new().fg(th.title).add_modifier(Modifier::BOLD),
    )];
    if let Some(pm) = &sc.postmortem {
        lines.push(Line::raw(format!(
            "From the real incident: {} ({})",
            pm.company, pm.date
        )));
    }
    lines.push(Line::raw(format!(
        "{} · ~{} min · {}",
        m.difficulty, m.minutes, e.origin
    )));
    if !m.tags.is_empty() {
        lines.push(Line::styled(
            format!("tags: {}", m.tags.join(", ")),
            Style::new().fg(th.dim),
        ));
    }
    if !m.role.is_empty() {
        lines.push(Line::raw(format!("You are: {}", m.role)));
    }
    lines.push(Line::raw(""));
    if !m.summary.is_empty() {
        lines.push(Line::raw(m.summary.clone()));
        lines.push(Line::raw(""));
    }
    // The briefing is written in a text block with hard line breaks: let it
    // flow to the pane's width, keeping its paragraphs.
    for (i, para) in m.briefing.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::raw(
            para.lines().map(str::trim).collect::<Vec<_>>().join(" "),
        ));
    }
    Text::from(lines)
}

/// Splits text into lines at most `width` columns wide (display width).
pub use crate::base::text::wrap_to_fit as wrap;

/// The last lines of `lines` that fit in `height`, `scroll` lines up from the bottom.
fn tail<T: Clone>(lines: &[T], height: usize, scroll: usize) -> Vec<T> {
    let end = lines.len().saturating_sub(scroll);
    let start = end.saturating_sub(height);
    lines[start..end].to_vec()
}

fn play(app: &App, g: &Game, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let [bar, panes] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    status_bar(app, g, f, bar);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(panes);
    let [pager_area, dash_area, chat_area] = Layout::horizontal([
        Constraint::Percentage(26),
        Constraint::Percentage(40),
        Constraint::Percentage(34),
    ])
    .areas(top);
    let [story_area, shell_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    pager(g, &th, f, pager_area);
    dashboard(g, &th, f, dash_area);
    chat(g, &th, f, chat_area);
    story(g, &th, f, story_area);
    // The terminal cursor shows only where typing goes now.
    let typing = app.overlay.is_none() && app.review.is_none() && app.watch.is_none();
    shell(g, &th, typing, f, shell_area);
}

fn flashing(g: &Game) -> bool {
    // Alternate every game second while a new page flashes.
    g.flash_until.is_some_and(|until| g.sim().now() < until)
        && (g.sim().now() / 1000).is_multiple_of(2)
}

fn status_bar(app: &App, g: &Game, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let open = g
        .sim()
        .pages()
        .iter()
        .filter(|p| {
            p.state == PageState::Triggered && p.severity == crate::scenario::Severity::Page
        })
        .count();
    let mode = if g.practice() {
        "practice".to_string()
    } else if app.review.is_some() {
        // Review stands still whatever the game's pace was.
        format!("real time {}x", format_number(g.speed()))
    } else if g.paused() {
        "PAUSED".to_string()
    } else {
        format!("{}x", format_number(g.speed()))
    };
    let pages = if open > 0 {
        format!("PAGES OPEN: {open}")
    } else {
        "no open pages".into()
    };
    let style = if open > 0 && (flashing(g) || g.flash_until.is_none_or(|u| g.sim().now() >= u)) {
        Style::new()
            .bg(th.page)
            .fg(th.page_text)
            .add_modifier(Modifier::BOLD)
    } else if open > 0 {
        Style::new().fg(th.page).add_modifier(Modifier::BOLD)
    } else if g.paused() {
        Style::new().fg(th.paused)
    } else {
        Style::new().fg(th.title)
    };
    let clock = format!(
        " {} {}  {}  {}",
        g.sim().clock(),
        g.sim().scenario().meta.zone,
        format_offset(g.sim().now()),
        mode,
    );
    // Watching, whose game comes before the pages (the pager pane lists
    // them), so that it fits at 80 columns.
    let line = if let Some(w) = &app.watch {
        let pages = if open > 0 {
            format!("  {pages}")
        } else {
            String::new()
        };
        Line::from(vec![
            Span::styled(format!("{clock}  "), style),
            Span::styled(
                w.status(),
                Style::new().fg(th.focus).add_modifier(Modifier::BOLD),
            ),
            Span::styled(pages, style),
            Span::styled(
                g.session
                    .keyboard()
                    .map(|who| format!("  KEYBOARD: {who}"))
                    .unwrap_or_default(),
                Style::new().fg(th.title).add_modifier(Modifier::BOLD),
            ),
        ])
    } else {
        let title = app
            .entries
            .get(g.entry)
            .map(|e| e.id.clone())
            .unwrap_or_default();
        Line::from(vec![
            Span::styled(format!("{clock}  {pages}"), style),
            Span::styled(
                mentors(g),
                Style::new().fg(th.title).add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("   {title}"), Style::new().fg(th.dim)),
        ])
    };
    f.render_widget(Paragraph::new(line), area);
}

/// Who is with the player: the mentor at the keyboard, or those watching.
fn mentors(g: &Game) -> String {
    if let Some(who) = g.session.keyboard() {
        return format!("  {who} HAS THE KEYBOARD");
    }
    let watching: Vec<&str> = g.session.watchers().collect();
    if watching.is_empty() {
        String::new()
    } else {
        format!("  watched by {}", watching.join(", "))
    }
}

fn pager(g: &Game, th: &Theme, f: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    for (i, p) in g.sim().pages().iter().enumerate() {
        let (label, color) = match p.state {
            PageState::Triggered if p.severity == crate::scenario::Severity::Ticket => {
                ("TICKET", th.ticket)
            }
            PageState::Triggered => ("OPEN", th.page),
            PageState::Acked => ("ACKED", th.acked),
            PageState::Resolved => ("done", th.resolved),
        };
        let sel = i == g.pager_sel && g.focus == Pane::Pager;
        let marker = if sel { ">" } else { " " };
        let style = if sel {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}#{} ", p.id), style),
            Span::styled(
                format!("{label:<6} "),
                Style::new().fg(color).add_modifier(Modifier::BOLD),
            ),
            Span::raw(p.text.clone()),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled("quiet. for now.", Style::new().fg(th.dim)));
    }
    let flash = g.flash_until.is_some_and(|u| g.sim().now() < u) && flashing(g);
    let mut b = block(th, " Pager ", g.focus == Pane::Pager);
    if flash {
        b = b.border_style(Style::new().fg(th.page).add_modifier(Modifier::BOLD));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(b),
        area,
    );
}

/// Thresholds of alerts that compare this metric with a number.
fn thresholds(g: &Game, m: MetricId) -> Vec<f64> {
    fn walk(e: &Expr, m: MetricId, out: &mut Vec<f64>) {
        match e {
            Expr::Compare(op, a, b) if !matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                match (a.as_ref(), b.as_ref()) {
                    (Expr::Metric(x), Expr::Number(v)) | (Expr::Number(v), Expr::Metric(x))
                        if *x == m =>
                    {
                        out.push(*v);
                    }
                    _ => {}
                }
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                walk(a, m, out);
                walk(b, m, out);
            }
            Expr::Not(a) => walk(a, m, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for a in &g.sim().scenario().alerts {
        walk(&a.condition, m, &mut out);
    }
    out
}

fn dashboard(g: &Game, th: &Theme, f: &mut Frame, area: Rect) {
    let sc = g.sim().scenario();
    let Some(metric) = sc.metrics.get(g.metric_sel) else {
        f.render_widget(
            Paragraph::new("no metrics in this scenario").block(block(
                th,
                " Dashboard ",
                g.focus == Pane::Dashboard,
            )),
            area,
        );
        return;
    };
    let m = MetricId(g.metric_sel);
    let value = g.sim().metric_value(m).unwrap_or(0.0);
    let unit = &metric.unit_word;
    let title = format!(
        " {} [{}/{}] {}{}{} ",
        metric.label,
        g.metric_sel + 1,
        sc.metrics.len(),
        format_number((value * 10.0).round() / 10.0),
        if unit == "%" { "" } else { " " },
        unit
    );
    let history = g.sim().metric_history(m);
    // The last fifteen minutes of game time.
    let now = g.sim().now();
    let from = now.saturating_sub(15 * 60_000);
    let data: Vec<(f64, f64)> = history
        .iter()
        .filter(|(t, _)| *t >= from)
        .map(|(t, v)| (*t as f64 / 1000.0, *v))
        .collect();
    let lines_th = thresholds(g, m);
    let (mut lo, mut hi) = data
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| {
            (lo.min(*v), hi.max(*v))
        });
    for t in &lines_th {
        lo = lo.min(*t);
        hi = hi.max(*t);
    }
    if let Some((rlo, rhi)) = metric.range {
        lo = lo.max(rlo);
        hi = hi.min(rhi);
    }
    if !lo.is_finite() || !hi.is_finite() || hi <= lo {
        lo = value - 1.0;
        hi = value + 1.0;
    }
    let pad = (hi - lo) * 0.05;
    let (lo, hi) = (lo - pad, hi + pad);
    let x0 = from as f64 / 1000.0;
    let x1 = (now as f64 / 1000.0).max(x0 + 1.0);
    let threshold_data: Vec<Vec<(f64, f64)>> =
        lines_th.iter().map(|t| vec![(x0, *t), (x1, *t)]).collect();
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(th.metric))
            .data(&data),
    ];
    for t in &threshold_data {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(th.threshold))
                .data(t),
        );
    }
    let clock = |secs: f64| {
        let s = (u64::from(sc.meta.start_clock_secs) + secs.max(0.0) as u64) % 86_400;
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    };
    let chart = Chart::new(datasets)
        .block(block(th, &title, g.focus == Pane::Dashboard))
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels([clock(x0), clock(x1)])
                .style(Style::new().fg(th.dim)),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([format_number(lo.round()), format_number(hi.round())])
                .style(Style::new().fg(th.dim)),
        );
    f.render_widget(chart, area);
}

fn chat(g: &Game, th: &Theme, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (_, who, text) in &g.chat {
        for (i, l) in wrap(&format!("{who}: {text}"), width)
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                let (name, rest) = l.split_at(l.find(':').map_or(0, |p| p + 1).min(l.len()));
                lines.push(Line::from(vec![
                    Span::styled(
                        name.to_string(),
                        Style::new().fg(th.chat_name).add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(rest.to_string()),
                ]));
            } else {
                lines.push(Line::raw(l));
            }
        }
    }
    let visible = tail(
        &lines,
        area.height.saturating_sub(2) as usize,
        g.chat_scroll,
    );
    f.render_widget(
        Paragraph::new(visible).block(block(th, " Chat ", g.focus == Pane::Chat)),
        area,
    );
}

fn story(g: &Game, th: &Theme, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2) as usize;
    let choices = g.sim().choices();
    let mut choice_lines: Vec<Line> = Vec::new();
    for (i, (n, text)) in choices.iter().enumerate() {
        let sel = i == g.choice_sel && g.focus == Pane::Story;
        for (j, l) in wrap(&format!("{n}. {text}"), width).into_iter().enumerate() {
            let style = if sel {
                Style::new().fg(th.choice).add_modifier(Modifier::REVERSED)
            } else {
                Style::new().fg(th.choice)
            };
            let l = if j == 0 { l } else { format!("   {l}") };
            choice_lines.push(Line::styled(l, style));
        }
    }
    let room = (area.height.saturating_sub(2) as usize)
        .saturating_sub(choice_lines.len() + usize::from(!choice_lines.is_empty()));
    let mut narration: Vec<Line> = Vec::new();
    for (_, t) in &g.story {
        for l in wrap(t, width) {
            narration.push(Line::raw(l));
        }
    }
    let mut lines = tail(&narration, room, 0);
    if !choice_lines.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(choice_lines);
    }
    f.render_widget(
        Paragraph::new(lines).block(block(th, " Story ", g.focus == Pane::Story)),
        area,
    );
}

fn shell(g: &Game, th: &Theme, typing: bool, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for l in &g.shell.lines {
        match l {
            ShellLine::Input(cmd) => {
                for (i, w) in wrap(cmd, width).into_iter().enumerate() {
                    lines.push(if i == 0 {
                        Line::styled(w, Style::new().fg(th.shell_prompt))
                    } else {
                        Line::raw(w)
                    });
                }
            }
            ShellLine::Output(out) => lines.extend(wrap(out, width).into_iter().map(Line::raw)),
        }
    }
    let height = area.height.saturating_sub(3) as usize;
    let mut visible = tail(&lines, height, g.shell.scroll);
    let focused = g.focus == Pane::Shell;
    while visible.len() < height {
        visible.insert(0, Line::raw(""));
    }
    let title = if focused {
        " Shell (typing) "
    } else {
        " Shell "
    };
    let frame = block(th, title, focused);
    let inner = frame.inner(area);
    f.render_widget(Paragraph::new(visible).block(frame), area);
    // The input line is the last row inside the border.
    if inner.height > 0 {
        let row = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        let style = Style::new().fg(th.shell_prompt).add_modifier(if focused {
            Modifier::BOLD
        } else {
            Modifier::empty()
        });
        let prompt = input_prompt(&g.shell.prompt, width);
        g.shell
            .input
            .render(f, row, &prompt, style, focused && typing);
    }
}

/// The prompt before the input line, cut from the left to two thirds of the pane's
/// width so there is always room to type.
fn input_prompt(prompt: &str, width: usize) -> String {
    let room = (width * 2 / 3).max(2);
    let chars: Vec<char> = prompt.chars().collect();
    if chars.len() < room {
        return format!("{prompt} ");
    }
    let tail: String = chars[chars.len() + 2 - room..].iter().collect();
    format!("…{tail} ")
}

/// A rectangle of at most `w`x`h` centred in `area`, never larger than it.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
