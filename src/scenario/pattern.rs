//! Command patterns: `deploys [--since <window>]` parsed into words and flags,
//! matched structurally against what the player typed (never by substring),
//! and compared with each other to find patterns that can never match.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Word {
    Literal(String),
    Placeholder {
        name: String,
        /// `<pop:ams|lhr>`: only these words.
        choices: Option<Vec<String>>,
        optional: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// As written, with its dashes: `--since`, `-n`.
    pub name: String,
    /// The placeholder that takes the flag's value, if it has one.
    pub value: Option<String>,
    /// The only words the value may be (`--mode <mode:fast|safe>`, `--x=y`).
    pub value_choices: Option<Vec<String>>,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pattern {
    pub source: String,
    pub words: Vec<Word>,
    pub flags: Vec<Flag>,
}

/// A problem in a pattern: what, and the byte range inside the pattern text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub help: String,
    pub range: std::ops::Range<usize>,
    /// The problem is in an optional group of words (`[--all namespaces]`,
    /// `[[a] b]`): the checker reports these under a code of their own.
    pub in_optional_words: bool,
}

/// At most this many optional groups of words in one pattern: each doubles
/// the forms the pattern stands for.
pub const MAX_OPTIONAL_WORDS: usize = 4;

fn err(
    message: impl Into<String>,
    help: impl Into<String>,
    range: std::ops::Range<usize>,
) -> PatternError {
    PatternError {
        message: message.into(),
        help: help.into(),
        range,
        in_optional_words: false,
    }
}

/// A problem with an optional group of words.
fn words_err(
    message: impl Into<String>,
    help: impl Into<String>,
    range: std::ops::Range<usize>,
) -> PatternError {
    PatternError {
        in_optional_words: true,
        ..err(message, help, range)
    }
}

/// Whether a pattern piece is a plain word (not a flag, placeholder,
/// quoted word or bracket).
fn is_plain_word(tok: &str) -> bool {
    !tok.is_empty()
        && !tok.starts_with(['-', '<', '"', '\''])
        && !tok.contains(['[', ']', '<', '>'])
}

/// Words of the pattern text with their byte offsets.
/// Words of the pattern text with their byte offsets; a quoted part
/// (`"select 1"`) stays one word, quotes included.
fn pieces(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quote: Option<char> = None;
    for (i, c) in src.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            start.get_or_insert(i);
        } else if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &src[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &src[s..]));
    }
    out
}

fn placeholder(tok: &str, at: usize, optional: bool) -> Result<Word, PatternError> {
    let inner = tok
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(|| {
            err(
                format!("`{tok}` is not a placeholder"),
                "write placeholders as `<name>`",
                at..at + tok.len(),
            )
        })?;
    let (name, choices) = match inner.split_once(':') {
        Some((n, c)) => {
            let list: Vec<String> = c.split('|').map(str::to_string).collect();
            if list.iter().any(String::is_empty) {
                return Err(err(
                    "an empty choice in a placeholder",
                    "list words separated by `|`: `<pop:ams|lhr>`",
                    at..at + tok.len(),
                ));
            }
            (n, Some(list))
        }
        None => (inner, None),
    };
    if !crate::base::words::is_ident(name) {
        return Err(err(
            format!("`{name}` is not a valid placeholder name"),
            "use letters, digits and `_`: `<window>`",
            at..at + tok.len(),
        ));
    }
    Ok(Word::Placeholder {
        name: name.to_string(),
        choices,
        optional,
    })
}

/// Where each placeholder's name (`<name>`, `<name:a|b>`) is written in
/// a pattern's text, as byte ranges. Read by eye, not by the parser, so it
/// finds them in a pattern that does not parse yet (an editor points at
/// them while the author types).
pub fn written_placeholders(src: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
        let closed = matches!(bytes.get(end), Some(b'>' | b':'));
        let name = &src[start..end];
        if closed && crate::base::words::is_ident(name) {
            out.push((name, start..end));
        }
        i = end;
    }
    out
}

impl Pattern {
    /// The pattern in its fullest form: with every optional group of words
    /// (`[namespaces]`) present. See [`Pattern::parse_forms`].
    pub fn parse(src: &str) -> Result<Pattern, PatternError> {
        let mut forms = Pattern::parse_forms(src)?;
        Ok(forms.swap_remove(0))
    }

