//! Lowering: loads a scenario and its includes, resolves every name, checks
//! every type and unit, and builds the [`Scenario`] model. Static analysis of
//! the finished model lives in `lang::analysis`.

use super::ast::{self, ExprKind, ItemKind, LiteralUnit};
use super::diagnostic::{Code, Diagnostic, closest};
use super::diags::{Diags, Omitted};
use super::lines::{MAX_TEXT, is_forbidden_char};
use super::parser::parse_file;
use super::source::{FileId, SourceMap, Span};
use super::{LoadError, Loaded, Loader};
use crate::scenario::machine as machine_model;
use crate::scenario::pattern::Pattern;
use crate::scenario::*;
use std::collections::BTreeMap;

mod actions;
mod args;
mod expr;
mod load;
mod machine;
mod meta;
mod names;
mod program;
mod rubric;
mod story;
mod tests;
mod text;
mod world;

use expr::literal_unit;
use load::{Load, literal_text, load_error};
use names::{Symbols, resolve_in, unknown_in};
use world::placeholder_alert;

/// Largest scenario file accepted (each include counts on its own). The
/// largest shipped scenario is 64 KiB; at this size a check stays within
/// 2 s and 64 MB plus four times the file's size on a slow machine.
pub const MAX_FILE: usize = 2 * 1024 * 1024;
/// Most lines in one scenario file: the checker's memory grows with the
/// lines, so a file of many short junk lines is refused before it is read.
pub const MAX_LINES: usize = 50_000;
/// Deepest chain of includes.
pub const MAX_INCLUDE_DEPTH: usize = 8;
/// Largest file a `file "..."` body may read.
const MAX_BODY_FILE: usize = 4 * MAX_TEXT;
/// Default time to acknowledge before the next escalation level.
const DEFAULT_ESCALATION: Millis = 5 * 60_000;

/// The result of checking one scenario.
#[derive(Debug)]
pub struct Checked {
    /// The model, when there was no error (warnings allowed).
    pub scenario: Option<Scenario>,
    pub sources: SourceMap,
    /// In source order: at most [`MAX_DIAGNOSTICS`](super::MAX_DIAGNOSTICS), the first by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The ones found beyond [`MAX_DIAGNOSTICS`](super::MAX_DIAGNOSTICS), only counted.
    pub omitted: Omitted,
    /// The syntax tree of every file read, includes spliced in where they
    /// are written (empty when a file could not be read at all). Editor
    /// tools find names and blocks in it, even when the check failed.
    pub items: Vec<ast::Item>,
}

impl Checked {
    /// How many errors were found (shown or not).
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count() + self.omitted.errors
    }

    /// How many warnings were found (shown or not).
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count() + self.omitted.warnings
    }
}

/// Checks the scenario in `main`, reading what it includes through `loader`.
pub fn check(main: Loaded, loader: &dyn Loader) -> Checked {
    let mut sources = SourceMap::new();
    let mut diags = Diags::new();
    let mut load = Load {
        loader,
        sources: &mut sources,
        diags: &mut diags,
        items: Vec::new(),
        stack: Vec::new(),
        read: (0, 0),
    };
    load.file(main, None);
    let items = load.items;
    let read = load.read.0;
    let main_file = FileId(0);
    if diags.iter().any(|d| {
        matches!(
            d.code,
            Code::InvalidUtf8 | Code::FileTooLarge | Code::EmptyFile
        )
    }) {
        return finish(None, sources, diags, items);
    }
    let mut lw = Lowerer::new(&sources, loader, &mut diags);
    lw.read = read;
    let scenario = lw.lower(&items, main_file);
    let bodies = std::mem::take(&mut lw.bodies);
    for (name, key, text) in bodies {
        if !sources.files().any(|(_, f)| f.key == key) {
            sources.add_keyed(name, key, text);
        }
    }
    // Analysis of a model with holes (unresolved names were dropped) would
    // report their consequences as new problems: run it on sound models only.
    if let Some(sc) = scenario.as_ref().filter(|_| !diags.has_errors()) {
        diags.extend(super::analysis::analyze(sc));
        diags.extend(super::steps::unmatched_steps(sc));
    }
    let ok = !diags.has_errors();
    finish(scenario.filter(|_| ok), sources, diags, items)
}

/// Sorts the diagnostics by where they point and wraps up the result.
fn finish(
    scenario: Option<Scenario>,
    sources: SourceMap,
    diags: Diags,
    items: Vec<ast::Item>,
) -> Checked {
    let (mut diagnostics, omitted) = diags.finish();
    // An invisible character in a name is an error there; the pre-pass's
    // warning about the same character says less.
    let in_names: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == Code::InvisibleInName)
        .map(Diagnostic::span)
        .collect();
    diagnostics.retain(|d| d.code != Code::InvisibleInText || !in_names.contains(&d.span()));
    Checked {
        scenario,
        sources,
        diagnostics,
        omitted,
        items,
    }
}

