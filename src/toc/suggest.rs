//! The headings a broken `#fragment` may have meant, looked up in an index of the
//! document's headings built once, on its first broken link.
//!
//! Folding and scoring every heading for every broken link was 7.6% of the corpus
//! concatenation's instructions (6,285 headings, each folded again per scope). The
//! index folds each heading's name and anchor once, finds headings by name key, and
//! scores only the headings whose anchor shares a character bigram with the fragment:
//! any other scores at most 0.5 (its anchor similarity is 0, as an anchor equal to the
//! fragment would have resolved it), below [`MIN_SIMILARITY`].

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::text::name_key;

use super::anchors::{Suggestion, fragment_of, lenient_key};
use super::names::{Bigrams, similarity_of};

/// Below this similarity a heading is not suggested for a broken fragment.
const MIN_SIMILARITY: f64 = 0.6;

/// A heading's name and anchor, folded as a fragment and a link text are compared.
#[derive(Debug)]
struct Folded {
    /// [`name_key`] of its text.
    key: Bigrams,
    /// [`lenient_key`] of its anchor.
    anchor: Bigrams,
}

/// Every heading folded, with the headings by name key and by anchor bigram.
#[derive(Debug)]
pub(super) struct HeadingIndex {
    headings: Vec<Folded>,
    /// Headings by name key, in document order.
    by_key: FxHashMap<String, Vec<usize>>,
    /// Headings by each distinct bigram of their lenient anchor, in document order.
    by_anchor_bigram: FxHashMap<(char, char), Vec<usize>>,
}

impl HeadingIndex {
    pub(super) fn new(doc: &Document) -> Self {
        let headings: Vec<Folded> = doc
            .headings
            .iter()
            .map(|h| Folded {
                key: Bigrams::new(name_key(&h.text)),
                anchor: Bigrams::new(lenient_key(&h.anchor)),
            })
            .collect();
        let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut by_anchor_bigram: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        for (h, folded) in headings.iter().enumerate() {
            by_key
                .entry(folded.key.text().to_owned())
                .or_default()
                .push(h);
            for bigram in folded.anchor.distinct() {
                by_anchor_bigram.entry(bigram).or_default().push(h);
            }
        }
        Self {
            headings,
            by_key,
            by_anchor_bigram,
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
        let scopes: Vec<Option<usize>> = std::iter::successors(scope, |&s| doc.headings[s].parent)
            .map(Some)
            .chain([None])
            .collect();
        if !key.is_empty()
            && let Some(same) = self
                .by_key
                .get(&key)
                .and_then(|list| nearest(doc, &scopes, list, |&h| h))
        {
            return Some(Suggestion {
                heading: same[0],
                certain: same.len() == 1,
                candidates: same,
            });
        }
        let fragment = Bigrams::new(lenient_key(&fragment_of(fragment)?));
        let key = Bigrams::new(key);
        let score = |h: usize| {
            let heading = &self.headings[h];
            let by_anchor = similarity_of(&fragment, &heading.anchor);
            if key.text().is_empty() {
                return by_anchor;
            }
            (by_anchor + similarity_of(&key, &heading.key)) / 2.0
        };
        let close: Vec<(usize, f64)> = self
            .sharing_a_bigram(&fragment)
            .into_iter()
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

    /// The headings whose lenient anchor shares a bigram with `fragment`, in document
    /// order.
    fn sharing_a_bigram(&self, fragment: &Bigrams) -> Vec<usize> {
        let mut seen = vec![false; self.headings.len()];
        let mut found = Vec::new();
        for bigram in fragment.distinct() {
            for &h in self.by_anchor_bigram.get(&bigram).into_iter().flatten() {
                if !std::mem::replace(&mut seen[h], true) {
                    found.push(h);
                }
            }
        }
        found.sort_unstable();
        found
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
            .contains(&doc.headings[h].span.start)
    })
}
