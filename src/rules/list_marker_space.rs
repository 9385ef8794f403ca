//! `list-marker-space`: a line that starts with a bullet glued to a link
//! (`-[Name](url) - …`), which Markdown reads as text, not as a list item.
//!
//! The bullet must be literal text ([`Document::prose`]): `*[Name](url)*` is emphasis.
//! The fix inserts the space when the line is a paragraph right before or after a list.
//! It is unsafe: the paragraph becomes a list item, a change of block the fix contract
//! keeps for judgment calls. A line GitHub folds into the list item above gets no fix:
//! splitting it out changes that item's description, which only its author can confirm.

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document, Link, LinkKind};
use crate::fix::{Edit, Fix};

use super::Context;

declare_rule!("list-marker-space", Structure, Warning, fix: Sometimes(Unsafe),
    check: Document(check),
    summary: "a bullet with no space before its link: the line is not a list item");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for link in doc.links.iter().filter(|l| is_named_link(l)) {
        let Some(bullet) = glued_bullet(doc, link) else {
            continue;
        };
        let diagnostic = Diagnostic::new(
            bullet..link.span.end(),
            format!(
                "`{}` needs a space after it: \"{}\" is not a list item",
                &doc.source[bullet..bullet + 1],
                link.text(doc).trim()
            ),
        );
        out.push(match placement(doc, bullet) {
            Placement::BesideList => diagnostic
                .with_help("insert a space after the bullet")
                .with_fix(Fix::unsafe_edits(vec![Edit::insert(bullet + 1, " ")])),
            Placement::InItem => diagnostic.with_help(
                "insert a space after the bullet: the line is now part of the item above",
            ),
            Placement::Alone => diagnostic
                .with_help("insert a space after the bullet if the line is meant as a list item"),
        });
    }
}

fn is_named_link(link: &Link) -> bool {
    !link.image && matches!(link.kind, LinkKind::Inline | LinkKind::Reference)
}

/// The offset of the bullet right before `link`, when only spaces come before it on
/// its line and the bullet is text.
fn glued_bullet(doc: &Document, link: &Link) -> Option<usize> {
    let bullet = link.span.start().checked_sub(1)?;
    if !matches!(doc.source.as_bytes()[bullet], b'-' | b'*' | b'+') {
        return None;
    }
    let line_start = doc.lines.line_start(doc.lines.line_of(bullet));
    let indented = doc.source[line_start..bullet].bytes().all(|b| b == b' ');
    let is_text = doc
        .prose_within(&(bullet..bullet + 1))
        .first()
        .is_some_and(|run| run.start() == bullet);
    (indented && is_text).then_some(bullet)
}

/// Where a line with a glued bullet sits.
enum Placement {
    /// In a paragraph right before or after a list.
    BesideList,
    /// Folded into a list item's text.
    InItem,
    Alone,
}

fn placement(doc: &Document, offset: usize) -> Placement {
    let Some(block) = doc.block_at(offset) else {
        return Placement::Alone;
    };
    if matches!(doc.blocks[block].kind, BlockKind::ListItem { .. })
        || doc
            .ancestors(block)
            .any(|b| matches!(b.kind, BlockKind::ListItem { .. }))
    {
        return Placement::InItem;
    }
    let parent = doc.blocks[block].parent();
    let siblings: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| doc.blocks[i].parent() == parent)
        .collect();
    let at = siblings
        .iter()
        .position(|&i| i == block)
        .unwrap_or_default();
    let beside_list = [at.checked_sub(1), Some(at + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| siblings.get(j))
        .any(|&i| matches!(doc.blocks[i].kind, BlockKind::List { .. }));
    if beside_list {
        Placement::BesideList
    } else {
        Placement::Alone
    }
}
