//! The terminal UI's state and what each key does. No terminal, no wall
//! clock, no files here: the event loop (`tui::run`) feeds keys and elapsed
//! real time in, and the view draws whatever state results. That keeps every
//! screen testable with `TestBackend` and scripted keys.

use super::command::{Command, Context};
use super::config::{Config, Key};
use super::input::{Edit, TextInput};
use super::shell::Tabbed;
use crate::game::buddy::Heard;
use crate::game::{Pace, Recording, Session, Wall, mentoring};
use crate::scenario::Millis;
use crate::sim::{Action, Event, EventKind, PageState, Sim, Support};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeMap;
use std::time::Duration;

/// A scenario the picker offers.
pub use crate::game::Offer as Entry;

/// Opens a transcript for a game about to start, given the picker entry, the
/// seed, the support level and the pace. The front end provides it (it touches files; the app
/// does not).
pub type RecorderFactory = Box<dyn FnMut(&Entry, u64, Support, Pace) -> Option<Recording>>;

/// The panes of the play screen, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Pager,
    Dashboard,
    Chat,
    Story,
    Shell,
}

pub(super) const PANES: [Pane; 5] = [
    Pane::Pager,
    Pane::Dashboard,
    Pane::Chat,
    Pane::Story,
    Pane::Shell,
];

impl Pane {
    pub fn title(self) -> &'static str {
        match self {
            Pane::Pager => "Pager",
            Pane::Dashboard => "Dashboard",
            Pane::Chat => "Chat",
            Pane::Story => "Story",
            Pane::Shell => "Shell",
        }
    }

    /// The pane a transcript's `Focus` entry names (its title, in lower case).
    pub fn named(name: &str) -> Option<Pane> {
        PANES
            .iter()
            .copied()
            .find(|p| p.title().eq_ignore_ascii_case(name))
    }

    /// The keymap section of its keys; the shell has none (it takes typing).
    pub fn context(self) -> Option<Context> {
        match self {
            Pane::Pager => Some(Context::Pager),
            Pane::Dashboard => Some(Context::Dashboard),
            Pane::Chat => Some(Context::Chat),
            Pane::Story => Some(Context::Story),
            Pane::Shell => None,
        }
    }
}

/// A line of the shell's scrollback.
#[derive(Debug, Clone, PartialEq)]
pub enum ShellLine {
    Input(String),
    Output(String),
}

/// The shell pane: an input line with history, and scrollback.
#[derive(Debug, Clone, Default)]
pub struct Shell {
    pub input: TextInput,
    pub history: Vec<String>,
    pub(super) history_pos: Option<usize>,
    pub lines: Vec<ShellLine>,
    /// Lines scrolled up from the bottom.
    pub scroll: usize,
    /// A reverse history search (Ctrl-R) in progress.
    pub search: Option<super::shell::Search>,
    /// The last key was a Tab that found several candidates: another lists them.
    pub(super) tabbed: bool,
    /// The prompt (`maya@web-01:~$`) as the next command will see it.
    pub prompt: String,
}

/// A game in progress.
#[derive(Debug)]
pub struct Game {
    /// The engine, the transcript and the clock.
    pub session: Session,
    pub entry: usize,
    pub focus: Pane,
    /// Narration, oldest first.
    pub story: Vec<(Millis, String)>,
    /// (time, who, text): chat, pages sent, status posts.
    pub chat: Vec<(Millis, String, String)>,
    pub chat_scroll: usize,
    pub shell: Shell,
    pub pager_sel: usize,
    pub metric_sel: usize,
    /// The graph's time window, an index of [`graph::WINDOWS`](super::graph::WINDOWS);
    /// kept for this game only.
    pub graph_window: usize,
    pub choice_sel: usize,
    /// The graphs last journaled as on screen (`Session::shown`).
    shown: Vec<String>,
    /// A page is flashing until this game time.
    pub flash_until: Option<Millis>,
    /// The ending's title and text, once the drill is over (built-in
    /// endings, a time-out or a stopped story, have no scenario ending).
    ending_title: Option<String>,
    ending_text: Option<String>,
}

impl Game {
    /// A game on screen, before any event has come in.
    pub fn new(session: Session, entry: usize) -> Game {
        let shell = Shell {
            prompt: crate::base::printable::printable(&session.sim().prompt()),
            ..Shell::default()
        };
        Game {
            session,
            entry,
            focus: Pane::Story,
            story: Vec::new(),
            chat: Vec::new(),
            chat_scroll: 0,
            shell,
            pager_sel: 0,
            metric_sel: 0,
            graph_window: super::graph::DEFAULT_WINDOW,
            choice_sel: 0,
            shown: Vec::new(),
            flash_until: None,
            ending_title: None,
            ending_text: None,
        }
    }

    /// Empties what the panes show (a hot reload fills them again from the
    /// new version's start); what the player was typing, and their shell
    /// history, stay.
    pub(super) fn clear_panes(&mut self) {
        self.story.clear();
        self.chat.clear();
        self.chat_scroll = 0;
        self.shell.lines.clear();
        self.shell.scroll = 0;
        self.pager_sel = 0;
        self.choice_sel = 0;
        self.flash_until = None;
        self.ending_title = None;
        self.ending_text = None;
        let metrics = self.sim().scenario().metrics.len();
        self.metric_sel = self.metric_sel.min(metrics.saturating_sub(1));
    }

    /// The graphs the dashboard shows: the one chosen.
    pub fn dashboard(&self) -> Vec<String> {
        let metrics = &self.sim().scenario().metrics;
        metrics
            .get(self.metric_sel)
            .map(|m| vec![m.name.clone()])
            .unwrap_or_default()
    }

    /// Journals the graphs on screen when they changed (none: the play
    /// screen is going, or a window covers the dashboard).
    pub(super) fn show(&mut self, graphs: Vec<String>) {
        if graphs != self.shown {
            self.session.shown(&graphs);
            self.shown = graphs;
        }
    }

    /// The engine, to read from (changes go through the session).
    pub fn sim(&self) -> &Sim {
        self.session.sim()
    }

    pub fn paused(&self) -> bool {
        self.session.paused()
    }

    pub fn practice(&self) -> bool {
        self.session.pace().practice
    }

    pub fn speed(&self) -> f64 {
        self.session.pace().speed
    }
}

