//! Reading a transcript a line at a time, so a transcript of any length is
//! read whole with memory bounded by its longest line. The front end feeds
//! the lines (it owns the file); this module says what each one means.

use super::{Entry, FORMAT, Problem, Transcript};

/// The longest transcript line read. The longest line a game writes is the
/// scenario's source, one scenario file of at most [`crate::lang::MAX_FILE`]
/// escaped (`\n`, `\"`, `\'` take two bytes; a rare combining mark up to
/// four times its size), so four times that is always enough.
pub const MAX_LINE: usize = 4 * crate::lang::MAX_FILE;

/// The most line problems kept; the rest are counted ([`Transcript::more_problems`]).
pub const MAX_PROBLEMS: usize = 20;

/// Whether the front end should go on feeding lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    More,
    /// Nothing further can be read sensibly (not a transcript, or a newer
    /// format): stop reading.
    Stop,
}

/// A transcript being read, line by line.
#[derive(Debug, Default)]
pub struct Reader {
    t: Transcript,
    /// The number of the last line fed (1-based).
    line: usize,
    /// Whether a non-blank line was seen (the first must be the header).
    started: bool,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// Reads the next line (without its line break). `torn`: it is the last
    /// line and has no line break, so a game stopped while writing it.
    pub fn line(&mut self, line: &str, torn: bool) -> Flow {
        self.line += 1;
        if line.trim().is_empty() {
            return Flow::More;
        }
        let first = !std::mem::replace(&mut self.started, true);
        let entry = ron::from_str::<Entry>(line);
        if first {
            return self.first(entry, torn);
        }
        match entry {
            Ok(Entry::Header(_)) => self.problem(
                "a second header: the rest of the file may belong to another game".into(),
            ),
            Ok(Entry::Source(src)) => {
                if !self.t.sources.iter().any(|s| s.hash == src.hash) {
                    self.t.sources.push(src);
                }
            }
            Ok(e) => self.t.entries.push(e),
            Err(_) if torn => self.problem(
                "the last line was cut off (the game stopped while writing it); everything before it is kept".into(),
            ),
            Err(e) => self.problem(format!("this line cannot be read ({e}); it is skipped")),
        }
        Flow::More
    }

    /// The first line must be a header this build reads: anything else is
    /// one problem, and the reading stops (a big file of junk gives one
    /// message, not one per line).
    fn first(&mut self, entry: Result<Entry, ron::error::SpannedError>, torn: bool) -> Flow {
        match entry {
            Ok(Entry::Header(h)) if h.format > FORMAT => {
                self.problem(format!("this transcript is format {}, newer than this firedrill (format {FORMAT}): update firedrill to read it", h.format));
            }
            Ok(Entry::Header(h)) => {
                self.t.header = Some(h);
                return Flow::More;
            }
            Ok(_) => self.problem(
                "this is not a firedrill transcript: it does not start with its header".into(),
            ),
            Err(_) if torn => self.problem(
                "the header line was cut off (the game stopped while writing it): there is nothing to read".into(),
            ),
            Err(e) => self.problem(format!("this is not a firedrill transcript ({e})")),
        }
        Flow::Stop
    }

    /// Whether the first line (the header) has been read.
    pub fn started(&self) -> bool {
        self.started
    }

    /// A line the front end chose not to read (a scenario source it already
    /// has): counted, so later problems keep their line numbers.
    pub fn skip(&mut self) -> Flow {
        self.line += 1;
        Flow::More
    }

    /// A line the front end did not parse but knew the game time of (an
    /// event nothing it reads needs): kept as where the clock stood.
    pub fn clock_at(&mut self, at: crate::scenario::Millis) -> Flow {
        self.line += 1;
        self.t.entries.push(Entry::Now { at });
        Flow::More
    }

    /// The next line is longer than [`MAX_LINE`]: the front end skipped it.
    pub fn too_long(&mut self) -> Flow {
        self.line += 1;
        self.t.over_limit = true;
        self.problem(format!(
            "this line is longer than the limit of {} MiB; it is skipped",
            MAX_LINE / (1024 * 1024)
        ));
        if std::mem::replace(&mut self.started, true) {
            Flow::More
        } else {
            Flow::Stop
        }
    }

    fn problem(&mut self, message: String) {
        if self.t.problems.len() < MAX_PROBLEMS {
            self.t.problems.push(Problem {
                line: self.line,
                message,
            });
        } else {
            self.t.more_problems += 1;
        }
    }

    /// The transcript as read.
    pub fn finish(self) -> Transcript {
        self.t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_gives_one_problem_and_stops() {
        let mut r = Reader::new();
        assert_eq!(r.line("", false), Flow::More);
        assert_eq!(r.line("junk", false), Flow::Stop);
        let t = r.finish();
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].line, 2);
        assert_eq!(t.more_problems, 0);
    }

    #[test]
    fn line_problems_are_bounded_and_counted() {
        let mut r = Reader::new();
        let header = "Header((format:2,scenario:\"x\",origin:\"built-in\",hash:\"h\",seed:1,player:\"p\",mode:Practice,speed:1.0,started:\"s\"))";
        assert_eq!(r.line(header, false), Flow::More);
        for _ in 0..100 {
            assert_eq!(r.line("Event(junk", false), Flow::More);
        }
        assert_eq!(r.too_long(), Flow::More);
        let t = r.finish();
        assert!(t.header.is_some());
        assert_eq!(t.problems.len(), MAX_PROBLEMS);
        assert_eq!(t.more_problems, 101 - MAX_PROBLEMS);
        assert!(t.over_limit);
    }

    #[test]
    fn an_overlong_first_line_stops_the_reading() {
        let mut r = Reader::new();
        assert_eq!(r.too_long(), Flow::Stop);
        let limit = format!("{} MiB", MAX_LINE / (1024 * 1024));
        assert!(r.finish().problems[0].message.contains(&limit));
    }
}
