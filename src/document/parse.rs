//! One pass of pulldown-cmark over the source, building the [`Document`].

use rustc_hash::FxHashMap;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{
    Block, BlockKind, BrokenReference, Definition, Document, Heading, HeadingSyntax, HtmlAnchor,
    LineIndex, Link, LinkKind, ReferenceForm, Span, Suppressions, autolink, html, slug::Slugger,
    span,
};
use crate::text::collapse_whitespace;

/// The Markdown dialect GitHub renders READMEs with; public so that benchmarks measure
/// a bare pulldown-cmark pass over the same dialect.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_GFM
}

/// GitHub shows YAML front matter only at the very start of a file, but pulldown-cmark
/// takes any `---` line followed by text and another `---` for a metadata block: a list
/// that separates its sections with thematic breaks would lose every heading between two
/// of them. Front matter is read only where a file can have it.
pub(super) fn options_for(source: &str) -> Options {
    let mut options = options();
    if !source.starts_with("---") {
        options.remove(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    }
    options
}

/// Parses `source[part]` alone into a document over the whole source: every span is
/// shifted to the whole source, and `lines` is the whole source's line index. Headings
/// are left unlinked ([`link_headings`]): anchors and sections depend on the headings
/// of every part.
pub(super) fn parse_part<'a>(
    source: &'a str,
    part: Range<usize>,
    options: Options,
    lines: &LineIndex,
) -> Document<'a> {
    let offset = part.start;
    let text = &source[part];
    // pulldown-cmark reports each reference it cannot resolve while it parses: the
    // callback records them and leaves them text, as GitHub does.
    let mut broken_references = Vec::new();
    let record = |broken: BrokenLink<'_>| {
        broken_references.push(broken_reference(source, offset, broken));
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, options, Some(record));
    let mut definitions: Vec<Definition> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            let span = def.span.start + offset..def.span.end + offset;
            Definition {
                label: label.to_owned(),
                dest: def.dest.to_string(),
                dest_span: locate(source, &span, &def.dest, 0),
                span: span.into(),
                uses: 0,
            }
        })
        .collect();
    definitions.sort_by_key(|d| d.span.start());

    let mut builder = Builder::new(source, lines, definitions);
    for (event, range) in parser.into_offset_iter() {
        builder.event(event, range.start + offset..range.end + offset);
    }
    let mut doc = builder.finish();
    // A `[text][label]` that fails is retried as the shortcut `[text]`: keep the first.
    broken_references.sort_by_key(|r| r.span.start());
    broken_references.dedup_by_key(|r| r.span.start());
    doc.broken_references = broken_references;
    doc
}

/// What pulldown-cmark's broken-link callback saw; the span of a collapsed reference,
/// which it ends at the label, is widened to the `[]` after it.
fn broken_reference(source: &str, offset: usize, broken: BrokenLink<'_>) -> BrokenReference {
    let mut span = broken.span.start + offset..broken.span.end + offset;
    let form = match broken.link_type {
        LinkType::Reference | LinkType::ReferenceUnknown => ReferenceForm::Full,
        LinkType::Collapsed | LinkType::CollapsedUnknown => {
            if source[span.end..].starts_with("[]") {
                span.end += 2;
            }
            ReferenceForm::Collapsed
        }
        _ => ReferenceForm::Shortcut,
    };
    BrokenReference {
        form,
        label: broken.reference.to_string(),
        span: span.into(),
    }
}

/// A reference label as definitions are matched: case and runs of white space do not
/// count (CommonMark's label matching).
fn label_key(label: &str) -> String {
    collapse_whitespace(label).to_lowercase()
}

/// A heading whose end has not been seen yet.
struct OpenHeading {
    index: usize,
    has_attributes: bool,
}

