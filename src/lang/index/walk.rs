//! The walk that fills the name index: pass 1 declares every name (so uses
//! may point forward, as in the checker's `lower::names`), pass 2 resolves
//! every `ast::Ident` in a reference position the way `lower` does.

use std::collections::HashMap;

use super::{Decl, NameKind};
use crate::lang::ast::{
    self, Action, Body, Expr, ExprKind, Item, ItemKind, Pagee, Text, TextPart, VarInit,
};
use crate::lang::source::{SourceMap, Span};
use crate::scenario::command::Act;

/// The checker's namespaces (`lower::names::Symbols`), plus programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ns {
    Value,
    Effect,
    Alert,
    Person,
    Command,
    Program,
    Doc,
    Scene,
    Ending,
    Choice,
    Inject,
    Hint,
    Rubric,
    Test,
    Host,
}

/// What a walk collects: declarations, uses, text spans.
type Walked = (Vec<Decl>, Vec<(Span, usize)>, Vec<(Span, bool)>);

/// The placeholders conditions and outputs may name at this point.
#[derive(Debug, Clone, Default)]
struct Args {
    names: Vec<(String, usize)>,
    /// Inside an `after` block: the command's words are gone.
    delayed: bool,
}

struct Walker<'s> {
    sources: &'s SourceMap,
    decls: Vec<Decl>,
    refs: Vec<(Span, usize)>,
    texts: Vec<(Span, bool)>,
    names: HashMap<(Ns, String), usize>,
    /// Each enum's values, by the enum's declaration.
    enum_values: HashMap<usize, Vec<usize>>,
    /// Each command's placeholders, by the command's position in the items.
    placeholders: HashMap<usize, Vec<(String, usize)>>,
    args: Option<Args>,
    /// The furthest end seen in the item being walked (its block's end).
    extent: Option<Span>,
    /// Top-level declarations with their item, whose block is known after
    /// pass 2.
    pending: Vec<(usize, usize)>,
}

/// Walks `items` and returns what the index holds.
pub(super) fn walk(items: &[Item], sources: &SourceMap) -> Walked {
    let mut w = Walker {
        sources,
        decls: Vec::new(),
        refs: Vec::new(),
        texts: Vec::new(),
        names: HashMap::new(),
        enum_values: HashMap::new(),
        placeholders: HashMap::new(),
        args: None,
        extent: None,
        pending: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        w.declare_item(i, item);
    }
    let mut ends = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        w.extent = Some(item.span);
        w.item(i, items, item);
        ends.push(w.extent.take().unwrap_or(item.span));
    }
    // Each item's declaration spans its whole block.
    for (d, i) in std::mem::take(&mut w.pending) {
        if let (Some(decl), Some(end)) = (w.decls.get_mut(d), ends.get(i)) {
            decl.block = *end;
        }
    }
    (w.decls, w.refs, w.texts)
}

