//! The picker's clock box: practice or real time, and the speed, chosen
//! for each scenario before it starts. What the player chose for a
//! scenario is kept for the rest of the session; one not chosen starts as
//! the command line said (`--practice`, `--speed`), or real time at the
//! scenario's own speed.

use super::app::{App, Screen};
use super::command::{Command, Context};
use super::view::block;
use crate::game::Pace;
use crate::sim::eval::format_number;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The slowest and fastest speeds the picker offers (halving and doubling).
const SLOWEST: f64 = 0.25;
const FASTEST: f64 = 64.0;

/// The pace picker entry `i` starts at.
pub fn chosen(app: &App, i: usize) -> Pace {
    let Some(entry) = app.entries.get(i) else {
        return Pace {
            practice: app.options.practice,
            speed: 1.0,
        };
    };
    if let Some(pace) = app.paces.get(&entry.id) {
        return *pace;
    }
    let own = entry.scenario.as_ref().map_or(1.0, |sc| sc.meta.speed);
    Pace {
        practice: app.options.practice,
        speed: app.options.speed.unwrap_or(own),
    }
}

/// A clock command in the picker (`pause` switches practice and real time,
/// `faster` and `slower` change the speed). Returns whether it was one.
pub fn picker_command(app: &mut App, command: Command) -> bool {
    let Screen::Picker { selected } = app.screen else {
        return false;
    };
    let Some(id) = app.entries.get(selected).map(|e| e.id.clone()) else {
        return false;
    };
    let mut pace = chosen(app, selected);
    match command {
        Command::Pause => pace.practice = !pace.practice,
        Command::Faster | Command::Slower if pace.practice => {
            app.notice = Some(format!(
                "Practice mode has no speed: the clock moves when you act ({} switches to real time)",
                keys(app, Command::Pause)
            ));
            return true;
        }
        Command::Faster => pace.speed = (pace.speed * 2.0).clamp(SLOWEST, FASTEST),
        Command::Slower => pace.speed = (pace.speed / 2.0).clamp(SLOWEST, FASTEST),
        _ => return false,
    }
    app.notice = Some(format!("{id} starts in {}", words(pace)));
    app.paces.insert(id, pace);
    true
}

/// `real time at 2x`, or `practice mode (the clock moves when you act)`.
fn words(pace: Pace) -> String {
    if pace.practice {
        "practice mode (the clock moves when you act)".into()
    } else {
        format!("real time at {}x", format_number(pace.speed))
    }
}

fn keys(app: &App, command: Command) -> String {
    super::hints::keys_or_none(&app.config.keymap, Context::Picker, command)
}

/// The clock box under the support box: both modes in view, the chosen one
/// in brackets (so it reads without colour), and the keys that change it.
pub fn render(app: &App, selected: usize, f: &mut Frame, area: Rect) {
    let th = app.config.theme;
    let pace = chosen(app, selected);
    let mark = |on: bool, text: String| {
        if on {
            Span::styled(
                format!("[{text}]"),
                Style::new().fg(th.focus).add_modifier(Modifier::BOLD),
            )
        } else {
            Span::styled(text, Style::new().fg(th.dim))
        }
    };
    let line = Line::from(vec![
        mark(
            !pace.practice,
            format!("real time {}x", format_number(pace.speed)),
        ),
        Span::raw("  "),
        mark(pace.practice, "practice".into()),
    ]);
    let first = |c| app.config.keymap.first_key(Context::Picker, c);
    let speed = match (first(Command::Faster), first(Command::Slower)) {
        (Some(up), Some(down)) => format!(", {up}/{down} speed"),
        (Some(k), None) | (None, Some(k)) => format!(", {k} speed"),
        (None, None) => String::new(),
    };
    let title = format!(" Clock ({} switches{speed}) ", keys(app, Command::Pause));
    f.render_widget(Paragraph::new(line).block(block(&th, &title, false)), area);
}
