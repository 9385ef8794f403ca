//! Code actions and formatting.
//!
//! - each finding's fix as a quick fix: a safe one preferred, an unsafe one titled so;
//! - `source.fixAll.pocketlint`: every safe fix, as `check --fix` applies them;
//! - "disable RULE for this line": a `pocketlint-disable-next-line` comment above;
//! - formatting: the formatting rules' safe fixes, as `pocketlint fmt` applies them.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentFormattingParams,
    TextEdit, Url, WorkspaceEdit,
};

use super::edits;
use super::session::{Linted, Session};
use crate::cli::format_rules;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, Applicability};
use crate::linter;

/// The kind of the action that applies every safe fix.
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.pocketlint");

pub(super) fn code_actions(
    session: &mut Session,
    params: CodeActionParams,
) -> Result<Option<Vec<CodeActionOrCommand>>, String> {
    let uri = params.text_document.uri;
    let Some(Linted::Findings(findings)) = session.linted(&uri) else {
        return Ok(None);
    };
    let only = params.context.only;
    let wanted = |kind: &CodeActionKind| {
        only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(o.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let Some(document) = session.document(&uri) else {
        return Ok(None);
    };
    let converter = session.converter(document);
    let requested = converter.lines.span(&document.text, params.range);
    let offset = document.offset();
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        let mut disabled = Vec::new();
        for finding in findings.iter().filter(|f| {
            f.span.start + offset <= requested.end && requested.start <= f.span.end + offset
        }) {
            let diagnostic = converter.diagnostic(finding);
            if let Some(action) = quick_fix(document.body(), offset, finding, &uri, &converter) {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    diagnostics: Some(vec![diagnostic.clone()]),
                    ..action
                }));
            }
            let line = diagnostic.range.start.line;
            if !disabled.contains(&(finding.rule, line)) {
                disabled.push((finding.rule, line));
                let action = disable_for_line(finding.rule, diagnostic, &converter);
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
    }
    let fixable = findings.iter().any(|f| {
        f.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if fixable && wanted(&FIX_ALL) {
        let (Some(settings), Some(document)) = (session.settings(&uri), session.document(&uri))
        else {
            return Ok(Some(actions));
        };
        let edits = fixed_edits(session, document, &settings)?;
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safely fixable pocketlint findings".to_owned(),
            kind: Some(FIX_ALL),
            edit: Some(workspace_edit(&uri, edits)),
            ..Default::default()
        }));
    }
    Ok(Some(actions))
}

/// The finding's own fix, when it has one that may be applied.
fn quick_fix(
    body: &str,
    offset: usize,
    finding: &Diagnostic,
    uri: &Url,
    converter: &super::diagnostics::Converter,
) -> Option<CodeAction> {
    let fix = finding.fix.as_ref()?;
    if fix.applicability < Applicability::Unsafe {
        return None;
    }
    let (fixed, applied) = fix::apply_fixes(body, [fix]);
    if applied.is_empty() {
        return None;
    }
    let written = edits::written(body, &fixed);
    let edits = edits::between(converter.text, offset, &written, &converter.lines);
    let what = finding.help.as_deref().unwrap_or("fix it");
    let safe = fix.applicability == Applicability::Safe;
    Some(CodeAction {
        title: if safe {
            format!("{what} ({})", finding.rule)
        } else {
            format!("{what} ({}, unsafe fix: check the result)", finding.rule)
        },
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: Some(safe),
        ..Default::default()
    })
}

/// The comment that turns `rule` off for the line `diagnostic` starts on, put above
/// it and indented like it (so a comment above a nested list item stays in its list).
fn disable_for_line(
    rule: &str,
    diagnostic: lsp_types::Diagnostic,
    converter: &super::diagnostics::Converter,
) -> CodeAction {
    let text = converter.text;
    let line = diagnostic.range.start.line;
    let start = converter
        .lines
        .offset(text, lsp_types::Position::new(line, 0));
    let line_text = &text[start..];
    let indent = &line_text[..line_text.len() - line_text.trim_start_matches([' ', '\t']).len()];
    // After a byte order mark, not before it.
    let at = converter.lines.position(text, start.max(converter.offset));
    let edit = TextEdit::new(
        lsp_types::Range::new(at, at),
        format!(
            "{indent}<!-- pocketlint-disable-next-line {rule} -->{}",
            line_ending(text)
        ),
    );
    CodeAction {
        title: format!("Disable {rule} for this line"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(workspace_edit(converter.uri, vec![edit])),
        is_preferred: Some(false),
        ..Default::default()
    }
}

/// The line ending a document uses: CRLF when all its lines end so.
fn line_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    if crlf > 0 && crlf == text.matches('\n').count() {
        "\r\n"
    } else {
        "\n"
    }
}

/// `textDocument/formatting`: the formatting rules' safe fixes.
pub(super) fn formatting(
    session: &mut Session,
    params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>, String> {
    let uri = params.text_document.uri;
    let Some(mut settings) = session.settings(&uri) else {
        return Ok(None);
    };
    settings.restrict(&format_rules(), &[]);
    let Some(document) = session.document(&uri) else {
        return Ok(None);
    };
    fixed_edits(session, document, &settings).map(Some)
}

/// Edits applying every safe fix under `settings`, as `check --fix` would write them.
fn fixed_edits(
    session: &Session,
    document: &super::documents::OpenDocument,
    settings: &crate::config::Settings,
) -> Result<Vec<TextEdit>, String> {
    if !document.fits() {
        return Err("the document is too large to fix".to_owned());
    }
    let outcome = linter::fix(document.body(), settings, Applicability::Safe);
    if !outcome.not_converged.is_empty() {
        return Err(format!(
            "fixes did not converge (rules: {}); nothing was changed",
            outcome.not_converged.join(", ")
        ));
    }
    let written = edits::written(document.body(), &outcome.output);
    let converter = session.converter(document);
    Ok(edits::between(
        &document.text,
        document.offset(),
        &written,
        &converter.lines,
    ))
}

fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}
