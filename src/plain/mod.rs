//! The plain-text front end: the whole game through stdin and stdout, for
//! scripting, tests and screen readers. Events print as they happen, led by
//! the incident clock; the player types commands from a small language
//! (see [`commands::help`] and docs/player-guide.md).
//!
//! Practice mode is turn-based: the clock moves only by what actions cost
//! and by `wait`. Real-time mode maps real seconds to game time at the
//! chosen speed. Scripted input (stdin not a terminal) defaults to practice,
//! so a script always plays out the same way. With `--watch`, each save of
//! the scenario reloads the game in progress, as in the terminal UI (see
//! `plain/reload.rs`).

pub mod commands;
pub mod format;
pub mod input;
pub mod mentor;
mod reload;
pub mod tty;
pub mod watch;

use crate::game::buddy::{Heard, Inbox, Listening};
use crate::game::{Pace, Recording, Session, Wall};
use crate::lang::render::printable;
use crate::scenario::{Millis, Scenario};
use crate::sim::{Event, PageState, Support};
use commands::Input;
use input::Line;
use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How the plain front end talks.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Print a `> ` prompt (when a person is typing).
    pub prompt: bool,
    /// An ending signal, once caught, ends the game even while the input
    /// says nothing: a terminal that hung up can leave its reader stuck.
    pub stop: Option<crate::signals::Caught>,
}

/// How often a game that may be stopped by a signal looks.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The game's front matter: what this drill is and how to start.
fn intro(sc: &Scenario, pace: Pace, support: Support) -> String {
    let m = &sc.meta;
    let mut s = format!("=== {} ===\n", m.title);
    if let Some(pm) = &sc.postmortem {
        s.push_str(&format!(
            "From the real incident: {} ({})\n",
            pm.company, pm.date
        ));
    }
    if !m.role.is_empty() {
        s.push_str(&format!("You are: {}\n", m.role));
    }
    if !m.briefing.is_empty() {
        s.push('\n');
        s.push_str(m.briefing.trim_end());
        s.push('\n');
    }
    let mode = if pace.practice {
        "practice mode: the clock moves only when you act or `wait`".to_string()
    } else {
        format!(
            "real time at {}x: the clock runs; `pause` stops it",
            crate::sim::eval::format_number(pace.speed)
        )
    };
    // Only a drill that has hints says how they come.
    let hints = match support {
        _ if sc.hints.is_empty() => "",
        Support::Guided => "; guided: hints appear on their own",
        Support::Assisted => "; assisted: type `hint` when you are stuck",
        Support::Solo => "; solo: no hints",
    };
    s.push_str(&format!(
        "\n({mode}{hints}. Type `help` for the commands, `quit` to leave.)\n"
    ));
    printable(&s)
}

/// What wakes a real-time plain game.
enum Msg {
    Line(Line),
    /// The end of the input.
    End,
    Mentor(Vec<Heard>),
    /// The scenario was saved (`--watch`).
    Saved(crate::game::reloading::Saved),
}

/// One game through stdin and stdout, and how each input is handled.
struct Run<'o, W: Write> {
    game: Session,
    out: &'o mut W,
    quit: bool,
    /// The version of the scenario being played (1 until a save is reloaded).
    version: usize,
}

/// A game about to be played: new, or resumed from a transcript.
#[derive(Debug)]
pub struct Game {
    pub session: Session,
    /// What to show first: the opening, or (resuming) nothing new.
    pub opening: Vec<Event>,
    pub resumed: bool,
    /// The scenario file to follow as it is saved (`--watch`).
    pub watch: Option<std::path::PathBuf>,
}

impl Game {
    /// A new game, recorded when `recording` is given.
    pub fn new(
        sc: Arc<Scenario>,
        seed: u64,
        support: Support,
        pace: Pace,
        recording: Option<Recording>,
    ) -> Game {
        let wall = Wall::Real(Instant::now());
        let (session, opening) = Session::start(sc, seed, support, pace, recording, wall);
        Game {
            session,
            opening,
            resumed: false,
            watch: None,
        }
    }
}

