//! Which sections describe the same item as an earlier one: a heading repeated with most
//! of its section, sibling headings with one name, or sections leading with one project
//! page. Computed once per check ([`crate::rules::Context::duplicate_sections`]):
//! dup-section reports the pairs, dup-link and dup-paragraph leave what they hold to it.
//!
//! Everything is found by hashing (canonical URLs, name keys, texts) in one pass over the
//! headings; sections are never compared pairwise.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use crate::document::entries::Entries;
use crate::document::{BlockKind, Document};
use crate::rules::canonical::canonicalize;
use crate::rules::web_links::{WebLink, entry_link, has_description, lead_link, links_in};
use crate::text::{collapse_whitespace, name_key_with_symbols};

/// Why two sections describe the same item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameItem {
    /// The same heading text, and most of what the later section lists or says is in
    /// the first: `shared` of its `total` entries (or texts and links, when `entries`
    /// is false) repeat the first.
    Repeated {
        shared: usize,
        total: usize,
        entries: bool,
    },
    /// Sibling headings with the same name once decoration is gone.
    Name,
    /// Both sections lead with this project link, and have the same name or share a
    /// text (one repository may host several projects, each with its own section).
    MainLink(String),
}

/// A section that describes the same item as an earlier one.
#[derive(Debug, Clone)]
pub struct DuplicateSection {
    pub first: usize,
    pub later: usize,
    pub reason: SameItem,
}

/// Share of a section, in percent, that must repeat an earlier section of the same
/// name for the two to be one section written twice.
const REPEATED_PERCENT: usize = 80;

/// Every section describing the same item as an earlier section, each later section
/// once, and none inside a section already reported as repeated: a section repeated
/// with its heading text wherever it is, sibling headings with one name, or sections
/// with one main link.
pub fn duplicate_sections(
    doc: &Document,
    entries: &Entries,
    links: &[WebLink],
) -> Vec<DuplicateSection> {
    let main_links = main_links(doc, links, &block_sections(doc));
    let contents = Contents::new(doc, entries, links);
    let mut by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut by_link: FxHashMap<&str, usize> = FxHashMap::default();
    let mut found: Vec<DuplicateSection> = Vec::new();
    // Where the sections reported as repeated end, at the furthest: every such section
    // starts before the heading looked at, so it holds the heading when it ends after it.
    let mut repeats_end = 0;
    for (i, heading) in doc.headings.iter().enumerate() {
        let key = name_key_with_symbols(&heading.text);
        let earlier = if key.is_empty() {
            Vec::new()
        } else {
            let named = by_name.entry(key).or_default();
            named.push(i);
            named[..named.len() - 1].to_vec()
        };
        let linked_first = main_links[i].map(|url| (url, *by_link.entry(url).or_insert(i)));
        if heading.span.start < repeats_end {
            continue;
        }
        let repeated = earlier
            .iter()
            .filter(|&&first| !doc.headings[first].section.contains(&heading.span.start))
            .find_map(|&first| contents.repeated(first, i).map(|reason| (first, reason)));
        let sibling = earlier
            .iter()
            .copied()
            .find(|&first| doc.headings[first].parent == heading.parent);
        let (first, reason) = if let Some(repeated) = repeated {
            repeated
        } else if let Some(first) = sibling {
            (first, SameItem::Name)
        } else if let Some((url, first)) = linked_first.filter(|&(_, first)| {
            first != i
                && (same_heading_name(doc, first, i) || share_text(doc, first, i))
                && !in_instructions(doc, first)
                && !in_instructions(doc, i)
        }) {
            (first, SameItem::MainLink(url.to_owned()))
        } else {
            continue;
        };
        if matches!(reason, SameItem::Repeated { .. }) {
            repeats_end = repeats_end.max(heading.section.end);
        }
        found.push(DuplicateSection {
            first,
            later: i,
            reason,
        });
    }
    found
}

/// Whether `first` lies in the first section and `later` in the later section of one
/// of `duplicates`: the two are reported with their sections, not one by one.
pub fn in_pair(
    doc: &Document,
    duplicates: &[DuplicateSection],
    first: usize,
    later: usize,
) -> bool {
    duplicates.iter().any(|d| {
        doc.headings[d.first].section.contains(&first)
            && doc.headings[d.later].section.contains(&later)
    })
}

/// What each section lists and says, to count how much of one repeats another: the
/// pages its entries lead with, or when it has none, its texts and link targets.
struct Contents<'d> {
    doc: &'d Document<'d>,
    links: &'d [WebLink],
    /// Each entry's block start and page, in document order.
    entries: Vec<(usize, &'d str)>,
}

impl<'d> Contents<'d> {
    fn new(doc: &'d Document<'d>, entries: &Entries, links: &'d [WebLink]) -> Self {
        let entries = entries
            .iter()
            .filter_map(|e| {
                let link = entry_link(doc, e, links)?;
                Some((doc.blocks[e.block].span.start, link.url.key.as_str()))
            })
            .collect();
        Self {
            doc,
            links,
            entries,
        }
    }

