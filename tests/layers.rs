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
    "signals",
    "tui",
    "lsp",
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

/// A file's code without comments, and the part of it that ships: its
/// unit tests (a `tests.rs` file, or everything from the first
/// `#[cfg(test)]` on) left out. Tests may read files or print; they may not
/// import a layer above their own either.
fn code_of(path: &Path) -> (String, String) {
    let text = fs::read_to_string(path).unwrap();
    let code = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return (code, String::new());
    }
    let shipped = code.split("#[cfg(test)]").next().unwrap_or("").to_string();
    (code, shipped)
}

/// The problems in one file of a layer that may import `allowed`: `code`
/// is the whole file, `shipped` the part that is not a test.
fn problems_in(layer: &str, allowed: &[&str], code: &str, shipped: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in IMPURE {
        if shipped.contains(word) {
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
            let (code, shipped) = code_of(&file);
            for p in problems_in(layer, allowed, &code, &shipped) {
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
    let found = problems_in("sim", &["base", "scenario"], bad, bad);
    assert_eq!(found.len(), 2, "{found:?}");
    let ok = "use crate::scenario::X;";
    assert!(problems_in("sim", &["base", "scenario"], ok, ok).is_empty());
    let up = "crate::lang::parse(x)";
    assert!(
        !problems_in("scenario", &["base"], up, "").is_empty(),
        "tests count too"
    );
    let io = "std::fs::read(p)";
    assert!(
        problems_in("sim", &[], io, "").is_empty(),
        "a test may read a file"
    );
}
