//! Every action a key can be bound to, as a typed [`Command`], with the words
//! the help screen and the hints use for it, and the keymap sections
//! ([`Context`]) that may bind it. Handlers `match` on `Command` exhaustively,
//! so a misspelt action is a compile error, and a misspelt name in a keymap
//! file is reported by name (see `config`).

use serde::Deserialize;

/// Declares the commands with their keymap names and words, in the order the
/// help screen lists them (helix's `static_commands!` idea).
macro_rules! commands {
    ($($variant:ident = $name:literal, $hint:literal, $doc:literal;)*) => {
        /// A thing a key does. The serde name is the action name in `keymap.ron`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Command {
            $($variant,)*
        }

        impl Command {
            /// Every command, in help order.
            pub const ALL: &[Command] = &[$(Command::$variant,)*];

            /// Its name in `keymap.ron`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => $name,)*
                }
            }

            /// A word or two for the hint bar and pane notices: `r resolves`.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Command::$variant => $hint,)*
                }
            }

            /// What it does, for the help screen.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Command::$variant => $doc,)*
                }
            }
        }
    };
}

commands! {
    Quit = "quit", "quit", "quit";
    Help = "help", "help", "list the keys (this screen)";
    Pause = "pause", "pause", "pause or go on (real time only)";
    Faster = "faster", "faster", "double the speed";
    Slower = "slower", "slower", "halve the speed";
    NextPane = "next_pane", "pane", "next pane";
    PrevPane = "prev_pane", "back", "previous pane";
    AckAll = "ack_all", "ack", "acknowledge every open page";
    StatusPage = "status_page", "status", "post to the public status page";
    ReadDocs = "read_docs", "runbooks", "read the runbooks and logs";
    PageSomeone = "page_someone", "page", "page a colleague";
    Shell = "shell", "shell", "type in the shell";
    Wait = "wait", "wait", "let 30 seconds pass";
    Hint = "hint", "hint", "read a hint the scenario has ready";
    Hypothesis = "hypothesis", "hypothesis", "note your working hypothesis, for the debrief";
    Feedback = "feedback", "feeling", "tell the author this moment felt real, felt fake or was confusing";
    Keyboard = "keyboard", "keyboard", "take the keyboard back from a mentor who has it";
    Up = "up", "up", "up: select, or scroll back";
    Down = "down", "down", "down: select, or scroll on";
    Ack = "ack", "acknowledges", "acknowledge the selected page";
    Resolve = "resolve", "resolves", "resolve the selected page's alert";
    Silence = "silence", "silences", "silence the selected page's alert";
    Escalate = "escalate", "escalates", "page the next person in the escalation policy";
    PrevMetric = "prev_metric", "previous graph", "previous graph";
    NextMetric = "next_metric", "next graph", "next graph";
    NarrowerGraph = "narrower_graph", "shorter time", "show a shorter time in the graph (down to 5 minutes)";
    WiderGraph = "wider_graph", "longer time", "show a longer time in the graph (up to 2 hours)";
    Choose = "choose", "chooses", "take the selected choice";
    Play = "play", "play", "play the selected scenario";
    Support = "support", "support", "change the support level: guided, assisted or solo";
    NextDecision = "next_decision", "next decision", "next decision";
    PrevDecision = "prev_decision", "previous decision", "previous decision";
    NextMoment = "next_moment", "next moment", "next moment: anything that happened, inside a wait too";
    PrevMoment = "prev_moment", "previous moment", "previous moment";
    MinuteOn = "minute_on", "minute on", "one minute on";
    MinuteBack = "minute_back", "minute back", "one minute back";
    First = "first", "start", "the start";
    Last = "last", "end", "the last moment";
    Note = "note", "note", "pin a note to this moment";
    NextNote = "next_note", "next note", "the next note (yours and others')";
    PrevNote = "prev_note", "previous note", "the previous note";
    EditNote = "edit_note", "edit", "edit the selected note (your own)";
    DeleteNote = "delete_note", "delete", "delete the selected note (your own)";
    Fork = "fork", "fork", "what if: start a new game from this moment";
    LookAround = "look_around", "look around", "look around on your own (stop following the player)";
    Follow = "follow", "follow", "follow the player again (their pane and graph)";
    MentorView = "mentor_view", "mentor view", "show or hide the mentor view (the player never sees it)";
    Whisper = "whisper", "whisper", "whisper a hint to the player, in your words";
    Inject = "inject", "inject", "fire one of the scenario's injects";
    TakeKeyboard = "take_keyboard", "keyboard", "take the player's keyboard, or hand it back";
}

