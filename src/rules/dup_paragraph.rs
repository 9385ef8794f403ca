//! `dup-paragraph`: a paragraph, or the text of a list item, written twice.
//!
//! Lists are edited by many hands and merges paste a paragraph twice; descriptions get
//! copied into the wrong section. Each unit is keyed once by hashes of how it opens and
//! ends (and of all its words when those are another text's), so the check is linear in
//! the document.

use rustc_hash::{FxHashMap, FxHasher};
use std::collections::hash_map::Entry;
use std::hash::Hasher;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::entries::{Container, Entries, container_of};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::text::{collapse_whitespace, name_key, words};

use super::Context;
use super::dup_section::in_pair;
use super::fingerprint::{closing, fingerprint, identical, opening, same_fingerprint};
use super::web_links::{WebLink, entry_link, lead_link};

declare_rule!("dup-paragraph", Duplicates, Warning, fix: Sometimes(SafeOrUnsafe),
    options: DupParagraphOptions, check: Document(check),
    summary: "a paragraph or list item written twice");

/// Options of `dup-paragraph`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DupParagraphOptions {
    /// Shortest text, in visible characters, worth reporting: short lines (`See also`,
    /// `MIT`) repeat legitimately.
    #[serde(deserialize_with = "crate::settings::count")]
    pub min_chars: usize,
}

impl Default for DupParagraphOptions {
    fn default() -> Self {
        Self { min_chars: 40 }
    }
}

/// A paragraph or a list item's own text.
#[derive(Clone, Copy)]
struct Unit {
    block: usize,
    /// The section and group that directly hold it.
    container: Container,
    is_item: bool,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let min_chars = ctx.options::<DupParagraphOptions>().min_chars;
    let links = ctx.web_links();
    let entries = ctx.entries();
    // A copied section is reported once, by dup-section, not paragraph by paragraph.
    let copied = ctx.duplicate_sections();
    let mut seen = FirstCopies::default();
    for (index, opening) in shared_openings(doc, min_chars) {
        let Some(unit) = unit(doc, index, links) else {
            continue;
        };
        if !has_prose(doc, index, min_chars) {
            continue;
        }
        let Some(first) = seen.first_of(doc, unit, opening) else {
            continue;
        };
        let at = |unit: &Unit| doc.blocks[unit.block].span.start();
        if in_pair(doc, copied, at(first), at(&unit))
            || under_one_entry(doc, entries, links, first, &unit)
        {
            continue;
        }
        out.push(report(doc, entries, first, &unit));
    }
}

/// The paragraphs and list items, in document order, long enough to report and whose
/// [`opening`] another of them has: only those can have a copy. Most units open their
/// own way, so the closer look ([`unit`], [`has_prose`], [`fingerprint`]) is left to a
/// few: reading every word of every unit was most of this rule's instructions. Each
/// with its opening's hash.
fn shared_openings(doc: &Document, min_chars: usize) -> Vec<(usize, u64)> {
    let mut openings: Vec<(usize, u64)> = doc
        .blocks
        .iter()
        .enumerate()
        // Every char takes a byte at least: a short text needs no closer look.
        .filter(|(_, block)| {
            block.text(doc).len() >= min_chars
                && matches!(
                    block.kind,
                    BlockKind::Paragraph | BlockKind::ListItem { .. }
                )
        })
        .map(|(index, _)| (index, opening(doc, index)))
        .collect();
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for &(_, key) in &openings {
        *counts.entry(key).or_default() += 1;
    }
    openings.retain(|(_, key)| counts[key] > 1);
    openings
}

/// The first unit of each fingerprint, found by the unit's ends ([`opening`] and
/// [`closing`]) and confirmed by comparing the two texts: copies have the same ends,
/// and most units that open alike end apart, so few fingerprints are ever hashed.
#[derive(Default)]
struct FirstCopies {
    by_ends: FxHashMap<u64, Unit>,
    /// First units whose ends another text had first, by fingerprint: hardly any.
    by_fingerprint: FxHashMap<u64, Unit>,
    /// First units whose fingerprint's hash a different text had first: compared in
    /// full, and hardly ever any.
    collided: Vec<Unit>,
}

