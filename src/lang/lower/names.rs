//! The symbol table: one namespace per kind of name, each handing out typed
//! ids in declaration order, so the id of the third alert is `AlertId(2)`
//! and indexes the third entry of the model's alert list. Also the look-ups
//! that report an unknown name with the nearest known one.

use super::*;
use crate::scenario::machine::HostId;

/// An id of one kind of declaration, numbered from zero in file order.
pub(super) trait Id: Copy {
    /// The id of the declaration at `index` among those of its kind.
    fn at(index: usize) -> Self;
}

macro_rules! ids {
    ($($t:ident),*) => {$(
        impl Id for $t {
            /// The id at `index`.
            fn at(index: usize) -> Self {
                $t(index)
            }
        }
    )*};
}
ids!(
    EffectId, AlertId, PersonId, CommandId, DocId, SceneId, EndingId, ChoiceId, InjectId, HintId,
    HostId
);

/// Rubric entries and tests are numbered by position.
impl Id for usize {
    /// The id at `index`.
    fn at(index: usize) -> Self {
        index
    }
}

/// Names in one namespace, with where each was declared, and how many
/// declarations of the kind were counted so far (named or not).
#[derive(Debug)]
pub(super) struct Names<T: Copy> {
    map: BTreeMap<String, (T, Span)>,
    count: usize,
}

impl<T: Copy> Default for Names<T> {
    /// An empty namespace.
    fn default() -> Self {
        Names {
            map: BTreeMap::new(),
            count: 0,
        }
    }
}

impl<T: Copy> Names<T> {
    /// What `name` stands for, if it was declared.
    pub(super) fn get(&self, name: &str) -> Option<T> {
        self.map.get(name).map(|(t, _)| *t)
    }

    /// Where `name` was first declared.
    pub(super) fn span_of(&self, name: &str) -> Option<Span> {
        self.map.get(name).map(|(_, s)| *s)
    }

    /// Every declared name, in order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// Every declared name with what it stands for, in name order.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, T)> {
        self.map.iter().map(|(k, (v, _))| (k.as_str(), *v))
    }

    /// The names whose value `keep` maps to something, as a namespace of
    /// their own (the metrics among the values, for instance).
    pub(super) fn filter<U: Copy>(&self, keep: impl Fn(T) -> Option<U>) -> Names<U> {
        let map: BTreeMap<String, (U, Span)> = self
            .map
            .iter()
            .filter_map(|(k, (v, s))| keep(*v).map(|u| (k.clone(), (u, *s))))
            .collect();
        let count = map.len();
        Names { map, count }
    }

    /// Binds `id` to `value`, reporting a name declared twice (the first
    /// declaration keeps the name).
    pub(super) fn bind(&mut self, diags: &mut Diags, id: &ast::Ident, value: T, what: &str) {
        if let Some((_, first)) = self.map.get(&id.name) {
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
        self.map.insert(id.name.clone(), (value, id.span));
    }
}

impl<T: Id> Names<T> {
    /// Hands out the next id of this kind and binds `name` to it, if the
    /// declaration has one. A duplicate still takes an id, so ids keep
    /// matching positions in the model's lists.
    pub(super) fn declare(
        &mut self,
        diags: &mut Diags,
        name: Option<&ast::Ident>,
        what: &str,
    ) -> T {
        let id = T::at(self.count);
        self.count += 1;
        if let Some(name) = name {
            self.bind(diags, name, id, what);
        }
        id
    }

    /// How many declarations of this kind were counted.
    pub(super) fn count(&self) -> usize {
        self.count
    }
}

/// Every namespace of a scenario.
#[derive(Debug, Default)]
pub(super) struct Symbols {
    /// Variables and metrics share one namespace: both are read as `{name}`
    /// and in conditions.
    pub values: Names<ValueRef>,
    pub effects: Names<EffectId>,
    pub alerts: Names<AlertId>,
    pub people: Names<PersonId>,
    pub commands: Names<CommandId>,
    pub docs: Names<DocId>,
    pub scenes: Names<SceneId>,
    pub endings: Names<EndingId>,
    pub choices: Names<ChoiceId>,
    pub injects: Names<InjectId>,
    pub hints: Names<HintId>,
    pub rubric: Names<usize>,
    pub tests: Names<usize>,
    pub hosts: Names<HostId>,
}

