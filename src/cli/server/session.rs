//! One client's session: the handshake, the message loop, the open documents and
//! when their diagnostics are published. What the server can do and how it answers
//! each request is [`super::requests`]'s: the loop is handed both, so the handlers
//! above it can read the session without the session knowing them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{RegisterCapability, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, InitializeResult, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, Url,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::configs::{ConfigError, Configs, Governed};
use super::diagnostics::{self, Converter};
use super::documents::{OpenDocument, is_markdown};
use super::position::{Encoding, LineMap};
use crate::config::CONFIG_NAMES;
use crate::diagnostic::Diagnostic;

/// How long the client must stop changing a document before it is linted again, so a
/// burst of edits (a paste, a macro, fast typing) is linted once. Short beside the
/// 50 ms a finding may take to appear.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The server's state for one client.
pub(super) struct Session<'c> {
    connection: &'c Connection,
    pub(super) encoding: Encoding,
    documents: HashMap<Url, OpenDocument>,
    configs: Configs,
    /// The config errors shown, by config file: to clear them once fixed, and not to
    /// send one twice.
    shown_config_errors: HashMap<Url, Arc<ConfigError>>,
    /// Documents changed since they were last linted, with when to lint them.
    due: HashMap<Url, Instant>,
}

impl<'c> Session<'c> {
    /// Answers `initialize` with what the server can do (`capabilities`, in the position
    /// encoding negotiated with the client), and asks to be told when a config file
    /// changes.
    pub(super) fn start(
        connection: &'c Connection,
        capabilities: fn(Encoding) -> ServerCapabilities,
    ) -> Result<Self, ProtocolError> {
        let (id, params) = connection.initialize_start()?;
        let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let result = InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "pocketlint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        connection.initialize_finish(id, to_value(result))?;
        let session = Self {
            connection,
            encoding,
            documents: HashMap::new(),
            configs: Configs::new(),
            shown_config_errors: HashMap::new(),
            due: HashMap::new(),
        };
        let watches = params
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        if watches {
            session.watch_configs();
        }
        Ok(session)
    }

    /// Handles messages until the client shuts the server down or hangs up, answering
    /// each request with `respond`; lints a changed document once the client has been
    /// quiet about it for [`DEBOUNCE`].
    pub(super) fn run(
        mut self,
        respond: fn(&mut Self, Request) -> Response,
    ) -> Result<(), ProtocolError> {
        loop {
            let message = match self.due.values().min() {
                Some(&when) => match self
                    .connection
                    .receiver
                    .recv_timeout(when.saturating_duration_since(Instant::now()))
                {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = respond(&mut self, request);
                    self.send(response.into());
                }
                Some(Message::Notification(notification)) => {
                    if notification.method == "exit" {
                        return Ok(());
                    }
                    self.notified(notification);
                }
                // Answers to our requests (the watcher registration) need nothing.
                Some(Message::Response(_)) => {}
                None => {}
            }
            self.publish_due();
        }
    }