    /// Every form the pattern stands for, fullest first: one per choice of
    /// its optional groups of words (`kubectl get pods [--all] [wide]` is
    /// two forms), at most `2^MAX_OPTIONAL_WORDS`. A command holds them all,
    /// so matching, help and completion see plain patterns.
    #[allow(clippy::too_many_lines)] // one flat match over every case, read top to bottom; split in a later pass
    pub fn parse_forms(src: &str) -> Result<Vec<Pattern>, PatternError> {
        let toks = pieces(src);
        let mut words = Vec::new();
        let mut flags: Vec<Flag> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        // Optional groups of words: where each goes among `words`, and its words.
        let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let (at, tok) = toks[i];
            i += 1;
            let optional = tok.starts_with('[');
            if tok.starts_with("[[") {
                return Err(nested(at, tok));
            }
            let mut group = vec![(at, tok)];
            if optional {
                while !group.last().is_some_and(|(_, t)| t.ends_with(']')) {
                    match toks.get(i) {
                        Some(&(nat, t)) if t.starts_with('[') => return Err(nested(nat, t)),
                        Some(t) => group.push(*t),
                        None => {
                            return Err(err(
                                "this `[` is never closed",
                                "close the optional part with `]`",
                                at..src.len(),
                            ));
                        }
                    }
                    i += 1;
                }
                let first = group[0].1.trim_start_matches('[');
                group[0] = (group[0].0 + 1, first);
                let last = group.len() - 1;
                let l = group[last].1.trim_end_matches(']');
                group[last].1 = l;
                group.retain(|(_, t)| !t.is_empty());
                if group.is_empty() {
                    return Err(err(
                        "an empty `[]`",
                        "put a flag or a placeholder inside the brackets",
                        at..at + tok.len(),
                    ));
                }
            } else if tok.contains(['[', ']']) {
                return Err(err(
                    format!("a stray bracket in `{tok}`"),
                    "brackets go around a whole flag or placeholder: `[--all]`",
                    at..at + tok.len(),
                ));
            }
            let (gat, head) = group[0];
            if head.starts_with('-') && head.len() > 1 {
                // `--checkpoint=fast`: a flag whose value must be that word.
                let (head, fixed) = match head.split_once('=') {
                    Some((name, v)) if !v.is_empty() => (name, Some(v.to_string())),
                    _ => (head, None),
                };
                let as_value = |w: Word| match w {
                    Word::Placeholder { name, choices, .. } => (Some(name), choices),
                    Word::Literal(_) => (None, None),
                };
                let (value, value_choices) = match (&fixed, group.get(1)) {
                    (Some(v), _) => (
                        Some(format!("_{}", head.trim_start_matches('-'))),
                        Some(vec![v.clone()]),
                    ),
                    (None, Some(&(vat, v))) => as_value(placeholder(v, vat, false)?),
                    (None, None) if !optional => match toks.get(i) {
                        Some(&(vat, v)) if v.starts_with('<') => {
                            i += 1;
                            as_value(placeholder(v, vat, false)?)
                        }
                        _ => (None, None),
                    },
                    (None, None) => (None, None),
                };
                if group.len() > 2 {
                    return Err(err(
                        "an optional part holds one flag, with at most one value",
                        "split it: `[--since <window>] [--all]`",
                        gat..gat + head.len(),
                    ));
                }
                if flags.iter().any(|f| f.name == head) {
                    return Err(err(
                        format!("the flag `{head}` appears twice"),
                        "list each flag once",
                        gat..gat + head.len(),
                    ));
                }
                if let Some(v) = value.as_ref().filter(|_| fixed.is_none()) {
                    names.push(v.clone());
                }
                flags.push(Flag {
                    name: head.to_string(),
                    value,
                    value_choices,
                    optional,
                });
                continue;
            }
            if optional && group.iter().all(|(_, t)| is_plain_word(t)) {
                optional_words(&words, &group, gat)?;
                groups.push((
                    words.len(),
                    group.iter().map(|(_, t)| (*t).to_string()).collect(),
                ));
                continue;
            }
            if group.len() > 1 {
                let end = group.last().map_or(gat + head.len(), |(a, t)| a + t.len());
                if group.iter().any(|(_, t)| is_plain_word(t)) {
                    return Err(words_err(
                        "an optional part mixes words with a flag or a placeholder",
                        "give each its own brackets: `[pods] [<name>]`",
                        gat..end,
                    ));
                }
                return Err(err(
                    "an optional part holds one flag or one placeholder",
                    "write `[<name>]` or `[--flag <value>]`",
                    gat..gat + head.len(),
                ));
            }
            if head.starts_with('<') {
                let w = placeholder(head, gat, optional)?;
                if let Word::Placeholder { name, .. } = &w {
                    names.push(name.clone());
                }
                words.push(w);
            } else if optional {
                return Err(err(
                    format!("`{head}` cannot be optional"),
                    "only flags, placeholders and plain words can be in `[...]`",
                    gat..gat + head.len(),
                ));
            } else if head.starts_with(['"', '\'']) {
                let q = head.chars().next().unwrap_or('"');
                match head.strip_prefix(q).and_then(|h| h.strip_suffix(q)) {
                    Some(inner) if !inner.is_empty() => {
                        words.push(Word::Literal(inner.to_string()));
                    }
                    _ => {
                        return Err(err(
                            format!("`{head}` is not a closed, non-empty quoted word"),
                            "close the quote: `psql -c \"select 1\"`",
                            gat..gat + head.len(),
                        ));
                    }
                }
            } else if head.contains(['<', '>']) {
                return Err(err(
                    format!("`{head}` mixes a word and a placeholder"),
                    "separate them with a space",
                    gat..gat + head.len(),
                ));
            } else {
                if words
                    .iter()
                    .any(|w| matches!(w, Word::Placeholder { optional: true, .. }))
                {
                    return Err(err(
                        "a word after an optional placeholder",
                        "optional placeholders go last",
                        gat..gat + head.len(),
                    ));
                }
                words.push(Word::Literal(head.to_string()));
            }
        }
        match words.first() {
            Some(Word::Literal(_)) => {}
            Some(Word::Placeholder { .. }) => {
                return Err(err(
                    "the pattern starts with a placeholder, not the program's name",
                    "write it like a shell command: `kubectl get pods <ns>`",
                    0..src.len(),
                ));
            }
            None => {
                return Err(err(
                    "the pattern is empty",
                    "write the command as the player types it: `kubectl get pods <ns>`",
                    0..src.len(),
                ));
            }
        }
        let mut sorted = names.clone();
        sorted.sort();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            let at = src.find(&format!("<{}", w[0])).unwrap_or(0);
            return Err(err(
                format!("the placeholder `<{}>` appears twice", w[0]),
                "give each placeholder its own name",
                at..at + w[0].len() + 2,
            ));
        }
        if groups.len() > MAX_OPTIONAL_WORDS {
            let at = src
                .match_indices('[')
                .nth(MAX_OPTIONAL_WORDS)
                .map_or(0, |(a, _)| a);
            return Err(words_err(
                format!("more than {MAX_OPTIONAL_WORDS} optional groups of words"),
                "each doubles the forms the pattern stands for: split the command with `alias`",
                at..src.len(),
            ));
        }
        Ok(forms(src, &words, &flags, &groups))
    }

    /// The program word (`deploys`).
    pub fn program(&self) -> &str {
        match self.words.first() {
            Some(Word::Literal(w)) => w,
            _ => "",
        }
    }

    /// The pattern as one of its forms reads: `kubectl get pods --all`
    /// for the form of `kubectl get [pods] --all` that has the word.
    pub fn form(&self) -> String {
        let words = self.words.iter().map(|w| match w {
            Word::Literal(l) => l.clone(),
            Word::Placeholder {
                name,
                optional: false,
                ..
            } => format!("<{name}>"),
            Word::Placeholder { name, .. } => format!("[<{name}>]"),
        });
        let flags = self.flags.iter().map(|f| {
            let shown = match &f.value {
                Some(v) if !v.starts_with('_') => format!("{} <{v}>", f.name),
                _ => f.name.clone(),
            };
            if f.optional {
                format!("[{shown}]")
            } else {
                shown
            }
        });
        words.chain(flags).collect::<Vec<_>>().join(" ")
    }

    /// Placeholder names, for checking `{name}` in outputs.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .words
            .iter()
            .filter_map(|w| match w {
                Word::Placeholder { name, .. } => Some(name.as_str()),
                Word::Literal(_) => None,
            })
            .collect();
        out.extend(self.flags.iter().filter_map(|f| f.value.as_deref()));
        out
    }

    /// Matches shell words (see [`tokenize`]); on success, the placeholder values.
    pub fn matches(&self, input: &[String]) -> Option<BTreeMap<String, String>> {
        let mut bound = BTreeMap::new();
        let mut positional = Vec::new();
        let mut seen_flags = Vec::new();
        let mut i = 0;
        while i < input.len() {
            let tok = &input[i];
            i += 1;
            if tok.starts_with('-')
                && tok.len() > 1
                && !tok.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
            {
                let (name, inline) = match tok.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (tok.as_str(), None),
                };
                let flag = self.flags.iter().find(|f| f.name == name)?;
                if seen_flags.contains(&name) {
                    return None;
                }
                seen_flags.push(name);
                if let Some(v) = &flag.value {
                    let val = if let Some(v) = inline {
                        v
                    } else {
                        let v = input.get(i)?.clone();
                        i += 1;
                        v
                    };
                    if flag
                        .value_choices
                        .as_ref()
                        .is_some_and(|c| !c.contains(&val))
                    {
                        return None;
                    }
                    bound.insert(v.clone(), val);
                } else if inline.is_some() {
                    return None;
                }
            } else {
                positional.push(tok);
            }
        }
        if self
            .flags
            .iter()
            .any(|f| !f.optional && !seen_flags.contains(&f.name.as_str()))
        {
            return None;
        }
        let mut pos = positional.into_iter();
        for w in &self.words {
            match (w, pos.next()) {
                (Word::Literal(l), Some(t)) if l == t => {}
                (Word::Placeholder { name, choices, .. }, Some(t)) => {
                    if choices.as_ref().is_some_and(|c| !c.contains(t)) {
                        return None;
                    }
                    bound.insert(name.clone(), t.clone());
                }
                (Word::Placeholder { optional: true, .. }, None) => {}
                _ => return None,
            }
        }
        if pos.next().is_some() {
            return None;
        }
        Some(bound)
    }

    /// True when every input this pattern accepts, `earlier` accepts too.
    pub fn is_covered_by(&self, earlier: &Pattern) -> bool {
        let n = self.words.len().max(earlier.words.len());
        for i in 0..n {
            match (earlier.words.get(i), self.words.get(i)) {
                (Some(a), Some(b)) => {
                    if !word_covers(a, b) {
                        return false;
                    }
                }
                (Some(Word::Placeholder { optional: true, .. }), None) => {}
                _ => return false,
            }
        }
        // Every flag this pattern accepts, the earlier must accept alike; every
        // flag the earlier requires, this one must require.
        self.flags.iter().all(|f| {
            earlier.flags.iter().any(|g| {
                g.name == f.name
                    && g.value.is_some() == f.value.is_some()
                    && choices_cover(&g.value_choices, &f.value_choices)
            })
        }) && earlier
            .flags
            .iter()
            .filter(|g| !g.optional)
            .all(|g| self.flags.iter().any(|f| f.name == g.name && !f.optional))
    }
}

