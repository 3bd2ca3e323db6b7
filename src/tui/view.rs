//! Drawing: every screen is a function of the [`App`] state. Nothing here
//! changes state, and any size down to 0x0 draws without panicking.

use super::app::{App, Entry, Game, Pane, Screen, ShellLine};
use super::config::Theme;
use crate::sim::PageState;
use crate::sim::eval::{format_number, format_offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

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
        Screen::End(e) => super::end::render(app, e, f, body),
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

/// A pane's or a window's frame. The one with the keys has a thick border
/// and a bold title besides the focus colour, so it shows without colour
/// (`NO_COLOR`, a monochrome terminal) too.
pub(super) fn block<'a>(th: &Theme, title: &str, focused: bool) -> Block<'a> {
    let (color, border, title_style) = if focused {
        (
            th.focus,
            BorderType::Thick,
            Style::new().fg(th.focus).add_modifier(Modifier::BOLD),
        )
    } else {
        (th.border, BorderType::Plain, Style::new().fg(th.title))
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(border)
        .border_style(Style::new().fg(color))
        .title(Span::styled(title.to_string(), title_style))
}

fn picker(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let area = match &app.progress {
        Some(line) => {
            let [rest, bottom] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            f.render_widget(
                Paragraph::new(line.as_str()).style(Style::new().fg(th.title)),
                bottom,
            );
            rest
        }
        None => area,
    };
    let [left, detail_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let [list_area, support_area, clock_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(4),
        Constraint::Length(3),
    ])
    .areas(left);
    support(app, f, support_area);
    super::pace::render(app, selected, f, clock_area);
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
                    || "fictional".to_string(),
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
    let detail = app.entries.get(selected).map_or_else(Text::default, |e| {
        details(e, &th, usize::from(detail_area.width.saturating_sub(2)))
    });
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

fn details(e: &Entry, th: &Theme, width: usize) -> Text<'static> {
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
    // flow to the pane's width, keeping its paragraphs and its lists.
    for (i, para) in m.briefing.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        for (item, text) in flowed(para) {
            if item {
                // Its wrapped rows line up under the item's first word.
                let indent = " ".repeat(list_marker(&text).min(width / 2));
                let rows = crate::base::text::wrap_hanging(&text, width, &indent);
                lines.extend(rows.into_iter().map(Line::raw));
            } else {
                lines.push(Line::raw(text));
            }
        }
    }
    Text::from(lines)
}

/// A paragraph's lines joined into prose, except that a list item (`- `,
/// `* `, `• `, `1. `, `1) `) starts a line of its own: (is an item, text).
pub(super) fn flowed(para: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for line in para.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let item = list_marker(line) > 0;
        match out.last_mut() {
            Some((_, text)) if !item => {
                text.push(' ');
                text.push_str(line);
            }
            _ => out.push((item, line.to_string())),
        }
    }
    out
}

/// The width of a list item's marker and the space after it (`- `, `12. `),
/// or 0 when `line` is not a list item.
fn list_marker(line: &str) -> usize {
    for bullet in ["- ", "* ", "• "] {
        if line.starts_with(bullet) {
            return bullet.chars().count();
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && digits < 4 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        digits + 2
    } else {
        0
    }
}

/// Splits text into lines at most `width` columns wide (display width).
pub use crate::base::text::wrap_to_fit as wrap;

/// The last lines of `lines` that fit in `height`, `scroll` lines up from the bottom.
fn tail<T: Clone>(lines: &[T], height: usize, scroll: usize) -> Vec<T> {
    let end = lines.len().saturating_sub(scroll);
    let start = end.saturating_sub(height);
    lines[start..end].to_vec()
}

/// The play screen's status bar and panes: pager, dashboard, chat, story, shell.
fn play_layout(area: Rect) -> [Rect; 6] {
    let [bar, panes] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
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
    [
        bar, pager_area, dash_area, chat_area, story_area, shell_area,
    ]
}

fn play(app: &App, g: &Game, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let [
        bar,
        pager_area,
        dash_area,
        chat_area,
        story_area,
        shell_area,
    ] = play_layout(area);
    status_bar(app, g, f, bar);
    pager(g, &th, f, pager_area);
    super::graph::render(g, &th, g.focus == Pane::Dashboard, f, dash_area);
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
        // An escalated page says so in words, colour or not.
        if let Some(who) = g.sim().escalated_to(p) {
            lines.push(Line::styled(
                format!("  ↳ ESCALATED to {who}"),
                Style::new().fg(th.page).add_modifier(Modifier::BOLD),
            ));
        }
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

/// How far up the chat scrolls on a `w`x`h` terminal: to its first row.
pub(super) fn chat_max_scroll(g: &Game, th: &Theme, (w, h): (u16, u16)) -> usize {
    let body = Rect::new(0, 0, w, h.saturating_sub(2));
    let area = play_layout(body)[3];
    let rows = chat_rows(g, th, area.width.saturating_sub(2) as usize).len();
    rows.saturating_sub(area.height.saturating_sub(2) as usize)
}

fn chat(g: &Game, th: &Theme, f: &mut Frame, area: Rect) {
    let lines = chat_rows(g, th, area.width.saturating_sub(2) as usize);
    let height = area.height.saturating_sub(2) as usize;
    // Never scrolled past the first row, whatever the size.
    let scroll = g.chat_scroll.min(lines.len().saturating_sub(height));
    let visible = tail(&lines, height, scroll);
    f.render_widget(
        Paragraph::new(visible).block(block(th, " Chat ", g.focus == Pane::Chat)),
        area,
    );
}

/// The chat's lines, wrapped to `width`, the names in their colour.
fn chat_rows(g: &Game, th: &Theme, width: usize) -> Vec<Line<'static>> {
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
    lines
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
        // A reverse search (Ctrl-R) shows its own prompt and the line found.
        let (prompt, line) = g.shell.display(&input_prompt(&g.shell.prompt, width));
        line.render(f, row, &prompt, style, focused && typing);
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
