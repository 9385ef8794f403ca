//! The web links of a document with their canonical form, and the link an entry or a
//! paragraph leads with: what the duplicate rules compare pages by (read once per check
//! through [`super::Context::web_links`]).

use std::ops::Range;

use crate::document::entries::{Entry, own_text, trim_separators};
use crate::document::{Document, LinkKind, Span, index, optional_index, read_index};

use super::canonical::{CanonicalUrl, canonicalize, is_web_url};

/// A link to a web page, written as a Markdown link or as a bare URL. Images and
/// badges (a link around nothing but an image) are not links to what an entry is.
///
/// Its text is read from the document, which holds it already ([`WebLink::text`]): one
/// is built for every URL of a list, alive until the check ends, and copies of the
/// texts were a tenth of what the web links held at the peak of a 13 MB list. With
/// `u32` spans and indices it takes 40 bytes, not 80.
#[derive(Debug, Clone)]
pub struct WebLink {
    pub span: Span,
    /// The canonical URL; its [`CanonicalUrl::target`] keeps the fragment the URL was
    /// written with unless it names the page itself: `README.md#queue` and
    /// `README.md#stack` are one page but two places in it.
    pub url: CanonicalUrl,
    /// Index in [`Document::links`] of a Markdown link, no index for a bare URL: read
    /// through [`WebLink::text`].
    link: u32,
    /// Whether the text names something (`[TinyLlama](…)`) rather than repeating the URL.
    pub named: bool,
}

impl WebLink {
    /// Its visible text: the link text, or the URL itself when bare.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        match read_index(self.link) {
            Some(i) => doc.links[i].text(doc),
            None => doc.slice(self.span),
        }
    }
}

/// Every web link of `doc`, in document order (read once per check through
/// [`super::Context::web_links`]). HTML `<a href>` links are page furniture (logos,
/// sponsor blocks), not entries.
pub fn find_web_links(doc: &Document) -> Vec<WebLink> {
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
            span: link.span,
            url,
            link: index(i),
            named,
        });
    }
    for &span in &doc.bare_urls {
        let text = doc.slice(span);
        let url = if text.contains("://") {
            canonicalize(text)
        } else {
            canonicalize(&format!("http://{text}"))
        };
        if let Some(url) = url {
            links.push(WebLink {
                span,
                url,
                link: optional_index(None),
                named: false,
            });
        }
    }
    links.sort_by_key(|l| l.span.start());
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
pub fn links_in<'l>(links: &'l [WebLink], span: &Range<usize>) -> &'l [WebLink] {
    let start = links.partition_point(|l| l.span.start() < span.start);
    let end = links.partition_point(|l| l.span.start() < span.end);
    &links[start..end]
}

/// The link a list item or paragraph starts with (`- [Name](url) – what it is`,
/// `- https://…`), if its text starts with a web link.
pub fn lead_link<'l>(doc: &Document, index: usize, links: &'l [WebLink]) -> Option<&'l WebLink> {
    let (text, span) = own_text(doc, index);
    let first = links_in(links, &span).first()?;
    let text = text.trim_start();
    let lead = first.text(doc).trim();
    (!lead.is_empty() && text.starts_with(lead)).then_some(first)
}

/// Whether a list item says something after the link it leads with: the shape of an
/// entry in an awesome list (`- [Name](url) - description`).
pub fn has_description(doc: &Document, index: usize, lead: &WebLink) -> bool {
    let (text, _) = own_text(doc, index);
    let after = text
        .trim_start()
        .strip_prefix(lead.text(doc).trim())
        .unwrap_or_default();
    !trim_separators(after).is_empty()
}

/// The web link an entry is about, if it is a web page.
pub fn entry_link<'l>(doc: &Document, entry: &Entry, links: &'l [WebLink]) -> Option<&'l WebLink> {
    let span = entry.link(doc).span.range();
    links_in(links, &span)
        .first()
        .filter(|l| l.span.start() == span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    /// One web link per URL of a list, alive until the check ends.
    #[test]
    fn web_links_stay_small() {
        assert_eq!(std::mem::size_of::<WebLink>(), 40);
        assert_eq!(std::mem::size_of::<CanonicalUrl>(), 24);
    }

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
