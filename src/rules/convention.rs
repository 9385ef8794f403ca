//! House style inferred from the document itself, shared by the formatting rules.
//!
//! Most lists follow a style nobody wrote down: `-` bullets, a blank line before each
//! heading, two blank lines between sections. The formatting rules count the forms the
//! document uses ([`Tally`]) and flag only the minority that breaks a clear majority, so
//! a consistent list is never reported whatever its style; a form pinned in config
//! replaces the inferred one. None of them touches code, tables or raw HTML
//! ([`Untouchable`]).

use std::ops::Range;

use crate::document::{BlockKind, Document};

/// How clear a majority must be before it counts as the house style.
#[derive(Debug, Clone, Copy)]
pub struct Majority {
    /// Fewer observations than this prove nothing.
    pub min_count: usize,
    /// Share of the observations the most common form must have, in percent.
    pub percent: usize,
}

/// Nearly everything agrees: what spacing and markers need before the odd one out is a slip.
pub const CLEAR: Majority = Majority {
    min_count: 5,
    percent: 90,
};

/// A large majority: enough to call the rest unusual, not enough to call them slips.
pub const USUAL: Majority = Majority {
    min_count: 5,
    percent: 80,
};

/// Most things agree: enough to pick the normal form of something that varies a little.
pub const MOST: Majority = Majority {
    min_count: 3,
    percent: 60,
};

/// How many times each form of something occurs in a document.
#[derive(Debug, Clone)]
pub struct Tally<K> {
    counts: Vec<(K, usize)>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Self { counts: Vec::new() }
    }
}

impl<K: Copy + PartialEq> Tally<K> {
    pub fn add(&mut self, form: K) {
        match self.counts.iter_mut().find(|(k, _)| *k == form) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((form, 1)),
        }
    }

    pub fn count(&self, form: K) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == form)
            .map_or(0, |&(_, n)| n)
    }

    pub fn total(&self) -> usize {
        self.counts.iter().map(|&(_, n)| n).sum()
    }

    /// The most common form, when it is the house style by `majority`.
    pub fn dominant(&self, majority: Majority) -> Option<K> {
        let total = self.total();
        let &(form, n) = self.counts.iter().max_by_key(|&&(_, n)| n)?;
        (total >= majority.min_count && n * 100 >= total * majority.percent).then_some(form)
    }

    /// `"291 of 294"`: how many observations take `form`, to explain a finding.
    pub fn share(&self, form: K) -> String {
        format!("{} of {}", self.count(form), self.total())
    }
}

/// Byte ranges the formatting rules never change: code (blocks and spans), tables and
/// raw HTML, where spaces and line breaks may be content.
#[derive(Debug)]
pub struct Untouchable {
    /// Sorted and disjoint.
    ranges: Vec<Range<usize>>,
}

impl Untouchable {
    pub fn new(doc: &Document) -> Self {
        let tables = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Table)
            .map(|b| b.span.range());
        let mut all: Vec<Range<usize>> = doc
            .code
            .iter()
            .chain(&doc.html)
            .map(|span| span.range())
            .chain(tables)
            .collect();
        all.sort_by_key(|r| r.start);
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for range in all {
            match ranges.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => ranges.push(range),
            }
        }
        Self { ranges }
    }

    pub fn contains(&self, offset: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.start <= offset);
        i > 0 && self.ranges[i - 1].contains(&offset)
    }

    /// Whether any byte of `range` is untouchable.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= range.start);
        self.ranges.get(i).is_some_and(|r| r.start < range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_majority_needs_enough_observations_and_share() {
        let mut tally = Tally::default();
        for _ in 0..9 {
            tally.add('-');
        }
        tally.add('*');
        assert_eq!(tally.dominant(CLEAR), Some('-'));
        assert_eq!(tally.share('-'), "9 of 10");
        tally.add('*');
        assert_eq!(tally.dominant(CLEAR), None);
        assert_eq!(tally.dominant(MOST), Some('-'));
        let mut few = Tally::default();
        few.add(1);
        assert_eq!(few.dominant(MOST), None);
    }

    #[test]
    fn code_tables_and_html_are_untouchable() {
        let doc = Document::parse("a `b` c\n\n| x |\n| - |\n| y |\n\n<div>\nz\n</div>\n\ntext\n");
        let untouchable = Untouchable::new(&doc);
        let at = |s: &str| doc.source.find(s).unwrap();
        assert!(untouchable.contains(at("b")));
        assert!(!untouchable.contains(at("c")));
        assert!(untouchable.contains(at("| y")));
        assert!(untouchable.contains(at("z")));
        assert!(!untouchable.contains(at("text")));
        assert!(untouchable.overlaps(&(at("c") - 2..at("c"))));
        assert!(!untouchable.overlaps(&(at("text")..at("text") + 4)));
    }
}
