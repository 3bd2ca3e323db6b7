//! Property tests of the engine on the shipped scenarios: random players
//! (real and mistyped commands, acks, choices, pages, waits and clock jumps)
//! never make it panic, move time backwards, or reach a state the public API
//! says is impossible; and the same seed and inputs always give the same
//! events.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::ast::StatusState;
use firedrill::library;
use firedrill::scenario::pattern::{Pattern, Word, tokenize};
use firedrill::scenario::{AlertId, MetricId, Millis, Scenario, Severity};
use firedrill::sim::playtest;
use firedrill::sim::{
    Action, AlertStatus, Event, EventKind, HISTORY_EVERY, Page, PageState, RubricResult, Sim,
    expand_history,
};
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::TestCaseError;
use std::sync::{Arc, OnceLock};

/// Every shipped scenario: the cases are shared among them.
const IDS: [&str; 11] = [
    "tutorial",
    "cloudflare-2019-waf",
    "gitlab-2017-db",
    "aws-s3-2017",
    "fastly-2021",
    "github-2018-partition",
    "facebook-2021-bgp",
    "slack-2021-network",
    "knight-2012",
    "cloudflare-2017-leap-second",
    "atlassian-2022",
];

fn scenario(which: usize) -> Arc<Scenario> {
    static CACHE: OnceLock<Vec<Arc<Scenario>>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            IDS.iter()
                .map(|id| {
                    let b = library::find(id).unwrap();
                    Arc::new(library::check(b).scenario.expect("shipped scenarios check"))
                })
                .collect()
        })
        .get(which)
        .cloned()
        .unwrap()
}

/// One thing a random player does.
#[derive(Debug, Clone)]
enum Step {
    Do(Action),
    /// `advance_to` an absolute time (possibly in the past: a no-op).
    AdvanceTo(Millis),
    /// `advance_to(now + d)`.
    AdvanceBy(Millis),
    /// `Choose` one of the choices on screen, if there are any.
    ChooseShown(prop::sample::Index),
}

// ---- strategies ---------------------------------------------------------

fn junk_name() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-z_]{0,10}",
        2 => "\\PC{0,8}",
        1 => Just(String::new()),
        1 => Just(" ".to_string()),
    ]
    .boxed()
}

/// Mostly a real name, sometimes junk.
fn name_or_junk(real: Vec<String>) -> BoxedStrategy<String> {
    if real.is_empty() {
        return junk_name();
    }
    prop_oneof![3 => proptest::sample::select(real), 1 => junk_name()].boxed()
}

/// Placeholder values, some quoted as a shell would take them.
const VALUES: &[&str] = &[
    "7d",
    "30m",
    "1h",
    "1234",
    "6",
    "lhr",
    "example.com",
    "10.0.0.0/8",
    "0",
    "-1",
    "'two words'",
    "\"quoted\"",
    "x",
];

/// A pattern written out as a player would type it: placeholders filled,
/// optional parts dropped or kept by `mask`.
fn fill(p: &Pattern, picks: &[usize], mask: u32) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    let mut pick = |n: usize| {
        let i = picks[k % picks.len()] % n.max(1);
        k += 1;
        i
    };
    let mut bit = 0;
    let mut keep = |optional: bool| {
        bit += 1;
        !optional || mask & (1 << (bit % 32)) != 0
    };
    for w in &p.words {
        match w {
            Word::Literal(l) => out.push(l.clone()),
            Word::Placeholder {
                choices, optional, ..
            } => {
                if !keep(*optional) {
                    continue;
                }
                match choices {
                    Some(c) if !c.is_empty() => out.push(c[pick(c.len())].clone()),
                    _ => out.push(VALUES[pick(VALUES.len())].to_string()),
                }
            }
        }
    }
    for f in &p.flags {
        if !keep(f.optional) {
            continue;
        }
        out.push(f.name.clone());
        if f.value.is_some() {
            out.push(VALUES[pick(VALUES.len())].to_string());
        }
    }
    out.join(" ")
}

