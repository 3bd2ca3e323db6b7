//! Every line that tells the player which key does what: the hint bar, the
//! pane notices and the "does nothing" notices. Each is built from the keymap
//! in force and the commands' own words, so a remapped key shows everywhere.

use super::app::{App, Pane, Screen};
use super::command::{Command, Context};
use super::config::{Key, Keymap};
use crate::sim::Support;

/// `r resolves`: the keys of a command and its hint word, or nothing when
/// the player's keymap left it without a key.
fn item(k: &Keymap, context: Context, command: Command) -> Option<String> {
    let keys = k.keys(context, command);
    (!keys.is_empty()).then(|| format!("{keys} {}", command.hint()))
}

/// `Up/Down select`: the first key of each of two commands, and what they do.
fn pair(k: &Keymap, context: Context, a: Command, b: Command, what: &str) -> Option<String> {
    let keys: Vec<String> = [a, b]
        .iter()
        .filter_map(|c| k.first_key(context, *c))
        .collect();
    (!keys.is_empty()).then(|| format!("{} {what}", keys.join("/")))
}

/// The keys of a command for a sentence, or `(no key)`.
pub(super) fn keys_or_none(k: &Keymap, context: Context, command: Command) -> String {
    let keys = k.keys(context, command);
    if keys.is_empty() {
        "(no key)".into()
    } else {
        keys
    }
}

fn join(items: impl IntoIterator<Item = Option<String>>, sep: &str) -> String {
    items.into_iter().flatten().collect::<Vec<_>>().join(sep)
}

/// The notice shown when a pane takes the focus.
pub fn pane_notice(k: &Keymap, pane: Pane) -> String {
    use Command::{
        Ack, Choose, Down, Escalate, NextMetric, PageSomeone, PrevMetric, Resolve, Silence, Up,
    };
    let updown = |ctx, what| pair(k, ctx, Up, Down, what);
    let body = match pane {
        Pane::Shell => {
            return "Shell: type a command and press Enter (Tab completes, Ctrl-R searches, Esc leaves)".into();
        }
        Pane::Pager => join(
            [
                updown(Context::Pager, "select"),
                item(k, Context::Pager, Ack),
                item(k, Context::Pager, Resolve),
                item(k, Context::Pager, Silence),
                item(k, Context::Pager, Escalate),
            ],
            ", ",
        ),
        Pane::Dashboard => join(
            [
                pair(
                    k,
                    Context::Dashboard,
                    PrevMetric,
                    NextMetric,
                    "switch graphs",
                ),
                graph_window(k),
            ],
            ", ",
        ),
        Pane::Chat => join(
            [
                updown(Context::Chat, "scroll"),
                Some(format!(
                    "{} pages someone",
                    keys_or_none(k, Context::Global, PageSomeone)
                )),
            ],
            "; ",
        ),
        Pane::Story => {
            let select = pair(k, Context::Story, Up, Down, "").unwrap_or_default();
            format!(
                "number keys or {}and {} choose",
                select,
                keys_or_none(k, Context::Story, Choose)
            )
        }
    };
    format!("{}: {body}", pane.title())
}

/// `[/] shorter/longer time`: the keys that change the graph's window.
fn graph_window(k: &Keymap) -> Option<String> {
    use Command::{NarrowerGraph, WiderGraph};
    pair(
        k,
        Context::Dashboard,
        NarrowerGraph,
        WiderGraph,
        "shorter/longer time",
    )
}

/// Why a key did nothing, and, when the player's keymap moved the command
/// that key had by default, where it went.
pub fn does_nothing(k: &Keymap, key: Key, pane: Pane) -> String {
    let here = format!("{} does nothing in the {} pane", key.label(), pane.title());
    let moved = pane
        .context()
        .and_then(|ctx| k.moved(ctx, key).map(|c| (ctx, c)))
        .or_else(|| k.moved(Context::Global, key).map(|c| (Context::Global, c)));
    match moved {
        Some((ctx, c)) => format!(
            "{here}: your keymap moved `{}` to {}",
            c.name(),
            keys_or_none(k, ctx, c)
        ),
        None => format!(
            "{here}; {} lists the keys",
            keys_or_none(k, Context::Global, Command::Help)
        ),
    }
}

/// What the picker says to a key it has no use for.
pub fn picker_notice(k: &Keymap) -> String {
    format!(
        "{} chooses, {} plays, {} quits",
        keys_or_none(k, Context::Picker, Command::Down),
        keys_or_none(k, Context::Picker, Command::Play),
        keys_or_none(k, Context::Picker, Command::Quit)
    )
}

/// What the picker says when the support level changes.
pub fn support_notice(level: Support) -> String {
    format!(
        "Support level: {level} ({}) for the next game",
        level.what()
    )
}

