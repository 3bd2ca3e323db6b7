//! The terminal UI's state and what each key does. No terminal, no wall
//! clock, no files here: the event loop (`tui::run`) feeds keys and elapsed
//! real time in, and the view draws whatever state results. That keeps every
//! screen testable with `TestBackend` and scripted keys.

use super::config::{Config, Key};
use crate::game::{Pace, Recording, Session, Wall};
use crate::scenario::StatusState;
use crate::scenario::{Millis, Scenario};
use crate::sim::{Action, Event, EventKind, PageState, Sim};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeMap;
use std::time::Duration;

/// A scenario the picker offers.
pub use crate::game::Offer as Entry;

/// Opens a transcript for a game about to start, given the picker entry, the
/// seed and the pace. The front end provides it (it touches files; the app
/// does not).
pub type RecorderFactory = Box<dyn FnMut(&Entry, u64, Pace) -> Option<Recording>>;

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

    fn context(self) -> &'static str {
        match self {
            Pane::Pager => "pager",
            Pane::Dashboard => "dashboard",
            Pane::Chat => "chat",
            Pane::Story => "story",
            Pane::Shell => "shell",
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
    pub input: String,
    pub history: Vec<String>,
    history_pos: Option<usize>,
    pub lines: Vec<ShellLine>,
    /// Lines scrolled up from the bottom.
    pub scroll: usize,
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
    pub choice_sel: usize,
    /// A page is flashing until this game time.
    pub flash_until: Option<Millis>,
    /// The ending's text, once the drill is over.
    ending_text: Option<String>,
}

