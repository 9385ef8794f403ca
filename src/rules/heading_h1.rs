//! `heading-h1`: a level-1 heading after the document's first one, or a first level-1
//! heading that other headings come before. HTML headings (`<h1 align="center">`) count:
//! they are how many lists write their title.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("heading-h1", Structure, Info, fix: Never, check: Document(check),
    summary: "more than one level-1 heading, or one that is not the first heading");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let headings = &doc.headings;
    let mut titles = headings.iter().filter(|h| h.level == 1);
    let Some(title) = titles.next() else {
        return;
    };
    if let Some(first) = headings.first().filter(|first| first.level != 1) {
        out.push(
            Diagnostic::new(
                title.finding_span(),
                format!(
                    "level-1 heading \"{}\" comes after other headings",
                    title.text(doc).trim()
                ),
            )
            .with_label(first.finding_span(), "the document starts here")
            .with_help("make the title the first heading, or make this a lower-level heading"),
        );
    }
    // One finding for all the others: a document with level-1 sections made that
    // choice once, and its sections are labelled on it.
    let others: Vec<_> = titles.collect();
    let Some((second, rest)) = others.split_first() else {
        return;
    };
    let count = if rest.is_empty() {
        String::new()
    } else {
        format!(" ({} level-1 headings after the title)", others.len())
    };
    let mut diagnostic = Diagnostic::new(
        second.finding_span(),
        format!(
            "another level-1 heading \"{}\": the document's title is \"{}\"{count}",
            second.text(doc).trim(),
            title.text(doc).trim()
        ),
    )
    .with_label(title.finding_span(), "the title");
    for heading in rest {
        diagnostic = diagnostic.with_label(heading.finding_span(), "another level-1 heading");
    }
    out.push(
        diagnostic
            .with_help("make the sections level-2 headings, and their subheadings one level lower"),
    );
}
