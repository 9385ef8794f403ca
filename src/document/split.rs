//! One large source parsed on every core: cut before headings, the parts parsed side by
//! side on rayon, their models merged in order. pulldown-cmark builds its tree of the
//! whole text before the first event, so a part at a time also bounds that tree to a
//! part instead of the whole file.
//!
//! The parts must give exactly the document one piece gives. CommonMark reads blocks
//! line by line, so a prefix of a source parses as the start of the whole does, and the
//! text after a cut parses alone as it does in place when no block before the cut is
//! still open there. A cut is taken only before an ATX heading at the start of a line,
//! after a blank line: a paragraph, a table or an HTML block that ends at a blank line
//! has ended there, and a list, a block quote or a footnote definition ends at a line
//! that is not indented (a heading is never a paragraph's lazy continuation). What may
//! still be open is a fenced code block or an HTML block that ends at a marker (`-->`,
//! `</pre>`…). A scan of the fences skips most such cuts; the parse shows the rest
//! ([`ends_open`]): that cut is dropped and the text parsed again.
//!
//! Two things look further: inline content depends on the link reference and footnote
//! definitions of the whole document, and front matter on a closing line that may come
//! after any cut. A document with either is parsed in one piece; a definition is told by
//! its `]:` before any parse, as finding one in a part's model meant parsing it all twice
//! (the 6.4 MB corpus concatenation holds some: its parse cost doubled).

use std::ops::Range;

use pulldown_cmark::Options;
use rayon::prelude::*;

use super::parse::{link_headings, options_for, parse_part};
use super::{Block, BlockKind, Document, Heading, LineIndex, Link, span};

/// A source is parsed in parts of about this size, when it is at least twice as large.
/// 512 KB gives a 10 MB list twenty parts, enough for every core to stay busy, and keeps
/// a list of common size (the corpus's largest is 0.9 MB) in one piece.
pub(super) const PART_BYTES: usize = 512 << 10;

/// Parses `source` in parts of at least `part_bytes` where it can be cut, in one piece
/// otherwise; returns the document and the number of parts it was parsed in.
pub(super) fn parse(source: &str, part_bytes: usize) -> (Document<'_>, usize) {
    let options = options_for(source);
    // Front matter is found by looking ahead for its closing line, which may lie past
    // any cut; pulldown-cmark then looks for it at every `---` line.
    let (lines, cuts) = if source.len() / 2 >= part_bytes
        && !options.contains(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
        && !may_define(source)
    {
        // The two scans of the whole source, side by side: on the 10 MB list each was
        // about 9 M instructions of serial work before the parts are parsed.
        rayon::join(
            || LineIndex::new(source),
            || heading_cuts(source, part_bytes),
        )
    } else {
        (LineIndex::new(source), Vec::new())
    };
    let (mut doc, parts) = parse_cut(source, options, &lines, cuts);
    doc.lines = lines;
    link_headings(&mut doc);
    (doc, parts)
}

/// [`parse`] before the line index is set and the headings are linked: both need the
/// whole document, after its parts are merged.
fn parse_cut<'a>(
    source: &'a str,
    options: Options,
    lines: &LineIndex,
    mut cuts: Vec<usize>,
) -> (Document<'a>, usize) {
    while !cuts.is_empty() {
        let parts = parts(&cuts, source.len());
        let docs: Vec<Document<'a>> = parts
            .par_iter()
            .map(|part| parse_part(source, part.clone(), options, lines))
            .collect();
        // A cut inside an open block means the scan misread the fences before it: the
        // cuts after it are dropped too, so that no text costs more than two parses.
        // (The last part ends where the source does: nothing continues after it.)
        match cuts
            .iter()
            .zip(&docs)
            .position(|(&cut, doc)| ends_open(doc, cut))
        {
            Some(open) => cuts.truncate(open),
            None => {
                if let Some(doc) = merge(docs) {
                    return (doc, parts.len());
                }
                break;
            }
        }
    }
    (parse_part(source, 0..source.len(), options, lines), 1)
}

