//! `awesome-list-item`: entries written `[Name](absolute URL) - Description.` as
//! awesome-lint wants them.
//!
//! Which lists: with a `## Contents` heading, the lists after the heading that follows
//! it (the TOC is not entries); otherwise every list. Which items: those whose own
//! paragraph opens with a link, an image, code or HTML (an item opening with plain or
//! emphasised text is prose, not an entry). The entry's link is the first link followed
//! by ` - `, else its first link; links to `#anchors` are TOC-style items and left alone.
//! Then, as awesome-lint does: the link must be an absolute URL with text, the
//! description must be separated by ` - ` (not a non-breaking space or an en or em
//! dash), start with a capital (a number, a symbol, a quote or a lowercase name aside)
//! and end with `.`, `!`, `?` or `…`.

mod inline;
mod wording;

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::entries::own_text;
use crate::document::{BlockKind, Document, LinkKind};
use crate::fix::{Edit, Fix};
use crate::text::list_marker_len;

use super::Context;
use inline::{Kind, Piece, pieces, shown};
use wording::{ends_properly, ends_with_emoji, lowercase_start, without_emoji};

declare_rule!("awesome-list-item", Structure, Error, fix: Sometimes(SafeOrUnsafe),
    profile: Awesome, check: Document(check),
    summary: "an entry not written `[Name](absolute URL) - Description.`");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let Some(from) = entries_start(doc) else {
        return;
    };
    for (index, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::ListItem { .. }) && block.span.start() >= from {
            check_item(doc, index, out);
        }
    }
}

/// Where the entries start: after the heading that follows `## Contents` when there is
/// one (`None` when nothing follows it), else at the top.
fn entries_start(doc: &Document) -> Option<usize> {
    let contents = doc
        .headings
        .iter()
        .position(|h| h.level == 2 && h.text(doc).trim() == "Contents");
    match contents {
        Some(c) => doc.headings.get(c + 1).map(|next| next.span.start()),
        None => Some(0),
    }
}

fn check_item(doc: &Document, item: usize, out: &mut Vec<Diagnostic>) {
    let (_, span) = own_text(doc, item);
    let Some(paragraph) = first_paragraph(doc, span) else {
        return;
    };
    let pieces = pieces(doc, paragraph);
    if pieces.first().is_none_or(|p| p.kind == Kind::Text) {
        return;
    }
    let followed_by_dash = |i: usize| {
        pieces
            .get(i + 1)
            .is_some_and(|p| p.kind == Kind::Text && doc.slice(&p.span).starts_with(" - "))
    };
    let is_link = |p: &Piece| matches!(p.kind, Kind::Link(_));
    let Some(at) = (0..pieces.len())
        .find(|&i| is_link(&pieces[i]) && followed_by_dash(i))
        .or_else(|| pieces.iter().position(is_link))
    else {
        return;
    };
    let Kind::Link(link) = pieces[at].kind else {
        return;
    };
    let link = &doc.links[link];
    if link.kind == LinkKind::Reference || link.dest(doc).starts_with('#') {
        return;
    }
    if !is_absolute_url(link.dest(doc)) {
        out.push(
            Diagnostic::new(link.span.range(), "entry link is not an absolute URL")
                .with_help("link the entry to its full address (`https://…`)"),
        );
        return;
    }
    if link.text(doc).trim().is_empty() {
        out.push(
            Diagnostic::new(link.span.range(), "entry link has no text")
                .with_help("write the entry's name inside the brackets"),
        );
        return;
    }
    check_description(doc, &pieces[at + 1..], out);
}

/// The item's first paragraph: its own text from after the list marker (and a task
/// box) to the first blank line, trailing whitespace trimmed.
fn first_paragraph(doc: &Document, span: Range<usize>) -> Option<Range<usize>> {
    let text = doc.slice(&span);
    let marker = list_marker_len(text);
    let rest = &text[marker..];
    let end = rest
        .find("\n\n")
        .or_else(|| rest.find("\n\r\n"))
        .unwrap_or(rest.len());
    let body = rest[..end].trim_end();
    (!body.is_empty()).then(|| span.start + marker..span.start + marker + body.len())
}