impl FirstCopies {
    /// The first unit with the fingerprint of `unit`, whose opening hashes to
    /// `opening`; `None` when there is none yet, and `unit` is now that first one.
    fn first_of(&mut self, doc: &Document, unit: Unit, opening: u64) -> Option<&Unit> {
        let same = |first: &Unit| same_fingerprint(doc, first.block, unit.block);
        let mut ends = FxHasher::default();
        ends.write_u64(opening);
        ends.write_u64(closing(doc, unit.block));
        match self.by_ends.entry(ends.finish()) {
            Entry::Vacant(slot) => {
                slot.insert(unit);
                return None;
            }
            Entry::Occupied(first) if same(first.get()) => return Some(first.into_mut()),
            Entry::Occupied(_) => {}
        }
        match self.by_fingerprint.entry(fingerprint(doc, unit.block)) {
            Entry::Vacant(slot) => {
                slot.insert(unit);
                None
            }
            Entry::Occupied(first) if same(first.get()) => Some(first.into_mut()),
            Entry::Occupied(_) => match self.collided.iter().position(same) {
                Some(i) => Some(&self.collided[i]),
                None => {
                    self.collided.push(unit);
                    None
                }
            },
        }
    }
}

/// Whether a unit has `min_chars` visible characters outside its links and inline code,
/// its whitespace collapsed: a line made of links
/// (`Related: [Groupware](#groupware)`, `地址：https://…`) is navigation or a citation,
/// repeated on purpose, and repeated links are `dup-link`'s; a line of code spans
/// (`` `2024` `swift` `ipad` `` tags, `` `Screenshot 1` `` labels) is metadata.
fn has_prose(doc: &Document, index: usize, min_chars: usize) -> bool {
    let block = &doc.blocks[index];
    let span = &block.span;
    let first_code = doc.code.partition_point(|r| r.start() < span.start());
    let code = doc.code[first_code..]
        .iter()
        .take_while(|r| r.end() <= span.end())
        .map(|r| doc.slice(r).trim_matches('`').trim().chars().count());
    let linked: usize = doc
        .links_within(span)
        .iter()
        .filter(|l| !l.image && l.span.end() <= span.end())
        .map(|l| l.text(doc).chars().count())
        .chain(
            doc.bare_urls_within(span)
                .iter()
                .map(|s| doc.slice(s).chars().count()),
        )
        .chain(code)
        .sum();
    // Counted only as far as needed: most paragraphs are far longer.
    let needed = min_chars + linked;
    let mut chars = 0;
    for word in words(block.text(doc)) {
        // The space before the word, when there is a word before it.
        chars += word.chars().count() + usize::from(chars > 0);
        if chars >= needed {
            return true;
        }
    }
    chars >= needed
}

/// Whether two units are nested under two listings of one entry (same page, same name):
/// the details of a cross-listed entry repeat with it, and the entry is `dup-link`'s.
fn under_one_entry(
    doc: &Document,
    entries: &Entries,
    links: &[WebLink],
    a: &Unit,
    b: &Unit,
) -> bool {
    let page = |unit: &Unit| {
        let entry = entries.at(unit.container.1?)?;
        let link = entry_link(doc, entry, links)?;
        Some((link.url.target(), name_key(entry.name(doc))))
    };
    page(a).is_some_and(|a| page(b) == Some(a))
}

