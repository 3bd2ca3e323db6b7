//! "Leave the drill?": `q` on the play screen asks first.

use super::Overlay;
use crate::tui::app::App;
use crate::tui::config::Key;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Text;

pub const HINT: &str = "y or Enter quits; any other key goes back";

/// `y`, `q` or Enter quit; any other key goes back to the game. Ctrl-C
/// never gets here (`App::overlay_key` closes the window on it): it never
/// leaves the drill.
pub fn handle(key: Key, app: &mut App) -> Option<Overlay> {
    if !key.ctrl && matches!(key.code, KeyCode::Char('y' | 'Y' | 'q') | KeyCode::Enter) {
        app.quit = true;
    }
    None
}

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let inner = super::window(app, f, area, " Quit? ", 44, 5);
    super::text(
        f,
        inner,
        Text::raw("Leave the drill? y or Enter quits; any other key goes back."),
    );
}
