//! The headings a broken `#fragment` may have meant, looked up in an index of the
//! document's headings built once, on its first broken link.
//!
//! The index folds each heading's name and anchor once, into shared buffers, and keeps
//! each one's sorted character bigrams: a broken link then compares its name key with
//! every heading's and, when none is the same, scores the headings whose anchor shares a
//! bigram with the fragment (any other scores at most 0.5, below [`MIN_SIMILARITY`]: its
//! anchor similarity is 0, as an anchor equal to the fragment would have resolved it).
//! Indexing headings by key and by anchor bigram cost more than it saved: 78 M
//! instructions on the corpus concatenation (6,298 headings, 6 broken links), where
//! scoring every heading is 1 M per broken link.

use crate::document::Document;
use crate::text::name_key;

use super::fragment::{fragment_of, push_lenient_key};
use super::names::{BigramTable, push_key, similarity_of};

/// Below this similarity a heading is not suggested for a broken fragment.
const MIN_SIMILARITY: f64 = 0.6;

/// The headings a broken fragment may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The most likely heading.
    pub heading: usize,
    /// Certainly right: in the nearest scope holding a heading whose text is the
    /// link's text, the only such heading.
    pub certain: bool,
    /// Every heading worth naming, the most likely first.
    pub candidates: Vec<usize>,
}

/// Every heading's name and anchor, folded as a fragment and a link text are compared.
#[derive(Debug)]
pub(super) struct HeadingIndex {
    /// [`name_key`] of each heading's text, by heading.
    keys: BigramTable,
    /// [`super::fragment::lenient_key`] of each heading's anchor, by heading.
    anchors: BigramTable,
    headings: usize,
}

impl HeadingIndex {
    pub(super) fn new(doc: &Document) -> Self {
        let mut keys = BigramTable::default();
        let mut anchors = BigramTable::default();
        for heading in &doc.headings {
            keys.push_with(|out| push_key(heading.text(doc), out));
            anchors.push_with(|out| push_lenient_key(heading.anchor(doc), out));
        }
        Self {
            keys,
            anchors,
            headings: doc.headings.len(),
        }
    }

    /// See [`super::anchors::Anchors::suggest`].
    pub(super) fn suggest(
        &self,
        doc: &Document,
        fragment: &str,
        text: &str,
        scope: Option<usize>,
    ) -> Option<Suggestion> {
        let key = name_key(text);
        let scopes: Vec<Option<usize>> =
            std::iter::successors(scope, |&s| doc.headings[s].parent())
                .map(Some)
                .chain([None])
                .collect();
        let same: Vec<usize> = (0..self.headings)
            .filter(|&h| !key.is_empty() && self.keys.get(h).text() == key)
            .collect();
        if let Some(same) = nearest(doc, &scopes, &same, |&h| h) {
            return Some(Suggestion {
                heading: same[0],
                certain: same.len() == 1,
                candidates: same,
            });
        }
        let fragment = fragment_of(fragment)?;
        let mut query = BigramTable::default();
        let fragment = query.push_with(|out| push_lenient_key(&fragment, out));
        let key = query.push(&key);
        let (fragment, key) = (query.get(fragment), query.get(key));
        let score = |h: usize| {
            let by_anchor = similarity_of(&fragment, &self.anchors.get(h));
            if key.text().is_empty() {
                return by_anchor;
            }
            (by_anchor + similarity_of(&key, &self.keys.get(h))) / 2.0
        };
        let close: Vec<(usize, f64)> = (0..self.headings)
            .filter(|&h| fragment.shares_one_with(&self.anchors.get(h)))
            .map(|h| (h, score(h)))
            .filter(|&(_, score)| score >= MIN_SIMILARITY)
            .collect();
        let mut close = nearest(doc, &scopes, &close, |&(h, _)| h)?;
        close.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        match close.as_slice() {
            [(best, top), rest @ ..] if rest.first().is_none_or(|second| second.1 < *top) => {
                Some(Suggestion {
                    heading: *best,
                    certain: false,
                    candidates: vec![*best],
                })
            }
            _ => None,
        }
    }
}

/// The items of `list` (in document order) whose heading lies in the nearest of `scopes`
/// (innermost first) holding any, other than that scope's own heading.
fn nearest<T: Copy>(
    doc: &Document,
    scopes: &[Option<usize>],
    list: &[T],
    heading: impl Fn(&T) -> usize,
) -> Option<Vec<T>> {
    scopes.iter().find_map(|&scope| {
        let found: Vec<T> = list
            .iter()
            .filter(|item| {
                let h = heading(item);
                Some(h) != scope && in_scope(doc, h, scope)
            })
            .copied()
            .collect();
        (!found.is_empty()).then_some(found)
    })
}

/// Whether heading `h` lies in the section of `scope` (anywhere, without one).
fn in_scope(doc: &Document, h: usize, scope: Option<usize>) -> bool {
    scope.is_none_or(|s| {
        doc.headings[s]
            .section
            .contains(doc.headings[h].span.start())
    })
}
