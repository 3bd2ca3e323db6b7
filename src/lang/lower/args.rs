//! Command placeholders in conditions: inside a command (its `output when`,
//! `if` and `reads log ... when` lines), `node == cp-4` tests the word the
//! player typed for `<node>`. A placeholder with listed words
//! (`<node:cp-1|cp-4>`) is compared only with one of them; elsewhere the
//! name is unknown, with help that says where it is bound.

use super::*;

/// The placeholders a command's conditions may name.
#[derive(Debug, Clone, Default)]
pub(super) struct ArgScope {
    /// Each placeholder with the words it may be (`None`: any word).
    names: BTreeMap<String, Option<Vec<String>>>,
    /// Inside an `after` block: the delayed lines run later, without the
    /// command's words.
    delayed: bool,
    /// One of the command's patterns failed to parse (already reported):
    /// an unknown name may be one of its placeholders, so it is not
    /// reported a second time.
    loose: bool,
}

impl ArgScope {
    /// The placeholders of a command's patterns (every form and alias; a
    /// name free in one of them takes any word).
    pub(super) fn of(patterns: &[Pattern], loose: bool) -> ArgScope {
        let mut names: BTreeMap<String, Option<Vec<String>>> = BTreeMap::new();
        let mut add = |name: &str, choices: Option<&Vec<String>>| {
            let slot = names
                .entry(name.to_string())
                .or_insert_with(|| Some(Vec::new()));
            match (slot.as_mut(), choices) {
                (Some(list), Some(c)) => {
                    for w in c {
                        if !list.contains(w) {
                            list.push(w.clone());
                        }
                    }
                }
                _ => *slot = None,
            }
        };
        for p in patterns {
            for w in &p.words {
                if let pattern::Word::Placeholder { name, choices, .. } = w {
                    add(name, choices.as_ref());
                }
            }
            for f in &p.flags {
                // `--checkpoint=fast` binds a hidden `_checkpoint`: not a name.
                if let Some(v) = f.value.as_deref().filter(|v| !v.starts_with('_')) {
                    add(v, f.value_choices.as_ref());
                }
            }
        }
        ArgScope {
            names,
            delayed: false,
            loose,
        }
    }

    /// The placeholder names, in order.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The placeholders every one of `scopes` binds, for lines several
    /// commands share; listed words are kept only where all agree.
    pub(super) fn common(scopes: &[ArgScope]) -> ArgScope {
        let Some((first, rest)) = scopes.split_first() else {
            return ArgScope::default();
        };
        let mut names = first.names.clone();
        names.retain(|n, choices| {
            rest.iter().all(|s| match s.names.get(n) {
                Some(c) => {
                    if c != choices {
                        *choices = None;
                    }
                    true
                }
                None => false,
            })
        });
        ArgScope {
            names,
            delayed: false,
            loose: false,
        }
    }
}

/// Which command binds each placeholder name first, with the pattern: for
/// the help when a name is used outside its command.
pub(super) fn owners(items: &[ast::Item]) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for item in items {
        let ItemKind::Command(c) = &item.kind else {
            continue;
        };
        for p in c.patterns.iter().filter_map(literal_text) {
            let Ok(forms) = Pattern::parse_forms(&p) else {
                continue;
            };
            for name in forms.iter().flat_map(Pattern::placeholders) {
                out.entry(name.to_string())
                    .or_insert_with(|| (c.name.name.clone(), p.clone()));
            }
        }
    }
    out
}

