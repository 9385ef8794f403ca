//! `dup-section`: two sections describing one item, found by sibling headings with one
//! name or by one main link (the project page a section leads with).

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::entries::{Entry, entries};
use crate::fix::{Edit, Fix};

use super::Context;
use super::duplicates::{
    DuplicateSection, SameItem, WebLink, block_sections, duplicate_sections, links_in,
    same_heading_name, texts,
};

declare_rule!("dup-section", Duplicates, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "two sections describing the same item");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let links = ctx.web_links();
    let sections = block_sections(doc);
    for duplicate in duplicate_sections(doc, links, &sections) {
        out.push(report(doc, links, &duplicate));
    }
}

fn report(doc: &Document, links: &[WebLink], duplicate: &DuplicateSection) -> Diagnostic {
    let first = &doc.headings[duplicate.first];
    let later = &doc.headings[duplicate.later];
    let message = if same_heading_name(doc, duplicate.first, duplicate.later) {
        format!("\"{}\" is listed twice", later.text.trim())
    } else {
        format!(
            "\"{}\" describes the same project as \"{}\"",
            later.text.trim(),
            first.text.trim()
        )
    };
    let why = match &duplicate.reason {
        SameItem::Name => "both sections have this name".to_owned(),
        SameItem::MainLink(url) => format!("both sections lead with {url}"),
    };
    let fix = contained(doc, links, duplicate).then(|| removal(doc, &later.section));
    let help = if fix.is_some() {
        format!("{why}; delete this section: everything in it is already in the first")
    } else {
        format!("{why}; merge the two sections into one")
    };
    Diagnostic::new(later.finding_span(), message)
        .with_label(first.finding_span(), "first listed here")
        .with_help(help)
        .with_fix(fix.map(|range| Fix::unsafe_edits(vec![Edit::delete(range)])))
}

/// Whether the later section has no sub-sections and every text, link and entry in it
/// is also in the first (an entry with its name and description): deleting it then
/// loses nothing.
fn contained(doc: &Document, links: &[WebLink], duplicate: &DuplicateSection) -> bool {
    let first = &doc.headings[duplicate.first].section;
    let later = &doc.headings[duplicate.later];
    let has_children = doc
        .headings
        .get(duplicate.later + 1)
        .is_some_and(|h| h.parent == Some(duplicate.later));
    if has_children {
        return false;
    }
    let body = later.span.end..later.section.end;
    let first_units = texts(doc, first);
    let first_links: HashSet<&str> = links_in(links, first)
        .iter()
        .map(|l| l.url.key.as_str())
        .collect();
    let in_first: Vec<&Entry> = entries(doc)
        .iter()
        .filter(|e| first.contains(&doc.blocks[e.block].span.start))
        .collect();
    texts(doc, &body).is_subset(&first_units)
        && links_in(links, &body)
            .iter()
            .all(|l| first_links.contains(l.url.key.as_str()))
        && entries(doc)
            .iter()
            .filter(|e| body.contains(&doc.blocks[e.block].span.start))
            .all(|e| in_first.iter().any(|f| f.says_the_same(e, doc)))
}

/// The whole section; at the end of the file, also the blank lines before it.
fn removal(doc: &Document, section: &Range<usize>) -> Range<usize> {
    if section.end < doc.source.len() {
        return section.clone();
    }
    let before = doc.source[..section.start].trim_end();
    let keep = doc.source[before.len()..section.start]
        .find('\n')
        .map_or(0, |i| i + 1);
    before.len() + keep..section.end
}
