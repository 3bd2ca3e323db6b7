//! The HTML debrief's drawings as inline SVG: a chart for every metric an
//! alert watches (its thresholds, the stretches an alert fired, and the
//! player's decisions and the mentor's notes on a clock-time axis), and the
//! decisions per five minutes as bars. Every text in them is escaped.

use super::document::Bars;
use super::html::{esc, kind_colour};
use super::text::{number, value};
use super::{Chart, Debrief, DecisionKind, EntryKind, clock_at};
use std::fmt::Write as _;

/// A step for about `ticks` ticks over `range`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(range: f64, ticks: f64) -> f64 {
    if !(range.is_finite() && range > 0.0) {
        return 1.0;
    }
    let raw = range / ticks;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// A value-axis label: short (`15k`), with `%` but no other unit (the
/// caption says it).
fn axis_label(v: f64, unit: &str) -> String {
    let n = match v.abs() {
        a if a >= 1e6 => format!("{}M", number(v / 1e6)),
        a if a >= 1e3 => format!("{}k", number(v / 1e3)),
        _ => number(v),
    };
    if unit == "%" { format!("{n}%") } else { n }
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

/// The chart's size and scales.
const W: f64 = 860.0;
const X0: f64 = 52.0;
const X1: f64 = 842.0;
const Y0: f64 = 14.0;
const Y1: f64 = 172.0;
const LANE: f64 = 196.0;
const H: f64 = 226.0;

/// Where a chart's times and values go on the page.
struct Frame {
    end_ms: u64,
    lo: f64,
    hi: f64,
    step: f64,
    start_secs: u32,
}

impl Frame {
    /// The value axis: from zero when nothing is negative, to a round number
    /// above the highest value or threshold; the time axis to the end.
    fn new(d: &Debrief, c: &Chart) -> Frame {
        let end_ms = c
            .points
            .last()
            .map_or(0, |p| p.0)
            .max(u64::try_from(d.session.played_until.ms).unwrap_or(0))
            .max(60_000);
        let values = c
            .points
            .iter()
            .filter_map(|p| p.1)
            .chain(c.thresholds.iter().map(|t| t.value));
        let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        if !lo.is_finite() || !hi.is_finite() {
            lo = 0.0;
            hi = 1.0;
        }
        if lo >= 0.0 {
            lo = 0.0;
        }
        if (hi - lo).abs() < f64::EPSILON {
            hi = lo + 1.0;
        }
        let step = nice_step(hi - lo, 4.0);
        lo = (lo / step).floor() * step;
        hi = (hi / step).ceil() * step;
        if c.unit == "%" && hi > 100.0 && c.points.iter().all(|p| p.1.is_none_or(|v| v <= 100.0)) {
            hi = 100.0;
        }
        Frame {
            end_ms,
            lo,
            hi,
            step,
            start_secs: d.scenario.start_clock_secs,
        }
    }

    fn sx(&self, t: f64) -> f64 {
        X0 + (t / self.end_ms as f64).clamp(0.0, 1.0) * (X1 - X0)
    }

    fn sy(&self, v: f64) -> f64 {
        Y1 - ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0) * (Y1 - Y0)
    }

    /// The incident's clock at `ms` into the drill.
    fn clock(&self, ms: u64, seconds: bool) -> String {
        clock_at(self.start_secs, i64::try_from(ms).unwrap_or(0), seconds)
    }
}

/// One metric's chart as inline SVG.
pub(super) fn chart_svg(d: &Debrief, c: &Chart) -> String {
    let f = Frame::new(d, c);
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} over the drill\">",
        esc(&c.label)
    );
    let _ = write!(s, "<title>{} over the drill</title>", esc(&c.label));
    firing(&mut s, &f, c);
    grid(&mut s, &f, c);
    time_axis(&mut s, &f);
    series(&mut s, &f, c);
    thresholds(&mut s, &f, c);
    lane(&mut s, &f, d);
    s.push_str("</svg>");
    s
}