    fn notified(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(params) = params::<DidOpenTextDocumentParams>(notification) {
                    let item = params.text_document;
                    if is_markdown(&item.language_id, &item.uri) {
                        let uri = item.uri.clone();
                        let document = OpenDocument::new(item.uri, item.version, item.text);
                        self.documents.insert(uri.clone(), document);
                        self.publish(&uri);
                    }
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(params) = params::<DidChangeTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    if let Some(document) = self.documents.get_mut(&uri) {
                        let version = params.text_document.version;
                        document.edit(version, params.content_changes, self.encoding);
                        self.due.insert(uri, Instant::now() + DEBOUNCE);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(params) = params::<DidSaveTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    if let (Some(text), Some(document)) =
                        (params.text, self.documents.get_mut(&uri))
                    {
                        document.text = text;
                        document.findings = None;
                    }
                    if self.documents.contains_key(&uri) {
                        self.publish(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(params) = params::<DidCloseTextDocumentParams>(notification) {
                    let uri = params.text_document.uri;
                    self.due.remove(&uri);
                    if self.documents.remove(&uri).is_some() {
                        self.send_diagnostics(uri, Vec::new(), None);
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Some(params) = params::<DidChangeWatchedFilesParams>(notification) {
                    let configs_changed = params.changes.iter().any(|change| {
                        let name = change.uri.path().rsplit('/').next().unwrap_or_default();
                        CONFIG_NAMES.contains(&name)
                    });
                    if configs_changed {
                        self.configs.reload();
                        for document in self.documents.values_mut() {
                            document.findings = None;
                        }
                        let open: Vec<Url> = self.documents.keys().cloned().collect();
                        open.iter().for_each(|uri| self.publish(uri));
                    }
                }
            }
            // Everything else ($/cancelRequest, didChangeConfiguration, …) needs nothing.
            _ => {}
        }
    }

    /// Lints the documents whose quiet time is over.
    fn publish_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Url> = self
            .due
            .iter()
            .filter(|(_, when)| **when <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.publish(&uri);
        }
    }

    /// Lints `uri` if needed and sends its diagnostics.
    fn publish(&mut self, uri: &Url) {
        self.due.remove(uri);
        let Some(linted) = self.linted(uri) else {
            return;
        };
        let document = &self.documents[uri];
        let diagnostics = match linted {
            Linted::Findings(findings) => {
                let converter = self.converter(document);
                findings.iter().map(|f| converter.diagnostic(f)).collect()
            }
            Linted::Excluded => Vec::new(),
            Linted::Broken(error) => vec![diagnostics::not_linted(&error, self.encoding)],
        };
        let version = Some(document.version);
        self.send_diagnostics(uri.clone(), diagnostics, version);
        self.publish_config_errors();
    }

    /// Shows each broken config's error on the config file once, and clears the
    /// errors of configs that load again.
    fn publish_config_errors(&mut self) {
        let mut shown = HashMap::new();
        for error in self.configs.errors() {
            let Some((uri, diagnostic)) = diagnostics::on_config(&error, self.encoding) else {
                continue;
            };
            let known = self
                .shown_config_errors
                .get(&uri)
                .is_some_and(|old| Arc::ptr_eq(old, &error));
            if !known {
                self.send_diagnostics(uri.clone(), vec![diagnostic], None);
            }
            shown.insert(uri, error);
        }
        for fixed in self.shown_config_errors.keys() {
            if !shown.contains_key(fixed) {
                self.send_diagnostics(fixed.clone(), Vec::new(), None);
            }
        }
        self.shown_config_errors = shown;
    }

    /// The findings of an open Markdown document in its current text, linted if it
    /// changed since; `None` for a document the server does not track.
    pub(super) fn linted(&mut self, uri: &Url) -> Option<Linted> {
        let document = self.documents.get_mut(uri)?;
        let resolved = match self.configs.governing(document.path.as_deref()) {
            Governed::Lint(resolved) => resolved,
            Governed::Excluded => return Some(Linted::Excluded),
            Governed::Broken(error) => return Some(Linted::Broken(error)),
        };
        if !document.fits() {
            return Some(Linted::Excluded);
        }
        if document.findings.is_none() {
            document.findings = Some(Arc::new(crate::check(document.body(), &resolved.settings)));
        }
        let findings = document.findings.clone()?;
        Some(Linted::Findings(findings))
    }

    /// The settings an open document is linted with; `None` when it is not linted.
    pub(super) fn settings(&mut self, uri: &Url) -> Option<crate::config::Settings> {
        let document = self.documents.get(uri)?;
        match self.configs.governing(document.path.as_deref()) {
            Governed::Lint(resolved) => Some(resolved.settings.clone()),
            Governed::Excluded | Governed::Broken(_) => None,
        }
    }

    pub(super) fn document(&self, uri: &Url) -> Option<&OpenDocument> {
        self.documents.get(uri)
    }

    pub(super) fn converter<'d>(&self, document: &'d OpenDocument) -> Converter<'d> {
        Converter {
            uri: &document.uri,
            text: &document.text,
            offset: document.offset(),
            lines: LineMap::new(&document.text, self.encoding),
        }
    }

    fn send_diagnostics(
        &self,
        uri: Url,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into());
    }

    /// Asks the client to report changes to config files anywhere in the workspace.
    fn watch_configs(&self) {
        let watchers = CONFIG_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "pocketlint-config-files".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: Some(to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })),
        };
        let request = Request::new(
            "pocketlint/watch-configs".to_owned().into(),
            RegisterCapability::METHOD.to_owned(),
            RegistrationParams {
                registrations: vec![registration],
            },
        );
        self.send(request.into());
    }

    /// Sends a message; a client that hung up ends the loop on its next receive.
    fn send(&self, message: Message) {
        let _ = self.connection.sender.send(message);
    }
}

/// What linting an open document gives.
pub(super) enum Linted {
    Findings(Arc<Vec<Diagnostic>>),
    Excluded,
    Broken(Arc<ConfigError>),
}

/// A notification's parameters; a malformed notification is dropped (it has no reply).
fn params<P: DeserializeOwned>(notification: Notification) -> Option<P> {
    serde_json::from_value(notification.params).ok()
}

pub(super) fn to_value(value: impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
