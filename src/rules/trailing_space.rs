//! `trailing-space`: spaces and tabs at the end of a line, and lines of nothing but
//! whitespace.
//!
//! Two or more spaces before a line that continues the same paragraph are a hard line
//! break, which the author may well mean: those stay. Code, tables and raw HTML are
//! never touched.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Edit, Fix};

use super::convention::Untouchable;
use super::{Category, Fixable, Rule, RuleMeta};

pub struct TrailingSpace;

static META: RuleMeta = RuleMeta {
    name: "trailing-space",
    category: Category::Format,
    severity: Severity::Warning,
    fixable: Fixable::Safe,
    summary: "whitespace at the end of a line that is not a hard line break",
};

impl Rule for TrailingSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, _settings: &Settings, out: &mut Vec<Diagnostic>) {
        let untouchable = Untouchable::new(doc);
        for line in 0..doc.lines.len() {
            let range = doc.lines.line_range(doc.source, line);
            let text = doc.slice(&range);
            let kept = text.trim_end_matches([' ', '\t']);
            if kept.len() == text.len() {
                continue;
            }
            let span = range.start + kept.len()..range.end;
            if untouchable.overlaps(&span) || is_hard_break(doc, span.start) {
                continue;
            }
            let message = if kept.is_empty() {
                "line holds only whitespace"
            } else {
                "trailing whitespace"
            };
            out.push(
                Diagnostic::new(META.name, span.clone(), message)
                    .with_help("remove it")
                    .with_fix(Fix::safe(vec![Edit::delete(span)])),
            );
        }
    }
}

/// Whether the whitespace starting at `offset` is a hard line break GitHub renders.
fn is_hard_break(doc: &Document, offset: usize) -> bool {
    let i = doc.hard_breaks.partition_point(|b| b.start <= offset);
    i > 0 && doc.hard_breaks[i - 1].contains(&offset)
}
