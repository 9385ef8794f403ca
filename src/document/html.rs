//! The little HTML that matters in Markdown READMEs: comments (inline suppressions),
//! `<h1>`–`<h6>` headings, `name`/`id` anchors, and `<a href>` links (a TOC written as
//! an HTML table, back-to-top links). Not a general HTML parser.

use std::ops::Range;

/// `<!-- … -->` comments: (byte range of the whole comment, its trimmed body).
pub(super) fn comments(html: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + html[from..].find("<!--")?;
        let body_start = start + 4;
        // An unclosed comment runs to the end of the HTML.
        let (body_end, end) = html[body_start..]
            .find("-->")
            .map_or((html.len(), html.len()), |i| {
                (body_start + i, body_start + i + 3)
            });
        from = end;
        Some((start..end, html[body_start..body_end].trim()))
    })
}

/// An HTML heading: level, its text with tags stripped and entities decoded, its range.
pub(super) struct HtmlHeading {
    pub level: u8,
    pub text: String,
    pub span: Range<usize>,
    pub content: Range<usize>,
}

/// `<hN …>…</hN>` elements (N from 1 to 6), case-insensitive.
pub(super) fn headings(html: &str) -> Vec<HtmlHeading> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<h") {
        let start = from + i;
        from = start + 2;
        let Some(&digit) = lower.as_bytes().get(start + 2) else {
            break;
        };
        let level = digit.wrapping_sub(b'0');
        let after = lower.as_bytes().get(start + 3).copied().unwrap_or(b' ');
        if !(1..=6).contains(&level) || !(after == b'>' || after.is_ascii_whitespace()) {
            continue;
        }
        let Some(open_end) = lower[start..].find('>').map(|j| start + j + 1) else {
            break;
        };
        let close = format!("</h{level}");
        let Some(close_start) = lower[open_end..].find(&close).map(|j| open_end + j) else {
            continue;
        };
        let end = lower[close_start..]
            .find('>')
            .map_or(lower.len(), |j| close_start + j + 1);
        found.push(HtmlHeading {
            level,
            text: strip_tags(&html[open_end..close_start]),
            span: start..end,
            content: open_end..close_start,
        });
        from = end;
    }
    found
}

/// Text content of an HTML fragment: tags removed, common entities decoded.
fn strip_tags(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = rest[lt..].find('>').map_or("", |gt| &rest[lt + gt + 1..]);
    }
    text.push_str(rest);
    decode_entities(&text)
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", "\u{a0}"),
    ]
    .iter()
    .fold(text.to_owned(), |acc, (entity, ch)| acc.replace(entity, ch))
}

