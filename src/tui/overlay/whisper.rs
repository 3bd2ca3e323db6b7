//! A whisper being typed in the watcher: a hint in the mentor's own words,
//! sent to the player's game on Enter.

use super::Overlay;
use crate::game::buddy::Request;
use crate::tui::app::App;
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};

pub const HINT: &str = "type the whisper  Enter sends it  Esc cancels";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Whisper {
    pub text: TextInput,
}

impl Whisper {
    /// Enter sends the whisper (an empty one is dropped), Esc cancels, the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc => None,
            KeyCode::Enter => {
                let text = self.text.value().trim().to_string();
                if text.is_empty() {
                    app.notice = Some("Nothing to whisper: nothing was sent.".into());
                } else {
                    app.request(Request::Whisper(text), "Whisper sent.");
                }
                None
            }
            _ => {
                self.text.handle(key);
                Some(Overlay::Whisper(self))
            }
        }
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let lines = vec![
            Line::raw("A hint in your words: the player sees it in the story pane,"),
            Line::raw("marked as your whisper; the transcript keeps it with your name."),
            Line::raw(""),
        ];
        let inner = super::window(app, f, area, " Whisper to the player ", 72, 8);
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
