//! The command line: play, resume, review and debrief games; check, test,
//! explain, list and scaffold scenarios. Parsing with clap; each command
//! returns the process exit code (0 clean, 1 problems found, 2 usage or
//! unreadable input).

use crate::game::buddy::Request;
use crate::game::{Catalog, Offer, Opened, Pace, Recording, Session, Wall};
use crate::lang::{Code, render};
use crate::library;
use crate::plain::input::Line;
use crate::sim::Support;
use crate::tui::app::PlayOptions;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints a line on stderr; a closed stderr is not worth a crash.
macro_rules! complain {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check_watch;
mod start;

/// Prints a line on stdout. A closed pipe (`firedrill check x | head`) ends
/// the output quietly instead of panicking, as the reader has what it wanted.
fn say(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

mod graph;
pub(crate) mod playtests;

#[derive(Debug, Parser)]
#[command(
    name = "firedrill",
    version,
    about = "On-call training in your terminal, from real postmortems"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub offered: Offered,
    #[command(flatten)]
    pub play: PlayArgs,
}

/// Which scenarios are on offer besides the built-ins.
#[derive(Debug, Clone, Default, Args)]
pub struct Offered {
    /// Also offer the .drill files in this folder (repeatable); a bare id
    /// names one of them when no built-in has it.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Vec<PathBuf>,
}

/// How a game is played and recorded.
#[derive(Debug, Clone, Default, Args)]
pub struct PlayArgs {
    /// Use the plain-text front end even on a terminal.
    #[arg(long)]
    pub plain: bool,
    /// Write this game's transcript to FILE (default: a new file in the data folder).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub record: Option<PathBuf>,
    /// Do not record a transcript.
    #[arg(long, conflicts_with = "record")]
    pub no_record: bool,
    /// The name written in the transcript, for this game only (default:
    /// the name kept with `firedrill player`, else your login name).
    #[arg(long, value_name = "NAME")]
    pub player: Option<String>,
}

/// Who a mentor's request is from.
#[derive(Debug, Clone, Default, Args)]
pub struct MentorArgs {
    /// The name the player and the transcript see (default: your player
    /// name, `firedrill player`).
    #[arg(long = "as", value_name = "NAME")]
    pub who: Option<String>,
}

impl MentorArgs {
    fn name(&self) -> String {
        self.who
            .clone()
            .unwrap_or_else(crate::ledger::player::current)
    }
}

/// A scenario argument: any text (a path works too), but the built-in ids
/// are what shell completion offers.
fn scenario_arg() -> clap::builder::ValueParser {
    #[derive(Clone)]
    struct Scenarios;
    impl clap::builder::TypedValueParser for Scenarios {
        type Value = String;
        fn parse_ref(
            &self,
            cmd: &clap::Command,
            arg: Option<&clap::Arg>,
            value: &std::ffi::OsStr,
        ) -> Result<String, clap::Error> {
            clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
        }
        fn possible_values(
            &self,
        ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
            let ids = library::builtins().into_iter().map(|b| b.id);
            Some(Box::new(ids.map(clap::builder::PossibleValue::new)))
        }
    }
    clap::builder::ValueParser::new(Scenarios)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files (or built-in scenarios by id) and explain every problem.
    Check {
        /// `.drill` files, or ids of built-in scenarios such as `tutorial`.
        #[arg(required = true, value_parser = scenario_arg())]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Check one file again, and run its tests, each time it or an
        /// include is saved, saying what changed (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
        #[command(flatten)]
        offered: Offered,
    },
    /// Play a scenario: a built-in id (such as `tutorial`) or a .drill file.
    Play {
        /// The scenario: a built-in id, or a path (`./tutorial` for a file
        /// that shares a built-in's name).
        #[arg(value_parser = scenario_arg())]
        scenario: String,
        /// Turn-based: the clock moves only by what actions cost and `wait`
        /// (the default when stdin is not a terminal).
        #[arg(long)]
        practice: bool,
        /// Seed for the noise in the metrics (default: the scenario's).
        #[arg(long)]
        seed: Option<u64>,
        /// Game seconds per real second (default: the scenario's).
        #[arg(long)]
        speed: Option<f64>,
        /// How much help the game gives: guided (hints appear on their
        /// own), assisted (a hint when you ask: `hint`) or solo (none).
        #[arg(long, value_enum, value_name = "LEVEL", default_value_t = Support::Assisted)]
        support: Support,
        #[command(flatten)]
        offered: Offered,
        #[command(flatten)]
        how: PlayArgs,
        #[command(flatten)]
        start: start::StartArgs,
    },
    /// Run the playthrough tests written in scenario files (or built-ins by id).
    Test {
        /// `.drill` files, or ids of built-in scenarios such as `tutorial`.
        #[arg(required = true, value_parser = scenario_arg())]
        files: Vec<String>,
        /// Run only the test of this name.
        #[arg(long, value_name = "NAME")]
        only: Option<String>,
        /// Print each test's playthrough step by step: game time, input,
        /// events, and the state that changed.
        #[arg(long)]
        trace: bool,
        #[command(flatten)]
        offered: Offered,
    },
    /// Draw a scenario's shape: scenes, choices, jumps, calls, interrupts,
    /// triggers, injects and endings, the conditions that gate each move,
    /// and what no path reaches.
    Graph {
        /// A `.drill` file, or the id of a built-in scenario such as `tutorial`.
        #[arg(value_parser = scenario_arg())]
        scenario: String,
        /// text (a tree for the terminal), dot (Graphviz) or mermaid.
        #[arg(long, value_enum, default_value_t = graph::ShapeFormat::Text)]
        format: graph::ShapeFormat,
        #[command(flatten)]
        offered: Offered,
    },
    /// Print the catalogue entry of a diagnostic code, such as FD0107.
    Explain {
        /// The code, such as FD0107.
        code: String,
    },
    /// List recorded games, newest first: when, who, which scenario, how
    /// it went, and where the transcript is.
    Games {
        #[command(subcommand)]
        mark: Option<GamesCommand>,
        /// Only this player's games.
        #[arg(long, value_name = "NAME")]
        player: Option<String>,
        /// Only the games of this scenario (its id).
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Read the transcripts in DIR (repeatable; a team's shared folder,
        /// say) instead of your own transcripts folder.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Show the name your games are recorded under, or keep a new one.
    Player {
        /// The new name (one line, at most 64 characters).
        name: Option<String>,
    },
    /// List the built-in scenarios (and those in any --dir).
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        offered: Offered,
    },
    /// Start a new scenario: NAME.drill, checking clean, every section explained.
    New {
        /// The scenario's id, which is also its file name: `acme-2024-db-failover`.
        name: String,
        /// Fill in the metadata and the real timeline from a Markdown postmortem.
        #[arg(long, value_name = "FILE.md", value_hint = ValueHint::FilePath)]
        from_postmortem: Option<PathBuf>,
        /// Where to write it (default: NAME.drill here). Never overwrites a file.
        #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
    },
    /// Go on with a game that was cut off, from its transcript.
    Resume {
        /// The transcript (a `.ron` file) to replay and continue.
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// Use the plain-text front end even on a terminal.
        #[arg(long)]
        plain: bool,
    },
    /// Follow a game in progress from another terminal, read-only: the
    /// player's screen as they play, with a mentor view they never see;
    /// then its ending and summary.
    Watch {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath, required_unless_present = "latest")]
        transcript: Option<PathBuf>,
        /// The newest transcript in your data folder.
        #[arg(long, conflicts_with = "transcript")]
        latest: bool,
        /// Print the events as plain text (for screen readers, logs and
        /// scripts) instead of the full-screen watcher.
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Whisper a hint, in your words, to the player of a game in progress.
    Hint {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// What to tell the player.
        #[arg(required = true)]
        text: Vec<String>,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Fire one of the scenario's injects in a game in progress.
    Inject {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// The inject's name, as the scenario declares it.
        name: String,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Pause the clock of a game in progress, for both seats (`--go`: start it again).
    Pause {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// Start the clock again.
        #[arg(long)]
        go: bool,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Take the keyboard of a game in progress (`--give`: hand it back).
    Keyboard {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// Hand the keyboard back to the player.
        #[arg(long)]
        give: bool,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Play one action in a game in progress while you have the keyboard,
    /// in the words a player types (`ack`, `run df -h`, `choose 2`).
    Act {
        /// The game's transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// The action, in a player's words (quote it when it has a word
        /// starting with `-`: `"run df -h"`).
        #[arg(required = true)]
        words: Vec<String>,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// Step through a recorded game with a new hire, and pin notes to its
    /// moments (each author's notes go to a file of their own beside it).
    Review {
        /// The transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        #[command(flatten)]
        mentor: MentorArgs,
    },
    /// What if: start a new game from a moment of a recorded one. The
    /// actions up to it are replayed, then you play on; the new game has a
    /// transcript of its own, and the recorded one is never changed.
    Fork {
        /// The recorded game (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// The moment: an offset from the start (`T+7m`, `T+7m20s`) or the
        /// incident's clock (`13:47`).
        #[arg(long, value_name = "MOMENT")]
        at: String,
        #[command(flatten)]
        how: PlayArgs,
    },
    /// Write the debrief of a recorded game: what you did, what the
    /// responders really did, and the questions to talk over.
    Debrief {
        /// The transcript (a `.ron` file).
        #[arg(value_hint = ValueHint::FilePath)]
        transcript: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DebriefFormat::Term)]
        format: DebriefFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
    },
    /// Onboarding progress: each player's bucket list, every item checked
    /// or open, the game and moment that earned a checked one, and the
    /// drill to play next. `progress sign` records a mentor's sign-off.
    #[command(args_conflicts_with_subcommands = true)]
    Progress(ProgressArgs),
    /// What players tell a scenario's author, across every recorded game of
    /// it: how games ended, key actions and red herrings, hints, choices,
    /// think times, and what felt real, felt fake or was confusing.
    Stats {
        /// One scenario's id (all scenarios found when left out).
        scenario: Option<String>,
        /// A folder of transcripts (and one more level of folders below,
        /// such as one per player); may be given more than once. Default:
        /// this player's transcripts folder.
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Term)]
        format: StatsFormat,
        /// Show who wrote each note (left out unless asked for).
        #[arg(long)]
        names: bool,
    },
    /// Print a shell completion script: `firedrill completions bash > ...`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `firedrill man | man -l -`.
    Man,
    /// Serve the Language Server Protocol on stdin and stdout, for editors:
    /// diagnostics as you type, completion, hover, outline, test lenses.
    Lsp,
}

/// What `firedrill games` does besides listing.
#[derive(Debug, Subcommand)]
pub enum GamesCommand {
    /// Mark one of your games: a throwaway counts nowhere, a private game
    /// counts only in your own progress; `counts` takes the mark away.
    Mark {
        /// The game's transcript (a `.ron` file).
        game: PathBuf,
        /// throwaway, private or counts.
        #[arg(value_enum)]
        how: MarkWord,
    },
}

/// `firedrill progress`: whose list, from which folders, in which format.
#[derive(Debug, Clone, Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    pub sign: Option<ProgressCommand>,
    /// Only this player's list (shown even before their first game).
    #[arg(long, value_name = "NAME")]
    pub player: Option<String>,
    /// A folder of transcripts (repeatable; default: your transcripts
    /// folder). A team folder may hold a folder per player; its .drill
    /// files are suggested too.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Term)]
    pub format: ProgressFormat,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ProgressCommand {
    /// A mentor signs off an item for a player (kept in `signoffs.ron`
    /// beside the transcripts, appended to, never rewritten).
    Sign {
        /// The player's name, as their transcripts say it.
        player: String,
        /// The item's id (`firedrill progress --format json` lists them).
        item: String,
        /// Who signs it off.
        #[arg(long, value_name = "MENTOR")]
        by: String,
        /// What they saw, in a line.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The transcripts folder to keep it in (default: your transcripts folder).
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarkWord {
    Throwaway,
    Private,
    Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// Plain text for the terminal.
    Term,
    /// Markdown, to file as evidence or paste into a ticket.
    Md,
    /// One self-contained HTML page.
    Html,
    /// Everything, for tools.
    Json,
    /// A row per player and item, for a spreadsheet.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DebriefFormat {
    /// Coloured text for the terminal.
    Term,
    /// Markdown, to read together or paste into a ticket.
    Md,
    /// One self-contained HTML page with the graphs drawn in SVG.
    Html,
    /// The debrief's data in RON, for tools.
    Ron,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Text for the terminal.
    Term,
    /// Markdown, to keep beside the scenario.
    Md,
    /// One self-contained HTML page.
    Html,
    /// The figures as JSON, for tools.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `--support guided|assisted|solo`: the engine's own levels, by their words.
impl ValueEnum for Support {
    fn value_variants<'a>() -> &'a [Self] {
        &Support::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.word()).help(self.what()))
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let code = match cli.command {
        None if terminal && record_target_taken(&cli.play) => 2,
        None if terminal && !cli.play.plain => {
            let offers = Catalog::new(&cli.offered.dir).offers();
            tui(offers, None, PlayOptions::default(), &cli.play)
        }
        None if terminal => pick_and_play(&cli.offered, &cli.play),
        None => {
            list(&Catalog::new(&cli.offered.dir), true);
            0
        }
        Some(command) => run(command),
    };
    ExitCode::from(code)
}

/// Runs one command.
fn run(command: Command) -> u8 {
    match command {
        Command::List { format, offered } => list_cmd(&Catalog::new(&offered.dir), format),
        c @ (Command::Games { .. } | Command::Player { .. } | Command::Stats { .. }) => {
            ledger_cmd(c)
        }
        Command::New {
            name,
            from_postmortem,
            output,
        } => new_scenario(&name, from_postmortem.as_deref(), output),
        Command::Explain { code } => explain(&code),
        Command::Check {
            files, watch: true, ..
        } => check_watch::watch_one(&files),
        Command::Check {
            files,
            format,
            deny_warnings,
            offered,
            ..
        } => check(&Catalog::new(&offered.dir), &files, format, deny_warnings),
        Command::Test {
            files,
            only,
            trace,
            offered,
        } => playtests::run(
            &Catalog::new(&offered.dir),
            &files,
            &playtests::Options { only, trace },
        ),
        Command::Graph {
            scenario,
            format,
            offered,
        } => graph::graph(&offered, &scenario, format),
        Command::Play {
            scenario,
            practice,
            seed,
            speed,
            support,
            offered,
            how,
            start,
        } => {
            let options = PlayOptions {
                practice,
                seed,
                speed,
                support,
            };
            let catalog = Catalog::new(&offered.dir);
            if start.any() {
                return start::play(&catalog, &scenario, options, &how, &start);
            }
            play(&catalog, &scenario, options, &how)
        }
        Command::Resume { transcript, plain } => resume(&transcript, plain),
        Command::Review { transcript, mentor } => review(&transcript, &mentor),
        Command::Fork {
            transcript,
            at,
            how,
        } => fork_at(&transcript, &at, &how),
        Command::Watch {
            transcript,
            latest,
            plain,
            mentor,
        } => watch(transcript, latest, plain, &mentor),
        Command::Debrief {
            transcript,
            format,
            output,
        } => debrief(&transcript, format, output.as_deref()),
        c @ (Command::Hint { .. }
        | Command::Inject { .. }
        | Command::Pause { .. }
        | Command::Keyboard { .. }
        | Command::Act { .. }) => mentor_cmd(c),
        Command::Progress(args) => progress(args),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
        Command::Lsp => crate::lsp::run(),
    }
}

/// The commands a mentor sends to a game in progress.
fn mentor_cmd(command: Command) -> u8 {
    match command {
        Command::Hint {
            transcript,
            text,
            mentor,
        } => intervene(&transcript, &mentor, Ok(Request::Whisper(text.join(" ")))),
        Command::Inject {
            transcript,
            name,
            mentor,
        } => intervene(&transcript, &mentor, Ok(Request::Inject(name))),
        Command::Pause {
            transcript,
            go,
            mentor,
        } => intervene(&transcript, &mentor, Ok(Request::Pause(!go))),
        Command::Keyboard {
            transcript,
            give,
            mentor,
        } => intervene(&transcript, &mentor, Ok(Request::Keyboard(!give))),
        Command::Act {
            transcript,
            words,
            mentor,
        } => intervene(
            &transcript,
            &mentor,
            crate::plain::mentor::action(&words.join(" ")).map(Request::Act),
        ),
        // `run` hands over only the commands above.
        _ => 2,
    }
}

/// `firedrill progress`: the bucket lists, or (`sign`) a mentor's sign-off.
/// Unreadable files are warnings on stderr, never the end of the report.
fn progress(args: ProgressArgs) -> u8 {
    use crate::ledger::progress::{self, render};
    if let Some(ProgressCommand::Sign {
        player,
        item,
        by,
        note,
        dir,
    }) = args.sign
    {
        return progress_sign(&player, &item, &by, note.as_deref(), dir);
    }
    let own = args.dir.is_empty();
    let dirs = if own {
        let Some(d) = crate::transcripts::default_dir() else {
            complain!("error: no data folder on this machine; name one with --dir");
            return 2;
        };
        // Before the first recorded game there is no folder yet: nothing
        // to warn about.
        if d.is_dir() { vec![d] } else { Vec::new() }
    } else {
        args.dir.clone()
    };
    let mut ask = progress::Ask {
        player: args
            .player
            .as_deref()
            .and_then(crate::ledger::player::clean),
        me: crate::ledger::player::current(),
        dirs,
    };
    let offers = Catalog::new(&args.dir).offers();
    let list = progress::bucket::load();
    let mut report = progress::report(&ask, &list, &offers);
    if own && report.players.is_empty() {
        // Your own folder and no games yet: your own list, all open.
        ask.player = Some(ask.me.clone());
        report = progress::report(&ask, &list, &offers);
    }
    for w in &report.warnings {
        complain!("warning: {}", crate::base::printable::printable(w));
    }
    let text = match args.format {
        ProgressFormat::Term => render::terminal(&report),
        ProgressFormat::Md => render::markdown(&report),
        ProgressFormat::Html => render::html(&report),
        ProgressFormat::Json => render::json(&report),
        ProgressFormat::Csv => render::csv_rows(&report),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    0
}

/// `firedrill progress sign`: appends a sign-off, refusing an item the
/// bucket list does not have (with the nearest id).
fn progress_sign(
    player: &str,
    item: &str,
    by: &str,
    note: Option<&str>,
    dir: Option<PathBuf>,
) -> u8 {
    use crate::ledger::player::clean;
    use crate::ledger::progress::{SignOff, bucket, signoff};
    let list = bucket::load();
    for w in &list.warnings {
        complain!("warning: {}", crate::base::printable::printable(w));
    }
    if list.get(item).is_none() {
        let ids = list.items.iter().map(|i| i.id.as_str());
        let near = crate::base::words::closest(item, ids)
            .map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
        complain!(
            "error: the bucket list has no item `{}`{near}",
            crate::base::printable::printable(item)
        );
        return 2;
    }
    let (Some(player), Some(by)) = (clean(player), clean(by)) else {
        complain!("error: the player's and the mentor's names must not be empty");
        return 2;
    };
    let Some(dir) = dir.or_else(crate::transcripts::default_dir) else {
        complain!("error: no data folder on this machine; name one with --dir");
        return 2;
    };
    let sign = SignOff {
        player,
        item: item.to_string(),
        by,
        at: crate::transcripts::now_rfc3339(),
        note: note.and_then(clean_note),
    };
    match signoff::append(&dir, &sign) {
        Ok(path) => {
            say(&crate::base::printable::printable(&format!(
                "signed off `{}` for {} by {} in {}",
                sign.item,
                sign.player,
                sign.by,
                path.display()
            )));
            0
        }
        Err(e) => {
            complain!("error: cannot keep the sign-off: {e}");
            1
        }
    }
}

/// A sign-off's note: one line, at most 500 characters.
fn clean_note(note: &str) -> Option<String> {
    let one: String = note
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(500)
        .collect();
    let one = one.trim();
    (!one.is_empty()).then(|| one.to_string())
}

/// `firedrill completions`: the script clap writes for `shell`. Fish's
/// generator completes no positional argument, so for fish the scenario ids
/// are added by hand (files still complete beside them).
fn completions(shell: clap_complete::Shell) -> u8 {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "firedrill", &mut out);
    if shell == clap_complete::Shell::Fish {
        let ids: Vec<&str> = library::builtins().iter().map(|b| b.id).collect();
        let line = format!(
            "complete -c firedrill -n \"__fish_seen_subcommand_from play check test\" -a \"{}\" -d 'built-in scenario'\n",
            ids.join(" ")
        );
        out.extend_from_slice(line.as_bytes());
    }
    let _ = std::io::stdout().write_all(&out);
    0
}

/// `firedrill man`: the manual page, from the same definitions as `--help`.
fn man() -> u8 {
    let page = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    match page.render(&mut out) {
        Ok(()) => {
            let _ = std::io::stdout().write_all(&out);
            0
        }
        Err(e) => {
            complain!("firedrill: cannot write the manual page: {e}");
            1
        }
    }
}

/// Runs the terminal UI over `offers`, optionally straight into offer `start`.
fn tui(offers: Vec<Offer>, start: Option<usize>, options: PlayOptions, how: &PlayArgs) -> u8 {
    tui_status(crate::tui::run(
        offers,
        options,
        start,
        recorder_factory(how),
    ))
}

/// The exit status of the terminal UI: 0 when the player left, 128 + n
/// after signal n (the terminal is given back and the transcript closed by then).
fn tui_status(result: std::io::Result<crate::tui::Exit>) -> u8 {
    match result {
        Ok(crate::tui::Exit::Left) => 0,
        Ok(crate::tui::Exit::Signal(n)) => {
            complain!("firedrill: stopped by {}", crate::signals::name(n));
            crate::signals::exit_status(n)
        }
        Err(e) => {
            complain!("firedrill: the terminal UI failed: {e}");
            1
        }
    }
}

/// Opens a transcript for each game the terminal UI starts.
fn recorder_factory(how: &PlayArgs) -> Option<crate::tui::app::RecorderFactory> {
    if how.no_record {
        return None;
    }
    let mut how = how.clone();
    // Asked now, if at all: once the terminal UI has the screen it cannot ask.
    how.player = Some(crate::ledger::player::for_new_game(how.player.as_deref()));
    Some(Box::new(move |offer, seed, support, pace| {
        // A second game in one session must not overwrite the first's transcript.
        let once = PlayArgs {
            record: how.record.take(),
            ..how.clone()
        };
        start_recording(&once, offer, seed, support, pace)
    }))
}

/// Starts recording a new game; a transcript that cannot be written is
/// reported and the game goes on unrecorded.
fn start_recording(
    how: &PlayArgs,
    offer: &Offer,
    seed: u64,
    support: Support,
    pace: Pace,
) -> Option<Recording> {
    if how.no_record {
        return None;
    }
    let source = offer.source.as_ref()?;
    let player = crate::ledger::player::for_new_game(how.player.as_deref());
    let header = crate::transcripts::header(offer, seed, &player, support, pace);
    record_to(how, &header, source)
}

/// Creates a new transcript (at `--record`, or a new file in the data
/// folder) with `header` and the scenario's `source`; one that cannot be
/// written is reported and the game goes on unrecorded.
fn record_to(
    how: &PlayArgs,
    header: &crate::record::Header,
    source: &crate::record::Source,
) -> Option<Recording> {
    if how.no_record {
        return None;
    }
    let Some(path) = how.record.clone().or_else(|| {
        crate::transcripts::default_dir()
            .map(|d| crate::transcripts::new_path(&d, &header.scenario))
    }) else {
        complain!(
            "firedrill: no data folder to record into; the game is not recorded (use --record FILE)"
        );
        return None;
    };
    let lock = match crate::transcripts::lock::acquire(&path, &header.player, &header.started) {
        Ok(lock) => lock,
        Err(e) => {
            complain!(
                "firedrill: cannot record to `{}`: {e}; the game is not recorded",
                path.display()
            );
            return None;
        }
    };
    match crate::transcripts::create(&path, header, source, lock) {
        Ok(journal) => Some(Recording {
            journal,
            path: path.display().to_string(),
        }),
        Err(e) => {
            complain!(
                "firedrill: cannot record to `{}`: {e}; the game is not recorded",
                path.display()
            );
            None
        }
    }
}

/// Resolves a scenario argument, printing its note; `Err` holds the exit code.
fn resolve(catalog: &Catalog, arg: &str) -> Result<crate::game::Resolved, u8> {
    match catalog.resolve(arg) {
        Ok(r) => {
            if let Some(note) = &r.note {
                complain!("firedrill: note: {note}");
            }
            Ok(r)
        }
        Err(e) => {
            complain!("firedrill: {e}");
            Err(2)
        }
    }
}

/// `--record` onto a file that exists, or beside a lock file that is not a
/// regular file, is refused before any game starts (saying so; the caller
/// exits 2): a transcript is never written over, and a game the player asked
/// to record never goes on unrecorded for want of its lock.
fn record_target_taken(how: &PlayArgs) -> bool {
    let Some(path) = how.record.as_deref().filter(|_| !how.no_record) else {
        return false;
    };
    if !crate::transcripts::taken(path) {
        // The lock beside it must be a file the game can take (a pipe or a
        // folder put there would leave the game unrecorded after it began).
        let lock = crate::transcripts::lock::lock_path(path);
        if crate::transcripts::taken(&lock)
            && let Err(e) = crate::files::open_regular(&lock)
        {
            complain!(
                "firedrill: cannot record to `{}`: its lock file `{}` cannot be used: {e}",
                path.display(),
                lock.display()
            );
            return true;
        }
        return false;
    }
    if let Some(who) = crate::transcripts::lock::holder(path) {
        complain!(
            "firedrill: `{}` is being played now by {who}; a transcript has one writer at a time (follow it with `firedrill watch {} --plain`)",
            path.display(),
            path.display()
        );
        return true;
    }
    complain!(
        "firedrill: `{}` already exists; --record never replaces a file: choose a new name",
        path.display()
    );
    true
}

fn play(catalog: &Catalog, arg: &str, options: PlayOptions, how: &PlayArgs) -> u8 {
    if record_target_taken(how) {
        return 2;
    }
    let resolved = match resolve(catalog, arg) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if resolved.checked.scenario.is_none() {
        let checked = &resolved.checked;
        let _ = write!(std::io::stdout(), "{}", shown_diagnostics(checked));
        complain!("firedrill: `{arg}` has errors; fix them before playing (see above)");
        return 1;
    }
    if let Some(s) = options
        .speed
        .filter(|s| !crate::game::session::SPEEDS.contains(s))
    {
        complain!("firedrill: --speed takes a number from 0.25 to 1000, not {s}");
        return 2;
    }
    let offer = Offer::from(resolved);
    let interactive = std::io::stdin().is_terminal();
    if interactive && std::io::stdout().is_terminal() && !how.plain {
        let mut offers = catalog.offers();
        let start = if let Some(i) = offers
            .iter()
            .position(|o| o.origin == offer.origin && o.id == offer.id)
        {
            i
        } else {
            offers.push(offer);
            offers.len() - 1
        };
        return tui(offers, Some(start), options, how);
    }
    let Some(sc) = offer.scenario.clone() else {
        return 1;
    };
    let seed = options.seed.unwrap_or(sc.meta.seed);
    let pace = Pace {
        practice: options.practice || !interactive,
        speed: options.speed.unwrap_or(sc.meta.speed),
    };
    let recording = start_recording(how, &offer, seed, options.support, pace);
    let game = crate::plain::Game::new(sc, seed, options.support, pace, recording);
    run_plain(game, interactive)
}

/// Plays a game in the plain front end, then says where its transcript is.
fn run_plain(game: crate::plain::Game, interactive: bool) -> u8 {
    let path = game.session.transcript().map(str::to_string);
    let opts = crate::plain::Options {
        prompt: interactive,
        stop: None,
    };
    if let Some(p) = &path {
        let _ = writeln!(std::io::stdout(), "(recording to {p})");
    }
    // Practice too reads its input on a thread of its own, so a mentor's
    // whisper reaches a player who is thinking, not only after their next line.
    let (result, caught) = if interactive && std::io::stdout().is_terminal() {
        play_on_terminal(game, opts.prompt)
    } else {
        // Input ends at an ending signal, so the game closes its transcript
        // as at the end of input.
        let (input, caught) = crate::signals::Input::stdin();
        let result = crate::plain::play_live(game, &opts, input, &mut std::io::stdout().lock());
        (result, caught)
    };
    let mut out = std::io::stdout().lock();
    // Whether the game ended, was left or its input ran out: where its
    // transcript is, or that there is none.
    let _ = writeln!(out);
    for line in crate::game::leaving::transcript_lines(path.as_deref()) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(n) = caught.get() {
        complain!("firedrill: stopped by {}", crate::signals::name(n));
        return crate::signals::exit_status(n);
    }
    match result {
        Ok(()) => 0,
        // The reader went away (`| head`): nothing left to tell.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            complain!("firedrill: {e}");
            1
        }
    }
}

/// Plays with the player's line edited on the terminal, so the game's
/// events never land in the middle of a half-typed command; the terminal is
/// given back however the game ends (the guard's drop, or a panic's hook).
/// An ending signal ends the input, as off a terminal.
fn play_on_terminal(
    game: crate::plain::Game,
    prompt: bool,
) -> (std::io::Result<()>, crate::signals::Caught) {
    let caught = crate::signals::catch_ending();
    let opts = crate::plain::Options {
        prompt,
        stop: Some(caught.clone()),
    };
    let result = match crate::plain::tty::start(caught.clone()) {
        Ok((raw, editor, mut out)) => {
            let result = crate::plain::play_live(game, &opts, editor, &mut out);
            drop(raw);
            result
        }
        Err(e) => Err(e),
    };
    (result, caught)
}

/// Opens a transcript (saying which copy of its scenario it replays on,
/// and anything that is off). `None`, after saying why, when it cannot be replayed.
fn load_transcript(path: &Path) -> Option<Opened> {
    match crate::game::transcript::open(path) {
        Ok(o) => {
            for w in &o.warnings {
                complain!("firedrill: {}", render::printable(w));
            }
            // Say which copy of the scenario is replayed, every time: a
            // mentor comparing two debriefs needs to know.
            complain!(
                "firedrill: replaying on {}",
                render::printable(&o.copy.describe())
            );
            Some(o)
        }
        Err(e) => {
            for p in e.problems.iter().chain([&e.reason]) {
                complain!("firedrill: {}", render::printable(p));
            }
            None
        }
    }
}

/// `firedrill resume`: replays a transcript and goes on playing, appending to it.
fn resume(path: &Path, plain: bool) -> u8 {
    // Taken before the transcript is read, so nothing is appended between
    // the reading and the writing; refused while another game writes it.
    let lock = match lock_to_resume(path) {
        Ok(lock) => lock,
        Err(code) => return code,
    };
    let Some(opened) = load_transcript(path) else {
        return 1;
    };
    if let Some(why) = not_resumable(&opened, path) {
        complain!("firedrill: `{}` {why}", path.display());
        return 1;
    }
    let appended = match lock {
        Some(lock) => crate::transcripts::append(path, lock),
        None => Err(std::io::Error::other("it cannot be locked")),
    };
    let recording = match appended {
        Ok((journal, kept)) => {
            if let Some(kept) = kept {
                complain!(
                    "firedrill: the last line of `{}` was cut off; it is removed before the game goes on, and the file as it was is kept in `{}`",
                    path.display(),
                    kept.display()
                );
            }
            Some(Recording {
                journal,
                path: path.display().to_string(),
            })
        }
        Err(e) => {
            complain!(
                "firedrill: cannot append to `{}`: {e}; going on unrecorded",
                path.display()
            );
            None
        }
    };
    let interactive = std::io::stdin().is_terminal();
    let header = &opened.header;
    let pace = Pace {
        practice: header.mode == crate::record::Mode::Practice || !interactive,
        speed: header.speed,
    };
    let wall = Wall::Real(std::time::Instant::now());
    // Real time goes on from where the transcript left off.
    let session = Session::resume(opened.replay.sim, pace, recording, wall)
        .real_from(opened.transcript.last_real().unwrap_or(0));
    if interactive && std::io::stdout().is_terminal() && !plain {
        let entry = Offer {
            id: header.scenario.clone(),
            origin: crate::game::Origin::File(path.to_path_buf()),
            shown: path.display().to_string(),
            scenario: Some(opened.scenario),
            problem: None,
            source: None,
        };
        return tui_status(crate::tui::resume(entry, session, opened.replay.events));
    }
    let game = crate::plain::Game {
        session,
        opening: Vec::new(),
        resumed: true,
        watch: None,
    };
    run_plain(game, interactive)
}

/// The lock of a transcript about to be resumed: `Err(2)` (said) while
/// another game writes it, `Err(1)` when it cannot be read; `None` (said) when it
/// cannot be locked, and the game goes on unrecorded.
fn lock_to_resume(path: &Path) -> Result<Option<crate::transcripts::lock::Held>, u8> {
    if let Err(e) = crate::files::open_regular(path) {
        complain!("firedrill: cannot read `{}`: {e}", path.display());
        return Err(1);
    }
    let player = crate::ledger::player::current();
    let now = crate::transcripts::now_rfc3339();
    match crate::transcripts::lock::acquire(path, &player, &now) {
        Ok(lock) => Ok(Some(lock)),
        Err(crate::transcripts::lock::Refused::Busy(who)) => {
            complain!(
                "firedrill: `{}` is being played now by {who}; a transcript has one writer at a time (follow it with `firedrill watch {} --plain`)",
                path.display(),
                path.display()
            );
            Err(2)
        }
        Err(e) => {
            complain!(
                "firedrill: `{}`: {e}; the game will not be recorded",
                path.display()
            );
            Ok(None)
        }
    }
}

/// Why a transcript cannot be resumed (its game ended, or it was not read
/// whole): appending to it would corrupt it.
fn not_resumable(opened: &Opened, path: &Path) -> Option<String> {
    let t = &opened.transcript;
    let ended = t
        .events()
        .any(|e| matches!(e.kind, crate::sim::EventKind::Ended { .. }));
    if ended || opened.replay.sim.is_over() || !t.answers().is_empty() {
        return Some(format!(
            "is a game that has ended: there is nothing to resume (its debrief: firedrill debrief {})",
            path.display()
        ));
    }
    t.over_limit.then(|| {
        format!(
            "has a line longer than the limit of {}, so it was not read whole: resume writes nothing to it",
            crate::files::size_words(crate::record::MAX_LINE as u64)
        )
    })
}

/// `firedrill watch`: follows a game from its transcript. Exit 0 when it
/// ended, 1 when it stopped without an ending, 2 when there is nothing to watch.
fn watch(transcript: Option<PathBuf>, latest: bool, plain: bool, mentor: &MentorArgs) -> u8 {
    let path = match transcript {
        Some(p) if !latest => p,
        _ => match latest_transcript() {
            Ok(p) => p,
            Err(why) => {
                complain!("firedrill: {why}");
                return 2;
            }
        },
    };
    let full_screen = !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if !plain && !full_screen {
        complain!("firedrill: note: not a terminal, so the plain feed is shown (as with --plain)");
    }
    let (feed, opened) = match crate::game::feed::Feed::open(&path) {
        Ok(f) => f,
        Err(e) => {
            for p in e.problems.iter().chain([&e.reason]) {
                complain!("firedrill: {}", render::printable(p));
            }
            return 2;
        }
    };
    for w in &opened.warnings {
        complain!("firedrill: {}", render::printable(w));
    }
    let seat = feed.is_live().then(|| take_seat(&path, mentor)).flatten();
    if full_screen {
        let me = seat.as_ref().map(crate::game::buddy::Presence::who);
        return tui_status(crate::tui::watch(joined(&path, opened, me), feed, seat));
    }
    let _seat = seat;
    let mut out = std::io::stdout().lock();
    match crate::plain::watch::watch(feed, opened, &mut out) {
        Ok(crate::plain::watch::Outcome::Ended) => 0,
        Ok(_) => 1,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            complain!("firedrill: {e}");
            1
        }
    }
}

/// The game as the watcher's feed found it, for the full-screen watcher.
fn joined(
    path: &Path,
    opened: crate::game::Opened,
    me: Option<String>,
) -> crate::tui::watch::Joined {
    let crate::game::Opened {
        transcript,
        header,
        scenario,
        replay,
        ..
    } = opened;
    let pace = crate::game::Pace::recorded(&header);
    crate::tui::watch::Joined {
        entry: Offer {
            id: header.scenario.clone(),
            origin: crate::game::Origin::File(path.to_path_buf()),
            shown: path.display().to_string(),
            scenario: Some(scenario),
            problem: None,
            source: None,
        },
        session: Session::resume(replay.sim, pace, None, crate::game::Wall::None),
        seen: replay.events,
        entries: transcript.entries,
        player: header.player,
        transcript: path.display().to_string(),
        me,
    }
}

/// A watcher's seat at a live game, so the game journals who watches and
/// when; a folder the watcher cannot write only means watching unseen.
fn take_seat(transcript: &Path, mentor: &MentorArgs) -> Option<crate::game::buddy::Presence> {
    match crate::game::buddy::Presence::start(transcript, &mentor.name()) {
        Ok(seat) => Some(seat),
        Err(e) => {
            complain!(
                "firedrill: note: watching without a seat (the game will not know you watch, and you cannot step in): cannot write beside the transcript: {e}"
            );
            None
        }
    }
}

/// A mentor's one-shot request: sent, and what the game did with it said.
fn intervene(
    transcript: &Path,
    mentor: &MentorArgs,
    request: Result<crate::game::buddy::Request, String>,
) -> u8 {
    let request = match request {
        Ok(r) => r,
        Err(why) => {
            complain!("firedrill: {why}");
            return 2;
        }
    };
    let (code, words) = crate::plain::mentor::send(transcript, &mentor.name(), &request);
    if code == 0 {
        say(&format!("firedrill: {words}"));
    } else {
        complain!("firedrill: {words}");
    }
    code
}

/// The newest transcript (by the time it was last written) in the data folder.
fn latest_transcript() -> Result<PathBuf, String> {
    let dir = crate::transcripts::default_dir()
        .ok_or("there is no data folder to look for games in; name the transcript")?;
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot look for games in `{}`: {e}", dir.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let meta = std::fs::metadata(&p)
                .ok()
                .filter(std::fs::Metadata::is_file)?;
            Some((meta.modified().ok()?, p))
        })
        .max()
        .map(|(_, p)| p)
        .ok_or_else(|| format!("there is no game in `{}` to watch", dir.display()))
}

