//! Helpers the printers share: backtick pairs as code, numbers as people
//! read them, and word wrapping (with colour) for the terminal.

use anstyle::{AnsiColor, Style};

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

/// How a piece of terminal text looks when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paint {
    Plain,
    Bold,
    Dim,
    Code,
    Good,
    Bad,
    Warn,
    Time,
}

impl Paint {
    fn style(self) -> Style {
        match self {
            Paint::Plain => Style::new(),
            Paint::Bold => Style::new().bold(),
            Paint::Dim => Style::new().dimmed(),
            Paint::Code => Style::new().fg_color(Some(AnsiColor::Cyan.into())),
            Paint::Good => Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
            Paint::Bad => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Paint::Warn => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            Paint::Time => Style::new().fg_color(Some(AnsiColor::Blue.into())),
        }
    }
}

/// Text in pieces, each with its look.
pub(super) type Painted = Vec<(Paint, String)>;

/// The terminal's width.
pub(super) const WIDTH: usize = 80;

/// A line of painted characters, as ANSI text (or plain, without colour).
fn render(chars: &[(char, Paint)], colour: bool) -> String {
    let mut out = String::with_capacity(chars.len() + 16);
    let mut open = Paint::Plain;
    for &(c, p) in chars {
        if colour && p != open {
            if open != Paint::Plain {
                out.push_str(&open.style().render_reset().to_string());
            }
            if p != Paint::Plain {
                out.push_str(&p.style().render().to_string());
            }
            open = p;
        }
        out.push(c);
    }
    if colour && open != Paint::Plain {
        out.push_str(&open.style().render_reset().to_string());
    }
    out
}

fn chars_of(p: &[(Paint, String)]) -> Vec<(char, Paint)> {
    p.iter()
        .flat_map(|(paint, s)| s.chars().map(move |c| (c, *paint)))
        .collect()
}

/// Wraps text to [`WIDTH`] columns: the first line after `first`, the rest
/// after `rest`. Words longer than a line are cut. Colour codes take no
/// columns: the width counts the characters shown.
pub(super) fn wrap(
    text: &[(Paint, String)],
    first: &Painted,
    rest: &str,
    colour: bool,
) -> Vec<String> {
    let body = chars_of(text);
    let rest: Vec<(char, Paint)> = rest.chars().map(|c| (c, Paint::Plain)).collect();
    let mut lines: Vec<Vec<(char, Paint)>> = Vec::new();
    let mut line = chars_of(first);
    let mut empty = true;
    let mut indent = line.len();
    for word in body
        .split(|(c, _)| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let mut word = word.to_vec();
        loop {
            let need = if empty { word.len() } else { word.len() + 1 };
            if line.len() + need <= WIDTH {
                if !empty {
                    // A space inside one look keeps it (fewer colour codes).
                    let before = line.last().map(|x| x.1);
                    let paint = match (before, word.first().map(|x| x.1)) {
                        (Some(a), Some(b)) if a == b => a,
                        _ => Paint::Plain,
                    };
                    line.push((' ', paint));
                }
                line.append(&mut word);
                empty = false;
                break;
            }
            if empty {
                // Longer than a whole line: cut it.
                let room = WIDTH.saturating_sub(indent).max(1);
                line.extend(word.drain(..room.min(word.len())));
                lines.push(std::mem::replace(&mut line, rest.clone()));
                indent = rest.len();
                if word.is_empty() {
                    break;
                }
                continue;
            }
            lines.push(std::mem::replace(&mut line, rest.clone()));
            indent = rest.len();
            empty = true;
        }
    }
    if !empty || lines.is_empty() {
        while line.last().is_some_and(|(c, _)| c.is_whitespace()) {
            line.pop();
        }
        lines.push(line);
    }
    lines.iter().map(|l| render(l, colour)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Painted {
        vec![(Paint::Plain, s.to_string())]
    }

    #[test]
    fn backtick_pairs_are_code() {
        assert_eq!(
            pieces("ran `df -h` now"),
            vec![(false, "ran "), (true, "df -h"), (false, " now")]
        );
        assert_eq!(pieces("a ` b"), vec![(false, "a ` b")]);
    }

    #[test]
    fn wrapping_keeps_to_80_columns() {
        let long = "word ".repeat(50) + &"x".repeat(200);
        for l in wrap(&plain(&long), &plain("  - "), "    ", false) {
            assert!(l.chars().count() <= WIDTH, "{l}");
        }
        assert_eq!(wrap(&[], &plain("a: "), "", false), vec!["a:"]);
    }

    #[test]
    fn colour_codes_take_no_columns() {
        let text = vec![
            (Paint::Bold, "word ".repeat(30)),
            (Paint::Plain, "end".to_string()),
        ];
        let coloured = wrap(&text, &Vec::new(), "", true);
        let plain_lines = wrap(&text, &Vec::new(), "", false);
        assert_eq!(coloured.len(), plain_lines.len());
        assert!(coloured[0].contains("\u{1b}[1m"), "{:?}", coloured[0]);
        assert!(plain_lines.iter().all(|l| !l.contains('\u{1b}')));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(value(97.3333, "%"), "97.33%");
        assert_eq!(value(10_800.4, "krps"), "10800 krps");
        assert_eq!(value(420.0, "jobs"), "420 jobs");
        assert_eq!(number(0.1), "0.1");
    }
}
