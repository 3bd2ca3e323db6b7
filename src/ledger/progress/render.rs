//! The progress report in each format: the terminal, Markdown, one
//! self-contained HTML page (the debrief's style sheet), JSON and CSV. Every
//! text from a transcript, a sign-off or a team's list is made printable
//! (or escaped for HTML); a checked item always names its game and moment.

use super::{Earned, ItemState, Player, Report};
use crate::base::printable::printable;
use crate::record::debrief::{code_pairs, esc};
use std::fmt::Write as _;

/// The debrief's style sheet: the report looks like its sibling pages.
const STYLE: &str = include_str!("../../../assets/debrief.css");

/// `T+7m20s (13:47)`: the moment, with the incident's clock when known.
fn moment(e: &Earned) -> String {
    let off = crate::base::time::offset(i64::try_from(e.at).unwrap_or(i64::MAX));
    if e.clock.is_empty() {
        off
    } else {
        format!("{off} ({})", e.clock)
    }
}

/// `2026-11-26` of an RFC 3339 time.
fn day(when: &str) -> &str {
    when.get(..10).unwrap_or(when)
}

/// The game and moment, and how to open it.
fn evidence(e: &Earned) -> String {
    format!(
        "{} on {}, {}: {}",
        e.scenario,
        day(&e.started),
        moment(e),
        e.what
    )
}

fn review(e: &Earned) -> String {
    format!("firedrill review {}", e.path.display())
}

/// `[x]`, `[ ]`, or `[2/3]` for an item made of parts.
fn mark(s: &ItemState) -> String {
    if s.checked() {
        "[x]".into()
    } else if s.parts.is_empty() {
        "[ ]".into()
    } else {
        let done = s.parts.iter().filter(|p| p.earned.is_some()).count();
        format!("[{done}/{}]", s.parts.len())
    }
}

fn headline(p: &Player) -> String {
    format!(
        "{} · {} of {} on the bucket list · {} {}",
        p.name,
        p.checked(),
        p.items.len(),
        p.games,
        if p.games == 1 { "game" } else { "games" }
    )
}

fn next_line(p: &Player) -> Option<String> {
    p.next
        .as_ref()
        .map(|n| format!("next: {} ({})", n.shown, n.why))
}

/// The terminal's plain text.
pub fn terminal(r: &Report) -> String {
    let mut o = String::new();
    if r.players.is_empty() {
        o.push_str("No recorded games or sign-offs found.\n");
    }
    for p in &r.players {
        let _ = writeln!(o, "{}", printable(&headline(p)));
        for s in &p.items {
            let _ = writeln!(o, "  {:<5} {}", mark(s), printable(&s.item.title));
            let sub = |o: &mut String, text: &str| {
                let _ = writeln!(o, "          {}", printable(text));
            };
            if let Some(e) = &s.earned {
                sub(&mut o, &evidence(e));
                sub(&mut o, &review(e));
            }
            for part in &s.parts {
                match &part.earned {
                    Some(e) => sub(&mut o, &format!("{}: {}", part.value, evidence(e))),
                    None => sub(&mut o, &format!("{}: not yet", part.value)),
                }
            }
            for sign in &s.signed {
                sub(&mut o, &signed(sign));
            }
        }
        if let Some(next) = next_line(p) {
            let _ = writeln!(o, "  {}", printable(&next));
        }
        o.push('\n');
    }
    o
}

fn signed(s: &super::SignOff) -> String {
    let mut line = format!("signed off by {} on {}", s.by, day(&s.at));
    if let Some(note) = &s.note {
        let _ = write!(line, ": \"{note}\"");
    }
    line
}

