//! No input makes the checker panic or hang: arbitrary bytes, line noise in
//! the language's alphabet, mutations of the shipped scenarios, and inputs
//! built to hit every limit.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::{self, Code, LoadError, Loaded, Loader, NoFiles};
use firedrill::library::{self, EmbeddedLoader};
use proptest::prelude::*;
use std::collections::HashMap;

fn loaded(bytes: Vec<u8>) -> Loaded {
    Loaded {
        name: "fuzz.drill".into(),
        key: "fuzz.drill".into(),
        bytes,
    }
}

fn codes(checked: &lang::Checked) -> Vec<Code> {
    checked.diagnostics.iter().map(|d| d.code).collect()
}

fn builtin_text(id: &str) -> String {
    let b = library::find(id).unwrap();
    String::from_utf8(library::main_file(b).bytes).unwrap()
}

const HEADER: &str =
    "scenario t\n    title \"T\"\n    start 2020-01-01 10:00 UTC\n    duration 10m\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let checked = lang::check(loaded(bytes), &NoFiles);
        // Either a scenario or a reason why not.
        prop_assert!(checked.scenario.is_some() || !checked.diagnostics.is_empty());
    }

    #[test]
    fn line_noise_in_the_language_alphabet_never_panics(
        text in "(scenario|scene|metric|alert|command|when|at T\\+|every|goto|set|if|else|    |\\* |@|\"|\\{|\\}|\\(|\\)|#|<|>|=|%|[a-z_]{1,6}|[0-9]{1,3}[smh]?| |\n){0,200}"
    ) {
        let _ = lang::check(loaded(format!("{HEADER}{text}").into_bytes()), &NoFiles);
    }

    #[test]
    fn mutated_shipped_scenarios_never_panic(
        which in 0usize..2,
        edits in proptest::collection::vec((0usize..100_000, 0usize..64, "[ -~\n\t]{0,12}"), 1..8),
    ) {
        let id = ["tutorial", "cloudflare-2019-waf"][which];
        let mut text = builtin_text(id).into_bytes();
        for (at, len, insert) in edits {
            let at = at % (text.len() + 1);
            let end = (at + len).min(text.len());
            text.splice(at..end, insert.into_bytes());
        }
        let main = Loaded { name: format!("{id}.drill"), key: format!("{id}.drill"), bytes: text };
        let _ = lang::check(main, &EmbeddedLoader);
    }

    #[test]
    fn truncated_shipped_scenarios_never_panic(which in 0usize..2, cut in 0usize..100_000) {
        let id = ["tutorial", "cloudflare-2019-waf"][which];
        let mut text = builtin_text(id).into_bytes();
        text.truncate(cut % (text.len() + 1));
        let main = Loaded { name: format!("{id}.drill"), key: format!("{id}.drill"), bytes: text };
        let _ = lang::check(main, &EmbeddedLoader);
    }
}

#[test]
fn deep_indentation_hits_the_nesting_limit() {
    let mut text = String::from(HEADER);
    text.push_str("scene a\n");
    for depth in 1..2000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("if true\n");
    }
    let checked = lang::check(loaded(text.into_bytes()), &NoFiles);
    assert!(codes(&checked).contains(&Code::NestingTooDeep));
}

#[test]
fn deep_parentheses_and_long_conditions_hit_limits() {
    for cond in [
        format!("{}true{}", "(".repeat(50_000), ")".repeat(50_000)),
        "not ".repeat(20_000) + "true",
        vec!["true"; 10_000].join(" and "),
        vec!["1"; 10_000].join(" + ") + " > 0",
    ] {
        let text = format!("{HEADER}when {cond}\n    wait\nscene a\n    wait\n");
        let checked = lang::check(loaded(text.into_bytes()), &NoFiles);
        assert!(
            codes(&checked).contains(&Code::NestingTooDeep)
                || codes(&checked).contains(&Code::TextTooLong),
            "{:?}",
            codes(&checked)
        );
    }
}

#[test]
fn huge_strings_hit_the_text_limit() {
    let text = format!(
        "{HEADER}scene a\n    \"{}\"\n    wait\n",
        "x".repeat(1_000_000)
    );
    let checked = lang::check(loaded(text.into_bytes()), &NoFiles);
    assert!(codes(&checked).contains(&Code::TextTooLong));
    let block = format!(
        "{HEADER}scene a\n    \"\"\"\n{}    \"\"\"\n    wait\n",
        "    some text\n".repeat(10_000)
    );
    let checked = lang::check(loaded(block.into_bytes()), &NoFiles);
    assert!(codes(&checked).contains(&Code::TextTooLong));
}

#[test]
fn oversized_files_are_refused_without_parsing() {
    let checked = lang::check(loaded(vec![b'a'; lang::MAX_FILE + 1]), &NoFiles);
    assert_eq!(codes(&checked), vec![Code::FileTooLarge]);
}

/// Files in memory, for include tests.
struct MemLoader(HashMap<&'static str, String>);

impl Loader for MemLoader {
    fn load(&self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let key = lang::join_inside(from, path)?;
        let text = self.0.get(key.as_str()).ok_or(LoadError::NotFound)?;
        Ok(Loaded {
            name: key.clone(),
            key,
            bytes: text.clone().into_bytes(),
        })
    }
}

#[test]
fn include_cycles_depth_and_escapes_are_diagnosed() {
    let mut files = HashMap::new();
    files.insert("a.drill", "include \"b.drill\"\n".to_string());
    files.insert("b.drill", "include \"a.drill\"\n".to_string());
    for i in 0..20 {
        let key: &'static str = Box::leak(format!("chain{i}.drill").into_boxed_str());
        files.insert(key, format!("include \"chain{}.drill\"\n", i + 1));
    }
    let loader = MemLoader(files);
    let main = |body: &str| loaded(format!("{HEADER}{body}scene s\n    wait\n").into_bytes());

    let cycle = lang::check(main("include \"a.drill\"\n"), &loader);
    assert!(
        codes(&cycle).contains(&Code::IncludeCycle),
        "{:?}",
        codes(&cycle)
    );
    let deep = lang::check(main("include \"chain0.drill\"\n"), &loader);
    assert!(
        codes(&deep).contains(&Code::IncludeTooDeep),
        "{:?}",
        codes(&deep)
    );
    let outside = lang::check(main("include \"../secret.drill\"\n"), &loader);
    assert!(
        codes(&outside).contains(&Code::IncludeOutside),
        "{:?}",
        codes(&outside)
    );
    let absolute = lang::check(main("include \"/etc/passwd\"\n"), &loader);
    assert!(
        codes(&absolute).contains(&Code::IncludeOutside),
        "{:?}",
        codes(&absolute)
    );
    let missing = lang::check(main("include \"nope.drill\"\n"), &loader);
    assert!(
        codes(&missing).contains(&Code::IncludeUnreadable),
        "{:?}",
        codes(&missing)
    );
}

#[test]
fn escape_sequences_in_text_are_rejected() {
    let text = format!("{HEADER}scene a\n    Hello \u{1b}[2J world\n    wait\n");
    let checked = lang::check(loaded(text.into_bytes()), &NoFiles);
    assert!(codes(&checked).contains(&Code::ControlCharacter));
    assert!(checked.scenario.is_none());
    let bidi = format!("{HEADER}scene a\n    Hello \u{202e}dlrow\n    wait\n");
    assert!(
        codes(&lang::check(loaded(bidi.into_bytes()), &NoFiles)).contains(&Code::ControlCharacter)
    );
}
