//! `firedrill play FILE` with the authoring loop's options: `--from-test
//! NAME [--step N]` starts from a playthrough test's state, `--scene NAME
//! [--set flag=value]...` at a scene with flags and variables set, and
//! `--watch` reloads the scenario while it is played each time it is saved.
//! Such games are recorded as what they are: the transcript's header says
//! where they started, so they never count as a whole game played.

use super::{PlayArgs, PlayOptions, record_to, resolve, shown_diagnostics, tui_status};
use crate::game::{Catalog, Offer, Pace, Recording, Session, Wall};
use crate::record::Start;
use crate::scenario::Scenario;
use crate::sim::start::{SceneStart, TimedInput, scene_start, test_inputs};
use crate::sim::{Event, Sim};
use clap::Args;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// Where a game starts, and whether it follows its file as it is edited.
#[derive(Debug, Clone, Default, Args)]
pub struct StartArgs {
    /// Start from a playthrough test's state: its inputs given in order at
    /// their times (all of them, or up to --step).
    #[arg(long, value_name = "TEST")]
    pub from_test: Option<String>,
    /// With --from-test: only the test's first N steps.
    #[arg(long, value_name = "N", requires = "from_test")]
    pub step: Option<usize>,
    /// Start at this scene instead of the opening.
    #[arg(long, value_name = "SCENE", conflicts_with = "from_test")]
    pub scene: Option<String>,
    /// With --scene: give a flag or variable a value first (repeatable),
    /// typed by its declaration: `--set paged=true --set severity=sev1`.
    #[arg(long, value_name = "NAME=VALUE", requires = "scene")]
    pub set: Vec<String>,
    /// Reload the scenario each time it or an include is saved: checked
    /// again, and when clean the game goes on from the same moment on the
    /// new version (your actions replayed into it).
    #[arg(long)]
    pub watch: bool,
}

impl StartArgs {
    /// Whether any of these options was given.
    pub fn any(&self) -> bool {
        self.from_test.is_some() || self.scene.is_some() || self.watch
    }
}

/// How the game begins, read against the scenario.
#[derive(Debug, Clone)]
enum Begin {
    Opening,
    Test {
        name: String,
        step: usize,
        inputs: Vec<TimedInput>,
    },
    Scene {
        name: String,
        set: Vec<(String, String)>,
        start: SceneStart,
    },
}

