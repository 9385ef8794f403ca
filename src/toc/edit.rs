//! Writing TOC entries in the TOC's own style: the edits of the TOC fixes and of
//! `pocketlint toc`.

use std::ops::Range;

use crate::settings::TocConfig;
use crate::document::{BlockKind, Document};
use crate::fix::Edit;

use super::{Entry, EntryKind, Style, Toc};

/// How a link TOC writes its items: the first item's marker and indentation, and the
/// indentation added per nesting level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListStyle {
    pub marker: String,
    pub base: usize,
    pub indent: usize,
}

impl Default for ListStyle {
    fn default() -> Self {
        Self {
            marker: "-".to_owned(),
            base: 0,
            indent: 2,
        }
    }
}

impl ListStyle {
    /// The style of the link items in `toc`: the per-level indentation is the one most
    /// first-level nested items use.
    pub fn of(doc: &Document, toc: &Toc) -> Self {
        let items: Vec<(usize, usize)> = toc
            .entries
            .iter()
            .filter_map(|e| match e.kind {
                EntryKind::Link {
                    item: Some(item),
                    depth,
                    ..
                } => Some((item, depth)),
                _ => None,
            })
            .collect();
        let Some(&(first, _)) = items.first() else {
            return Self::default();
        };
        let marker = item_prefix(doc, first).trim().to_owned();
        let marker = if marker.ends_with(['.', ')']) {
            "1.".to_owned()
        } else {
            marker
        };
        let indent_of = |i: usize| indentation(doc, doc.blocks[i].span.start);
        let base = indent_of(first);
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for &(item, depth) in &items {
            let n = indent_of(item);
            if depth == 1 && n > base {
                match counts.iter_mut().find(|(width, _)| *width == n - base) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((n - base, 1)),
                }
            }
        }
        let indent = counts
            .iter()
            .max_by_key(|&&(width, count)| (count, usize::MAX - width))
            .map_or(2, |&(width, _)| width);
        Self {
            marker,
            base,
            indent,
        }
    }

    /// One item line: `  - [Text](#anchor)`.
    pub fn line(&self, depth: usize, text: &str, anchor: &str) -> String {
        format!(
            "{}{} [{}](#{anchor})\n",
            " ".repeat(self.base + depth * self.indent),
            self.marker,
            escape_link_text(text)
        )
    }
}

/// The byte range of the whole lines holding `span` (trailing blank lines left out),
/// final newline included.
pub fn whole_lines(doc: &Document, span: &Range<usize>) -> Range<usize> {
    let source = doc.source;
    let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let content_end = span.start + source[span.clone()].trim_end().len();
    let end = source[content_end..]
        .find('\n')
        .map_or(source.len(), |i| content_end + i + 1);
    start..end
}

