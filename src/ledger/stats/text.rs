//! The report in words, built once as a list of blocks and written for the
//! terminal and as Markdown (and, by [`super::html`], as HTML), so the three
//! cannot drift apart. Every figure says what it counts: "3 of 5 games".

use super::*;
use crate::base::printable::printable;

/// One piece of the report.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// A heading: level 1 (the report), 2 (a version), 3 (a figure).
    Heading(u8, String),
    Para(String),
    Bullet(String),
    /// A bullet under a bullet.
    Sub(String),
}

use Block::{Bullet, Heading, Para, Sub};

/// `3 of 5 games` (`1 of 1 game`).
fn of(n: usize, total: usize) -> String {
    format!("{n} of {total} {}", games_word(total))
}

fn games_word(n: usize) -> &'static str {
    if n == 1 { "game" } else { "games" }
}

/// The report's blocks; with `skipped`, the files that could not be read
/// too (the terminal names them on stderr instead).
pub(super) fn blocks(r: &Report, skipped: bool) -> Vec<Block> {
    let mut b = vec![Heading(1, "What players tell the author".into())];
    if r.versions.is_empty() {
        b.push(Para("No recorded games to sum up.".into()));
    }
    for v in &r.versions {
        version(&mut b, v);
    }
    left_out(&mut b, r, skipped);
    b
}

fn version(b: &mut Vec<Block>, v: &Version) {
    let title = v
        .title
        .as_ref()
        .map_or_else(String::new, |t| format!(": {t}"));
    b.push(Heading(
        2,
        format!("{}{title} (version {}, {})", v.scenario, v.hash, v.mode),
    ));
    let when = if v.first == v.last {
        format!("played {}", v.first)
    } else {
        format!("played from {} to {}", v.first, v.last)
    };
    b.push(Para(format!(
        "{} {}, {when}.",
        v.games,
        games_word(v.games)
    )));
    if v.few {
        b.push(Para(format!(
            "Only {} {}: too few for any figure below to mean much; read them as anecdotes, not trends.",
            v.games,
            games_word(v.games)
        )));
    }
    endings(b, v);
    rubric(b, v);
    hints(b, v);
    choices(b, v);
    thinking(b, v);
    notes(b, v);
}

fn endings(b: &mut Vec<Block>, v: &Version) {
    b.push(Heading(3, "How games ended".into()));
    for e in &v.endings {
        b.push(Bullet(format!(
            "{} ({}, {}): {}",
            e.title,
            e.name,
            e.outcome,
            of(e.games, v.games)
        )));
    }
    if v.unfinished > 0 {
        b.push(Bullet(format!(
            "left before any ending: {}",
            of(v.unfinished, v.games)
        )));
    }
}

fn rubric(b: &mut Vec<Block>, v: &Version) {
    if let Some(why) = &v.rubric_missing {
        b.push(Heading(3, "Key actions and red herrings".into()));
        b.push(Para(format!("Not available: {why}")));
        return;
    }
    if !v.key_actions.is_empty() {
        b.push(Heading(3, "Key actions".into()));
        for k in &v.key_actions {
            let mut line = format!(
                "{} ({}): done in time in {}",
                k.title,
                k.name,
                of(k.hits, k.games)
            );
            if k.late > 0 {
                line.push_str(&format!(", late or too early in {}", k.late));
            }
            if let Some(m) = &k.median {
                line.push_str(&format!("; median time {m}"));
            }
            b.push(Bullet(line));
            not_theirs(b, k);
        }
    }
    if !v.red_herrings.is_empty() {
        b.push(Heading(3, "Red herrings".into()));
        for k in &v.red_herrings {
            let mut line = format!("{} ({}): taken in {}", k.title, k.name, of(k.hits, k.games));
            if let Some(m) = &k.median {
                line.push_str(&format!("; median time {m}"));
            }
            b.push(Bullet(line));
            not_theirs(b, k);
        }
    }
}

fn not_theirs(b: &mut Vec<Block>, k: &RubricFigure) {
    if k.not_theirs > 0 {
        b.push(Sub(format!(
            "left out: {} {} where a mentor, or the replayed start of a fork, did it",
            k.not_theirs,
            games_word(k.not_theirs)
        )));
    }
}

fn hints(b: &mut Vec<Block>, v: &Version) {
    b.push(Heading(3, "Hints".into()));
    b.push(Para(format!(
        "Asked for in {} ({} in all).",
        of(v.hint_games, v.games),
        v.hints
    )));
}

