//! The player's working hypothesis being typed: one line, journaled for the
//! debrief on Enter, never applied to the game.

use super::Overlay;
use crate::tui::app::App;
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};

pub const HINT: &str = "type what you think is going on  Enter notes it  Esc cancels";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hypothesis {
    pub text: TextInput,
}

impl Hypothesis {
    /// Enter notes the hypothesis (an empty one is dropped), Esc cancels,
    /// the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc => None,
            KeyCode::Enter => {
                app.note_hypothesis(self.text.value());
                None
            }
            _ => {
                self.text.handle(key);
                Some(Overlay::Hypothesis(self))
            }
        }
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let lines = vec![
            Line::raw("What do you think is going on, and how sure are you?"),
            Line::raw("(\"the WAF rules changed, 70% sure\"): the debrief lists it"),
            Line::raw("beside what you had seen by then. The game goes on."),
            Line::raw(""),
        ];
        let inner = super::window(app, f, area, " Your hypothesis ", 72, 8);
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
