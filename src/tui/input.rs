//! One text field for every place the player types: the shell, the status
//! and page composers, mentor notes and the end-of-drill answers. Editing is
//! `tui-input`'s; this module decides which keys a field takes, cleans pasted
//! text, and draws the line with the terminal cursor where the typing goes.

use super::config::Key;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use tui_input::{Input, InputRequest};

/// A one-line text field with a cursor.
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    inner: Input,
}

// By hand: `Input` keeps a kill buffer that does not make two fields differ.
impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor moved.
    Changed,
    /// An editing key with nothing to do (Left at the start, Backspace on nothing).
    Unchanged,
    /// Not an editing key: the screen around the field handles it.
    NotMine,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> TextInput {
        TextInput {
            inner: Input::new(text.into()),
        }
    }

    /// A field holding `text`, the cursor `cursor` characters in.
    pub fn with_cursor(text: impl Into<String>, cursor: usize) -> TextInput {
        TextInput {
            inner: Input::new(text.into()).with_cursor(cursor),
        }
    }

    /// The text typed so far.
    pub fn value(&self) -> &str {
        self.inner.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.inner.cursor()
    }

    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// Replaces the text (history, completion), the cursor at its end.
    pub fn set(&mut self, text: impl Into<String>) {
        self.inner = Input::new(text.into());
    }

    /// Empties the field, returning what it held.
    pub fn take(&mut self) -> String {
        self.inner.value_and_reset()
    }

    /// Applies an editing key: characters, Left/Right, Home/End, Ctrl-A/E,
    /// Ctrl-B/F, word moves (Alt-B/F, Ctrl-Left/Right), Backspace/Delete and
    /// Ctrl-H, and the kills Ctrl-U/K/W, Alt-D, Alt-Backspace, Ctrl-Y.
    pub fn handle(&mut self, key: Key) -> Edit {
        let Some(request) = request(key) else {
            return Edit::NotMine;
        };
        match self.inner.handle(request) {
            Some(_) => Edit::Changed,
            None => Edit::Unchanged,
        }
    }

    /// Inserts pasted text at the cursor. Line breaks and tabs become spaces
    /// and other control characters are dropped: a field is one line, and
    /// nothing pasted may drive the terminal. Returns whether anything went in.
    pub fn paste(&mut self, text: &str) -> bool {
        let mut changed = false;
        for c in text.chars().filter_map(crate::game::typing::pasted) {
            changed |= self.inner.handle(InputRequest::InsertChar(c)).is_some();
        }
        changed
    }

    /// Draws `prompt` and the text on the one line `area`, scrolled so the
    /// cursor shows, and puts the terminal cursor there when `focused`.
    pub fn render(&self, f: &mut Frame, area: Rect, prompt: &str, style: Style, focused: bool) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        // Plain arithmetic: this runs every frame, and a layout solve is not needed.
        let prompt_width = u16::try_from(prompt.chars().count())
            .unwrap_or(u16::MAX)
            .min(area.width);
        let before = Rect {
            width: prompt_width,
            height: 1,
            ..area
        };
        let field = Rect {
            x: area.x + prompt_width,
            width: area.width - prompt_width,
            height: 1,
            ..area
        };
        f.render_widget(Paragraph::new(prompt).style(style), before);
        // One column is kept for the cursor after the last character.
        let width = usize::from(field.width.saturating_sub(1));
        let scroll = self.inner.visual_scroll(width);
        f.render_widget(
            Paragraph::new(self.value())
                .style(style)
                .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX))),
            field,
        );
        if focused && field.width > 0 {
            let column = self.inner.visual_cursor().saturating_sub(scroll);
            let x = field.x + u16::try_from(column).unwrap_or(0).min(field.width - 1);
            f.set_cursor_position(Position::new(x, field.y));
        }
    }
}

/// The field's request for a key (see [`crate::game::typing::request`]).
fn request(key: Key) -> Option<InputRequest> {
    crate::game::typing::request(key.code, key.ctrl, key.alt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn typed(keys: &[&str]) -> TextInput {
        let mut t = TextInput::default();
        for k in keys {
            match Key::parse(k) {
                Some(key) if k.chars().count() > 1 => {
                    t.handle(key);
                }
                _ => {
                    for c in k.chars() {
                        t.handle(Key::plain(KeyCode::Char(c)));
                    }
                }
            }
        }
        t
    }

    #[test]
    fn the_cursor_moves_and_typing_goes_there() {
        assert_eq!(typed(&["abc", "left", "X"]).value(), "abXc");
        assert_eq!(typed(&["abc", "home", "X", "end", "Y"]).value(), "XabcY");
        assert_eq!(
            typed(&["abc", "ctrl-a", "X", "ctrl-e", "Y"]).value(),
            "XabcY"
        );
        // Words are letters and digits, as in readline.
        let t = typed(&["df -h /var", "alt-b", "alt-b", "X"]);
        assert_eq!(t.value(), "df -Xh /var");
        let t = typed(&["df -h /var", "ctrl-left", "ctrl-right", "X"]);
        assert_eq!(t.value(), "df -h /varX");
    }

    #[test]
    fn kills_and_deletes() {
        assert_eq!(typed(&["abc def", "ctrl-w"]).value(), "abc ");
        assert_eq!(
            typed(&["abc def", "left", "left", "ctrl-k"]).value(),
            "abc d"
        );
        assert_eq!(typed(&["abc def", "left", "ctrl-u"]).value(), "f");
        assert_eq!(typed(&["abc", "home", "delete"]).value(), "bc");
        assert_eq!(typed(&["abc", "left", "backspace"]).value(), "ac");
        assert_eq!(typed(&["abc def", "ctrl-w", "ctrl-y"]).value(), "abc def");
    }

    #[test]
    fn non_editing_keys_are_left_to_the_screen() {
        let mut t = TextInput::new("x");
        for k in [
            "enter", "esc", "tab", "up", "down", "pageup", "f1", "ctrl-c",
        ] {
            assert_eq!(t.handle(Key::parse(k).unwrap()), Edit::NotMine, "{k}");
        }
        assert_eq!(t.handle(Key::parse("right").unwrap()), Edit::Unchanged);
        assert_eq!(t.handle(Key::parse("left").unwrap()), Edit::Changed);
    }

    #[test]
    fn paste_is_one_clean_line() {
        let mut t = TextInput::new("ab");
        t.handle(Key::plain(KeyCode::Left));
        assert!(t.paste("x\ny\t\x1b[2Jz"));
        assert_eq!(t.value(), "ax y [2Jzb");
        assert_eq!(t.cursor(), 9);
        assert!(!t.paste("\x07"));
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut t = TextInput::new("0123456789abcdef");
        let mut term = Terminal::new(TestBackend::new(10, 1)).unwrap();
        term.draw(|f| t.render(f, f.area(), "$ ", Style::new(), true))
            .unwrap();
        term.backend().assert_buffer_lines(["$ 9abcdef "]);
        term.backend_mut()
            .assert_cursor_position(Position::new(9, 0));
        t.handle(Key::plain(KeyCode::Home));
        term.draw(|f| t.render(f, f.area(), "$ ", Style::new(), true))
            .unwrap();
        term.backend().assert_buffer_lines(["$ 01234567"]);
        term.backend_mut()
            .assert_cursor_position(Position::new(2, 0));
    }
}
