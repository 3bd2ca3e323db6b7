//! Watching a game in progress (`firedrill watch`): the player's own screen,
//! read-only, in another terminal. The watcher's copy of the game starts
//! from the transcript's replay and follows each entry the game appends
//! ([`crate::game::Session::follow`]); the events it sees are absorbed into
//! the same panes the player has, so nothing is drawn twice or differently.
//! It follows the player's pane and graph, or lets the mentor look around;
//! its mentor view ([`super::mentor`]) shows what the player never sees.
//! Nothing here acts on the game: the watcher never writes anything.

use super::app::{App, Entry, Overlay, PANES, Pane, Screen};
use super::command::{Command, Context};
use super::config::Key;
use crate::game::Session;
use crate::game::buddy::Request;
use crate::game::feed::Update;
use crate::record::Entry as Line;
use crate::scenario::Millis;
use crate::sim::eval::format_offset;
use crate::sim::{Action, Event, Sim};
use ratatui::crossterm::event::KeyCode;

/// Where the watched game stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Being played: entries come as the player acts.
    Live,
    /// It reached an ending (the end screen shows it).
    Ended,
    /// The game let go of its transcript without an ending, at game time
    /// `at`. `left`: the player left (it can be resumed); otherwise its
    /// process is gone.
    Stopped { left: bool, at: Millis },
}

/// A mentor watching a game.
#[derive(Debug, Clone, PartialEq)]
pub struct Watch {
    /// Who plays it (from the transcript's header).
    pub player: String,
    /// The transcript, to name in the end screen's summary.
    pub transcript: String,
    /// Following the player's pane and graph; otherwise looking around.
    pub following: bool,
    /// The mentor view is up.
    pub mentor: bool,
    /// Lines the mentor view is scrolled down.
    pub mentor_scroll: usize,
    pub state: State,
    /// The pane and graph the player has now (following shows them).
    pub player_pane: Pane,
    pub player_graph: usize,
    /// The panes the player has had the keys in so far.
    pub looked: Vec<Pane>,
    /// The watcher's seat at the game, by the name the game knows it by;
    /// `None`: watching without one (it cannot step in).
    pub me: Option<String>,
    /// Requests made and not yet sent (the front end sends them).
    pub outbox: Vec<Request>,
}

impl Watch {
    /// The title line's words on the watch: whose game, and how it is shown
    /// (short: the clock shares the line, at 80 columns too).
    pub fn status(&self) -> String {
        let how = match self.state {
            State::Live if self.following => "following",
            State::Live => "looking around",
            State::Ended => "it has ended",
            State::Stopped { left: true, .. } => "the player left",
            State::Stopped { left: false, .. } => "STOPPED (process gone)",
        };
        crate::base::printable::printable(&format!("Watching {}'s game: {how}", self.player))
    }

    /// The panes the player has not had the keys in yet.
    pub fn unlooked(&self) -> Vec<Pane> {
        PANES
            .iter()
            .copied()
            .filter(|p| !self.looked.contains(p))
            .collect()
    }

    /// Takes a focus or graph change of the player's, from an entry.
    fn note(&mut self, sim: &Sim, e: &Line) {
        match e {
            Line::Focus { pane, .. } => {
                if let Some(p) = Pane::named(pane) {
                    self.player_pane = p;
                    if !self.looked.contains(&p) {
                        self.looked.push(p);
                    }
                }
            }
            Line::Action {
                action: Action::Graph(name),
                ..
            } => {
                if let Some(i) = sim.scenario().metrics.iter().position(|m| &m.name == name) {
                    self.player_graph = i;
                }
            }
            _ => {}
        }
    }
}

/// A game to watch, as its transcript stood when the watcher opened it.
#[derive(Debug)]
pub struct Joined {
    /// The scenario, for the screens.
    pub entry: Entry,
    /// The replayed game: its engine at the transcript's last time, with
    /// the transcript's pace (a watcher's copy records nothing).
    pub session: Session,
    /// Every event the replay saw, to fill the panes.
    pub seen: Vec<Event>,
    /// The transcript's entries so far (for the player's pause, speed,
    /// pane and graph).
    pub entries: Vec<Line>,
    pub player: String,
    pub transcript: String,
    /// The watcher's seat, by the name the game knows it by, if it has one.
    pub me: Option<String>,
}

