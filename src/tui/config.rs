//! Keymap and theme: RON defaults shipped in `assets/`, merged with the
//! player's overrides from the config directory. A malformed override never
//! stops the game: the defaults stay and the problem is reported.

use super::command::{Command, Context};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");
const DEFAULT_THEME: &str = include_str!("../../assets/theme.ron");

/// One key with its modifiers (Shift is in the character itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// A key with no Control or Alt.
    pub fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Reads `"q"`, `"ctrl-c"`, `"alt-b"`, `"enter"`, `"f1"`...
    pub fn parse(s: &str) -> Option<Key> {
        let mut key = Key::plain(KeyCode::Null);
        let mut name = s;
        loop {
            if let Some(rest) = name.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                key.ctrl = true;
                name = rest;
            } else if let Some(rest) = name.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                key.alt = true;
                name = rest;
            } else {
                break;
            }
        }
        key.code = key_code(name)?;
        Some(key)
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
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".into(),
        };
        let ctrl = if self.ctrl { "Ctrl-" } else { "" };
        let alt = if self.alt { "Alt-" } else { "" };
        format!("{ctrl}{alt}{base}")
    }
}

/// A key's name without modifiers: `q`, `enter`, `f1`.
fn key_code(name: &str) -> Option<KeyCode> {
    Some(match name.to_ascii_lowercase().as_str() {
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
        "delete" | "del" => KeyCode::Delete,
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
    })
}

/// The keymap file as written: a section per context, each mapping action
/// names to key names. Names stay strings here so that one misspelt action
/// is reported on its own instead of rejecting the whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct KeymapFile {
    global: BTreeMap<String, Vec<String>>,
    pager: BTreeMap<String, Vec<String>>,
    dashboard: BTreeMap<String, Vec<String>>,
    chat: BTreeMap<String, Vec<String>>,
    story: BTreeMap<String, Vec<String>>,
    picker: BTreeMap<String, Vec<String>>,
    review: BTreeMap<String, Vec<String>>,
    watch: BTreeMap<String, Vec<String>>,
}

impl KeymapFile {
    /// The sections, by context.
    fn sections(self) -> [(Context, BTreeMap<String, Vec<String>>); 8] {
        [
            (Context::Global, self.global),
            (Context::Pager, self.pager),
            (Context::Dashboard, self.dashboard),
            (Context::Chat, self.chat),
            (Context::Story, self.story),
            (Context::Picker, self.picker),
            (Context::Review, self.review),
            (Context::Watch, self.watch),
        ]
    }
}

/// The theme file: colour names by role, all optional.
type ThemeFile = BTreeMap<String, String>;

/// Reads `( name: value, ... )` struct syntax into a map of names.
fn ron_struct<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron::Options::default().from_str(text)
}

/// The keymap in force: for each context, which keys trigger which command.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: BTreeMap<Context, BTreeMap<Command, Vec<Key>>>,
    /// Default keys the player's file took away from a command, so that
    /// pressing one can say where the command went.
    moved: HashMap<(Context, Key), Command>,
}

impl Keymap {
    /// The shipped keys. The file is checked by a test; nothing in it is reported.
    fn defaults() -> Keymap {
        let mut keymap = Keymap::default();
        if let Ok(defaults) = ron_struct::<KeymapFile>(DEFAULT_KEYMAP) {
            for (context, section) in defaults.sections() {
                keymap.apply("", context, section);
            }
            keymap.moved.clear();
        }
        keymap
    }