/// A shell line: a real command, often mangled, or noise.
fn shell_line(sc: &Scenario) -> BoxedStrategy<String> {
    let patterns: Vec<Pattern> = sc
        .commands
        .iter()
        .flat_map(|c| c.patterns.iter().cloned())
        .collect();
    let real = (
        proptest::sample::select(patterns),
        proptest::collection::vec(any::<usize>(), 1..4),
        any::<u32>(),
    )
        .prop_map(|(p, picks, mask)| fill(&p, &picks, mask));
    let mangled = (real.clone(), 0u8..6, "[ -~]{0,10}").prop_map(|(line, how, junk)| match how {
        0 => format!("{line} \"{junk}"),
        1 => format!("'{junk} {line}"),
        2 => match line.rsplit_once(' ') {
            Some((head, _)) => head.to_string(),
            None => String::new(),
        },
        3 => format!("{line} {junk}"),
        4 => format!("  {line}\\"),
        _ => line.replace(' ', "  \t"),
    });
    prop_oneof![
        6 => real,
        4 => mangled,
        2 => "[ -~]{0,24}",
        1 => "\\PC{0,12}",
        1 => proptest::sample::select(vec!["help", "history", "clear", "date", "", "   ", "\"", "'", "\\"])
            .prop_map(str::to_string),
    ]
    .boxed()
}

fn status_state() -> impl Strategy<Value = StatusState> {
    proptest::sample::select(vec![
        StatusState::Investigating,
        StatusState::Identified,
        StatusState::Monitoring,
        StatusState::Resolved,
    ])
}

fn step(sc: &Scenario) -> BoxedStrategy<Step> {
    let alerts = name_or_junk(sc.alerts.iter().map(|a| a.name.clone()).collect());
    let choices = name_or_junk(sc.choice_names.keys().cloned().collect());
    let mut people: Vec<String> = sc.people.iter().map(|p| p.name.clone()).collect();
    people.push("you".into());
    let people = name_or_junk(people);
    let metrics = name_or_junk(sc.metrics.iter().map(|m| m.name.clone()).collect());
    let docs = name_or_junk(sc.docs.iter().map(|d| d.name.clone()).collect());
    let injects = name_or_junk(sc.injects.iter().map(|i| i.name.clone()).collect());
    let horizon = sc.meta.duration + 600_000;
    let text = "[ -~]{0,16}";
    let arms: Vec<(u32, BoxedStrategy<Step>)> = vec![
        (2, Just(Step::Do(Action::Ack(None))).boxed()),
        (
            2,
            alerts
                .clone()
                .prop_map(|a| Step::Do(Action::Ack(Some(a))))
                .boxed(),
        ),
        (
            2,
            alerts
                .clone()
                .prop_map(|a| Step::Do(Action::Resolve(a)))
                .boxed(),
        ),
        (1, alerts.prop_map(|a| Step::Do(Action::Silence(a))).boxed()),
        (
            6,
            shell_line(sc)
                .prop_map(|l| Step::Do(Action::Run(l)))
                .boxed(),
        ),
        (
            6,
            (0u32..6).prop_map(|n| Step::Do(Action::Choose(n))).boxed(),
        ),
        (
            4,
            any::<prop::sample::Index>()
                .prop_map(Step::ChooseShown)
                .boxed(),
        ),
        (
            2,
            choices.prop_map(|c| Step::Do(Action::ChooseId(c))).boxed(),
        ),
        (
            1,
            (people, text)
                .prop_map(|(p, m)| Step::Do(Action::Page(p, m)))
                .boxed(),
        ),
        (
            1,
            (status_state(), text)
                .prop_map(|(s, m)| Step::Do(Action::Status(s, m)))
                .boxed(),
        ),
        (1, metrics.prop_map(|m| Step::Do(Action::Graph(m))).boxed()),
        (1, docs.prop_map(|d| Step::Do(Action::Open(d))).boxed()),
        (1, injects.prop_map(|i| Step::Do(Action::Inject(i))).boxed()),
        (1, Just(Step::Do(Action::Hint)).boxed()),
        (
            1,
            "[a-z \n]{0,20}"
                .prop_map(|t| Step::Do(Action::Whisper(t)))
                .boxed(),
        ),
        (
            2,
            (0u64..60_000)
                .prop_map(|d| Step::Do(Action::Wait(d)))
                .boxed(),
        ),
        (
            1,
            (0u64..600_000)
                .prop_map(|d| Step::Do(Action::Wait(d)))
                .boxed(),
        ),
        (1, (0u64..horizon).prop_map(Step::AdvanceTo).boxed()),
        (1, (0u64..120_000).prop_map(Step::AdvanceBy).boxed()),
    ];
    Union::new_weighted(arms).boxed()
}

/// A shipped playthrough test as steps: `at T+..` becomes a clock jump.
fn scripted(sc: &Scenario, test: usize) -> Vec<Step> {
    let mut out = Vec::new();
    for s in &sc.tests[test].steps {
        if let Some(at) = s.at {
            out.push(Step::AdvanceTo(at));
        }
        out.push(Step::Do(playtest::action_for(sc, &s.input)));
    }
    out
}