struct Builder<'a, 'l> {
    doc: Document<'a>,
    /// The whole source's lines (the document's own are set once every part is merged).
    lines: &'l LineIndex,
    /// The open heading's text so far: copied to [`Document::texts`] when it closes.
    heading_text: String,
    /// Indices of the open blocks, outermost first.
    open_blocks: Vec<usize>,
    /// Indices of the open links and images, outermost first.
    open_links: Vec<usize>,
    /// The text of each open block and link so far, in the order of `open_blocks` and
    /// `open_links`: copied to [`Document::texts`] when it closes.
    block_texts: Vec<String>,
    link_texts: Vec<String>,
    /// Buffers of closed blocks and links, emptied, for the next to open: a few
    /// allocations per part instead of one or more per block and link.
    spare: Vec<String>,
    heading: Option<OpenHeading>,
    /// Contiguous run of plain text, scanned for bare URLs when it ends.
    text_run: Option<Range<usize>>,
    /// Inside a code block or front matter: text there is not Markdown.
    in_raw_block: bool,
    /// Where each destination is first written in a definition, for reference links.
    /// ([`Span::NONE`] when the first one cannot be located.)
    definition_spans: FxHashMap<String, Span>,
    /// The definition of each label ([`label_key`]), to count its uses.
    definition_labels: FxHashMap<String, usize>,
}