    /// The command `key` triggers in `context`, if any.
    pub fn command(&self, context: Context, key: Key) -> Option<Command> {
        self.bindings
            .get(&context)?
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(c, _)| *c)
    }

    /// The keys bound to a command.
    pub fn keys_of(&self, context: Context, command: Command) -> &[Key] {
        self.bindings
            .get(&context)
            .and_then(|c| c.get(&command))
            .map_or(&[], Vec::as_slice)
    }

    /// The keys of a command, for hints and help: `q/Ctrl-c` (empty if unbound).
    pub fn keys(&self, context: Context, command: Command) -> String {
        self.keys_of(context, command)
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of a command, where a hint names a pair: `Up/Down`.
    pub fn first_key(&self, context: Context, command: Command) -> Option<String> {
        self.keys_of(context, command).first().map(Key::label)
    }

    /// Every command of a context with its keys, in help order.
    pub fn bindings(&self, context: Context) -> Vec<(Command, String)> {
        context
            .commands()
            .iter()
            .map(|c| (*c, self.keys(context, *c)))
            .collect()
    }

    /// The command a default key had before the player's keymap moved it.
    pub fn moved(&self, context: Context, key: Key) -> Option<Command> {
        self.moved.get(&(context, key)).copied()
    }

    /// Binds `command` to `keys` in `context`, remembering defaults it drops.
    fn bind(&mut self, context: Context, command: Command, keys: Vec<Key>) {
        let section = self.bindings.entry(context).or_default();
        if let Some(old) = section.get(&command) {
            for k in old.iter().filter(|k| !keys.contains(k)) {
                self.moved.insert((context, *k), command);
            }
        }
        for k in &keys {
            self.moved.remove(&(context, *k));
        }
        section.insert(command, keys);
    }

    /// Keys bound to two commands of one section, as warnings: the first
    /// command in help order gets the key.
    fn clashes(&self, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (context, section) in &self.bindings {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for (command, keys) in section {
                for key in keys {
                    match seen.iter().find(|(k, _)| k == key) {
                        Some((_, first)) => out.push(format!(
                            "{file}: `{}` is bound to both `{}` and `{}` in `{}`; `{}` gets it",
                            key.label(),
                            first.name(),
                            command.name(),
                            context.name(),
                            first.name()
                        )),
                        None => seen.push((*key, *command)),
                    }
                }
            }
        }
        out
    }

    /// Keys of the play screen's `global` section that a pane's section, or
    /// a story choice (1 to 9), takes first, as warnings.
    fn shadowed(&self, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Some(global) = self.bindings.get(&Context::Global) else {
            return out;
        };
        for (command, keys) in global {
            for key in keys {
                if self.command(Context::Global, *key) != Some(*command) {
                    continue; // a clash in the section itself, reported already
                }
                if is_choice_digit(*key) {
                    out.push(format!(
                        "{file}: `{}` takes a story choice on the play screen, so `{}` in `global` never gets it",
                        key.label(),
                        command.name()
                    ));
                }
                for pane in PANE_SECTIONS {
                    if let Some(first) = self.command(pane, *key) {
                        out.push(format!(
                            "{file}: `{}` is bound to `{}` in `global` and to `{}` in `{}`; in the {} pane `{}` gets it",
                            key.label(),
                            command.name(),
                            first.name(),
                            pane.name(),
                            pane.name(),
                            first.name()
                        ));
                    }
                }
            }
        }
        out
    }

    /// Whether `key` triggers `quit` of `context` on its screen: no section
    /// looked at first (`before`) and no other command there takes it.
    fn leaves(&self, context: Context, before: &[Context], key: Key) -> bool {
        self.command(context, key) == Some(Command::Quit)
            && self.unclaimed(context, before, key, Command::Quit)
    }

    /// Whether nothing but `except` has `key` on the screen of `context`.
    fn unclaimed(&self, context: Context, before: &[Context], key: Key, except: Command) -> bool {
        let taken = |c: Context| {
            self.command(c, key)
                .is_some_and(|cmd| c != context || cmd != except)
        };
        !taken(context)
            && before.iter().all(|c| self.command(*c, key).is_none())
            && !(context == Context::Global && is_choice_digit(key))
    }

    /// Gives `quit` back its default keys on any screen the player's file
    /// left without a way out, taking them from other commands only when
    /// none is free; returns the warnings.
    fn keep_ways_out(&mut self, defaults: &Keymap, file: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (context, screen, before) in WAYS_OUT {
            let keys = self.keys_of(context, Command::Quit).to_vec();
            if keys.iter().any(|k| self.leaves(context, before, *k)) {
                continue;
            }
            let defaults = defaults.keys_of(context, Command::Quit).to_vec();
            let free: Vec<Key> = defaults
                .iter()
                .copied()
                .filter(|k| self.unclaimed(context, before, *k, Command::Quit))
                .collect();
            let mut taken_from = Vec::new();
            let back = if free.is_empty() {
                for key in &defaults {
                    for lost in self.unbind(context, before, *key) {
                        if !taken_from.contains(&lost) {
                            taken_from.push(lost);
                        }
                    }
                }
                defaults
            } else {
                free
            };
            let mut quit = keys;
            quit.retain(|k| !back.contains(k));
            quit.extend(&back);
            for k in &back {
                self.moved.remove(&(context, *k));
            }
            self.bindings
                .entry(context)
                .or_default()
                .insert(Command::Quit, quit);
            let names = back.iter().map(Key::label).collect::<Vec<_>>().join("/");
            let from = if taken_from.is_empty() {
                String::new()
            } else {
                format!(" (taken back from {})", taken_from.join(", "))
            };
            out.push(format!(
                "{file}: no key would leave {screen}, so {names} quits there again{from}"
            ));
        }
        out
    }

    /// Takes `key` away from every command on the screen of `context`;
    /// returns which lost it, as `` `wait` in `global` ``.
    fn unbind(&mut self, context: Context, before: &[Context], key: Key) -> Vec<String> {
        let mut lost = Vec::new();
        for section in std::iter::once(context).chain(before.iter().copied()) {
            let Some(commands) = self.bindings.get_mut(&section) else {
                continue;
            };
            for (command, keys) in commands.iter_mut() {
                if keys.contains(&key) && *command != Command::Quit {
                    keys.retain(|k| *k != key);
                    lost.push(format!("`{}` in `{}`", command.name(), section.name()));
                }
            }
        }
        lost
    }

    /// Takes in one section of a keymap file; returns what was wrong with it.
    /// A bad entry keeps its default keys; the rest still applies.
    fn apply(
        &mut self,
        file: &str,
        context: Context,
        section: BTreeMap<String, Vec<String>>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, keys) in section {
            let command = name
                .parse::<Command>()
                .ok()
                .filter(|c| context.commands().contains(c));
            let Some(command) = command else {
                problems.push(unknown_action(file, context, &name));
                continue;
            };
            let parsed: Option<Vec<Key>> = keys.iter().map(|k| Key::parse(k)).collect();
            if let Some(parsed) = parsed {
                self.bind(context, command, parsed);
            } else {
                let bad = keys.iter().find(|k| Key::parse(k).is_none());
                problems.push(format!(
                    "{file}: `{}` is not a key name (for `{name}` in `{}`; its default keys stay)",
                    bad.map_or("", String::as_str),
                    context.name()
                ));
            }
        }
        problems
    }
}

