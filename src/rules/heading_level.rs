//! `heading-level`: headings that skip a level, and a stray heading that breaks a run
//! of same-level entries. A skip most same-level parents make is the document's
//! convention ([`skip_conventions`]) and is not reported.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document, Heading, HeadingSyntax};
use crate::fix::{Edit, Fix};

use super::Context;
use super::convention::{Majority, Tally, USUAL};

declare_rule!("heading-level", Structure, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "a heading skips a level, or breaks a run of same-level entries");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let headings = &doc.headings;
    let outline = Outline::new(doc);
    let conventions = skip_conventions(headings);
    for (i, heading) in headings.iter().enumerate() {
        if let Some(parent) = heading.parent().map(|p| &headings[p])
            && heading.level > parent.level + 1
            && !conventions.contains(&(parent.level, heading.level))
        {
            let expected = parent.level + 1;
            out.push(
                Diagnostic::new(
                    heading.finding_span(),
                    format!(
                        "heading level {} skips a level under a level-{} heading",
                        heading.level, parent.level
                    ),
                )
                .with_label(parent.span.range(), "parent heading")
                .with_help(format!("make it a level-{expected} heading"))
                .with_fix(relevel(doc, heading, expected)),
            );
            continue;
        }
        if let Some(entry_level) = outline.breaks_entry_run(doc, i) {
            let previous = &headings[i - 1];
            out.push(
                Diagnostic::new(heading.finding_span(),
                    format!(
                        "level-{} heading \"{}\" interrupts a run of level-{entry_level} entries",
                        heading.level,
                        heading.text(doc).trim()
                    ),
                )
                .with_label(previous.span.range(), "the entry before it")
                .with_help(format!(
                    "make it a level-{entry_level} heading like its neighbours; as it is, the entries after it become its children"
                ))
                .with_fix(relevel(doc, heading, entry_level)),
            );
        }
    }
}

/// Most parents of one level with sub-headings must skip to the same level, and at
/// least this many of them, before the skip is the document's convention.
const SKIP_CONVENTION: Majority = Majority {
    min_count: 2,
    percent: USUAL.percent,
};

/// The skips that are the document's convention: `(parent level, child level)` pairs
/// such that most headings of the parent level that have sub-headings hold them at that
/// child level and no shallower.
fn skip_conventions(headings: &[Heading]) -> Vec<(u8, u8)> {
    // The shallowest level among each heading's direct sub-headings.
    let mut first_child: Vec<Option<u8>> = vec![None; headings.len()];
    for heading in headings {
        if let Some(parent) = heading.parent() {
            let level = first_child[parent].get_or_insert(heading.level);
            *level = (*level).min(heading.level);
        }
    }
    let mut by_parent_level: FxHashMap<u8, Tally<u8>> = FxHashMap::default();
    for (parent, child) in headings.iter().zip(&first_child) {
        if let Some(child) = child {
            by_parent_level.entry(parent.level).or_default().add(*child);
        }
    }
    by_parent_level
        .into_iter()
        .filter_map(|(parent, tally)| Some((parent, tally.dominant(SKIP_CONVENTION)?)))
        .filter(|&(parent, child)| child > parent + 1)
        .collect()
}

/// For each heading, the kind of the first block of its own content (before any
/// sub-heading), if it has any. Entries have content; part headings mostly do not.
/// Blocks and headings are both in document order: each block's heading is found by
/// stepping on from the last one's, not by a search.
fn first_body_blocks<'d>(doc: &'d Document) -> Vec<Option<&'d BlockKind>> {
    let mut first = vec![None; doc.headings.len()];
    // The first heading starting after the last block read.
    let mut next = 0;
    for block in &doc.blocks {
        if block.parent().is_some() || matches!(block.kind, BlockKind::Heading(_) | BlockKind::Html)
        {
            continue;
        }
        while doc
            .headings
            .get(next)
            .is_some_and(|h| h.span.start() <= block.span.start())
        {
            next += 1;
        }
        if let Some(owner) = next.checked_sub(1) {
            first[owner].get_or_insert(&block.kind);
        }
    }
    first
}