/// A scenario, a seed and a session: either up to 40 random steps, or one of
/// the scenario's playthrough tests with random steps dropped into it and a
/// few of its own left out (so the story gets deep and reaches its endings).
fn session() -> impl Strategy<Value = (usize, u64, Vec<Step>)> {
    (0..IDS.len()).prop_flat_map(|which| {
        let sc = scenario(which);
        let random = (
            Just(which),
            any::<u64>(),
            proptest::collection::vec(step(&sc), 0..40),
        );
        let tests = sc.tests.len().max(1);
        let perturbed = (
            Just(which),
            any::<u64>(),
            0..tests,
            proptest::collection::vec((any::<prop::sample::Index>(), step(&sc)), 0..10),
            proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
        )
            .prop_map(move |(which, seed, test, inserts, drops)| {
                let sc = scenario(which);
                let mut steps = if sc.tests.is_empty() {
                    Vec::new()
                } else {
                    scripted(&sc, test)
                };
                for d in drops {
                    if !steps.is_empty() {
                        steps.remove(d.index(steps.len()));
                    }
                }
                for (at, s) in inserts {
                    steps.insert(at.index(steps.len() + 1), s);
                }
                (which, seed, steps)
            });
        prop_oneof![random, perturbed]
    })
}

// ---- running and checking ------------------------------------------------

/// The step as the engine sees it, `ChooseShown` made concrete.
fn resolve(sim: &Sim, step: &Step) -> Step {
    match step {
        Step::ChooseShown(i) => {
            let n = sim.choices().len();
            Step::Do(Action::Choose(if n == 0 {
                1
            } else {
                i.index(n) as u32 + 1
            }))
        }
        other => other.clone(),
    }
}

fn take(sim: &mut Sim, step: &Step) -> Vec<Event> {
    match &resolve(sim, step) {
        Step::Do(a) => sim.apply(a.clone()),
        Step::AdvanceTo(t) => sim.advance_to(*t),
        Step::AdvanceBy(d) => {
            let t = sim.now().saturating_add(*d);
            sim.advance_to(t)
        }
        Step::ChooseShown(_) => unreachable!(),
    }
}

fn rank(s: PageState) -> u8 {
    match s {
        PageState::Triggered => 0,
        PageState::Acked => 1,
        PageState::Resolved => 2,
    }
}

fn is_rejected(e: &Event) -> bool {
    matches!(e.kind, EventKind::Rejected(_))
}

fn alert_by_name(sc: &Scenario, name: &str) -> Option<AlertId> {
    sc.alerts.iter().position(|a| a.name == name).map(AlertId)
}

/// What the engine looked like just before a call.
struct Before {
    now: Millis,
    over: bool,
    pages: Vec<Page>,
    /// The numbers of the choices on screen.
    choices: Vec<u32>,
    history: usize,
    /// The last line of the shell's history, which `!!` stands for.
    last_line: Option<String>,
    rubric: Vec<RubricResult>,
}

/// What the checker has learnt from the events so far.
struct Model {
    sc: Arc<Scenario>,
    last_at: Millis,
    ended: bool,
    /// Alerts firing, as told by `AlertFiring` / `AlertResolved` events.
    firing: Vec<bool>,
    /// Alerts the player silenced since they last resolved.
    silenced: Vec<bool>,
    /// `Page` and `Ticket` events so far.
    opened: usize,
    /// `PageEscalated` events per page id.
    escalations: Vec<usize>,
    /// The options of the last `Choices` event.
    shown: Vec<(u32, String)>,
}

macro_rules! ensure {
    ($cond:expr, $ctx:expr, $($fmt:tt)+) => {
        prop_assert!($cond, "{}\n  while doing {:?}", format!($($fmt)+), $ctx)
    };
}

impl Model {
    fn new(sc: Arc<Scenario>) -> Model {
        let n = sc.alerts.len();
        Model {
            sc,
            last_at: 0,
            ended: false,
            firing: vec![false; n],
            silenced: vec![false; n],
            opened: 0,
            escalations: Vec::new(),
            shown: Vec::new(),
        }
    }

    fn before(sim: &Sim) -> Before {
        Before {
            now: sim.now(),
            over: sim.is_over(),
            pages: sim.pages().to_vec(),
            choices: sim.choices().iter().map(|c| c.0).collect(),
            history: sim.shell_history().len(),
            last_line: sim.shell_history().last().cloned(),
            rubric: sim.rubric(),
        }
    }