/// The sections of the play screen's panes, whose keys come before the
/// `global` section's (the shell takes typing; Esc leaves it).
const PANE_SECTIONS: [Context; 4] = [
    Context::Pager,
    Context::Dashboard,
    Context::Chat,
    Context::Story,
];

/// Each screen whose way out the keymap decides: the section of its `quit`,
/// the screen in words, and the sections its keys go to first. (Windows
/// over a screen close with Esc, the end screen with Enter: fixed keys.)
const WAYS_OUT: [(Context, &str, &[Context]); 4] = [
    (Context::Picker, "the scenario picker", &[]),
    (Context::Global, "the play screen", &PANE_SECTIONS),
    (Context::Review, "review", &[]),
    (Context::Watch, "the watcher", &[]),
];

/// 1 to 9 take a story choice on the play screen before `global` is asked.
fn is_choice_digit(key: Key) -> bool {
    !key.ctrl && !key.alt && matches!(key.code, KeyCode::Char('1'..='9'))
}

/// The warning for an action name a section does not have, with the
/// nearest name it does have.
fn unknown_action(file: &str, context: Context, name: &str) -> String {
    let names = context.commands().iter().map(|c| c.name());
    let hint = match crate::lang::diagnostic::closest(name, names) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "it has: {}",
            context
                .commands()
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "{file}: `{name}` is not an action of `{}` ({hint}); ignored",
        context.name()
    )
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
        let defaults = Keymap::defaults();
        let mut keymap = defaults.clone();
        if let Some((file, text)) = &overrides.keymap {
            match ron_struct::<KeymapFile>(text) {
                Ok(user) => {
                    for (context, section) in user.sections() {
                        problems.extend(keymap.apply(file, context, section));
                    }
                    problems.extend(keymap.clashes(file));
                    problems.extend(keymap.shadowed(file));
                    problems.extend(keymap.keep_ways_out(&defaults, file));
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
            keymap,
            theme,
            settings,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn the_shipped_files_read_cleanly() {
        let file = ron_struct::<KeymapFile>(DEFAULT_KEYMAP).unwrap();
        let mut keymap = Keymap::default();
        for (context, section) in file.sections() {
            assert!(!section.is_empty(), "{context:?} has no keys");
            let problems = keymap.apply("assets/keymap.ron", context, section);
            assert!(problems.is_empty(), "{problems:?}");
            for c in context.commands() {
                assert!(
                    !keymap.keys_of(context, *c).is_empty(),
                    "{context:?}.{c:?} has no default key"
                );
            }
        }
        assert!(keymap.clashes("").is_empty(), "{:?}", keymap.clashes(""));
        let theme = theme_file(DEFAULT_THEME).unwrap();
        assert_eq!(theme.len(), 16);
        let (_, problems) = Theme::from_table(&theme, FALLBACK_THEME);
        assert!(problems.is_empty(), "{problems:?}");
        let c = Config::load(&Overrides::default());
        assert!(c.problems.is_empty());
        assert_eq!(
            c.keymap.command(Context::Global, key("q")),
            Some(Command::Quit)
        );
        assert_eq!(
            c.keymap.keys(Context::Picker, Command::Quit),
            "q/Esc/Ctrl-c"
        );
    }

    #[test]
    fn keys_read_with_their_modifiers() {
        let k = key("ctrl-alt-b");
        assert!(k.ctrl && k.alt && k.code == KeyCode::Char('b'));
        assert_eq!(k.label(), "Ctrl-Alt-b");
        assert_eq!(key("delete").label(), "Delete");
        assert!(Key::parse("ctrl-").is_none());
        assert_eq!(key("ctrl--").code, KeyCode::Char('-'));
        assert!(Key::parse("nope").is_none());
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
            c.keymap.command(Context::Global, key("x")),
            Some(Command::Quit)
        );
        assert_eq!(c.keymap.command(Context::Global, key("q")), None);
        assert_eq!(
            c.keymap.moved(Context::Global, key("q")),
            Some(Command::Quit)
        );
        assert_eq!(
            c.keymap.command(Context::Global, key("?")),
            Some(Command::Help)
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
                broken.keymap.command(Context::Global, key("q")),
                Some(Command::Quit),
                "{bad}"
            );
            assert!(
                broken.problems[0].starts_with("keymap.ron:1:"),
                "{:?}",
                broken.problems
            );
        }
    }

    #[test]
    fn a_misspelt_action_is_named_with_the_nearest_one_and_the_rest_applies() {
        let c = Config::load(&Overrides {
            keymap: Some((
                "/home/p/.config/firedrill/keymap.ron".into(),
                "(pager: { \"resolv\": [\"x\"], \"silence\": [\"z\"], \"play\": [\"p\"] })".into(),
            )),
            ..Overrides::default()
        });
        assert_eq!(
            c.problems,
            vec![
                "/home/p/.config/firedrill/keymap.ron: `play` is not an action of `pager` \
                 (it has: up, down, ack, resolve, silence, escalate); ignored"
                    .to_string(),
                "/home/p/.config/firedrill/keymap.ron: `resolv` is not an action of `pager` \
                 (did you mean `resolve`?); ignored"
                    .to_string(),
            ]
        );
        let k = &c.keymap;
        assert_eq!(k.command(Context::Pager, key("r")), Some(Command::Resolve));
        let clash = Config::load(&Overrides {
            keymap: Some((
                "keymap.ron".into(),
                "(pager: { \"resolve\": [\"s\"] })".into(),
            )),
            ..Overrides::default()
        });
        assert_eq!(
            clash.problems,
            vec![
                "keymap.ron: `s` is bound to both `resolve` and `silence` in `pager`; `resolve` gets it"
                    .to_string()
            ]
        );
        assert_eq!(
            clash.keymap.command(Context::Pager, key("s")),
            Some(Command::Resolve)
        );
        assert_eq!(k.command(Context::Pager, key("z")), Some(Command::Silence));
        assert_eq!(k.command(Context::Pager, key("s")), None);
    }

    fn with_keymap(text: &str) -> Config {
        Config::load(&Overrides {
            keymap: Some(("keymap.ron".into(), text.into())),
            ..Overrides::default()
        })
    }

    #[test]
    fn a_keymap_that_unbinds_every_way_out_gets_the_defaults_back_and_a_warning() {
        for (file, context, screen, keys) in [
            (
                "(picker: { \"quit\": [] })",
                Context::Picker,
                "the scenario picker",
                "q/Esc/Ctrl-c",
            ),
            (
                "(global: { \"quit\": [] })",
                Context::Global,
                "the play screen",
                "q",
            ),
            (
                "(review: { \"quit\": [] })",
                Context::Review,
                "review",
                "q/Esc",
            ),
        ] {
            let c = with_keymap(file);
            assert_eq!(c.keymap.keys(context, Command::Quit), keys, "{file}");
            assert_eq!(
                c.problems,
                vec![format!(
                    "keymap.ron: no key would leave {screen}, so {keys} quits there again"
                )],
                "{file}"
            );
        }
    }

    #[test]
    fn when_every_default_way_out_is_taken_it_is_taken_back() {
        let c = with_keymap(
            "(picker: { \"quit\": [], \"up\": [\"q\", \"esc\", \"ctrl-c\"], \"help\": [\"esc\"] })",
        );
        assert_eq!(
            c.keymap.keys(Context::Picker, Command::Quit),
            "q/Esc/Ctrl-c"
        );
        assert_eq!(
            c.keymap.command(Context::Picker, key("esc")),
            Some(Command::Quit)
        );
        assert_eq!(c.keymap.keys(Context::Picker, Command::Up), "");
        let last = c.problems.last().cloned().unwrap_or_default();
        assert!(
            last.ends_with(
                "so q/Esc/Ctrl-c quits there again (taken back from `up` in `picker`, `help` in `picker`)"
            ),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn a_quit_key_every_pane_takes_first_is_no_way_out() {
        // `k` moves up in the pager, chat and story and picks a graph in the
        // dashboard: quit never sees it, so `q` comes back beside it.
        let c = with_keymap("(global: { \"quit\": [\"k\"] })");
        assert_eq!(c.keymap.keys(Context::Global, Command::Quit), "k/q");
        assert_eq!(c.problems.len(), 5, "{:?}", c.problems);
        assert_eq!(
            c.problems[0],
            "keymap.ron: `k` is bound to `quit` in `global` and to `up` in `pager`; in the pager pane `up` gets it"
        );
        assert!(c.problems[4].contains("no key would leave the play screen, so q quits"));
        let digit = with_keymap("(global: { \"quit\": [\"1\"] })");
        assert_eq!(
            digit.problems[0],
            "keymap.ron: `1` takes a story choice on the play screen, so `quit` in `global` never gets it"
        );
        assert_eq!(digit.keymap.keys(Context::Global, Command::Quit), "1/q");
    }

    #[test]
    fn a_keymap_that_keeps_a_way_out_is_left_alone() {
        let c = with_keymap("(global: { \"quit\": [\"x\"] }, picker: { \"quit\": [\"f10\"] })");
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.keymap.keys(Context::Global, Command::Quit), "x");
        assert_eq!(c.keymap.keys(Context::Picker, Command::Quit), "F10");
    }
}