/// Mentor notes beside a transcript; what could not be read of them is said.
/// The notes of every mentor, each damaged file or line said on stderr
/// (the debrief and review say it too).
fn notes_of(path: &Path) -> crate::transcripts::Notes {
    let notes = crate::transcripts::read_notes(path);
    for w in &notes.warnings {
        complain!("firedrill: warning: {}", render::printable(w));
    }
    notes
}

/// `firedrill review`: the recorded game in the terminal UI, for a mentor.
/// A fork asked for there starts once review is left.
fn review(path: &Path, mentor: &MentorArgs) -> u8 {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        complain!(
            "firedrill: review needs a terminal; for text, use `firedrill debrief {}`",
            path.display()
        );
        return 2;
    }
    let Some(Opened {
        transcript: t,
        scenario: sc,
        replay: r,
        versions,
        ..
    }) = load_transcript(path)
    else {
        return 1;
    };
    let notes = notes_of(path);
    let review = crate::tui::review::Review::new(sc, t, &r, notes.notes)
        .on(versions)
        .by(&mentor.name())
        .with_problems(notes.warnings);
    match crate::tui::review(review, path) {
        Ok((crate::tui::Exit::Left, Some(at))) => {
            let how = PlayArgs {
                player: mentor.who.clone(),
                ..PlayArgs::default()
            };
            fork(path, at, &how)
        }
        result => tui_status(result.map(|(exit, _)| exit)),
    }
}

