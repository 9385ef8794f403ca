//! `empty-section`: a heading with nothing under it, in a list whose sections
//! normally hold entries.
//!
//! A heading that holds a link
//! (`### [Tabby](https://…)`) is an entry written as a heading, not a section: it is
//! neither counted nor reported. The rule only speaks where most sections of the same
//! level hold something. A section that holds only an HTML comment or an anchor
//! (`<a name="x"></a>`) shows nothing and is empty.

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
            BlockKind::Heading(h) if block.parent().is_none() => Some((b, h as usize)),
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
                format!("section \"{}\" is empty", heading.text(doc).trim()),
            )
            .with_help(format!(
                "add its entries or remove the heading; {} sections of this level hold something",
                tally.share(true)
            )),
        );
    }
}

/// Whether anything but blank lines, HTML comments and bare HTML anchors follows
/// heading `h` (block `block`) before its section ends.
fn holds_something(doc: &Document, block: usize, h: usize) -> bool {
    let end = doc.headings[h].section.end();
    doc.blocks[block + 1..]
        .iter()
        .take_while(|b| b.span.start() < end)
        .filter(|b| b.parent().is_none())
        .any(|b| {
            !matches!(b.kind, BlockKind::Html | BlockKind::Paragraph)
                || !is_invisible_markup(doc.slice(b.span))
        })
}

/// Whether `text` is only HTML that shows nothing: comments, and tags that hold no
/// content of their own (`<a name="x"></a>`, `<a id="x"/>`, `<div id="x"></div>`) —
/// an anchor left for links to a section whose entries never came.
fn is_invisible_markup(text: &str) -> bool {
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with('<') {
            rest.find('>')
                .map(|i| i + 1)
                .filter(|&i| shows_nothing(&rest[1..i - 1]))
        } else {
            None
        };
        let Some(end) = end else {
            return false;
        };
        rest = rest[end..].trim_start();
    }
    true
}

/// Whether a tag (between `<` and `>`) shows nothing by itself: a closing tag, or an
/// anchor or container that neither links nor embeds anything.
fn shows_nothing(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    if lower.starts_with('/') {
        return true;
    }
    let name = lower
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default();
    matches!(name, "a" | "div" | "span" | "p" | "section" | "br")
        && !lower.contains("href")
        && !lower.contains("src")
}

/// Whether heading `h` holds a link: an entry written as a heading, not a section.
fn holds_link(doc: &Document, h: usize) -> bool {
    let heading = &doc.headings[h];
    let i = doc
        .links
        .partition_point(|l| l.span.start() < heading.span.start());
    doc.links[i..]
        .iter()
        .take_while(|l| l.span.start() < heading.span.end())
        .any(|l| !l.image)
}