/// The type of a lowered expression.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Bool,
    Num(Unit),
    Time,
    Enum(VarId),
    /// Already reported; accept anything to avoid cascades.
    Error,
}

/// What a name in the value namespace stands for.
#[derive(Debug, Clone, Copy)]
enum ValueRef {
    Var(VarId),
    Metric(MetricId),
}

/// What text interpolation may name, beyond variables and metrics.
#[derive(Clone, Copy)]
enum TextScope<'p> {
    Plain,
    /// A command's output: `{name}` may be a placeholder of its patterns.
    /// When a pattern failed to parse, unknown names are taken as its
    /// placeholders rather than reported a second time.
    Command(&'p [Pattern], bool),
}

/// The state of one lowering: the symbol table, what pass 1 already built
/// (variables, metrics, and the facts later checks need), and where
/// diagnostics go.
struct Lowerer<'a> {
    sources: &'a SourceMap,
    loader: &'a dyn Loader,
    diags: &'a mut Diags,
    names: Symbols,
    vars: Vec<Var>,
    metrics: Vec<Metric>,
    people_pageable: Vec<bool>,
    /// Rubric entries with `applies when`: the only ones a test may
    /// expect `n/a`.
    may_not_apply: std::collections::BTreeSet<String>,
    doc_kinds: Vec<DocKind>,
    duration: Option<Millis>,
    /// Bytes read so far, files, includes and `file` bodies: a scenario
    /// reads at most [`MAX_FILE`] in all.
    read: usize,
    /// The `file` bodies read, as (name, key, text): they join the source
    /// map once lowering is done, so a transcript stores them with the
    /// scenario and its content hash covers them.
    bodies: Vec<(String, String, String)>,
    /// The placeholders conditions may name here: a command's, while its
    /// outputs and lines are lowered.
    args: Option<args::ArgScope>,
    /// Which command binds each placeholder name (and with which pattern),
    /// for the help when one is named outside it.
    placeholder_owners: BTreeMap<String, (String, String)>,
}

/// The model's lists while pass 2 fills them, in declaration order.
#[derive(Default)]
struct Parts {
    postmortem: Option<PostmortemInfo>,
    /// By `EffectId`; `None` where an effect failed to lower.
    effects: Vec<Option<Effect>>,
    alerts: Vec<Alert>,
    escalation: Option<(Span, Vec<EscalationLevel>)>,
    people: Vec<Person>,
    commands: Vec<Command>,
    docs: Vec<Document>,
    triggers: Vec<Trigger>,
    injects: Vec<Inject>,
    hints: Vec<Hint>,
    scenes: Vec<Scene>,
    choices: Vec<Choice>,
    endings: Vec<Ending>,
    rubric: Option<(Span, Rubric)>,
    tests: Vec<PlayTest>,
    hosts: Vec<machine_model::Host>,
    files: Vec<machine_model::File>,
    urls: Vec<machine_model::Url>,
    /// The next metric's id.
    metric_index: usize,
}

impl<'a> Lowerer<'a> {
    /// A lowering that reads `file` bodies through `loader` and reports to
    /// `diags`, with spans resolved against `sources`.
    fn new(sources: &'a SourceMap, loader: &'a dyn Loader, diags: &'a mut Diags) -> Self {
        Lowerer {
            sources,
            loader,
            diags,
            names: Symbols::default(),
            vars: Vec::new(),
            metrics: Vec::new(),
            people_pageable: Vec::new(),
            may_not_apply: std::collections::BTreeSet::new(),
            doc_kinds: Vec::new(),
            duration: None,
            read: 0,
            bodies: Vec::new(),
            args: None,
            placeholder_owners: BTreeMap::new(),
        }
    }

    /// Records a diagnostic; lowering goes on.
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The `source "..."` notes of an item, as plain text.
    #[allow(clippy::unused_self)] // a method so that every reader of this kind is called the same way
    fn sources_of(&self, item: &ast::Item) -> Vec<String> {
        item.sources.iter().map(ast::Text::plain).collect()
    }

