//! How fast decisions came: counts, gaps, and decisions per five minutes.

use super::build::refused;
use super::build_status::gap;
use super::steps::{Played, Step};
use super::*;
use crate::scenario::Millis;
use crate::sim::Action;

pub(super) fn pace(played: &Played, end: Millis, start: u32) -> Pace {
    let at = |ms: Millis| moment(start, signed(ms), true);
    let decisions: Vec<&Step> = played
        .steps
        .iter()
        // A mentor's inject or whisper, or anything done while a mentor had
        // the keyboard, is no decision of the player's.
        .filter(|s| {
            s.by.is_none()
                && !matches!(
                    s.action,
                    Action::Wait(_) | Action::Inject(_) | Action::Whisper(_)
                )
        })
        .collect();
    let waits = played
        .steps
        .iter()
        .filter(|s| matches!(s.action, Action::Wait(_)))
        .count();
    let refused_count = decisions.iter().filter(|s| refused(s)).count();
    let mean_gap_ms = match (decisions.first(), decisions.last()) {
        (Some(a), Some(b)) if decisions.len() > 1 => {
            Some(b.at.saturating_sub(a.at) / (decisions.len() as u64 - 1))
        }
        _ => None,
    };
    let longest_gap = decisions
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((a, b)),
            _ => None,
        })
        .max_by_key(|(a, b)| b.at.saturating_sub(a.at))
        .map(|(a, b)| {
            let sc_free = |s: &Step| match &s.action {
                Action::Run(l) => format!("`{}`", l.trim()),
                Action::Ack(_) => "acknowledging".into(),
                Action::Choose(_) | Action::ChooseId(_) => "a choice".into(),
                Action::Page(p, _) => format!("paging {p}"),
                Action::Status(..) => "a status update".into(),
                Action::Graph(m) => format!("the graph `{m}`"),
                Action::Open(d) => format!("`{d}`"),
                Action::Resolve(_) | Action::Silence(_) => "the pager".into(),
                Action::Wait(_) => "waiting".into(),
                Action::Hint => "asking for a hint".into(),
                Action::Inject(i) => format!("the mentor's inject `{i}`"),
                Action::Whisper(_) => "the mentor's whisper".into(),
            };
            gap(
                at(a.at),
                at(b.at),
                format!("{} → {}", sc_free(a), sc_free(b)),
            )
        })
        .filter(|g| g.ms > 0);
    const FIVE: Millis = 5 * 60_000;
    let buckets = usize::try_from(end / FIVE + 1).unwrap_or(1).min(10_000);
    let mut per_five_minutes = vec![0usize; buckets];
    for s in &decisions {
        let i = usize::try_from(s.at / FIVE).unwrap_or(usize::MAX);
        if let Some(b) = per_five_minutes.get_mut(i) {
            *b += 1;
        }
    }
    // The busiest five minutes, sliding from each decision.
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
    Pace {
        decisions: decisions.len(),
        refused: refused_count,
        waits,
        first: decisions.first().map(|s| at(s.at)),
        mean_gap_ms,
        mean_gap: mean_gap_ms.map(length),
        longest_gap,
        per_five_minutes,
        busiest: busiest.map(|(t, n)| (at(t), n)),
    }
}
