//! Screens as `TestBackend` snapshots, and the UI driven by scripted keys.

use super::app::{App, Overlay, Pane, PlayOptions, Screen};
use super::command::Command;
use super::config::{Config, Overrides};
use super::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

/// Keys from a string: characters as typed, `<enter>`, `<tab>`, `<esc>`,
/// `<up>`, `<down>`, `<left>`, `<right>`, `<home>`, `<end>`, `<pageup>`,
/// `<pagedown>`, `<backtab>`,
/// `<bs>`, `<del>`, `<f1>`, and with modifiers `<c-x>` (Control), `<a-x>`
/// (Alt), `<c-left>`, `<c-right>`.
pub fn keys(s: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            {
                let name = &rest[1..end];
                let (code, mods) = match name {
                    "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                    "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "backtab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                    "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "up" => (KeyCode::Up, KeyModifiers::NONE),
                    "down" => (KeyCode::Down, KeyModifiers::NONE),
                    "left" => (KeyCode::Left, KeyModifiers::NONE),
                    "right" => (KeyCode::Right, KeyModifiers::NONE),
                    "home" => (KeyCode::Home, KeyModifiers::NONE),
                    "end" => (KeyCode::End, KeyModifiers::NONE),
                    "pageup" => (KeyCode::PageUp, KeyModifiers::NONE),
                    "pagedown" => (KeyCode::PageDown, KeyModifiers::NONE),
                    "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                    "del" => (KeyCode::Delete, KeyModifiers::NONE),
                    "space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                    "f1" => (KeyCode::F(1), KeyModifiers::NONE),
                    "c-left" => (KeyCode::Left, KeyModifiers::CONTROL),
                    "c-right" => (KeyCode::Right, KeyModifiers::CONTROL),
                    other => match other.split_once('-') {
                        Some(("c", c)) if c.chars().count() == 1 => (
                            KeyCode::Char(c.chars().next().unwrap()),
                            KeyModifiers::CONTROL,
                        ),
                        Some(("a", c)) if c.chars().count() == 1 => {
                            (KeyCode::Char(c.chars().next().unwrap()), KeyModifiers::ALT)
                        }
                        _ => panic!("unknown key <{other}>"),
                    },
                };
                out.push(KeyEvent::new(code, mods));
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The UI over the first two shipped scenarios only, so the snapshots do not
/// change each time the library grows.
pub(super) fn app(practice: bool) -> App {
    app_with_keys(practice, None)
}

/// As [`app`], with the player's keymap file.
fn app_with_keys(practice: bool, keymap: Option<&str>) -> App {
    let entries = crate::game::Catalog::default()
        .offers()
        .into_iter()
        .filter(|e| e.id == "tutorial" || e.id == "cloudflare-2019-waf")
        .collect();
    let overrides = Overrides {
        keymap: keymap.map(|k| ("keymap.ron".to_string(), k.to_string())),
        ..Overrides::default()
    };
    App::new(
        Config::load(&overrides),
        entries,
        Default::default(),
        PlayOptions {
            practice,
            seed: Some(7),
            speed: None,
            support: crate::sim::Support::default(),
        },
    )
}

pub(super) fn press(app: &mut App, s: &str) {
    for k in keys(s) {
        app.handle_key(k);
    }
}

pub(super) fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    // The test backend cannot print an empty buffer.
    if w == 0 || h == 0 {
        String::new()
    } else {
        format!("{}", t.backend())
    }
}

pub(super) fn game(app: &App) -> &super::app::Game {
    match &app.screen {
        Screen::Play(g) => g,
        _ => panic!("not playing"),
    }
}

/// The tutorial, in practice mode, after the first page has fired.
pub(super) fn paged_tutorial() -> App {
    let mut a = app(true);
    press(&mut a, "<enter>");
    press(&mut a, "wwww");
    assert!(
        !game(&a).sim().pages().is_empty(),
        "the page should have fired by T+2m"
    );
    a
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

#[test]
fn picker_screens() {
    let a = app(true);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("picker_{w}x{h}"), screen(&a, w, h));
    }
}

