//! Lowering: loads a scenario and its includes, resolves every name, checks
//! every type and unit, and builds the [`Scenario`] model. Static analysis of
//! the finished model lives in `scenario::analysis`.

use super::ast::{self, ExprKind, ItemKind, LiteralUnit};
use super::diagnostic::{Code, Diagnostic, closest};
use super::lines::{MAX_TEXT, is_forbidden_char};
use super::parser::parse_file;
use super::source::{FileId, SourceMap, Span};
use super::{LoadError, Loaded, Loader};
use crate::scenario::pattern::Pattern;
use crate::scenario::*;
use std::collections::BTreeMap;

/// Largest scenario file accepted.
pub const MAX_FILE: usize = 16 * 1024 * 1024;
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
    /// In source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the scenario in `main`, reading what it includes through `loader`.
pub fn check(main: Loaded, loader: &dyn Loader) -> Checked {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let mut items = Vec::new();
    let mut stack = Vec::new();
    load_into(
        main,
        None,
        loader,
        &mut sources,
        &mut diags,
        &mut items,
        &mut stack,
    );
    let main_file = FileId(0);
    if diags.iter().any(|d| {
        matches!(
            d.code,
            Code::InvalidUtf8 | Code::FileTooLarge | Code::EmptyFile
        )
    }) {
        return finish(None, sources, diags);
    }
    let mut lw = Lowerer::new(&sources, loader, &mut diags);
    let scenario = lw.lower(&items, main_file);
    // Analysis of a model with holes (unresolved names were dropped) would
    // report their consequences as new problems: run it on sound models only.
    if let Some(sc) = scenario
        .as_ref()
        .filter(|_| !diags.iter().any(Diagnostic::is_error))
    {
        diags.extend(crate::scenario::analysis::analyze(sc));
    }
    let ok = !diags.iter().any(Diagnostic::is_error);
    finish(scenario.filter(|_| ok), sources, diags)
}

fn finish(scenario: Option<Scenario>, sources: SourceMap, mut diags: Vec<Diagnostic>) -> Checked {
    diags.sort_by_key(|d| {
        let s = d.span();
        (s.file, s.start, s.end)
    });
    diags.dedup_by(|a, b| a.code == b.code && a.span() == b.span() && a.message == b.message);
    Checked {
        scenario,
        sources,
        diagnostics: diags,
    }
}

fn load_into(
    file: Loaded,
    included_at: Option<Span>,
    loader: &dyn Loader,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
    items: &mut Vec<ast::Item>,
    stack: &mut Vec<String>,
) {
    let Loaded { name, key, bytes } = file;
    if bytes.len() > MAX_FILE {
        let id = sources.add_keyed(name, key, "");
        diags.push(
            Diagnostic::new(
                Code::FileTooLarge,
                included_at.unwrap_or(Span::new(id, 0, 0)),
                format!("the file is larger than the limit of {MAX_FILE} bytes (16 MiB)"),
            )
            .help("split the scenario into files joined with `include`"),
        );
        return;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Point at the bad byte in the lossy text (replacement chars are 3 bytes).
            let shown_at = String::from_utf8_lossy(&e.as_bytes()[..at]).len();
            let id = sources.add_keyed(name, key, lossy);
            diags.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    Span::new(id, shown_at, shown_at + 3),
                    format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
                )
                .label("not UTF-8")
                .help("save the file as UTF-8 text; is it really a .drill scenario?"),
            );
            return;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"));
    // Parse before handing the text to the source map, to avoid copying it.
    let id = sources.next_id();
    let parsed = if blank {
        Vec::new()
    } else {
        parse_file(id, &text, diags)
    };
    sources.add_keyed(name, key.clone(), text);
    if blank {
        if included_at.is_none() {
            diags.push(
                Diagnostic::new(Code::EmptyFile, Span::new(id, 0, 0), "the scenario file is empty")
                    .help("start with a `scenario` header with a `title`, `start` and `duration`; docs/language.md shows one"),
            );
        }
        return;
    }
    stack.push(key.clone());
    for item in parsed {
        match &item.kind {
            ItemKind::Include(path) => {
                let span = path.span;
                let Some(path_str) = literal_text(path) else {
                    diags.push(
                        Diagnostic::new(
                            Code::Syntax,
                            span,
                            "an include path cannot interpolate `{...}`",
                        )
                        .help("write the path literally"),
                    );
                    continue;
                };
                // The stack holds the main file too: the depth of this include is its length.
                if stack.len() > MAX_INCLUDE_DEPTH {
                    diags.push(
                        Diagnostic::new(Code::IncludeTooDeep, span, format!("includes are nested more than {MAX_INCLUDE_DEPTH} deep"))
                            .help("include shared libraries from the main scenario instead of from each other"),
                    );
                    continue;
                }
                match loader.load(&key, &path_str) {
                    Ok(loaded) => {
                        if let Some(pos) = stack.iter().position(|k| *k == loaded.key) {
                            let chain = stack[pos..]
                                .iter()
                                .chain(std::iter::once(&loaded.key))
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" -> ");
                            diags.push(
                                Diagnostic::new(
                                    Code::IncludeCycle,
                                    span,
                                    format!("`{path_str}` is already being included"),
                                )
                                .label("this include closes a cycle")
                                .note(format!("the cycle: {chain}"))
                                .help(
                                    "remove one of the includes; each file should be included once",
                                ),
                            );
                            continue;
                        }
                        let before = items.len();
                        load_into(loaded, Some(span), loader, sources, diags, items, stack);
                        for it in &items[before..] {
                            if matches!(it.kind, ItemKind::Scenario(_)) {
                                diags.push(
                                    Diagnostic::new(
                                        Code::MissingHeader,
                                        it.span,
                                        "an included file cannot have a `scenario` header",
                                    )
                                    .secondary(span, "included here")
                                    .help("keep the header in the main scenario file only"),
                                );
                            }
                        }
                        items.retain(|it| {
                            !matches!(it.kind, ItemKind::Scenario(_)) || it.span.file == FileId(0)
                        });
                    }
                    Err(e) => diags.push(load_error(e, span, &path_str)),
                }
            }
            _ => items.push(item),
        }
    }
    stack.pop();
}

fn load_error(e: LoadError, span: Span, path: &str) -> Diagnostic {
    match e {
        LoadError::NotFound => Diagnostic::new(
            Code::IncludeUnreadable,
            span,
            format!("`{path}` was not found"),
        )
        .help("paths are relative to the file that names them"),
        LoadError::Unreadable(why) => Diagnostic::new(
            Code::IncludeUnreadable,
            span,
            format!("`{path}` cannot be read: {why}"),
        ),
        LoadError::Outside => Diagnostic::new(
            Code::IncludeOutside,
            span,
            format!("`{path}` is outside the scenario's folder"),
        )
        .help("a scenario may only read files in its own folder and below it; copy the file there"),
    }
}