/// Whether a destination is an absolute URL with a host.
fn is_absolute_url(dest: &str) -> bool {
    url::Url::parse(dest.trim()).is_ok_and(|url| url.has_host())
}

fn check_description(doc: &Document, description: &[Piece], out: &mut Vec<Diagnostic>) {
    let (Some(first), Some(last)) = (description.first(), description.last()) else {
        return;
    };
    let text: String = description.iter().map(|p| shown(doc, p)).collect();
    let first_text = if first.kind == Kind::Text {
        doc.slice(&first.span)
    } else {
        ""
    };
    if !first_text.starts_with(" - ") {
        let shown = without_emoji(&text);
        if shown.trim().is_empty() || is_parenthetical(shown.trim()) {
            return;
        }
    }
    let whole = first.span.start..last.span.end;
    let separated =
        first_text.starts_with(" - ") || (ends_with_emoji(first_text) && description.len() == 1);
    if !separated {
        out.extend(separator_finding(doc, first, &text, whole));
        return;
    }
    let ends_in_text = last.kind == Kind::Text;
    let last_text = if ends_in_text {
        shown(doc, last)
    } else {
        "".into()
    };
    if last.kind == Kind::Code || (ends_in_text && !ends_properly(&text, &last_text)) {
        let end = last.span.end;
        let fix = text
            .trim_end()
            .chars()
            .last()
            .filter(|c| c.is_alphanumeric())
            .map(|_| Fix::unsafe_edits(vec![Edit::insert(end, ".")]));
        out.push(
            Diagnostic::new(
                whole,
                "entry description does not end with `.`, `!`, `?` or `…`",
            )
            .with_help("end the description as a sentence, with one final punctuation mark")
            .with_fix(fix),
        );
        return;
    }
    if first.kind == Kind::Text
        && let Some(word) = lowercase_start(&shown(doc, first)[3..])
    {
        out.push(
            Diagnostic::new(
                first.span.start + 3..first.span.start + 3 + word.len(),
                format!("entry description starts in lowercase (\"{word}\")"),
            )
            .with_help("start the description with a capital letter"),
        );
    }
}

/// Whether a text is one parenthetical remark, `(deprecated)`.
fn is_parenthetical(text: &str) -> bool {
    text.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|inner| !inner.is_empty() && !inner.contains(')'))
}

/// What is wrong with the separator between an entry's link and its description, if
/// anything: a description further on written ` - Capitalised` is taken as separated
/// (an image or a second link may stand before it).
fn separator_finding(
    doc: &Document,
    first: &Piece,
    text: &str,
    whole: Range<usize>,
) -> Option<Diagnostic> {
    let source = doc.slice(&first.span);
    let mut chars = source.char_indices();
    let spaced = |c: Option<(usize, char)>| c.is_some_and(|(_, c)| c.is_whitespace());
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    if spaced(a) && b.is_some_and(|(_, c)| c == '-') && spaced(c) {
        let edits: Vec<Edit> = [a, c]
            .into_iter()
            .flatten()
            .filter(|&(_, ch)| ch != ' ')
            .map(|(i, ch)| {
                let at = first.span.start + i;
                Edit::replace(at..at + ch.len_utf8(), " ")
            })
            .collect();
        return Some(
            Diagnostic::new(
                whole,
                "entry link and description are separated by unusual whitespace",
            )
            .with_help("separate them with plain spaces: ` - `")
            .with_fix(Fix::safe(edits)),
        );
    }
    let trimmed = source.trim_start();
    if let Some(dash) = trimmed.chars().next().filter(|c| matches!(c, '–' | '—')) {
        let at = first.span.start + source.len() - trimmed.len();
        return Some(
            Diagnostic::new(
                whole,
                "entry link and description are separated by an en or em dash",
            )
            .with_help("separate them with a hyphen: ` - `")
            .with_fix(Fix::unsafe_edits(vec![Edit::replace(
                at..at + dash.len_utf8(),
                "-",
            )])),
        );
    }
    let later_dash = text
        .match_indices(" - ")
        .any(|(i, _)| text[i + 3..].starts_with(|c: char| c.is_ascii_uppercase()));
    (!later_dash).then(|| {
        Diagnostic::new(
            whole,
            "entry link and description are not separated by ` - `",
        )
        .with_help("write `[Name](URL) - Description.`")
    })
}
