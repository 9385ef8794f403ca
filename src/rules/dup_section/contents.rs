//! What each section lists and says, to count how much of one repeats another: the
//! pages its entries lead with, its texts and its link targets.
//!
//! Every text and target is interned once per check: equal strings get one number,
//! found by a hash of their words and confirmed by comparing them, so a section is a
//! sorted list of numbers and two sections compare by merging their lists. A section's
//! lists are built the first time it is compared, and each block's text is hashed once
//! however many sections hold it: building a `String` per block for every pair of
//! sections compared was 101 M of the corpus concatenation's 2,754 M instructions.

use rustc_hash::FxHashMap;
use std::ops::Range;

use crate::document::entries::Entries;
use crate::document::{BlockKind, Document};
use crate::rules::canonical::canonicalize;
use crate::rules::web_links::{WebLink, entry_link};
use crate::sorted::common;
use crate::text::{collapse_whitespace, hash_words, words};

/// What each section lists and says, each list worked out for a section the first time
/// it is asked for: most sections compared have entries, and need no texts.
pub struct Contents<'d> {
    doc: &'d Document<'d>,
    links: &'d [WebLink],
    /// Each entry's block start and page, in document order.
    entries: Vec<(usize, &'d str)>,
    strings: Strings<'d>,
    /// Each block's text number, once read: [`Text::Unread`] before.
    block_texts: Vec<Text>,
    /// Each link's target number, once read.
    link_targets: Vec<Option<u32>>,
    /// Per heading, the pages its section's entries lead with.
    pages: PerHeading<&'d str>,
    /// Per heading, the numbers of its section's texts.
    texts: PerHeading<u32>,
    /// Per heading, the numbers of its section's texts and link targets together.
    units: PerHeading<u32>,
}

/// A list per heading, sorted and without repeats, once read.
type PerHeading<T> = Vec<Option<Vec<T>>>;

/// The number of a block's text, if it has one that counts.
#[derive(Clone, Copy)]
enum Text {
    Unread,
    /// A heading, an empty block or a text that is only a URL: links are compared by
    /// their canonical form.
    Skipped,
    Number(u32),
}

impl<'d> Contents<'d> {
    pub fn new(doc: &'d Document<'d>, entries: &Entries, links: &'d [WebLink]) -> Self {
        let entries = entries
            .iter()
            .filter_map(|e| {
                let link = entry_link(doc, e, links)?;
                Some((doc.blocks[e.block()].span.start(), link.url.key()))
            })
            .collect();
        Self {
            doc,
            links,
            entries,
            strings: Strings::default(),
            block_texts: vec![Text::Unread; doc.blocks.len()],
            link_targets: vec![None; links.len()],
            pages: vec![None; doc.headings.len()],
            texts: vec![None; doc.headings.len()],
            units: vec![None; doc.headings.len()],
        }
    }

    /// How many pages the entries of the sections of headings `a` and `b` have in
    /// common, and how many the larger of the two has.
    pub fn shared_pages(&mut self, a: usize, b: usize) -> (usize, usize) {
        for h in [a, b] {
            if self.pages[h].is_none() {
                self.pages[h] = Some(self.read_pages(h));
            }
        }
        shared(&self.pages, a, b)
    }

    /// How many texts and link targets the sections of headings `a` and `b` have in
    /// common, and how many the larger of the two has.
    pub fn shared_units(&mut self, a: usize, b: usize) -> (usize, usize) {
        for h in [a, b] {
            if self.units[h].is_none() {
                let mut units = self.texts_of(h).to_vec();
                let body = self.body(h);
                units.extend(self.link_indices(&body).map(|l| self.link_target(l)));
                sort_unique(&mut units);
                self.units[h] = Some(units);
            }
        }
        shared(&self.units, a, b)
    }

    /// Whether every text of the section of heading `later` is in that of `first`.
    pub fn texts_repeat(&mut self, first: usize, later: usize) -> bool {
        self.texts_of(first);
        let later_texts = self.texts_of(later).len();
        shared(&self.texts, first, later).0 == later_texts
    }

    /// Whether the sections of headings `a` and `b` have a text of `min_chars`
    /// characters or more (whitespace collapsed) in common.
    pub fn share_text(&mut self, a: usize, b: usize, min_chars: usize) -> bool {
        self.texts_of(a);
        self.texts_of(b);
        let texts = |h: usize| self.texts[h].as_deref().unwrap_or_default();
        common(texts(a), texts(b)).any(|&text| self.strings.chars(text) >= min_chars)
    }

    /// The numbers of the texts of heading `h`'s section.
    fn texts_of(&mut self, h: usize) -> &[u32] {
        if self.texts[h].is_none() {
            let mut texts: Vec<u32> = self
                .doc
                .block_indices_within(self.body(h))
                .filter_map(|b| self.block_text(b))
                .collect();
            sort_unique(&mut texts);
            self.texts[h] = Some(texts);
        }
        self.texts[h].as_deref().unwrap_or_default()
    }

