//! The command line: play, resume, review and debrief games; check, test,
//! explain, list and scaffold scenarios. Parsing with clap; each command
//! returns the process exit code (0 clean, 1 problems found, 2 usage or
//! unreadable input).

use crate::lang::{self, Checked, Code, render};
use crate::{files, library};
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Prints a line on stderr; a closed stderr is not worth a crash.
macro_rules! complain {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Prints a line on stdout. A closed pipe (`firedrill check x | head`) ends
/// the output quietly instead of panicking, as the reader has what it wanted.
fn say(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// The diagnostic catalogue, also printed by `firedrill explain`.
const CATALOGUE: &str = include_str!("../docs/diagnostics.md");

#[derive(Debug, Parser)]
#[command(
    name = "firedrill",
    version,
    about = "On-call training in your terminal, from real postmortems"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Also offer the .drill files in this folder (repeatable).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Vec<std::path::PathBuf>,
    /// Use the plain-text front end even on a terminal.
    #[arg(long, global = true)]
    pub plain: bool,
    /// Write this game's transcript to FILE (default: a new file in the data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub record: Option<std::path::PathBuf>,
    /// Do not record a transcript.
    #[arg(long, global = true, conflicts_with = "record")]
    pub no_record: bool,
    /// The name written in the transcript (default: $USER).
    #[arg(long, global = true, value_name = "NAME")]
    pub player: Option<String>,
}

/// Where and whether a game is recorded, from the global flags.
#[derive(Debug, Clone, Default)]
pub struct Recording {
    pub path: Option<std::path::PathBuf>,
    pub off: bool,
    pub player: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files (or built-in scenarios by id) and explain every problem.
    Check {
        /// `.drill` files, or ids of built-in scenarios such as `tutorial`.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Play a scenario: a built-in id (such as `tutorial`) or a .drill file.
    Play {
        /// The scenario: a built-in id or a path.
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
    },
    /// Run the playthrough tests written in scenario files (or built-ins by id).
    Test {
        /// `.drill` files, or ids of built-in scenarios such as `tutorial`.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Print the catalogue entry of a diagnostic code, such as FD0107.
    Explain {
        /// The code, such as FD0107.
        code: String,
    },
    /// List the built-in scenarios (and those in any --dir).
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Start a new scenario: NAME.drill, checking clean, every section explained.
    New {
        /// The scenario's id, which is also its file name: `acme-2024-db-failover`.
        name: String,
        /// Fill in the metadata and the real timeline from a Markdown postmortem.
        #[arg(long, value_name = "FILE.md")]
        from_postmortem: Option<std::path::PathBuf>,
        /// Where to write it (default: NAME.drill here). Never overwrites a file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Go on with a game that was cut off, from its transcript.
    Resume {
        /// The transcript (a `.ron` file) to replay and continue.
        transcript: std::path::PathBuf,
    },
    /// Step through a recorded game with a new hire, and pin notes to its moments.
    Review {
        /// The transcript (a `.ron` file).
        transcript: std::path::PathBuf,
    },
    /// Write the debrief of a recorded game: what you did, what the
    /// responders really did, and the questions to talk over.
    Debrief {
        /// The transcript (a `.ron` file).
        transcript: std::path::PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DebriefFormat::Term)]
        format: DebriefFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
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
pub enum Format {
    Human,
    Json,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let recording = Recording {
        path: cli.record.clone(),
        off: cli.no_record,
        player: cli.player.clone(),
    };
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let code = match cli.command {
        None if terminal && !cli.plain => tui(
            &cli.dir,
            None,
            crate::tui::app::PlayOptions::default(),
            &recording,
        ),
        None if terminal => pick_and_play(&recording),
        None => {
            list(true);
            0
        }
        Some(Command::List { format }) => list_cmd(&cli.dir, format),
        Some(Command::New {
            name,
            from_postmortem,
            output,
        }) => new_scenario(&name, from_postmortem.as_deref(), output),
        Some(Command::Explain { code }) => explain(&code),
        Some(Command::Check {
            files,
            format,
            deny_warnings,
        }) => check(&files, format, deny_warnings),
        Some(Command::Test { files }) => run_tests(&files),
        Some(Command::Play {
            scenario,
            practice,
            seed,
            speed,
        }) => play(&scenario, practice, seed, speed, cli.plain, &recording),
        Some(Command::Resume { transcript }) => resume(&transcript, cli.plain),
        Some(Command::Review { transcript }) => review(&transcript),
        Some(Command::Debrief {
            transcript,
            format,
            output,
        }) => debrief(&transcript, format, output.as_deref()),
    };
    ExitCode::from(code)
}

/// Runs the terminal UI over the library (and `dirs`), optionally straight into a game.
fn tui(
    dirs: &[std::path::PathBuf],
    play: Option<&str>,
    options: crate::tui::app::PlayOptions,
    rec: &Recording,
) -> u8 {
    let mut entries = crate::tui::library_entries(dirs);
    let start = match play {
        Some(arg) if library::find(arg).is_some() => entries
            .iter()
            .position(|e| e.id == arg && e.origin == "built-in"),
        Some(arg) => {
            let path = std::path::PathBuf::from(arg);
            match files::FsLoader::open(&path) {
                Ok((loader, main)) => {
                    let checked = lang::check(main, &loader);
                    let id = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let problem = checked
                        .scenario
                        .is_none()
                        .then(|| format!("{} error(s)", checked.errors()));
                    let hash = crate::transcripts::hash_of(&checked);
                    entries.push(crate::tui::app::Entry {
                        hash,
                        id,
                        origin: arg.to_string(),
                        scenario: checked.scenario.map(std::sync::Arc::new),
                        problem,
                    });
                    Some(entries.len() - 1)
                }
                Err(e) => {
                    complain!("firedrill: cannot read `{arg}`: {e}");
                    return 2;
                }
            }
        }
        None => None,
    };
    match crate::tui::run(entries, options, start, recorder_factory(rec)) {
        Ok(()) => 0,
        Err(e) => {
            complain!("firedrill: the terminal UI failed: {e}");
            1
        }
    }
}

/// Opens a transcript for each game the terminal UI starts.
fn recorder_factory(rec: &Recording) -> Option<crate::tui::app::RecorderFactory> {
    if rec.off {
        return None;
    }
    let mut rec = rec.clone();
    let player = rec
        .player
        .clone()
        .unwrap_or_else(crate::transcripts::player_name);
    Some(Box::new(move |entry, seed, practice, speed| {
        let sc = entry.scenario.as_ref()?;
        let header = crate::transcripts::header(
            sc,
            &entry.origin,
            entry.hash.clone(),
            seed,
            &player,
            practice,
            speed,
        );
        // A second game in one session must not overwrite the first's transcript.
        let once = Recording {
            path: rec.path.take(),
            ..rec.clone()
        };
        start_recording(&once, &header).map(|(j, p)| (j, p.display().to_string()))
    }))
}

/// Starts recording a new game; a transcript that cannot be written is
/// reported and the game goes on unrecorded.
fn start_recording(
    rec: &Recording,
    header: &crate::record::Header,
) -> Option<(crate::transcripts::Recorder, std::path::PathBuf)> {
    if rec.off {
        return None;
    }
    let path = match rec.path.clone().or_else(|| {
        crate::transcripts::default_dir()
            .map(|d| crate::transcripts::new_path(&d, &header.scenario))
    }) {
        Some(p) => p,
        None => {
            complain!(
                "firedrill: no data folder to record into; the game is not recorded (use --record FILE)"
            );
            return None;
        }
    };
    match crate::transcripts::create(&path, header) {
        Ok(j) => Some((j, path)),
        Err(e) => {
            complain!(
                "firedrill: cannot record to `{}`: {e}; the game is not recorded",
                path.display()
            );
            None
        }
    }
}

/// Where a scenario argument comes from, as transcripts record it.
fn origin_of(arg: &str) -> String {
    if !Path::new(arg).exists() && library::find(arg).is_some() {
        return "built-in".into();
    }
    std::fs::canonicalize(arg).map_or_else(|_| arg.to_string(), |p| p.display().to_string())
}

fn play(
    arg: &str,
    practice: bool,
    seed: Option<u64>,
    speed: Option<f64>,
    plain: bool,
    rec: &Recording,
) -> u8 {
    let checked = match check_one(arg) {
        Ok(c) => c,
        Err(msg) => {
            complain!("firedrill: {msg}");
            return 2;
        }
    };
    let hash = crate::transcripts::hash_of(&checked);
    let Some(sc) = checked.scenario else {
        let _ = write!(
            std::io::stdout(),
            "{}",
            render::human(&checked.diagnostics, &checked.sources)
        );
        complain!("firedrill: `{arg}` has errors; fix them before playing (see above)");
        return 1;
    };
    if let Some(s) = speed.filter(|s| !(*s > 0.0 && *s <= 1000.0)) {
        complain!("firedrill: --speed takes a number from above 0 to 1000, not {s}");
        return 2;
    }
    let interactive = std::io::stdin().is_terminal();
    if interactive && std::io::stdout().is_terminal() && !plain {
        let options = crate::tui::app::PlayOptions {
            practice,
            seed,
            speed,
        };
        return tui(&[], Some(arg), options, rec);
    }
    let opts = crate::plain::Options {
        seed: seed.unwrap_or(sc.meta.seed),
        speed: speed.unwrap_or(sc.meta.speed),
        practice: practice || !interactive,
        prompt: interactive,
    };
    let player = rec
        .player
        .clone()
        .unwrap_or_else(crate::transcripts::player_name);
    let header = crate::transcripts::header(
        &sc,
        &origin_of(arg),
        hash,
        opts.seed,
        &player,
        opts.practice,
        opts.speed,
    );
    let recorder = start_recording(rec, &header);
    let sc = std::sync::Arc::new(sc);
    let game = crate::plain::Game::new(sc, opts.seed);
    run_plain(game, &opts, recorder)
}

/// Plays a game in the plain front end, then says where its transcript is.
fn run_plain(
    game: crate::plain::Game,
    opts: &crate::plain::Options,
    recorder: Option<(crate::transcripts::Recorder, std::path::PathBuf)>,
) -> u8 {
    let (journal, path) = match recorder {
        Some((j, p)) => (Some(j), Some(p)),
        None => (None, None),
    };
    let mut out = std::io::stdout().lock();
    if let Some(p) = &path {
        let _ = writeln!(out, "(recording to {})", p.display());
    }
    let result = if opts.practice {
        crate::plain::play_practice(game, opts, std::io::stdin().lock(), &mut out, journal)
    } else {
        crate::plain::play_realtime(game, opts, &mut out, journal)
    };
    if let Some(p) = &path {
        let _ = writeln!(
            out,
            "\nThe transcript is {0}\n  firedrill debrief {0}    the full debrief\n  firedrill review {0}     step through it with a mentor\n  firedrill resume {0}     go on, if the drill was cut off",
            p.display()
        );
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

/// A transcript, replayed on its scenario as the scenario is now.
struct Loaded {
    transcript: crate::record::Transcript,
    header: crate::record::Header,
    scenario: std::sync::Arc<crate::scenario::Scenario>,
    replay: crate::record::Replay,
    /// The scenario's hash now (the transcript holds the one it was played on).
    hash: String,
}

/// Reads a transcript and replays it on its scenario, saying what is off.
/// `None` (after saying why) when there is nothing to replay.
fn load_transcript(path: &Path) -> Option<Loaded> {
    read_transcript(path)
        .map_err(|msg| complain!("firedrill: {msg}"))
        .ok()
}

fn read_transcript(path: &Path) -> Result<Loaded, String> {
    let t = crate::transcripts::read(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    for p in &t.problems {
        complain!("firedrill: {}:{}: {}", path.display(), p.line, p.message);
    }
    let Some(header) = t.header.clone() else {
        return Err(format!(
            "`{}` is not a firedrill transcript (it has no header line)",
            path.display()
        ));
    };
    let (sc, hash) = crate::transcripts::scenario_for(&header)?;
    if hash != header.hash {
        complain!(
            "firedrill: warning: `{}` changed since this game was recorded; replaying as well as it can",
            header.scenario
        );
    }
    let r = crate::record::replay(sc.clone(), &t);
    if let Some(d) = &r.divergence {
        complain!(
            "firedrill: warning: the replay went another way at event {}; the game goes on as replayed",
            d.index + 1
        );
    }
    Ok(Loaded {
        transcript: t,
        header,
        scenario: sc,
        replay: r,
        hash,
    })
}

/// `firedrill resume`: replays a transcript and goes on playing, appending to it.
fn resume(path: &Path, plain: bool) -> u8 {
    let Some(Loaded {
        header, replay: r, ..
    }) = load_transcript(path)
    else {
        return 1;
    };
    if r.sim.is_over() {
        say(&format!(
            "This game is over already. Its debrief: firedrill debrief {}",
            path.display()
        ));
        return 0;
    }
    let recorder = match crate::transcripts::append(path) {
        Ok(j) => Some((j, path.to_path_buf())),
        Err(e) => {
            complain!(
                "firedrill: cannot append to `{}`: {e}; going on unrecorded",
                path.display()
            );
            None
        }
    };
    let interactive = std::io::stdin().is_terminal();
    let practice = header.mode == crate::record::Mode::Practice || !interactive;
    if interactive && std::io::stdout().is_terminal() && !plain {
        let options = crate::tui::app::PlayOptions {
            practice,
            seed: Some(header.seed),
            speed: Some(header.speed),
        };
        let recorder = recorder.map(|(j, p)| (j, p.display().to_string()));
        return match crate::tui::resume(r.sim, r.events, options, recorder) {
            Ok(()) => 0,
            Err(e) => {
                complain!("firedrill: the terminal UI failed: {e}");
                1
            }
        };
    }
    let opts = crate::plain::Options {
        seed: header.seed,
        speed: header.speed,
        practice,
        prompt: interactive,
    };
    let game = crate::plain::Game {
        sim: r.sim,
        opening: Vec::new(),
        resumed: true,
    };
    run_plain(game, &opts, recorder)
}

/// `firedrill review`: the recorded game in the terminal UI, for a mentor.
fn review(path: &Path) -> u8 {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        complain!(
            "firedrill: review needs a terminal; for text, use `firedrill debrief {}`",
            path.display()
        );
        return 2;
    }
    let Some(Loaded {
        transcript: t,
        scenario: sc,
        replay: r,
        ..
    }) = load_transcript(path)
    else {
        return 1;
    };
    let notes = crate::transcripts::read_notes(path);
    match crate::tui::review(crate::tui::review::Review::new(sc, t, &r, notes), path) {
        Ok(()) => 0,
        Err(e) => {
            complain!("firedrill: the terminal UI failed: {e}");
            1
        }
    }
}

/// `firedrill debrief`: the debrief of a transcript, in the chosen form.
fn debrief(path: &Path, format: DebriefFormat, output: Option<&Path>) -> u8 {
    let Some(Loaded {
        transcript: t,
        scenario: sc,
        replay: r,
        hash,
        ..
    }) = load_transcript(path)
    else {
        return 1;
    };
    let notes = crate::transcripts::read_notes(path);
    let d = crate::record::debrief::build(&sc, &t, &r, &notes).with_current_hash(&hash);
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
    match output {
        Some(out) => match std::fs::write(out, text) {
            Ok(()) => {
                say(&format!("wrote {}", out.display()));
                0
            }
            Err(e) => {
                complain!("firedrill: cannot write `{}`: {e}", out.display());
                2
            }
        },
        None => {
            say(text.trim_end());
            0
        }
    }
}

/// With no arguments on a terminal: pick a built-in scenario and play it.
fn pick_and_play(rec: &Recording) -> u8 {
    list(false);
    let builtins = library::builtins();
    say("\nPick one: type its number or id (or `q` to quit), then Enter.");
    let mut line = String::new();
    loop {
        let _ = write!(std::io::stdout(), "> ");
        let _ = std::io::stdout().flush();
        line.clear();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => return 0,
            Ok(_) => {}
        }
        let pick = line.trim();
        if pick.eq_ignore_ascii_case("q") || pick.eq_ignore_ascii_case("quit") {
            return 0;
        }
        let chosen = pick
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| builtins.get(i).copied())
            .or_else(|| library::find(pick));
        match chosen {
            Some(b) => return play(b.id, false, None, None, true, rec),
            None => say(&format!(
                "`{pick}` is not one of the scenarios above; type its number or its id."
            )),
        }
    }
}

fn list(welcome: bool) {
    let mut out = std::io::stdout().lock();
    if welcome {
        let _ = writeln!(out, "firedrill: on-call practice from real postmortems.\n");
    }
    let _ = writeln!(out, "Built-in scenarios:");
    for (n, b) in library::builtins().into_iter().enumerate() {
        let checked = library::check(b);
        match &checked.scenario {
            Some(sc) => {
                let m = &sc.meta;
                let source = sc
                    .postmortem
                    .as_ref()
                    .map(|p| format!("{}, {}", p.company, p.date))
                    .unwrap_or_else(|| "practice".into());
                let _ = writeln!(
                    out,
                    "  {}. {:<22} {} ({source}; {}, ~{} min)",
                    n + 1,
                    m.id,
                    m.title,
                    format!("{:?}", m.difficulty).to_lowercase(),
                    m.minutes
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {}. {:<22} (has {} error(s): run `firedrill check {}`)",
                    n + 1,
                    b.id,
                    checked.errors(),
                    b.id
                );
            }
        }
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
}

/// The catalogue section of `code`: from its `## FDxxxx` heading to the next.
pub fn catalogue_entry(code: Code) -> Option<&'static str> {
    let heading = format!("## {}", code.as_str());
    let start = CATALOGUE.find(&heading)?;
    let rest = &CATALOGUE[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    Some(rest[..end].trim_end())
}

fn explain(code: &str) -> u8 {
    let Some(parsed) = Code::parse(code) else {
        complain!(
            "firedrill: `{code}` is not a diagnostic code; codes look like FD0107 (see docs/diagnostics.md)"
        );
        return 2;
    };
    match catalogue_entry(parsed) {
        Some(entry) => say(entry),
        None => say(&format!(
            "## {parsed}: {}\n\n(no catalogue entry yet; see docs/diagnostics.md)",
            parsed.title()
        )),
    }
    0
}

fn check_one(arg: &str) -> Result<Checked, String> {
    let path = Path::new(arg);
    if !path.exists() {
        if let Some(b) = library::find(arg) {
            return Ok(library::check(b));
        }
        let ids: Vec<_> = library::builtins().iter().map(|b| b.id).collect();
        return Err(format!(
            "cannot read `{arg}`: no such file, and no built-in scenario has that id (built-ins: {})",
            ids.join(", ")
        ));
    }
    if path.is_dir() {
        return Err(format!("`{arg}` is a folder; name the .drill files in it"));
    }
    let (loader, main) =
        files::FsLoader::open(path).map_err(|e| format!("cannot read `{arg}`: {e}"))?;
    Ok(lang::check(main, &loader))
}

fn check(args: &[String], format: Format, deny_warnings: bool) -> u8 {
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
        let checked = match check_one(arg) {
            Ok(c) => c,
            Err(msg) => {
                complain!("firedrill: {msg}");
                unreadable = true;
                continue;
            }
        };
        let (errors, warnings) = (checked.errors(), checked.warnings());
        failed |= errors > 0 || (deny_warnings && warnings > 0);
        match format {
            Format::Json => json_files.push(serde_json::json!({
                "file": arg,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": render::json_values(&checked.diagnostics, &checked.sources),
            })),
            Format::Human => {
                let _ = render::human_to(&mut stdout, &checked.diagnostics, &checked.sources);
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
fn list_cmd(dirs: &[std::path::PathBuf], format: Format) -> u8 {
    if format == Format::Human && dirs.is_empty() {
        list(false);
        return 0;
    }
    let entries = crate::tui::library_entries(dirs);
    if format == Format::Human {
        for (i, e) in entries.iter().enumerate() {
            match &e.scenario {
                Some(sc) => say(&format!(
                    "  {}. {:<30} {} ({})",
                    i + 1,
                    e.id,
                    sc.meta.title,
                    e.origin
                )),
                None => say(&format!(
                    "  {}. {:<30} cannot be played: {}",
                    i + 1,
                    e.id,
                    e.problem.clone().unwrap_or_default()
                )),
            }
        }
        return 0;
    }
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| match &e.scenario {
            Some(sc) => serde_json::json!({
                "id": e.id,
                "origin": e.origin,
                "playable": true,
                "title": sc.meta.title,
                "summary": sc.meta.summary,
                "difficulty": sc.meta.difficulty,
                "minutes": sc.meta.minutes,
                "tags": sc.meta.tags,
                "role": sc.meta.role,
                "postmortem": sc.postmortem,
                "endings": sc.endings.iter().map(|x| serde_json::json!({"id": x.name, "title": x.title, "outcome": x.outcome})).collect::<Vec<_>>(),
                "tests": sc.tests.len(),
            }),
            None => serde_json::json!({ "id": e.id, "origin": e.origin, "playable": false, "problem": e.problem }),
        })
        .collect();
    say(
        &serde_json::to_string_pretty(&serde_json::json!({ "scenarios": list }))
            .unwrap_or_default(),
    );
    0
}

/// `firedrill new`: writes a scenario that checks clean, from scratch or from a postmortem.
fn new_scenario(name: &str, postmortem: Option<&Path>, output: Option<std::path::PathBuf>) -> u8 {
    let text = match postmortem {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(md) => crate::authoring::from_postmortem(name, &md),
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

/// `firedrill test`: every playthrough test of every file; the last line is
/// `N passed, M failed`.
fn run_tests(args: &[String]) -> u8 {
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed, mut unreadable) = (0usize, 0usize, false);
    for arg in args {
        let checked = match check_one(arg) {
            Ok(c) => c,
            Err(msg) => {
                complain!("firedrill: {msg}");
                unreadable = true;
                continue;
            }
        };
        let Some(sc) = checked.scenario.clone() else {
            let _ = write!(
                out,
                "{}",
                render::human(&checked.diagnostics, &checked.sources)
            );
            let _ = writeln!(
                out,
                "{arg}: cannot run its tests until its errors are fixed"
            );
            failed += 1;
            continue;
        };
        let sc = std::sync::Arc::new(sc);
        let _ = writeln!(out, "running {} from {arg}", plural(sc.tests.len(), "test"));
        for t in &sc.tests {
            let report = crate::sim::playtest::run(&sc, t);
            if report.passed() {
                passed += 1;
                let _ = writeln!(out, "test {} ... ok (ended with {})", t.name, report.ended);
            } else {
                failed += 1;
                let _ = writeln!(out, "test {} ... FAILED", t.name);
                for f in &report.failures {
                    let _ = writeln!(
                        out,
                        "    {}\n      --> {}",
                        render::printable(&f.message),
                        checked.sources.location(f.span)
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    if unreadable { 2 } else { u8::from(failed > 0) }
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
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_code_has_a_catalogue_entry() {
        for code in Code::ALL {
            let entry = catalogue_entry(*code)
                .unwrap_or_else(|| panic!("{code} missing from docs/diagnostics.md"));
            assert!(
                entry.contains(code.title()),
                "{code}'s entry should carry its title `{}`",
                code.title()
            );
        }
    }
}