/// How long after the end questions appear keys are taken as answers.
pub const SETTLE: Duration = Duration::from_secs(1);

/// What a key typed before [`SETTLE`] has passed gets.
const TOO_EARLY: &str =
    "Keys typed as the drill ended are not taken as answers: type yours in a moment.";

/// What the end screen shows.
#[derive(Debug)]
pub struct Ended {
    pub entry: usize,
    pub title: String,
    pub outcome: String,
    pub text: String,
    pub at: Millis,
    /// (mark, line): `+` good, `-` missed, `x` red herring followed.
    pub summary: Vec<(char, String)>,
    /// While the game is recorded: which of the three end questions is being
    /// answered, and the answer typed so far.
    pub asking: Option<(usize, TextInput)>,
    /// Real time left before keys are taken as answers: keys typed as the
    /// drill ended were meant for the game.
    pub settle: Duration,
    /// The finished game, kept until its answers are recorded.
    pub session: Option<Session>,
    /// Rows scrolled down from the top (see `tui::end`).
    pub scroll: usize,
}

#[derive(Debug)]
pub enum Screen {
    Picker { selected: usize },
    Play(Box<Game>),
    End(Box<Ended>),
}

pub use super::overlay::Overlay;

/// How a game starts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlayOptions {
    pub practice: bool,
    pub seed: Option<u64>,
    pub speed: Option<f64>,
    /// The picker starts at this level; its key changes it.
    pub support: Support,
}

/// The whole terminal UI.
pub struct App {
    pub config: Config,
    pub entries: Vec<Entry>,
    /// How each scenario last ended, by id.
    pub history: BTreeMap<String, String>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// A one-line message: why a key did nothing, what just happened.
    pub notice: Option<String>,
    pub quit: bool,
    /// A new page arrived: the front end rings the bell and clears this.
    pub bell: bool,
    /// The history changed: the front end saves it and clears this.
    pub history_changed: bool,
    pub options: PlayOptions,
    /// Opens a transcript for each game, when the games are recorded.
    pub recorder: Option<RecorderFactory>,
    /// Set while a mentor steps through a recorded game.
    pub review: Option<super::review::Review>,
    /// Set while a mentor watches a game in progress.
    pub watch: Option<super::watch::Watch>,
    /// The problems with the player's files, until the first key: they stay
    /// on the notice line, even over a game that starts at once.
    unseen_problems: Option<String>,
    /// The terminal's size (columns, rows) at the last frame drawn: how far
    /// the end screen scrolls.
    pub size: (u16, u16),
    /// The clock chosen in the picker for each scenario, by id (see `pace`).
    pub paces: BTreeMap<String, Pace>,
    /// The player's own onboarding progress and the next drill, in one
    /// line under the picker (`firedrill progress` has the whole list).
    pub progress: Option<String>,
    /// The scenario file followed while it is played (`play --watch`).
    pub watching: Option<std::path::PathBuf>,
    /// Which version of the scenario is being played: 1, then one more at
    /// each hot reload.
    pub version: usize,
}

/// How much game time the wait key lets pass.
const WAIT_KEY: Millis = 30_000;

/// How long a new page flashes, in game time.
const FLASH: Millis = 15_000;

