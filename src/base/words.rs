//! Names and suggestions: what counts as an identifier, and the closest
//! known name to a misspelt one (for "did you mean" help everywhere).

/// The longest name, in bytes, that [`closest`] compares: no one misspells
/// a longer one by a few letters.
pub const MAX_SUGGESTED: usize = 64;

/// The most candidates [`closest`] looks at.
pub const MAX_CANDIDATES: usize = 10_000;

/// The candidate nearest to `wrong`, if it is near enough to be a likely
/// typo: a few letters swapped, missing or extra (edit distance up to a third
/// of the length), a close Jaro-Winkler match, or the start of the name.
///
/// The search is bounded, as names come from untrusted files: a name longer
/// than [`MAX_SUGGESTED`] bytes gets no suggestion and is suggested for none
/// (the edit distance costs the product of the lengths), and only the first
/// [`MAX_CANDIDATES`] candidates are looked at.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wrong.len() > MAX_SUGGESTED {
        return None;
    }
    let wrong_l = wrong.to_lowercase();
    let mut best: Option<((usize, i64), &str)> = None;
    for c in candidates.into_iter().take(MAX_CANDIDATES) {
        if c == wrong || c.len() > MAX_SUGGESTED {
            continue;
        }
        let cl = c.to_lowercase();
        let distance = strsim::damerau_levenshtein(&wrong_l, &cl);
        let similarity = strsim::jaro_winkler(&wrong_l, &cl);
        let allowed = (wrong_l.chars().count().max(cl.chars().count()) / 3).max(1);
        let prefix = wrong_l.len() >= 3 && cl.starts_with(&wrong_l);
        if distance > allowed && similarity < 0.8 && !prefix {
            continue;
        }
        // Fewer edits first, then the closer Jaro-Winkler score.
        let key = (distance, -(similarity * 1000.0) as i64);
        // Ties go to the name first in alphabetical order, so the suggestion
        // never depends on the order the candidates come in.
        if best.is_none_or(|(k, b)| key < k || (key == k && c < b)) {
            best = Some((key, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Whether `a` and `b` are one edit apart: a letter added, dropped,
/// changed, or two neighbours swapped (Damerau-Levenshtein distance 1).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    // Lengths more than one apart need more edits; skip the comparison.
    a.len().abs_diff(b.len()) <= 1
        && a.len() <= MAX_SUGGESTED
        && strsim::damerau_levenshtein(a, b) == 1
}

/// Whether `s` is an identifier: a letter or `_`, then letters, digits or `_`.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