/// The player's own progress and the next drill, one line under the picker.
#[test]
fn the_picker_shows_the_players_progress_in_one_line() {
    use crate::ledger::progress::{Player, Suggestion, bucket, earn, render};
    let list = bucket::default_list();
    let p = Player {
        name: "maya".into(),
        games: 0,
        items: earn::items(&list.items, &[], &[]),
        next: Some(Suggestion {
            id: "fastly-2021".into(),
            shown: "fastly-2021".into(),
            again: false,
            why: String::new(),
        }),
    };
    let mut a = app(true);
    a.progress = Some(render::picker_line(&p));
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("0 of 12 on your bucket list · next: fastly-2021"),
        "{s}"
    );
    insta::assert_snapshot!("picker_progress_80x24", s);
}

#[test]
fn play_screens_in_several_states() {
    let mut a = paged_tutorial();
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("play_page_firing_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "a");
    assert!(
        game(&a)
            .sim()
            .pages()
            .iter()
            .all(|p| p.state != crate::sim::PageState::Triggered)
    );
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("play_acknowledged_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "$df -h<enter>");
    assert_eq!(game(&a).focus, Pane::Shell);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("play_command_output_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "<esc>b<enter>");
    assert!(matches!(a.overlay, Some(Overlay::Doc { .. })));
    press(&mut a, "<esc>");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("play_choice_pending_{w}x{h}"), screen(&a, w, h));
    }
    assert!(!game(&a).sim().choices().is_empty());
}

#[test]
fn paused_real_time_screen() {
    let mut a = app(false);
    press(&mut a, "<enter>");
    // Two game minutes pass at 1x.
    for _ in 0..120 {
        a.advance(Duration::from_secs(1));
    }
    press(&mut a, " ");
    assert!(game(&a).paused());
    let now = game(&a).sim().now();
    assert!(
        !a.advance(Duration::from_secs(30)),
        "a paused clock does not move"
    );
    assert_eq!(game(&a).sim().now(), now);
    assert_eq!(a.next_wake(), None, "paused: the loop may block");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("play_paused_{w}x{h}"), screen(&a, w, h));
    }
}

/// From the dashboard, acknowledged: df, the runbook, answer Sam, post a
/// status, fix, post the resolution (the last key ends the drill).
pub(super) fn finish_tutorial_calmly(a: &mut App) {
    press(a, "$df -h<enter><esc>b<enter><esc>1");
    press(a, "uThumbnails are delayed; freeing disk.<enter>");
    press(
        a,
        ":logclean --older-than 7d<enter>systemctl restart thumbs-logrotate<enter><esc>ww",
    );
    press(a, "u<down><down><down>Thumbnails are flowing again.<enter>");
}

#[test]
fn help_and_end_screens() {
    let mut a = paged_tutorial();
    press(&mut a, "?");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "x");
    assert_eq!(a.overlay, None);
    // The calm path to the end, by keys only: ack, look at the disk graph,
    // df, the runbook, answer Sam, post a status, fix, post the resolution.
    press(&mut a, "a<tab><tab><tab><right><left>");
    assert_eq!(game(&a).focus, Pane::Dashboard);
    finish_tutorial_calmly(&mut a);
    press(&mut a, "ww");
    assert!(
        matches!(a.screen, Screen::End(_)),
        "the tutorial should have ended: {:?}",
        a.notice
    );
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("end_{w}x{h}"), screen(&a, w, h));
    }
    press(&mut a, "<enter>");
    assert!(matches!(a.screen, Screen::Picker { .. }));
    assert!(a.history.contains_key("tutorial"));
}

#[test]
fn moving_to_the_dashboard_looks_at_the_graph_on_it() {
    // The tutorial says "open the disk graph" while it is already on
    // screen: moving to it is how a new hire does that.
    let mut a = paged_tutorial();
    press(&mut a, "a");
    let disk = crate::scenario::MetricId(game(&a).metric_sel);
    assert!(!game(&a).sim().has_viewed(disk));
    while game(&a).focus != Pane::Dashboard {
        press(&mut a, "<tab>");
    }
    assert!(game(&a).sim().has_viewed(disk));
}

#[test]
fn every_size_draws_without_panicking() {
    let mut picker = app(true);
    let mut playing = paged_tutorial();
    let mut helping = paged_tutorial();
    press(&mut helping, "?");
    for w in 0..=40u16 {
        for h in 0..=12u16 {
            for a in [&mut picker, &mut playing, &mut helping] {
                let s = screen(a, w, h);
                if w > 0 && h > 0 && (w < view::MIN_WIDTH || h < view::MIN_HEIGHT) {
                    assert!(s.contains("terminal") || w < 10, "{w}x{h}: {s}");
                }
            }
        }
    }
    let s = screen(&picker, 59, 30);
    assert!(s.contains("too small"), "{s}");
}

