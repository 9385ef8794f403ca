//! `toc-broken-anchor`: a TOC link whose `#fragment` no heading produces, though a
//! section matches it: the heading was renamed, or the anchor was typed by hand.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Applicability, Edit, Fix};
use crate::toc::anchors::Suggestion;
use crate::toc::{EntryKind, Target, analyse};

use super::{Category, Fixable, Rule, RuleMeta};

pub struct TocBrokenAnchor;

static META: RuleMeta = RuleMeta {
    name: "toc-broken-anchor",
    category: Category::Toc,
    severity: Severity::Error,
    fixable: Fixable::Sometimes,
    summary: "a TOC link points at an anchor no heading has",
};

impl Rule for TocBrokenAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let Some(toc) = &analyse(doc, settings).toc else {
            return;
        };
        for entry in &toc.entries {
            if let (Target::Broken(suggestion), EntryKind::Link { link, .. }) = (&entry.target, &entry.kind) {
                out.push(broken_anchor(doc, META.name, *link, suggestion));
            }
        }
    }
}

/// The finding for link `link` whose anchor is broken, with the heading it probably
/// meant: shared with `link-broken-anchor`.
pub fn broken_anchor(doc: &Document, rule: &'static str, link: usize, suggestion: &Suggestion) -> Diagnostic {
    let link = &doc.links[link];
    let heading = &doc.headings[suggestion.heading];
    let span = link.dest_span.clone().unwrap_or_else(|| link.span.clone());
    let applicability = if suggestion.certain { Applicability::Safe } else { Applicability::Unsafe };
    let fix = link
        .dest_span
        .clone()
        .map(|dest| Fix::new(applicability, vec![Edit::replace(dest, format!("#{}", heading.anchor))]));
    Diagnostic::new(rule, span, format!("no heading has the anchor \"{}\"", link.dest))
        .with_label(heading.span.clone(), "did you mean this heading?")
        .with_help(format!("did you mean `#{}`? point the link at \"{}\"", heading.anchor, heading.text.trim()))
        .with_fix(fix)
}