/// A `[` inside an optional part.
fn nested(at: usize, tok: &str) -> PatternError {
    words_err(
        "an optional part inside another",
        "optional parts do not nest: write `[a] [b]`, or a second `alias`",
        at..at + tok.len(),
    )
}

/// Checks where an optional group of words (`[pods]`) stands: never first
/// (the program's name is always typed), never after an optional
/// placeholder (which would take the word).
fn optional_words(words: &[Word], group: &[(usize, &str)], at: usize) -> Result<(), PatternError> {
    let end = group.last().map_or(at, |(a, t)| a + t.len());
    if words.is_empty() {
        return Err(words_err(
            "the program's name cannot be optional",
            "start with the program as typed: `kubectl get pods [--all-namespaces]`",
            at..end,
        ));
    }
    if words
        .iter()
        .any(|w| matches!(w, Word::Placeholder { optional: true, .. }))
    {
        return Err(words_err(
            "optional words after an optional placeholder",
            "optional placeholders go last: move the words before it",
            at..end,
        ));
    }
    Ok(())
}

/// The plain patterns `words` with `groups` stand for: every choice of the
/// groups, fullest first.
fn forms(
    src: &str,
    words: &[Word],
    flags: &[Flag],
    groups: &[(usize, Vec<String>)],
) -> Vec<Pattern> {
    let all = (1usize << groups.len()) - 1;
    (0..=all)
        .rev()
        .map(|mask| {
            let mut out = Vec::with_capacity(words.len() + groups.len());
            for (i, w) in words.iter().enumerate() {
                for (g, (pos, group)) in groups.iter().enumerate() {
                    if *pos == i && mask & (1 << g) != 0 {
                        out.extend(group.iter().cloned().map(Word::Literal));
                    }
                }
                out.push(w.clone());
            }
            for (g, (pos, group)) in groups.iter().enumerate() {
                if *pos == words.len() && mask & (1 << g) != 0 {
                    out.extend(group.iter().cloned().map(Word::Literal));
                }
            }
            Pattern {
                source: src.to_string(),
                words: out,
                flags: flags.to_vec(),
            }
        })
        .collect()
}