/// What the play screen's hint bar offers now: a page to acknowledge, a
/// choice to take (a prompt for neither would be stale).
#[derive(Debug, Clone, Copy)]
struct Waiting {
    pages: bool,
    choices: bool,
}

impl Waiting {
    #[cfg(test)]
    const ALL: Waiting = Waiting {
        pages: true,
        choices: true,
    };

    fn of(g: &super::app::Game) -> Waiting {
        Waiting {
            pages: g
                .sim()
                .pages()
                .iter()
                .any(|p| p.state == crate::sim::PageState::Triggered),
            choices: !g.sim().choices().is_empty(),
        }
    }
}

/// The hint bar of the play screen, outside the shell.
fn play_bar(k: &Keymap, waiting: Waiting) -> String {
    use Command::{
        AckAll, Feedback, Help, Hypothesis, NextPane, PageSomeone, Pause, Quit, ReadDocs, Shell,
        StatusPage, Wait,
    };
    let g = Context::Global;
    let mut items = vec![
        item(k, g, NextPane),
        waiting.choices.then(|| "1-9 choose".into()),
        waiting.pages.then(|| item(k, g, AckAll)).flatten(),
    ];
    items.extend(
        [
            Shell,
            StatusPage,
            ReadDocs,
            Hypothesis,
            Feedback,
            PageSomeone,
            Wait,
            Pause,
            Help,
            Quit,
        ]
        .map(|c| item(k, g, c)),
    );
    join(items, "  ")
}

/// The hint bar of mentor review.
fn review_bar(k: &Keymap) -> String {
    use Command::{
        First, Fork, Help, Last, MinuteBack, MinuteOn, NextDecision, NextMoment, NextNote,
        NextPane, Note, PrevDecision, PrevMoment, PrevNote, Quit,
    };
    let r = Context::Review;
    join(
        [
            pair(k, r, PrevDecision, NextDecision, "decision"),
            pair(k, r, PrevMoment, NextMoment, "moment"),
            pair(k, r, MinuteBack, MinuteOn, "minute"),
            pair(k, r, First, Last, "start/end"),
            item(k, r, NextPane),
            item(k, r, Note),
            pair(k, r, PrevNote, NextNote, "notes"),
            item(k, r, Fork),
            item(k, r, Help),
            item(k, r, Quit),
        ],
        "  ",
    )
}

/// The hint bar of the watcher: looking around or following (whichever is
/// not on), the mentor view, stepping in (with a seat), moving, help, quit.
fn watch_bar(k: &Keymap, w: &super::watch::Watch, holding: bool) -> String {
    use Command::{
        Down, Follow, Help, Inject, LookAround, MentorView, NextPane, Quit, TakeKeyboard, Up,
        Whisper,
    };
    let c = Context::Watch;
    let live = w.state == super::watch::State::Live;
    if holding {
        return join(
            [
                Some("you have the keyboard: the player's keys act".into()),
                k.first_key(c, TakeKeyboard)
                    .map(|key| format!("{key} hands it back")),
                item(k, c, Help),
                item(k, c, Quit),
            ],
            "  ",
        );
    }
    let seated = live && w.me.is_some();
    let how = match (live, w.following) {
        (false, _) => None,
        (true, true) => item(k, c, LookAround),
        (true, false) => item(k, c, Follow),
    };
    let moving = if w.mentor {
        pair(k, c, Up, Down, "scroll")
    } else {
        live.then(|| item(k, c, NextPane)).flatten()
    };
    let step_in = |command| seated.then(|| item(k, c, command)).flatten();
    join(
        [
            how,
            item(k, c, MentorView),
            step_in(Whisper),
            step_in(Inject),
            step_in(TakeKeyboard),
            (!seated).then_some(moving).flatten(),
            item(k, c, Help),
            item(k, c, Quit),
            (!seated).then(|| "(read-only)".into()),
        ],
        "  ",
    )
}

