//! `firedrill lsp` driven over stdio by a scripted client, as an editor
//! would: the lifecycle, diagnostics as a document is opened and changed,
//! completion, hover, the outline, test lenses, open includes before the
//! disk, include-only files, and input that is not a message at all. Every
//! wait has a timeout, so a hang fails the test instead of blocking CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::needless_pass_by_value
)]

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long any one answer may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(30);

const MAIN: &str = r#"scenario mini
    title "Mini"
    start 2024-01-01 09:00 UTC
    duration 20m

include "lib/part.drill"

metric lag "Lag"
    unit s
    baseline 1

scene desk
    The API is down.
    * Give up #give_up
        end gave_up
    * Fix it #fix
        end fixed

ending gave_up "Gave up"
    outcome worse

test fixes
    choose #fix
    expect ending fixed

test gives_up
    choose #give_up
    expect ending fixed
"#;

const PART: &str = "ending fixed \"Fixed\"\n    outcome resolved\n";

/// A scratch workspace holding `mini.drill` and `lib/part.drill`.
fn workspace(name: &str) -> PathBuf {
    let dir = common::scratch(name);
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(dir.join("mini.drill"), MAIN).unwrap();
    std::fs::write(dir.join("lib/part.drill"), PART).unwrap();
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The server, and what it has sent that nobody has looked at yet.
struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(home: &Path) -> Client {
        let mut child = common::command(home, &["lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            pending: Vec::new(),
            next_id: 1,
        }
    }

    /// A client that initialized with `root` as its workspace.
    fn initialized(home: &Path, root: &Path, utf8: bool) -> (Client, Value) {
        let mut c = Client::start(home);
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let result = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": { "general": { "positionEncodings": encodings } },
                "workspaceFolders": [{ "uri": uri(root), "name": "ws" }],
            }),
        );
        c.notify("initialized", json!({}));
        (c, result)
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        self.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.raw(&body);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its whole response.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// A request's result (failing on an error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The first message (already received or to come) that `pred` takes.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer in time; unanswered: {:?}", self.pending));
            if pred(&msg) {
                return msg;
            }
            self.pending.push(msg);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let msg = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        msg["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "drill", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Shuts down and exits; returns the exit code.
    fn finish(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        let after = self.call("textDocument/hover", json!({}));
        assert_eq!(after["error"]["code"], -32600, "{after}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one framed message from the server.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn at(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn position(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": at(line, character) })
}

#[test]
fn diagnostics_follow_the_buffer_and_link_to_the_catalogue() {
    let home = common::scratch("lsp-diags");
    let dir = workspace("lsp-diags-ws");
    let (mut c, init) = Client::initialized(&home, &dir, true);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let main = uri(&dir.join("mini.drill"));
    let broken = MAIN.replace("end gave_up", "goto nowhere");
    c.open(&main, &broken);
    let ds = c.diagnostics(&main);
    let d = ds
        .iter()
        .find(|d| d["code"] == "FD0107")
        .unwrap_or_else(|| panic!("{ds:?}"));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"]["start"]["line"], 14);
    let href = d["codeDescription"]["href"].as_str().unwrap();
    assert!(
        href.ends_with("diagnostics.md#fd0107-unknown-scene"),
        "{href}"
    );
    assert!(d["message"].as_str().unwrap().contains("nowhere"), "{d}");
    // A burst of changes, the last one fixing it.
    c.change(&main, 2, &broken.replace("goto nowhere", "goto nowhere2"));
    c.change(&main, 3, MAIN);
    let ds = loop {
        let ds = c.diagnostics(&main);
        if ds.is_empty() {
            break ds;
        }
    };
    assert!(ds.is_empty());
    assert_eq!(c.finish(), 0);
}

