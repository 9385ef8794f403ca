//! The line-aligned byte ranges that fixes replace or delete: the TOC edits and the
//! duplicate rules remove or insert whole lines, never part of one.

use std::ops::Range;

use super::{Document, Span};

impl Document<'_> {
    /// The byte range of the whole lines holding `span` (trailing blank lines left out),
    /// final newline included.
    pub fn whole_lines(&self, span: impl Into<Span>) -> Range<usize> {
        let span = span.into().range();
        let source = self.source;
        let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let content_end = span.start + source[span.clone()].trim_end().len();
        let end = source[content_end..]
            .find('\n')
            .map_or(source.len(), |i| content_end + i + 1);
        start..end
    }

    /// The bytes to delete to remove the whole lines of `span`; with `blank_line`, also one
    /// blank line after it (or before it, when none follows), so the blocks around stay
    /// separated as they were. `None` when other text shares the first or last line.
    pub fn line_removal(&self, span: impl Into<Span>, blank_line: bool) -> Option<Range<usize>> {
        let span = span.into().range();
        let source = self.source;
        let lines = &self.lines;
        // Block spans may end after trailing blank lines; only the text counts.
        let span = span.start..span.start + source[span].trim_end().len();
        let first = lines.line_of(span.start);
        let last = lines.line_of(span.end.saturating_sub(1).max(span.start));
        let start = lines.line_start(first);
        if !source[start..span.start].trim().is_empty() {
            return None;
        }
        let last_range = lines.line_range(source, last);
        if !source[span.end.min(last_range.end)..last_range.end]
            .trim()
            .is_empty()
        {
            return None;
        }
        let after = |line: usize| {
            if line + 1 < lines.len() {
                lines.line_start(line + 1)
            } else {
                source.len()
            }
        };
        let mut end = after(last);
        let is_blank = |line: usize| {
            line < lines.len() && source[lines.line_range(source, line)].trim().is_empty()
        };
        if blank_line {
            if end < source.len() && is_blank(last + 1) {
                end = after(last + 1);
            } else if first > 0 && is_blank(first - 1) {
                return Some(lines.line_start(first - 1)..end);
            }
        }
        Some(start..end)
    }

    /// The bytes to delete to remove a whole section, heading included; at the end of the
    /// file, also the blank lines before it, so the file still ends where the text before
    /// it does.
    pub fn section_removal(&self, section: impl Into<Span>) -> Range<usize> {
        let section = section.into().range();
        if section.end < self.source.len() {
            return section;
        }
        let before = self.source[..section.start].trim_end();
        let keep = self.source[before.len()..section.start]
            .find('\n')
            .map_or(0, |i| i + 1);
        before.len() + keep..section.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_cover_the_span() {
        let doc = Document::parse("a\n- b\n  - c\nd\n");
        let start = doc.source.find("- c").unwrap();
        assert_eq!(&doc.source[doc.whole_lines(&(start..start + 3))], "  - c\n");
    }

    #[test]
    fn line_removal_takes_one_blank_line() {
        let source = "a\n\nb\n\nc\n";
        let doc = Document::parse(source);
        let b = source.find('b').unwrap();
        let range = doc.line_removal(&(b..b + 1), true).unwrap();
        let mut out = source.to_owned();
        out.replace_range(range, "");
        assert_eq!(out, "a\n\nc\n");
        let c = source.find('c').unwrap();
        let range = doc.line_removal(&(c..c + 2), true).unwrap();
        let mut out = source.to_owned();
        out.replace_range(range, "");
        assert_eq!(out, "a\n\nb\n");
        assert_eq!(doc.line_removal(&(b..b + 1), false), Some(b..b + 2));
    }

    #[test]
    fn section_removal_at_the_end_takes_the_blank_lines_before() {
        let source = "# a\n\ntext\n\n## b\n\nmore\n";
        let doc = Document::parse(source);
        let b = doc.headings[1].section;
        let mut out = source.to_owned();
        out.replace_range(doc.section_removal(b), "");
        assert_eq!(out, "# a\n\ntext\n");
        let a = doc.headings[0].section;
        let before_b = a.start()..b.start();
        assert_eq!(doc.section_removal(&before_b), before_b);
    }
}
