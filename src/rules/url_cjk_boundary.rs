//! `url-cjk-boundary`: a URL that runs on into the Chinese (or Japanese, Korean)
//! sentence after it.
//!
//! Bare URLs are cut where the sentence starts ((`urls::intended_len`)); link
//! destinations are checked for sentence marks at their end.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Edit, Fix};
use crate::text::is_cjk_sentence_mark;

use super::Context;
use super::malformed_links;
use super::urls::{self, Origin};

declare_rule!("url-cjk-boundary", Links, Error, fix: Sometimes(Safe), check: Document(check),
    summary: "a URL that runs on into the CJK text or fullwidth punctuation after it");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let broken = ctx.malformed_links();
    for range in &doc.bare_urls {
        let text = doc.slice(range);
        let Some(len) = urls::intended_len(text) else {
            continue;
        };
        // `[text]（https://…）` is a link written with fullwidth parentheses: link-syntax.
        if malformed_links::in_malformed_link(broken, range.start()) {
            continue;
        }
        let end = range.start() + len;
        out.push(
            Diagnostic::new(range.range(),
                format!("bare URL \"{}\" runs on into the text after it", &text[..len]),
            )
            .with_help("wrap the URL in <…> to end it where it ends: GitHub links everything up to the next space")
            .with_fix(urls::can_autolink(&text[..len]).then(|| {
                Fix::safe(vec![Edit::insert(range.start(), "<"), Edit::insert(end, ">")])
            })),
        );
    }
    for site in ctx.urls() {
        if site.origin == Origin::Bare {
            continue;
        }
        check_destination(doc, site, out);
    }
}

/// Sentence punctuation at the end of a link destination: typed after the URL, it ended
/// up inside the link. (Inside a path it may be a real file name, `《GPT_4，…》.pdf`.)
/// It moves out of an inline link or autolink that closes right after it.
fn check_destination(doc: &Document, site: &urls::UrlOccurrence, out: &mut Vec<Diagnostic>) {
    let url = site.url(doc);
    let kept = url.trim_end_matches(is_cjk_sentence_mark);
    if kept.len() == url.len() || kept.is_empty() {
        return;
    }
    let punctuation = &url[kept.len()..];
    let mut diagnostic = Diagnostic::new(
        site.span.range(),
        format!("fullwidth \"{punctuation}\" at the end of the link destination \"{url}\""),
    );
    let link_end = match site.origin {
        Origin::Link(i) => Some(doc.links[i as usize].span.end()),
        _ => None,
    };
    // `[x](https://a.org/b。)` or `<https://a.org/b。>`: the link closes right after.
    match link_end.filter(|&end| site.exact && end == site.span.end() + 1) {
        Some(end) => {
            let start = site.span.start() + kept.len();
            diagnostic = diagnostic
                .with_help("move the punctuation after the link")
                .with_fix(Fix::safe(vec![
                    Edit::delete(start..site.span.end()),
                    Edit::insert(end, punctuation),
                ]));
        }
        None => diagnostic = diagnostic.with_help("move the punctuation out of the link"),
    }
    out.push(diagnostic);
}
