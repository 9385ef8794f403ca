//! `list-marker`: a bullet list whose marker (`-`, `*`, `+`) or nesting indentation
//! differs from the rest of the document's.
//!
//! Markers are judged per nesting depth, since `-` outside and `*` inside is a style of
//! its own; each list counts once, as the author chose its marker once. Nesting steps are
//! counted per item, between bullet items only (an ordered parent forces its own step).

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Edit, Fix};

use super::Context;
use super::convention::{CLEAR, Tally};

declare_rule!("list-marker", Format, Warning, fix: Sometimes(SafeOrUnsafe), options: Options,
    check: Document(check),
    summary: "a bullet marker or nesting indentation that differs from the document's");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Marker {
    #[serde(rename = "-", alias = "dash")]
    Dash,
    #[serde(rename = "*", alias = "asterisk")]
    Asterisk,
    #[serde(rename = "+", alias = "plus")]
    Plus,
}

impl Marker {
    fn of(byte: u8) -> Option<Self> {
        match byte {
            b'-' => Some(Marker::Dash),
            b'*' => Some(Marker::Asterisk),
            b'+' => Some(Marker::Plus),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Marker::Dash => "-",
            Marker::Asterisk => "*",
            Marker::Plus => "+",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    /// The bullet every list must use, at every depth; unset, each depth's majority.
    pub marker: Option<Marker>,
    /// Spaces between a bullet and the bullets nested under it; unset, the majority.
    #[serde(deserialize_with = "crate::settings::optional_count")]
    pub indent: Option<usize>,
}

/// A bullet list: its block index, marker and depth.
struct BulletList {
    block: usize,
    marker: Marker,
    depth: usize,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<Options>();
    let lists = bullet_lists(doc);
    check_markers(doc, &lists, options.marker, out);
    check_indentation(doc, &lists, options.indent, out);
}

fn bullet_lists(doc: &Document) -> Vec<BulletList> {
    let mut lists = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.kind != (BlockKind::List { ordered: false }) {
            continue;
        }
        let Some(BlockKind::ListItem { depth }) = doc.blocks.get(i + 1).map(|b| &b.kind) else {
            continue;
        };
        if is_toc(doc, &block.span.range()) {
            continue;
        }
        if let Some(marker) = Marker::of(doc.source.as_bytes()[marker_at(doc, block.span.start())])
        {
            lists.push(BulletList {
                block: i,
                marker,
                depth: *depth as usize,
            });
        }
    }
    lists
}

/// The bullet the document's lists use, with how many (`"291 of 294"`): the convention
/// `pocketlint init` pins in `marker`. Only a bullet whose pin reports nothing the
/// inference would not: at every depth the clear majority, or the only one used.
pub fn house_marker(doc: &Document) -> Option<(&'static str, String)> {
    let lists = bullet_lists(doc);
    let mut all = Tally::default();
    for list in &lists {
        all.add(list.marker);
    }
    let marker = all.dominant(CLEAR)?;
    depth_tallies(&lists)
        .iter()
        .all(|t| t.count(marker) == t.total() || t.dominant(CLEAR) == Some(marker))
        .then(|| (marker.as_str(), all.share(marker)))
}

/// How many lists at each depth use each bullet.
fn depth_tallies(lists: &[BulletList]) -> Vec<Tally<Marker>> {
    let deepest = lists.iter().map(|l| l.depth).max().unwrap_or(0);
    let mut tallies: Vec<Tally<Marker>> = vec![Tally::default(); deepest + 1];
    for list in lists {
        tallies[list.depth].add(list.marker);
    }
    tallies
}

/// Whether every link in `span` points into the page: a table of contents, which a
/// generator often writes with its own marker and indentation.
fn is_toc(doc: &Document, span: &std::ops::Range<usize>) -> bool {
    let first = doc.links.partition_point(|l| l.span.start() < span.start);
    let mut links = doc.links[first..]
        .iter()
        .take_while(|l| l.span.start() < span.end)
        .peekable();
    links.peek().is_some() && links.all(|l| l.dest(doc).starts_with('#'))
}

/// The items of the list at block `list`.
fn items<'d>(doc: &'d Document, list: usize) -> impl Iterator<Item = usize> + 'd {
    (list + 1..doc.blocks.len())
        .take_while(move |&i| doc.blocks[i].span.start() < doc.blocks[list].span.end())
        .filter(move |&i| doc.blocks[i].parent() == Some(list))
}

