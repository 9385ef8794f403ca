//! The document's table of contents, found once and matched against its sections.
//!
//! A TOC is found by a generator's markers (`<!-- toc -->`, doctoc, MarkdownTOC, …), else by a heading
//! or short paragraph titled like one (Contents, Table of Contents, 目录, 一览 …), else
//! as the first list whose items mostly link to sections below it. Two styles exist:
//! link lists (`- [Name](#anchor)`, nested), and tables of plain names grouped under
//! emphasised group titles (the Pocket list). Link entries resolve by anchor, names by
//! [`names::match_names`]. A section may also open with a TOC of its own, a list of
//! links to its sub-sections: each such section TOC is checked against its own
//! section only. Every TOC rule reads the one [`Analysis`] of a document.

pub mod anchors;
mod describe;
pub mod edit;
pub mod names;

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::settings::TocConfig;
use crate::text::name_key;

pub use describe::describe;

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

/// The anchors of a document, its TOC if it has one, and its sections' own TOCs.
#[derive(Debug)]
pub struct Analysis {
    pub anchors: Anchors,
    pub toc: Option<Toc>,
    /// The TOCs opening single sections ([`Toc::scope`]), in document order.
    pub sections: Vec<Toc>,
}

impl Analysis {
    /// The document's TOC, then the sections' own ones.
    pub fn tocs(&self) -> impl Iterator<Item = &Toc> {
        self.toc.iter().chain(&self.sections)
    }
}

/// The anchors of `doc` (whose GitHub repository is `repository`, when configured) and
/// its table of contents, found with `config`. Rules read it once per check through
/// [`crate::rules::Context`].
pub fn analyse(doc: &Document, config: &TocConfig, repository: Option<&str>) -> Analysis {
    let anchors = Anchors::new(doc, repository);
    if !config.enabled {
        return Analysis {
            anchors,
            toc: None,
            sections: Vec::new(),
        };
    }
    let toc = Toc::detect(doc, &anchors, config);
    let sections = section_tocs(doc, &anchors, config, toc.as_ref());
    Analysis {
        anchors,
        toc,
        sections,
    }
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
    /// For a section's own TOC, the heading of that section: it lists only what lies
    /// inside it.
    pub scope: Option<usize>,
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
    /// A link to the anchor of `.0`, which another entry lists, while its text names
    /// `.1`, a section no entry lists: the anchor was copied from the entry above.
    Misdirected(usize, usize),
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
            Target::Misdirected(_, meant) => vec![*meant],
            Target::Ambiguous(list) => list.clone(),
            Target::Elsewhere | Target::Dangling => Vec::new(),
        }
    }
}