impl App {
    /// Puts a game in progress on screen to watch, caught up with its
    /// transcript and following the player.
    pub fn start_watch(&mut self, joined: Joined) {
        let Joined {
            entry,
            mut session,
            seen,
            entries,
            player,
            transcript,
            me,
        } = joined;
        let mut watch = Watch {
            player,
            transcript,
            following: true,
            mentor: false,
            mentor_scroll: 0,
            state: State::Live,
            // A game starts with the keys in the story.
            player_pane: Pane::Story,
            player_graph: 0,
            looked: vec![Pane::Story],
            me,
            outbox: Vec::new(),
        };
        for e in &entries {
            session.catch_up(e);
            watch.note(session.sim(), e);
        }
        self.entries = vec![entry];
        self.watch = Some(watch);
        self.begin(0, session, seen);
        // What popped up before the watcher joined is long closed.
        self.overlay = None;
        self.bell = false;
        self.show_player();
        if let Some(w) = &mut self.watch
            && matches!(self.screen, Screen::End(_))
        {
            w.state = State::Ended;
        }
        // The problems with the mentor's own files stay in view first.
        if !self.problems_pending() {
            self.notice = Some(self.watch_notice());
        }
    }

    /// The notice when watching begins: read-only, and the keys that matter.
    fn watch_notice(&self) -> String {
        let k = &self.config.keymap;
        let key = |c| super::hints::keys_or_none(k, Context::Watch, c);
        match self.watch.as_ref().map(|w| w.state) {
            Some(State::Ended) => format!(
                "This game has ended: its ending and summary. {} quits the watcher.",
                key(Command::Quit)
            ),
            _ => format!(
                "Read-only: the player never sees you. {} looks around, {} the mentor view, {} every key",
                key(Command::LookAround),
                key(Command::MentorView),
                key(Command::Help)
            ),
        }
    }

    /// Shows the player's pane and graph, while following.
    fn show_player(&mut self) {
        let Some(w) = &self.watch else { return };
        if !w.following {
            return;
        }
        let (pane, graph) = (w.player_pane, w.player_graph);
        if let Screen::Play(g) = &mut self.screen {
            g.focus = pane;
            g.metric_sel = graph;
        }
    }

    /// Takes what the feed read: entries to follow, or the game stopping.
    pub fn follow_updates(&mut self, updates: Vec<Update>) {
        for u in updates {
            match u {
                Update::Entry(e) => self.follow_entry(&e),
                Update::Stopped { left } => self.game_stopped(left),
            }
        }
    }

    /// Follows one entry of the player's transcript.
    pub fn follow_entry(&mut self, e: &Line) {
        let Screen::Play(g) = &self.screen else {
            return;
        };
        if let Some(w) = &mut self.watch {
            w.note(g.sim(), e);
        }
        // The player closes a runbook before doing anything else.
        if matches!(e, Line::Action { .. } | Line::Focus { .. })
            && matches!(self.overlay, Some(Overlay::Doc { .. }))
        {
            self.overlay = None;
        }
        self.with_game(|app, g| {
            let events = g.session.follow(e);
            app.absorb(g, events);
        });
        // The player's reasoning, as they note it.
        if let Line::Hypothesis { text, .. } = e {
            self.notice = Some(crate::base::printable::printable(&format!(
                "The player's hypothesis: “{text}”"
            )));
        }
        self.show_player();
        self.finish_if_over();
        if matches!(self.screen, Screen::End(_))
            && let Some(w) = &mut self.watch
            && w.state == State::Live
        {
            w.state = State::Ended;
            self.overlay = None;
            self.notice = Some(self.watch_notice());
        }
    }

    /// The game let go of its transcript. After an ending that is only the
    /// player leaving the end screen; otherwise it is said plainly.
    fn game_stopped(&mut self, left: bool) {
        let Some(w) = &mut self.watch else { return };
        if w.state != State::Live {
            return;
        }
        let at = match &self.screen {
            Screen::Play(g) => g.sim().now(),
            _ => 0,
        };
        w.state = State::Stopped { left, at };
        let quit = super::hints::keys_or_none(&self.config.keymap, Context::Watch, Command::Quit);
        self.notice = Some(if left {
            format!(
                "The player left the game at {}; it can be resumed. {quit} quits the watcher.",
                format_offset(at)
            )
        } else {
            format!(
                "The game's process is gone (stopped at {}). {quit} quits the watcher.",
                format_offset(at)
            )
        });
    }

