//! The player's reasoning: each hypothesis they noted, in order, beside
//! what they had seen before it (graphs, runbooks, logs, commands run) and
//! whether its words are the root cause's. Context for the conversation,
//! never a score: without the author's root-cause words, the match is left
//! to the player and their mentor.

use super::build::refused;
use super::build_evidence::screen_changes;
use super::steps::Played;
use super::*;
use crate::record::{Entry, Transcript, hypothesis_text};
use crate::scenario::{DocKind, Scenario};
use crate::sim::EventKind;

/// The hypotheses of a game, in the order they were noted.
pub(super) fn reasoning(sc: &Scenario, t: &Transcript, played: &Played, start: u32) -> Reasoning {
    let changes = screen_changes(sc, t);
    let mut seen = Seen::default();
    let mut next_change = 0;
    let mut step = 0;
    let mut hypotheses = Vec::new();
    for (i, e) in t.entries.iter().enumerate() {
        while let Some(c) = changes.get(next_change).filter(|c| c.entry <= i) {
            for g in &c.graphs {
                if sc.metrics.iter().any(|m| m.name == *g) {
                    add(&mut seen.graphs, g);
                }
            }
            next_change += 1;
        }
        match e {
            Entry::Action { .. } => {
                if let Some(s) = played.steps.get(step) {
                    saw(sc, s, &mut seen);
                }
                step += 1;
            }
            Entry::Hypothesis { at, text, by, .. } => {
                // Bounded here too: a transcript is a file anyone can edit.
                let Some(text) = hypothesis_text(text) else {
                    continue;
                };
                let matched = matched(&sc.rubric.cause_words, &text);
                hypotheses.push(HypothesisLine {
                    at: moment(start, signed(*at), true),
                    text,
                    by: by.clone(),
                    seen: seen.clone(),
                    verdict: verdict(&sc.rubric.cause_words, matched.as_deref()),
                    matched,
                });
            }
            _ => {}
        }
    }
    Reasoning {
        cause_words: sc.rubric.cause_words.clone(),
        hypotheses,
    }
}

/// Adds what one input showed the player.
fn saw(sc: &Scenario, s: &super::steps::Step, seen: &mut Seen) {
    for e in &s.events {
        match &e.kind {
            EventKind::Graph { metric, .. } => add(&mut seen.graphs, metric),
            EventKind::Document { name, .. } => {
                match sc.docs.iter().find(|d| &d.name == name).map(|d| d.kind) {
                    Some(DocKind::Runbook) => add(&mut seen.runbooks, name),
                    Some(DocKind::Log) => add(&mut seen.logs, name),
                    None => {}
                }
            }
            _ => {}
        }
    }
    let Some(line) = s.ran.as_deref() else {
        return;
    };
    if line.is_empty() || refused(s) {
        return;
    }
    add(&mut seen.commands, line);
    for d in s.reads.iter().filter_map(|d| sc.docs.get(d.0)) {
        add(&mut seen.logs, &d.name);
    }
}

fn add(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

/// The words of a text, lower case: runs of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The root-cause words (or phrases) the text uses, as whole words in any
/// case; `None` when the scenario gives none to match.
pub(super) fn matched(cause_words: &[String], text: &str) -> Option<Vec<String>> {
    if cause_words.is_empty() {
        return None;
    }
    let said = words(text);
    Some(
        cause_words
            .iter()
            .filter(|k| {
                let k = words(k);
                !k.is_empty() && said.windows(k.len()).any(|w| w == k.as_slice())
            })
            .cloned()
            .collect(),
    )
}

/// Whether the hypothesis names the root cause, in words.
fn verdict(cause_words: &[String], matched: Option<&[String]>) -> String {
    let quoted = |ws: &[String]| {
        ws.iter()
            .map(|w| format!("“{w}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matched {
        None => "for you and your mentor to judge".into(),
        Some([]) => format!("not named: it uses none of {}", quoted(cause_words)),
        Some(m) => format!("named: it says {}", quoted(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn words_match_whole_and_in_any_case() {
        let k = keys(&["waf", "regex", "leap second"]);
        assert_eq!(
            matched(&k, "The WAF rules changed, 70% sure"),
            Some(keys(&["waf"]))
        );
        assert_eq!(matched(&k, "wafer-thin regexes"), Some(Vec::new()));
        assert_eq!(
            matched(&k, "a Leap  second and a bad REGEX"),
            Some(keys(&["regex", "leap second"]))
        );
        assert_eq!(matched(&[], "the waf"), None);
    }

    #[test]
    fn the_verdict_is_context_not_a_score() {
        let k = keys(&["waf", "regex"]);
        assert_eq!(verdict(&[], None), "for you and your mentor to judge");
        assert_eq!(
            verdict(&k, Some(&[])),
            "not named: it uses none of “waf”, “regex”"
        );
        assert_eq!(verdict(&k, Some(&keys(&["waf"]))), "named: it says “waf”");
    }

    #[test]
    fn without_root_cause_words_the_match_is_left_to_the_reader() {
        use crate::record::tests::recorded_playtest;
        use crate::record::{Transcript, replay};
        let (sc, text) = recorded_playtest("cloudflare-2019-waf", 0);
        let t = Transcript::read(&text);
        let r = replay(sc.clone(), &t);
        let mut plain = (*sc).clone();
        plain.rubric.cause_words.clear();
        let d = super::super::build(&plain, &t, &r, &[]);
        assert_eq!(d.reasoning.hypotheses.len(), 2);
        for h in &d.reasoning.hypotheses {
            assert_eq!(h.matched, None);
            assert_eq!(h.verdict, "for you and your mentor to judge");
        }
        let d = super::super::build(&sc, &t, &r, &[]);
        let first = &d.reasoning.hypotheses[0];
        assert!(first.seen.commands.is_empty() && first.seen.graphs.is_empty());
        let second = &d.reasoning.hypotheses[1];
        assert_eq!(second.seen.graphs, ["edge_cpu"]);
        assert_eq!(second.seen.logs, ["waf_errors"]);
        assert_eq!(second.matched.as_deref().map(<[String]>::len), Some(2));
    }
}