#[test]
fn every_key_has_an_effect_or_an_explanation() {
    let mut a = paged_tutorial();
    press(&mut a, "<tab>");
    for pane in 0..5 {
        for k in keys("xz%<left><right><up><down>") {
            a.notice = None;
            let before = format!("{:?}", a.screen);
            a.handle_key(k);
            let after = format!("{:?}", a.screen);
            assert!(
                a.notice.is_some() || before != after || a.overlay.is_some(),
                "pane {pane}: {k:?} did nothing silently"
            );
            a.overlay = None;
        }
        press(&mut a, "<esc><tab>");
    }
}

#[test]
fn the_shell_remembers_and_leaving_asks() {
    let mut a = paged_tutorial();
    press(&mut a, ":syst<tab>");
    assert_eq!(game(&a).shell.input.value(), "systemctl ");
    // A hidden command (the runbook's `logclean`) is never offered.
    press(&mut a, "<bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>logc<tab>");
    assert_eq!(game(&a).shell.input.value(), "logc");
    press(&mut a, "<bs><bs><bs><bs>df -h<enter><up>");
    assert_eq!(game(&a).shell.input.value(), "df -h");
    press(&mut a, "<esc>q");
    assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
    press(&mut a, "n");
    assert!(!a.quit);
    press(&mut a, "q<enter>");
    assert!(a.quit);
}

#[test]
fn a_page_rings_the_bell_once() {
    let mut a = app(true);
    press(&mut a, "<enter>");
    assert!(!a.bell);
    press(&mut a, "wwww");
    assert!(a.bell);
}

/// The tutorial's first playthrough test, recorded, opened for review.
fn review_of_tutorial() -> App {
    let (sc, text) = crate::record::tests::recorded_playtest("tutorial", 0);
    let t = crate::record::Transcript::read(&text);
    let r = crate::record::replay(sc.clone(), &t);
    let mut a = app(true);
    a.start_review(super::review::Review::new(sc, t, &r, Vec::new()).by("maya"));
    a
}

#[test]
fn review_screens_at_several_moments() {
    let mut a = review_of_tutorial();
    insta::assert_snapshot!("review_start", screen(&a, 120, 40));
    press(&mut a, "<right><right><right>");
    insta::assert_snapshot!("review_third_decision", screen(&a, 120, 40));
    press(&mut a, "]]");
    insta::assert_snapshot!("review_two_minutes_on", screen(&a, 120, 40));
    press(&mut a, "nlook at disk first");
    insta::assert_snapshot!("review_note_typing", screen(&a, 120, 40));
    press(&mut a, "<enter>");
    insta::assert_snapshot!("review_note_pinned", screen(&a, 120, 40));
}

#[test]
fn review_widens_the_graph_and_keeps_it_from_moment_to_moment() {
    let mut a = review_of_tutorial();
    press(&mut a, "<end>");
    assert!(screen(&a, 120, 40).contains(" -6m20s "));
    press(&mut a, "--");
    let narrow = screen(&a, 120, 40);
    assert!(
        narrow.contains("The graph shows the last 5m (the shortest)"),
        "{narrow}"
    );
    assert!(narrow.contains(" -5m "), "{narrow}");
    // The window chosen stays as the reviewer moves through the game.
    press(&mut a, ",");
    let before = screen(&a, 120, 40);
    assert!(before.contains(" -5m "), "{before}");
    press(&mut a, "+");
    let wider = screen(&a, 120, 40);
    assert!(wider.contains("The graph shows the last 10m"), "{wider}");
    assert!(
        wider.contains(" -6m20s ") || wider.contains(" -6m "),
        "{wider}"
    );
}

#[test]
fn review_steps_back_and_forth_to_the_same_screens() {
    let mut a = review_of_tutorial();
    press(&mut a, "<right><right>");
    let there = screen(&a, 120, 40);
    press(&mut a, "<right><right><left><left>");
    assert_eq!(
        screen(&a, 120, 40),
        there,
        "a moment looks the same however it is reached"
    );
    let end = a.review.as_ref().map(|r| r.end).unwrap();
    press(
        &mut a,
        "<right><right><right><right><right><right><right><right><right><right><right><right><right><right><right><right><right><right><right><right>",
    );
    assert_eq!(
        a.review.as_ref().map(|r| r.at),
        Some(end),
        "the last step is the end"
    );
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("REVIEW")));
    press(&mut a, "akx");
    assert_eq!(
        a.review.as_ref().map(|r| r.transcript.actions().count()),
        Some(
            review_of_tutorial()
                .review
                .unwrap()
                .transcript
                .actions()
                .count()
        ),
        "keys that act while playing do nothing in review"
    );
}

