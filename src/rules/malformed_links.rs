//! Text meant as a link that GitHub renders as text: `[text] (url)`, `(url)[text]`,
//! `[text]（url）`, `[text]](url)`, `[text])(url)`, an unclosed `[text](url`,
//! `<https://… >`. Found once in the plain
//! text runs of the document model, shared by link-syntax and url-whitespace, and used
//! by the bare-URL rules to leave the URLs inside them to those rules.

use std::ops::Range;

use crate::document::Document;
use crate::fix::Edit;

/// What is wrong with text that was meant as a link but is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformation {
    /// `[text] (url)`
    SpaceBeforeParen,
    /// `[text](url` and nothing closes it on the line.
    Unclosed,
    /// `[text](url more)`: a space ends the destination.
    SpaceInDestination,
    /// `[text](https://a.org/long` + line break + `path)`.
    LineBreakInDestination,
    /// `(url)[text]`
    Reversed,
    /// `[text]（url）`
    FullwidthParens,
    /// `[text]](url)`, `[text])(url)`: one closing bracket too many.
    StrayCloser,
    /// `<https://… >`: spaces make it text with a bare URL in it.
    SpacedAutolink,
}

/// Text meant as a link that GitHub renders as text, and the edits that make it the
/// link the author meant (`None` when that is not certain).
#[derive(Debug, Clone)]
pub struct MalformedLink {
    pub kind: Malformation,
    pub span: Range<usize>,
    pub edits: Option<Vec<Edit>>,
}

/// Whether `offset` lies in one of `links` (sorted and disjoint, as [`find`] returns
/// them).
pub fn in_malformed_link(links: &[MalformedLink], offset: usize) -> bool {
    let i = links.partition_point(|b| b.span.start <= offset);
    i > 0 && links[i - 1].span.contains(&offset)
}

/// Whether a destination candidate is certainly meant as a URL or a link target.
fn looks_like_destination(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && (text.contains("://")
            || text.starts_with("www.")
            || text.starts_with('#')
            || text.starts_with("./")
            || text.starts_with("../"))
}

/// Malformed links in the plain text of the document (never in code or real links),
/// sorted and disjoint (read once per check through [`super::Context::malformed_links`]).
pub fn find(doc: &Document) -> Vec<MalformedLink> {
    let mut found = Vec::new();
    for run in &doc.text_runs {
        let text = doc.slice(run);
        let mut open: Vec<usize> = Vec::new();
        // Every delimiter is ASCII: bytes suffice, and their offsets are char boundaries.
        // A SIMD search jumps between them (matching every byte of every run was 1.7 M of
        // the seed's instructions); the `)` of `(url)[text]` is found from its `[`.
        for i in memchr::memchr3_iter(b'[', b']', b'<', text.as_bytes()) {
            match text.as_bytes()[i] {
                b'[' => {
                    if text[..i].ends_with(')')
                        && let Some(link) = reversed(run.start(), text, i - 1)
                    {
                        found.push(link);
                    }
                    open.push(i);
                }
                b']' => {
                    if let Some(start) = open.pop() {
                        let start = if text[..start].ends_with('!') {
                            start - 1
                        } else {
                            start
                        };
                        if let Some(link) = after_brackets(doc, &run.range(), start, i + 1) {
                            found.push(link);
                        }
                    }
                }
                b'<' => {
                    if let Some(link) = spaced_autolink(run.start(), text, i) {
                        found.push(link);
                    }
                }
                _ => {}
            }
        }
    }
    found.sort_by_key(|b| b.span.start);
    found.dedup_by(|b, a| b.span.start < a.span.end);
    found
}

