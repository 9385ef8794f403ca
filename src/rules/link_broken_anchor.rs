//! `link-broken-anchor`: an in-document link outside the TOC ("see [Setup](#setup)",
//! back-to-top links, `README.md#setup`, an absolute link to the repository's own
//! README) whose fragment no heading or HTML anchor produces. The heading it meant is
//! looked for first in the section holding the link.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::toc::anchors::Anchors;
use crate::toc::{EntryKind, analyse};

use super::toc_broken_anchor::broken_anchor;
use super::{Category, Fixable, Rule, RuleMeta};

pub struct LinkBrokenAnchor;

static META: RuleMeta = RuleMeta {
    name: "link-broken-anchor",
    category: Category::Links,
    severity: Severity::Error,
    fixable: Fixable::Safe,
    summary: "an in-document link points at an anchor nothing has",
};

impl Rule for LinkBrokenAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let analysis = analyse(doc, settings);
        let mut in_toc: Vec<usize> = analysis
            .toc
            .iter()
            .flat_map(|t| &t.entries)
            .filter_map(|e| match e.kind {
                EntryKind::Link { link, .. } => Some(link),
                EntryKind::Cell { .. } => None,
            })
            .collect();
        in_toc.sort_unstable();
        for (index, link) in doc.links.iter().enumerate() {
            let Some(fragment) = analysis.anchors.local(&link.dest) else {
                continue;
            };
            if link.image
                || in_toc.binary_search(&index).is_ok()
                || analysis.anchors.resolve(&link.dest).is_some()
            {
                continue;
            }
            let scope = doc.section_at(link.span.start);
            out.push(match Anchors::suggest(doc, fragment, &link.text, scope) {
                Some(suggestion) => broken_anchor(doc, META.name, index, &suggestion),
                None => Diagnostic::new(
                    META.name,
                    link.dest_span.clone().unwrap_or_else(|| link.span.clone()),
                    format!("no heading or HTML anchor has the anchor \"{}\"", link.dest),
                )
                .with_help("point the link at an existing heading, or add the anchor"),
            });
        }
    }
}
