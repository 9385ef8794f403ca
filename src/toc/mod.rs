//! The document's table of contents, found once and matched against its sections.
//!
//! A TOC is found by explicit markers (`<!-- toc -->`, doctoc, mktoc), else by a heading
//! or short paragraph titled like one (Contents, Table of Contents, 目录, 一览 …), else
//! as the first list whose items mostly link to sections below it. Two styles exist:
//! link lists (`- [Name](#anchor)`, nested), and tables of plain names grouped under
//! emphasised group titles (the Pocket list). Link entries resolve by anchor, names by
//! [`names::match_names`]. Every TOC rule reads the one [`Analysis`] of a document.

pub mod anchors;
pub mod edit;
pub mod names;

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::settings::TocConfig;
use crate::text::name_key;

use anchors::{Anchor, Anchors, Suggestion};
use names::{Candidate, NameMatch, Query};

/// Section titles a TOC usually leaves out (compared as [`name_key`]s, by containment).
const USUALLY_LEFT_OUT: &[&str] = &[
    "contributing",
    "contribute",
    "contribution",
    "contributors",
    "license",
    "licence",
    "footnotes",
    "related",
    "acknowledg",
    "credits",
    "sponsors",
    "backers",
    "starhistory",
    "changelog",
    "codeofconduct",
    "citation",
    "贡献",
    "许可",
    "致谢",
    "协议",
    "赞助",
    "赞赏",
];

/// The anchors of a document and its TOC, if it has one.
#[derive(Debug)]
pub struct Analysis {
    pub anchors: Anchors,
    pub toc: Option<Toc>,
}

/// The anchors of `doc` and its table of contents, found with `config`. Rules read it
/// once per check through [`crate::rules::Context`].
pub fn analyse(doc: &Document, config: &TocConfig) -> Analysis {
    let anchors = Anchors::new(doc);
    let toc = config
        .enabled
        .then(|| Toc::detect(doc, &anchors, config))
        .flatten();
    Analysis { anchors, toc }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Nested lists of `[Name](#anchor)` links.
    Links,
    /// Tables whose body cells name sections.
    Tables,
}

#[derive(Debug)]
pub struct Toc {
    pub style: Style,
    /// The heading or paragraph block titling the TOC, if any.
    pub title: Option<usize>,
    /// The TOC's body: from after its title or start marker to its end.
    pub region: Range<usize>,
    pub entries: Vec<Entry>,
    /// Table TOCs: the emphasised group titles, each standing for a part.
    pub groups: Vec<Group>,
    /// Heading levels of the sections the TOC lists.
    pub levels: Vec<u8>,
}

/// A group of a table TOC (`*训练/推理*` then its tables).
#[derive(Debug)]
pub struct Group {
    pub title: String,
    pub span: Range<usize>,
    /// The part heading (`## 2 训练/推理`) the group stands for.
    pub part: Option<usize>,
}

#[derive(Debug)]
pub struct Entry {
    /// The entry's text (link text, or cell text without its "new" marker).
    pub text: String,
    /// The link, or the table cell's content.
    pub span: Range<usize>,
    pub kind: EntryKind,
    pub target: Target,
}

#[derive(Debug)]
pub enum EntryKind {
    Link {
        /// Index into [`Document::links`].
        link: usize,
        /// The list item holding the link, by block index.
        item: Option<usize>,
        depth: usize,
    },
    Cell {
        group: Option<usize>,
        /// Marked new (`*【Name】`).
        new: bool,
    },
}

/// How an entry matched its section: by anchor, or by a name of some closeness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Its link's anchor.
    Anchor,
    /// The same name.
    Exact,
    /// A short form (`百川` for `百川 Baichuan-7B`).
    Short,
    /// A similar name only.
    Fuzzy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Heading(usize, MatchKind),
    /// An HTML anchor or the top of the page.
    Elsewhere,
    /// A name fitting several headings equally well.
    Ambiguous(Vec<usize>),
    /// A link whose anchor no heading has, though a section matches it.
    Broken(Suggestion),
    /// Matches no section.
    Dangling,
}

impl Entry {
    /// The heading this entry lists, when it resolves to exactly one.
    pub fn heading(&self) -> Option<usize> {
        match self.target {
            Target::Heading(h, _) => Some(h),
            _ => None,
        }
    }

    /// The list item holding a link entry.
    pub fn item(&self) -> Option<usize> {
        match self.kind {
            EntryKind::Link { item, .. } => item,
            EntryKind::Cell { .. } => None,
        }
    }

