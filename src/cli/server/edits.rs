//! The engine's output as LSP text edits.
//!
//! Fixes are applied by the one fix engine ([`crate::fix`]) and written back the way
//! `check --fix` writes a file ([`SourceFile::render`]: a CRLF document stays CRLF);
//! the client then gets the difference between its text and that result, line by
//! line, so an edit far from the cursor does not move it and undo stays small.

use lsp_types::TextEdit;
use similar::{DiffOp, TextDiff};

use super::position::LineMap;
use crate::cli::input::SourceFile;

/// The text `fixed` (the engine's output for the linted `body`) as the file would be
/// written.
pub fn written(body: &str, fixed: &str) -> String {
    SourceFile {
        text: body.to_owned(),
        bom: false,
    }
    .render(fixed)
}

/// Edits turning `text[offset..]` into `new`: the changed lines, each run of them one
/// edit, with positions in `text`.
pub fn between(text: &str, offset: usize, new: &str, lines: &LineMap) -> Vec<TextEdit> {
    let old = &text[offset..];
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    // Diff whole lines: back the prefix up to a line start.
    let start = old[..prefix].rfind('\n').map_or(0, |i| i + 1);
    let (old_mid, new_mid) = (
        &old[start..old.len() - suffix],
        &new[start..new.len() - suffix],
    );
    let diff = TextDiff::from_lines(old_mid, new_mid);
    let old_at = starts(diff.iter_old_slices());
    let new_at = starts(diff.iter_new_slices());
    let mut edits = Vec::new();
    for group in changed_runs(diff.ops()) {
        let (old_range, new_range) = group;
        let from = offset + start + old_at[old_range.start];
        let to = offset + start + old_at[old_range.end];
        let content = &new_mid[new_at[new_range.start]..new_at[new_range.end]];
        edits.push(TextEdit::new(
            lines.range(text, &(from..to)),
            content.to_owned(),
        ));
    }
    edits
}

/// Byte offset where each slice starts, and the end after the last.
fn starts<'s>(slices: impl Iterator<Item = &'s str>) -> Vec<usize> {
    let mut at = vec![0];
    let mut sum = 0;
    for slice in slices {
        sum += slice.len();
        at.push(sum);
    }
    at
}

/// Old and new line ranges of each run of changes (adjacent changes merged).
fn changed_runs(ops: &[DiffOp]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut runs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in ops {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let (old, new) = (op.old_range(), op.new_range());
        match runs.last_mut() {
            Some((o, n)) if o.end == old.start && n.end == new.start => {
                o.end = old.end;
                n.end = new.end;
            }
            _ => runs.push((old, new)),
        }
    }
    runs
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) {
        n -= 1;
    }
    n
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::position::Encoding;
    use super::*;

    /// Applies `edits` (positions in `text`) the way a client does.
    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let lines = LineMap::new(text, Encoding::Utf16);
        let mut out = text.to_owned();
        for edit in edits.iter().rev() {
            out.replace_range(lines.span(text, edit.range), &edit.new_text);
        }
        out
    }

    #[test]
    fn edits_rebuild_the_new_text_and_leave_equal_lines_alone() {
        let text = "\u{FEFF}a\n中文 \nkeep\nkeep\nb\n😀 x";
        let new = "a\n中文\nkeep\nkeep\nb\nc\n😀 y";
        let lines = LineMap::new(text, Encoding::Utf16);
        let edits = between(text, 3, new, &lines);
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert_eq!(apply(text, &edits), format!("\u{FEFF}{new}"));
        assert!(between(text, 3, &text[3..], &lines).is_empty());
    }

    #[test]
    fn crlf_survives_a_fix_that_inserts_lines() {
        assert_eq!(written("a\r\nb\r\n", "a\nx\r\nb\r\n"), "a\r\nx\r\nb\r\n");
    }
}
