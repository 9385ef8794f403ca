//! `toc-dangling-entry`: a TOC entry, link or table name, that matches no section at
//! all: the section was removed or never written.

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::toc::{Target, Toc, edit};

use super::Context;

declare_rule!("toc-dangling-entry", Toc, Error, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a TOC entry matches no section");

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
                    "\"{}\" in {} matches no section",
                    entry.text.trim(),
                    toc.name(doc)
                ),
            )
            .with_help(help)
            .with_fix(fix),
        );
    }
}
