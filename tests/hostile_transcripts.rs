//! Hostile transcripts and notes through the real binary: escape sequences,
//! window-title and screen-clearing codes, bells, backspaces, carriage
//! returns, C1 controls and bidirectional overrides in every text field of a
//! transcript, and Markdown meant to forge a heading or a link. None of it
//! may reach a terminal or a Markdown file raw, through any command.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{FIRST_HALF, SECOND_HALF, recorded, run, scratch, text};
use std::path::{Path, PathBuf};

/// Every kind of control the issue lists, raw as a hostile file holds them
/// (inside RON strings), and Markdown that would forge a heading and a link
/// if it were copied as it is (`\n` is RON's escape, a line break once read).
const PAYLOAD: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}[31m\u{8}\r\u{202e}\u{2066}\u{9b}1m\u{7f}\u{0}\\n# Forged heading\\n[click](javascript:alert(1)) <script>x</script> ";

/// The payload put at the start of every string of every line but the
/// stored source (and the header's hash, origin and start time, which must
/// stay valid for the game to replay at all): commands, status text,
/// answers, the player's name, the scenario id, every event's text.
fn poison(line: &str) -> String {
    if line.starts_with("Source(") {
        return line.to_string();
    }
    let mut out = String::new();
    let mut chars = line.chars();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '\\' if in_string => out.extend(chars.next()),
            '"' if in_string => in_string = false,
            '"' => {
                in_string = true;
                let key = out[..out.len() - 1].rsplit([',', '(']).next().unwrap_or("");
                if !matches!(key, "hash:" | "origin:" | "started:") {
                    out.push_str(PAYLOAD);
                }
            }
            _ => {}
        }
    }
    out
}

/// Poisons the transcript at `path` in place, and gives it a hostile note.
fn poison_file(path: &Path) {
    let body = std::fs::read_to_string(path).unwrap();
    let poisoned: String = body.lines().map(|l| poison(l) + "\n").collect();
    assert!(poisoned.matches("PWNED").count() > 20, "{poisoned}");
    std::fs::write(path, poisoned).unwrap();
    let mut notes = path.as_os_str().to_owned();
    notes.push(".notes");
    std::fs::write(
        PathBuf::from(notes),
        format!(
            "Note(at:0,text:\"{PAYLOAD}a mentor note\")\nNote(at:190000,text:\"{PAYLOAD}later\")\n"
        ),
    )
    .unwrap();
}