/// Where parts may start: before an ATX heading at the start of a line after a blank
/// line, outside the fenced code blocks a scan of the fences sees, the first at least
/// `part_bytes` into the source and each next at least `part_bytes` after the last.
fn heading_cuts(source: &str, part_bytes: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut after_blank = false;
    let mut offset = 0;
    let mut next = part_bytes;
    for line in lines_of(source) {
        if let Some(open) = &fence {
            if open.is_closed_by(line) {
                fence = None;
            }
        } else if after_blank && offset >= next && is_atx_heading(line) {
            cuts.push(offset);
            next = offset + part_bytes;
        } else {
            fence = Fence::opened_by(line);
        }
        after_blank = line
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
        offset += line.len();
    }
    cuts
}

/// The lines of `source` with their line endings, as `str::split_inclusive('\n')` gives
/// them. memchr's SIMD search finds the newlines: std's char search was 25 M of the 40 M
/// instructions [`heading_cuts`] took on the 10 MB list.
fn lines_of(source: &str) -> impl Iterator<Item = &str> {
    let mut newlines = memchr::memchr_iter(b'\n', source.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = newlines.next().map_or(source.len(), |newline| newline + 1);
        (start < end).then(|| {
            let line = &source[start..end];
            start = end;
            line
        })
    })
}

/// The parts between consecutive cuts, covering the whole source.
fn parts(cuts: &[usize], len: usize) -> Vec<Range<usize>> {
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain(std::iter::once(len));
    starts.zip(ends).map(|(start, end)| start..end).collect()
}

/// `#` to `######` at the very start of a line, then a space, a tab or the line's end.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && matches!(
            line.as_bytes().get(hashes),
            None | Some(b' ' | b'\t' | b'\r' | b'\n')
        )
}

/// A code fence: its character and length.
struct Fence {
    marker: u8,
    len: usize,
}

impl Fence {
    /// Up to three spaces, three or more backticks or tildes, and for backticks an info
    /// string without one.
    fn opened_by(line: &str) -> Option<Self> {
        let (marker, len, rest) = fence_run(line)?;
        (marker == b'~' || !rest.contains('`')).then_some(Self { marker, len })
    }

    /// Up to three spaces, at least as many of the same character, nothing else.
    fn is_closed_by(&self, line: &str) -> bool {
        fence_run(line).is_some_and(|(marker, len, rest)| {
            marker == self.marker && len >= self.len && rest.trim().is_empty()
        })
    }
}

/// A run of three or more backticks or tildes after at most three spaces: its
/// character, its length and the rest of the line.
fn fence_run(line: &str) -> Option<(u8, usize, &str)> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let text = &line[indent..];
    let marker = *text
        .as_bytes()
        .first()
        .filter(|&&b| b == b'`' || b == b'~')?;
    let len = text.bytes().take_while(|&b| b == marker).count();
    (len >= 3).then(|| (marker, len, &text[len..]))
}

/// Whether `source` may hold a link reference or footnote definition, whose label is
/// always followed by `]:` (`[label]: url`, `[^note]: text`), resolving links and
/// footnote references in every part. Text that merely contains `]:` is parsed in one
/// piece too, which only costs the split.
fn may_define(source: &str) -> bool {
    // memchr's SIMD search: std's `contains` took 5 M instructions on the 10 MB list,
    // serial before anything else of the parse.
    memchr::memmem::find(source.as_bytes(), b"]:").is_some()
}

/// Whether a block that only a marker closes (a code fence, an HTML block such as a
/// comment) runs to the end of the part, `end`: the part was cut inside
/// it. A closed one ends with its marker's line, before the blank line a cut follows.
fn ends_open(doc: &Document, end: usize) -> bool {
    doc.blocks
        .iter()
        .rev()
        .take_while(|b| b.span.end() >= end)
        .any(|b| matches!(b.kind, BlockKind::CodeBlock | BlockKind::Html))
}

/// The parts' documents merged in order. The large lists are sized for every part
/// first: grown by doubling, they peaked at up to twice their final size while all the
/// parts were still held. The lists whose entries are shifted ([`Pointing`]) and the
/// others are merged side by side: on the 10 MB list the merge was 15.8 M instructions
/// of serial work between the parallel parse and the rules, most of it copying.
fn merge<'a>(docs: Vec<Document<'a>>) -> Option<Document<'a>> {
    let mut docs = docs.into_iter();
    let mut doc = docs.next()?;
    let rest: Vec<Document<'a>> = docs.collect();
    let total = |len: fn(&Document) -> usize| rest.iter().map(len).sum::<usize>();
    doc.blocks.reserve_exact(total(|d| d.blocks.len()));
    doc.links.reserve_exact(total(|d| d.links.len()));
    doc.prose.reserve_exact(total(|d| d.prose.len()));
    doc.text_runs.reserve_exact(total(|d| d.text_runs.len()));
    doc.code.reserve_exact(total(|d| d.code.len()));
    doc.texts.reserve_exact(total(|d| d.texts.len()));
    let first = Pointing::take(&mut doc);
    let (pointing, rest): (Vec<Pointing>, Vec<Document<'a>>) = rest
        .into_iter()
        .map(|mut part| (Pointing::take(&mut part), part))
        .unzip();
    let (pointing, mut doc) = rayon::join(
        || pointing.into_iter().fold(first, Pointing::append),
        || rest.into_iter().fold(doc, append),
    );
    pointing.put(&mut doc);
    Some(doc)
}

