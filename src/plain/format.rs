//! How the plain front end shows events: one block per event, each led by
//! the incident clock, as a new hire would read them scrolling past.

use crate::lang::render::printable;
use crate::scenario::{Millis, Scenario};
use crate::sim::eval::{NO_DATA, format_offset, metric_number, with_unit};
use crate::sim::{Event, EventKind, Sim};

/// `13:42:05 T+2m05s`: the incident's wall clock and the offset.
pub fn stamp(sc: &Scenario, at: Millis) -> String {
    let secs = (u64::from(sc.meta.start_clock_secs) + at / 1000) % 86_400;
    format!(
        "[{:02}:{:02}:{:02} {}]",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        format_offset(at)
    )
}

/// Indents every line of a block of text.
fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| format!("{by}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines that show one event; empty for events with nothing to show.
pub fn event(sim: &Sim, e: &Event) -> String {
    event_issued(sim, e, None)
}

/// [`event`], for an event caused by an input given at game time `issued`.
/// A command's line is stamped with the moment it was issued, the moment
/// the transcript and the debrief give it, and says so and how long it
/// took (its output shows the machine once that time had passed); without
/// `issued`, it is stamped when its output came, and says that.
pub fn event_issued(sim: &Sim, e: &Event, issued: Option<Millis>) -> String {
    let sc = sim.scenario();
    let is_ticket = |id: &u32| {
        sim.pages()
            .iter()
            .any(|p| p.id == *id && p.severity == crate::scenario::Severity::Ticket)
    };
    // A guided game shows the hint itself at once: "a hint is ready" would
    // only ask for a `hint` that is not needed.
    if matches!(e.kind, EventKind::HintAvailable { .. })
        && sim.support() == crate::sim::Support::Guided
    {
        return String::new();
    }
    let mut t = stamp(sc, e.at);
    let Some(mut headline) = e
        .kind
        .headline(matches!(&e.kind, EventKind::PageResolved { page } if is_ticket(page)))
    else {
        return String::new();
    };
    if matches!(e.kind, EventKind::Shell { .. }) {
        let when = match issued {
            Some(at) => {
                t = stamp(sc, at);
                match e.at.saturating_sub(at) {
                    0 => "issued".to_string(),
                    took => format!("issued; took {}", crate::lang::fmt_duration(took)),
                }
            }
            None => "its output".to_string(),
        };
        headline = format!("{headline}  ({when})");
    }
    let body = match &e.kind {
        EventKind::Page { to, .. } if to == "you" => {
            format!("{t} {headline}\n    (acknowledge it with `ack`)")
        }
        EventKind::Shell { output, .. } if !output.is_empty() => {
            format!("{t} {headline}\n{}", indent(output, "    "))
        }
        EventKind::Choices {
            options, numbers, ..
        } => {
            let list: Vec<String> = crate::sim::numbered(options, numbers)
                .into_iter()
                .map(|(n, o)| format!("    {n}. {o}"))
                .collect();
            format!("{t} {headline} (`choose <n>`)\n{}", list.join("\n"))
        }
        EventKind::Document { text, .. } => {
            format!("{t} {headline}\n{}\n    ---", indent(text, "    "))
        }
        EventKind::Ended { text, .. } => format!("{t} {headline}\n{}", indent(text, "    ")),
        _ => format!("{t} {headline}"),
    };
    printable(&body)
}

/// A small text chart of a metric's history up to `at`, the moment a
/// `graph` event reported `reported` (`97.08%`), with the numbers too (for
/// screen readers). The last bar is that reported value, and the numbers are
/// rounded as reports round them, so the chart agrees with the line above it
/// even when the game has moved on since.
pub fn chart(sim: &Sim, name: &str, at: Millis, reported: &str) -> Option<String> {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let m = sim.scenario().metric_by_name(name)?;
    let metric = &sim.scenario().metrics[m.0];
    // The ten minutes before `at`, one bar per 20 seconds, newest last; a
    // sample in a gap is no bar (a space), never a zero.
    let history: Vec<Option<f64>> = sim
        .metric_history(m)
        .iter()
        .filter(|(t, _)| *t <= at && at - *t < 10 * 60_000)
        .map(|(_, v)| *v)
        .collect();
    let mut recent: Vec<Option<f64>> = history.iter().rev().step_by(4).copied().collect();
    recent.reverse();
    // The reported value is the newest bar: it replaces a sample taken at
    // the same moment, or comes after the last one. `no data` is no bar.
    let now = if reported == NO_DATA {
        None
    } else {
        Some(reported_number(reported).or_else(|| recent.last().copied().flatten())?)
    };
    let sampled_now = sim
        .metric_history(m)
        .iter()
        .rev()
        .find(|(t, _)| *t <= at)
        .is_some_and(|(t, _)| *t == at);
    if sampled_now {
        recent.pop();
    }
    recent.push(now);
    let seen: Vec<f64> = recent.iter().filter_map(|v| *v).collect();
    let lo = seen.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = seen.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (floor, ceil) = metric.range.unwrap_or((lo.min(0.0), hi));
    let span = (ceil - floor).max(f64::EPSILON);
    let bars: String = recent
        .iter()
        .map(|v| match v {
            Some(v) => BARS[(((v - floor) / span) * 7.0).round().clamp(0.0, 7.0) as usize],
            None => ' ',
        })
        .collect();
    let unit = &metric.unit_word;
    let minutes = (recent.len() * 20).div_ceil(60);
    let range = if seen.is_empty() {
        "no data in this time".to_string()
    } else {
        format!(
            "lowest {}, highest {}",
            with_unit(&metric_number(lo), unit),
            with_unit(&metric_number(hi), unit)
        )
    };
    let gaps = if seen.len() < recent.len() {
        " (blank: no data)"
    } else {
        ""
    };
    Some(printable(&format!(
        "    {} ({}), last {minutes} min: {bars}{gaps}\n    now {reported}, {range}",
        metric.label, metric.name,
    )))
}

/// The number at the start of a reported value: `97.08` of `97.08%`.
fn reported_number(reported: &str) -> Option<f64> {
    let end = reported
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(reported.len());
    reported[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Action;
    use std::sync::Arc;

    /// The chart printed under a `graph` line ends with the value that line
    /// reported, rounded the same way, though the game moved on since.
    #[test]
    fn a_gap_is_blank_bars_and_says_no_data() {
        let b = crate::library::find("facebook-2021-bgp").unwrap();
        let sc = Arc::new(crate::library::check(b).scenario.unwrap());
        let mut sim = Sim::new(sc, 7);
        // The telemetry goes dark with the internal tools at T+9m.
        sim.advance_to(12 * 60_000);
        let events = sim.apply(Action::Graph("backbone_links".into()));
        let (when, value) = events
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Graph { value, .. } => Some((e.at, value.clone())),
                _ => None,
            })
            .unwrap();
        assert_eq!(value, "no data");
        let chart = chart(&sim, "backbone_links", when, &value).unwrap();
        let bars = chart.lines().next().unwrap();
        assert!(bars.ends_with(" (blank: no data)"), "{chart}");
        assert!(bars.contains('█') && bars.contains("▁   "), "{chart}");
        assert!(
            chart.contains("now no data, lowest 0%, highest 100%"),
            "{chart}"
        );
    }

    #[test]
    fn the_chart_agrees_with_the_value_just_reported() {
        let b = crate::library::find("tutorial").unwrap();
        let sc = Arc::new(crate::library::check(b).scenario.unwrap());
        for at in [61_000, 123_000, 125_000, 300_000] {
            let mut sim = Sim::new(sc.clone(), 7);
            sim.advance_to(at);
            let events = sim.apply(Action::Graph("disk_used".into()));
            let (when, value) = events
                .iter()
                .find_map(|e| match &e.kind {
                    EventKind::Graph { value, .. } => Some((e.at, value.clone())),
                    _ => None,
                })
                .unwrap();
            assert!(sim.now() > when, "the look took time");
            let chart = chart(&sim, "disk_used", when, &value).unwrap();
            assert!(chart.contains(&format!("now {value}, ")), "{chart}");
            let n = reported_number(&value).unwrap();
            let words: Vec<&str> = chart.split_whitespace().collect();
            let number = |after: &str| -> f64 {
                let i = words.iter().position(|w| *w == after).unwrap();
                reported_number(words[i + 1]).unwrap()
            };
            assert!(number("lowest") <= n && n <= number("highest"), "{chart}");
        }
    }
}
