//! What the server can do, and how it answers each request the client sends.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{CodeActionRequest, Formatting, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    OneOf, SaveOptions, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::actions::{self, FIX_ALL};
use super::hover;
use super::position::Encoding;
use super::session::{Session, to_value};

/// The capabilities announced in the `initialize` answer.
pub(super) fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
            ..Default::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

/// The answer to one request: its handler's result, or an error for a method the
/// server does not handle or parameters that do not parse.
pub(super) fn respond(session: &mut Session, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        CodeActionRequest::METHOD => {
            handle(request, |params| actions::code_actions(session, params))
        }
        Formatting::METHOD => handle(request, |params| actions::formatting(session, params)),
        HoverRequest::METHOD => handle(request, |params| hover::hover(session, params)),
        method => Err((
            ErrorCode::MethodNotFound,
            format!("pocketlint does not handle {method}"),
        )),
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

/// Runs a request's handler on its parameters, refusing parameters that do not parse.
fn handle<P: DeserializeOwned, R: Serialize>(
    request: Request,
    handler: impl FnOnce(P) -> Result<R, String>,
) -> Result<serde_json::Value, (ErrorCode, String)> {
    let params: P = serde_json::from_value(request.params).map_err(|err| {
        (
            ErrorCode::InvalidParams,
            format!("{}: {err}", request.method),
        )
    })?;
    handler(params)
        .map(to_value)
        .map_err(|message| (ErrorCode::RequestFailed, message))
}