impl std::str::FromStr for Command {
    type Err = ();

    /// Reads an action name from a keymap file.
    fn from_str(s: &str) -> Result<Command, ()> {
        Command::ALL
            .iter()
            .copied()
            .find(|c| c.name() == s)
            .ok_or(())
    }
}

/// A section of the keymap: where its bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// The play screen, outside the shell (after the focused pane's keys).
    Global,
    Pager,
    Dashboard,
    Chat,
    Story,
    Picker,
    /// A mentor stepping through a recorded game.
    Review,
    /// A mentor watching a game in progress.
    Watch,
}

impl Context {
    /// Every section, in file order.
    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Pager,
        Context::Dashboard,
        Context::Chat,
        Context::Story,
        Context::Picker,
        Context::Review,
        Context::Watch,
    ];

    /// Its name in `keymap.ron`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Pager => "pager",
            Context::Dashboard => "dashboard",
            Context::Chat => "chat",
            Context::Story => "story",
            Context::Picker => "picker",
            Context::Review => "review",
            Context::Watch => "watch",
        }
    }

    /// The commands this section may bind; anything else in it is a mistake.
    pub fn commands(self) -> &'static [Command] {
        use Command::{
            Ack, AckAll, Choose, Down, Escalate, Faster, Feedback, First, Follow, Help, Hint,
            Hypothesis, Inject, Keyboard, Last, LookAround, MentorView, MinuteBack, MinuteOn,
            NextDecision, NextMetric, NextPane, Note, PageSomeone, Pause, Play, PrevDecision,
            PrevMetric, PrevPane, Quit, ReadDocs, Resolve, Shell, Silence, Slower, StatusPage,
            Support, TakeKeyboard, Up, Wait, Whisper,
        };
        use Command::{DeleteNote, EditNote, Fork, NextMoment, NextNote, PrevMoment, PrevNote};
        use Command::{NarrowerGraph, WiderGraph};
        match self {
            Context::Global => &[
                Quit,
                Help,
                Pause,
                Faster,
                Slower,
                NextPane,
                PrevPane,
                AckAll,
                StatusPage,
                ReadDocs,
                PageSomeone,
                Shell,
                Wait,
                Hint,
                Hypothesis,
                Feedback,
                Keyboard,
            ],
            Context::Pager => &[Up, Down, Ack, Resolve, Silence, Escalate],
            Context::Dashboard => &[PrevMetric, NextMetric, NarrowerGraph, WiderGraph],
            Context::Chat => &[Up, Down],
            Context::Story => &[Up, Down, Choose],
            Context::Picker => &[Up, Down, Play, Support, Pause, Faster, Slower, Quit, Help],
            Context::Review => &[
                NextDecision,
                PrevDecision,
                NextMoment,
                PrevMoment,
                MinuteOn,
                MinuteBack,
                First,
                Last,
                NextPane,
                PrevPane,
                Up,
                Down,
                Note,
                NextNote,
                PrevNote,
                EditNote,
                DeleteNote,
                Fork,
                NarrowerGraph,
                WiderGraph,
                Help,
                Quit,
            ],
            Context::Watch => &[
                LookAround,
                Follow,
                MentorView,
                Whisper,
                Inject,
                Pause,
                TakeKeyboard,
                NextPane,
                PrevPane,
                PrevMetric,
                NextMetric,
                NarrowerGraph,
                WiderGraph,
                Up,
                Down,
                Help,
                Quit,
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error, StrDeserializer};

    #[test]
    fn names_are_the_serde_names_and_read_back() {
        for c in Command::ALL {
            let de: StrDeserializer<Error> = c.name().into_deserializer();
            assert_eq!(Command::deserialize(de).ok(), Some(*c), "{c:?}");
            assert_eq!(c.name().parse::<Command>(), Ok(*c));
            assert!(!c.hint().is_empty() && !c.doc().is_empty());
        }
        assert!("resolv".parse::<Command>().is_err());
    }

    #[test]
    fn every_command_belongs_somewhere() {
        for c in Command::ALL {
            assert!(
                Context::ALL.iter().any(|ctx| ctx.commands().contains(c)),
                "{c:?} is in no keymap section"
            );
        }
    }
}
