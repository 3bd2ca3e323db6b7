//! The server's state and what it does with each message: the lifecycle
//! (initialize, shutdown, exit), the open documents, the checks, and the
//! answers to requests. Transport-free, so tests and benchmarks drive it
//! directly; `lsp::run` wires it to stdio.

use super::completion;
use super::diagnostics::{self, Links};
use super::documents::Documents;
use super::fixes;
use super::hover;
use super::lens::{self, RUN_TEST};
use super::names;
use super::position::{Encoding, LineIndex};
use super::symbols;
use super::uri;
use super::watch;
use super::workspace::{Analysis, Workspace};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeWatchedFilesParams, GotoDefinitionParams,
    GotoDefinitionResponse, Location, ReferenceParams, SemanticTokens, SemanticTokensFullOptions,
    SemanticTokensOptions, SemanticTokensParams, SemanticTokensResult,
    SemanticTokensServerCapabilities, TextDocumentPositionParams,
};
use lsp_types::{
    CodeLensOptions, CodeLensParams, CompletionOptions, CompletionParams, CompletionResponse,
    Diagnostic, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandOptions,
    ExecuteCommandParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MarkupContent, MarkupKind, MessageType, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

/// Where the server is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Waiting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

/// Where a request points: the document's text, the byte offset, and the
/// check that speaks for the document (with the document's id in it).
struct Located<'a> {
    text: String,
    offset: usize,
    found: Option<(&'a Analysis, crate::lang::FileId)>,
}

/// A request's answer: a result or an error.
type Answer = Result<Value, ResponseError>;

/// The language server.
#[derive(Debug)]
pub struct Server {
    phase: Phase,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    docs: Documents,
    ws: Workspace,
    links: Links,
    /// Files changed since the last check.
    dirty: BTreeSet<PathBuf>,
    /// What was last published for each file.
    published: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Messages to send, in order.
    out: Vec<Value>,
    /// Whether the client lets the server ask to hear of `.drill` files
    /// changed on disk (by `git checkout`, another editor, a generator).
    watch_files: bool,
    exit: Option<u8>,
}

impl Default for Server {
    fn default() -> Self {
        Server::new()
    }
}

impl Server {
    pub fn new() -> Self {
        Server {
            phase: Phase::Waiting,
            encoding: Encoding::Utf16,
            roots: Vec::new(),
            docs: Documents::default(),
            ws: Workspace::default(),
            links: Links::find(),
            dirty: BTreeSet::new(),
            published: BTreeMap::new(),
            out: Vec::new(),
            watch_files: false,
            exit: None,
        }
    }

    /// The process's exit code, once `exit` was received.
    pub fn exit_code(&self) -> Option<u8> {
        self.exit
    }

    /// Whether `shutdown` was received.
    pub fn shut_down(&self) -> bool {
        self.phase == Phase::ShutDown
    }

    /// The messages to send since the last call.
    pub fn take_output(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.out)
    }

    /// Handles one message body as read from the wire.
    pub fn receive(&mut self, body: &[u8]) {
        let value: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                return self.reply_error(
                    &Value::Null,
                    ErrorCode::ParseError,
                    &format!("not JSON: {e}"),
                );
            }
        };
        let id = match value.get("id") {
            Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
            _ => Value::Null,
        };
        match serde_json::from_value::<Message>(value) {
            Ok(msg) => self.handle(msg),
            Err(e) => self.reply_error(
                &id,
                ErrorCode::InvalidRequest,
                &format!("not a JSON-RPC message: {e}"),
            ),
        }
    }

    /// Answers bytes that were not a frame at all.
    pub fn garbage(&mut self, why: &str) {
        self.reply_error(&Value::Null, ErrorCode::ParseError, why);
    }

    fn reply_error(&mut self, id: &Value, code: ErrorCode, message: &str) {
        self.out.push(serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": message },
        }));
    }

    fn send(&mut self, msg: Message) {
        if let Ok(mut v) = serde_json::to_value(msg) {
            if let Some(o) = v.as_object_mut() {
                o.insert("jsonrpc".into(), "2.0".into());
            }
            self.out.push(v);
        }
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.into(),
            params,
        )));
    }

    /// Handles one message. A panic in the checker or here answers the
    /// request with an internal error instead of ending the server.
    pub fn handle(&mut self, msg: Message) {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let answer = std::panic::catch_unwind(AssertUnwindSafe(|| self.request(req)))
                    .unwrap_or_else(|_| {
                        Err(error(
                            ErrorCode::InternalError,
                            "the server failed on this request",
                        ))
                    });
                self.respond(id, answer);
            }
            Message::Notification(n) => {
                let _ = std::panic::catch_unwind(AssertUnwindSafe(|| self.notification(n)));
            }
            // The only request the server sends is the file watch, and
            // a client that refuses it just goes on without.
            Message::Response(_) => {}
        }
    }

    fn respond(&mut self, id: RequestId, answer: Answer) {
        let response = match answer {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response {
                id,
                response_result: Err(e),
            },
        };
        self.send(Message::Response(response));
    }

    fn request(&mut self, req: Request) -> Answer {
        match (self.phase, req.method.as_str()) {
            (Phase::ShutDown, _) => {
                Err(error(ErrorCode::InvalidRequest, "the server is shut down"))
            }
            (Phase::Waiting, "initialize") => self.initialize(params(req.params)?),
            (Phase::Waiting, _) => Err(error(ErrorCode::ServerNotInitialized, "initialize first")),
            (Phase::Running, "initialize") => {
                Err(error(ErrorCode::InvalidRequest, "already initialized"))
            }
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, method) => {
                self.flush();
                self.answer(method, req.params)
            }
        }
    }

    /// Answers a request of the running server.
    fn answer(&mut self, method: &str, p: Value) -> Answer {
        match method {
            "textDocument/hover" => to_value(self.hover(&params(p)?)),
            "textDocument/completion" => to_value(self.completion(&params(p)?)),
            "textDocument/documentSymbol" => to_value(self.symbols(&params(p)?)),
            "textDocument/codeLens" => to_value(self.lenses(&params(p)?)),
            "textDocument/definition" => to_value(self.definition(&params(p)?)),
            "textDocument/references" => to_value(self.references(&params(p)?)),
            "textDocument/semanticTokens/full" => to_value(self.semantic_tokens(&params(p)?)),
            "textDocument/codeAction" => to_value(self.code_actions(&params(fixes::lenient(p))?)),
            "workspace/executeCommand" => self.execute(&params(p)?),
            _ => Err(error(
                ErrorCode::MethodNotFound,
                &format!("`{method}` is not served"),
            )),
        }
    }

    fn initialize(&mut self, p: InitializeParams) -> Answer {
        let offered = p
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .unwrap_or_default();
        self.encoding = if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let mut roots: Vec<PathBuf> = p
            .workspace_folders
            .unwrap_or_default()
            .iter()
            .map(|f| uri::to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = p.root_uri
        {
            roots.push(uri::to_path(&root));
        }
        roots.retain(|r| uri::is_file(r));
        self.roots = roots;
        self.watch_files = p
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.phase = Phase::Running;
        to_value(InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "firedrill".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    /// What the server serves, and nothing more.
    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: names::legend(),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    ..Default::default()
                }),
            ),
            completion_provider: Some(CompletionOptions::default()),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![RUN_TEST.into()],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn notification(&mut self, n: Notification) {
        if n.method == "exit" {
            self.exit = Some(u8::from(self.phase != Phase::ShutDown));
            return;
        }
        if self.phase != Phase::Running {
            return;
        }
        match n.method.as_str() {
            "initialized" => {
                let roots = self.roots.clone();
                self.ws.scan(&roots, &self.docs);
                if self.watch_files {
                    self.send(Message::Request(watch::registration()));
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = params::<DidChangeWatchedFilesParams>(n.params) {
                    let (paths, came_or_went) = watch::changed(&p, &self.docs);
                    self.dirty.extend(paths);
                    // A file that appears or goes may mend or break an
                    // include that no check has read yet.
                    if came_or_went {
                        self.dirty.extend(self.ws.involving(&self.docs));
                    }
                }
            }
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = params::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let path = self.docs.open(d.uri, d.version, d.text);
                    self.dirty.insert(path);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = params::<DidChangeTextDocumentParams>(n.params)
                    && let Some(last) = p.content_changes.into_iter().last()
                {
                    let d = p.text_document;
                    if let Some(path) = self.docs.change(&d.uri, d.version, last.text) {
                        self.dirty.insert(path);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = params::<DidCloseTextDocumentParams>(n.params) {
                    let path = self.docs.close(&p.text_document.uri);
                    self.dirty.insert(path);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = params::<DidSaveTextDocumentParams>(n.params) {
                    self.dirty.insert(uri::to_path(&p.text_document.uri));
                }
            }
            _ => {}
        }
    }

    /// Checks what changed since the last call (once, however many changes
    /// came in) and publishes the diagnostics that differ.
    pub fn flush(&mut self) {
        if self.dirty.is_empty() {
            return;
        }
        let dirty = std::mem::take(&mut self.dirty);
        let mut mains = BTreeSet::new();
        for path in &dirty {
            mains.extend(self.ws.mains_for(path));
        }
        for main in &mains {
            self.ws.check(main, &self.docs);
        }
        self.ws.prune(&self.docs);
        self.publish();
    }

    /// Publishes, for every file of a check that involves an open
    /// document, its diagnostics from every such check; and clears those
    /// of files no such check reads any more.
    fn publish(&mut self) {
        let mut want: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for a in self.ws.results.values() {
            if !a.paths.iter().any(|p| self.docs.is_open(p)) {
                continue;
            }
            for (path, ds) in diagnostics::by_file(a, &self.docs, self.encoding, &self.links) {
                let entry = want.entry(path).or_default();
                for d in ds {
                    if !entry.contains(&d) {
                        entry.push(d);
                    }
                }
            }
        }
        for path in self.published.keys() {
            want.entry(path.clone()).or_default();
        }
        for (path, ds) in want {
            if self.published.get(&path) == Some(&ds) {
                continue;
            }
            if let Some(uri) = self.docs.uri_of(&path) {
                let version = self.docs.get(&path).map(|d| d.version);
                self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                    uri,
                    diagnostics: ds.clone(),
                    version,
                });
            }
            self.published.insert(path, ds);
        }
    }

    /// The text of a document the editor asks about: its buffer, else
    /// the file on disk.
    fn text(&self, uri: &Uri) -> Option<(PathBuf, String)> {
        let path = uri::to_path(uri);
        let text = self.docs.text(&path)?;
        Some((path, text))
    }

    /// The document `pos` is in, the byte offset it points at, and the
    /// check that speaks for the document.
    fn locate(&self, pos: &TextDocumentPositionParams) -> Option<Located<'_>> {
        let (path, text) = self.text(&pos.text_document.uri)?;
        let offset = LineIndex::new(&text, self.encoding).offset(pos.position);
        let found = self.ws.analysis_for(&path);
        Some(Located {
            text,
            offset,
            found,
        })
    }

    /// A name's function and its notes, then the catalogue entry of each
    /// code written or reported there.
    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = self.locate(&p.text_document_position_params)?;
        let name = at.found.and_then(|(a, id)| names::hover(a, id, at.offset));
        let codes = hover::codes_at(&at.text, at.offset, at.found);
        let parts: Vec<String> = name
            .into_iter()
            .chain(codes.into_iter().map(crate::lang::catalogue::explain))
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// Declared names where a name is expected, else the language's words.
    fn completion(&self, p: &CompletionParams) -> Option<CompletionResponse> {
        let pos = &p.text_document_position;
        let at = self.locate(pos)?;
        let ix = LineIndex::new(&at.text, self.encoding);
        let before = ix.before(pos.position);
        let named = at
            .found
            .and_then(|(a, id)| names::completion(a, id, at.offset, before));
        let items = named
            .unwrap_or_else(|| completion::words(&at.text, pos.position.line as usize, before));
        Some(CompletionResponse::Array(items))
    }

    fn definition(&self, p: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let at = self.locate(&p.text_document_position_params)?;
        let (a, id) = at.found?;
        let span = names::definition(a, id, at.offset)?;
        let location = self.locations(a, &[span]).into_iter().next()?;
        Some(GotoDefinitionResponse::Scalar(location))
    }

    fn references(&self, p: &ReferenceParams) -> Vec<Location> {
        let Some(at) = self.locate(&p.text_document_position) else {
            return Vec::new();
        };
        let Some((a, id)) = at.found else {
            return Vec::new();
        };
        let spans = names::references(a, id, at.offset, p.context.include_declaration);
        self.locations(a, &spans)
    }

    /// The editor's locations of spans of a check, each file indexed once.
    fn locations(&self, a: &Analysis, spans: &[crate::lang::Span]) -> Vec<Location> {
        let mut indexes: BTreeMap<crate::lang::FileId, LineIndex<'_>> = BTreeMap::new();
        let mut out = Vec::new();
        for span in spans {
            let (Some(path), Some(file)) = (a.path(span.file), a.checked.sources.get(span.file))
            else {
                continue;
            };
            let Some(uri) = self.docs.uri_of(path) else {
                continue;
            };
            let ix = indexes
                .entry(span.file)
                .or_insert_with(|| LineIndex::new(&file.text, self.encoding));
            out.push(Location::new(
                uri,
                ix.range(span.start as usize, span.end as usize),
            ));
        }
        out
    }

    /// `f` on the check that speaks for the document `uri`, with the
    /// document's id in it and the line index of its text as checked.
    fn in_file<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&Analysis, crate::lang::FileId, &LineIndex<'_>) -> T,
    ) -> Option<T> {
        let (a, id) = self.ws.analysis_for(&uri::to_path(uri))?;
        let text = &a.checked.sources.get(id)?.text;
        Some(f(a, id, &LineIndex::new(text, self.encoding)))
    }

    fn semantic_tokens(&self, p: &SemanticTokensParams) -> SemanticTokensResult {
        let data = self
            .in_file(&p.text_document.uri, names::tokens)
            .unwrap_or_default();
        SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })
    }

    /// The checker's "did you mean" fixes for the diagnostics in range.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        self.in_file(&p.text_document.uri, |a, id, ix| {
            let range = (ix.offset(p.range.start), ix.offset(p.range.end));
            let place = |span| self.locations(a, &[span]).into_iter().next();
            fixes::actions(a, id, range, place, &p.context.diagnostics)
        })
        .unwrap_or_default()
    }

    fn symbols(&self, p: &DocumentSymbolParams) -> DocumentSymbolResponse {
        let found = self.in_file(&p.text_document.uri, |a, id, ix| {
            symbols::outline(&a.checked.items, id, ix)
        });
        DocumentSymbolResponse::Nested(found.unwrap_or_default())
    }

    fn lenses(&self, p: &CodeLensParams) -> Vec<lsp_types::CodeLens> {
        let uri = &p.text_document.uri;
        self.in_file(uri, |a, id, ix| lens::lenses(a, id, ix, uri))
            .unwrap_or_default()
    }

    /// Runs a playthrough test: answers with what `firedrill test` prints
    /// for it, and shows the verdict.
    fn execute(&mut self, p: &ExecuteCommandParams) -> Answer {
        let bad = |why: &str| error(ErrorCode::InvalidParams, why);
        if p.command != RUN_TEST {
            return Err(bad("unknown command"));
        }
        let (Some(Value::String(doc)), Some(Value::String(name))) =
            (p.arguments.first(), p.arguments.get(1))
        else {
            return Err(bad("expected the document's URI and the test's name"));
        };
        let uri: Uri = doc.parse().map_err(|_| bad("not a URI"))?;
        let path = uri::to_path(&uri);
        let Some((analysis, _)) = self.ws.analysis_for(&path) else {
            return Err(bad("that document is not open"));
        };
        let outcome = lens::run(analysis, name);
        let typ = if outcome.passed {
            MessageType::INFO
        } else {
            MessageType::ERROR
        };
        self.notify::<ShowMessage>(ShowMessageParams {
            typ,
            message: outcome.text.clone(),
        });
        Ok(Value::String(outcome.text))
    }
}

