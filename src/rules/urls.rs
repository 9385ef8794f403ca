//! What the URL rules share: every URL a document holds, and where the author meant a
//! bare URL to end.

use crate::document::{Document, LinkKind, Span, find_bare_urls, index};
use crate::text::is_cjk_punctuation;

/// Where a URL comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The destination of an inline link, image or `<autolink>` (index into `doc.links`).
    Link(u32),
    /// The destination of a link reference definition (index into `doc.definitions`).
    Definition(u32),
    /// A bare URL GitHub autolinks, cut where the author meant it to end.
    Bare,
}

/// One place the document holds a URL.
///
/// Where it is, not what it says: the URL is read back from the document through
/// [`UrlOccurrence::url`]. A 13 MB list holds 300,000 URLs, alive until the check ends.
#[derive(Debug, Clone)]
pub struct UrlOccurrence {
    pub origin: Origin,
    /// Where the URL is written (the whole link when the destination cannot be located).
    pub span: Span,
    /// Whether the URL is exactly the source at `span`, so edits there are safe.
    pub exact: bool,
}

impl UrlOccurrence {
    /// The URL: the source text of `span` when `exact`, else the destination as read.
    pub fn url<'d>(&self, doc: &'d Document) -> &'d str {
        match self.origin {
            _ if self.exact => doc.slice(self.span),
            Origin::Link(i) => doc.links[i as usize].dest(doc),
            Origin::Definition(i) => &doc.definitions[i as usize].dest,
            Origin::Bare => doc.slice(self.span),
        }
    }
}

/// Every URL of the document in source order: link destinations (a reference link's
/// URL is its definition's, listed once), definitions, and bare URLs. HTML `<a href>`
/// links are left out: on the corpus they are sponsor blocks and badges whose campaign
/// parameters are the sponsor's, and their entity-encoded URLs (`&amp;`) cannot be
/// edited as written.
pub fn occurrences(doc: &Document) -> Vec<UrlOccurrence> {
    let mut found = Vec::new();
    for (i, link) in doc.links.iter().enumerate() {
        if matches!(
            link.kind,
            LinkKind::Reference | LinkKind::Email | LinkKind::Html
        ) || link.dest(doc).is_empty()
        {
            continue;
        }
        found.push(UrlOccurrence {
            origin: Origin::Link(index(i)),
            span: link.dest_span().unwrap_or(link.span),
            exact: link.dest_span().is_some(),
        });
    }
    for (i, def) in doc.definitions.iter().enumerate() {
        if def.dest.is_empty() {
            continue;
        }
        found.push(UrlOccurrence {
            origin: Origin::Definition(index(i)),
            span: def.dest_span().unwrap_or(def.span),
            exact: def.dest_span().is_some(),
        });
    }
    for &span in &doc.bare_urls {
        let text = doc.slice(span);
        let len = intended_len(text).unwrap_or(text.len());
        found.push(UrlOccurrence {
            origin: Origin::Bare,
            span: span.with_end(span.start() + len),
            exact: true,
        });
    }
    found.sort_by_key(|s| s.span.start());
    found
}

/// Where a bare URL really ends when GitHub's autolinker ran on into the sentence
/// after it (it stops only at whitespace): the length of the URL the author meant, or
/// `None` when the URL is whole.
///
/// The sentence starts at CJK or fullwidth punctuation, or at a non-ASCII character
/// glued to an ASCII letter, digit or sentence mark (`…/safe-rlhf该项目`). Non-ASCII
/// text after `/`, `=`, `#`, `(`, `_`, `-` and the like is a real path or query
/// (`/wiki/大语言模型`, `?q=中文`) and stays.
///
/// Only a non-ASCII character can start the sentence, and most bare URLs are ASCII: the
/// chars are read from the first non-ASCII byte on. Reading every char of every URL,
/// four rules asking for each, was 3% of the seed's instructions.
pub fn intended_len(url: &str) -> Option<usize> {
    let first = url.bytes().position(|b| !b.is_ascii())?;
    let mut previous = url[..first].chars().next_back();
    let at = url[first..].char_indices().find_map(|(i, c)| {
        let glued = previous.is_some_and(|p: char| {
            p.is_ascii()
                && !matches!(
                    p,
                    '/' | '=' | '#' | '(' | '_' | '-' | '?' | '&' | '+' | '%' | '~'
                )
        });
        previous = Some(c);
        (!c.is_ascii() && (is_cjk_punctuation(c) || glued)).then_some(first + i)
    })?;
    // End as the autolinker would have if the sentence had been separated: without
    // trailing ASCII punctuation.
    let end = find_bare_urls(&url[..at])
        .first()
        .filter(|r| r.start == 0)
        .map_or(at, |r| r.end);
    Some(end)
}

/// An `http://` or `https://` URL's host (with any port) and what follows it.
pub fn web_host_and_tail(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_len = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    Some(rest.split_at(host_len))
}