impl Lowerer<'_> {
    /// Lowers `f` with `scope` as the placeholders conditions may name.
    pub(super) fn with_args<T>(&mut self, scope: ArgScope, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.args.replace(scope);
        let out = f(self);
        self.args = outer;
        out
    }

    /// Lowers an `after` block's lines: a command's placeholders are not
    /// known there.
    pub(super) fn delayed<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let Some(scope) = self.args.clone() else {
            return f(self);
        };
        self.with_args(
            ArgScope {
                delayed: true,
                ..scope
            },
            f,
        )
    }

    /// The words `name` may be, if it is a placeholder conditions may name
    /// here (`Some(None)`: any word).
    fn arg(&self, name: &str) -> Option<&Option<Vec<String>>> {
        let scope = self.args.as_ref().filter(|s| !s.delayed)?;
        scope.names.get(name)
    }

    /// A placeholder used as a value or condition on its own: it is a
    /// word, so it is only compared.
    pub(super) fn arg_bare(&mut self, id: &ast::Ident) -> Option<(Expr, Ty)> {
        self.arg(&id.name)?;
        self.error(
            Diagnostic::new(
                Code::PlaceholderMisused,
                id.span,
                format!("`{}` is a placeholder: a word the player typed", id.name),
            )
            .label("not a condition or a number")
            .help(format!(
                "compare it with a word: `{0} == cp-4`, `{0} != cp-4` or `{0} is cp4`",
                id.name
            )),
        );
        Some((Expr::Bool(false), Ty::Error))
    }

    /// `node is [not] word`, when `node` is a placeholder.
    pub(super) fn arg_is(
        &mut self,
        name: &ast::Ident,
        negated: bool,
        value: &ast::Ident,
    ) -> Option<(Expr, Ty)> {
        self.arg(&name.name)?;
        // `node is cp-1` parses as `(node is cp) - 1`: point at `==`.
        let end = value.span.end as usize;
        let next = self.sources.text(Span::new(value.span.file, end, end + 1));
        if next == "-" {
            self.error(
                Diagnostic::new(
                    Code::PlaceholderMisused,
                    value.span,
                    format!("`is` takes a name; `{}` goes on with a `-`", value.name),
                )
                .help(format!(
                    "compare a word with dashes with `==`: `{} == {}-...`",
                    name.name, value.name
                )),
            );
            return Some((Expr::Bool(false), Ty::Error));
        }
        Some(self.arg_test(name, negated, &value.name, value.span))
    }

    /// `l == r` or `l != r` where one side is a placeholder: the other side
    /// is the word, as written (`cp-4`). Other comparisons are refused.
    pub(super) fn arg_compare(
        &mut self,
        op: ast::BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        span: Span,
    ) -> Option<(Expr, Ty)> {
        let placeholder = |e: &ast::Expr| match &e.kind {
            ExprKind::Name(id) => Some(id.clone()),
            _ => None,
        };
        let (name, word) = match (placeholder(l), placeholder(r)) {
            (Some(n), _) if self.arg(&n.name).is_some() => (n, r),
            (_, Some(n)) if self.arg(&n.name).is_some() => (n, l),
            // A placeholder out of its command: one error, not one per side.
            (Some(n), _) | (_, Some(n))
                if self.names.values.get(&n.name).is_none() && self.placeholder_elsewhere(&n) =>
            {
                return Some((Expr::Bool(false), Ty::Error));
            }
            _ => return None,
        };
        let negated = match op {
            ast::BinOp::Eq => false,
            ast::BinOp::Ne => true,
            _ => {
                self.error(
                    Diagnostic::new(
                        Code::PlaceholderMisused,
                        span,
                        format!(
                            "`{}` is a placeholder: a word, which `{}` cannot compare",
                            name.name,
                            op.symbol()
                        ),
                    )
                    .help(format!(
                        "test the word with `==` or `!=` (`{} == 3`): what the player types \
                         is a word, even when it looks like a number",
                        name.name
                    )),
                );
                return Some((Expr::Bool(false), Ty::Error));
            }
        };
        let text = self.sources.text(word.span).trim().to_string();
        if text.is_empty() || text.contains(char::is_whitespace) {
            self.error(
                Diagnostic::new(
                    Code::PlaceholderMisused,
                    word.span,
                    format!("`{}` is compared with one word, as typed", name.name),
                )
                .label("not one word")
                .help("write the word without spaces: `node == cp-4`"),
            );
            return Some((Expr::Bool(false), Ty::Error));
        }
        Some(self.arg_test(&name, negated, &text, word.span))
    }

    /// The test that placeholder `name` is (or is not) `word`, checked
    /// against the words it may be.
    fn arg_test(&mut self, name: &ast::Ident, negated: bool, word: &str, at: Span) -> (Expr, Ty) {
        if let Some(Some(choices)) = self.arg(&name.name)
            && !choices.iter().any(|c| c == word)
        {
            let listed = choices
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = closest(word, choices.iter().map(String::as_str)).map_or_else(
                || format!("the pattern lets the player type {listed}"),
                |c| format!("did you mean `{c}`? The pattern lets the player type {listed}"),
            );
            self.error(
                Diagnostic::new(
                    Code::UnknownPlaceholderWord,
                    at,
                    format!("`{}` can never be `{word}`", name.name),
                )
                .label("not one of the placeholder's words")
                .help(help),
            );
            return (Expr::Bool(false), Ty::Error);
        }
        (
            Expr::Arg {
                name: name.name.clone(),
                value: word.to_string(),
                negated,
            },
            Ty::Bool,
        )
    }

    /// Reports `id` as a placeholder used where it is not bound (outside
    /// its command, or in an `after` block); false if it is no placeholder.
    /// In a command with a pattern that failed to parse, any unknown name
    /// may be a placeholder: it is taken as one, unreported.
    pub(super) fn placeholder_elsewhere(&mut self, id: &ast::Ident) -> bool {
        if self.args.as_ref().is_some_and(|s| s.loose && !s.delayed) {
            return true;
        }
        let delayed = self
            .args
            .as_ref()
            .is_some_and(|s| s.delayed && s.names.contains_key(&id.name));
        let help = if delayed {
            format!(
                "an `after` block runs later, without the command's words: test `{}` before \
                 it and `set` a flag",
                id.name
            )
        } else if let Some((command, pattern)) = self.placeholder_owners.get(&id.name) {
            format!(
                "`{}` is a placeholder of the command `{command}` (\"{pattern}\"): it can be \
                 tested only in that command's `output when`, `if` and `reads log ... when` lines",
                id.name
            )
        } else {
            return false;
        };
        self.error(
            Diagnostic::new(
                Code::UnknownVariable,
                id.span,
                format!("unknown variable `{}`", id.name),
            )
            .label("no variable with this name here")
            .help(help),
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{Checked, Loaded, NoFiles, check};
    use crate::scenario::Expr;

    const HEAD: &str =
        "scenario t\n    title \"T\"\n    start 2024-01-01 09:00 UTC\n    duration 30m\n";
    const TAIL: &str =
        "scene s\n    Quiet.\n    * Done\n        end e\nending e \"E\"\n    outcome resolved\n";

    fn checked(body: &str) -> Checked {
        let text = format!("{HEAD}{body}{TAIL}");
        check(Loaded::text("t.drill", &text), &NoFiles)
    }

    fn codes(body: &str) -> Vec<&'static str> {
        checked(body)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    }

    #[test]
    fn a_placeholder_test_lowers_to_the_word_as_written() {
        let c = checked(
            "command r \"restart <node> [--zone <zone:a|b>]\"\n    output when node == cp-4 and zone != b \"x\"\n    output when node is cp4 \"y\"\n    output \"z\"\n",
        );
        let sc = c.scenario.expect("checks");
        let Some(Expr::And(a, b)) = &sc.commands[0].outputs[0].when else {
            panic!("{:?}", sc.commands[0].outputs[0].when);
        };
        assert_eq!(
            **a,
            Expr::Arg {
                name: "node".into(),
                value: "cp-4".into(),
                negated: false
            }
        );
        assert!(
            matches!(&**b, Expr::Arg { name, value, negated: true } if name == "zone" && value == "b")
        );
        assert!(matches!(
            &sc.commands[0].outputs[1].when,
            Some(Expr::Arg { value, .. }) if value == "cp4"
        ));
    }

    #[test]
    fn placeholders_are_typed_and_kept_to_their_command() {
        let cmd = "command r \"restart <node:cp-1|cp-4>\"\n";
        assert_eq!(
            codes(&format!("{cmd}    output when node == cp-5 \"x\"\n")),
            ["FD0208"]
        );
        assert_eq!(
            codes(&format!("{cmd}    output when node \"x\"\n")),
            ["FD0209"]
        );
        assert_eq!(
            codes(&format!("{cmd}    output when node >= cp-1 \"x\"\n")),
            ["FD0209"]
        );
        assert_eq!(
            codes(&format!("{cmd}    output when node is cp-1 \"x\"\n")),
            ["FD0209"]
        );
        assert_eq!(
            codes(&format!("{cmd}    output when node == cp - 1 \"x\"\n")),
            ["FD0209"]
        );
        assert_eq!(
            codes(&format!(
                "{cmd}flag f\nwhen f and node == cp-1\n    set f = false\n"
            )),
            ["FD0102"]
        );
        let help = checked(&format!(
            "{cmd}flag f\nwhen node == cp-1\n    set f = false\n"
        ))
        .diagnostics
        .into_iter()
        .find_map(|d| d.help)
        .unwrap_or_default();
        assert!(help.contains("placeholder of the command `r`"), "{help}");
        // A broken pattern is reported once, not again in each condition.
        assert_eq!(
            codes("command r \"restart [<node>\"\n    output when node == cp-5 \"x\"\n"),
            ["FD0204"]
        );
        // A variable of the same name outside the command is the variable.
        assert!(
            codes(&format!(
                "{cmd}    output \"x\"\nflag node\nwhen node\n    set node = false\n"
            ))
            .is_empty()
        );
    }
}
