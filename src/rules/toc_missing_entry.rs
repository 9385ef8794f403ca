//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list
//! (for a section's own TOC, one of that section's sub-sections).

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};
use crate::toc::{Toc, edit};

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
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!(
                    "section \"{}\" is missing from {toc_name}",
                    heading.text.trim()
                ),
            )
            .with_label(toc_span.clone(), "table of contents")
            .with_help(help)
            .with_fix(fix),
        );
    }
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
