//! Paging a colleague: pick who, say why.

use super::Overlay;
use crate::sim::Action;
use crate::tui::app::{App, Screen};
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Text};

pub const HINT: &str = "Up/Down person  type the message  Enter pages  Esc cancels";

/// Who (an index into the pageable people) and the message typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageSomeone {
    pub person: usize,
    pub text: TextInput,
}

impl PageSomeone {
    /// Up/Down (Tab) pick who, Enter pages, Esc cancels, the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        let people = app.pageable();
        let n = people.len().max(1);
        match key.code {
            KeyCode::Esc => return None,
            KeyCode::Up | KeyCode::BackTab => self.person = (self.person + n - 1) % n,
            KeyCode::Down | KeyCode::Tab => self.person = (self.person + 1) % n,
            KeyCode::Enter if self.text.value().trim().is_empty() => {
                app.notice = Some("Say why you are paging them".into());
            }
            KeyCode::Enter => {
                if let Some((name, _)) = people.get(self.person) {
                    let text = self.text.value().trim().to_string();
                    app.apply(Action::Page(name.clone(), text));
                }
                return None;
            }
            _ => {
                self.text.handle(key);
            }
        }
        Some(Overlay::PageSomeone(self))
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let th = app.config.theme;
        let mut lines = vec![Line::raw("Page a colleague with a message.")];
        if let Screen::Play(g) = &app.screen {
            let people = g.sim().scenario().people.iter().filter(|p| p.pageable);
            for (i, p) in people.enumerate() {
                let chosen = i == self.person;
                let mark = if chosen { ">" } else { " " };
                let style = if chosen {
                    Style::new().fg(th.focus)
                } else {
                    Style::new()
                };
                lines.push(Line::styled(
                    format!(" {mark} {} ({})", p.full_name, p.role),
                    style,
                ));
            }
        }
        lines.push(Line::raw(""));
        let inner = super::window(app, f, area, " Page someone ", 64, 14);
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
