//! The debrief as Markdown and as plain text for an 80-column terminal.
//!
//! Text from the scenario and the player follows one rule everywhere: a pair
//! of backticks marks code, everything else is plain text (escaped for
//! Markdown, so a player's `*` or `<` stays what was typed).

use super::{
    Chart, Debrief, EntryKind, Gap, Looked, MilestoneRow, Moment, RubricLine, TimelineEntry,
};
use crate::scenario::RubricKind;
use std::fmt::Write as _;

// ---- shared ----------------------------------------------------------------

/// Splits text into plain and code pieces: `(is_code, text)`. An unpaired
/// backtick is plain text.
pub(super) fn pieces(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &after[..close]));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// A number as people read it: enough digits to tell 99.95 from 100.
pub(super) fn number(v: f64) -> String {
    let r = match v.abs() {
        a if a >= 1000.0 => v.round(),
        a if a >= 100.0 => (v * 10.0).round() / 10.0,
        _ => (v * 100.0).round() / 100.0,
    };
    if r.fract() == 0.0 && r.abs() < 1e15 {
        return format!("{}", r as i64);
    }
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A metric value with its unit: `97.3%`, `420 jobs`.
pub(super) fn value(v: f64, unit: &str) -> String {
    match unit {
        "" => number(v),
        "%" => format!("{}%", number(v)),
        u => format!("{} {u}", number(v)),
    }
}

/// `13:47:00 (T+7m)`.
fn when(m: &Moment) -> String {
    format!("{} ({})", m.clock, m.offset)
}

fn mark(l: &RubricLine) -> &'static str {
    let good = match l.kind {
        RubricKind::RedHerring => !l.met,
        _ => l.met,
    };
    if good { "✓" } else { "✗" }
}

/// "done at 13:47:55 (T+7m55s), deadline T+10m".
fn rubric_state(l: &RubricLine) -> String {
    let mut s = l.state.clone();
    if let Some(m) = &l.at {
        s.push_str(&format!(" at {}", when(m)));
    }
    if let Some(d) = &l.deadline
        && l.kind == RubricKind::KeyAction
    {
        s.push_str(&format!(", deadline {}", d.offset));
    }
    s
}

fn intro(d: &Debrief) -> Vec<String> {
    let s = &d.session;
    let sc = &d.scenario;
    let mut lines = vec![format!(
        "Played by {} on `{}`, in {} mode{} (seed {}){}.",
        s.player,
        sc.id,
        s.mode,
        if s.mode == "real time" && (s.speed - 1.0).abs() > f64::EPSILON {
            format!(" at {}× speed", number(s.speed))
        } else {
            String::new()
        },
        s.seed,
        if s.started.is_empty() {
            String::new()
        } else {
            format!(", starting {}", s.started)
        }
    )];
    let mut incident = format!(
        "The incident: {}, from {} {}",
        sc.date,
        super::clock_at(sc.start_clock_secs, 0, false),
        sc.zone
    );
    if let Some(p) = &sc.postmortem {
        incident.push_str(&format!(", after {}'s postmortem “{}”", p.company, p.title));
    }
    incident.push('.');
    lines.push(incident);
    lines.push(format!(
        "Times are the incident's clock ({}) and T+ from the drill's start.",
        sc.zone
    ));
    lines
}

fn milestone_you(m: &MilestoneRow) -> String {
    match &m.you {
        Some(t) => format!("{}: {}", when(t), m.you_what),
        None => format!("— ({})", m.you_what),
    }
}

fn milestone_real(m: &MilestoneRow) -> String {
    match &m.real {
        Some(t) => format!("{}: {}", when(t), m.real_what),
        None => "—".into(),
    }
}

fn timeline_text(e: &TimelineEntry) -> String {
    let mut s = match e.kind {
        EntryKind::Rubric => format!(
            "{} {}",
            if e.good == Some(true) { "✓" } else { "✗" },
            e.what
        ),
        EntryKind::Note => format!("mentor note: {}", e.what),
        _ => e.what.clone(),
    };
    for f in &e.flags {
        s.push_str(&format!(" [{f}]"));
    }
    if let Some(why) = &e.refused {
        s.push_str(&format!(" (refused: {why})"));
    }
    s
}

