//! `definition-unused`: a link reference definition no link or image uses (the parse
//! counts each definition's uses, [`Definition::uses`]). Definitions written as
//! comments (`[//]: # (note)`, `[comment]: <>`) are left alone: they are meant to be
//! unused.

use crate::diagnostic::Diagnostic;
use crate::document::{Definition, Document};
use crate::fix::{Applicability, Edit, Fix};

use super::Context;

declare_rule!("definition-unused", Links, Info, fix: Sometimes(Unsafe), check: Document(check),
    summary: "a link reference definition nothing links to");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for definition in &doc.definitions {
        if definition.uses > 0 || is_comment(definition) {
            continue;
        }
        let written = doc.slice(definition.span).trim_end();
        let span = definition.span.start()..definition.span.start() + written.len();
        let finding = Diagnostic::new(
            span,
            format!("definition \"{}\" is never used", definition.label),
        )
        .with_help("remove it, or link to it with `[text][label]`");
        out.push(match line_removal(doc, definition) {
            Some(edit) => finding.with_fix(Fix::new(Applicability::Unsafe, vec![edit])),
            None => finding,
        });
    }
}

/// Markdown's comment idiom: a definition no one links to, on purpose.
fn is_comment(definition: &Definition) -> bool {
    let label = definition.label.trim();
    let dest = definition.dest.trim();
    label.starts_with("//") || label.eq_ignore_ascii_case("comment") || dest == "#"
}

/// Deletes the lines the definition fills, when it fills them alone (nothing but
/// indentation before it or after it), with one blank line beside it when it stood
/// between two, so no run of blank lines is left behind.
fn line_removal(doc: &Document, definition: &Definition) -> Option<Edit> {
    let source = doc.source;
    let written_end = definition.span.start() + doc.slice(definition.span).trim_end().len();
    let first = doc.lines.line_of(definition.span.start());
    let last = doc.lines.line_of(written_end);
    let mut start = doc.lines.line_start(first);
    let line_end = doc.lines.line_range(source, last).end;
    let before = &source[start..definition.span.start()];
    let after = source.get(written_end..line_end)?;
    if !before.trim().is_empty() || !after.trim().is_empty() {
        return None;
    }
    let mut end = next_line_start(doc, last);
    let blank_before = first == 0 || doc.is_blank_line(first - 1);
    if blank_before && last + 1 < doc.lines.len() && doc.is_blank_line(last + 1) {
        end = next_line_start(doc, last + 1);
    } else if first > 0 && blank_before && last + 1 >= doc.lines.len() {
        // The last line: take the blank line above, so the file does not end blank.
        start = doc.lines.line_start(first - 1);
    }
    Some(Edit::delete(start..end))
}

/// Start of the line after `line`, or the end of the source.
fn next_line_start(doc: &Document, line: usize) -> usize {
    if line + 1 < doc.lines.len() {
        doc.lines.line_start(line + 1)
    } else {
        doc.source.len()
    }
}
