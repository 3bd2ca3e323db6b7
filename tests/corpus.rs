//! The scenario corpus: every bad file must raise the diagnostic its name
//! starts with (and its rendered diagnostics are snapshotted); every good file
//! and every shipped scenario must check without a single diagnostic, and
//! a good file's own playthrough tests must pass.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::files::FsLoader;
use firedrill::lang::{self, render};
use firedrill::library;
use std::path::Path;

/// The path relative to the package root, so snapshots read the same everywhere.
fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
}

fn check(path: &Path) -> lang::Checked {
    let (loader, main) = FsLoader::open(relative(path)).expect("corpus file readable");
    lang::check(main, &loader)
}

#[test]
fn bad_files_raise_their_diagnostic() {
    insta::glob!("corpus/bad/*.drill", |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let code = &name[..6];
        let checked = check(path);
        let codes: Vec<&str> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(
            codes.contains(&code),
            "{name} should raise {code}, got {codes:?}"
        );
        if checked
            .diagnostics
            .iter()
            .any(firedrill::lang::Diagnostic::is_error)
        {
            assert!(
                checked.scenario.is_none(),
                "{name}: a scenario with errors must not be playable"
            );
        }
        insta::assert_snapshot!(render::human(&checked.diagnostics, &checked.sources));
    });
}

#[test]
fn good_files_check_clean() {
    insta::glob!("corpus/ok/*.drill", |path| {
        let checked = check(path);
        let text = render::human(&checked.diagnostics, &checked.sources);
        assert!(
            checked.diagnostics.is_empty(),
            "{}:\n{text}",
            path.display()
        );
        let sc = std::sync::Arc::new(checked.scenario.expect("a clean file has a model"));
        for t in &sc.tests {
            let report = firedrill::sim::playtest::run(&sc, t);
            let failures: Vec<String> = report
                .failures
                .iter()
                .map(|f| format!("{} ({})", f.message, checked.sources.location(f.span)))
                .collect();
            assert!(
                failures.is_empty(),
                "{} / {}:\n{}",
                path.display(),
                t.name,
                failures.join("\n")
            );
        }
    });
}

#[test]
fn shipped_scenarios_check_clean() {
    let builtins = library::builtins();
    assert!(builtins.len() >= 2);
    for b in builtins {
        let checked = library::check(b);
        let text = render::human(&checked.diagnostics, &checked.sources);
        assert!(checked.diagnostics.is_empty(), "built-in {}:\n{text}", b.id);
        let sc = checked.scenario.expect("a clean scenario is playable");
        assert_eq!(sc.meta.id, b.id, "a built-in's id is its file name");
        assert!(
            sc.tests.len() >= 2,
            "{} should carry at least two playthrough tests",
            b.id
        );
    }
}

#[test]
fn shipped_scenarios_on_disk_match_the_embedded_ones() {
    for b in library::builtins() {
        let path = Path::new("scenarios").join(b.key);
        let checked = check(&path);
        assert!(checked.diagnostics.is_empty(), "{}", path.display());
        let from_disk = checked.scenario.unwrap();
        let embedded = library::check(b).scenario.unwrap();
        assert_eq!(from_disk.meta, embedded.meta);
        assert_eq!(from_disk.commands.len(), embedded.commands.len());
    }
}

#[test]
fn cloudflare_carries_the_real_incident() {
    let sc = library::check(library::find("cloudflare-2019-waf").unwrap())
        .scenario
        .unwrap();
    let pm = sc.postmortem.as_ref().expect("postmortem block");
    assert_eq!(pm.company, "Cloudflare");
    assert_eq!(pm.date, "2019-07-02");
    assert!(pm.url.starts_with("https://blog.cloudflare.com/"));
    assert!(sc.endings.len() >= 3);
    assert!(!sc.rubric.responders.is_empty());
    assert!(
        sc.rubric
            .items
            .iter()
            .any(|i| i.kind == firedrill::scenario::RubricKind::RedHerring)
    );
    let names: Vec<&str> = sc.metrics.iter().map(|m| m.name.as_str()).collect();
    assert!(names.len() >= 3, "{names:?}");
}

/// Each kind of invisible character, put into every scene name of the
/// tutorial, makes it an error there; put into its narration, a warning only.
#[test]
fn invisible_characters_are_errors_in_names_and_warnings_in_text() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.drill"),
    )
    .unwrap();
    let check_text = |text: &str| lang::check(lang::Loaded::text("t.drill", text), &lang::NoFiles);
    let codes = |c: &lang::Checked| c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    for invisible in [
        '\u{200B}',
        '\u{200D}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{200E}',
        '\u{061C}',
        '\u{E0041}',
    ] {
        let mut scenes = 0;
        for (i, line) in source.lines().enumerate() {
            let Some(name) = line.strip_prefix("scene ") else {
                continue;
            };
            scenes += 1;
            let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
            lines[i] = format!("scene {}{invisible}{}", &name[..1], &name[1..]);
            let checked = check_text(&lines.join("\n"));
            assert!(
                codes(&checked).contains(&lang::Code::InvisibleInName)
                    && checked.scenario.is_none(),
                "U+{:04X} in scene {name}: {:?}",
                invisible as u32,
                codes(&checked)
            );
        }
        assert!(scenes >= 3);
        let narrated = source.replacen(
            "Nothing is on fire",
            &format!("Nothing is on{invisible} fire"),
            1,
        );
        assert_ne!(narrated, source);
        let checked = check_text(&narrated);
        assert_eq!(
            codes(&checked),
            [lang::Code::InvisibleInText],
            "U+{:04X}",
            invisible as u32
        );
        assert!(checked.scenario.is_some());
    }
}
