//! Hover over a finding: its rule's documentation, as `pocketlint explain` prints it.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::session::{Linted, Session};
use crate::rules;

pub(super) fn hover(session: &mut Session, params: HoverParams) -> Result<Option<Hover>, String> {
    let at = params.text_document_position_params;
    let uri = at.text_document.uri;
    let Some(Linted::Findings(findings)) = session.linted(&uri) else {
        return Ok(None);
    };
    let Some(document) = session.document(&uri) else {
        return Ok(None);
    };
    let converter = session.converter(document);
    let offset = converter.lines.offset(&document.text, at.position);
    let Some(offset) = offset.checked_sub(document.offset()) else {
        return Ok(None);
    };
    let mut rules_here: Vec<&str> = Vec::new();
    let mut range = None;
    for finding in findings
        .iter()
        .filter(|f| f.span.start <= offset && offset <= f.span.end)
    {
        range.get_or_insert_with(|| converter.range(&finding.span));
        if !rules_here.contains(&finding.rule) {
            rules_here.push(finding.rule);
        }
    }
    if rules_here.is_empty() {
        return Ok(None);
    }
    let docs: Vec<String> = rules_here
        .iter()
        .filter_map(|rule| rules::find(rule))
        .map(crate::cli::rules::explain)
        .collect();
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: docs.join("\n---\n\n"),
        }),
        range,
    }))
}
