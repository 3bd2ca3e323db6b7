//! Bytes appended to a file by another process, cut into whole lines as
//! they come: a line is taken only once its line break is there, and a line
//! over the limit is skipped and counted, never held in memory. The
//! transcript feed and the mentors' request files are both read this way.

/// Bytes as they are appended, cut into whole lines (with their line
/// break); a line longer than the limit is skipped and counted, never kept.
#[derive(Debug)]
pub struct Lines {
    limit: usize,
    /// The start of a line not yet whole.
    pending: Vec<u8>,
    /// Inside an over-long line.
    skipping: bool,
    /// Lines skipped for being over the limit.
    pub overlong: usize,
}

impl Lines {
    pub fn new(limit: usize) -> Lines {
        Lines {
            limit,
            pending: Vec::new(),
            skipping: false,
            overlong: 0,
        }
    }

    /// Takes the next bytes; calls `each` with every line they complete.
    pub fn push(&mut self, bytes: &[u8], mut each: impl FnMut(&[u8])) {
        for piece in bytes.split_inclusive(|b| *b == b'\n') {
            if !self.skipping {
                self.pending.extend_from_slice(piece);
                let ended = piece.last() == Some(&b'\n');
                if self.pending.len() - usize::from(ended) > self.limit {
                    self.pending = Vec::new();
                    self.skipping = true;
                    self.overlong += 1;
                }
            }
            if piece.last() == Some(&b'\n') {
                if !self.skipping {
                    each(&self.pending);
                    self.pending.clear();
                }
                self.skipping = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// However the bytes arrive, the same whole lines come out, and
        /// only the over-long ones are left out (and counted).
        #[test]
        fn lines_are_the_same_however_the_bytes_are_cut(
            lines in proptest::collection::vec("[a-z ]{0,30}", 0..20),
            cuts in proptest::collection::vec(0usize..400, 0..10),
        ) {
            let text = lines.iter().fold(String::new(), |t, l| t + l + "\n");
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.push(0);
            cuts.push(text.len());
            cuts.sort_unstable();
            let mut got = Vec::new();
            let mut l = Lines::new(20);
            for w in cuts.windows(2) {
                l.push(&text.as_bytes()[w[0]..w[1]], |line| {
                    got.push(String::from_utf8_lossy(line).into_owned());
                });
            }
            let want: Vec<String> =
                lines.iter().filter(|x| x.len() <= 20).map(|x| format!("{x}\n")).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(l.overlong, lines.iter().filter(|x| x.len() > 20).count());
            prop_assert!(l.pending.is_empty());
        }
    }
}
