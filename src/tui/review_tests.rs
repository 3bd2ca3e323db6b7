//! Review as a mentor drives it: every moment (inside a wait too), the
//! mode as played, notes by several authors (wrapped, stepped through,
//! edited and deleted by their author only), damaged notes files said,
//! and the fork key.

use super::app::App;
use super::review::Review;
use super::tests::{app, press, screen};
use crate::record::debrief::Note;

/// The tutorial's first playthrough test (it opens with a 3-minute wait
/// inside which the first page fires), reviewed by `me` with `notes`.
fn tutorial(text_edit: impl Fn(String) -> String, notes: Vec<Note>, me: &str) -> App {
    let (sc, text) = crate::record::tests::recorded_playtest("tutorial", 0);
    let t = crate::record::Transcript::read(&text_edit(text));
    let r = crate::record::replay(sc.clone(), &t);
    let mut a = app(true);
    a.start_review(Review::new(sc, t, &r, notes).by(me));
    a
}

fn note(at: u64, text: &str, author: &str) -> Note {
    Note {
        at,
        text: text.into(),
        author: author.into(),
    }
}

#[test]
fn the_first_page_inside_the_opening_wait_is_a_moment() {
    let mut a = tutorial(|t| t, Vec::new(), "maya");
    let mut steps = 0;
    while !screen(&a, 120, 40).contains("#1 OPEN") {
        press(&mut a, ".");
        steps += 1;
        assert!(steps < 20, "{}", screen(&a, 120, 40));
    }
    let s = screen(&a, 120, 40);
    // The page fired at T+1m59s, a minute and more into the 3-minute wait.
    assert!(s.contains(" 10:01:59 UTC  T+1m59s  practice"), "{s}");
    assert!(s.contains("REVIEW T+1m59s of T+6m20s"), "{s}");
    assert!(s.contains("last decision 1/12: waited 3m at T+0"), "{s}");
    // And back: the moment before it is still inside the wait.
    press(&mut a, ",");
    let before = screen(&a, 120, 40);
    assert!(!before.contains("#1 OPEN"), "{before}");
}

#[test]
fn every_moment_shows_the_clock_the_review_line_says() {
    let mut a = tutorial(|t| t, Vec::new(), "maya");
    let last = a.review.as_ref().unwrap().moments.len();
    for _ in 0..last {
        let r = a.review.as_ref().unwrap();
        let at = crate::sim::eval::format_offset(r.at);
        let s = screen(&a, 120, 40);
        let top = s.lines().next().unwrap();
        assert!(top.contains(&format!("  {at}  ")), "{at}: {top}");
        assert!(s.contains(&format!("REVIEW {at} of")), "{s}");
        press(&mut a, ".");
    }
}

#[test]
fn a_real_time_game_is_labelled_as_played() {
    let a = tutorial(
        |t| t.replacen("mode:Practice", "mode:RealTime", 1),
        Vec::new(),
        "maya",
    );
    let s = screen(&a, 120, 40);
    let top = s.lines().next().unwrap();
    assert!(top.contains("real time 1x"), "{top}");
    assert!(
        !top.contains("practice") && !top.contains("PAUSED"),
        "{top}"
    );
}

#[test]
fn several_notes_wrap_and_are_stepped_through() {
    let long = "look at the graph before the shell: ".repeat(5);
    let notes = vec![
        note(0, &long, "jo"),
        note(0, "second here", "maya"),
        note(119_000, "the page", "jo"),
    ];
    let mut a = tutorial(|t| t, notes, "maya");
    let s = screen(&a, 100, 40);
    assert!(s.contains("2 notes here, the 1st selected"), "{s}");
    assert!(s.contains("> jo: look at the graph"), "{s}");
    assert!(s.contains("  maya: second here"), "{s}");
    // The long note takes more than one row, each inside the box.
    let rows = s
        .lines()
        .filter(|l| l.contains("look at the graph"))
        .count();
    assert!(rows >= 2, "{s}");
    press(&mut a, "}");
    assert!(screen(&a, 100, 40).contains("> maya: second here"));
    press(&mut a, "}");
    let s = screen(&a, 100, 40);
    assert!(
        s.contains("REVIEW T+1m59s") && s.contains("> jo: the page"),
        "{s}"
    );
    press(&mut a, "}");
    assert!(a.notice.as_deref().unwrap().contains("no note further"));
    press(&mut a, "{");
    let s = screen(&a, 100, 40);
    assert!(
        s.contains("REVIEW T+0 ") && s.contains("> jo: look at"),
        "{s}"
    );
}

