//! `trailing-space`: spaces and tabs at the end of a line, and lines of nothing but
//! whitespace.
//!
//! Two or more spaces before a line that continues the same paragraph are a hard line
//! break, which the author may well mean: those stay. Code, tables and raw HTML are
//! never touched.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Edit, Fix};

use super::Context;
use super::convention::Untouchable;

declare_rule!("trailing-space", Format, Warning, fix: Always(Safe), check: Document(check),
    summary: "whitespace at the end of a line that is not a hard line break");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
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
            Diagnostic::new(span.clone(), message)
                .with_help("remove it")
                .with_fix(Fix::safe(vec![Edit::delete(span)])),
        );
    }
}

/// Whether the whitespace starting at `offset` is a hard line break GitHub renders.
fn is_hard_break(doc: &Document, offset: usize) -> bool {
    let i = doc.hard_breaks.partition_point(|b| b.start() <= offset);
    i > 0 && doc.hard_breaks[i - 1].contains(offset)
}