fn error(code: ErrorCode, message: &str) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

/// A request's or notification's parameters, or `InvalidParams`.
fn params<P: DeserializeOwned>(v: Value) -> Result<P, ResponseError> {
    serde_json::from_value(v)
        .map_err(|e| error(ErrorCode::InvalidParams, &format!("bad params: {e}")))
}

fn to_value(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|_| error(ErrorCode::InternalError, "cannot encode the answer"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn send(s: &mut Server, msg: &Value) {
        s.receive(&serde_json::to_vec(msg).unwrap());
    }

    fn initialized() -> Server {
        let mut s = Server::new();
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
        );
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
        );
        s.take_output();
        s
    }

    fn change(s: &mut Server, version: i32, text: &str) {
        send(
            s,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": "untitled:a", "version": version },
                "contentChanges": [{ "text": text }] } }),
        );
    }

    #[test]
    fn a_burst_of_changes_is_checked_once() {
        let mut s = initialized();
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
                "uri": "untitled:a", "languageId": "drill", "version": 1, "text": "scen" } } }),
        );
        for v in 2..10 {
            change(&mut s, v, &"x".repeat(usize::try_from(v).unwrap()));
        }
        assert!(s.take_output().is_empty());
        s.flush();
        let out = s.take_output();
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0]["params"]["version"], 9);
        s.flush();
        assert!(s.take_output().is_empty());
    }

    #[test]
    fn the_lifecycle_is_kept() {
        let mut s = Server::new();
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" }),
        );
        assert_eq!(s.take_output()[0]["error"]["code"], -32002);
        let mut s = initialized();
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "id": 2, "method": "initialize", "params": { "capabilities": {} } }),
        );
        assert_eq!(s.take_output()[0]["error"]["code"], -32600);
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }),
        );
        assert_eq!(s.take_output()[0]["result"], Value::Null);
        assert_eq!(s.exit_code(), None);
        send(&mut s, &json!({ "jsonrpc": "2.0", "method": "exit" }));
        assert_eq!(s.exit_code(), Some(0));
    }

    #[test]
    fn a_test_command_needs_its_arguments() {
        let mut s = initialized();
        send(
            &mut s,
            &json!({ "jsonrpc": "2.0", "id": 4, "method": "workspace/executeCommand",
                "params": { "command": RUN_TEST, "arguments": [1] } }),
        );
        assert_eq!(s.take_output()[0]["error"]["code"], -32602);
    }
}
