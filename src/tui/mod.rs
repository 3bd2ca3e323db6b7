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
pub mod end;
pub mod graph;
pub mod hints;
pub mod input;
pub mod mentor;
pub mod overlay;
pub mod pace;
pub mod reload;
pub mod review;
mod review_notes;
pub mod shell;
mod term;
pub mod view;
pub mod watch;

#[cfg(test)]
mod graph_tests;
#[cfg(test)]
mod overrides_tests;
#[cfg(test)]
mod reload_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod shell_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod watch_tests;

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
    /// An ending signal: leave cleanly, then exit with 128 + its number.
    Signal(i32),
    /// SIGTSTP from outside: suspend as Ctrl-Z does.
    Suspend,
    /// SIGCONT: the process was stopped and goes on; take the terminal again.
    Continued,
    InputGone,
    /// What the game's mentors asked.
    Mentor(Vec<crate::game::buddy::Heard>),
    /// What a watcher's feed read from the watched game's transcript.
    Feed(Vec<crate::game::feed::Update>),
    /// The watched transcript cannot be read any more.
    FeedLost(String),
    /// The scenario being played was saved (`play --watch`).
    Saved(reload::Saved),
    /// The player's keymap, theme or settings were saved.
    Config,
}

pub use reload::Started;

/// Puts a game the command line started (from a test's state, at a scene,
/// or followed as its file is edited) on the play screen.
pub fn play_started(started: Started) -> std::io::Result<Exit> {
    let mut config = player_config();
    let options = PlayOptions {
        practice: started.session.pace().practice,
        seed: None,
        speed: Some(started.session.pace().speed),
        support: started.session.sim().support(),
    };
    let history = load_history(&mut config.problems);
    let mut app = App::new(config, Vec::new(), history, options);
    app.entries = vec![started.entry];
    app.begin(0, started.session, started.seen);
    app.overlay = None;
    app.bell = false;
    if let Some(n) = started.notice
        && !app.problems_pending()
    {
        app.notice = Some(n);
    }
    app.watching = started.watch;
    let exit = drive(&mut app);
    farewell(&app);
    exit
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
) -> std::io::Result<Exit> {
    let mut config = player_config();
    let history = load_history(&mut config.problems);
    let mut app = App::new(config, entries, history, options);
    app.progress = crate::ledger::progress::mine(&app.entries)
        .map(|p| crate::ledger::progress::render::picker_line(&p));
    app.recorder = recorder;
    if let Some(i) = play {
        app.start(i);
    }
    let exit = drive(&mut app);
    farewell(&app);
    exit
}

/// On the way out of a game (left early, or from its end screen): where
/// its transcript is and the commands that debrief, review and resume it,
/// or that it was not recorded. Said once the terminal is given back, so
/// it stays on screen.
fn farewell(app: &App) {
    if !matches!(app.screen, app::Screen::Play(_) | app::Screen::End(_)) {
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out);
    for line in crate::game::leaving::transcript_lines(app.transcript()) {
        let _ = writeln!(out, "{line}");
    }
}

/// Goes on with a game restored from a transcript (the session appends to it).
pub fn resume(
    entry: Entry,
    session: crate::game::Session,
    seen: Vec<crate::sim::Event>,
) -> std::io::Result<Exit> {
    let mut config = player_config();
    let options = PlayOptions {
        practice: session.pace().practice,
        seed: None,
        speed: Some(session.pace().speed),
        support: session.sim().support(),
    };
    let history = load_history(&mut config.problems);
    let mut app = App::new(config, Vec::new(), history, options);
    app.resume(entry, session, seen);
    let exit = drive(&mut app);
    farewell(&app);
    exit
}

/// Opens a recorded game for a mentor to step through. The reviewer's
/// notes file beside `transcript` is written afresh whenever their notes
/// change. Returns how it ended, and the moment to fork a new game from
/// (game time, inputs applied by then) when the reviewer asked for one.
pub fn review(
    review: review::Review,
    transcript: &Path,
) -> std::io::Result<(Exit, Option<(crate::scenario::Millis, usize)>)> {
    let config = player_config();
    let mut app = App::new(config, Vec::new(), BTreeMap::new(), PlayOptions::default());
    app.start_review(review);
    let mut saver = |app: &mut App| {
        if let Some((me, notes)) = app.take_my_notes()
            && let Err(e) = crate::transcripts::write_notes(transcript, &me, &notes)
        {
            app.notice = Some(format!("Your notes could not be saved: {e}"));
        }
    };
    let result = drive_with(&mut app, &mut saver, None);
    saver(&mut app);
    result.map(|exit| (exit, app.take_fork()))
}