    /// The watched game's engine, on the play or the end screen.
    pub fn watched_sim(&self) -> Option<&Sim> {
        match &self.screen {
            Screen::Play(g) => Some(g.sim()),
            Screen::End(e) => e.session.as_ref().map(Session::sim),
            Screen::Picker { .. } => None,
        }
    }

    /// A key while watching: the watcher's own keys, and nothing that acts.
    pub(super) fn watch_key(&mut self, key: Key) {
        if self.overlay.is_some() {
            // The help, or a runbook the player opened (Esc closes it).
            self.overlay_key(key);
            return;
        }
        // The ended game's summary scrolls as the player's does (unless
        // the mentor view, which scrolls itself, is up).
        let mentor_view = self.watch.as_ref().is_some_and(|w| w.mentor);
        if matches!(self.screen, Screen::End(_))
            && !mentor_view
            && super::end::scroll_key(self, key)
        {
            return;
        }
        let holding = self.holds_keyboard();
        // With the keyboard, the shell takes typing as it does the player's
        // (and Ctrl-C drops the line typed there).
        if holding && matches!(&self.screen, Screen::Play(g) if g.focus == Pane::Shell) {
            self.play_key(key);
            return;
        }
        // Leaving the watcher leaves the player's game going.
        if key.ctrl && key.code == KeyCode::Char('c') {
            self.quit = true;
            return;
        }
        match self.config.keymap.command(Context::Watch, key) {
            Some(command) => self.watch_command(command),
            // The player's keys act, as requests, while the mentor has the keyboard.
            None if holding => self.play_key(key),
            None => self.notice = Some(self.refused(key)),
        }
    }

    /// Whether this watcher's mentor has the player's keyboard now.
    pub fn holds_keyboard(&self) -> bool {
        let Some(me) = self.watch.as_ref().and_then(|w| w.me.as_deref()) else {
            return false;
        };
        matches!(&self.screen, Screen::Play(g) if g.session.keyboard() == Some(me))
    }

    /// Queues a request to the player's game, saying `sent` once queued;
    /// refused, saying why, when there is no seat or no game to send to.
    pub(super) fn request(&mut self, request: Request, sent: &str) {
        let Some(w) = &mut self.watch else { return };
        let why = if w.me.is_none() {
            Some(
                "You watch without a seat (you cannot write beside the transcript), so you cannot step in.",
            )
        } else if w.state != State::Live {
            Some("Nobody is playing this game now: there is nothing to send to.")
        } else {
            None
        };
        if let Some(why) = why {
            self.notice = Some(why.into());
            return;
        }
        w.outbox.push(request);
        self.notice = Some(sent.to_string());
    }

    /// The requests made since the last call, for the front end to send.
    pub fn take_requests(&mut self) -> Vec<Request> {
        self.watch
            .as_mut()
            .map(|w| std::mem::take(&mut w.outbox))
            .unwrap_or_default()
    }

    /// Asks the game to pause, or to go on when it is paused.
    pub(super) fn watch_pause(&mut self) {
        let Screen::Play(g) = &self.screen else {
            self.notice = Some("The game is over: there is no clock to pause.".into());
            return;
        };
        if g.practice() {
            self.notice = Some(
                "A practice game: its clock waits for the player anyway, so there is nothing to pause."
                    .into(),
            );
            return;
        }
        let pause = !g.paused();
        let sent = if pause {
            "Asked the game to pause (for both of you)."
        } else {
            "Asked the game to go on."
        };
        self.request(Request::Pause(pause), sent);
    }

    /// Why a key did nothing: a key of the player's game is refused by name
    /// (watching is read-only); any other is just not a key here.
    fn refused(&self, key: Key) -> String {
        let k = &self.config.keymap;
        let help = super::hints::keys_or_none(k, Context::Watch, Command::Help);
        let pane = match &self.screen {
            Screen::Play(g) => g.focus.context(),
            _ => None,
        };
        let game = pane
            .and_then(|ctx| k.command(ctx, key))
            .or_else(|| k.command(Context::Global, key));
        let digit = !key.ctrl && !key.alt && matches!(key.code, KeyCode::Char('1'..='9'));
        let take = super::hints::keys_or_none(k, Context::Watch, Command::TakeKeyboard);
        match game {
            Some(c) => format!(
                "Read-only: {} ({}) is the player's key; {take} takes their keyboard, {help} lists your keys",
                key.label(),
                c.hint()
            ),
            None if digit => format!(
                "Read-only: the choices are the player's; {take} takes their keyboard, {help} lists your keys"
            ),
            None => format!(
                "{} does nothing while watching; {help} lists the keys",
                key.label()
            ),
        }
    }