    /// The pages of the entries in heading `h`'s section.
    fn pages(&self, h: usize) -> FxHashSet<&'d str> {
        let section = &self.doc.headings[h].section;
        let start = self.entries.partition_point(|(at, _)| *at < section.start);
        self.entries[start..]
            .iter()
            .take_while(|(at, _)| *at < section.end)
            .map(|(_, page)| *page)
            .collect()
    }

    /// The texts and link targets of heading `h`'s section.
    fn units(&self, h: usize) -> FxHashSet<String> {
        let heading = &self.doc.headings[h];
        let body = heading.span.end..heading.section.end;
        let mut units = texts(self.doc, &body);
        units.extend(links_in(self.links, &body).iter().map(|l| l.target.clone()));
        units
    }

    /// Why section `later` repeats section `first` of the same name, if it does: most
    /// of the entries of the larger of the two are in both (or of their texts and
    /// links, when neither has entries).
    fn repeated(&self, first: usize, later: usize) -> Option<SameItem> {
        let (a, b) = (self.pages(first), self.pages(later));
        let (shared, total, entries) = if a.is_empty() && b.is_empty() {
            let (a, b) = (self.units(first), self.units(later));
            (a.intersection(&b).count(), a.len().max(b.len()), false)
        } else {
            (a.intersection(&b).count(), a.len().max(b.len()), true)
        };
        (shared > 0 && shared * 100 >= total * REPEATED_PERCENT).then_some(SameItem::Repeated {
            shared,
            total,
            entries,
        })
    }
}

/// Words of headings whose sections tell how to install or use what the list describes:
/// a heading there that links a project is an instruction about it, not a second entry.
/// (`Tutorials` and `Deployment` are categories of awesome lists, not instructions.)
const INSTRUCTIONS: &[&str] = &[
    "install",
    "setup",
    "usage",
    "how to",
    "getting started",
    "quick start",
    "quickstart",
    "instructions",
    "安装",
    "使用",
    "用法",
    "快速开始",
    "快速上手",
];

/// Whether heading `h` sits in an instructions or usage section.
fn in_instructions(doc: &Document, h: usize) -> bool {
    std::iter::successors(doc.headings[h].parent, |&p| doc.headings[p].parent).any(|p| {
        let text = doc.headings[p].text.to_lowercase();
        INSTRUCTIONS.iter().any(|word| text.contains(word))
    })
}

/// Whether headings `a` and `b` have one name ([`name_key_with_symbols`]).
pub fn same_heading_name(doc: &Document, a: usize, b: usize) -> bool {
    name_key_with_symbols(&doc.headings[a].text) == name_key_with_symbols(&doc.headings[b].text)
}

/// Shortest text that counts as evidence of a copied section.
const MIN_SHARED_CHARS: usize = 20;

/// Whether two sections have a paragraph, list item or other text in common (more
/// than a URL or a short label).
fn share_text(doc: &Document, a: usize, b: usize) -> bool {
    let body = |i: usize| doc.headings[i].span.end..doc.headings[i].section.end;
    let prose = |i: usize| {
        let mut texts = texts(doc, &body(i));
        texts.retain(|t| t.chars().count() >= MIN_SHARED_CHARS);
        texts
    };
    !prose(a).is_disjoint(&prose(b))
}

/// For each block, the heading whose section directly holds it.
fn block_sections(doc: &Document) -> Vec<Option<usize>> {
    doc.blocks
        .iter()
        .map(|b| doc.section_at(b.span.start))
        .collect()
}

/// The texts of the blocks in `range` (not headings), whitespace collapsed. A text
/// that is only a URL is left out: links are compared by their canonical form.
pub fn texts(doc: &Document, range: &Range<usize>) -> FxHashSet<String> {
    let start = doc.blocks.partition_point(|b| b.span.start < range.start);
    doc.blocks[start..]
        .iter()
        .take_while(|b| b.span.start < range.end)
        .filter_map(|b| match b.kind {
            BlockKind::Heading(_) => None,
            BlockKind::CodeBlock | BlockKind::Html => Some(collapse_whitespace(doc.slice(&b.span))),
            _ => Some(collapse_whitespace(&b.text)).filter(|t| !t.is_empty()),
        })
        .filter(|t| canonicalize(t).is_none())
        .collect()
}

/// The main link of each section that describes one item: the first project page
/// (repository, model, paper) among the links in its heading, then among the lead
/// links of its first block. A section with sub-sections, or whose first list is a
/// list of described entries, is a category and has none.
fn main_links<'l>(
    doc: &Document,
    links: &'l [WebLink],
    sections: &[Option<usize>],
) -> Vec<Option<&'l str>> {
    let mut first_block: Vec<Option<usize>> = vec![None; doc.headings.len()];
    for (i, block) in doc.blocks.iter().enumerate() {
        let own = block.parent.is_none()
            && !matches!(block.kind, BlockKind::Heading(_) | BlockKind::Html);
        if let (true, Some(section)) = (own, sections[i]) {
            first_block[section].get_or_insert(i);
        }
    }
    let has_children: FxHashSet<usize> = doc.headings.iter().filter_map(|h| h.parent).collect();
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            if has_children.contains(&i) {
                return None;
            }
            let in_heading = links_in(links, &heading.span).iter();
            let leads: Vec<&WebLink> = match first_block[i].map(|b| (b, &doc.blocks[b].kind)) {
                Some((b, BlockKind::List { .. })) => {
                    let items: Vec<usize> = (b + 1..doc.blocks.len())
                        .take_while(|&j| doc.blocks[j].span.start < doc.blocks[b].span.end)
                        .filter(|&j| doc.blocks[j].parent == Some(b))
                        .collect();
                    let leads: Vec<(usize, &WebLink)> = items
                        .iter()
                        .filter_map(|&j| lead_link(doc, j, links).map(|l| (j, l)))
                        .collect();
                    let described = leads
                        .iter()
                        .filter(|(j, l)| l.named && has_description(doc, *j, l))
                        .count();
                    if described >= 2 {
                        return None;
                    }
                    leads.into_iter().map(|(_, l)| l).collect()
                }
                Some((b, BlockKind::Paragraph)) => lead_link(doc, b, links).into_iter().collect(),
                _ => Vec::new(),
            };
            in_heading
                .chain(leads)
                .find(|l| l.url.project)
                .map(|l| l.url.key.as_str())
        })
        .collect()
}
