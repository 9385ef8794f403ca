//! The web links of a document with their canonical form, and the link an entry or a
//! paragraph leads with: what the duplicate rules compare pages by (read once per check
//! through [`super::Context::web_links`]).

use std::ops::Range;

use crate::document::entries::{Entry, own_text};
use crate::document::{Document, LinkKind};

use super::canonical::{CanonicalUrl, canonicalize, is_web_url};

/// A link to a web page, written as a Markdown link or as a bare URL. Images and
/// badges (a link around nothing but an image) are not links to what an entry is.
///
/// Its text is borrowed from the document, which holds it already: one is built for
/// every URL of a list, and copies of the texts were a tenth of what the web links
/// held at the peak of a 13 MB list.
#[derive(Debug, Clone)]
pub struct WebLink<'d> {
    pub span: Range<usize>,
    /// The canonical URL; its [`CanonicalUrl::target`] keeps the fragment the URL was
    /// written with unless it names the page itself: `README.md#queue` and
    /// `README.md#stack` are one page but two places in it.
    pub url: CanonicalUrl,
    /// Its visible text: the link text, or the URL itself when bare.
    pub text: &'d str,
    /// Whether the text names something (`[TinyLlama](…)`) rather than repeating the URL.
    pub named: bool,
}

/// Every web link of `doc`, in document order (read once per check through
/// [`super::Context::web_links`]). HTML `<a href>` links are page furniture (logos,
/// sponsor blocks), not entries.
pub fn find_web_links<'d>(doc: &'d Document) -> Vec<WebLink<'d>> {
    let mut links = Vec::with_capacity(doc.links.len() + doc.bare_urls.len());
    for (i, link) in doc.links.iter().enumerate() {
        if link.image || matches!(link.kind, LinkKind::Email | LinkKind::Html) || is_badge(doc, i) {
            continue;
        }
        let Some(url) = canonicalize(link.dest(doc)) else {
            continue;
        };
        let named = link.kind != LinkKind::Autolink && !is_web_url(link.text(doc));
        links.push(WebLink {
            span: link.span.range(),
            url,
            text: link.text(doc),
            named,
        });
    }
    for span in &doc.bare_urls {
        let text = doc.slice(span);
        let url = if text.contains("://") {
            canonicalize(text)
        } else {
            canonicalize(&format!("http://{text}"))
        };
        if let Some(url) = url {
            links.push(WebLink {
                span: span.range(),
                url,
                text,
                named: false,
            });
        }
    }
    links.sort_by_key(|l| l.span.start);
    links
}

/// `[![build](badge.svg)](ci)`: a link whose whole text is one image.
fn is_badge(doc: &Document, index: usize) -> bool {
    let link = &doc.links[index];
    doc.links.get(index + 1).is_some_and(|inner| {
        inner.image
            && inner.span.start() == link.span.start() + 1
            && doc.source.as_bytes().get(inner.span.end()) == Some(&b']')
    })
}

/// The links of `links` that start inside `span`.
pub fn links_in<'l, 'd>(links: &'l [WebLink<'d>], span: &Range<usize>) -> &'l [WebLink<'d>] {
    let start = links.partition_point(|l| l.span.start < span.start);
    let end = links.partition_point(|l| l.span.start < span.end);
    &links[start..end]
}

/// The link a list item or paragraph starts with (`- [Name](url) – what it is`,
/// `- https://…`), if its text starts with a web link.
pub fn lead_link<'l, 'd>(
    doc: &Document,
    index: usize,
    links: &'l [WebLink<'d>],
) -> Option<&'l WebLink<'d>> {
    let (text, span) = own_text(doc, index);
    let first = links_in(links, &span).first()?;
    let text = text.trim_start();
    (!first.text.trim().is_empty() && text.starts_with(first.text.trim())).then_some(first)
}

/// Whether a list item says something after the link it leads with: the shape of an
/// entry in an awesome list (`- [Name](url) - description`).
pub fn has_description(doc: &Document, index: usize, lead: &WebLink) -> bool {
    let (text, _) = own_text(doc, index);
    let after = text
        .trim_start()
        .strip_prefix(lead.text.trim())
        .unwrap_or_default();
    let rest = after.trim_start_matches(|c: char| c.is_whitespace() || "-–—:：|,，.。".contains(c));
    !rest.is_empty()
}

/// The web link an entry is about, if it is a web page.
pub fn entry_link<'l, 'd>(
    doc: &Document,
    entry: &Entry,
    links: &'l [WebLink<'d>],
) -> Option<&'l WebLink<'d>> {
    let span = entry.link(doc).span.range();
    links_in(links, &span)
        .first()
        .filter(|l| l.span.start == span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn lead_links_and_descriptions() {
        let source = "- [Foo](https://github.com/a/foo) - a thing\n- https://arxiv.org/abs/2401.02385\n- see [Bar](https://example.com)\n";
        let doc = Document::parse(source);
        let links = &find_web_links(&doc);
        let items: Vec<usize> = (0..doc.blocks.len())
            .filter(|&i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
            .collect();
        let foo = lead_link(&doc, items[0], links).expect("foo leads");
        assert_eq!(foo.url.key(), "github.com/a/foo");
        assert!(foo.named && has_description(&doc, items[0], foo));
        let paper = lead_link(&doc, items[1], links).expect("bare URL leads");
        assert!(!paper.named && !has_description(&doc, items[1], paper));
        assert!(lead_link(&doc, items[2], links).is_none());
    }
}
