//! `link-empty`: a link that goes nowhere or shows nothing.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, LinkKind};

use super::Context;

declare_rule!("link-empty", Links, Error, fix: Never, check: Document(check),
    summary: "a link with no destination, `#` as destination, or no text");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (i, link) in doc.links.iter().enumerate() {
        if matches!(link.kind, LinkKind::Autolink | LinkKind::Email) {
            continue;
        }
        let dest = link.dest.trim();
        let text = link.text.trim();
        let (message, help) = if dest.is_empty() {
            let what = if link.image { "image" } else { "link" };
            (
                format!("{what} \"{text}\" has no destination"),
                "add the URL",
            )
        } else if dest == "#" {
            (
                format!("link \"{text}\" points to \"#\", which goes nowhere"),
                "add the URL or the heading's anchor",
            )
        } else if !link.image && link.text.trim().is_empty() && !shows_markup(doc, i) {
            (
                format!("link to \"{dest}\" has no text"),
                "add the text to click",
            )
        } else {
            continue;
        };
        out.push(Diagnostic::new(link.span.clone(), message).with_help(help));
    }
}

/// Whether link `index` shows an image (a badge) or inline HTML (`<img>`): something
/// to click that is not text.
fn shows_markup(doc: &Document, index: usize) -> bool {
    let span = &doc.links[index].span;
    let image = doc.links[index + 1..]
        .iter()
        .take_while(|l| l.span.start < span.end)
        .any(|l| l.image);
    let first_html = doc.html.partition_point(|r| r.start < span.start);
    image || doc.html.get(first_html).is_some_and(|r| r.end <= span.end)
}
