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
        report_repeats(doc, &heading.content.range(), "heading", out);
    }
    for entry in ctx.entries().iter() {
        let block = &doc.blocks[entry.block()];
        let end = match block.kind {
            BlockKind::ListItem { .. } => own_text(doc, entry.block()).1.end,
            _ => block.span.end(),
        };
        let start = entry.link(doc).span.end();
        if start < end {
            report_repeats(doc, &(start..end), "description", out);
        }
    }
}

/// Reports each run of two or more of the same `!` or `?` mark in the prose of `span`.
/// The text is searched for the marks' bytes (`!`, `?`, and the first byte of `！` and
/// `？`) instead of decoded character by character, and the bare URLs are looked up
/// only for a repeat: on the corpus concatenation these were 3/4 of the rule's 67 M
/// instructions. The search is memchr's: a test per byte was still 19 M of the 38 M
/// left, for descriptions that mostly hold none of the bytes.
fn report_repeats(doc: &Document, span: &Range<usize>, what: &str, out: &mut Vec<Diagnostic>) {
    for run in doc.prose_within(span) {
        let text = doc.slice(run);
        // Where the last repeat reported ends: the marks before it are read.
        let mut from = 0;
        for i in memchr::memchr3_iter(b'!', b'?', FULLWIDTH_LEAD, text.as_bytes()) {
            if i < from {
                continue;
            }
            let Some(mark) = text[i..]
                .chars()
                .next()
                .filter(|c| matches!(c, '!' | '?' | '！' | '？'))
            else {
                continue;
            };
            let count = text[i..].chars().take_while(|&c| c == mark).count();
            let end = i + count * mark.len_utf8();
            from = end;
            let at = run.start() + i..run.start() + end;
            if count < 2
                || doc
                    .bare_urls_within(run)
                    .iter()
                    .any(|u| u.contains(at.start))
            {
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

/// The first UTF-8 byte of `！` and `？`.
const FULLWIDTH_LEAD: u8 = 0xEF;

#[cfg(test)]
mod tests {
    #[test]
    fn fullwidth_marks_start_with_the_lead_byte() {
        for mark in ['！', '？'] {
            assert_eq!(mark.to_string().as_bytes()[0], super::FULLWIDTH_LEAD);
        }
    }
}
