//! Byte offsets to LSP positions and back, in the encoding the client and
//! server agreed on (UTF-8 when the client offers it, else UTF-16). Every
//! conversion clamps: a position past the end of a line or of the file
//! lands on that end, and one inside a character lands on its start.

use lsp_types::{Position, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Units `c` takes in this encoding.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The line starts of one text, for converting back and forth.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            encoding,
        }
    }

    /// The text of line `line` without its line break.
    fn line(&self, line: usize) -> (usize, &'a str) {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end).unwrap_or("");
        (start, text.strip_suffix('\r').unwrap_or(text))
    }

    /// The position of byte `offset` (clamped to the text, and to the start
    /// of the character it falls in).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char(self.text, offset.min(self.text.len()));
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (start, text) = self.line(line);
        let upto = offset.saturating_sub(start).min(text.len());
        let character: usize = text
            .get(..floor_char(text, upto))
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `pos`: a line past the last is the end of the
    /// text, a character past the end of its line is the line's end.
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let (start, text) = self.line(line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text.char_indices() {
            let w = self.encoding.width(c);
            if units + w > want {
                return start + i;
            }
            units += w;
        }
        start + text.len()
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of the end of the text.
    pub fn end(&self) -> usize {
        self.text.len()
    }

    /// The text of the line `pos` is on, up to `pos`.
    pub fn before(&self, pos: Position) -> &'a str {
        let offset = self.offset(pos);
        let (start, _) = self.line(pos.line as usize);
        self.text.get(start.min(offset)..offset).unwrap_or("")
    }
}

/// The largest char boundary at or below `offset`.
fn floor_char(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ab\né😀x\r\n\nlast";

    #[test]
    fn ascii_positions_round_trip() {
        let ix = LineIndex::new(TEXT, Encoding::Utf16);
        assert_eq!(ix.position(0), Position::new(0, 0));
        assert_eq!(ix.position(2), Position::new(0, 2));
        assert_eq!(ix.offset(Position::new(0, 1)), 1);
        assert_eq!(ix.offset(Position::new(3, 2)), TEXT.len() - 2);
    }

    #[test]
    fn multi_byte_and_astral_characters_count_in_the_agreed_units() {
        let x = TEXT.find('x').unwrap();
        let utf16 = LineIndex::new(TEXT, Encoding::Utf16);
        // é is one UTF-16 unit, 😀 two.
        assert_eq!(utf16.position(x), Position::new(1, 3));
        assert_eq!(utf16.offset(Position::new(1, 3)), x);
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        // é is two bytes, 😀 four.
        assert_eq!(utf8.position(x), Position::new(1, 6));
        assert_eq!(utf8.offset(Position::new(1, 6)), x);
    }

    #[test]
    fn positions_inside_a_character_land_on_its_start() {
        let smile = TEXT.find('😀').unwrap();
        let utf16 = LineIndex::new(TEXT, Encoding::Utf16);
        assert_eq!(utf16.offset(Position::new(1, 2)), smile);
        // Between the two halves of the surrogate pair.
        assert_eq!(utf16.offset(Position::new(1, 2)), smile);
        assert_eq!(utf16.position(smile + 2), Position::new(1, 1));
        let utf8 = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(utf8.offset(Position::new(1, 4)), smile);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let ix = LineIndex::new(TEXT, Encoding::Utf16);
        let line_end = TEXT.find('\r').unwrap();
        assert_eq!(ix.offset(Position::new(1, 99)), line_end);
        assert_eq!(ix.offset(Position::new(99, 0)), TEXT.len());
        assert_eq!(ix.offset(Position::new(u32::MAX, u32::MAX)), TEXT.len());
        assert_eq!(ix.position(usize::MAX), Position::new(3, 4));
        // The `\r` of a CRLF is not part of the line.
        assert_eq!(ix.position(line_end + 1), Position::new(1, 4));
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let ix = LineIndex::new("", Encoding::Utf8);
        assert_eq!(ix.position(5), Position::new(0, 0));
        assert_eq!(ix.offset(Position::new(3, 3)), 0);
        assert_eq!(ix.before(Position::new(0, 9)), "");
    }

    #[test]
    fn text_before_the_cursor_is_its_own_line_only() {
        let ix = LineIndex::new("metric x\n  unit m", Encoding::Utf16);
        assert_eq!(ix.before(Position::new(1, 7)), "  unit ");
        assert_eq!(ix.before(Position::new(1, 99)), "  unit m");
    }
}
