//! `firedrill new --from-postmortem` on an incident of days, through the
//! real binary: the draft is written and checks clean, and the compression
//! is warned about on stderr as well as in the draft.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{run, scratch, text};

#[test]
fn an_incident_of_days_is_drafted_with_a_warning_on_stderr() {
    let home = scratch("draft-days");
    let pm = home.join("pm.md");
    std::fs::write(
        &pm,
        "# Replicas rebuilt over a weekend\n\n## Timeline\n\n\
         - 2021-03-05 09:00 UTC - A replication bug [S] begins corrupting replicas\n\
         - 2021-03-05 10:30 UTC - First alert fires; on-call paged\n\
         - 2021-03-08 11:00 UTC - Service fully restored [S]\n",
    )
    .unwrap();
    let out_file = home.join("replicas.drill");
    let (pm, out) = (pm.to_str().unwrap(), out_file.to_str().unwrap());
    let o = run(
        &home,
        &["new", "replicas", "--from-postmortem", pm, "--output", out],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("firedrill: warning: the real incident spans about 3 days"),
        "{err}"
    );
    let draft = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        draft.contains("    // Warning: the real incident spans about 3 days"),
        "{draft}"
    );
    assert!(
        draft.contains("// timeline 09:00: A replication bug begins corrupting replicas [S]\n"),
        "{draft}"
    );
    let checked = run(&home, &["check", "--deny-warnings", out], "");
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let tested = run(&home, &["test", out], "");
    assert_eq!(tested.status.code(), Some(0), "{}", text(&tested.stdout));
}