/// `firedrill debrief`: the debrief of a transcript, in the chosen form.
fn debrief(path: &Path, format: DebriefFormat, output: Option<&Path>) -> u8 {
    if let Some(out) = output
        && let Some(why) = crate::transcripts::guard_output(path, out)
    {
        complain!("firedrill: will not write to `{}`: {why}", out.display());
        return 2;
    }
    let Some(Opened {
        transcript: t,
        scenario: sc,
        replay: r,
        hash,
        ..
    }) = load_transcript(path)
    else {
        return 1;
    };
    let notes = notes_of(path);
    let fork = t.header.as_ref().and_then(|h| h.fork.clone());
    let mut d = crate::record::debrief::build(&sc, &t, &r, &notes.notes).with_current_hash(&hash);
    d.warnings.extend(notes.warnings);
    if let Some(point) = fork {
        let parent = parent_debrief(&point);
        d.what_if = Some(crate::record::debrief::what_if(
            &d,
            &point,
            parent.as_ref().map_err(Clone::clone),
        ));
    }
    let text = match format {
        // Colour only on a terminal, and not under NO_COLOR (no-color.org).
        DebriefFormat::Term => crate::record::debrief::terminal(
            &d,
            output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        ),
        DebriefFormat::Md => crate::record::debrief::markdown(&d),
        DebriefFormat::Html => crate::record::debrief::html(&d),
        DebriefFormat::Ron => crate::record::debrief::to_ron(&d),
    };
    if let Some(out) = output {
        match std::fs::write(out, text) {
            Ok(()) => {
                say(&format!("wrote {}", out.display()));
                0
            }
            Err(e) => {
                complain!("firedrill: cannot write `{}`: {e}", out.display());
                2
            }
        }
    } else {
        say(text.trim_end());
        0
    }
}