/// The unit block `index` is, if it is one: a paragraph, or a tight list item with
/// text. A list item (or its paragraph) that leads with a link is an entry, and
/// entries are `dup-link`'s.
fn unit(doc: &Document, index: usize, links: &[WebLink]) -> Option<Unit> {
    let block = &doc.blocks[index];
    let in_item = |i: Option<usize>| {
        i.is_some_and(|i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
    };
    let is_item = match block.kind {
        BlockKind::Paragraph => false,
        BlockKind::ListItem { .. } if !block.text(doc).trim().is_empty() => true,
        _ => return None,
    };
    if (is_item || in_item(block.parent())) && lead_link(doc, index, links).is_some() {
        return None;
    }
    Some(Unit {
        block: index,
        container: container_of(doc, index),
        is_item,
    })
}

fn report(doc: &Document, entries: &Entries, first: &Unit, later: &Unit) -> Diagnostic {
    let what = if later.is_item {
        "list item"
    } else {
        "paragraph"
    };
    let same_container = first.container == later.container;
    // The copy goes only if the original is of the same kind: a paragraph quoted in a
    // blockquote or a list item is not the same as a plain paragraph.
    let same_kind = first.is_item == later.is_item
        && (later.is_item || doc.blocks[first.block].parent().is_none());
    // A list item carrying a link is an entry: its category must keep one.
    let entry = entries.at(later.block);
    let is_entry = entry.is_some();
    let keeps_one = !is_entry || entries.in_container(later.container) >= 2;
    // A list item under another group says something about that group's entry (two
    // apps with one tag line): it is not a copy to delete.
    let own_group = !later.is_item || first.container.1 == later.container.1;
    let removal = removal(doc, later).filter(|_| same_kind && keeps_one && own_group);
    let identical = identical(doc, first.block, later.block);
    let here = entries.container_name(doc, later.container);
    // A copy that is an entry is named by its link, as dup-link names entries.
    let copy = entry.map_or_else(
        || "this copy".to_owned(),
        |e| format!("this copy of \"{}\"", e.name(doc)),
    );
    let (help, fix) = match (same_container && identical, removal) {
        (true, Some(range)) => (
            format!("delete {copy} from \"{here}\""),
            Some(Fix::safe(vec![Edit::delete(range)])),
        ),
        (false, Some(range)) => {
            let why = if same_container {
                "it is wrapped differently from the first".to_owned()
            } else {
                format!(
                    "the same text is in \"{}\"",
                    entries.container_name(doc, first.container)
                )
            };
            (
                format!("delete {copy} from \"{here}\"; {why}"),
                Some(Fix::unsafe_edits(vec![Edit::delete(range)])),
            )
        }
        (_, None) if !own_group => (
            format!(
                "the same text is under \"{}\"; keep both if it is true of both",
                entries.container_name(doc, first.container)
            ),
            None,
        ),
        (_, None) if !later.is_item && alone_in_section(doc, later) => (
            format!("it is all \"{here}\" holds: keep it, or delete the other copy"),
            None,
        ),
        (_, None) if !keeps_one => (
            format!("it is the only entry of \"{here}\": keep it, or delete the other copy"),
            None,
        ),
        (_, None) => ("delete one of the copies".to_owned(), None),
    };
    Diagnostic::new(
        trimmed(doc, later),
        format!(
            "{what} \"{}\" is written twice",
            excerpt(&collapse_whitespace(doc.blocks[later.block].text(doc)))
        ),
    )
    .with_label(trimmed(doc, first), "first written here")
    .with_help(help)
    .with_fix(fix)
}

/// What to delete to remove `unit` alone: a top-level paragraph with its blank line
/// (unless it is all its section holds), or a list item without nested blocks.
fn removal(doc: &Document, unit: &Unit) -> Option<std::ops::Range<usize>> {
    let block = &doc.blocks[unit.block];
    let has_children = doc
        .blocks
        .get(unit.block + 1)
        .is_some_and(|b| b.parent() == Some(unit.block));
    match (unit.is_item, block.parent()) {
        (false, None) if !alone_in_section(doc, unit) => doc.line_removal(block.span, true),
        (true, _) if !has_children => doc.line_removal(block.span, false),
        _ => None,
    }
}

/// Whether a top-level paragraph is all its section holds besides sub-sections:
/// deleting it would empty the section.
fn alone_in_section(doc: &Document, unit: &Unit) -> bool {
    let body = match unit.container.0 {
        Some(h) => doc.headings[h].span.end()..doc.next_heading_start(doc.headings[h].span.end()),
        None => 0..doc.next_heading_start(0),
    };
    doc.block_indices_within(&body)
        .filter(|&i| doc.blocks[i].parent().is_none() && i != unit.block)
        .all(|i| matches!(doc.blocks[i].kind, BlockKind::Heading(_)))
}

/// A block's span without its trailing line ending.
fn trimmed(doc: &Document, unit: &Unit) -> std::ops::Range<usize> {
    let span = &doc.blocks[unit.block].span;
    span.start()..span.start() + doc.slice(span).trim_end().len()
}

/// The start of a text for a message: its first words, `…` when cut.
pub fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 24;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}
