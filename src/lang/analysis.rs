//! Static analysis of a checked scenario: scenes no path reaches, scenes that
//! can neither go on nor end, endings never reached, declarations never used,
//! alerts that can never fire, and command patterns shadowed by earlier ones.

use super::diagnostic::{Code, Diagnostic};
use crate::scenario::*;
use std::collections::BTreeSet;

/// Everything an action list can do to the story and the world.
#[derive(Default)]
struct Reach {
    scenes: BTreeSet<SceneId>,
    called: BTreeSet<SceneId>,
    endings: BTreeSet<EndingId>,
    effects: BTreeSet<EffectId>,
    people: BTreeSet<PersonId>,
    moves_story: bool,
    returns: bool,
    waits: bool,
}

impl Reach {
    fn actions(&mut self, acts: &[Action]) {
        each_action(acts, &mut |a| self.action(a));
    }

    /// One action, its bodies aside (the walker visits them).
    fn action(&mut self, a: &Action) {
        match a {
            Action::Goto(s) => {
                self.scenes.insert(*s);
                self.moves_story = true;
            }
            Action::Call(s) | Action::Interrupt(s) => {
                self.scenes.insert(*s);
                self.called.insert(*s);
                self.moves_story = true;
            }
            Action::End(e) => {
                self.endings.insert(*e);
                self.moves_story = true;
            }
            Action::Start(e) | Action::Stop(e) => {
                self.effects.insert(*e);
            }
            Action::Chat(p, _) | Action::Page(Pagee::Person(p), _) => {
                self.people.insert(*p);
            }
            Action::Return => self.returns = true,
            Action::Wait => self.waits = true,
            Action::After(..)
            | Action::If(..)
            | Action::Narrate(_)
            | Action::Page(Pagee::Player, _)
            | Action::Set(..)
            | Action::Login(_)
            | Action::PostStatus(..) => {}
        }
    }
}

/// What no path of the story reaches is what the checker warns about
/// (`FD0301`, `FD0303`) and what `firedrill graph` marks unreachable: one
/// analysis for both.
pub struct Reached {
    /// Scenes reachable from the opening, or from the world at any time.
    pub scenes: BTreeSet<SceneId>,
    /// Endings some reachable scene, trigger, inject, command or page ends with.
    pub endings: BTreeSet<EndingId>,
    /// Scenes something reachable `call`s or `interrupt`s.
    pub called: BTreeSet<SceneId>,
}

/// The scenes, endings and callees the story can reach.
pub fn reachable(sc: &Scenario) -> Reached {
    let (scenes, world) = moves(sc);
    reached(sc, &scenes, &world)
}

/// What each scene's lines and choices can do, and what the world outside
/// the story (triggers, a mentor's injects, commands, people) can.
fn moves(sc: &Scenario) -> (Vec<Reach>, Reach) {
    let scene_reach: Vec<Reach> = sc
        .scenes
        .iter()
        .map(|s| {
            let mut r = Reach::default();
            r.actions(&s.actions);
            for c in &s.choices {
                if let Some(ch) = sc.choices.get(c.0) {
                    r.actions(&ch.actions);
                }
            }
            if let Some(f) = &s.fallback {
                r.actions(f);
            }
            r
        })
        .collect();
    let mut world = Reach::default();
    for t in &sc.triggers {
        world.actions(&t.actions);
    }
    for i in &sc.injects {
        world.actions(&i.actions);
    }
    for c in &sc.commands {
        world.actions(&c.actions);
    }
    for p in &sc.people {
        world.actions(&p.when_paged);
    }
    (scene_reach, world)
}

fn reached(sc: &Scenario, scene_reach: &[Reach], world: &Reach) -> Reached {
    let mut reached: BTreeSet<SceneId> = BTreeSet::new();
    let mut todo: Vec<SceneId> = vec![sc.opening];
    todo.extend(world.scenes.iter().copied());
    while let Some(s) = todo.pop() {
        if !reached.insert(s) {
            continue;
        }
        if let Some(r) = scene_reach.get(s.0) {
            todo.extend(r.scenes.iter().copied());
        }
    }
    let mut endings = world.endings.clone();
    let mut called = world.called.clone();
    for s in &reached {
        if let Some(r) = scene_reach.get(s.0) {
            endings.extend(r.endings.iter().copied());
            called.extend(r.called.iter().copied());
        }
    }
    Reached {
        scenes: reached,
        endings,
        called,
    }
}