/// `firedrill stats`: every recorded game of a scenario summed up for its
/// author. A file that cannot be read is named and skipped; nothing is
/// written.
fn stats(scenario: Option<String>, dirs: Vec<PathBuf>, format: StatsFormat, names: bool) -> u8 {
    let dirs = if dirs.is_empty() {
        let Some(d) = crate::transcripts::default_dir() else {
            complain!("firedrill: no transcripts folder here; say where with --dir");
            return 2;
        };
        vec![d]
    } else {
        dirs
    };
    let scan = crate::ledger::scan(&dirs);
    for s in &scan.skipped {
        complain!(
            "firedrill: skipped `{}`: {}",
            crate::base::printable::printable(&s.path.display().to_string()),
            crate::base::printable::printable(&s.why)
        );
    }
    let options = crate::ledger::stats::Options { scenario, names };
    let report = crate::ledger::stats::gather(&scan, &options);
    let text = match format {
        StatsFormat::Term => crate::ledger::stats::terminal(&report),
        StatsFormat::Md => crate::ledger::stats::markdown(&report),
        StatsFormat::Html => crate::ledger::stats::html(&report),
        StatsFormat::Json => crate::ledger::stats::json(&report),
    };
    say(text.trim_end());
    0
}

/// The debrief of the game a fork came from, or why it cannot be had: its
/// transcript is gone or unreadable, or now holds another game.
fn parent_debrief(point: &crate::record::Fork) -> Result<crate::record::debrief::Debrief, String> {
    let path = Path::new(&point.parent);
    let o = crate::game::transcript::open(path).map_err(|e| {
        format!(
            "its transcript `{}` cannot be read now ({})",
            point.parent, e.reason
        )
    })?;
    if o.header.id() != point.parent_id {
        return Err(format!(
            "`{}` now holds another game than the one this was forked from",
            point.parent
        ));
    }
    Ok(crate::record::debrief::build(
        &o.scenario,
        &o.transcript,
        &o.replay,
        &[],
    ))
}