    /// Lowers the items of a scenario in two passes: pass 1 declares every
    /// name (so references may point forward), then the header is read
    /// (its duration bounds every later time check), then pass 2 lowers
    /// every block. `None` when errors leave no playable scenario.
    fn lower(&mut self, items: &[ast::Item], main_file: FileId) -> Option<Scenario> {
        for item in items {
            self.declare_item(item);
        }
        self.placeholder_owners = args::owners(items);
        let header = self.header(items, main_file);
        let meta = header.map(|(item, h)| self.meta(item, h));
        let mut parts = Parts {
            effects: vec![None; self.names.effects.count()],
            ..Parts::default()
        };
        for item in items {
            self.lower_item(item, meta.as_ref(), &mut parts);
        }
        self.programs(items, &mut parts.commands);
        let machine = self.machine(
            header.map(|(_, h)| h),
            std::mem::take(&mut parts.hosts),
            std::mem::take(&mut parts.files),
            std::mem::take(&mut parts.urls),
        );
        let meta = meta?;
        let opening = self.opening(header.map(|(i, h)| (i.span, h)), parts.scenes.is_empty())?;
        self.assemble(meta, opening, parts, machine)
    }

    /// The scenario header: exactly one is expected, in the main file.
    fn header<'i>(
        &mut self,
        items: &'i [ast::Item],
        main_file: FileId,
    ) -> Option<(&'i ast::Item, &'i ast::ScenarioHeader)> {
        let mut headers = items.iter().filter_map(|item| match &item.kind {
            ItemKind::Scenario(h) => Some((item, &**h)),
            _ => None,
        });
        let Some((item, h)) = headers.next() else {
            self.error(
                Diagnostic::new(Code::MissingHeader, Span::new(main_file, 0, 0), "this file has no `scenario` header")
                    .help("start the file with `scenario my-id` and indent `title`, `start` and `duration` below it"),
            );
            return None;
        };
        for (other, _) in headers {
            self.error(
                Diagnostic::new(
                    Code::MissingHeader,
                    other.span,
                    "a second `scenario` header",
                )
                .secondary(item.span, "the first header")
                .help("a file holds one scenario; merge the two headers"),
            );
        }
        Some((item, h))
    }

    /// Pass 2 for one item: lowers it into its list in `parts`.
    fn lower_item(&mut self, item: &ast::Item, meta: Option<&Meta>, parts: &mut Parts) {
        match &item.kind {
            // Programs join their commands once every command is lowered.
            ItemKind::Scenario(_)
            | ItemKind::Include(_)
            | ItemKind::Var(..)
            | ItemKind::Program(_) => {}
            ItemKind::Postmortem(p) => parts.postmortem = Some(postmortem(p)),
            ItemKind::Metric(m) => {
                self.metric(item, m, MetricId(parts.metric_index), &mut parts.effects);
                parts.metric_index += 1;
            }
            ItemKind::Alert(a) => {
                let alert = self.alert(item, a);
                parts.alerts.push(
                    alert.unwrap_or_else(|| placeholder_alert(a.name.name.clone(), item.span)),
                );
            }
            ItemKind::Escalation(steps) => {
                if self.once(
                    parts.escalation.as_ref().map(|e| e.0),
                    item.span,
                    "escalation",
                ) {
                    let levels = self.escalation(steps);
                    parts.escalation = Some((item.span, levels));
                }
            }
            ItemKind::Person(p) => parts.people.push(self.person(p)),
            ItemKind::Command(c) => parts.commands.push(self.command(item, c)),
            ItemKind::Doc(d) => parts.docs.push(self.doc(d)),
            ItemKind::Host(h) => parts.hosts.push(self.host(h)),
            ItemKind::File(f) => parts.files.extend(self.machine_file(f)),
            ItemKind::Url(u) => parts.urls.push(self.url(u)),
            ItemKind::Trigger(t) => parts.triggers.push(self.trigger(item, t)),
            ItemKind::Inject(i) => parts.injects.push(self.inject(item, i)),
            ItemKind::Hint(h) => parts.hints.extend(self.hint(item, h)),
            ItemKind::Scene(s) => self.scene(item, s, parts),
            ItemKind::Ending(e) => parts.endings.push(self.ending(item, e)),
            ItemKind::Debrief(d) => {
                if self.once(parts.rubric.as_ref().map(|r| r.0), item.span, "debrief") {
                    let r = self.rubric(d, meta);
                    parts.rubric = Some((item.span, r));
                }
            }
            ItemKind::Test(t) => {
                parts.tests.push(self.test(t, meta.map_or(1, |m| m.seed)));
            }
        }
    }

    /// Whether a block a scenario has one of (`escalation`, `debrief`) is
    /// the first: a second one, at `span`, is reported and skipped.
    fn once(&mut self, first: Option<Span>, span: Span, kw: &str) -> bool {
        let Some(first) = first else {
            return true;
        };
        let help = if kw == "escalation" {
            "a scenario has one escalation policy; merge them"
        } else {
            "merge them into one `debrief` block"
        };
        self.error(
            Diagnostic::new(
                Code::RepeatedProperty,
                span,
                format!("a second `{kw}` block"),
            )
            .secondary(first, "the first one")
            .help(help),
        );
        false
    }

    /// The scene the story opens with: the header's `opening`, or else the
    /// first scene. `None` when there is no scene to start from.
    fn opening(
        &mut self,
        header: Option<(Span, &ast::ScenarioHeader)>,
        no_scenes: bool,
    ) -> Option<SceneId> {
        if let Some(id) = header.and_then(|(_, h)| h.opening.as_ref()) {
            return self.scene_ref(id);
        }
        if no_scenes {
            let span = header.map_or(Span::default(), |(s, _)| s);
            self.error(
                Diagnostic::new(Code::MissingProperty, span, "the scenario has no scene").help(
                    "add a `scene` with the opening narration; the story starts at the first scene",
                ),
            );
            return None;
        }
        Some(SceneId(0))
    }

    /// Builds the scenario from pass 2's lists. `None` when an effect failed
    /// to lower, since metrics refer to effects by position.
    fn assemble(
        &mut self,
        meta: Meta,
        opening: SceneId,
        parts: Parts,
        machine: machine_model::Machine,
    ) -> Option<Scenario> {
        let expected = parts.effects.len();
        let effects: Vec<Effect> = parts.effects.into_iter().flatten().collect();
        if effects.len() != expected {
            return None;
        }
        let choice_names = self
            .names
            .choices
            .entries()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        // With no policy, pages go straight to the player.
        let escalation = parts.escalation.map_or_else(
            || {
                vec![EscalationLevel {
                    who: Pagee::Player,
                    after: 0,
                }]
            },
            |(_, l)| l,
        );
        Some(Scenario {
            meta,
            postmortem: parts.postmortem,
            vars: std::mem::take(&mut self.vars),
            metrics: std::mem::take(&mut self.metrics),
            effects,
            alerts: parts.alerts,
            escalation,
            people: parts.people,
            commands: parts.commands,
            docs: parts.docs,
            triggers: parts.triggers,
            injects: parts.injects,
            hints: parts.hints,
            scenes: parts.scenes,
            choices: parts.choices,
            opening,
            endings: parts.endings,
            rubric: parts.rubric.map(|(_, r)| r).unwrap_or_default(),
            tests: parts.tests,
            choice_names,
            machine,
        })
    }

    /// Lowers a person: who they are and what they do when paged.
    fn person(&mut self, p: &ast::PersonDecl) -> Person {
        let when_paged = self.actions(&p.when_paged, ActionCtx::Other);
        Person {
            name: p.name.name.clone(),
            full_name: p.full_name.plain(),
            role: p.role.as_ref().map(ast::Text::plain).unwrap_or_default(),
            team: p.team.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
            pageable: p.pageable,
            when_paged,
            span: p.name.span,
        }
    }

    /// Lowers a scene and its choices (into `parts.choices`, where choice
    /// ids point).
    fn scene(&mut self, item: &ast::Item, s: &ast::SceneDecl, parts: &mut Parts) {
        let scene_id = SceneId(parts.scenes.len());
        let actions = self.actions(&s.actions, ActionCtx::Scene);
        let mut ids = Vec::new();
        for c in &s.choices {
            ids.push(ChoiceId(parts.choices.len()));
            let only_if = c.only_if.as_ref().map(|e| self.condition(e));
            let actions = self.actions(&c.actions, ActionCtx::Scene);
            parts.choices.push(Choice {
                scene: scene_id,
                name: c.id.as_ref().map(|i| i.name.clone()),
                text: self.text(&c.text, TextScope::Plain),
                sticky: c.sticky,
                only_if,
                takes: c.takes.map(|t| t.ms),
                actions,
                sources: c.sources.iter().map(ast::Text::plain).collect(),
                span: c.span,
            });
        }
        let fallback = s
            .fallback
            .as_ref()
            .map(|(_, a)| self.actions(a, ActionCtx::Scene));
        parts.scenes.push(Scene {
            name: s.name.name.clone(),
            actions,
            choices: ids,
            fallback,
            sources: self.sources_of(item),
            span: s.name.span,
        });
    }
}

/// The postmortem a scenario was written from, as plain text.
fn postmortem(p: &ast::Postmortem) -> PostmortemInfo {
    PostmortemInfo {
        company: p.company.as_ref().map(ast::Text::plain).unwrap_or_default(),
        date: p.date.as_ref().map(|d| d.name.clone()).unwrap_or_default(),
        title: p.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
        url: p.url.as_ref().map(ast::Text::plain).unwrap_or_default(),
    }
}

/// Where a statement sits, which decides what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActionCtx {
    /// Scenes and choices: the story's own flow.
    Scene,
    /// Triggers, commands, `when paged`.
    Other,
}