/// Alert firing stretches, behind everything.
fn firing(s: &mut String, f: &Frame, c: &Chart) {
    for span in &c.firing {
        let x = f.sx(span.from as f64);
        let to = span.to.unwrap_or(f.end_ms);
        let w = (f.sx(to as f64) - x).max(1.0);
        let until = span
            .to
            .map_or_else(|| "the end".to_string(), |t| f.clock(t, true));
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{Y0}\" width=\"{}\" height=\"{}\" fill=\"#ffe4e4\"><title>“{}” firing from {} to {}</title></rect>",
            f1(x),
            f1(w),
            Y1 - Y0,
            esc(&span.title),
            esc(&f.clock(span.from, true)),
            esc(&until)
        );
    }
}

/// The value grid and its labels.
fn grid(s: &mut String, f: &Frame, c: &Chart) {
    let mut v = f.lo;
    let mut guard = 0;
    while v <= f.hi + f.step * 0.001 && guard < 20 {
        let y = f.sy(v);
        let _ = write!(
            s,
            "<line x1=\"{X0}\" x2=\"{X1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            if guard == 0 { "#8c959f" } else { "#eaeef2" },
            X0 - 8.0,
            y + 4.0,
            esc(&axis_label(v, &c.unit))
        );
        v += f.step;
        guard += 1;
    }
}

/// The time axis, in the incident's clock.
fn time_axis(s: &mut String, f: &Frame) {
    let start_ms = u64::from(f.start_secs) * 1000;
    let interval = [
        60_000u64, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
        21_600_000, 43_200_000,
    ]
    .into_iter()
    .find(|i| f.end_ms / i <= 9)
    .unwrap_or(86_400_000);
    let mut t = (interval - start_ms % interval) % interval;
    while t <= f.end_ms {
        let x = f.sx(t as f64);
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{Y0}\" y2=\"{}\" stroke=\"#f0f2f4\"/><line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{Y1}\" y2=\"{}\" stroke=\"#8c959f\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            Y1,
            Y1 + 4.0,
            Y1 + 16.0,
            esc(&f.clock(t, false))
        );
        t += interval;
    }
}