#[test]
fn review_shows_hostile_notes_and_commands_harmlessly() {
    let hostile = "\u{1b}]0;PWN\u{7}\u{1b}[2J\u{8}\r\u{202e}\u{9b}31m\u{7f}";
    let (sc, text) = crate::record::tests::recorded_playtest("tutorial", 0);
    // Raw control characters inside RON strings, as a hostile file has them.
    let text = text.replace("Run(\"", &format!("Run(\"{hostile}"));
    let t = crate::record::Transcript::read(&text);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let r = crate::record::replay(sc.clone(), &t);
    let note = crate::record::debrief::Note {
        at: 0,
        text: format!("{hostile}note"),
        author: format!("{hostile}maya"),
    };
    let mut a = app(true);
    a.start_review(super::review::Review::new(sc, t, &r, vec![note]));
    let forbidden = crate::base::printable::is_forbidden_char;
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("\\u{1b}]0;PWN"),
        "the note and its author are shown: {shown}"
    );
    for _ in 0..12 {
        let notice = a.notice.clone().unwrap_or_default();
        assert!(!notice.chars().any(forbidden), "{notice:?}");
        let shown = screen(&a, 100, 30);
        assert!(!shown.chars().any(forbidden), "{shown}");
        press(&mut a, "<right>");
    }
}

#[test]
fn review_notes_wait_for_the_front_end_to_save_them() {
    let mut a = review_of_tutorial();
    press(&mut a, "<right>nfirst<enter><right>n<esc>");
    let (me, notes) = a.take_my_notes().unwrap();
    assert_eq!(me, "maya");
    assert_eq!(notes.len(), 1, "Esc pins nothing");
    assert_eq!(notes[0].text, "first");
    assert_eq!(notes[0].author, "maya");
    assert!(a.take_my_notes().is_none(), "nothing changed since");
    press(&mut a, "q");
    assert!(a.quit);
}

/// A writer the test can read back: the transcript a recorded game writes.
#[derive(Clone, Default)]
pub(super) struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The UI, in practice mode, recording every game into `written`.
pub(super) fn recording_app(written: &Shared) -> App {
    let mut a = app(true);
    let sink = written.clone();
    a.recorder = Some(Box::new(move |entry, seed, support, pace| {
        let header = crate::transcripts::header(entry, seed, "test", support, pace);
        let out: Box<dyn std::io::Write + Send> = Box::new(sink.clone());
        let journal = crate::record::Journal::start(out, &header).ok()?;
        Some(crate::game::Recording {
            journal,
            path: "test.ron".to_string(),
        })
    }));
    a
}

#[test]
fn a_recorded_game_asks_the_three_questions_at_the_end() {
    let written = Shared::default();
    let mut a = recording_app(&written);
    press(&mut a, "<enter>wwwwa<tab><tab><tab><right><left>");
    finish_tutorial_calmly(&mut a);
    assert!(matches!(a.screen, Screen::End(_)), "{:?}", a.notice);
    insta::assert_snapshot!("end_asking_80x24", screen(&a, 80, 24));
    // Keys typed as the drill ended were meant for the game.
    press(&mut a, "df -h<enter>");
    assert!(
        matches!(&a.screen, Screen::End(e) if e.asking.as_ref().is_some_and(|(n, t)| *n == 0 && t.value().is_empty()))
    );
    assert_eq!(a.next_wake(), Some(super::app::SETTLE));
    a.advance(std::time::Duration::from_millis(600));
    press(&mut a, "x");
    assert!(
        a.advance(std::time::Duration::from_millis(400)),
        "redrawn when keys come in"
    );
    assert!(
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Your answers now"))
    );
    assert_eq!(a.next_wake(), None);
    press(&mut a, "the pager<enter><enter>which keys<enter>");
    assert!(matches!(&a.screen, Screen::End(e) if e.asking.is_none()));
    let text = String::from_utf8(written.0.lock().unwrap().clone()).unwrap();
    let t = crate::record::Transcript::read(&text);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert_eq!(
        t.header.as_ref().map(|h| h.scenario.as_str()),
        Some("tutorial")
    );
    assert_eq!(
        t.answers(),
        vec![
            ("What felt real?".to_string(), "the pager".to_string()),
            ("What felt fake?".to_string(), String::new()),
            ("What was confusing?".to_string(), "which keys".to_string()),
        ],
        "an empty answer is a question skipped"
    );
    assert!(
        t.actions()
            .any(|(_, a)| *a == crate::sim::Action::Run("df -h".into()))
    );
    press(&mut a, "<enter>");
    assert!(matches!(a.screen, Screen::Picker { .. }));
}

