//! What miette is shown of a file for one finding.
//!
//! miette pads each underline to the column it starts at with a formatting width,
//! which panics past 65,535 columns (a line with an inline base64 image, 33k CJK
//! characters), and its headers count columns in bytes. So a finding is shown the
//! lines around its labels only, each long line cut to windows around the labels' ends
//! (the rest stands as `…`), and reading the snippet back maps every place to its real
//! line and its column in characters, as the other formats give it.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::document::LineIndex;

/// Lines longer than this many bytes are cut to windows.
const LONG_LINE: usize = 1000;
/// Bytes kept on each side of a label's end on a long line (50 CJK characters).
const MARGIN: usize = 150;
const ELLIPSIS: &str = "…";

/// The lines of a file around a finding's labels, long ones cut.
pub(super) struct Snippet<'s> {
    name: &'s str,
    source: &'s str,
    lines: &'s LineIndex,
    text: String,
    /// The pieces `text` is made of, in order.
    pieces: Vec<Piece>,
}

/// A stretch of the snippet: a copy of `original`, or the ellipsis standing for it.
struct Piece {
    /// Where it starts in the snippet.
    shown: usize,
    original: Range<usize>,
    copied: bool,
}

impl<'s> Snippet<'s> {
    /// The lines from the one before the first of `spans` to the one after the last.
    pub(super) fn new(
        name: &'s str,
        source: &'s str,
        lines: &'s LineIndex,
        spans: &[Range<usize>],
    ) -> Self {
        let mut ends: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .map(|offset| floor_char_boundary(source, offset))
            .collect();
        ends.sort_unstable();
        ends.dedup();
        let last_line = lines.line_of(source.len());
        let first = ends
            .first()
            .map_or(0, |&o| lines.line_of(o).saturating_sub(1));
        let last = ends
            .last()
            .map_or(0, |&o| (lines.line_of(o) + 1).min(last_line));
        let mut snippet = Self {
            name,
            source,
            lines,
            text: String::new(),
            pieces: Vec::new(),
        };
        for line in first..=last {
            let range = lines.line_range(source, line);
            let next = if line == last_line {
                source.len()
            } else {
                lines.line_start(line + 1)
            };
            if range.len() > LONG_LINE {
                snippet.push_windows(range.clone(), &ends);
            } else {
                snippet.push_copy(range.clone());
            }
            snippet.push_copy(range.end..next);
        }
        snippet
    }

    /// A long line: windows around the ends on it (or its start, with none), the gaps
    /// between them as `…`.
    fn push_windows(&mut self, line: Range<usize>, ends: &[usize]) {
        let on_line = &ends
            [ends.partition_point(|&e| e < line.start)..ends.partition_point(|&e| e <= line.end)];
        let centres = if on_line.is_empty() {
            &[line.start][..]
        } else {
            on_line
        };
        let mut at = line.start;
        for &centre in centres {
            let start = floor_char_boundary(self.source, centre.saturating_sub(MARGIN))
                .clamp(line.start, line.end);
            let end = ceil_char_boundary(self.source, (centre + MARGIN).min(line.end));
            if start > at {
                self.push_ellipsis(at..start);
            }
            let start = start.max(at);
            if end > start {
                self.push_copy(start..end);
                at = end;
            }
        }
        if at < line.end {
            self.push_ellipsis(at..line.end);
        }
    }

    fn push_copy(&mut self, original: Range<usize>) {
        if original.is_empty() {
            return;
        }
        self.text.push_str(&self.source[original.clone()]);
        match self.pieces.last_mut() {
            Some(last) if last.copied && last.original.end == original.start => {
                last.original.end = original.end;
            }
            _ => self.pieces.push(Piece {
                shown: self.text.len() - original.len(),
                original,
                copied: true,
            }),
        }
    }

    fn push_ellipsis(&mut self, original: Range<usize>) {
        self.pieces.push(Piece {
            shown: self.text.len(),
            original,
            copied: false,
        });
        self.text.push_str(ELLIPSIS);
    }

    /// Where `span` of the file is in the snippet.
    pub(super) fn shown(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.shown_offset(span.start);
        start..self.shown_offset(span.end).max(start)
    }

    fn shown_offset(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(self.source, offset);
        let index = self
            .pieces
            .partition_point(|p| p.original.start <= offset)
            .saturating_sub(1);
        match self.pieces.get(index) {
            Some(p) if p.copied => p.shown + (offset.min(p.original.end) - p.original.start),
            Some(p) => p.shown,
            None => 0,
        }
    }

    /// Where snippet offset `shown` is in the file.
    fn original(&self, shown: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.shown <= shown)
            .saturating_sub(1);
        match self.pieces.get(index) {
            Some(p) if p.copied => (p.original.start + (shown - p.shown)).min(p.original.end),
            Some(p) => p.original.start,
            None => 0,
        }
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let (line, column) = self
            .lines
            .position(self.source, self.original(contents.span().offset()));
        let line = line - 1;
        // miette's `line_count` counts from the top of the text, and it merges two
        // labels' snippets by it: shifted the same as the line, it counts the same.
        let line_count = contents.line_count() - contents.line() + line;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            contents.data(),
            *contents.span(),
            line,
            column - 1,
            line_count,
        )))
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_keep_windows_around_the_span_and_map_back() {
        let source = format!(
            "before\n{}X{}\nafter\nfar\n",
            "中".repeat(40_000),
            "a".repeat(5000)
        );
        let lines = LineIndex::new(&source);
        let at = source.find('X').unwrap();
        let span = at..at + 1;
        let snippet = Snippet::new("f.md", &source, &lines, std::slice::from_ref(&span));
        assert!(snippet.text.len() < 2 * MARGIN + 100, "{}", snippet.text);
        assert!(snippet.text.starts_with("before\n…"));
        assert!(snippet.text.ends_with("…\nafter\n"));
        let shown = snippet.shown(&(at..at + 1));
        assert_eq!(&snippet.text[shown.clone()], "X");
        assert_eq!(snippet.original(shown.start), at);
        let contents = snippet.read_span(&shown.into(), 0, 0).unwrap();
        assert_eq!((contents.line(), contents.column()), (1, 40_000));
    }
}
