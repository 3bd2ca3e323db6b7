//! The dashboard's graph of one metric: a title that always keeps the value
//! now, a y-axis whose bounds suit the metric (its declared range, never
//! below zero for what never went below it, never above 100 for a
//! percentage), a time axis naming its window, and each alert threshold as
//! a dashed line with the alert's name. Everything reads without colour.

use super::app::Game;
use super::config::Theme;
use super::view::block;
use crate::base::printable::printable;
use crate::scenario::{AlertId, CmpOp, Expr, Metric, MetricId, Millis, Unit};
use crate::sim::eval::{format_number, with_unit};
use crate::sim::{AlertStatus, Sim};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};

const MINUTE: Millis = 60_000;

/// The time windows a graph can show, narrowest first.
pub const WINDOWS: [Millis; 6] = [
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    60 * MINUTE,
    120 * MINUTE,
];

/// The window a game starts with: fifteen minutes.
pub const DEFAULT_WINDOW: usize = 2;

/// The window at `index` (the widest past the end).
pub fn window(index: usize) -> Millis {
    WINDOWS[index.min(WINDOWS.len() - 1)]
}

/// `15m`, `1h`, `2h`: a window in words.
pub fn window_words(index: usize) -> String {
    crate::base::time::duration(window(index))
}

impl Game {
    /// Puts the next (or previous) metric's graph in view, going round;
    /// returns its name (`None` in a scenario without metrics).
    pub fn step_metric(&mut self, next: bool) -> Option<String> {
        let n = self.sim().scenario().metrics.len();
        if n == 0 {
            return None;
        }
        self.metric_sel = if next {
            (self.metric_sel + 1) % n
        } else {
            (self.metric_sel + n - 1) % n
        };
        Some(self.sim().scenario().metrics[self.metric_sel].name.clone())
    }

    /// Shows a longer (`wider`) or shorter time in the graph, for this game
    /// only; returns the notice that says what it shows now.
    pub fn change_window(&mut self, wider: bool) -> String {
        let widest = WINDOWS.len() - 1;
        self.graph_window = if wider {
            (self.graph_window + 1).min(widest)
        } else {
            self.graph_window.saturating_sub(1)
        };
        let limit = match self.graph_window {
            0 => " (the shortest)",
            w if w == widest => " (the longest)",
            _ => "",
        };
        format!(
            "The graph shows the last {}{limit}",
            window_words(self.graph_window)
        )
    }
}

/// An alert's threshold on the metric in view.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub value: f64,
    /// `disk_high >90%`, and `FIRING` while the alert fires.
    pub label: String,
    pub firing: bool,
}

/// The thresholds of the alerts that compare metric `m` with a number.
pub fn thresholds(sim: &Sim, m: MetricId) -> Vec<Threshold> {
    // A threshold held in variables (`latency > slo_ms`) is drawn at its
    // level now, as the alert rule reads it each second.
    fn walk(sim: &Sim, e: &Expr, m: MetricId, out: &mut Vec<(CmpOp, f64)>) {
        match e {
            Expr::Compare(op, a, b) if !matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                match (a.as_ref(), b.as_ref()) {
                    (Expr::Metric(x), v) if *x == m && v.is_level() => {
                        out.push((*op, sim.number(v)));
                    }
                    (v, Expr::Metric(x)) if *x == m && v.is_level() => {
                        out.push((op.flipped(), sim.number(v)));
                    }
                    _ => {}
                }
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                walk(sim, a, m, out);
                walk(sim, b, m, out);
            }
            Expr::Not(a) => walk(sim, a, m, out),
            _ => {}
        }
    }
    let sc = sim.scenario();
    let unit = sc.metrics.get(m.0).map_or("", |x| x.unit_word.as_str());
    let mut out = Vec::new();
    for (i, alert) in sc.alerts.iter().enumerate() {
        let mut found = Vec::new();
        walk(sim, &alert.condition, m, &mut found);
        let firing = matches!(
            sim.alert_status(AlertId(i)),
            Some(AlertStatus::Firing { .. })
        );
        for (op, value) in found {
            let op = match op {
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Gt => ">",
                CmpOp::Ge | CmpOp::Eq | CmpOp::Ne => ">=",
            };
            let state = if firing { " FIRING" } else { "" };
            out.push(Threshold {
                value,
                label: printable(&format!(
                    "{} {op}{}{state}",
                    alert.name,
                    with_unit(&format_number(value), unit)
                )),
                firing,
            });
        }
    }
    out
}