/// Fails if `bytes` hold anything a terminal would act on: a C0 control
/// but line break and tab, DEL, a C1 control, a bidirectional override.
fn assert_harmless(what: &str, bytes: &[u8]) {
    let shown = text(bytes);
    for (i, b) in bytes.iter().enumerate() {
        let bad = (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f;
        assert!(
            !bad,
            "{what}: byte {b:#04x} at {i}: {:?}",
            &shown[i.saturating_sub(60).min(shown.len())..]
        );
    }
    let bad = shown.chars().find(|c| {
        ('\u{80}'..='\u{9f}').contains(c)
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "{what}");
}

#[test]
fn a_hostile_transcript_debriefs_harmlessly_in_every_format() {
    let home = scratch("hostile-debrief");
    let game = recorded(&home, "game.ron", &format!("{FIRST_HALF}{SECOND_HALF}"));
    poison_file(&game);
    let path = game.to_str().unwrap();
    for format in ["term", "md", "html", "ron"] {
        let o = run(&home, &["debrief", path, "--format", format], "");
        assert!(o.status.success(), "{format}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains("PWNED"), "{format}: the text is shown:\n{out}");
        assert!(out.contains("a mentor note"), "{format}: notes are shown");
        assert_harmless(&format!("debrief --format {format}"), &o.stdout);
        assert_harmless(&format!("debrief --format {format} (stderr)"), &o.stderr);
    }
    let o = run(&home, &["debrief", path, "--format", "html"], "");
    let html = text(&o.stdout);
    assert!(!html.contains("<script>x"), "HTML is escaped");
    assert!(!html.contains("href=\"javascript"), "only web links");

    let md_file = home.join("x.md");
    let o = run(
        &home,
        &[
            "debrief",
            path,
            "--format",
            "md",
            "-o",
            md_file.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = std::fs::read(&md_file).unwrap();
    assert_harmless("debrief -o x.md", &md);
    let md = text(&md);
    assert!(md.contains("PWNED"), "{md}");
    for line in md.lines() {
        assert!(!line.starts_with("# Forged"), "a forged heading: {line}");
        // Outside code spans, `[click](javascript:…)` must be escaped.
        for outside in line.split('`').step_by(2) {
            let forged = outside.contains("](javascript:") && !outside.contains("\\](javascript:");
            assert!(!forged, "a forged link: {line}");
        }
    }
}

#[test]
fn a_hostile_transcript_resumes_harmlessly() {
    let home = scratch("hostile-resume");
    let game = recorded(&home, "half.ron", "wait 3m\nack\nrun df -h\n");
    poison_file(&game);
    let o = run(
        &home,
        &["resume", game.to_str().unwrap(), "--plain"],
        "graph disk_used\nrun ls\nquit\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_harmless("resume (stdout)", &o.stdout);
    assert_harmless("resume (stderr)", &o.stderr);
    // The review needs a terminal; without one it says so, harmlessly too
    // (its screens are checked in the TUI's own tests).
    let o = run(&home, &["review", game.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert_harmless("review", &o.stderr);
}

/// The review's terminal UI in a pseudo-terminal (`script`): every byte it
/// sends is captured. The UI's own escape sequences are expected; what must
/// not appear is the transcript's: its window title, its C1 and
/// bidirectional characters, its bell and backspace. Skipped with a note
/// where util-linux `script` is missing.
#[cfg(unix)]
#[test]
fn a_hostile_transcript_is_watched_harmlessly() {
    let home = scratch("hostile-watch");
    let game = recorded(&home, "half.ron", "wait 3m\nack\nrun df -h\n");
    poison_file(&game);
    let o = run(&home, &["watch", game.to_str().unwrap(), "--plain"], "");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("PWNED"),
        "the poisoned text is shown, escaped: {out}"
    );
    assert!(out.contains("the last events before you joined"), "{out}");
    assert_harmless("watch (stdout)", &o.stdout);
    assert_harmless("watch (stderr)", &o.stderr);
}

#[test]
fn a_hostile_transcript_reviews_harmlessly_in_the_terminal_ui() {
    use std::io::Write as _;
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("`script` is not installed: skipping the review case");
        return;
    }
    let home = scratch("hostile-review");
    let game = recorded(&home, "game.ron", &format!("{FIRST_HALF}{SECOND_HALF}"));
    poison_file(&game);
    let log = home.join("review.log");
    let cmd = format!(
        "stty cols 100 rows 30; {} review {}",
        env!("CARGO_BIN_EXE_firedrill"),
        game.display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, log.to_str().unwrap()])
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut keys = child.stdin.take().unwrap();
    for k in ["", "]", "]", "]", "]", "q"] {
        std::thread::sleep(std::time::Duration::from_millis(400));
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(keys);
    assert!(status.success(), "{status}");
    let raw = std::fs::read(&log).unwrap();
    let shown = text(&raw);
    assert!(shown.contains("PWNED"), "the note is shown: {shown:?}");
    assert!(
        !shown.contains("\u{1b}]0;PWNED"),
        "the window title: {shown:?}"
    );
    for bad in ['\u{7}', '\u{8}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{7f}'] {
        assert!(
            !shown.contains(bad),
            "{bad:?} reached the terminal: {shown:?}"
        );
    }
}

#[test]
fn the_poison_reaches_every_kind_of_line() {
    let line = r#"Action(at:1,action:Status(investigating,"a \"b\" c"),real:Some(0))"#;
    let p = poison(line);
    assert!(
        p.contains(&format!("Status(investigating,\"{PAYLOAD}a \\\"b\\\" c\")")),
        "{p}"
    );
    let header =
        r#"Header((format:2,scenario:"t",origin:"built-in",hash:"h",player:"p",started:"s"))"#;
    let p = poison(header);
    assert_eq!(p.matches("PWNED").count(), 2, "scenario and player: {p}");
}
