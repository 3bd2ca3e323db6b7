//! Engine tests of the command forms of issue 15: placeholders tested in a
//! command's conditions, a program's shared outputs, and optional words in
//! patterns, on small scenarios checked by the language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::scenario;
use firedrill::sim::*;

const HEADER: &str =
    "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n    cost 10s\n";

const STORY: &str = "scene a\n    Quiet.\n    * Done #d\n        end done\nending done \"Done\"\n    outcome resolved\n";

/// What the shell printed for one line.
fn run(sim: &mut Sim, line: &str) -> String {
    sim.apply(Action::Run(line.into()))
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Shell { output, .. } => Some(output.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn a_placeholder_is_tested_with_the_word_the_player_typed() {
    let sc = scenario(&format!(
        "{HEADER}flag restarted\n\
         command restart \"restart <node:cp-1|cp-4>\"\n    \
             output when node == cp-4 \"restarting {{node}}\"\n    \
             output \"{{node}} is busy\"\n    \
             if node != cp-1\n        \
                 set restarted = true\n\
         command ping \"ping <host>\"\n    \
             output when host == db-2 or host is db3 \"pong\"\n    \
             output \"timeout\"\n\
         command was \"was\"\n    \
             output when restarted \"restarted\"\n    \
             output \"not yet\"\n\
         {STORY}"
    ));
    let mut sim = Sim::new(sc, 1);
    assert_eq!(run(&mut sim, "restart cp-1"), "cp-1 is busy");
    assert_eq!(run(&mut sim, "was"), "not yet");
    assert_eq!(run(&mut sim, "restart cp-4"), "restarting cp-4");
    assert_eq!(run(&mut sim, "was"), "restarted");
    assert_eq!(run(&mut sim, "ping db-2"), "pong");
    assert_eq!(run(&mut sim, "ping db3"), "pong");
    assert_eq!(run(&mut sim, "ping db-22"), "timeout");
}

#[test]
fn a_program_shares_its_outputs_with_its_commands() {
    let sc = scenario(&format!(
        "{HEADER}flag down = true\n\
         program kubectl\n    \
             output when down \"Unable to connect ({{ns}})\"\n    \
             output \"No resources found\"\n\
         command get \"kubectl get pods -n <ns>\"\n    \
             output \"web-1 Running\"\n    \
             set down = false\n\
         command logs \"kubectl logs <pod> -n <ns>\"\n    \
             output when pod == web-1 \"GET /health 200\"\n\
         command ctx \"kubectl config current-context -n <ns>\"\n    \
             standalone\n    \
             output \"production\"\n\
         {STORY}"
    ));
    let mut sim = Sim::new(sc, 1);
    assert_eq!(
        run(&mut sim, "kubectl config current-context -n x"),
        "production"
    );
    assert_eq!(
        run(&mut sim, "kubectl get pods -n web"),
        "Unable to connect (web)"
    );
    // The command's own lines ran: the API is back.
    assert_eq!(run(&mut sim, "kubectl get pods -n web"), "web-1 Running");
    assert_eq!(
        run(&mut sim, "kubectl logs web-1 -n web"),
        "GET /health 200"
    );
    // None of the command's own outputs holds: the program's default.
    assert_eq!(
        run(&mut sim, "kubectl logs web-2 -n web"),
        "No resources found"
    );
}

#[test]
fn optional_words_are_matched_with_or_without_them_and_never_reveal_hidden_commands() {
    let sc = scenario(&format!(
        "{HEADER}command pods \"kubectl get pods [--all-namespaces] [wide]\"\n    \
             output \"pods\"\n\
         command fix \"fixit [now] [please]\"\n    \
             hidden\n    \
             output \"fixed\"\n\
         {STORY}"
    ));
    let mut sim = Sim::new(sc, 1);
    for line in [
        "kubectl get pods",
        "kubectl get pods wide",
        "kubectl get pods --all-namespaces wide",
    ] {
        assert_eq!(run(&mut sim, line), "pods", "{line}");
    }
    let near = run(&mut sim, "kubectl get pods narrow");
    assert!(near.contains("narrow"), "{near}");
    for line in ["fixit", "fixit now", "fixit please", "fixit now please"] {
        assert_eq!(run(&mut sim, line), "fixed", "{line}");
    }
    assert!(run(&mut sim, "fixit please now").contains("command not found"));
    let usage = run(&mut sim, "kubectl --help");
    assert_eq!(usage.matches("kubectl get pods").count(), 1, "{usage}");
    assert!(usage.contains("[wide]"), "{usage}");
    assert!(!run(&mut sim, "help").contains("fixit"));
    assert!(sim.complete("fix").is_empty());
    assert_eq!(sim.complete("kubectl get pods w"), vec!["wide".to_string()]);
}

#[test]
fn a_recorded_game_replays_the_same_placeholder_tests() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/ok/command-forms.drill"),
    )
    .unwrap();
    let sc = std::sync::Arc::new(scenario(&text));
    let recorded = firedrill::record::record_playthrough(&sc, "hash", 0).unwrap();
    let t = firedrill::record::Transcript::read(&recorded);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let r = firedrill::record::replay(sc.clone(), &t);
    assert!(r.divergence.is_none(), "{:?}", r.divergence);
    let shown: Vec<String> = r
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Shell { output, .. } => Some(output.clone()),
            _ => None,
        })
        .collect();
    assert!(
        shown.iter().any(|o| o == "cp-1 restarted; nothing changes"),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|o| o.starts_with("restarting cp-4")),
        "{shown:?}"
    );
    assert!(r.sim.is_over());
}

#[test]
fn a_command_reads_the_log_its_placeholder_names() {
    let sc = scenario(&format!(
        "{HEADER}log web_log \"web log\"\n    GET / 200\n\
         log db_log \"db log\"\n    checkpoint complete\n\
         command tail \"tail <service:web|db>\"\n    \
             reads log web_log when service == web\n    \
             reads log db_log when service == db\n    \
             output \"...\"\n\
         {STORY}"
    ));
    let sim = Sim::new(sc.clone(), 1);
    let name = |line: &str| -> Vec<String> {
        sim.logs_read_by(line)
            .into_iter()
            .map(|d| sc.docs[d.0].name.clone())
            .collect()
    };
    assert_eq!(name("tail web"), ["web_log"]);
    assert_eq!(name("tail db"), ["db_log"]);
}
