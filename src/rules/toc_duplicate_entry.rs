//! `toc-duplicate-entry`: one section listed twice in the TOC.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;
use crate::toc::{analyse, edit};

use super::{Category, Fixable, Rule, RuleMeta};

pub struct TocDuplicateEntry;

static META: RuleMeta = RuleMeta {
    name: "toc-duplicate-entry",
    category: Category::Toc,
    severity: Severity::Warning,
    fixable: Fixable::Unsafe,
    summary: "a section is listed twice in the TOC",
};

impl Rule for TocDuplicateEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let Some(toc) = &analyse(doc, settings).toc else {
            return;
        };
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
                    META.name,
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
}
