//! The player's lines in plain mode, each bounded: a line longer than
//! [`MAX_LINE`] or not UTF-8 comes back as what it was, so the game can say
//! so and go on, and input that never ends a line (`< /dev/zero`) is taken
//! as the end of input instead of being held in memory.

use std::io::{self, BufRead};

/// The longest line the plain game takes, in bytes.
pub const MAX_LINE: usize = 4096;

/// How far one line may run before the input is taken to have ended: a
/// source that never sends a newline is not a player typing.
pub const MAX_RUN: usize = 1024 * 1024;

/// One line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A line of text, without its line ending.
    Text(String),
    /// Longer than [`MAX_LINE`]; skipped.
    TooLong,
    /// Not UTF-8 text; skipped.
    NotUtf8,
    /// Ran past [`MAX_RUN`] without a line ending: nothing more is read.
    Endless,
}

impl Line {
    /// What the game says about a line it cannot take, if anything.
    pub fn problem(&self) -> Option<String> {
        match self {
            Line::Text(_) => None,
            Line::TooLong => Some(format!(
                "  That line is longer than {MAX_LINE} bytes; it was ignored."
            )),
            Line::NotUtf8 => Some("  That line is not UTF-8 text; it was ignored.".into()),
            Line::Endless => Some(format!(
                "(the input ran on for more than {} without a line ending: stopping reading it)",
                crate::files::size_words(MAX_RUN as u64)
            )),
        }
    }

    /// The line as an answer to a question: one that could not be read
    /// skips the question, as an empty line does.
    pub fn into_answer(self) -> String {
        match self {
            Line::Text(t) => t,
            _ => String::new(),
        }
    }
}

/// Reads one line, keeping at most [`MAX_LINE`] bytes of it; `None` at the
/// end of input.
pub fn read_line(r: &mut impl BufRead) -> io::Result<Option<Line>> {
    let mut kept = Vec::new();
    let mut length = 0usize;
    let mut ended = false;
    while !ended {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if length == 0 {
                return Ok(None);
            }
            break;
        }
        let newline = buf.iter().position(|&b| b == b'\n');
        let part = &buf[..newline.unwrap_or(buf.len())];
        let room = (MAX_LINE + 1).saturating_sub(kept.len());
        kept.extend_from_slice(&part[..part.len().min(room)]);
        length += part.len();
        let used = newline.map_or(buf.len(), |i| i + 1);
        ended = newline.is_some();
        r.consume(used);
        if !ended && length > MAX_RUN {
            return Ok(Some(Line::Endless));
        }
    }
    Ok(Some(judge(kept)))
}

/// A whole line's kept bytes as a [`Line`].
fn judge(mut kept: Vec<u8>) -> Line {
    if kept.last() == Some(&b'\r') {
        kept.pop();
    }
    if kept.len() > MAX_LINE {
        return Line::TooLong;
    }
    String::from_utf8(kept).map_or(Line::NotUtf8, Line::Text)
}

/// The lines of `r`, ending at the end of input, at a read error, or just
/// after a [`Line::Endless`].
pub fn lines<R: BufRead>(r: R) -> Lines<R> {
    Lines { r, done: false }
}

/// See [`lines`].
#[derive(Debug)]
pub struct Lines<R> {
    r: R,
    done: bool,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.done {
            return None;
        }
        let line = read_line(&mut self.r).ok().flatten();
        self.done = matches!(line, None | Some(Line::Endless));
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<Line> {
        lines(io::BufReader::with_capacity(7, bytes)).collect()
    }

    fn text(s: &str) -> Line {
        Line::Text(s.into())
    }

    #[test]
    fn lines_split_as_the_standard_reader_does() {
        assert_eq!(all(b""), vec![]);
        assert_eq!(all(b"\n"), vec![text("")]);
        assert_eq!(
            all(b"look\r\n\nwait 2m\nquit"),
            vec![text("look"), text(""), text("wait 2m"), text("quit")]
        );
    }

    #[test]
    fn a_long_or_broken_line_is_named_and_the_next_one_is_read() {
        let mut input = vec![b'x'; MAX_LINE];
        input.extend_from_slice(b"\n");
        input.extend(vec![b'y'; MAX_LINE + 1]);
        input.extend_from_slice(b"\n\xff\xfe\nlook\n");
        let got = all(&input);
        assert_eq!(got[0], Line::Text("x".repeat(MAX_LINE)));
        assert_eq!(got[1..], [Line::TooLong, Line::NotUtf8, text("look")]);
    }

    #[test]
    fn input_without_line_endings_ends_the_input() {
        let zeros = vec![0u8; MAX_RUN + 10];
        assert_eq!(all(&zeros), vec![Line::Endless]);
        // Just under the bound it is one long line, refused.
        let mut long = vec![b'z'; MAX_RUN - 1];
        long.extend_from_slice(b"\nlook\n");
        assert_eq!(all(&long), vec![Line::TooLong, text("look")]);
    }
}