impl<'o, W: Write> Run<'o, W> {
    /// Starts the drill: the front matter, then the opening scene.
    fn start(game: Game, out: &'o mut W) -> io::Result<Self> {
        write!(
            out,
            "{}",
            intro(
                game.session.scenario(),
                game.session.pace(),
                game.session.sim().support()
            )
        )?;
        let mut s = Run {
            game: game.session,
            out,
            quit: false,
            version: 1,
        };
        if game.resumed {
            s.say(&format!(
                "(resumed at {}: the game goes on where it stopped)",
                crate::sim::eval::format_offset(s.game.now())
            ))?;
            s.handle("look")?;
        }
        s.show(&game.opening)?;
        Ok(s)
    }

    /// Listens to the game's mentors while it is recorded (their requests
    /// go through the transcript's folder).
    fn listen<M: Send + 'static>(
        &self,
        tx: &mpsc::Sender<M>,
        wrap: impl Fn(Vec<Heard>) -> M + Send + 'static,
    ) -> Option<Listening> {
        let path = self
            .game
            .transcript()
            .filter(|_| self.game.is_recording())?;
        Some(Inbox::open(std::path::Path::new(path)).spawn(tx.clone(), wrap))
    }

    /// Carries out what the mentors asked, and says so.
    fn hear(&mut self, heard: Vec<Heard>) -> io::Result<()> {
        for h in heard {
            let issued = self.game.now();
            let out = crate::game::mentoring::hear(&mut self.game, h);
            if let Some(notice) = out.notice {
                self.say(&format!("({notice})"))?;
            }
            self.show_issued(&out.events, Some(issued))?;
        }
        self.report_recording()
    }

    /// Says once that the recording stopped, if it did.
    fn report_recording(&mut self) -> io::Result<()> {
        match self.game.take_stopped() {
            Some(why) => self.say(&format!("({why})")),
            None => Ok(()),
        }
    }

    /// The end of a recorded game: where the clock stopped, and the
    /// answers, each question asked on a line of its own (with a `> `
    /// prompt when a person is typing). An empty answer skips a question;
    /// the end of the input skips the one being asked.
    fn finish_recording(
        &mut self,
        prompt: bool,
        answers: &mut dyn Iterator<Item = String>,
    ) -> io::Result<()> {
        if self.game.is_recording() && self.game.is_over() {
            self.say("\nThree quick questions for your mentor (an empty answer skips one):")?;
            for q in crate::record::QUESTIONS {
                self.say(&format!("  {q}"))?;
                if prompt {
                    write!(self.out, "  > ")?;
                    self.out.flush()?;
                }
                let answer = answers.next();
                self.game.answer(q, answer.as_deref().unwrap_or_default());
                if answer.is_none() {
                    break;
                }
            }
        }
        self.game.stop();
        self.report_recording()
    }

    fn show(&mut self, events: &[Event]) -> io::Result<()> {
        self.show_issued(events, None)
    }

    /// Shows what an input given at game time `issued` did (a command's
    /// line is stamped with that moment).
    fn show_issued(&mut self, events: &[Event], issued: Option<Millis>) -> io::Result<()> {
        for e in events {
            let text = format::event_issued(self.game.sim(), e, issued);
            if !text.is_empty() {
                writeln!(self.out, "{text}")?;
            }
            // A graph is drawn right under the line that announces it.
            if let crate::sim::EventKind::Graph { metric, value } = &e.kind
                && let Some(chart) = format::chart(self.game.sim(), metric, e.at, value)
            {
                writeln!(self.out, "{chart}")?;
            }
        }
        self.out.flush()
    }

    /// Carries out one line of input, or says why it cannot.
    fn take(&mut self, line: Line) -> io::Result<()> {
        match line {
            Line::Text(text) => self.handle(&text),
            other => other.problem().map_or(Ok(()), |why| self.say(&why)),
        }
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", printable(text))?;
        self.out.flush()
    }

    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    fn handle(&mut self, line: &str) -> io::Result<()> {
        let input = match commands::parse(line, self.game.scenario()) {
            Ok(Some(i)) => i,
            Ok(None) => return Ok(()),
            Err(why) => return self.say(&format!("  {why}")),
        };
        match input {
            Input::Act(_) if self.game.keyboard().is_some() => {
                let who = self.game.keyboard().unwrap_or_default().to_string();
                self.say(&format!(
                    "  ({})",
                    crate::game::mentoring::keyboard_words(&who, "or when they leave")
                ))
            }
            Input::Act(act) => {
                let issued = self.game.now();
                let events = self.game.act(act.into());
                self.report_recording()?;
                self.show_issued(&events, Some(issued))
            }
            Input::ListMetrics => {
                let sc = self.game.sim().scenario().clone();
                let mut lines = vec!["  Metrics (`graph <name>` for one):".to_string()];
                for (i, m) in sc.metrics.iter().enumerate() {
                    let v = self.game.sim().metric_value(crate::scenario::MetricId(i));
                    // A metric in a gap says so, never a made-up zero.
                    let shown = v.map_or_else(
                        || crate::sim::eval::NO_DATA.to_string(),
                        |v| {
                            format!(
                                "{} {}",
                                crate::sim::eval::format_number((v * 10.0).round() / 10.0),
                                m.unit_word
                            )
                        },
                    );
                    lines.push(format!("    {:<18} {shown}", m.name));
                }
                self.say(&lines.join("\n"))
            }
            Input::ListDocs => {
                let sc = self.game.sim().scenario().clone();
                let mut lines =
                    vec!["  Runbooks and logs (`runbook <name>` or `logs <name>`):".to_string()];
                for d in &sc.docs {
                    let kind = match d.kind {
                        crate::scenario::DocKind::Runbook => "runbook",
                        crate::scenario::DocKind::Log => "log",
                    };
                    lines.push(format!("    {:<18} {kind:<8} {}", d.name, d.title));
                }
                self.say(&lines.join("\n"))
            }
            Input::Pages => {
                let mut lines = vec!["  Pager:".to_string()];
                if self.game.sim().pages().is_empty() {
                    lines.push("    (nothing yet)".into());
                }
                for p in self.game.sim().pages() {
                    let state = match p.state {
                        PageState::Triggered => "OPEN",
                        PageState::Acked => "acknowledged",
                        PageState::Resolved => "resolved",
                    };
                    lines.push(format!("    #{} {:<13} {}", p.id, state, p.text));
                }
                self.say(&lines.join("\n"))
            }
            Input::Look => {
                let mut lines = vec![format!(
                    "  It is {} ({}).",
                    self.game.sim().clock(),
                    crate::sim::eval::format_offset(self.game.sim().now())
                )];
                let choices = self.game.sim().choices();
                if choices.is_empty() {
                    lines.push(
                        "  No choice is waiting: work the incident (`help` lists what you can do)."
                            .into(),
                    );
                }
                for (n, c) in choices {
                    lines.push(format!("    {n}. {c}"));
                }
                self.say(&lines.join("\n"))
            }
            Input::Pause => {
                let paused = !self.game.paused();
                self.game.set_paused(paused);
                let msg = if paused {
                    "  Paused. Type `pause` again to go on."
                } else {
                    "  The clock runs again."
                };
                self.say(msg)
            }
            Input::Speed(x) => {
                let x = self.game.set_speed(x);
                self.say(&format!(
                    "  Speed: {}x game time.",
                    crate::sim::eval::format_number(x)
                ))
            }
            Input::Hypothesis(text) => match self.game.hypothesis(&text, None) {
                Some(kept) => self.say(&format!(
                    "  Noted at {}: “{kept}”. {}",
                    crate::sim::eval::format_offset(self.game.sim().now()),
                    if self.game.is_recording() {
                        "The debrief lists it beside what you had seen."
                    } else {
                        "This game is not recorded, so no debrief will list it."
                    }
                )),
                None => self.say("  Say what you think is going on after `hypothesis`."),
            },
            Input::Felt(kind, text) => match self.game.feedback(kind, &text, None) {
                Some(_) => self.say(&format!(
                    "  Noted at {}: this moment {}. {}",
                    crate::sim::eval::format_offset(self.game.sim().now()),
                    kind.phrase(),
                    if self.game.is_recording() {
                        "The scenario's author reads it in `firedrill stats`."
                    } else {
                        "This game is not recorded, so no one will read it."
                    }
                )),
                None => self.say("  Say what about this moment after `felt real`, `felt fake` or `felt confusing`."),
            },
            Input::Help => self.say(&commands::help(self.game.sim().support())),
            Input::Quit => {
                self.quit = true;
                self.say(&format!(
                    "  You left the drill at {}.",
                    crate::sim::eval::format_offset(self.game.sim().now())
                ))
            }
        }
    }

    fn prompt(&mut self, show: bool) -> io::Result<()> {
        if show && !self.game.sim().is_over() {
            // The shell's prompt says where `run` would run: user, host, folder.
            let shell = crate::base::printable::printable(&self.game.sim().prompt());
            write!(self.out, "[{shell}] > ")?;
            self.out.flush()?;
        }
        Ok(())
    }

    /// The short summary after the end (the full debrief comes later).
    fn summary(&mut self) -> io::Result<()> {
        let lines = summary_lines(self.game.sim());
        if lines.is_empty() {
            return Ok(());
        }
        self.say(&lines.join("\n"))
    }
}

