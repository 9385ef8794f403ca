//! A language client for the server tests: the server runs on a thread over an
//! in-memory connection and the test speaks JSON-RPC to it as an editor does.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, ProtocolError, Request, RequestId, Response};
use lsp_types::{Position, PublishDiagnosticsParams, TextEdit, Url};
use serde_json::{Value, json};

/// Long enough for any answer on a loaded machine; a server that sends nothing for
/// this long has hung, and the test fails instead of waiting forever.
const PATIENCE: Duration = Duration::from_secs(60);

pub struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<(), ProtocolError>>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    notifications: VecDeque<Notification>,
    /// The server's requests to the client (each answered with `null`).
    pub server_requests: Vec<Request>,
    /// What the server answered to `initialize`.
    pub initialized: Value,
}

impl Client {
    /// Starts a server and initializes it with `capabilities`.
    pub fn start(capabilities: Value) -> Self {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || pocketlint::cli::server::serve(&server));
        let mut client = Self {
            connection: client,
            server: Some(handle),
            next_id: 0,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            initialized: Value::Null,
        };
        let answer = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.initialized = answer.response_result.expect("initialize succeeds");
        client.notify("initialized", json!({}));
        client
    }

    /// A client offering only UTF-16, as most editors do.
    pub fn utf16() -> Self {
        Self::start(json!({}))
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Notification::new(method.to_owned(), params).into())
            .expect("the server is running");
    }

    /// Sends a request and waits for its answer, keeping notifications for later.
    pub fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Request::new(id.clone(), method.to_owned(), params).into())
            .expect("the server is running");
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                Message::Response(other) => panic!("answer to another request: {other:?}"),
                Message::Notification(notification) => self.notifications.push_back(notification),
                Message::Request(request) => self.answer(request),
            }
        }
    }

    /// The result of a request that must succeed.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params).response_result {
            Ok(result) => result,
            Err(error) => panic!("{method}: {error:?}"),
        }
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }

    fn answer(&mut self, request: Request) {
        let response = Response::new_ok(request.id.clone(), Value::Null);
        self.server_requests.push(request);
        self.connection
            .sender
            .send(response.into())
            .expect("the server is running");
    }

    /// The next diagnostics published for `uri` (other notifications are kept).
    pub fn diagnostics(&mut self, uri: &Url) -> PublishDiagnosticsParams {
        let is_for_uri = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri.as_str()
        };
        loop {
            if let Some(at) = self.notifications.iter().position(is_for_uri) {
                let notification = self.notifications.remove(at).expect("just found");
                return serde_json::from_value(notification.params).expect("diagnostics parse");
            }
            match self.receive() {
                Message::Notification(notification) => self.notifications.push_back(notification),
                Message::Request(request) => self.answer(request),
                Message::Response(response) => panic!("unasked answer: {response:?}"),
            }
        }
    }

    /// Every diagnostics notification received so far (answering a request first makes
    /// sure all the server sent before it has arrived).
    pub fn published_so_far(&mut self) -> Vec<PublishDiagnosticsParams> {
        self.hover(&unopened(), 0, 0);
        self.notifications
            .drain(..)
            .filter(|n| n.method == "textDocument/publishDiagnostics")
            .map(|n| serde_json::from_value(n.params).expect("diagnostics parse"))
            .collect()
    }

    /// Opens a Markdown document and waits for its diagnostics.
    pub fn open(&mut self, uri: &Url, text: &str) -> PublishDiagnosticsParams {
        self.open_as(uri, "markdown", text);
        self.diagnostics(uri)
    }

    /// Opens a document in `language` (nothing is published for one not Markdown).
    pub fn open_as(&self, uri: &Url, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text
            }}),
        );
    }

    /// Sends `method` (`textDocument/didSave`, `didClose`) about document `uri`.
    pub fn notify_document(&self, method: &str, uri: &Url) {
        self.notify(method, json!({ "textDocument": { "uri": uri } }));
    }

    /// The code actions for `range` of `uri`, of the kinds in `only` (`null`: all).
    pub fn code_actions(&mut self, uri: &Url, range: lsp_types::Range, only: Value) -> Vec<Value> {
        let answer = self.call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range,
                "context": { "diagnostics": [], "only": only }
            }),
        );
        answer.as_array().cloned().unwrap_or_default()
    }

    /// What `textDocument/formatting` answers for `uri`: its edits, or `null`.
    pub fn formatting(&mut self, uri: &Url) -> Value {
        self.call(
            "textDocument/formatting",
            json!({
                "textDocument": { "uri": uri },
                "options": { "tabSize": 2, "insertSpaces": true }
            }),
        )
    }

    /// What `textDocument/hover` answers at `line` and `character` of `uri`.
    pub fn hover(&mut self, uri: &Url, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({
                "textDocument": { "uri": uri },
                "position": { "line": line, "character": character }
            }),
        )
    }

    /// Shuts the server down as an editor does and waits for it to end.
    pub fn shutdown(mut self) {
        self.call("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().expect("a running server");
        server
            .join()
            .expect("the server thread does not panic")
            .expect("the server ends cleanly");
    }
}

/// A document URI that is never opened.
pub fn unopened() -> Url {
    Url::parse("untitled:nothing.md").expect("a URI")
}

/// Applies `edits` to `text` as a client does: positions in UTF-16 code units, every
/// edit against the original text.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut spans: Vec<(std::ops::Range<usize>, &str)> = edits
        .iter()
        .map(|e| {
            (
                utf16_offset(text, e.range.start)..utf16_offset(text, e.range.end),
                e.new_text.as_str(),
            )
        })
        .collect();
    spans.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_owned();
    for (range, new_text) in spans {
        out.replace_range(range, new_text);
    }
    out
}

/// The byte offset of a UTF-16 position in `text` (lines split at `\n`), written apart
/// from the server's conversion so the tests check it.
pub fn utf16_offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        line_start += text[line_start..].find('\n').expect("the line exists") + 1;
    }
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= position.character as usize || c == '\n' {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The edits a workspace edit makes to `uri`.
pub fn edits_for(edit: &Value, uri: &Url) -> Vec<TextEdit> {
    serde_json::from_value(edit["changes"][uri.as_str()].clone()).expect("text edits")
}
