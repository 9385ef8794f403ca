//! `toc-dangling-entry`: a TOC entry, link or table name, that matches no section at
//! all: the section was removed or never written.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;
use crate::toc::{Target, analyse, edit};

use super::{Category, Fixable, Rule, RuleMeta};

pub struct TocDanglingEntry;

static META: RuleMeta = RuleMeta {
    name: "toc-dangling-entry",
    category: Category::Toc,
    severity: Severity::Error,
    fixable: Fixable::Unsafe,
    summary: "a TOC entry matches no section",
};

impl Rule for TocDanglingEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let Some(toc) = &analyse(doc, settings).toc else {
            return;
        };
        for entry in toc.entries.iter().filter(|e| e.target == Target::Dangling) {
            let fix = edit::remove_entry(doc, toc, entry).map(|e| Fix::unsafe_edits(vec![e]));
            let help = if fix.is_some() {
                "remove the entry, or write its section"
            } else {
                "remove the name, or write its section"
            };
            out.push(
                Diagnostic::new(
                    META.name,
                    entry.span.clone(),
                    format!("\"{}\" in the table of contents matches no section", entry.text.trim()),
                )
                .with_help(help)
                .with_fix(fix),
            );
        }
    }
}