/// The short summary of a game that ended: the rubric as the player met it,
/// and what really happened. Shown to the player and to a watcher.
pub fn summary_lines(sim: &crate::sim::Sim) -> Vec<String> {
    let mut lines = Vec::new();
    let summary = crate::play::summary(sim);
    if !summary.is_empty() {
        lines.push("\nHow it went:".to_string());
    }
    for l in summary {
        lines.push(format!("  [{}] {}", l.mark, l.text));
        if let Some(why) = l.why {
            lines.push(format!("      why it matters: {why}"));
        }
    }
    let real = crate::play::really_happened(sim.scenario());
    if !real.is_empty() {
        lines.push("\nWhat really happened:".to_string());
        lines.extend(real.into_iter().map(|l| format!("  {l}")));
    }
    lines
}

/// Plays turn by turn from input in hand (a script in memory): each line is
/// carried out and its cost passes. No mentor can step in; see [`play_live`].
pub fn play_practice(
    game: Game,
    opts: &Options,
    input: impl BufRead,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut s = Run::start(game, out)?;
    s.prompt(opts.prompt)?;
    let mut lines = input::lines(input);
    for line in lines.by_ref() {
        s.take(line)?;
        if s.quit || s.game.is_over() {
            break;
        }
        s.prompt(opts.prompt)?;
    }
    s.leave_or_sum_up()?;
    // Lines after the end (a script's, or the player's) answer the questions.
    s.finish_recording(opts.prompt, &mut lines.map(Line::into_answer))
}