/// Spaces before the text on the line holding `offset`.
fn indentation(doc: &Document, offset: usize) -> usize {
    let line = whole_lines(doc, &(offset..offset));
    let text = &doc.source[line];
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

/// The text before a list item's content on its first line: indentation, marker
/// (`-`, `*`, `1.`) and the spaces after it.
pub fn item_prefix(doc: &Document, item: usize) -> String {
    let start = doc.blocks[item].span.start;
    let line = &doc.source[whole_lines(doc, &(start..start))];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = (digits + 1).min(rest.len());
    let spaces = rest[marker..].bytes().take_while(|&b| b == b' ').count();
    line[..indent + marker + spaces].to_owned()
}

/// Text safe inside `[…]`.
pub fn escape_link_text(text: &str) -> String {
    // A backslash first: `Paper\` must not escape the `]` that closes the text.
    one_line(text)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// Text safe inside a table cell.
pub fn escape_cell(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('|', "\\|")
}

/// `text` trimmed, with no line ending left to end an entry early: a lone `\r` in a
/// heading is text to pulldown-cmark but would end the TOC line it is copied to.
fn one_line(text: &str) -> String {
    text.trim().replace(['\r', '\n'], " ")
}

/// The link list `toc` should be (or, without a TOC, the one the document should
/// have: its `##` and `###` sections).
pub fn render(doc: &Document, toc: Option<&Toc>, config: &TocConfig) -> String {
    let (headings, style): (Vec<usize>, ListStyle) = match toc {
        Some(toc) => (toc.expected(doc, config), ListStyle::of(doc, toc)),
        None => {
            let levels = config.levels.clone().unwrap_or_else(|| vec![2, 3]);
            let headings = (0..doc.headings.len())
                .filter(|&h| levels.contains(&doc.headings[h].level))
                .collect();
            (headings, ListStyle::default())
        }
    };
    let top = headings
        .iter()
        .map(|&h| doc.headings[h].level)
        .min()
        .unwrap_or(1);
    // A working link keeps its fragment as written (`#csharp`, an HTML anchor).
    let written = |h: usize| {
        let entry = toc?.entries.iter().find(|e| e.heading() == Some(h))?;
        match entry.kind {
            EntryKind::Link { link, .. } => doc.links[link].dest.strip_prefix('#'),
            EntryKind::Cell { .. } => None,
        }
    };
    headings
        .iter()
        .map(|&h| {
            let heading = &doc.headings[h];
            let anchor = written(h).unwrap_or(&heading.anchor);
            style.line(usize::from(heading.level - top), &heading.text, anchor)
        })
        .collect()
}

/// Replaces the lists of a link TOC with `text`; `None` for a table TOC.
pub fn replace_region(doc: &Document, toc: &Toc, text: &str) -> Option<Edit> {
    if toc.style != Style::Links {
        return None;
    }
    let lists: Vec<&Range<usize>> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::List { .. }) && super::within(&b.span, &toc.region))
        .filter(|b| {
            b.parent
                .is_none_or(|p| !super::within(&doc.blocks[p].span, &toc.region))
        })
        .map(|b| &b.span)
        .collect();
    let first = whole_lines(doc, lists.first()?);
    let last = whole_lines(doc, lists.last()?);
    Some(Edit::replace(first.start..last.end, text))
}

/// Whether list item `item` has a nested list.
fn has_children(doc: &Document, item: usize) -> bool {
    doc.blocks
        .iter()
        .skip(item + 1)
        .take_while(|b| b.span.start < doc.blocks[item].span.end)
        .any(|b| b.parent == Some(item) && matches!(b.kind, BlockKind::List { .. }))
}

/// Deletes the list item of a link entry, when the item is nothing but that entry.
pub fn remove_entry(doc: &Document, toc: &Toc, entry: &Entry) -> Option<Edit> {
    let item = entry.item()?;
    let alone = toc
        .entries
        .iter()
        .filter(|e| e.item() == Some(item))
        .count()
        == 1;
    (alone && !has_children(doc, item))
        .then(|| Edit::delete(whole_lines(doc, &doc.blocks[item].span)))
}

/// The text range of an inline link (between `[` and `](`).
fn link_text_range(doc: &Document, link: usize) -> Option<Range<usize>> {
    let link = &doc.links[link];
    let dest = link.dest_span.as_ref()?;
    let start = link.span.start + 1;
    let end = start + doc.source.get(start..dest.start)?.rfind("](")?;
    Some(start..end)
}

/// Rewrites an entry's text to `text` (a link's text, or a table cell keeping its
/// "new" marker).
pub fn retext_entry(doc: &Document, entry: &Entry, text: &str) -> Option<Edit> {
    match entry.kind {
        EntryKind::Link { link, .. } => Some(Edit::replace(
            link_text_range(doc, link)?,
            escape_link_text(text),
        )),
        EntryKind::Cell { new, .. } => {
            let cell = escape_cell(text);
            let cell = if new { format!("*【{cell}】") } else { cell };
            Some(Edit::replace(entry.span.clone(), cell))
        }
    }
}