#[test]
fn completion_hover_symbols_and_lenses() {
    let home = common::scratch("lsp-features");
    let dir = workspace("lsp-features-ws");
    let (mut c, _) = Client::initialized(&home, &dir, false);
    let main = uri(&dir.join("mini.drill"));
    let text = format!("{MAIN}\nmetric depth \"Depth\"\n    unit \n    \n// FD0107\n");
    c.open(&main, &text);
    c.diagnostics(&main);
    let lines = u32::try_from(MAIN.lines().count()).unwrap();

    let units = c.request("textDocument/completion", position(&main, lines + 2, 9));
    let labels: Vec<&str> = units
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"ms") && labels.contains(&"%"),
        "{labels:?}"
    );

    let props = c.request("textDocument/completion", position(&main, lines + 3, 4));
    let labels: Vec<&str> = props
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"baseline"), "{labels:?}");
    assert!(!labels.contains(&"outcome"), "{labels:?}");

    let top = c.request("textDocument/completion", position(&main, lines + 5, 0));
    assert!(
        top.as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "scene")
    );

    let hover = c.request("textDocument/hover", position(&main, lines + 4, 6));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("## FD0107: unknown scene"), "{value}");

    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": main } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "mini", "lag", "desk", "gave_up", "fixes", "gives_up", "depth"
        ]
    );
    let desk = &symbols[2];
    assert_eq!(desk["children"][0]["name"], "give_up");

    // Tests run on the buffer as it is now.
    c.change(&main, 2, MAIN);
    let lenses = c.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": main } }),
    );
    let lenses = lenses.as_array().unwrap();
    assert_eq!(lenses.len(), 2);
    assert_eq!(lenses[0]["command"]["command"], "firedrill.runTest");
    let run = |c: &mut Client, lens: &Value| {
        let cmd = &lens["command"];
        c.request(
            "workspace/executeCommand",
            json!({ "command": cmd["command"], "arguments": cmd["arguments"] }),
        )
    };
    let passed = run(&mut c, &lenses[0]);
    assert!(
        passed.as_str().unwrap().contains("test fixes ... ok"),
        "{passed}"
    );
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 3);
    let failed = run(&mut c, &lenses[1]);
    let failed = failed.as_str().unwrap();
    assert!(failed.contains("test gives_up ... FAILED"), "{failed}");
    assert!(failed.contains("after step 1"), "{failed}");
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);

    // A scenario that does not check runs no test.
    c.change(&main, 3, &MAIN.replace("end gave_up", "goto nowhere"));
    let refused = run(&mut c, &lenses[0]);
    assert!(
        refused
            .as_str()
            .unwrap()
            .contains("the scenario has errors"),
        "{refused}"
    );
    assert_eq!(c.finish(), 0);
}

/// The labels of a completion answer.
fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn names_across_includes() {
    let home = common::scratch("lsp-names");
    let dir = workspace("lsp-names-ws");
    let (mut c, init) = Client::initialized(&home, &dir, false);
    let main = uri(&dir.join("mini.drill"));
    let part = uri(&dir.join("lib/part.drill"));
    c.open(&main, MAIN);
    c.diagnostics(&main);

    // `end fixed` goes to the ending in the include.
    let def = c.request("textDocument/definition", position(&main, 16, 14));
    assert_eq!(def["uri"], part.as_str(), "{def}");
    assert_eq!(def["range"]["start"], at(0, 7));
    assert_eq!(def["range"]["end"], at(0, 12));

    let refs = |c: &mut Client, include: bool| {
        let mut p = position(&main, 16, 14);
        p["context"] = json!({ "includeDeclaration": include });
        c.request("textDocument/references", p)
    };
    let with = refs(&mut c, true);
    let with = with.as_array().unwrap();
    assert_eq!(with.len(), 4, "{with:?}");
    assert_eq!(with[0]["uri"], part.as_str());
    assert!(with[1..].iter().all(|l| l["uri"] == main.as_str()));
    assert_eq!(refs(&mut c, false).as_array().unwrap().len(), 3);

    let hover = c.request("textDocument/hover", position(&main, 7, 8));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("**metric** `lag`"), "{value}");
    assert!(value.contains("Baseline: 1"), "{value}");

    let endings = c.request("textDocument/completion", position(&main, 16, 12));
    let endings = labels(&endings);
    assert!(endings.contains(&"fixed".to_string()), "{endings:?}");
    assert!(endings.contains(&"gave_up".to_string()), "{endings:?}");
    assert!(!endings.contains(&"desk".to_string()), "{endings:?}");

    // Semantic tokens: `desk` (line 11, after `scene `) is a declared name.
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    let types = legend["tokenTypes"].as_array().unwrap();
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": main } }),
    );
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut col) = (0, 0);
    let mut desk = None;
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        if (line, col) == (11, 6) {
            desk = Some((t[2], types[usize::try_from(t[3]).unwrap()].clone(), t[4]));
        }
    }
    let (length, kind, modifiers) = desk.unwrap();
    assert_eq!(length, 4);
    assert_eq!(kind, "method");
    assert_eq!(modifiers & 1, 1);
    assert_eq!(c.finish(), 0);
}

