//! The name index of a scenario's syntax tree, for editor tools: every
//! declared name with where it is written, and every use of it, resolved
//! exactly as the checker's lowering resolves names (one namespace per kind,
//! the first declaration keeps a name, a command's placeholders shadow the
//! values in its own conditions and outputs). Built from the tree alone, so
//! it works on a scenario that does not check: a name that resolves to
//! nothing is simply no reference.

mod expect;
mod hover;
mod tokens;
mod walk;

#[cfg(test)]
mod tests;

use crate::lang::ast;
use crate::lang::source::{FileId, SourceMap, Span};

pub use expect::expected_names;
pub use hover::hover;
pub use tokens::{Token, TokenKind, tokens};

/// What kind of thing a declared name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    Flag,
    Var,
    Enum,
    /// One of an enum's listed values (`enum phase = a | b`: `a`).
    EnumValue,
    Metric,
    /// A metric's `effect NAME ...` line.
    Effect,
    Alert,
    Person,
    Command,
    /// A `<name>` in a command's pattern, known only inside that command.
    Placeholder,
    /// A `program NAME` block (outputs its commands share).
    Program,
    Runbook,
    Log,
    Host,
    Inject,
    Hint,
    Scene,
    /// A choice with an `#id`.
    Choice,
    Ending,
    /// A debrief rubric entry (key action, red herring, objective).
    Rubric,
    Test,
}

impl NameKind {
    /// The kind as the language spells it, for hovers and outlines.
    pub fn word(self) -> &'static str {
        match self {
            NameKind::Flag => "flag",
            NameKind::Var => "var",
            NameKind::Enum => "enum",
            NameKind::EnumValue => "enum value",
            NameKind::Metric => "metric",
            NameKind::Effect => "effect",
            NameKind::Alert => "alert",
            NameKind::Person => "person",
            NameKind::Command => "command",
            NameKind::Placeholder => "placeholder",
            NameKind::Program => "program",
            NameKind::Runbook => "runbook",
            NameKind::Log => "log",
            NameKind::Host => "host",
            NameKind::Inject => "inject",
            NameKind::Hint => "hint",
            NameKind::Scene => "scene",
            NameKind::Choice => "choice",
            NameKind::Ending => "ending",
            NameKind::Rubric => "rubric entry",
            NameKind::Test => "test",
        }
    }

    /// The kinds that share the values' namespace: read in conditions and
    /// as `{name}` in text.
    pub const VALUES: &'static [NameKind] = &[
        NameKind::Flag,
        NameKind::Var,
        NameKind::Enum,
        NameKind::Metric,
    ];

    /// The values and, inside a command, its placeholders: what a
    /// condition or a `{name}` may read.
    pub const VALUES_AND_PLACEHOLDERS: &'static [NameKind] = &[
        NameKind::Flag,
        NameKind::Var,
        NameKind::Enum,
        NameKind::Metric,
        NameKind::Placeholder,
    ];
}

/// One declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    pub kind: NameKind,
    pub name: String,
    /// The name as written in the declaration.
    pub span: Span,
    /// The whole declaring line or block (for outline ranges); it holds `span`.
    pub block: Span,
    /// Its `source "..."` notes, as plain text.
    pub sources: Vec<String>,
    /// The declaration this one belongs to: an effect's metric, a choice's
    /// scene, an enum value's enum, a placeholder's command.
    pub parent: Option<usize>,
}

/// Every declaration of a scenario and every use of each.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    decls: Vec<Decl>,
    /// `(span, declaration)` of every use, sorted by span.
    refs: Vec<(Span, usize)>,
    /// The text a tree holds (quoted strings, whole `"""` blocks,
    /// narration), for tokens: `(span, narration)`.
    texts: Vec<(Span, bool)>,
}

impl NameIndex {
    /// Indexes a syntax tree (`Checked::items`: the main file with its
    /// includes spliced in) with the text its spans point into
    /// (`Checked::sources`: read for the extent of `"""` blocks, which the
    /// tree spans by their opening only).
    pub fn build(items: &[ast::Item], sources: &SourceMap) -> NameIndex {
        let (decls, mut refs, mut texts) = walk::walk(items, sources);
        refs.sort_unstable_by_key(|(s, d)| (*s, *d));
        refs.dedup();
        texts.sort_unstable_by_key(|(s, _)| *s);
        NameIndex { decls, refs, texts }
    }

    /// Every declaration, in the order the tree holds them.
    pub fn decls(&self) -> &[Decl] {
        &self.decls
    }

    /// The declaration whose name, or one of whose uses, is under byte
    /// `offset` of `file` (the offset just past a name counts too).
    pub fn at(&self, file: FileId, offset: usize) -> Option<usize> {
        let hit =
            |s: Span| s.file == file && s.start as usize <= offset && offset <= s.end as usize;
        let inside =
            |s: Span| s.file == file && s.start as usize <= offset && offset < s.end as usize;
        let decl = |strict: bool| {
            self.decls
                .iter()
                .position(|d| if strict { inside(d.span) } else { hit(d.span) })
        };
        // Uses are sorted: look near the first one starting after `offset`.
        let key = Span::new(file, offset.saturating_add(1), offset.saturating_add(1));
        let after = self.refs.partition_point(|(s, _)| *s < key);
        let near = &self.refs[after.saturating_sub(2)..after];
        let strict = near.iter().rev().find(|(s, _)| inside(*s)).map(|(_, d)| *d);
        strict.or_else(|| decl(true)).or_else(|| {
            near.iter()
                .rev()
                .find(|(s, _)| hit(*s))
                .map(|(_, d)| *d)
                .or_else(|| decl(false))
        })
    }

    /// Where declaration `decl` is used (not its declaration itself), in
    /// file and offset order.
    pub fn references(&self, decl: usize) -> impl Iterator<Item = Span> + '_ {
        self.refs
            .iter()
            .filter(move |(_, d)| *d == decl)
            .map(|(s, _)| *s)
    }

    /// The declarations of the given kinds, in tree order.
    pub fn of_kind<'a>(&'a self, kinds: &'a [NameKind]) -> impl Iterator<Item = &'a Decl> + 'a {
        self.decls.iter().filter(move |d| kinds.contains(&d.kind))
    }

    /// Every use with its declaration, sorted by span.
    pub fn uses(&self) -> &[(Span, usize)] {
        &self.refs
    }
}
