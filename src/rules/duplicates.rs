//! What the duplicate rules share: the web links of a document with their canonical
//! form, the link an entry leads with, the fingerprint of a paragraph, and the sections
//! that describe one item.
//!
//! Everything is found by hashing (canonical URLs, fingerprints, name keys) in one pass
//! over the document; sections are never compared pairwise.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use crate::document::entries::{Container, Entry, entries, own_text};
use crate::document::{BlockKind, Document, LinkKind};
use crate::text::{collapse_whitespace, name_key_with_symbols};

use super::canonical::{CanonicalUrl, canonicalize};

/// A link to a web page, written as a Markdown link or as a bare URL. Images and
/// badges (a link around nothing but an image) are not links to what an entry is.
#[derive(Debug, Clone)]
pub struct WebLink {
    pub span: Range<usize>,
    pub url: CanonicalUrl,
    /// Its visible text: the link text, or the URL itself when bare.
    pub text: String,
    /// Whether the text names something (`[TinyLlama](…)`) rather than repeating the URL.
    pub named: bool,
    /// The canonical URL with the fragment it was written with, if any: `README.md#queue`
    /// and `README.md#stack` are one page but two places in it.
    pub target: String,
}

/// Every web link of `doc`, in document order (read once per check through
/// [`super::Context::web_links`]).
pub fn find_web_links(doc: &Document) -> Vec<WebLink> {
    let mut links: Vec<WebLink> = Vec::new();
    for (i, link) in doc.links.iter().enumerate() {
        if link.image || link.kind == LinkKind::Email || is_badge(doc, i) {
            continue;
        }
        let Some(url) = canonicalize(&link.dest) else {
            continue;
        };
        let named = link.kind != LinkKind::Autolink && canonicalize(&link.text).is_none();
        links.push(WebLink {
            span: link.span.clone(),
            target: target(&url, &link.dest),
            url,
            text: link.text.clone(),
            named,
        });
    }
    for span in &doc.bare_urls {
        let text = doc.slice(span);
        let absolute = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        if let Some(url) = canonicalize(&absolute) {
            links.push(WebLink {
                span: span.clone(),
                target: target(&url, &absolute),
                url,
                text: text.to_owned(),
                named: false,
            });
        }
    }
    links.sort_by_key(|l| l.span.start);
    links
}

/// The canonical `url` with the fragment of `dest`, when it has one the canonical form
/// dropped.
fn target(url: &CanonicalUrl, dest: &str) -> String {
    match dest.split_once('#') {
        Some((_, fragment)) if !fragment.is_empty() && !url.key.contains('#') => {
            format!("{}#{fragment}", url.key)
        }
        _ => url.key.clone(),
    }
}

/// `[![build](badge.svg)](ci)`: a link whose whole text is one image.
fn is_badge(doc: &Document, index: usize) -> bool {
    let link = &doc.links[index];
    doc.links.get(index + 1).is_some_and(|inner| {
        inner.image
            && inner.span.start == link.span.start + 1
            && doc.source.as_bytes().get(inner.span.end) == Some(&b']')
    })
}

/// The links of `links` that start inside `span`.
pub fn links_in<'l>(links: &'l [WebLink], span: &Range<usize>) -> &'l [WebLink] {
    let start = links.partition_point(|l| l.span.start < span.start);
    let end = links.partition_point(|l| l.span.start < span.end);
    &links[start..end]
}

/// The link a list item or paragraph starts with (`- [Name](url) – what it is`,
/// `- https://…`), if its text starts with a web link.
pub fn lead_link<'l>(doc: &Document, index: usize, links: &'l [WebLink]) -> Option<&'l WebLink> {
    let (text, span) = own_text(doc, index);
    let first = links_in(links, &span).first()?;
    let text = text.trim_start();
    (!first.text.trim().is_empty() && text.starts_with(first.text.trim())).then_some(first)
}