/// The series: a soft area and a line for each stretch with data, and a
/// grey band marked "no data" over each gap (never a line across it).
fn series(s: &mut String, f: &Frame, c: &Chart) {
    for (from, to) in c.gaps() {
        let (x0, x1) = (f.sx(from as f64), f.sx(to as f64));
        let _ = write!(
            s,
            "<g class=\"gap\"><rect x=\"{x0:.1}\" y=\"{Y0}\" width=\"{:.1}\" height=\"{}\" fill=\"#8c959f\" fill-opacity=\".15\"><title>no data</title></rect><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">no data</text></g>",
            (x1 - x0).max(1.0),
            Y1 - Y0,
            f64::midpoint(x0, x1),
            Y0 + 12.0
        );
    }
    for run in c.runs() {
        let mut line = String::with_capacity(run.len() * 14);
        for (i, (t, v)) in run.iter().enumerate() {
            let _ = write!(
                line,
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                f.sx(*t as f64),
                f.sy(*v)
            );
        }
        let first = run.first().map_or(0.0, |p| f.sx(p.0 as f64));
        let last = run.last().map_or(0.0, |p| f.sx(p.0 as f64));
        let base = f.sy(f.lo.max(0.0).min(f.hi));
        let _ = write!(
            s,
            "<path d=\"{line}L{last:.1},{base:.1}L{first:.1},{base:.1}Z\" fill=\"#0969da\" fill-opacity=\".08\"/><path d=\"{line}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        );
    }
}

/// The alerts' thresholds, each labelled on the side the series is not.
fn thresholds(s: &mut String, f: &Frame, c: &Chart) {
    for th in &c.thresholds {
        if th.value < f.lo || th.value > f.hi {
            continue;
        }
        let y = f.sy(th.value);
        // The label goes on the side of the line the series is not on at
        // the right end, where it is written.
        let tail = c.points.len().saturating_sub((c.points.len() / 8).max(1));
        let tail_above = c.points.get(tail..).is_some_and(|p| {
            let seen: Vec<f64> = p.iter().filter_map(|x| x.1).collect();
            !seen.is_empty() && seen.iter().sum::<f64>() / seen.len() as f64 > th.value
        });
        let label_y = if (tail_above && y + 16.0 < Y1) || y - 5.0 < Y0 + 10.0 {
            y + 14.0
        } else {
            y - 5.0
        };
        let _ = write!(
            s,
            "<g class=\"thr\"><line x1=\"{X0}\" x2=\"{X1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#cf222e\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>{}: alert when {} {} {}</title></line><text x=\"{}\" y=\"{label_y:.1}\" text-anchor=\"end\">{} {} {}</text></g>",
            esc(&th.title),
            esc(&c.metric),
            esc(&th.op),
            esc(&value(th.value, &c.unit)),
            X1 - 4.0,
            esc(&th.alert),
            esc(&th.op),
            esc(&value(th.value, &c.unit))
        );
    }
}

/// The player's decisions and the mentor's notes: a lane of ticks under the axis.
fn lane(s: &mut String, f: &Frame, d: &Debrief) {
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">you</text><line x1=\"{X0}\" x2=\"{X1}\" y1=\"{}\" y2=\"{}\" stroke=\"#eaeef2\"/>",
        X0 - 8.0,
        LANE + 12.0,
        LANE + 8.0,
        LANE + 8.0
    );
    let decisions: Vec<_> = d
        .timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Decision && e.decision != Some(DecisionKind::Wait))
        .collect();
    let guides = decisions.len() <= 60;
    for e in decisions {
        let Some(k) = e.decision else { continue };
        let x = f.sx(e.at.ms.max(0) as f64);
        if guides {
            let _ = write!(
                s,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{Y0}\" y2=\"{Y1}\" stroke=\"{}\" stroke-opacity=\".16\"/>",
                kind_colour(k)
            );
        }
        let colour = if e.flags.is_empty() {
            kind_colour(k)
        } else {
            "#cf222e"
        };
        let mut tip = format!("{} {}: {}", e.at.clock, e.at.offset, e.what);
        for f in &e.flags {
            tip.push_str(&format!(" [{f}]"));
        }
        if let Some(r) = &e.refused {
            tip.push_str(&format!(" (refused: {r})"));
        }
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{LANE}\" width=\"3\" height=\"16\" rx=\"1\" fill=\"{colour}\"{}><title>{}</title></rect>",
            x - 1.5,
            if e.refused.is_some() {
                " fill-opacity=\".4\""
            } else {
                ""
            },
            esc(&tip)
        );
    }
    // The mentor's notes, in the same lane.
    for n in &d.notes {
        let x = f.sx(n.at as f64);
        let m = d.moment(super::signed(n.at));
        let _ = write!(
            s,
            "<path d=\"M{:.1},{:.1}l5,-6l5,6l-5,6z\" fill=\"#d4a72c\" stroke=\"#fff\"><title>{} {}: mentor note: {}</title></path>",
            x - 5.0,
            LANE + 8.0,
            esc(&m.clock),
            esc(&m.offset),
            esc(&n.text)
        );
    }
}

/// Decisions per five minutes as bars, with the clock under them.
pub(super) fn bars_svg(bars: &Bars) -> String {
    let max = bars.bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let n = bars.bars.len().max(1);
    let w = 860.0;
    let bw = ((w - 40.0) / n as f64).min(60.0);
    let mut o = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} 110\" role=\"img\" aria-label=\"{}\">",
        esc(&bars.title.to_lowercase())
    );
    for (i, (clock, c)) in bars.bars.iter().enumerate() {
        let h = 70.0 * (*c as f64) / (max as f64);
        let x = 30.0 + i as f64 * bw;
        let _ = write!(
            o,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"#8250df\" fill-opacity=\".75\"><title>{}: {c} decisions</title></rect>",
            x + 2.0,
            82.0 - h,
            (bw - 4.0).max(1.0),
            h.max(0.5),
            esc(clock)
        );
        if *c > 0 {
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{c}</text>",
                x + bw / 2.0,
                78.0 - h
            );
        }
        if n <= 16 || i % n.div_ceil(16) == 0 {
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"98\" text-anchor=\"middle\">{}</text>",
                x + bw / 2.0,
                esc(clock)
            );
        }
    }
    o.push_str("<line x1=\"30\" x2=\"850\" y1=\"82\" y2=\"82\" stroke=\"#8c959f\"/></svg>");
    o
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact by construction
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 4.0), 25.0);
        assert_eq!(nice_step(14_000.0, 4.0), 5000.0);
        assert_eq!(nice_step(0.0, 4.0), 1.0);
    }
}