    /// A command of the watch section of the keymap.
    fn watch_command(&mut self, command: Command) {
        let k = &self.config.keymap;
        let key = |c| super::hints::keys_or_none(k, Context::Watch, c);
        let Some(w) = &mut self.watch else { return };
        match command {
            Command::LookAround => {
                w.following = false;
                self.notice = Some(format!(
                    "Looking around on your own: {} moves between panes, {}/{} switch graphs; {} follows the player again",
                    key(Command::NextPane),
                    key(Command::PrevMetric),
                    key(Command::NextMetric),
                    key(Command::Follow)
                ));
            }
            Command::Follow => {
                w.following = true;
                self.notice = Some("Following the player's pane and graph again.".into());
                self.show_player();
            }
            Command::MentorView => {
                w.mentor = !w.mentor;
                let shown = w.mentor;
                self.mentor_view_shown(shown);
            }
            Command::Up | Command::Down if w.mentor => {
                w.mentor_scroll = if command == Command::Up {
                    w.mentor_scroll.saturating_sub(1)
                } else {
                    w.mentor_scroll + 1
                };
            }
            Command::NextPane
            | Command::PrevPane
            | Command::Up
            | Command::Down
            | Command::PrevMetric
            | Command::NextMetric => self.look(command),
            Command::Help => self.overlay = Some(Overlay::Help),
            Command::Quit => self.quit = true,
            Command::Whisper => self.overlay = Some(Overlay::Whisper(Default::default())),
            Command::Inject => {
                let none = self
                    .watched_sim()
                    .is_none_or(|s| s.scenario().injects.is_empty());
                if none {
                    self.notice = Some("This scenario has no injects.".into());
                } else {
                    self.overlay = Some(Overlay::Injects(Default::default()));
                }
            }
            Command::Pause => self.watch_pause(),
            Command::TakeKeyboard => {
                let take = !self.holds_keyboard();
                let sent = if take {
                    "Asked for the keyboard: the player's game keys wait while you have it."
                } else {
                    "Handing the keyboard back to the player."
                };
                self.request(Request::Keyboard(take), sent);
            }
            // The graph's window is the watcher's own, as on the player's screen.
            Command::NarrowerGraph | Command::WiderGraph => {
                if let Screen::Play(g) = &mut self.screen {
                    self.notice = Some(g.change_window(command == Command::WiderGraph));
                }
            }
            // The player's commands: a watcher never has them.
            Command::Faster
            | Command::Slower
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
            | Command::Support
            | Command::Ack
            | Command::Resolve
            | Command::Silence
            | Command::Escalate
            | Command::Choose
            | Command::Play
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
            | Command::Fork => {}
        }
    }

    /// Says the mentor view came or went, with its keys.
    fn mentor_view_shown(&mut self, shown: bool) {
        let k = &self.config.keymap;
        let key = |c| super::hints::keys_or_none(k, Context::Watch, c);
        self.notice = Some(if shown {
            format!(
                "Mentor view (the player never sees it): {}/{} scroll, {} hides it",
                key(Command::Up),
                key(Command::Down),
                key(Command::MentorView)
            )
        } else {
            "Mentor view hidden.".into()
        });
    }

    /// Moves around the player's screen without acting: the mentor looks
    /// around on their own from then on (until they follow again).
    fn look(&mut self, command: Command) {
        let Screen::Play(g) = &mut self.screen else {
            return;
        };
        let started = self.watch.as_ref().is_some_and(|w| w.following);
        if let Some(w) = &mut self.watch {
            w.following = false;
        }
        match command {
            Command::PrevMetric | Command::NextMetric => {
                g.step_metric(command == Command::NextMetric);
            }
            _ => self.review_scroll(command),
        }
        if started {
            let follow =
                super::hints::keys_or_none(&self.config.keymap, Context::Watch, Command::Follow);
            self.notice = Some(format!(
                "Looking around on your own; {follow} follows the player again"
            ));
        }
    }
}
