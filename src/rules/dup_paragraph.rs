//! `dup-paragraph`: a paragraph, or the text of a list item, written twice.
//!
//! Lists are edited by many hands and merges paste a paragraph twice; descriptions get
//! copied into the wrong section. Each unit is fingerprinted once (its source, whitespace
//! collapsed), so the check is linear in the document.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::text::collapse_whitespace;

use super::duplicates::{
    WebLink, block_sections, duplicate_sections, excerpt, fingerprint, lead_link, line_removal,
};
use super::{Category, Check, Context, FixAvailability, FixSafety, Rule, parse_options};

pub const RULE: Rule = Rule {
    name: "dup-paragraph",
    category: Category::Duplicates,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes(FixSafety::SafeOrUnsafe),
    summary: "a paragraph or list item written twice",
    options: parse_options::<DupParagraphOptions>,
    check: Check::Document(DupParagraph::check),
    doc: include_str!("../../rules/dup-paragraph.md"),
};

/// Options of `dup-paragraph`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DupParagraphOptions {
    /// Shortest text, in visible characters, worth reporting: short lines (`See also`,
    /// `MIT`) repeat legitimately.
    pub min_chars: usize,
}

impl Default for DupParagraphOptions {
    fn default() -> Self {
        Self {
            min_chars: 40,
        }
    }
}

/// A paragraph or a list item's own text.
struct Unit {
    block: usize,
    section: Option<usize>,
    is_item: bool,
}

pub struct DupParagraph;

impl DupParagraph {
    fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let min_chars = ctx.options::<DupParagraphOptions>().min_chars;
        let links = ctx.web_links();
        let sections = block_sections(doc);
        // A copied section is reported once, by dup-section, not paragraph by paragraph.
        let copied: HashSet<(usize, usize)> = duplicate_sections(doc, links, &sections)
            .into_iter()
            .map(|d| (d.first, d.later))
            .collect();
        let mut seen: HashMap<String, Unit> = HashMap::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            let Some(unit) = unit(doc, index, links, &sections) else {
                continue;
            };
            // Every char takes a byte at least: a short text needs no closer look.
            if block.text.len() < min_chars {
                continue;
            }
            let text = collapse_whitespace(&block.text);
            if prose_chars(doc, index, &text) < min_chars {
                continue;
            }
            let first = match seen.entry(fingerprint(doc, index)) {
                Entry::Occupied(first) => first.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(unit);
                    continue;
                }
            };
            if let (Some(a), Some(b)) = (first.section, unit.section)
                && copied.contains(&(a, b))
            {
                continue;
            }
            out.push(report(doc, first, &unit, &text));
        }
    }
}

/// Visible characters of a unit outside its links: a line made of links
/// (`Related: [Groupware](#groupware)`, `地址：https://…`) is navigation or a citation,
/// repeated on purpose, and repeated links are `dup-link`'s.
fn prose_chars(doc: &Document, index: usize, text: &str) -> usize {
    let span = &doc.blocks[index].span;
    let linked: usize = doc
        .links_within(span)
        .iter()
        .filter(|l| !l.image && l.span.end <= span.end)
        .map(|l| l.text.chars().count())
        .chain(doc.bare_urls_within(span).iter().map(|s| doc.slice(s).chars().count()))
        .sum();
    text.chars().count().saturating_sub(linked)
}

/// The unit block `index` is, if it is one: a paragraph, or a tight list item with
/// text. A list item (or its paragraph) that leads with a link is an entry, and
/// entries are `dup-link`'s.
fn unit(doc: &Document, index: usize, links: &[WebLink], sections: &[Option<usize>]) -> Option<Unit> {
    let block = &doc.blocks[index];
    let in_item = |i: Option<usize>| i.is_some_and(|i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }));
    let is_item = match block.kind {
        BlockKind::Paragraph => false,
        BlockKind::ListItem { .. } if !block.text.trim().is_empty() => true,
        _ => return None,
    };
    if (is_item || in_item(block.parent)) && lead_link(doc, index, links).is_some() {
        return None;
    }
    Some(Unit {
        block: index,
        section: sections[index],
        is_item,
    })
}

fn report(doc: &Document, first: &Unit, later: &Unit, text: &str) -> Diagnostic {
    let what = if later.is_item { "list item" } else { "paragraph" };
    let same_section = first.section == later.section;
    // The copy goes only if the original is of the same kind: a paragraph quoted in a
    // blockquote or a list item is not the same as a plain paragraph.
    let same_kind = first.is_item == later.is_item
        && (later.is_item || doc.blocks[first.block].parent.is_none());
    let removal = removal(doc, later).filter(|_| same_kind);
    let (help, fix) = match (same_section, removal) {
        (true, Some(range)) => (
            "delete this copy".to_owned(),
            Some(Fix::safe(vec![Edit::delete(range)])),
        ),
        (false, Some(range)) => (
            format!("delete this copy; the same text is in \"{}\"", section_name(doc, first)),
            Some(Fix::unsafe_edits(vec![Edit::delete(range)])),
        ),
        (_, None) => ("delete one of the copies".to_owned(), None),
    };
    Diagnostic::new(trimmed(doc, later),
        format!("{what} \"{}\" is written twice", excerpt(text)),
    )
    .with_label(trimmed(doc, first), "first written here")
    .with_help(help)
    .with_fix(fix)
}

/// What to delete to remove `unit` alone: a top-level paragraph with its blank line, or
/// a list item without nested blocks.
fn removal(doc: &Document, unit: &Unit) -> Option<std::ops::Range<usize>> {
    let block = &doc.blocks[unit.block];
    let has_children = doc.blocks.get(unit.block + 1).is_some_and(|b| b.parent == Some(unit.block));
    match (unit.is_item, block.parent) {
        (false, None) => line_removal(doc, &block.span, true),
        (true, _) if !has_children => line_removal(doc, &block.span, false),
        _ => None,
    }
}

/// A block's span without its trailing line ending.
fn trimmed(doc: &Document, unit: &Unit) -> std::ops::Range<usize> {
    let span = &doc.blocks[unit.block].span;
    span.start..span.start + doc.slice(span).trim_end().len()
}

fn section_name(doc: &Document, unit: &Unit) -> String {
    unit.section
        .map_or_else(|| "the introduction".to_owned(), |i| doc.headings[i].text.trim().to_owned())
}