    /// Checks one call (`step`, or the opening drain when `None`).
    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    fn observe(
        &mut self,
        step: Option<&Step>,
        b: &Before,
        events: &[Event],
        sim: &Sim,
    ) -> Result<(), TestCaseError> {
        let sc = self.sc.clone();
        let duration = sc.meta.duration;
        let now = sim.now();

        // Time.
        ensure!(now >= b.now, step, "time went back from {} to {now}", b.now);
        ensure!(
            now <= duration,
            step,
            "time {now} is past the duration {duration}"
        );
        for e in events {
            ensure!(
                e.at >= self.last_at && e.at >= b.now && e.at <= now && e.at <= duration,
                step,
                "event at {} out of order (previous {}, call began at {}, now {now}): {e:?}",
                e.at,
                self.last_at,
                b.now
            );
            self.last_at = e.at;
        }

        // The end.
        if b.over {
            match step {
                Some(Step::Do(_)) => ensure!(
                    events.len() == 1 && is_rejected(&events[0]),
                    step,
                    "after the end, an action gave {events:?}"
                ),
                _ => ensure!(
                    events.is_empty(),
                    step,
                    "after the end, time gave {events:?}"
                ),
            }
            ensure!(now == b.now, step, "the clock moved after the end");
        }
        let ended: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, EventKind::Ended { .. }))
            .map(|(i, _)| i)
            .collect();
        ensure!(
            ended.len() <= usize::from(!self.ended),
            step,
            "a second ending: {events:?}"
        );
        if let Some(&i) = ended.first() {
            self.ended = true;
            // Known engine bug (see `nothing_happens_after_the_ending`): the
            // rest of the step that ended the drill still runs, so alerts and
            // pages may change at the same instant. Never later.
            ensure!(
                events[i..].iter().all(|e| e.at == events[i].at),
                step,
                "events after the ending: {:?}",
                &events[i..]
            );
            let f = sim.finish();
            ensure!(
                f.is_some_and(|f| f.at == events[i].at && f.at == now),
                step,
                "finish {f:?} disagrees with the ending event {:?} (now {now})",
                events[i]
            );
        }
        ensure!(
            sim.is_over() == self.ended,
            step,
            "is_over() is {} but the ending event {} seen",
            sim.is_over(),
            if self.ended { "was" } else { "was not" }
        );

        // Rejections change nothing, except a choice whose moment passed while
        // it was under way (a choice takes its time first): that time passed.
        let moment_passed = events.iter().any(
            |e| matches!(&e.kind, EventKind::Rejected(why) if why.contains("no longer on offer")),
        );
        if events.iter().any(is_rejected) && !moment_passed {
            ensure!(
                events.len() == 1 && now == b.now,
                step,
                "a rejected action had effects: {events:?} (clock {} -> {now})",
                b.now
            );
        }

        // Acceptance agrees with the state before.
        if let (Some(Step::Do(action)), false) = (step, b.over) {
            // A choice whose moment passed while it was under way is refused
            // although it was on screen when given: that is not a mismatch.
            let rejected = events.iter().any(is_rejected) && !moment_passed;
            self.check_acceptance(action, rejected, b, sim)?;
        }

        // The clock moved as asked.
        if !sim.is_over() {
            let want = match step {
                Some(Step::Do(Action::Wait(d))) => Some(b.now + d),
                Some(Step::AdvanceTo(t)) => Some(b.now.max(*t)),
                Some(Step::AdvanceBy(d)) => Some(b.now + d),
                _ => None,
            };
            if let Some(want) = want {
                ensure!(now == want, step, "the clock is at {now}, expected {want}");
            }
        }

        // The shell keeps every well-formed line, and answers each line once
        // (unless the drill ends while the command is still running: a
        // command takes its time first).
        let ended_during = !b.over && sim.is_over();
        if let (Some(Step::Do(Action::Run(line))), false, false) = (step, b.over, ended_during) {
            let shells = events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::Shell { .. }))
                .count();
            // A `!!` with nothing before it is answered, never kept.
            let (want_kept, want_shells) =
                match expand_history(line, b.last_line.as_deref()).map(|l| tokenize(&l)) {
                    None => (0, 1),
                    Some(Some(words)) if words.is_empty() => (0, 0),
                    Some(Some(_)) => (1, 1),
                    Some(None) => (0, 1),
                };
            ensure!(
                sim.shell_history().len() == b.history + want_kept && shells == want_shells,
                step,
                "shell history {} -> {}, {shells} shell events",
                b.history,
                sim.shell_history().len()
            );
        } else if ended_during {
            // The command either ran (and ended the drill) or never landed.
            ensure!(
                sim.shell_history().len() <= b.history + 1,
                step,
                "the shell history grew by more than one line"
            );
        } else {
            ensure!(
                sim.shell_history().len() == b.history,
                step,
                "the shell history changed"
            );
        }

        // The rubric latches: a first time, once known, never changes.
        let rubric = sim.rubric();
        for (r, old) in rubric.iter().zip(&b.rubric) {
            ensure!(
                r.first_held.is_none_or(|t| t <= now)
                    && (old.first_held.is_none() || old.first_held == r.first_held),
                step,
                "rubric entry {} went from {old:?} to {r:?}",
                r.item
            );
        }

        self.check_pages(step, b, events, sim)?;
        self.check_alerts(step, events, sim)?;

        // Choices: what the last `Choices` event showed, each numbered by
        // its place in its scene, so a number never moves.
        for e in events {
            if let EventKind::Choices {
                options, numbers, ..
            } = &e.kind
            {
                self.shown = numbers
                    .iter()
                    .copied()
                    .zip(options.iter().cloned())
                    .collect();
            }
        }
        let choices = sim.choices();
        if !choices.is_empty() {
            ensure!(
                choices == self.shown,
                step,
                "on screen {choices:?}, last shown {:?}",
                self.shown
            );
        }
        let scene = sim.current_scene().and_then(|s| sc.scenes.get(s.0));
        let count = scene.map_or(0, |s| s.choices.len());
        ensure!(
            choices
                .iter()
                .all(|(n, _)| (1..=count).contains(&(*n as usize)))
                && choices.windows(2).all(|w| w[0].0 < w[1].0),
            step,
            "choices are not numbered by their place in the scene: {choices:?}"
        );
        if sim.is_over() {
            ensure!(
                choices.is_empty(),
                step,
                "choices after the end: {choices:?}"
            );
        }

        // Metrics.
        for (i, m) in sc.metrics.iter().enumerate() {
            let id = MetricId(i);
            // `None` in a gap: no data, and nothing to bound.
            if let Some(v) = sim.metric_value(id) {
                ensure!(v.is_finite(), step, "{} is {v}", m.name);
            }
            if let (Some((lo, hi)), Some(v)) = (m.range, sim.metric_value(id)) {
                ensure!(
                    v >= lo - 1e-9 && v <= hi + 1e-9,
                    step,
                    "{} = {v} outside {lo}..{hi}",
                    m.name
                );
            }
            let h = sim.metric_history(id);
            for w in h.windows(2) {
                // Known engine bug (see `one_history_sample_per_instant`): two
                // samples at T+0. Strictly increasing from then on.
                ensure!(
                    w[0].0 < w[1].0 || w[1].0 == 0,
                    step,
                    "{} history goes back: {w:?}",
                    m.name
                );
            }
            for &(t, v) in h {
                ensure!(
                    t <= now && t % HISTORY_EVERY == 0 && v.is_none_or(f64::is_finite),
                    step,
                    "{} history sample ({t}, {v:?}) at now {now}",
                    m.name
                );
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    fn check_acceptance(
        &mut self,
        action: &Action,
        rejected: bool,
        b: &Before,
        sim: &Sim,
    ) -> Result<(), TestCaseError> {
        let sc = self.sc.clone();
        let open_of = |a: AlertId, states: &[PageState]| -> Vec<u32> {
            b.pages
                .iter()
                .filter(|p| p.alert == Some(a) && states.contains(&p.state))
                .map(|p| p.id)
                .collect()
        };
        let state_of = |id: u32| sim.pages()[id as usize - 1].state;
        let step = Some(action);
        match action {
            Action::Ack(None) => {
                let open: Vec<u32> = b
                    .pages
                    .iter()
                    .filter(|p| p.state == PageState::Triggered && p.severity == Severity::Page)
                    .map(|p| p.id)
                    .collect();
                ensure!(
                    rejected == open.is_empty(),
                    step,
                    "rejected: {rejected}, open pages {open:?}"
                );
                for id in open {
                    ensure!(
                        state_of(id) != PageState::Triggered,
                        step,
                        "page {id} still triggered after ack"
                    );
                }
            }
            Action::Ack(Some(name)) => {
                let open = alert_by_name(&sc, name)
                    .map(|a| open_of(a, &[PageState::Triggered]))
                    .unwrap_or_default();
                ensure!(
                    rejected == open.is_empty(),
                    step,
                    "rejected: {rejected}, open pages {open:?}"
                );
                for id in open {
                    ensure!(
                        state_of(id) != PageState::Triggered,
                        step,
                        "page {id} still triggered after ack"
                    );
                }
            }
            Action::Resolve(name) => {
                let open = alert_by_name(&sc, name)
                    .map(|a| open_of(a, &[PageState::Triggered, PageState::Acked]))
                    .unwrap_or_default();
                ensure!(
                    rejected == open.is_empty(),
                    step,
                    "rejected: {rejected}, open pages {open:?}"
                );
                for id in open {
                    ensure!(
                        state_of(id) == PageState::Resolved,
                        step,
                        "page {id} not resolved"
                    );
                }
            }
            Action::Silence(name) => {
                let a = alert_by_name(&sc, name);
                ensure!(rejected == a.is_none(), step, "rejected: {rejected}");
                if let Some(a) = a {
                    self.silenced[a.0] = true;
                    for id in open_of(a, &[PageState::Triggered, PageState::Acked]) {
                        ensure!(
                            state_of(id) == PageState::Resolved,
                            step,
                            "page {id} not resolved"
                        );
                    }
                }
            }
            Action::Choose(n) => {
                let on_screen = b.choices.contains(n);
                ensure!(
                    rejected != on_screen,
                    step,
                    "rejected: {rejected}, choices {:?} on screen",
                    b.choices
                );
            }
            Action::ChooseOnScreen(n) => {
                let on_screen = (1..=b.choices.len()).contains(&(*n as usize));
                ensure!(
                    rejected != on_screen,
                    step,
                    "rejected: {rejected}, {} choices on screen",
                    b.choices.len()
                );
            }
            Action::ChooseId(name) => {
                if !sc.choice_names.contains_key(name) {
                    ensure!(rejected, step, "an unknown choice was taken");
                }
            }
            Action::Page(person, _) => {
                let ok = sc.people.iter().any(|p| &p.name == person && p.pageable);
                ensure!(rejected != ok, step, "rejected: {rejected}");
            }
            Action::Graph(m) => {
                ensure!(
                    rejected == sc.metric_by_name(m).is_none(),
                    step,
                    "rejected: {rejected}"
                );
            }
            Action::Open(d) => {
                let ok = sc.docs.iter().any(|x| &x.name == d);
                ensure!(rejected != ok, step, "rejected: {rejected}");
            }
            Action::Inject(name) => {
                if sc.inject_by_name(name).is_none() {
                    ensure!(rejected, step, "an unknown inject was fired");
                }
                ensure!(sim.now() == b.now, step, "an inject took game time");
            }
            // Whether a hint is ready depends on the story so far.
            Action::Hint => ensure!(sim.now() == b.now, step, "a hint took game time"),
            Action::Whisper(_) => {
                ensure!(!rejected, step, "a whisper was refused");
                ensure!(sim.now() == b.now, step, "a whisper took game time");
            }
            Action::Run(_) | Action::Status(..) | Action::Wait(_) => {
                ensure!(!rejected, step, "rejected");
            }
        }
        Ok(())
    }

    fn check_pages(
        &mut self,
        step: Option<&Step>,
        b: &Before,
        events: &[Event],
        sim: &Sim,
    ) -> Result<(), TestCaseError> {
        let pages = sim.pages();
        let now = sim.now();
        let max_level = self.sc.escalation.len().saturating_sub(1);
        ensure!(pages.len() >= b.pages.len(), step, "pages disappeared");
        for (i, p) in pages.iter().enumerate() {
            ensure!(
                p.id as usize == i + 1,
                step,
                "page ids {:?}",
                pages.iter().map(|p| p.id).collect::<Vec<_>>()
            );
            ensure!(
                p.level <= max_level,
                step,
                "page {} at level {}",
                p.id,
                p.level
            );
            ensure!(
                p.severity == Severity::Page || p.level == 0,
                step,
                "ticket {} escalated",
                p.id
            );
            ensure!(
                p.opened <= p.level_since && p.level_since <= now,
                step,
                "page {} opened {} level since {} now {now}",
                p.id,
                p.opened,
                p.level_since
            );
            if let Some(old) = b.pages.get(i) {
                ensure!(
                    old.alert == p.alert
                        && old.severity == p.severity
                        && old.opened == p.opened
                        && old.text == p.text,
                    step,
                    "page {} changed: {old:?} -> {p:?}",
                    p.id
                );
                ensure!(
                    rank(p.state) >= rank(old.state),
                    step,
                    "page {} went back from {:?} to {:?}",
                    p.id,
                    old.state,
                    p.state
                );
                ensure!(p.level >= old.level, step, "page {} de-escalated", p.id);
            }
        }
        let exists = |id: u32| (1..=pages.len() as u32).contains(&id);
        for e in events {
            match &e.kind {
                EventKind::Page { .. } | EventKind::Ticket { .. } => self.opened += 1,
                EventKind::PageAcked { page } => ensure!(
                    exists(*page) && pages[*page as usize - 1].state != PageState::Triggered,
                    step,
                    "{e:?}"
                ),
                EventKind::PageResolved { page } => ensure!(
                    exists(*page) && pages[*page as usize - 1].state == PageState::Resolved,
                    step,
                    "{e:?}"
                ),
                EventKind::PageEscalated { page, .. } => {
                    ensure!(exists(*page), step, "{e:?}");
                    let i = *page as usize - 1;
                    if self.escalations.len() <= i {
                        self.escalations.resize(i + 1, 0);
                    }
                    self.escalations[i] += 1;
                }
                _ => {}
            }
        }
        ensure!(
            self.opened == pages.len(),
            step,
            "{} page/ticket events for {} pages",
            self.opened,
            pages.len()
        );
        for p in pages {
            let told = self
                .escalations
                .get(p.id as usize - 1)
                .copied()
                .unwrap_or(0);
            ensure!(
                told == p.level,
                step,
                "page {} at level {} after {told} escalation events",
                p.id,
                p.level
            );
        }
        Ok(())
    }

    fn check_alerts(
        &mut self,
        step: Option<&Step>,
        events: &[Event],
        sim: &Sim,
    ) -> Result<(), TestCaseError> {
        let sc = self.sc.clone();
        let now = sim.now();
        for (i, e) in events.iter().enumerate() {
            match &e.kind {
                EventKind::AlertFiring { alert, .. } => {
                    let a = alert_by_name(&sc, alert).unwrap();
                    ensure!(!self.firing[a.0], step, "{alert} fired twice");
                    self.firing[a.0] = true;
                    if !self.silenced[a.0] {
                        let paged = events[i..].iter().any(|x| {
                            x.at == e.at
                                && match &x.kind {
                                    EventKind::Page { alert: Some(n), .. } => n == alert,
                                    EventKind::Ticket { alert: n, .. } => n == alert,
                                    _ => false,
                                }
                        });
                        ensure!(paged, step, "{alert} fired without a page: {events:?}");
                    }
                }
                EventKind::AlertResolved { alert, .. } => {
                    let a = alert_by_name(&sc, alert).unwrap();
                    ensure!(self.firing[a.0], step, "{alert} resolved while not firing");
                    self.firing[a.0] = false;
                    self.silenced[a.0] = false;
                }
                _ => {}
            }
        }
        for (i, a) in sc.alerts.iter().enumerate() {
            let status = sim.alert_status(AlertId(i)).unwrap();
            let firing = matches!(status, AlertStatus::Firing { .. });
            ensure!(
                firing == self.firing[i],
                step,
                "{} is {status:?} but the events say firing = {}",
                a.name,
                self.firing[i]
            );
            match status {
                AlertStatus::Quiet => {}
                // Once the drill is over the rules stop running, so a pending
                // alert may stay pending past its hold.
                AlertStatus::Pending { since } => ensure!(
                    since <= now && a.hold > 0 && (now - since < a.hold || sim.is_over()),
                    step,
                    "{} pending since {since} (hold {}) at {now}",
                    a.name,
                    a.hold
                ),
                AlertStatus::Firing { since } => {
                    ensure!(
                        since <= now,
                        step,
                        "{} firing since {since} at {now}",
                        a.name
                    );
                }
            }
            let open = sim
                .pages()
                .iter()
                .any(|p| p.alert == Some(AlertId(i)) && p.state != PageState::Resolved);
            ensure!(
                !open || firing,
                step,
                "{} is {status:?} with an open page",
                a.name
            );
        }
        Ok(())
    }
}

/// Plays a session with every check on, then lets the drill run out and pokes
/// at it once it is over.
fn play_checked(which: usize, seed: u64, steps: &[Step]) -> Result<(), TestCaseError> {
    let sc = scenario(which);
    let mut sim = Sim::new(sc.clone(), seed);
    let mut model = Model::new(sc.clone());
    let start = Before {
        now: 0,
        over: false,
        pages: Vec::new(),
        choices: Vec::new(),
        history: 0,
        last_line: None,
        rubric: Vec::new(),
    };
    let opening = sim.drain();
    prop_assert!(opening.iter().all(|e| e.at == 0), "{opening:?}");
    model.observe(None, &start, &opening, &sim)?;
    for step in steps {
        let b = Model::before(&sim);
        let step = resolve(&sim, step);
        let events = take(&mut sim, &step);
        model.observe(Some(&step), &b, &events, &sim)?;
    }
    // Let it run out, then keep poking at it.
    let finale = [
        Step::AdvanceTo(Millis::MAX),
        Step::Do(Action::Ack(None)),
        Step::Do(Action::Choose(1)),
        Step::Do(Action::Run("help".into())),
        Step::Do(Action::Wait(60_000)),
        Step::AdvanceBy(60_000),
    ];
    for step in &finale {
        let b = Model::before(&sim);
        let events = take(&mut sim, step);
        model.observe(Some(step), &b, &events, &sim)?;
    }
    prop_assert!(sim.is_over(), "the drill never ended");
    prop_assert!(sim.finish().is_some_and(|f| f.at <= sc.meta.duration));
    Ok(())
}

/// Everything a run shows, as text.
fn trace(sim: &mut Sim, steps: &[Step]) -> Vec<String> {
    let mut out = vec![format!("{:?}", sim.drain())];
    for step in steps {
        out.push(format!("{:?}", take(sim, step)));
        out.push(format!(
            "{} {:?} {:?} {:?} {:?}",
            sim.now(),
            sim.pages(),
            sim.choices(),
            sim.rubric(),
            sim.finish()
        ));
    }
    out
}

/// `cases` by default; `PROPTEST_CASES=5000` for a deeper hunt.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        // Failures print a minimal session; nothing is written to disk.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn random_play_keeps_every_invariant((which, seed, steps) in session()) {
        play_checked(which, seed, &steps)?;
    }
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn same_seed_and_inputs_give_the_same_events(
        (which, seed, steps) in session(),
        split in 0usize..41,
    ) {
        let sc = scenario(which);
        let mut steps = steps;
        steps.push(Step::AdvanceTo(Millis::MAX));
        let a = trace(&mut Sim::new(sc.clone(), seed), &steps);
        let b = trace(&mut Sim::new(sc.clone(), seed), &steps);
        prop_assert_eq!(&a, &b);
        // A clone taken midway goes on exactly like the original.
        let split = split.min(steps.len());
        let mut sim = Sim::new(sc, seed);
        let mut head = trace(&mut sim, &steps[..split]);
        let mut copy = sim.clone();
        let tail = trace(&mut sim, &steps[split..]);
        let tail_copy = trace(&mut copy, &steps[split..]);
        prop_assert_eq!(&tail, &tail_copy);
        head.extend(tail.into_iter().skip(1));
        prop_assert_eq!(&head, &a);
    }
}