/// Watches a game in progress, read-only, until the mentor quits: `joined`
/// is the game as its transcript stood, `feed` what the game appends next.
/// The feed is read on a thread of its own; a watcher that is slow,
/// stopped or killed never holds the game up, as the game never waits for
/// it (it only appends to its transcript).
/// `seat` is the watcher's seat at the game, when it could take one: the
/// requests the mentor makes go through it, and dropping it says goodbye.
pub fn watch(
    joined: watch::Joined,
    feed: crate::game::feed::Feed,
    seat: Option<crate::game::buddy::Presence>,
) -> std::io::Result<Exit> {
    let config = player_config();
    let mut app = App::new(config, Vec::new(), BTreeMap::new(), PlayOptions::default());
    app.start_watch(joined);
    // What the mentor asks goes out as soon as the key that asked is handled.
    let mut send = |app: &mut App| {
        for request in app.take_requests() {
            let sent = seat.as_ref().map(|s| s.send(&request));
            if let Some(Err(e)) = sent {
                app.notice = Some(format!("Not sent: cannot write beside the transcript: {e}"));
            }
        }
    };
    let result = drive_with(&mut app, &mut send, Some(feed));
    drop(seat);
    result
}

/// Reads the feed on a thread of its own, passing on what it reads, until
/// the game stops or the event loop is gone.
fn follow_feed(mut feed: crate::game::feed::Feed, tx: mpsc::Sender<Msg>) {
    use crate::game::feed::Update;
    std::thread::spawn(move || {
        loop {
            match feed.wait() {
                Ok(updates) => {
                    let last = updates.iter().any(|u| matches!(u, Update::Stopped { .. }));
                    if tx.send(Msg::Feed(updates)).is_err() || last {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::FeedLost(e.to_string()));
                    return;
                }
            }
        }
    });
}

/// How the terminal UI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The player left (or the terminal's input went away).
    Left,
    /// An ending signal (SIGTERM, SIGHUP...): the process should exit with
    /// 128 + its number.
    Signal(i32),
}

/// Owns the terminal while the app runs, and gives it back however it ends.
fn drive(app: &mut App) -> std::io::Result<Exit> {
    drive_with(app, &mut |_| {}, None)
}

/// As [`drive`], calling `after_key` after every key (to save what it made),
/// and following `feed` when watching.
fn drive_with(
    app: &mut App,
    after_key: &mut dyn FnMut(&mut App),
    feed: Option<crate::game::feed::Feed>,
) -> std::io::Result<Exit> {
    let (tx, rx) = mpsc::channel::<Msg>();
    // Signals are caught before the terminal is taken, so none can leave it taken.
    listen_for_signals(tx.clone());
    if let Some(feed) = feed {
        follow_feed(feed, tx.clone());
    }
    let followers = reload::Stop::default();
    if let Some(path) = app.watching.clone() {
        let tx = tx.clone();
        let _ = reload::follow_scenario(path, followers.clone(), move |s| {
            tx.send(Msg::Saved(s)).is_ok()
        });
    }
    if let Some(dir) = crate::files::config_dir()
        && app.watch.is_none()
        && app.review.is_none()
    {
        let tx = tx.clone();
        reload::follow_config(dir, followers.clone(), move || tx.send(Msg::Config).is_ok());
    }
    term::leave_on_panic();
    let taken = term::enter().and_then(|()| {
        ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
    });
    let result = match taken {
        Ok(mut terminal) => event_loop(&mut terminal, app, after_key, &tx, &rx),
        Err(e) => Err(e),
    };
    followers.stop();
    term::leave();
    // Said on screen at the start too; said again where it stays readable.
    for problem in &app.config.problems {
        let _ = writeln!(
            std::io::stderr(),
            "firedrill: {}",
            crate::lang::render::printable(problem)
        );
    }
    app.stop_recording();
    if app.history_changed {
        save_history(&app.history);
    }
    result
}

/// Forwards the signals the UI answers: the ending ones, and suspend and
/// continue (the terminal is given back while the game is stopped).
fn listen_for_signals(tx: mpsc::Sender<Msg>) {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut signals = crate::signals::ENDING.to_vec();
    signals.extend([SIGTSTP, SIGCONT]);
    let _ = crate::signals::listen(&signals, move |signal| {
        let msg = match signal {
            SIGTSTP => Msg::Suspend,
            SIGCONT => Msg::Continued,
            _ => Msg::Signal(signal),
        };
        tx.send(msg).is_ok()
    });
}

