//! The end screen scrolls to its last row at every size, and names the
//! transcript and the commands that go on from it.

use super::app::{App, Screen};
use super::tests::{app, press, screen};

/// Cloudflare's WAF drill, waited out in practice mode to its end (its
/// summary, the cause and the responders' steps make a long end screen).
fn waited_out(size: (u16, u16)) -> App {
    let mut a = app(true);
    a.size = size;
    press(&mut a, "<down><enter>");
    for _ in 0..2000 {
        if matches!(a.screen, Screen::End(_)) {
            break;
        }
        press(&mut a, "w");
        a.overlay = None;
    }
    assert!(matches!(a.screen, Screen::End(_)), "{:?}", a.notice);
    a
}

fn scroll(a: &App) -> usize {
    match &a.screen {
        Screen::End(e) => e.scroll,
        _ => panic!("not on the end screen"),
    }
}

#[test]
fn the_end_screen_scrolls_to_what_really_happened_and_the_transcript() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut a = waited_out((w, h));
        let top = screen(&a, w, h);
        assert!(top.contains("rows 1-"), "a position marker: {top}");
        assert!(top.contains("more below"), "{top}");
        insta::assert_snapshot!(format!("end_scroll_top_{w}x{h}"), top);
        press(&mut a, "<end>");
        let bottom = screen(&a, w, h);
        assert!(bottom.contains("more above"), "{bottom}");
        assert!(bottom.contains("not recorded"), "{bottom}");
        insta::assert_snapshot!(format!("end_scroll_bottom_{w}x{h}"), bottom);
        // Every row is reached one at a time, and read on the way.
        let last = scroll(&a);
        press(&mut a, "<home>");
        assert_eq!(scroll(&a), 0);
        let mut seen = String::new();
        for _ in 0..=last {
            seen.push_str(&screen(&a, w, h));
            press(&mut a, "j");
        }
        assert_eq!(scroll(&a), last, "j stops at the last row");
        assert!(seen.contains("What really happened:"), "{w}x{h}");
        assert!(seen.contains("Cloudflare's responders"), "{w}x{h}");
        press(&mut a, "k<pageup><pagedown><up><down>");
        let notice = a.notice.clone().unwrap_or_default();
        assert!(
            !notice.contains("quits;"),
            "scroll keys are taken: {notice}"
        );
    }
}

/// A page left unacknowledged escalates: the pager marks it with who it
/// went to, and the chat says so.
#[test]
fn an_escalated_page_is_marked_in_the_pager_and_told_in_the_chat() {
    let mut a = super::tests::paged_tutorial();
    for _ in 0..12 {
        press(&mut a, "w");
    }
    let Screen::Play(g) = &a.screen else {
        panic!("the tutorial should still be on: {:?}", a.notice);
    };
    let page = &g.sim().pages()[0];
    assert_eq!(g.sim().escalated_to(page).as_deref(), Some("Maya Okafor"));
    assert!(
        g.chat
            .iter()
            .any(|(_, who, text)| who == "pager" && text.contains("escalated to maya")),
        "{:?}",
        g.chat
    );
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("ESCALATED to"), "{s}");
        insta::assert_snapshot!(format!("escalated_page_{w}x{h}"), s);
    }
}

/// The picker chooses each scenario's clock before it starts: real time or
/// practice, and the speed; the choice is kept for the session.
#[test]
fn the_picker_chooses_practice_or_real_time_and_the_speed() {
    let mut a = super::tests::app(false);
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("[real time 1x]") && s.contains("p switches"),
        "{s}"
    );
    // The WAF drill (its own speed 2x): faster twice, then practice and back.
    press(&mut a, "<down>++");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("[real time 8x]"), "{s}");
        insta::assert_snapshot!(format!("picker_speed_{w}x{h}"), s);
    }
    press(&mut a, "p");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("[practice]"), "{s}");
        insta::assert_snapshot!(format!("picker_practice_{w}x{h}"), s);
    }
    press(&mut a, "+");
    assert!(a.notice.as_deref().unwrap_or_default().contains("no speed"));
    // The tutorial kept its own clock.
    press(&mut a, "<up>");
    assert!(screen(&a, 80, 24).contains("[real time 1x]"));
    press(&mut a, "<down>p<enter>");
    let Screen::Play(g) = &a.screen else {
        panic!("the game should have started: {:?}", a.notice);
    };
    assert!(!g.practice());
    assert!((g.speed() - 8.0).abs() < f64::EPSILON);
    press(&mut a, "q");
    press(&mut a, "y");
    assert!((super::pace::chosen(&a, 1).speed - 8.0).abs() < f64::EPSILON);
}

/// At 80x24 the chat scrolls back to its first line, and stays there while
/// the clock ticks with nothing new said.
#[test]
fn the_chat_scrolls_back_to_its_first_line() {
    let mut a = super::tests::paged_tutorial();
    a.size = (80, 24);
    // The focus goes to the chat (story -> shell -> pager -> dashboard -> chat).
    while !matches!(&a.screen, Screen::Play(g) if g.focus == super::app::Pane::Chat) {
        press(&mut a, "<tab>");
    }
    for _ in 0..60 {
        press(&mut a, "k");
    }
    let Screen::Play(g) = &a.screen else {
        panic!("not playing");
    };
    let who = g.chat[0].1.clone();
    let s = screen(&a, 80, 24);
    assert!(
        // The chat has the keys: its border is the thick one.
        s.contains(&format!("┃{who}:")),
        "the first line, by {who}: {s}"
    );
    insta::assert_snapshot!("chat_scrolled_to_first_80x24", s);
    // Down from the top moves at once: no presses lost past the first line.
    let at = |a: &App| match &a.screen {
        Screen::Play(g) => g.chat_scroll,
        _ => 0,
    };
    let top = at(&a);
    assert!(top > 0);
    press(&mut a, "j");
    assert_eq!(at(&a), top - 1);
}

/// The briefing flows its prose to the pane's width but keeps its lists:
/// each item on a line of its own.
#[test]
fn the_briefing_keeps_its_lists() {
    let para = "Before you start:\n- read the runbook\n  twice\n* ask Maya\n1. look\n2) act\n12.5% is not a list";
    assert_eq!(
        super::view::flowed(para),
        vec![
            (false, "Before you start:".to_string()),
            (true, "- read the runbook twice".to_string()),
            (true, "* ask Maya".to_string()),
            (true, "1. look".to_string()),
            (true, "2) act 12.5% is not a list".to_string()),
        ]
    );
    assert_eq!(
        super::view::flowed("one\ntwo"),
        vec![(false, "one two".to_string())]
    );
}