/// `firedrill fork GAME --at MOMENT`: the moment read, then [`fork`].
fn fork_at(path: &Path, at: &str, how: &PlayArgs) -> u8 {
    let Some(opened) = load_transcript(path) else {
        return 1;
    };
    match crate::base::time::parse_moment(at, opened.scenario.meta.start_clock_secs) {
        Ok(ms) => fork_opened(path, opened, (ms, usize::MAX), how),
        Err(why) => {
            complain!("firedrill: {why}");
            2
        }
    }
}

/// Forks a new game from moment `at` of the recorded game at `path`: a
/// game time, and how many of the inputs given by then were applied.
fn fork(path: &Path, at: (crate::scenario::Millis, usize), how: &PlayArgs) -> u8 {
    match load_transcript(path) {
        Some(opened) => fork_opened(path, opened, at, how),
        None => 1,
    }
}

/// Replays `opened` up to `at` into a new transcript whose header names
/// its parent and the moment, then plays on as `resume` does.
fn fork_opened(
    path: &Path,
    opened: Opened,
    (at, inputs): (crate::scenario::Millis, usize),
    how: &PlayArgs,
) -> u8 {
    if record_target_taken(how) {
        return 2;
    }
    let end = opened.transcript.last_time();
    let shown = crate::sim::eval::format_offset;
    if at > end {
        complain!(
            "firedrill: `{}` was played until {}: fork from a moment up to then",
            path.display(),
            shown(end)
        );
        return 2;
    }
    let Some(source) = opened.transcript.source().cloned() else {
        complain!(
            "firedrill: `{}` is from before transcripts stored their scenario, so it cannot be forked",
            path.display()
        );
        return 1;
    };
    let (replay, entries) =
        crate::record::fork(opened.versions.clone(), &opened.transcript, at, inputs);
    if replay.sim.is_over() {
        complain!(
            "firedrill: the drill of `{}` had ended by {}: fork from an earlier moment",
            path.display(),
            shown(at)
        );
        return 2;
    }
    let parent = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut header = opened.header.clone();
    header.player = crate::ledger::player::for_new_game(how.player.as_deref());
    header.started = crate::transcripts::now_rfc3339();
    header.fork = Some(Box::new(crate::record::Fork {
        parent: parent.display().to_string(),
        parent_id: opened.header.id(),
        at,
        inputs: replay.steps.len(),
    }));
    let mut recording = record_to(how, &header, &source);
    if let Some(r) = &mut recording
        && let Err(e) = entries.iter().try_for_each(|e| r.journal.write(e))
    {
        complain!(
            "firedrill: cannot record to `{}`: {e}; the game is not recorded",
            r.path
        );
        recording = None;
    }
    complain!(
        "firedrill: forked from `{}` at {} (it is not changed){}",
        path.display(),
        shown(at),
        recording
            .as_ref()
            .map(|r| format!("; the new game is recorded to `{}`", r.path))
            .unwrap_or_default()
    );
    let interactive = std::io::stdin().is_terminal();
    let pace = Pace {
        practice: header.mode == crate::record::Mode::Practice || !interactive,
        speed: header.speed,
    };
    let wall = Wall::Real(std::time::Instant::now());
    let entry_path = recording
        .as_ref()
        .map_or_else(|| path.to_path_buf(), |r| PathBuf::from(&r.path));
    let session = Session::resume(replay.sim, pace, recording, wall);
    if interactive && std::io::stdout().is_terminal() && !how.plain {
        let entry = Offer {
            id: header.scenario.clone(),
            origin: crate::game::Origin::File(entry_path),
            shown: path.display().to_string(),
            scenario: Some(opened.scenario),
            problem: None,
            source: None,
        };
        return tui_status(crate::tui::resume(entry, session, replay.events));
    }
    let game = crate::plain::Game {
        session,
        opening: Vec::new(),
        resumed: true,
        watch: None,
    };
    run_plain(game, interactive)
}

