//! `toc-duplicate-entry`: one section listed twice in the TOC.

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Fix;
use crate::toc::{Toc, edit};

use super::{Category, Check, Context, FixAvailability, FixSafety, NO_OPTIONS, Rule};

pub const RULE: Rule = Rule {
    name: "toc-duplicate-entry",
    category: Category::Toc,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes(FixSafety::Unsafe),
    summary: "a section is listed twice in the TOC",
    options: NO_OPTIONS,
    check: Check::Toc(check),
    doc: include_str!("../../rules/toc-duplicate-entry.md"),
};

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
