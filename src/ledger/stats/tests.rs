use super::*;
use crate::record::{Entry, Feeling, Transcript};
use std::path::Path;

/// A shipped scenario's playthrough, recorded with its source stored as a
/// game stores it, played by `player` at `started` in `mode`.
fn game(id: &str, test: usize, player: &str, started: &str, practice: bool) -> String {
    let Some(b) = crate::library::find(id) else {
        unreachable!("{id} ships")
    };
    let checked = crate::library::check(b);
    let source = crate::game::catalog::source_of(&checked);
    let sc = Arc::new(checked.scenario.unwrap());
    let text = crate::record::record_playthrough(&sc, &source.hash, test).unwrap();
    let (head, rest) = text.split_once('\n').unwrap();
    let mut head = head
        .replace("player:\"test\"", &format!("player:{player:?}"))
        .replace("2026-11-26T09:00:00Z", started);
    if !practice {
        head = head.replace("mode:Practice", "mode:RealTime");
    }
    let source = ron::to_string(&Entry::Source(source)).unwrap();
    format!("{head}\n{source}\n{rest}")
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("firedrill-stats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn gathered(dir: &Path, names: bool) -> Report {
    let scan = crate::ledger::scan(&[dir.to_path_buf()]);
    gather(
        &scan,
        &Options {
            scenario: Some("tutorial".into()),
            names,
        },
    )
}

/// A note in play, inserted before the transcript's last action.
fn with_note(text: &str, kind: Feeling, note: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = lines
        .iter()
        .rposition(|l| l.starts_with("Action("))
        .unwrap();
    let t = Transcript::read(&lines[i]);
    let at = t.last_time();
    let entry = Entry::Feedback {
        at,
        kind,
        text: note.into(),
        real: None,
        by: None,
    };
    lines.insert(i, ron::to_string(&entry).unwrap());
    lines.join("\n") + "\n"
}

#[test]
fn versions_and_modes_stand_apart_and_marked_games_count_nowhere() {
    let dir = folder("versions");
    for (i, player) in ["ana", "bo", "cy"].iter().enumerate() {
        let started = format!("2026-11-2{i}T09:00:00Z");
        write(
            &dir,
            &format!("p{i}.ron"),
            &game("tutorial", 0, player, &started, true),
        );
    }
    write(
        &dir,
        "rt.ron",
        &game("tutorial", 0, "di", "2026-11-29T09:00:00Z", false),
    );
    let other = game("tutorial", 0, "ed", "2026-11-28T09:00:00Z", true).replacen(
        "hash:\"",
        "hash:\"0ld",
        1,
    );
    write(&dir, "old.ron", &other);
    let thrown = write(
        &dir,
        "t.ron",
        &game("tutorial", 0, "fy", "2026-11-27T09:00:00Z", true),
    );
    crate::ledger::mark::write(&thrown, Some(Mark::Throwaway)).unwrap();
    let private = write(
        &dir,
        "q.ron",
        &game("tutorial", 0, "gu", "2026-11-27T10:00:00Z", true),
    );
    crate::ledger::mark::write(&private, Some(Mark::Private)).unwrap();
    write(
        &dir,
        "waf.ron",
        &game("cloudflare-2019-waf", 0, "hu", "2026-11-27T10:00:00Z", true),
    );
    let r = gathered(&dir, false);
    assert_eq!((r.throwaway, r.private), (1, 1));
    let shape: Vec<(usize, &str, bool)> = r
        .versions
        .iter()
        .map(|v| (v.games, v.mode.as_str(), v.hash.starts_with("0ld")))
        .collect();
    assert_eq!(
        shape,
        [
            (1, "real time", false),
            (1, "practice", true),
            (3, "practice", false)
        ]
    );
    let v = &r.versions[2];
    assert!(v.few);
    assert_eq!(v.endings.len(), 1);
    assert_eq!(v.endings[0].games, 3);
    assert!(
        v.key_actions.iter().all(|k| k.hits == 3 && k.games == 3),
        "{:?}",
        v.key_actions
    );
    assert!(v.key_actions.iter().all(|k| k.median.is_some()));
    assert!(v.red_herrings.iter().all(|k| k.hits == 0));
    // The old version's stored source changed under its hash: its scenario
    // still checks, but the figures say nothing wrong.
    assert!(r.versions[1].rubric_missing.is_none() || r.versions[1].key_actions.is_empty());
    let term = terminal(&r);
    assert!(
        term.contains("3 games, played from 2026-11-20T09:00:00Z"),
        "{term}"
    );
    assert!(term.contains("Only 3 games: too few"), "{term}");
    assert!(
        term.contains("Left out: 1 throwaway and 1 private games."),
        "{term}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn notes_group_by_moment_without_names_unless_asked() {
    let dir = folder("notes");
    let text = game("tutorial", 0, "maya", "2026-11-20T09:00:00Z", true);
    let text = with_note(
        &text,
        Feeling::Fake,
        "nobody <b>talks</b> like\u{1b}[2J that",
    );
    write(&dir, "a.ron", &text);
    let r = gathered(&dir, false);
    let notes = &r.versions[0].notes;
    assert_eq!(notes.last().unwrap().moment, "the game as a whole");
    assert_eq!(notes.last().unwrap().notes.len(), 3);
    let in_play = &notes[0];
    assert!(in_play.moment.starts_with("scene "), "{notes:?}");
    assert_eq!(in_play.notes[0].kind, "felt fake");
    assert!(in_play.notes[0].at.as_deref().unwrap().starts_with("T+"));
    assert!(
        notes
            .iter()
            .flat_map(|m| &m.notes)
            .all(|n| n.player.is_none())
    );
    let term = terminal(&r);
    assert!(!term.contains("maya") && !term.contains('\u{1b}'), "{term}");
    assert!(term.contains("\\u{1b}[2J"), "{term}");
    let page = html(&r);
    assert!(page.contains("nobody &lt;b&gt;talks&lt;/b&gt;"), "{page}");
    assert!(!page.contains('\u{1b}'));
    assert!(!json(&r).contains("maya"));
    let named = gathered(&dir, true);
    assert!(terminal(&named).contains("(maya)"));
    assert!(json(&named).contains("\"player\": \"maya\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn choices_count_what_was_offered_and_taken() {
    let dir = folder("choices");
    write(
        &dir,
        "a.ron",
        &game("cloudflare-2019-waf", 0, "a", "2026-11-20T09:00:00Z", true),
    );
    let scan = crate::ledger::scan(std::slice::from_ref(&dir));
    let r = gather(&scan, &Options::default());
    let v = &r.versions[0];
    let taken: usize = v
        .choices
        .iter()
        .flat_map(|s| &s.options)
        .map(|o| o.taken)
        .sum();
    assert!(taken > 0, "{:?} {:?}", v.rubric_missing, v.choices);
    assert!(v.choices.iter().all(|s| {
        s.options
            .iter()
            .all(|o| o.games <= s.games && s.games <= v.games)
    }));
    let md = markdown(&r);
    assert!(md.contains("### Choices taken"), "{md}");
    assert!(!md.contains("\n\n\n"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_lists_nest_and_close() {
    let r = Report {
        versions: Vec::new(),
        throwaway: 0,
        private: 0,
        skipped: vec![SkippedFile {
            path: "x<y>.ron".into(),
            why: "junk".into(),
        }],
    };
    let page = html(&r);
    assert_eq!(page.matches("<ul>").count(), page.matches("</ul>").count());
    assert_eq!(page.matches("<li>").count(), page.matches("</li>").count());
    assert!(page.contains("x&lt;y&gt;.ron: junk"), "{page}");
    assert!(
        !terminal(&r).contains("junk"),
        "the terminal names them on stderr"
    );
}