#[test]
fn only_its_author_edits_or_deletes_a_note() {
    let notes = vec![note(0, "theirs", "jo"), note(0, "mine", "maya")];
    let mut a = tutorial(|t| t, notes, "maya");
    press(&mut a, "e");
    assert!(a.overlay.is_none());
    assert!(
        a.notice
            .as_deref()
            .unwrap()
            .contains("jo's: only its author")
    );
    press(&mut a, "x");
    assert_eq!(a.review.as_ref().unwrap().notes.len(), 2);
    assert!(a.take_my_notes().is_none());
    press(&mut a, "}e, really<enter>");
    let (me, mine) = a.take_my_notes().unwrap();
    assert_eq!(me, "maya");
    assert_eq!(mine, vec![note(0, "mine, really", "maya")]);
    press(&mut a, "x");
    let (_, mine) = a.take_my_notes().unwrap();
    assert!(mine.is_empty());
    let left: Vec<&str> = a
        .review
        .as_ref()
        .unwrap()
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(left, ["theirs"]);
}

#[test]
fn a_damaged_notes_line_is_said_in_review() {
    let dir = std::env::temp_dir().join(format!("firedrill-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let game = dir.join("g.ron");
    std::fs::write(
        crate::transcripts::notes_path_of(&game, "jo"),
        "Note(at:0,text:\"fine\",author:\"jo\")\nNote(at:oops\n",
    )
    .unwrap();
    let read = crate::transcripts::read_notes(&game);
    let (sc, text) = crate::record::tests::recorded_playtest("tutorial", 0);
    let t = crate::record::Transcript::read(&text);
    let r = crate::record::replay(sc.clone(), &t);
    let mut a = app(true);
    a.start_review(Review::new(sc, t, &r, read.notes).with_problems(read.warnings));
    let s = screen(&a, 140, 40);
    assert!(s.contains("! 1 line of"), "{s}");
    assert!(s.contains("(the first is line 2)"), "{s}");
    assert!(s.contains("jo: fine"), "{s}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_fork_key_asks_for_a_game_from_the_moment_on_screen() {
    let mut a = tutorial(|t| t, Vec::new(), "maya");
    press(&mut a, "<right><right>");
    let r = a.review.as_ref().unwrap();
    let at = (r.at, r.moments[r.pos].1);
    assert_eq!(at.1, 2, "the second decision made");
    press(&mut a, "f");
    assert!(a.quit);
    assert_eq!(a.take_fork(), Some(at));
    assert_eq!(a.take_fork(), None);
}

/// Notes pinned before review had moments could sit at any time: such a
/// note shows at the last moment before it, and is reached like any other.
#[test]
fn a_note_between_two_moments_shows_at_the_one_before() {
    let mut a = tutorial(|t| t, vec![note(150_001, "in between", "jo")], "maya");
    let r = a.review.as_ref().unwrap();
    assert!(r.moments.iter().all(|(t, _)| *t != 150_001));
    assert!(r.here().is_empty());
    press(&mut a, "}");
    let s = screen(&a, 120, 40);
    assert!(s.contains("> jo: in between"), "{s}");
    let r = a.review.as_ref().unwrap();
    assert!(
        r.at < 150_001 && r.moments[r.pos + 1].0 > 150_001,
        "{}",
        r.at
    );
    press(&mut a, ".");
    assert!(a.review.as_ref().unwrap().here().is_empty());
    press(&mut a, "{");
    assert!(screen(&a, 120, 40).contains("> jo: in between"));
}
