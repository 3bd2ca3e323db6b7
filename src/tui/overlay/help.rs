//! The help screen: every key of the screen in view, from the keymap in
//! force and the commands' own words.

use crate::sim::Support;
use crate::tui::app::{App, Screen};
use crate::tui::command::{Command, Context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Text};

pub const HINT: &str = "any key closes this help";

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let inner = super::window(app, f, area, " Keys ", 72, 30);
    super::text(f, inner, help_text(app));
}

/// The help screen: every key of the screen in view, from the keymap in force.
fn help_text(app: &App) -> Text<'static> {
    let k = &app.config.keymap;
    let mut lines = Vec::new();
    let heading = |lines: &mut Vec<Line>, name: &str| {
        lines.push(Line::styled(
            name.to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    };
    let row = |lines: &mut Vec<Line>, keys: &str, what: &str| {
        lines.push(Line::raw(format!("  {keys:<18} {what}")));
    };
    // Each command's keys and words; the hint key as the game's support
    // level has it (nothing to ask for in guided, nothing to read in solo).
    let section = |lines: &mut Vec<Line>, name: &str, ctx: Context, support: Support| {
        heading(lines, name);
        for (command, keys) in k.bindings(ctx) {
            let keys = if keys.is_empty() {
                "(no key)".into()
            } else {
                keys
            };
            match (command, support) {
                (Command::Hint, Support::Solo) => {}
                (Command::Hint, Support::Guided) => {
                    row(lines, "(hints)", "guided: they appear on their own");
                }
                // In the picker, the same key chooses the next game's clock.
                (Command::Pause, _) if ctx == Context::Picker => {
                    row(lines, &keys, "the next game: real time or practice");
                }
                _ => row(lines, &keys, command.doc()),
            }
        }
    };
    let usual = Support::default();
    if app.review.is_some() {
        section(&mut lines, "Review", Context::Review, usual);
    } else if app.watch.is_some() {
        section(&mut lines, "Watching (read-only)", Context::Watch, usual);
    } else {
        match &app.screen {
            Screen::Picker { .. } => section(&mut lines, "Scenarios", Context::Picker, usual),
            Screen::End(_) => {
                row(&mut lines, "Enter", "back to the scenarios");
                row(&mut lines, "Up/Down, j/k", "scroll a row");
                row(&mut lines, "PgUp/PgDn", "scroll a screen");
                row(&mut lines, "Home/End", "the top, the bottom");
            }
            Screen::Play(g) => {
                let support = g.sim().support();
                let global = "Anywhere (outside the shell)";
                section(&mut lines, global, Context::Global, support);
                row(&mut lines, "1-9", "take that choice of the story");
                if let Some(ctx) = g.focus.context() {
                    section(&mut lines, &format!("In the {}", ctx.name()), ctx, support);
                } else {
                    heading(&mut lines, "In the shell");
                    for (keys, what) in SHELL_KEYS {
                        row(&mut lines, keys, what);
                    }
                }
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Any key closes this help. Keys can be changed: docs/player-guide.md",
        Style::new().fg(app.config.theme.dim),
    ));
    Text::from(lines)
}

/// The keys of the shell's line (and of every field typed in). They are the
/// editing keys every terminal program shares, so the keymap does not move them.
const SHELL_KEYS: [(&str, &str); 12] = [
    ("(typing)", "the command line; Enter runs it"),
    (
        "Left/Right",
        "move in the line (Alt-b/f, Ctrl-Left/Right: a word)",
    ),
    ("Home/End", "start / end of the line (also Ctrl-a / Ctrl-e)"),
    (
        "Ctrl-u/k/w",
        "delete to the start / to the end / a word back",
    ),
    ("Tab", "complete (twice: list the ways to go on)"),
    ("Up/Down", "command history"),
    ("Ctrl-r", "search the history (Enter keeps, Esc drops)"),
    ("Ctrl-c", "drop the line (never leaves the drill)"),
    ("Ctrl-l", "clear the pane"),
    ("(paste)", "goes in as one line; Enter runs it"),
    ("PgUp/PgDn", "scroll the output"),
    ("Esc", "leave the shell (then the keys above work)"),
];