/// Runs every analysis; returns warnings (and errors the model alone reveals).
#[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
pub fn analyze(sc: &Scenario) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (scene_reach, world) = moves(sc);
    let Reached {
        scenes: reached,
        endings: endings_reached,
        called,
    } = reached(sc, &scene_reach, &world);

    for (i, scene) in sc.scenes.iter().enumerate() {
        let id = SceneId(i);
        let r = &scene_reach[i];
        if !reached.contains(&id) {
            out.push(
                Diagnostic::new(
                    Code::UnreachableScene,
                    scene.span,
                    format!("no path reaches the scene `{}`", scene.name),
                )
                .help(
                    "`goto` it from a scene or choice, `interrupt` it from a trigger, or remove it",
                ),
            );
            continue;
        }
        let has_exit = !scene.choices.is_empty()
            || scene.fallback.is_some()
            || r.moves_story
            || r.returns
            || r.waits;
        if !has_exit {
            out.push(
                Diagnostic::new(Code::DeadEnd, scene.span, format!("the scene `{}` can neither go on nor end", scene.name))
                    .help("give it choices, a `goto`, an `end`, or `wait` (to let triggers move the story)"),
            );
        } else if r.waits && !world.moves_story && scene.choices.is_empty() && !r.moves_story {
            out.push(
                Diagnostic::new(Code::DeadEnd, scene.span, format!("the scene `{}` waits, but nothing can move the story on", scene.name))
                    .help("add a trigger or command that does `goto`, `interrupt` or `end`; otherwise only the time-out ends the game"),
            );
        }
        if r.returns && !called.contains(&id) {
            out.push(
                Diagnostic::new(
                    Code::ReturnWithoutCall,
                    scene.span,
                    format!("the scene `{}` returns, but nothing calls it", scene.name),
                )
                .help(
                    "reach it with `call` or `interrupt` so `return` has somewhere to go back to",
                ),
            );
        }
    }

    for (i, e) in sc.endings.iter().enumerate() {
        if e.outcome != Outcome::TimedOut && !endings_reached.contains(&EndingId(i)) {
            out.push(
                Diagnostic::new(
                    Code::UnreachableEnding,
                    e.span,
                    format!("no path reaches the ending `{}`", e.name),
                )
                .help("`end` it from a reachable scene, a choice, a trigger or a command"),
            );
        }
    }

    unused(sc, &scene_reach, &world, &mut out);
    for (i, a) in sc.alerts.iter().enumerate() {
        if let Some(why) = impossible(sc, &a.condition) {
            out.push(
                Diagnostic::new(
                    Code::AlertNeverFires,
                    a.span,
                    format!("the alert `{}` can never fire", a.name),
                )
                .note(why)
                .help("lower the threshold, or add an effect that moves the metric there"),
            );
        }
        let _ = i;
    }
    shadowed(sc, &mut out);
    out.extend(super::loops::story_loops(sc));
    out.extend(super::early::early_rubric(sc));
    out.extend(super::hidden::unnamed_hidden(sc));
    out
}

fn unused(sc: &Scenario, scenes: &[Reach], world: &Reach, out: &mut Vec<Diagnostic>) {
    let mut read = BTreeSet::new();
    let mut viewed_metric = BTreeSet::new();
    let mut visit = |e: &Expr| expr_reads(e, &mut read, &mut viewed_metric);
    for_each_expr(sc, &mut visit);
    for_each_text(sc, &mut |t: &Text| {
        for p in &t.parts {
            if let TextPart::Var(v) = p {
                read.insert(*v);
            }
        }
    });
    for (i, v) in sc.vars.iter().enumerate() {
        if !read.contains(&VarId(i)) {
            out.push(
                Diagnostic::new(Code::Unused, v.span, format!("`{}` is never read", v.name))
                    .help("use it in a condition or a `{...}` in text, or remove it"),
            );
        }
    }
    let mut started = world.effects.clone();
    let mut people = world.people.clone();
    for r in scenes {
        started.extend(r.effects.iter().copied());
        people.extend(r.people.iter().copied());
    }
    for lvl in &sc.escalation {
        if let Pagee::Person(p) = lvl.who {
            people.insert(p);
        }
    }
    for t in &sc.tests {
        for s in &t.steps {
            if let TestInput::Page(p, _) = s.input {
                people.insert(p);
            }
        }
    }
    for (i, e) in sc.effects.iter().enumerate() {
        if e.while_cond.is_none() && !started.contains(&EffectId(i)) {
            out.push(
                Diagnostic::new(Code::Unused, e.span, format!("the effect `{}` is never started", e.name))
                    .help(format!("`start {}` from a trigger, scene or command, give it a `while` condition, or remove it", e.name)),
            );
        }
    }
    for (i, p) in sc.people.iter().enumerate() {
        if !p.pageable && !people.contains(&PersonId(i)) {
            out.push(
                Diagnostic::new(
                    Code::Unused,
                    p.span,
                    format!("`{}` never says anything and cannot be paged", p.name),
                )
                .help(format!(
                    "give them a line (`@{}: ...`), make them `pageable`, or remove them",
                    p.name
                )),
            );
        }
    }
}

