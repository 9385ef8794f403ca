//! `invisible-char`: characters that render as nothing but change what GitHub does.

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};

use super::Context;

declare_rule!("invisible-char", Format, Warning, fix: Always(Safe), check: Document(check),
    summary: "an invisible character that changes anchors, search or rendering");

const ZWSP: char = '\u{200B}';
const ZWJ: char = '\u{200D}';
const WORD_JOINER: char = '\u{2060}';
const BOM: char = '\u{FEFF}';
const VS16: char = '\u{FE0F}';
const NBSP: char = '\u{A0}';

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let source = doc.source;
    for offset in candidates(source) {
        let Some(c) = source[offset..].chars().next() else {
            continue;
        };
        let Some(problem) = problem(source, offset, c) else {
            continue;
        };
        if doc.in_code(offset) {
            continue;
        }
        let span = offset..offset + c.len_utf8();
        out.push(
            Diagnostic::new(span.clone(), format!("invisible {problem}"))
                .with_help("remove it")
                .with_fix(Fix::safe(vec![Edit::delete(span)])),
        );
    }
    check_headings(doc, out);
    check_table_cells(doc, out);
}

/// Where the characters above may start: each is U+2xxx or U+FExx, encoded from a lead
/// byte of 0xE2 or 0xEF. A SIMD search for those bytes skips the decoding of every other
/// char; the second byte then rules out the fullwidth punctuation (`，` is `EF BC 8C`)
/// and the quotes (`“` is `E2 80 9C`, kept: U+2000 to U+207F share `E2 80` or `E2 81`)
/// that make up most hits in Chinese text, without decoding them either.
fn candidates(source: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = source.as_bytes();
    memchr::memchr2_iter(0xE2, 0xEF, bytes).filter(move |&i| {
        matches!(
            bytes.get(i..i + 2),
            Some([0xE2, 0x80 | 0x81] | [0xEF, 0xB8 | 0xBB])
        )
    })
}

fn problem(source: &str, offset: usize, c: char) -> Option<&'static str> {
    let before = || source[..offset].chars().next_back();
    match c {
        ZWSP => Some("zero-width space"),
        WORD_JOINER => Some("word joiner"),
        BOM if offset > 0 => Some("byte order mark in the middle of the file"),
        ZWJ if !joins_emoji(before(), source[offset + c.len_utf8()..].chars().next()) => {
            Some("zero-width joiner outside an emoji sequence")
        }
        VS16 if !before().is_some_and(takes_variation_selector) => Some(
            "variation selector U+FE0F that follows no emoji (the leftover of a deleted emoji)",
        ),
        _ => None,
    }
}

/// No-break spaces and trailing whitespace that a heading's anchor silently drops.
fn check_headings(doc: &Document, out: &mut Vec<Diagnostic>) {
    for heading in &doc.headings {
        let content = doc.slice(heading.content);
        // A byte search, not a decoding of every character of every heading.
        for (i, _) in content.match_indices(NBSP) {
            let at = heading.content.start() + i;
            out.push(
                Diagnostic::new(at..at + 2, "no-break space in a heading")
                    .with_help("replace it with a plain space: GitHub drops it from the anchor instead of writing `-`")
                    .with_fix(Fix::safe(vec![Edit::replace(at..at + 2, " ")])),
            );
        }
        report_trailing_whitespace(heading.content.start(), content, "heading", out);
    }
}

/// Unicode whitespace at the end of a table cell (ASCII spaces are trimmed by the parser).
fn check_table_cells(doc: &Document, out: &mut Vec<Diagnostic>) {
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::TableCell) {
        report_trailing_whitespace(block.span.start(), doc.slice(block.span), "table cell", out);
    }
}

fn report_trailing_whitespace(start: usize, text: &str, what: &str, out: &mut Vec<Diagnostic>) {
    // The parser already trims ASCII spaces and tabs; other whitespace stays in the text.
    let text = text.trim_end_matches([' ', '\t']);
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() && !c.is_ascii());
    if trimmed.len() == text.len() || trimmed.is_empty() {
        return;
    }
    // Trailing no-break spaces in headings are reported (and fixed) as such already.
    if what == "heading" && text[trimmed.len()..].chars().all(|c| c == NBSP) {
        return;
    }
    let span = start + trimmed.len()..start + text.len();
    out.push(
        Diagnostic::new(span.clone(), format!("trailing whitespace inside a {what}"))
            .with_help("remove it")
            .with_fix(Fix::safe(vec![Edit::delete(span)])),
    );
}

/// A ZWJ is legitimate between two emoji (👩‍💻) and inside scripts that use it.
fn joins_emoji(before: Option<char>, after: Option<char>) -> bool {
    let visible = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    visible(before) && visible(after)
}

/// Characters that have an emoji presentation selected by U+FE0F.
fn takes_variation_selector(c: char) -> bool {
    matches!(c,
        '#' | '*' | '0'..='9' | '\u{A9}' | '\u{AE}'
        | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}' | '\u{231A}'..='\u{23FF}' | '\u{24C2}'
        | '\u{25AA}'..='\u{27BF}' | '\u{2934}' | '\u{2935}' | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}'
        | ZWJ)
}
