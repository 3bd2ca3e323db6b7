//! The runbooks and logs: the list, and one of them open.

use super::Overlay;
use crate::sim::Action;
use crate::tui::app::{App, Screen};
use crate::tui::config::Key;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text};

pub const LIST_HINT: &str = "Up/Down select  Enter opens  Esc closes";
pub const DOC_HINT: &str = "Up/Down/PgUp/PgDn scroll  Esc closes";

/// The list of the scenario's runbooks and logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub selected: usize,
}

impl Docs {
    /// Up/Down select, Enter opens (the game then shows the document).
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        let docs: Vec<String> = match &app.screen {
            Screen::Play(g) => g
                .sim()
                .scenario()
                .docs
                .iter()
                .map(|d| d.name.clone())
                .collect(),
            _ => Vec::new(),
        };
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return None,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(docs.len().saturating_sub(1));
            }
            KeyCode::Enter => {
                let name = docs.get(self.selected)?;
                // Opening it puts the document up (see `App::absorb`).
                app.apply(Action::Open(name.clone()));
                return app.overlay.take();
            }
            _ => {}
        }
        Some(Overlay::Docs(self))
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let th = app.config.theme;
        let mut lines = Vec::new();
        if let Screen::Play(g) = &app.screen {
            for (i, d) in g.sim().scenario().docs.iter().enumerate() {
                let kind = match d.kind {
                    crate::scenario::DocKind::Runbook => "runbook",
                    crate::scenario::DocKind::Log => "log",
                };
                let style = if i == self.selected {
                    Style::new().fg(th.focus).add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                lines.push(Line::styled(format!(" {kind:<8} {}", d.title), style));
            }
        }
        if lines.is_empty() {
            lines.push(Line::raw("This scenario has no runbooks or logs."));
        }
        let inner = super::window(app, f, area, " Runbooks and logs ", 64, 12);
        super::text(f, inner, Text::from(lines));
    }
}

/// A runbook or log being read (`Overlay::Doc`): scroll, or close.
pub fn handle_doc(key: Key, title: String, text: String, scroll: usize) -> Option<Overlay> {
    let max = text.lines().count().saturating_sub(1);
    let scroll = match key.code {
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => return None,
        KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => (scroll + 1).min(max),
        KeyCode::PageDown | KeyCode::Char(' ') => (scroll + 10).min(max),
        KeyCode::PageUp => scroll.saturating_sub(10),
        _ => scroll,
    };
    Some(Overlay::Doc {
        title,
        text,
        scroll,
    })
}

/// Draws a runbook or log from line `scroll` on.
pub fn render_doc(app: &App, title: &str, text: &str, scroll: usize, f: &mut Frame, area: Rect) {
    let lines: Vec<Line> = text
        .lines()
        .skip(scroll)
        .map(|l| Line::raw(l.to_string()))
        .collect();
    let inner = super::window(app, f, area, &format!(" {title} "), 96, 40);
    super::text(f, inner, Text::from(lines));
}
