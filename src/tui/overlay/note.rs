//! A mentor's note being typed, to pin to the moment under review.

use super::Overlay;
use crate::sim::eval::format_offset;
use crate::tui::app::App;
use crate::tui::config::Key;
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};

pub const HINT: &str = "type the note  Enter pins it here  Esc cancels";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Note {
    pub text: TextInput,
    /// The reviewer's own note being edited (an index into the review's
    /// notes); `None`: a new note.
    pub editing: Option<usize>,
}

impl Note {
    /// One of the reviewer's notes, its words ready to change.
    pub fn editing(i: usize, text: &str) -> Note {
        Note {
            text: TextInput::new(text),
            editing: Some(i),
        }
    }

    /// Enter pins the note (an empty one is dropped), Esc cancels, the rest types.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        match key.code {
            KeyCode::Esc => None,
            KeyCode::Enter => {
                app.pin_note(self.text.value().trim(), self.editing);
                None
            }
            _ => {
                self.text.handle(key);
                Some(Overlay::Note(self))
            }
        }
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let at = app.review.as_ref().map_or(0, |r| r.at);
        let what = if self.editing.is_some() {
            "Your note at {at}: change its words (Enter keeps them)."
        } else {
            "A note for {at}: it shows in the debrief at this moment."
        };
        let lines = vec![
            Line::raw(what.replace("{at}", &format_offset(at))),
            Line::raw(""),
        ];
        let inner = super::window(app, f, area, " Mentor note ", 64, 7);
        super::text_and_field(f, inner, Text::from(lines), &self.text);
    }
}