#[allow(clippy::panic)] // deliberately, for the test that a crash restores the terminal
fn crash() {
    panic!("FIREDRILL_TEST_CRASH is set: crashing on purpose after the first frame");
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    after_key: &mut dyn FnMut(&mut App),
    tx: &mpsc::Sender<Msg>,
    rx: &mpsc::Receiver<Msg>,
) -> std::io::Result<Exit> {
    let _done = read_keys(tx.clone());
    let mut last = Instant::now();
    let mut dirty = true;
    let mut mentors = Mentors::default();
    // The end-to-end tests check that a crash gives the terminal back too.
    let crash_for_test = std::env::var_os("FIREDRILL_TEST_CRASH").is_some();
    loop {
        if dirty {
            let area = terminal.draw(|f| view::render(app, f))?.area;
            // The end screen scrolls as far as this terminal needs.
            app.size = (area.width, area.height);
            dirty = false;
            if crash_for_test {
                crash();
            }
            ring_bell(app);
        }
        mentors.follow(app.live_transcript(), tx);
        // Block while nothing moves; wake for the clock only when it runs.
        let msg = match app.next_wake() {
            Some(wait) => match rx.recv_timeout(wait) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Exit::Left),
            },
            None => match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return Ok(Exit::Left),
            },
        };
        let mut elapsed = last.elapsed();
        last = Instant::now();
        match msg {
            Some(Msg::Term(TermEvent::Key(k))) if k.is_press() && is_suspend(k) => {
                term::suspend(terminal)?;
                // The clock stood still while the game was stopped, and
                // that time is not the player's think time either.
                app.stopped_for(last.elapsed());
                last = Instant::now();
                dirty = true;
            }
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
            Some(Msg::Term(_)) | None => {}
            Some(Msg::Suspend) => {
                term::suspend(terminal)?;
                app.stopped_for(last.elapsed());
                last = Instant::now();
                dirty = true;
            }
            Some(Msg::Continued) => {
                // Stopped from outside (SIGSTOP): the time since the last
                // wake is mostly time stopped, and does not count.
                term::resume(terminal)?;
                app.stopped_for(elapsed);
                elapsed = std::time::Duration::ZERO;
                dirty = true;
            }
            Some(Msg::Mentor(heard)) => {
                app.hear(heard);
                dirty = true;
            }
            Some(Msg::Feed(updates)) => {
                app.follow_updates(updates);
                dirty = true;
            }
            Some(Msg::FeedLost(why)) => {
                app.notice = Some(format!(
                    "The game's transcript cannot be read any more: {}",
                    crate::lang::render::printable(&why)
                ));
                dirty = true;
            }
            Some(Msg::Saved(saved)) => {
                app.reload(saved);
                // The clock stood still while the new version was built.
                last = Instant::now();
                dirty = true;
            }
            Some(Msg::Config) => {
                app.reload_config(crate::files::config_dir().as_deref());
                dirty = true;
            }
            Some(Msg::Signal(n)) => return Ok(Exit::Signal(n)),
            Some(Msg::InputGone) => return Ok(gone(rx)),
        }
        dirty |= app.advance(elapsed);
        if app.history_changed {
            save_history(&app.history);
            app.history_changed = false;
        }
        if app.quit {
            return Ok(Exit::Left);
        }
    }
}

/// Reads the terminal's keys on a thread of its own, passing them on. The
/// reader stops when the [`Done`] returned is dropped (the event loop
/// ended), before it takes another key: a game started next in this
/// process (a fork from review) gets them all.
fn read_keys(keys: mpsc::Sender<Msg>) -> Done {
    let done = Done::default();
    let stop = done.0.clone();
    std::thread::spawn(move || {
        loop {
            match event::poll(std::time::Duration::from_millis(50)) {
                Ok(_) if stop.load(std::sync::atomic::Ordering::Relaxed) => return,
                Ok(false) => {}
                Ok(true) => {
                    if let Ok(e) = event::read() {
                        if keys.send(Msg::Term(e)).is_err() {
                            return;
                        }
                    } else {
                        let _ = keys.send(Msg::InputGone);
                        return;
                    }
                }
                Err(_) => {
                    let _ = keys.send(Msg::InputGone);
                    return;
                }
            }
        }
    });
    done
}

/// Tells the key reader to stop when the event loop ends, however it ends.
#[derive(Default)]
struct Done(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Drop for Done {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The mentors' requests of the game being played, listened to for as
/// long as that game is on screen and recorded.
#[derive(Default)]
struct Mentors {
    listening: Option<(String, crate::game::buddy::Listening)>,
}

impl Mentors {
    fn follow(&mut self, transcript: Option<&str>, tx: &mpsc::Sender<Msg>) {
        if self.listening.as_ref().map(|(p, _)| p.as_str()) == transcript {
            return;
        }
        self.listening = transcript.map(|path| {
            let inbox = crate::game::buddy::Inbox::open(Path::new(path));
            (path.to_string(), inbox.spawn(tx.clone(), Msg::Mentor))
        });
    }
}

/// Ctrl-Z: in raw mode the terminal sends it as a key, not as SIGTSTP.
fn is_suspend(k: event::KeyEvent) -> bool {
    k.code == event::KeyCode::Char('z') && k.modifiers.contains(event::KeyModifiers::CONTROL)
}

/// The input went away: when the terminal hangs up, SIGHUP comes with it,
/// and may arrive a moment later; it decides the exit status.
fn gone(rx: &mpsc::Receiver<Msg>) -> Exit {
    let deadline = Instant::now() + std::time::Duration::from_millis(200);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(Msg::Signal(n)) => return Exit::Signal(n),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Exit::Left
}

/// Rings the bell for a new page, when the player wants it.
fn ring_bell(app: &mut App) {
    if app.bell {
        app.bell = false;
        if app.config.settings.bell {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }
}
#[cfg(test)]
mod end_tests;
