//! The fingerprint of a paragraph or list item: its text with the wrapping, indentation
//! and list marker set aside, so that two copies of one entry compare equal (dup-paragraph
//! groups by it; dup-link and the baseline ask whether two copies are [`identical`]).

use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::document::entries::own_text;
use crate::document::{BlockKind, Document};
use crate::text::{collapsed_opening, hash_words, list_marker_len, words};

/// The source that identifies a paragraph, or the own text of a list item without its
/// list marker.
fn identifying_text<'d>(doc: &'d Document, index: usize) -> &'d str {
    let block = &doc.blocks[index];
    match block.kind {
        BlockKind::ListItem { .. } => strip_list_marker(doc.slice(&own_text(doc, index).1)),
        _ => doc.slice(block.span),
    }
}

/// A hash of the words of a paragraph or of a list item's own text, list marker
/// dropped: two copies hash alike however they are wrapped. The words are hashed, not
/// a `String` of them joined: collapsing each paragraph into a new string was most of
/// dup-paragraph's instructions. Equal hashes are confirmed with [`same_fingerprint`].
pub fn fingerprint(doc: &Document, index: usize) -> u64 {
    hash_words(identifying_text(doc, index))
}

/// A hash of the first bytes of a unit's words ([`collapsed_opening`]): two units with
/// one fingerprint have one opening, so a unit whose opening is its own needs no
/// fingerprint. Reading the opening only, instead of every word of every unit, took
/// dup-paragraph from 6.0 M to 1.7 M instructions on the seed.
pub fn opening(doc: &Document, index: usize) -> u64 {
    let (opening, len) = collapsed_opening(identifying_text(doc, index));
    let mut hasher = FxHasher::default();
    hasher.write(&opening[..len]);
    hasher.finish()
}

/// Non-whitespace chars [`closing`] reads.
const CLOSING_CHARS: usize = 16;

/// A hash of the last chars of a unit outside its whitespace: like the [`opening`], the
/// same for two units with one fingerprint. Abstracts of papers open alike (`Large
/// language models (LLMs) have…`) and end their own way: read from the end, a few chars
/// tell them apart where a fingerprint read every word of every one of them.
pub fn closing(doc: &Document, index: usize) -> u64 {
    let mut hasher = FxHasher::default();
    let chars = identifying_text(doc, index).chars().rev();
    for c in chars.filter(|c| !c.is_whitespace()).take(CLOSING_CHARS) {
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

/// Whether two units have one fingerprint: the same words, however wrapped.
pub fn same_fingerprint(doc: &Document, a: usize, b: usize) -> bool {
    let (a, b) = (identifying_text(doc, a), identifying_text(doc, b));
    // Most copies are byte for byte the same: compared at `memcmp` speed first.
    a == b || words(a).eq(words(b))
}

/// Whether two paragraphs, or the own texts of two list items, are byte for byte the
/// same once the list marker and the indentation and line ending around them are set
/// aside: deleting one of them then loses nothing.
pub fn identical(doc: &Document, a: usize, b: usize) -> bool {
    identifying_text(doc, a).trim() == identifying_text(doc, b).trim()
}

/// A list item's text without its marker and the whitespace around it.
fn strip_list_marker(item: &str) -> &str {
    let item = item.trim_start();
    item[list_marker_len(item)..].trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_compare_equal_however_they_are_wrapped() {
        let source = "- [Foo](https://github.com/a/foo) - a thing\n\n1. [Foo](https://github.com/a/foo) -\n   a thing\n\n* [Foo](https://github.com/a/foo) - a  thing\n\n+ [Foo](https://github.com/a/foo) - a thing\n";
        let doc = Document::parse(source);
        let items: Vec<usize> = (0..doc.blocks.len())
            .filter(|&i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
            .collect();
        for rewrapped in [items[1], items[2]] {
            assert_eq!(fingerprint(&doc, items[0]), fingerprint(&doc, rewrapped));
            assert!(same_fingerprint(&doc, items[0], rewrapped));
            assert_eq!(opening(&doc, items[0]), opening(&doc, rewrapped));
            assert_eq!(closing(&doc, items[0]), closing(&doc, rewrapped));
            assert!(!identical(&doc, items[0], rewrapped));
        }
        assert!(identical(&doc, items[0], items[3]));
        let other = Document::parse("- [Foo](https://github.com/a/foo) - a  thin g\n");
        let item = (0..other.blocks.len())
            .find(|&i| matches!(other.blocks[i].kind, BlockKind::ListItem { .. }));
        assert_ne!(
            item.map(|i| fingerprint(&other, i)),
            Some(fingerprint(&doc, items[0]))
        );
    }
}