impl Walker<'_> {
    // ---------------------------------------------------------------- pass 1

    /// Adds a declaration, binding its name in `ns` unless taken (the first
    /// declaration keeps a name, as in the checker).
    fn declare(&mut self, ns: Option<Ns>, d: Decl) -> usize {
        let i = self.decls.len();
        if let Some(ns) = ns {
            self.names.entry((ns, d.name.clone())).or_insert(i);
        }
        self.decls.push(d);
        i
    }

    /// A top-level declaration of `item`, the `at`-th item (its block's
    /// extent is known after pass 2).
    fn top(&mut self, ns: Ns, kind: NameKind, at: usize, item: &Item, name: &ast::Ident) -> usize {
        let d = self.declare(
            Some(ns),
            Decl {
                kind,
                name: name.name.clone(),
                span: name.span,
                block: name.span.to(item.span),
                sources: item.sources.iter().map(Text::plain).collect(),
                parent: None,
            },
        );
        self.pending.push((d, at));
        d
    }

    /// A declaration inside another (`parent`), spanning `block`.
    fn sub(
        &mut self,
        ns: Option<Ns>,
        kind: NameKind,
        name: &ast::Ident,
        block: Span,
        parent: usize,
        sources: &[Text],
    ) -> usize {
        self.declare(
            ns,
            Decl {
                kind,
                name: name.name.clone(),
                span: name.span,
                block: name.span.to(block),
                sources: sources.iter().map(Text::plain).collect(),
                parent: Some(parent),
            },
        )
    }

    /// Pass 1 for one item, following `lower::names::declare_item`.
    fn declare_item(&mut self, at: usize, item: &Item) {
        match &item.kind {
            ItemKind::Var(name, init) => {
                let kind = match init {
                    VarInit::Flag(_) => NameKind::Flag,
                    VarInit::Number(_) => NameKind::Var,
                    VarInit::Enum(_) => NameKind::Enum,
                };
                let d = self.top(Ns::Value, kind, at, item, name);
                if let VarInit::Enum(values) = init {
                    let mut ids = Vec::new();
                    for v in values {
                        ids.push(self.sub(None, NameKind::EnumValue, v, v.span, d, &[]));
                    }
                    self.enum_values.insert(d, ids);
                }
            }
            ItemKind::Metric(m) => {
                let d = self.top(Ns::Value, NameKind::Metric, at, item, &m.name);
                for e in &m.effects {
                    self.sub(Some(Ns::Effect), NameKind::Effect, &e.name, e.span, d, &[]);
                }
            }
            ItemKind::Alert(a) => {
                self.top(Ns::Alert, NameKind::Alert, at, item, &a.name);
            }
            ItemKind::Person(p) => {
                self.top(Ns::Person, NameKind::Person, at, item, &p.name);
            }
            ItemKind::Command(c) => {
                let d = self.top(Ns::Command, NameKind::Command, at, item, &c.name);
                self.declare_placeholders(at, d, c);
            }
            ItemKind::Program(p) => {
                self.top(Ns::Program, NameKind::Program, at, item, &p.name);
            }
            ItemKind::Doc(doc) => {
                let kind = match doc.kind {
                    ast::DocKind::Runbook => NameKind::Runbook,
                    ast::DocKind::Log => NameKind::Log,
                };
                self.top(Ns::Doc, kind, at, item, &doc.name);
            }
            ItemKind::Scene(s) => {
                let d = self.top(Ns::Scene, NameKind::Scene, at, item, &s.name);
                for c in &s.choices {
                    if let Some(id) = &c.id {
                        self.sub(
                            Some(Ns::Choice),
                            NameKind::Choice,
                            id,
                            c.span,
                            d,
                            &c.sources,
                        );
                    }
                }
            }
            ItemKind::Ending(e) => {
                self.top(Ns::Ending, NameKind::Ending, at, item, &e.name);
            }
            ItemKind::Inject(i) => {
                self.top(Ns::Inject, NameKind::Inject, at, item, &i.name);
            }
            ItemKind::Hint(h) => {
                if let Some(name) = &h.name {
                    self.top(Ns::Hint, NameKind::Hint, at, item, name);
                }
            }
            ItemKind::Debrief(d) => {
                for it in &d.items {
                    let block = rubric_extent(it);
                    self.declare(
                        Some(Ns::Rubric),
                        Decl {
                            kind: NameKind::Rubric,
                            name: it.name.name.clone(),
                            span: it.name.span,
                            block,
                            sources: it.sources.iter().map(Text::plain).collect(),
                            parent: None,
                        },
                    );
                }
            }
            ItemKind::Test(t) => {
                self.top(Ns::Test, NameKind::Test, at, item, &t.name);
            }
            ItemKind::Host(h) => {
                self.top(Ns::Host, NameKind::Host, at, item, &h.name);
            }
            ItemKind::Scenario(_)
            | ItemKind::Postmortem(_)
            | ItemKind::Include(_)
            | ItemKind::Escalation(_)
            | ItemKind::File(_)
            | ItemKind::Url(_)
            | ItemKind::Trigger(_) => {}
        }
    }

    /// Declares a command's `<name>`s: the first of each name declares it,
    /// the same name again (another alias) uses it.
    fn declare_placeholders(&mut self, at: usize, command: usize, c: &ast::CommandDecl) {
        let mut mine: Vec<(String, usize)> = Vec::new();
        for p in &c.patterns {
            for (name, span) in placeholder_spans(p) {
                if let Some((_, d)) = mine.iter().find(|(n, _)| *n == name) {
                    self.refs.push((span, *d));
                    continue;
                }
                let id = ast::Ident {
                    name: name.clone(),
                    span,
                };
                let d = self.sub(None, NameKind::Placeholder, &id, span, command, &[]);
                mine.push((name, d));
            }
        }
        self.placeholders.insert(at, mine);
    }

    // ---------------------------------------------------------------- pass 2

    /// Records a use of `id` if it names something in `ns`.
    fn use_in(&mut self, ns: Ns, id: &ast::Ident) -> Option<usize> {
        self.seen(id.span);
        let d = *self.names.get(&(ns, id.name.clone()))?;
        self.refs.push((id.span, d));
        Some(d)
    }

    /// `reads log NAME` or a file's `log NAME`: a log, not a runbook
    /// (`lower::world::log_ref`).
    fn use_log(&mut self, id: &ast::Ident) {
        self.seen(id.span);
        if let Some(&d) = self.names.get(&(Ns::Doc, id.name.clone()))
            && self.decls[d].kind == NameKind::Log
        {
            self.refs.push((id.span, d));
        }
    }

    /// A metric's name (in the values' namespace, only if a metric).
    fn use_metric(&mut self, id: &ast::Ident) {
        self.seen(id.span);
        if let Some(&d) = self.names.get(&(Ns::Value, id.name.clone()))
            && self.decls[d].kind == NameKind::Metric
        {
            self.refs.push((id.span, d));
        }
    }

    /// Grows the current item's extent to `span`.
    fn seen(&mut self, span: Span) {
        if let Some(e) = &mut self.extent
            && e.file == span.file
        {
            *e = e.to(span);
        }
    }

    /// A text's span, the whole `"""` block when it opens one (the tree
    /// spans only its opening).
    fn whole(&self, span: Span) -> Span {
        let Some(file) = self.sources.get(span.file) else {
            return span;
        };
        if file.text.get(span.range()) != Some("\"\"\"") {
            return span;
        }
        let end = block_end(&file.text, span.end as usize);
        Span::new(span.file, span.start as usize, end)
    }

    /// The placeholder `name` conditions may name here.
    fn arg(&self, name: &str) -> Option<usize> {
        let args = self.args.as_ref().filter(|a| !a.delayed)?;
        args.names.iter().find(|(n, _)| n == name).map(|(_, d)| *d)
    }

    /// Pass 2 for one item.
    fn item(&mut self, at: usize, items: &[Item], item: &Item) {
        for s in &item.sources {
            self.text(s, false);
        }
        match &item.kind {
            ItemKind::Scenario(h) => self.header(h),
            ItemKind::Postmortem(p) => {
                for t in [&p.company, &p.title, &p.url].into_iter().flatten() {
                    self.text(t, false);
                }
            }
            ItemKind::Include(t) => self.text(t, false),
            ItemKind::Var(name, init) => {
                self.seen(name.span);
                if let VarInit::Enum(vals) = init {
                    for v in vals {
                        self.seen(v.span);
                    }
                }
            }
            ItemKind::Metric(m) => self.metric(m),
            ItemKind::Alert(a) => self.alert(a),
            ItemKind::Escalation(steps) => {
                for s in steps {
                    self.pagee(&s.who);
                }
            }
            ItemKind::Person(p) => {
                self.seen(p.name.span);
                self.text(&p.full_name, false);
                self.opt_text(p.role.as_ref());
                self.actions(&p.when_paged);
            }
            ItemKind::Command(c) => self.command(at, c),
            ItemKind::Program(p) => self.program(items, p),
            ItemKind::Doc(d) => {
                self.seen(d.name.span);
                self.text(&d.title, false);
                self.variants(&d.variants, None);
            }
            ItemKind::Host(h) => self.host(h),
            ItemKind::File(f) => {
                self.text(&f.path, false);
                for h in &f.hosts {
                    self.use_in(Ns::Host, h);
                }
                if let Some(l) = &f.log {
                    self.use_log(l);
                }
                self.variants(&f.variants, None);
            }
            ItemKind::Url(u) => {
                self.text(&u.url, false);
                self.variants(&u.variants, None);
            }
            ItemKind::Trigger(t) => {
                if let ast::TriggerKind::When { cond, .. } = &t.kind {
                    self.expr(cond);
                }
                self.actions(&t.actions);
            }
            ItemKind::Inject(i) => {
                self.seen(i.name.span);
                self.opt_text(i.title.as_ref());
                self.actions(&i.actions);
            }
            ItemKind::Hint(h) => {
                self.opt_text(h.title.as_ref());
                if let Some((e, _)) = &h.when {
                    self.expr(e);
                }
                for t in &h.text {
                    self.text(t, true);
                }
            }
            ItemKind::Scene(s) => self.scene(s),
            ItemKind::Ending(e) => {
                self.seen(e.name.span);
                self.opt_text(e.title.as_ref());
                if let Some((_, s)) = &e.outcome {
                    self.seen(*s);
                }
                for t in &e.text {
                    self.text(t, true);
                }
            }
            ItemKind::Debrief(d) => self.debrief(d),
            ItemKind::Test(t) => self.test(t),
        }
    }

    fn header(&mut self, h: &ast::ScenarioHeader) {
        for t in [&h.title, &h.summary, &h.role, &h.briefing]
            .into_iter()
            .flatten()
        {
            self.text(t, false);
        }
        if let Some(o) = &h.opening {
            self.use_in(Ns::Scene, o);
        }
        if let Some(host) = &h.host {
            self.use_in(Ns::Host, host);
        }
    }

    fn metric(&mut self, m: &ast::MetricDecl) {
        self.seen(m.name.span);
        self.opt_text(m.label.as_ref());
        for e in &m.effects {
            self.seen(e.span);
            if let Some(x) = &e.level.expr {
                self.expr(x);
            }
            if let Some(c) = &e.while_cond {
                self.expr(c);
            }
        }
    }

    fn alert(&mut self, a: &ast::AlertDecl) {
        self.seen(a.name.span);
        self.opt_text(a.title.as_ref());
        if let Some((e, _)) = &a.when {
            self.expr(e);
        }
        self.opt_text(a.summary.as_ref());
        if let Some(r) = &a.runbook {
            self.use_in(Ns::Doc, r);
        }
    }

    /// A command's lines, its placeholders in scope (`lower::world::command`).
    fn command(&mut self, at: usize, c: &ast::CommandDecl) {
        for p in &c.patterns {
            self.text(p, false);
        }
        let names = self.placeholders.get(&at).cloned().unwrap_or_default();
        let outer = self.args.replace(Args {
            names,
            delayed: false,
        });
        self.variants(&c.outputs, Some(()));
        self.actions(&c.actions);
        for (log, when) in &c.reads {
            self.use_log(log);
            if let Some(e) = when {
                self.expr(e);
            }
        }
        self.args = outer;
    }

    /// A program's outputs: a placeholder every one of its commands binds
    /// (`lower::program`) is the first such command's.
    fn program(&mut self, items: &[Item], p: &ast::ProgramDecl) {
        self.seen(p.name.span);
        let scopes: Vec<&Vec<(String, usize)>> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| match &item.kind {
                ItemKind::Command(c) => !c.standalone && runs_program(c, &p.name.name),
                _ => false,
            })
            .filter_map(|(i, _)| self.placeholders.get(&i))
            .collect();
        let names: Vec<(String, usize)> = scopes
            .split_first()
            .map(|(first, rest)| {
                first
                    .iter()
                    .filter(|(n, _)| rest.iter().all(|s| s.iter().any(|(m, _)| m == n)))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let outer = self.args.replace(Args {
            names,
            delayed: false,
        });
        self.variants(&p.outputs, Some(()));
        self.args = outer;
    }

    fn host(&mut self, h: &ast::HostDecl) {
        self.seen(h.name.span);
        self.opt_text(h.hostname.as_ref());
        self.opt_text(h.dir.as_ref());
        if let Some(u) = &h.user {
            self.seen(u.span);
        }
        for m in [&h.cpu, &h.memory, &h.disk].into_iter().flatten() {
            self.use_metric(m);
        }
        self.variants(&h.processes, None);
    }

    fn scene(&mut self, s: &ast::SceneDecl) {
        self.seen(s.name.span);
        self.actions(&s.actions);
        for c in &s.choices {
            self.seen(c.span);
            self.text(&c.text, false);
            if let Some(id) = &c.id {
                self.seen(id.span);
            }
            if let Some(e) = &c.only_if {
                self.expr(e);
            }
            self.actions(&c.actions);
            for t in &c.sources {
                self.text(t, false);
            }
        }
        if let Some((span, acts)) = &s.fallback {
            self.seen(*span);
            self.actions(acts);
        }
    }

    fn debrief(&mut self, d: &ast::DebriefDecl) {
        self.opt_text(d.root_cause.as_ref());
        for t in &d.cause_words {
            self.text(t, false);
        }
        for it in &d.items {
            self.seen(it.name.span);
            self.text(&it.title, false);
            for e in [&it.cond, &it.applies].into_iter().flatten() {
                self.expr(e);
            }
            if let Some(m) = &it.marks {
                self.seen(m.span);
            }
            self.opt_text(it.why.as_ref());
            for t in &it.sources {
                self.text(t, false);
            }
        }
        for m in &d.responders {
            self.seen(m.kind.span);
            self.text(&m.what, false);
            for t in &m.sources {
                self.text(t, false);
            }
        }
    }

    fn test(&mut self, t: &ast::TestDecl) {
        self.seen(t.name.span);
        self.opt_text(t.title.as_ref());
        for s in &t.steps {
            self.seen(s.span);
            self.step(&s.input);
        }
        for (_, h) in &t.hypotheses {
            self.text(h, false);
        }
        for (e, span) in &t.expects {
            self.seen(*span);
            match e {
                ast::Expectation::Ending(id) => {
                    self.use_in(Ns::Ending, id);
                }
                ast::Expectation::Rubric { name, .. } => {
                    self.use_in(Ns::Rubric, name);
                }
            }
        }
    }

    /// A playthrough step's names (`lower::tests::test_input`).
    fn step(&mut self, input: &Act<ast::Ident>) {
        match input {
            Act::Ack(Some(a)) | Act::Resolve(a) | Act::Silence(a) => {
                self.use_in(Ns::Alert, a);
            }
            Act::ChooseId(c) => {
                self.use_in(Ns::Choice, c);
            }
            Act::Page(p, msg) => {
                self.use_in(Ns::Person, p);
                self.words(msg);
            }
            // A shell line, a status or a mentor's words: text, not names.
            Act::Run(w) | Act::Status(_, w) | Act::Whisper(w) => self.words(w),
            Act::Graph(m) => self.use_metric(m),
            Act::Open(_, d) => {
                self.use_in(Ns::Doc, d);
            }
            Act::Inject(i) => {
                self.use_in(Ns::Inject, i);
            }
            Act::Ack(None) | Act::Choose(_) | Act::Wait(_) | Act::Hint => {}
        }
    }

    // ---------------------------------------------------------------- shared

    /// A test step's text (held as a name with its span), as a string.
    fn words(&mut self, w: &ast::Ident) {
        self.seen(w.span);
        if !w.span.is_empty() {
            self.texts.push((w.span, false));
        }
    }

    fn opt_text(&mut self, t: Option<&Text>) {
        if let Some(t) = t {
            self.text(t, false);
        }
    }

    /// Text and its `{name}`s: a placeholder in a command's outputs
    /// (`command_scope`), else a value (`lower::text::text`).
    fn text_in(&mut self, t: &Text, narration: bool, command_scope: bool) {
        let span = self.whole(t.span);
        self.seen(span);
        if !span.is_empty() {
            self.texts.push((span, narration));
        }
        for p in &t.parts {
            if let TextPart::Name(id) = p {
                let ph = if command_scope {
                    self.arg(&id.name)
                } else {
                    None
                };
                if let Some(d) = ph {
                    self.refs.push((id.span, d));
                } else {
                    self.use_in(Ns::Value, id);
                }
            }
        }
    }

    fn text(&mut self, t: &Text, narration: bool) {
        self.text_in(t, narration, false);
    }

    /// Output variants; `command` when a command's (or program's) placeholders
    /// may be shown in them.
    fn variants(&mut self, vs: &[ast::Variant], command: Option<()>) {
        for v in vs {
            self.seen(v.span);
            if let Some(e) = &v.when {
                self.expr(e);
            }
            match &v.body {
                Body::Inline(t) => self.text_in(t, false, command.is_some()),
                Body::File(t) => self.text(t, false),
            }
        }
    }

    fn pagee(&mut self, p: &Pagee) {
        match p {
            Pagee::Player(s) => self.seen(*s),
            Pagee::Person(id) => {
                self.use_in(Ns::Person, id);
            }
        }
    }

    fn actions(&mut self, acts: &[Action]) {
        for a in acts {
            self.action(a);
        }
    }

    /// One statement (`lower::actions::action`).
    fn action(&mut self, a: &Action) {
        match a {
            Action::Narrate(t) => self.text(t, true),
            Action::Chat(p, t) => {
                self.use_in(Ns::Person, p);
                self.text(t, true);
            }
            Action::Page(who, t) => {
                self.pagee(who);
                self.text(t, false);
            }
            Action::Set(name, e) => self.set(name, e),
            Action::Start(e) | Action::Stop(e) => {
                self.use_in(Ns::Effect, e);
            }
            Action::After(d, body) => {
                self.seen(d.span);
                let outer = self.args.clone();
                if let Some(a) = &mut self.args {
                    a.delayed = true;
                }
                self.actions(body);
                self.args = outer;
            }
            Action::If(c, then, otherwise) => {
                self.expr(c);
                self.actions(then);
                self.actions(otherwise);
            }
            Action::Goto(s) | Action::Call(s) | Action::Interrupt(s) => {
                self.use_in(Ns::Scene, s);
            }
            Action::End(e) => {
                self.use_in(Ns::Ending, e);
            }
            Action::Login(h) => {
                self.use_in(Ns::Host, h);
            }
            Action::Return(s) | Action::Wait(s) => self.seen(*s),
            Action::PostStatus(_, t) => self.text(t, false),
        }
    }

    /// `set NAME = EXPR`: a bare unknown name set on an enum is one of its
    /// values (`lower::actions::set`).
    fn set(&mut self, name: &ast::Ident, e: &Expr) {
        let target = self.use_in(Ns::Value, name);
        if let (Some(var), ExprKind::Name(v)) = (target, &e.kind)
            && self.decls[var].kind == NameKind::Enum
            && !self.names.contains_key(&(Ns::Value, v.name.clone()))
        {
            self.seen(v.span);
            self.enum_value(var, v);
            return;
        }
        self.expr(e);
    }

    /// A use of `value` as one of enum `var`'s values.
    fn enum_value(&mut self, var: usize, value: &ast::Ident) {
        let found = self.enum_values.get(&var).and_then(|vals| {
            vals.iter()
                .copied()
                .find(|&d| self.decls[d].name == value.name)
        });
        if let Some(d) = found {
            self.refs.push((value.span, d));
        }
    }

    /// A condition or value (`lower::expr`).
    fn expr(&mut self, e: &Expr) {
        self.seen(e.span);
        match &e.kind {
            ExprKind::Bool(_)
            | ExprKind::Quantity(_)
            | ExprKind::Offset(_)
            | ExprKind::Now
            | ExprKind::PostedStatus(_)
            | ExprKind::StatusIs(_) => {}
            ExprKind::Name(id) => self.name(id),
            ExprKind::AlertIs(a, _) => {
                self.use_in(Ns::Alert, a);
            }
            ExprKind::Ran(c, _) => {
                self.use_in(Ns::Command, c);
            }
            ExprKind::Chose(c, _) => {
                self.use_in(Ns::Choice, c);
            }
            ExprKind::Visited(s) => {
                self.use_in(Ns::Scene, s);
            }
            ExprKind::Read(d) => {
                self.use_in(Ns::Doc, d);
            }
            ExprKind::Viewed(m) => self.use_metric(m),
            ExprKind::Paged(p) => {
                self.use_in(Ns::Person, p);
            }
            ExprKind::OnHost(h) => {
                self.use_in(Ns::Host, h);
            }
            ExprKind::Is { name, value, .. } => {
                if let Some(d) = self.arg(&name.name) {
                    // `node is cp4`: the value is a word the player types.
                    self.refs.push((name.span, d));
                } else if let Some(var) = self.use_in(Ns::Value, name)
                    && self.decls[var].kind == NameKind::Enum
                {
                    self.enum_value(var, value);
                }
                self.seen(value.span);
            }
            ExprKind::Not(inner) => self.expr(inner),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r),
        }
    }

    /// A bare name: a placeholder in its command, else a value.
    fn name(&mut self, id: &ast::Ident) {
        if let Some(d) = self.arg(&id.name) {
            self.seen(id.span);
            self.refs.push((id.span, d));
        } else {
            self.use_in(Ns::Value, id);
        }
    }

    /// `l op r`; a comparison with a placeholder takes the other side as a
    /// word (`lower::args::arg_compare`).
    fn binary(&mut self, op: ast::BinOp, l: &Expr, r: &Expr) {
        use ast::BinOp::{Add, And, Or, Sub};
        if !matches!(op, Add | And | Or | Sub) {
            let placeholder = |e: &Expr| match &e.kind {
                ExprKind::Name(id) => self.arg(&id.name).map(|d| (id.span, d)),
                _ => None,
            };
            let (hit, word) = match (placeholder(l), placeholder(r)) {
                (Some(h), _) => (Some(h), r),
                (None, Some(h)) => (Some(h), l),
                (None, None) => (None, r),
            };
            if let Some((span, d)) = hit {
                self.seen(span);
                self.seen(word.span);
                self.refs.push((span, d));
                return;
            }
        }
        self.expr(l);
        self.expr(r);
    }
}

