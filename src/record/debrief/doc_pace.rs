//! The document's pace section: decisions and waits, the player's real
//! think time (or why it is unavailable), each page's first input, and in
//! real time games the decisions per five minutes of game time. Every
//! figure says whether it is real time or game time.

use super::document::{
    Bars, Block, Inline, Part, Section, Span, Stat, Tone, code, muted, noun, one_line, section,
    strong, text,
};
use super::{Debrief, Pace, RealSpan, ThinkTimes, Thinking, clock_at};

fn stat(value: String, label: &str, tone: Tone) -> Stat {
    Stat {
        value,
        of: None,
        label: label.into(),
        tone,
    }
}

/// What game time meant in this game, said before any figure.
fn mode_note(d: &Debrief) -> Block<'static> {
    let note = if d.pace.practice {
        "Practice game: the clock waited for you, so game time moved only when you acted. Think times are your real time; gaps in game time say nothing about how long you took.".to_string()
    } else {
        format!(
            "Real time game at {}×: game time ran with your real time. Think times are real time, with paused time left out.",
            crate::sim::eval::format_number(d.session.speed)
        )
    };
    Block::Aside(vec![text(&note)])
}

/// The figures: decisions, looks, waits, think times, refusals; all of
/// them neutral, none a score.
fn stats(p: &Pace) -> Vec<Stat> {
    let mut stats = vec![stat(
        p.decisions.to_string(),
        noun(p.decisions, "decision", "decisions"),
        Tone::Neutral,
    )];
    if let Some(t) = p.thinking.as_ref().and_then(|t| t.times.as_ref()) {
        stats.push(stat(
            t.median.clone(),
            "median think time (real)",
            Tone::Neutral,
        ));
        stats.push(stat(
            t.longest.length.clone(),
            "longest think (real)",
            Tone::Neutral,
        ));
    }
    if p.waits > 0 {
        let label = format!(
            "{}, {} of game time in all",
            noun(p.waits, "wait", "waits"),
            p.waited
        );
        stats.push(stat(p.waits.to_string(), &label, Tone::Neutral));
    }
    if p.looks > 0 {
        let label = noun(p.looks, "graph looked at", "graphs looked at");
        stats.push(stat(p.looks.to_string(), label, Tone::Neutral));
    }
    if let Some((m, n)) = &p.busiest {
        let label = format!("in the busiest five minutes of game time, from {}", m.clock);
        stats.push(stat(n.to_string(), &label, Tone::Neutral));
    }
    if p.refused > 0 {
        stats.push(stat(
            p.refused.to_string(),
            "refused by the game",
            Tone::Neutral,
        ));
    }
    stats
}

/// A stretch of real time: `1m20s (real time) before acknowledging`.
fn real_span(lead: &str, s: &RealSpan) -> Block<'static> {
    Block::Para(vec![
        text(lead),
        strong(&s.length),
        muted(" (real time) "),
        text(&format!("{}.", one_line(&s.what))),
    ])
}

/// How long from each page to the player's first input after it.
fn pages(t: &Thinking) -> Vec<Block<'static>> {
    if t.pages.is_empty() {
        return Vec::new();
    }
    let items = t
        .pages
        .iter()
        .map(|p| {
            let mut line: Inline = vec![
                Span::When(p.at.clone()),
                text(&format!(" page {} ", p.page)),
                code(&p.title),
                text(": "),
            ];
            match &p.first_input {
                Some(s) => {
                    line.push(strong(&s.length));
                    line.push(text(&format!(" to {}", one_line(&s.what))));
                }
                None => line.push(muted("no input of yours after it")),
            }
            line
        })
        .collect();
    vec![
        Block::Sub("From each page to your first input after it (real time)".into()),
        Block::List(items),
    ]
}

/// Median think time in each part of the game's decisions.
fn parts(t: &ThinkTimes) -> Vec<Block<'static>> {
    let name = match t.parts.len() {
        4 => "quarter",
        2 => "half",
        _ => return Vec::new(),
    };
    let medians: Vec<String> = t.parts.iter().map(|p| p.median.clone()).collect();
    let sizes: Vec<String> = t.parts.iter().map(|p| p.decisions.to_string()).collect();
    vec![
        Block::Para(vec![
            text(&format!(
                "Median think time in each {name} of your decisions, in order: "
            )),
            strong(&medians.join(" → ")),
            text("."),
        ]),
        Block::Aside(vec![muted(&format!(
            "The decisions are split in order into parts as equal as they can be (here {}); a median is not swayed by one long think.",
            and_list(&sizes)
        ))]),
    ]
}

/// `2, 2 and 3`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn pace(d: &Debrief) -> Section<'_> {
    let p = &d.pace;
    let mut blocks = vec![mode_note(d), Block::Stats(stats(p))];
    match &p.thinking {
        Some(t) => {
            match &t.times {
                Some(times) => {
                    blocks.push(real_span("Longest think: ", &times.longest));
                    blocks.push(real_span(
                        "Longest stretch without a decision: ",
                        &times.longest_stretch,
                    ));
                    blocks.extend(parts(times));
                }
                None => blocks.push(Block::Para(vec![text(
                    "No decision was made, so there is no think time.",
                )])),
            }
            blocks.extend(pages(t));
            if t.pauses > 0 {
                let times = match t.pauses {
                    1 => "once".to_string(),
                    n => format!("{n} times"),
                };
                blocks.push(Block::Para(vec![text(&format!(
                    "The game was paused {times}; paused time is left out of every real time here."
                ))]));
            }
        }
        None => blocks.push(Block::Aside(vec![text(
            "Think times are unavailable: this transcript records no real times (a test's, one from an older firedrill, or a game without a single input), and the debrief does not guess them.",
        )])),
    }
    if let Some(f) = &p.first {
        blocks.push(Block::Para(vec![
            text("First decision, in game time: "),
            Span::When(f.clone()),
            text("."),
        ]));
    }
    if p.per_five_minutes.iter().any(|n| *n > 0) {
        let bars = p
            .per_five_minutes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let at = i64::try_from(i).unwrap_or(i64::MAX).saturating_mul(300_000);
                (clock_at(d.scenario.start_clock_secs, at, false), *n)
            })
            .collect();
        blocks.push(Block::Bars(Bars {
            title: "Decisions per five minutes of game time".into(),
            bars,
        }));
    }
    section(Part::Pace, "Pace", blocks)
}
