//! A note for the scenario's author about the moment the player is at: it
//! felt real, felt fake or was confusing, and why, in one line. Journaled on
//! Enter, never applied to the game; `firedrill stats` gathers them.

use super::Overlay;
use crate::base::states::Feeling;
use crate::tui::app::App;
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};

pub const HINT: &str =
    "r felt real  f felt fake  c confusing  then say why  Enter notes it  Esc cancels";

/// The note being written: first how the moment felt, then why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feedback {
    pub kind: Option<Feeling>,
    pub text: TextInput,
}

impl Feedback {
    /// `r`, `f` or `c` picks how it felt; then Enter notes it (an empty
    /// one is dropped), Esc cancels, the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        let Some(kind) = self.kind else {
            self.kind = match key.code {
                KeyCode::Esc => return None,
                KeyCode::Char('r' | 'R') => Some(Feeling::Real),
                KeyCode::Char('f' | 'F') => Some(Feeling::Fake),
                KeyCode::Char('c' | 'C') => Some(Feeling::Confusing),
                _ => None,
            };
            return Some(Overlay::Feedback(self));
        };
        match key.code {
            KeyCode::Esc => None,
            KeyCode::Enter => {
                app.note_feedback(kind, self.text.value());
                None
            }
            _ => {
                self.text.handle(key);
                Some(Overlay::Feedback(self))
            }
        }
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let inner = super::window(app, f, area, " How did this moment feel? ", 72, 8);
        let Some(kind) = self.kind else {
            let lines = vec![
                Line::raw("Tell the scenario's author about the moment you are at:"),
                Line::raw(""),
                Line::raw("  r  it felt real        f  it felt fake"),
                Line::raw("  c  it was confusing    Esc  never mind"),
            ];
            super::text(f, inner, Text::from(lines));
            return;
        };
        let lines = vec![
            Line::raw(format!("This moment {}. What about it?", kind.phrase())),
            Line::raw("One line; the game goes on. Authors read it in `firedrill stats`."),
            Line::raw(""),
        ];
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
