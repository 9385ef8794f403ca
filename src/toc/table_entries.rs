//! The entries of a table TOC (the Pocket list): emphasised group titles, each standing
//! for a part of the document, and cells naming the sections of that part, matched by
//! [`super::names::match_names`].

use crate::document::{Block, BlockKind, Document};

use super::model::{Entry, EntryKind, Group, MatchKind, Target, Toc, within};
use super::names::{self, Candidate, NameMatch, Query};

impl Toc {
    /// Groups and cells of a table TOC, names matched to the headings after it: each
    /// group title to a part (a heading of the highest level there), then each cell to a
    /// section, those of its group's part first.
    pub(super) fn table_entries(&mut self, doc: &Document) {
        let after: Vec<usize> = (0..doc.headings.len())
            .filter(|&h| doc.headings[h].span.start() >= self.region.end)
            .collect();
        let Some(part_level) = after.iter().map(|&h| doc.headings[h].level).min() else {
            return;
        };
        let cells = self.read_groups(doc);
        self.match_groups(doc, &after, part_level);
        self.match_cells(doc, &after, part_level, cells);
    }

    /// Pushes the region's emphasised group titles onto `groups`, and returns its body
    /// cells that name something, each with the index of the group above it.
    fn read_groups<'d>(&mut self, doc: &'d Document) -> Vec<(&'d Block, Option<usize>)> {
        let mut cells = Vec::new();
        for block in doc.blocks.iter().filter(|b| within(b.span, &self.region)) {
            match block.kind {
                BlockKind::Paragraph
                    if block.parent().is_none() && is_emphasised(doc.slice(block.span)) =>
                {
                    self.groups.push(Group {
                        title: block.text(doc).trim().to_owned(),
                        span: block.span.range(),
                        part: None,
                    });
                }
                BlockKind::TableCell if names::has_key(block.text(doc)) => {
                    let in_head = block
                        .parent()
                        .is_some_and(|p| doc.blocks[p].kind == BlockKind::TableHead);
                    if !in_head {
                        cells.push((block, self.groups.len().checked_sub(1)));
                    }
                }
                _ => {}
            }
        }
        cells
    }

    /// Sets each group's part: the heading at `part_level` among `after` its title names.
    fn match_groups(&mut self, doc: &Document, after: &[usize], part_level: u8) {
        let parts: Vec<Candidate> = after
            .iter()
            .filter(|&&h| doc.headings[h].level == part_level)
            .map(|&h| Candidate {
                heading: h,
                part: None,
                text: doc.headings[h].text(doc),
            })
            .collect();
        let queries: Vec<Query> = self
            .groups
            .iter()
            .map(|group| Query {
                text: &group.title,
                part: None,
            })
            .collect();
        let found = names::match_names(&parts, &queries);
        for (group, found) in self.groups.iter_mut().zip(found) {
            group.part = match found {
                NameMatch::Exact(h) | NameMatch::Short(h) | NameMatch::Fuzzy(h) => Some(h),
                _ => None,
            };
        }
    }

    /// Pushes an entry for each cell, matched to a section among `after` that no group
    /// stands for, preferring those in its group's part.
    fn match_cells(
        &mut self,
        doc: &Document,
        after: &[usize],
        part_level: u8,
        cells: Vec<(&Block, Option<usize>)>,
    ) {
        let is_part = |h: usize| self.groups.iter().any(|g| g.part == Some(h));
        let part_of = |mut h: usize| loop {
            if doc.headings[h].level <= part_level {
                return Some(h);
            }
            h = doc.headings[h].parent()?;
        };
        let candidates: Vec<Candidate> = after
            .iter()
            .filter(|&&h| !is_part(h))
            .map(|&h| Candidate {
                heading: h,
                part: part_of(h),
                text: doc.headings[h].text(doc),
            })
            .collect();
        let texts: Vec<(String, bool)> = cells
            .iter()
            .map(|(b, _)| strip_new_marker(b.text(doc).trim()))
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
            let source = doc.slice(block.span);
            let start = block.span.start() + (source.len() - source.trim_start().len());
            let end = block.span.start() + source.trim_end().len();
            self.entries.push(Entry {
                text,
                span: start..end,
                kind: EntryKind::Cell { group, new },
                target,
            });
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_markers_are_stripped() {
        assert_eq!(strip_new_marker("*【YAYI 2】"), ("YAYI 2".to_owned(), true));
        assert_eq!(strip_new_marker("百川"), ("百川".to_owned(), false));
    }
}
