//! The grammar against the repository's `.drill` files, without the
//! tree-sitter CLI: every shipped scenario and accepted corpus file parses
//! with no ERROR or MISSING node; ill-formed files and random bytes never
//! crash or hang the parser; both highlight queries compile against it; every
//! keyword of the language's own parser opens a statement.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tree_sitter::{Language, Node, ParseOptions, Parser, Query, QueryCursor, StreamingIterator};

/// The firedrill repository: this crate is `assets/editors/tree-sitter-drill`.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn language() -> Language {
    tree_sitter_drill::LANGUAGE.into()
}

/// Every `.drill` file under `dir` (relative to the repository), sorted.
fn drill_files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "drill") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join(dir), &mut out);
    out.sort();
    out
}

fn shown(path: &Path) -> String {
    let root = repo().canonicalize().expect("repository root");
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    full.strip_prefix(&root)
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}

/// Parses `bytes`, giving up (None) after `limit`: a parser that loops is a failure.
fn parse(bytes: &[u8], limit: Duration) -> Option<tree_sitter::Tree> {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("grammar loads");
    let start = Instant::now();
    let mut give_up = |_: &tree_sitter::ParseState| {
        if start.elapsed() > limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let options = ParseOptions::new().progress_callback(&mut give_up);
    parser.parse_with_options(
        &mut |at, _| bytes.get(at..).unwrap_or_default(),
        None,
        Some(options),
    )
}

/// Every ERROR and MISSING node under `node`, as `line:col: what` (1-based).
fn problems(node: Node, out: &mut Vec<String>) -> usize {
    let mut count = 1;
    if node.is_error() || node.is_missing() {
        let at = node.start_position();
        let what = if node.is_missing() {
            format!("MISSING {}", node.kind())
        } else {
            "ERROR".to_string()
        };
        out.push(format!("{}:{}: {what}", at.row + 1, at.column + 1));
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        count += problems(child, out);
    }
    count
}

const LIMIT: Duration = Duration::from_secs(10);

#[test]
fn every_shipped_scenario_and_accepted_corpus_file_parses_without_error_nodes() {
    let scenarios = drill_files("scenarios");
    let corpus = drill_files("tests/corpus/ok");
    assert!(
        scenarios.len() >= 10,
        "too few shipped scenarios found: {}",
        scenarios.len()
    );
    assert!(!corpus.is_empty(), "no tests/corpus/ok files found");
    let mut failures = Vec::new();
    let (mut nodes, mut bytes) = (0, 0);
    for path in scenarios.iter().chain(&corpus) {
        let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        bytes += text.len();
        let Some(tree) = parse(&text, LIMIT) else {
            failures.push(format!(
                "{}: parse did not finish in {LIMIT:?}",
                shown(path)
            ));
            continue;
        };
        let mut found = Vec::new();
        nodes += problems(tree.root_node(), &mut found);
        if found.is_empty() && tree.root_node().has_error() {
            found.push("1:1: has_error() with no ERROR or MISSING node found".to_string());
        }
        failures.extend(found.iter().map(|p| format!("{}:{p}", shown(path))));
    }
    let files = scenarios.len() + corpus.len();
    println!(
        "tree-sitter-drill: {files} files ({} scenarios, {} corpus/ok), {bytes} bytes, {nodes} nodes, {} ERROR/MISSING",
        scenarios.len(),
        corpus.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "ERROR or MISSING nodes:\n{}",
        failures.join("\n")
    );
}

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("fits")
    }
}

/// Parsing must finish and cover the whole input, whatever the input.
fn survives(name: &str, bytes: &[u8]) {
    let tree =
        parse(bytes, LIMIT).unwrap_or_else(|| panic!("{name}: parse did not finish in {LIMIT:?}"));
    assert_eq!(
        tree.root_node().end_byte(),
        bytes.len(),
        "{name}: tree does not cover the input"
    );
}