/// Counts over the whole outline, gathered once so each heading is judged in O(1).
struct Outline<'d> {
    /// For each heading, the kind of its first block of content, if any.
    first_body: Vec<Option<&'d BlockKind>>,
    /// By (level, level of the heading after it): how many headings open such a run,
    /// how many of those have content of their own, how many are numbered.
    runs: FxHashMap<(u8, u8), [usize; 3]>,
    /// By level: how many headings, and how many by shape of their first block.
    shapes: FxHashMap<u8, (usize, FxHashMap<&'d BlockKind, usize>)>,
    /// For each heading, how many headings (itself among them) have its level and
    /// [`text_pattern`].
    same_pattern: Vec<usize>,
}

impl<'d> Outline<'d> {
    fn new(doc: &'d Document) -> Self {
        let first_body = first_body_blocks(doc);
        let headings = &doc.headings;
        let mut runs: FxHashMap<(u8, u8), [usize; 3]> = FxHashMap::default();
        let mut shapes: FxHashMap<u8, (usize, FxHashMap<&BlockKind, usize>)> = FxHashMap::default();
        for (j, heading) in headings.iter().enumerate() {
            if let Some(next) = headings.get(j + 1) {
                let counts = runs.entry((heading.level, next.level)).or_default();
                counts[0] += 1;
                counts[1] += usize::from(first_body[j].is_some());
                counts[2] += usize::from(is_numbered(heading.text(doc)));
            }
            let (total, by_shape) = shapes.entry(heading.level).or_default();
            *total += 1;
            if let Some(shape) = first_body[j] {
                *by_shape.entry(shape).or_default() += 1;
            }
        }
        Self {
            first_body,
            runs,
            shapes,
            same_pattern: same_pattern(doc),
        }
    }

    /// Whether most other headings of heading `i`'s level are written like it (`### 2024
    /// 年 8 月 30 号添加` among 500 dates): one of them, however its content looks.
    fn written_like_its_level(&self, headings: &[Heading], i: usize) -> bool {
        let heading = &headings[i];
        let same = self.same_pattern[i] - 1;
        let others = self.shapes[&heading.level].0 - 1;
        same >= 2 && same * 2 >= others
    }

    /// If heading `i` sits between two entries of a deeper level and looks like one of
    /// them rather than like its same-level siblings, the level it should have. Looking
    /// like an entry: it has content of its own, shaped like most entries' content (a
    /// link list, a paragraph …), while hardly any same-level heading that opens a run
    /// of entries has content of its own (a few that do make intros the document's
    /// practice, as in a tree of topics each opening with links); and either that shape
    /// is not mere prose, or those siblings are numbered (`## 1 …`) and it is not. The
    /// heading after it must be an entry, not a sub-part with sub-headings of its own.
    fn breaks_entry_run(&self, doc: &Document, i: usize) -> Option<u8> {
        let headings = &doc.headings;
        let heading = &headings[i];
        let previous = headings.get(i.checked_sub(1)?)?;
        let next = headings.get(i + 1)?;
        let entry_level = next.level;
        let shape = self.first_body[i]?;
        let next_is_part = headings.get(i + 2).is_some_and(|h| h.level > next.level);
        if previous.level != entry_level
            || entry_level <= heading.level
            || next_is_part
            || self.written_like_its_level(headings, i)
        {
            return None;
        }
        // The other headings of this level that open a run of entries (not this one).
        let [all, with_body, numbered] = self.runs[&(heading.level, entry_level)];
        let parts = all - 1;
        let parts_with_body = with_body - 1;
        let parts_numbered = numbered - usize::from(is_numbered(heading.text(doc)));
        let (entries, by_shape) = &self.shapes[&entry_level];
        let same_shape = by_shape.get(shape).copied().unwrap_or(0);

        let parts_look_different = parts >= 2 && parts_with_body * 10 < parts;
        let shaped_like_entries = *entries >= 3 && same_shape * 5 >= entries * 3;
        // A part's intro is prose, so a paragraph proves nothing; a link list or a table
        // shaped like the entries' does, and so does a number missing from numbered parts.
        let shape_evidence = shaped_like_entries && *shape != BlockKind::Paragraph;
        let numbering_broken = parts_numbered * 2 > parts && !is_numbered(heading.text(doc));
        (parts_look_different && (shape_evidence || numbering_broken)).then_some(entry_level)
    }
}

