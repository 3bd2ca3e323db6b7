//! The status page's cadence: every update, and the silences between them
//! from the moment impact began.

use super::build::{PageInfo, is_player_status};
use super::steps::Played;
use super::*;
use crate::scenario::{MilestoneKind, Millis, Scenario};
use crate::sim::EventKind;
use std::collections::BTreeMap;

pub(super) fn status_cadence(
    sc: &Scenario,
    played: &Played,
    pages: &BTreeMap<u32, PageInfo>,
    ending: Option<&EndingInfo>,
    end: Millis,
) -> StatusCadence {
    let start = sc.meta.start_clock_secs;
    let updates: Vec<StatusUpdate> = played
        .events
        .iter()
        .filter_map(|(step, e)| match &e.kind {
            EventKind::StatusPosted { state, text } => Some(StatusUpdate {
                at: moment(start, signed(e.at), true),
                state: status_word(*state).into(),
                text: text.clone(),
                by_player: is_player_status(played, *step),
            }),
            _ => None,
        })
        .collect();
    // The impact the public waits to hear about is the one that got the
    // player paged: the last `started` at or before the first page (a
    // warning sign hours earlier is not yet an outage), else the first.
    let first_page = pages.values().map(|p| signed(p.opened)).min();
    let started: Vec<i64> = sc
        .rubric
        .responders
        .iter()
        .filter(|m| m.kind == MilestoneKind::Started)
        .map(|m| m.offset_ms)
        .collect();
    let impact = first_page
        .and_then(|p| started.iter().copied().filter(|s| *s <= p).max())
        .or_else(|| started.iter().copied().min())
        .or(first_page);
    let impact_began = impact.map(|ms| moment(start, ms, true));
    let mut gaps = Vec::new();
    let mut prev: Option<(Moment, String)> = impact_began
        .clone()
        .map(|m| (m, "impact began".to_string()));
    for u in &updates {
        if let Some((from, what)) = prev.take()
            && u.at.ms >= from.ms
        {
            gaps.push(gap(
                from,
                u.at.clone(),
                format!("{what} → update “{}”", u.state),
            ));
        }
        prev = Some((u.at.clone(), format!("update “{}”", u.state)));
    }
    let resolved = updates.last().is_some_and(|u| u.state == "resolved");
    if !resolved && let Some((from, what)) = prev {
        let to = moment(start, signed(end), true);
        if to.ms > from.ms {
            let until = if ending.is_some() {
                "the end"
            } else {
                "the transcript's end"
            };
            let what = if updates.is_empty() {
                format!("{what} → {until}, with no update at all")
            } else {
                format!("{what} → {until}, with no further update")
            };
            gaps.push(gap(from, to, what));
        }
    }
    let longest_gap = gaps.iter().max_by_key(|g| g.ms).cloned();
    StatusCadence {
        updates,
        impact_began,
        gaps,
        longest_gap,
    }
}

pub(super) fn gap(from: Moment, to: Moment, between: String) -> Gap {
    let ms = u64::try_from(to.ms - from.ms).unwrap_or(0);
    Gap {
        from,
        to,
        ms,
        length: length(ms),
        between,
    }
}

pub(crate) fn status_word(s: crate::lang::ast::StatusState) -> &'static str {
    use crate::lang::ast::StatusState as S;
    match s {
        S::Investigating => "investigating",
        S::Identified => "identified",
        S::Monitoring => "monitoring",
        S::Resolved => "resolved",
    }
}
