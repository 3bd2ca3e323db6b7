//! The report as one self-contained HTML page: the blocks the terminal and
//! Markdown print, every piece of text escaped.

use super::Report;
use super::text::{Block, blocks};
use crate::record::debrief::esc;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}h2{border-bottom:1px solid #ccc;margin-top:2.5rem}h3{margin-bottom:.3rem}ul ul{margin:.2rem 0}";

/// The report as an HTML page.
pub fn html(r: &Report) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>What players tell the author</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    // Lists open and close as bullets come and go: 0 none, 1 a list, 2 a
    // list inside its last item.
    let mut depth = 0;
    for block in blocks(r, true) {
        let want = match block {
            Block::Bullet(_) => 1,
            Block::Sub(_) => 2,
            _ => 0,
        };
        depth = lists(&mut out, depth, want);
        match block {
            Block::Heading(n, t) => out.push_str(&format!("<h{n}>{}</h{n}>\n", esc(&t))),
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", esc(&t))),
            Block::Bullet(t) | Block::Sub(t) => out.push_str(&format!("<li>{}", esc(&t))),
        }
    }
    lists(&mut out, depth, 0);
    out.push_str("</body>\n</html>\n");
    out
}

/// Opens or closes lists to go from `depth` to `want`; returns `want`.
fn lists(out: &mut String, depth: usize, want: usize) -> usize {
    let mut d = depth;
    while d > want {
        out.push_str("</li>\n</ul>\n");
        d -= 1;
    }
    // The item at this level ends before the next one starts.
    if d == want && d > 0 {
        out.push_str("</li>\n");
    }
    while d < want {
        out.push_str("<ul>\n");
        d += 1;
    }
    want
}
