//! The debrief as one self-contained HTML page: system fonts, a readable
//! measure, a print style, and an inline SVG chart for every metric an alert
//! watches, with the alert thresholds, the stretches an alert fired and the
//! player's decisions marked on a clock-time axis. No script, no network:
//! the only URLs are links.

use super::text::{number, pieces, value};
use super::{Chart, Debrief, DecisionKind, EntryKind, Gap, Looked, Moment, RubricLine, clock_at};
use crate::scenario::{Outcome, RubricKind};
use std::fmt::Write as _;

/// Escapes text for HTML (content and attribute values).
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text with backtick pairs as `<code>`, all of it escaped.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (code, p) in pieces(s) {
        if code {
            let _ = write!(out, "<code>{}</code>", esc(p));
        } else {
            out.push_str(&esc(p));
        }
    }
    out
}

/// Paragraphs of text (blank lines between them).
fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", inline(&p)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn time(m: &Moment) -> String {
    format!(
        "<span class=\"when\"><time>{}</time> <span class=\"off\">{}</span></span>",
        esc(&m.clock),
        esc(&m.offset)
    )
}

fn kind_label(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Pager => "pager",
        DecisionKind::Command => "shell command",
        DecisionKind::Choice => "choice",
        DecisionKind::Page => "paged someone",
        DecisionKind::Status => "status update",
        DecisionKind::Look => "graph, runbook or log",
        DecisionKind::Wait => "waited",
    }
}

/// The colour of a decision kind, on charts and the timeline.
fn kind_colour(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Pager => "#bc4c00",
        DecisionKind::Command => "#0969da",
        DecisionKind::Choice => "#8250df",
        DecisionKind::Page => "#bf3989",
        DecisionKind::Status => "#1a7f37",
        DecisionKind::Look => "#6e7781",
        DecisionKind::Wait => "#afb8c1",
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa;
  --accent:#0969da; --good:#1a7f37; --bad:#cf222e; --warn:#9a6700; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #eef1f4; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 58rem; margin: 2rem auto; background: #fff; padding: 2.5rem 3rem 2rem;
  border-radius: 10px; box-shadow: 0 1px 3px rgba(31,35,40,.12), 0 8px 24px rgba(66,74,83,.08); }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 2rem; letter-spacing: -.01em; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .9rem; padding-bottom: .35rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.4rem 0 .5rem; }
