//! `toc-broken-anchor`: a TOC link whose `#fragment` no heading produces, though a
//! section matches it: the heading was renamed, or the anchor was typed by hand.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::Fix;
use crate::toc::anchors::Suggestion;
use crate::toc::{EntryKind, Target, Toc, edit};

use super::Context;

declare_rule!("toc-broken-anchor", Toc, Error, fix: Sometimes(Safe), check: Toc(check),
    summary: "a TOC link points at an anchor no heading has");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for entry in &toc.entries {
        if let (Target::Broken(suggestion), EntryKind::Link { link, .. }) =
            (&entry.target, &entry.kind)
        {
            out.push(broken_anchor(doc, *link, suggestion));
        }
    }
}

/// The finding for link `link` whose anchor is broken, with the headings it may have
/// meant: shared with `link-broken-anchor`. Only a certain suggestion is a fix; the
/// others are named in the help.
pub fn broken_anchor(doc: &Document, link: usize, suggestion: &Suggestion) -> Diagnostic {
    let index = link;
    let link = &doc.links[link];
    let span = link.dest_span().unwrap_or(link.span);
    let mut diagnostic = Diagnostic::new(
        span.range(),
        format!("no heading has the anchor \"{}\"", link.dest(doc)),
    );
    for &h in &suggestion.candidates {
        diagnostic =
            diagnostic.with_label(doc.headings[h].span.range(), "did you mean this heading?");
    }
    let named = |h: usize| {
        format!(
            "`#{}` (\"{}\")",
            doc.headings[h].anchor(doc),
            doc.headings[h].text(doc).trim()
        )
    };
    if !suggestion.certain {
        let names: Vec<String> = suggestion.candidates.iter().map(|&h| named(h)).collect();
        let which = if names.len() == 1 {
            "if so, point the link at it"
        } else {
            "point the link at the one meant"
        };
        return diagnostic.with_help(format!("did you mean {}? {which}", names.join(" or ")));
    }
    let heading = &doc.headings[suggestion.heading];
    let fix = edit::retarget(doc, index, heading.anchor(doc)).map(|e| Fix::safe(vec![e]));
    diagnostic
        .with_help(format!(
            "did you mean `#{}`? point the link at \"{}\"",
            heading.anchor(doc),
            heading.text(doc).trim()
        ))
        .with_fix(fix)
}