impl Begin {
    /// Reads the options against `sc`; what does not fit is said in words.
    fn read(sc: &Scenario, args: &StartArgs) -> Result<Begin, String> {
        if let Some(name) = &args.from_test {
            let Some(test) = sc.tests.iter().find(|t| &t.name == name) else {
                let names: Vec<&str> = sc.tests.iter().map(|t| t.name.as_str()).collect();
                let listed = if names.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("it has: {}", names.join(", "))
                };
                return Err(format!("the scenario has no test named `{name}`; {listed}"));
            };
            let inputs = test_inputs(sc, test, args.step)?;
            return Ok(Begin::Test {
                name: name.clone(),
                step: inputs.len(),
                inputs,
            });
        }
        if let Some(scene) = &args.scene {
            let set = args
                .set
                .iter()
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                        .ok_or_else(|| {
                            format!("--set takes NAME=VALUE (such as `paged=true`), not `{pair}`")
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let start = scene_start(sc, scene, &set)?;
            return Ok(Begin::Scene {
                name: scene.clone(),
                set,
                start,
            });
        }
        Ok(Begin::Opening)
    }

    /// The header's record of it (none for the opening; the test's inputs
    /// are counted once given).
    fn header_start(&self, inputs: usize) -> Option<Start> {
        match self {
            Begin::Opening => None,
            Begin::Test { name, step, .. } => Some(Start::Test {
                name: name.clone(),
                step: *step,
                inputs,
            }),
            Begin::Scene { name, set, .. } => Some(Start::Scene {
                scene: name.clone(),
                set: set.clone(),
            }),
        }
    }

    /// What the player is told when the game starts.
    fn notice(&self, sim: &Sim) -> Option<String> {
        let at = crate::sim::eval::format_offset(sim.now());
        match self {
            Begin::Opening => None,
            Begin::Test { name, step, .. } => Some(format!(
                "Started from test {name} after {step} step(s), at {at}."
            )),
            Begin::Scene { name, .. } => Some(format!("Started at scene {name}.")),
        }
    }
}

/// Starts the game: at the scene, or with the test's inputs given through
/// the session (so the transcript journals them as actions, and replays
/// as any game). Returns the session and everything it showed.
fn begin_session(
    sc: Arc<Scenario>,
    (seed, support, pace): (u64, crate::sim::Support, Pace),
    recording: Option<Recording>,
    begin: &Begin,
) -> (Session, Vec<Event>) {
    let wall = Wall::Real(std::time::Instant::now());
    let sim = match begin {
        Begin::Scene { start, .. } => Sim::at_scene(sc, seed, support, start),
        _ => Sim::with_support(sc, seed, support),
    };
    let (session, mut seen) = Session::start_on(sim, pace, recording, wall);
    let mut session = session.starting(begin.header_start(0));
    if let Begin::Test { inputs, .. } = begin {
        for input in inputs {
            if session.is_over() {
                break;
            }
            seen.extend(session.act_at(input.at, input.action.clone()));
        }
    }
    (session, seen)
}

/// `play FILE` with any of [`StartArgs`]. Exit 2 when an option does not
/// fit the scenario (an unknown test, scene or variable, a wrong value).
pub fn play(
    catalog: &Catalog,
    arg: &str,
    options: PlayOptions,
    how: &PlayArgs,
    args: &StartArgs,
) -> u8 {
    if super::record_target_taken(how) {
        return 2;
    }
    if let Some(s) = options
        .speed
        .filter(|s| !crate::game::session::SPEEDS.contains(s))
    {
        complain!("firedrill: --speed takes a number from 0.25 to 1000, not {s}");
        return 2;
    }
    let resolved = match resolve(catalog, arg) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if resolved.checked.scenario.is_none() {
        let _ = write!(
            std::io::stdout(),
            "{}",
            shown_diagnostics(&resolved.checked)
        );
        complain!("firedrill: `{arg}` has errors; fix them before playing (see above)");
        return 1;
    }
    let watch = match (&resolved.origin, args.watch) {
        (crate::game::Origin::File(path), true) => Some(path.clone()),
        (_, true) => {
            complain!(
                "firedrill: --watch follows a scenario file as you edit it; `{arg}` is a built-in (copy it with `firedrill new` to edit it)"
            );
            return 2;
        }
        _ => None,
    };
    let offer = Offer::from(resolved);
    let Some(sc) = offer.scenario.clone() else {
        return 1;
    };
    let begin = match Begin::read(&sc, args) {
        Ok(b) => b,
        Err(why) => {
            complain!("firedrill: {}", crate::lang::render::printable(&why));
            return 2;
        }
    };
    let interactive = std::io::stdin().is_terminal();
    let seed = options.seed.unwrap_or(sc.meta.seed);
    let pace = Pace {
        practice: options.practice || !interactive,
        speed: options.speed.unwrap_or(sc.meta.speed),
    };
    let inputs = match &begin {
        Begin::Test { inputs, .. } => inputs.len(),
        _ => 0,
    };
    let recording = recording(
        how,
        &offer,
        (seed, options.support, pace),
        begin.header_start(inputs),
    );
    let (session, seen) = begin_session(sc, (seed, options.support, pace), recording, &begin);
    let notice = begin.notice(session.sim());
    if interactive && std::io::stdout().is_terminal() && !how.plain {
        let started = crate::tui::Started {
            entry: offer,
            session,
            seen,
            notice,
            watch,
        };
        return tui_status(crate::tui::play_started(started));
    }
    if let Some(n) = &notice {
        let _ = writeln!(std::io::stdout(), "({n})");
    }
    let game = crate::plain::Game {
        session,
        opening: seen,
        resumed: false,
        watch,
    };
    super::run_plain(game, interactive)
}

/// The transcript of a game started this way, its header saying where.
fn recording(
    how: &PlayArgs,
    offer: &Offer,
    (seed, support, pace): (u64, crate::sim::Support, Pace),
    start: Option<Start>,
) -> Option<Recording> {
    if how.no_record {
        return None;
    }
    let source = offer.source.as_ref()?;
    let player = crate::ledger::player::for_new_game(how.player.as_deref());
    let mut header = crate::transcripts::header(offer, seed, &player, support, pace);
    header.start = start.map(Box::new);
    record_to(how, &header, source)
}
