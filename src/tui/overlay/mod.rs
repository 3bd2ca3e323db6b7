//! The windows over a screen: help, the quit question, the status and page
//! composers, the runbook list and a runbook, a mentor's note. Each lives in
//! its own module with what its keys do (`handle`) and how it draws
//! (`render`), as gitui's components do; `App` holds at most one and hands it
//! every key while it is up.

pub mod confirm;
pub mod docs;
pub mod feedback;
pub mod help;
pub mod hypothesis;
pub mod inject;
pub mod note;
pub mod page;
pub mod status;
pub mod whisper;

use super::app::App;
use super::config::Key;
use super::input::TextInput;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// A window over the current screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    Status(status::Status),
    PageSomeone(page::PageSomeone),
    Docs(docs::Docs),
    /// A runbook or log being read. Its fields are open because the game
    /// puts it up itself when a document is opened (`App::absorb`).
    Doc {
        title: String,
        text: String,
        scroll: usize,
    },
    Note(note::Note),
    /// The player's working hypothesis being typed.
    Hypothesis(hypothesis::Hypothesis),
    /// A note for the scenario's author about this moment.
    Feedback(feedback::Feedback),
    /// A watching mentor's whisper being typed.
    Whisper(whisper::Whisper),
    /// A watching mentor's list of the scenario's injects.
    Injects(inject::Injects),
}

impl Overlay {
    /// Takes a key; returns the window to show next, or `None` to close it.
    pub fn handle(self, key: Key, app: &mut App) -> Option<Overlay> {
        match self {
            // Any key closes the help.
            Overlay::Help => None,
            Overlay::ConfirmQuit => confirm::handle(key, app),
            Overlay::Status(s) => s.handle(key, app),
            Overlay::PageSomeone(p) => p.handle(key, app),
            Overlay::Docs(d) => d.handle(key, app),
            Overlay::Doc {
                title,
                text,
                scroll,
            } => docs::handle_doc(key, title, text, scroll),
            Overlay::Note(n) => n.handle(key, app),
            Overlay::Hypothesis(h) => h.handle(key, app),
            Overlay::Feedback(n) => n.handle(key, app),
            Overlay::Whisper(w) => w.handle(key, app),
            Overlay::Injects(i) => i.handle(key, app),
        }
    }

    /// Draws the window over `area`.
    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        match self {
            Overlay::Help => help::render(app, f, area),
            Overlay::ConfirmQuit => confirm::render(app, f, area),
            Overlay::Status(s) => s.render(app, f, area),
            Overlay::PageSomeone(p) => p.render(app, f, area),
            Overlay::Docs(d) => d.render(app, f, area),
            Overlay::Doc {
                title,
                text,
                scroll,
            } => docs::render_doc(app, title, text, *scroll, f, area),
            Overlay::Note(n) => n.render(app, f, area),
            Overlay::Hypothesis(h) => h.render(app, f, area),
            Overlay::Feedback(n) => n.render(app, f, area),
            Overlay::Whisper(w) => w.render(app, f, area),
            Overlay::Injects(i) => i.render(app, f, area),
        }
    }

    /// The hint bar while the window is up.
    pub fn hint(&self) -> &'static str {
        match self {
            Overlay::Help => help::HINT,
            Overlay::ConfirmQuit => confirm::HINT,
            Overlay::Status(_) => status::HINT,
            Overlay::PageSomeone(_) => page::HINT,
            Overlay::Docs(_) => docs::LIST_HINT,
            Overlay::Doc { .. } => docs::DOC_HINT,
            Overlay::Note(_) => note::HINT,
            Overlay::Hypothesis(_) => hypothesis::HINT,
            Overlay::Feedback(_) => feedback::HINT,
            Overlay::Whisper(_) => whisper::HINT,
            Overlay::Injects(_) => inject::HINT,
        }
    }

    /// The field being typed in, if the window has one (for pasting).
    pub fn field(&mut self) -> Option<&mut TextInput> {
        match self {
            Overlay::Status(s) => Some(&mut s.text),
            Overlay::PageSomeone(p) => Some(&mut p.text),
            Overlay::Note(n) => Some(&mut n.text),
            Overlay::Hypothesis(h) => Some(&mut h.text),
            // Typed into only once how the moment felt is picked.
            Overlay::Feedback(n) if n.kind.is_some() => Some(&mut n.text),
            Overlay::Feedback(_) => None,
            Overlay::Whisper(w) => Some(&mut w.text),
            Overlay::Help
            | Overlay::ConfirmQuit
            | Overlay::Docs(_)
            | Overlay::Doc { .. }
            | Overlay::Injects(_) => None,
        }
    }
}

/// Clears a window of at most `w`x`h` centred in `area`, draws its frame
/// and title, and returns the inside.
fn window(app: &App, f: &mut Frame, area: Rect, title: &str, w: u16, h: u16) -> Rect {
    let rect = super::view::centered(area, w, h);
    f.render_widget(Clear, rect);
    let frame = super::view::block(&app.config.theme, title, true);
    let inner = frame.inner(rect);
    f.render_widget(frame, rect);
    inner
}

/// Draws `text`, wrapped, inside a window.
fn text(f: &mut Frame, inner: Rect, text: Text<'static>) {
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

/// Draws `text` and, on the row after it, the field being typed in. The
/// text is short enough not to wrap, and is cut rather than push the field
/// out of sight.
fn text_and_field(f: &mut Frame, inner: Rect, text: Text<'static>, field: &TextInput) {
    let rows = u16::try_from(text.lines.len()).unwrap_or(u16::MAX);
    let [above, row, _] = Layout::vertical([
        Constraint::Max(rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(text), above);
    field.render(f, row, "> ", Style::new(), true);
}