    /// Headings this entry stands for, however uncertainly: none is missing from the TOC.
    fn claims(&self) -> Vec<usize> {
        match &self.target {
            Target::Heading(h, _) => vec![*h],
            Target::Broken(s) => vec![s.heading],
            Target::Ambiguous(list) => list.clone(),
            Target::Elsewhere | Target::Dangling => Vec::new(),
        }
    }
}

impl Toc {
    fn detect(doc: &Document, anchors: &Anchors, config: &TocConfig) -> Option<Self> {
        if let Some(region) = marked_region(doc) {
            return Self::build(doc, anchors, config, None, region);
        }
        let titled = doc.blocks.iter().enumerate().filter(|(_, b)| match b.kind {
            BlockKind::Heading(_) => is_title(&b.text, config),
            BlockKind::Paragraph => {
                b.parent.is_none() && b.text.chars().count() <= 80 && is_title(&b.text, config)
            }
            _ => false,
        });
        for (index, block) in titled {
            let start = block.span.end;
            let end = doc.next_heading_start(start);
            if let Some(toc) = Self::build(doc, anchors, config, Some(index), start..end) {
                return Some(toc);
            }
        }
        if config.start.is_some() {
            return None;
        }
        let list = first_link_list(doc, anchors)?;
        Self::build(doc, anchors, config, None, list)
    }

    fn build(
        doc: &Document,
        anchors: &Anchors,
        config: &TocConfig,
        title: Option<usize>,
        region: Range<usize>,
    ) -> Option<Self> {
        let mut toc = Self {
            style: Style::Links,
            title,
            entries: link_entries(doc, anchors, &region),
            region,
            groups: Vec::new(),
            levels: Vec::new(),
        };
        if toc.entries.is_empty() {
            toc.style = Style::Tables;
            toc.table_entries(doc);
            // Tables of anything else under a "Contents" title are no TOC.
            let named = toc.entries.iter().filter(|e| e.heading().is_some()).count();
            if named * 2 < toc.entries.len() {
                return None;
            }
        }
        if toc.entries.is_empty() {
            return None;
        }
        toc.levels = match &config.levels {
            Some(levels) => levels.clone(),
            None => toc.inferred_levels(doc),
        };
        Some(toc)
    }

    /// Groups and cells of a table TOC, names matched to the headings after it.
    fn table_entries(&mut self, doc: &Document) {
        let after: Vec<usize> = (0..doc.headings.len())
            .filter(|&h| doc.headings[h].span.start >= self.region.end)
            .collect();
        let Some(part_level) = after.iter().map(|&h| doc.headings[h].level).min() else {
            return;
        };
        let mut group_queries = Vec::new();
        let mut cells = Vec::new();
        for block in doc.blocks.iter().filter(|b| within(&b.span, &self.region)) {
            match block.kind {
                BlockKind::Paragraph
                    if block.parent.is_none() && is_emphasised(doc.slice(&block.span)) =>
                {
                    self.groups.push(Group {
                        title: block.text.trim().to_owned(),
                        span: block.span.clone(),
                        part: None,
                    });
                    group_queries.push(block.text.trim().to_owned());
                }
                BlockKind::TableCell if !name_key(&block.text).is_empty() => {
                    let in_head = block
                        .parent
                        .is_some_and(|p| doc.blocks[p].kind == BlockKind::TableHead);
                    if !in_head {
                        cells.push((block, self.groups.len().checked_sub(1)));
                    }
                }
                _ => {}
            }
        }
        let parts: Vec<Candidate> = after
            .iter()
            .filter(|&&h| doc.headings[h].level == part_level)
            .map(|&h| Candidate {
                heading: h,
                part: None,
                text: &doc.headings[h].text,
            })
            .collect();
        let queries: Vec<Query> = group_queries
            .iter()
            .map(|text| Query { text, part: None })
            .collect();
        for (group, found) in self
            .groups
            .iter_mut()
            .zip(names::match_names(&parts, &queries))
        {
            group.part = match found {
                NameMatch::Exact(h) | NameMatch::Short(h) | NameMatch::Fuzzy(h) => Some(h),
                _ => None,
            };
        }
        let is_part = |h: usize| self.groups.iter().any(|g| g.part == Some(h));
        let part_of = |mut h: usize| loop {
            if doc.headings[h].level <= part_level {
                return Some(h);
            }
            h = doc.headings[h].parent?;
        };
        let candidates: Vec<Candidate> = after
            .iter()
            .filter(|&&h| !is_part(h))
            .map(|&h| Candidate {
                heading: h,
                part: part_of(h),
                text: &doc.headings[h].text,
            })
            .collect();
        let texts: Vec<(String, bool)> = cells
            .iter()
            .map(|(b, _)| strip_new_marker(b.text.trim()))
            .collect();
        let queries: Vec<Query> = texts
            .iter()
            .zip(&cells)
            .map(|((text, _), (_, group))| Query {
                text,
                part: group.and_then(|g| self.groups[g].part),
            })
            .collect();
        let found = names::match_names(&candidates, &queries);
        for (((block, group), (text, new)), found) in cells.into_iter().zip(texts).zip(found) {
            let target = match found {
                NameMatch::Exact(h) => Target::Heading(h, MatchKind::Exact),
                NameMatch::Short(h) => Target::Heading(h, MatchKind::Short),
                NameMatch::Fuzzy(h) => Target::Heading(h, MatchKind::Fuzzy),
                NameMatch::Ambiguous(list) => Target::Ambiguous(list),
                NameMatch::None => Target::Dangling,
            };
            let source = doc.slice(&block.span);
            let start = block.span.start + (source.len() - source.trim_start().len());
            let end = block.span.start + source.trim_end().len();
            self.entries.push(Entry {
                text,
                span: start..end,
                kind: EntryKind::Cell { group, new },
                target,
            });
        }
    }

