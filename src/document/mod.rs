//! The document model: every file is parsed once, and every rule reads this.
//!
//! Everything carries byte spans into the source; lines and columns are computed only
//! when a diagnostic is rendered ([`LineIndex`]).

mod autolink;
pub mod entries;
mod html;
mod line_spans;
mod lines;
mod parse;
pub mod slug;
mod slug_table;
mod split;
mod suppress;

use std::ops::Range;

pub use autolink::find_bare_urls;
pub use lines::LineIndex;
pub use parse::options as markdown_options;
pub use suppress::Suppressions;

/// A parsed Markdown file.
#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a str,
    pub lines: LineIndex,
    /// Headings in document order; each also describes the section it opens.
    pub headings: Vec<Heading>,
    /// Block-level elements in document order; containers come before their children.
    pub blocks: Vec<Block>,
    /// Links and images (Markdown ones, and HTML `<a href>` elements), in document order.
    pub links: Vec<Link>,
    /// Link reference definitions (`[label]: url`), in document order.
    pub definitions: Vec<Definition>,
    /// Bracketed text written like a reference link whose label has no definition
    /// (`[text][label]`, `[label][]`, `[label]`): GitHub shows it as text, brackets and all.
    pub broken_references: Vec<BrokenReference>,
    /// URLs GitHub turns into links although they are not written as links.
    pub bare_urls: Vec<Range<usize>>,
    /// Runs of plain text outside code, HTML tags and links, one per line at most: where bare
    /// URLs are found, and where text that looks like a link but is not one sits.
    pub text_runs: Vec<Range<usize>>,
    /// Runs of text as the reader sees it, link text included: every inline text outside
    /// code, HTML and images, adjacent pieces merged; sorted. What prose checks read.
    pub prose: Vec<Range<usize>>,
    /// Inline code spans and code blocks, sorted; nothing in them is Markdown.
    pub code: Vec<Range<usize>>,
    /// Emphasis and strong emphasis (`*…*`, `**…**`), markers included, sorted by start
    /// (an outer span before the spans it holds).
    pub emphasis: Vec<Range<usize>>,
    /// HTML blocks and inline HTML, sorted.
    pub html: Vec<Range<usize>>,
    /// Hard line breaks (two or more spaces, or a backslash, before a line ending that
    /// continues the same paragraph), sorted; each range covers the marker and the newline.
    pub hard_breaks: Vec<Range<usize>>,
    /// Explicit HTML anchors (`<a name="x">`, `id="x"`) that `#x` links may target.
    pub html_anchors: Vec<HtmlAnchor>,
    pub suppressions: Suppressions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingSyntax {
    Atx,
    Setext,
    Html,
}

/// A heading and the section it opens.
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The text as GitHub renders it: inline markup stripped, images dropped.
    pub text: String,
    /// The GitHub anchor, unique within the document (`-1`, `-2` for repeats).
    pub anchor: String,
    /// The whole heading, markers included (the first line for setext headings).
    pub span: Range<usize>,
    /// The heading's inline content, without markers.
    pub content: Range<usize>,
    pub syntax: HeadingSyntax,
    /// From the heading to the next heading of the same or a higher level.
    pub section: Range<usize>,
    /// Index of the enclosing heading, if any.
    pub parent: Option<usize>,
}

impl Heading {
    /// Where a finding about the heading points: its markers and text, without the
    /// line ending (or the underline of a setext heading).
    pub fn finding_span(&self) -> Range<usize> {
        self.span.start..self.content.end.max(self.span.start)
    }
}

/// A block-level element.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    /// Index of the enclosing block, if any.
    pub parent: Option<usize>,
    /// The plain text of the inline content directly inside this block (for a list
    /// item, its own text without nested lists); empty for pure containers.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    /// Index into [`Document::headings`].
    Heading(usize),
    BlockQuote,
    List {
        ordered: bool,
    },
    /// `depth` counts enclosing list items: 0 for a top-level item.
    ListItem {
        depth: usize,
    },
    Table,
    TableHead,
    TableRow,
    TableCell,
    CodeBlock,
    Html,
    FootnoteDefinition,
    FrontMatter,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](url)`
    Inline,
    /// `[text][label]`, `[text][]`, `[text]`
    Reference,
    /// `<https://…>`
    Autolink,
    /// `<user@example.com>`
    Email,
    /// `<a href="…">…</a>`, in an HTML block or as inline HTML.
    Html,
}

