//! What the `awesome` profile's rules share, and how awesome-lint's rule names map to ours.
//!
//! awesome-lint is what most awesome lists ran before pocketlint; its house rules are our
//! `awesome-*` rules under the same names, its general rules are rules pocketlint always
//! had. A list that moves over keeps its `<!--lint disable ID-->` comments working
//! through [`our_name`].

use crate::document::{Block, BlockKind, Document, Heading};

/// Each awesome-lint rule that checks the README, with the rules of ours that report
/// what it reports, the one named like it (or standing for it) first. Its other rules
/// check other files (`awesome-contributing`, `awesome-code-of-conduct`), the git
/// history (`awesome-git-repo-age`, `awesome-github`) or spelling at large
/// (`awesome-spell-check`, of which `name-spelling` keeps the well-known names).
pub const COUNTERPARTS: &[(&str, &[&str])] = &[
    ("awesome-badge", &["awesome-badge"]),
    ("awesome-heading", &["awesome-heading", "heading-h1"]),
    ("awesome-license", &["awesome-license"]),
    (
        "awesome-list-item",
        &["awesome-list-item", "list-marker-space"],
    ),
    ("awesome-no-ci-badge", &["awesome-no-ci-badge"]),
    (
        "awesome-toc",
        &[
            "awesome-toc",
            "toc-missing-entry",
            "toc-text-mismatch",
            "toc-dangling-entry",
            "toc-duplicate-entry",
            "toc-broken-anchor",
            "toc-order",
        ],
    ),
    ("double-link", &["dup-link", "toc-duplicate-entry"]),
    ("no-repeat-item-in-description", &["entry-name-repeat"]),
    ("balanced-punctuation", &["punctuation-balance"]),
    ("awesome-spell-check", &["name-spelling"]),
];

/// Our name for a rule named `id` in an awesome-lint (remark-lint) comment
/// (`<!--lint disable double-link-->`): its first counterpart, or `id` itself.
pub fn our_name(id: &str) -> &str {
    let id = id.strip_prefix("remark-lint:").unwrap_or(id);
    COUNTERPARTS
        .iter()
        .find(|(theirs, _)| *theirs == id)
        .map_or(id, |(_, ours)| ours[0])
}

/// The list's main heading as awesome-lint sees it: the document's first block (front
/// matter aside), when that block is a heading. A list that opens with anything else (an
/// HTML logo, a paragraph) has no main heading in Markdown.
pub fn main_heading<'d>(doc: &'d Document) -> Option<(usize, &'d Heading)> {
    match first_block(doc)?.kind {
        BlockKind::Heading(h) => Some((h as usize, &doc.headings[h as usize])),
        _ => None,
    }
}

/// The document's first top-level block, front matter aside.
pub fn first_block<'d>(doc: &'d Document) -> Option<&'d Block> {
    doc.blocks
        .iter()
        .find(|b| b.parent().is_none() && b.kind != BlockKind::FrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awesome_lint_ids_map_to_our_names() {
        assert_eq!(our_name("double-link"), "dup-link");
        assert_eq!(our_name("remark-lint:double-link"), "dup-link");
        assert_eq!(our_name("awesome-list-item"), "awesome-list-item");
        assert_eq!(our_name("awesome-toc"), "awesome-toc");
        assert_eq!(our_name("trailing-space"), "trailing-space");
    }

    #[test]
    fn the_main_heading_is_the_first_block_only() {
        let doc = Document::parse("---\na: b\n---\n# Awesome X\n\n## More\n");
        assert_eq!(
            main_heading(&doc).map(|(_, h)| h.text(&doc)),
            Some("Awesome X")
        );
        let doc = Document::parse("<p align=\"center\"><img src=\"x.svg\"></p>\n\n# Title\n");
        assert!(main_heading(&doc).is_none());
    }
}