/// Where the terminal cursor is after drawing.
fn cursor(app: &App, w: u16, h: u16) -> ratatui::layout::Position {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t.get_cursor_position().unwrap()
}

#[test]
fn the_shell_line_edits_where_the_cursor_is() {
    let mut a = paged_tutorial();
    press(&mut a, ":abc<left>X");
    assert_eq!(game(&a).shell.input.value(), "abXc");
    assert!(
        a.notice
            .as_deref()
            .is_none_or(|n| !n.contains("does nothing")),
        "{:?}",
        a.notice
    );
    // `$ abXc`, the cursor on the `c`: the shell is the bottom-right pane.
    let s = screen(&a, 80, 24);
    let row = s.lines().position(|l| l.contains("$ abXc")).unwrap();
    let line = s.lines().nth(row).unwrap();
    let col = line[..line.find("$ abXc").unwrap()].chars().count() + 5;
    let at = cursor(&a, 80, 24);
    // The backend prints each row quoted, so columns are one to the right.
    assert_eq!((usize::from(at.x) + 1, usize::from(at.y)), (col, row));
    press(&mut a, "<home>[<end>]<c-a><del><c-e><bs>");
    assert_eq!(game(&a).shell.input.value(), "abXc");
    press(&mut a, "<c-w>df -h /var<a-b><a-b><c-k>");
    assert_eq!(game(&a).shell.input.value(), "df -");
    press(&mut a, "h<c-left><c-u><c-right>x");
    assert_eq!(game(&a).shell.input.value(), "hx");
    a.paste("\tfree\n -m");
    assert_eq!(game(&a).shell.input.value(), "hx free  -m");
    press(&mut a, "<c-u>df -h<enter><up><left><left><left>X");
    assert_eq!(
        game(&a).shell.input.value(),
        "dfX -h",
        "a line from the history edits too"
    );
    press(&mut a, "<esc>");
    assert_ne!(game(&a).focus, Pane::Shell);
    a.paste("df");
    assert!(a.notice.as_deref().is_some_and(|n| n.contains("Pasting")));
}

#[test]
fn every_text_field_takes_the_same_editing_keys() {
    let mut a = paged_tutorial();
    press(&mut a, "uabc<left>X<home>Y");
    match &a.overlay {
        Some(Overlay::Status(s)) => assert_eq!(s.text.value(), "YabXc"),
        other => panic!("{other:?}"),
    }
    a.paste("!");
    press(&mut a, "<esc>mhi<c-a>oh <end>.");
    match &a.overlay {
        Some(Overlay::PageSomeone(p)) => assert_eq!(p.text.value(), "oh hi."),
        other => panic!("{other:?}"),
    }
    let mut r = review_of_tutorial();
    press(&mut r, "nlook<home>do <end> first");
    match &r.overlay {
        Some(Overlay::Note(n)) => assert_eq!(n.text.value(), "do look first"),
        other => panic!("{other:?}"),
    }
}

/// The issue's case: `resolve` moved to `x` in the player's keymap.
#[test]
fn a_remapped_key_shows_in_the_hints_and_the_help_and_works() {
    let mut a = app_with_keys(true, Some("(pager: { \"resolve\": [\"x\"] })"));
    assert_eq!(a.notice, None, "a good keymap warns of nothing");
    press(&mut a, "<enter>wwww<tab><tab>");
    assert_eq!(game(&a).focus, Pane::Pager);
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.contains("x resolves"), "{notice}");
    assert!(!notice.contains("r resolves"), "{notice}");
    press(&mut a, "r");
    assert_eq!(
        a.notice.as_deref(),
        Some("r does nothing in the Pager pane: your keymap moved `resolve` to x")
    );
    let sel = game(&a).pager_sel;
    assert_ne!(
        game(&a).sim().pages()[sel].state,
        crate::sim::PageState::Resolved
    );
    press(&mut a, "x");
    assert_eq!(
        game(&a).sim().pages()[sel].state,
        crate::sim::PageState::Resolved
    );
    press(&mut a, "?");
    let help = screen(&a, 120, 40);
    assert!(
        help.contains("  x                  resolve the selected page's alert"),
        "{help}"
    );
    assert!(!help.contains("  r                  resolve"), "{help}");
}