fn literal_text(t: &ast::Text) -> Option<String> {
    let mut s = String::new();
    for p in &t.parts {
        match p {
            ast::TextPart::Literal(l) => s.push_str(l),
            ast::TextPart::Name(_) => return None,
        }
    }
    Some(s)
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

#[derive(Debug, Clone, Copy)]
enum ValueRef {
    Var(VarId),
    Metric(MetricId),
}

/// Names in one namespace, with where each was declared.
#[derive(Debug)]
struct Names<T: Copy> {
    map: BTreeMap<String, (T, Span)>,
}

impl<T: Copy> Default for Names<T> {
    fn default() -> Self {
        Names {
            map: BTreeMap::new(),
        }
    }
}

impl<T: Copy> Names<T> {
    fn get(&self, name: &str) -> Option<T> {
        self.map.get(name).map(|(t, _)| *t)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// Reports a name that is not in `names`, suggesting the nearest one.
fn unknown_in<T: Copy>(
    names: &Names<T>,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
    id: &ast::Ident,
    code: Code,
    what: &str,
    declare_help: &str,
) {
    let help = closest(&id.name, names.keys())
        .map(|c| {
            let at = names
                .map
                .get(c)
                .map(|(_, s)| sources.location(*s))
                .unwrap_or_default();
            format!("did you mean `{c}` ({at})?")
        })
        .unwrap_or_else(|| declare_help.to_string());
    diags.push(
        Diagnostic::new(code, id.span, format!("unknown {what} `{}`", id.name))
            .label(format!("no {what} with this name"))
            .help(help),
    );
}

/// Looks `id` up in `names`, reporting it when it is not there.
fn resolve_in<T: Copy>(
    names: &Names<T>,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
    id: &ast::Ident,
    code: Code,
    what: &str,
    declare_help: &str,
) -> Option<T> {
    let found = names.get(&id.name);
    if found.is_none() {
        unknown_in(names, sources, diags, id, code, what, declare_help);
    }
    found
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

struct Lowerer<'a> {
    sources: &'a SourceMap,
    loader: &'a dyn Loader,
    diags: &'a mut Vec<Diagnostic>,
    values: Names<ValueRef>,
    effects: Names<EffectId>,
    alerts: Names<AlertId>,
    people: Names<PersonId>,
    commands: Names<CommandId>,
    docs: Names<DocId>,
    scenes: Names<SceneId>,
    endings: Names<EndingId>,
    choices: Names<ChoiceId>,
    rubric: Names<usize>,
    tests: Names<usize>,
    vars: Vec<Var>,
    metrics: Vec<Metric>,
    people_pageable: Vec<bool>,
    doc_kinds: Vec<DocKind>,
    duration: Option<Millis>,
}

impl<'a> Lowerer<'a> {
    fn new(sources: &'a SourceMap, loader: &'a dyn Loader, diags: &'a mut Vec<Diagnostic>) -> Self {
        Lowerer {
            sources,
            loader,
            diags,
            values: Names::default(),
            effects: Names::default(),
            alerts: Names::default(),
            people: Names::default(),
            commands: Names::default(),
            docs: Names::default(),
            scenes: Names::default(),
            endings: Names::default(),
            choices: Names::default(),
            rubric: Names::default(),
            tests: Names::default(),
            vars: Vec::new(),
            metrics: Vec::new(),
            people_pageable: Vec::new(),
            doc_kinds: Vec::new(),
            duration: None,
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn declare<T: Copy>(
        diags: &mut Vec<Diagnostic>,
        names: &mut Names<T>,
        id: &ast::Ident,
        value: T,
        what: &str,
    ) {
        if let Some((_, first)) = names.map.get(&id.name) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    id.span,
                    format!("{what} `{}` is declared twice", id.name),
                )
                .label("declared again here")
                .secondary(*first, "first declared here")
                .help("rename one of them; names must be unique"),
            );
            return;
        }
        names.map.insert(id.name.clone(), (value, id.span));
    }

    fn unknown<T: Copy>(
        &mut self,
        names: &Names<T>,
        id: &ast::Ident,
        code: Code,
        what: &str,
        declare_help: &str,
    ) {
        unknown_in(
            names,
            self.sources,
            self.diags,
            id,
            code,
            what,
            declare_help,
        );
    }

    fn person_ref(&mut self, id: &ast::Ident) -> Option<PersonId> {
        resolve_in(
            &self.people,
            self.sources,
            self.diags,
            id,
            Code::UnknownPerson,
            "person",
            "declare them with `person NAME \"Full Name\"`",
        )
    }

    /// A person in the escalation policy: they must exist and be pageable.
    fn escalation_person(&mut self, id: &ast::Ident) -> Option<PersonId> {
        let help = "declare them with `person NAME \"Full Name\"` and `pageable`";
        resolve_in(
            &self.people,
            self.sources,
            self.diags,
            id,
            Code::UnknownPerson,
            "person",
            help,
        )
    }

    fn alert_ref(&mut self, id: &ast::Ident) -> Option<AlertId> {
        resolve_in(
            &self.alerts,
            self.sources,
            self.diags,
            id,
            Code::UnknownAlert,
            "alert",
            "declare it with `alert NAME`",
        )
    }

    fn scene_ref(&mut self, id: &ast::Ident) -> Option<SceneId> {
        resolve_in(
            &self.scenes,
            self.sources,
            self.diags,
            id,
            Code::UnknownScene,
            "scene",
            "declare it with `scene NAME`",
        )
    }

    fn ending_ref(&mut self, id: &ast::Ident) -> Option<EndingId> {
        resolve_in(
            &self.endings,
            self.sources,
            self.diags,
            id,
            Code::UnknownEnding,
            "ending",
            "declare it with `ending NAME \"Title\"` and an `outcome`",
        )
    }

    fn sources_of(&self, item: &ast::Item) -> Vec<String> {
        item.sources.iter().map(ast::Text::plain).collect()
    }

    fn lower(&mut self, items: &[ast::Item], main_file: FileId) -> Option<Scenario> {
        // Pass 1: declare every name, so references may point forward.
        let mut headers = Vec::new();
        let mut scene_count = 0;
        let mut choice_count = 0;
        let mut effect_count = 0;
        let mut counts = [0usize; 6];
        for item in items {
            match &item.kind {
                ItemKind::Scenario(h) => headers.push((item, h)),
                ItemKind::Var(name, init) => {
                    let id = VarId(self.vars.len());
                    Self::declare(
                        self.diags,
                        &mut self.values,
                        name,
                        ValueRef::Var(id),
                        "the name",
                    );
                    let (kind, initial) = match init {
                        ast::VarInit::Flag(b) => (VarKind::Flag, Value::Bool(*b)),
                        ast::VarInit::Number(q) => (
                            VarKind::Number(literal_unit(q.unit)),
                            Value::Number(q.value),
                        ),
                        ast::VarInit::Enum(vals) => (
                            VarKind::Enum(vals.iter().map(|v| v.name.clone()).collect()),
                            Value::Enum(0),
                        ),
                    };
                    self.vars.push(Var {
                        name: name.name.clone(),
                        kind,
                        initial,
                        span: name.span,
                    });
                }
                ItemKind::Metric(m) => {
                    let id = MetricId(self.metrics.len());
                    Self::declare(
                        self.diags,
                        &mut self.values,
                        &m.name,
                        ValueRef::Metric(id),
                        "the name",
                    );
                    let unit_word = m.unit.as_ref().map(|u| u.name.clone()).unwrap_or_default();
                    self.metrics.push(Metric {
                        name: m.name.name.clone(),
                        label: m
                            .label
                            .as_ref()
                            .map(ast::Text::plain)
                            .unwrap_or_else(|| m.name.name.clone()),
                        unit: Unit::from_word(&unit_word),
                        unit_word,
                        baseline: 0.0,
                        noise: 0.0,
                        daily: None,
                        range: None,
                        recover: 0,
                        effects: Vec::new(),
                        sources: Vec::new(),
                        span: m.name.span,
                    });
                    for e in &m.effects {
                        Self::declare(
                            self.diags,
                            &mut self.effects,
                            &e.name,
                            EffectId(effect_count),
                            "the effect",
                        );
                        effect_count += 1;
                    }
                }
                ItemKind::Alert(a) => {
                    Self::declare(
                        self.diags,
                        &mut self.alerts,
                        &a.name,
                        AlertId(counts[0]),
                        "the alert",
                    );
                    counts[0] += 1;
                }
                ItemKind::Person(p) => {
                    Self::declare(
                        self.diags,
                        &mut self.people,
                        &p.name,
                        PersonId(counts[1]),
                        "the person",
                    );
                    self.people_pageable.push(p.pageable);
                    counts[1] += 1;
                }
                ItemKind::Command(c) => {
                    Self::declare(
                        self.diags,
                        &mut self.commands,
                        &c.name,
                        CommandId(counts[2]),
                        "the command",
                    );
                    counts[2] += 1;
                }
                ItemKind::Doc(d) => {
                    Self::declare(
                        self.diags,
                        &mut self.docs,
                        &d.name,
                        DocId(counts[3]),
                        "the runbook or log",
                    );
                    self.doc_kinds.push(if d.kind == ast::DocKind::Runbook {
                        DocKind::Runbook
                    } else {
                        DocKind::Log
                    });
                    counts[3] += 1;
                }
                ItemKind::Scene(s) => {
                    Self::declare(
                        self.diags,
                        &mut self.scenes,
                        &s.name,
                        SceneId(scene_count),
                        "the scene",
                    );
                    scene_count += 1;
                    for c in &s.choices {
                        if let Some(id) = &c.id {
                            Self::declare(
                                self.diags,
                                &mut self.choices,
                                id,
                                ChoiceId(choice_count),
                                "the choice",
                            );
                        }
                        choice_count += 1;
                    }
                }
                ItemKind::Ending(e) => {
                    Self::declare(
                        self.diags,
                        &mut self.endings,
                        &e.name,
                        EndingId(counts[4]),
                        "the ending",
                    );
                    counts[4] += 1;
                }
                ItemKind::Debrief(d) => {
                    for it in &d.items {
                        Self::declare(
                            self.diags,
                            &mut self.rubric,
                            &it.name,
                            counts[5],
                            "the rubric entry",
                        );
                        counts[5] += 1;
                    }
                }
                ItemKind::Test(t) => {
                    let n = self.tests.map.len();
                    Self::declare(self.diags, &mut self.tests, &t.name, n, "the test");
                }
                _ => {}
            }
        }
        // The header first: the duration bounds every other check.
        let header = match headers.as_slice() {
            [] => {
                self.error(
                    Diagnostic::new(Code::MissingHeader, Span::new(main_file, 0, 0), "this file has no `scenario` header")
                        .help("start the file with `scenario my-id` and indent `title`, `start` and `duration` below it"),
                );
                None
            }
            [(item, h), rest @ ..] => {
                for (other, _) in rest {
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
                Some((*item, *h))
            }
        };
        let meta = header.map(|(item, h)| self.meta(item, h));

        // Pass 2: lower every block.
        let mut postmortem = None;
        let mut effects: Vec<Option<Effect>> = vec![None; effect_count];
        let mut alerts = Vec::new();
        let mut escalation: Option<(Span, Vec<EscalationLevel>)> = None;
        let mut people = Vec::new();
        let mut commands = Vec::new();
        let mut docs = Vec::new();
        let mut triggers = Vec::new();
        let mut scenes = Vec::new();
        let mut choices = Vec::new();
        let mut endings = Vec::new();
        let mut rubric: Option<(Span, Rubric)> = None;
        let mut tests = Vec::new();
        let mut metric_index = 0;
        for item in items {
            match &item.kind {
                ItemKind::Scenario(_) | ItemKind::Include(_) | ItemKind::Var(..) => {}
                ItemKind::Postmortem(p) => {
                    postmortem = Some(PostmortemInfo {
                        company: p.company.as_ref().map(ast::Text::plain).unwrap_or_default(),
                        date: p.date.as_ref().map(|d| d.name.clone()).unwrap_or_default(),
                        title: p.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
                        url: p.url.as_ref().map(ast::Text::plain).unwrap_or_default(),
                    });
                }
                ItemKind::Metric(m) => {
                    self.metric(item, m, MetricId(metric_index), &mut effects);
                    metric_index += 1;
                }
                ItemKind::Alert(a) => {
                    if let Some(a) = self.alert(item, a) {
                        alerts.push(a);
                    } else {
                        alerts.push(placeholder_alert(a.name.name.clone(), item.span));
                    }
                }
                ItemKind::Escalation(steps) => {
                    if let Some((first, _)) = &escalation {
                        let first = *first;
                        self.error(
                            Diagnostic::new(
                                Code::RepeatedProperty,
                                item.span,
                                "a second `escalation` block",
                            )
                            .secondary(first, "the first one")
                            .help("a scenario has one escalation policy; merge them"),
                        );
                    } else {
                        let levels = self.escalation(steps);
                        escalation = Some((item.span, levels));
                    }
                }
                ItemKind::Person(p) => {
                    let when_paged = self.actions(&p.when_paged, ActionCtx::Other);
                    people.push(Person {
                        name: p.name.name.clone(),
                        full_name: p.full_name.plain(),
                        role: p.role.as_ref().map(ast::Text::plain).unwrap_or_default(),
                        team: p.team.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                        pageable: p.pageable,
                        when_paged,
                        span: p.name.span,
                    });
                }
                ItemKind::Command(c) => commands.push(self.command(item, c)),
                ItemKind::Doc(d) => docs.push(self.doc(d)),
                ItemKind::Trigger(t) => triggers.push(self.trigger(item, t)),
                ItemKind::Scene(s) => {
                    let scene_id = SceneId(scenes.len());
                    let actions = self.actions(&s.actions, ActionCtx::Scene);
                    let mut ids = Vec::new();
                    for c in &s.choices {
                        ids.push(ChoiceId(choices.len()));
                        let only_if = c.only_if.as_ref().map(|e| self.condition(e));
                        let actions = self.actions(&c.actions, ActionCtx::Scene);
                        choices.push(Choice {
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
                    scenes.push(Scene {
                        name: s.name.name.clone(),
                        actions,
                        choices: ids,
                        fallback,
                        sources: self.sources_of(item),
                        span: s.name.span,
                    });
                }
                ItemKind::Ending(e) => endings.push(self.ending(item, e)),
                ItemKind::Debrief(d) => {
                    if let Some((first, _)) = &rubric {
                        let first = *first;
                        self.error(
                            Diagnostic::new(
                                Code::RepeatedProperty,
                                item.span,
                                "a second `debrief` block",
                            )
                            .secondary(first, "the first one")
                            .help("merge them into one `debrief` block"),
                        );
                    } else {
                        let r = self.rubric(d, meta.as_ref());
                        rubric = Some((item.span, r));
                    }
                }
                ItemKind::Test(t) => {
                    if let Some(t) = self.test(t, meta.as_ref().map_or(1, |m| m.seed)) {
                        tests.push(t);
                    }
                }
            }
        }
        let meta = meta?;
        let opening = match header.and_then(|(_, h)| h.opening.as_ref()) {
            Some(id) => self.scene_ref(id)?,
            None => {
                if scenes.is_empty() {
                    let span = header.map_or(Span::default(), |(i, _)| i.span);
                    self.error(
                        Diagnostic::new(Code::MissingProperty, span, "the scenario has no scene")
                            .help("add a `scene` with the opening narration; the story starts at the first scene"),
                    );
                    return None;
                }
                SceneId(0)
            }
        };
        let effects: Vec<Effect> = effects.into_iter().flatten().collect();
        if effects.len() != effect_count {
            return None;
        }
        let choice_names = self
            .choices
            .map
            .iter()
            .map(|(k, (v, _))| (k.clone(), *v))
            .collect();
        let escalation = escalation.map(|(_, l)| l).unwrap_or_else(|| {
            vec![EscalationLevel {
                who: Pagee::Player,
                after: 0,
            }]
        });
        Some(Scenario {
            meta,
            postmortem,
            vars: std::mem::take(&mut self.vars),
            metrics: std::mem::take(&mut self.metrics),
            effects,
            alerts,
            escalation,
            people,
            commands,
            docs,
            triggers,
            scenes,
            choices,
            opening,
            endings,
            rubric: rubric.map(|(_, r)| r).unwrap_or_default(),
            tests,
            choice_names,
        })
    }

    fn meta(&mut self, item: &ast::Item, h: &ast::ScenarioHeader) -> Meta {
        for (present, what, example) in [
            (
                h.title.is_some(),
                "title",
                "title \"Checkout errors after a deploy\"",
            ),
            (h.start.is_some(), "start", "start 2019-07-02 13:40 UTC"),
            (h.duration.is_some(), "duration", "duration 45m"),
        ] {
            if !present {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        item.span,
                        format!("the scenario header has no `{what}`"),
                    )
                    .help(format!("add `{example}` below `scenario`")),
                );
            }
        }
        let difficulty = match h.difficulty.as_ref().map(|d| d.name.as_str()) {
            None | Some("medium") => Difficulty::Medium,
            Some("easy") => Difficulty::Easy,
            Some("hard") => Difficulty::Hard,
            Some(other) => {
                let span = h.difficulty.as_ref().map_or(item.span, |d| d.span);
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        span,
                        format!("`{other}` is not a difficulty"),
                    )
                    .help("write `easy`, `medium` or `hard`"),
                );
                Difficulty::Medium
            }
        };
        let duration = h.duration.map_or(30 * 60_000, |d| d.ms);
        if let Some(d) = h.duration
            && d.ms == 0
        {
            self.error(
                Diagnostic::new(
                    Code::BadLiteral,
                    d.span,
                    "the scenario's duration must be longer than zero",
                )
                .help("write for example `duration 45m`"),
            );
        }
        self.duration = Some(duration);
        let whole = |q: Option<ast::Quantity>,
                     default: f64,
                     diags: &mut Vec<Diagnostic>,
                     what: &str|
         -> f64 {
            match q {
                Some(q)
                    if q.unit != LiteralUnit::None || q.value < 0.0 || q.value.fract() != 0.0 =>
                {
                    diags.push(
                        Diagnostic::new(
                            Code::BadLiteral,
                            q.span,
                            format!("`{what}` takes a whole number"),
                        )
                        .help(format!("write for example `{what} 7`")),
                    );
                    default
                }
                Some(q) => q.value,
                None => default,
            }
        };
        let minutes = whole(h.minutes, 15.0, self.diags, "minutes");
        let seed = whole(h.seed, 1.0, self.diags, "seed");
        let speed = match h.speed {
            Some(q) if q.unit != LiteralUnit::None || q.value <= 0.0 || q.value > 1000.0 => {
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        q.span,
                        "`speed` takes a number from above 0 to 1000",
                    )
                    .help("write for example `speed 2`"),
                );
                1.0
            }
            Some(q) => q.value,
            None => 1.0,
        };
        let start = h.start.as_ref();
        Meta {
            id: h.id.as_ref().map(|i| i.name.clone()).unwrap_or_default(),
            title: h.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
            summary: h.summary.as_ref().map(ast::Text::plain).unwrap_or_default(),
            difficulty,
            minutes: minutes.min(f64::from(u32::MAX)) as u32,
            tags: h.tags.iter().map(|t| t.name.clone()).collect(),
            role: h.role.as_ref().map(ast::Text::plain).unwrap_or_default(),
            briefing: h
                .briefing
                .as_ref()
                .map(ast::Text::plain)
                .unwrap_or_default(),
            start_date: start.map(|s| s.date.clone()).unwrap_or_default(),
            start_clock_secs: start.map_or(0, |s| s.clock_secs),
            zone: start
                .map(|s| s.zone.clone())
                .unwrap_or_else(|| "UTC".into()),
            zone_offset_minutes: start.map_or(0, |s| s.offset_minutes),
            duration,
            speed,
            seed: seed.min(u64::MAX as f64) as u64,
            action_cost: h.cost.map_or(10_000, |c| c.ms),
            sources: item.sources.iter().map(ast::Text::plain).collect(),
        }
    }

    fn after_duration(&mut self, at: ast::Millis, what: &str) {
        if let Some(d) = self.duration
            && at.ms > d
        {
            self.error(
                Diagnostic::new(
                    Code::AfterDuration,
                    at.span,
                    format!("{what} is after the scenario ends"),
                )
                .label(format!(
                    "the scenario lasts {}",
                    crate::base::time::duration(d)
                ))
                .help("move it earlier, or make the scenario's `duration` longer"),
            );
        }
    }

    // ---- world --------------------------------------------------------------

    fn metric(
        &mut self,
        item: &ast::Item,
        m: &ast::MetricDecl,
        id: MetricId,
        effects: &mut [Option<Effect>],
    ) {
        let unit = self.metrics[id.0].unit.clone();
        let value_of = |this: &mut Self, q: ast::Quantity, what: &str| -> f64 {
            this.quantity_in(q, &unit, what)
        };
        let baseline = match m.baseline {
            Some(q) => value_of(self, q, "the baseline"),
            None => {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        m.name.span,
                        format!("the metric `{}` has no baseline", m.name.name),
                    )
                    .help("add `baseline VALUE`: its normal level, such as `baseline 35`"),
                );
                0.0
            }
        };
        let noise = m
            .noise
            .map_or(0.0, |q| value_of(self, q, "the noise"))
            .abs();
        let daily = m
            .daily
            .map(|(q, peak)| (value_of(self, q, "the daily swing"), peak));
        // An empty range was reported by the parser; it bounds nothing here.
        let range = m
            .range
            .map(|(lo, hi)| {
                (
                    value_of(self, lo, "the range"),
                    value_of(self, hi, "the range"),
                )
            })
            .filter(|(lo, hi)| hi > lo);
        if let (Some((lo, hi)), Some(b)) = (range, m.baseline)
            && (baseline < lo || baseline > hi)
        {
            self.error(
                Diagnostic::new(
                    Code::OutOfRange,
                    b.span,
                    format!("the baseline {baseline} is outside the metric's range {lo} to {hi}"),
                )
                .help("move the baseline inside the range, or widen the range"),
            );
        }
        let mut ids = Vec::new();
        for e in &m.effects {
            let Some(eid) = self.effects.get(&e.name.name) else {
                continue;
            };
            // Skip duplicates: the first declaration owns the id.
            if self
                .effects
                .map
                .get(&e.name.name)
                .is_some_and(|(_, s)| *s != e.name.span)
            {
                continue;
            }
            let target = match (e.level.value, e.relative) {
                (None, _) => Target::Baseline,
                (Some(q), false) => {
                    let v = value_of(self, q, "an effect's level");
                    if let Some((lo, hi)) = range
                        && (v < lo || v > hi)
                    {
                        self.error(
                                Diagnostic::new(Code::OutOfRange, q.span, format!("{v} is outside the metric's range {lo} to {hi}"))
                                    .help("the metric is clamped to its range, so this level is never reached"),
                            );
                    }
                    Target::To(v)
                }
                (Some(q), true) => Target::By(value_of(self, q, "an effect's change")),
            };
            let while_cond = e.while_cond.as_ref().map(|c| self.condition(c));
            let shape = match e.shape {
                ast::EffectShape::Step => EffectShape::Step,
                ast::EffectShape::Ramp => EffectShape::Ramp,
                ast::EffectShape::Spike => EffectShape::Spike,
                ast::EffectShape::Decay => EffectShape::Decay,
            };
            if let Some(slot) = effects.get_mut(eid.0) {
                *slot = Some(Effect {
                    name: e.name.name.clone(),
                    metric: id,
                    shape,
                    target,
                    duration: e.duration.map_or(0, |d| d.ms),
                    while_cond,
                    span: e.span,
                });
            }
            ids.push(eid);
        }
        let sources = self.sources_of(item);
        let metric = &mut self.metrics[id.0];
        metric.baseline = baseline;
        metric.noise = noise;
        metric.daily = daily;
        metric.range = range;
        metric.recover = m.recover.map_or(0, |r| r.ms);
        metric.effects = ids;
        metric.sources = sources;
    }

    /// A literal given for a metric with `unit`, converted to that unit.
    fn quantity_in(&mut self, q: ast::Quantity, unit: &Unit, what: &str) -> f64 {
        match (q.unit, unit) {
            (LiteralUnit::None, _) | (LiteralUnit::Percent, Unit::Percent) => q.value,
            (LiteralUnit::Millis, Unit::Duration { ms_per_unit }) => q.value / ms_per_unit,
            (lit, _) => {
                let given = match lit {
                    LiteralUnit::Percent => "a percentage",
                    _ => "a duration",
                };
                self.error(
                    Diagnostic::new(
                        Code::UnitMismatch,
                        q.span,
                        format!(
                            "{what} is {given}, but the metric counts {}",
                            unit.describe()
                        ),
                    )
                    .help(
                        "write a plain number in the metric's unit, or change the metric's `unit`",
                    ),
                );
                q.value
            }
        }
    }

    fn alert(&mut self, item: &ast::Item, a: &ast::AlertDecl) -> Option<Alert> {
        let (condition, hold) = match &a.when {
            Some((c, hold)) => (self.condition(c), hold.map_or(0, |h| h.ms)),
            None => {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        a.name.span,
                        format!("the alert `{}` never says when it fires", a.name.name),
                    )
                    .help(
                        "add `when CONDITION [for DURATION]`, such as `when edge_cpu > 90 for 2m`",
                    ),
                );
                return None;
            }
        };
        if let Some((_, Some(h))) = &a.when {
            self.after_duration(*h, "this `for` duration");
        }
        let severity = match a.severity.as_ref().map(|s| s.name.as_str()) {
            None | Some("page") => Severity::Page,
            Some("ticket") => Severity::Ticket,
            Some(other) => {
                let span = a.severity.as_ref().map_or(a.name.span, |s| s.span);
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        span,
                        format!("`{other}` is not a severity"),
                    )
                    .help("write `page` (wakes someone up) or `ticket`"),
                );
                Severity::Page
            }
        };
        let runbook = a.runbook.as_ref().and_then(|r| {
            resolve_in(
                &self.docs,
                self.sources,
                self.diags,
                r,
                Code::UnknownRunbook,
                "runbook",
                "declare it with `runbook NAME \"Title\"`",
            )
        });
        let title = a
            .title
            .as_ref()
            .map(ast::Text::plain)
            .unwrap_or_else(|| a.name.name.clone());
        let summary = match &a.summary {
            Some(s) => self.text(s, TextScope::Plain),
            None => Text::literal(title.clone()),
        };
        Some(Alert {
            name: a.name.name.clone(),
            title,
            condition,
            hold,
            severity,
            summary,
            runbook,
            sources: self.sources_of(item),
            span: a.name.span,
        })
    }

    fn escalation(&mut self, steps: &[ast::EscalationStep]) -> Vec<EscalationLevel> {
        let mut out = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let who = match &s.who {
                ast::Pagee::Player(_) => Pagee::Player,
                ast::Pagee::Person(p) => {
                    let Some(id) = self.escalation_person(p) else {
                        continue;
                    };
                    self.check_pageable(id, p);
                    Pagee::Person(id)
                }
            };
            let after = match s.after {
                Some(a) => a.ms,
                None if i == 0 => 0,
                None => DEFAULT_ESCALATION,
            };
            out.push(EscalationLevel { who, after });
        }
        out
    }

    fn check_pageable(&mut self, id: PersonId, p: &ast::Ident) {
        if !self.people_pageable.get(id.0).copied().unwrap_or(false) {
            let decl = self
                .people
                .map
                .get(&p.name)
                .map(|(_, s)| *s)
                .unwrap_or(p.span);
            self.error(
                Diagnostic::new(
                    Code::NotPageable,
                    p.span,
                    format!("`{}` cannot be paged", p.name),
                )
                .secondary(decl, "declared here without `pageable`")
                .help("add `pageable` to the person's block"),
            );
        }
    }

    fn command(&mut self, item: &ast::Item, c: &ast::CommandDecl) -> Command {
        let mut patterns = Vec::new();
        for p in &c.patterns {
            let Some(src) = literal_text(p) else {
                self.error(
                    Diagnostic::new(
                        Code::BadPattern,
                        p.span,
                        "a command pattern cannot interpolate `{...}`",
                    )
                    .help("write placeholders as `<name>`"),
                );
                continue;
            };
            match Pattern::parse(&src) {
                Ok(pat) => patterns.push((pat, p.span)),
                Err(e) => {
                    let start = p.span.start as usize + 1 + e.range.start;
                    let end = p.span.start as usize + 1 + e.range.end;
                    self.error(
                        Diagnostic::new(
                            Code::BadPattern,
                            Span::new(p.span.file, start, end),
                            e.message,
                        )
                        .help(e.help),
                    );
                }
            }
        }
        let pats: Vec<Pattern> = patterns.iter().map(|(p, _)| p.clone()).collect();
        let all_parsed = pats.len() == c.patterns.len();
        let mut outputs = Vec::new();
        for v in &c.outputs {
            let when = v.when.as_ref().map(|e| self.condition(e));
            let text = self.body(&v.body, TextScope::Command(&pats, all_parsed));
            outputs.push(Output { when, text });
        }
        if let Some(i) = c.outputs.iter().position(|o| o.when.is_none())
            && let Some(next) = c.outputs.get(i + 1)
        {
            self.error(
                Diagnostic::new(
                    Code::UnreachableOutput,
                    next.span,
                    "this output is never shown",
                )
                .secondary(
                    c.outputs[i].span,
                    "this output has no condition, so it is always chosen first",
                )
                .help("put the output without `when` last"),
            );
        }
        let actions = self.actions(&c.actions, ActionCtx::Other);
        Command {
            name: c.name.name.clone(),
            pattern_spans: patterns.iter().map(|(_, s)| *s).collect(),
            patterns: pats,
            takes: c.takes.map(|t| t.ms),
            risky: c.risky,
            destructive: c.destructive,
            outputs,
            actions,
            sources: self.sources_of(item),
            span: c.name.span,
        }
    }

    fn doc(&mut self, d: &ast::DocDecl) -> Document {
        let mut variants = Vec::new();
        for v in &d.variants {
            let when = v.when.as_ref().map(|e| self.condition(e));
            let text = self.body(&v.body, TextScope::Plain);
            variants.push(Output { when, text });
        }
        Document {
            name: d.name.name.clone(),
            kind: if d.kind == ast::DocKind::Runbook {
                DocKind::Runbook
            } else {
                DocKind::Log
            },
            title: d.title.plain(),
            variants,
            span: d.name.span,
        }
    }

    fn body(&mut self, body: &ast::Body, scope: TextScope<'_>) -> Text {
        match body {
            ast::Body::Inline(t) => self.text(t, scope),
            ast::Body::File(path) => {
                let Some(p) = literal_text(path) else {
                    self.error(
                        Diagnostic::new(
                            Code::Syntax,
                            path.span,
                            "a file path cannot interpolate `{...}`",
                        )
                        .help("write the path literally"),
                    );
                    return Text::default();
                };
                let from = self.key_of(path.span.file);
                match self.loader.load(&from, &p) {
                    Ok(loaded) => self.file_text(loaded, path.span),
                    Err(e) => {
                        let mut d = load_error(e, path.span, &p);
                        if d.code == Code::IncludeUnreadable {
                            d.message = d
                                .message
                                .replace("was not found", "was not found beside the scenario");
                        }
                        self.error(d);
                        Text::default()
                    }
                }
            }
        }
    }

    /// The loader key of a loaded file: its path inside the scenario's folder.
    fn key_of(&self, file: FileId) -> String {
        self.sources
            .get(file)
            .map(|f| f.key.clone())
            .unwrap_or_default()
    }

    fn file_text(&mut self, loaded: Loaded, span: Span) -> Text {
        if loaded.bytes.len() > MAX_BODY_FILE {
            self.error(
                Diagnostic::new(
                    Code::TextTooLong,
                    span,
                    format!(
                        "the file is {} bytes; the limit is {MAX_BODY_FILE} bytes",
                        loaded.bytes.len()
                    ),
                )
                .help("shorten it: players read this on a terminal"),
            );
            return Text::default();
        }
        let Ok(text) = String::from_utf8(loaded.bytes) else {
            self.error(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    span,
                    format!("`{}` is not valid UTF-8", loaded.name),
                )
                .help("save it as UTF-8 text"),
            );
            return Text::default();
        };
        let text = text.replace("\r\n", "\n");
        if let Some(c) = text.chars().find(|c| is_forbidden_char(*c) || *c == '\t')
            && c != '\t'
        {
            self.error(
                Diagnostic::new(
                    Code::ControlCharacter,
                    span,
                    format!(
                        "`{}` holds the control character U+{:04X}",
                        loaded.name, c as u32
                    ),
                )
                .help("remove it: file text reaches the player's terminal as it is"),
            );
            return Text::default();
        }
        Text::literal(text.replace('\t', "    "))
    }

    fn trigger(&mut self, item: &ast::Item, t: &ast::TriggerDecl) -> Trigger {
        let kind = match &t.kind {
            ast::TriggerKind::At(at) => {
                self.after_duration(*at, "this trigger");
                TriggerKind::At(at.ms)
            }
            ast::TriggerKind::Every {
                interval,
                from,
                until,
            } => {
                if let Some(f) = from {
                    self.after_duration(*f, "this trigger's first run");
                }
                TriggerKind::Every {
                    interval: interval.ms.max(1),
                    from: from.map_or(interval.ms, |f| f.ms),
                    until: until.map(|u| u.ms),
                }
            }
            ast::TriggerKind::When { cond, hold, repeat } => {
                if let Some(h) = hold {
                    self.after_duration(*h, "this `for` duration");
                }
                TriggerKind::When {
                    condition: self.condition(cond),
                    hold: hold.map_or(0, |h| h.ms),
                    repeat: *repeat,
                }
            }
        };
        let actions = self.actions(&t.actions, ActionCtx::Other);
        Trigger {
            kind,
            actions,
            sources: self.sources_of(item),
            span: item.span,
        }
    }

    fn ending(&mut self, item: &ast::Item, e: &ast::EndingDecl) -> Ending {
        let outcome = match e.outcome.as_ref().map(|(o, s)| (o.as_str(), *s)) {
            Some(("resolved", _)) => Outcome::Resolved,
            Some(("mitigated", _)) => Outcome::Mitigated,
            Some(("worse", _)) => Outcome::Worse,
            Some(("timed out", _)) => Outcome::TimedOut,
            Some((_, span)) => {
                self.error(
                    Diagnostic::new(Code::BadLiteral, span, "unknown outcome")
                        .help("write `resolved`, `mitigated`, `worse` or `timed out`"),
                );
                Outcome::Resolved
            }
            None => {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        e.name.span,
                        format!("the ending `{}` has no outcome", e.name.name),
                    )
                    .help("add `outcome resolved` (or `mitigated`, `worse`, `timed out`)"),
                );
                Outcome::Resolved
            }
        };
        let mut parts = Vec::new();
        for (i, t) in e.text.iter().enumerate() {
            if i > 0 {
                parts.push(TextPart::Literal("\n".into()));
            }
            parts.extend(self.text(t, TextScope::Plain).parts);
        }
        Ending {
            name: e.name.name.clone(),
            title: e
                .title
                .as_ref()
                .map(ast::Text::plain)
                .unwrap_or_else(|| e.name.name.clone()),
            outcome,
            text: Text { parts },
            sources: self.sources_of(item),
            span: e.name.span,
        }
    }

    fn rubric(&mut self, d: &ast::DebriefDecl, meta: Option<&Meta>) -> Rubric {
        let mut items = Vec::new();
        for it in &d.items {
            let condition = it
                .cond
                .as_ref()
                .map_or(Expr::Bool(false), |c| self.condition(c));
            if let Some(by) = it.by {
                self.after_duration(by, "this deadline");
            }
            items.push(RubricItem {
                kind: match it.kind {
                    ast::RubricKind::KeyAction => RubricKind::KeyAction,
                    ast::RubricKind::RedHerring => RubricKind::RedHerring,
                    ast::RubricKind::Objective => RubricKind::Objective,
                },
                name: it.name.name.clone(),
                title: it.title.plain(),
                condition,
                deadline: it.by.map(|b| b.ms),
                why: it.why.as_ref().map(ast::Text::plain).unwrap_or_default(),
                sources: it.sources.iter().map(ast::Text::plain).collect(),
                span: it.name.span,
            });
        }
        let start = meta.map_or(0, |m| i64::from(m.start_clock_secs));
        let responders = d
            .responders
            .iter()
            .map(|m| Milestone {
                kind: match m.kind.name.as_str() {
                    "started" => MilestoneKind::Started,
                    "detected" => MilestoneKind::Detected,
                    "diagnosed" => MilestoneKind::Diagnosed,
                    "escalated" => MilestoneKind::Escalated,
                    "communicated" => MilestoneKind::Communicated,
                    "mitigated" => MilestoneKind::Mitigated,
                    _ => MilestoneKind::Resolved,
                },
                offset_ms: match &m.time {
                    ast::MomentTime::Clock(secs, _) => (i64::from(*secs) - start) * 1000,
                    ast::MomentTime::Offset(o) => i64::try_from(o.ms).unwrap_or(i64::MAX),
                },
                what: m.what.plain(),
                sources: m.sources.iter().map(ast::Text::plain).collect(),
            })
            .collect();
        Rubric {
            root_cause: d
                .root_cause
                .as_ref()
                .map(ast::Text::plain)
                .unwrap_or_default(),
            items,
            responders,
        }
    }

    fn test(&mut self, t: &ast::TestDecl, default_seed: u64) -> Option<PlayTest> {
        let mut steps = Vec::new();
        let metrics = Names {
            map: self
                .values
                .map
                .iter()
                .filter_map(|(k, (v, s))| match v {
                    ValueRef::Metric(m) => Some((k.clone(), (*m, *s))),
                    ValueRef::Var(_) => None,
                })
                .collect(),
        };
        let mut last_at = 0;
        for s in &t.steps {
            if let Some(at) = s.at {
                self.after_duration(at, "this step");
                if at.ms < last_at {
                    self.error(
                        Diagnostic::new(
                            Code::BadLiteral,
                            at.span,
                            "this step is earlier than the one before it",
                        )
                        .help("test steps run in order; sort them by time"),
                    );
                }
                last_at = at.ms;
            }
            let input = match &s.input {
                ast::TestInput::Ack(a) => TestInput::Ack(match a {
                    Some(a) => Some(self.alert_ref(a)?),
                    None => None,
                }),
                ast::TestInput::Resolve(a) => TestInput::Resolve(self.alert_ref(a)?),
                ast::TestInput::Run(cmd) => TestInput::Run(cmd.plain()),
                ast::TestInput::ChooseNumber(q) => {
                    if q.value < 1.0 || q.value.fract() != 0.0 {
                        self.error(
                            Diagnostic::new(
                                Code::BadLiteral,
                                q.span,
                                "choices are numbered from 1",
                            )
                            .help("write `choose 1` for the first choice on screen"),
                        );
                        return None;
                    }
                    TestInput::Choose(ChoiceRef::Number(q.value.min(f64::from(u32::MAX)) as u32))
                }
                ast::TestInput::ChooseId(id) => TestInput::Choose(ChoiceRef::Id(resolve_in(
                    &self.choices,
                    self.sources,
                    self.diags,
                    id,
                    Code::UnknownChoice,
                    "choice",
                    "name a choice with a trailing `#id`",
                )?)),
                ast::TestInput::Reply(q) => {
                    TestInput::Reply(q.value.max(0.0).min(f64::from(u32::MAX)) as u32)
                }
                ast::TestInput::Page(p, msg) => {
                    let id = self.person_ref(p)?;
                    self.check_pageable(id, p);
                    TestInput::Page(id, msg.plain())
                }
                ast::TestInput::Status(st, msg) => TestInput::Status(*st, msg.plain()),
                ast::TestInput::Graph(m) => TestInput::Graph(resolve_in(
                    &metrics,
                    self.sources,
                    self.diags,
                    m,
                    Code::UnknownMetric,
                    "metric",
                    "declare it with `metric NAME`",
                )?),
                ast::TestInput::Runbook(d) | ast::TestInput::Logs(d) => {
                    let id = resolve_in(
                        &self.docs,
                        self.sources,
                        self.diags,
                        d,
                        Code::UnknownRunbook,
                        "runbook or log",
                        "declare it with `runbook NAME \"Title\"` or `log NAME \"Title\"`",
                    )?;
                    let want_log = matches!(s.input, ast::TestInput::Logs(_));
                    let is_log = self.doc_kinds.get(id.0) == Some(&DocKind::Log);
                    if want_log != is_log {
                        let (is, use_) = if is_log {
                            ("a log", "logs")
                        } else {
                            ("a runbook", "runbook")
                        };
                        self.error(
                            Diagnostic::new(
                                Code::UnknownRunbook,
                                d.span,
                                format!("`{}` is {is}", d.name),
                            )
                            .help(format!("open it with `{use_} {}`", d.name)),
                        );
                    }
                    if want_log {
                        TestInput::Logs(id)
                    } else {
                        TestInput::Runbook(id)
                    }
                }
                ast::TestInput::Wait(d) => TestInput::Wait(d.ms),
            };
            steps.push(TestStep {
                at: s.at.map(|a| a.ms),
                input,
                span: s.span,
            });
        }
        let mut expectations = Vec::new();
        for (e, span) in &t.expects {
            match e {
                ast::Expectation::Ending(id) => {
                    if let Some(eid) = self.ending_ref(id) {
                        expectations.push((Expectation::Ending(eid), *span));
                    }
                }
                ast::Expectation::Rubric { name, negated, .. } => {
                    if let Some(i) = resolve_in(
                        &self.rubric,
                        self.sources,
                        self.diags,
                        name,
                        Code::UnknownRubricItem,
                        "rubric entry",
                        "declare it in the `debrief` block",
                    ) {
                        expectations.push((
                            Expectation::Rubric {
                                item: i,
                                met: !negated,
                            },
                            *span,
                        ));
                    }
                }
            }
        }
        if t.expects
            .iter()
            .filter(|(e, _)| matches!(e, ast::Expectation::Ending(_)))
            .count()
            > 1
        {
            self.error(
                Diagnostic::new(
                    Code::RepeatedProperty,
                    t.name.span,
                    "a test expects more than one ending",
                )
                .help("a playthrough ends once; keep one `expect ending`"),
            );
        }
        let seed = match t.seed {
            Some(q) if q.value >= 0.0 && q.value.fract() == 0.0 && q.unit == LiteralUnit::None => {
                q.value.min(u64::MAX as f64) as u64
            }
            Some(q) => {
                self.error(
                    Diagnostic::new(Code::BadLiteral, q.span, "a seed is a whole number")
                        .help("write for example `seed 7`"),
                );
                default_seed
            }
            None => default_seed,
        };
        Some(PlayTest {
            name: t.name.name.clone(),
            title: t.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
            seed,
            steps,
            expectations,
            span: t.name.span,
        })
    }

    // ---- text -----------------------------------------------------------

    fn text(&mut self, t: &ast::Text, scope: TextScope<'_>) -> Text {
        let mut parts = Vec::new();
        for p in &t.parts {
            match p {
                ast::TextPart::Literal(l) => parts.push(TextPart::Literal(l.clone())),
                ast::TextPart::Name(id) => {
                    let placeholder = match scope {
                        TextScope::Command(pats, all_parsed) => {
                            !all_parsed && self.values.get(&id.name).is_none()
                                || pats
                                    .iter()
                                    .any(|p| p.placeholders().contains(&id.name.as_str()))
                        }
                        TextScope::Plain => false,
                    };
                    if placeholder {
                        parts.push(TextPart::Placeholder(id.name.clone()));
                        continue;
                    }
                    match (id.name.as_str(), self.values.get(&id.name)) {
                        (_, Some(ValueRef::Var(v))) => parts.push(TextPart::Var(v)),
                        (_, Some(ValueRef::Metric(m))) => parts.push(TextPart::Metric(m)),
                        ("now", None) => parts.push(TextPart::Now),
                        ("elapsed", None) => parts.push(TextPart::Elapsed),
                        _ => {
                            let mut names: Vec<&str> = self.values.keys().collect();
                            names.extend(["now", "elapsed"]);
                            let mut ph = Vec::new();
                            if let TextScope::Command(pats, _) = scope {
                                for p in pats {
                                    ph.extend(p.placeholders());
                                }
                            }
                            names.extend(ph);
                            let help = closest(&id.name, names.iter().copied())
                                .map(|c| format!("did you mean `{{{c}}}`?"))
                                .unwrap_or_else(|| "`{...}` shows a variable, a metric, `{now}` or `{elapsed}`; write `{{` for a literal brace".into());
                            self.error(
                                Diagnostic::new(
                                    Code::UnknownInterpolation,
                                    id.span,
                                    format!("unknown name `{}` in text", id.name),
                                )
                                .label("nothing to show here")
                                .help(help),
                            );
                        }
                    }
                }
            }
        }
        Text { parts }
    }

    // ---- actions --------------------------------------------------------

    fn actions(&mut self, acts: &[ast::Action], ctx: ActionCtx) -> Vec<Action> {
        acts.iter().filter_map(|a| self.action(a, ctx)).collect()
    }

    fn action(&mut self, a: &ast::Action, ctx: ActionCtx) -> Option<Action> {
        Some(match a {
            ast::Action::Narrate(t) => Action::Narrate(self.text(t, TextScope::Plain)),
            ast::Action::Chat(p, t) => {
                let id = self.person_ref(p);
                let text = self.text(t, TextScope::Plain);
                Action::Chat(id?, text)
            }
            ast::Action::Page(who, t) => {
                let who = match who {
                    ast::Pagee::Player(_) => Pagee::Player,
                    ast::Pagee::Person(p) => {
                        let id = self.person_ref(p)?;
                        self.check_pageable(id, p);
                        Pagee::Person(id)
                    }
                };
                Action::Page(who, self.text(t, TextScope::Plain))
            }
            ast::Action::Set(name, e) => return self.set(name, e),
            ast::Action::Start(e) | ast::Action::Stop(e) => {
                let id = resolve_in(
                    &self.effects,
                    self.sources,
                    self.diags,
                    e,
                    Code::UnknownEffect,
                    "effect",
                    "declare it in a metric: `effect NAME ramp to 100 over 2m`",
                )?;
                if matches!(a, ast::Action::Start(_)) {
                    Action::Start(id)
                } else {
                    Action::Stop(id)
                }
            }
            ast::Action::After(d, body) => {
                self.after_duration(*d, "this delay");
                Action::After(d.ms, self.actions(body, ctx))
            }
            ast::Action::If(c, then, otherwise) => {
                let c = self.condition(c);
                Action::If(c, self.actions(then, ctx), self.actions(otherwise, ctx))
            }
            ast::Action::Goto(s) | ast::Action::Call(s) | ast::Action::Interrupt(s) => {
                let id = self.scene_ref(s)?;
                match a {
                    ast::Action::Goto(_) => Action::Goto(id),
                    ast::Action::Call(_) => Action::Call(id),
                    _ => Action::Interrupt(id),
                }
            }
            ast::Action::End(e) => Action::End(self.ending_ref(e)?),
            ast::Action::PostStatus(state, t) => {
                Action::PostStatus(*state, self.text(t, TextScope::Plain))
            }
            ast::Action::Return(span) | ast::Action::Wait(span) => {
                let is_return = matches!(a, ast::Action::Return(_));
                if ctx != ActionCtx::Scene {
                    let kw = if is_return { "return" } else { "wait" };
                    self.error(
                        Diagnostic::new(Code::MisplacedStatement, *span, format!("`{kw}` only works in a scene"))
                            .help("the story moves in scenes; from a trigger or command use `goto` or `interrupt`"),
                    );
                    return None;
                }
                if is_return {
                    Action::Return
                } else {
                    Action::Wait
                }
            }
        })
    }

    fn set(&mut self, name: &ast::Ident, e: &ast::Expr) -> Option<Action> {
        let Some(target) = self.values.get(&name.name) else {
            unknown_in(
                &self.values,
                self.sources,
                self.diags,
                name,
                Code::UnknownVariable,
                "variable",
                &format!(
                    "declare it with `flag {0}`, `var {0} = 0` or `enum {0} = a | b`",
                    name.name
                ),
            );
            return None;
        };
        let var = match target {
            ValueRef::Var(v) => v,
            ValueRef::Metric(_) => {
                self.error(
                    Diagnostic::new(Code::TypeMismatch, name.span, format!("`{}` is a metric, and metrics cannot be set", name.name))
                        .help("move a metric with an effect: declare `effect NAME step to X` in the metric and `start NAME`"),
                );
                return None;
            }
        };
        let kind = self.vars[var.0].kind.clone();
        match kind {
            VarKind::Enum(values) => {
                if let ExprKind::Name(v) = &e.kind
                    && self.values.get(&v.name).is_none()
                {
                    return match values.iter().position(|x| *x == v.name) {
                        Some(i) => Some(Action::Set(var, Expr::EnumValue(i))),
                        None => {
                            self.bad_enum_value(var, v);
                            None
                        }
                    };
                }
                let (expr, ty) = self.expr(e);
                if ty != Ty::Enum(var) && ty != Ty::Error {
                    self.mismatch(
                        e.span,
                        &format!("`{}` holds one of its listed values", name.name),
                        &ty,
                    );
                }
                Some(Action::Set(var, expr))
            }
            VarKind::Flag => {
                let expr = self.condition(e);
                Some(Action::Set(var, expr))
            }
            VarKind::Number(unit) => {
                let (mut expr, ty) = self.expr(e);
                match ty {
                    Ty::Num(u) => {
                        if self
                            .unify(&mut expr, &u, &mut Expr::Bool(false), &unit)
                            .is_none()
                        {
                            self.unit_mismatch(e.span, &u, &unit);
                        }
                    }
                    Ty::Error => {}
                    other => self.mismatch(e.span, &format!("`{}` is a number", name.name), &other),
                }
                Some(Action::Set(var, expr))
            }
        }
    }

    fn bad_enum_value(&mut self, var: VarId, v: &ast::Ident) {
        let values = match &self.vars[var.0].kind {
            VarKind::Enum(vals) => vals.clone(),
            _ => Vec::new(),
        };
        let help = closest(&v.name, values.iter().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"))
            .unwrap_or_else(|| {
                format!(
                    "`{}` is one of: {}",
                    self.vars[var.0].name,
                    values.join(", ")
                )
            });
        self.error(
            Diagnostic::new(
                Code::UnknownEnumValue,
                v.span,
                format!("`{}` is not a value of `{}`", v.name, self.vars[var.0].name),
            )
            .secondary(self.vars[var.0].span, "its values are listed here")
            .help(help),
        );
    }

    // ---- expressions ----------------------------------------------------

    /// An expression that must be a condition.
    fn condition(&mut self, e: &ast::Expr) -> Expr {
        let (expr, ty) = self.expr(e);
        match ty {
            Ty::Bool | Ty::Error => {}
            other => {
                let (what, help) = match other {
                    Ty::Num(_) => ("a number", "compare it with a value: `edge_cpu > 90`"),
                    Ty::Time => ("a time", "compare it: `now > T+10m`"),
                    _ => (
                        "a value of an enum",
                        "test it with `is`: `theory is attack`",
                    ),
                };
                self.error(
                    Diagnostic::new(
                        Code::NotACondition,
                        e.span,
                        format!("this is {what}, not a condition"),
                    )
                    .help(help),
                );
            }
        }
        expr
    }

    fn mismatch(&mut self, span: Span, expected: &str, got: &Ty) {
        self.error(
            Diagnostic::new(
                Code::TypeMismatch,
                span,
                format!("{expected}, but this is {}", describe_ty(got)),
            )
            .help("use a value of the same kind"),
        );
    }

    fn unit_mismatch(&mut self, span: Span, a: &Unit, b: &Unit) {
        self.error(
            Diagnostic::new(
                Code::UnitMismatch,
                span,
                format!("{} compared with {}", a.describe(), b.describe()),
            )
            .help("compare values in the same unit; a plain number fits any unit"),
        );
    }

    /// Reconciles the units of two numeric operands (rescaling a duration
    /// literal to a metric's time unit). `None` if they cannot be compared.
    fn unify(&mut self, a: &mut Expr, ua: &Unit, b: &mut Expr, ub: &Unit) -> Option<Unit> {
        match (ua, ub) {
            (Unit::Plain, u) | (u, Unit::Plain) => Some(u.clone()),
            (Unit::Duration { ms_per_unit: x }, Unit::Duration { ms_per_unit: y }) => {
                if (x - y).abs() < f64::EPSILON {
                    return Some(ua.clone());
                }
                // A literal adapts to the other side's scale.
                if let Expr::Number(v) = a {
                    *v = *v * x / y;
                    return Some(ub.clone());
                }
                if let Expr::Number(v) = b {
                    *v = *v * y / x;
                    return Some(ua.clone());
                }
                None
            }
            (x, y) if x == y => Some(x.clone()),
            _ => None,
        }
    }

    fn expr(&mut self, e: &ast::Expr) -> (Expr, Ty) {
        match &e.kind {
            ExprKind::Bool(b) => (Expr::Bool(*b), Ty::Bool),
            ExprKind::Quantity(q) => (Expr::Number(q.value), Ty::Num(literal_unit(q.unit))),
            ExprKind::Offset(ms) => {
                if let Some(d) = self.duration
                    && *ms > d
                {
                    self.after_duration(
                        ast::Millis {
                            ms: *ms,
                            span: e.span,
                        },
                        "this time",
                    );
                }
                (Expr::Time(*ms), Ty::Time)
            }
            ExprKind::Now => (Expr::Now, Ty::Time),
            ExprKind::Name(id) => match self.values.get(&id.name) {
                Some(ValueRef::Var(v)) => {
                    let ty = match &self.vars[v.0].kind {
                        VarKind::Flag => Ty::Bool,
                        VarKind::Number(u) => Ty::Num(u.clone()),
                        VarKind::Enum(_) => Ty::Enum(v),
                    };
                    (Expr::Var(v), ty)
                }
                Some(ValueRef::Metric(m)) => {
                    (Expr::Metric(m), Ty::Num(self.metrics[m.0].unit.clone()))
                }
                None => {
                    // An enum value used bare: say how to test it.
                    let owner = self.vars.iter().find(
                        |v| matches!(&v.kind, VarKind::Enum(vals) if vals.contains(&id.name)),
                    );
                    if let Some(owner) = owner {
                        let msg = format!(
                            "`{}` is a value of `{}`, not a condition",
                            id.name, owner.name
                        );
                        let help = format!("test it with `{} is {}`", owner.name, id.name);
                        self.error(Diagnostic::new(Code::UnknownVariable, id.span, msg).help(help));
                    } else {
                        unknown_in(
                            &self.values,
                            self.sources,
                            self.diags,
                            id,
                            Code::UnknownVariable,
                            "variable or metric",
                            &format!(
                                "declare it with `flag {0}`, `var {0} = 0` or `metric {0}`",
                                id.name
                            ),
                        );
                    }
                    (Expr::Bool(false), Ty::Error)
                }
            },
            ExprKind::AlertIs(a, st) => match self.alert_ref(a) {
                Some(id) => (Expr::AlertIs(id, *st), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::Ran(c, before) => {
                if let Some(b) = before {
                    self.after_duration(*b, "this time");
                }
                match resolve_in(
                    &self.commands,
                    self.sources,
                    self.diags,
                    c,
                    Code::UnknownCommand,
                    "command",
                    "declare it with `command NAME \"pattern\"`",
                ) {
                    Some(id) => (Expr::Ran(id, before.map(|b| b.ms)), Ty::Bool),
                    None => (Expr::Bool(false), Ty::Error),
                }
            }
            ExprKind::Chose(c, before) => {
                if let Some(b) = before {
                    self.after_duration(*b, "this time");
                }
                match resolve_in(
                    &self.choices,
                    self.sources,
                    self.diags,
                    c,
                    Code::UnknownChoice,
                    "choice",
                    "name a choice with a trailing `#id`: `* Check the graphs #graphs`",
                ) {
                    Some(id) => (Expr::Chose(id, before.map(|b| b.ms)), Ty::Bool),
                    None => (Expr::Bool(false), Ty::Error),
                }
            }
            ExprKind::Visited(s) => match self.scene_ref(s) {
                Some(id) => (Expr::Visited(id), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::Read(d) => {
                match resolve_in(
                    &self.docs,
                    self.sources,
                    self.diags,
                    d,
                    Code::UnknownRunbook,
                    "runbook or log",
                    "declare it with `runbook NAME \"Title\"`",
                ) {
                    Some(id) => (Expr::Read(id), Ty::Bool),
                    None => (Expr::Bool(false), Ty::Error),
                }
            }
            ExprKind::Viewed(m) => match self.values.get(&m.name) {
                Some(ValueRef::Metric(id)) => (Expr::Viewed(id), Ty::Bool),
                _ => {
                    let metrics = Names {
                        map: self
                            .values
                            .map
                            .iter()
                            .filter(|(_, (v, _))| matches!(v, ValueRef::Metric(_)))
                            .map(|(k, v)| (k.clone(), *v))
                            .collect(),
                    };
                    self.unknown(
                        &metrics,
                        m,
                        Code::UnknownMetric,
                        "metric",
                        "declare it with `metric NAME \"Label\"`",
                    );
                    (Expr::Bool(false), Ty::Error)
                }
            },
            ExprKind::Paged(p) => match self.person_ref(p) {
                Some(id) => (Expr::Paged(id), Ty::Bool),
                None => (Expr::Bool(false), Ty::Error),
            },
            ExprKind::PostedStatus => (Expr::PostedStatus, Ty::Bool),
            ExprKind::StatusIs(s) => (Expr::StatusIs(*s), Ty::Bool),
            ExprKind::Is {
                name,
                negated,
                value,
            } => {
                match self.values.get(&name.name) {
                    Some(ValueRef::Var(v)) => match &self.vars[v.0].kind {
                        VarKind::Enum(vals) => match vals.iter().position(|x| *x == value.name) {
                            Some(i) => (
                                Expr::EnumIs {
                                    var: v,
                                    value: i,
                                    negated: *negated,
                                },
                                Ty::Bool,
                            ),
                            None => {
                                self.bad_enum_value(v, value);
                                (Expr::Bool(false), Ty::Error)
                            }
                        },
                        _ => {
                            let n = &name.name;
                            self.error(
                                Diagnostic::new(Code::TypeMismatch, name.span, format!("`{n}` is not an enum, so `is` cannot test it"))
                                    .secondary(self.vars[v.0].span, "declared here")
                                    .help(format!("test a flag with `{n}` or `not {n}`; compare a number with `==`")),
                            );
                            (Expr::Bool(false), Ty::Error)
                        }
                    },
                    Some(ValueRef::Metric(_)) => {
                        self.error(
                            Diagnostic::new(
                                Code::TypeMismatch,
                                name.span,
                                format!(
                                    "`{}` is a metric; compare it with `<`, `>` or `==`",
                                    name.name
                                ),
                            )
                            .help("write for example `edge_cpu > 90`"),
                        );
                        (Expr::Bool(false), Ty::Error)
                    }
                    None => {
                        unknown_in(
                            &self.values,
                            self.sources,
                            self.diags,
                            name,
                            Code::UnknownVariable,
                            "variable",
                            &format!("declare it with `enum {} = a | b`", name.name),
                        );
                        (Expr::Bool(false), Ty::Error)
                    }
                }
            }
            ExprKind::Not(inner) => (Expr::Not(Box::new(self.condition(inner))), Ty::Bool),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e.span),
        }
    }

    fn binary(&mut self, op: ast::BinOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> (Expr, Ty) {
        use ast::BinOp::*;
        match op {
            Or | And => {
                let a = Box::new(self.condition(l));
                let b = Box::new(self.condition(r));
                (
                    if op == Or {
                        Expr::Or(a, b)
                    } else {
                        Expr::And(a, b)
                    },
                    Ty::Bool,
                )
            }
            Add | Sub => {
                let (mut a, ta) = self.expr(l);
                let (mut b, tb) = self.expr(r);
                let ty = match (&ta, &tb) {
                    (Ty::Error, _) | (_, Ty::Error) => Ty::Error,
                    (Ty::Num(ua), Ty::Num(ub)) => match self.unify(&mut a, ua, &mut b, ub) {
                        Some(u) => Ty::Num(u),
                        None => {
                            self.unit_mismatch(span, ua, ub);
                            Ty::Error
                        }
                    },
                    (Ty::Time, Ty::Num(Unit::Duration { .. })) => Ty::Time,
                    (x, y) => {
                        let bad = if matches!(x, Ty::Num(_)) { y } else { x };
                        self.mismatch(span, &format!("`{}` works on numbers", op.symbol()), bad);
                        Ty::Error
                    }
                };
                let (a, b) = (Box::new(a), Box::new(b));
                (
                    if op == Add {
                        Expr::Add(a, b)
                    } else {
                        Expr::Sub(a, b)
                    },
                    ty,
                )
            }
            _ => {
                let (mut a, ta) = self.expr(l);
                let (mut b, tb) = self.expr(r);
                let cmp = match op {
                    Lt => CmpOp::Lt,
                    Le => CmpOp::Le,
                    Gt => CmpOp::Gt,
                    Ge => CmpOp::Ge,
                    Eq => CmpOp::Eq,
                    _ => CmpOp::Ne,
                };
                match (&ta, &tb) {
                    (Ty::Error, _) | (_, Ty::Error) | (Ty::Time, Ty::Time) => {}
                    (Ty::Num(ua), Ty::Num(ub)) => {
                        if self.unify(&mut a, ua, &mut b, ub).is_none() {
                            self.unit_mismatch(span, ua, ub);
                        }
                    }
                    (Ty::Bool, Ty::Bool) if matches!(cmp, CmpOp::Eq | CmpOp::Ne) => {}
                    (Ty::Enum(_), _) | (_, Ty::Enum(_)) => {
                        self.error(
                            Diagnostic::new(
                                Code::TypeMismatch,
                                span,
                                "enums are tested with `is`, not compared",
                            )
                            .help("write `theory is attack` or `theory is not attack`"),
                        );
                    }
                    (x, y) => {
                        self.error(
                            Diagnostic::new(
                                Code::TypeMismatch,
                                span,
                                format!("{} compared with {}", describe_ty(x), describe_ty(y)),
                            )
                            .help(
                                "compare numbers with numbers and times with times (`now > T+5m`)",
                            ),
                        );
                    }
                }
                (Expr::Compare(cmp, Box::new(a), Box::new(b)), Ty::Bool)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActionCtx {
    /// Scenes and choices: the story's own flow.
    Scene,
    /// Triggers, commands, `when paged`.
    Other,
}

fn literal_unit(u: LiteralUnit) -> Unit {
    match u {
        LiteralUnit::None => Unit::Plain,
        LiteralUnit::Percent => Unit::Percent,
        LiteralUnit::Millis => Unit::Duration { ms_per_unit: 1.0 },
    }
}

fn describe_ty(t: &Ty) -> String {
    match t {
        Ty::Bool => "a flag or condition (true or false)".into(),
        Ty::Num(u) => u.describe(),
        Ty::Time => "a time".into(),
        Ty::Enum(_) => "an enum value".into(),
        Ty::Error => "an unknown value".into(),
    }
}

fn placeholder_alert(name: String, span: Span) -> Alert {
    Alert {
        title: name.clone(),
        name,
        condition: Expr::Bool(false),
        hold: 0,
        severity: Severity::Page,
        summary: Text::default(),
        runbook: None,
        sources: Vec::new(),
        span,
    }
}
