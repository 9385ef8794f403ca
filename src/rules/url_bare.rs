//! `url-bare`: a bare URL in running prose.
//!
//! A list item or table cell that is only a URL is a common, legitimate list style and
//! is left alone by default, and so is a line that is a short label and a URL
//! (`Paper: https://…`), in a list item or a paragraph.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};

use super::Context;
use super::malformed_links;
use super::urls;

declare_rule!("url-bare", Links, Info, fix: Sometimes(Safe), options: UrlBareOptions,
    check: Document(check), summary: "a bare URL in running prose");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct UrlBareOptions {
    /// Also report a URL alone on its line, and a list item or table cell that is only a
    /// URL, or a short label and a URL.
    pub url_only_items: bool,
}

/// HTML elements that have no closing tag.
const VOID_ELEMENTS: [&str; 8] = ["br", "hr", "img", "input", "meta", "link", "wbr", "source"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<UrlBareOptions>();
    let broken = ctx.malformed_links();
    for range in &doc.bare_urls {
        let url = doc.slice(range);
        // Reported, with the same fix, by url-cjk-boundary and link-syntax.
        if urls::intended_len(url).is_some()
            || malformed_links::in_malformed_link(broken, range.start())
        {
            continue;
        }
        let block = doc.block_at(range.start());
        let alone = alone_on_line(doc, &range.range())
            || ends_labelled_line(doc, &range.range())
            || block.is_some_and(|b| is_url_only_item(doc, b, url));
        if alone && !options.url_only_items {
            continue;
        }
        if block
            .is_some_and(|b| inside_html_element(doc, &doc.blocks[b].span.range(), range.start()))
        {
            continue;
        }
        let diagnostic = Diagnostic::new(range.range(), format!("bare URL \"{url}\""));
        // `<www.x.org>` is not an autolink: only a URL with a scheme can be wrapped.
        out.push(if urls::can_autolink(url) {
            diagnostic
                .with_help("wrap it in <…>")
                .with_fix(Fix::safe(vec![
                    Edit::insert(range.start(), "<"),
                    Edit::insert(range.end(), ">"),
                ]))
        } else if url.contains("://") {
            diagnostic.with_help("remove the control character, then wrap it in <…>")
        } else {
            diagnostic.with_help(format!("write it as <http://{url}> or a link"))
        });
    }
}

/// Whether the URL is all its line holds, after list, quote and table markers. A URL
/// alone on a line is no prose; GitHub also embeds an uploaded video written so.
fn alone_on_line(doc: &Document, range: &Range<usize>) -> bool {
    let line = doc
        .lines
        .line_range(doc.source, doc.lines.line_of(range.start));
    let before = &doc.source[line.start..range.start];
    let after = &doc.source[range.end..line.end];
    let marker = |c: char| {
        c.is_whitespace()
            || matches!(c, '>' | '-' | '*' | '+' | '|' | '.' | ')')
            || c.is_ascii_digit()
    };
    before.chars().all(marker)
        && after
            .trim_end_matches(['|', ' ', '\t', '\r', '\n'])
            .is_empty()
}

/// Whether the URL ends a line that holds only a short label before it (`Paper:
/// https://…`, `**Github**: https://…`, `地址：https://…`), in a paragraph as in a list
/// item: the line ends where the URL ends, so nothing is ambiguous.
fn ends_labelled_line(doc: &Document, range: &Range<usize>) -> bool {
    let line = doc
        .lines
        .line_range(doc.source, doc.lines.line_of(range.start));
    let after = doc.source[range.end..line.end].trim_end();
    let label = doc.source[line.start..range.start]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '-' | '+'))
        .trim_end()
        .trim_end_matches(['*', '_']);
    (after.is_empty() || after == "<br>" || after == "<br/>")
        && label.ends_with([':', '：'])
        && label.chars().count() <= MAX_LABEL_CHARS
        && !label.contains("://")
}

/// A list item (tight, or its paragraph) or table cell whose whole text is the URL,
/// maybe after a short label (`地址：https://…`, `Paper: https://…`): the item ends
/// where the URL ends, so nothing is ambiguous.
fn is_url_only_item(doc: &Document, index: usize, url: &str) -> bool {
    let block = &doc.blocks[index];
    let item_like = match block.kind {
        BlockKind::ListItem { .. } | BlockKind::TableCell => true,
        BlockKind::Paragraph => block
            .parent()
            .is_some_and(|p| matches!(doc.blocks[p].kind, BlockKind::ListItem { .. })),
        _ => false,
    };
    let Some(label) = block.text(doc).trim().strip_suffix(url) else {
        return false;
    };
    let label = label.trim_end();
    item_like
        && (label.is_empty()
            || (label.ends_with([':', '：']) && label.chars().count() <= MAX_LABEL_CHARS))
}

/// How long the label before a URL in a list item may be: `Project page:`, `论文地址：`.
const MAX_LABEL_CHARS: usize = 30;

/// Whether `offset` sits between an inline HTML open tag and its closing tag in
/// `block` (`<code>https://…</code>`): the author chose HTML there, not Markdown.
fn inside_html_element(doc: &Document, block: &Range<usize>, offset: usize) -> bool {
    let first = doc.html.partition_point(|r| r.start() < block.start);
    let mut open: Vec<&str> = Vec::new();
    for tag in doc.html[first..].iter().take_while(|r| r.end() <= offset) {
        let text = doc.slice(tag);
        let Some(inner) = text.strip_prefix('<') else {
            continue;
        };
        let closing = inner.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = inner[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inner.len() - name_start);
        let name = &inner[name_start..name_start + name_len];
        if name.is_empty()
            || text.ends_with("/>")
            || VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            if let Some(at) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(at);
            }
        } else {
            open.push(name);
        }
    }
    !open.is_empty()
}