/// A link or image written in Markdown syntax, or an HTML `<a href>` element.
#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    pub image: bool,
    /// The destination after Markdown unescaping.
    pub dest: String,
    /// The destination as written in the source (for reference links, in the
    /// definition), when it can be located.
    pub dest_span: Option<Range<usize>>,
    /// Plain text of the link (for images, the alt text).
    pub text: String,
    pub span: Range<usize>,
}

/// A link reference definition.
#[derive(Debug, Clone)]
pub struct Definition {
    pub label: String,
    pub dest: String,
    pub dest_span: Option<Range<usize>>,
    pub span: Range<usize>,
    /// How many links and images take their destination from it.
    pub uses: usize,
}

/// How a reference with no definition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceForm {
    /// `[text][label]`
    Full,
    /// `[label][]`
    Collapsed,
    /// `[label]`: also how any text in brackets is written.
    Shortcut,
}

/// Text written as a reference link whose label no definition matches.
#[derive(Debug, Clone)]
pub struct BrokenReference {
    pub form: ReferenceForm,
    /// The label as written, between its brackets.
    pub label: String,
    /// From the first `[` to the last `]`.
    pub span: Range<usize>,
}

/// An anchor target written in HTML.
#[derive(Debug, Clone)]
pub struct HtmlAnchor {
    pub name: String,
    pub span: Range<usize>,
}

impl<'a> Document<'a> {
    /// Parses `source` once; never fails (any text is Markdown). A large source is cut
    /// at headings and its parts parsed side by side ([`split`]), with the same result.
    pub fn parse(source: &'a str) -> Self {
        split::parse(source, split::PART_BYTES).0
    }

    /// [`Document::parse`] with parts of about `part_bytes` (a part runs from one cut to
    /// the first cut at least that far on); also returns how many parts there were. For
    /// tests, which cut small texts wherever they can and compare with one piece.
    #[doc(hidden)]
    pub fn parse_in_parts(source: &'a str, part_bytes: usize) -> (Self, usize) {
        split::parse(source, part_bytes)
    }

