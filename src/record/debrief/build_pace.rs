//! How the game's time went for the player: decisions and waits counted,
//! real think time from the transcript's `real` stamps (never game time),
//! and, in real time games only, decisions per five minutes of game time.

use super::build::refused;
use super::steps::{Played, Step};
use super::*;
use crate::record::{Entry, Mode, Transcript};
use crate::scenario::Millis;
use crate::sim::{Action, EventKind};

pub(super) fn pace(played: &Played, t: &Transcript, end: Millis, start: u32) -> Pace {
    let at = |ms: Millis| moment(start, signed(ms), true);
    let practice = t.header.as_ref().is_none_or(|h| h.mode == Mode::Practice);
    let decisions: Vec<&Step> = played.steps.iter().filter(|s| is_decision(s)).collect();
    let mine = || played.steps.iter().filter(|s| s.by.is_none());
    // The game time waits let pass: a wait cut short by the ending counts
    // only up to it.
    let waited: Millis = mine()
        .filter_map(|s| match s.action {
            Action::Wait(ms) => Some(ms.min(end.saturating_sub(s.at))),
            _ => None,
        })
        .sum();
    let (per_five_minutes, busiest) = if practice {
        (Vec::new(), None)
    } else {
        let (bars, busiest) = per_five_minutes(&decisions, end);
        (bars, busiest.map(|(t, n)| (at(t), n)))
    };
    Pace {
        practice,
        decisions: decisions.len(),
        refused: decisions.iter().filter(|s| refused(s)).count(),
        looks: mine()
            .filter(|s| matches!(s.action, Action::Graph(_)))
            .count(),
        waits: mine()
            .filter(|s| matches!(s.action, Action::Wait(_)))
            .count(),
        waited: length(waited),
        first: decisions.first().map(|s| at(s.at)),
        thinking: thinking(played, t, practice, start),
        per_five_minutes,
        busiest,
    }
}

/// A decision is the player's own input, other than waiting or looking at
/// a graph. A mentor's inject or whisper, or anything done while a mentor
/// had the keyboard, is no decision of the player's.
fn is_decision(s: &Step) -> bool {
    s.by.is_none()
        && !matches!(
            s.action,
            Action::Wait(_) | Action::Graph(_) | Action::Inject(_) | Action::Whisper(_)
        )
}

/// An input, in words.
fn input_words(s: &Step) -> String {
    match &s.action {
        Action::Run(l) => format!("`{}`", l.trim()),
        Action::Ack(_) => "acknowledging".into(),
        Action::Choose(_) | Action::ChooseOnScreen(_) | Action::ChooseId(_) => "a choice".into(),
        Action::Page(p, _) => format!("paging {p}"),
        Action::Status(..) => "a status update".into(),
        Action::Graph(m) => format!("looking at the graph `{m}`"),
        Action::Open(d) => format!("reading `{d}`"),
        Action::Resolve(_) | Action::Silence(_) => "the pager".into(),
        Action::Wait(ms) => format!("waiting {}", length(*ms)),
        Action::Hint => "asking for a hint".into(),
        Action::Inject(i) => format!("the mentor's inject `{i}`"),
        Action::Whisper(_) => "the mentor's whisper".into(),
    }
}

/// Decisions per five minutes of game time, and the busiest five minutes
/// (sliding from each decision).
fn per_five_minutes(decisions: &[&Step], end: Millis) -> (Vec<usize>, Option<(Millis, usize)>) {
    const FIVE: Millis = 5 * 60_000;
    let buckets = usize::try_from(end / FIVE + 1).unwrap_or(1).min(10_000);
    let mut bars = vec![0usize; buckets];
    for s in decisions {
        let i = usize::try_from(s.at / FIVE).unwrap_or(usize::MAX);
        if let Some(b) = bars.get_mut(i) {
            *b += 1;
        }
    }
    let mut busiest: Option<(Millis, usize)> = None;
    let mut j = 0;
    for (i, s) in decisions.iter().enumerate() {
        while j < decisions.len() && decisions[j].at < s.at + FIVE {
            j += 1;
        }
        let n = j - i;
        if busiest.is_none_or(|(_, b)| n > b) {
            busiest = Some((s.at, n));
        }
    }
    (bars, busiest)
}

fn span(ms: u64, what: String) -> RealSpan {
    RealSpan {
        ms,
        length: length(ms),
        what,
    }
}

/// The player's real think time, when every input of theirs carries a
/// real time (none: the figures are unavailable, never guessed).
fn thinking(played: &Played, t: &Transcript, practice: bool, start: u32) -> Option<Thinking> {
    let steps = played.steps;
    if steps.iter().all(|s| s.real.is_none())
        || steps.iter().any(|s| s.by.is_none() && s.real.is_none())
    {
        return None;
    }
    let (thinks, stretch) = think_times(steps);
    let times = thinks
        .iter()
        .max_by_key(|(ms, i)| (*ms, usize::MAX - i))
        .map(|&(longest_ms, longest_at)| {
            let times: Vec<u64> = thinks.iter().map(|(ms, _)| *ms).collect();
            let median_ms = median(&times);
            ThinkTimes {
                median_ms,
                median: length(median_ms),
                longest: span(
                    longest_ms,
                    format!("before {}", input_words(&steps[longest_at])),
                ),
                longest_stretch: stretch,
                parts: parts(&times),
            }
        });
    Some(Thinking {
        times,
        pages: page_responses(played, t, practice, start),
        pauses: t
            .entries
            .iter()
            .filter(|e| matches!(e, Entry::Pause { paused: true, .. }))
            .count(),
    })
}

