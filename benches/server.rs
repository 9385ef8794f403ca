//! `cargo bench --bench server`: how long after a change the editor gets diagnostics.
//!
//! A server runs over an in-memory connection with `../shared/corpus/pocket-v3.3.md`
//! open (a synthetic list of the same size when the corpus is absent); each sample
//! types one character into it and waits for the diagnostics of that version — the
//! debounce ([`pocketlint::cli::server::DEBOUNCE`]) and a full re-lint included, as an
//! editor sees it.

use std::path::Path;
use std::thread::JoinHandle;

use lsp_server::{Connection, Message, Notification, ProtocolError, Request, RequestId};
use serde_json::{Value, json};

fn main() {
    divan::main();
}

/// A server with one document open, and the client's end of the connection.
struct Session {
    client: Connection,
    server: Option<JoinHandle<Result<(), ProtocolError>>>,
    version: i32,
}

const URI: &str = "untitled:pocket-v3.3.md";

impl Session {
    fn open(text: &str) -> Self {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || pocketlint::cli::server::serve(&server));
        let session = Self {
            client,
            server: Some(handle),
            version: 1,
        };
        session.send(Request::new(
            RequestId::from(1),
            "initialize".to_owned(),
            json!({ "capabilities": {} }),
        ));
        session.receive(|m| matches!(m, Message::Response(_)));
        session.notify("initialized", json!({}));
        session.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": URI, "languageId": "markdown", "version": 1, "text": text
            }}),
        );
        session.diagnostics();
        session
    }

    fn send(&self, message: impl Into<Message>) {
        self.client
            .sender
            .send(message.into())
            .expect("server runs");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params));
    }

    fn receive(&self, wanted: impl Fn(&Message) -> bool) -> Message {
        loop {
            let message = self.client.receiver.recv().expect("server answers");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for the diagnostics of the current version; returns how many.
    fn diagnostics(&self) -> usize {
        let version = self.version;
        let message = self.receive(|m| {
            matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["version"] == version)
        });
        match message {
            Message::Notification(n) => n.params["diagnostics"].as_array().map_or(0, Vec::len),
            _ => unreachable!("only diagnostics are wanted"),
        }
    }

    /// Types one character at the start of line 3 (alternately inserting and deleting
    /// it, so the text stays the same size), then waits for the new diagnostics.
    fn type_and_wait(&mut self) -> usize {
        self.version += 1;
        let (end, text) = if self.version % 2 == 0 {
            (0, "x")
        } else {
            (1, "")
        };
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": self.version },
                "contentChanges": [{ "range": {
                    "start": { "line": 2, "character": 0 },
                    "end": { "line": 2, "character": end }
                }, "text": text }]
            }),
        );
        self.diagnostics()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.send(Request::new(
            RequestId::from(2),
            "shutdown".to_owned(),
            Value::Null,
        ));
        self.receive(|m| matches!(m, Message::Response(_)));
        self.notify("exit", Value::Null);
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

fn pocket() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pocket-v3.3.md");
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        eprintln!("../shared/corpus is absent: timing a synthetic list of the same size");
        let entry = "- [项目 😀](https://example.com/p) - 说明文字。\n";
        format!("# List\n\n## A\n\n{}", entry.repeat(253_000 / entry.len()))
    })
}

/// From a keystroke to its diagnostics, on pocket-v3.3.md.
#[divan::bench(sample_count = 40)]
fn change_to_diagnostics(bencher: divan::Bencher) {
    let mut session = Session::open(&pocket());
    bencher.bench_local(|| session.type_and_wait());
}

/// The re-lint alone, for comparison: what the change costs beyond the debounce.
#[divan::bench(sample_count = 40)]
fn relint_alone(bencher: divan::Bencher) {
    let text = pocket();
    let settings = pocketlint::config::Settings::default();
    bencher.bench_local(|| pocketlint::check(divan::black_box(&text), &settings).len());
}
