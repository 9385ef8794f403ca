//! `toc-missing-entry`: a section at a level the TOC covers that the TOC does not list.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;
use crate::toc::{analyse, edit};

use super::{Category, Fixable, Rule, RuleMeta};

pub struct TocMissingEntry;

static META: RuleMeta = RuleMeta {
    name: "toc-missing-entry",
    category: Category::Toc,
    severity: Severity::Warning,
    fixable: Fixable::Unsafe,
    summary: "a section is missing from the TOC",
};

impl Rule for TocMissingEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let Some(toc) = &analyse(doc, settings).toc else {
            return;
        };
        let listed = toc.listed(doc);
        let toc_span = match toc.title {
            Some(title) => doc.blocks[title].span.clone(),
            None => toc.entries[0].span.clone(),
        };
        for h in toc.expected(doc, &settings.toc) {
            if listed[h] {
                continue;
            }
            let heading = &doc.headings[h];
            let fix = edit::insert_entry(doc, toc, h).map(|e| Fix::unsafe_edits(vec![e]));
            out.push(
                Diagnostic::new(
                    META.name,
                    heading.span.start..heading.content.end.max(heading.span.start),
                    format!("section \"{}\" is missing from the table of contents", heading.text.trim()),
                )
                .with_label(toc_span.clone(), "table of contents")
                .with_help(if fix.is_some() { "add an entry for it to the table of contents" } else { "list it in the table of contents" })
                .with_fix(fix),
            );
        }
    }
}