// By hand, as the recorder and the journal (boxed closures and writers)
// have no `Debug` of their own.
impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen)
            .field("overlay", &self.overlay)
            .field("notice", &self.notice)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(
        config: Config,
        entries: Vec<Entry>,
        history: BTreeMap<String, String>,
        options: PlayOptions,
    ) -> App {
        let notice = (!config.problems.is_empty()).then(|| config.problems.join("; "));
        App {
            config,
            entries,
            history,
            screen: Screen::Picker { selected: 0 },
            overlay: None,
            unseen_problems: notice.clone(),
            notice,
            quit: false,
            bell: false,
            history_changed: false,
            options,
            recorder: None,
            review: None,
            watch: None,
            size: (80, 24),
            paces: BTreeMap::new(),
            progress: None,
            watching: None,
            version: 1,
        }
    }

    /// The problems with the player's files are on screen and no key has
    /// been pressed yet: nothing else may take their place.
    pub(super) fn problems_pending(&self) -> bool {
        self.unseen_problems.is_some()
    }

    /// Shows why the recording stopped, if it just did.
    fn report_recording(&mut self) {
        let stopped = match &mut self.screen {
            Screen::Play(g) => g.session.take_stopped(),
            Screen::End(e) => e.session.as_mut().and_then(Session::take_stopped),
            Screen::Picker { .. } => None,
        };
        if let Some(why) = stopped {
            self.notice = Some(format!("The {why}; the game goes on."));
        }
    }

    /// The transcript of the game on screen, if it is recorded.
    pub fn transcript(&self) -> Option<&str> {
        match &self.screen {
            Screen::Play(g) => g.session.transcript(),
            Screen::End(e) => e.session.as_ref().and_then(Session::transcript),
            Screen::Picker { .. } => None,
        }
    }

    /// The transcript of the game being played now, while it is recorded:
    /// where its mentors send their requests.
    pub fn live_transcript(&self) -> Option<&str> {
        match &self.screen {
            Screen::Play(g) if g.session.is_recording() => g.session.transcript(),
            _ => None,
        }
    }

    /// Marks where the clock stopped (when the player leaves mid-game).
    pub fn stop_recording(&mut self) {
        match &mut self.screen {
            Screen::Play(g) => {
                g.show(Vec::new());
                g.session.stop();
            }
            Screen::End(e) => {
                if let Some(s) = &mut e.session {
                    s.stop();
                }
            }
            Screen::Picker { .. } => {}
        }
    }

    /// Goes on with a game restored from its transcript.
    pub fn resume(&mut self, entry: Entry, session: Session, seen: Vec<Event>) {
        self.entries = vec![entry];
        // The panes fill with what the player had seen, without the pop-ups
        // and bells of the time.
        self.begin(0, session, seen);
        self.overlay = None;
        self.bell = false;
        if !self.problems_pending() {
            self.notice = Some(format!(
                "Resumed at {}: the game goes on where it stopped.",
                crate::sim::eval::format_offset(self.now())
            ));
        }
    }

    fn now(&self) -> Millis {
        match &self.screen {
            Screen::Play(g) => g.sim().now(),
            _ => 0,
        }
    }

    /// Starts the scenario of picker entry `i`.
    pub fn start(&mut self, i: usize) {
        let Some(entry) = self.entries.get(i) else {
            return;
        };
        let Some(sc) = entry.scenario.clone() else {
            self.notice = Some(format!(
                "{} cannot be played: {}",
                entry.id,
                entry.problem.clone().unwrap_or_default()
            ));
            return;
        };
        let seed = self.options.seed.unwrap_or(sc.meta.seed);
        let pace = super::pace::chosen(self, i);
        let entry = entry.clone();
        let recording = self
            .recorder
            .as_mut()
            .and_then(|factory| factory(&entry, seed, self.options.support, pace));
        let wall = Wall::Real(std::time::Instant::now());
        let support = self.options.support;
        let (session, opening) = Session::start(sc, seed, support, pace, recording, wall);
        self.begin(i, session, opening);
        self.report_recording();
    }

    /// Puts a game on screen: a new one, or one restored from a transcript.
    pub(super) fn begin(&mut self, i: usize, session: Session, opening: Vec<Event>) {
        let mut game = Game::new(session, i);
        // The dashboard is on screen from the start: journaled, so the
        // debrief counts what the player had in front of them.
        game.show(game.dashboard());
        if !self.problems_pending() {
            self.notice = Some(super::hints::start_notice(
                &self.config.keymap,
                game.practice(),
            ));
        }
        self.overlay = None;
        self.absorb(&mut game, opening);
        self.screen = Screen::Play(Box::new(game));
        self.finish_if_over();
    }

    // ---- time ------------------------------------------------------------

    /// How long the event loop may sleep before the clock needs it; `None`
    /// while nothing moves on its own (picker, paused, practice, a pop-up).
    pub fn next_wake(&self) -> Option<Duration> {
        if let Screen::End(e) = &self.screen {
            return (e.asking.is_some() && !e.settle.is_zero()).then_some(e.settle);
        }
        let Screen::Play(g) = &self.screen else {
            return None;
        };
        // A watcher's clock moves only as the player's game says it did.
        if self.overlay.is_some() || self.watch.is_some() {
            return None;
        }
        g.session.next_wake()
    }

    /// Real time passed: moves the game clock at the game's speed (a pop-up
    /// stops it). Returns whether anything on screen changed.
    pub fn advance(&mut self, real: Duration) -> bool {
        if let Screen::End(e) = &mut self.screen {
            let settling = !e.settle.is_zero();
            e.settle = e.settle.saturating_sub(real);
            let settled = settling && e.settle.is_zero();
            // Only a notice about keys left out gives way: any other (why
            // the game stopped) stays.
            if settled && self.notice.as_deref() == Some(TOO_EARLY) {
                self.notice = Some("Your answers now: type, then Enter (empty skips one).".into());
            }
            return settled;
        }
        if self.overlay.is_some() || self.watch.is_some() {
            return false;
        }
        let Screen::Play(g) = &mut self.screen else {
            return false;
        };
        let before = g.sim().now() / 1000;
        let events = g.session.advance_real(real);
        let changed = !events.is_empty() || g.sim().now() / 1000 != before;
        self.with_game(|app, g| app.absorb(g, events));
        self.report_recording();
        self.finish_if_over();
        changed
    }

    /// The program was stopped (suspended) for `d`: left out of the
    /// player's real time, as the game clock leaves it out.
    pub fn stopped_for(&mut self, d: Duration) {
        if let Screen::Play(g) = &mut self.screen {
            g.session.stopped_for(d);
        }
    }

    /// Runs `f` on the game, if one is being played.
    pub(super) fn with_game(&mut self, f: impl FnOnce(&mut App, &mut Game)) {
        let screen = std::mem::replace(&mut self.screen, Screen::Picker { selected: 0 });
        match screen {
            Screen::Play(mut g) => {
                f(self, &mut g);
                self.screen = Screen::Play(g);
            }
            other => self.screen = other,
        }
    }

    /// Takes events into the panes.
    pub(super) fn absorb(&mut self, g: &mut Game, events: Vec<Event>) {
        let lines = g.chat.len();
        for e in events {
            let headline = e.kind.headline(false);
            match e.kind {
                EventKind::Narration(t) => g.story.push((e.at, t)),
                EventKind::Chat { name, text, .. } => g.chat.push((e.at, name, text)),
                EventKind::Page { to, text, .. } => {
                    if to == "you" {
                        g.flash_until = Some(e.at + FLASH);
                        self.bell = true;
                        g.pager_sel = g.sim().pages().len().saturating_sub(1);
                        self.notice = Some(if self.watch.is_some() {
                            format!("PAGE for the player: {text}")
                        } else {
                            super::hints::page_notice(&self.config.keymap, &text)
                        });
                    } else if let Some(line) = headline {
                        g.chat.push((e.at, "pager".into(), line));
                    }
                }
                EventKind::PageEscalated { .. } => {
                    if let Some(line) = headline {
                        // On the notice line too: the chat may have scrolled it away.
                        self.notice = Some(format!("Escalation: {line}"));
                        g.chat.push((e.at, "pager".into(), line));
                    }
                }
                EventKind::PageAcked { page } => {
                    g.flash_until = None;
                    self.forget_page_notice(format!("Page #{page} acknowledged."));
                }
                EventKind::PageResolved { page } => {
                    self.forget_page_notice(format!("Page #{page} resolved."));
                }
                EventKind::Shell { input, .. } if input == "clear" => {
                    g.shell.lines.clear();
                    g.shell.scroll = 0;
                }
                EventKind::Shell {
                    prompt,
                    input,
                    output,
                } => {
                    // Echoed at the prompt it was typed at: `ssh db1` shows
                    // on the old host, the lines after it on the new one.
                    let prompt = if prompt.is_empty() { "$" } else { &prompt };
                    let echo = crate::base::printable::printable(&format!("{prompt} {input}"));
                    g.shell.lines.push(ShellLine::Input(echo));
                    g.shell
                        .lines
                        .extend(output.lines().map(|l| ShellLine::Output(l.to_string())));
                    g.shell.scroll = 0;
                }
                EventKind::Choices { .. } => g.choice_sel = 0,
                EventKind::Document { title, text, .. } => {
                    self.overlay = Some(Overlay::Doc {
                        title,
                        text,
                        scroll: 0,
                    });
                }
                EventKind::StatusPosted { state, text } => {
                    g.chat
                        .push((e.at, "status page".into(), format!("[{state}] {text}")));
                }
                EventKind::PersonPaged { person, text } => {
                    g.chat
                        .push((e.at, "you".into(), format!("paged {person}: {text}")));
                }
                EventKind::Rejected(why) => self.notice = Some(format!("Not done: {why}")),
                // The mentor's and the hints' lines read as their headlines
                // say (the support level's filter belongs to the session).
                // The engine's words name the plain command; here the key
                // in force is what reads the hint.
                // A guided game shows the hint itself at once.
                EventKind::HintAvailable { .. } if g.sim().support() == Support::Guided => {}
                EventKind::HintAvailable { .. } => {
                    let how = self.key_words(
                        Command::Hint,
                        |k| format!("press {k} to read it"),
                        "bind a key to `hint` in your keymap to read it",
                    );
                    g.story.push((e.at, format!("(a hint is ready: {how})")));
                }
                EventKind::Injected { .. }
                | EventKind::Whispered { .. }
                | EventKind::HintShown { .. } => {
                    if let Some(line) = headline {
                        g.story.push((e.at, line));
                    }
                }
                EventKind::AlertFiring { .. }
                | EventKind::AlertResolved { .. }
                | EventKind::Ticket { .. }
                | EventKind::Scene { .. }
                | EventKind::Graph { .. } => {}
                EventKind::Ended { title, text, .. } => {
                    g.ending_title = Some(title);
                    g.ending_text = Some(text);
                }
            }
        }
        // A new line brings the chat back to its bottom; the clock's ticks
        // leave a player reading back where they are.
        if g.chat.len() != lines {
            g.chat_scroll = 0;
        }
        // Shell echoes above used the prompt from before their command ran.
        g.shell.prompt = crate::base::printable::printable(&g.session.sim().prompt());
    }

    /// A page's notice ("PAGE: ... (a acknowledges)") is stale once the
    /// page is acted on: it gives way to `done`.
    fn forget_page_notice(&mut self, done: String) {
        let stale = self.notice.as_deref().is_some_and(|n| {
            n.starts_with(super::hints::PAGE_NOTICE) || n.starts_with("Escalation: ")
        });
        if stale {
            self.notice = Some(done);
        }
    }

    pub(super) fn finish_if_over(&mut self) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        let Some(finish) = g.sim().finish().cloned() else {
            return;
        };
        let sc = g.sim().scenario();
        let title = finish
            .ending
            .and_then(|e| sc.endings.get(e.0))
            .map(|e| e.title.clone())
            .or_else(|| g.ending_title.clone())
            .unwrap_or_else(|| "Out of time".to_string());
        let text = g.ending_text.clone().unwrap_or_default();
        let mut summary: Vec<(char, String)> = crate::play::summary(g.sim())
            .into_iter()
            .map(|l| (l.mark, l.text))
            .collect();
        let real = crate::play::really_happened(sc);
        if !real.is_empty() {
            summary.push((' ', String::new()));
            summary.push((' ', "What really happened:".into()));
            summary.extend(real.into_iter().map(|l| (' ', l)));
        }
        let watched = self.watch.as_ref().map(|w| w.transcript.as_str());
        summary.push((' ', String::new()));
        let path = g.session.transcript().or(watched);
        summary.extend(
            crate::game::leaving::transcript_lines(path)
                .into_iter()
                .map(|l| (' ', l)),
        );
        let ended = Ended {
            entry: g.entry,
            title,
            outcome: finish.outcome.label().to_string(),
            text,
            at: finish.at,
            summary,
            asking: g.session.is_recording().then(|| (0, TextInput::default())),
            settle: SETTLE,
            session: None,
            scroll: 0,
        };
        // A watcher's history is not the player's.
        if let Some(e) = self.entries.get(g.entry)
            && self.watch.is_none()
        {
            self.history.insert(e.id.clone(), ended.outcome.clone());
            self.history_changed = true;
        }
        let mut ended = ended;
        let screen = std::mem::replace(&mut self.screen, Screen::Picker { selected: 0 });
        if let Screen::Play(mut g) = screen {
            g.show(Vec::new());
            let mut session = g.session;
            if ended.asking.is_none() {
                session.stop();
            }
            ended.session = Some(session);
        }
        self.overlay = None;
        self.notice = Some(if ended.asking.is_some() {
            "The drill is over. Three quick questions: type, then Enter.".into()
        } else {
            "The drill is over. Enter goes back to the scenarios.".into()
        });
        self.screen = Screen::End(Box::new(ended));
    }

    /// Applies a player action to the game and takes in what happened. A
    /// watcher never applies one: while its mentor has the keyboard, the
    /// action goes to the player's game as a request, and comes back
    /// through the transcript like the player's own.
    fn act(&mut self, action: Action) {
        self.try_act(action);
    }

    /// As [`App::act`]: refused, saying why, while a mentor has the
    /// keyboard (then `false`).
    fn try_act(&mut self, action: Action) -> bool {
        if self.watch.is_some() {
            let words = crate::scenario::command::Act::from(action.clone()).to_string();
            self.request(
                crate::game::buddy::Request::Act(action),
                &format!("Sent to the player's game: {words}"),
            );
            return true;
        }
        if let Screen::Play(g) = &self.screen
            && let Some(who) = g.session.keyboard()
        {
            let key = self.key_words(
                Command::Keyboard,
                |k| format!("{k} takes it back"),
                "bind a key to `keyboard` to take it back",
            );
            self.notice = Some(mentoring::keyboard_words(who, &key));
            return false;
        }
        self.with_game(|app, g| {
            let events = g.session.act(action);
            app.absorb(g, events);
        });
        self.report_recording();
        self.finish_if_over();
        true
    }

    /// Notes the player's working hypothesis: journaled for the debrief.
    pub(super) fn note_hypothesis(&mut self, typed: &str) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        let by = g.session.keyboard().map(str::to_string);
        let noted = g.session.hypothesis(typed, by.as_deref()).is_some();
        self.notice = Some(
            match (noted, g.session.is_recording()) {
                (false, _) => "Nothing to note: no hypothesis was written down.",
                (true, true) => "Hypothesis noted: the debrief lists it beside what you had seen.",
                (true, false) => {
                    "Hypothesis noted, but this game is not recorded: no debrief will list it."
                }
            }
            .into(),
        );
        self.report_recording();
    }

    /// Notes how the moment felt, for the scenario's author.
    pub(super) fn note_feedback(&mut self, kind: crate::base::states::Feeling, typed: &str) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        let by = g.session.keyboard().map(str::to_string);
        let noted = g.session.feedback(kind, typed, by.as_deref()).is_some();
        self.notice = Some(
            match (noted, g.session.is_recording()) {
                (false, _) => "Nothing to note: nothing was written down.",
                (true, true) => "Noted for the scenario's author (firedrill stats lists it).",
                (true, false) => "Noted, but this game is not recorded: no one will read it.",
            }
            .into(),
        );
        self.report_recording();
    }

    // ---- keys ------------------------------------------------------------

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.unseen_problems = None;
        self.route_key(Key::from_event(&ev));
        self.sync_shown();
    }

    /// The graphs in sight: the dashboard's, unless a window that hides it
    /// (a runbook or log being read, the help) is up. Journaled when they
    /// change, so the debrief's real time on screen is time in sight.
    fn sync_shown(&mut self) {
        let covered = matches!(self.overlay, Some(Overlay::Doc { .. } | Overlay::Help));
        if let Screen::Play(g) = &mut self.screen {
            let graphs = if covered { Vec::new() } else { g.dashboard() };
            g.show(graphs);
        }
    }

    /// Hands a key to whatever has the keys now.
    fn route_key(&mut self, key: Key) {
        if self.review.is_some() {
            self.review_key(key);
            return;
        }
        if self.watch.is_some() {
            self.watch_key(key);
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(key);
            return;
        }
        match &self.screen {
            Screen::Picker { .. } => self.picker_key(key),
            Screen::End(e) if e.asking.is_some() => self.answer_key(key),
            Screen::End(_) => self.end_key(key),
            Screen::Play(_) => self.play_key(key),
        }
    }

    /// Text pasted into the terminal: it goes into the field being typed in.
    pub fn paste(&mut self, text: &str) {
        let reviewing = self.review.is_some() || self.watch.is_some();
        let field = match (&mut self.overlay, &mut self.screen) {
            (Some(o), _) => o.field(),
            (None, Screen::Play(g)) if g.focus == Pane::Shell && !reviewing => {
                Some(&mut g.shell.input)
            }
            (None, Screen::End(e)) if e.settle.is_zero() => e.asking.as_mut().map(|(_, t)| t),
            _ => None,
        };
        match field {
            Some(field) => {
                field.paste(text);
            }
            None => {
                self.notice =
                    Some("Pasting works in the shell and in the boxes you type in".into());
            }
        }
    }

    /// The end screen, with no questions waiting.
    fn end_key(&mut self, key: Key) {
        let quit = self.config.keymap.command(Context::Global, key) == Some(Command::Quit);
        match key.code {
            KeyCode::Enter | KeyCode::Esc => {
                let entry = match &self.screen {
                    Screen::End(e) => e.entry,
                    _ => 0,
                };
                self.notice = None;
                self.screen = Screen::Picker { selected: entry };
            }
            _ if quit => self.quit = true,
            _ if super::end::scroll_key(self, key) => {}
            _ => {
                let q = self.config.keymap.keys(Context::Global, Command::Quit);
                self.notice = Some(format!(
                    "Enter goes back to the scenarios; {q} quits; {}.",
                    super::end::SCROLL_HINT
                ));
            }
        }
    }

    /// Types an answer to an end question; Enter records it (an empty one is
    /// a question skipped), Esc skips the rest. Keys come in only once the
    /// questions have been on screen for [`SETTLE`].
    fn answer_key(&mut self, key: Key) {
        let Screen::End(e) = &mut self.screen else {
            return;
        };
        let Some((n, text)) = &mut e.asking else {
            return;
        };
        let interrupt = key.ctrl && key.code == KeyCode::Char('c');
        if !e.settle.is_zero() && !interrupt {
            self.notice = Some(TOO_EARLY.into());
            return;
        }
        match key.code {
            KeyCode::Enter => {
                let question = crate::record::QUESTIONS
                    .get(*n)
                    .copied()
                    .unwrap_or_default();
                let answer = text.value().trim().to_string();
                let next = *n + 1;
                e.asking =
                    (next < crate::record::QUESTIONS.len()).then(|| (next, TextInput::default()));
                if let Some(s) = &mut e.session {
                    s.answer(question, &answer);
                }
            }
            KeyCode::Esc => {
                // The rest are skipped, and recorded so.
                let rest = crate::record::QUESTIONS.get(*n..).unwrap_or_default();
                if let Some(s) = &mut e.session {
                    for q in rest {
                        s.answer(q, "");
                    }
                }
                e.asking = None;
            }
            // Ctrl-C empties the answer; with nothing typed it asks whether
            // to leave (the answers not given are not recorded).
            KeyCode::Char('c') if key.ctrl => {
                if text.is_empty() {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    text.take();
                }
            }
            _ => {
                text.handle(key);
            }
        }
        if let Screen::End(e) = &mut self.screen
            && e.asking.is_none()
        {
            if let Some(s) = &mut e.session {
                s.stop();
            }
            self.notice = Some("Thank you. Enter goes back to the scenarios.".into());
        }
    }

    fn picker_key(&mut self, key: Key) {
        let Screen::Picker { selected } = &mut self.screen else {
            return;
        };
        let n = self.entries.len();
        let Some(command) = self.config.keymap.command(Context::Picker, key) else {
            self.notice = Some(super::hints::picker_notice(&self.config.keymap));
            return;
        };
        match command {
            Command::Up => *selected = selected.saturating_sub(1),
            Command::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
            Command::Play => {
                let i = *selected;
                self.start(i);
            }
            Command::Support => {
                let level = self.options.support.next();
                self.options.support = level;
                self.notice = Some(super::hints::support_notice(level));
            }
            Command::Quit => self.quit = true,
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::Pause | Command::Faster | Command::Slower => {
                super::pace::picker_command(self, command);
            }
            // Not picker commands: the keymap never binds them here.
            Command::NextPane
            | Command::PrevPane
            | Command::AckAll
            | Command::StatusPage
            | Command::ReadDocs
            | Command::PageSomeone
            | Command::Shell
            | Command::Wait
            | Command::Hint
            | Command::Hypothesis
            | Command::Feedback
            | Command::Keyboard
            | Command::Ack
            | Command::Resolve
            | Command::Silence
            | Command::Escalate
            | Command::PrevMetric
            | Command::NextMetric
            | Command::NarrowerGraph
            | Command::WiderGraph
            | Command::Choose
            | Command::NextDecision
            | Command::PrevDecision
            | Command::MinuteOn
            | Command::MinuteBack
            | Command::First
            | Command::Last
            | Command::Note
            | Command::NextMoment
            | Command::PrevMoment
            | Command::NextNote
            | Command::PrevNote
            | Command::EditNote
            | Command::DeleteNote
            | Command::Fork
            | Command::LookAround
            | Command::Follow
            | Command::MentorView
            | Command::Whisper
            | Command::Inject
            | Command::TakeKeyboard => {}
        }
    }

    pub(super) fn play_key(&mut self, key: Key) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        let focus = g.focus;
        // The shell takes typing and editing keys first (Ctrl-C drops its
        // line); Esc leaves it, Tab completes.
        if focus == Pane::Shell && self.shell_key(key) {
            return;
        }
        // Elsewhere Ctrl-C never leaves at once: it asks, as the quit key does.
        if key.ctrl && key.code == KeyCode::Char('c') {
            self.overlay = Some(Overlay::ConfirmQuit);
            return;
        }
        let keymap = &self.config.keymap;
        if let Some(command) = focus.context().and_then(|ctx| keymap.command(ctx, key)) {
            let before = self.selections();
            self.notice = None;
            self.pane_command(focus, command);
            if self.notice.is_none() && self.selections() == before {
                self.notice = Some(format!(
                    "Nothing further that way in the {} pane",
                    focus.title()
                ));
            }
            return;
        }
        if let KeyCode::Char(c @ '1'..='9') = key.code
            && !key.ctrl
            && !key.alt
        {
            self.act(Action::Choose(c as u32 - '0' as u32));
            return;
        }
        match keymap.command(Context::Global, key) {
            Some(command) => self.global_command(command),
            None => {
                self.notice = Some(super::hints::does_nothing(keymap, key, focus));
            }
        }
    }

    /// A command of the play screen that works from any pane.
    fn global_command(&mut self, command: Command) {
        match command {
            Command::Quit => self.overlay = Some(Overlay::ConfirmQuit),
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::Pause => self.toggle_pause(),
            Command::Faster => self.change_speed(2.0),
            Command::Slower => self.change_speed(0.5),
            Command::NextPane => self.cycle_focus(1),
            Command::PrevPane => self.cycle_focus(PANES.len() - 1),
            Command::AckAll => self.act(Action::Ack(None)),
            Command::StatusPage => self.overlay = Some(Overlay::Status(Default::default())),
            Command::ReadDocs => self.overlay = Some(Overlay::Docs(Default::default())),
            Command::PageSomeone => {
                if self.pageable().is_empty() {
                    self.notice = Some("No one in this scenario can be paged.".into());
                } else {
                    self.overlay = Some(Overlay::PageSomeone(Default::default()));
                }
            }
            Command::Shell => self.set_focus(Pane::Shell),
            Command::Wait => {
                // A watcher's wait is sent, not waited (its notice says so).
                // One that ended the drill leaves the end screen's words,
                // and what happened meanwhile (a page, an escalation) its own.
                let before = self.notice.clone();
                if self.try_act(Action::Wait(WAIT_KEY))
                    && self.watch.is_none()
                    && matches!(self.screen, Screen::Play(_))
                    && self.notice == before
                {
                    self.notice =
                        Some(format!("You wait {}.", crate::lang::fmt_duration(WAIT_KEY)));
                }
            }
            Command::Hint => self.act(Action::Hint),
            // A hypothesis is the player's own reasoning: a watcher holding
            // the keyboard whispers instead.
            Command::Hypothesis if self.watch.is_some() => {
                self.notice = Some("A hypothesis is the player's own: whisper yours.".into());
            }
            Command::Hypothesis => self.overlay = Some(Overlay::Hypothesis(Default::default())),
            Command::Feedback if self.watch.is_some() => {
                self.notice = Some("How the game felt is the player's to say.".into());
            }
            Command::Feedback => self.overlay = Some(Overlay::Feedback(Default::default())),
            Command::Keyboard => self.take_keyboard_back(),
            // Pane, picker and review commands: the global section never binds them.
            Command::Up
            | Command::Down
            | Command::Ack
            | Command::Resolve
            | Command::Silence
            | Command::Escalate
            | Command::PrevMetric
            | Command::NextMetric
            | Command::NarrowerGraph
            | Command::WiderGraph
            | Command::Choose
            | Command::Play
            | Command::Support
            | Command::NextDecision
            | Command::PrevDecision
            | Command::MinuteOn
            | Command::MinuteBack
            | Command::First
            | Command::Last
            | Command::Note
            | Command::NextMoment
            | Command::PrevMoment
            | Command::NextNote
            | Command::PrevNote
            | Command::EditNote
            | Command::DeleteNote
            | Command::Fork
            | Command::LookAround
            | Command::Follow
            | Command::MentorView
            | Command::Whisper
            | Command::Inject
            | Command::TakeKeyboard => {}
        }
    }

    /// The panes' selections and scroll positions, to tell whether a key moved anything.
    fn selections(&self) -> Option<(usize, usize, usize, usize, Millis)> {
        match &self.screen {
            Screen::Play(g) => Some((
                g.pager_sel,
                g.metric_sel,
                g.choice_sel,
                g.chat_scroll,
                g.sim().now(),
            )),
            _ => None,
        }
    }

    fn set_focus(&mut self, pane: Pane) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        g.focus = pane;
        g.session.focus(&pane.title().to_ascii_lowercase());
        self.notice = Some(super::hints::pane_notice(&self.config.keymap, pane));
        // Moving to the dashboard is looking at the graph on it: a player
        // told to "open the disk graph" while it is already on screen does
        // exactly this, and the story must see it as looked at.
        let id = crate::scenario::MetricId(g.metric_sel);
        if pane == Pane::Dashboard
            && !g.sim().has_viewed(id)
            && let Some(m) = g.sim().scenario().metrics.get(g.metric_sel)
        {
            let name = m.name.clone();
            self.act(Action::Graph(name));
        }
    }

    fn cycle_focus(&mut self, by: usize) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        let i = PANES.iter().position(|p| *p == g.focus).unwrap_or(0);
        self.set_focus(PANES[(i + by) % PANES.len()]);
    }

    fn toggle_pause(&mut self) {
        if self.watch.is_some() {
            self.watch_pause();
            return;
        }
        if let Screen::Play(g) = &mut self.screen {
            if g.practice() {
                self.notice = Some("Practice mode: the clock only moves when you act, so there is nothing to pause".into());
                return;
            }
            let paused = !g.paused();
            g.session.set_paused(paused);
            self.notice = Some(if paused {
                "Paused. Space goes on.".into()
            } else {
                "The clock runs again.".into()
            });
        }
    }

    fn change_speed(&mut self, factor: f64) {
        if self.watch.is_some() {
            self.notice = Some("The speed is the player's to change.".into());
            return;
        }
        if let Screen::Play(g) = &mut self.screen {
            if g.practice() {
                self.notice =
                    Some("Practice mode has no speed: the clock moves when you act".into());
                return;
            }
            g.session.set_speed((g.speed() * factor).clamp(0.25, 64.0));
            self.notice = Some(format!(
                "Speed {}x",
                crate::sim::eval::format_number(g.speed())
            ));
        }
    }

    /// The people who can be paged: (name, full name).
    pub(super) fn pageable(&self) -> Vec<(String, String)> {
        match &self.screen {
            Screen::Play(g) => g
                .sim()
                .scenario()
                .people
                .iter()
                .filter(|p| p.pageable)
                .map(|p| (p.name.clone(), p.full_name.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A command of the focused pane's keymap section.
    fn pane_command(&mut self, pane: Pane, command: Command) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        match (pane, command) {
            (Pane::Pager, Command::Up) => g.pager_sel = g.pager_sel.saturating_sub(1),
            (Pane::Pager, Command::Down) => {
                g.pager_sel = (g.pager_sel + 1).min(g.sim().pages().len().saturating_sub(1));
            }
            (Pane::Chat, Command::Up) => {
                let top = super::view::chat_max_scroll(g, &self.config.theme, self.size);
                g.chat_scroll = (g.chat_scroll + 1).min(top);
            }
            (Pane::Chat, Command::Down) => g.chat_scroll = g.chat_scroll.saturating_sub(1),
            (Pane::Story, Command::Up) => g.choice_sel = g.choice_sel.saturating_sub(1),
            (Pane::Story, Command::Down) => {
                g.choice_sel = (g.choice_sel + 1).min(g.sim().choices().len().saturating_sub(1));
            }
            (_, Command::Ack | Command::Resolve | Command::Silence | Command::Escalate) => {
                self.page_command(command);
            }
            (_, Command::PrevMetric | Command::NextMetric) => {
                let Some(name) = g.step_metric(command == Command::NextMetric) else {
                    return;
                };
                // On screen as the key is pressed, before the look's cost.
                g.show(vec![name.clone()]);
                self.act(Action::Graph(name));
            }
            (_, Command::NarrowerGraph | Command::WiderGraph) => {
                self.notice = Some(g.change_window(command == Command::WiderGraph));
            }
            (_, Command::Choose) => match g.sim().choices().get(g.choice_sel) {
                Some(&(n, _)) => self.act(Action::Choose(n)),
                None => {
                    self.notice = Some("No choice is waiting: work the incident".into());
                }
            },
            // Up and Down in a pane that has no list; global, picker and
            // review commands, which no pane section binds.
            (Pane::Dashboard | Pane::Shell, Command::Up | Command::Down)
            | (
                _,
                Command::Quit
                | Command::Help
                | Command::Pause
                | Command::Faster
                | Command::Slower
                | Command::NextPane
                | Command::PrevPane
                | Command::AckAll
                | Command::StatusPage
                | Command::ReadDocs
                | Command::PageSomeone
                | Command::Shell
                | Command::Wait
                | Command::Hint
                | Command::Hypothesis
                | Command::Feedback
                | Command::Keyboard
                | Command::Play
                | Command::Support
                | Command::NextDecision
                | Command::PrevDecision
                | Command::MinuteOn
                | Command::MinuteBack
                | Command::First
                | Command::Last
                | Command::Note
                | Command::NextMoment
                | Command::PrevMoment
                | Command::NextNote
                | Command::PrevNote
                | Command::EditNote
                | Command::DeleteNote
                | Command::Fork
                | Command::LookAround
                | Command::Follow
                | Command::MentorView
                | Command::Whisper
                | Command::Inject
                | Command::TakeKeyboard,
            ) => {}
        }
    }

    /// Acknowledges, resolves, silences or escalates the selected page.
    fn page_command(&mut self, command: Command) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        let Some(page) = g.sim().pages().get(g.pager_sel).cloned() else {
            self.notice = Some("The pager is empty".into());
            return;
        };
        let alert = page
            .alert
            .and_then(|a| g.sim().scenario().alerts.get(a.0))
            .map(|a| a.name.clone());
        let Some(alert) = alert else {
            self.notice = Some("This page has no alert to act on".into());
            return;
        };
        if page.state == PageState::Resolved && command != Command::Escalate {
            self.notice = Some(format!("Page #{} is already resolved", page.id));
            return;
        }
        let action = match command {
            Command::Ack => Action::Ack(Some(alert)),
            Command::Resolve => Action::Resolve(alert),
            Command::Silence => Action::Silence(alert),
            _ => {
                let sc = g.sim().scenario();
                let next = sc.escalation.get(page.level + 1).and_then(|l| match l.who {
                    crate::scenario::Pagee::Person(p) => sc.people.get(p.0),
                    crate::scenario::Pagee::Player => None,
                });
                match next {
                    Some(p) if p.pageable => {
                        Action::Page(p.name.clone(), format!("Escalating: {}", page.text))
                    }
                    _ => {
                        self.notice =
                            Some("No one further up the escalation policy can be paged".into());
                        return;
                    }
                }
            }
        };
        self.act(action);
    }

    /// Typing in the shell. Returns whether the key was the shell's.
    fn shell_key(&mut self, key: Key) -> bool {
        let Screen::Play(g) = &mut self.screen else {
            return false;
        };
        if g.shell.search.is_some() {
            return self.search_key(key);
        }
        let sh = &mut g.shell;
        if key.code != KeyCode::Tab {
            sh.tabbed = false;
        }
        let plain = !key.ctrl && !key.alt;
        match key.code {
            // As in bash: the line is dropped, never the drill.
            KeyCode::Char('c') if key.ctrl => {
                sh.interrupt();
                self.notice = Some(super::hints::interrupted(&self.config.keymap));
            }
            KeyCode::Char('l') if key.ctrl => sh.clear_screen(),
            KeyCode::Char('r') if key.ctrl => sh.search_back(),
            KeyCode::Esc => self.set_focus(Pane::Story),
            KeyCode::Up if plain => {
                if !sh.history_back() {
                    self.notice = Some("No commands in the history yet".into());
                }
            }
            KeyCode::Down if plain => sh.history_forward(),
            KeyCode::PageUp => sh.scroll = (sh.scroll + 5).min(sh.lines.len()),
            KeyCode::PageDown => sh.scroll = sh.scroll.saturating_sub(5),
            // With nothing typed, Tab moves on like in every other pane.
            KeyCode::Tab if sh.input.is_empty() => return false,
            KeyCode::BackTab => return false,
            KeyCode::Tab => {
                let candidates = completions(g, g.shell.input.value());
                self.notice = match g.shell.tab(candidates) {
                    Tabbed::Nothing => Some("Nothing completes that".into()),
                    Tabbed::Several(n) => Some(format!("{n} ways to go on: Tab again lists them")),
                    Tabbed::Completed | Tabbed::Listed => None,
                };
            }
            KeyCode::Enter => {
                if let Some(line) = sh.submit() {
                    self.act(Action::Run(line));
                }
            }
            _ => return self.shell_edit(key),
        }
        true
    }

    /// A key during a reverse history search (Ctrl-R): typing narrows it,
    /// Ctrl-R looks further back, Enter keeps the line found, Esc or Ctrl-G
    /// gives the line from before back, and an editing key keeps the line
    /// found and edits it, as in readline.
    fn search_key(&mut self, key: Key) -> bool {
        let Screen::Play(g) = &mut self.screen else {
            return false;
        };
        let sh = &mut g.shell;
        match key.code {
            KeyCode::Char('c') if key.ctrl => {
                sh.interrupt();
                self.notice = Some(super::hints::interrupted(&self.config.keymap));
            }
            KeyCode::Char('r') if key.ctrl => sh.search_back(),
            KeyCode::Char('g') if key.ctrl => sh.search_end(false),
            KeyCode::Esc => sh.search_end(false),
            KeyCode::Enter => sh.search_end(true),
            KeyCode::Backspace if !key.ctrl && !key.alt => sh.search_type(None),
            KeyCode::Char(c) if !key.ctrl && !key.alt && !c.is_control() => {
                sh.search_type(Some(c));
            }
            _ => {
                sh.search_end(true);
                return self.shell_key(key);
            }
        }
        true
    }

    /// An editing key in the shell's line. Returns whether it was one.
    fn shell_edit(&mut self, key: Key) -> bool {
        let Screen::Play(g) = &mut self.screen else {
            return false;
        };
        let sh = &mut g.shell;
        let before = sh.input.value().len();
        match sh.input.handle(key) {
            Edit::NotMine => return false,
            Edit::Changed => {
                // Editing a line from the history makes it a new line.
                if sh.input.value().len() != before {
                    sh.history_pos = None;
                }
            }
            Edit::Unchanged => {
                self.notice = Some(format!(
                    "{} has nothing to do at this point of the line",
                    key.label()
                ));
            }
        }
        true
    }

    /// A key while a window is up: the window handles it (see `overlay`).
    pub(super) fn overlay_key(&mut self, key: Key) {
        let Some(mut overlay) = self.overlay.take() else {
            return;
        };
        // Ctrl-C cancels, never quits: it empties a box being typed in, and
        // closes a window with nothing typed (the quit question included).
        if key.ctrl && key.code == KeyCode::Char('c') {
            if let Some(field) = overlay.field().filter(|f| !f.is_empty()) {
                field.take();
                self.overlay = Some(overlay);
            }
            return;
        }
        self.overlay = overlay.handle(key, self);
    }

    /// How to reach a global command, in words: `bound` with its first key,
    /// or `unbound` when the player's keymap left it none.
    fn key_words(&self, command: Command, bound: impl Fn(&str) -> String, unbound: &str) -> String {
        self.config
            .keymap
            .first_key(Context::Global, command)
            .map_or_else(|| unbound.to_string(), |k| bound(&k))
    }

    /// Carries out what the game's mentors asked (see `game::buddy`).
    pub fn hear(&mut self, heard: Vec<Heard>) {
        for h in heard {
            self.with_game(|app, g| {
                let out = mentoring::hear(&mut g.session, h);
                app.absorb(g, out.events);
                if out.notice.is_some() {
                    app.notice = out.notice;
                }
            });
        }
        self.sync_shown();
        self.report_recording();
        self.finish_if_over();
    }

    /// The player takes the keyboard back from the mentor who has it.
    fn take_keyboard_back(&mut self) {
        // A watcher's copy holds no keyboard: its mentor hands it back by asking.
        if self.watch.is_some() {
            self.request(
                crate::game::buddy::Request::Keyboard(false),
                "Handing the keyboard back to the player.",
            );
            return;
        }
        self.with_game(|app, g| {
            app.notice = Some(
                mentoring::take_back(&mut g.session)
                    .unwrap_or_else(|| "You have the keyboard (no mentor has taken it).".into()),
            );
        });
    }

    /// Applies a player action for a window (the status composer, paging
    /// someone, opening a runbook).
    pub(super) fn apply(&mut self, action: Action) {
        self.act(action);
    }
}

/// The candidates Tab offers for the last word of `line`, each a whole
/// word to put in its place: the core's (public programs, subcommands and
/// flags; never a `hidden` command).
fn completions(game: &Game, line: &str) -> Vec<String> {
    game.sim().complete(line)
}
