//! The dashboard's graph as `TestBackend` snapshots, its window keys, focus
//! without colour, and its axes over every shipped scenario played through.

use super::app::{Game, Pane, Screen};
use super::config::Theme;
use super::graph;
use super::tests::{app, press, screen};
use crate::game::{Pace, Session, Wall};
use crate::library;
use crate::scenario::{MetricId, Millis, Unit};
use crate::sim::{Sim, playtest};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::sync::Arc;

/// The dashboard's size on an 80x24 and a 120x40 screen.
const PANES: [(&str, u16, u16); 2] = [("80x24", 32, 9), ("120x40", 48, 17)];

fn scenario(id: &str) -> Arc<crate::scenario::Scenario> {
    Arc::new(library::check(library::find(id).unwrap()).scenario.unwrap())
}

/// A game of `id` at `at`, its dashboard on `metric`.
fn game_at(id: &str, at: Millis, metric: &str) -> Game {
    let sc = scenario(id);
    let m = sc.metric_by_name(metric).unwrap();
    let mut sim = Sim::new(sc, 7);
    sim.advance_to(at);
    let pace = Pace {
        practice: true,
        speed: 1.0,
    };
    let mut g = Game::new(Session::resume(sim, pace, None, Wall::None), 0);
    g.metric_sel = m.0;
    g
}

/// The dashboard alone, at `w`x`h`.
fn dashboard(g: &Game, w: u16, h: u16) -> String {
    let theme = super::config::Config::load(&Default::default()).theme;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| graph::render(g, &theme, g.focus == Pane::Dashboard, f, f.area()))
        .unwrap();
    format!("{}", t.backend())
}

#[test]
fn graphs_of_counts_percentages_flat_lines_and_thresholds() {
    let cases = [
        // A count at zero: the axis starts at 0, never below.
        (
            "count_near_zero",
            "cloudflare-2017-leap-second",
            60_000,
            "rrdns_panics",
        ),
        // A share near 100%: the axis stops at 100%.
        ("percent_near_100", "aws-s3-2017", 60_000, "s3_get_ok"),
        // A line that does not move gets room, not `0`..`0`.
        ("flat", "slack-2021-network", 60_000, "web_hosts"),
        // Small values that once read `4`..`4`.
        (
            "small_values",
            "github-2018-partition",
            60_000,
            "write_latency",
        ),
        // A firing alert's threshold, dashed and named.
        ("threshold", "tutorial", 180_000, "disk_used"),
    ];
    for (name, id, at, metric) in cases {
        let g = game_at(id, at, metric);
        for (size, w, h) in PANES {
            insta::assert_snapshot!(format!("graph_{name}_{size}"), dashboard(&g, w, h));
        }
    }
}

/// A metric whose telemetry went dark: the line stops where the data
/// does, the gap is marked `no data` over a dotted floor, never drawn as a
/// drop to zero, and the title says `no data`.
#[test]
fn a_gap_is_drawn_as_a_gap() {
    let g = game_at("facebook-2021-bgp", 13 * 60_000, "backbone_links");
    assert_eq!(g.sim().metric_value(MetricId(g.metric_sel)), None);
    for (size, w, h) in PANES {
        let shown = dashboard(&g, w, h);
        assert!(shown.contains("no data"), "{shown}");
        insta::assert_snapshot!(format!("graph_gap_{size}"), shown);
    }
}

#[test]
fn the_title_keeps_the_value_at_every_width() {
    let g = game_at("tutorial", 180_000, "disk_used");
    let value = g.sim().format_metric(MetricId(g.metric_sel));
    for w in 14..60 {
        let s = dashboard(&g, w, 9);
        let top = s.lines().next().unwrap();
        assert!(top.contains(&format!(" {value} ")), "{w}: {top}");
    }
}