#[test]
fn a_misspelt_action_in_the_keymap_is_named_and_the_game_goes_on() {
    let mut a = app_with_keys(true, Some("(pager: { \"reslove\": [\"x\"] })"));
    let notice = a.notice.clone().unwrap_or_default();
    assert!(
        notice.contains(
            "keymap.ron: `reslove` is not an action of `pager` (did you mean `resolve`?)"
        ),
        "{notice}"
    );
    press(&mut a, "<enter>wwww<tab><tab>r");
    let sel = game(&a).pager_sel;
    assert_eq!(
        game(&a).sim().pages()[sel].state,
        crate::sim::PageState::Resolved,
        "the default key still works"
    );
}

#[test]
fn a_keymap_without_a_way_out_is_warned_about_and_the_way_out_works() {
    let trap = "(picker: { \"quit\": [] }, global: { \"quit\": [] })";
    let mut a = app_with_keys(true, Some(trap));
    press(&mut a, "q");
    assert!(a.quit, "q leaves the picker again");
    // A game started at once keeps the warning on screen until a key.
    let mut a = app_with_keys(true, Some(trap));
    a.start(0);
    let notice = a.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("no key would leave the scenario picker")
            && notice.contains("no key would leave the play screen"),
        "{notice}"
    );
    press(&mut a, "q");
    assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
    press(&mut a, "y");
    assert!(a.quit);
}

/// A hint the scenario has ready is announced with the key in force, and
/// that key shows it; before one is ready the key explains why nothing
/// happened.
#[test]
fn the_hint_key_reads_a_ready_hint() {
    let mut a = app_with_keys(true, Some("(global: { \"hint\": [\"x\"] })"));
    press(&mut a, "<enter>");
    press(&mut a, "x");
    assert!(
        !screen(&a, 120, 40).contains("HINT ("),
        "no hint is ready yet"
    );
    // The tutorial's first hint: the page is still ringing two minutes on.
    press(&mut a, "wwwwwwwwwwww");
    let s = screen(&a, 120, 40);
    assert!(s.contains("(a hint is ready: press x to read it)"), "{s}");
    press(&mut a, "x");
    let s = screen(&a, 120, 40);
    assert!(s.contains("HINT (Acknowledge the page)"), "{s}");
}

#[test]
fn the_player_sees_who_watches_who_has_the_keyboard_and_takes_it_back() {
    use crate::game::buddy::{Heard, Request};
    use crate::record::SeatChange;
    let mut a = paged_tutorial();
    let joined = Heard::Seat {
        who: "ana".into(),
        change: SeatChange::Joined,
    };
    a.hear(vec![joined]);
    assert!(screen(&a, 120, 40).contains("watched by ana"));
    let whisper = Heard::Request {
        who: "ana".into(),
        request: Request::Whisper("look at the disk graph".into()),
    };
    let take = Heard::Request {
        who: "ana".into(),
        request: Request::Keyboard(true),
    };
    a.hear(vec![whisper, take]);
    let s = screen(&a, 120, 40);
    assert!(s.contains("ana HAS THE KEYBOARD"), "{s}");
    assert!(
        s.contains("[your mentor whispers] look at the disk graph"),
        "{s}"
    );
    let before = game(&a).sim().now();
    press(&mut a, "w");
    assert_eq!(game(&a).sim().now(), before, "the player's key waits");
    assert!(
        a.notice
            .as_deref()
            .unwrap()
            .contains("ana has the keyboard")
    );
    assert!(a.notice.as_deref().unwrap().contains("K takes it back"));
    press(&mut a, "K");
    assert_eq!(game(&a).session.keyboard(), None);
    press(&mut a, "w");
    assert!(game(&a).sim().now() > before);
}