#[test]
fn open_includes_win_over_the_disk_and_are_checked_in_context() {
    let home = common::scratch("lsp-includes");
    let dir = workspace("lsp-includes-ws");
    let (mut c, _) = Client::initialized(&home, &dir, false);
    let main = uri(&dir.join("mini.drill"));
    let part = uri(&dir.join("lib/part.drill"));
    // Alone, the include would lack a header; in its includer, it is clean.
    c.open(&part, PART);
    assert_eq!(c.diagnostics(&part), Vec::<Value>::new());
    assert!(c.diagnostics(&main).is_empty());
    // An unsaved change to the include breaks the main file.
    c.change(&part, 2, &PART.replace("fixed", "repaired"));
    let ds = loop {
        let ds = c.diagnostics(&main);
        if !ds.is_empty() {
            break ds;
        }
    };
    assert!(ds.iter().any(|d| d["code"] == "FD0108"), "{ds:?}");
    assert!(std::fs::read_to_string(dir.join("lib/part.drill")).unwrap() == PART);
    assert_eq!(c.finish(), 0);
}

#[test]
fn bad_requests_get_errors_and_the_server_goes_on() {
    let home = common::scratch("lsp-bad-requests");
    let dir = workspace("lsp-bad-requests-ws");
    let mut c = Client::start(&home);
    let early = c.call("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let (mut c, _) = {
        drop(c);
        Client::initialized(&home, &dir, false)
    };
    let unknown = c.call("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = c.call("textDocument/hover", json!({ "nonsense": 1 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let nobody = c.request(
        "textDocument/hover",
        position(&uri(&dir.join("missing.drill")), 0, 0),
    );
    assert!(nobody.is_null());
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "untitled:Untitled-1" } }),
    );
    assert_eq!(symbols, json!([]));
    // Half typed, binary, huge and escape-ridden documents.
    let odd = uri(&dir.join("odd.drill"));
    c.open(&odd, "scenario x\n    title \"half");
    assert!(!c.diagnostics(&odd).is_empty());
    c.change(&odd, 2, "\0\0\0\x1b[2J\x1b]0;title\x07\u{feff}😀\r\n\t\t");
    c.diagnostics(&odd);
    let huge = "scenario big\n".to_string() + &"// padding line\n".repeat(5 * 1024 * 1024 / 16);
    c.change(&odd, 3, &huge);
    let ds = c.diagnostics(&odd);
    assert!(ds.iter().any(|d| d["code"] == "FD0002"), "{ds:?}");
    let far = c.request("textDocument/completion", position(&odd, 999_999, 999_999));
    assert!(far.is_array());
    assert_eq!(c.finish(), 0);
}

