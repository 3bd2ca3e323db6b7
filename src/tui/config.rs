//! Keymap and theme: RON defaults shipped in `assets/`, merged with the
//! player's overrides from the config directory. A malformed override never
//! stops the game: the defaults stay and the problem is reported.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::BTreeMap;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");
const DEFAULT_THEME: &str = include_str!("../../assets/theme.ron");

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Reads `"q"`, `"ctrl-c"`, `"enter"`, `"f1"`...
    pub fn parse(s: &str) -> Option<Key> {
        let (ctrl, name) = match s.strip_prefix("ctrl-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, s),
        };
        let code = match name.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = name.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, ctrl })
    }

    /// How the help screen names the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".into(),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// Key names by action, per context.
type Table = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The keymap file: a section per context, each mapping actions to keys.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct KeymapFile {
    global: BTreeMap<String, Vec<String>>,
    pager: BTreeMap<String, Vec<String>>,
    dashboard: BTreeMap<String, Vec<String>>,
    chat: BTreeMap<String, Vec<String>>,
    story: BTreeMap<String, Vec<String>>,
    picker: BTreeMap<String, Vec<String>>,
}

impl KeymapFile {
    fn into_table(self) -> Table {
        [
            ("global", self.global),
            ("pager", self.pager),
            ("dashboard", self.dashboard),
            ("chat", self.chat),
            ("story", self.story),
            ("picker", self.picker),
        ]
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .map(|(k, m)| (k.to_string(), m))
        .collect()
    }
}

/// The theme file: colour names by role, all optional.
type ThemeFile = BTreeMap<String, String>;

/// Reads `( name: value, ... )` struct syntax into a map of names.
fn ron_struct<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron::Options::default().from_str(text)
}

/// The keymap: for each context, which keys trigger which action.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    contexts: BTreeMap<String, Vec<(String, Vec<Key>)>>,
}