impl App {
    /// The hint bar: the most useful keys right now.
    pub fn hints(&self) -> String {
        let k = &self.config.keymap;
        if let Some(o) = &self.overlay {
            return o.hint().into();
        }
        if self.review.is_some() {
            return review_bar(k);
        }
        if let Some(w) = &self.watch {
            return watch_bar(k, w, self.holds_keyboard());
        }
        let p = Context::Picker;
        match &self.screen {
            Screen::Picker { .. } => join(
                [
                    // As it always read: the down keys stand for moving.
                    (!k.keys(p, Command::Down).is_empty())
                        .then(|| format!("{} select", k.keys(p, Command::Down))),
                    item(k, p, Command::Play),
                    item(k, p, Command::Support),
                    item(k, p, Command::Help),
                    item(k, p, Command::Quit),
                ],
                "  ",
            ),
            Screen::End(e) if e.asking.is_some() => {
                "type your answer  Enter next question (empty skips)  Esc skips the rest".into()
            }
            Screen::End(_) => join(
                [
                    Some("Enter back to the scenarios".into()),
                    Some(super::end::SCROLL_HINT.into()),
                    item(k, Context::Global, Command::Quit),
                ],
                "  ",
            ),
            Screen::Play(g) if g.focus == Pane::Shell => {
                "type a command, Enter runs  Tab completes (or moves on when empty)  Up/Down history  Ctrl-R search  Esc leaves".into()
            }
            // The graph's own keys first while it has the keys.
            Screen::Play(g) if g.focus == Pane::Dashboard => {
                join([graph_window(k), Some(play_bar(k, Waiting::of(g)))], "  ")
            }
            Screen::Play(g) => play_bar(k, Waiting::of(g)),
        }
    }
}

/// The notice after Ctrl-C in the shell: the line went, and how to leave
/// instead (Ctrl-C itself never does).
pub fn interrupted(k: &Keymap) -> String {
    match k.first_key(Context::Global, Command::Quit) {
        Some(q) => format!("^C: line dropped. To leave the drill: Esc, then {q} (it asks first)"),
        None => "^C: line dropped (Ctrl-C never leaves the drill)".into(),
    }
}

/// The notice when a game starts: the clock's mode and the keys to begin with.
pub fn start_notice(k: &Keymap, practice: bool) -> String {
    let key = |c| keys_or_none(k, Context::Global, c);
    let mode = if practice {
        "practice mode: the clock moves when you act".to_string()
    } else {
        format!("real time: {} pauses", key(Command::Pause))
    };
    format!(
        "{mode}; {} moves between panes; {} lists every key",
        key(Command::NextPane),
        key(Command::Help)
    )
}

/// How the notice of a page for the player begins.
pub const PAGE_NOTICE: &str = "PAGE: ";

/// The notice when a page arrives for the player.
pub fn page_notice(k: &Keymap, text: &str) -> String {
    format!(
        "{PAGE_NOTICE}{text}  ({} acknowledges)",
        keys_or_none(k, Context::Global, Command::AckAll)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::config::{Config, Overrides};

    fn keymap(text: &str) -> Keymap {
        Config::load(&Overrides {
            keymap: Some(("keymap.ron".into(), text.into())),
            ..Overrides::default()
        })
        .keymap
    }

    #[test]
    fn the_default_notices_read_as_before() {
        let k = keymap("()");
        assert_eq!(
            pane_notice(&k, Pane::Pager),
            "Pager: Up/Down select, Enter acknowledges, r resolves, s silences, e escalates"
        );
        assert_eq!(
            pane_notice(&k, Pane::Dashboard),
            "Dashboard: Left/Right switch graphs, [/] shorter/longer time"
        );
        assert_eq!(
            pane_notice(&k, Pane::Chat),
            "Chat: Up/Down scroll; m pages someone"
        );
        assert_eq!(
            pane_notice(&k, Pane::Story),
            "Story: number keys or Up/Down and Enter choose"
        );
        assert_eq!(
            play_bar(&k, Waiting::ALL),
            "Tab pane  1-9 choose  a ack  :/$ shell  u status  b runbooks  t hypothesis  f feeling  m page  w wait  Space/p pause  ?/F1 help  q quit"
        );
    }

    #[test]
    fn a_remapped_key_shows_in_every_hint() {
        let k = keymap(
            "(pager: { \"resolve\": [\"x\"], \"escalate\": [] }, global: { \"shell\": [\"!\"] }, \
             review: { \"note\": [\"ctrl-n\"] })",
        );
        assert_eq!(
            pane_notice(&k, Pane::Pager),
            "Pager: Up/Down select, Enter acknowledges, x resolves, s silences"
        );
        let bar = play_bar(&k, Waiting::ALL);
        assert!(bar.contains("  ! shell  "), "{bar}");
        let calm = play_bar(
            &k,
            Waiting {
                pages: false,
                choices: false,
            },
        );
        assert!(!calm.contains("ack") && !calm.contains("choose"), "{calm}");
        assert!(review_bar(&k).contains("Ctrl-n note"), "{}", review_bar(&k));
        let r = Key::parse("r").unwrap();
        assert_eq!(
            does_nothing(&k, r, Pane::Pager),
            "r does nothing in the Pager pane: your keymap moved `resolve` to x"
        );
        let z = Key::parse("z").unwrap();
        assert_eq!(
            does_nothing(&k, z, Pane::Pager),
            "z does nothing in the Pager pane; ?/F1 lists the keys"
        );
    }
}