/// The picker shows the support level the next game starts at, its key
/// changes it, and the game plays at it: guided shows hints on their own,
/// solo has none and its help lists no hint key.
#[test]
fn the_picker_chooses_the_support_level() {
    let mut a = app(true);
    let s = screen(&a, 80, 24);
    assert!(s.contains("Support (s changes)"), "{s}");
    assert!(s.contains("[assisted]"), "{s}");
    assert!(s.contains("s support"), "the hint bar names the key:\n{s}");
    press(&mut a, "s");
    assert_eq!(a.options.support, crate::sim::Support::Solo);
    assert!(screen(&a, 80, 24).contains("[solo]"));
    press(&mut a, "s");
    assert_eq!(a.options.support, crate::sim::Support::Guided);
    let s = screen(&a, 80, 24);
    assert!(s.contains("[guided]"), "{s}");
    assert!(s.contains("hints appear on their own"), "{s}");
    insta::assert_snapshot!("picker_guided_80x24", s);
    press(&mut a, "<enter>wwwwwwwwwwww");
    assert_eq!(game(&a).sim().support(), crate::sim::Support::Guided);
    let s = screen(&a, 120, 40);
    assert!(s.contains("HINT (Acknowledge the page)"), "{s}");
    assert!(!s.contains("a hint is ready"), "{s}");
    press(&mut a, "?");
    let help = screen(&a, 120, 40);
    assert!(help.contains("guided: they appear on their own"), "{help}");
}

#[test]
fn a_solo_game_offers_no_hint_and_its_help_has_no_hint_key() {
    let mut a = app(true);
    press(&mut a, "s");
    press(&mut a, "<enter>wwwwwwwwwwww");
    assert_eq!(game(&a).sim().support(), crate::sim::Support::Solo);
    let s = screen(&a, 120, 40);
    assert!(!s.contains("a hint is ready"), "{s}");
    press(&mut a, "i");
    assert_eq!(a.notice.as_deref(), Some("Not done: hints are off in solo"));
    press(&mut a, "?");
    let help = screen(&a, 120, 40);
    assert!(help.contains("let 30 seconds pass"), "{help}");
    assert!(!help.contains(Command::Hint.doc()), "{help}");
    assert!(!help.contains("(hints)"), "{help}");
}

/// Review shows a guided game's hints where they appeared on their own, and
/// the mentor's injects among the decisions.
#[test]
fn review_shows_hints_and_injects_at_their_moments() {
    let (sc, hash) = crate::record::tests::shipped("tutorial");
    let test = sc
        .tests
        .iter()
        .position(|t| t.name == "mentor_and_hints")
        .unwrap();
    let text =
        crate::record::record_playthrough_with(&sc, &hash, test, crate::sim::Support::Guided)
            .unwrap();
    let t = crate::record::Transcript::read(&text);
    let r = crate::record::replay(sc.clone(), &t);
    let review = super::review::Review::new(sc, t, &r, Vec::new());
    assert!(
        review
            .decisions
            .iter()
            .any(|(_, what)| what.contains("maya_away")),
        "{:?}",
        review.decisions
    );
    let mut a = app(true);
    a.start_review(review);
    press(&mut a, "<right>");
    let s = screen(&a, 120, 40);
    assert!(s.contains("HINT (Acknowledge the page)"), "{s}");
    press(&mut a, "<right><right>");
    let s = screen(&a, 120, 40);
    assert!(s.contains("[from your mentor] Maya steps away"), "{s}");
}