fn expr_reads(e: &Expr, read: &mut BTreeSet<VarId>, metrics: &mut BTreeSet<MetricId>) {
    match e {
        Expr::Var(v) | Expr::EnumIs { var: v, .. } => {
            read.insert(*v);
        }
        Expr::Metric(m) => {
            metrics.insert(*m);
        }
        Expr::Not(a) => expr_reads(a, read, metrics),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Compare(_, a, b)
        | Expr::Add(a, b)
        | Expr::Sub(a, b) => {
            expr_reads(a, read, metrics);
            expr_reads(b, read, metrics);
        }
        _ => {}
    }
}

pub(super) use crate::scenario::each_action;

/// Calls `f` on every expression in the scenario.
pub fn for_each_expr(sc: &Scenario, f: &mut dyn FnMut(&Expr)) {
    let acts = |list: &[Action], f: &mut dyn FnMut(&Expr)| {
        each_action(list, &mut |a| match a {
            Action::Set(_, e) | Action::If(e, ..) => f(e),
            _ => {}
        });
    };
    for e in &sc.effects {
        if let Some(c) = &e.while_cond {
            f(c);
        }
        if let Some(l) = &e.level {
            f(l);
        }
    }
    for a in &sc.alerts {
        f(&a.condition);
    }
    for p in &sc.people {
        acts(&p.when_paged, f);
    }
    for c in &sc.commands {
        for o in &c.outputs {
            if let Some(w) = &o.when {
                f(w);
            }
        }
        acts(&c.actions, f);
    }
    for d in &sc.docs {
        for o in &d.variants {
            if let Some(w) = &o.when {
                f(w);
            }
        }
    }
    for o in sc.machine.outputs() {
        if let Some(w) = &o.when {
            f(w);
        }
    }
    for t in &sc.triggers {
        if let TriggerKind::When { condition, .. } = &t.kind {
            f(condition);
        }
        acts(&t.actions, f);
    }
    for i in &sc.injects {
        acts(&i.actions, f);
    }
    for h in &sc.hints {
        f(&h.condition);
    }
    for s in &sc.scenes {
        acts(&s.actions, f);
        if let Some(fb) = &s.fallback {
            acts(fb, f);
        }
    }
    for c in &sc.choices {
        if let Some(o) = &c.only_if {
            f(o);
        }
        acts(&c.actions, f);
    }
    for r in &sc.rubric.items {
        f(&r.condition);
        if let Some(a) = &r.applies {
            f(a);
        }
    }
}

/// Calls `f` on every interpolating text in the scenario.
pub fn for_each_text(sc: &Scenario, f: &mut dyn FnMut(&Text)) {
    let acts = |list: &[Action], f: &mut dyn FnMut(&Text)| {
        each_action(list, &mut |a| match a {
            Action::Narrate(t)
            | Action::Chat(_, t)
            | Action::Page(_, t)
            | Action::PostStatus(_, t) => {
                f(t);
            }
            _ => {}
        });
    };
    for a in &sc.alerts {
        f(&a.summary);
    }
    for p in &sc.people {
        acts(&p.when_paged, f);
    }
    for c in &sc.commands {
        for o in &c.outputs {
            f(&o.text);
        }
        acts(&c.actions, f);
    }
    for d in &sc.docs {
        for o in &d.variants {
            f(&o.text);
        }
    }
    for t in &sc.triggers {
        acts(&t.actions, f);
    }
    for i in &sc.injects {
        acts(&i.actions, f);
    }
    for h in &sc.hints {
        f(&h.text);
    }
    for s in &sc.scenes {
        acts(&s.actions, f);
        if let Some(fb) = &s.fallback {
            acts(fb, f);
        }
    }
    for c in &sc.choices {
        f(&c.text);
        acts(&c.actions, f);
    }
    for e in &sc.endings {
        f(&e.text);
    }
    for o in sc.machine.outputs() {
        f(&o.text);
    }
}

