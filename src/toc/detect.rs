//! Where a document's table of contents is: between a generator's markers, under a
//! heading or short paragraph titled like one, or else the first list whose items mostly
//! link to sections below it; and which heading levels it covers.

use std::ops::Range;

use crate::document::{BlockKind, Document, Span};
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
            return Self::build(doc, anchors, config, None, region, None);
        }
        let titled = doc.blocks.iter().enumerate().filter(|(_, b)| match b.kind {
            BlockKind::Heading(_) => is_title(b.text(doc), config),
            BlockKind::Paragraph => {
                b.parent().is_none()
                    && b.text(doc).chars().count() <= 80
                    && is_title(b.text(doc), config)
            }
            _ => false,
        });
        for (index, block) in titled {
            let start = block.span.end();
            let end = next_section_start(doc, start);
            if let Some(toc) = Self::build(doc, anchors, config, Some(index), start..end, None) {
                return Some(toc);
            }
        }
        if config.start.is_some() {
            return None;
        }
        let list = first_link_list(doc, anchors)?;
        // A list opening a section below the document's top level (not its title) and
        // listing that section's own sub-sections is the section's TOC
        // ([`section_tocs`]), not the document's.
        let top = doc.headings.iter().map(|h| h.level).min();
        let opens_section = doc.section_at(list.start).is_some_and(|h| {
            Some(doc.headings[h].level) > top && lists_subsections(doc, anchors, h, &list)
        });
        if opens_section {
            return None;
        }
        Self::build(doc, anchors, config, None, list, None)
    }

    fn build(
        doc: &Document,
        anchors: &Anchors,
        config: &TocConfig,
        title: Option<usize>,
        region: Range<usize>,
        scope: Option<usize>,
    ) -> Option<Self> {
        let mut toc = Self {
            style: Style::Links,
            title,
            entries: link_entries(doc, anchors, &region),
            region,
            groups: Vec::new(),
            levels: Vec::new(),
            scope,
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
        // The configured levels are the document TOC's.
        toc.levels = match &config.levels {
            Some(levels) if scope.is_none() => levels.clone(),
            _ => toc.inferred_levels(doc),
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
                let total = (0..doc.headings.len())
                    .filter(|&h| self.covers(doc, h))
                    .filter(|&h| {
                        let heading = &doc.headings[h];
                        heading.level == level && heading.span.start() >= self.region.end
                    })
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

/// From the first list or table (Markdown, or an HTML `<table>`, `<ul>` or `<ol>`)
/// whose items (cells holding a link, for a table; links, in HTML), with those of the
/// lists after it up to the next heading (a TOC may be several lists under group
/// titles), mostly link to sections that come after them, to that heading.
fn first_link_list(doc: &Document, anchors: &Anchors) -> Option<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| {
            b.parent().is_none()
                && match b.kind {
                    BlockKind::List { .. } | BlockKind::Table => true,
                    BlockKind::Html => is_html_list(doc.slice(b.span)),
                    _ => false,
                }
        })
        .map(|b| b.span.start()..next_section_start(doc, b.span.end()))
        .find(|region| {
            let items: usize = doc.blocks[doc.block_indices_within(region)]
                .iter()
                .filter(|b| within(b.span, region))
                .map(|b| match b.kind {
                    BlockKind::ListItem { .. } => 1,
                    BlockKind::TableCell => usize::from(!doc.links_within(b.span).is_empty()),
                    BlockKind::Html => doc.links_within(b.span).len(),
                    _ => 0,
                })
                .sum();
            let forward = doc
                .links_within(region)
                .iter()
                .filter(|l| !l.image)
                .filter(|l| {
                    matches!(resolve_in(doc, anchors, l.dest(doc), region), Some(Anchor::Heading(h)) if doc.headings[h].span.start() >= region.end)
                })
                .count();
            forward >= 3 && forward * 5 >= items * 3
        })
}

/// The TOCs of single sections: a list among a section's own content (before its first
/// sub-heading) whose items mostly link to that section's sub-sections, at least two of
/// them (`## Tools` then `- [Editors](#editors)`, `- [Linters](#linters)`). A list the
/// document's TOC takes is not one.
pub(super) fn section_tocs(
    doc: &Document,
    anchors: &Anchors,
    config: &TocConfig,
    main: Option<&Toc>,
) -> Vec<Toc> {
    let taken = |span: Span| {
        main.is_some_and(|t| span.start() < t.region.end && t.region.start < span.end())
    };
    let mut found = Vec::new();
    for (h, heading) in doc.headings.iter().enumerate() {
        // Without a sub-section, no list links to one ([`lists_subsections`]): most
        // sections of a list are such, and reading their lists' links was 24 M
        // instructions of the corpus concatenation.
        let has_subsection = doc
            .headings
            .get(h + 1)
            .is_some_and(|next| heading.section.contains(next.span.start()));
        if !has_subsection {
            continue;
        }
        let own = heading.span.end()..doc.next_heading_start(heading.span.end());
        let list = doc.blocks[doc.block_indices_within(&own)]
            .iter()
            .filter(|b| b.parent().is_none() && matches!(b.kind, BlockKind::List { .. }))
            .find(|b| !taken(b.span) && lists_subsections(doc, anchors, h, &b.span.range()));
        if let Some(toc) =
            list.and_then(|b| Toc::build(doc, anchors, config, None, b.span.range(), Some(h)))
        {
            found.push(toc);
        }
    }
    found
}

/// Whether the items of the list at `span` mostly link to sub-sections of heading `h`.
fn lists_subsections(doc: &Document, anchors: &Anchors, h: usize, span: &Range<usize>) -> bool {
    let section = &doc.headings[h].section;
    let items = doc.blocks[doc.block_indices_within(span)]
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
        .count();
    let inside = doc
        .links_within(span)
        .iter()
        .filter(|l| !l.image)
        .filter(|l| match anchors.resolve(l.dest(doc)) {
            Some(Anchor::Heading(x)) => x > h && section.contains(doc.headings[x].span.start()),
            _ => false,
        })
        .count();
    inside >= 2 && inside * 5 >= items * 3
}

/// An HTML block holding a table or list: a nest of links in a `<p>` is a navigation
/// bar, no more a TOC than a Markdown paragraph of links is.
fn is_html_list(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["<table", "<ul", "<ol"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// Start of the first heading at or after `offset` that opens a section: not one
/// inside a list item (`* #### [Tools](#tools)`, a TOC item written as a heading).
fn next_section_start(doc: &Document, offset: usize) -> usize {
    let first = doc.headings.partition_point(|h| h.span.start() < offset);
    doc.headings[first..]
        .iter()
        .map(|h| h.span.start())
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