    /// Source text of a span.
    pub fn slice(&self, span: &Range<usize>) -> &'a str {
        &self.source[span.clone()]
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(self.source, offset)
    }

    /// Whether `offset` lies inside inline code or a code block.
    pub fn in_code(&self, offset: usize) -> bool {
        contains_sorted(&self.code, offset)
    }

    /// Whether `offset` lies inside an HTML block or inline HTML.
    pub fn in_html(&self, offset: usize) -> bool {
        contains_sorted(&self.html, offset)
    }

    /// The text of 0-based `line`, without its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        &self.source[self.lines.line_range(self.source, line)]
    }

    /// Whether 0-based `line` is empty or holds only spaces and tabs.
    ///
    /// Read as bytes: blank-lines asks this of every line, and trimming chars from both
    /// ends cost 100 instructions a line.
    pub fn is_blank_line(&self, line: usize) -> bool {
        self.source.as_bytes()[self.lines.line_range(self.source, line)]
            .iter()
            .all(|&b| b == b' ' || b == b'\t')
    }

    /// Index of the innermost heading whose section holds `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        innermost(&self.headings, offset, |h| (&h.span, &h.section, h.parent))
    }

    /// The links and images that start inside `span` (links are sorted by position).
    pub fn links_within(&self, span: &Range<usize>) -> &[Link] {
        within(&self.links, span, |l| &l.span)
    }

    /// The runs of [`Document::prose`] that start inside `span`.
    pub fn prose_within(&self, span: &Range<usize>) -> &[Range<usize>] {
        within(&self.prose, span, |r| r)
    }

    /// The code spans and code blocks inside `span`.
    pub fn code_within(&self, span: &Range<usize>) -> &[Range<usize>] {
        within(&self.code, span, |r| r)
    }

    /// The HTML blocks and inline HTML inside `span`.
    pub fn html_within(&self, span: &Range<usize>) -> &[Range<usize>] {
        within(&self.html, span, |r| r)
    }

    /// The bare URLs inside `span`.
    pub fn bare_urls_within(&self, span: &Range<usize>) -> &[Range<usize>] {
        within(&self.bare_urls, span, |r| r)
    }

    /// Indices of the blocks that start inside `span` (blocks are in document order).
    pub fn block_indices_within(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.blocks.partition_point(|b| b.span.start < span.start);
        start..start + self.blocks[start..].partition_point(|b| b.span.start < span.end)
    }

    /// Start of the first heading at or after `offset`, or the end of the source.
    pub fn next_heading_start(&self, offset: usize) -> usize {
        let next = self.headings.partition_point(|h| h.span.start < offset);
        self.headings
            .get(next)
            .map_or(self.source.len(), |h| h.span.start)
    }

    /// Index of the innermost block holding `offset`.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        innermost(&self.blocks, offset, |b| (&b.span, &b.span, b.parent))
    }

    /// HTML comments (`<!-- … -->`): their byte range and trimmed body.
    pub fn html_comments(&self) -> impl Iterator<Item = (Range<usize>, &'a str)> + '_ {
        comments_in(self.source, &self.html)
    }

    /// [`Document::html_comments`] of the HTML starting inside `span`: a heading's, say,
    /// without reading every comment of the document.
    pub fn html_comments_starting_in(
        &self,
        span: &Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, &'a str)> + '_ {
        let start = self.html.partition_point(|r| r.start < span.start);
        let end = start + self.html[start..].partition_point(|r| r.start < span.end);
        comments_in(self.source, &self.html[start..end])
    }

    /// The blocks enclosing block `index`, innermost first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = &Block> {
        std::iter::successors(self.blocks[index].parent, |&i| self.blocks[i].parent)
            .map(|i| &self.blocks[i])
    }
}

/// The innermost of a tree of items in document order (parents before children) whose
/// extent holds `offset`: from the last item starting at or before it, up its parents.
/// `parts` gives an item's start span, its extent and its parent.
fn innermost<T>(
    items: &[T],
    offset: usize,
    parts: impl Fn(&T) -> (&Range<usize>, &Range<usize>, Option<usize>),
) -> Option<usize> {
    let last = items.partition_point(|t| parts(t).0.start <= offset);
    let mut current = last.checked_sub(1);
    while let Some(i) = current {
        let (_, extent, parent) = parts(&items[i]);
        if extent.contains(&offset) {
            return Some(i);
        }
        current = parent;
    }
    None
}

/// The items of `sorted` (by span start) whose spans lie inside `span`.
/// The HTML comments in the `html` ranges of `source`, with their byte range and body.
fn comments_in<'a, 's>(
    source: &'a str,
    html: &'s [Range<usize>],
) -> impl Iterator<Item = (Range<usize>, &'a str)> + 's
where
    'a: 's,
{
    html.iter().flat_map(move |r| {
        html::comments(&source[r.clone()])
            .map(move |(c, body)| (r.start + c.start..r.start + c.end, body))
    })
}

fn within<'s, T>(
    sorted: &'s [T],
    span: &Range<usize>,
    span_of: impl Fn(&T) -> &Range<usize>,
) -> &'s [T] {
    let start = sorted.partition_point(|t| span_of(t).start < span.start);
    let end = start + sorted[start..].partition_point(|t| span_of(t).start < span.end);
    let mut items = &sorted[start..end];
    while let Some((last, rest)) = items.split_last() {
        if span_of(last).end <= span.end {
            break;
        }
        items = rest;
    }
    items
}

fn contains_sorted(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= offset);
    // Ranges may nest (code inside HTML does not occur, but be safe): check a few back.
    ranges[..i]
        .iter()
        .rev()
        .take(4)
        .any(|r| r.contains(&offset))
}
