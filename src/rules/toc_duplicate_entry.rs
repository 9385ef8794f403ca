//! `toc-duplicate-entry`: one section listed twice in the TOC.

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::toc::{Toc, edit};

use super::Context;

declare_rule!("toc-duplicate-entry", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a section is listed twice in the TOC");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let mut first: Vec<Option<usize>> = vec![None; doc.headings.len()];
    for (i, entry) in toc.entries.iter().enumerate() {
        let Some(h) = entry.heading() else {
            continue;
        };
        let Some(earlier) = first[h] else {
            first[h] = Some(i);
            continue;
        };
        let fix = edit::remove_entry(doc, toc, entry).map(|e| Fix::unsafe_edits(vec![e]));
        out.push(
            Diagnostic::new(
                entry.span.clone(),
                format!(
                    "\"{}\" is listed twice in the table of contents",
                    doc.headings[h].text.trim()
                ),
            )
            .with_label(toc.entries[earlier].span.clone(), "first listed here")
            .with_help(if fix.is_some() {
                "remove this entry"
            } else {
                "remove one of the two entries"
            })
            .with_fix(fix),
        );
    }
}
