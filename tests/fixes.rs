//! Quick fixes: every "did you mean" fix the checker offers on the bad
//! corpus, once applied, makes its diagnostic go away.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::{self, FileId, Loaded, NoFiles};

/// Checks `text` as a lone file.
fn check(text: &str) -> lang::Checked {
    let main = Loaded::text("t.drill", text);
    lang::check(main, &NoFiles)
}

#[test]
fn each_fix_removes_its_diagnostic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/bad");
    let mut applied = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // the invalid UTF-8 sample
        };
        let checked = check(&text);
        for d in &checked.diagnostics {
            let Some(fix) = &d.fix else { continue };
            if fix.span.file != FileId(0) {
                continue;
            }
            let mut fixed = text.clone();
            fixed.replace_range(fix.span.range(), &fix.with);
            let again = check(&fixed);
            let start = fix.span.start;
            let still = again
                .diagnostics
                .iter()
                .any(|e| e.code == d.code && e.span().start == start);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !still,
                "{name}: replacing {:?} with {:?} left {} in place",
                &text[fix.span.range()],
                fix.with,
                d.code
            );
            assert_ne!(
                &text[fix.span.range()],
                fix.with,
                "{name}: a fix that changes nothing"
            );
            applied.push(d.code);
        }
    }
    applied.sort_unstable_by_key(|c| c.as_str());
    applied.dedup();
    // The corpus has misspelt names, keywords and properties of several
    // kinds: if fewer codes carry a fix, the fixes were lost somewhere.
    eprintln!("fixes applied for {applied:?}");
    assert!(applied.len() >= 5, "fixes offered only for {applied:?}");
}