fn check_markers(
    doc: &Document,
    lists: &[BulletList],
    pinned: Option<Marker>,
    out: &mut Vec<Diagnostic>,
) {
    let tallies = depth_tallies(lists);
    for list in lists {
        let tally = &tallies[list.depth];
        let Some(expected) = pinned.or_else(|| tally.dominant(CLEAR)) else {
            continue;
        };
        if list.marker == expected {
            continue;
        }
        let edits: Vec<Edit> = items(doc, list.block)
            .map(|i| marker_at(doc, doc.blocks[i].span.start()))
            .map(|at| Edit::replace(at..at + 1, expected.as_str()))
            .collect();
        let count = edits.len();
        // Next to a list with the new marker, this one would join it: maybe not meant.
        let applicability = if touches_list_with(doc, list.block, expected) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let why = match pinned {
            Some(_) => String::new(),
            None => format!(
                ", as {} lists at this depth in this document",
                tally.share(expected)
            ),
        };
        let start = marker_at(doc, doc.blocks[list.block].span.start());
        out.push(
            Diagnostic::new(
                start..start + 1,
                format!(
                    "list uses `{}` bullets where the document uses `{}`",
                    list.marker.as_str(),
                    expected.as_str()
                ),
            )
            .with_help(format!(
                "change {} to `{}`{why}",
                if count == 1 {
                    "its bullet".to_owned()
                } else {
                    format!("its {count} bullets")
                },
                expected.as_str()
            ))
            .with_fix(Fix::new(applicability, edits)),
        );
    }
}

/// Whether the list at block `list` has a sibling bullet list right before or after it
/// that uses `marker`.
fn touches_list_with(doc: &Document, list: usize, marker: Marker) -> bool {
    let parent = doc.blocks[list].parent();
    let siblings: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| doc.blocks[i].parent() == parent)
        .collect();
    let at = siblings.iter().position(|&i| i == list).unwrap_or_default();
    [at.checked_sub(1), Some(at + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| siblings.get(j))
        .any(|&i| {
            let block = &doc.blocks[i];
            block.kind == (BlockKind::List { ordered: false })
                && Marker::of(doc.source.as_bytes()[marker_at(doc, block.span.start())])
                    == Some(marker)
        })
}

/// A nested bullet item, its parent bullet item and how far it is indented past it.
struct Nested {
    item: usize,
    parent_column: usize,
    /// Where the parent's content starts: a nested bullet must sit at or after it and
    /// less than four columns after it.
    content_column: usize,
    step: usize,
}