fn scene_name(s: Option<&String>) -> String {
    s.map_or_else(|| "before the first scene".into(), |s| format!("scene {s}"))
}

fn choices(b: &mut Vec<Block>, v: &Version) {
    if v.choices.is_empty() {
        return;
    }
    b.push(Heading(3, "Choices taken".into()));
    for s in &v.choices {
        b.push(Bullet(format!(
            "{} (its choices on screen in {})",
            scene_name(s.scene.as_ref()),
            of(s.games, v.games)
        )));
        for o in &s.options {
            let times = if o.taken == o.games {
                String::new()
            } else {
                format!(", {} times in all", o.taken)
            };
            b.push(Sub(format!(
                "“{}”: taken in {}{times}",
                o.text,
                of(o.games, s.games)
            )));
        }
    }
}

fn thinking(b: &mut Vec<Block>, v: &Version) {
    b.push(Heading(3, "Where players thought longest".into()));
    if v.thinking.is_empty() {
        b.push(Para(
            "No real think times: none of these games recorded them (playthrough tests and older transcripts do not).".into(),
        ));
        return;
    }
    b.push(Para(format!(
        "Real time before each of the player's own inputs, from the {} with real times recorded, longest first:",
        of(v.timed_games, v.games)
    )));
    for t in &v.thinking {
        b.push(Bullet(format!(
            "{}: median {} over {} input{} in {}; longest {} (before {})",
            scene_name(t.scene.as_ref()),
            t.median,
            t.inputs,
            if t.inputs == 1 { "" } else { "s" },
            of(t.games, v.timed_games),
            t.longest,
            t.longest_before
        )));
    }
}

fn notes(b: &mut Vec<Block>, v: &Version) {
    b.push(Heading(3, "Felt real, felt fake, confusing".into()));
    if v.notes.is_empty() {
        b.push(Para("No one said.".into()));
        return;
    }
    for m in &v.notes {
        b.push(Bullet(format!("{}:", m.moment)));
        for n in &m.notes {
            let at =
                n.at.as_ref()
                    .map_or_else(String::new, |a| format!(" at {a}"));
            let who = n
                .player
                .as_ref()
                .map_or_else(String::new, |p| format!(" ({p})"));
            b.push(Sub(format!("{}{at}: “{}”{who}", n.kind, n.text)));
        }
    }
}

fn left_out(b: &mut Vec<Block>, r: &Report, skipped: bool) {
    if r.throwaway + r.private > 0 {
        b.push(Para(format!(
            "Left out: {} throwaway and {} private {}.",
            r.throwaway,
            r.private,
            games_word(r.throwaway + r.private)
        )));
    }
    if skipped && !r.skipped.is_empty() {
        b.push(Heading(3, "Files skipped".into()));
        for s in &r.skipped {
            b.push(Bullet(format!("{}: {}", s.path.display(), s.why)));
        }
    }
}

/// The report for the terminal: plain text, every piece from a transcript
/// made printable.
pub fn terminal(r: &Report) -> String {
    let mut out = String::new();
    for block in blocks(r, false) {
        match block {
            Heading(1, t) => out.push_str(&format!("{}\n\n", printable(&t))),
            Heading(2, t) => out.push_str(&format!("== {} ==\n", printable(&t))),
            Heading(_, t) => out.push_str(&format!("\n{}\n", printable(&t))),
            Para(t) => out.push_str(&format!("{}\n", printable(&t))),
            Bullet(t) => out.push_str(&format!("  - {}\n", printable(&t))),
            Sub(t) => out.push_str(&format!("      {}\n", printable(&t))),
        }
    }
    out
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    for block in blocks(r, true) {
        // A paragraph right after a list would read as part of its last item.
        if matches!(block, Para(_)) && out.ends_with('\n') && !out.ends_with("\n\n") {
            out.push('\n');
        }
        match block {
            Heading(n, t) => out.push_str(&format!(
                "{}{} {}\n\n",
                if out.ends_with("\n\n") { "" } else { "\n" },
                "#".repeat(usize::from(n)),
                printable(&t)
            )),
            Para(t) => out.push_str(&format!("{}\n\n", printable(&t))),
            Bullet(t) => out.push_str(&format!("- {}\n", printable(&t))),
            Sub(t) => out.push_str(&format!("  - {}\n", printable(&t))),
        }
    }
    out.trim_start().to_string()
}
