//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list
//! (for a section's own TOC, one of that section's sub-sections).
//!
//! The finding points at the section and labels the TOC list that holds the sections
//! beside it (same parent, same level): where its entry belongs.

use std::ops::Range;

use rustc_hash::FxHashMap;

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
        Some(title) => doc.blocks[title].span.range(),
        None => toc.entries[0].span.clone(),
    };
    let missing: Vec<usize> = toc
        .expected(doc, &ctx.settings.toc)
        .into_iter()
        .filter(|&h| !listed[h])
        .collect();
    let inserts = edit::insert_entries(doc, toc, &missing);
    let shared = shared_inserts(&inserts);
    let siblings = sibling_lists(doc, toc);
    for (&h, insert) in missing.iter().zip(&inserts) {
        let heading = &doc.headings[h];
        let (beside, fix) = insert.as_ref().map_or((0, None), |e| {
            let (count, edit) = &shared[&e.range.start];
            (count - 1, Some(Fix::unsafe_edits(vec![edit.clone()])))
        });
        let help = match (&fix, beside) {
            (None, _) => format!("list it in {toc_name}"),
            (Some(_), 0) => format!("add an entry for it to {toc_name}"),
            (Some(_), n) => format!(
                "add entries for it and the {n} missing section{} beside it to {toc_name}",
                if n == 1 { "" } else { "s" }
            ),
        };
        let (label_span, label) = match siblings.get(&(heading.parent(), heading.level)).cloned() {
            Some(list) => (list, "its entry belongs in this list"),
            None => (toc_span.clone(), "table of contents"),
        };
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!(
                    "section \"{}\" is missing from {toc_name}",
                    heading.text(doc).trim()
                ),
            )
            .with_label(label_span, label)
            .with_help(help)
            .with_fix(fix),
        );
    }
}

/// The first line of each TOC list, by the parent and level of the sections its entries
/// list: where an entry for a section beside them belongs. Found once per TOC, the first
/// list of each kind winning.
fn sibling_lists(doc: &Document, toc: &Toc) -> FxHashMap<(Option<usize>, u8), Range<usize>> {
    let mut lists = FxHashMap::default();
    for entry in &toc.entries {
        let (
            Some(h),
            EntryKind::Link {
                item: Some(item), ..
            },
        ) = (entry.heading(), &entry.kind)
        else {
            continue;
        };
        let heading = &doc.headings[h];
        lists
            .entry((heading.parent(), heading.level))
            .or_insert_with(|| {
                let list = doc.blocks[*item].parent().map_or(*item, |l| l);
                let span = &doc.blocks[list].span;
                let first_line = doc.slice(span).find('\n').unwrap_or(span.len());
                span.start()..span.start() + first_line
            });
    }
    lists
}

/// The entries inserted at each point, in document order, as one edit, with how many
/// they are: the engine takes one insertion at a point per round, so entries missing
/// side by side share the fix that adds them all (as ruff's fixes for the parts of one
/// statement do) instead of taking a round each. A line ending opening a row appended
/// to a table is kept only once.
fn shared_inserts(inserts: &[Option<Edit>]) -> FxHashMap<usize, (usize, Edit)> {
    let mut shared: FxHashMap<usize, (usize, Edit)> = FxHashMap::default();
    for edit in inserts.iter().flatten() {
        let (count, insert) = shared
            .entry(edit.range.start)
            .or_insert_with(|| (0, Edit::insert(edit.range.start, String::new())));
        let text = if insert.content.is_empty() {
            edit.content.as_str()
        } else {
            edit.content.trim_start_matches('\n')
        };
        insert.content.push_str(text);
        *count += 1;
    }
    shared
}