/// Text for a Markdown table cell: printable, pipes and markup escaped.
fn md(s: &str) -> String {
    let mut out = String::new();
    for c in printable(s).chars() {
        if matches!(
            c,
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown: one row per player, then a section each.
pub fn markdown(r: &Report) -> String {
    let mut o = String::from("# Onboarding progress\n\n");
    o.push_str("| Player | Checked | Games | Next drill |\n| --- | --- | --- | --- |\n");
    for p in &r.players {
        let _ = writeln!(
            o,
            "| {} | {} of {} | {} | {} |",
            md(&p.name),
            p.checked(),
            p.items.len(),
            p.games,
            p.next.as_ref().map_or_else(String::new, |n| md(&n.shown))
        );
    }
    for p in &r.players {
        let _ = writeln!(o, "\n## {}\n", md(&p.name));
        o.push_str("| | Item | Earned by |\n| --- | --- | --- |\n");
        for s in &p.items {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                md(&mark(s)),
                md(&s.item.title),
                proof(s, &md, "<br>")
            );
        }
        if let Some(next) = next_line(p) {
            let _ = writeln!(o, "\n{}", md(&next));
        }
    }
    o
}

/// What earned an item, each piece through `esc`, joined by `br`.
fn proof(s: &ItemState, esc: &dyn Fn(&str) -> String, br: &str) -> String {
    let mut lines = Vec::new();
    if let Some(e) = &s.earned {
        lines.push(format!("{} ({})", esc(&evidence(e)), esc(&review(e))));
    }
    for part in &s.parts {
        lines.push(match &part.earned {
            Some(e) => format!(
                "{}: {} ({})",
                esc(part.value),
                esc(&evidence(e)),
                esc(&review(e))
            ),
            None => format!("{}: {}", esc(part.value), esc("not yet")),
        });
    }
    lines.extend(s.signed.iter().map(|sign| esc(&signed(sign))));
    lines.join(br)
}

/// `done`, `open`, or `1 of 3` for an item made of parts.
fn state_word(s: &ItemState) -> String {
    if s.checked() {
        "done".into()
    } else if s.parts.is_empty() {
        "open".into()
    } else {
        let done = s.parts.iter().filter(|p| p.earned.is_some()).count();
        format!("{done} of {}", s.parts.len())
    }
}

/// What earned an item as HTML lines under its title, the command to
/// open the game in `<code>`.
fn html_proof(s: &ItemState) -> String {
    let game = |e: &Earned| {
        format!(
            "{} <code>{}</code>",
            code_pairs(&evidence(e)),
            esc(&review(e))
        )
    };
    let mut lines: Vec<String> = s.earned.iter().map(game).collect();
    for part in &s.parts {
        lines.push(match &part.earned {
            Some(e) => format!("{}: {}", esc(part.value), game(e)),
            None => format!("{}: not yet", esc(part.value)),
        });
    }
    lines.extend(s.signed.iter().map(|g| esc(&signed(g))));
    let mut out = String::new();
    for l in lines {
        let _ = write!(out, "<div class=\"muted\">{l}</div>");
    }
    out
}

/// What the debrief's style sheet does not know.
const PAGE_STYLE: &str = "table.bucket td.state { white-space: nowrap; width: 5em; }\n\
    table.bucket td div { margin-top: .25em; }\n";

/// One self-contained page: no script, no network.
pub fn html(r: &Report) -> String {
    let mut o = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Onboarding progress</title>\n<style>\n",
    );
    o.push_str(STYLE);
    o.push_str(PAGE_STYLE);
    o.push_str("</style>\n</head>\n<body>\n<main>\n<p class=\"eyebrow\">firedrill</p>\n<h1>Onboarding progress</h1>\n");
    o.push_str("<table>\n<thead><tr><th>Player</th><th>Checked</th><th>Games</th><th>Next drill</th></tr></thead>\n<tbody>\n");
    for p in &r.players {
        let _ = writeln!(
            o,
            "<tr><th>{}</th><td class=\"num\">{} of {}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&p.name),
            p.checked(),
            p.items.len(),
            p.games,
            p.next
                .as_ref()
                .map_or_else(String::new, |n| format!("<code>{}</code>", esc(&n.shown)))
        );
    }
    o.push_str("</tbody>\n</table>\n");
    for p in &r.players {
        let _ = writeln!(o, "<h2>{}</h2>", esc(&p.name));
        o.push_str("<table class=\"bucket\">\n<tbody>\n");
        for s in &p.items {
            let _ = writeln!(
                o,
                "<tr><td class=\"state\">{}</td><td><strong>{}</strong>{}</td></tr>",
                esc(&state_word(s)),
                esc(&s.item.title),
                html_proof(s)
            );
        }
        o.push_str("</tbody>\n</table>\n");
        if let Some(next) = next_line(p) {
            let _ = writeln!(o, "<p>{}</p>", esc(&next));
        }
    }
    if !r.warnings.is_empty() {
        o.push_str("<h2>Not counted</h2>\n<ul class=\"plain\">\n");
        for w in &r.warnings {
            let _ = writeln!(o, "<li class=\"warn\">{}</li>", esc(w));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

fn earned_json(e: &Earned) -> serde_json::Value {
    serde_json::json!({
        "game": e.path.display().to_string(),
        "scenario": e.scenario,
        "started": e.started,
        "at_ms": e.at,
        "moment": crate::base::time::offset(i64::try_from(e.at).unwrap_or(i64::MAX)),
        "clock": e.clock,
        "what": e.what,
    })
}

/// JSON, for tools: every player, item, evidence and sign-off.
pub fn json(r: &Report) -> String {
    let players: Vec<serde_json::Value> = r
        .players
        .iter()
        .map(|p| {
            let items: Vec<serde_json::Value> = p
                .items
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.item.id,
                        "title": s.item.title,
                        "checked": s.checked(),
                        "earned": s.earned.as_ref().map(earned_json),
                        "parts": s.parts.iter().map(|part| serde_json::json!({
                            "value": part.value,
                            "earned": part.earned.as_ref().map(earned_json),
                        })).collect::<Vec<_>>(),
                        "signed": s.signed.iter().map(|g| serde_json::json!({
                            "by": g.by, "at": g.at, "note": g.note,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({
                "player": p.name,
                "games": p.games,
                "checked": p.checked(),
                "of": p.items.len(),
                "items": items,
                "next": p.next.as_ref().map(|n| serde_json::json!({
                    "scenario": n.id, "shown": n.shown, "again": n.again, "why": n.why,
                })),
            })
        })
        .collect();
    let doc = serde_json::json!({ "players": players, "warnings": r.warnings });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A CSV field: quoted when needed, and a leading `=`, `+`, `-` or `@`
/// defused so a spreadsheet never runs it as a formula.
fn csv(s: &str) -> String {
    let mut s = printable(s);
    if s.starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// CSV: a row per player and item (an item made of parts: a row per part).
pub fn csv_rows(r: &Report) -> String {
    let mut o = String::from(
        "player,item,part,title,checked,scenario,game,moment,clock,what,signed_by,signed_at,note\n",
    );
    for p in &r.players {
        for s in &p.items {
            let signs = |f: &dyn Fn(&super::SignOff) -> String| {
                s.signed.iter().map(f).collect::<Vec<_>>().join(" | ")
            };
            let signed = [
                signs(&|g| g.by.clone()),
                signs(&|g| g.at.clone()),
                signs(&|g| g.note.clone().unwrap_or_default()),
            ];
            let mut rows: Vec<(&str, Option<&Earned>)> = s
                .parts
                .iter()
                .map(|part| (part.value, part.earned.as_ref()))
                .collect();
            if rows.is_empty() {
                rows.push(("", s.earned.as_ref()));
            }
            for (part, e) in rows {
                let cells = [
                    p.name.clone(),
                    s.item.id.clone(),
                    part.to_string(),
                    s.item.title.clone(),
                    if s.checked() { "yes" } else { "no" }.to_string(),
                    e.map_or_else(String::new, |e| e.scenario.clone()),
                    e.map_or_else(String::new, |e| e.path.display().to_string()),
                    e.map_or_else(String::new, |e| {
                        crate::base::time::offset(i64::try_from(e.at).unwrap_or(i64::MAX))
                    }),
                    e.map_or_else(String::new, |e| e.clock.clone()),
                    e.map_or_else(String::new, |e| e.what.clone()),
                    signed[0].clone(),
                    signed[1].clone(),
                    signed[2].clone(),
                ];
                let row: Vec<String> = cells.iter().map(|c| csv(c)).collect();
                let _ = writeln!(o, "{}", row.join(","));
            }
        }
    }
    o
}

/// The picker's one line: `7 of 12 on your bucket list · next: fastly-2021`.
pub fn picker_line(p: &Player) -> String {
    let mut line = format!("{} of {} on your bucket list", p.checked(), p.items.len());
    if let Some(n) = &p.next {
        let _ = write!(
            line,
            " · next: {}{}",
            n.id,
            if n.again { " (again)" } else { "" }
        );
    }
    printable(&line)
}

#[cfg(test)]
mod tests {
    use super::super::{Player, Report, SignOff, bucket, earn};
    use super::*;

    /// A player whose name and sign-off note are hostile text.
    fn hostile() -> Report {
        let list = bucket::default_list();
        let sign = SignOff {
            player: "=cmd|' /C calc'!A0<script>".into(),
            item: "real-shift".into(),
            by: "sam\u{1b}[31m".into(),
            at: "2026-12-03T08:00:00Z".into(),
            note: Some("a | b <i>x</i> \u{202e}".into()),
        };
        let items = earn::items(&list.items, &[], std::slice::from_ref(&sign));
        Report {
            players: vec![Player {
                name: sign.player.clone(),
                games: 0,
                items,
                next: None,
            }],
            warnings: vec!["<b>broken.ron</b>: skipped".into()],
        }
    }

    #[test]
    fn hostile_text_is_escaped_in_every_format() {
        let r = hostile();
        let html = html(&r);
        assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
        let term = terminal(&r);
        assert!(
            !term.contains('\u{1b}') && !term.contains('\u{202e}'),
            "{term}"
        );
        let md = markdown(&r);
        assert!(md.contains("a \\| b \\<i\\>x\\</i\\>"), "{md}");
        let csv = csv_rows(&r);
        assert!(
            csv.lines().nth(1).is_some_and(|l| l.starts_with("'=cmd|")),
            "{csv}"
        );
        let json: serde_json::Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(
            json["players"][0]["items"][10]["signed"][0]["by"],
            "sam\u{1b}[31m"
        );
    }

    #[test]
    fn the_picker_line_counts_and_names_the_next_drill() {
        let mut r = hostile();
        let p = r.players.remove(0);
        assert_eq!(picker_line(&p), "1 of 12 on your bucket list");
    }
}