impl Keymap {
    fn from_table(t: &Table) -> Keymap {
        let contexts = t
            .iter()
            .map(|(ctx, actions)| {
                (
                    ctx.clone(),
                    actions
                        .iter()
                        .map(|(a, keys)| {
                            (
                                a.clone(),
                                keys.iter().filter_map(|k| Key::parse(k)).collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        Keymap { contexts }
    }

    /// The action `key` triggers in `context`, if any.
    pub fn action(&self, context: &str, key: Key) -> Option<&str> {
        self.contexts
            .get(context)?
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| a.as_str())
    }

    /// The keys of an action, for hints and help: `q/Ctrl-c`.
    pub fn keys(&self, context: &str, action: &str) -> String {
        self.contexts
            .get(context)
            .and_then(|c| c.iter().find(|(a, _)| a == action))
            .map(|(_, keys)| keys.iter().map(Key::label).collect::<Vec<_>>().join("/"))
            .unwrap_or_default()
    }

    /// Every (action, keys) of a context, in file order, for the help screen.
    pub fn bindings(&self, context: &str) -> Vec<(String, String)> {
        self.contexts
            .get(context)
            .map(|c| {
                c.iter()
                    .map(|(a, keys)| {
                        (
                            a.clone(),
                            keys.iter().map(Key::label).collect::<Vec<_>>().join("/"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Colours of the screens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub text: Color,
    pub dim: Color,
    pub border: Color,
    pub focus: Color,
    pub title: Color,
    pub page: Color,
    pub page_text: Color,
    pub acked: Color,
    pub resolved: Color,
    pub ticket: Color,
    pub chat_name: Color,
    pub shell_prompt: Color,
    pub choice: Color,
    pub metric: Color,
    pub threshold: Color,
    pub paused: Color,
}

fn color(s: &str) -> Option<Color> {
    s.parse::<Color>().ok()
}

impl Theme {
    fn from_table(t: &BTreeMap<String, String>, base: Theme) -> (Theme, Vec<String>) {
        let mut th = base;
        let mut problems = Vec::new();
        for (k, v) in t {
            let Some(c) = color(v) else {
                problems.push(format!("theme: `{v}` is not a colour (for `{k}`)"));
                continue;
            };
            let slot = match k.as_str() {
                "text" => &mut th.text,
                "dim" => &mut th.dim,
                "border" => &mut th.border,
                "focus" => &mut th.focus,
                "title" => &mut th.title,
                "page" => &mut th.page,
                "page_text" => &mut th.page_text,
                "acked" => &mut th.acked,
                "resolved" => &mut th.resolved,
                "ticket" => &mut th.ticket,
                "chat_name" => &mut th.chat_name,
                "shell_prompt" => &mut th.shell_prompt,
                "choice" => &mut th.choice,
                "metric" => &mut th.metric,
                "threshold" => &mut th.threshold,
                "paused" => &mut th.paused,
                other => {
                    problems.push(format!("theme: `{other}` is not a theme colour"));
                    continue;
                }
            };
            *slot = c;
        }
        (th, problems)
    }
}

/// Used only if the shipped theme itself could not be read.
const FALLBACK_THEME: Theme = Theme {
    text: Color::Reset,
    dim: Color::Gray,
    border: Color::DarkGray,
    focus: Color::Cyan,
    title: Color::White,
    page: Color::Red,
    page_text: Color::White,
    acked: Color::Yellow,
    resolved: Color::Green,
    ticket: Color::Blue,
    chat_name: Color::LightBlue,
    shell_prompt: Color::Green,
    choice: Color::Yellow,
    metric: Color::Cyan,
    threshold: Color::Red,
    paused: Color::Yellow,
};

/// Other settings (`config.ron`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Ring the terminal bell on a new page.
    pub bell: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { bell: true }
    }
}

/// Everything the front end is configured with, and what went wrong reading it.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub settings: Settings,
    /// Problems with the player's files, shown on screen.
    pub problems: Vec<String>,
}

/// The user's override files, as text, when they exist.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub keymap: Option<(String, String)>,
    pub theme: Option<(String, String)>,
    pub settings: Option<(String, String)>,
}

/// A theme file is struct syntax, `(page: "red", ...)`; read it as a map by
/// turning the bare names into strings.
fn theme_file(text: &str) -> Result<ThemeFile, ron::error::SpannedError> {
    let value: ron::Value = ron_struct(text)?;
    let mut out = ThemeFile::new();
    if let ron::Value::Map(map) = value {
        for (k, v) in map.iter() {
            if let (ron::Value::String(k), ron::Value::String(v)) = (k, v) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(out)
}

fn ron_error(file: &str, e: &ron::error::SpannedError) -> String {
    format!(
        "{file}:{}:{}: {} (using the defaults instead)",
        e.span.start.line, e.span.start.col, e.code
    )
}

impl Config {
    /// The defaults merged with `overrides` (file name, text). Pure: the
    /// caller reads the files.
    pub fn load(overrides: &Overrides) -> Config {
        let mut problems = Vec::new();
        let mut table: Table = ron_struct::<KeymapFile>(DEFAULT_KEYMAP)
            .map(KeymapFile::into_table)
            .unwrap_or_default();
        if let Some((file, text)) = &overrides.keymap {
            match ron_struct::<KeymapFile>(text) {
                Ok(user) => {
                    for (ctx, actions) in user.into_table() {
                        let Some(known) = table.get_mut(&ctx) else {
                            problems.push(format!("{file}: `{ctx}` is not a keymap section"));
                            continue;
                        };
                        for (action, keys) in actions {
                            if !known.contains_key(&action) {
                                problems.push(format!(
                                    "{file}: `{action}` is not an action of `{ctx}`"
                                ));
                                continue;
                            }
                            if let Some(bad) = keys.iter().find(|k| Key::parse(k).is_none()) {
                                problems.push(format!(
                                    "{file}: `{bad}` is not a key name (for `{action}`)"
                                ));
                                continue;
                            }
                            known.insert(action, keys);
                        }
                    }
                }
                Err(e) => problems.push(ron_error(file, &e)),
            }
        }
        let base_theme: ThemeFile = theme_file(DEFAULT_THEME).unwrap_or_default();
        let (mut theme, _) = Theme::from_table(&base_theme, FALLBACK_THEME);
        if let Some((file, text)) = &overrides.theme {
            match theme_file(text) {
                Ok(user) => {
                    let (t, p) = Theme::from_table(&user, theme);
                    theme = t;
                    problems.extend(p.into_iter().map(|p| format!("{file}: {p}")));
                }
                Err(e) => problems.push(ron_error(file, &e)),
            }
        }
        let mut settings = Settings::default();
        if let Some((file, text)) = &overrides.settings {
            match ron::from_str::<Settings>(text) {
                Ok(s) => settings = s,
                Err(e) => problems.push(ron_error(file, &e)),
            }
        }
        Config {
            keymap: Keymap::from_table(&table),
            theme,
            settings,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_files_read_cleanly() {
        let t: Table = ron_struct::<KeymapFile>(DEFAULT_KEYMAP)
            .unwrap()
            .into_table();
        assert_eq!(t.len(), 6);
        for (ctx, actions) in &t {
            for (a, keys) in actions {
                for k in keys {
                    assert!(Key::parse(k).is_some(), "{ctx}.{a}: `{k}`");
                }
            }
        }
        let theme = theme_file(DEFAULT_THEME).unwrap();
        assert_eq!(theme.len(), 16);
        let (_, problems) = Theme::from_table(&theme, FALLBACK_THEME);
        assert!(problems.is_empty(), "{problems:?}");
        let c = Config::load(&Overrides::default());
        assert!(c.problems.is_empty());
        assert_eq!(
            c.keymap.action("global", Key::parse("q").unwrap()),
            Some("quit")
        );
    }

    #[test]
    fn overrides_merge_and_bad_ones_are_reported_not_fatal() {
        let o = Overrides {
            keymap: Some((
                "keymap.ron".into(),
                "(global: { \"quit\": [\"x\"], \"fly\": [\"f\"], \"help\": [\"no such key\"] })"
                    .into(),
            )),
            theme: Some((
                "theme.ron".into(),
                "(page: \"magenta\", focus: \"not-a-colour\")".into(),
            )),
            settings: Some(("config.ron".into(), "(bell: maybe)".into())),
        };
        let c = Config::load(&o);
        assert_eq!(
            c.keymap.action("global", Key::parse("x").unwrap()),
            Some("quit")
        );
        assert_eq!(c.keymap.action("global", Key::parse("q").unwrap()), None);
        assert_eq!(
            c.keymap.action("global", Key::parse("?").unwrap()),
            Some("help")
        );
        assert_eq!(c.theme.page, Color::Magenta);
        assert_eq!(c.theme.focus, Color::Cyan);
        assert!(c.settings.bell);
        assert_eq!(c.problems.len(), 4, "{:?}", c.problems);
        for bad in ["(global: {", "(nowhere: {})", "42"] {
            let broken = Config::load(&Overrides {
                keymap: Some(("keymap.ron".into(), bad.into())),
                ..Overrides::default()
            });
            assert_eq!(
                broken.keymap.action("global", Key::parse("q").unwrap()),
                Some("quit"),
                "{bad}"
            );
            assert!(
                broken.problems[0].starts_with("keymap.ron:1:"),
                "{:?}",
                broken.problems
            );
        }
    }
}
