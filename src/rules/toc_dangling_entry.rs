//! `toc-dangling-entry`: a TOC entry, link or table name, that matches no section at
//! all: the section was removed or never written.

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Fix;
use crate::toc::{Target, Toc, edit};

use super::{Category, Check, Context, FixAvailability, FixSafety, NO_OPTIONS, Rule};

pub const RULE: Rule = Rule {
    name: "toc-dangling-entry",
    category: Category::Toc,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes(FixSafety::Unsafe),
    summary: "a TOC entry matches no section",
    options: NO_OPTIONS,
    check: Check::Toc(check),
    doc: include_str!("../../rules/toc-dangling-entry.md"),
};

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for entry in toc.entries.iter().filter(|e| e.target == Target::Dangling) {
        let fix = edit::remove_entry(doc, toc, entry).map(|e| Fix::unsafe_edits(vec![e]));
        let help = if fix.is_some() {
            "remove the entry, or write its section"
        } else {
            "remove the name, or write its section"
        };
        out.push(
            Diagnostic::new(
                entry.span.clone(),
                format!(
                    "\"{}\" in the table of contents matches no section",
                    entry.text.trim()
                ),
            )
            .with_help(help)
            .with_fix(fix),
        );
    }
}
