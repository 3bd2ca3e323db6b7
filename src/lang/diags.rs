//! Where diagnostics go while a scenario is checked: at most
//! [`MAX_DIAGNOSTICS`] are kept, the first by place in the source, and the
//! rest are only counted. A file of junk lines makes one diagnostic a line;
//! this keeps the memory, the time and the output of a check bounded
//! whatever the input.

use super::diagnostic::Diagnostic;
use super::source::{FileId, Span};

/// The most diagnostics one check reports: a scenario file and its includes
/// together. The rest are counted ([`Omitted`]).
pub const MAX_DIAGNOSTICS: usize = 100;

/// How many diagnostics a check found but did not keep, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    pub errors: usize,
    pub warnings: usize,
}

impl Omitted {
    pub fn total(self) -> usize {
        self.errors + self.warnings
    }
}

/// The diagnostics of one check as they are found.
#[derive(Debug, Default)]
pub struct Diags {
    /// Never more than twice [`MAX_DIAGNOSTICS`]: when full, the list is
    /// sorted and cut back, so the ones kept are the first by place.
    kept: Vec<Diagnostic>,
    omitted: Omitted,
    /// After the first cut, the place of the last one kept: a diagnostic
    /// further on can never be shown.
    last_kept: Option<Place>,
}

/// Where a diagnostic sorts: its primary span's file, start and end.
type Place = (FileId, u32, u32);

fn place(d: &Diagnostic) -> Place {
    let s = d.span();
    (s.file, s.start, s.end)
}

impl Diags {
    pub fn new() -> Self {
        Diags::default()
    }

    /// Records a diagnostic. It is the last one until the next push (the
    /// list is cut back before a push, never after), so
    /// [`last_mut`](Self::last_mut) finds it.
    pub fn push(&mut self, d: Diagnostic) {
        if self.kept.len() >= 2 * MAX_DIAGNOSTICS {
            self.cut_to(MAX_DIAGNOSTICS);
        }
        self.kept.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// The diagnostic pushed last, to add to it.
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.kept.last_mut()
    }

    /// The diagnostics kept so far (not in order yet).
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.kept.iter()
    }

    /// How many are kept so far.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted.total() == 0
    }

    /// Whether a diagnostic at `span` could still be shown. When it cannot,
    /// it is still pushed (to be counted) but not worth a costly `help`
    /// (a search of every name for the nearest): junk with thousands of
    /// unknown names would make that quadratic.
    pub fn will_show(&self, span: Span) -> bool {
        self.last_kept
            .is_none_or(|last| (span.file, span.start, span.end) <= last)
    }

    /// Whether any error was found, kept or not.
    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.kept.iter().any(Diagnostic::is_error)
    }

    /// The first [`MAX_DIAGNOSTICS`] in source order, without repeats, and
    /// the count of the rest.
    pub fn finish(mut self) -> (Vec<Diagnostic>, Omitted) {
        self.cut_to(MAX_DIAGNOSTICS);
        (self.kept, self.omitted)
    }

    /// Sorts by place, drops repeats, and keeps the first `keep`, counting
    /// the others.
    fn cut_to(&mut self, keep: usize) {
        self.kept.sort_by_key(place);
        self.kept
            .dedup_by(|a, b| a.code == b.code && a.span() == b.span() && a.message == b.message);
        if self.kept.len() <= keep {
            return;
        }
        self.last_kept = self.kept.get(keep - 1).map(place);
        for d in self.kept.drain(keep..) {
            if d.is_error() {
                self.omitted.errors += 1;
            } else {
                self.omitted.warnings += 1;
            }
        }
    }
}

impl<'a> IntoIterator for &'a Diags {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for Diags {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    /// The diagnostics in source order (the omitted ones are only counted).
    fn into_iter(self) -> Self::IntoIter {
        self.finish().0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::diagnostic::Code;

    fn at(start: usize, code: Code) -> Diagnostic {
        Diagnostic::new(code, Span::new(FileId(0), start, start + 1), "x")
    }

    #[test]
    fn the_first_by_place_are_kept_and_the_rest_counted() {
        let mut d = Diags::new();
        // Pushed last to first, with a warning among the ones that go.
        for i in (0..1000).rev() {
            let code = if i == 500 { Code::Unused } else { Code::Syntax };
            d.push(at(i, code));
            assert!(d.len() <= 2 * MAX_DIAGNOSTICS);
        }
        d.push(at(0, Code::Syntax));
        assert!(d.has_errors());
        let (kept, omitted) = d.finish();
        assert_eq!(kept.len(), MAX_DIAGNOSTICS);
        let starts: Vec<u32> = kept.iter().map(|k| k.span().start).collect();
        assert_eq!(starts, (0..MAX_DIAGNOSTICS as u32).collect::<Vec<_>>());
        assert_eq!(
            omitted,
            Omitted {
                errors: 1000 - MAX_DIAGNOSTICS - 1,
                warnings: 1
            }
        );
    }

    #[test]
    fn once_full_a_place_further_on_will_not_show() {
        let mut d = Diags::new();
        let span = |i: usize| Span::new(FileId(0), i, i + 1);
        for i in 0..=2 * MAX_DIAGNOSTICS {
            assert!(d.will_show(span(i)));
            d.push(at(i, Code::Syntax));
        }
        assert!(d.will_show(span(MAX_DIAGNOSTICS - 1)));
        assert!(!d.will_show(span(MAX_DIAGNOSTICS)));
        assert!(!d.will_show(Span::new(FileId(1), 0, 0)));
    }

    #[test]
    fn the_last_pushed_is_the_last_even_when_the_list_is_cut() {
        let mut d = Diags::new();
        for i in 0..=2 * MAX_DIAGNOSTICS {
            d.push(at(5000 - i, Code::Syntax));
            assert_eq!(
                d.last_mut().map(|l| l.span().start),
                Some((5000 - i) as u32)
            );
        }
    }
}
