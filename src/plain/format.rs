//! How the plain front end shows events: one block per event, each led by
//! the incident clock, as a new hire would read them scrolling past.

use crate::lang::render::printable;
use crate::scenario::{Millis, Scenario};
use crate::sim::eval::{format_number, format_offset};
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
        EventKind::Choices { options, .. } => {
            let list: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("    {}. {o}", i + 1))
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

/// A small text chart of a metric's recent history, with the numbers too
/// (for screen readers).
pub fn chart(sim: &Sim, name: &str) -> Option<String> {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let m = sim.scenario().metric_by_name(name)?;
    let metric = &sim.scenario().metrics[m.0];
    let history = sim.metric_history(m);
    // The last ten minutes, one bar per 20 seconds.
    let recent: Vec<f64> = history
        .iter()
        .rev()
        .take(120)
        .rev()
        .step_by(4)
        .map(|(_, v)| *v)
        .collect();
    if recent.is_empty() {
        return None;
    }
    let lo = recent.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = recent.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (floor, ceil) = metric.range.unwrap_or((lo.min(0.0), hi));
    let span = (ceil - floor).max(f64::EPSILON);
    let bars: String = recent
        .iter()
        .map(|v| BARS[(((v - floor) / span) * 7.0).round().clamp(0.0, 7.0) as usize])
        .collect();
    let unit = if metric.unit_word == "%" {
        "%".to_string()
    } else if metric.unit_word.is_empty() {
        String::new()
    } else {
        format!(" {}", metric.unit_word)
    };
    Some(printable(&format!(
        "    {} ({}), last {} min: {bars}\n    lowest {}{unit}, highest {}{unit}",
        metric.label,
        metric.name,
        (recent.len() * 20).div_ceil(60),
        format_number((lo * 100.0).round() / 100.0),
        format_number((hi * 100.0).round() / 100.0),
    )))
}
