//! The layers hold: imports run one way (base -> scenario -> lang and sim ->
//! record -> game -> front ends and cli), and the pure core never touches the
//! terminal, the wall clock, files, the environment, processes, threads or a
//! global random generator. Read from the source, so a slip fails here before
//! it reaches a replay.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

/// Each core layer, and the modules of the crate it may import.
const LAYERS: &[(&str, &[&str])] = &[
    ("base", &[]),
    ("scenario", &["base"]),
    ("lang", &["base", "scenario"]),
    ("sim", &["base", "scenario"]),
    ("record", &["base", "scenario", "lang", "sim"]),
];

/// The crate's top-level modules, so `crate::x` can be checked against a layer.
const MODULES: &[&str] = &[
    "base",
    "scenario",
    "lang",
    "sim",
    "record",
    "game",
    "library",
    "files",
    "transcripts",
    "authoring",
    "play",
    "summary",
    "plain",
    "tui",
    "cli",
];

/// What the pure core must never name: the outside world and global randomness.
const IMPURE: &[&str] = &[
    "std::fs",
    "std::env",
    "std::process",
    "std::thread",
    "std::net",
    "Instant",
    "SystemTime",
    "UNIX_EPOCH",
    "crossterm",
    "ratatui",
    "signal_hook",
    "directories",
    "rand::rng",
    "thread_rng",
    "rand::random",
    "OsRng",
    "from_entropy",
    "from_os_rng",
    "stdin()",
    "stdout()",
    "stderr()",
    "println!",
    "eprintln!",
    "print!(",
    "eprint!(",
    "File::open",
    "File::create",
    "OpenOptions",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a source file that ships: its unit tests (a `tests.rs` file,
/// or everything from the first `#[cfg(test)]` on) and comments left out.
fn shipped_code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The problems in one file of a layer that may import `allowed`.
fn problems_in(layer: &str, allowed: &[&str], code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in IMPURE {
        if code.contains(word) {
            found.push(format!("uses `{word}`"));
        }
    }
    for module in MODULES {
        let used = code.contains(&format!("crate::{module}::"))
            || code.contains(&format!("crate::{module};"))
            || code.contains(&format!("crate::{module}}}"))
            || code.contains(&format!("crate::{module},"));
        if used && *module != layer && !allowed.contains(module) {
            found.push(format!(
                "imports `crate::{module}`, a layer above or beside it"
            ));
        }
    }
    found
}

#[test]
fn the_core_is_pure_and_imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    for (layer, allowed) in LAYERS {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "no source for the `{layer}` layer");
        for file in files {
            for p in problems_in(layer, allowed, &shipped_code(&file)) {
                all.push(format!("{}: {p}", file.display()));
            }
        }
    }
    assert!(
        all.is_empty(),
        "the core broke its layering:\n{}",
        all.join("\n")
    );
}

#[test]
fn the_checker_of_layers_catches_what_it_should() {
    let bad = "use crate::tui::App;\nlet t = std::time::Instant::now();\n";
    let found = problems_in("sim", &["base", "scenario"], bad);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(problems_in("sim", &["base", "scenario"], "use crate::scenario::X;").is_empty());
    assert!(!problems_in("scenario", &["base"], "crate::lang::parse(x)").is_empty());
}
