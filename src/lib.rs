//! pocketlint: a linter and fixer for curated-list READMEs.
//!
//! The library has no I/O: [`check`] turns text into findings and [`fix::fix`] turns
//! text into fixed text. The binary reads files, loads config and prints.

pub mod canonical;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
#[doc(hidden)]
pub mod fuzz;
pub mod online;
pub mod report;
pub mod rules;
pub mod text;
pub mod toc;

use config::Settings;
use diagnostic::Diagnostic;
use document::Document;

/// Every finding of the enabled rules in `source`, sorted by position.
pub fn check(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    check_document(&doc, settings)
}

/// Runs the enabled rules over an already parsed document.
pub fn check_document(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for rule in rules::RULES {
        let Some(severity) = settings.severity(rule.meta().name) else {
            continue;
        };
        let mut found = Vec::new();
        rule.check(doc, settings, &mut found);
        all.extend(found.into_iter().map(|mut d| {
            d.severity = severity;
            d
        }));
    }
    all.retain(|d| {
        let line = doc.lines.line_of(d.span.start);
        !doc.suppressions.is_suppressed(d.rule, d.span.start, line)
    });
    all.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    all
}
