//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list
//! (for a section's own TOC, one of that section's sub-sections).
//!
//! The finding points at the section and labels the TOC list that holds the sections
//! beside it (same parent, same level): where its entry belongs.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Edit, Fix};
use crate::toc::{EntryKind, Toc, edit};

use super::Context;

declare_rule!("toc-missing-entry", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a section is missing from the TOC");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let listed = toc.listed(doc);
    let toc_name = toc.name(doc);
    let toc_span = match toc.title {
        Some(title) => doc.blocks[title].span.clone(),
        None => toc.entries[0].span.clone(),
    };
    let missing: Vec<usize> = toc
        .expected(doc, &ctx.settings.toc)
        .into_iter()
        .filter(|&h| !listed[h])
        .collect();
    let inserts: Vec<Option<Edit>> = missing
        .iter()
        .map(|&h| edit::insert_entry(doc, toc, h))
        .collect();
    for (&h, insert) in missing.iter().zip(&inserts) {
        let heading = &doc.headings[h];
        let beside = insert.as_ref().map_or(0, |e| {
            inserts
                .iter()
                .flatten()
                .filter(|o| o.range == e.range)
                .count()
                - 1
        });
        let fix = insert
            .as_ref()
            .map(|e| Fix::unsafe_edits(vec![shared_insert(&inserts, e.range.start)]));
        let help = match (&fix, beside) {
            (None, _) => format!("list it in {toc_name}"),
            (Some(_), 0) => format!("add an entry for it to {toc_name}"),
            (Some(_), n) => format!(
                "add entries for it and the {n} missing section{} beside it to {toc_name}",
                if n == 1 { "" } else { "s" }
            ),
        };
        let (label_span, label) = match sibling_list(doc, toc, h) {
            Some(list) => (list, "its entry belongs in this list"),
            None => (toc_span.clone(), "table of contents"),
        };
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!(
                    "section \"{}\" is missing from {toc_name}",
                    heading.text.trim()
                ),
            )
            .with_label(label_span, label)
            .with_help(help)
            .with_fix(fix),
        );
    }
}

/// The first line of the TOC list whose entries list the sections beside heading `h`.
fn sibling_list(doc: &Document, toc: &Toc, h: usize) -> Option<Range<usize>> {
    let heading = &doc.headings[h];
    let item = toc.entries.iter().find_map(|entry| {
        let sibling = &doc.headings[entry.heading()?];
        let EntryKind::Link {
            item: Some(item), ..
        } = entry.kind
        else {
            return None;
        };
        (sibling.parent == heading.parent && sibling.level == heading.level).then_some(item)
    })?;
    let list = &doc.blocks[doc.blocks[item].parent?];
    let first_line = doc.slice(&list.span).find('\n').unwrap_or(list.span.len());
    Some(list.span.start..list.span.start + first_line)
}

/// Every entry inserted at `at`, in document order, as one edit: the engine takes one
/// insertion at a point per round, so entries missing side by side share the fix that
/// adds them all (as ruff's fixes for the parts of one statement do) instead of taking
/// a round each. A line ending opening a row appended to a table is kept only once.
fn shared_insert(inserts: &[Option<Edit>], at: usize) -> Edit {
    let mut content = String::new();
    for edit in inserts.iter().flatten().filter(|e| e.range == (at..at)) {
        let text = if content.is_empty() {
            edit.content.as_str()
        } else {
            edit.content.trim_start_matches('\n')
        };
        content.push_str(text);
    }
    Edit::insert(at, content)
}
