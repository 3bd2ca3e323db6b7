//! The series of every metric an alert watches, with the alerts'
//! thresholds and the stretches they fired.

use super::steps::Played;
use super::*;
use crate::scenario::{CmpOp, Expr, MetricId, Millis, Scenario};
use crate::sim::{EventKind, Sim};

/// The metrics an expression reads, in order, added to `out`.
pub(super) fn metrics_in(e: &Expr, out: &mut Vec<MetricId>) {
    for m in e.metrics_read() {
        if !out.contains(&m) {
            out.push(m);
        }
    }
}

pub(super) fn op_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
    }
}

/// `metric OP level` comparisons in a condition, either way round; a
/// level held in variables is read as it stood when the game ended.
pub(super) fn thresholds_in(sim: &Sim, e: &Expr, m: MetricId, out: &mut Vec<(CmpOp, f64)>) {
    match e {
        Expr::Compare(op, a, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Metric(x), v) if *x == m && v.is_level() => out.push((*op, sim.number(v))),
            (v, Expr::Metric(x)) if *x == m && v.is_level() => {
                out.push((op.flipped(), sim.number(v)));
            }
            _ => {}
        },
        Expr::Not(a) => thresholds_in(sim, a, m, out),
        Expr::And(a, b) | Expr::Or(a, b) => {
            thresholds_in(sim, a, m, out);
            thresholds_in(sim, b, m, out);
        }
        _ => {}
    }
}

pub(super) fn charts(sc: &Scenario, sim: &Sim, played: &Played, start: u32) -> Vec<Chart> {
    let mut watched = Vec::new();
    for a in &sc.alerts {
        metrics_in(&a.condition, &mut watched);
    }
    // When each alert fired and cleared.
    let mut spans: Vec<Firing> = Vec::new();
    for (_, e) in &played.events {
        match &e.kind {
            EventKind::AlertFiring { alert, title, .. } => spans.push(Firing {
                alert: alert.clone(),
                title: title.clone(),
                from: e.at,
                to: None,
            }),
            EventKind::AlertResolved { alert, .. } => {
                if let Some(s) = spans
                    .iter_mut()
                    .rev()
                    .find(|s| &s.alert == alert && s.to.is_none())
                {
                    s.to = Some(e.at);
                }
            }
            _ => {}
        }
    }
    watched
        .into_iter()
        .filter_map(|m| {
            let metric = sc.metrics.get(m.0)?;
            let points = sim.metric_history(m).to_vec();
            let mut thresholds = Vec::new();
            let mut firing = Vec::new();
            for a in &sc.alerts {
                let mut mine = Vec::new();
                metrics_in(&a.condition, &mut mine);
                if !mine.contains(&m) {
                    continue;
                }
                let mut found = Vec::new();
                thresholds_in(sim, &a.condition, m, &mut found);
                thresholds.extend(found.into_iter().map(|(op, value)| Threshold {
                    alert: a.name.clone(),
                    title: a.title.clone(),
                    op: op_text(op).into(),
                    value,
                }));
                firing.extend(spans.iter().filter(|s| s.alert == a.name).cloned());
            }
            let seen = || points.iter().filter_map(|(t, v)| Some((*t, (*v)?)));
            let peak = seen()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b >= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            let low = seen()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b <= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            Some(Chart {
                metric: metric.name.clone(),
                label: metric.label.clone(),
                unit: metric.unit_word.clone(),
                last: points.last().and_then(|p| p.1),
                points,
                thresholds,
                firing,
                peak,
                low,
            })
        })
        .collect()
}

impl Chart {
    /// The stretches with data, each drawn as a line of its own, so a gap
    /// is never bridged.
    pub fn runs(&self) -> Vec<Vec<(Millis, f64)>> {
        let mut runs = Vec::new();
        let mut run = Vec::new();
        for (t, v) in &self.points {
            match v {
                Some(v) => run.push((*t, *v)),
                None if run.is_empty() => {}
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        runs
    }

    /// The stretches with no data, from their first sample to the next
    /// sample with data (or the last sample).
    pub fn gaps(&self) -> Vec<(Millis, Millis)> {
        let mut gaps = Vec::new();
        let mut from = None;
        for (t, v) in &self.points {
            match (v, from) {
                (None, None) => from = Some(*t),
                (Some(_), Some(f)) => {
                    gaps.push((f, *t));
                    from = None;
                }
                _ => {}
            }
        }
        if let (Some(f), Some((t, _))) = (from, self.points.last()) {
            gaps.push((f, *t));
        }
        gaps
    }
}