impl<'a, 'l> Builder<'a, 'l> {
    fn new(source: &'a str, lines: &'l LineIndex, definitions: Vec<Definition>) -> Self {
        let mut definition_spans = FxHashMap::default();
        for definition in &definitions {
            definition_spans
                .entry(definition.dest.clone())
                .or_insert(definition.dest_span);
        }
        let definition_labels = definitions
            .iter()
            .enumerate()
            .map(|(i, d)| (label_key(&d.label), i))
            .collect();
        Self {
            doc: Document {
                source,
                lines: LineIndex::default(),
                headings: Vec::new(),
                blocks: Vec::new(),
                links: Vec::new(),
                definitions,
                broken_references: Vec::new(),
                bare_urls: Vec::new(),
                text_runs: Vec::new(),
                prose: Vec::new(),
                code: Vec::new(),
                emphasis: Vec::new(),
                html: Vec::new(),
                hard_breaks: Vec::new(),
                html_anchors: Vec::new(),
                suppressions: Suppressions::default(),
                texts: String::new(),
            },
            lines,
            heading_text: String::new(),
            open_blocks: Vec::new(),
            open_links: Vec::new(),
            block_texts: Vec::new(),
            link_texts: Vec::new(),
            spare: Vec::new(),
            heading: None,
            text_run: None,
            in_raw_block: false,
            definition_spans,
            definition_labels,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if !matches!(event, Event::Text(_)) {
            self.flush_text_run();
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, &range),
            Event::Text(text) => {
                if !self.in_raw_block {
                    self.extend_prose(&range);
                    self.inline_text(&text, &range);
                    if self.open_links.is_empty() {
                        self.extend_text_run(range);
                    }
                }
            }
            Event::Code(code) => {
                self.doc.code.push(range.clone().into());
                self.inline_text(&code, &range);
            }
            Event::InlineHtml(_) | Event::Html(_) if self.in_open(BlockKind::Html) => {
                self.mark_heading_content(&range);
            }
            Event::InlineHtml(html) => {
                self.mark_heading_content(&range);
                self.inline_html_link(&html, &range);
                self.html(range);
            }
            Event::Html(_) => {
                self.mark_heading_content(&range);
                self.html(range);
            }
            Event::HardBreak => {
                self.doc.hard_breaks.push(range.clone().into());
                self.inline_text(" ", &range);
            }
            Event::SoftBreak => self.inline_text(" ", &range),
            Event::FootnoteReference(label) => self.inline_text(&label, &range),
            Event::TaskListMarker(_) | Event::Rule => {}
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline_text(&math, &range),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let kind = match tag {
            Tag::Paragraph => BlockKind::Paragraph,
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let has_attributes = id.is_some() || !classes.is_empty() || !attrs.is_empty();
                self.open_heading(level as u8, range.clone(), has_attributes);
                BlockKind::Heading(span::index(self.doc.headings.len() - 1))
            }
            Tag::BlockQuote(_) => BlockKind::BlockQuote,
            Tag::CodeBlock(_) => {
                self.in_raw_block = true;
                self.doc.code.push(range.clone().into());
                BlockKind::CodeBlock
            }
            Tag::HtmlBlock => {
                self.html_block_links(&range);
                self.html(range.clone());
                BlockKind::Html
            }
            Tag::List(start) => BlockKind::List {
                ordered: start.is_some(),
            },
            Tag::Item => {
                let depth = self
                    .open_blocks
                    .iter()
                    .filter(|&&i| matches!(self.doc.blocks[i].kind, BlockKind::ListItem { .. }))
                    .count();
                BlockKind::ListItem {
                    depth: span::index(depth),
                }
            }
            Tag::FootnoteDefinition(_) => BlockKind::FootnoteDefinition,
            Tag::Table(_) => BlockKind::Table,
            Tag::TableHead => BlockKind::TableHead,
            Tag::TableRow => BlockKind::TableRow,
            Tag::TableCell => BlockKind::TableCell,
            Tag::MetadataBlock(_) => {
                self.in_raw_block = true;
                BlockKind::FrontMatter
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                BlockKind::Other
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.use_definition(link_type, &id);
                self.open_link(link_type, &dest_url, range, false);
                return;
            }
            Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.use_definition(link_type, &id);
                self.open_link(link_type, &dest_url, range, true);
                return;
            }
            Tag::Emphasis | Tag::Strong => {
                self.doc.emphasis.push(range.into());
                return;
            }
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                return;
            }
        };
        let parent = span::optional_index(self.open_blocks.last().copied());
        self.doc.blocks.push(Block {
            kind,
            span: range.into(),
            parent,
            text: Span::default(),
        });
        self.open_blocks.push(self.doc.blocks.len() - 1);
        let buffer = self.spare.pop().unwrap_or_default();
        self.block_texts.push(buffer);
    }

    fn close_block(&mut self) {
        if let (Some(block), Some(text)) = (self.open_blocks.pop(), self.block_texts.pop()) {
            self.doc.blocks[block].text = self.store_text(text);
        }
    }

    /// Closes the innermost open link.
    fn close_link(&mut self) {
        if let (Some(link), Some(text)) = (self.open_links.pop(), self.link_texts.pop()) {
            self.doc.links[link].text = self.store_text(text);
        }
    }

    /// Copies a closed item's text to [`Document::texts`] and keeps its buffer.
    fn store_text(&mut self, mut text: String) -> Span {
        let span = store(&mut self.doc.texts, &text);
        text.clear();
        self.spare.push(text);
        span
    }

    /// Where a link's destination is read: as written at `dest_span` when it reads so,
    /// otherwise a copy in [`Document::texts`].
    fn link(
        &mut self,
        kind: LinkKind,
        image: bool,
        dest: &str,
        dest_span: Span,
        span: Span,
    ) -> Link {
        let dest_as_written = dest_span
            .present()
            .is_some_and(|written| self.doc.source[written.range()] == *dest);
        Link {
            kind,
            image,
            dest_as_written,
            dest: if dest_as_written {
                Span::default()
            } else {
                store(&mut self.doc.texts, dest)
            },
            dest_span,
            text: Span::default(),
            span,
        }
    }

    fn end(&mut self, tag: TagEnd, range: &Range<usize>) {
        match tag {
            TagEnd::Link | TagEnd::Image => {
                self.close_html_links(range);
                self.close_link();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            _ => {
                self.close_html_links(range);
                if matches!(tag, TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) {
                    self.in_raw_block = false;
                }
                if matches!(tag, TagEnd::Heading(_)) {
                    self.close_heading();
                }
                self.close_block();
            }
        }
    }

    fn in_open(&self, kind: BlockKind) -> bool {
        self.open_blocks
            .last()
            .is_some_and(|&i| self.doc.blocks[i].kind == kind)
    }

    /// Adds inline text to the innermost block, the open heading and every open link.
    fn inline_text(&mut self, text: &str, range: &Range<usize>) {
        let in_image = self.open_links.iter().any(|&i| self.doc.links[i].image);
        for link_text in &mut self.link_texts {
            link_text.push_str(text);
        }
        if in_image {
            return;
        }
        self.mark_heading_content(range);
        if self.heading.is_some() {
            self.heading_text.push_str(text);
        }
        if let Some(block_text) = self.block_texts.last_mut() {
            block_text.push_str(text);
        }
    }

    fn mark_heading_content(&mut self, range: &Range<usize>) {
        if let Some(heading) = &self.heading {
            let content = &mut self.doc.headings[heading.index].content;
            *content = if content.is_empty() {
                range.into()
            } else {
                content.with_end(content.end().max(range.end))
            };
        }
    }

    fn open_heading(&mut self, level: u8, span: Range<usize>, has_attributes: bool) {
        let first_line = &self.doc.source[span.clone()];
        let span = Span::from(span);
        let syntax = if first_line.trim_start().starts_with('#') {
            HeadingSyntax::Atx
        } else {
            HeadingSyntax::Setext
        };
        self.doc.headings.push(Heading {
            level,
            text: Span::default(),
            anchor: Span::default(),
            content: Span::new(span.start(), span.start()),
            span,
            syntax,
            section: Span::default(),
            parent: span::NO_INDEX,
        });
        self.heading = Some(OpenHeading {
            index: self.doc.headings.len() - 1,
            has_attributes,
        });
    }

    fn close_heading(&mut self) {
        let Some(open) = self.heading.take() else {
            return;
        };
        let source = self.doc.source;
        let heading = &mut self.doc.headings[open.index];
        if open.has_attributes {
            // GitHub does not support `{#id .class}`: it renders them as text.
            let tail = source[heading.content.end()..heading.span.end()].trim_end();
            let tail = tail.trim_end_matches('#').trim_end();
            self.heading_text.push_str(tail);
            heading.content = heading.content.with_end(heading.content.end() + tail.len());
        }
        heading.text = store(&mut self.doc.texts, &self.heading_text);
        self.heading_text.clear();
    }

    /// Counts a use of the definition a reference link or image takes its destination from.
    fn use_definition(&mut self, link_type: LinkType, label: &str) {
        if matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        ) && let Some(&i) = self.definition_labels.get(&label_key(label))
        {
            self.doc.definitions[i].uses += 1;
        }
    }

    /// Adds `link` as the innermost open link, whose text the inline text after it
    /// extends.
    fn open_link_text(&mut self, link: Link) {
        self.doc.links.push(link);
        self.open_links.push(self.doc.links.len() - 1);
        let buffer = self.spare.pop().unwrap_or_default();
        self.link_texts.push(buffer);
    }

    fn open_link(&mut self, link_type: LinkType, dest: &str, span: Range<usize>, image: bool) {
        self.mark_heading_content(&span);
        let kind = match link_type {
            LinkType::Inline => LinkKind::Inline,
            LinkType::Autolink => LinkKind::Autolink,
            LinkType::Email => LinkKind::Email,
            _ => LinkKind::Reference,
        };
        let dest_span = match kind {
            LinkKind::Reference => self
                .definition_spans
                .get(dest)
                .copied()
                .unwrap_or(Span::NONE),
            LinkKind::Autolink | LinkKind::Email => Span::new(span.start + 1, span.end - 1),
            LinkKind::Inline | LinkKind::Html => {
                let text_end = find_text_end(self.doc.source, &span);
                locate(self.doc.source, &span, dest, text_end)
            }
        };
        let link = self.link(kind, image, dest, dest_span, span.into());
        self.open_link_text(link);
    }

    /// The `<a href>` elements of an HTML block: its text is not Markdown, so they are
    /// whole inside it.
    fn html_block_links(&mut self, range: &Range<usize>) {
        let source = self.doc.source;
        for link in html::links(&source[range.clone()]) {
            let at = |r: Range<usize>| Span::new(range.start + r.start, range.start + r.end);
            let mut html_link = self.link(
                LinkKind::Html,
                false,
                &link.dest,
                at(link.dest_span),
                at(link.span),
            );
            if !html_link.dest_as_written {
                html_link.dest_span = Span::NONE;
            }
            html_link.text = store(&mut self.doc.texts, &link.text);
            self.doc.links.push(html_link);
        }
    }

    /// Inline HTML `<a href>` opens a link whose text is the Markdown after it, up to
    /// `</a>`.
    fn inline_html_link(&mut self, html: &str, range: &Range<usize>) {
        if let Some((dest, value)) = html::link_open(html) {
            let dest_span = Span::new(range.start + value.start, range.start + value.end);
            let mut link = self.link(LinkKind::Html, false, &dest, dest_span, range.into());
            if !link.dest_as_written {
                link.dest_span = Span::NONE;
            }
            self.open_link_text(link);
        } else if html::is_link_close(html)
            && let Some(&open) = self.open_links.last()
            && self.doc.links[open].kind == LinkKind::Html
        {
            let link = &mut self.doc.links[open];
            link.span = link.span.with_end(range.end);
            self.close_link();
        }
    }

    /// Ends the inline `<a href>` links a block or Markdown link closes without their
    /// `</a>`: they run to the end of its text.
    fn close_html_links(&mut self, container: &Range<usize>) {
        while let Some(&open) = self.open_links.last()
            && self.doc.links[open].kind == LinkKind::Html
        {
            // Measured only when needed: most blocks close no `<a>` (2,391 blocks of the
            // seed measured their text for none).
            let end = container.start + self.doc.source[container.clone()].trim_end().len();
            let link = &mut self.doc.links[open];
            link.span = link.span.with_end(link.span.end().max(end));
            self.close_link();
        }
    }

    fn html(&mut self, range: Range<usize>) {
        let source = self.doc.source;
        let text = &source[range.clone()];
        for (comment, body) in html::comments(text) {
            let end = range.start + comment.end;
            let line = self.lines.line_of(end.saturating_sub(1));
            self.doc
                .suppressions
                .add(body, range.start + comment.start, line);
        }
        for (name, span) in html::anchors(text) {
            let span = Span::new(range.start + span.start, range.start + span.end);
            self.doc.html_anchors.push(HtmlAnchor { name, span });
        }
        if self.heading.is_none() {
            for h in html::headings(text) {
                self.doc.headings.push(Heading {
                    level: h.level,
                    text: store(&mut self.doc.texts, &h.text),
                    anchor: Span::default(),
                    span: Span::new(range.start + h.span.start, range.start + h.span.end),
                    content: Span::new(range.start + h.content.start, range.start + h.content.end),
                    syntax: HeadingSyntax::Html,
                    section: Span::default(),
                    parent: span::NO_INDEX,
                });
            }
        }
        self.doc.html.push(range.into());
    }

    /// Adds a text event to [`Document::prose`], unless it is an image's alt text.
    fn extend_prose(&mut self, range: &Range<usize>) {
        if self.open_links.iter().any(|&i| self.doc.links[i].image) {
            return;
        }
        match self.doc.prose.last_mut() {
            Some(run) if run.end() == range.start => *run = run.with_end(range.end),
            _ => self.doc.prose.push(range.into()),
        }
    }

    fn extend_text_run(&mut self, range: Range<usize>) {
        match &mut self.text_run {
            Some(run) if run.end == range.start => run.end = range.end,
            _ => {
                self.flush_text_run();
                self.text_run = Some(range);
            }
        }
    }

    fn flush_text_run(&mut self) {
        if let Some(run) = self.text_run.take() {
            let text = &self.doc.source[run.clone()];
            self.doc.bare_urls.extend(
                autolink::find_bare_urls(text)
                    .into_iter()
                    .map(|r| Span::new(run.start + r.start, run.start + r.end)),
            );
            self.doc.text_runs.push(run.into());
        }
    }

    fn finish(mut self) -> Document<'a> {
        self.flush_text_run();
        // Every block and link has ended by the last event; their texts are stored then.
        debug_assert!(self.open_blocks.is_empty() && self.open_links.is_empty());
        self.doc.headings.sort_by_key(|h| h.span.start());
        // Heading blocks point at headings by index; HTML headings may have shifted them.
        let mut next = 0;
        for block in &mut self.doc.blocks {
            if let BlockKind::Heading(index) = &mut block.kind {
                while self.doc.headings[next].span.start() != block.span.start() {
                    next += 1;
                }
                *index = span::index(next);
                next += 1;
            }
        }
        self.doc.code.sort_by_key(|r| r.start());
        self.doc.html.sort_by_key(|r| r.start());
        self.doc
    }
}