/// For each heading, how many headings have its level and [`text_pattern`]. The patterns
/// are written into one buffer and counted by slices of it: a `String` per heading as a
/// map key was half of this rule's instructions on the seed.
fn same_pattern(doc: &Document) -> Vec<usize> {
    let headings = &doc.headings;
    let mut buffer = String::new();
    let spans: Vec<Range<usize>> = headings
        .iter()
        .map(|heading| {
            let start = buffer.len();
            push_text_pattern(heading.text(doc), &mut buffer);
            start..buffer.len()
        })
        .collect();
    let key = |h: usize| (headings[h].level, &buffer[spans[h].clone()]);
    let mut counts: FxHashMap<(u8, &str), usize> = FxHashMap::default();
    for h in 0..headings.len() {
        *counts.entry(key(h)).or_default() += 1;
    }
    (0..headings.len()).map(|h| counts[&key(h)]).collect()
}

/// Appends a heading's text pattern to `out`: the text with every run of digits as one
/// `0` (spaces between digits do not end the run) and without spaces. Headings written
/// to one pattern (`2024 年 8 月 30 号添加`, `2023年12月31号添加`) share it. The text
/// between digits and spaces is copied a run at a time, not a character at a time.
fn push_text_pattern(text: &str, out: &mut String) {
    let mut in_digits = false;
    // Where the text not yet copied starts.
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            out.push_str(&text[run..i]);
            run = i + c.len_utf8();
        } else if c.is_ascii_digit() {
            out.push_str(&text[run..i]);
            if !in_digits {
                out.push('0');
            }
            run = i + 1;
            in_digits = true;
        } else {
            in_digits = false;
        }
    }
    out.push_str(&text[run..]);
}

/// `1 Intro`, `2. Tools`, `IV Models`: a heading that starts with a section number (its
/// first word all digits or all Roman numerals). Most headings start with a letter and
/// are answered at their first character.
fn is_numbered(text: &str) -> bool {
    let first_word = text
        .trim_start()
        .chars()
        .take_while(|c| !matches!(c, ' ' | '.' | '、'));
    let (mut digits, mut roman, mut empty) = (true, true, true);
    for c in first_word {
        digits &= c.is_ascii_digit();
        roman &= matches!(c, 'I' | 'V' | 'X' | 'L' | 'C');
        if !(digits || roman) {
            return false;
        }
        empty = false;
    }
    !empty
}

/// Rewrites an ATX heading's marker to `level` (unsafe: it changes the outline).
fn relevel(doc: &Document, heading: &Heading, level: u8) -> Option<Fix> {
    if heading.syntax != HeadingSyntax::Atx {
        return None;
    }
    let line = doc.slice(heading.span);
    let indent = line.len() - line.trim_start().len();
    let start = heading.span.start() + indent;
    let hashes = line[indent..].bytes().take_while(|&b| b == b'#').count();
    Some(Fix::unsafe_edits(vec![Edit::replace(
        start..start + hashes,
        "#".repeat(level.into()),
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the fast forms above must agree with.
    fn text_pattern_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut in_digits = false;
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let digit = c.is_ascii_digit();
            if !(digit && in_digits) {
                out.push(if digit { '0' } else { c });
            }
            in_digits = digit;
        }
        out
    }

    fn is_numbered_by_word(text: &str) -> bool {
        let first = text
            .trim_start()
            .split([' ', '.', '、'])
            .next()
            .unwrap_or("");
        !first.is_empty()
            && (first.chars().all(|c| c.is_ascii_digit())
                || first.chars().all(|c| "IVXLC".contains(c)))
    }

    proptest::proptest! {
        #[test]
        fn text_patterns_agree(text in "[0-9a-zIVX 　\t.、年月号]{0,16}") {
            let mut out = String::new();
            push_text_pattern(&text, &mut out);
            proptest::prop_assert_eq!(out, text_pattern_by_char(&text));
        }

        #[test]
        fn numbering_agrees(text in "[0-9a-zIVXLC \t.、年]{0,10}") {
            proptest::prop_assert_eq!(is_numbered(&text), is_numbered_by_word(&text));
        }
    }
}