/// Whether command `c`'s first pattern starts with the program word `name`.
fn runs_program(c: &ast::CommandDecl, name: &str) -> bool {
    c.patterns.first().is_some_and(|p| {
        p.plain()
            .split_whitespace()
            .next()
            .is_some_and(|w| w == name)
    })
}

/// The end of the `"""` block opened just before `from`: the end of its
/// closing line, or `from` when it is never closed.
fn block_end(text: &str, from: usize) -> usize {
    let mut at = text
        .get(from..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| from + i);
    while at < text.len() {
        let rest = text.get(at + 1..).unwrap_or("");
        let line_end = rest.find('\n').map_or(text.len(), |i| at + 1 + i);
        if rest
            .get(..line_end - at - 1)
            .is_some_and(|l| l.trim() == "\"\"\"")
        {
            return line_end;
        }
        at = line_end;
    }
    from
}

/// A rubric entry's extent: from its name to the last of its parts.
fn rubric_extent(it: &ast::RubricItem) -> Span {
    let mut s = it.name.span.to(it.title.span);
    let parts = [&it.cond, &it.applies]
        .into_iter()
        .flatten()
        .map(|e| e.span)
        .chain(it.by.map(|b| b.span))
        .chain(it.marks.as_ref().map(|m| m.span))
        .chain(it.why.as_ref().map(|w| w.span))
        .chain(it.sources.iter().map(|t| t.span));
    let file = s.file;
    for p in parts.filter(|p| p.file == file) {
        s = s.to(p);
    }
    s
}

/// The `<name>`s of a pattern with where each is written. Only for a
/// pattern written without escapes (its text then maps byte for byte onto
/// the source between its quotes); others declare no placeholders.
pub(super) fn placeholder_spans(p: &Text) -> Vec<(String, Span)> {
    let [TextPart::Literal(src)] = p.parts.as_slice() else {
        return Vec::new();
    };
    if p.span.len() != src.len() + 2 {
        return Vec::new();
    }
    let base = p.span.start as usize + 1;
    crate::scenario::pattern::written_placeholders(src)
        .into_iter()
        .map(|(name, at)| {
            let span = Span::new(p.span.file, base + at.start, base + at.end);
            (name.to_string(), span)
        })
        .collect()
}
