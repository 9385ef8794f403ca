//! `dup-section`: two sections describing one item, found by a heading repeated with
//! most of its section, by sibling headings with one name, or by one main link (the
//! project page a section leads with).
//!
//! Which sections those are is found once per check in `same_item.rs` (dup-link and
//! dup-paragraph leave what they hold to it); this file reports them and decides when
//! deleting the later one loses nothing.

mod contents;
mod same_item;

use rustc_hash::FxHashSet;

use crate::diagnostic::Diagnostic;
use crate::document::entries::Entries;
use crate::document::{Document, Heading};
use crate::fix::{Edit, Fix};

use super::Context;
use super::web_links::{WebLink, links_in};

use same_item::same_heading_name;
pub(crate) use same_item::{DuplicateSection, SameItem, duplicate_sections, in_pair};

declare_rule!("dup-section", Duplicates, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "two sections describing the same item");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let links = ctx.web_links();
    for duplicate in ctx.duplicate_sections() {
        out.push(report(doc, ctx.entries(), links, duplicate));
    }
}

fn report(
    doc: &Document,
    entries: &Entries,
    links: &[WebLink],
    duplicate: &DuplicateSection,
) -> Diagnostic {
    let first = &doc.headings[duplicate.first];
    let later = &doc.headings[duplicate.later];
    let message = if let SameItem::Repeated {
        shared,
        total,
        entries,
    } = duplicate.reason
    {
        let what = if entries {
            "entries"
        } else {
            "texts and links"
        };
        format!(
            "\"{}\" is listed twice: {shared} of {total} {what} repeat",
            later.text(doc).trim()
        )
    } else if same_heading_name(doc, duplicate.first, duplicate.later) {
        format!("\"{}\" is listed twice", later.text(doc).trim())
    } else {
        format!(
            "\"{}\" describes the same project as \"{}\"",
            later.text(doc).trim(),
            first.text(doc).trim()
        )
    };
    let why = match &duplicate.reason {
        SameItem::Repeated { .. } => match parent_name(doc, first) {
            Some(parent) if first.parent() != later.parent() => {
                format!("the first is under \"{parent}\"")
            }
            _ => "both sections have this name".to_owned(),
        },
        SameItem::Name => "both sections have this name".to_owned(),
        SameItem::MainLink(url) => format!("both sections lead with {url}"),
    };
    let contained = contained(doc, entries, links, duplicate);
    let fix = (contained && !all_of_parent(doc, duplicate.later))
        .then(|| doc.section_removal(later.section));
    let help = match (contained, fix.is_some(), parent_name(doc, later)) {
        (_, true, _) => {
            format!("{why}; delete this section: everything in it is already in the first")
        }
        (true, false, Some(parent)) => format!(
            "{why}; everything in it is already in the first, but it is all \"{parent}\" holds: keep it, or delete \"{parent}\" with it"
        ),
        _ => format!("{why}; merge the two sections into one"),
    };
    Diagnostic::new(later.finding_span(), message)
        .with_label(first.finding_span(), "first listed here")
        .with_help(help)
        .with_fix(fix.map(|range| Fix::unsafe_edits(vec![Edit::delete(range)])))
}

/// The text of the heading above `heading`, if any.
fn parent_name<'d>(doc: &'d Document, heading: &Heading) -> Option<&'d str> {
    heading.parent().map(|p| doc.headings[p].text(doc).trim())
}

/// Whether the later section has no sub-sections and every text, link and entry in it
/// is also in the first (an entry with its name and description): deleting it then
/// loses nothing.
fn contained(
    doc: &Document,
    entries: &Entries,
    links: &[WebLink],
    duplicate: &DuplicateSection,
) -> bool {
    if !duplicate.texts_repeat {
        return false;
    }
    let first = &doc.headings[duplicate.first].section.range();
    let later = &doc.headings[duplicate.later];
    let body = later.span.end()..later.section.end();
    let first_links: FxHashSet<&str> = links_in(links, first).iter().map(|l| l.url.key()).collect();
    let in_first = entries.within(doc, first);
    links_in(links, &body)
        .iter()
        .all(|l| first_links.contains(l.url.key()))
        && entries
            .within(doc, &body)
            .iter()
            .all(|e| in_first.iter().any(|f| f.says_the_same(e, doc)))
}

/// Whether heading `h`'s section is all its parent section holds: deleting it would
/// leave the parent empty.
fn all_of_parent(doc: &Document, h: usize) -> bool {
    let Some(parent) = doc.headings[h].parent() else {
        return false;
    };
    let heading = &doc.headings[parent];
    let own_body = heading.span.end()..doc.next_heading_start(heading.span.end());
    // The parent's sub-sections are the headings after it, up to its section's end.
    let inside =
        doc.headings[parent + 1..].partition_point(|o| o.span.start() < heading.section.end());
    let siblings = doc.headings[parent + 1..parent + 1 + inside]
        .iter()
        .enumerate()
        .filter(|&(i, other)| parent + 1 + i != h && other.parent() == Some(parent))
        .count();
    siblings == 0 && doc.block_indices_within(&own_body).next().is_none()
}
