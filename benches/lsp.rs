//! Language server speed on the largest shipped scenario (gitlab-2017-db,
//! with its include): a change through to its diagnostics, the outline,
//! completion (of words and of names), hover (on a name), definition,
//! references and semantic tokens. Goal: every answer under 50 ms.

// A broken benchmark setup should stop loudly.
#![allow(clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use firedrill::lsp::Server;
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::PathBuf;

fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

fn send(server: &mut Server, msg: &Value) -> Vec<Value> {
    let body = serde_json::to_vec(msg).unwrap_or_else(|e| panic!("{e}"));
    server.receive(&body);
    server.flush();
    server.take_output()
}

/// A server that has the scenario open, and the scenario's text and URI.
fn opened() -> (Server, String, String) {
    let dir = scenarios();
    let path = dir.join("gitlab-2017-db.drill");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let uri = format!("file://{}", path.display());
    let mut server = Server::new();
    send(
        &mut server,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": {}, "rootUri": format!("file://{}", dir.display()) } }),
    );
    send(
        &mut server,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    let out = send(
        &mut server,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": uri, "languageId": "drill", "version": 1, "text": text } } }),
    );
    assert!(!out.is_empty(), "no diagnostics published");
    (server, text, uri)
}

/// The first line of the first metric block, and its name's column.
fn metric_line(text: &str) -> u32 {
    let line = text
        .lines()
        .position(|l| l.starts_with("metric "))
        .unwrap_or_else(|| panic!("no metric"));
    u32::try_from(line).unwrap_or(0)
}

fn request(method: &str, params: &Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": 7, "method": method, "params": params })
}

fn bench(c: &mut Criterion) {
    let (mut server, text, uri) = opened();
    let edited = text.replacen("metric ", "metric  ", 1);
    let mut version = 1;
    c.bench_function("lsp didChange to diagnostics, gitlab-2017-db", |b| {
        b.iter(|| {
            version += 1;
            let body = if version % 2 == 0 { &edited } else { &text };
            let out = send(
                &mut server,
                &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": body }] } }),
            );
            black_box(out)
        });
    });
    let line = metric_line(&text);
    let doc = json!({ "textDocument": { "uri": uri } });
    let symbols = request("textDocument/documentSymbol", &doc);
    c.bench_function("lsp documentSymbol, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &symbols)));
    });
    let completion = request(
        "textDocument/completion",
        &json!({ "textDocument": { "uri": uri }, "position": { "line": line + 1, "character": 4 } }),
    );
    c.bench_function("lsp completion, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &completion)));
    });
    let hover = request(
        "textDocument/hover",
        &json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 8 } }),
    );
    c.bench_function("lsp hover, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &hover)));
    });
    let (use_line, use_col) = scene_use(&text);
    let at_use = json!({ "textDocument": { "uri": uri },
        "position": { "line": use_line, "character": use_col } });
    let definition = request("textDocument/definition", &at_use);
    c.bench_function("lsp definition, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &definition)));
    });
    let mut at_use_all = at_use.clone();
    at_use_all["context"] = json!({ "includeDeclaration": true });
    let references = request("textDocument/references", &at_use_all);
    c.bench_function("lsp references, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &references)));
    });
    let names = request(
        "textDocument/completion",
        &json!({ "textDocument": { "uri": uri },
            "position": { "line": use_line, "character": use_col } }),
    );
    c.bench_function("lsp completion of names, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &names)));
    });
    let tokens = request("textDocument/semanticTokens/full", &doc);
    c.bench_function("lsp semanticTokens/full, gitlab-2017-db", |b| {
        b.iter(|| black_box(send(&mut server, &tokens)));
    });
}

/// The line of the first `goto NAME` and the column just after `goto `.
fn scene_use(text: &str) -> (u32, u32) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| {
            let col = l.find("goto ")? + 5;
            Some((u32::try_from(i).ok()?, u32::try_from(col).ok()?))
        })
        .unwrap_or_else(|| panic!("no goto"))
}

criterion_group!(benches, bench);
criterion_main!(benches);