/// Each decision's think time (with its step), and the longest stretch
/// between decisions (waits and looks included).
fn think_times(steps: &[Step]) -> (Vec<(u64, usize)>, RealSpan) {
    let mut thinks: Vec<(u64, usize)> = Vec::new();
    let mut since = 0u64;
    let mut stretch = span(0, String::new());
    let mut last: Option<(u64, usize)> = None;
    for (i, s) in steps.iter().enumerate() {
        let Some(real) = s.real else { continue };
        match s.action {
            Action::Inject(_) | Action::Whisper(_) => {}
            // The player could act again once a mentor's move or their
            // own wait was over.
            _ if s.by.is_some() => since = real,
            Action::Wait(_) => since = real,
            Action::Graph(_) => {}
            _ => {
                thinks.push((real.saturating_sub(since), i));
                since = real;
                let (from, between) = match last {
                    Some((r, j)) => (
                        r,
                        format!("between {} and {}", input_words(&steps[j]), input_words(s)),
                    ),
                    None => (0, format!("from the start to {}", input_words(s))),
                };
                if real.saturating_sub(from) > stretch.ms || last.is_none() {
                    stretch = span(real.saturating_sub(from), between);
                }
                last = Some((real, i));
            }
        }
    }
    (thinks, stretch)
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(sorted_or_not: &[u64]) -> u64 {
    let mut v = sorted_or_not.to_vec();
    v.sort_unstable();
    match v.len() {
        0 => 0,
        n if n % 2 == 1 => v[n / 2],
        n => u64::midpoint(v[n / 2 - 1], v[n / 2]),
    }
}

/// The think times in order, cut into quarters (eight or more decisions)
/// or halves (four to seven), each part's median: parts of equal numbers
/// of decisions compare like with like, and a median is not swayed by one
/// long think. Fewer than four decisions are too few to split.
fn parts(times: &[u64]) -> Vec<ThinkPart> {
    let n = times.len();
    let k = match n {
        8.. => 4,
        4.. => 2,
        _ => return Vec::new(),
    };
    (0..k)
        .map(|i| {
            let part = &times[n * i / k..n * (i + 1) / k];
            let median_ms = median(part);
            ThinkPart {
                decisions: part.len(),
                median_ms,
                median: length(median_ms),
            }
        })
        .collect()
}

/// The speed (game seconds per real second) in force at game time `ms`.
fn speed_at(t: &Transcript, ms: Millis) -> f64 {
    let first = t.header.as_ref().map_or(1.0, |h| h.speed);
    t.entries
        .iter()
        .rev()
        .find_map(|e| match e {
            Entry::Speed { at, speed } if *at <= ms => Some(*speed),
            _ => None,
        })
        .unwrap_or(first)
        .max(f64::MIN_POSITIVE)
}

/// Each page to the player, and the real time to their first input after
/// it. A page an input brought (its time passing) went out at that input's
/// real time. One the clock brought went out, in practice, when the
/// previous input was given (the clock waited); in real time, as long
/// before the next input as its game time says at the game's speed
/// (paused time stops both clocks).
fn page_responses(
    played: &Played,
    t: &Transcript,
    practice: bool,
    start: u32,
) -> Vec<PageResponse> {
    let steps = played.steps;
    let mut next = 0usize;
    let mut out = Vec::new();
    for (cause, e) in &played.events {
        if let Some(c) = cause {
            next = next.max(c + 1);
        }
        let EventKind::Page { page, to, text, .. } = &e.kind else {
            continue;
        };
        if to != "you" {
            continue;
        }
        let after = (next..steps.len())
            .find(|&i| steps[i].at >= e.at)
            .unwrap_or(steps.len());
        let before = steps[..after]
            .iter()
            .rev()
            .find_map(|s| s.real)
            .unwrap_or(0);
        let answer = (after..steps.len()).find(|&i| steps[i].by.is_none());
        let first_input = answer.and_then(|i| {
            let s = &steps[i];
            let real = s.real?;
            let went_out = match cause {
                Some(c) => steps.get(*c).and_then(|s| s.real).unwrap_or(before),
                None if practice => before,
                None => {
                    let game = s.at.saturating_sub(e.at) as f64 / speed_at(t, e.at);
                    // Whole milliseconds of a non-negative time.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let back = game.round() as u64;
                    real.saturating_sub(back).max(before)
                }
            };
            Some(span(real.saturating_sub(went_out), input_words(s)))
        });
        out.push(PageResponse {
            page: *page,
            title: text.clone(),
            at: moment(start, signed(e.at), true),
            first_input,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_parts() {
        assert_eq!(median(&[]), 0);
        assert_eq!(median(&[5, 1, 3]), 3);
        assert_eq!(median(&[1, 2]), 1);
        assert_eq!(median(&[3, 4]), 3);
        assert_eq!(median(&[3, 5]), 4);
        assert!(parts(&[1, 2, 3]).is_empty());
        let halves = parts(&[1, 2, 3, 10, 20]);
        assert_eq!(
            halves
                .iter()
                .map(|p| (p.decisions, p.median_ms))
                .collect::<Vec<_>>(),
            [(2, 1), (3, 10)]
        );
        let quarters = parts(&[1, 1, 2, 2, 3, 3, 4, 4]);
        assert_eq!(
            quarters.iter().map(|p| p.median_ms).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
    }
}
