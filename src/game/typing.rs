//! The keys that edit a line being typed, shared by both front ends (the
//! terminal UI's fields and the plain game's prompt on a terminal), so a
//! key edits the same way wherever the player types. Editing itself is
//! `tui-input`'s; no terminal is touched here.

use ratatui::crossterm::event::KeyCode;
use tui_input::InputRequest;

/// The field's request for a key, or `None` when the key is not an editing
/// key (Enter, Esc, Tab, Up/Down, PgUp/PgDn, F-keys, Ctrl-C...).
pub fn request(code: KeyCode, ctrl: bool, alt: bool) -> Option<InputRequest> {
    use InputRequest::{
        DeleteFromStart, DeleteNextChar, DeleteNextWord, DeletePrevChar, DeletePrevWord,
        DeleteTillEnd, GoToEnd, GoToNextChar, GoToNextWord, GoToPrevChar, GoToPrevWord, GoToStart,
        InsertChar, Yank,
    };
    let req = match (code, ctrl, alt) {
        (KeyCode::Char(c), false, false) if !c.is_control() => InsertChar(c),
        (KeyCode::Left, false, false) | (KeyCode::Char('b'), true, false) => GoToPrevChar,
        (KeyCode::Right, false, false) | (KeyCode::Char('f'), true, false) => GoToNextChar,
        (KeyCode::Left, true, _) | (KeyCode::Left, _, true) | (KeyCode::Char('b'), false, true) => {
            GoToPrevWord
        }
        (KeyCode::Right, true, _)
        | (KeyCode::Right, _, true)
        | (KeyCode::Char('f'), false, true) => GoToNextWord,
        (KeyCode::Home, _, _) | (KeyCode::Char('a'), true, false) => GoToStart,
        (KeyCode::End, _, _) | (KeyCode::Char('e'), true, false) => GoToEnd,
        (KeyCode::Backspace, false, false) | (KeyCode::Char('h'), true, false) => DeletePrevChar,
        (KeyCode::Delete, false, false) | (KeyCode::Char('d'), true, false) => DeleteNextChar,
        (KeyCode::Backspace, _, true) | (KeyCode::Backspace, true, _) => DeletePrevWord,
        (KeyCode::Char('w'), true, false) => DeletePrevWord,
        (KeyCode::Char('d'), false, true) | (KeyCode::Delete, true, _) => DeleteNextWord,
        (KeyCode::Char('u'), true, false) => DeleteFromStart,
        (KeyCode::Char('k'), true, false) => DeleteTillEnd,
        (KeyCode::Char('y'), true, false) => Yank,
        _ => return None,
    };
    Some(req)
}

/// A pasted character as it goes into a line: line breaks and tabs become
/// spaces (a paste never runs a command by itself: Enter does, as with
/// bracketed paste in bash), and other control characters are dropped, so
/// nothing pasted may drive the terminal.
pub fn pasted(c: char) -> Option<char> {
    match c {
        '\r' | '\n' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}
