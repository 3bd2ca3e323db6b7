//! Hot reload in the terminal UI: a clean save replaces the scenario at the
//! same moment, a broken one is shown at 80x24 while the game goes on, and
//! the player's keymap is reloaded only when it has no problem.

use super::tests::{app, press, screen};
use crate::game::reloading::{saved_text as saved, tutorial_text};

#[test]
fn a_broken_save_is_shown_at_80x24_and_a_clean_one_goes_on_at_the_same_moment() {
    let mut a = app(true);
    a.start(0);
    press(&mut a, "wwww");
    let text = tutorial_text();
    a.reload(saved(&text.replacen(
        "goto page_arrives",
        "goto page_arrive",
        1,
    )));
    let s = screen(&a, 80, 24);
    assert!(s.contains("Not reloaded: 1 error(s); v1 goes on"), "{s}");
    assert!(s.contains("unknown scene `page_arrive`"), "{s}");
    press(&mut a, "<esc>");
    let s = screen(&a, 80, 24);
    assert!(s.contains("T+2m"), "{s}");
    a.reload(saved(
        &text.replace("Your phone buzzes.", "Your phone buzzes twice."),
    ));
    assert_eq!(a.version, 2);
    let s = screen(&a, 80, 24);
    assert!(s.contains("T+2m"), "the same moment: {s}");
    assert!(s.contains("reloaded v2: 4 of 4 action(s) replayed"), "{s}");
    assert!(s.contains("buzzes twice"), "{s}");
}

#[test]
fn a_keymap_with_a_problem_keeps_the_last_good_one() {
    let dir = std::env::temp_dir().join(format!("firedrill-reload-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut a = app(true);
    std::fs::write(dir.join("keymap.ron"), "(pager: { \"resolve\": [\"x\"] })").unwrap();
    a.reload_config(Some(&dir));
    assert_eq!(
        a.notice.as_deref(),
        Some("Your keymap and theme were reloaded.")
    );
    let before = format!("{:?}", a.config.keymap);
    std::fs::write(dir.join("keymap.ron"), "(pager: { \"reslove\": [\"y\"] ").unwrap();
    a.reload_config(Some(&dir));
    let notice = a.notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with("Your files were not reloaded (the last good ones stay)"),
        "{notice}"
    );
    assert_eq!(format!("{:?}", a.config.keymap), before);
    let _ = std::fs::remove_dir_all(&dir);
}
