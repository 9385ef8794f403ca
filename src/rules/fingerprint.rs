//! The fingerprint of a paragraph or list item: its text with the wrapping, indentation
//! and list marker set aside, so that two copies of one entry compare equal (dup-paragraph
//! groups by it; dup-link and the baseline ask whether two copies are [`identical`]).

use crate::document::entries::own_text;
use crate::document::{BlockKind, Document};
use crate::text::{collapse_whitespace, list_marker_len};

/// The text that identifies a paragraph or the own text of a list item, whitespace
/// collapsed, list marker dropped: two copies compare equal however they are wrapped.
pub fn fingerprint(doc: &Document, index: usize) -> String {
    let block = &doc.blocks[index];
    let source = match block.kind {
        BlockKind::ListItem { .. } => {
            let (_, span) = own_text(doc, index);
            strip_list_marker(doc.slice(&span))
        }
        _ => doc.slice(&block.span),
    };
    collapse_whitespace(source)
}

/// Whether two paragraphs, or the own texts of two list items, are byte for byte the
/// same once the list marker and the indentation and line ending around them are set
/// aside: deleting one of them then loses nothing.
pub fn identical(doc: &Document, a: usize, b: usize) -> bool {
    let source = |i: usize| {
        let block = &doc.blocks[i];
        match block.kind {
            BlockKind::ListItem { .. } => {
                strip_list_marker(doc.slice(&own_text(doc, i).1)).trim_end()
            }
            _ => doc.slice(&block.span).trim(),
        }
    };
    source(a) == source(b)
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
        assert_eq!(
            fingerprint(&doc, items[0]),
            "[Foo](https://github.com/a/foo) - a thing"
        );
        for rewrapped in [items[1], items[2]] {
            assert_eq!(fingerprint(&doc, items[0]), fingerprint(&doc, rewrapped));
            assert!(!identical(&doc, items[0], rewrapped));
        }
        assert!(identical(&doc, items[0], items[3]));
    }
}