/// Gives every heading its anchor, parent and section: all three depend on the
/// headings before it, so this runs once over the whole document, after its parts are
/// merged.
pub(super) fn link_headings(doc: &mut Document) {
    let source_len = doc.source.len();
    let headings = &mut doc.headings;
    let texts = &mut doc.texts;
    // The anchors go after every part's texts: room is made first (an anchor is about
    // as long as its heading's text), as growing by doubling at this last step doubled
    // the buffer of a large list (synthetic-20000: 10 -> 20 MB).
    texts.reserve_exact(headings.iter().map(|h| h.text.len() + 4).sum());
    let mut slugger = Slugger::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let anchor = slugger.slug(&texts[headings[i].text.range()]);
        headings[i].anchor = store(texts, anchor);
        while stack
            .last()
            .is_some_and(|&open| headings[open].level >= headings[i].level)
        {
            let closed = stack.pop().unwrap_or_default();
            headings[closed].section = headings[closed].section.with_end(headings[i].span.start());
        }
        headings[i].parent = span::optional_index(stack.last().copied());
        headings[i].section = Span::new(headings[i].span.start(), source_len);
        stack.push(i);
    }
}

/// End of the bracketed text of an inline link or image (the offset of `](`).
fn find_text_end(source: &str, span: &Range<usize>) -> usize {
    let bytes = &source.as_bytes()[span.clone()];
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return span.start + i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    span.start
}

