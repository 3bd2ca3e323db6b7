//! `firedrill graph` through the real binary: two shipped scenarios drawn
//! in each format (snapshots), the DOT read back by Graphviz when it is
//! installed, and a scenario with errors refused like `check` refuses it.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{run, scratch, text};

/// Two shipped scenarios with calls, interrupts, returns and injects.
const SHIPPED: [&str; 2] = ["aws-s3-2017", "cloudflare-2019-waf"];

fn graph(id: &str, format: &str) -> String {
    let home = scratch(&format!("graph-{id}-{format}"));
    let out = run(&home, &["graph", id, "--format", format], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn shipped_scenarios_draw_as_text() {
    for id in SHIPPED {
        insta::assert_snapshot!(format!("{id}.txt"), graph(id, "text"));
    }
}

#[test]
fn shipped_scenarios_draw_as_dot() {
    for id in SHIPPED {
        insta::assert_snapshot!(format!("{id}.dot"), graph(id, "dot"));
    }
}

#[test]
fn shipped_scenarios_draw_as_mermaid() {
    for id in SHIPPED {
        insta::assert_snapshot!(format!("{id}.mmd"), graph(id, "mermaid"));
    }
}

#[test]
fn the_text_form_is_the_default() {
    let home = scratch("graph-default");
    let out = run(&home, &["graph", "tutorial"], "");
    assert_eq!(text(&out.stdout), graph("tutorial", "text"));
}

#[test]
fn graphviz_reads_the_dot_of_every_shipped_scenario() {
    let found = std::process::Command::new("dot").arg("-V").output();
    if found.is_err() {
        eprintln!(
            "skipped: Graphviz `dot` is not installed (apt install graphviz to run this test)"
        );
        return;
    }
    for b in firedrill::library::builtins() {
        let drawn = graph(b.id, "dot");
        let mut child = std::process::Command::new("dot")
            .arg("-Tcanon")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(drawn.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}: {}", b.id, text(&out.stderr));
        assert!(out.stderr.is_empty(), "{}: {}", b.id, text(&out.stderr));
    }
}

#[test]
fn a_scenario_with_errors_shows_its_diagnostics_and_fails() {
    let home = scratch("graph-errors");
    let file = home.join("broken.drill");
    std::fs::write(
        &file,
        "scenario broken\n    title \"B\"\n    start 2024-01-01 10:00 UTC\n    duration 10m\n\nscene a\n    goto nowhere\n",
    )
    .unwrap();
    let out = run(&home, &["graph", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("FD0107"), "{err}");
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn a_missing_file_is_an_error_of_its_own() {
    let home = scratch("graph-missing");
    let out = run(&home, &["graph", "./no-such.drill"], "");
    assert_eq!(out.status.code(), Some(2));
}
