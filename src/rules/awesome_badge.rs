//! `awesome-badge`: the main heading must carry the Awesome badge, linked to awesome.re
//! or to sindresorhus/awesome, with one of the badge images awesome.re serves.
//!
//! A list that does not open with a heading (an HTML logo block) is left alone, as
//! awesome-lint leaves it.

use crate::diagnostic::Diagnostic;
use crate::document::{HeadingSyntax, Link};
use crate::fix::{Edit, Fix};

use super::Context;
use super::awesome_lint::main_heading;

declare_rule!("awesome-badge", Structure, Error, fix: Sometimes(Unsafe), profile: Awesome,
    check: Document(check),
    summary: "the main heading lacks the Awesome badge, or its badge image is not awesome.re's");

/// Where the badge may link.
const BADGE_LINKS: [&str; 2] = [
    "https://awesome.re",
    "https://github.com/sindresorhus/awesome",
];

/// The badge images awesome.re serves.
const BADGE_IMAGES: [&str; 3] = [
    "https://awesome.re/badge.svg",
    "https://awesome.re/badge-flat.svg",
    "https://awesome.re/badge-flat2.svg",
];

/// What the fix adds after the heading text.
const BADGE: &str = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)";

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let Some((_, heading)) = main_heading(doc) else {
        return;
    };
    let links = doc.links_within(heading.span);
    let badge_links = links
        .iter()
        .filter(|l| heading.level == 1 && !l.image && BADGE_LINKS.contains(&trimmed(l.dest(doc))));
    let mut found = false;
    for link in badge_links {
        for image in images_inside(links, link) {
            if !BADGE_IMAGES.contains(&image.dest(doc)) {
                out.push(
                    Diagnostic::new(
                        image.span.range(),
                        "the Awesome badge's image is not awesome.re's",
                    )
                    .with_help(format!("use {}", BADGE_IMAGES[0])),
                );
                return;
            }
            found = true;
        }
    }
    if found {
        return;
    }
    let fix = (heading.level == 1 && heading.syntax == HeadingSyntax::Atx).then(|| {
        let end = heading.content.end();
        Fix::unsafe_edits(vec![Edit::insert(end, format!(" {BADGE}"))])
    });
    out.push(
        Diagnostic::new(
            heading.finding_span(),
            "the main heading lacks the Awesome badge",
        )
        .with_help(format!("add {BADGE} after the title"))
        .with_fix(fix),
    );
}

/// A link destination without its trailing slash.
fn trimmed(dest: &str) -> &str {
    dest.strip_suffix('/').unwrap_or(dest)
}

/// The images written inside `link`'s text.
fn images_inside<'l>(links: &'l [Link], link: &'l Link) -> impl Iterator<Item = &'l Link> {
    links.iter().filter(move |l| {
        l.image && l.span.start() > link.span.start() && l.span.end() <= link.span.end()
    })
}