/// With no arguments on a terminal (and `--plain`): pick a scenario and play it.
fn pick_and_play(offered: &Offered, how: &PlayArgs) -> u8 {
    let catalog = Catalog::new(&offered.dir);
    let offers = list(&catalog, false);
    say(
        "\nPick one: type its number or id, then Enter; add a support level to choose how hints come\n(`1 guided`: on their own; `assisted`, the default: when you ask; `solo`: none). `q` quits.",
    );
    loop {
        let _ = write!(std::io::stdout(), "> ");
        let _ = std::io::stdout().flush();
        let line = match crate::plain::input::read_line(&mut std::io::stdin().lock()) {
            Ok(Some(Line::Text(line))) => line,
            Ok(Some(other @ (Line::TooLong | Line::NotUtf8))) => {
                say(other.problem().unwrap_or_default().trim_start());
                continue;
            }
            Ok(None | Some(Line::Endless)) | Err(_) => return 0,
        };
        let (pick, support) = match picked(&line) {
            Ok(p) => p,
            Err(why) => {
                say(&why);
                continue;
            }
        };
        if pick.eq_ignore_ascii_case("q") || pick.eq_ignore_ascii_case("quit") {
            return 0;
        }
        let chosen = pick
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| offers.get(i))
            .or_else(|| offers.iter().find(|o| o.id == pick));
        match chosen {
            Some(o) => {
                let plain = PlayArgs {
                    plain: true,
                    ..how.clone()
                };
                let options = PlayOptions {
                    support,
                    ..PlayOptions::default()
                };
                return play(&catalog, &o.shown, options, &plain);
            }
            None => say(&format!(
                "`{}` is not one of the scenarios above; type its number or its id.",
                render::printable(pick)
            )),
        }
    }
}