p { margin: .5rem 0; }
a { color: var(--accent); }
code { font: .88em/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--soft); border: 1px solid #e4e8ec; border-radius: 4px; padding: .05em .3em; overflow-wrap: anywhere; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); font-weight: 600; margin: 0 0 .3rem; }
.summary { color: var(--muted); font-size: 1.05rem; margin-top: .4rem; max-width: 44rem; }
.facts { display: flex; flex-wrap: wrap; gap: .3rem 1.6rem; margin: 1rem 0 0; padding: 0; font-size: .9rem; }
.facts div { display: flex; gap: .4rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 500; }
.warn { margin: 1.2rem 0 0; padding: .7rem 1rem; border-left: 4px solid #d4a72c; background: #fff8c5; border-radius: 4px; font-size: .93rem; }
.ending { margin-top: 1.6rem; padding: 1.1rem 1.3rem; border-radius: 8px; border: 1px solid var(--line); background: var(--soft); }
.ending .badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  padding: .15rem .55rem; border-radius: 999px; color: #fff; background: var(--muted); }
.ending h2 { border: 0; margin: .5rem 0 .1rem; padding: 0; font-size: 1.45rem; }
.ending .when { color: var(--muted); }
.ending p { max-width: 46rem; }
.o-resolved { background: #eefbf1; border-color: #aceebb; } .o-resolved .badge { background: var(--good); }
.o-mitigated { background: #ddf4ff; border-color: #a8d8f8; } .o-mitigated .badge { background: #0969da; }
.o-worse { background: #ffebe9; border-color: #ffcecb; } .o-worse .badge { background: var(--bad); }
.o-timed_out, .o-none { background: #fff8c5; border-color: #f2dd8c; } .o-timed_out .badge, .o-none .badge { background: var(--warn); }
time { font-variant-numeric: tabular-nums; font-weight: 600; }
.off { color: var(--muted); font-size: .85em; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; padding: .55rem .7rem; border-bottom: 1px solid var(--line); }
thead th { font-size: .78rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border-bottom: 2px solid var(--line); }
tbody th { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.milestones tbody th { width: 9.5rem; }
.milestones .what { color: var(--muted); font-size: .9rem; margin-top: .15rem; }
.milestones .none { color: var(--muted); }
.diff { display: inline-block; margin-top: .3rem; font-size: .8rem; font-weight: 600; padding: .05rem .45rem; border-radius: 999px; background: var(--soft); border: 1px solid var(--line); }
.diff.ahead { color: var(--good); border-color: #aceebb; background: #eefbf1; }
.diff.behind { color: #953800; border-color: #ffd8b5; background: #fff1e5; }
.note-small { color: var(--muted); font-size: .85rem; margin-top: .6rem; }
.rubric { list-style: none; padding: 0; margin: 0; }
.rubric li { display: grid; grid-template-columns: 1.7rem 1fr; gap: .2rem .4rem; padding: .55rem 0; border-bottom: 1px solid #eaeef2; }
.rubric .mark { font-weight: 700; font-size: 1.05rem; text-align: center; border-radius: 50%; width: 1.45rem; height: 1.45rem; line-height: 1.45rem; color: #fff; }
.rubric .good .mark { background: var(--good); } .rubric .bad .mark { background: var(--bad); }
.rubric .state { color: var(--muted); font-size: .88rem; }
.rubric .why { margin: .2rem 0 0; color: #3d444d; font-size: .93rem; max-width: 44rem; }
.rubric .name { color: var(--muted); font-size: .8rem; }
.cause { max-width: 46rem; }
.responders { list-style: none; padding: 0; margin: .8rem 0 0; border-left: 3px solid var(--line); }
.responders li { padding: .3rem 0 .3rem 1rem; position: relative; }
.responders li::before { content: ""; position: absolute; left: -7px; top: .75rem; width: 11px; height: 11px; border-radius: 50%; background: #fff; border: 2px solid var(--accent); }
.responders .kind { display: inline-block; min-width: 6.5rem; font-size: .78rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
figure { margin: 1.2rem 0 1.8rem; break-inside: avoid; }
figcaption { font-size: .95rem; margin-bottom: .3rem; }
figcaption .sub { color: var(--muted); font-size: .85rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #59636e; }
svg.chart .thr text { fill: #cf222e; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .82rem; color: var(--muted); margin: .2rem 0 .6rem; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .35rem; }
.legend i { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; }
.timeline { list-style: none; margin: 0; padding: 0; font-size: .93rem; }
.timeline li { display: grid; grid-template-columns: 9.4rem 1fr; gap: .8rem; padding: .28rem 0 .28rem; border-bottom: 1px dotted #e4e8ec; }
.timeline .when { white-space: nowrap; }
.timeline .dot { display: inline-block; width: .55rem; height: .55rem; border-radius: 50%; margin-right: .45rem; vertical-align: .08em; }
.timeline .world { color: var(--muted); font-style: italic; }
.timeline .rubric-good { color: var(--good); font-weight: 600; }
.timeline .rubric-bad { color: var(--bad); font-weight: 600; }
.timeline .end-mark { font-weight: 700; }
.timeline li.note { background: #fff8c5; border-radius: 6px; border-bottom: 0; margin: .3rem 0; padding: .45rem .5rem; }
.timeline li.note .who { font-weight: 700; color: var(--warn); margin-right: .3rem; }
.flag { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: 0 .4rem; border-radius: 4px; margin-left: .4rem; background: #ffebe9; color: var(--bad); border: 1px solid #ffcecb; }
.refused { color: var(--bad); font-size: .88rem; }
.score { display: grid; grid-template-columns: repeat(auto-fit, minmax(7.2rem, 1fr)); gap: .6rem; margin: 1rem 0 0; }
.score div { border: 1px solid var(--line); border-radius: 8px; padding: .55rem .8rem; }
.score b { display: block; font-size: 1.5rem; line-height: 1.2; font-variant-numeric: tabular-nums; }
.score small { font-size: .8rem; color: var(--muted); font-weight: 500; }
.score span { color: var(--muted); font-size: .8rem; line-height: 1.25; display: block; }
.score .all b { color: var(--good); } .score .some b { color: var(--bad); }
.cmd code { white-space: nowrap; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2.2rem; }
.cols > div > h2 { margin-top: 2.4rem; }
.plain { padding-left: 1.1rem; margin: .3rem 0; }
.plain li { margin: .25rem 0; }
.muted { color: var(--muted); }
.stat { display: flex; flex-wrap: wrap; gap: .8rem; margin: .4rem 0 .8rem; }
.stat div { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .8rem; min-width: 8.5rem; }
.stat b { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
.stat span { color: var(--muted); font-size: .8rem; }
blockquote { margin: .4rem 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--line); background: var(--soft); border-radius: 0 6px 6px 0; white-space: pre-wrap; }
.answers h3 { font-size: .95rem; }
footer { margin-top: 2.6rem; padding-top: .8rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8rem; }
@media (max-width: 720px) { main { padding: 1.4rem 1.1rem; margin: 0; border-radius: 0; } .cols { grid-template-columns: 1fr; } .timeline li { grid-template-columns: 1fr; gap: 0; } }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  figure, .rubric li, .timeline li, tr, .ending { break-inside: avoid; }
  a[href*="//"]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); }
  .warn, .ending, .timeline li.note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The debrief as one self-contained HTML page.
pub fn html(d: &Debrief) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let sc = &d.scenario;
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Debrief: {} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&sc.title),
        esc(&d.session.player)
    );
    header(&mut o, d);
    ending(&mut o, d);
    scorecard(&mut o, d);
    milestones(&mut o, d);
    rubric(&mut o, d);
    really(&mut o, d);
    charts(&mut o, d);
    timeline(&mut o, d);
    commands(&mut o, d);
    o.push_str("<div class=\"cols\"><div>\n");
    evidence(&mut o, d);
    o.push_str("</div><div>\n");
    status(&mut o, d);
    escalations(&mut o, d);
    o.push_str("</div></div>\n");
    pace(&mut o, d);
    answers(&mut o, d);
    notes(&mut o, d);
    let _ = write!(
        o,
        "<footer>firedrill debrief · {} transcript entries · played until {} ({}) · scenario <code>{}</code>, hash <code>{}</code> · seed {}</footer>\n</main>\n</body>\n</html>\n",
        d.session.entries,
        esc(&d.session.played_until.clock),
        esc(&d.session.played_until.offset),
        esc(&sc.id),
        esc(if d.session.recorded_hash.is_empty() {
            "unknown"
        } else {
            &d.session.recorded_hash
        }),
        d.session.seed
    );
    o
}

fn header(o: &mut String, d: &Debrief) {
    let sc = &d.scenario;
    let s = &d.session;
    let _ = write!(
        o,
        "<header>\n<p class=\"eyebrow\">Firedrill debrief</p>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n<dl class=\"facts\">",
        esc(&sc.title),
        inline(&sc.summary)
    );
    let mut fact = |k: &str, v: String| {
        let _ = write!(o, "<div><dt>{k}</dt><dd>{v}</dd></div>");
    };
    fact("Player", esc(&s.player));
    fact("Role", esc(&sc.role));
    let mode = if s.mode == "real time" && (s.speed - 1.0).abs() > f64::EPSILON {
        format!("real time at {}×", number(s.speed))
    } else {
        s.mode.clone()
    };
    fact("Mode", esc(&mode));
    fact("Played", esc(&s.started));
    fact(
        "Incident",
        format!(
            "{} from {} {}",
            esc(&sc.date),
            esc(&clock_at(sc.start_clock_secs, 0, false)),
            esc(&sc.zone)
        ),
    );
    if let Some(p) = &sc.postmortem {
        fact(
            "Postmortem",
            format!(
                "<a href=\"{}\">{}: {}</a>",
                esc(&p.url),
                esc(&p.company),
                esc(&p.title)
            ),
        );
    }
    o.push_str("</dl>\n");
    let _ = writeln!(
        o,
        "<p class=\"note-small\">Times are the incident's clock ({}) with T+ from the drill's start, so they line up with the real timeline.</p>\n</header>",
        esc(&sc.zone)
    );
    for w in &d.warnings {
        let _ = writeln!(
            o,
            "<div class=\"warn\"><strong>Note:</strong> {}</div>",
            inline(w)
        );
    }
}

fn ending(o: &mut String, d: &Debrief) {
    match &d.ending {
        Some(e) => {
            let class = match e.outcome {
                Outcome::Resolved => "resolved",
                Outcome::Mitigated => "mitigated",
                Outcome::Worse => "worse",
                Outcome::TimedOut => "timed_out",
            };
            let _ = writeln!(
                o,
                "<section class=\"ending o-{class}\">\n<span class=\"badge\">{}</span>\n<h2>{}</h2>\n<div class=\"when\">Ended at {}</div>\n{}\n</section>",
                esc(&e.outcome_label),
                esc(&e.title),
                time(&e.at),
                paragraphs(&e.text)
            );
        }
        None => {
            let _ = writeln!(
                o,
                "<section class=\"ending o-none\">\n<span class=\"badge\">no ending</span>\n<h2>The game stopped before an ending</h2>\n<div class=\"when\">Played until {}</div>\n</section>",
                time(&d.session.played_until)
            );
        }
    }
}

/// The rubric and the game in a few numbers, under the ending.
fn scorecard(o: &mut String, d: &Debrief) {
    let good = |lines: &[RubricLine]| {
        lines
            .iter()
            .filter(|l| {
                if l.kind == RubricKind::RedHerring {
                    !l.met
                } else {
                    l.met
                }
            })
            .count()
    };
    o.push_str("<div class=\"score\">");
    for (lines, what) in [
        (&d.key_actions, "key actions done in time"),
        (&d.red_herrings, "red herrings avoided"),
        (&d.objectives, "learning objectives met"),
    ] {
        if lines.is_empty() {
            continue;
        }
        let n = good(lines);
        let _ = write!(
            o,
            "<div class=\"{}\"><b>{n}<small> / {}</small></b><span>{what}</span></div>",
            if n == lines.len() { "all" } else { "some" },
            lines.len()
        );
    }
    let runs: usize = d.commands.iter().map(|c| c.count).sum();
    let _ = write!(
        o,
        "<div><b>{}</b><span>decisions</span></div><div><b>{runs}</b><span>commands run</span></div><div class=\"{}\"><b>{}</b><span>pages escalated</span></div>",
        d.pace.decisions,
        if d.escalations.is_empty() { "" } else { "some" },
        d.escalations.len()
    );
    o.push_str("</div>\n");
}

fn milestones(o: &mut String, d: &Debrief) {
    let real = !d.responders.is_empty();
    o.push_str("<section>\n<h2>Milestones</h2>\n<table class=\"milestones\">\n<thead><tr><th></th><th>You</th>");
    if real {
        let _ = write!(o, "<th>{}</th>", esc(&d.responders_name));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for m in &d.milestones {
        let _ = write!(o, "<tr><th>{}</th><td>", esc(&m.label));
        match &m.you {
            Some(t) => {
                let _ = write!(
                    o,
                    "{}<div class=\"what\">{}</div>",
                    time(t),
                    inline(&m.you_what)
                );
            }
            None => {
                let _ = write!(
                    o,
                    "<span class=\"none\">—</span><div class=\"what\">{}</div>",
                    inline(&m.you_what)
                );
            }
        }
        if let Some(diff) = &m.difference {
            let class = if diff.contains("earlier") {
                "ahead"
            } else if diff.contains("later") {
                "behind"
            } else {
                ""
            };
            let _ = write!(o, "<span class=\"diff {class}\">{}</span>", esc(diff));
        }
        o.push_str("</td>");
        if real {
            match &m.real {
                Some(t) => {
                    let _ = write!(
                        o,
                        "<td>{}<div class=\"what\">{}</div></td>",
                        time(t),
                        inline(&m.real_what)
                    );
                }
                None => o.push_str("<td><span class=\"none\">—</span></td>"),
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n<p class=\"note-small\">Time to diagnose is when your first key action was done; time to mitigate, when the last paging alert stopped firing for good.");
    if !real {
        o.push_str(" This scenario is fictional: there is no real timeline to compare with.");
    }
    o.push_str("</p>\n</section>\n");
}

fn rubric_list(o: &mut String, lines: &[RubricLine]) {
    o.push_str("<ul class=\"rubric\">\n");
    for l in lines {
        let good = match l.kind {
            RubricKind::RedHerring => !l.met,
            _ => l.met,
        };
        let mut state = esc(&l.state);
        if let Some(m) = &l.at {
            let _ = write!(state, " at {}", time(m));
        }
        if let Some(dl) = &l.deadline
            && l.kind == RubricKind::KeyAction
        {
            let _ = write!(state, " · deadline {}", esc(&dl.offset));
        }
        let _ = write!(
            o,
            "<li class=\"{}\"><span class=\"mark\">{}</span><div><strong>{}</strong> <span class=\"name\">{}</span><br><span class=\"state\">{state}</span>",
            if good { "good" } else { "bad" },
            if good { "✓" } else { "✗" },
            inline(&l.title),
            esc(&l.name)
        );
        if !l.why.is_empty() {
            let _ = write!(
                o,
                "<p class=\"why\">{}</p>",
                inline(&l.why.split_whitespace().collect::<Vec<_>>().join(" "))
            );
        }
        o.push_str("</div></li>\n");
    }
    o.push_str("</ul>\n");
}

fn rubric(o: &mut String, d: &Debrief) {
    for (title, lines) in [
        ("Key actions", &d.key_actions),
        ("Red herrings", &d.red_herrings),
        ("Learning objectives", &d.objectives),
    ] {
        if lines.is_empty() {
            continue;
        }
        let good = lines
            .iter()
            .filter(|l| {
                if l.kind == RubricKind::RedHerring {
                    !l.met
                } else {
                    l.met
                }
            })
            .count();
        let what = match lines.first().map(|l| l.kind) {
            Some(RubricKind::RedHerring) => "avoided",
            Some(RubricKind::KeyAction) => "done in time",
            _ => "met",
        };
        let _ = writeln!(
            o,
            "<section>\n<h2>{title} <span class=\"off\">{good} of {} {what}</span></h2>",
            lines.len()
        );
        rubric_list(o, lines);
        o.push_str("</section>\n");
    }
}

fn really(o: &mut String, d: &Debrief) {
    if d.root_cause.is_empty() && d.responders.is_empty() {
        return;
    }
    o.push_str("<section>\n<h2>What really happened</h2>\n");
    if !d.root_cause.is_empty() {
        let _ = writeln!(
            o,
            "<div class=\"cause\">{}</div>",
            paragraphs(&d.root_cause)
        );
    }
    if !d.responders.is_empty() {
        let _ = writeln!(
            o,
            "<h3>{}, from the postmortem</h3>\n<ul class=\"responders\">",
            esc(&d.responders_name)
        );
        for r in &d.responders {
            let _ = writeln!(
                o,
                "<li><span class=\"kind\">{}</span> {} <div>{}</div></li>",
                esc(&r.label),
                time(&r.at),
                inline(&r.what)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

fn legend(o: &mut String, d: &Debrief) {
    let mut kinds: Vec<DecisionKind> = Vec::new();
    for e in &d.timeline {
        if let Some(k) = e.decision
            && k != DecisionKind::Wait
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    o.push_str("<ul class=\"legend\">");
    o.push_str("<li><i style=\"background:#0969da;height:3px\"></i>the metric</li>");
    o.push_str("<li><i style=\"background:none;border-top:2px dashed #cf222e;height:0\"></i>alert threshold</li>");
    o.push_str("<li><i style=\"background:#ffe4e4\"></i>alert firing</li>");
    if !d.notes.is_empty() {
        o.push_str("<li><i style=\"background:#d4a72c;transform:rotate(45deg);width:.55rem;height:.55rem\"></i>mentor note</li>");
    }
    for k in kinds {
        let _ = write!(
            o,
            "<li><i style=\"background:{}\"></i>{}</li>",
            kind_colour(k),
            kind_label(k)
        );
    }
    o.push_str("</ul>\n");
}

fn charts(o: &mut String, d: &Debrief) {
    if d.charts.is_empty() {
        return;
    }
    o.push_str("<section>\n<h2>The metrics the alerts watch</h2>\n<p class=\"muted\">Your decisions are the ticks under each chart (hover for what they were).</p>\n");
    legend(o, d);
    for c in &d.charts {
        let mut sub = Vec::new();
        if !c.unit.is_empty() && c.unit != "%" {
            sub.push(format!("in {}", c.unit));
        }
        if let Some((m, v)) = &c.peak {
            sub.push(format!("highest {} at {}", value(*v, &c.unit), m.clock));
        }
        if let Some(v) = c.last {
            sub.push(format!("{} at the end", value(v, &c.unit)));
        }
        let _ = writeln!(
            o,
            "<figure>\n<figcaption><strong>{}</strong> <code>{}</code> <span class=\"sub\">{}</span></figcaption>\n{}\n</figure>",
            esc(&c.label),
            esc(&c.metric),
            esc(&sub.join(" · ")),
            chart_svg(d, c)
        );
    }
    o.push_str("</section>\n");
}

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

/// One metric's chart as inline SVG.
fn chart_svg(d: &Debrief, c: &Chart) -> String {
    const W: f64 = 860.0;
    const X0: f64 = 52.0;
    const X1: f64 = 842.0;
    const Y0: f64 = 14.0;
    const Y1: f64 = 172.0;
    const LANE: f64 = 196.0;
    const H: f64 = 226.0;
    let end_ms = c
        .points
        .last()
        .map_or(0, |p| p.0)
        .max(u64::try_from(d.session.played_until.ms).unwrap_or(0))
        .max(60_000);
    let end = end_ms as f64;
    let sx = |t: f64| X0 + (t / end).clamp(0.0, 1.0) * (X1 - X0);

    // The value axis: from zero when nothing is negative, to a round number
    // above the highest value or threshold.
    let values = c
        .points
        .iter()
        .map(|p| p.1)
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
    if c.unit == "%" && hi > 100.0 && c.points.iter().all(|p| p.1 <= 100.0) {
        hi = 100.0;
    }
    let sy = |v: f64| Y1 - ((v - lo) / (hi - lo)).clamp(0.0, 1.0) * (Y1 - Y0);

    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} over the drill\">",
        esc(&c.label)
    );
    let _ = write!(s, "<title>{} over the drill</title>", esc(&c.label));

    // Alert firing stretches, behind everything.
    for f in &c.firing {
        let x = sx(f.from as f64);
        let to = f.to.unwrap_or(end_ms);
        let w = (sx(to as f64) - x).max(1.0);
        let until = f.to.map_or_else(
            || "the end".to_string(),
            |t| {
                clock_at(
                    d.scenario.start_clock_secs,
                    i64::try_from(t).unwrap_or(0),
                    true,
                )
            },
        );
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{Y0}\" width=\"{}\" height=\"{}\" fill=\"#ffe4e4\"><title>“{}” firing from {} to {}</title></rect>",
            f1(x),
            f1(w),
            Y1 - Y0,
            esc(&f.title),
            esc(&clock_at(
                d.scenario.start_clock_secs,
                i64::try_from(f.from).unwrap_or(0),
                true
            )),
            esc(&until)
        );
    }

    // Value grid and labels.
    let mut v = lo;
    let mut guard = 0;
    while v <= hi + step * 0.001 && guard < 20 {
        let y = sy(v);
        let _ = write!(
            s,
            "<line x1=\"{X0}\" x2=\"{X1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            if guard == 0 { "#8c959f" } else { "#eaeef2" },
            X0 - 8.0,
            y + 4.0,
            esc(&axis_label(v, &c.unit))
        );
        v += step;
        guard += 1;
    }

    // Time axis, in the incident's clock.
    let start_ms = u64::from(d.scenario.start_clock_secs) * 1000;
    let interval = [
        60_000u64, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
        21_600_000, 43_200_000,
    ]
    .into_iter()
    .find(|i| end_ms / i <= 9)
    .unwrap_or(86_400_000);
    let mut t = (interval - start_ms % interval) % interval;
    while t <= end_ms {
        let x = sx(t as f64);
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{Y0}\" y2=\"{}\" stroke=\"#f0f2f4\"/><line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{Y1}\" y2=\"{}\" stroke=\"#8c959f\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            Y1,
            Y1 + 4.0,
            Y1 + 16.0,
            esc(&clock_at(
                d.scenario.start_clock_secs,
                i64::try_from(t).unwrap_or(0),
                false
            ))
        );
        t += interval;
    }

    // The series: a soft area and a line.
    if !c.points.is_empty() {
        let mut line = String::with_capacity(c.points.len() * 14);
        for (i, (t, v)) in c.points.iter().enumerate() {
            let _ = write!(
                line,
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                sx(*t as f64),
                sy(*v)
            );
        }
        let first = c.points.first().map_or(0.0, |p| sx(p.0 as f64));
        let last = c.points.last().map_or(0.0, |p| sx(p.0 as f64));
        let base = sy(lo.max(0.0).min(hi));
        let _ = write!(
            s,
            "<path d=\"{line}L{last:.1},{base:.1}L{first:.1},{base:.1}Z\" fill=\"#0969da\" fill-opacity=\".08\"/><path d=\"{line}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
        );
    }

    // Thresholds.
    for th in &c.thresholds {
        if th.value < lo || th.value > hi {
            continue;
        }
        let y = sy(th.value);
        // The label goes on the side of the line the series is not on at
        // the right end, where it is written.
        let tail = c.points.len().saturating_sub((c.points.len() / 8).max(1));
        let tail_above = c.points.get(tail..).is_some_and(|p| {
            !p.is_empty() && p.iter().map(|x| x.1).sum::<f64>() / p.len() as f64 > th.value
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

    // The player's decisions: a lane of ticks under the axis.
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
        let x = sx(e.at.ms.max(0) as f64);
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
        let x = sx(n.at as f64);
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
    s.push_str("</svg>");
    s
}

fn timeline(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Your decisions, moment by moment</h2>\n<ol class=\"timeline\">\n");
    for e in &d.timeline {
        let (class, body) = match e.kind {
            EntryKind::Decision => {
                let k = e.decision.unwrap_or(DecisionKind::Wait);
                let mut b = format!(
                    "<span class=\"dot\" style=\"background:{}\" title=\"{}\"></span>{}",
                    kind_colour(k),
                    kind_label(k),
                    inline(&e.what)
                );
                for f in &e.flags {
                    let _ = write!(b, "<span class=\"flag\">{}</span>", esc(f));
                }
                if let Some(r) = &e.refused {
                    let _ = write!(b, " <span class=\"refused\">refused: {}</span>", inline(r));
                }
                ("decision", b)
            }
            EntryKind::World => (
                "",
                format!("<span class=\"world\">{}</span>", inline(&e.what)),
            ),
            EntryKind::Rubric => {
                let good = e.good == Some(true);
                (
                    "",
                    format!(
                        "<span class=\"rubric-{}\">{} {}</span>",
                        if good { "good" } else { "bad" },
                        if good { "✓" } else { "✗" },
                        inline(&e.what)
                    ),
                )
            }
            EntryKind::Note => (
                "note",
                format!("<span class=\"who\">Mentor note</span>{}", inline(&e.what)),
            ),
            EntryKind::Ending => (
                "",
                format!("<span class=\"end-mark\">{}</span>", inline(&e.what)),
            ),
        };
        let _ = writeln!(
            o,
            "<li class=\"{class}\">{}<div>{body}</div></li>",
            time(&e.at)
        );
    }
    o.push_str("</ol>\n</section>\n");
}

fn commands(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Commands run</h2>\n");
    if d.commands.is_empty() {
        o.push_str("<p class=\"muted\">No commands.</p>\n</section>\n");
        return;
    }
    o.push_str("<table class=\"cmd\">\n<thead><tr><th>Command</th><th>Runs</th><th>First</th><th>Typed</th></tr></thead>\n<tbody>\n");
    for c in &d.commands {
        let mut flags = String::new();
        if c.risky {
            flags.push_str("<span class=\"flag\">risky</span>");
        }
        if c.destructive {
            flags.push_str("<span class=\"flag\">destructive</span>");
        }
        if c.kind == super::CommandKind::Unknown {
            flags.push_str(" <span class=\"muted\">(not a command here)</span>");
        }
        let typed: Vec<String> = c
            .lines
            .iter()
            .map(|l| format!("<code>{}</code>", esc(l)))
            .collect();
        let _ = writeln!(
            o,
            "<tr><td><code>{}</code>{flags}</td><td class=\"num\">{}</td><td><time>{}</time></td><td>{}</td></tr>",
            esc(&c.command),
            c.count,
            esc(&c.first.clock),
            typed.join(" ")
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn looked(l: &Looked) -> String {
    let mut s = format!(
        "<span class=\"muted\">{}</span> <code>{}</code> {}",
        esc(&l.kind),
        esc(&l.name),
        inline(&l.title)
    );
    if !l.times.is_empty() {
        let times: Vec<String> = l
            .times
            .iter()
            .map(|m| format!("<time>{}</time>", esc(&m.clock)))
            .collect();
        let _ = write!(s, " · {}", times.join(", "));
    } else if !l.linked_from.is_empty() {
        let from: Vec<String> = l
            .linked_from
            .iter()
            .map(|a| format!("“{}”", esc(a)))
            .collect();
        let _ = write!(
            s,
            " <span class=\"refused\">linked from the page {}</span>",
            from.join(" and ")
        );
    }
    s
}

fn evidence(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Evidence</h2>\n<h3>Looked at</h3>\n");
    looked_list(o, &d.evidence.looked_at, "No graph, runbook or log.");
    o.push_str("<h3>Never looked at</h3>\n");
    looked_list(o, &d.evidence.never, "Nothing was left unread.");
    o.push_str("</section>\n");
}

/// A list of evidence, or a muted line saying there is none.
fn looked_list(o: &mut String, items: &[Looked], none: &str) {
    if items.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{none}</p>");
        return;
    }
    o.push_str("<ul class=\"plain\">\n");
    for l in items {
        let _ = writeln!(o, "<li>{}</li>", looked(l));
    }
    o.push_str("</ul>\n");
}

fn escalations(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Pages escalated</h2>\n");
    if d.escalations.is_empty() {
        let paged = d
            .timeline
            .iter()
            .any(|e| e.kind == EntryKind::World && e.what.starts_with("PAGE"));
        let _ = writeln!(
            o,
            "<p class=\"muted\">{}</p>",
            if paged {
                "None: every page was acknowledged before it escalated."
            } else {
                "None: no page came."
            }
        );
    } else {
        o.push_str("<ul class=\"plain\">\n");
        for e in &d.escalations {
            let _ = writeln!(
                o,
                "<li>{} page {} (<code>{}</code>) went to <strong>{}</strong> after {} without an acknowledgement</li>",
                time(&e.at),
                e.page,
                esc(&e.alert),
                esc(&e.to),
                esc(&e.open_for)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

fn gap_html(g: &Gap) -> String {
    format!(
        "<strong>{}</strong> <span class=\"muted\">({}, <time>{}</time> to <time>{}</time>)</span>",
        esc(&g.length),
        inline(&g.between),
        esc(&g.from.clock),
        esc(&g.to.clock)
    )
}

fn status(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Status page</h2>\n");
    if d.status.updates.is_empty() {
        o.push_str("<p class=\"muted\">No status update was posted.</p>\n");
    } else {
        o.push_str("<ul class=\"plain\">\n");
        for u in &d.status.updates {
            let _ = writeln!(
                o,
                "<li>{} <strong>{}</strong> <span class=\"muted\">({})</span><br>“{}”</li>",
                time(&u.at),
                esc(&u.state),
                if u.by_player { "you" } else { "a colleague" },
                esc(&u.text)
            );
        }
        o.push_str("</ul>\n");
    }
    if let Some(i) = &d.status.impact_began {
        let _ = writeln!(o, "<p>Impact began at {}.</p>", time(i));
    }
    if let Some(g) = &d.status.longest_gap {
        let _ = writeln!(o, "<p>Longest silence: {}.</p>", gap_html(g));
    }
    o.push_str("</section>\n");
}

fn pace(o: &mut String, d: &Debrief) {
    let p = &d.pace;
    o.push_str("<section>\n<h2>Pace</h2>\n<div class=\"stat\">");
    let _ = write!(o, "<div><b>{}</b><span>decisions</span></div>", p.decisions);
    if let Some(m) = &p.mean_gap {
        let _ = write!(
            o,
            "<div><b>{}</b><span>per decision, on average</span></div>",
            esc(m)
        );
    }
    if let Some(g) = &p.longest_gap {
        let _ = write!(
            o,
            "<div><b>{}</b><span>longest pause</span></div>",
            esc(&g.length)
        );
    }
    if let Some((m, n)) = &p.busiest {
        let _ = write!(
            o,
            "<div><b>{n}</b><span>in the busiest 5 minutes, from {}</span></div>",
            esc(&m.clock)
        );
    }
    if p.refused > 0 {
        let _ = write!(
            o,
            "<div><b>{}</b><span>refused by the game</span></div>",
            p.refused
        );
    }
    o.push_str("</div>\n");
    if let Some(g) = &p.longest_gap {
        let _ = writeln!(
            o,
            "<p>Longest pause between decisions: {}.</p>",
            gap_html(g)
        );
    }
    if let Some(f) = &p.first {
        let _ = writeln!(o, "<p>First decision at {}.</p>", time(f));
    }
    let max = p.per_five_minutes.iter().copied().max().unwrap_or(0);
    if max > 0 {
        let n = p.per_five_minutes.len();
        let w = 860.0;
        let bw = ((w - 40.0) / n as f64).min(60.0);
        let _ = write!(
            o,
            "<figure><figcaption class=\"sub\">Decisions per five minutes</figcaption><svg class=\"chart\" viewBox=\"0 0 {w} 110\" role=\"img\" aria-label=\"decisions per five minutes\">"
        );
        for (i, c) in p.per_five_minutes.iter().enumerate() {
            let h = 70.0 * (*c as f64) / (max as f64);
            let x = 30.0 + i as f64 * bw;
            let clock = clock_at(d.scenario.start_clock_secs, i as i64 * 300_000, false);
            let _ = write!(
                o,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"#8250df\" fill-opacity=\".75\"><title>{}: {c} decisions</title></rect>",
                x + 2.0,
                82.0 - h,
                (bw - 4.0).max(1.0),
                h.max(0.5),
                esc(&clock)
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
                    esc(&clock)
                );
            }
        }
        o.push_str(
            "<line x1=\"30\" x2=\"850\" y1=\"82\" y2=\"82\" stroke=\"#8c959f\"/></svg></figure>\n",
        );
    }
    o.push_str("</section>\n");
}

fn answers(o: &mut String, d: &Debrief) {
    o.push_str("<section class=\"answers\">\n<h2>In your own words</h2>\n");
    if d.answers.is_empty() {
        o.push_str("<p class=\"muted\">No answers were given.</p>\n");
    }
    for a in &d.answers {
        let text = if a.text.trim().is_empty() {
            "(no answer)"
        } else {
            a.text.as_str()
        };
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<blockquote>{}</blockquote>",
            esc(&a.question),
            esc(text.trim())
        );
    }
    o.push_str("</section>\n");
}

fn notes(o: &mut String, d: &Debrief) {
    o.push_str("<section>\n<h2>Mentor notes</h2>\n");
    if d.notes.is_empty() {
        o.push_str("<p class=\"muted\">No notes yet: pin them to moments with <code>firedrill review</code>.</p>\n");
    } else {
        o.push_str("<ul class=\"plain\">\n");
        for n in &d.notes {
            let m = d.moment(super::signed(n.at));
            let _ = writeln!(o, "<li>{} {}</li>", time(&m), esc(&n.text));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(esc("<script>\"&'"), "&lt;script&gt;&quot;&amp;&#39;");
        assert_eq!(inline("run `a<b` <i>"), "run <code>a&lt;b</code> &lt;i&gt;");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 4.0), 25.0);
        assert_eq!(nice_step(14_000.0, 4.0), 5000.0);
        assert_eq!(nice_step(0.0, 4.0), 1.0);
    }
}
