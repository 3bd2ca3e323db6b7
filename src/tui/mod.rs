//! The terminal UI: a picker over the scenario library, the play screen
//! (pager, dashboard, chat, story, shell), help and end screens. Built on
//! ratatui and crossterm. This module owns the terminal, the wall clock and
//! the files; [`app`] holds the state and [`view`] draws it. Keys become
//! [`command`]s through the keymap ([`config`]), and every hint is built from
//! that keymap ([`hints`]); the windows over a screen are [`overlay`]s, and
//! every place the player types is one [`input`] field.

pub mod app;
pub mod command;
pub mod config;
pub mod hints;
pub mod input;
pub mod overlay;
pub mod review;
pub mod view;

#[cfg(test)]
mod overrides_tests;
#[cfg(test)]
mod tests;

use app::{App, Entry, PlayOptions};
use config::{Config, Overrides};
use ratatui::crossterm::event::{self, Event as TermEvent};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

/// What wakes the event loop.
enum Msg {
    Term(TermEvent),
    /// SIGTERM, SIGINT or SIGHUP: leave cleanly.
    Signal,
    InputGone,
}

/// The built-in keys and colours with the player's overrides on top; a file
/// that could not be read is named among the problems the picker shows.
fn player_config() -> Config {
    let (overrides, unreadable) = read_overrides(crate::files::config_dir().as_deref());
    let mut config = Config::load(&overrides);
    config.problems.splice(0..0, unreadable);
    config
}

/// Reads the player's override files, if any: each a regular UTF-8 file of
/// at most [`MAX_CONFIG`](crate::files::MAX_CONFIG) bytes. A missing file is
/// normal; any other failure (a folder, a pipe, a device, too big, not UTF-8)
/// comes back as a problem to show, and the built-in defaults apply.
pub fn read_overrides(dir: Option<&Path>) -> (Overrides, Vec<String>) {
    let mut problems = Vec::new();
    let mut read = |name: &str| {
        let path = dir?.join(name);
        match crate::files::read_text(&path, crate::files::MAX_CONFIG) {
            Ok(text) => Some((path.display().to_string(), text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                problems.push(unreadable_words(&path, &e));
                None
            }
        }
    };
    let overrides = Overrides {
        keymap: read("keymap.ron"),
        theme: read("theme.ron"),
        settings: read("config.ron"),
    };
    (overrides, problems)
}

/// `…/keymap.ron: it is a named pipe, not a regular file (using the defaults instead)`.
fn unreadable_words(path: &Path, e: &std::io::Error) -> String {
    format!(
        "{}: {} (using the defaults instead)",
        crate::lang::render::printable(&path.display().to_string()),
        e
    )
}

fn history_path() -> Option<PathBuf> {
    crate::files::data_dir().map(|d| d.join("history.ron"))
}

/// How each scenario last ended (a small file in the data directory). It is
/// the game's own file, so one that cannot be parsed only starts the history
/// afresh; one that is not a regular file (never opened) or too big is
/// also named among `problems`, as the history will not be kept.
fn load_history(problems: &mut Vec<String>) -> BTreeMap<String, String> {
    let Some(path) = history_path() else {
        return BTreeMap::new();
    };
    match crate::files::read_text(&path, crate::files::MAX_CONFIG) {
        Ok(text) => ron::from_str(&text).unwrap_or_default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => {
            problems.push(format!(
                "{}: {e} (the history of your games starts afresh)",
                crate::lang::render::printable(&path.display().to_string())
            ));
            BTreeMap::new()
        }
    }
}

fn save_history(h: &BTreeMap<String, String>) {
    let Some(path) = history_path() else { return };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Writing into a named pipe would wait for a reader forever, and a
    // device or folder is not ours to replace: only a regular file (or none)
    // is written.
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        return;
    }
    if let Ok(text) = ron::ser::to_string_pretty(h, ron::ser::PrettyConfig::default()) {
        let _ = std::fs::write(path, text);
    }
}

/// Runs the terminal UI until the player quits. `play` starts a scenario at
/// once (by picker index), skipping the picker.
pub fn run(
    entries: Vec<Entry>,
    options: PlayOptions,
    play: Option<usize>,
    recorder: Option<app::RecorderFactory>,
) -> std::io::Result<()> {
    let mut config = player_config();
    let history = load_history(&mut config.problems);
    let mut app = App::new(config, entries, history, options);
    app.recorder = recorder;
    if let Some(i) = play {
        app.start(i);
    }
    drive(&mut app)
}

