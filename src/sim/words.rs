//! The wording of each event, once: the plain front end prints these lines,
//! the terminal UI puts them in its panes, and the debrief quotes them, so
//! a page that escalated reads the same everywhere.

use super::EventKind;
use crate::scenario::Outcome;

impl EventKind {
    /// One line that says what happened, with no time in front; `None` for
    /// events that only change what is on screen (a scene began).
    /// `ticket` says whether a page is a ticket (tickets close, pages resolve).
    pub fn headline(&self, ticket: bool) -> Option<String> {
        Some(match self {
            EventKind::Narration(text) => text.clone(),
            EventKind::Chat { name, text, .. } => format!("{name}: {text}"),
            EventKind::AlertFiring {
                alert,
                title,
                summary,
            } => format!("ALERT FIRING {alert}: {title} ({summary})"),
            EventKind::AlertResolved { alert, title } => format!("alert resolved {alert}: {title}"),
            EventKind::Page { page, to, text, .. } if to == "you" => {
                format!("*** PAGE #{page} *** {text}")
            }
            EventKind::Page { page, to, text, .. } => format!("page #{page} went to {to}: {text}"),
            EventKind::PageAcked { page } => format!("page #{page} acknowledged"),
            EventKind::PageResolved { page } if ticket => format!("ticket #{page} closed"),
            EventKind::PageResolved { page } => format!("page #{page} resolved"),
            EventKind::PageEscalated { page, to } => {
                format!("page #{page} was not acknowledged in time: escalated to {to}")
            }
            EventKind::Ticket { alert, text } => format!("ticket opened ({alert}): {text}"),
            EventKind::Shell { prompt, input, .. } if prompt.is_empty() => format!("$ {input}"),
            EventKind::Shell { prompt, input, .. } => format!("{prompt} {input}"),
            EventKind::Choices { .. } => "What do you do?".into(),
            EventKind::Scene { .. } => return None,
            EventKind::Document { title, .. } => format!("--- {title} ---"),
            EventKind::Graph { metric, value } if value == super::eval::NO_DATA => {
                format!("{metric} reports no data")
            }
            EventKind::Graph { metric, value } => format!("{metric} is at {value}"),
            EventKind::StatusPosted { state, text } => {
                format!("status page updated ({state}): {text}")
            }
            EventKind::PersonPaged { person, text } => format!("you paged {person}: {text}"),
            EventKind::Injected { title, .. } => format!("[from your mentor] {title}"),
            EventKind::Whispered { text } => format!("[your mentor whispers] {text}"),
            // The text waits for `hint`: a front end that shows hints on
            // their own (guided) prints the text itself.
            EventKind::HintAvailable { .. } => "(a hint is ready: type `hint` to read it)".into(),
            EventKind::HintShown { title, text, .. } => format!("HINT ({title}): {text}"),
            EventKind::Rejected(why) => format!("(not done: {why})"),
            EventKind::Ended { title, outcome, .. } => {
                format!("=== THE END: {title} ({}) ===", shout(*outcome))
            }
        })
    }
}

/// An outcome as the end of a drill announces it.
fn shout(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Resolved => "RESOLVED",
        Outcome::Mitigated => "MITIGATED",
        Outcome::Worse => "MADE WORSE",
        Outcome::TimedOut => "TIMED OUT",
        Outcome::Stopped => "STOPPED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escalation_reads_the_same_everywhere() {
        let e = EventKind::PageEscalated {
            page: 2,
            to: "Jonah".into(),
        };
        assert_eq!(
            e.headline(false).as_deref(),
            Some("page #2 was not acknowledged in time: escalated to Jonah")
        );
        assert_eq!(EventKind::Scene { scene: "s".into() }.headline(false), None);
        let closed = EventKind::PageResolved { page: 3 };
        assert_eq!(closed.headline(true).as_deref(), Some("ticket #3 closed"));
    }
}