    /// Levels the TOC covers: each level at which it lists at least half the sections
    /// after it, and always the highest level it lists (for tables of names, the level
    /// most entries name: a stray `##` entry does not make every part an entry).
    fn inferred_levels(&self, doc: &Document) -> Vec<u8> {
        let listed: Vec<u8> = self
            .entries
            .iter()
            .filter_map(|e| e.heading())
            .map(|h| doc.headings[h].level)
            .collect();
        let top = match self.style {
            Style::Links => listed.iter().min().copied(),
            Style::Tables => (1..=6).max_by_key(|&l| listed.iter().filter(|&&x| x == l).count()),
        };
        let Some(top) = top.filter(|_| !listed.is_empty()) else {
            return Vec::new();
        };
        (top..=6)
            .filter(|&level| {
                let total = doc
                    .headings
                    .iter()
                    .filter(|h| h.level == level && h.span.start >= self.region.end)
                    .count();
                let count = listed.iter().filter(|&&l| l == level).count();
                level == top || (count > 0 && count * 2 >= total)
            })
            .collect()
    }

    /// For each heading, whether some entry stands for it.
    pub fn listed(&self, doc: &Document) -> Vec<bool> {
        let mut listed = vec![false; doc.headings.len()];
        for entry in &self.entries {
            for h in entry.claims() {
                listed[h] = true;
            }
        }
        listed
    }

    /// The headings this TOC should list, in document order: those it lists before it
    /// (its own title, the document's), and sections after it at a
    /// covered level, except those usually left out that it does not list (and their
    /// subsections); a deeper
    /// section only under a listed parent whose own subsections the TOC lists.
    pub fn expected(&self, doc: &Document, config: &TocConfig) -> Vec<usize> {
        let listed = self.listed(doc);
        let Some(&top) = self.levels.iter().min() else {
            return Vec::new();
        };
        let title = self.title.and_then(|b| match doc.blocks[b].kind {
            BlockKind::Heading(h) => Some(h),
            _ => None,
        });
        let mut has_listed_child = vec![false; doc.headings.len()];
        for (h, heading) in doc.headings.iter().enumerate() {
            if let Some(p) = heading.parent
                && listed[h]
            {
                has_listed_child[p] = true;
            }
        }
        let left_out = |h: usize| {
            let key = name_key(&doc.headings[h].text);
            // A heading with nothing to name it (`##` alone) cannot be listed.
            Some(h) == title
                || key.is_empty()
                || USUALLY_LEFT_OUT.iter().any(|k| key.contains(k))
                || config.exclude.iter().any(|e| name_key(e) == key)
        };
        let parts: Vec<usize> = self.groups.iter().filter_map(|g| g.part).collect();
        let mut expected = Vec::new();
        let mut skipped: Vec<bool> = vec![false; doc.headings.len()];
        for (h, heading) in doc.headings.iter().enumerate() {
            if heading.span.start < self.region.end && !listed[h] {
                continue;
            }
            if heading.parent.is_some_and(|p| skipped[p]) || (left_out(h) && !listed[h]) {
                skipped[h] = true;
                continue;
            }
            if !self.levels.contains(&heading.level) {
                continue;
            }
            let in_scope = match self.style {
                // A top-level section counts in a part the TOC lists something of
                // (not in `## Resources` when it lists only `## Projects`' sections).
                Style::Links => {
                    let parent_listed = heading.parent.is_none_or(|p| has_listed_child[p]);
                    (heading.level == top && parent_listed)
                        || heading
                            .parent
                            .is_some_and(|p| listed[p] && has_listed_child[p])
                }
                // A table TOC lists the sections of the parts its groups stand for.
                Style::Tables => {
                    parts.is_empty()
                        || std::iter::successors(heading.parent, |&p| doc.headings[p].parent)
                            .any(|p| parts.contains(&p))
                }
            };
            if in_scope {
                expected.push(h);
            }
        }
        expected
    }
}