#[test]
fn the_window_keys_narrow_and_widen_the_graph() {
    let mut a = app(true);
    press(&mut a, "<enter>");
    // Twenty game minutes, then to the dashboard.
    press(&mut a, &"w".repeat(40));
    press(&mut a, "<tab>");
    let focus = |a: &super::app::App| match &a.screen {
        Screen::Play(g) => (g.focus, g.graph_window),
        _ => panic!("not playing"),
    };
    while focus(&a).0 != Pane::Dashboard {
        press(&mut a, "<tab>");
    }
    assert_eq!(focus(&a).1, graph::DEFAULT_WINDOW);
    assert!(
        a.hints().starts_with("[/] shorter/longer time"),
        "{}",
        a.hints()
    );
    press(&mut a, "[");
    assert_eq!(a.notice.as_deref(), Some("The graph shows the last 10m"));
    press(&mut a, "[[");
    assert_eq!(focus(&a).1, 0);
    assert_eq!(
        a.notice.as_deref(),
        Some("The graph shows the last 5m (the shortest)")
    );
    insta::assert_snapshot!("graph_zoomed_5m_80x24", screen(&a, 80, 24));
    press(&mut a, "]]]]]]]");
    assert_eq!(focus(&a).1, graph::WINDOWS.len() - 1);
    assert_eq!(
        a.notice.as_deref(),
        Some("The graph shows the last 2h (the longest)")
    );
    // Two hours wide, twenty minutes played: the axis says what it shows.
    let s = screen(&a, 120, 40);
    assert!(s.contains("-20m"), "{s}");
    insta::assert_snapshot!("graph_zoomed_2h_120x40", s);
    // The help screen lists the keys.
    press(&mut a, "?");
    let help = screen(&a, 120, 40);
    assert!(help.contains("show a shorter time in the graph"), "{help}");
}

/// Every colour of the theme the terminal's own: what `NO_COLOR` leaves.
fn no_colour() -> Theme {
    Theme {
        text: Color::Reset,
        dim: Color::Reset,
        border: Color::Reset,
        focus: Color::Reset,
        title: Color::Reset,
        page: Color::Reset,
        page_text: Color::Reset,
        acked: Color::Reset,
        resolved: Color::Reset,
        ticket: Color::Reset,
        chat_name: Color::Reset,
        shell_prompt: Color::Reset,
        choice: Color::Reset,
        metric: Color::Reset,
        threshold: Color::Reset,
        paused: Color::Reset,
    }
}

#[test]
fn the_focused_pane_shows_without_colour() {
    let mut a = app(true);
    a.config.theme = no_colour();
    press(&mut a, "<enter>wwww<tab>");
    let s = screen(&a, 80, 24);
    for (size, w, h) in [("80x24", 80, 24), ("120x40", 120, 40)] {
        insta::assert_snapshot!(format!("focus_no_colour_{size}"), screen(&a, w, h));
    }
    // One pane has the thick border: the one with the keys.
    let focused = match &a.screen {
        Screen::Play(g) => g.focus,
        _ => panic!("not playing"),
    };
    let top: Vec<&str> = s.lines().filter(|l| l.contains('┏')).collect();
    assert_eq!(top.len(), 1, "{s}");
    assert!(top[0].contains(&format!("┏ {}", focused.title())), "{s}");
}

/// The y-axis of every metric of every shipped scenario, at every window,
/// all through each of its playthrough tests: never below zero for what
/// never went below it (counts, rates, ranges from 0), never above 100 for a
/// percentage (unless its author declared a range past 100), never a flat
/// `4`..`4`.
#[test]
fn axes_are_sane_over_every_shipped_game() {
    let mut checked = 0;
    for b in library::builtins() {
        let sc = scenario(b.id);
        for t in &sc.tests {
            let mut sim = Sim::new(sc.clone(), 7);
            sim.drain();
            for step in &t.steps {
                if let Some(at) = step.at {
                    sim.advance_to(at);
                }
                sim.apply(playtest::action_for(&sc, &step.input));
                checked += check_axes(&sim, b.id);
            }
            // And the rest of the game, a minute at a time.
            for _ in 0..120 {
                if sim.is_over() {
                    break;
                }
                sim.advance_by(60_000);
                checked += check_axes(&sim, b.id);
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

fn check_axes(sim: &Sim, id: &str) -> usize {
    let mut n = 0;
    for (i, metric) in sim.scenario().metrics.iter().enumerate() {
        for w in 0..graph::WINDOWS.len() {
            let s = graph::shown(sim, MetricId(i), w);
            let a = s.axis;
            let at = format!("{id} {} at {} window {w}: {a:?}", metric.name, sim.now());
            let low = s
                .data
                .iter()
                .filter_map(|(_, v)| *v)
                .chain(s.lines.iter().map(|t| t.value))
                .fold(f64::INFINITY, f64::min);
            let counts = low >= 0.0 || metric.range.is_some_and(|(lo, _)| lo >= 0.0);
            assert!(!counts || a.lo >= 0.0, "below zero: {at}");
            let past_100 = metric.range.is_some_and(|(_, hi)| hi > 100.0);
            if metric.unit == Unit::Percent && !past_100 {
                assert!(a.hi <= 100.0, "above 100%: {at}");
            }
            assert!(a.hi > a.lo, "{at}");
            let unit = &metric.unit_word;
            assert_ne!(a.label(a.lo, unit), a.label(a.hi, unit), "{at}");
            n += 1;
        }
    }
    n
}