/// The y-axis: its bounds and the step its labels are rounded to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YAxis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

/// The lowest and highest bounds `metric` may be shown with, given the
/// lowest value in view: its declared range; never below zero for what has
/// not gone below zero (counts, rates, shares); never above 100 for a
/// percentage, unless its author declared a range past 100 (a share of
/// normal traffic that can surge to 340%).
fn limits(metric: &Metric, lo: f64) -> (f64, f64) {
    let (mut floor, mut ceil) = metric.range.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
    if lo >= 0.0 {
        floor = floor.max(0.0);
    }
    if metric.unit == Unit::Percent && metric.range.is_none_or(|(_, hi)| hi <= 100.0) {
        ceil = ceil.min(100.0);
    }
    (floor, ceil)
}

/// 1, 2 or 5 times a power of ten, at least `x`.
fn nice_step(x: f64) -> f64 {
    let x = if x.is_finite() && x > 0.0 { x } else { 1.0 };
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * p)
        .find(|s| *s >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

/// Bounds for `values` and the alert thresholds of `metric`, rounded to a
/// step so the labels read well. A flat series gets room around it, so no
/// axis reads `4`..`4`.
pub fn y_axis(metric: &Metric, values: &[f64], thresholds: &[f64]) -> YAxis {
    let seen = values.iter().chain(thresholds).copied();
    let (mut lo, mut hi) = seen
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        let b = if metric.baseline.is_finite() {
            metric.baseline
        } else {
            0.0
        };
        (lo, hi) = (b, b);
    }
    let (floor, ceil) = limits(metric, lo);
    lo = lo.clamp(floor, ceil.max(floor));
    hi = hi.clamp(floor, ceil.max(floor));
    // Room for a flat line: a fifth of its size (at least 0.02, for tiny
    // shares), or 0 to 1 for a line at zero (a count of nothing).
    let size = lo.abs().max(hi.abs());
    let least = if size > 0.0 {
        (size * 0.2).max(0.02)
    } else {
        1.0
    };
    if hi - lo < least {
        let mid = f64::midpoint(lo, hi);
        lo = mid - least / 2.0;
        hi = mid + least / 2.0;
    }
    // Room taken past a limit goes to the other side.
    if lo < floor {
        hi += floor - lo;
        lo = floor;
    }
    if hi > ceil {
        lo = (lo - (hi - ceil)).max(floor);
        hi = ceil;
    }
    let step = nice_step((hi - lo) / 4.0);
    let lo = ((lo / step).floor() * step).max(floor);
    let hi = ((hi / step).ceil() * step).min(ceil);
    let hi = if hi > lo { hi } else { lo + step };
    YAxis { lo, hi, step }
}

impl YAxis {
    /// A bound as the axis labels it: as many decimals as the step needs.
    pub fn label(&self, v: f64, unit: &str) -> String {
        let decimals = (-self.step.log10().floor()).clamp(0.0, 4.0) as usize;
        let n = format!("{v:.decimals$}");
        let n = if n.contains('.') {
            n.trim_end_matches('0').trim_end_matches('.')
        } else {
            &n
        };
        // `-0` would read as a negative count.
        with_unit(if n == "-0" { "0" } else { n }, unit)
    }
}

