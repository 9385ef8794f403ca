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
mod span;
mod split;
mod suppress;

use std::ops::Range;

pub use autolink::find_bare_urls;
pub use lines::LineIndex;
pub use parse::options as markdown_options;
pub use span::{MAX_SOURCE_BYTES, Span};
pub(crate) use span::{NO_INDEX, index, optional_index, read_index};
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
    pub bare_urls: Vec<Span>,
    /// Runs of plain text outside code, HTML tags and links, one per line at most: where bare
    /// URLs are found, and where text that looks like a link but is not one sits.
    pub text_runs: Vec<Span>,
    /// Runs of text as the reader sees it, link text included: every inline text outside
    /// code, HTML and images, adjacent pieces merged; sorted. What prose checks read.
    pub prose: Vec<Span>,
    /// Inline code spans and code blocks, sorted; nothing in them is Markdown.
    pub code: Vec<Span>,
    /// Emphasis and strong emphasis (`*…*`, `**…**`), markers included, sorted by start
    /// (an outer span before the spans it holds).
    pub emphasis: Vec<Span>,
    /// HTML blocks and inline HTML, sorted.
    pub html: Vec<Span>,
    /// Hard line breaks (two or more spaces, or a backslash, before a line ending that
    /// continues the same paragraph), sorted; each range covers the marker and the newline.
    pub hard_breaks: Vec<Span>,
    /// Explicit HTML anchors (`<a name="x">`, `id="x"`) that `#x` links may target.
    pub html_anchors: Vec<HtmlAnchor>,
    pub suppressions: Suppressions,
    /// The plain texts of headings, blocks and links, the headings' anchors, and the
    /// destinations that do not read as written, one after another: one buffer instead
    /// of a `String` each (a 13 MB list has 300,000 of them). Read through
    /// [`Block::text`], [`Link::text`], [`Link::dest`], [`Heading::text`] and
    /// [`Heading::anchor`].
    texts: String,
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
    /// Where [`Heading::text`] is in [`Document::texts`].
    text: Span,
    /// Where [`Heading::anchor`] is in [`Document::texts`].
    anchor: Span,
    /// The whole heading, markers included (the first line for setext headings).
    pub span: Span,
    /// The heading's inline content, without markers.
    pub content: Span,
    pub syntax: HeadingSyntax,
    /// From the heading to the next heading of the same or a higher level.
    pub section: Span,
    /// Index of the enclosing heading, [`span::NO_INDEX`] for none: read through
    /// [`Heading::parent`].
    parent: u32,
}

impl Heading {
    /// Where a finding about the heading points: its markers and text, without the
    /// line ending (or the underline of a setext heading).
    pub fn finding_span(&self) -> Range<usize> {
        self.span.start()..self.content.end().max(self.span.start())
    }

    /// Index of the enclosing heading, if any.
    pub fn parent(&self) -> Option<usize> {
        span::read_index(self.parent)
    }

    /// The text as GitHub renders it: inline markup stripped, images dropped.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.texts[self.text.range()]
    }

    /// The GitHub anchor, unique within the document (`-1`, `-2` for repeats).
    pub fn anchor<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.texts[self.anchor.range()]
    }
}

/// A block-level element.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Index of the enclosing block, [`span::NO_INDEX`] for none: read through
    /// [`Block::parent`].
    parent: u32,
    /// Where [`Block::text`] is in [`Document::texts`].
    text: Span,
}

