//! The little HTML that matters in Markdown READMEs: comments (inline suppressions),
//! `<h1>`–`<h6>` headings, and `name`/`id` anchors. Not a general HTML parser.

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
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for attribute in ["id", "name"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attribute) {
            let start = from + i;
            from = start + attribute.len();
            let preceded = start > 0 && lower.as_bytes()[start - 1].is_ascii_whitespace();
            if !preceded
                || !inside_tag(&lower, start)
                || (attribute == "name" && !in_anchor_tag(&lower, start))
            {
                continue;
            }
            let rest = lower[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start();
            let value_start = lower.len() - rest.len();
            let (value_start, value_end) = match rest.as_bytes().first() {
                Some(&q @ (b'"' | b'\'')) => match rest[1..].find(q as char) {
                    Some(j) => (value_start + 1, value_start + 1 + j),
                    None => continue,
                },
                Some(_) => {
                    let len = rest
                        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                        .unwrap_or(rest.len());
                    (value_start, value_start + len)
                }
                None => continue,
            };
            found.push((
                html[value_start..value_end].to_owned(),
                value_start..value_end,
            ));
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

fn inside_tag(lower: &str, offset: usize) -> bool {
    let before = &lower[..offset];
    before
        .rfind('<')
        .is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt))
}

fn in_anchor_tag(lower: &str, offset: usize) -> bool {
    let before = &lower[..offset];
    before.rfind('<').is_some_and(|lt| {
        lower[lt + 1..].starts_with("a ")
            || lower[lt + 1..].starts_with("a\t")
            || lower[lt + 1..].starts_with("a\n")
    })
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
}
