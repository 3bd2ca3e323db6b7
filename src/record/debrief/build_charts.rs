//! The series of every metric an alert watches, with the alerts'
//! thresholds and the stretches they fired.

use super::steps::Played;
use super::*;
use crate::scenario::{CmpOp, Expr, MetricId, Millis, Scenario};
use crate::sim::{EventKind, Sim};

/// The metrics an expression reads, in order.
pub(super) fn metrics_in(e: &Expr, out: &mut Vec<MetricId>) {
    match e {
        Expr::Metric(m) if !out.contains(m) => out.push(*m),
        Expr::Not(a) => metrics_in(a, out),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Compare(_, a, b)
        | Expr::Add(a, b)
        | Expr::Sub(a, b) => {
            metrics_in(a, out);
            metrics_in(b, out);
        }
        _ => {}
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

/// `metric OP number` comparisons in a condition, either way round.
pub(super) fn thresholds_in(e: &Expr, m: MetricId, out: &mut Vec<(CmpOp, f64)>) {
    match e {
        Expr::Compare(op, a, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Metric(x), Expr::Number(v)) if *x == m => out.push((*op, *v)),
            (Expr::Number(v), Expr::Metric(x)) if *x == m => out.push((op.flipped(), *v)),
            _ => {}
        },
        Expr::Not(a) => thresholds_in(a, m, out),
        Expr::And(a, b) | Expr::Or(a, b) => {
            thresholds_in(a, m, out);
            thresholds_in(b, m, out);
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
                thresholds_in(&a.condition, m, &mut found);
                thresholds.extend(found.into_iter().map(|(op, value)| Threshold {
                    alert: a.name.clone(),
                    title: a.title.clone(),
                    op: op_text(op).into(),
                    value,
                }));
                firing.extend(spans.iter().filter(|s| s.alert == a.name).cloned());
            }
            let peak = points
                .iter()
                .copied()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b >= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            let low = points
                .iter()
                .copied()
                .fold(None, |best: Option<(Millis, f64)>, (t, v)| match best {
                    Some((_, b)) if b <= v => best,
                    _ => Some((t, v)),
                })
                .map(|(t, v)| (moment(start, signed(t), true), v));
            Some(Chart {
                metric: metric.name.clone(),
                label: metric.label.clone(),
                unit: metric.unit_word.clone(),
                last: points.last().map(|p| p.1),
                points,
                thresholds,
                firing,
                peak,
                low,
            })
        })
        .collect()
}