/// The lowest and highest values a metric can take.
pub fn metric_bounds(sc: &Scenario, m: MetricId) -> Option<(f64, f64)> {
    let metric = sc.metrics.get(m.0)?;
    let swing = metric.daily.map_or(0.0, |(a, _)| a.abs()) + 4.0 * metric.noise;
    let mut lo = metric.baseline - swing;
    let mut hi = metric.baseline + swing;
    let (mut up, mut down) = (0.0f64, 0.0f64);
    for e in metric.effects.iter().filter_map(|e| sc.effects.get(e.0)) {
        if e.level.is_some() {
            // A level worked out from state may be anything: only the
            // range bounds it.
            lo = f64::NEG_INFINITY;
            hi = f64::INFINITY;
            continue;
        }
        match e.target {
            Target::To(v) => {
                lo = lo.min(v - swing);
                hi = hi.max(v + swing);
            }
            Target::By(d) if d >= 0.0 => up += d,
            Target::By(d) => down += d,
            Target::Baseline => {}
        }
    }
    // Relative effects may stack on top of any level.
    hi += up;
    lo += down;
    if let Some((rlo, rhi)) = metric.range {
        lo = lo.max(rlo);
        hi = hi.min(rhi);
    }
    Some((lo, hi))
}

/// Why a condition can never hold, if a threshold lies beyond its metric's reach.
fn impossible(sc: &Scenario, e: &Expr) -> Option<String> {
    match e {
        Expr::And(a, b) => impossible(sc, a).or_else(|| impossible(sc, b)),
        Expr::Or(a, b) => {
            let x = impossible(sc, a)?;
            let y = impossible(sc, b)?;
            Some(format!("{x}; {y}"))
        }
        Expr::Compare(op, a, b) => {
            let (m, x, op) = match (a.as_ref(), b.as_ref()) {
                (Expr::Metric(m), Expr::Number(x)) => (*m, *x, *op),
                (Expr::Number(x), Expr::Metric(m)) => (*m, *x, op.flipped()),
                _ => return None,
            };
            let (lo, hi) = metric_bounds(sc, m)?;
            let never = match op {
                CmpOp::Gt => hi <= x,
                CmpOp::Ge => hi < x,
                CmpOp::Lt => lo >= x,
                CmpOp::Le => lo > x,
                CmpOp::Eq => x < lo || x > hi,
                CmpOp::Ne => false,
            };
            let metric = &sc.metrics[m.0];
            never.then(|| format!("`{}` stays between {} and {} (its baseline, noise, daily swing, effects and range), so it never gets past {}", metric.name, trim(lo), trim(hi), trim(x)))
        }
        _ => None,
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn shadowed(sc: &Scenario, out: &mut Vec<Diagnostic>) {
    // Only patterns of the same program can cover each other, so compare
    // within each program's group: linear for scenarios with many tools.
    let mut by_program: std::collections::HashMap<&str, Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    for (ci, c) in sc.commands.iter().enumerate() {
        for (pi, p) in c.patterns.iter().enumerate() {
            by_program.entry(p.program()).or_default().push((ci, pi));
        }
    }
    let mut found = Vec::new();
    for group in by_program.values() {
        for &(cj, pj) in group {
            let later = &sc.commands[cj];
            let p = &later.patterns[pj];
            let by = group
                .iter()
                .filter(|(ci, _)| *ci < cj)
                .find(|&&(ci, pi)| p.is_covered_by(&sc.commands[ci].patterns[pi]));
            if let Some(&(ci, pi)) = by {
                found.push((cj, pj, ci, pi));
            }
        }
    }
    found.sort_unstable();
    for (cj, pj, ci, pi) in found {
        let (later, earlier) = (&sc.commands[cj], &sc.commands[ci]);
        let (p, q) = (&later.patterns[pj], &earlier.patterns[pi]);
        let here = later.pattern_spans.get(pj).copied().unwrap_or(later.span);
        // A pattern with optional words is several forms: name the one.
        let forms = later
            .patterns
            .iter()
            .filter(|o| o.source == p.source)
            .count();
        let what = if forms > 1 {
            format!("`{}`, typed as `{}`,", p.source, p.form())
        } else {
            format!("`{}`", p.source)
        };
        let there = earlier
            .pattern_spans
            .get(pi)
            .copied()
            .unwrap_or(earlier.span);
        out.push(
            Diagnostic::new(
                Code::ShadowedPattern,
                here,
                format!(
                    "{what} can never run: `{}` takes all its input first",
                    q.source
                ),
            )
            .secondary(
                there,
                format!("`{}`'s pattern, declared earlier", earlier.name),
            )
            .help("move the more specific command above the general one"),
        );
    }
}