/// Shortens `text` to at most `width` columns, ending with `…` when cut.
fn shorten(text: &str, width: usize) -> String {
    use textwrap::core::display_width;
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        if display_width(&next) + 1 > width {
            break;
        }
        out = next;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The graph's title in at most `width` columns: the metric's name, which
/// of how many, and its value now. The name is shortened first, then the
/// count goes; the value and its unit stay whole.
pub fn title(name: &str, which: usize, of: usize, value: &str, width: usize) -> String {
    use textwrap::core::display_width;
    let value = format!(" {value} ");
    let count = format!(" [{which}/{of}]");
    let room = width.saturating_sub(display_width(&value));
    let name = format!(" {name}");
    if display_width(&name) + display_width(&count) <= room {
        return format!("{name}{count}{value}");
    }
    // At least three columns of the name are worth dropping the count for.
    if room >= display_width(&count) + 4 {
        let name = shorten(&name, room - display_width(&count));
        return format!("{name}{count}{value}");
    }
    if room >= 4 {
        return format!("{}{value}", shorten(&name, room));
    }
    value
}

/// Draws the dashboard: the selected metric's graph over the game's window.
pub fn render(g: &Game, th: &Theme, focused: bool, f: &mut Frame, area: Rect) {
    let sim = g.sim();
    let sc = sim.scenario();
    let Some(metric) = sc.metrics.get(g.metric_sel) else {
        let b = block(th, " Dashboard ", focused);
        f.render_widget(Paragraph::new("no metrics in this scenario").block(b), area);
        return;
    };
    let m = MetricId(g.metric_sel);
    let label = printable(&metric.label);
    let value = printable(&sim.format_metric(m));
    let width = usize::from(area.width.saturating_sub(2));
    let head = title(&label, g.metric_sel + 1, sc.metrics.len(), &value, width);
    let frame = block(th, &head, focused);
    let inner = frame.inner(area);
    f.render_widget(frame, area);
    plot(g, metric, th, f, inner);
}

/// The series in view: the samples of the window, ending with the value
/// now (the one the title and the event report), as (seconds, value); a
/// sample in a gap has no value.
fn series(sim: &Sim, m: MetricId, from: Millis) -> Vec<(f64, Option<f64>)> {
    let mut data: Vec<(f64, Option<f64>)> = sim
        .metric_history(m)
        .iter()
        .filter(|(t, _)| *t >= from)
        .map(|(t, v)| (*t as f64 / 1000.0, *v))
        .collect();
    let now = sim.now() as f64 / 1000.0;
    if data.last().is_none_or(|(t, _)| *t < now) {
        data.push((now, sim.metric_value(m)));
    }
    data
}

/// The stretches of `data` with no value, as (first second, next second
/// with data or the last one).
fn gaps(data: &[(f64, Option<f64>)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut from = None;
    for (t, v) in data {
        match (v, from) {
            (None, None) => from = Some(*t),
            (Some(_), Some(f)) => {
                out.push((f, *t));
                from = None;
            }
            _ => {}
        }
    }
    if let (Some(f), Some((t, _))) = (from, data.last()) {
        out.push((f, *t));
    }
    out
}

/// What a graph shows of metric `m` over window `window`: the series, the
/// thresholds, and the y-axis that holds them.
#[derive(Debug, Clone)]
pub struct Shown {
    /// (seconds, value); `None` where the metric reported no data.
    pub data: Vec<(f64, Option<f64>)>,
    pub lines: Vec<Threshold>,
    pub axis: YAxis,
}

pub fn shown(sim: &Sim, m: MetricId, window_index: usize) -> Shown {
    let from = sim.now().saturating_sub(window(window_index));
    let data = series(sim, m, from);
    let lines = thresholds(sim, m);
    let values: Vec<f64> = data.iter().filter_map(|(_, v)| *v).collect();
    let levels: Vec<f64> = lines.iter().map(|t| t.value).collect();
    let axis = match sim.scenario().metrics.get(m.0) {
        Some(metric) => y_axis(metric, &values, &levels),
        None => YAxis {
            lo: 0.0,
            hi: 1.0,
            step: 1.0,
        },
    };
    Shown { data, lines, axis }
}

/// The axes, the line and the thresholds inside the graph's frame.
fn plot(g: &Game, metric: &Metric, th: &Theme, f: &mut Frame, area: Rect) {
    let sim = g.sim();
    let m = MetricId(g.metric_sel);
    if area.height < 3 || area.width < 12 {
        return;
    }
    let now = sim.now();
    let from = now.saturating_sub(window(g.graph_window));
    let Shown { data, lines, axis } = shown(sim, m, g.graph_window);
    let unit = printable(&metric.unit_word);
    let (mut top, mut bottom) = (axis.label(axis.hi, &unit), axis.label(axis.lo, &unit));
    // The unit goes where it fits; the title has it always.
    let third = usize::from(area.width / 3);
    let width = |s: &str| textwrap::core::display_width(s);
    if width(&top).max(width(&bottom)) > third {
        (top, bottom) = (axis.label(axis.hi, ""), axis.label(axis.lo, ""));
    }
    let label_w = width(&top).max(width(&bottom)).min(third);
    let label_w = u16::try_from(label_w).unwrap_or(0);
    let rows = area.height - 1;
    let graph = Rect {
        x: area.x + label_w + 1,
        y: area.y,
        width: area.width.saturating_sub(label_w + 1),
        height: rows,
    };
    let dim = Style::new().fg(th.dim);
    let buf = f.buffer_mut();
    // The y-axis: its bounds at the top and the bottom, ticked.
    for row in 0..rows {
        let tick = row == 0 || row == rows - 1;
        buf[(area.x + label_w, area.y + row)]
            .set_symbol(if tick { "┤" } else { "│" })
            .set_style(dim);
    }
    let left = |s: &str| Line::from(s.to_string()).right_aligned();
    let labels = Rect {
        width: label_w,
        height: 1,
        ..area
    };
    f.render_widget(left(&top).style(dim), labels);
    let low = Rect {
        y: area.y + rows - 1,
        ..labels
    };
    f.render_widget(left(&bottom).style(dim), low);
    // The time axis: the window, and now.
    let xrow = Rect {
        y: area.y + rows,
        height: 1,
        ..graph
    };
    // Early in a game the window is what has passed so far.
    let start = match now - from {
        0 => String::new(),
        shown => format!("-{}", crate::base::time::duration(shown)),
    };
    f.render_widget(Line::from(start).style(dim), xrow);
    f.render_widget(Line::from("now").right_aligned().style(dim), xrow);
    let x0 = from as f64 / 1000.0;
    let x1 = (now as f64 / 1000.0).max(x0 + 1.0);
    let clamp = |v: f64| v.clamp(axis.lo, axis.hi);
    let color = th.metric;
    let points: Vec<(f64, Option<f64>)> = data.iter().map(|(t, v)| (*t, v.map(clamp))).collect();
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([x0, x1])
        .y_bounds([axis.lo, axis.hi])
        .paint(move |ctx| {
            // A line joins two samples with data only: a gap stays empty.
            for w in points.windows(2) {
                if let ((xa, Some(ya)), (xb, Some(yb))) = (w[0], w[1]) {
                    ctx.draw(&CanvasLine::new(xa, ya, xb, yb, color));
                }
            }
            for (i, (x, y)) in points.iter().enumerate() {
                let alone =
                    |j: Option<usize>| j.and_then(|j| points.get(j)).is_none_or(|p| p.1.is_none());
                if let Some(y) = y
                    && alone(i.checked_sub(1))
                    && alone(Some(i + 1))
                {
                    ctx.draw(&CanvasLine::new(*x, *y, *x, *y, color));
                }
            }
        });
    f.render_widget(canvas, graph);
    for t in lines {
        threshold(&t, axis, th, f, graph);
    }
    for (a, b) in gaps(&data) {
        no_data(f, graph, (x0, x1), (a, b), dim);
    }
}

/// Marks a gap: `no data` in the middle of its columns, where it fits,
/// and a dotted floor under it, so the empty stretch reads as missing
/// data, never as a drop to zero.
fn no_data(f: &mut Frame, graph: Rect, (x0, x1): (f64, f64), (a, b): (f64, f64), style: Style) {
    if graph.width == 0 || graph.height == 0 {
        return;
    }
    let cols = f64::from(graph.width);
    let col = |t: f64| {
        (((t - x0) / (x1 - x0)) * cols)
            .floor()
            .clamp(0.0, cols - 1.0) as u16
    };
    let (first, last) = (col(a), col(b).max(col(a)));
    let floor = graph.y + graph.height - 1;
    let buf = f.buffer_mut();
    for x in graph.x + first..=graph.x + last {
        let cell = &mut buf[(x, floor)];
        if matches!(cell.symbol(), " " | "\u{2800}") {
            cell.set_symbol("┈").set_style(style);
        }
    }
    let label = "no data";
    let width = last - first + 1;
    if usize::from(width) >= label.len() && graph.height > 2 {
        let x = graph.x + first + (width - 7) / 2;
        // The row nearest the middle that nothing else uses there (a
        // threshold's dashes or name keep theirs).
        let free = |y: u16| (x..x + 7).all(|x| matches!(buf[(x, y)].symbol(), " " | "\u{2800}"));
        let mid = graph.height / 2;
        let rows = (0..graph.height - 1).map(|d| {
            let off = d.div_ceil(2);
            if d % 2 == 1 {
                mid.saturating_sub(off)
            } else {
                mid + off
            }
        });
        let Some(y) = rows
            .map(|r| graph.y + r.min(graph.height - 2))
            .find(|y| free(*y))
        else {
            return;
        };
        f.render_widget(
            Line::from(label).style(style),
            Rect {
                x,
                y,
                width: 7,
                height: 1,
            },
        );
    }
}

/// A threshold: a dashed row where the line leaves the cells free, and the
/// alert's name at its left end (bold while it fires).
fn threshold(t: &Threshold, axis: YAxis, th: &Theme, f: &mut Frame, graph: Rect) {
    if !(axis.lo..=axis.hi).contains(&t.value) || graph.height == 0 {
        return;
    }
    let rows = f64::from(graph.height - 1);
    let row = ((axis.hi - t.value) / (axis.hi - axis.lo) * rows).round();
    let y = graph.y + (row.clamp(0.0, rows) as u16);
    let style = Style::new().fg(th.threshold);
    let buf = f.buffer_mut();
    for x in graph.x..graph.x + graph.width {
        let cell = &mut buf[(x, y)];
        if matches!(cell.symbol(), " " | "\u{2800}") {
            cell.set_symbol("╌").set_style(style);
        }
    }
    // The label leaves a dash at each end, so it reads as the line's.
    let text = shorten(
        &format!(" {} ", t.label),
        usize::from(graph.width.saturating_sub(2)),
    );
    let style = if t.firing {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    };
    let w = u16::try_from(textwrap::core::display_width(&text)).unwrap_or(graph.width);
    let at = Rect {
        x: graph.x + 1.min(graph.width.saturating_sub(w)),
        y,
        width: w.min(graph.width),
        height: 1,
    };
    f.render_widget(Line::styled(text, style), at);
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the bounds are exact steps
mod tests {
    use super::*;

    fn metric(unit: &str, range: Option<(f64, f64)>) -> Metric {
        Metric {
            name: "m".into(),
            label: "M".into(),
            unit: Unit::from_word(unit),
            unit_word: unit.into(),
            baseline: 0.0,
            noise: 0.0,
            daily: None,
            range,
            recover: 0,
            effects: Vec::new(),
            sources: Vec::new(),
            span: crate::base::source::Span::default(),
        }
    }

    #[test]
    fn a_count_near_zero_never_goes_negative() {
        let a = y_axis(&metric("jobs", None), &[0.0, 0.3, 0.0], &[]);
        assert_eq!(a.lo, 0.0);
        assert!(a.hi > 0.0);
        assert_eq!(a.label(a.lo, "jobs"), "0 jobs");
        let flat = y_axis(&metric("jobs", None), &[0.0, 0.0], &[]);
        assert_eq!((flat.lo, flat.hi), (0.0, 1.0));
    }

    #[test]
    fn a_percentage_near_100_stops_at_100() {
        let a = y_axis(&metric("%", None), &[99.2, 99.9, 100.0], &[95.0]);
        assert_eq!(a.hi, 100.0);
        assert!(a.lo <= 95.0);
        let ranged = y_axis(&metric("%", Some((0.0, 100.0))), &[100.0, 100.0], &[]);
        assert_eq!(ranged.hi, 100.0);
        assert!(ranged.lo < 100.0);
        assert_eq!(ranged.label(ranged.hi, "%"), "100%");
    }

    #[test]
    fn a_flat_series_gets_a_readable_range() {
        let a = y_axis(&metric("", None), &[4.0, 4.0, 4.0], &[]);
        assert!(a.lo < 4.0 && a.hi > 4.0, "{a:?}");
        assert_ne!(a.label(a.lo, ""), a.label(a.hi, ""));
        let tiny = y_axis(&metric("%", None), &[0.0021, 0.0021], &[]);
        assert_ne!(tiny.label(tiny.lo, "%"), tiny.label(tiny.hi, "%"));
        assert!(tiny.lo >= 0.0);
    }

    #[test]
    fn the_declared_range_holds_and_thresholds_are_in_view() {
        let m = metric("krps", Some((0.0, 14000.0)));
        let a = y_axis(&m, &[9000.0, 9100.0], &[2000.0]);
        assert!(a.lo <= 2000.0 && a.hi >= 9100.0 && a.hi <= 14000.0, "{a:?}");
        let neg = y_axis(&metric("C", None), &[-3.0, 2.0], &[]);
        assert!(
            neg.lo <= -3.0,
            "a metric that went below zero is shown there"
        );
    }

    #[test]
    fn the_title_keeps_the_value_and_shortens_the_name() {
        let t = title("Disk used, thumbs-01 /var", 1, 2, "97.08%", 30);
        assert!(t.ends_with(" 97.08% "), "{t}");
        assert!(t.contains('…') && t.contains("[1/2]"), "{t}");
        assert!(textwrap::core::display_width(&t) <= 30, "{t}");
        let roomy = title("Disk", 1, 2, "97%", 40);
        assert_eq!(roomy, " Disk [1/2] 97% ");
        let tight = title("Disk used, thumbs-01 /var", 1, 2, "97.08%", 12);
        assert!(
            tight.ends_with(" 97.08% ") && !tight.contains('['),
            "{tight}"
        );
        assert_eq!(title("Disk used", 1, 2, "97.08%", 5), " 97.08% ");
    }
}