/// The hypothesis key opens a one-line field; Enter journals what was typed
/// (the game goes on), and the debrief lists it. The dashboard's graphs are
/// journaled as they come on screen, so the debrief counts them.
#[test]
fn the_hypothesis_key_notes_a_hypothesis_for_the_debrief() {
    let written = Shared::default();
    let mut a = recording_app(&written);
    press(&mut a, "<enter>ww");
    let before = game(&a).sim().now();
    press(&mut a, "tlogrotate is \u{1b}stuck, 70% sure");
    assert!(matches!(a.overlay, Some(Overlay::Hypothesis(_))));
    insta::assert_snapshot!("hypothesis_80x24", screen(&a, 80, 24));
    press(&mut a, "<enter>");
    assert!(a.overlay.is_none());
    assert!(
        a.notice.as_deref().unwrap_or_default().contains("noted"),
        "{:?}",
        a.notice
    );
    assert_eq!(game(&a).sim().now(), before, "noting takes no game time");
    press(&mut a, "t   <enter><backtab><backtab><right>");
    finish_tutorial_calmly(&mut a);
    // The player leaves: the dashboard goes off screen.
    a.stop_recording();
    let text = String::from_utf8(written.0.lock().unwrap().clone()).unwrap();
    let t = crate::record::Transcript::read(&text);
    let noted: Vec<&str> = t.hypotheses().map(|(_, _, text, _)| text).collect();
    // The field takes no control character; an empty hypothesis is dropped.
    assert_eq!(noted, ["logrotate is stuck, 70% sure"]);
    let shown: Vec<&[String]> = t
        .entries
        .iter()
        .filter_map(|e| match e {
            crate::record::Entry::Shown { graphs, .. } => Some(graphs.as_slice()),
            _ => None,
        })
        .collect();
    let sc = game_scenario("tutorial");
    let first = [sc.metrics[0].name.clone()];
    let second = [sc.metrics[1].name.clone()];
    // The runbook read in between hid the dashboard; leaving hid it for good.
    let none: &[String] = &[];
    assert_eq!(
        shown,
        [&first[..], &second[..], none, &second[..], none],
        "{text}"
    );
    let r = crate::record::replay(sc.clone(), &t);
    assert_eq!(r.divergence, None);
    let d = crate::record::debrief::build(&sc, &t, &r, &[]);
    let h = &d.reasoning.hypotheses[0];
    assert_eq!(h.matched.as_deref(), Some(&["logrotate".to_string()][..]));
    let first_graph = d
        .evidence
        .looked_at
        .iter()
        .find(|l| l.name == first[0])
        .unwrap();
    assert!(first_graph.on_screen.is_some(), "{first_graph:?}");
    // Moving to the dashboard (the back-tabs above) looked at it once.
    assert_eq!(first_graph.times.len(), 1, "{first_graph:?}");
}

fn game_scenario(id: &str) -> std::sync::Arc<crate::scenario::Scenario> {
    std::sync::Arc::new(
        crate::library::check(crate::library::find(id).unwrap())
            .scenario
            .unwrap(),
    )
}

#[test]
fn the_shell_pane_shows_the_prompt_as_cd_and_ssh_change_it() {
    let mut a = paged_tutorial();
    assert_eq!(game(&a).shell.prompt, "oncall@thumbs-01:~$");
    press(&mut a, ":cd /var/log/thumbs<enter>");
    assert_eq!(game(&a).shell.prompt, "oncall@thumbs-01:/var/log/thumbs$");
    press(&mut a, "tail -n 1 worker.log<enter>");
    insta::assert_snapshot!("shell_prompt_80x24", screen(&a, 80, 24));
    insta::assert_snapshot!("shell_prompt_120x40", screen(&a, 120, 40));
    press(&mut a, "sudo rm worker.log<enter>");
    let out = screen(&a, 120, 40);
    assert!(out.contains("oncall is not in the sudoers file"), "{out}");
    assert!(
        !out.to_lowercase().contains("password"),
        "never a password prompt"
    );
}

/// The feeling key asks how the moment felt, then why; Enter journals it
/// at the moment it was noted, for the scenario's author.
#[test]
fn the_feeling_key_notes_how_the_moment_felt() {
    let written = Shared::default();
    let mut a = recording_app(&written);
    press(&mut a, "<enter>ww");
    let before = game(&a).sim().now();
    press(&mut a, "fx");
    assert!(matches!(a.overlay, Some(Overlay::Feedback(ref n)) if n.kind.is_none()));
    press(&mut a, "fthe disk fills too fast");
    assert!(matches!(a.overlay, Some(Overlay::Feedback(ref n)) if n.kind.is_some()));
    press(&mut a, "<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(game(&a).sim().now(), before, "noting takes no game time");
    press(&mut a, "f<esc>");
    assert!(a.overlay.is_none());
    a.stop_recording();
    let text = String::from_utf8(written.0.lock().unwrap().clone()).unwrap();
    let t = crate::record::Transcript::read(&text);
    let noted: Vec<_> = t
        .entries
        .iter()
        .filter_map(|e| match e {
            crate::record::Entry::Feedback { at, kind, text, .. } => {
                Some((*at, *kind, text.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        noted,
        [(
            before,
            crate::record::Feeling::Fake,
            "the disk fills too fast"
        )]
    );
}
