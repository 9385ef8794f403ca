//! Fixes, and how one round of them is applied to a text.
//!
//! A fix is a set of non-overlapping byte edits. [`apply_fixes`] takes every fix that
//! does not overlap one already taken in the round; the loop that re-checks and repeats
//! until nothing applies is [`crate::linter::fix`]. Skipped fixes are recomputed on the
//! next round, so overlapping findings never corrupt the text.

use std::ops::Range;

use serde::Serialize;

/// How sure a fix is. Ordered: `DisplayOnly < Unsafe < Safe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// A judgment call: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Certainly what the author meant, and loses nothing they wrote.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes of `range` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Self {
        Self {
            range,
            content: content.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Self {
            range,
            content: String::new(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Self {
            range: at..at,
            content: content.into(),
        }
    }
}

/// The edits that fix one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Sorted, non-overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Self {
            applicability,
            edits,
        }
    }

    pub fn safe(edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, edits)
    }

    pub fn unsafe_edits(edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, edits)
    }

    pub fn display_only(edits: Vec<Edit>) -> Self {
        Self::new(Applicability::DisplayOnly, edits)
    }

    /// The smallest range covering every edit.
    fn extent(&self) -> Option<Range<usize>> {
        let first = self.edits.first()?;
        let end = self
            .edits
            .iter()
            .map(|e| e.range.end)
            .max()
            .unwrap_or(first.range.end);
        Some(first.range.start..end)
    }
}

/// Applies as many of `fixes` as do not overlap each other, in order of position.
/// Returns the new text and the indices of the fixes applied.
pub fn apply_fixes<'f>(
    source: &str,
    fixes: impl IntoIterator<Item = &'f Fix>,
) -> (String, Vec<usize>) {
    let mut candidates: Vec<(usize, &Fix, Range<usize>)> = fixes
        .into_iter()
        .enumerate()
        .filter_map(|(i, fix)| fix.extent().map(|extent| (i, fix, extent)))
        .filter(|(_, fix, _)| edits_are_valid(source, &fix.edits))
        .collect();
    candidates.sort_by_key(|(i, _, extent)| (extent.start, extent.end, *i));

    let mut output = String::with_capacity(source.len());
    let mut cursor = 0;
    let mut applied = Vec::new();
    let mut last_insert: Option<usize> = None;
    for (index, fix, extent) in candidates {
        // Two insertions at one point would be ordered arbitrarily: take only the first.
        let touches_previous =
            extent.start < cursor || (extent.is_empty() && last_insert == Some(extent.start));
        if touches_previous {
            continue;
        }
        for edit in &fix.edits {
            output.push_str(&source[cursor..edit.range.start]);
            output.push_str(&edit.content);
            cursor = edit.range.end;
        }
        last_insert = extent.is_empty().then_some(extent.start);
        applied.push(index);
    }
    output.push_str(&source[cursor..]);
    (output, applied)
}

/// Edits must be sorted, non-overlapping and on character boundaries.
pub(crate) fn edits_are_valid(source: &str, edits: &[Edit]) -> bool {
    edits.windows(2).all(|w| w[0].range.end <= w[1].range.start)
        && edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= source.len()
                && source.is_char_boundary(e.range.start)
                && source.is_char_boundary(e.range.end)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let a = Fix::safe(vec![Edit::replace(0..3, "x")]);
        let b = Fix::safe(vec![Edit::replace(2..5, "y")]);
        let c = Fix::safe(vec![Edit::delete(6..7)]);
        let (out, applied) = apply_fixes("abcdefg", [&a, &b, &c]);
        assert_eq!(out, "xdef");
        assert_eq!(applied, vec![0, 2]);
    }

    #[test]
    fn edits_off_char_boundaries_are_refused() {
        let bad = Fix::safe(vec![Edit::delete(1..2)]);
        let (out, applied) = apply_fixes("中", [&bad]);
        assert_eq!(out, "中");
        assert!(applied.is_empty());
    }

    #[test]
    fn two_insertions_at_one_point_are_not_both_taken() {
        let a = Fix::safe(vec![Edit::insert(1, "x")]);
        let b = Fix::safe(vec![Edit::insert(1, "y")]);
        let (out, applied) = apply_fixes("ab", [&a, &b]);
        assert_eq!(out, "axb");
        assert_eq!(applied, vec![0]);
    }
}
