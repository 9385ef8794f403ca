//! `awesome-toc`: a table of contents nested deeper than two levels.
//!
//! Whether the TOC lists every section, in order, under its own name, is what the
//! `toc-*` rules check on every list; the awesome guidelines add that the TOC holds two
//! levels at most (sections and their sub-sections). Reported once per entry whose
//! sub-list goes deeper, at that entry.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::toc::{EntryKind, Toc};

use super::Context;

declare_rule!("awesome-toc", Toc, Error, fix: Never, profile: Awesome, check: Toc(check),
    summary: "the table of contents nests deeper than two levels");

/// The deepest list depth the TOC may use (0 for the top level).
const DEEPEST: usize = 1;

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let too_deep_parents: BTreeSet<usize> = toc
        .entries
        .iter()
        .filter_map(|entry| match entry.kind {
            EntryKind::Link {
                item: Some(item),
                depth,
                ..
            } if depth == DEEPEST + 1 => {
                let list = doc.blocks[item].parent()?;
                doc.blocks[list].parent()
            }
            _ => None,
        })
        .collect();
    for parent in too_deep_parents {
        let span = &doc.blocks[parent].span;
        let first_line = doc.slice(span).find('\n').unwrap_or(span.len());
        out.push(
            Diagnostic::new(
                span.start()..span.start() + first_line,
                "the table of contents nests deeper than two levels",
            )
            .with_help("list sections and their sub-sections only; drop the deeper entries"),
        );
    }
}