impl Game {
    /// A game on screen, before any event has come in.
    pub fn new(session: Session, entry: usize) -> Game {
        Game {
            session,
            entry,
            focus: Pane::Story,
            story: Vec::new(),
            chat: Vec::new(),
            chat_scroll: 0,
            shell: Shell::default(),
            pager_sel: 0,
            metric_sel: 0,
            choice_sel: 0,
            flash_until: None,
            ending_text: None,
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
    pub asking: Option<(usize, String)>,
    /// The finished game, kept until its answers are recorded.
    pub session: Option<Session>,
}

#[derive(Debug)]
pub enum Screen {
    Picker { selected: usize },
    Play(Box<Game>),
    End(Box<Ended>),
}

/// A window over the current screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    /// The status-page composer: the chosen state and the text being typed.
    Status {
        state: usize,
        text: String,
    },
    /// Paging a colleague: who (index into the pageable people) and the message.
    PageSomeone {
        person: usize,
        text: String,
    },
    /// The list of runbooks and logs.
    Docs {
        selected: usize,
    },
    Doc {
        title: String,
        text: String,
        scroll: usize,
    },
    /// A mentor's note being typed, to pin to the moment under review.
    Note {
        text: String,
    },
}

pub const STATUS_STATES: [StatusState; 4] = [
    StatusState::Investigating,
    StatusState::Identified,
    StatusState::Monitoring,
    StatusState::Resolved,
];

/// How a game starts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlayOptions {
    pub practice: bool,
    pub seed: Option<u64>,
    pub speed: Option<f64>,
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
            notice,
            quit: false,
            bell: false,
            history_changed: false,
            options,
            recorder: None,
            review: None,
        }
    }

    /// Shows why the recording stopped, if it just did.
    fn report_recording(&mut self) {
        let stopped = match &mut self.screen {
            Screen::Play(g) => g.session.take_stopped(),
            Screen::End(e) => e.session.as_mut().and_then(Session::take_stopped),
            _ => None,
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
            _ => None,
        }
    }

    /// Marks where the clock stopped (when the player leaves mid-game).
    pub fn stop_recording(&mut self) {
        match &mut self.screen {
            Screen::Play(g) => g.session.stop(),
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
        self.notice = Some(format!(
            "Resumed at {}: the game goes on where it stopped.",
            crate::sim::eval::format_offset(self.now())
        ));
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
        let pace = Pace {
            practice: self.options.practice,
            speed: self.options.speed.unwrap_or(sc.meta.speed),
        };
        let entry = entry.clone();
        let recording = self
            .recorder
            .as_mut()
            .and_then(|factory| factory(&entry, seed, pace));
        let wall = Wall::Real(std::time::Instant::now());
        let (session, opening) = Session::start(sc, seed, pace, recording, wall);
        self.begin(i, session, opening);
        self.report_recording();
    }

    /// Puts a game on screen: a new one, or one restored from a transcript.
    fn begin(&mut self, i: usize, session: Session, opening: Vec<Event>) {
        let mut game = Game::new(session, i);
        let mode = if game.practice() {
            "practice mode: the clock moves when you act"
        } else {
            "real time: Space pauses"
        };
        self.notice = Some(format!(
            "{mode}; Tab moves between panes; ? lists every key"
        ));
        self.overlay = None;
        self.absorb(&mut game, opening);
        self.screen = Screen::Play(Box::new(game));
        self.finish_if_over();
    }

    // ---- time ------------------------------------------------------------

    /// How long the event loop may sleep before the clock needs it; `None`
    /// while nothing moves on its own (picker, paused, practice, a pop-up).
    pub fn next_wake(&self) -> Option<Duration> {
        let Screen::Play(g) = &self.screen else {
            return None;
        };
        if self.overlay.is_some() {
            return None;
        }
        g.session.next_wake()
    }

    /// Real time passed: moves the game clock at the game's speed (a pop-up
    /// stops it). Returns whether anything on screen changed.
    pub fn advance(&mut self, real: Duration) -> bool {
        if self.overlay.is_some() {
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

    /// Runs `f` on the game, if one is being played.
    fn with_game(&mut self, f: impl FnOnce(&mut App, &mut Game)) {
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
                        self.notice = Some(format!("PAGE: {text}  (a acknowledges)"));
                    } else if let Some(line) = headline {
                        g.chat.push((e.at, "pager".into(), line));
                    }
                }
                EventKind::PageEscalated { .. } => {
                    if let Some(line) = headline {
                        g.chat.push((e.at, "pager".into(), line));
                    }
                }
                EventKind::PageAcked { .. } => g.flash_until = None,
                EventKind::Shell { input, output } => {
                    if input == "clear" {
                        g.shell.lines.clear();
                    } else {
                        g.shell.lines.push(ShellLine::Input(input));
                        g.shell
                            .lines
                            .extend(output.lines().map(|l| ShellLine::Output(l.to_string())));
                    }
                    g.shell.scroll = 0;
                }
                EventKind::Choices { .. } => g.choice_sel = 0,
                EventKind::Document { title, text, .. } => {
                    self.overlay = Some(Overlay::Doc {
                        title,
                        text,
                        scroll: 0,
                    })
                }
                EventKind::StatusPosted { state, text } => {
                    g.chat
                        .push((e.at, "status page".into(), format!("[{state}] {text}")));
                }
                EventKind::PersonPaged { person, text } => {
                    g.chat
                        .push((e.at, "you".into(), format!("paged {person}: {text}")))
                }
                EventKind::Rejected(why) => self.notice = Some(format!("Not done: {why}")),
                EventKind::AlertFiring { .. }
                | EventKind::AlertResolved { .. }
                | EventKind::PageResolved { .. }
                | EventKind::Ticket { .. }
                | EventKind::Scene { .. }
                | EventKind::Graph { .. } => {}
                EventKind::Ended { text, .. } => g.ending_text = Some(text),
            }
        }
        g.chat_scroll = 0;
    }

    fn finish_if_over(&mut self) {
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
            .map_or_else(|| "Out of time".to_string(), |e| e.title.clone());
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
        if let Some(path) = g.session.transcript() {
            summary.push((' ', String::new()));
            summary.push((' ', format!("The full debrief: firedrill debrief {path}")));
            summary.push((
                ' ',
                format!("Step through it with a mentor: firedrill review {path}"),
            ));
        }
        let ended = Ended {
            entry: g.entry,
            title,
            outcome: finish.outcome.label().to_string(),
            text,
            at: finish.at,
            summary,
            asking: g.session.is_recording().then(|| (0, String::new())),
            session: None,
        };
        if let Some(e) = self.entries.get(g.entry) {
            self.history.insert(e.id.clone(), ended.outcome.clone());
            self.history_changed = true;
        }
        let mut ended = ended;
        let screen = std::mem::replace(&mut self.screen, Screen::Picker { selected: 0 });
        if let Screen::Play(g) = screen {
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

    /// Applies a player action to the game and takes in what happened.
    fn act(&mut self, action: Action) {
        self.with_game(|app, g| {
            let events = g.session.act(action);
            app.absorb(g, events);
        });
        self.report_recording();
        self.finish_if_over();
    }

    // ---- keys ------------------------------------------------------------

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        let key = Key::from_event(&ev);
        if self.review.is_some() {
            self.review_key(key);
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(key);
            return;
        }
        match &self.screen {
            Screen::Picker { .. } => self.picker_key(key),
            Screen::End(e) if e.asking.is_some() => self.answer_key(key),
            Screen::End(_) => match key.code {
                KeyCode::Enter | KeyCode::Esc => {
                    let entry = match &self.screen {
                        Screen::End(e) => e.entry,
                        _ => 0,
                    };
                    self.notice = None;
                    self.screen = Screen::Picker { selected: entry };
                }
                _ if self.config.keymap.action("global", key) == Some("quit") => self.quit = true,
                _ => self.notice = Some("Enter goes back to the scenarios; q quits.".into()),
            },
            Screen::Play(_) => self.play_key(key),
        }
    }

    /// Types an answer to an end question; Enter records it (an empty one is
    /// skipped), Esc skips the rest.
    fn answer_key(&mut self, key: Key) {
        let Screen::End(e) = &mut self.screen else {
            return;
        };
        let Some((n, text)) = &mut e.asking else {
            return;
        };
        match key.code {
            KeyCode::Enter => {
                let question = crate::record::QUESTIONS
                    .get(*n)
                    .copied()
                    .unwrap_or_default();
                let answer = text.trim().to_string();
                let next = *n + 1;
                e.asking = (next < crate::record::QUESTIONS.len()).then(|| (next, String::new()));
                if let Some(s) = &mut e.session {
                    s.answer(question, &answer);
                }
            }
            KeyCode::Esc => e.asking = None,
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char('c') if key.ctrl => self.quit = true,
            KeyCode::Char(c) if !key.ctrl => text.push(c),
            _ => {}
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
        match self.config.keymap.action("picker", key) {
            Some("up") => *selected = selected.saturating_sub(1),
            Some("down") => *selected = (*selected + 1).min(n.saturating_sub(1)),
            Some("play") => {
                let i = *selected;
                self.start(i);
            }
            Some("quit") => self.quit = true,
            Some("help") => self.overlay = Some(Overlay::Help),
            _ => {
                self.notice = Some(format!(
                    "{} chooses, {} plays, {} quits",
                    self.config.keymap.keys("picker", "down"),
                    self.config.keymap.keys("picker", "play"),
                    self.config.keymap.keys("picker", "quit")
                ))
            }
        }
    }

    fn play_key(&mut self, key: Key) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        let focus = g.focus;
        // The shell takes typing; Esc leaves it, Tab completes.
        if focus == Pane::Shell && !key.ctrl && self.shell_key(key) {
            return;
        }
        // Ctrl-C leaves at once, from anywhere (q asks first).
        if key.ctrl && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        if let Some(action) = self
            .config
            .keymap
            .action(focus.context(), key)
            .map(str::to_string)
        {
            let before = self.selections();
            self.notice = None;
            self.pane_action(focus, &action);
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
        {
            self.act(Action::Choose(c as u32 - '0' as u32));
            return;
        }
        match self
            .config
            .keymap
            .action("global", key)
            .map(str::to_string)
            .as_deref()
        {
            Some("quit") => self.overlay = Some(Overlay::ConfirmQuit),
            Some("help") => self.overlay = Some(Overlay::Help),
            Some("pause") => self.toggle_pause(),
            Some("faster") => self.change_speed(2.0),
            Some("slower") => self.change_speed(0.5),
            Some("next_pane") => self.cycle_focus(1),
            Some("prev_pane") => self.cycle_focus(PANES.len() - 1),
            Some("ack_all") => self.act(Action::Ack(None)),
            Some("status_page") => {
                self.overlay = Some(Overlay::Status {
                    state: 0,
                    text: String::new(),
                })
            }
            Some("read_docs") => self.overlay = Some(Overlay::Docs { selected: 0 }),
            Some("page_someone") => {
                if self.pageable().is_empty() {
                    self.notice = Some("No one in this scenario can be paged.".into());
                } else {
                    self.overlay = Some(Overlay::PageSomeone {
                        person: 0,
                        text: String::new(),
                    });
                }
            }
            Some("shell") => self.set_focus(Pane::Shell),
            Some("wait") => {
                self.act(Action::Wait(WAIT_KEY));
                self.notice = Some(format!("You wait {}.", crate::lang::fmt_duration(WAIT_KEY)));
            }
            _ => {
                let help = self.config.keymap.keys("global", "help");
                self.notice = Some(format!(
                    "{} does nothing in the {} pane; {help} lists the keys",
                    key.label(),
                    focus.title()
                ));
            }
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
        if let Screen::Play(g) = &mut self.screen {
            g.focus = pane;
            self.notice = Some(match pane {
                Pane::Shell => {
                    "Shell: type a command and press Enter (Tab completes, Esc leaves)".into()
                }
                Pane::Pager => {
                    "Pager: Up/Down select, Enter acknowledges, r resolves, s silences, e escalates"
                        .into()
                }
                Pane::Dashboard => "Dashboard: Left/Right switch graphs".into(),
                Pane::Chat => "Chat: Up/Down scroll; m pages someone".into(),
                Pane::Story => "Story: number keys or Up/Down and Enter choose".into(),
            });
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

    fn pageable(&self) -> Vec<(String, String)> {
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

    fn pane_action(&mut self, pane: Pane, action: &str) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        match (pane, action) {
            (Pane::Pager, "up") => g.pager_sel = g.pager_sel.saturating_sub(1),
            (Pane::Pager, "down") => {
                g.pager_sel = (g.pager_sel + 1).min(g.sim().pages().len().saturating_sub(1))
            }
            (Pane::Pager, "ack" | "resolve" | "silence" | "escalate") => {
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
                let sc = g.sim().scenario().clone();
                let act = match action {
                    "ack" => Action::Ack(Some(alert)),
                    "resolve" => Action::Resolve(alert),
                    "silence" => Action::Silence(alert),
                    _ => {
                        let next = sc.escalation.get(page.level + 1).and_then(|l| match l.who {
                            crate::scenario::Pagee::Person(p) => sc.people.get(p.0),
                            crate::scenario::Pagee::Player => None,
                        });
                        match next {
                            Some(p) if p.pageable => {
                                Action::Page(p.name.clone(), format!("Escalating: {}", page.text))
                            }
                            _ => {
                                self.notice = Some(
                                    "No one further up the escalation policy can be paged".into(),
                                );
                                return;
                            }
                        }
                    }
                };
                if page.state == PageState::Resolved && action != "escalate" {
                    self.notice = Some(format!("Page #{} is already resolved", page.id));
                    return;
                }
                self.act(act);
            }
            (Pane::Dashboard, "prev_metric" | "next_metric") => {
                let n = g.sim().scenario().metrics.len();
                if n == 0 {
                    return;
                }
                g.metric_sel = if action == "next_metric" {
                    (g.metric_sel + 1) % n
                } else {
                    (g.metric_sel + n - 1) % n
                };
                let name = g.sim().scenario().metrics[g.metric_sel].name.clone();
                self.act(Action::Graph(name));
            }
            (Pane::Chat, "up") => {
                g.chat_scroll = (g.chat_scroll + 1).min(g.chat.len().saturating_sub(1))
            }
            (Pane::Chat, "down") => g.chat_scroll = g.chat_scroll.saturating_sub(1),
            (Pane::Story, "up") => g.choice_sel = g.choice_sel.saturating_sub(1),
            (Pane::Story, "down") => {
                g.choice_sel = (g.choice_sel + 1).min(g.sim().choices().len().saturating_sub(1))
            }
            (Pane::Story, "choose") => {
                if g.sim().choices().is_empty() {
                    self.notice = Some("No choice is waiting: work the incident".into());
                } else {
                    let n = g.choice_sel as u32 + 1;
                    self.act(Action::Choose(n));
                }
            }
            _ => {}
        }
    }

    /// Typing in the shell. Returns whether the key was the shell's.
    fn shell_key(&mut self, key: Key) -> bool {
        let Screen::Play(g) = &mut self.screen else {
            return false;
        };
        let sh = &mut g.shell;
        match key.code {
            KeyCode::Char(c) => {
                sh.input.push(c);
                sh.history_pos = None;
            }
            KeyCode::Backspace => {
                sh.input.pop();
            }
            KeyCode::Esc => {
                self.set_focus(Pane::Story);
            }
            KeyCode::Up => {
                if sh.history.is_empty() {
                    self.notice = Some("No commands in the history yet".into());
                    return true;
                }
                let pos = sh
                    .history_pos
                    .map_or(sh.history.len() - 1, |p| p.saturating_sub(1));
                sh.history_pos = Some(pos);
                sh.input = sh.history[pos].clone();
            }
            KeyCode::Down => match sh.history_pos {
                Some(p) if p + 1 < sh.history.len() => {
                    sh.history_pos = Some(p + 1);
                    sh.input = sh.history[p + 1].clone();
                }
                _ => {
                    sh.history_pos = None;
                    sh.input.clear();
                }
            },
            KeyCode::PageUp => sh.scroll = (sh.scroll + 5).min(sh.lines.len()),
            KeyCode::PageDown => sh.scroll = sh.scroll.saturating_sub(5),
            // With nothing typed, Tab moves on like in every other pane.
            KeyCode::Tab if sh.input.is_empty() => return false,
            KeyCode::BackTab => return false,
            KeyCode::Tab => {
                let sc = g.sim().scenario().clone();
                match complete(&sc, &g.shell.input) {
                    Completion::One(s) => g.shell.input = s,
                    Completion::Many(options) => {
                        self.notice = Some(format!("Could be: {}", options.join("  ")))
                    }
                    Completion::None => {
                        self.notice = Some("Nothing to complete; `help` lists the tools".into())
                    }
                }
            }
            KeyCode::Enter => {
                let line = sh.input.trim().to_string();
                sh.input.clear();
                sh.history_pos = None;
                if line.is_empty() {
                    return true;
                }
                sh.history.push(line.clone());
                self.act(Action::Run(line));
            }
            _ => return false,
        }
        true
    }

    fn overlay_key(&mut self, key: Key) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let ctrl_c = key.ctrl && key.code == KeyCode::Char('c');
        self.overlay = match overlay {
            // Notes are typed in review, which handles its own keys.
            Overlay::Help | Overlay::Note { .. } => None,
            Overlay::ConfirmQuit => match key.code {
                KeyCode::Char('y' | 'Y' | 'q') | KeyCode::Enter => {
                    self.quit = true;
                    None
                }
                _ if ctrl_c => {
                    self.quit = true;
                    None
                }
                _ => None,
            },
            Overlay::Status { state, mut text } => match key.code {
                KeyCode::Esc => None,
                KeyCode::Up | KeyCode::BackTab => Some(Overlay::Status {
                    state: (state + STATUS_STATES.len() - 1) % STATUS_STATES.len(),
                    text,
                }),
                KeyCode::Down | KeyCode::Tab => Some(Overlay::Status {
                    state: (state + 1) % STATUS_STATES.len(),
                    text,
                }),
                KeyCode::Backspace => {
                    text.pop();
                    Some(Overlay::Status { state, text })
                }
                KeyCode::Enter if text.trim().is_empty() => {
                    self.notice = Some("Write what customers should read first".into());
                    Some(Overlay::Status { state, text })
                }
                KeyCode::Enter => {
                    self.act(Action::Status(
                        STATUS_STATES[state],
                        text.trim().to_string(),
                    ));
                    None
                }
                KeyCode::Char(c) if !key.ctrl => {
                    text.push(c);
                    Some(Overlay::Status { state, text })
                }
                _ => Some(Overlay::Status { state, text }),
            },
            Overlay::PageSomeone { person, mut text } => {
                let people = self.pageable();
                let n = people.len().max(1);
                match key.code {
                    KeyCode::Esc => None,
                    KeyCode::Up | KeyCode::BackTab => Some(Overlay::PageSomeone {
                        person: (person + n - 1) % n,
                        text,
                    }),
                    KeyCode::Down | KeyCode::Tab => Some(Overlay::PageSomeone {
                        person: (person + 1) % n,
                        text,
                    }),
                    KeyCode::Backspace => {
                        text.pop();
                        Some(Overlay::PageSomeone { person, text })
                    }
                    KeyCode::Enter if text.trim().is_empty() => {
                        self.notice = Some("Say why you are paging them".into());
                        Some(Overlay::PageSomeone { person, text })
                    }
                    KeyCode::Enter => {
                        if let Some((name, _)) = people.get(person) {
                            self.act(Action::Page(name.clone(), text.trim().to_string()));
                        }
                        None
                    }
                    KeyCode::Char(c) if !key.ctrl => {
                        text.push(c);
                        Some(Overlay::PageSomeone { person, text })
                    }
                    _ => Some(Overlay::PageSomeone { person, text }),
                }
            }
            Overlay::Docs { selected } => {
                let docs: Vec<String> = match &self.screen {
                    Screen::Play(g) => g
                        .sim()
                        .scenario()
                        .docs
                        .iter()
                        .map(|d| d.name.clone())
                        .collect(),
                    _ => Vec::new(),
                };
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => None,
                    KeyCode::Up | KeyCode::Char('k') => Some(Overlay::Docs {
                        selected: selected.saturating_sub(1),
                    }),
                    KeyCode::Down | KeyCode::Char('j') => Some(Overlay::Docs {
                        selected: (selected + 1).min(docs.len().saturating_sub(1)),
                    }),
                    KeyCode::Enter => match docs.get(selected) {
                        Some(name) => {
                            // Opening it puts the document overlay up (see `absorb`).
                            self.act(Action::Open(name.clone()));
                            self.overlay.take()
                        }
                        None => None,
                    },
                    _ => Some(Overlay::Docs { selected }),
                }
            }
            Overlay::Doc {
                title,
                text,
                scroll,
            } => match key.code {
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => None,
                KeyCode::Up | KeyCode::Char('k') => Some(Overlay::Doc {
                    title,
                    text,
                    scroll: scroll.saturating_sub(1),
                }),
                KeyCode::Down | KeyCode::Char('j') => {
                    let max = text.lines().count().saturating_sub(1);
                    Some(Overlay::Doc {
                        title,
                        text,
                        scroll: (scroll + 1).min(max),
                    })
                }
                KeyCode::PageDown | KeyCode::Char(' ') => {
                    let max = text.lines().count().saturating_sub(1);
                    Some(Overlay::Doc {
                        title,
                        text,
                        scroll: (scroll + 10).min(max),
                    })
                }
                KeyCode::PageUp => Some(Overlay::Doc {
                    title,
                    text,
                    scroll: scroll.saturating_sub(10),
                }),
                _ => Some(Overlay::Doc {
                    title,
                    text,
                    scroll,
                }),
            },
        };
    }

    /// The hint bar: the most useful keys right now.
    pub fn hints(&self) -> String {
        let k = &self.config.keymap;
        if let Some(o) = &self.overlay {
            return match o {
                Overlay::Help => "any key closes this help".into(),
                Overlay::ConfirmQuit => "y or Enter quits; any other key goes back".into(),
                Overlay::Status { .. } => {
                    "Up/Down state  type the text  Enter posts  Esc cancels".into()
                }
                Overlay::PageSomeone { .. } => {
                    "Up/Down person  type the message  Enter pages  Esc cancels".into()
                }
                Overlay::Docs { .. } => "Up/Down select  Enter opens  Esc closes".into(),
                Overlay::Doc { .. } => "Up/Down/PgUp/PgDn scroll  Esc closes".into(),
                Overlay::Note { .. } => "type the note  Enter pins it here  Esc cancels".into(),
            };
        }
        if self.review.is_some() {
            return super::review::HINTS.into();
        }
        match &self.screen {
            Screen::Picker { .. } => format!("{} select  {} play  {} help  {} quit", k.keys("picker", "down"), k.keys("picker", "play"), k.keys("picker", "help"), k.keys("picker", "quit")),
            Screen::End(e) if e.asking.is_some() => "type your answer  Enter next question (empty skips)  Esc skips the rest".into(),
            Screen::End(_) => "Enter back to the scenarios  q quit".into(),
            Screen::Play(g) if g.focus == Pane::Shell => "type a command, Enter runs  Tab completes (or moves on when empty)  Up/Down history  Esc leaves".into(),
            Screen::Play(_) => format!(
                "{} pane  1-9 choose  {} ack  {} shell  {} status  {} runbooks  {} page  {} wait  {} pause  {} help  {} quit",
                k.keys("global", "next_pane"),
                k.keys("global", "ack_all"),
                k.keys("global", "shell"),
                k.keys("global", "status_page"),
                k.keys("global", "read_docs"),
                k.keys("global", "page_someone"),
                k.keys("global", "wait"),
                k.keys("global", "pause"),
                k.keys("global", "help"),
                k.keys("global", "quit"),
            ),
        }
    }
}

/// What Tab makes of the shell's input.
#[derive(Debug, Clone, PartialEq)]
pub enum Completion {
    One(String),
    Many(Vec<String>),
    None,
}

/// Completes the word being typed from the words of the scenario's command
/// patterns (placeholders and flags aside) and the shell's own commands.
pub fn complete(sc: &Scenario, input: &str) -> Completion {
    let words: Vec<&str> = input.split(' ').collect();
    let (done, last) = words.split_at(words.len().saturating_sub(1));
    let last = last.first().copied().unwrap_or("");
    let mut options: Vec<String> = Vec::new();
    for p in sc.commands.iter().flat_map(|c| &c.patterns) {
        let literal: Vec<&str> = p
            .words
            .iter()
            .map_while(|w| match w {
                crate::scenario::pattern::Word::Literal(l) => Some(l.as_str()),
                crate::scenario::pattern::Word::Placeholder { .. } => None,
            })
            .collect();
        if literal.len() > done.len()
            && literal[..done.len()] == *done
            && literal[done.len()].starts_with(last)
        {
            let w = literal[done.len()].to_string();
            if !options.contains(&w) {
                options.push(w);
            }
        }
    }
    if done.is_empty() {
        for b in crate::sim::BUILTINS {
            if b.starts_with(last) && !options.iter().any(|o| o == b) {
                options.push((*b).to_string());
            }
        }
    }
    options.sort();
    match options.len() {
        0 => Completion::None,
        1 => {
            let mut s = done.join(" ");
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&options[0]);
            s.push(' ');
            Completion::One(s)
        }
        _ => Completion::Many(options),
    }
}
