//! What a table of contents is, once found: its style and region, its entries (links or
//! table cells) and the section each one stands for, and how sure that match is.

use std::ops::Range;

use crate::document::{Document, Span};

use super::anchors::Suggestion;

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
    pub(super) fn claims(&self) -> Vec<usize> {
        match &self.target {
            Target::Heading(h, _) => vec![*h],
            Target::Broken(s) => vec![s.heading],
            Target::Misdirected(_, meant) => vec![*meant],
            Target::Ambiguous(list) => list.clone(),
            Target::Elsewhere | Target::Dangling => Vec::new(),
        }
    }
}

/// The name a TOC gives heading `h`: its text without the links back into the
/// document it carries (`### Topics ([back👆](#paperlist))` is "Topics").
pub fn section_name(doc: &Document, h: usize) -> String {
    let heading = &doc.headings[h];
    let mut name = heading.text(doc).to_owned();
    for link in doc.links_within(heading.content) {
        if link.dest(doc).starts_with('#')
            && !link.text(doc).trim().is_empty()
            && let Some(at) = name.rfind(&link.text(doc))
        {
            name.replace_range(at..at + link.text(doc).len(), "");
        }
    }
    if name.len() == heading.text(doc).len() {
        return name.trim().to_owned();
    }
    let mut name = name.trim_end().to_owned();
    while let Some(rest) = name.strip_suffix("()").or_else(|| name.strip_suffix("[]")) {
        name = rest.trim_end().to_owned();
    }
    name.trim().to_owned()
}

/// Whether `span` lies inside `region` (a TOC region, which holds its entries).
pub(super) fn within(span: impl Into<Span>, region: &Range<usize>) -> bool {
    let span = span.into();
    span.start() >= region.start && span.end() <= region.end
}

impl Toc {
    /// Whether heading `h` is one this TOC may list: any, for the document's TOC; one
    /// inside its section, for a section's own.
    pub(super) fn covers(&self, doc: &Document, h: usize) -> bool {
        self.scope.is_none_or(|scope| {
            h != scope
                && doc.headings[scope]
                    .section
                    .contains(doc.headings[h].span.start())
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
}