/// Goes on with a game restored from a transcript (the session appends to it).
pub fn resume(
    entry: Entry,
    session: crate::game::Session,
    seen: Vec<crate::sim::Event>,
) -> std::io::Result<()> {
    let mut config = player_config();
    let options = PlayOptions {
        practice: session.pace().practice,
        seed: None,
        speed: Some(session.pace().speed),
    };
    let history = load_history(&mut config.problems);
    let mut app = App::new(config, Vec::new(), history, options);
    app.resume(entry, session, seen);
    drive(&mut app)
}

/// Opens a recorded game for a mentor to step through. New notes are
/// appended to the sidecar file beside `transcript` as they are pinned.
pub fn review(review: review::Review, transcript: &Path) -> std::io::Result<()> {
    let config = player_config();
    let mut app = App::new(config, Vec::new(), BTreeMap::new(), PlayOptions::default());
    app.start_review(review);
    let mut saver = |app: &mut App| {
        for note in app.take_unsaved_notes() {
            if let Err(e) = crate::transcripts::add_note(transcript, &note) {
                app.notice = Some(format!("The note could not be saved: {e}"));
            }
        }
    };
    let result = drive_with(&mut app, &mut saver);
    saver(&mut app);
    result
}

/// Owns the terminal while the app runs, and gives it back however it ends.
fn drive(app: &mut App) -> std::io::Result<()> {
    drive_with(app, &mut |_| {})
}

/// As [`drive`], calling `after_key` after every key (to save what it made).
fn drive_with(app: &mut App, after_key: &mut dyn FnMut(&mut App)) -> std::io::Result<()> {
    // ratatui::init restores the terminal on panic (its hook runs first, then
    // the default hook prints the message on the restored screen).
    let mut terminal = ratatui::try_init()?;
    // Pasted text then arrives whole, not as keys that could trigger commands.
    let pasting = bracketed_paste(true);
    let result = event_loop(&mut terminal, app, after_key);
    if pasting {
        bracketed_paste(false);
    }
    ratatui::restore();
    app.stop_recording();
    if app.history_changed {
        save_history(&app.history);
    }
    result
}

/// Turns the terminal's bracketed paste on or off; returns whether it worked.
fn bracketed_paste(on: bool) -> bool {
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    let mut out = std::io::stdout();
    if on {
        ratatui::crossterm::execute!(out, EnableBracketedPaste).is_ok()
    } else {
        ratatui::crossterm::execute!(out, DisableBracketedPaste).is_ok()
    }
}

#[allow(clippy::panic)] // deliberately, for the test that a crash restores the terminal
fn crash() {
    panic!("FIREDRILL_TEST_CRASH is set: crashing on purpose after the first frame");
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    after_key: &mut dyn FnMut(&mut App),
) -> std::io::Result<()> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let keys = tx.clone();
    std::thread::spawn(move || {
        loop {
            if let Ok(e) = event::read() {
                if keys.send(Msg::Term(e)).is_err() {
                    return;
                }
            } else {
                let _ = keys.send(Msg::InputGone);
                return;
            }
        }
    });
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ]) {
        let tx = tx.clone();
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Msg::Signal);
            }
        });
    }
    let mut last = Instant::now();
    let mut dirty = true;
    // The end-to-end tests check that a crash gives the terminal back too.
    let crash_for_test = std::env::var_os("FIREDRILL_TEST_CRASH").is_some();
    loop {
        if dirty {
            terminal.draw(|f| view::render(app, f))?;
            dirty = false;
            if crash_for_test {
                crash();
            }
            if app.bell {
                app.bell = false;
                if app.config.settings.bell {
                    let mut out = std::io::stdout();
                    let _ = out.write_all(b"\x07");
                    let _ = out.flush();
                }
            }
        }
        // Block while nothing moves; wake for the clock only when it runs.
        let msg = match app.next_wake() {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(()),
            },
        };
        let elapsed = last.elapsed();
        last = Instant::now();
        match msg {
            Some(Msg::Term(TermEvent::Key(k))) if k.is_press() => {
                app.handle_key(k);
                after_key(app);
                dirty = true;
            }
            Some(Msg::Term(TermEvent::Paste(text))) => {
                app.paste(&text);
                after_key(app);
                dirty = true;
            }
            Some(Msg::Term(TermEvent::Resize(..))) => dirty = true,
            Some(Msg::Term(_)) => {}
            Some(Msg::Signal | Msg::InputGone) => return Ok(()),
            None => {}
        }
        dirty |= app.advance(elapsed);
        if app.history_changed {
            save_history(&app.history);
            app.history_changed = false;
        }
        if app.quit {
            return Ok(());
        }
    }
}
