//! Where a document's table of contents is: between a generator's markers, under a
//! heading or short paragraph titled like one, or else the first list whose items mostly
//! link to sections below it; and which heading levels it covers.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::settings::TocConfig;
use crate::text::name_key;

use super::anchors::{Anchor, Anchors};
use super::link_entries::{link_entries, resolve_in};
use super::model::{Style, Toc, within};

impl Toc {
    /// The document's TOC, if it has one: the first candidate region whose entries
    /// mostly name sections.
    pub(super) fn detect(doc: &Document, anchors: &Anchors, config: &TocConfig) -> Option<Self> {
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
            let end = next_section_start(doc, start);
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

/// The comments TOC generators write around the TOC they maintain (compared in lower
/// case, as the comment's whole body or its first words): the start, and the ends
/// that close it.
const MARKERS: &[(&str, &[&str])] = &[
    // markdown-toc, and Markdown All in One (`<!-- TOC -->` … `<!-- /TOC -->`).
    ("toc", &["tocstop", "/toc"]),
    ("start doctoc", &["end doctoc"]),
    ("begin mktoc", &["end mktoc"]),
    // Sublime Text's MarkdownTOC, whose start may carry options.
    ("markdowntoc", &["/markdowntoc"]),
    ("mdformat-toc start", &["mdformat-toc end"]),
];

/// Between a TOC generator's start and end markers ([`MARKERS`]).
pub(super) fn marked_region(doc: &Document) -> Option<Range<usize>> {
    let mut open: Option<(usize, &[&str])> = None;
    for (span, body) in doc.html_comments() {
        let body = body.to_ascii_lowercase();
        let word = |prefix: &str| {
            body.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        };
        match open {
            None => {
                open = MARKERS
                    .iter()
                    .find(|(start, _)| word(start))
                    .map(|(_, ends)| (span.end, *ends));
            }
            Some((from, ends)) if ends.iter().any(|end| word(end)) => {
                return Some(from..span.start);
            }
            Some(_) => {}
        }
    }
    None
}

/// From the first list or table whose items (cells holding a link, for a table), with
/// those of the lists after it up to the next heading (a TOC may be several lists
/// under group titles), mostly link to sections that come after them, to that heading.
fn first_link_list(doc: &Document, anchors: &Anchors) -> Option<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| {
            b.parent.is_none() && matches!(b.kind, BlockKind::List { .. } | BlockKind::Table)
        })
        .map(|b| b.span.start..next_section_start(doc, b.span.end))
        .find(|region| {
            let items = doc.blocks[doc.block_indices_within(region)]
                .iter()
                .filter(|b| within(&b.span, region))
                .filter(|b| match b.kind {
                    BlockKind::ListItem { .. } => true,
                    BlockKind::TableCell => !doc.links_within(&b.span).is_empty(),
                    _ => false,
                })
                .count();
            let forward = doc
                .links_within(region)
                .iter()
                .filter(|l| !l.image)
                .filter(|l| {
                    matches!(resolve_in(doc, anchors, &l.dest, region), Some(Anchor::Heading(h)) if doc.headings[h].span.start >= region.end)
                })
                .count();
            forward >= 3 && forward * 5 >= items * 3
        })
}

/// Start of the first heading at or after `offset` that opens a section: not one
/// inside a list item (`* #### [Tools](#tools)`, a TOC item written as a heading).
fn next_section_start(doc: &Document, offset: usize) -> usize {
    let first = doc.headings.partition_point(|h| h.span.start < offset);
    doc.headings[first..]
        .iter()
        .map(|h| h.span.start)
        .find(|&start| {
            !doc.block_at(start).is_some_and(|b| {
                doc.ancestors(b)
                    .any(|a| matches!(a.kind, BlockKind::ListItem { .. }))
            })
        })
        .unwrap_or(doc.source.len())
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
}