fn looked_line(l: &Looked) -> String {
    let mut s = format!("{} `{}` ({})", l.kind, l.name, l.title);
    if !l.times.is_empty() {
        let times: Vec<&str> = l.times.iter().map(|m| m.clock.as_str()).collect();
        s.push_str(&format!(": {}", times.join(", ")));
    }
    if l.times.is_empty() && !l.linked_from.is_empty() {
        let from: Vec<String> = l.linked_from.iter().map(|a| format!("“{a}”")).collect();
        s.push_str(&format!(", linked from the page {}", from.join(" and ")));
    }
    s
}

fn gap_line(g: &Gap) -> String {
    format!(
        "{} ({}, {} to {})",
        g.length, g.between, g.from.clock, g.to.clock
    )
}

fn escalations_none(d: &Debrief) -> &'static str {
    if d.timeline
        .iter()
        .any(|e| e.kind == EntryKind::World && e.what.starts_with("PAGE"))
    {
        "None: every page was acknowledged before it escalated."
    } else {
        "None: no page came."
    }
}

fn pace_lines(d: &Debrief) -> Vec<String> {
    let p = &d.pace;
    let mut lines = Vec::new();
    let mut first = format!("{} decisions", p.decisions);
    if p.refused > 0 {
        first.push_str(&format!(" ({} refused by the game)", p.refused));
    }
    if p.waits > 0 {
        first.push_str(&format!(", and {} waits", p.waits));
    }
    if let Some(f) = &p.first {
        first.push_str(&format!("; the first at {}", when(f)));
    }
    first.push('.');
    lines.push(first);
    if let Some(mean) = &p.mean_gap {
        lines.push(format!("Time per decision: {mean} on average."));
    }
    if let Some(g) = &p.longest_gap {
        lines.push(format!("Longest pause between decisions: {}.", gap_line(g)));
    }
    if let Some((m, n)) = &p.busiest
        && *n > 1
    {
        lines.push(format!(
            "Busiest five minutes: {n} decisions from {}.",
            m.clock
        ));
    }
    lines
}

/// Decisions per five minutes as text bars.
fn pace_bars(d: &Debrief) -> Vec<String> {
    let max = d.pace.per_five_minutes.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return Vec::new();
    }
    d.pace
        .per_five_minutes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let clock = super::clock_at(d.scenario.start_clock_secs, i as i64 * 300_000, false);
            let bar = "#".repeat((n * 40).div_ceil(max));
            format!("{clock:<11} {bar:<40} {n}").trim_end().to_string()
        })
        .collect()
}

