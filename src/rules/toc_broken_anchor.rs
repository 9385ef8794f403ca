//! `toc-broken-anchor`: a TOC link whose `#fragment` no heading produces, though a
//! section matches it: the heading was renamed, or the anchor was typed by hand.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Applicability, Edit, Fix};
use crate::toc::anchors::Suggestion;
use crate::toc::{EntryKind, Target, Toc};

use super::{Category, Check, Context, FixAvailability, FixSafety, NO_OPTIONS, Rule};

pub const RULE: Rule = Rule {
    name: "toc-broken-anchor",
    category: Category::Toc,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes(FixSafety::SafeOrUnsafe),
    summary: "a TOC link points at an anchor no heading has",
    options: NO_OPTIONS,
    check: Check::Toc(TocBrokenAnchor::check),
    doc: include_str!("../../rules/toc-broken-anchor.md"),
};

pub struct TocBrokenAnchor;

impl TocBrokenAnchor {
    fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for entry in &toc.entries {
            if let (Target::Broken(suggestion), EntryKind::Link { link, .. }) = (&entry.target, &entry.kind) {
                out.push(broken_anchor(doc, *link, suggestion));
            }
        }
    }
}

/// The finding for link `link` whose anchor is broken, with the heading it probably
/// meant: shared with `link-broken-anchor`.
pub fn broken_anchor(doc: &Document, link: usize, suggestion: &Suggestion) -> Diagnostic {
    let link = &doc.links[link];
    let heading = &doc.headings[suggestion.heading];
    let span = link.dest_span.clone().unwrap_or_else(|| link.span.clone());
    let applicability = if suggestion.certain { Applicability::Safe } else { Applicability::Unsafe };
    let fix = link
        .dest_span
        .clone()
        .map(|dest| Fix::new(applicability, vec![Edit::replace(dest, format!("#{}", heading.anchor))]));
    Diagnostic::new(span, format!("no heading has the anchor \"{}\"", link.dest))
        .with_label(heading.span.clone(), "did you mean this heading?")
        .with_help(format!("did you mean `#{}`? point the link at \"{}\"", heading.anchor, heading.text.trim()))
        .with_fix(fix)
}
