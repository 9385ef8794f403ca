//! `toc-order`: link entries listed out of their sections' order.
//!
//! Entries are compared with their siblings (the items of one list). The longest run
//! of siblings already in document order (a longest increasing subsequence, i.e. the
//! longest common subsequence of the TOC order and the document order) is taken as
//! right; each other entry is one finding, so one moved entry is one finding, not one
//! per entry it displaced. Table TOCs group names by theme, not by position: they are
//! not checked.

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::toc::{Style, Toc, edit, section_name};

use super::Context;

declare_rule!("toc-order", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "TOC entries are not in the order of their sections");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if toc.style != Style::Links {
        return;
    }
    // Sibling items by list: (item, heading, entry), first link of each item only.
    // A section listed again is toc-duplicate-entry's: it has no place of its own.
    let mut lists: FxHashMap<Option<usize>, Vec<(usize, usize, usize)>> = FxHashMap::default();
    let mut listed = vec![false; doc.headings.len()];
    for (i, entry) in toc.entries.iter().enumerate() {
        let (Some(item), Some(h)) = (entry.item(), entry.heading()) else {
            continue;
        };
        if std::mem::replace(&mut listed[h], true) {
            continue;
        }
        let siblings = lists.entry(doc.blocks[item].parent()).or_default();
        if siblings.last().is_none_or(|&(last, _, _)| last != item) {
            siblings.push((item, h, i));
        }
    }
    let mut lists: Vec<_> = lists.into_values().collect();
    lists.sort_by_key(|s| s[0].0);
    for siblings in lists {
        let headings: Vec<usize> = siblings.iter().map(|&(_, h, _)| h).collect();
        let kept = longest_increasing(&headings);
        for (position, &(item, h, entry)) in siblings.iter().enumerate() {
            if kept[position] {
                continue;
            }
            let in_order = || {
                siblings
                    .iter()
                    .zip(&kept)
                    .filter(|(_, k)| **k)
                    .map(|(s, _)| *s)
            };
            let after = in_order().rfind(|&(_, other, _)| other < h);
            let before = in_order().find(|&(_, other, _)| other > h);
            let fix = edit::move_item(doc, item, after.map(|a| a.0), before.map(|b| b.0))
                .map(Fix::unsafe_edits);
            let title = section_name(doc, h);
            let (label, help) = match (after, before) {
                (Some((_, other, e)), _) => (
                    e,
                    format!(
                        "move it after \"{}\", as its section comes after that one",
                        section_name(doc, other)
                    ),
                ),
                (None, Some((_, other, e))) => (
                    e,
                    format!(
                        "move it before \"{}\", as its section comes first",
                        section_name(doc, other)
                    ),
                ),
                (None, None) => (entry, "move it to its section's place".to_owned()),
            };
            out.push(
                Diagnostic::new(
                    toc.entries[entry].span.clone(),
                    format!("\"{title}\" is out of order in {}", toc.name(doc)),
                )
                .with_label(
                    toc.entries[label].span.clone(),
                    "its neighbour in document order",
                )
                .with_help(help)
                .with_fix(fix),
            );
        }
    }
}

/// Marks one longest strictly increasing subsequence of `values` (the leftmost on ties).
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    // tails[k]: index of the smallest last value of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| values[t] < v);
        previous[i] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; values.len()];
    let mut current = tails.last().copied();
    while let Some(i) = current {
        kept[i] = true;
        current = previous[i];
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_moved_entry_is_the_only_one_out_of_order() {
        assert_eq!(
            longest_increasing(&[1, 2, 9, 3, 4, 5]),
            [true, true, false, true, true, true]
        );
        assert_eq!(longest_increasing(&[5, 1, 2, 3]), [false, true, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