/// The lists of a part whose entries point into the lists of the part: block and
/// heading indices and spans of [`Document::texts`], shifted when appended. Taken out
/// of each part to be merged apart from the rest: the texts' copy was most of the merge.
struct Pointing {
    headings: Vec<Heading>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    /// The length of the texts the spans point into, which stay in the document.
    texts_len: usize,
}

impl Pointing {
    /// The lists of `doc` that [`Pointing`] holds, leaving them empty there.
    fn take(doc: &mut Document) -> Self {
        Self {
            headings: std::mem::take(&mut doc.headings),
            blocks: std::mem::take(&mut doc.blocks),
            links: std::mem::take(&mut doc.links),
            texts_len: doc.texts.len(),
        }
    }

    /// Gives the lists back to `doc`, which [`append`] made of every part.
    fn put(self, doc: &mut Document) {
        debug_assert_eq!(self.texts_len, doc.texts.len());
        doc.headings = self.headings;
        doc.blocks = self.blocks;
        doc.links = self.links;
    }

    /// The lists of the part after these, appended to them: block and heading indices
    /// are shifted past the blocks and headings before, and the spans of heading, block
    /// and link texts past the texts before.
    fn append(mut self, part: Pointing) -> Self {
        let block_base = self.blocks.len();
        let text_base = self.texts_len;
        self.texts_len += part.texts_len;
        let heading_base = span::index(self.headings.len());
        self.blocks.extend(part.blocks.into_iter().map(|mut block| {
            block.parent = span::optional_index(block.parent().map(|parent| parent + block_base));
            if let BlockKind::Heading(index) = &mut block.kind {
                *index += heading_base;
            }
            block.text = block.text.shifted(text_base);
            block
        }));
        self.headings
            .extend(part.headings.into_iter().map(|mut heading| {
                heading.text = heading.text.shifted(text_base);
                heading
            }));
        self.links.extend(part.links.into_iter().map(|mut link| {
            link.text = link.text.shifted(text_base);
            if !link.dest_as_written {
                link.dest = link.dest.shifted(text_base);
            }
            link
        }));
        self
    }
}

/// The document of the part after `doc`'s, appended to it, with their [`Pointing`]
/// lists taken out: the other lists' spans are already the whole source's.
fn append<'a>(mut doc: Document<'a>, part: Document<'a>) -> Document<'a> {
    // Named one by one, so that a field added to the model cannot be left out here.
    let Document {
        source: _,
        lines: _,
        headings: _,
        blocks: _,
        links: _,
        definitions,
        broken_references,
        bare_urls,
        text_runs,
        prose,
        code,
        emphasis,
        html,
        hard_breaks,
        html_anchors,
        suppressions,
        texts,
    } = part;
    doc.texts.push_str(&texts);
    doc.definitions.extend(definitions);
    doc.broken_references.extend(broken_references);
    doc.bare_urls.extend(bare_urls);
    doc.text_runs.extend(text_runs);
    doc.prose.extend(prose);
    doc.code.extend(code);
    doc.emphasis.extend(emphasis);
    doc.html.extend(html);
    doc.hard_breaks.extend(hard_breaks);
    doc.html_anchors.extend(html_anchors);
    doc.suppressions.append(suppressions);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lines of newlines, carriage returns, letters and CJK, with and without a
        /// final newline.
        #[test]
        fn lines_are_those_split_inclusive_gives(source in "[a\n\r中 ]{0,40}") {
            let lines: Vec<&str> = lines_of(&source).collect();
            let expected: Vec<&str> = source.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(lines, expected);
        }
    }
}