impl Toc {
    fn detect(doc: &Document, anchors: &Anchors, config: &TocConfig) -> Option<Self> {
        if let Some(region) = marked_region(doc) {
            return Self::build(doc, anchors, config, None, region, None);
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
                let total = (0..doc.headings.len())
                    .filter(|&h| self.covers(doc, h))
                    .filter(|&h| {
                        let heading = &doc.headings[h];
                        heading.level == level && heading.span.start >= self.region.end
                    })
                    .count();
                let count = listed.iter().filter(|&&l| l == level).count();
                level == top || (count > 0 && count * 2 >= total)
            })
            .collect()
    }

    /// Whether heading `h` is one this TOC may list: any, for the document's TOC; one
    /// inside its section, for a section's own.
    fn covers(&self, doc: &Document, h: usize) -> bool {
        self.scope.is_none_or(|scope| {
            h != scope
                && doc.headings[scope]
                    .section
                    .contains(&doc.headings[h].span.start)
        })
    }

    /// What findings call this TOC: "the table of contents", or for a section's own,
    /// "the table of contents of "Tools"".
    pub fn name(&self, doc: &Document) -> String {
        match self.scope {
            None => "the table of contents".to_owned(),
            Some(h) => format!(
                "the table of contents of \"{}\"",
                section_name(doc, h).trim()
            ),
        }
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
    /// covered level, except those marked `<!-- omit in toc -->` and those usually left
    /// out, when it does not list them (nor their subsections); a deeper section only
    /// under a listed parent whose own subsections the TOC lists.
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
        let omitted = omitted_headings(doc);
        let left_out = |h: usize| {
            let key = name_key(&doc.headings[h].text);
            // A heading with nothing to name it (`##` alone) cannot be listed.
            Some(h) == title
                || omitted[h]
                || key.is_empty()
                || USUALLY_LEFT_OUT.iter().any(|k| key.contains(k))
                || config.exclude.iter().any(|e| name_key(e) == key)
        };
        let parts: Vec<usize> = self.groups.iter().filter_map(|g| g.part).collect();
        let mut expected = Vec::new();
        let mut skipped: Vec<bool> = vec![false; doc.headings.len()];
        for (h, heading) in doc.headings.iter().enumerate() {
            if (heading.span.start < self.region.end && !listed[h]) || !self.covers(doc, h) {
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

/// The name a TOC gives heading `h`: its text without the links back into the
/// document it carries (`### Topics ([back👆](#paperlist))` is "Topics").
pub fn section_name(doc: &Document, h: usize) -> String {
    let heading = &doc.headings[h];
    let mut name = heading.text.clone();
    for link in doc.links_within(&heading.content) {
        if link.dest.starts_with('#')
            && !link.text.trim().is_empty()
            && let Some(at) = name.rfind(&link.text)
        {
            name.replace_range(at..at + link.text.len(), "");
        }
    }
    if name.len() == heading.text.len() {
        return name.trim().to_owned();
    }
    let mut name = name.trim_end().to_owned();
    while let Some(rest) = name.strip_suffix("()").or_else(|| name.strip_suffix("[]")) {
        name = rest.trim_end().to_owned();
    }
    name.trim().to_owned()
}

/// For each heading, whether it carries Markdown All in One's `<!-- omit in toc -->`
/// (or `omit from toc`): its author keeps it out of the TOC.
fn omitted_headings(doc: &Document) -> Vec<bool> {
    let mut omitted = vec![false; doc.headings.len()];
    for (span, body) in doc.html_comments() {
        let body = body.to_ascii_lowercase();
        if body != "omit in toc" && body != "omit from toc" {
            continue;
        }
        if let Some(h) = doc.section_at(span.start)
            && doc.headings[h].span.contains(&span.start)
        {
            omitted[h] = true;
        }
    }
    omitted
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
fn marked_region(doc: &Document) -> Option<Range<usize>> {
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
            b.parent.is_none()
                && match b.kind {
                    BlockKind::List { .. } | BlockKind::Table => true,
                    BlockKind::Html => is_html_list(doc.slice(&b.span)),
                    _ => false,
                }
        })
        .map(|b| b.span.start..next_section_start(doc, b.span.end))
        .find(|region| {
            let items: usize = doc.blocks[doc.block_indices_within(region)]
                .iter()
                .filter(|b| within(&b.span, region))
                .map(|b| match b.kind {
                    BlockKind::ListItem { .. } => 1,
                    BlockKind::TableCell => usize::from(!doc.links_within(&b.span).is_empty()),
                    BlockKind::Html => doc.links_within(&b.span).len(),
                    _ => 0,
                })
                .sum();
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

/// The TOCs of single sections: a list among a section's own content (before its first
/// sub-heading) whose items mostly link to that section's sub-sections, at least two of
/// them (`## Tools` then `- [Editors](#editors)`, `- [Linters](#linters)`). A list the
/// document's TOC takes is not one.
fn section_tocs(
    doc: &Document,
    anchors: &Anchors,
    config: &TocConfig,
    main: Option<&Toc>,
) -> Vec<Toc> {
    let taken = |span: &Range<usize>| {
        main.is_some_and(|t| span.start < t.region.end && t.region.start < span.end)
    };
    let mut found = Vec::new();
    for (h, heading) in doc.headings.iter().enumerate() {
        let own = heading.span.end..doc.next_heading_start(heading.span.end);
        let list = doc.blocks[doc.block_indices_within(&own)]
            .iter()
            .filter(|b| b.parent.is_none() && matches!(b.kind, BlockKind::List { .. }))
            .find(|b| !taken(&b.span) && lists_subsections(doc, anchors, h, &b.span));
        if let Some(toc) =
            list.and_then(|b| Toc::build(doc, anchors, config, None, b.span.clone(), Some(h)))
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
        .filter(|l| match anchors.resolve(&l.dest) {
            Some(Anchor::Heading(x)) => x > h && section.contains(&doc.headings[x].span.start),
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

/// What link `dest` in TOC `region` points at. A TOC item written as a heading
/// (`* #### [Tools](#tools)`) takes the heading's anchor itself, so the section it
/// lists is the first one after the TOC with that anchor or a numbered one
/// (`#tools-1`): GitHub numbers repeated anchors in document order.
fn resolve_in(
    doc: &Document,
    anchors: &Anchors,
    dest: &str,
    region: &Range<usize>,
) -> Option<Anchor> {
    match anchors.resolve(dest)? {
        Anchor::Heading(h) if within(&doc.headings[h].span, region) => {
            let base = doc.headings[h].anchor.as_str();
            let numbered = |anchor: &str| {
                anchor == base
                    || anchor
                        .strip_prefix(base)
                        .and_then(|rest| rest.strip_prefix('-'))
                        .is_some_and(|n| n.parse::<usize>().is_ok())
            };
            let section = doc
                .headings
                .iter()
                .position(|x| x.span.start >= region.end && numbered(&x.anchor));
            Some(Anchor::Heading(section.unwrap_or(h)))
        }
        found => Some(found),
    }
}

/// Every link into the document (`#fragment`, `README.md#fragment`, …) in `region`,
/// resolved.
fn link_entries(doc: &Document, anchors: &Anchors, region: &Range<usize>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = doc
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.image && within(&l.span, region))
        .filter(|(_, l)| anchors.local(&l.dest).is_some())
        .map(|(index, link)| {
            let item = list_item_at(doc, region, link.span.start);
            let target = match resolve_in(doc, anchors, &link.dest, region) {
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
            let fragment = anchors.local(&link.dest)?;
            (entry.target == Target::Dangling && anchors.resolve(&link.dest).is_none())
                .then(|| {
                    Anchors::suggest(
                        doc,
                        fragment,
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
    misdirect(doc, &mut entries);
    entries
}

/// Marks [`Target::Misdirected`] the entries that share their anchor with another entry
/// and whose text is not their section's name but exactly that of a section no entry
/// lists (`- [Bar](#foo)` under `- [Foo](#foo)`, with `## Bar` unlisted).
fn misdirect(doc: &Document, entries: &mut [Entry]) {
    let mut count = vec![0usize; doc.headings.len()];
    for h in entries.iter().flat_map(Entry::claims) {
        count[h] += 1;
    }
    let unlisted = |h: usize, count: &[usize]| count[h] == 0;
    for entry in entries.iter_mut() {
        let Target::Heading(h, MatchKind::Anchor) = entry.target else {
            continue;
        };
        let key = name_key(&entry.text);
        if count[h] < 2 || key.is_empty() || key == name_key(&section_name(doc, h)) {
            continue;
        }
        let named: Vec<usize> = (0..doc.headings.len())
            .filter(|&o| unlisted(o, &count) && name_key(&section_name(doc, o)) == key)
            .collect();
        if let [meant] = named[..] {
            entry.target = Target::Misdirected(h, meant);
            count[h] -= 1;
            count[meant] += 1;
        }
    }
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

/// The heading an HTML anchor names: the one it sits in (`### <a id="csharp"></a>C#`),
/// the one right after it, with only blank space between (`<a name="general" />` on
/// the line above `## Introduction`), or else the one right before it
/// (`<div id="mla"></div>` on the line below `### DeepSeek/MLA`).
fn html_anchor_heading(doc: &Document, anchor: usize) -> Option<usize> {
    let span = &doc.html_anchors[anchor].span;
    let next = doc.headings.partition_point(|h| h.span.start <= span.start);
    let previous = next.checked_sub(1);
    if let Some(h) = previous.filter(|&h| doc.headings[h].span.contains(&span.start)) {
        return Some(h);
    }
    // The anchor's span is its name: the tag ends at the next `>`, then maybe `</a>`
    // or `</div>`.
    let blank = |text: &str| text.trim().is_empty();
    let after_heading = doc.headings.get(next).and_then(|heading| {
        let (_, after_tag) = doc
            .source
            .get(span.end..heading.span.start)?
            .split_once('>')?;
        let rest = after_tag.trim_start();
        let rest = ["</a>", "</div>", "</span>"]
            .iter()
            .find_map(|close| rest.strip_prefix(close))
            .unwrap_or(rest);
        blank(rest).then_some(next)
    });
    after_heading.or_else(|| {
        let h = previous?;
        let (before_tag, _) = doc
            .source
            .get(doc.headings[h].span.end..span.start)?
            .rsplit_once('<')?;
        blank(before_tag).then_some(h)
    })
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