/// `[text]` ends at `close` (relative to the run): is what follows a malformed destination?
fn after_brackets(
    doc: &Document,
    run: &Range<usize>,
    start: usize,
    close: usize,
) -> Option<MalformedLink> {
    let text = doc.slice(run);
    let rest = &text[close..];
    let at = |i: usize| run.start + i;
    if let Some(inner) = rest.strip_prefix('（') {
        let end = inner.find(['）', ')'])?;
        if !looks_like_destination(&inner[..end]) {
            return None;
        }
        let paren = close + '（'.len_utf8();
        let close_paren = paren + end;
        let mut edits = vec![Edit::replace(at(close)..at(paren), "(")];
        let close_len = inner[end..].chars().next()?.len_utf8();
        if close_len > 1 {
            edits.push(Edit::replace(
                at(close_paren)..at(close_paren + close_len),
                ")",
            ));
        }
        return Some(MalformedLink {
            kind: Malformation::FullwidthParens,
            span: at(start)..at(close_paren + close_len),
            edits: Some(edits),
        });
    }
    if let Some(stray) = stray_closer(run.start, text, start, close) {
        return Some(stray);
    }
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let inner = rest[spaces..].strip_prefix('(')?;
    let token_len = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let token = &inner[..token_len];
    let paren = close + spaces;
    if spaces > 0 {
        let dest = token.strip_suffix(')')?;
        return looks_like_destination(dest).then(|| MalformedLink {
            kind: Malformation::SpaceBeforeParen,
            span: at(start)..at(paren + 1 + token_len),
            edits: Some(vec![Edit::delete(at(close)..at(paren))]),
        });
    }
    // Only a destination whose own parentheses balance is closed by one more `)`: one
    // with a `)` to spare is closed already (text that still is no link, `\[a](#a)`),
    // and one with a `(` to spare is not mended by one `)`.
    let balanced = token.matches('(').count() == token.matches(')').count();
    if !balanced || !looks_like_destination(token.trim_end_matches(')')) {
        return None;
    }
    let token_end = paren + 1 + token_len;
    let after = &inner[token_len..];
    if let Some(close_paren) = after.find(')') {
        return Some(MalformedLink {
            kind: Malformation::SpaceInDestination,
            span: at(start)..at(token_end + close_paren + 1),
            edits: None,
        });
    }
    // The destination goes on after a line break: `[a](https://x/long` / `path)`.
    if after.is_empty() {
        let next = &doc.source[run.end..];
        let line_break = next.len() - next.trim_start_matches(['\r', '\n']).len();
        let indent =
            next[line_break..].len() - next[line_break..].trim_start_matches([' ', '\t']).len();
        let tail_start = line_break + indent;
        let tail_len = next[tail_start..]
            .find(char::is_whitespace)
            .unwrap_or(next.len() - tail_start);
        let tail = &next[tail_start..tail_start + tail_len];
        if (1..=2).contains(&line_break)
            && tail.len() > 1
            && tail.ends_with(')')
            && !tail.contains(['(', '[', ']'])
        {
            return Some(MalformedLink {
                kind: Malformation::LineBreakInDestination,
                span: at(start)..run.end + tail_start + tail_len,
                edits: Some(vec![Edit::delete(run.end..run.end + tail_start)]),
            });
        }
    }
    // A destination has no spaces: it ends where the token ends.
    Some(MalformedLink {
        kind: Malformation::Unclosed,
        span: at(start)..at(token_end),
        edits: Some(vec![Edit::insert(at(token_end), ")")]),
    })
}

/// `[text]](url)` or `[text])(url)`, `[text]` ending at `close` (relative to the run):
/// deleting the stray `]` or `)` makes the link.
fn stray_closer(base: usize, text: &str, start: usize, close: usize) -> Option<MalformedLink> {
    let rest = &text[close..];
    let inner = rest
        .strip_prefix("](")
        .or_else(|| rest.strip_prefix(")("))?;
    let dest = &inner[..inner.find(')')?];
    looks_like_destination(dest).then(|| MalformedLink {
        kind: Malformation::StrayCloser,
        span: base + start..base + close + 2 + dest.len() + 1,
        edits: Some(vec![Edit::delete(base + close..base + close + 1)]),
    })
}

/// `< https://… >` with its `<` at `open` (relative to the run).
fn spaced_autolink(base: usize, text: &str, open: usize) -> Option<MalformedLink> {
    let rest = &text[open + 1..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let token_len = rest[lead..].find(|c: char| c.is_whitespace() || c == '>')?;
    let token_end = lead + token_len;
    let trail = rest[token_end..].len() - rest[token_end..].trim_start_matches([' ', '\t']).len();
    let close = token_end + trail;
    if lead + trail == 0
        || !rest[close..].starts_with('>')
        || !rest[lead..token_end].contains("://")
    {
        return None;
    }
    let at = |i: usize| base + open + 1 + i;
    Some(MalformedLink {
        kind: Malformation::SpacedAutolink,
        span: base + open..at(close + 1),
        edits: Some(
            [at(0)..at(lead), at(token_end)..at(close)]
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(Edit::delete)
                .collect(),
        ),
    })
}

/// `(url)[text]` with its `)` at `close_paren` (relative to the run).
fn reversed(base: usize, text: &str, close_paren: usize) -> Option<MalformedLink> {
    let open = text[..close_paren].rfind('(')?;
    let dest = &text[open + 1..close_paren];
    let label_start = close_paren + 1;
    let label_end = label_start + text[label_start..].find(']')? + 1;
    let label = &text[label_start..label_end];
    if !looks_like_destination(dest) || label.len() < 3 || label[1..].contains('[') {
        return None;
    }
    Some(MalformedLink {
        kind: Malformation::Reversed,
        span: base + open..base + label_end,
        edits: Some(vec![Edit::replace(
            base + open..base + label_end,
            format!("{label}({dest})"),
        )]),
    })
}
