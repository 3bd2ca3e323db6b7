//! The status-page composer: pick the state, write what customers read.

use super::Overlay;
use crate::lang::ast::StatusState;
use crate::sim::Action;
use crate::tui::app::App;
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Text};

pub const HINT: &str = "Up/Down state  type the text  Enter posts  Esc cancels";

pub const STATUS_STATES: [StatusState; 4] = [
    StatusState::Investigating,
    StatusState::Identified,
    StatusState::Monitoring,
    StatusState::Resolved,
];

/// The chosen state (an index into [`STATUS_STATES`]) and the text typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    pub state: usize,
    pub text: TextInput,
}

impl Status {
    /// Up/Down (Tab) pick the state, Enter posts, Esc cancels, the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        let n = STATUS_STATES.len();
        match key.code {
            KeyCode::Esc => return None,
            KeyCode::Up | KeyCode::BackTab => self.state = (self.state + n - 1) % n,
            KeyCode::Down | KeyCode::Tab => self.state = (self.state + 1) % n,
            KeyCode::Enter if self.text.value().trim().is_empty() => {
                app.notice = Some("Write what customers should read first".into());
            }
            KeyCode::Enter => {
                let text = self.text.value().trim().to_string();
                app.apply(Action::Status(STATUS_STATES[self.state], text));
                return None;
            }
            _ => {
                self.text.handle(key);
            }
        }
        Some(Overlay::Status(self))
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let th = app.config.theme;
        let mut lines = vec![Line::raw("Post an update to the public status page.")];
        for (i, s) in STATUS_STATES.iter().enumerate() {
            let chosen = i == self.state;
            let mark = if chosen { "(*)" } else { "( )" };
            let style = if chosen {
                Style::new().fg(th.focus)
            } else {
                Style::new()
            };
            lines.push(Line::styled(
                format!(" {mark} {}", format!("{s:?}").to_lowercase()),
                style,
            ));
        }
        lines.push(Line::raw(""));
        let inner = super::window(app, f, area, " Status page ", 64, 10);
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