fn check_indentation(
    doc: &Document,
    lists: &[BulletList],
    pinned: Option<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let mut nested = Vec::new();
    for list in lists.iter().filter(|l| l.depth > 0) {
        let Some(parent) = doc.blocks[list.block].parent() else {
            continue;
        };
        let parent_list = doc.blocks[parent].parent();
        let parent_is_bullet =
            parent_list.is_some_and(|p| doc.blocks[p].kind == (BlockKind::List { ordered: false }));
        let parent_marker = marker_at(doc, doc.blocks[parent].span.start());
        let Some(parent_column) = column(doc, parent_marker).filter(|_| parent_is_bullet) else {
            continue;
        };
        let after_marker = &doc.source[parent_marker + 1..];
        let gap = after_marker.len() - after_marker.trim_start_matches(' ').len();
        let content_column = parent_column + 1 + gap.clamp(1, 4);
        for item in items(doc, list.block) {
            if let Some(col) = column(doc, marker_at(doc, doc.blocks[item].span.start()))
                .filter(|&c| c > parent_column)
            {
                nested.push(Nested {
                    item,
                    parent_column,
                    content_column,
                    step: col - parent_column,
                });
            }
        }
    }
    let mut tally = Tally::default();
    for n in &nested {
        tally.add(n.step);
    }
    let Some(expected) = pinned.or_else(|| tally.dominant(CLEAR)) else {
        return;
    };
    let mut at = 0;
    while at < nested.len() {
        // The items of one nested list that share its first item's step: one finding.
        let list = doc.blocks[nested[at].item].parent();
        let step = nested[at].step;
        let group = nested[at..]
            .iter()
            .take_while(|n| doc.blocks[n.item].parent() == list && n.step == step)
            .count();
        let members = &nested[at..at + group];
        at += group;
        let n = &members[0];
        let target = n.parent_column + expected;
        if step == expected || target < n.content_column || target >= n.content_column + 4 {
            continue;
        }
        let why = match pinned {
            Some(_) => String::new(),
            None => format!(
                ", as {} nested items in this document",
                tally.share(expected)
            ),
        };
        let delta = expected as isize - step as isize;
        let fix = members
            .iter()
            .map(|m| reindent(doc, m.item, delta))
            .collect::<Option<Vec<Fix>>>()
            .map(|fixes| Fix::safe(fixes.into_iter().flat_map(|f| f.edits).collect()));
        let what = if group == 1 {
            "nested item".to_owned()
        } else {
            format!("{group} nested items")
        };
        let start = marker_at(doc, doc.blocks[n.item].span.start());
        out.push(
            Diagnostic::new(
                start..start + 1,
                format!(
                    "{what} indented {step} spaces past the parent's bullet instead of {expected}"
                ),
            )
            .with_help(format!(
                "indent {} {expected} spaces past the parent's bullet{why}",
                if group == 1 { "it" } else { "them" }
            ))
            .with_fix(fix),
        );
    }
}

/// Shifts every line of item `item` by `delta` columns, or `None` when some line lacks
/// the spaces to remove, or the item holds a code block, table or HTML whose bytes a
/// formatter must not move.
fn reindent(doc: &Document, item: usize, delta: isize) -> Option<Fix> {
    let span = &doc.blocks[item].span;
    let holds_raw = doc.blocks[item + 1..]
        .iter()
        .take_while(|b| b.span.start() < span.end())
        .any(|b| {
            matches!(
                b.kind,
                BlockKind::CodeBlock | BlockKind::Table | BlockKind::Html
            )
        });
    if holds_raw {
        return None;
    }
    let text = doc.slice(span).trim_end();
    let first = doc.lines.line_of(span.start());
    let last = doc
        .lines
        .line_of(span.start() + text.len().saturating_sub(1));
    let mut edits = Vec::new();
    for line in first..=last {
        if doc.is_blank_line(line) {
            continue;
        }
        let start = doc.lines.line_start(line);
        if delta > 0 {
            edits.push(Edit::insert(start, " ".repeat(delta.unsigned_abs())));
        } else {
            let remove = delta.unsigned_abs();
            if !doc
                .line(line)
                .as_bytes()
                .iter()
                .take(remove)
                .all(|&b| b == b' ')
                || doc.line(line).len() < remove
            {
                return None;
            }
            edits.push(Edit::delete(start..start + remove));
        }
    }
    Some(Fix::safe(edits))
}

/// The bullet of a list or item whose span starts at `start`: the parser starts the span
/// of a top-level item at its indentation, that of a nested one at its bullet.
fn marker_at(doc: &Document, start: usize) -> usize {
    start + doc.source[start..].len() - doc.source[start..].trim_start_matches(' ').len()
}

/// Column of `offset` when only spaces precede it on its line.
fn column(doc: &Document, offset: usize) -> Option<usize> {
    let start = doc.lines.line_start(doc.lines.line_of(offset));
    doc.source[start..offset]
        .bytes()
        .all(|b| b == b' ')
        .then_some(offset - start)
}
