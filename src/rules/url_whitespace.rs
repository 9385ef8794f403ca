//! `url-whitespace`: whitespace or a line break inside a link destination.

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};

use super::Context;
use super::malformed_links::Malformation;
use super::urls::Origin;

declare_rule!("url-whitespace", Links, Warning, fix: Sometimes(Safe), check: Document(check),
    summary: "whitespace or a line break inside a link destination");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for broken in ctx.malformed_links() {
        let written = doc.slice(&broken.span);
        let message = match broken.kind {
            Malformation::SpacedAutolink => {
                format!("space inside \"{written}\", so it is not a link")
            }
            Malformation::LineBreakInDestination => {
                "line break inside a link destination".to_owned()
            }
            _ => continue,
        };
        out.push(
            Diagnostic::new(broken.span.clone(), message)
                .with_help("remove the whitespace")
                .with_fix(broken.edits.clone().map(Fix::safe)),
        );
    }
    for site in ctx.urls() {
        if site.origin == Origin::Bare {
            continue;
        }
        let url = site.url(doc);
        let lead = url.len() - url.trim_start().len();
        let trail = url.len() - url.trim_end().len();
        if lead + trail == 0 || url.trim().is_empty() {
            continue;
        }
        let start = site.span.start();
        let end = site.span.end();
        let edits: Vec<Edit> = [start..start + lead, end - trail..end]
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(Edit::delete)
            .collect();
        out.push(
            Diagnostic::new(
                site.span.range(),
                format!("whitespace around the link destination \"{}\"", url.trim()),
            )
            .with_help("remove the whitespace")
            .with_fix(site.exact.then(|| Fix::safe(edits))),
        );
    }
}
