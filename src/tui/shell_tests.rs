//! The shell's line editing and Ctrl-C, through the app's keys: what each
//! key does to the line, and screens of the editing states.

use super::app::{Overlay, Pane, Screen, ShellLine};
use super::tests::{game, paged_tutorial, press, screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;

fn line(a: &super::app::App) -> (&str, usize) {
    let input = &game(a).shell.input;
    (input.value(), input.cursor())
}

#[test]
fn each_editing_key_works_in_the_shell() {
    let mut a = paged_tutorial();
    press(&mut a, ":df /var<left><left><left><left>-h <end>/log");
    assert_eq!(line(&a), ("df -h /var/log", 14));
    press(&mut a, "<home>X<c-e>Y<c-a><del>");
    assert_eq!(line(&a), ("df -h /var/logY", 0));
    // A word move goes to the next word's start, as tui-input does.
    press(&mut a, "<a-f><a-f>Z<c-left><c-right>");
    assert_eq!(line(&a).0, "df -h /Zvar/logY");
    press(&mut a, "<end><c-w>");
    assert_eq!(line(&a).0, "df -h /Zvar/");
    press(&mut a, "<c-a><right><c-k>");
    assert_eq!(line(&a), ("d", 1));
    press(&mut a, "<c-u>");
    assert_eq!(line(&a), ("", 0));
}

#[test]
fn ctrl_c_drops_the_line_and_never_leaves() {
    let mut a = paged_tutorial();
    press(&mut a, ":rm -rf /var/li<c-c>");
    assert!(!a.quit && a.overlay.is_none());
    assert_eq!(line(&a), ("", 0));
    assert_eq!(
        game(&a).shell.lines.last(),
        Some(&ShellLine::Input(
            "oncall@thumbs-01:~$ rm -rf /var/li^C".into()
        ))
    );
    // Nothing ran: the engine saw no command.
    assert!(game(&a).sim().now() < 130_000, "{}", game(&a).sim().now());
    insta::assert_snapshot!("shell_ctrl_c_80x24", screen(&a, 80, 24));
    press(&mut a, "<c-c><c-c><c-c>");
    assert!(!a.quit && a.overlay.is_none(), "mashing it never leaves");
}

#[test]
fn ctrl_c_outside_the_shell_asks_and_a_second_one_goes_back() {
    let mut a = paged_tutorial();
    for pane in [Pane::Pager, Pane::Dashboard, Pane::Chat, Pane::Story] {
        if let Screen::Play(g) = &mut a.screen {
            g.focus = pane;
        }
        press(&mut a, "<c-c>");
        assert_eq!(a.overlay, Some(Overlay::ConfirmQuit), "{pane:?}");
        press(&mut a, "<c-c>");
        assert!(!a.quit && a.overlay.is_none());
    }
    press(&mut a, "<c-c>y");
    assert!(a.quit, "y answers the question");
}

#[test]
fn ctrl_c_in_a_window_empties_its_box_then_closes_it() {
    let mut a = paged_tutorial();
    // The hypothesis box, from any pane.
    press(&mut a, "t");
    assert!(matches!(a.overlay, Some(Overlay::Hypothesis(_))));
    press(&mut a, "disk<c-c>");
    let mut up = a.overlay.clone().unwrap();
    assert!(up.field().is_some_and(|f| f.is_empty()));
    press(&mut a, "<c-c>");
    assert!(a.overlay.is_none() && !a.quit);
    press(&mut a, "?<c-c>");
    assert!(a.overlay.is_none() && !a.quit, "the help closes");
}

#[test]
fn ctrl_c_on_an_end_question_empties_it_then_asks() {
    let written = super::tests::Shared::default();
    let mut a = super::tests::recording_app(&written);
    press(&mut a, "<enter>wwwwa<tab><tab><tab><right><left>");
    super::tests::finish_tutorial_calmly(&mut a);
    a.advance(super::app::SETTLE);
    press(&mut a, "the pag<c-c>");
    assert!(
        matches!(&a.screen, Screen::End(e) if e.asking.as_ref().is_some_and(|(n, t)| *n == 0 && t.is_empty()))
    );
    assert!(!a.quit && a.overlay.is_none());
    press(&mut a, "<c-c>");
    assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
    press(&mut a, "<c-c>");
    assert!(!a.quit && a.overlay.is_none());
}

#[test]
fn the_cursor_is_drawn_mid_line() {
    let mut a = paged_tutorial();
    press(&mut a, ":tail -n 5 /var/log/app<c-a><a-f><a-f>");
    assert_eq!(line(&a).1, 8);
    insta::assert_snapshot!("shell_mid_line_80x24", screen(&a, 80, 24));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| super::view::render(&a, f)).unwrap();
    // The input row: the shell pane's last row inside its border, after "$ ".
    let row = 20;
    let x = (0..80)
        .find(|x| t.backend().buffer()[(*x, row)].symbol() == "$")
        .unwrap();
    t.backend_mut()
        .assert_cursor_position(Position::new(x + 2 + 8, row));
}

#[test]
fn ctrl_r_searches_the_history() {
    let mut a = paged_tutorial();
    press(&mut a, ":df -h<enter>uptime<enter>ls<c-r>df");
    insta::assert_snapshot!("shell_reverse_search_80x24", screen(&a, 80, 24));
    assert_eq!(game(&a).shell.input.value(), "ls", "not yet taken");
    press(&mut a, "<enter>");
    assert_eq!(line(&a).0, "df -h");
    assert!(game(&a).shell.search.is_none());
    // Esc gives the line from before back; an editing key keeps the one found.
    press(&mut a, "<c-u>ls<c-r>up<esc>");
    assert_eq!(line(&a).0, "ls");
    assert_eq!(a.overlay, None);
    press(&mut a, "<c-r>up<c-g>");
    assert_eq!(line(&a).0, "ls");
    press(&mut a, "<c-r>up<end> -p");
    assert_eq!(line(&a).0, "uptime -p");
    press(&mut a, "<c-r>up<c-c>");
    assert_eq!(line(&a).0, "");
    assert!(!a.quit);
}

#[test]
fn ctrl_l_clears_the_pane_and_keeps_the_line() {
    let mut a = paged_tutorial();
    press(&mut a, ":df -h<enter>ls<c-l>");
    assert!(game(&a).shell.lines.is_empty());
    assert_eq!(line(&a).0, "ls");
    assert_eq!(game(&a).shell.history, ["df -h"]);
}

#[test]
fn tab_says_so_when_nothing_completes() {
    // `Sim::complete` is not wired yet: the UI around it is tested with
    // candidate lists in `shell::tests`.
    let mut a = paged_tutorial();
    press(&mut a, ":zzz<tab>");
    assert_eq!(line(&a).0, "zzz");
    assert_eq!(a.notice.as_deref(), Some("Nothing completes that"));
}

#[test]
fn a_paste_is_one_line_that_waits_for_enter() {
    let mut a = paged_tutorial();
    press(&mut a, ":");
    a.paste("df -h\nrm -rf /\n");
    assert_eq!(line(&a).0, "df -h rm -rf / ");
    assert!(game(&a).shell.lines.is_empty(), "nothing ran");
}