    fn read_pages(&self, h: usize) -> Vec<&'d str> {
        let body = self.body(h);
        let first_entry = self.entries.partition_point(|(at, _)| *at < body.start);
        let mut pages: Vec<&'d str> = self.entries[first_entry..]
            .iter()
            .take_while(|(at, _)| *at < body.end)
            .map(|(_, page)| *page)
            .collect();
        sort_unique(&mut pages);
        pages
    }

    /// Heading `h`'s section below the heading.
    fn body(&self, h: usize) -> Range<usize> {
        let heading = &self.doc.headings[h];
        heading.span.end()..heading.section.end()
    }

    /// The number of block `b`'s text: the block's source for code and HTML, else its
    /// rendered text.
    fn block_text(&mut self, b: usize) -> Option<u32> {
        if let Text::Unread = self.block_texts[b] {
            let block = &self.doc.blocks[b];
            let text = match block.kind {
                BlockKind::Heading(_) => None,
                BlockKind::CodeBlock | BlockKind::Html => Some(self.doc.slice(block.span)),
                _ => Some(block.text(self.doc)).filter(|t| words(t).next().is_some()),
            };
            self.block_texts[b] = match text.filter(|t| !is_url(t)) {
                Some(text) => Text::Number(self.strings.number(Unit::Text(text))),
                None => Text::Skipped,
            };
        }
        match self.block_texts[b] {
            Text::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number of link `l`'s target.
    fn link_target(&mut self, l: usize) -> u32 {
        match self.link_targets[l] {
            Some(n) => n,
            None => {
                let n = self
                    .strings
                    .number(Unit::Target(self.links[l].url.target()));
                self.link_targets[l] = Some(n);
                n
            }
        }
    }

    /// The indices of the links starting in `range`.
    fn link_indices(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.links.partition_point(|l| l.span.start() < range.start);
        start..self.links.partition_point(|l| l.span.start() < range.end)
    }
}

/// Whether a text is only a URL (its whitespace collapsed), read by the URL parser only
/// when it starts like one.
fn is_url(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c <= ' ' || c.is_whitespace());
    start
        .get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("http"))
        && canonicalize(&collapse_whitespace(text)).is_some()
}

/// A string of a section: a text, which stands for its words joined by single spaces,
/// or a link target, which stands for itself.
#[derive(Clone, Copy)]
enum Unit<'d> {
    Text(&'d str),
    Target(&'d str),
}

impl Unit<'_> {
    /// Whether two units stand for one string.
    fn same(self, other: Unit) -> bool {
        match (self, other) {
            // Most repeated texts are byte for byte the same: compared at `memcmp`
            // speed first.
            (Unit::Text(a), Unit::Text(b)) => a == b || words(a).eq(words(b)),
            (Unit::Target(a), Unit::Target(b)) => a == b,
            (Unit::Text(text), Unit::Target(target)) | (Unit::Target(target), Unit::Text(text)) => {
                words(text).eq(words(target)) && collapse_whitespace(target) == target
            }
        }
    }

    /// A hash of the words of the string the unit stands for.
    fn hash(self) -> u64 {
        match self {
            Unit::Text(text) | Unit::Target(text) => hash_words(text),
        }
    }
}

/// Distinct strings, numbered in the order first seen.
#[derive(Default)]
struct Strings<'d> {
    /// Each number's first unit.
    units: Vec<Unit<'d>>,
    /// The number of each hash. Two strings with one hash (hardly ever) are told apart
    /// by probing the next hash values.
    by_hash: FxHashMap<u64, u32>,
}

impl<'d> Strings<'d> {
    /// The number of the string `unit` stands for.
    fn number(&mut self, unit: Unit<'d>) -> u32 {
        let mut hash = unit.hash();
        loop {
            match self.by_hash.get(&hash) {
                Some(&n) if self.units[n as usize].same(unit) => return n,
                Some(_) => hash = hash.wrapping_add(1),
                None => {
                    let n = u32::try_from(self.units.len()).expect("fewer strings than bytes");
                    self.units.push(unit);
                    self.by_hash.insert(hash, n);
                    return n;
                }
            }
        }
    }

    /// Characters in string `n`.
    fn chars(&self, n: u32) -> usize {
        match self.units[n as usize] {
            Unit::Text(text) => {
                let mut words = words(text).map(|w| w.chars().count());
                words
                    .next()
                    .map_or(0, |first| first + words.map(|w| w + 1).sum::<usize>())
            }
            Unit::Target(target) => target.chars().count(),
        }
    }
}

/// Sorts `items` and drops repeats.
fn sort_unique<T: Ord>(items: &mut Vec<T>) {
    items.sort_unstable();
    items.dedup();
}

/// How many items the lists of `a` and `b` have in common, and how many the longer of
/// the two has.
fn shared<T: Ord>(lists: &PerHeading<T>, a: usize, b: usize) -> (usize, usize) {
    let list = |h: usize| lists[h].as_deref().unwrap_or_default();
    let (a, b) = (list(a), list(b));
    (common(a, b).count(), a.len().max(b.len()))
}