/// The host and what follows it of an `http://` or `https://` URL whose host is a plain
/// ASCII domain name: no port or credentials, no empty label, no punycode to decode, not
/// an IPv4 address in disguise (`1.2.3.4`, `a.0x1f`). The WHATWG parser gives such a host
/// back as it is, lowercased, so it can be read without parsing the URL.
pub fn plain_web_url(url: &str) -> Option<(&str, &str)> {
    let (host, tail) = web_host_and_tail(url)?;
    let name = host.strip_suffix('.').unwrap_or(host).as_bytes();
    // One pass over the name's bytes: splitting it into labels and searching it again
    // for `xn--` cost 800 instructions a URL, for every URL url-invalid reads.
    let mut label_start = 0;
    for (i, &b) in name.iter().enumerate() {
        match b {
            b'.' if i > label_start => label_start = i + 1,
            b'-' if name[..i].ends_with(b"xn-") => return None,
            b'-' => {}
            _ if b.is_ascii_alphanumeric() => {}
            _ => return None,
        }
    }
    let last_label = &name[label_start..];
    let plain = !last_label.is_empty()
        && !last_label.iter().all(u8::is_ascii_digit)
        && !last_label
            .get(..2)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"0x"));
    plain.then_some((host, tail))
}

/// The host of `url` as [`url::Url::host_str`] gives it: read from a plain web URL
/// ([`plain_web_url`]), parsed otherwise. url-insecure and url-tracking read the host of
/// many URLs, and parsing each was most of their cost.
pub fn host(url: &str) -> Option<String> {
    match plain_web_url(url) {
        Some((host, _)) => Some(host.to_ascii_lowercase()),
        None => url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned)),
    }
}

/// Whether `<url>` is an autolink: CommonMark allows no ASCII control character (nor
/// space, `<`, `>`) in one, so wrapping such a URL would leave it bare for ever.
pub fn can_autolink(url: &str) -> bool {
    url.contains("://")
        && !url.contains(|c: char| c.is_ascii_control() || matches!(c, ' ' | '<' | '>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn plain_hosts_are_the_parsers(
            url in "(https?|HTTP)://([a-zA-Z0-9_:@-]|0x|xn--|\\.){0,8}([/?#][a-z0-9%:@.-]{0,6}){0,2}"
        ) {
            let parsed = url::Url::parse(&url).ok();
            if plain_web_url(&url).is_some() {
                proptest::prop_assert_eq!(
                    host(&url),
                    parsed.and_then(|u| u.host_str().map(str::to_owned)),
                    "{}", url
                );
            }
        }
    }

    #[test]
    fn hosts_that_are_not_plain_are_parsed() {
        for url in [
            "https://a.org:8080/",
            "https://u@a.org/",
            "https://1.2.3.4/",
            "https://a.0x1f/",
            "https://xn--zz.org/",
            "https://a..org/",
            "https://a_b.org/",
        ] {
            assert!(plain_web_url(url).is_none(), "{url}");
        }
        assert_eq!(host("https://GitHub.com/x").as_deref(), Some("github.com"));
        assert_eq!(host("https://a.org:8080/").as_deref(), Some("a.org"));
    }

    /// One occurrence per URL of a list, alive until the check ends.
    #[test]
    fn occurrences_stay_small() {
        assert_eq!(std::mem::size_of::<UrlOccurrence>(), 20);
    }

    #[test]
    fn occurrences_read_their_urls_back() {
        let doc = Document::parse(
            "[a](https://a.org/x) [b][r] <https://c.org> https://d.org/y。见\n\n[r]: https://b.org\n",
        );
        let found: Vec<(&str, bool)> = occurrences(&doc)
            .iter()
            .map(|site| (site.url(&doc), site.exact))
            .collect();
        assert_eq!(
            found,
            [
                ("https://a.org/x", true),
                ("https://c.org", true),
                ("https://d.org/y", true),
                ("https://b.org", true)
            ]
        );
    }

    #[test]
    fn sentences_after_bare_urls_are_cut() {
        fn cut(u: &str) -> Option<&str> {
            intended_len(u).map(|n| &u[..n])
        }
        assert_eq!(
            cut("https://github.com/PKU-Alignment/safe-rlhf。该项目首次"),
            Some("https://github.com/PKU-Alignment/safe-rlhf")
        );
        assert_eq!(cut("https://a.org/x，见"), Some("https://a.org/x"));
        assert_eq!(cut("https://a.org/x.，见"), Some("https://a.org/x"));
        assert_eq!(cut("https://a.org/x）"), Some("https://a.org/x"));
        assert_eq!(cut("https://a.org/x是一个"), Some("https://a.org/x"));
        assert_eq!(cut("https://zh.wikipedia.org/wiki/大语言模型"), None);
        assert_eq!(cut("https://a.org/?q=中文"), None);
        assert_eq!(cut("https://a.org/x"), None);
    }
}