/// Whether every value `b` allows, `a` allows too (`None` allows anything).
#[allow(clippy::ref_option)] // compares two optional fields in place
fn choices_cover(a: &Option<Vec<String>>, b: &Option<Vec<String>>) -> bool {
    match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(c), Some(d)) => d.iter().all(|x| c.contains(x)),
    }
}

fn word_covers(a: &Word, b: &Word) -> bool {
    let b_optional = matches!(b, Word::Placeholder { optional: true, .. });
    let a_optional = matches!(a, Word::Placeholder { optional: true, .. });
    if b_optional && !a_optional {
        return false;
    }
    match (a, b) {
        (Word::Literal(x), Word::Literal(y)) => x == y,
        (Word::Literal(_), Word::Placeholder { .. }) => false,
        (Word::Placeholder { choices: None, .. }, _) => true,
        (
            Word::Placeholder {
                choices: Some(c), ..
            },
            Word::Literal(y),
        ) => c.contains(y),
        (
            Word::Placeholder {
                choices: Some(c), ..
            },
            Word::Placeholder {
                choices: Some(d), ..
            },
        ) => d.iter().all(|x| c.contains(x)),
        (
            Word::Placeholder {
                choices: Some(_), ..
            },
            Word::Placeholder { choices: None, .. },
        ) => false,
    }
}

