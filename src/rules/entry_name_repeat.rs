//! `entry-name-repeat`: a list entry whose description starts with the entry's name
//! (`[Redis](…) - Redis is an in-memory store`).
//!
//! The description is the entry's own text after its link, read as the reader sees it
//! ([`Document::prose`]): code (`` `v2.0` ``) and badges are not in it, and a short
//! emphasised tag before the separator (`**NEW** - …`) is skipped. The name matches
//! whatever its case, up to a word boundary: `[Node](…) - NodeJS …` and
//! `[Node](…) - Node.js …` name something else. A CJK name followed by more CJK text
//! has no boundary to go by and is not judged. The name must be the description's
//! subject or label ([`is_subject`]), not a word used for its meaning.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::entries::own_text;
use crate::document::{BlockKind, Document, Link, LinkKind};
use crate::text::is_cjk;

use super::Context;

declare_rule!("entry-name-repeat", Text, Info, fix: Never, profile: Awesome,
    check: Document(check),
    summary: "an entry's description starts by repeating its name");

/// The marks between an entry's link and its description.
const SEPARATORS: &[char] = &['-', '–', '—', ':', '：', '|', ',', '，'];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for entry in ctx.entries().iter() {
        if !matches!(doc.blocks[entry.block()].kind, BlockKind::ListItem { .. }) {
            continue;
        }
        let own_end = own_text(doc, entry.block()).1.end;
        let Some(link) = name_link(doc, entry.link_index(), own_end) else {
            continue;
        };
        let name = link.text(doc).trim();
        if name.chars().count() < 2 || link.span.end() >= own_end {
            continue;
        }
        let Some(description) = description_start(doc, link.span.end()..own_end) else {
            continue;
        };
        if let Some(repeat) = repeated_name(doc, description..own_end, name) {
            out.push(
                Diagnostic::new(
                    repeat,
                    format!("description starts by repeating the entry's name \"{name}\""),
                )
                .with_label(link.span.range(), "the name")
                .with_help("start with what it is: the name is already there"),
            );
        }
    }
}

/// The link that names the entry: its first link, or when that link only wraps a badge
/// (`[![CI](badge.svg)](ci) [Tool](…) - …`), the next one before `end`.
fn name_link<'d>(doc: &'d Document, first: usize, end: usize) -> Option<&'d Link> {
    doc.links[first..]
        .iter()
        .take_while(|l| l.span.start() < end)
        .filter(|l| !l.image && matches!(l.kind, LinkKind::Inline | LinkKind::Reference))
        .find(|l| !doc.source[l.span.start()..].starts_with("[!["))
}

/// Where the description starts in `span` (the text after an entry's link): past the
/// separator, and past an emphasised tag written before it (`**NEW** - …`); `None` when
/// nothing separates it from the link.
fn description_start(doc: &Document, span: Range<usize>) -> Option<usize> {
    let runs = doc.prose_within(&span);
    let first = runs.iter().position(|r| !doc.slice(r).trim().is_empty())?;
    let text = doc.slice(runs[first]).trim_start();
    let mut at = runs[first].end() - text.len();
    // `[fastnum](…) [fastnum](…) - …`: a second link, not a description.
    if doc.links_within(&span).iter().any(|l| l.span.contains(at)) {
        return None;
    }
    if doc.source[..at].ends_with(['*', '_']) && !text.starts_with(SEPARATORS) {
        at = runs.get(first + 1)?.start();
    }
    let rest = &doc.source[at..span.end];
    let description =
        rest.trim_start_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
    let start = span.end - description.len();
    (start > span.start).then_some(start)
}

/// The span of `name` at the start of `text`, when the text there is the name (any
/// case) up to a word boundary.
fn repeated_name(doc: &Document, text: Range<usize>, name: &str) -> Option<Range<usize>> {
    let (start, rest) = (text.start, doc.slice(&text));
    let mut chars = rest.char_indices();
    for expected in name.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    let end = chars.next().map_or(rest.len(), |(i, _)| i);
    let after = rest[end..].chars().next();
    let then = rest[end..].chars().nth(1);
    let last = name.chars().next_back()?;
    let continues = match after {
        None => false,
        Some(c) if is_cjk(c) => is_cjk(last),
        Some(c) if c.is_alphanumeric() || "+#".contains(c) => true,
        Some(c) if ".-_/@'’".contains(c) => then.is_some_and(char::is_alphanumeric),
        Some(_) => false,
    };
    (!continues && is_subject(&rest[end..])).then_some(start..start + end)
}

/// Verbs that make the name before them the subject of the description.
const VERBS: &[&str] = &[
    "adds",
    "aims",
    "allows",
    "are",
    "brings",
    "can",
    "converts",
    "creates",
    "does",
    "enables",
    "gives",
    "has",
    "helps",
    "implements",
    "includes",
    "is",
    "lets",
    "makes",
    "offers",
    "provides",
    "runs",
    "supports",
    "uses",
    "was",
    "will",
];

/// Whether the name is used as the subject or a label of the description, given the
/// text after it: a separator (`Redis: …`, `Dolt – …`), a verb (`Redigo is …`),
/// an apposition (`Wallabag, formerly Poche, is …`, `Zenko, an …`) or CJK text (`Pillow
/// 是…`); a parenthesis is looked past (`Yarr (yet another rss reader) is …`).
/// `[copy](…) - Copy directory recursively` uses the word for what it means,
/// `[huffman](…) - Huffman encoding …` and `GeoJSON 的…` name the subject matter, and
/// `[tiny](…) - Tiny, fast …` starts a list of adjectives.
fn is_subject(after: &str) -> bool {
    let after = after.trim_start();
    // `[Fine](…) - Fine.`: a description that is only the name repeats nothing after it.
    if !after.chars().any(char::is_alphanumeric) {
        return false;
    }
    let Some(first) = after.chars().next() else {
        return false;
    };
    match first {
        '(' | '（' => after
            .find([')', '）'])
            .is_some_and(|close| is_subject(&after[close + 1..])),
        ',' => {
            let clause = after[1..].split(['.', ';']).next().unwrap_or_default();
            let words: Vec<&str> = clause.split_whitespace().collect();
            matches!(words.first(), Some(&("a" | "an" | "the")))
                || words.iter().any(|w| VERBS.contains(w))
        }
        '的' => false,
        c if is_cjk(c) || !c.is_alphanumeric() => true,
        _ => {
            let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            VERBS.contains(&word.to_lowercase().as_str())
        }
    }
}