/// A line typed at the plain picker: the scenario, and a support level
/// after it if one was given; `Err` says what was wrong with the level.
fn picked(line: &str) -> Result<(&str, Support), String> {
    let mut words = line.split_whitespace();
    let pick = words.next().unwrap_or_default();
    let support = match words.next() {
        None => Support::default(),
        Some(w) => Support::from_str(w, true).map_err(|_| {
            format!(
                "`{}` is not a support level: guided, assisted or solo.",
                render::printable(w)
            )
        })?,
    };
    Ok((pick, support))
}

/// Prints the scenarios on offer, numbered; returns them in that order.
fn list(catalog: &Catalog, welcome: bool) -> Vec<Offer> {
    let offers = catalog.offers();
    let mut out = std::io::stdout().lock();
    if welcome {
        let _ = writeln!(out, "firedrill: on-call practice from real postmortems.\n");
    }
    let _ = writeln!(out, "Scenarios:");
    for (n, o) in offers.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, render::printable(&offer_line(o)));
    }
    if welcome {
        let _ = writeln!(out, "\nPlay one:           firedrill play tutorial");
        let _ = writeln!(out, "Check a scenario:   firedrill check tutorial");
        let _ = writeln!(
            out,
            "Check your own:     firedrill check path/to/scenario.drill"
        );
        let _ = writeln!(out, "Explain a problem:  firedrill explain FD0107");
        let _ = writeln!(out, "Write one:          see docs/language.md");
    }
    offers
}

