//! `link-broken-anchor`: an in-document link outside the TOC ("see [Setup](#setup)",
//! back-to-top links, `README.md#setup`, an absolute link to the repository's own
//! README) whose fragment no heading or HTML anchor produces. The heading it meant is
//! looked for first in the section holding the link.

use crate::diagnostic::Diagnostic;
use crate::toc::EntryKind;

use super::Context;
use super::toc_broken_anchor::broken_anchor;

declare_rule!("link-broken-anchor", Links, Error, fix: Sometimes(Safe), check: Document(check),
    summary: "an in-document link points at an anchor nothing has");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let analysis = ctx.toc_analysis();
    let mut in_toc: Vec<usize> = analysis
        .tocs()
        .flat_map(|t| &t.entries)
        .filter_map(|e| match e.kind {
            EntryKind::Link { link, .. } => Some(link),
            EntryKind::Cell { .. } => None,
        })
        .collect();
    in_toc.sort_unstable();
    for (index, link) in doc.links.iter().enumerate() {
        let Some(fragment) = analysis.anchors.local(link.dest(doc)) else {
            continue;
        };
        if link.image
            || in_toc.binary_search(&index).is_ok()
            || analysis.anchors.resolve(link.dest(doc)).is_some()
        {
            continue;
        }
        let scope = doc.section_at(link.span.start());
        let suggestion = analysis
            .anchors
            .suggest(doc, fragment, link.text(doc), scope);
        out.push(match suggestion {
            Some(suggestion) => broken_anchor(doc, index, &suggestion),
            None => Diagnostic::new(
                link.dest_span().unwrap_or(link.span).range(),
                format!(
                    "no heading or HTML anchor has the anchor \"{}\"",
                    link.dest(doc)
                ),
            )
            .with_help("point the link at an existing heading, or add the anchor"),
        });
    }
}
