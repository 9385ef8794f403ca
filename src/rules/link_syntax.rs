//! `link-syntax`: text meant as a link that GitHub renders as text.
//!
//! `[text] (url)`, `(url)[text]`, `[text]（url）` and an unclosed `[text](url` all show
//! the brackets on the page and link nothing (or only the bare URL). Found in the plain
//! text of the document model, so real links and code are never reported.

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;

use super::Context;
use super::malformed_links::Malformation;

declare_rule!("link-syntax", Links, Error, fix: Sometimes(Safe), check: Document(check),
    summary: "text meant as a link that is not one: a space, a missing or fullwidth parenthesis, reversed parts");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for broken in ctx.malformed_links() {
        let (message, help) = match broken.kind {
            Malformation::SpaceBeforeParen => (
                "space between the link text and its destination",
                "remove the space",
            ),
            Malformation::Unclosed => ("link destination is never closed", "add the closing \")\""),
            Malformation::SpaceInDestination => (
                "space inside a link destination",
                "remove the space, or write it as %20",
            ),
            Malformation::Reversed => ("link written as (url)[text]", "write it as [text](url)"),
            Malformation::FullwidthParens => (
                "link destination in fullwidth parentheses",
                "use ASCII parentheses",
            ),
            // url-whitespace reports these.
            Malformation::LineBreakInDestination | Malformation::SpacedAutolink => continue,
        };
        let span = broken.span.clone();
        let what = doc.slice(&span);
        out.push(
            Diagnostic::new(span, format!("{message}: \"{what}\""))
                .with_help(help)
                .with_fix(broken.edits.clone().map(Fix::safe)),
        );
    }
}
