//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list.

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};
use crate::toc::{Toc, edit};

use super::Context;

declare_rule!("toc-missing-entry", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a section is missing from the TOC");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let listed = toc.listed(doc);
    let toc_span = match toc.title {
        Some(title) => doc.blocks[title].span.clone(),
        None => toc.entries[0].span.clone(),
    };
    let missing: Vec<usize> = toc
        .expected(doc, &ctx.settings.toc)
        .into_iter()
        .filter(|&h| !listed[h])
        .collect();
    let inserts = edit::insert_entries(doc, toc, &missing);
    let shared = shared_inserts(&inserts);
    for (&h, insert) in missing.iter().zip(&inserts) {
        let heading = &doc.headings[h];
        let (beside, fix) = insert.as_ref().map_or((0, None), |e| {
            let (count, edit) = &shared[&e.range.start];
            (count - 1, Some(Fix::unsafe_edits(vec![edit.clone()])))
        });
        let help = match (&fix, beside) {
            (None, _) => "list it in the table of contents".to_owned(),
            (Some(_), 0) => "add an entry for it to the table of contents".to_owned(),
            (Some(_), n) => format!(
                "add entries for it and the {n} missing section{} beside it to the table of contents",
                if n == 1 { "" } else { "s" }
            ),
        };
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!(
                    "section \"{}\" is missing from the table of contents",
                    heading.text.trim()
                ),
            )
            .with_label(toc_span.clone(), "table of contents")
            .with_help(help)
            .with_fix(fix),
        );
    }
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
