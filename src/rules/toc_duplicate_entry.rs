//! `toc-duplicate-entry`: one section listed twice in the TOC, or an entry whose link
//! was copied from the entry above: it points at a listed section while its text names
//! one no entry lists.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::Fix;
use crate::text::name_key;
use crate::toc::{Entry, EntryKind, Target, Toc, edit, section_name};

use super::Context;

declare_rule!("toc-duplicate-entry", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a section is listed twice in the TOC");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let mut first: Vec<Option<usize>> = vec![None; doc.headings.len()];
    for (i, entry) in toc.entries.iter().enumerate() {
        if let (Target::Misdirected(h, meant), EntryKind::Link { link, .. }) =
            (&entry.target, &entry.kind)
        {
            out.push(misdirected(doc, toc, entry, *h, *meant, *link));
            continue;
        }
        let Some(h) = entry.heading() else {
            continue;
        };
        let Some(earlier) = first[h] else {
            first[h] = Some(i);
            continue;
        };
        // Removing an entry named differently would lose that name (fix contract).
        let same_name = name_key(&entry.text) == name_key(&toc.entries[earlier].text);
        let fix = edit::remove_entry(doc, toc, entry)
            .filter(|_| same_name)
            .map(|e| Fix::unsafe_edits(vec![e]));
        out.push(
            Diagnostic::new(
                entry.span.clone(),
                format!(
                    "\"{}\" is listed twice in {}",
                    doc.headings[h].text(doc).trim(),
                    toc.name(doc)
                ),
            )
            .with_label(toc.entries[earlier].span.clone(), "first listed here")
            .with_help(if fix.is_some() {
                "remove this entry"
            } else {
                "remove one of the two entries"
            })
            .with_fix(fix),
        );
    }
}

/// The finding for an entry linking section `h` while its text names unlisted `meant`.
fn misdirected(
    doc: &Document,
    toc: &Toc,
    entry: &Entry,
    h: usize,
    meant: usize,
    link: usize,
) -> Diagnostic {
    let anchor = &doc.headings[meant].anchor(doc);
    let mut diagnostic = Diagnostic::new(
        entry.span.clone(),
        format!(
            "entry \"{}\" points at section \"{}\", which another entry lists",
            entry.text.trim(),
            section_name(doc, h)
        ),
    )
    .with_label(
        doc.headings[meant].span.range(),
        "the section its text names",
    )
    .with_help(format!(
        "did you mean `#{anchor}`? point the link at \"{}\"",
        section_name(doc, meant)
    ))
    .with_fix(edit::retarget(doc, link, anchor).map(|e| Fix::unsafe_edits(vec![e])));
    if let Some(first) = toc.entries.iter().find(|e| e.heading() == Some(h)) {
        diagnostic = diagnostic.with_label(first.span.clone(), "listed here");
    }
    diagnostic
}
