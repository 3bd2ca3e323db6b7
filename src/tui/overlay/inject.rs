//! The scenario's injects, in the watcher: pick one to fire in the
//! player's game. Those already fired are marked (a second firing is
//! refused by the game, saying when the first was).

use super::Overlay;
use crate::game::buddy::Request;
use crate::scenario::InjectId;
use crate::sim::eval::format_offset;
use crate::tui::app::App;
use crate::tui::config::Key;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text};

pub const HINT: &str = "Up/Down select  Enter fires it  Esc closes";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Injects {
    pub selected: usize,
}

impl Injects {
    /// Up/Down select, Enter fires the selected inject, Esc closes.
    pub fn handle(mut self, key: Key, app: &mut App) -> Option<Overlay> {
        let names: Vec<String> = app
            .watched_sim()
            .map(|s| {
                s.scenario()
                    .injects
                    .iter()
                    .map(|i| i.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return None,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(names.len().saturating_sub(1));
            }
            KeyCode::Enter => {
                let name = names.get(self.selected)?;
                app.request(
                    Request::Inject(name.clone()),
                    &format!("Inject `{name}` sent."),
                );
                return None;
            }
            _ => {}
        }
        Some(Overlay::Injects(self))
    }

    pub fn render(&self, app: &App, f: &mut Frame, area: Rect) {
        let th = app.config.theme;
        let mut lines = vec![
            Line::raw("Fire one in the player's game (each fires once a game):"),
            Line::raw(""),
        ];
        if let Some(sim) = app.watched_sim() {
            for (i, inj) in sim.scenario().injects.iter().enumerate() {
                let fired = sim
                    .injected_at(InjectId(i))
                    .map(|at| format!("  (fired {})", format_offset(at)))
                    .unwrap_or_default();
                let text = crate::base::printable::printable(&format!(
                    "{} {}: {}{fired}",
                    if i == self.selected { ">" } else { " " },
                    inj.name,
                    inj.title
                ));
                let style = if i == self.selected {
                    Style::new().fg(th.focus).add_modifier(Modifier::BOLD)
                } else if fired.is_empty() {
                    Style::new()
                } else {
                    Style::new().fg(th.dim)
                };
                lines.push(Line::styled(text, style));
            }
        }
        let inner = super::window(app, f, area, " Injects ", 72, 14);
        super::text(f, inner, Text::from(lines));
    }
}
