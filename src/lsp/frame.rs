//! The wire: `Content-Length` framed JSON-RPC messages, read with bounded
//! headers and bodies so that no input, however broken, stops the server.
//! A frame that cannot be read is reported and skipped; reading goes on
//! with the next header.

use std::io::{BufRead, Read, Write};

/// The longest header line read; longer ones are skipped as garbage.
const MAX_HEADER_LINE: usize = 4096;
/// The most header lines before the blank line that ends them.
const MAX_HEADERS: usize = 32;
/// The largest message body: a document at the checker's size limit, with
/// every byte escaped in JSON, fits well within it.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// What reading one frame gave.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A message's body.
    Body(Vec<u8>),
    /// Bytes that were not a frame, and why (the server answers with a
    /// parse error and reads on).
    Garbage(String),
    /// The input ended.
    End,
}

/// Reads the next frame from `input`. I/O errors end the input.
pub fn read(input: &mut impl BufRead) -> Frame {
    let mut length = None;
    let mut problem = None;
    let mut headers = 0;
    loop {
        let line = match read_line(input) {
            Ok(Line::Text(line)) => line,
            Ok(Line::TooLong) => {
                problem.get_or_insert_with(|| "a header line is too long".to_string());
                continue;
            }
            Ok(Line::End) | Err(_) => return Frame::End,
        };
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if length.is_some() || problem.is_some() {
                break;
            }
            // Blank lines between frames are skipped.
            continue;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            problem.get_or_insert_with(|| "too many header lines".to_string());
            continue;
        }
        match header(line) {
            Ok(Some(n)) => length = Some(n),
            Ok(None) => {}
            Err(why) => {
                problem.get_or_insert(why);
            }
        }
    }
    match (problem, length) {
        (Some(why), _) => Frame::Garbage(why),
        (None, None) => Frame::Garbage("a message without Content-Length".into()),
        (None, Some(n)) if n > MAX_BODY => {
            // Skip the body so the next frame is read from its start.
            let skipped = std::io::copy(&mut input.take(n as u64), &mut std::io::sink());
            if skipped.map_or(true, |s| s < n as u64) {
                return Frame::End;
            }
            Frame::Garbage(format!("a message of {n} bytes, over the limit"))
        }
        (None, Some(n)) => {
            let mut body = Vec::new();
            match input.take(n as u64).read_to_end(&mut body) {
                Ok(got) if got == n => Frame::Body(body),
                _ => Frame::End,
            }
        }
    }
}

/// One header: `Content-Length: N` gives `Some(N)`, other well-formed
/// headers (`Content-Type`) `None`.
fn header(line: &str) -> Result<Option<usize>, String> {
    let Some((name, value)) = line.split_once(':') else {
        return Err("a header line without `:`".into());
    };
    if !name.trim().eq_ignore_ascii_case("content-length") {
        return Ok(None);
    }
    value
        .trim()
        .parse::<usize>()
        .map(Some)
        .map_err(|_| "a Content-Length that is not a number".into())
}

/// One header line as read.
enum Line {
    /// The line, lossily decoded.
    Text(String),
    /// A line longer than [`MAX_HEADER_LINE`], skipped to its end.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads one line of at most [`MAX_HEADER_LINE`] bytes.
fn read_line(input: &mut impl BufRead) -> std::io::Result<Line> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(if line.is_empty() && !too_long {
                Line::End
            } else {
                finish(&line, too_long)
            });
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if line.len() + take <= MAX_HEADER_LINE {
            line.extend_from_slice(&buf[..take]);
        } else {
            too_long = true;
        }
        input.consume(take);
        if done {
            return Ok(finish(&line, too_long));
        }
    }
}

fn finish(line: &[u8], too_long: bool) -> Line {
    if too_long {
        Line::TooLong
    } else {
        Line::Text(String::from_utf8_lossy(line).into_owned())
    }
}

/// Writes one message with its header.
pub fn write(out: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = std::io::BufReader::new(input);
        let mut out = Vec::new();
        loop {
            let f = read(&mut r);
            if f == Frame::End {
                return out;
            }
            out.push(f);
        }
    }

    #[test]
    fn reads_frames_one_after_another() {
        let got =
            frames(b"Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:3\r\n\r\n[1]");
        assert_eq!(
            got,
            vec![Frame::Body(b"{}".to_vec()), Frame::Body(b"[1]".to_vec())]
        );
    }

    #[test]
    fn garbage_is_reported_and_reading_goes_on() {
        let got = frames(
            b"\x00\xffgarbage\r\n\r\nContent-Length: abc\r\n\r\nContent-Length: 2\r\n\r\n{}",
        );
        assert!(matches!(got[0], Frame::Garbage(_)), "{got:?}");
        assert!(matches!(got[1], Frame::Garbage(_)), "{got:?}");
        assert_eq!(got[2], Frame::Body(b"{}".to_vec()));
    }

    #[test]
    fn huge_lengths_and_long_lines_are_refused_without_reading_them_whole() {
        let mut input = b"Content-Length: 99999999999999999999\r\n\r\n".to_vec();
        input.extend(vec![b'a'; MAX_HEADER_LINE * 2]);
        input.extend(b"\r\n\r\nContent-Length: 2\r\n\r\n{}");
        let got = frames(&input);
        assert!(matches!(got[0], Frame::Garbage(_)), "{got:?}");
        assert_eq!(got.last(), Some(&Frame::Body(b"{}".to_vec())));
    }

    #[test]
    fn a_cut_off_body_ends_the_input() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), vec![]);
    }
}