/// Plays with the input read on a thread of its own, woken by the player's
/// lines, the clock (in real time, game time follows real time at the chosen
/// speed; in practice it waits) and the mentors' requests.
pub fn play_live(
    game: Game,
    opts: &Options,
    input: impl BufRead + Send + 'static,
    out: &mut impl Write,
) -> io::Result<()> {
    let watch = game.watch.clone();
    let mut s = Run::start(game, out)?;
    let (tx, rx) = mpsc::channel::<Msg>();
    // Saves come through the same channel as the lines: one made before a
    // line was typed is taken before that line.
    let followers = crate::game::reloading::Stop::default();
    let pending = watch.map(|path| {
        let tx = tx.clone();
        crate::game::reloading::follow_scenario(path, followers.clone(), move |saved| {
            tx.send(Msg::Saved(saved)).is_ok()
        })
    });
    // Messages taken early, while a save was awaited, in the order they came.
    let mut backlog = std::collections::VecDeque::new();
    let keys = tx.clone();
    std::thread::spawn(move || {
        for line in input::lines(input) {
            if keys.send(Msg::Line(line)).is_err() {
                return;
            }
        }
        let _ = keys.send(Msg::End);
    });
    let _listening = s.listen(&tx, Msg::Mentor);
    s.prompt(opts.prompt)?;
    let mut last = Instant::now();
    let stopped = || opts.stop.as_ref().is_some_and(|c| c.get().is_some());
    while !s.quit && !s.game.is_over() && !stopped() {
        // Sleep until the clock next ticks, or block while it stands still.
        let mut wait = s.game.next_wake().unwrap_or(Duration::from_secs(3600));
        if opts.stop.is_some() {
            wait = wait.min(STOP_CHECK);
        }
        let msg = match backlog.pop_front() {
            Some(m) => Ok(m),
            None => rx.recv_timeout(wait),
        };
        match msg {
            Ok(Msg::Line(line)) => {
                if let Some(p) = &pending {
                    s.saves_first(p, &rx, &mut backlog, &mut last, opts.prompt)?;
                }
                s.take(line)?;
                s.prompt(opts.prompt)?;
            }
            Ok(Msg::Mentor(heard)) => {
                s.hear(heard)?;
                s.prompt(opts.prompt)?;
            }
            Ok(Msg::Saved(saved)) => s.reload_now(saved, &mut last, opts.prompt)?,
            Ok(Msg::End) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {}
        }
        s.catch_up(&mut last, opts.prompt)?;
    }
    followers.stop();
    s.leave_or_sum_up()?;
    let ended = if stopped() {
        true
    } else if opts.prompt && s.game.is_over() && s.game.is_recording() {
        s.forget_typed_ahead(&rx)?
    } else {
        false
    };
    // The reader thread holds stdin: the answers come through it too.
    let mut answers = std::iter::from_fn(|| {
        if ended {
            return None;
        }
        loop {
            match rx.recv_timeout(STOP_CHECK) {
                Ok(Msg::Line(line)) => return Some(line.into_answer()),
                Ok(Msg::End) | Err(RecvTimeoutError::Disconnected) => return None,
                Ok(Msg::Mentor(_) | Msg::Saved(_)) | Err(RecvTimeoutError::Timeout) => {}
            }
            if stopped() {
                return None;
            }
        }
    });
    s.finish_recording(opts.prompt, &mut answers)
}