fn within(span: &Range<usize>, region: &Range<usize>) -> bool {
    span.start >= region.start && span.end <= region.end
}

/// A TOC title: Contents, Table of Contents, TOC, 目录, 内容, … 一览, any case, decorated.
fn is_title(text: &str, config: &TocConfig) -> bool {
    let key = name_key(text);
    if let Some(start) = &config.start {
        return key == name_key(start);
    }
    const TITLES: &[&str] = &[
        "contents",
        "toc",
        "index",
        "目录",
        "目錄",
        "内容",
        "索引",
        "一览",
        "内容目录",
    ];
    TITLES.contains(&key.as_str())
        || key.contains("tableofcontent")
        || (key.chars().count() <= 12 && (key.ends_with("一览") || key.ends_with("目录")))
}

/// `*训练/推理*`, `**Tools**`: a paragraph that is all emphasis.
fn is_emphasised(source: &str) -> bool {
    let text = source.trim();
    let marks = text.chars().take_while(|&c| c == '*' || c == '_').count();
    marks > 0
        && text
            .chars()
            .rev()
            .take_while(|&c| c == '*' || c == '_')
            .count()
            == marks
        && !text.contains('\n')
}

/// A table cell's name and whether it is marked new: `*【Name】` → (`Name`, true).
fn strip_new_marker(text: &str) -> (String, bool) {
    match text.strip_prefix('*').map(str::trim_start) {
        Some(rest) => {
            let inner = rest
                .strip_prefix('【')
                .and_then(|r| r.strip_suffix('】'))
                .unwrap_or(rest);
            (inner.trim().to_owned(), true)
        }
        None => (text.to_owned(), false),
    }
}

/// Between `<!-- toc -->` and `<!-- tocstop -->`, or doctoc's or mktoc's markers.
fn marked_region(doc: &Document) -> Option<Range<usize>> {
    let mut start = None;
    for (span, body) in doc.html_comments() {
        let body = body.to_ascii_lowercase();
        let word = |prefix: &str| body == prefix || body.starts_with(&format!("{prefix} "));
        match start {
            None if word("toc") || word("start doctoc") || word("begin mktoc") => {
                start = Some(span.end)
            }
            Some(from) if word("tocstop") || word("end doctoc") || word("end mktoc") => {
                return Some(from..span.start);
            }
            _ => {}
        }
    }
    None
}

/// From the first list whose items, with those of the lists after it up to the next
/// heading (a TOC may be several lists under group titles), mostly link to sections
/// that come after them, to that heading.
fn first_link_list(doc: &Document, anchors: &Anchors) -> Option<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| b.parent.is_none() && matches!(b.kind, BlockKind::List { .. }))
        .map(|b| b.span.start..doc.next_heading_start(b.span.end))
        .find(|region| {
            let items = doc.blocks[doc.block_indices_within(region)]
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }) && within(&b.span, region))
                .count();
            let forward = doc
                .links_within(region)
                .iter()
                .filter(|l| !l.image)
                .filter(|l| {
                    matches!(anchors.resolve(&l.dest), Some(Anchor::Heading(h)) if doc.headings[h].span.start >= region.end)
                })
                .count();
            forward >= 3 && forward * 5 >= items * 3
        })
}

