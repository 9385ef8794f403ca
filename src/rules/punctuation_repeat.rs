//! `punctuation-repeat`: `!!`, `！！`, `??` or `？？` in a heading or an entry's
//! description.
//!
//! Only the text a reader sees is read ([`Document::prose`]): code, URLs and link
//! destinations keep their repeated marks. An entry's description is its own text after
//! its link, in a list item or a table row.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::entries::own_text;
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};

use super::Context;

declare_rule!("punctuation-repeat", Structure, Info, fix: Always(Unsafe), check: Document(check),
    summary: "a repeated `!` or `?` in a heading or an entry's description");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for heading in &doc.headings {
        report_repeats(doc, &heading.content, "heading", out);
    }
    for entry in ctx.entries().iter() {
        let block = &doc.blocks[entry.block];
        let end = match block.kind {
            BlockKind::ListItem { .. } => own_text(doc, entry.block).1.end,
            _ => block.span.end,
        };
        let start = entry.link(doc).span.end;
        if start < end {
            report_repeats(doc, &(start..end), "description", out);
        }
    }
}

/// Reports each run of two or more of the same `!` or `?` mark in the prose of `span`.
fn report_repeats(doc: &Document, span: &Range<usize>, what: &str, out: &mut Vec<Diagnostic>) {
    for run in doc.prose_within(span) {
        let urls = doc.bare_urls_within(run);
        let text = doc.slice(run);
        let mut chars = text.char_indices().peekable();
        while let Some((i, mark)) = chars.next() {
            if !matches!(mark, '!' | '?' | '！' | '？') {
                continue;
            }
            let mut end = i + mark.len_utf8();
            while let Some(&(j, _)) = chars.peek().filter(|&&(_, c)| c == mark) {
                end = j + mark.len_utf8();
                chars.next();
            }
            let at = run.start + i..run.start + end;
            let count = (end - i) / mark.len_utf8();
            if count < 2 || urls.iter().any(|u| u.contains(&at.start)) {
                continue;
            }
            out.push(
                Diagnostic::new(at.clone(), format!("{what} repeats `{mark}` {count} times"))
                    .with_help(format!("one `{mark}` says as much"))
                    .with_fix(Fix::unsafe_edits(vec![Edit::replace(at, mark.to_string())])),
            );
        }
    }
}