#[test]
fn malformed_messages_are_answered_and_skipped() {
    let home = common::scratch("lsp-malformed");
    let dir = workspace("lsp-malformed-ws");
    let (mut c, _) = Client::initialized(&home, &dir, false);
    c.raw(b"\x00\xff garbage bytes\r\n\r\n");
    let e = c.wait(|m| m["error"]["code"] == -32700);
    assert!(e["id"].is_null());
    c.raw(b"Content-Length: 7\r\n\r\n{bad js");
    c.wait(|m| m["error"]["code"] == -32700);
    c.raw(b"Content-Length: twelve\r\n\r\n");
    c.wait(|m| m["error"]["code"] == -32700);
    c.raw(b"Content-Length: 10\r\n\r\n[1, 2, 3 ]");
    c.wait(|m| m["error"]["code"] == -32600);
    // A valid request is still answered.
    let main = uri(&dir.join("mini.drill"));
    c.open(&main, MAIN);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": main } }),
    );
    assert!(!symbols.as_array().unwrap().is_empty());
    assert_eq!(c.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let home = common::scratch("lsp-exit");
    let dir = workspace("lsp-exit-ws");
    let (mut c, _) = Client::initialized(&home, &dir, false);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), 1);
}

#[test]
fn a_did_you_mean_is_a_quick_fix() {
    let home = common::scratch("lsp-fix");
    let dir = workspace("lsp-fix-ws");
    let (mut c, init) = Client::initialized(&home, &dir, true);
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    let main = uri(&dir.join("mini.drill"));
    c.open(&main, &MAIN.replace("end gave_up", "end gave_uq"));
    let ds = c.diagnostics(&main);
    let d = ds
        .iter()
        .find(|d| d["code"] == "FD0108")
        .unwrap_or_else(|| panic!("{ds:?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": main }, "range": d["range"],
                "context": { "diagnostics": [d] } }),
    );
    let a = &actions[0];
    assert_eq!(a["title"], "Replace `gave_uq` with `gave_up`", "{actions}");
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(a["diagnostics"][0]["code"], "FD0108");
    let edit = &a["edit"]["changes"][&main][0];
    assert_eq!(
        (&edit["newText"], &edit["range"]),
        (&json!("gave_up"), &d["range"])
    );
    // Nowhere near a fixable diagnostic: nothing to offer.
    let none = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": main }, "range": { "start": at(0, 0), "end": at(0, 3) },
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(none, json!([]));
    assert_eq!(c.finish(), 0);
}

#[test]
fn files_changed_on_disk_are_checked_again() {
    let home = common::scratch("lsp-watch");
    let dir = workspace("lsp-watch-ws");
    let mut c = Client::start(&home);
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&dir),
                "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } } }),
    );
    c.notify("initialized", json!({}));
    // The server asks to hear of .drill files; the client agrees.
    let ask = c.wait(|m| m["method"] == "client/registerCapability");
    let watched = ask["params"]["registrations"][0].clone();
    assert_eq!(watched["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        watched["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.drill"
    );
    c.send(&json!({ "jsonrpc": "2.0", "id": ask["id"], "result": null }));
    let main = uri(&dir.join("mini.drill"));
    let part_path = dir.join("lib/part.drill");
    let part = uri(&part_path);
    c.open(&main, MAIN);
    assert!(c.diagnostics(&main).is_empty());
    let report = |c: &mut Client, typ: u8| {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": part, "type": typ }] }),
        );
        c.diagnostics(&main)
    };
    // Changed on disk (type 2): the ending it declared is gone.
    std::fs::write(&part_path, PART.replace("fixed", "repaired")).unwrap();
    let ds = report(&mut c, 2);
    assert!(ds.iter().any(|d| d["code"] == "FD0108"), "{ds:?}");
    // Deleted (3): the include cannot be read.
    std::fs::remove_file(&part_path).unwrap();
    let ds = report(&mut c, 3);
    assert!(
        ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("part.drill")),
        "{ds:?}"
    );
    // Created again (1): clean.
    std::fs::write(&part_path, PART).unwrap();
    assert_eq!(report(&mut c, 1), Vec::<Value>::new());
    assert_eq!(c.finish(), 0);
}