/// Whether a list item says something after the link it leads with: the shape of an
/// entry in an awesome list (`- [Name](url) - description`).
pub fn has_description(doc: &Document, index: usize, lead: &WebLink) -> bool {
    let (text, _) = own_text(doc, index);
    let after = text
        .trim_start()
        .strip_prefix(lead.text.trim())
        .unwrap_or_default();
    let rest = after.trim_start_matches(|c: char| c.is_whitespace() || "-–—:：|,，.。".contains(c));
    !rest.is_empty()
}

/// The text that identifies a paragraph or the own text of a list item, whitespace
/// collapsed, list marker dropped: two copies compare equal however they are wrapped.
pub fn fingerprint(doc: &Document, index: usize) -> String {
    let block = &doc.blocks[index];
    let source = match block.kind {
        BlockKind::ListItem { .. } => {
            let (_, span) = own_text(doc, index);
            strip_list_marker(doc.slice(&span))
        }
        _ => doc.slice(&block.span),
    };
    collapse_whitespace(source)
}

/// Whether two paragraphs, or the own texts of two list items, are byte for byte the
/// same once the list marker and the indentation and line ending around them are set
/// aside: deleting one of them then loses nothing.
pub fn identical(doc: &Document, a: usize, b: usize) -> bool {
    let source = |i: usize| {
        let block = &doc.blocks[i];
        match block.kind {
            BlockKind::ListItem { .. } => {
                strip_list_marker(doc.slice(&own_text(doc, i).1)).trim_end()
            }
            _ => doc.slice(&block.span).trim(),
        }
    };
    source(a) == source(b)
}

/// How many entries each category directly holds.
pub fn entries_per_container(doc: &Document) -> FxHashMap<Container, usize> {
    let mut counts = FxHashMap::default();
    for entry in entries(doc) {
        *counts.entry(entry.container()).or_insert(0) += 1;
    }
    counts
}

fn strip_list_marker(item: &str) -> &str {
    let item = item.trim_start();
    let rest = item
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = item.len() - item.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            item[digits..]
                .strip_prefix(['.', ')'])
                .filter(|_| digits > 0)
        })
        .unwrap_or(item);
    rest.trim_start()
}

/// The start of a text for a message: its first words, `…` when cut.
pub fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 24;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

/// For each block, the heading whose section directly holds it.
pub fn block_sections(doc: &Document) -> Vec<Option<usize>> {
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
    links: &[WebLink],
    sections: &[Option<usize>],
) -> Vec<DuplicateSection> {
    let main_links = main_links(doc, links, sections);
    let contents = Contents::new(doc, links);
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
    fn new(doc: &'d Document<'d>, links: &'d [WebLink]) -> Self {
        let entries = entries(doc)
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

/// The web link an entry is about, if it is a web page.
pub fn entry_link<'l>(doc: &Document, entry: &Entry, links: &'l [WebLink]) -> Option<&'l WebLink> {
    let span = &entry.link(doc).span;
    links_in(links, span)
        .first()
        .filter(|l| l.span.start == span.start)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_links_and_descriptions() {
        let source = "- [Foo](https://github.com/a/foo) - a thing\n- https://arxiv.org/abs/2401.02385\n- see [Bar](https://example.com)\n";
        let doc = Document::parse(source);
        let links = &find_web_links(&doc);
        let items: Vec<usize> = (0..doc.blocks.len())
            .filter(|&i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
            .collect();
        let foo = lead_link(&doc, items[0], links).expect("foo leads");
        assert_eq!(foo.url.key, "github.com/a/foo");
        assert!(foo.named && has_description(&doc, items[0], foo));
        let paper = lead_link(&doc, items[1], links).expect("bare URL leads");
        assert!(!paper.named && !has_description(&doc, items[1], paper));
        assert!(lead_link(&doc, items[2], links).is_none());
        assert_eq!(
            fingerprint(&doc, items[0]),
            "[Foo](https://github.com/a/foo) - a thing"
        );
    }
}
