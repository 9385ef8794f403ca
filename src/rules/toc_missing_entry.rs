//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list.

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Fix;
use crate::toc::{Toc, edit};

use super::{Category, Check, Context, FixAvailability, FixSafety, NO_OPTIONS, Rule};

pub const RULE: Rule = Rule {
    name: "toc-missing-entry",
    category: Category::Toc,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes(FixSafety::Unsafe),
    summary: "a section is missing from the TOC",
    options: NO_OPTIONS,
    check: Check::Toc(TocMissingEntry::check),
    doc: include_str!("../../rules/toc-missing-entry.md"),
};

pub struct TocMissingEntry;

impl TocMissingEntry {
    fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let listed = toc.listed(doc);
        let toc_span = match toc.title {
            Some(title) => doc.blocks[title].span.clone(),
            None => toc.entries[0].span.clone(),
        };
        for h in toc.expected(doc, &ctx.settings.toc) {
            if listed[h] {
                continue;
            }
            let heading = &doc.headings[h];
            let fix = edit::insert_entry(doc, toc, h).map(|e| Fix::unsafe_edits(vec![e]));
            out.push(
                Diagnostic::new(heading.span.start..heading.content.end.max(heading.span.start),
                    format!("section \"{}\" is missing from the table of contents", heading.text.trim()),
                )
                .with_label(toc_span.clone(), "table of contents")
                .with_help(if fix.is_some() { "add an entry for it to the table of contents" } else { "list it in the table of contents" })
                .with_fix(fix),
            );
        }
    }
}
