//! Watching a game in plain text (`firedrill watch --plain`): its events as
//! they come, in the plain front end's words, for screen readers, logs and
//! scripts; then the ending and the short summary, or that the game stopped.

use super::format;
use crate::game::feed::{Feed, RECENT, Update};
use crate::game::{Opened, Pace, Session, Wall};
use crate::lang::render::printable;
use crate::record::{Entry, SeatChange};
use crate::scenario::Millis;
use crate::sim::eval::{format_number, format_offset};
use crate::sim::{EventKind, Sim};
use std::io::{self, Write};

/// How a watch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The game reached an ending (or had already).
    Ended,
    /// The player left it (it can be resumed).
    Left,
    /// Its process is gone without a word.
    Gone,
}

/// Follows `feed` to the end of its game, printing to `out`; `opened` is
/// the game as the feed found it. The transcript's own events are printed,
/// so the copy of the game kept in step only serves their words and the
/// summary.
pub fn watch(mut feed: Feed, opened: Opened, out: &mut impl Write) -> io::Result<Outcome> {
    intro(&feed, &opened, out)?;
    let mut game = Session::resume(
        opened.replay.sim,
        Pace::recorded(&opened.header),
        None,
        Wall::None,
    );
    if game.is_over() {
        line(out, "(this game has already ended)")?;
        return ended(game.sim(), out);
    }
    // The game time of the last input: a command's line is stamped with it.
    let mut issued = None;
    loop {
        for update in feed.wait()? {
            match update {
                Update::Entry(e) => {
                    game.follow(&e);
                    if let Entry::Action { at, .. } = &e {
                        issued = Some(*at);
                    }
                    if entry(game.sim(), &e, issued, out)? {
                        return ended(game.sim(), out);
                    }
                }
                Update::Stopped { left } => return stopped(game.sim(), left, out),
            }
        }
    }
}

/// Who plays what, since when, and where the game stands: the last few
/// events the player saw, then what is happening now.
fn intro(feed: &Feed, opened: &Opened, out: &mut impl Write) -> io::Result<()> {
    let h = &opened.header;
    let sim = &opened.replay.sim;
    let events = &opened.replay.events;
    line(
        out,
        &format!(
            "Watching {}'s game of \"{}\" ({}), started {}.",
            h.player,
            sim.scenario().meta.title,
            h.scenario,
            h.started
        ),
    )?;
    let from = events.len().saturating_sub(RECENT);
    let issued = |i: usize| {
        let step = opened.replay.causes.get(i).copied().flatten()?;
        opened.replay.steps.get(step).map(|s| s.at)
    };
    let recent: Vec<String> = events[from..]
        .iter()
        .enumerate()
        .map(|(i, e)| format::event_issued(sim, e, issued(from + i)))
        .filter(|t| !t.is_empty())
        .collect();
    if !recent.is_empty() {
        line(out, "(the last events before you joined)")?;
        line(out, &recent.join("\n"))?;
    }
    let live = if feed.is_live() {
        "it is being played now; its events follow as they come"
    } else {
        "nobody is playing it now"
    };
    line(
        out,
        &format!(
            "(caught up at {}, {}: {live})",
            format_offset(sim.now()),
            sim.clock()
        ),
    )
}

/// Prints one entry (`issued`: the game time of the last input); `true`
/// when it is the ending.
fn entry(sim: &Sim, e: &Entry, issued: Option<Millis>, out: &mut impl Write) -> io::Result<bool> {
    let sc = sim.scenario();
    let note = |at, text: String| format!("{} ({text})", format::stamp(sc, at));
    let text = match e {
        Entry::Event(ev) => {
            let mut text = format::event_issued(sim, ev, issued);
            if let EventKind::Graph { metric, value } = &ev.kind
                && let Some(chart) = format::chart(sim, metric, ev.at, value)
            {
                text = format!("{text}\n{chart}");
            }
            let end = matches!(ev.kind, EventKind::Ended { .. });
            if !text.is_empty() {
                line(out, &text)?;
            }
            return Ok(end);
        }
        Entry::Pause { at, paused, by, .. } => {
            let who = by.as_deref().unwrap_or("the player");
            let what = if *paused {
                format!("{who} paused the clock")
            } else {
                "the clock runs again".to_string()
            };
            note(*at, what)
        }
        Entry::Speed { at, speed } => note(*at, format!("speed: {}x", format_number(*speed))),
        Entry::Focus { at, pane } => note(*at, format!("the player looks at the {pane}")),
        Entry::Hypothesis { at, text, .. } => {
            note(*at, format!("the player's hypothesis: “{text}”"))
        }
        Entry::Seat { at, who, change } => note(*at, seat_words(who, *change)),
        _ => return Ok(false),
    };
    line(out, &text).map(|()| false)
}

/// A watcher's seat changing, in words.
fn seat_words(who: &str, change: SeatChange) -> String {
    match change {
        SeatChange::Joined => format!("{who} is watching"),
        SeatChange::Left => format!("{who} stopped watching"),
        SeatChange::Silent => format!("{who} went silent and is counted as gone"),
        SeatChange::TookKeyboard => format!("{who} took the keyboard"),
        SeatChange::GaveKeyboard => format!("the player has the keyboard again (from {who})"),
    }
}

/// The end of the game: the short summary.
fn ended(sim: &Sim, out: &mut impl Write) -> io::Result<Outcome> {
    let lines = super::summary_lines(sim);
    if !lines.is_empty() {
        line(out, &lines.join("\n"))?;
    }
    line(out, "\n(the game has ended)")?;
    Ok(Outcome::Ended)
}

fn stopped(sim: &Sim, left: bool, out: &mut impl Write) -> io::Result<Outcome> {
    let at = format_offset(sim.now());
    if left {
        line(
            out,
            &format!("(the player left the game at {at}; it can be resumed)"),
        )?;
        return Ok(Outcome::Left);
    }
    line(
        out,
        &format!("(the game stopped (its process is gone) at {at})"),
    )?;
    Ok(Outcome::Gone)
}

/// One block of text, sanitised, flushed at once (a log or a screen reader
/// reads it as it comes).
fn line(out: &mut impl Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", printable(text))?;
    out.flush()
}
