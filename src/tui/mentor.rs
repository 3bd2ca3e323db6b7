//! The watcher's mentor view, which the player never sees: the rubric as it
//! stands (judged as the debrief judges it, [`crate::record::debrief::live_rubric`]),
//! what the player has not looked at yet, the scenario's next scheduled
//! beats, and its injects with which were fired. Drawn over the panes, on
//! the right at a wide terminal and over all of them at a small one; it
//! scrolls with the watcher's up and down keys.

use super::app::App;
use super::watch::Watch;
use crate::record::debrief::live_rubric;
use crate::scenario::{DocId, DocKind, InjectId, MetricId, RubricKind};
use crate::sim::Sim;
use crate::sim::eval::format_offset;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// How many upcoming beats are listed: a mentor needs the next few, not
/// the script.
const BEATS: usize = 6;

/// From this width on the view leaves the player's left panes in sight.
const SIDE_FROM: u16 = 110;
const SIDE_WIDTH: u16 = 54;

/// A line of the view before wrapping: its text, its style, and how far
/// its continuation rows are indented.
type Row = (String, Style, usize);

/// Draws the mentor view over the panes of `body` (below the title line).
pub fn render(app: &App, w: &Watch, f: &mut Frame, body: Rect) {
    let Some(sim) = app.watched_sim() else {
        return;
    };
    let below_title = u16::from(matches!(app.screen, super::app::Screen::Play(_)));
    let mut area = Rect {
        y: body.y + below_title.min(body.height),
        height: body.height.saturating_sub(below_title),
        ..body
    };
    if body.width >= SIDE_FROM {
        area.x = body.x + body.width - SIDE_WIDTH;
        area.width = SIDE_WIDTH;
    }
    f.render_widget(Clear, area);
    let mut frame = super::view::block(
        &app.config.theme,
        " Mentor view (the player never sees this) ",
        true,
    );
    let inner = frame.inner(area);
    let lines = wrapped(rows(app, w, sim), usize::from(inner.width));
    // Never scrolled past the last line; say when there is more below.
    let most = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = w.mentor_scroll.min(most);
    if scroll < most {
        frame = frame.title_bottom(" more below ");
    }
    f.render_widget(frame, area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// The rows cut to `width` columns, continuations indented.
fn wrapped(rows: Vec<Row>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (text, style, indent) in rows {
        let pieces = crate::base::text::wrap_to_fit(&text, width.max(1));
        let rest = crate::base::text::wrap_to_fit(
            &pieces[1..].join(" "),
            width.saturating_sub(indent).max(1),
        );
        out.push(Line::styled(pieces[0].clone(), style));
        if pieces.len() > 1 {
            out.extend(
                rest.into_iter()
                    .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), style)),
            );
        }
    }
    out
}

/// The view's rows: the four sections, each under a bold heading. Text
/// from the scenario is made printable (never a control sequence).
pub fn rows(app: &App, w: &Watch, sim: &Sim) -> Vec<Row> {
    let th = app.config.theme;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let plain = |t: String| (t, Style::new(), 4);
    let mut out: Vec<Row> = Vec::new();
    out.extend(rubric(app, sim));
    out.push(plain(String::new()));
    out.push(("Not looked at yet".into(), bold, 0));
    out.extend(unseen(w, sim).into_iter().map(|l| plain(format!("  {l}"))));
    out.push(plain(String::new()));
    out.push(("Next scheduled beats".into(), bold, 0));
    let beats = sim.upcoming(BEATS);
    if beats.is_empty() {
        out.push(("  nothing scheduled".into(), Style::new().fg(th.dim), 4));
    }
    for b in beats {
        out.push((
            format!("  {:<9} {}", format_offset(b.at), b.what),
            Style::new(),
            12,
        ));
    }
    out.push(plain(String::new()));
    out.push(("Injects".into(), bold, 0));
    out.extend(injects(app, sim));
    out.into_iter()
        .map(|(t, s, i)| (crate::base::printable::printable(&t), s, i))
        .collect()
}

/// The rubric by kind: each item's mark, state (and time), and title.
fn rubric(app: &App, sim: &Sim) -> Vec<Row> {
    let th = app.config.theme;
    let sc = sim.scenario();
    let items = live_rubric(sc, sim);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if items.is_empty() {
        return vec![
            ("Rubric".into(), bold, 0),
            (
                "  this scenario has none".into(),
                Style::new().fg(th.dim),
                4,
            ),
        ];
    }
    let mut out = Vec::new();
    for (kind, heading) in [
        (RubricKind::KeyAction, "Key actions so far"),
        (RubricKind::RedHerring, "Red herrings"),
        (RubricKind::Objective, "Objectives"),
    ] {
        let of_kind: Vec<_> = items.iter().filter(|r| r.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push((String::new(), Style::new(), 0));
        }
        out.push((heading.to_string(), bold, 0));
        for r in of_kind {
            let (mark, color) = match r.state.as_str() {
                _ if !r.applies => (' ', th.dim),
                "not yet" | "not taken" => (' ', th.dim),
                "followed" => ('x', th.page),
                "done late" | "missed" | "not met" => ('-', th.acked),
                _ => ('+', th.resolved),
            };
            let when = match (&r.at, &r.deadline) {
                (Some(at), _) => format!(" {}", at.offset),
                (None, Some(by)) if r.state == "not yet" => format!(", due {}", by.offset),
                _ => String::new(),
            };
            out.push((
                format!("  [{mark}] {}{when}: {}", r.state, r.title),
                Style::new().fg(color),
                6,
            ));
        }
    }
    out
}

/// What the player has not looked at: panes never given the keys, graphs
/// never put on the dashboard, runbooks and logs never opened.
pub fn unseen(w: &Watch, sim: &Sim) -> Vec<String> {
    let sc = sim.scenario();
    let panes: Vec<&str> = w.unlooked().iter().map(|p| p.title()).collect();
    let graphs: Vec<&str> = (0..sc.metrics.len())
        .filter(|m| !sim.has_viewed(MetricId(*m)))
        .map(|m| sc.metrics[m].label.as_str())
        .collect();
    let docs = |kind: DocKind| -> Vec<&str> {
        (0..sc.docs.len())
            .filter(|d| sc.docs[*d].kind == kind && !sim.has_read(DocId(*d)))
            .map(|d| sc.docs[d].title.as_str())
            .collect()
    };
    let list = |what: &str, names: Vec<&str>| {
        if names.is_empty() {
            format!("{what}: all looked at")
        } else {
            format!("{what}: {}", names.join(", "))
        }
    };
    vec![
        list("panes", panes),
        list("graphs", graphs),
        list("runbooks", docs(DocKind::Runbook)),
        list("logs", docs(DocKind::Log)),
    ]
}

/// Each inject, and when it was fired.
fn injects(app: &App, sim: &Sim) -> Vec<Row> {
    let th = app.config.theme;
    let sc = sim.scenario();
    if sc.injects.is_empty() {
        return vec![("  none in this scenario".into(), Style::new().fg(th.dim), 4)];
    }
    sc.injects
        .iter()
        .enumerate()
        .map(|(i, inj)| match sim.injected_at(InjectId(i)) {
            Some(at) => (
                format!(
                    "  [fired {}] {}: {}",
                    format_offset(at),
                    inj.name,
                    inj.title
                ),
                Style::new().fg(th.resolved),
                4,
            ),
            None => (
                format!("  [not fired] {}: {}", inj.name, inj.title),
                Style::new(),
                4,
            ),
        })
        .collect()
}
