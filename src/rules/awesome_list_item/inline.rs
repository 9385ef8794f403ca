//! An entry's own paragraph as a row of inline pieces (text, links, images, code, HTML),
//! cut from the spans the document model already holds: awesome-lint's checks read the
//! kinds and texts of these pieces, and the document is not parsed a second time.

use std::ops::Range;

use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Index into [`Document::links`].
    Link(usize),
    /// Index into [`Document::links`].
    Image(usize),
    Code,
    Html,
}

#[derive(Debug, Clone)]
pub struct Piece {
    pub kind: Kind,
    pub span: Range<usize>,
}

/// The pieces of `span`, in order, covering it without gaps. Links and images nested in
/// a link (a badge inside an entry's link) belong to the outer link.
pub fn pieces(doc: &Document, span: Range<usize>) -> Vec<Piece> {
    let links = doc.links_within(&span);
    let first_link = doc.links.partition_point(|l| l.span.start() < span.start);
    let mut marked: Vec<Piece> = links
        .iter()
        .enumerate()
        .map(|(i, link)| Piece {
            kind: if link.image {
                Kind::Image(first_link + i)
            } else {
                Kind::Link(first_link + i)
            },
            span: link.span.range(),
        })
        .chain(doc.code_within(&span).iter().map(|r| Piece {
            kind: Kind::Code,
            span: r.range(),
        }))
        .chain(doc.html_within(&span).iter().map(|r| Piece {
            kind: Kind::Html,
            span: r.range(),
        }))
        .collect();
    marked.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    let mut out = Vec::new();
    let mut at = span.start;
    for piece in marked {
        if piece.span.start < at {
            continue; // inside the previous piece
        }
        if piece.span.start > at {
            out.push(Piece {
                kind: Kind::Text,
                span: at..piece.span.start,
            });
        }
        at = piece.span.end;
        out.push(piece);
    }
    if at < span.end {
        out.push(Piece {
            kind: Kind::Text,
            span: at..span.end,
        });
    }
    out
}

/// The text a reader sees of a piece: link text, image alt text, code without its
/// backticks, text without emphasis markers and backslash escapes, HTML as written.
pub fn shown<'d>(doc: &'d Document, piece: &Piece) -> std::borrow::Cow<'d, str> {
    let source = doc.slice(&piece.span);
    match piece.kind {
        Kind::Link(i) | Kind::Image(i) => doc.links[i].text(doc).into(),
        Kind::Code => {
            let inner = source.trim_matches('`');
            let padded = inner.len() > 2 && inner.starts_with(' ') && inner.ends_with(' ');
            if padded {
                &inner[1..inner.len() - 1]
            } else {
                inner
            }
            .into()
        }
        Kind::Html => source.into(),
        Kind::Text if source.contains(['*', '\\']) => {
            let mut text = String::with_capacity(source.len());
            let mut chars = source.chars();
            while let Some(c) = chars.next() {
                match c {
                    '*' => {}
                    '\\' => text.extend(chars.next()),
                    c => text.push(c),
                }
            }
            text.into()
        }
        Kind::Text => source.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(Kind, String)> {
        let doc = Document::parse(source);
        let span = 2..source.trim_end().len();
        pieces(&doc, span)
            .iter()
            .map(|p| (p.kind, shown(&doc, p).into_owned()))
            .collect()
    }

    #[test]
    fn an_entry_is_cut_into_links_code_and_text() {
        let found = kinds("- [foo ![b](b.svg)](https://foo.com) - A *fast* `x y` tool.\n");
        assert_eq!(
            found,
            [
                (Kind::Link(0), "foo b".to_owned()),
                (Kind::Text, " - A fast ".to_owned()),
                (Kind::Code, "x y".to_owned()),
                (Kind::Text, " tool.".to_owned()),
            ]
        );
    }
}
