//! Hover for diagnostic codes: on a diagnostic's range, or on a code
//! written as `FD0107` anywhere, the code's catalogue entry as
//! `firedrill explain` prints it.

use super::workspace::Analysis;
use crate::lang::{Code, FileId};

/// The codes at byte `offset` of `text` (file `file` of `analysis`, when
/// there is one): the code written there, else the codes of the
/// diagnostics whose range holds it.
pub fn codes_at(text: &str, offset: usize, found: Option<(&Analysis, FileId)>) -> Vec<Code> {
    if let Some(code) = word_at(text, offset).and_then(Code::parse) {
        return vec![code];
    }
    let mut codes = Vec::new();
    if let Some((analysis, file)) = found {
        for d in &analysis.checked.diagnostics {
            let s = d.span();
            let at = offset as u32;
            if s.file == file && s.start <= at && at <= s.end && !codes.contains(&d.code) {
                codes.push(d.code);
            }
        }
    }
    codes
}

/// The word (letters and digits) around byte `offset`.
fn word_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let is_word = |c: char| c.is_ascii_alphanumeric();
    let start = text
        .get(..offset)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text
        .get(offset..)?
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    text.get(start..end).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_written_anywhere_gets_its_entry() {
        let text = "// see FD0107 here";
        let at = text.find("0107").unwrap();
        assert_eq!(codes_at(text, at, None), vec![Code::UnknownScene]);
        assert!(
            crate::lang::catalogue::explain(Code::UnknownScene)
                .starts_with("## FD0107: unknown scene")
        );
        assert!(codes_at(text, 2, None).is_empty());
        assert!(codes_at("FD9999", 1, None).is_empty());
        assert!(codes_at("é", 1, None).is_empty());
    }
}