/// Inserts an entry for heading `h` in the TOC's own style: a link item beside its
/// sibling sections' items (or nested under its parent's), or a row appended to the
/// table of the group its part belongs to.
pub fn insert_entry(doc: &Document, toc: &Toc, h: usize) -> Option<Edit> {
    // Entries are placed by lines; a lone `\r` ends a line for the parser but not for
    // the line index, so a line placed there could land outside the TOC.
    let region = doc.slice(&toc.region);
    if region
        .match_indices('\r')
        .any(|(i, _)| !region[i + 1..].starts_with('\n'))
    {
        return None;
    }
    let heading = &doc.headings[h];
    let item_of = |target: usize| {
        toc.entries
            .iter()
            .filter(|e| e.heading() == Some(target))
            .find_map(Entry::item)
    };
    let siblings: Vec<usize> = (0..doc.headings.len())
        .filter(|&s| {
            s != h
                && doc.headings[s].parent == heading.parent
                && doc.headings[s].level == heading.level
        })
        .collect();
    if toc.style == Style::Tables {
        return insert_row(doc, toc, heading.parent, &heading.text);
    }
    let line = |prefix: &str| {
        format!(
            "{prefix}[{}](#{})\n",
            escape_link_text(&heading.text),
            heading.anchor
        )
    };
    if let Some(item) = siblings
        .iter()
        .rev()
        .filter(|&&s| s < h)
        .find_map(|&s| item_of(s))
    {
        let end = whole_lines(doc, &doc.blocks[item].span).end;
        return Some(Edit::insert(end, line(&item_prefix(doc, item))));
    }
    if let Some(item) = siblings
        .iter()
        .filter(|&&s| s > h)
        .find_map(|&s| item_of(s))
    {
        let start = whole_lines(doc, &doc.blocks[item].span).start;
        return Some(Edit::insert(start, line(&item_prefix(doc, item))));
    }
    let parent = item_of(heading.parent?)?;
    let style = ListStyle::of(doc, toc);
    let start = doc.blocks[parent].span.start;
    let first_line = whole_lines(doc, &(start..start));
    let indent = " ".repeat(indentation(doc, start) + style.indent);
    Some(Edit::insert(
        first_line.end,
        line(&format!("{indent}{} ", style.marker)),
    ))
}

/// A row `|Name|||` after the last table of the group standing for part `part`.
fn insert_row(doc: &Document, toc: &Toc, part: Option<usize>, text: &str) -> Option<Edit> {
    let group = toc
        .groups
        .iter()
        .position(|g| g.part.is_some() && g.part == part)?;
    let last_cell = toc
        .entries
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EntryKind::Cell { group: Some(g), .. } if g == group))?;
    let table = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Table && b.span.contains(&last_cell.span.start))
        .map(|(i, _)| i)
        .next_back()?;
    let head = doc
        .blocks
        .iter()
        .position(|b| b.parent == Some(table) && b.kind == BlockKind::TableHead)?;
    let columns = doc
        .blocks
        .iter()
        .filter(|b| b.parent == Some(head))
        .count()
        .max(1);
    let end = whole_lines(doc, &doc.blocks[table].span).end;
    let newline = if doc.source[..end].ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some(Edit::insert(
        end,
        format!(
            "{newline}|{}|{}\n",
            escape_cell(text),
            "|".repeat(columns - 1)
        ),
    ))
}

/// Moves the list item `item` to just after `after`'s item, or before `before`'s.
pub fn move_item(
    doc: &Document,
    item: usize,
    after: Option<usize>,
    before: Option<usize>,
) -> Option<Vec<Edit>> {
    let lines = whole_lines(doc, &doc.blocks[item].span);
    let text = doc.source[lines.clone()].to_owned();
    let text = if text.ends_with('\n') {
        text
    } else {
        format!("{text}\n")
    };
    let at = match (after, before) {
        (Some(a), _) => whole_lines(doc, &doc.blocks[a].span).end,
        (None, Some(b)) => whole_lines(doc, &doc.blocks[b].span).start,
        (None, None) => return None,
    };
    Some(vec![Edit::delete(lines), Edit::insert(at, text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_cover_the_span() {
        let doc = Document::parse("a\n- b\n  - c\nd\n");
        let start = doc.source.find("- c").unwrap();
        assert_eq!(
            &doc.source[whole_lines(&doc, &(start..start + 3))],
            "  - c\n"
        );
    }

    #[test]
    fn list_style_follows_the_toc() {
        let style = ListStyle {
            marker: "*".to_owned(),
            base: 0,
            indent: 4,
        };
        assert_eq!(style.line(1, "A [b]", "a-b"), "    * [A \\[b\\]](#a-b)\n");
    }
}