#[test]
fn ill_formed_files_and_random_bytes_never_crash_or_hang_the_parser() {
    let bad = drill_files("tests/corpus/bad");
    assert!(!bad.is_empty(), "no tests/corpus/bad files found");
    for path in &bad {
        let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        survives(&shown(path), &text);
    }

    let mut rng = Rng(0x5EED_F1DE_D211_2026);
    // Pure noise, and noise made of the language's own characters.
    let alphabet: &[u8] = b"abcdefgT+-*/@#:{}\"\"\"0123456789%.ms \t\n\r\\\x00\xff\xc3\xa9";
    for round in 0..200 {
        let len = rng.below(4096);
        let noise: Vec<u8> = (0..len).map(|_| rng.next().to_le_bytes()[0]).collect();
        survives(&format!("random bytes, round {round}"), &noise);
        let drill: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        survives(&format!("random drill characters, round {round}"), &drill);
    }

    // Shipped files with bytes flipped, cut short, or a `"""` left open.
    for (i, path) in drill_files("scenarios").iter().enumerate() {
        let text = std::fs::read(path).expect("readable scenario");
        let mut flipped = text.clone();
        for _ in 0..32 {
            let at = rng.below(flipped.len().max(1));
            if let Some(b) = flipped.get_mut(at) {
                *b = rng.next().to_le_bytes()[0];
            }
        }
        survives(&format!("{} with flipped bytes", shown(path)), &flipped);
        let cut = rng.below(text.len().max(1));
        survives(&format!("{} cut at {cut}", shown(path)), &text[..cut]);
        let mut open = text[..cut].to_vec();
        open.extend_from_slice(b"\"\"\"\n");
        open.extend_from_slice(&text[cut..]);
        survives(
            &format!("{} with an open text block ({i})", shown(path)),
            &open,
        );
    }
}

/// Compiles a highlight query and runs it over a sample: the capture names
/// seen, and the captures of words in prose (narration, chat, choices),
/// which must stay plain text.
fn captures(editor: &str, query_source: &str, sample: &[u8]) -> (Vec<String>, Vec<String>) {
    let query = Query::new(&language(), query_source)
        .unwrap_or_else(|e| panic!("{editor} highlights.scm does not compile: {e}"));
    let tree = parse(sample, LIMIT).expect("sample parses");
    let mut cursor = QueryCursor::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut in_prose = Vec::new();
    let mut matches = cursor.captures(&query, tree.root_node(), sample);
    while let Some((m, index)) = matches.next() {
        let capture = m.captures()[*index];
        let name = query.capture_names()[capture.index as usize];
        let node = capture.node;
        let prose = ["narration", "dialogue", "choice_line"];
        if node.kind() == "identifier" && node.parent().is_some_and(|p| prose.contains(&p.kind())) {
            let at = node.start_position();
            in_prose.push(format!("{}:{} @{name}", at.row + 1, at.column + 1));
        }
        seen.insert(name.to_string());
    }
    (seen.into_iter().collect(), in_prose)
}

#[test]
fn the_neovim_and_helix_highlight_queries_compile_and_capture() {
    let sample =
        std::fs::read(repo().join("tests/corpus/ok/every-construct.drill")).expect("sample");
    let queries = [
        (
            "Neovim",
            tree_sitter_drill::HIGHLIGHTS_QUERY,
            &["keyword", "property", "type", "string", "comment", "number"][..],
        ),
        (
            "Helix",
            include_str!("../../helix/queries/drill/highlights.scm"),
            &[
                "keyword",
                "variable.other.member",
                "type",
                "string",
                "comment",
                "constant.numeric",
            ][..],
        ),
    ];
    for (editor, source, expected) in queries {
        let (seen, in_prose) = captures(editor, source, &sample);
        assert!(
            in_prose.is_empty(),
            "{editor}: words in prose are highlighted: {in_prose:?}"
        );
        for name in expected {
            assert!(
                seen.iter().any(|s| s == name),
                "{editor}: no @{name} capture in every-construct.drill (saw {seen:?})"
            );
        }
    }
}

/// The quoted words of `pub const NAME: &[&str] = &[ ... ];` in a Rust file.
fn rust_word_list(source: &str, name: &str) -> Vec<String> {
    let head = format!("const {name}: &[&str] = &[");
    let start = source
        .find(&head)
        .unwrap_or_else(|| panic!("no {name} in the parser"))
        + head.len();
    let body = &source[start..start + source[start..].find("];").expect("list ends")];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_keyword_of_the_language_parser_opens_a_statement() {
    let parser =
        std::fs::read_to_string(repo().join("src/lang/parser/mod.rs")).expect("parser source");
    let mut missing = Vec::new();
    for name in ["TOP_KEYWORDS", "ACTION_KEYWORDS"] {
        let words = rust_word_list(&parser, name);
        assert!(words.len() > 5, "{name}: too few words found: {words:?}");
        for word in words {
            let line = format!("{word} x\n");
            let tree = parse(line.as_bytes(), LIMIT).expect("parses");
            let first = tree.root_node().child(0).and_then(|n| n.child(0));
            if first.map(|n| n.kind()) != Some("keyword") {
                missing.push(format!("{name}: {word}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keywords.js lacks these keywords of src/lang/parser/mod.rs (add them, then node gen-queries.js and tree-sitter generate --abi 14):\n{}",
        missing.join("\n")
    );
}