fn chart_cells(c: &Chart) -> (String, String, String, String) {
    let thresholds = if c.thresholds.is_empty() {
        "—".to_string()
    } else {
        c.thresholds
            .iter()
            .map(|t| format!("{} {} (`{}`)", t.op, value(t.value, &c.unit), t.alert))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let at = |p: &Option<(Moment, f64)>| {
        p.as_ref().map_or_else(
            || "—".into(),
            |(m, v)| format!("{} at {}", value(*v, &c.unit), m.clock),
        )
    };
    (
        thresholds,
        at(&c.low),
        at(&c.peak),
        c.last.map_or_else(|| "—".into(), |v| value(v, &c.unit)),
    )
}

// ---- Markdown --------------------------------------------------------------

/// Plain text escaped for Markdown, with backtick pairs kept as code.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (code, p) in pieces(s) {
        if code {
            out.push('`');
            out.push_str(p);
            out.push('`');
            continue;
        }
        for c in p.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '`' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// For a table cell: one line.
fn cell(s: &str) -> String {
    md(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Text that may run over several lines, as Markdown paragraphs.
fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .map(|p| md(&p.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn quote(s: &str) -> String {
    paragraphs(s)
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The debrief as Markdown.
pub fn markdown(d: &Debrief) -> String {
    let mut o = String::new();
    let sc = &d.scenario;
    let _ = writeln!(o, "# Debrief: {}\n", md(&sc.title));
    let intro = intro(d);
    let _ = writeln!(
        o,
        "{}\n",
        intro.iter().map(|l| md(l)).collect::<Vec<_>>().join("\n")
    );
    if let Some(p) = &sc.postmortem {
        let _ = writeln!(o, "Postmortem: <{}>\n", p.url.replace('>', "%3E"));
    }
    for w in &d.warnings {
        let _ = writeln!(o, "> **Note:** {}\n", md(w));
    }

    o.push_str("## The ending\n\n");
    match &d.ending {
        Some(e) => {
            let _ = writeln!(
                o,
                "**{}**: {} at {}.\n",
                md(&e.title),
                e.outcome_label,
                when(&e.at)
            );
            if !e.text.trim().is_empty() {
                let _ = writeln!(o, "{}\n", quote(&e.text));
            }
        }
        None => {
            let _ = writeln!(
                o,
                "No ending: the game stopped at {}.\n",
                when(&d.session.played_until)
            );
        }
    }

    o.push_str("## Milestones\n\n");
    let real = !d.responders.is_empty();
    if real {
        let _ = writeln!(o, "| | You | {} |\n|---|---|---|", md(&d.responders_name));
    } else {
        o.push_str("| | You |\n|---|---|\n");
    }
    for m in &d.milestones {
        let mut you = cell(&milestone_you(m));
        if let Some(diff) = &m.difference {
            you.push_str(&format!(" (*{}*)", md(diff)));
        }
        if real {
            let _ = writeln!(
                o,
                "| **{}** | {you} | {} |",
                m.label,
                cell(&milestone_real(m))
            );
        } else {
            let _ = writeln!(o, "| **{}** | {you} |", m.label);
        }
    }
    o.push_str("\nTime to diagnose is when your first key action was done; time to mitigate, when the last paging alert stopped firing for good.");
    if !real {
        o.push_str(" This scenario is fictional: there is no real timeline to compare with.");
    }
    o.push_str("\n\n");

    for (title, lines, none) in [
        (
            "Key actions",
            &d.key_actions,
            "This scenario names no key actions.",
        ),
        (
            "Red herrings",
            &d.red_herrings,
            "This scenario names no red herrings.",
        ),
    ] {
        let _ = writeln!(o, "## {title}\n");
        if lines.is_empty() {
            let _ = writeln!(o, "{none}\n");
            continue;
        }
        for l in lines {
            let _ = writeln!(
                o,
                "- {} **{}** (`{}`): {}.",
                mark(l),
                md(&l.title),
                l.name,
                rubric_state(l)
            );
            if !l.why.is_empty() {
                let _ = writeln!(
                    o,
                    "  Why it matters: {}",
                    md(&l.why.split_whitespace().collect::<Vec<_>>().join(" "))
                );
            }
        }
        o.push('\n');
    }
    o.push_str("## Learning objectives\n\n");
    if d.objectives.is_empty() {
        o.push_str("This scenario names no learning objectives.\n\n");
    } else {
        for l in &d.objectives {
            let _ = writeln!(o, "- {} {}: {}.", mark(l), md(&l.title), l.state);
            if !l.why.is_empty() {
                let _ = writeln!(
                    o,
                    "  Why it matters: {}",
                    md(&l.why.split_whitespace().collect::<Vec<_>>().join(" "))
                );
            }
        }
        o.push('\n');
    }

    o.push_str("## What really happened\n\n");
    if !d.root_cause.is_empty() {
        let _ = writeln!(o, "{}\n", paragraphs(&d.root_cause));
    }
    if real {
        let _ = writeln!(o, "{}, from the postmortem:\n", md(&d.responders_name));
        for r in &d.responders {
            let _ = writeln!(o, "- **{}** {}: {}", when(&r.at), r.label, md(&r.what));
        }
        o.push('\n');
    }

    o.push_str("## Your decisions\n\n");
    if d.timeline.is_empty() {
        o.push_str("Nothing happened.\n");
    }
    for e in &d.timeline {
        let text = md(&timeline_text(e));
        let text = match e.kind {
            EntryKind::Decision => text,
            EntryKind::World => format!("*{text}*"),
            EntryKind::Rubric | EntryKind::Ending => format!("**{text}**"),
            EntryKind::Note => format!("📝 **{text}**"),
        };
        let _ = writeln!(o, "- `{}` {} · {text}", e.at.clock, e.at.offset);
    }
    o.push('\n');

    o.push_str("## Commands run\n\n");
    if d.commands.is_empty() {
        o.push_str("No commands.\n\n");
    } else {
        o.push_str("| Command | Runs | Typed | First run | Marked |\n|---|---:|---|---|---|\n");
        for c in &d.commands {
            let typed: Vec<String> = c.lines.iter().map(|l| md_code(l)).collect();
            let mut marked = Vec::new();
            if c.risky {
                marked.push("**risky**");
            }
            if c.destructive {
                marked.push("**destructive**");
            }
            if c.kind == super::CommandKind::Unknown {
                marked.push("not a command here");
            }
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                md_code(&c.command).replace('|', "\\|"),
                c.count,
                typed.join(", ").replace('|', "\\|"),
                c.first.clock,
                marked.join(", ")
            );
        }
        o.push('\n');
    }

    o.push_str("## Evidence\n\n");
    if d.evidence.looked_at.is_empty() {
        o.push_str("Looked at: no graph, runbook or log.\n\n");
    } else {
        o.push_str("Looked at:\n\n");
        for l in &d.evidence.looked_at {
            let _ = writeln!(o, "- {}", md(&looked_line(l)));
        }
        o.push('\n');
    }
    if d.evidence.never.is_empty() {
        o.push_str("Nothing was left unread.\n\n");
    } else {
        o.push_str("Never looked at:\n\n");
        for l in &d.evidence.never {
            let _ = writeln!(o, "- {}", md(&looked_line(l)));
        }
        o.push('\n');
    }

    o.push_str("## Pages escalated\n\n");
    if d.escalations.is_empty() {
        let _ = writeln!(o, "{}\n", escalations_none(d));
    } else {
        for e in &d.escalations {
            let _ = writeln!(
                o,
                "- {}: page {} (`{}`) went to {} after {} without an acknowledgement.",
                when(&e.at),
                e.page,
                e.alert,
                md(&e.to),
                e.open_for
            );
        }
        o.push('\n');
    }

    o.push_str("## Status page\n\n");
    if d.status.updates.is_empty() {
        o.push_str("No status update was posted.\n");
    }
    for u in &d.status.updates {
        let who = if u.by_player { "you" } else { "a colleague" };
        let _ = writeln!(
            o,
            "- {}: **{}** ({who}): “{}”",
            when(&u.at),
            u.state,
            md(&u.text)
        );
    }
    o.push('\n');
    if let Some(i) = &d.status.impact_began {
        let _ = writeln!(o, "Impact began at {}.", when(i));
    }
    if let Some(g) = &d.status.longest_gap {
        let _ = writeln!(o, "Longest silence: {}.", md(&gap_line(g)));
    }
    if d.status.gaps.len() > 1 {
        let all: Vec<&str> = d.status.gaps.iter().map(|g| g.length.as_str()).collect();
        let _ = writeln!(o, "Gaps, in order: {}.", all.join(", "));
    }
    o.push('\n');

    o.push_str("## Pace\n\n");
    for l in pace_lines(d) {
        let _ = writeln!(o, "- {}", md(&l));
    }
    let bars = pace_bars(d);
    if !bars.is_empty() {
        o.push_str("\nDecisions per five minutes:\n\n```text\n");
        for b in bars {
            let _ = writeln!(o, "{b}");
        }
        o.push_str("```\n");
    }
    o.push('\n');

    if !d.charts.is_empty() {
        o.push_str("## Metrics the alerts watch\n\n| Metric | Alert when | Lowest | Highest | At the end |\n|---|---|---|---|---|\n");
        for c in &d.charts {
            let (t, low, peak, last) = chart_cells(c);
            let _ = writeln!(
                o,
                "| `{}` {} | {} | {} | {} | {} |",
                c.metric,
                cell(&c.label),
                md(&t),
                low,
                peak,
                md(&last)
            );
        }
        o.push('\n');
    }

    o.push_str("## Your answers\n\n");
    if d.answers.is_empty() {
        o.push_str("No answers were given.\n\n");
    }
    for a in &d.answers {
        let text = if a.text.trim().is_empty() {
            "(no answer)"
        } else {
            a.text.as_str()
        };
        let _ = writeln!(o, "**{}**\n\n{}\n", md(&a.question), quote(text));
    }

    o.push_str("## Mentor notes\n\n");
    if d.notes.is_empty() {
        o.push_str("No notes yet: pin them to moments with `firedrill review`.\n\n");
    }
    for n in &d.notes {
        let m = d.moment(super::signed(n.at));
        let _ = writeln!(o, "- {}: {}", when(&m), md(&n.text));
    }
    if !d.notes.is_empty() {
        o.push('\n');
    }
    let _ = writeln!(
        o,
        "---\n\n*firedrill debrief · {} transcript entries · played until {} · scenario hash {}*",
        d.session.entries,
        when(&d.session.played_until),
        if d.session.recorded_hash.is_empty() {
            "unknown"
        } else {
            d.session.recorded_hash.as_str()
        }
    );
    o
}

/// A Markdown code span holding any text.
fn md_code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

// ---- terminal --------------------------------------------------------------

const WIDTH: usize = 80;

/// Wraps text to `WIDTH` columns: the first line after `first`, the rest
/// after `rest`. Words longer than a line are cut.
pub(super) fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    let mut indent = first.chars().count();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let len = line.chars().count();
            let need = if empty { word.len() } else { word.len() + 1 };
            if len + need <= WIDTH {
                if !empty {
                    line.push(' ');
                }
                line.extend(word.iter());
                empty = false;
                break;
            }
            if empty {
                // Longer than a whole line: cut it.
                let room = WIDTH.saturating_sub(indent).max(1);
                let cut: String = word.drain(..room.min(word.len())).collect();
                line.push_str(&cut);
                lines.push(std::mem::replace(&mut line, rest.to_string()));
                indent = rest.chars().count();
                if word.is_empty() {
                    break;
                }
                continue;
            }
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            indent = rest.chars().count();
            empty = true;
        }
    }
    if !empty || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn heading(o: &mut Vec<String>, title: &str) {
    o.push(String::new());
    o.push(title.to_uppercase());
    o.push("-".repeat(title.chars().count()));
}

/// The debrief as plain text: no colour, no line over 80 columns.
pub fn terminal(d: &Debrief) -> String {
    let mut o: Vec<String> = Vec::new();
    let sc = &d.scenario;
    o.extend(wrap(&format!("DEBRIEF: {}", sc.title), "", "  "));
    o.push("=".repeat(WIDTH));
    for l in intro(d) {
        o.extend(wrap(&l, "", ""));
    }
    if let Some(p) = &sc.postmortem {
        o.extend(wrap(&p.url, "Postmortem: ", "  "));
    }
    for w in &d.warnings {
        o.push(String::new());
        o.extend(wrap(w, "! ", "  "));
    }

    heading(&mut o, "The ending");
    match &d.ending {
        Some(e) => {
            o.extend(wrap(
                &format!("{}: {} at {}.", e.title, e.outcome_label, when(&e.at)),
                "",
                "",
            ));
            for p in e.text.split("\n\n") {
                if !p.trim().is_empty() {
                    o.extend(wrap(p, "  ", "  "));
                }
            }
        }
        None => o.extend(wrap(
            &format!(
                "No ending: the game stopped at {}.",
                when(&d.session.played_until)
            ),
            "",
            "",
        )),
    }

    heading(&mut o, "Milestones");
    let real = !d.responders.is_empty();
    o.push(if real {
        format!("{:<13}{:<25}{}", "", "You", d.responders_name)
    } else {
        format!("{:<13}You", "")
    });
    for m in &d.milestones {
        let you = m
            .you
            .as_ref()
            .map_or_else(|| "—".to_string(), |t| format!("{} {}", t.clock, t.offset));
        let line = if real {
            let r = m
                .real
                .as_ref()
                .map_or_else(|| "—".to_string(), |t| format!("{} {}", t.clock, t.offset));
            format!("{:<13}{:<25}{r}", m.label, you)
        } else {
            format!("{:<13}{you}", m.label)
        };
        // Columns, not prose: kept as laid out (and short of 80 columns).
        o.push(
            line.chars()
                .take(WIDTH)
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
    }
    o.push(String::new());
    for m in &d.milestones {
        let mut text = format!("{}: you: {}", m.label, m.you_what);
        if let Some(diff) = &m.difference {
            text.push_str(&format!(" ({diff})"));
        }
        text.push('.');
        if m.real.is_some() {
            text.push_str(&format!(" Real: {}", m.real_what));
        }
        o.extend(wrap(&text, "  ", "    "));
    }
    o.extend(wrap(
        "Time to diagnose is when your first key action was done; time to mitigate, when the last paging alert stopped firing for good.",
        "",
        "",
    ));

    for (title, lines) in [
        ("Key actions", &d.key_actions),
        ("Red herrings", &d.red_herrings),
        ("Learning objectives", &d.objectives),
    ] {
        if lines.is_empty() {
            continue;
        }
        heading(&mut o, title);
        for l in lines {
            let m = if mark(l) == "✓" { "+" } else { "-" };
            let m = if l.kind == RubricKind::RedHerring && l.met {
                "x"
            } else {
                m
            };
            o.extend(wrap(
                &format!("{}: {}.", l.title, rubric_state(l)),
                &format!("{m} "),
                "  ",
            ));
            if !l.why.is_empty() {
                o.extend(wrap(&l.why, "    why: ", "    "));
            }
        }
    }

    heading(&mut o, "What really happened");
    for p in d.root_cause.split("\n\n") {
        if !p.trim().is_empty() {
            o.extend(wrap(p, "", ""));
            o.push(String::new());
        }
    }
    if !real && o.last().is_some_and(String::is_empty) {
        o.pop();
    }
    if real {
        o.extend(wrap(
            &format!("{}, from the postmortem:", d.responders_name),
            "",
            "",
        ));
        for r in &d.responders {
            let head = format!("  {:<6}{:<8}{:<14}", r.at.clock, r.at.offset, r.label);
            o.extend(wrap(&r.what, &head, &" ".repeat(28)));
        }
    }

    heading(&mut o, "Your decisions");
    for e in &d.timeline {
        let mark = match e.kind {
            EntryKind::Decision => ' ',
            EntryKind::World => '~',
            EntryKind::Rubric => '*',
            EntryKind::Note => '#',
            EntryKind::Ending => '=',
        };
        let head = format!("{:<9}{:<10}{mark} ", e.at.clock, e.at.offset);
        o.extend(wrap(&timeline_text(e), &head, &" ".repeat(21)));
    }
    o.extend(wrap(
        "(~ what happened to you, * rubric, # mentor note, = the end)",
        "",
        "",
    ));

    heading(&mut o, "Commands run");
    if d.commands.is_empty() {
        o.push("No commands.".into());
    }
    for c in &d.commands {
        let mut flags = String::new();
        if c.risky {
            flags.push_str(" [risky]");
        }
        if c.destructive {
            flags.push_str(" [destructive]");
        }
        if c.kind == super::CommandKind::Unknown {
            flags.push_str(" [not a command here]");
        }
        o.extend(wrap(
            &format!("{}{flags}, first at {}", c.command, c.first.clock),
            &format!("{:>3}x ", c.count),
            "      ",
        ));
        if c.lines.len() > 1 || c.lines.first().is_some_and(|l| l != &c.command) {
            o.extend(wrap(&c.lines.join(" | "), "      typed: ", "      "));
        }
    }

    heading(&mut o, "Evidence");
    if d.evidence.looked_at.is_empty() {
        o.push("Looked at: no graph, runbook or log.".into());
    } else {
        o.push("Looked at:".into());
        for l in &d.evidence.looked_at {
            o.extend(wrap(&looked_line(l), "  + ", "    "));
        }
    }
    if !d.evidence.never.is_empty() {
        o.push("Never looked at:".into());
        for l in &d.evidence.never {
            o.extend(wrap(&looked_line(l), "  - ", "    "));
        }
    }

    heading(&mut o, "Pages escalated");
    if d.escalations.is_empty() {
        o.push(escalations_none(d).into());
    }
    for e in &d.escalations {
        o.extend(wrap(
            &format!(
                "page {} ({}) went to {} after {} without an acknowledgement",
                e.page, e.alert, e.to, e.open_for
            ),
            &format!("{:<9}{:<10}", e.at.clock, e.at.offset),
            &" ".repeat(19),
        ));
    }

    heading(&mut o, "Status page");
    if d.status.updates.is_empty() {
        o.push("No status update was posted.".into());
    }
    for u in &d.status.updates {
        let who = if u.by_player { "you" } else { "a colleague" };
        o.extend(wrap(
            &format!("{} ({who}): “{}”", u.state, u.text),
            &format!("{:<9}{:<10}", u.at.clock, u.at.offset),
            &" ".repeat(19),
        ));
    }
    if let Some(i) = &d.status.impact_began {
        o.extend(wrap(&format!("Impact began at {}.", when(i)), "", ""));
    }
    if let Some(g) = &d.status.longest_gap {
        o.extend(wrap(
            &format!("Longest silence: {}.", gap_line(g)),
            "",
            "  ",
        ));
    }

    heading(&mut o, "Pace");
    for l in pace_lines(d) {
        o.extend(wrap(&l, "", "  "));
    }
    let bars = pace_bars(d);
    if !bars.is_empty() {
        o.push("Decisions per five minutes:".into());
        o.extend(bars.into_iter().map(|b| format!("  {b}")));
    }

    if !d.charts.is_empty() {
        heading(&mut o, "Metrics the alerts watch");
        for c in &d.charts {
            let (t, low, peak, last) = chart_cells(c);
            o.extend(wrap(&format!("{} ({})", c.metric, c.label), "", "  "));
            o.extend(wrap(
                &format!("alert when {t}; lowest {low}; highest {peak}; at the end {last}"),
                "    ",
                "    ",
            ));
        }
    }

    heading(&mut o, "Your answers");
    if d.answers.is_empty() {
        o.push("No answers were given.".into());
    }
    for a in &d.answers {
        o.extend(wrap(&a.question, "", ""));
        let text = if a.text.trim().is_empty() {
            "(no answer)"
        } else {
            a.text.as_str()
        };
        o.extend(wrap(text, "  > ", "  > "));
    }

    heading(&mut o, "Mentor notes");
    if d.notes.is_empty() {
        o.push("No notes yet: pin them to moments with `firedrill review`.".into());
    }
    for n in &d.notes {
        let m = d.moment(super::signed(n.at));
        o.extend(wrap(
            &n.text,
            &format!("{:<9}{:<10}", m.clock, m.offset),
            &" ".repeat(19),
        ));
    }
    o.push(String::new());
    let mut out = o.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtick_pairs_are_code() {
        assert_eq!(
            pieces("ran `df -h` now"),
            vec![(false, "ran "), (true, "df -h"), (false, " now")]
        );
        assert_eq!(pieces("a ` b"), vec![(false, "a ` b")]);
        assert_eq!(md("*x* <b> `a*b`"), "\\*x\\* \\<b\\> `a*b`");
        assert_eq!(md_code("a`b"), "`` a`b ``");
    }

    #[test]
    fn wrapping_keeps_to_80_columns() {
        let long = "word ".repeat(50) + &"x".repeat(200);
        for l in wrap(&long, "  - ", "    ") {
            assert!(l.chars().count() <= WIDTH, "{l}");
        }
        assert_eq!(wrap("", "a: ", ""), vec!["a:"]);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(value(97.3333, "%"), "97.33%");
        assert_eq!(value(10_800.4, "krps"), "10800 krps");
        assert_eq!(value(420.0, "jobs"), "420 jobs");
        assert_eq!(number(0.1), "0.1");
    }
}
