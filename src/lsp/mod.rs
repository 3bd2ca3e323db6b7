//! `firedrill lsp`: a Language Server Protocol server over stdio, so an
//! author's editor shows the checker's diagnostics as they type, with
//! go to definition and references, completion, hover, the outline,
//! semantic tokens and a lens that runs playthrough tests.
//! A front end beside `tui` and `plain`: it uses the library API (check,
//! syntax tree, playtests) and nothing in the core imports it.
//!
//! - `frame`: the wire (bounded `Content-Length` frames);
//! - `server`: the state and the answer to each message;
//! - `position`, `uri`: conversions between the editor's terms and ours;
//! - `documents`, `workspace`, `watch`: open buffers, which scenario reads which
//!   file, and files changed on disk behind the editor's back;
//! - `diagnostics`, `fixes`, `completion`, `hover`, `names`, `symbols`, `lens`: the answers.

mod completion;
mod diagnostics;
mod documents;
mod fixes;
pub mod frame;
mod hover;
mod lens;
mod names;
pub mod position;
mod server;
mod symbols;
mod uri;
mod watch;
mod workspace;

pub use server::Server;

use frame::Frame;
use std::io::{IsTerminal, Write};
use std::sync::mpsc;

/// Serves on stdin and stdout until `exit` (0 after `shutdown`, 1
/// otherwise) or the end of the input (1 unless shut down).
pub fn run() -> u8 {
    // Someone who typed `firedrill lsp` at a prompt would otherwise see
    // nothing at all; an editor never gives the server a terminal.
    if std::io::stdin().is_terminal() {
        let _ = writeln!(
            std::io::stderr(),
            "firedrill lsp speaks the Language Server Protocol on stdin and stdout: \
             start it from your editor (docs/editors.md shows how). Ctrl-C stops it."
        );
    }
    let (tx, rx) = mpsc::channel::<Frame>();
    // Reading runs ahead on its own thread, so that a burst of changes is
    // waiting as a batch when a check ends, and is checked once.
    let reader = std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            let mut input = std::io::stdin().lock();
            loop {
                let f = frame::read(&mut input);
                let end = f == Frame::End;
                if tx.send(f).is_err() || end {
                    return;
                }
            }
        });
    if reader.is_err() {
        return 1;
    }
    let mut server = Server::new();
    let mut out = std::io::stdout().lock();
    loop {
        let Ok(first) = rx.recv() else {
            return u8::from(!server.shut_down());
        };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for f in batch {
            match f {
                Frame::Body(body) => server.receive(&body),
                Frame::Garbage(why) => server.garbage(&why),
                Frame::End => {
                    let _ = write_all(&mut out, server.take_output());
                    return u8::from(!server.shut_down());
                }
            }
            if let Some(code) = server.exit_code() {
                let _ = write_all(&mut out, server.take_output());
                return code;
            }
        }
        server.flush();
        if write_all(&mut out, server.take_output()).is_err() {
            return 1;
        }
    }
}

fn write_all(out: &mut impl Write, messages: Vec<serde_json::Value>) -> std::io::Result<()> {
    for m in messages {
        let body = serde_json::to_vec(&m).map_err(std::io::Error::other)?;
        frame::write(out, &body)?;
    }
    Ok(())
}