/// Values of `name="…"` (on `<a>`) and `id="…"` (on any element), with their ranges.
pub(super) fn anchors(html: &str) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    for tag in tags(html) {
        let attributes = ["id", "name"]
            .into_iter()
            .filter(|&a| a == "id" || tag.name == "a");
        for value in attributes.filter_map(|a| attribute(html, &tag, a)) {
            // `<a name=x/>`: the slash closes the tag.
            let value = value.start..value.start + html[value].trim_end_matches('/').len();
            found.push((html[value.clone()].to_owned(), value));
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

/// An `<a href="…">…</a>` element.
pub(super) struct HtmlLink {
    /// The `href` value, entities decoded.
    pub dest: String,
    /// The `href` value as written.
    pub dest_span: Range<usize>,
    /// The element's text: tags removed, entities decoded.
    pub text: String,
    /// From `<a` to the end of `</a>`.
    pub span: Range<usize>,
}

/// The `<a href>` elements of a whole HTML fragment (an HTML block), outside comments.
/// An element left open runs to the end of the fragment.
pub(super) fn links(html: &str) -> Vec<HtmlLink> {
    let lower = html.to_ascii_lowercase();
    let mut found: Vec<HtmlLink> = Vec::new();
    for tag in tags(html).filter(|t| t.name == "a") {
        let Some((dest, dest_span)) = href(html, &tag) else {
            continue;
        };
        if found.last().is_some_and(|l| l.span.end > tag.span.start) {
            continue;
        }
        let close = lower[tag.span.end..]
            .find("</a")
            .map_or(html.len(), |i| tag.span.end + i);
        let end = lower[close..]
            .find('>')
            .map_or(html.len(), |i| close + i + 1);
        found.push(HtmlLink {
            dest,
            dest_span,
            text: strip_tags(&html[tag.span.end..close]),
            span: tag.span.start..end,
        });
    }
    found
}

/// The destination of an opening `<a href="…">` tag written alone (inline HTML, whose
/// text and `</a>` follow as Markdown): the decoded value and its range.
pub(super) fn link_open(html: &str) -> Option<(String, Range<usize>)> {
    let tag = tags(html)
        .next()
        .filter(|t| t.name == "a" && t.span == (0..html.len()))?;
    href(html, &tag)
}

/// Whether inline HTML is a closing `</a>` tag.
pub(super) fn is_link_close(html: &str) -> bool {
    html.strip_prefix("</")
        .and_then(|rest| rest.strip_suffix('>'))
        .is_some_and(|name| name.trim_end().eq_ignore_ascii_case("a"))
}

fn href(html: &str, tag: &Tag) -> Option<(String, Range<usize>)> {
    let value = attribute(html, tag, "href")?;
    Some((decode_entities(html[value.clone()].trim()), value))
}

/// An opening tag: its lower-case name and its range, `<` to `>`.
struct Tag {
    name: String,
    span: Range<usize>,
}

/// The opening tags of `html` outside comments, in order. A quoted attribute value may
/// hold `>`.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let comments: Vec<Range<usize>> = comments(html).map(|(range, _)| range).collect();
    let bytes = html.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let start = from + html[from..].find('<')?;
            from = start + 1;
            if let Some(comment) = comments.iter().find(|c| c.contains(&start)) {
                from = comment.end;
                continue;
            }
            let name_len = bytes[start + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
                continue;
            }
            let mut quote = None;
            let end = bytes[start..].iter().position(|&b| {
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None if b == b'"' || b == b'\'' => quote = Some(b),
                    None => return b == b'>',
                }
                false
            })?;
            from = start + end + 1;
            return Some(Tag {
                name: html[start + 1..start + 1 + name_len].to_ascii_lowercase(),
                span: start..from,
            });
        }
    })
}

/// The range of the value of attribute `name` (any case) in `tag`, without quotes.
fn attribute(html: &str, tag: &Tag, name: &str) -> Option<Range<usize>> {
    let text = &html[tag.span.clone()];
    let lower = text.to_ascii_lowercase();
    let mut from = 1 + tag.name.len();
    while let Some(i) = lower[from..].find(name) {
        let start = from + i;
        from = start + name.len();
        if !lower.as_bytes()[start - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(rest) = lower[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let at = lower.len() - rest.len();
        let value = match rest.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let len = rest[1..].find(q as char)?;
                at + 1..at + 1 + len
            }
            Some(_) => {
                let len = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                at..at + len
            }
            None => continue,
        };
        return Some(tag.span.start + value.start..tag.span.start + value.end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        let found: Vec<_> = comments("a <!-- 中文").collect();
        assert_eq!(found, [(2..13, "中文")]);
        let found: Vec<_> = comments("<!-- x -->").collect();
        assert_eq!(found, [(0..10, "x")]);
    }

    #[test]
    fn finds_headings_anchors_and_comments() {
        let html = "<h2 align=\"center\">Hello <b>World</b> &amp; more</h2>\n<a name=\"top\"></a><div id='x'>";
        let hs = headings(html);
        assert_eq!(hs.len(), 1);
        assert_eq!(
            (hs[0].level, hs[0].text.as_str()),
            (2, "Hello World & more")
        );
        let names: Vec<_> = anchors(html).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["top", "x"]);
        let cs: Vec<_> = comments("a <!-- pocketlint-disable x --> b")
            .map(|(_, b)| b)
            .collect();
        assert_eq!(cs, ["pocketlint-disable x"]);
    }

    #[test]
    fn inline_link_tags() {
        assert_eq!(
            link_open("<a class=x href=\"#top\">"),
            Some(("#top".to_owned(), 17..21))
        );
        assert_eq!(link_open("<a name=\"top\">"), None);
        assert_eq!(link_open("<a href=\"#top\"></a>"), None);
        assert!(is_link_close("</a>") && is_link_close("</A >"));
        assert!(!is_link_close("</abbr>"));
    }

    #[test]
    fn an_unquoted_anchor_name_ends_before_the_tag_closes() {
        let names: Vec<_> = anchors("<a name=general/><a href=x/y/>")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["general"]);
        let found = links("<a href=https://example.com/>x</a>");
        assert_eq!(found[0].dest, "https://example.com/");
    }
}
