//! `link-undefined-reference`: the references pulldown-cmark could not resolve while
//! parsing ([`Document::broken_references`]) that are written as links. `[text][label]`
//! and `[label][]` are link syntax and nothing else. A shortcut `[label]` is also how any
//! text in brackets is written (`[WIP]`, `[2024]`, `[Full Course]` inside a link's text),
//! so it is reported only where it stands as an entry: first in a list item or table
//! cell that carries no link, followed by nothing or a separator, among entries.

use crate::diagnostic::Diagnostic;
use crate::document::entries::{Entry, own_text};
use crate::document::{BlockKind, BrokenReference, Document, ReferenceForm};

use super::Context;

declare_rule!("link-undefined-reference", Links, Warning, fix: Never, check: Document(check),
    summary: "a reference link whose label has no definition, shown as bracketed text");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for reference in &doc.broken_references {
        let label = reference.label.trim();
        if label.is_empty() || label.starts_with('^') || touches_link(doc, reference) {
            continue;
        }
        if reference.form == ReferenceForm::Shortcut
            && !stands_as_entry(doc, ctx.entries(), reference)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                reference.span.range(),
                format!("no definition of \"{label}\": the link shows as bracketed text"),
            )
            .with_help(format!(
                "define it (`[{label}]: https://…`) or write the URL inline"
            )),
        );
    }
}

/// Whether a link lies inside the brackets (`[[crate](…)]`) or around them (`[Course
/// [Full]](…)`): the brackets are then part of a link's text, not a reference.
fn touches_link(doc: &Document, reference: &BrokenReference) -> bool {
    let span = &reference.span;
    let Some(block) = doc.block_at(span.start()) else {
        return false;
    };
    doc.links_within(doc.blocks[block].span)
        .iter()
        .any(|l| l.span.start() < span.end() && span.start() < l.span.end())
}

/// Whether a shortcut `[label]` is an entry that lost its link: the first thing in a
/// list item or table cell with no link of its own, followed by nothing or a separator
/// (`- [Foo] - a tool`, not `- [WIP] a tool`), in a list or table whose other items
/// are entries.
fn stands_as_entry(doc: &Document, entries: &[Entry], reference: &BrokenReference) -> bool {
    let Some(mut block) = doc.block_at(reference.span.start()) else {
        return false;
    };
    if doc.blocks[block].kind == BlockKind::Paragraph
        && let Some(parent) = doc.blocks[block].parent()
    {
        block = parent;
    }
    let (text, span) = match doc.blocks[block].kind {
        BlockKind::ListItem { .. } => own_text(doc, block),
        BlockKind::TableCell => (doc.blocks[block].text(doc), doc.blocks[block].span.range()),
        _ => return false,
    };
    let written = doc.slice(reference.span);
    let Some(rest) = text.trim_start().strip_prefix(written) else {
        return false;
    };
    let rest = rest.trim_start();
    let separated = rest.is_empty() || rest.starts_with(['-', '–', '—', ':', '：', '|']);
    if !separated || !doc.links_within(&span).is_empty() {
        return false;
    }
    // The list the item belongs to, or the table of the cell's row.
    let container = match doc.blocks[block].kind {
        BlockKind::TableCell => doc.blocks[block]
            .parent()
            .and_then(|row| doc.blocks[row].parent()),
        _ => doc.blocks[block].parent(),
    };
    container.is_some_and(|container| {
        entries.iter().any(|e| {
            e.table() == Some(container) || doc.blocks[e.block()].parent() == Some(container)
        })
    })
}