/// Every `#fragment` link in `region`, resolved.
fn link_entries(doc: &Document, anchors: &Anchors, region: &Range<usize>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = doc
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.image && l.dest.starts_with('#') && within(&l.span, region))
        .map(|(index, link)| {
            let item = list_item_at(doc, region, link.span.start);
            let target = match anchors.resolve(&link.dest) {
                // A back-to-top link to the TOC's title, outside its list, is no entry.
                Some(Anchor::Heading(h))
                    if item.is_none() && doc.headings[h].span.start < region.start =>
                {
                    Target::Elsewhere
                }
                Some(Anchor::Heading(h)) => Target::Heading(h, MatchKind::Anchor),
                Some(Anchor::Html(a)) => match html_anchor_heading(doc, a) {
                    Some(h) => Target::Heading(h, MatchKind::Anchor),
                    None => Target::Elsewhere,
                },
                Some(Anchor::Top) => Target::Elsewhere,
                // Broken: suggestions need the entries' structure, found below.
                None => Target::Dangling,
            };
            Entry {
                text: link.text.clone(),
                span: link.span.clone(),
                kind: EntryKind::Link {
                    link: index,
                    item: item.map(|(i, _)| i),
                    depth: item.map_or(0, |(_, d)| d),
                },
                target,
            }
        })
        .collect();
    // A broken anchor's section is looked for first under the entry's parent entry.
    let suggestions: Vec<Option<Suggestion>> = entries
        .iter()
        .map(|entry| {
            let EntryKind::Link { link, .. } = entry.kind else {
                return None;
            };
            let link = &doc.links[link];
            (entry.target == Target::Dangling && anchors.resolve(&link.dest).is_none())
                .then(|| {
                    Anchors::suggest(
                        doc,
                        &link.dest,
                        &link.text,
                        parent_heading(doc, &entries, entry),
                    )
                })
                .flatten()
        })
        .collect();
    // A guess at a section another entry lists is no guess: without another
    // candidate, the entry is dangling.
    let mut resolved = vec![false; doc.headings.len()];
    for heading in entries.iter().filter_map(Entry::heading) {
        resolved[heading] = true;
    }
    for (entry, suggestion) in entries.iter_mut().zip(suggestions) {
        let Some(mut s) = suggestion else {
            continue;
        };
        if !s.certain {
            s.candidates.retain(|&h| !resolved[h]);
        }
        if let Some(&heading) = s.candidates.first() {
            s.heading = heading;
            entry.target = Target::Broken(s);
        }
    }
    entries
}

/// The heading of the entry whose list item holds `entry`'s: the section the TOC's
/// structure places it in.
fn parent_heading(doc: &Document, entries: &[Entry], entry: &Entry) -> Option<usize> {
    let item = entry.item()?;
    let parent = std::iter::successors(doc.blocks[item].parent, |&b| doc.blocks[b].parent)
        .find(|&b| matches!(doc.blocks[b].kind, BlockKind::ListItem { .. }))?;
    entries
        .iter()
        .filter(|e| e.item() == Some(parent))
        .find_map(Entry::heading)
}

/// The heading an HTML anchor names: the one it sits in (`### <a id="csharp"></a>C#`)
/// or the one right after it, with only blank space between
/// (`<a name="general" />` on the line above `## Introduction`).
fn html_anchor_heading(doc: &Document, anchor: usize) -> Option<usize> {
    let span = &doc.html_anchors[anchor].span;
    let next = doc.headings.partition_point(|h| h.span.start <= span.start);
    if let Some(h) = next
        .checked_sub(1)
        .filter(|&h| doc.headings[h].span.contains(&span.start))
    {
        return Some(h);
    }
    // The anchor's span is its name: the tag ends at the next `>`, then maybe `</a>`.
    let heading = doc.headings.get(next)?;
    let (_, after_tag) = doc
        .source
        .get(span.end..heading.span.start)?
        .split_once('>')?;
    let rest = after_tag.trim_start();
    let rest = rest.strip_prefix("</a>").unwrap_or(rest);
    rest.trim().is_empty().then_some(next)
}

/// The innermost list item inside `region` holding `offset`, with its depth.
fn list_item_at(doc: &Document, region: &Range<usize>, offset: usize) -> Option<(usize, usize)> {
    std::iter::successors(doc.block_at(offset), |&i| doc.blocks[i].parent).find_map(|i| {
        let block = &doc.blocks[i];
        match block.kind {
            BlockKind::ListItem { depth } if within(&block.span, region) => Some((i, depth)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_recognised_with_decoration() {
        let config = TocConfig::default();
        for title in [
            "Contents",
            "📖 Table of Contents",
            "目录",
            "**开源模型一览** (Table of Contents)：",
            "TOC",
        ] {
            assert!(is_title(title, &config), "{title}");
        }
        for title in ["Content Management Systems", "视频内容总结", "Contributing"] {
            assert!(!is_title(title, &config), "{title}");
        }
    }

    #[test]
    fn new_markers_are_stripped() {
        assert_eq!(strip_new_marker("*【YAYI 2】"), ("YAYI 2".to_owned(), true));
        assert_eq!(strip_new_marker("百川"), ("百川".to_owned(), false));
    }
}