impl Symbols {
    /// The metrics among the values, for messages that want a metric.
    pub(super) fn metrics(&self) -> Names<MetricId> {
        self.values.filter(|v| match v {
            ValueRef::Metric(m) => Some(m),
            ValueRef::Var(_) => None,
        })
    }
}

impl Lowerer<'_> {
    /// Pass 1 for one item: declares the names it introduces, so that
    /// references anywhere in the scenario may point forward. Variables and
    /// metrics are built here too, since expressions need their types.
    pub(super) fn declare_item(&mut self, item: &ast::Item) {
        let (names, diags) = (&mut self.names, &mut *self.diags);
        match &item.kind {
            ItemKind::Var(name, init) => self.declare_var(name, init),
            ItemKind::Metric(m) => self.declare_metric(m),
            ItemKind::Alert(a) => {
                names.alerts.declare(diags, Some(&a.name), "the alert");
            }
            ItemKind::Person(p) => {
                names.people.declare(diags, Some(&p.name), "the person");
                self.people_pageable.push(p.pageable);
            }
            ItemKind::Command(c) => {
                names.commands.declare(diags, Some(&c.name), "the command");
            }
            ItemKind::Doc(d) => {
                names
                    .docs
                    .declare(diags, Some(&d.name), "the runbook or log");
                self.doc_kinds.push(if d.kind == ast::DocKind::Runbook {
                    DocKind::Runbook
                } else {
                    DocKind::Log
                });
            }
            ItemKind::Scene(s) => {
                names.scenes.declare(diags, Some(&s.name), "the scene");
                for c in &s.choices {
                    names.choices.declare(diags, c.id.as_ref(), "the choice");
                }
            }
            ItemKind::Ending(e) => {
                names.endings.declare(diags, Some(&e.name), "the ending");
            }
            ItemKind::Inject(i) => {
                names.injects.declare(diags, Some(&i.name), "the inject");
            }
            ItemKind::Hint(h) => {
                names.hints.declare(diags, h.name.as_ref(), "the hint");
            }
            ItemKind::Debrief(d) => {
                for it in &d.items {
                    names
                        .rubric
                        .declare(diags, Some(&it.name), "the rubric entry");
                    if it.applies.is_some() {
                        self.may_not_apply.insert(it.name.name.clone());
                    }
                }
            }
            ItemKind::Test(t) => {
                names.tests.declare(diags, Some(&t.name), "the test");
            }
            ItemKind::Host(h) => {
                names.hosts.declare(diags, Some(&h.name), "the host");
            }
            _ => {}
        }
    }

    /// Declares a `flag`, `var` or `enum` and builds its model entry.
    fn declare_var(&mut self, name: &ast::Ident, init: &ast::VarInit) {
        let id = VarId(self.vars.len());
        self.names
            .values
            .bind(self.diags, name, ValueRef::Var(id), "the name");
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

    /// Declares a metric and its effects, and builds the metric's model
    /// entry with its name, label and unit (the rest comes in pass 2).
    fn declare_metric(&mut self, m: &ast::MetricDecl) {
        let id = MetricId(self.metrics.len());
        self.names
            .values
            .bind(self.diags, &m.name, ValueRef::Metric(id), "the name");
        let unit_word = m.unit.as_ref().map(|u| u.name.clone()).unwrap_or_default();
        self.metrics.push(Metric {
            name: m.name.name.clone(),
            label: m
                .label
                .as_ref()
                .map_or_else(|| m.name.name.clone(), ast::Text::plain),
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
            self.names
                .effects
                .declare(self.diags, Some(&e.name), "the effect");
        }
    }

    /// Reports `id` as unknown in `names` (see [`unknown_in`]).
    pub(super) fn unknown<T: Copy>(
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

    /// Resolves a person's name, reporting it when unknown.
    pub(super) fn person_ref(&mut self, id: &ast::Ident) -> Option<PersonId> {
        resolve_in(
            &self.names.people,
            self.sources,
            self.diags,
            id,
            Code::UnknownPerson,
            "person",
            "declare them with `person NAME \"Full Name\"`",
        )
    }

    /// A person in the escalation policy: they must exist and be pageable.
    pub(super) fn escalation_person(&mut self, id: &ast::Ident) -> Option<PersonId> {
        let help = "declare them with `person NAME \"Full Name\"` and `pageable`";
        resolve_in(
            &self.names.people,
            self.sources,
            self.diags,
            id,
            Code::UnknownPerson,
            "person",
            help,
        )
    }

    /// Resolves an alert's name, reporting it when unknown.
    pub(super) fn alert_ref(&mut self, id: &ast::Ident) -> Option<AlertId> {
        resolve_in(
            &self.names.alerts,
            self.sources,
            self.diags,
            id,
            Code::UnknownAlert,
            "alert",
            "declare it with `alert NAME`",
        )
    }

    /// Resolves a scene's name, reporting it when unknown.
    pub(super) fn scene_ref(&mut self, id: &ast::Ident) -> Option<SceneId> {
        resolve_in(
            &self.names.scenes,
            self.sources,
            self.diags,
            id,
            Code::UnknownScene,
            "scene",
            "declare it with `scene NAME`",
        )
    }

    /// Resolves an ending's name, reporting it when unknown.
    pub(super) fn ending_ref(&mut self, id: &ast::Ident) -> Option<EndingId> {
        resolve_in(
            &self.names.endings,
            self.sources,
            self.diags,
            id,
            Code::UnknownEnding,
            "ending",
            "declare it with `ending NAME \"Title\"` and an `outcome`",
        )
    }
}

/// Reports a name that is not in `names`, suggesting the nearest one.
pub(super) fn unknown_in<T: Copy>(
    names: &Names<T>,
    sources: &SourceMap,
    diags: &mut Diags,
    id: &ast::Ident,
    code: Code,
    what: &str,
    declare_help: &str,
) {
    let nearest = if diags.will_show(id.span) {
        closest(&id.name, names.keys())
    } else {
        None
    };
    let help = nearest.map_or_else(
        || declare_help.to_string(),
        |c| {
            let at = names
                .map
                .get(c)
                .map(|(_, s)| sources.location(*s))
                .unwrap_or_default();
            format!("did you mean `{c}` ({at})?")
        },
    );
    diags.push(
        Diagnostic::new(code, id.span, format!("unknown {what} `{}`", id.name))
            .label(format!("no {what} with this name"))
            .help(help)
            .fix_opt(nearest),
    );
}

/// Looks `id` up in `names`, reporting it when it is not there.
pub(super) fn resolve_in<T: Copy>(
    names: &Names<T>,
    sources: &SourceMap,
    diags: &mut Diags,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(name: &str, at: usize) -> ast::Ident {
        ast::Ident {
            name: name.into(),
            span: Span::new(FileId(0), at, at + name.len()),
        }
    }

    #[test]
    fn ids_follow_declaration_order_and_duplicates_keep_their_place() {
        let mut diags = Diags::new();
        let mut alerts: Names<AlertId> = Names::default();
        let a = alerts.declare(&mut diags, Some(&ident("a", 0)), "the alert");
        let dup = alerts.declare(&mut diags, Some(&ident("a", 10)), "the alert");
        let b = alerts.declare(&mut diags, Some(&ident("b", 20)), "the alert");
        assert_eq!((a.0, dup.0, b.0), (0, 1, 2));
        assert_eq!(alerts.get("a").map(|i| i.0), Some(0));
        assert_eq!(alerts.get("b").map(|i| i.0), Some(2));
        assert_eq!(alerts.count(), 3);
        let diags = diags.finish().0;
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "the alert `a` is declared twice");
    }

    #[test]
    fn unnamed_declarations_still_take_an_id() {
        let mut diags = Diags::new();
        let mut choices: Names<ChoiceId> = Names::default();
        choices.declare(&mut diags, None, "the choice");
        let named = choices.declare(&mut diags, Some(&ident("look", 0)), "the choice");
        assert_eq!(named.0, 1);
        assert_eq!(choices.keys().collect::<Vec<_>>(), ["look"]);
        assert!(diags.is_empty());
    }
}
