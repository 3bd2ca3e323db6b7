//! The name index over every shipped scenario: no panic, every name the
//! checker knows declared, every word that equals a declared name a
//! declaration or a use (which proves the index's walk covers the syntax
//! tree), and quick enough for an editor.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::index::{NameIndex, NameKind, TokenKind, tokens};
use firedrill::library;

/// Words of the shipped scenarios that equal a declared name but are
/// neither a declaration nor a use: words the language reads as something
/// else, on lines known by their first word.
fn exempt(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    // The header's `tags`, a person's `team`, and a debrief timeline
    // entry's kind (`escalated 06:57 "..."`).
    matches!(first, "tags" | "team")
        || (line.starts_with("        ")
            && matches!(
                first,
                "started"
                    | "detected"
                    | "diagnosed"
                    | "escalated"
                    | "communicated"
                    | "mitigated"
                    | "resolved"
            ))
}

#[test]
fn every_shipped_scenario_indexes_every_name_it_writes() {
    let mut missed = Vec::new();
    for b in library::builtins() {
        let c = library::check(b);
        let idx = NameIndex::build(&c.items, &c.sources);
        assert!(!idx.decls().is_empty(), "{}", b.id);
        let names: std::collections::HashSet<&str> =
            idx.decls().iter().map(|d| d.name.as_str()).collect();
        for (file, src) in c.sources.files() {
            let toks = tokens(&idx, &c.sources, file);
            let text = &src.text;
            // Spans of strings, narration and comments: not looked at.
            let prose: Vec<(usize, usize)> = toks
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        TokenKind::String | TokenKind::Narration | TokenKind::Comment
                    )
                })
                .map(|t| (t.span.start as usize, t.span.end as usize))
                .collect();
            // Names, and names' words written as keywords where a keyword goes.
            let named: std::collections::HashSet<usize> = toks
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        TokenKind::Name(_) | TokenKind::Keyword | TokenKind::Property
                    )
                })
                .map(|t| t.span.start as usize)
                .collect();
            if !text.is_empty() && !src.name.ends_with(".drill") {
                continue;
            }
            for (i, word) in words(text) {
                if !names.contains(word)
                    || named.contains(&i)
                    || prose.iter().any(|&(s, e)| s <= i && i < e)
                {
                    continue;
                }
                let ls = text[..i].rfind('\n').map_or(0, |n| n + 1);
                let le = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let line = &text[ls..le];
                if !exempt(line) {
                    missed.push(format!("{}: {word} in {line:?}", src.name));
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} missed:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// The identifier words of `text` with their offsets (a word joined to
/// another by `-` or `.` is part of a longer token and skipped).
fn words(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if is_word(b[i]) {
            let s = i;
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            let joined = (s > 0 && matches!(b[s - 1], b'-' | b'.' | b'/'))
                || matches!(b.get(i), Some(b'-' | b'.' | b'/'));
            if !joined && !b[s].is_ascii_digit() {
                out.push((s, &text[s..i]));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_shipped_scenario_declares_each_name_the_checker_knows() {
    for b in library::builtins() {
        let c = library::check(b);
        let Some(sc) = &c.scenario else {
            panic!("{} does not check", b.id);
        };
        let idx = NameIndex::build(&c.items, &c.sources);
        let has = |kinds: &[NameKind], name: &str| idx.of_kind(kinds).any(|d| d.name == name);
        for m in &sc.metrics {
            assert!(
                has(&[NameKind::Metric], &m.name),
                "{} metric {}",
                b.id,
                m.name
            );
        }
        for a in &sc.alerts {
            assert!(
                has(&[NameKind::Alert], &a.name),
                "{} alert {}",
                b.id,
                a.name
            );
        }
        for p in &sc.people {
            assert!(
                has(&[NameKind::Person], &p.name),
                "{} person {}",
                b.id,
                p.name
            );
        }
        for cm in &sc.commands {
            assert!(
                has(&[NameKind::Command], &cm.name),
                "{} command {}",
                b.id,
                cm.name
            );
        }
        for d in &sc.docs {
            assert!(
                has(&[NameKind::Runbook, NameKind::Log], &d.name),
                "{} doc {}",
                b.id,
                d.name
            );
        }
        for s in &sc.scenes {
            assert!(
                has(&[NameKind::Scene], &s.name),
                "{} scene {}",
                b.id,
                s.name
            );
        }
        for e in &sc.endings {
            assert!(
                has(&[NameKind::Ending], &e.name),
                "{} ending {}",
                b.id,
                e.name
            );
        }
        for v in &sc.vars {
            assert!(
                has(&[NameKind::Flag, NameKind::Var, NameKind::Enum], &v.name),
                "{} var {}",
                b.id,
                v.name
            );
        }
        // Each declaration's name is where its span says.
        for d in idx.decls() {
            assert_eq!(c.sources.text(d.span), d.name, "{} {:?}", b.id, d);
            assert!(
                d.block.start <= d.span.start && d.span.end <= d.block.end,
                "{d:?}"
            );
        }
        for (s, _) in idx.uses() {
            assert!(!c.sources.text(*s).is_empty(), "{} {s:?}", b.id);
        }
    }
}

#[test]
fn indexing_the_largest_scenario_is_quick() {
    let Some(b) = library::find("gitlab-2017-db") else {
        return;
    };
    let c = library::check(b);
    let mut n = 0;
    let started = std::time::Instant::now();
    for _ in 0..10 {
        let idx = NameIndex::build(&c.items, &c.sources);
        for (file, _) in c.sources.files() {
            n += tokens(&idx, &c.sources, file).len();
        }
    }
    let each = started.elapsed() / 10;
    eprintln!(
        "index + tokens of gitlab-2017-db: {each:?} ({} tokens)",
        n / 10
    );
    // Generous for a debug build on a busy machine; release is far quicker.
    assert!(each.as_millis() < 500, "{each:?}");
}