/// Waits and jumps at the far end of the clock end the drill at its duration,
/// without overflow.
#[test]
fn huge_waits_end_the_drill_at_its_duration() {
    for which in 0..IDS.len() {
        let sc = scenario(which);
        let mut sim = Sim::new(sc.clone(), 3);
        sim.advance_to(1_500);
        sim.apply(Action::Wait(Millis::MAX));
        assert!(sim.is_over());
        assert!(sim.now() <= sc.meta.duration);
        let mut sim = Sim::new(sc.clone(), 3);
        sim.apply(Action::Wait(61_234));
        sim.advance_to(Millis::MAX - 1);
        assert!(sim.is_over() && sim.now() <= sc.meta.duration);
    }
}

// ---- known engine bugs, found by the properties above ---------------------
// Ignored until fixed; the properties tolerate exactly these two cases.

fn inline(text: &str) -> Scenario {
    let checked = firedrill::lang::check(
        firedrill::lang::Loaded::text("t.drill", text),
        &firedrill::lang::NoFiles,
    );
    checked.scenario.expect("the test scenario checks")
}

/// Nothing happens after the step that ends the drill: the `Ended` event is
/// the last one. (Within that step the world moves first and the triggers
/// react after, so an alert firing at the same instant comes before the end.)
#[test]
fn nothing_happens_after_the_ending() {
    let sc = inline(
        "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n\
         alert late \"Late\"\n    when now >= T+1m\n    severity page\n    summary \"late\"\n\
         at T+1m\n    end done\n\
         scene a\n    wait\n\
         ending done \"Done\"\n    outcome resolved\n    Bye.\n",
    );
    let mut sim = Sim::new(sc, 1);
    let events = sim.advance_to(120_000);
    assert!(sim.is_over());
    let end = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::Ended { .. }))
        .unwrap();
    assert_eq!(
        end + 1,
        events.len(),
        "after the ending: {:?}",
        &events[end..]
    );
    let page_at = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::Page { .. }));
    assert!(
        page_at.is_none_or(|p| p < end),
        "a page opened after the end: {events:?}"
    );
    let more = sim.advance_to(180_000);
    assert!(more.is_empty(), "{more:?}");
}

/// `Sim::new` samples every metric twice at T+0 (once before the opening
/// scene, once in the first tick), drawing the noise twice: the history holds
/// two different values for the same instant.
#[test]
fn one_history_sample_per_instant() {
    let sim = Sim::new(scenario(0), 1);
    let h = sim.metric_history(MetricId(0));
    assert!(h.windows(2).all(|w| w[0].0 < w[1].0), "{h:?}");
}
