//! The command syntax: examples of each form, one-line errors that point
//! at the fault, and the round trip from words to command and back.

use super::*;
use proptest::prelude::*;

fn act(line: &str) -> Act {
    match read(line) {
        Ok(Command::Act(a)) => a,
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn reads_each_form() {
    assert_eq!(act("ack"), Act::Ack(None));
    assert_eq!(act("ACK edge_5xx"), Act::Ack(Some("edge_5xx".into())));
    assert_eq!(act("$ df -h"), Act::Run("df -h".into()));
    assert_eq!(act("!!"), Act::Run("!!".into()));
    assert_eq!(act("run df -h"), Act::Run("df -h".into()));
    assert_eq!(act("run \"df -h\""), Act::Run("df -h".into()));
    assert_eq!(
        act("run echo \"a\" \"b\""),
        Act::Run("echo \"a\" \"b\"".into())
    );
    assert_eq!(act("$ 'unclosed"), Act::Run("'unclosed".into()));
    assert_eq!(act("2"), Act::Choose(2));
    assert_eq!(act("reply 1"), Act::Choose(1));
    assert_eq!(act("choose #ask"), Act::ChooseId("ask".into()));
    assert_eq!(act("choose ask"), Act::ChooseId("ask".into()));
    assert_eq!(act("wait 90s"), Act::Wait(90_000));
    assert_eq!(act("wait 2"), Act::Wait(120_000));
    assert_eq!(
        act("page maya \"help me\""),
        Act::Page("maya".into(), "help me".into())
    );
    assert_eq!(
        act("page maya need  access"),
        Act::Page("maya".into(), "need  access".into())
    );
    assert_eq!(
        act("status Investigating disk full"),
        Act::Status(StatusState::Investigating, "disk full".into())
    );
    assert_eq!(
        act("status identified \"say \\\"hi\\\"\""),
        Act::Status(StatusState::Identified, "say \"hi\"".into())
    );
    assert_eq!(act("logs edge"), Act::Open(DocWord::Logs, "edge".into()));
    assert_eq!(act("read edge"), Act::Open(DocWord::Read, "edge".into()));
    assert_eq!(read("graph"), Ok(Command::ListMetrics));
    assert_eq!(read("runbooks"), Ok(Command::ListDocs));
    assert_eq!(read("speed 4x"), Ok(Command::Speed(4.0)));
    assert_eq!(read("?"), Ok(Command::Help));
}

#[test]
fn keeps_where_each_word_was() {
    let Ok(Command::Act(Act::Page(who, msg))) = parse("  page  jonah \"need it\"") else {
        panic!("not a page");
    };
    assert_eq!(who.at, 8..13);
    assert_eq!(msg.at, 14..23);
    assert_eq!(msg.text, "need it");
}

#[test]
fn explains_bad_lines_in_one_line_pointing_at_the_fault() {
    for (bad, fault, at) in [
        ("", Fault::Shape, 0..0),
        ("wait", Fault::Shape, 4..4),
        ("wait soon", Fault::BadValue, 5..9),
        ("status broken x", Fault::BadValue, 7..13),
        ("page maya", Fault::Shape, 9..9),
        ("resolve a b", Fault::Shape, 10..11),
        ("choose 0", Fault::BadValue, 7..8),
        ("speed 0", Fault::BadValue, 6..7),
        ("ackk", Fault::UnknownVerb, 0..4),
    ] {
        let e = parse(bad).unwrap_err();
        assert_eq!((e.fault, e.at.clone()), (fault, at), "{bad}: {e:?}");
        assert!(!e.message.contains('\n'), "{e:?}");
    }
    assert!(
        parse("ackk")
            .unwrap_err()
            .message
            .contains("Did you mean `ack`")
    );
}

#[test]
fn each_verb_reads_as_itself_and_its_other_words() {
    for v in Verb::ALL {
        for w in v.words() {
            assert_eq!(Verb::of(w), Some(v), "{w}");
        }
    }
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_-]{0,10}"
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z ]{0,12}[a-z]",
        any::<String>(),
        "[\"' \\\\a\n\t]{0,6}",
    ]
}

fn any_act() -> impl Strategy<Value = Act> {
    let state = prop_oneof![
        Just(StatusState::Investigating),
        Just(StatusState::Identified),
        Just(StatusState::Monitoring),
        Just(StatusState::Resolved),
    ];
    let how = prop_oneof![
        Just(DocWord::Runbook),
        Just(DocWord::Logs),
        Just(DocWord::Read)
    ];
    prop_oneof![
        proptest::option::of(name()).prop_map(Act::Ack),
        name().prop_map(Act::Resolve),
        name().prop_map(Act::Silence),
        text()
            .prop_filter("a shell line", |t| !t.is_empty())
            .prop_map(Act::Run),
        (1..=u32::MAX).prop_map(Act::Choose),
        name().prop_map(Act::ChooseId),
        (name(), text()).prop_map(|(p, m)| Act::Page(p, m)),
        (state, text()).prop_map(|(s, m)| Act::Status(s, m)),
        name().prop_map(Act::Graph),
        (how, name()).prop_map(|(h, d)| Act::Open(h, d)),
        (0..=366 * 24 * 3_600_000_u64).prop_map(Act::Wait),
        Just(Act::Hint),
        name().prop_map(Act::Inject),
    ]
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        4 => any_act().prop_map(Command::Act),
        1 => prop_oneof![
            Just(Command::ListMetrics),
            Just(Command::ListDocs),
            Just(Command::Pages),
            Just(Command::Look),
            Just(Command::Pause),
            Just(Command::Help),
            Just(Command::Quit),
            (1e-3..1e6_f64).prop_map(Command::Speed),
        ],
    ]
}

proptest! {
    #[test]
    fn every_command_printed_reads_back_as_itself(c in any_command()) {
        let words = c.to_string();
        prop_assert_eq!(read(&words), Ok(c), "{}", words);
    }

    #[test]
    fn any_line_reads_or_explains_itself_in_one_line(line in any::<String>()) {
        if let Err(e) = parse(&line) {
            prop_assert!(!e.message.contains('\n'));
            prop_assert!(line.get(e.at.clone()).is_some());
        }
    }
}