/// Splits a command line into words like a POSIX shell: whitespace separates,
/// single quotes keep everything, double quotes keep all but `\"` and `\\`,
/// a backslash escapes the next character. `None` if a quote is left open.
pub fn tokenize(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        ch => cur.push(ch),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            ch @ ('"' | '\\' | '$' | '`') => cur.push(ch),
                            ch => {
                                cur.push('\\');
                                cur.push(ch);
                            }
                        },
                        ch => cur.push(ch),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    cur.push(ch);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, input: &str) -> Option<BTreeMap<String, String>> {
        Pattern::parse(p).ok()?.matches(&tokenize(input)?)
    }

    #[test]
    fn placeholders_are_found_where_written_even_unparsed() {
        let src = "kubectl get [pods] <name> -n <ns:prod|dev> <bad- <open";
        let got: Vec<(&str, &str)> = written_placeholders(src)
            .into_iter()
            .map(|(n, r)| (n, &src[r]))
            .collect();
        assert_eq!(got, [("name", "name"), ("ns", "ns")]);
        assert!(written_placeholders("<é> <").is_empty());
    }

    #[test]
    fn matches_by_structure_with_flags_in_any_order() {
        let p = "waf kill --global --confirm";
        assert!(m(p, "waf kill --confirm --global").is_some());
        assert!(m(p, "waf kill --global").is_none());
        assert!(m(p, "waf kill --global --confirm now").is_none());
        assert!(m(p, "waf killall --global --confirm").is_none());
    }

    #[test]
    fn binds_placeholders_and_flag_values() {
        let b = m("deploys [--since <window>]", "deploys --since 30m").unwrap();
        assert_eq!(b["window"], "30m");
        assert!(m("deploys [--since <window>]", "deploys").is_some());
        assert_eq!(
            m("deploys [--since <window>]", "deploys --since=1h").unwrap()["window"],
            "1h"
        );
        let b = m("curl -sI <url>", "curl -sI 'https://x.example/a b'").unwrap();
        assert_eq!(b["url"], "https://x.example/a b");
        assert!(m("dig <name> [<type>]", "dig example.com").is_some());
        assert!(m("dig <name> [<type>]", "dig example.com AAAA").is_some());
        assert!(m("ping <pop:ams|lhr>", "ping sjc").is_none());
    }

    #[test]
    fn flag_values_and_quoted_words_are_matched_exactly() {
        assert!(m("fget --ns <ns:web|jobs>", "fget --ns web").is_some());
        assert!(m("fget --ns <ns:web|jobs>", "fget --ns other").is_none());
        assert!(m("curl -sI <url:a|b>", "curl -sI c").is_none());
        assert!(
            m(
                "pg_basebackup --checkpoint=fast",
                "pg_basebackup --checkpoint=fast"
            )
            .is_some()
        );
        assert!(
            m(
                "pg_basebackup --checkpoint=fast",
                "pg_basebackup --checkpoint fast"
            )
            .is_some()
        );
        assert!(
            m(
                "pg_basebackup --checkpoint=fast",
                "pg_basebackup --checkpoint=spread"
            )
            .is_none()
        );
        assert!(m(r#"psql -c "select 1""#, "psql -c 'select 1'").is_some());
        assert!(m(r#"psql -c "select 1""#, "psql -c 'select 2'").is_none());
        let general = Pattern::parse("fget --ns <ns>").unwrap();
        let narrow = Pattern::parse("fget --ns <ns:web>").unwrap();
        assert!(narrow.is_covered_by(&general));
        assert!(!general.is_covered_by(&narrow));
    }

    #[test]
    fn rejects_malformed_patterns() {
        for bad in [
            "<x> y",
            "a [b",
            "a [--x] [--x]",
            "a <x> <x>",
            "a [<x>] b",
            "a <x:>",
            "a b<x>",
        ] {
            assert!(Pattern::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    /// Whether any form of the pattern matches.
    fn any_form(p: &str, input: &str) -> Option<BTreeMap<String, String>> {
        let words = tokenize(input)?;
        Pattern::parse_forms(p)
            .ok()?
            .iter()
            .find_map(|f| f.matches(&words))
    }

    #[test]
    fn optional_words_match_with_or_without_them() {
        let p = "kubectl get pods [--all-namespaces] [-o <format>] [all namespaces]";
        assert_eq!(Pattern::parse_forms(p).unwrap().len(), 2);
        assert!(any_form(p, "kubectl get pods").is_some());
        assert!(any_form(p, "kubectl get pods all namespaces").is_some());
        assert!(any_form(p, "kubectl get pods all").is_none());
        assert!(any_form(p, "kubectl get pods namespaces all").is_none());
        let p = "gitlab-ctl [service] status [<svc>]";
        assert!(any_form(p, "gitlab-ctl status").is_some());
        assert!(any_form(p, "gitlab-ctl service status").is_some());
        assert_eq!(
            any_form(p, "gitlab-ctl service status pg").unwrap()["svc"],
            "pg"
        );
        assert!(any_form(p, "gitlab-ctl service").is_none());
        // The fullest form comes first: `a [b] [<x>]` reads `a b` as the word.
        let forms = Pattern::parse_forms("a [b] [<x>]").unwrap();
        assert_eq!(forms[0].words.len(), 3);
        assert!(
            forms[0]
                .matches(&tokenize("a b").unwrap())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn malformed_optional_words_are_their_own_problem() {
        for bad in [
            "[sudo] systemctl",
            "a [[b]]",
            "a [b [c]]",
            "a [b <x>]",
            "a [<x>] [b]",
            "a [b] [c] [d] [e] [f]",
        ] {
            let e = Pattern::parse_forms(bad).expect_err(bad);
            assert!(e.in_optional_words, "{bad}: {}", e.message);
            assert!(e.range.end <= bad.len(), "{bad}");
        }
        for plain in ["a [b", "a []", "a b]"] {
            assert!(
                !Pattern::parse_forms(plain)
                    .expect_err(plain)
                    .in_optional_words
            );
        }
        assert_eq!(Pattern::parse_forms("a [b] [c] [d] [e]").unwrap().len(), 16);
    }

    #[test]
    fn each_form_reads_as_typed() {
        let forms =
            Pattern::parse_forms("kubectl get [pods] <name> [--all] [-n <ns:a|b>] [<x>]").unwrap();
        let shown: Vec<String> = forms.iter().map(Pattern::form).collect();
        assert_eq!(
            shown,
            [
                "kubectl get pods <name> [<x>] [--all] [-n <ns>]",
                "kubectl get <name> [<x>] [--all] [-n <ns>]"
            ]
        );
    }

    #[test]
    fn finds_shadowed_patterns() {
        let general = Pattern::parse("kubectl get <kind>").unwrap();
        let specific = Pattern::parse("kubectl get pods").unwrap();
        assert!(specific.is_covered_by(&general));
        assert!(!general.is_covered_by(&specific));
        let with_flag = Pattern::parse("kubectl get pods --all").unwrap();
        assert!(!with_flag.is_covered_by(&general));
    }

    #[test]
    fn tokenizes_like_a_shell() {
        assert_eq!(
            tokenize(r#"a "b c" d\ e 'f"g'"#).unwrap(),
            vec!["a", "b c", "d e", "f\"g"]
        );
        assert!(tokenize("a 'open").is_none());
        assert_eq!(tokenize("  ").unwrap(), Vec::<String>::new());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// A pattern of plain words, some in optional groups, with the words
        /// an input would hold if it took each group or not.
        fn pattern() -> impl Strategy<Value = (Vec<(Vec<String>, bool)>, Vec<bool>)> {
            let word = prop::sample::select(vec!["get", "pods", "all", "wide", "x", "y"]);
            let piece = (
                prop::collection::vec(word.prop_map(String::from), 1..3),
                any::<bool>(),
            );
            prop::collection::vec(piece, 1..7).prop_flat_map(|pieces| {
                let n = pieces.len();
                (Just(pieces), prop::collection::vec(any::<bool>(), n))
            })
        }

        fn source(pieces: &[(Vec<String>, bool)]) -> Option<String> {
            let groups = pieces.iter().filter(|(_, o)| *o).count();
            if groups > MAX_OPTIONAL_WORDS {
                return None;
            }
            let mut s = String::from("prog");
            for (words, optional) in pieces {
                let w = words.join(" ");
                if *optional {
                    s.push_str(&format!(" [{w}]"));
                } else {
                    s.push_str(&format!(" {w}"));
                }
            }
            Some(s)
        }

        proptest! {
            // An input with the required words and any choice of the
            // optional groups, in order, is matched; one with a required
            // word missing is not (unless an optional group stands in for it).
            #[test]
            fn optional_words_are_taken_or_left((pieces, take) in pattern()) {
                let Some(src) = source(&pieces) else { return Ok(()) };
                let forms = Pattern::parse_forms(&src).unwrap();
                let mut input = vec!["prog".to_string()];
                for ((words, optional), t) in pieces.iter().zip(&take) {
                    if !optional || *t {
                        input.extend(words.iter().cloned());
                    }
                }
                prop_assert!(forms.iter().any(|f| f.matches(&input).is_some()), "{src} / {input:?}");
                let mut longer = input.clone();
                longer.push("extra".into());
                prop_assert!(forms.iter().all(|f| f.matches(&longer).is_none()));
            }

            // Any input, however odd, is answered without a panic, and a
            // pattern text never panics the parser.
            #[test]
            fn never_panics(src in "[a-z \\[\\]<>|:-]{0,40}", input in prop::collection::vec("[a-z\\[\\]-]{0,6}", 0..6)) {
                if let Ok(forms) = Pattern::parse_forms(&src) {
                    prop_assert!(forms.len() <= 1 << MAX_OPTIONAL_WORDS);
                    for f in &forms {
                        let _ = f.matches(&input);
                    }
                } else if let Err(e) = Pattern::parse_forms(&src) {
                    prop_assert!(e.range.start <= e.range.end && e.range.end <= src.len());
                }
            }
        }
    }
}