impl Block {
    /// The plain text of the inline content directly inside this block (for a list
    /// item, its own text without nested lists); empty for pure containers.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.texts[self.text.range()]
    }

    /// Index of the enclosing block, if any.
    pub fn parent(&self) -> Option<usize> {
        span::read_index(self.parent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    /// Index into [`Document::headings`].
    Heading(u32),
    BlockQuote,
    List {
        ordered: bool,
    },
    /// `depth` counts enclosing list items: 0 for a top-level item.
    ListItem {
        depth: u32,
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
    /// Whether [`Link::dest`] reads as written at `dest_span` (most do), rather than
    /// at `dest` in [`Document::texts`].
    dest_as_written: bool,
    dest: Span,
    /// Where the destination is written: read through [`Link::dest_span`].
    dest_span: Span,
    /// Where [`Link::text`] is in [`Document::texts`].
    text: Span,
    pub span: Span,
}

impl Link {
    /// The destination after Markdown unescaping.
    pub fn dest<'d>(&self, doc: &'d Document) -> &'d str {
        if self.dest_as_written {
            &doc.source[self.dest_span.range()]
        } else {
            &doc.texts[self.dest.range()]
        }
    }

    /// Plain text of the link (for images, the alt text).
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        &doc.texts[self.text.range()]
    }

    /// The destination as written in the source (for reference links, in the
    /// definition), when it can be located.
    pub fn dest_span(&self) -> Option<Span> {
        self.dest_span.present()
    }
}

/// A link reference definition.
#[derive(Debug, Clone)]
pub struct Definition {
    pub label: String,
    pub dest: String,
    /// Where the destination is written: read through [`Definition::dest_span`].
    dest_span: Span,
    pub span: Span,
    /// How many links and images take their destination from it.
    pub uses: usize,
}

impl Definition {
    /// The destination as written in the source, when it can be located.
    pub fn dest_span(&self) -> Option<Span> {
        self.dest_span.present()
    }
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
    pub span: Span,
}

/// An anchor target written in HTML.
#[derive(Debug, Clone)]
pub struct HtmlAnchor {
    pub name: String,
    pub span: Span,
}

impl<'a> Document<'a> {
    /// Parses `source` once; never fails (any text is Markdown). A large source is cut
    /// at headings and its parts parsed side by side ([`split`]), with the same result.
    ///
    /// # Panics
    ///
    /// On a source over [`MAX_SOURCE_BYTES`], whose offsets the model cannot hold:
    /// whatever reads files refuses those first, naming the file (`cli::input`).
    pub fn parse(source: &'a str) -> Self {
        assert!(
            source.len() <= MAX_SOURCE_BYTES,
            "a source over MAX_SOURCE_BYTES reached the parser"
        );
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
    pub fn slice(&self, span: impl Into<Span>) -> &'a str {
        &self.source[span.into().range()]
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
    /// ends cost 100 instructions a line. Most lines start with text and are passed at
    /// their first byte, before their end is looked up.
    pub fn is_blank_line(&self, line: usize) -> bool {
        let bytes = self.source.as_bytes();
        let first = bytes.get(self.lines.line_start(line));
        matches!(first, None | Some(b' ' | b'\t' | b'\r' | b'\n'))
            && bytes[self.lines.line_range(self.source, line)]
                .iter()
                .all(|&b| b == b' ' || b == b'\t')
    }

    /// Index of the innermost heading whose section holds `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        innermost(&self.headings, offset, |h| (h.span, h.section, h.parent()))
    }

    /// The links and images that start inside `span` (links are sorted by position).
    pub fn links_within(&self, span: impl Into<Span>) -> &[Link] {
        within(&self.links, span.into(), |l| l.span)
    }

    /// The runs of [`Document::prose`] that start inside `span`.
    pub fn prose_within(&self, span: impl Into<Span>) -> &[Span] {
        within(&self.prose, span.into(), |&r| r)
    }

    /// The code spans and code blocks inside `span`.
    pub fn code_within(&self, span: impl Into<Span>) -> &[Span] {
        within(&self.code, span.into(), |&r| r)
    }

    /// The HTML blocks and inline HTML inside `span`.
    pub fn html_within(&self, span: impl Into<Span>) -> &[Span] {
        within(&self.html, span.into(), |&r| r)
    }

