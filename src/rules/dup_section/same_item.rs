//! Which sections describe the same item as an earlier one: a heading repeated with most
//! of its section, sibling headings with one name, or sections leading with one project
//! page. Computed once per check ([`crate::rules::Context::duplicate_sections`]):
//! dup-section reports the pairs, dup-link and dup-paragraph leave what they hold to it.
//!
//! Everything is found by hashing (canonical URLs, name keys, texts) in one pass over the
//! headings; sections are never compared pairwise.

use rustc_hash::FxHashMap;

use crate::document::entries::Entries;
use crate::document::{BlockKind, Document, Heading};
use crate::rules::web_links::{WebLink, has_description, lead_link, links_in};
use crate::text::name_key_with_symbols;

use super::contents::Contents;

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
    /// Whether the later section has no sub-sections and every text of it is also in
    /// the first (worked out here, where the texts are interned, for dup-section's fix).
    pub texts_repeat: bool,
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
    let main_links = main_links(doc, links);
    let mut contents = Contents::new(doc, entries, links);
    let keys: Vec<String> = doc
        .headings
        .iter()
        .map(|h| name_key_with_symbols(h.text(doc)))
        .collect();
    let mut by_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut by_link: FxHashMap<&str, usize> = FxHashMap::default();
    let mut found: Vec<DuplicateSection> = Vec::new();
    // Where the sections reported as repeated end, at the furthest: every such section
    // starts before the heading looked at, so it holds the heading when it ends after it.
    let mut repeats_end = 0;
    for (i, heading) in doc.headings.iter().enumerate() {
        let earlier: &[usize] = if keys[i].is_empty() {
            &[]
        } else {
            let named = by_name.entry(&keys[i]).or_default();
            named.push(i);
            &named[..named.len() - 1]
        };
        let linked_first = main_links[i].map(|url| (url, *by_link.entry(url).or_insert(i)));
        if heading.span.start() < repeats_end {
            continue;
        }
        let repeated = earlier
            .iter()
            .filter(|&&first| !doc.headings[first].section.contains(heading.span.start()))
            .find_map(|&first| repeated(&mut contents, first, i).map(|reason| (first, reason)));
        let sibling = earlier
            .iter()
            .copied()
            .find(|&first| doc.headings[first].parent() == heading.parent());
        let (first, reason) = if let Some(repeated) = repeated {
            repeated
        } else if let Some(first) = sibling {
            (first, SameItem::Name)
        } else if let Some((url, first)) = linked_first.filter(|&(_, first)| {
            first != i
                && (keys[first] == keys[i] || contents.share_text(first, i, MIN_SHARED_CHARS))
                && !in_instructions(doc, first)
                && !in_instructions(doc, i)
        }) {
            (first, SameItem::MainLink(url.to_owned()))
        } else {
            continue;
        };
        if matches!(reason, SameItem::Repeated { .. }) {
            repeats_end = repeats_end.max(heading.section.end());
        }
        let has_children = doc
            .headings
            .get(i + 1)
            .is_some_and(|h| h.parent() == Some(i));
        found.push(DuplicateSection {
            first,
            later: i,
            reason,
            texts_repeat: !has_children && contents.texts_repeat(first, i),
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
        doc.headings[d.first].section.contains(first)
            && doc.headings[d.later].section.contains(later)
    })
}

/// Why section `later` repeats section `first` of the same name, if it does: most of
/// the entries of the larger of the two are in both (or of their texts and links, when
/// neither has entries).
fn repeated(contents: &mut Contents, first: usize, later: usize) -> Option<SameItem> {
    let (shared, total) = contents.shared_pages(first, later);
    let entries = total > 0;
    let (shared, total) = if entries {
        (shared, total)
    } else {
        contents.shared_units(first, later)
    };
    (shared > 0 && shared * 100 >= total * REPEATED_PERCENT).then_some(SameItem::Repeated {
        shared,
        total,
        entries,
    })
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
    std::iter::successors(doc.headings[h].parent(), |&p| doc.headings[p].parent()).any(|p| {
        let text = doc.headings[p].text(doc).to_lowercase();
        INSTRUCTIONS.iter().any(|word| text.contains(word))
    })
}

/// Whether headings `a` and `b` have one name ([`name_key_with_symbols`]).
pub fn same_heading_name(doc: &Document, a: usize, b: usize) -> bool {
    name_key_with_symbols(doc.headings[a].text(doc))
        == name_key_with_symbols(doc.headings[b].text(doc))
}

/// Shortest text that counts as evidence of a copied section: two sections sharing a
/// paragraph, list item or other text this long share more than a URL or a short label.
const MIN_SHARED_CHARS: usize = 20;

/// The main link of each section that describes one item: the first project page
/// (repository, model, paper) among the links in its heading, then among the lead
/// links of its first block. A section with sub-sections, or whose first list is a
/// list of described entries, is a category and has none.
fn main_links<'l>(doc: &Document, links: &'l [WebLink]) -> Vec<Option<&'l str>> {
    let mut has_children = vec![false; doc.headings.len()];
    for parent in doc.headings.iter().filter_map(|h| h.parent()) {
        has_children[parent] = true;
    }
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            if has_children[i] {
                return None;
            }
            let in_heading = links_in(links, &heading.span.range()).iter();
            let leads: Vec<&WebLink> = match first_own_block(doc, heading)
                .map(|b| (b, &doc.blocks[b].kind))
            {
                Some((b, BlockKind::List { .. })) => {
                    let items: Vec<usize> = (b + 1..doc.blocks.len())
                        .take_while(|&j| doc.blocks[j].span.start() < doc.blocks[b].span.end())
                        .filter(|&j| doc.blocks[j].parent() == Some(b))
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
                .map(|l| l.url.key())
        })
        .collect()
}

/// The first block a section leads with: its first top-level block before any
/// sub-heading, HTML (badges, images) aside.
fn first_own_block(doc: &Document, heading: &Heading) -> Option<usize> {
    let own = heading.span.end()..doc.next_heading_start(heading.span.end());
    doc.block_indices_within(&own).find(|&b| {
        let block = &doc.blocks[b];
        block.parent().is_none() && !matches!(block.kind, BlockKind::Heading(_) | BlockKind::Html)
    })
}