/// Finds where a destination is written inside `span`, after `from`; [`Span::NONE`]
/// when it is not there as it reads.
fn locate(source: &str, span: &Range<usize>, dest: &str, from: usize) -> Span {
    let from = from.max(span.start);
    match source.get(from..span.end) {
        Some(hay) => {
            find_first(hay, dest).map_or(Span::NONE, |i| Span::new(from + i, from + i + dest.len()))
        }
        None => Span::NONE,
    }
}

/// The first place `needle` (not empty) starts in `hay`, as `str::find` has it. A
/// destination is nearly always written just after the `](` its search starts at, and
/// `str::find` prepares a two-way search for each one first: 1,870 instructions a link
/// on the corpus lists, against one `memchr` and one comparison here.
fn find_first(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let &first = needle.first()?;
    memchr::memchr_iter(first, hay).find(|&at| hay[at..].starts_with(needle))
}

/// Appends `text` to a document's [`Document::texts`]; returns where it is.
fn store(texts: &mut String, text: &str) -> Span {
    let start = texts.len();
    texts.push_str(text);
    Span::new(start, texts.len())
}

#[cfg(test)]
mod tests {
    use super::find_first;

    proptest::proptest! {
        #[test]
        fn a_destination_is_found_where_str_find_finds_it(
            hay in "[](<>a-c/:é中 ]{0,24}",
            other in "[](<>a-c/:é中 ]{0,4}",
            skip in 0usize..24,
            take in 0usize..8,
        ) {
            // A needle cut from the haystack (found, maybe not first) and one made apart.
            let inside: String = hay.chars().skip(skip).take(take).collect();
            for needle in [inside, other] {
                let expected = (!needle.is_empty()).then(|| hay.find(&needle)).flatten();
                proptest::prop_assert_eq!(find_first(&hay, &needle), expected);
            }
        }
    }
}