    /// The bare URLs inside `span`.
    pub fn bare_urls_within(&self, span: impl Into<Span>) -> &[Span] {
        within(&self.bare_urls, span.into(), |&r| r)
    }

    /// Indices of the blocks that start inside `span` (blocks are in document order).
    pub fn block_indices_within(&self, span: impl Into<Span>) -> Range<usize> {
        let span = span.into();
        let start = self
            .blocks
            .partition_point(|b| b.span.start() < span.start());
        start..start + self.blocks[start..].partition_point(|b| b.span.start() < span.end())
    }

    /// Start of the first heading at or after `offset`, or the end of the source.
    pub fn next_heading_start(&self, offset: usize) -> usize {
        let next = self.headings.partition_point(|h| h.span.start() < offset);
        self.headings
            .get(next)
            .map_or(self.source.len(), |h| h.span.start())
    }

    /// Index of the innermost block holding `offset`.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        innermost(&self.blocks, offset, |b| (b.span, b.span, b.parent()))
    }

    /// HTML comments (`<!-- … -->`): their byte range and trimmed body.
    pub fn html_comments(&self) -> impl Iterator<Item = (Range<usize>, &'a str)> + '_ {
        comments_in(self.source, &self.html)
    }

    /// [`Document::html_comments`] of the HTML starting inside `span`: a heading's, say,
    /// without reading every comment of the document.
    pub fn html_comments_starting_in(
        &self,
        span: impl Into<Span>,
    ) -> impl Iterator<Item = (Range<usize>, &'a str)> + '_ {
        let span = span.into();
        let start = self.html.partition_point(|r| r.start() < span.start());
        let end = start + self.html[start..].partition_point(|r| r.start() < span.end());
        comments_in(self.source, &self.html[start..end])
    }

    /// The blocks enclosing block `index`, innermost first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = &Block> {
        std::iter::successors(self.blocks[index].parent(), |&i| self.blocks[i].parent())
            .map(|i| &self.blocks[i])
    }
}

/// The innermost of a tree of items in document order (parents before children) whose
/// extent holds `offset`: from the last item starting at or before it, up its parents.
/// `parts` gives an item's start span, its extent and its parent.
fn innermost<T>(
    items: &[T],
    offset: usize,
    parts: impl Fn(&T) -> (Span, Span, Option<usize>),
) -> Option<usize> {
    let last = items.partition_point(|t| parts(t).0.start() <= offset);
    let mut current = last.checked_sub(1);
    while let Some(i) = current {
        let (_, extent, parent) = parts(&items[i]);
        if extent.contains(offset) {
            return Some(i);
        }
        current = parent;
    }
    None
}

/// The HTML comments in the `html` spans of `source`, with their byte range and body.
fn comments_in<'a, 's>(
    source: &'a str,
    html: &'s [Span],
) -> impl Iterator<Item = (Range<usize>, &'a str)> + 's
where
    'a: 's,
{
    html.iter().flat_map(move |r| {
        html::comments(&source[r.range()])
            .map(move |(c, body)| (r.start() + c.start..r.start() + c.end, body))
    })
}

/// The items of `sorted` (by span start) whose spans lie inside `span`.
fn within<T>(sorted: &[T], span: Span, span_of: impl Fn(&T) -> Span) -> &[T] {
    let start = sorted.partition_point(|t| span_of(t).start() < span.start());
    let end = start + sorted[start..].partition_point(|t| span_of(t).start() < span.end());
    let mut items = &sorted[start..end];
    while let Some((last, rest)) = items.split_last() {
        if span_of(last).end() <= span.end() {
            break;
        }
        items = rest;
    }
    items
}

fn contains_sorted(spans: &[Span], offset: usize) -> bool {
    let i = spans.partition_point(|r| r.start() <= offset);
    // Spans may nest (code inside HTML does not occur, but be safe): check a few back.
    spans[..i].iter().rev().take(4).any(|r| r.contains(offset))
}
