//! `empty-section`: a heading with nothing under it, in a list whose sections
//! normally hold entries.
//!
//! A heading that holds a link
//! (`### [Tabby](https://…)`) is an entry written as a heading, not a section: it is
//! neither counted nor reported. The rule only speaks where most sections of the same
//! level hold something.

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};

use super::Context;
use super::convention::{Tally, USUAL};

declare_rule!("empty-section", Format, Warning, fix: Never, check: Document(check),
    summary: "a section heading with nothing under it where sections normally hold entries");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    // (heading index, whether it holds something), for headings without subsections.
    let leaves: Vec<(usize, bool)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(b, block)| match block.kind {
            BlockKind::Heading(h) if block.parent.is_none() => Some((b, h)),
            _ => None,
        })
        .filter(|&(_, h)| {
            doc.headings
                .get(h + 1)
                .is_none_or(|next| next.level <= doc.headings[h].level)
                && !holds_link(doc, h)
        })
        .map(|(b, h)| (h, holds_something(doc, b, h)))
        .collect();
    let mut tallies: [Tally<bool>; 7] = Default::default();
    for &(h, full) in &leaves {
        tallies[usize::from(doc.headings[h].level)].add(full);
    }
    for &(h, full) in &leaves {
        let heading = &doc.headings[h];
        let tally = &tallies[usize::from(heading.level)];
        if full || tally.dominant(USUAL) != Some(true) {
            continue;
        }
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!("section \"{}\" is empty", heading.text.trim()),
            )
            .with_help(format!(
                "add its entries or remove the heading; {} sections of this level hold something",
                tally.share(true)
            )),
        );
    }
}

/// Whether anything but blank lines and HTML comments follows heading `h` (block
/// `block`) before its section ends.
fn holds_something(doc: &Document, block: usize, h: usize) -> bool {
    let end = doc.headings[h].section.end;
    doc.blocks[block + 1..]
        .iter()
        .take_while(|b| b.span.start < end)
        .filter(|b| b.parent.is_none())
        .any(|b| b.kind != BlockKind::Html || !is_comment(doc.slice(&b.span)))
}

/// Whether heading `h` holds a link: an entry written as a heading, not a section.
fn holds_link(doc: &Document, h: usize) -> bool {
    let heading = &doc.headings[h];
    let i = doc
        .links
        .partition_point(|l| l.span.start < heading.span.start);
    doc.links[i..]
        .iter()
        .take_while(|l| l.span.start < heading.span.end)
        .any(|l| !l.image)
}

fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}