/// How long lines typed as the drill ended may take to arrive before the
/// questions are asked.
const TYPED_AHEAD: Duration = Duration::from_millis(300);

impl<W: Write> Run<'_, W> {
    /// Moves the clock by the real time passed since `last` (in real time)
    /// and shows what happened meanwhile.
    fn catch_up(&mut self, last: &mut Instant, prompt: bool) -> io::Result<()> {
        let events = self.game.advance_real(last.elapsed());
        *last = Instant::now();
        if events.is_empty() {
            return Ok(());
        }
        self.report_recording()?;
        self.show(&events)?;
        self.prompt(prompt)
    }

    /// Lines a person typed before the questions were asked were meant for
    /// the game, not as answers: they are dropped, and the player told.
    /// Returns whether the input ended meanwhile.
    fn forget_typed_ahead(&mut self, rx: &mpsc::Receiver<Msg>) -> io::Result<bool> {
        std::thread::sleep(TYPED_AHEAD);
        let (mut dropped, mut ended) = (0usize, false);
        while let Ok(msg) = rx.try_recv() {
            match msg {
                Msg::Line(_) => dropped += 1,
                Msg::End => ended = true,
                Msg::Mentor(_) | Msg::Saved(_) => {}
            }
        }
        if dropped > 0 {
            self.say(&format!(
                "({dropped} {} typed before the questions {} not taken as answers)",
                if dropped == 1 { "line" } else { "lines" },
                if dropped == 1 { "was" } else { "were" },
            ))?;
        }
        Ok(ended)
    }

    /// After the last input: the summary if the drill ended, or where the
    /// player left it.
    fn leave_or_sum_up(&mut self) -> io::Result<()> {
        if self.game.is_over() {
            return self.summary();
        }
        if self.quit {
            return Ok(());
        }
        let at = crate::sim::eval::format_offset(self.game.now());
        self.say(&format!("(end of input: you left the drill at {at})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tutorial() -> Arc<Scenario> {
        Arc::new(
            crate::library::check(crate::library::find("tutorial").unwrap())
                .scenario
                .unwrap(),
        )
    }

    fn run(script: &str) -> String {
        let sc = tutorial();
        let pace = Pace {
            practice: true,
            speed: 1.0,
        };
        let mut out = Vec::new();
        let game = Game::new(sc, 42, Support::default(), pace, None);
        play_practice(game, &Options::default(), script.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_script_plays_and_stops_cleanly_at_end_of_input() {
        let out = run("help\nwait 2m\npages\nfrobnicate\nlook\n");
        assert!(out.contains("=== Your first page ==="), "{out}");
        assert!(out.contains("Commands (type them"), "{out}");
        assert!(out.contains("`frobnicate` is not a command"), "{out}");
        assert!(
            out.contains("(end of input: you left the drill at T+2m"),
            "{out}"
        );
    }

    #[test]
    fn the_same_script_prints_the_same_game() {
        let script = "wait 3m\nack\n$ df -h\ngraph disk_used\nrunbook disk_full\nwait 5m\n";
        assert_eq!(run(script), run(script));
    }

    #[test]
    fn a_command_is_stamped_when_it_was_issued() {
        let out = run("wait 3m\nack\n$ df -h\n");
        // The ack took 5s; df -h was issued then, and took 5s more.
        assert!(
            out.contains("[10:03:05 T+3m5s] oncall@thumbs-01:~$ df -h  (issued; took 5s)\n"),
            "{out}"
        );
    }

    /// Output a test can read while the game writes it.
    #[derive(Clone, Default)]
    struct Shared(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn lines_typed_before_the_questions_are_not_answers() {
        let sc = tutorial();
        let pace = Pace {
            practice: true,
            speed: 1.0,
        };
        let transcript = Shared::default();
        let header = crate::transcripts::header(
            &crate::game::Offer {
                id: "tutorial".into(),
                origin: crate::game::Origin::BuiltIn,
                shown: "tutorial".into(),
                scenario: Some(sc.clone()),
                problem: None,
                source: None,
            },
            42,
            "test",
            Support::default(),
            pace,
        );
        let out: Box<dyn Write + Send> = Box::new(transcript.clone());
        let journal = crate::record::Journal::start(out, &header).unwrap();
        let recording = Recording {
            journal,
            path: "mem".into(),
        };
        let game = Game::new(sc, 42, Support::default(), pace, Some(recording));
        let (reader, mut writer) = io::pipe().unwrap();
        let screen = Shared::default();
        let mut shown = screen.clone();
        let player = std::thread::spawn(move || {
            let opts = Options {
                prompt: true,
                stop: None,
            };
            play_live(game, &opts, io::BufReader::new(reader), &mut shown)
        });
        // The drill times out at 30m; two more lines were typed for the game.
        writer.write_all(b"wait 31m\nack\nlook\n").unwrap();
        let asked = std::time::Instant::now();
        while !screen.text().contains("What felt real?") {
            assert!(
                asked.elapsed() < Duration::from_secs(20),
                "{}",
                screen.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        writer.write_all(b"the pager\n\nwhich keys\n").unwrap();
        drop(writer);
        player.join().unwrap().unwrap();
        let shown = screen.text();
        assert!(
            shown.contains("(2 lines typed before the questions were not taken as answers)"),
            "{shown}"
        );
        assert!(shown.contains("  What felt real?\n  > "), "{shown}");
        let t = crate::record::Transcript::read(&transcript.text());
        assert_eq!(
            t.answers(),
            [
                ("What felt real?".into(), "the pager".into()),
                ("What felt fake?".into(), String::new()),
                ("What was confusing?".into(), "which keys".into()),
            ]
        );
    }
}
