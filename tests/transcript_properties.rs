//! Untrusted transcripts as properties: whatever the lines, reading never
//! panics, keeps at most the documented number of problems and counts the
//! rest, and reading a file as a stream gives exactly what reading its text
//! does (torn tails and `\r\n` included). And the one sanitiser lets no
//! forbidden character through.

// Tests may panic: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::base::printable::{is_forbidden_char, printable};
use firedrill::record::{Entry, MAX_PROBLEMS, Transcript};
use proptest::prelude::*;

const HEADER: &str = "Header((format:2,scenario:\"tutorial\",origin:\"built-in\",hash:\"h\",seed:42,player:\"p\",mode:Practice,speed:1.0,started:\"2026-12-02T16:00:15Z\"))";

/// Lines that are valid entries, nearly valid ones, junk and hostile text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Action(at:0,action:Wait(180000),real:Some(0))".to_string()),
        Just("Clock(to:5)".to_string()),
        Just("Answer(question:\"q\",text:\"\u{1b}[2J\")".to_string()),
        Just(HEADER.to_string()),
        Just(String::new()),
        "Event\\(\\(at:[0-9]{1,4},kind:[A-Za-z(\")]{0,12}".prop_map(|s| s),
        "[ -~]{0,40}",
        any::<String>().prop_map(|s| s.replace('\n', " ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn problems_are_bounded_and_counted(lines in proptest::collection::vec(line(), 0..80)) {
        let text = format!("{HEADER}\n{}\n", lines.join("\n"));
        let t = Transcript::read(&text);
        prop_assert!(t.header.is_some());
        prop_assert!(t.problems.len() <= MAX_PROBLEMS);
        let bad = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .filter(|l| !matches!(ron::from_str::<Entry>(l), Ok(e) if !matches!(e, Entry::Header(_))))
            .count();
        prop_assert_eq!(t.problems.len() + t.more_problems, bad);
    }

    #[test]
    fn a_file_reads_as_its_text_does(
        lines in proptest::collection::vec(line(), 0..30),
        crlf in any::<bool>(),
        torn in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{HEADER}{end}{}", lines.join(end));
        if !torn {
            text.push_str(end);
        }
        let dir = std::env::temp_dir().join(format!("firedrill-props-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.ron");
        std::fs::write(&path, &text).unwrap();
        let streamed = firedrill::transcripts::read(&path).unwrap();
        prop_assert_eq!(streamed, Transcript::read(&text));
    }

    #[test]
    fn printable_lets_nothing_forbidden_through(s in any::<String>()) {
        let shown = printable(&s);
        prop_assert!(!shown.chars().any(is_forbidden_char));
        if !s.chars().any(is_forbidden_char) {
            prop_assert_eq!(shown, s);
        }
    }
}