/// The commands that read recorded games: `games`, `player`, `stats`.
fn ledger_cmd(command: Command) -> u8 {
    match command {
        Command::Games {
            mark,
            player,
            scenario,
            dir,
            format,
        } => games_cmd(
            mark,
            &crate::ledger::games::Filter { player, scenario },
            &dir,
            format,
        ),
        Command::Player { name } => crate::ledger::commands::name(name.as_deref()),
        Command::Stats {
            scenario,
            dir,
            format,
            names,
        } => stats(scenario, dir, format, names),
        _ => 2,
    }
}

/// `firedrill games`: the list, or `games mark`.
fn games_cmd(
    mark: Option<GamesCommand>,
    filter: &crate::ledger::games::Filter,
    dir: &[PathBuf],
    format: Format,
) -> u8 {
    use crate::ledger::{Mark, commands};
    match mark {
        Some(GamesCommand::Mark { game, how }) => commands::mark(
            &game,
            match how {
                MarkWord::Throwaway => Some(Mark::Throwaway),
                MarkWord::Private => Some(Mark::Private),
                MarkWord::Counts => None,
            },
        ),
        None => commands::list(dir, filter, format == Format::Json),
    }
}

/// One scenario on one line: id, title, where it is from, how hard, how long.
fn offer_line(o: &Offer) -> String {
    let Some(sc) = &o.scenario else {
        return format!(
            "{:<22} cannot be played: {}",
            o.id,
            o.problem.clone().unwrap_or_default()
        );
    };
    let m = &sc.meta;
    let source = sc.postmortem.as_ref().map_or_else(
        || "practice".into(),
        |p| format!("{}, {}", p.company, p.date),
    );
    let place = match &o.origin {
        crate::game::Origin::BuiltIn => String::new(),
        crate::game::Origin::File(p) => format!(" [{}]", p.display()),
    };
    format!(
        "{:<22} {} ({source}; {}, ~{} min){place}",
        o.id, m.title, m.difficulty, m.minutes
    )
}

fn explain(code: &str) -> u8 {
    let Some(parsed) = Code::parse(code) else {
        complain!(
            "firedrill: `{code}` is not a diagnostic code; codes look like FD0107 (see docs/diagnostics.md)"
        );
        return 2;
    };
    say(&crate::lang::catalogue::explain(parsed));
    0
}

fn check(catalog: &Catalog, args: &[String], format: Format, deny_warnings: bool) -> u8 {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut failed = false;
    let mut unreadable = false;
    let mut json_files = Vec::new();
    let mut stdout = StandardStream::stdout(if color {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    });
    for arg in args {
        let Ok(resolved) = resolve(catalog, arg) else {
            unreadable = true;
            continue;
        };
        let checked = resolved.checked;
        let (errors, warnings) = (checked.errors(), checked.warnings());
        failed |= errors > 0 || (deny_warnings && warnings > 0);
        match format {
            Format::Json => json_files.push(serde_json::json!({
                "file": arg,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": render::json_values(&checked.diagnostics, &checked.sources),
                "omitted": checked.omitted.total(),
            })),
            Format::Human => {
                let _ = render::human_to(&mut stdout, &checked.diagnostics, &checked.sources);
                if let Some(more) = render::omitted(checked.omitted) {
                    let _ = writeln!(stdout, "{more}\n");
                }
                let _ = writeln!(stdout, "{}", summary(arg, errors, warnings));
            }
        }
    }
    if format == Format::Json {
        let doc = serde_json::json!({ "files": json_files });
        say(&serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    if unreadable { 2 } else { u8::from(failed) }
}

/// `firedrill list`: the library (and `--dir` folders) as text or JSON.
fn list_cmd(catalog: &Catalog, format: Format) -> u8 {
    if format == Format::Human {
        list(catalog, false);
        return 0;
    }
    let list: Vec<serde_json::Value> = catalog.offers().iter().map(offer_json).collect();
    say(
        &serde_json::to_string_pretty(&serde_json::json!({ "scenarios": list }))
            .unwrap_or_default(),
    );
    0
}

/// One scenario on offer, for `list --format json`.
fn offer_json(o: &Offer) -> serde_json::Value {
    let origin = o.origin.label();
    let Some(sc) = &o.scenario else {
        return serde_json::json!({ "id": o.id, "origin": origin, "playable": false, "problem": o.problem });
    };
    let endings: Vec<serde_json::Value> = sc
        .endings
        .iter()
        .map(|x| serde_json::json!({"id": x.name, "title": x.title, "outcome": x.outcome}))
        .collect();
    serde_json::json!({
        "id": o.id,
        "origin": origin,
        "playable": true,
        "title": sc.meta.title,
        "summary": sc.meta.summary,
        "difficulty": sc.meta.difficulty,
        "minutes": sc.meta.minutes,
        "tags": sc.meta.tags,
        "role": sc.meta.role,
        "postmortem": sc.postmortem,
        "endings": endings,
        "tests": sc.tests.len(),
    })
}

/// `firedrill new`: writes a scenario that checks clean, from scratch or from a postmortem.
fn new_scenario(name: &str, postmortem: Option<&Path>, output: Option<std::path::PathBuf>) -> u8 {
    let text = match postmortem {
        Some(path) => match crate::files::read_text(path, crate::files::MAX_POSTMORTEM) {
            Ok(md) => crate::authoring::draft(name, &md).map(|d| {
                for w in &d.warnings {
                    complain!(
                        "firedrill: warning: {}",
                        crate::base::printable::printable(w)
                    );
                }
                d.text
            }),
            Err(e) => {
                complain!("firedrill: cannot read `{}`: {e}", path.display());
                return 2;
            }
        },
        None => crate::authoring::scaffold(name),
    };
    let text = match text {
        Ok(t) => t,
        Err(why) => {
            complain!("firedrill: {why}");
            return if postmortem.is_some() { 1 } else { 2 };
        }
    };
    let out = output.unwrap_or_else(|| std::path::PathBuf::from(format!("{name}.drill")));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&out);
    match file.and_then(|mut f| f.write_all(text.as_bytes())) {
        Ok(()) => {
            say(&format!("wrote {}", out.display()));
            say(&format!(
                "next: firedrill check {0}   firedrill play {0} --practice   firedrill test {0}",
                out.display()
            ));
            say(
                "the authoring guide (docs/authoring-guide.md) takes you from here to a finished scenario",
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            complain!(
                "firedrill: `{}` already exists; choose another name or --output",
                out.display()
            );
            2
        }
        Err(e) => {
            complain!("firedrill: cannot write `{}`: {e}", out.display());
            2
        }
    }
}

/// A check's diagnostics as plain text, with the count of any not shown.
fn shown_diagnostics(checked: &crate::lang::Checked) -> String {
    render::checked(checked)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The last line `check` prints for a file.
pub fn summary(file: &str, errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => format!("{file}: ok"),
        _ => format!(
            "{file}: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_plain_picker_takes_a_support_level_after_the_scenario() {
        assert_eq!(picked(" 2 "), Ok(("2", Support::Assisted)));
        assert_eq!(picked("tutorial Solo"), Ok(("tutorial", Support::Solo)));
        assert_eq!(picked("1 guided"), Ok(("1", Support::Guided)));
        assert!(
            picked("1 lots")
                .unwrap_err()
                .contains("guided, assisted or solo")
        );
    }
}
