//! `heading-blank-lines`: a heading that runs into the text before or after it, in a
//! document that otherwise separates its headings with blank lines.
//!
//! Whether a blank line goes before a heading and whether one goes after it are two
//! separate house styles: the Pocket list puts one before every heading and none after
//! (`### Name` is followed straight by its links), so only the three parts whose `##`
//! runs into their first `###` break its style.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document, HeadingSyntax};
use crate::fix::{Edit, Fix};

use super::Context;
use super::convention::{CLEAR, Tally};

declare_rule!("heading-blank-lines", Format, Warning, fix: Sometimes(Safe), options: Options,
    check: Document(check),
    summary: "a heading not separated by blank lines where the document separates its headings");

/// Pins the style instead of inferring it: `true` requires the blank line, `false`
/// never asks for it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    pub blank_before: Option<bool>,
    pub blank_after: Option<bool>,
}

/// What sits between a heading and its neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Blank,
    Text,
    /// A comment or other HTML line: deliberately attached, says nothing about style.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// One side of one heading: which gap it has, and where a blank line would go.
struct Observation {
    heading: usize,
    side: Side,
    gap: Gap,
    /// Offset of the line the blank line would be inserted before.
    insert_at: usize,
    fixable: bool,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<Options>();
    let observations = observe(doc);
    let mut tallies = [Tally::default(), Tally::default()];
    for o in observations.iter().filter(|o| o.gap != Gap::Html) {
        tallies[o.side as usize].add(o.gap == Gap::Blank);
    }
    let pinned = [options.blank_before, options.blank_after];
    let required =
        [0, 1].map(|side| pinned[side].unwrap_or(tallies[side].dominant(CLEAR) == Some(true)));
    let mut reported_at = None;
    for o in &observations {
        if o.gap != Gap::Text || !required[o.side as usize] || reported_at == Some(o.insert_at) {
            continue;
        }
        reported_at = Some(o.insert_at);
        let heading = &doc.headings[o.heading];
        let side = o.side as usize;
        let where_ = ["before", "after"][side];
        let why = match pinned[side] {
            None => format!(
                ", as {} headings in this document have",
                tallies[side].share(true)
            ),
            Some(_) => String::new(),
        };
        let fix = o
            .fixable
            .then(|| Fix::safe(vec![Edit::insert(o.insert_at, "\n")]));
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!(
                    "no blank line {where_} heading \"{}\"",
                    heading.text(doc).trim()
                ),
            )
            .with_help(format!("insert a blank line {where_} it{why}"))
            .with_fix(fix),
        );
    }
}

/// Both sides of every top-level Markdown heading, in document order (a gap shared by
/// two headings appears twice: after the first, then before the second).
fn observe(doc: &Document) -> Vec<Observation> {
    let mut observations = Vec::new();
    let line_count = doc.lines.len();
    for block in &doc.blocks {
        let BlockKind::Heading(index) = block.kind else {
            continue;
        };
        let index = index as usize;
        if block.parent().is_some() {
            continue;
        }
        let heading = &doc.headings[index];
        let text = doc.slice(block.span).trim_end();
        let first = doc.lines.line_of(block.span.start());
        let last = doc
            .lines
            .line_of(block.span.start() + text.len().saturating_sub(1));
        if first > 0 {
            observations.push(Observation {
                heading: index,
                side: Side::Before,
                gap: gap(doc, first - 1),
                insert_at: doc.lines.line_start(first),
                // A setext heading's text could join what precedes it: leave it be.
                fixable: heading.syntax == HeadingSyntax::Atx,
            });
        }
        if last + 1 < line_count {
            observations.push(Observation {
                heading: index,
                side: Side::After,
                gap: gap(doc, last + 1),
                insert_at: doc.lines.line_start(last + 1),
                fixable: true,
            });
        }
    }
    observations
}

fn gap(doc: &Document, line: usize) -> Gap {
    if doc.is_blank_line(line) {
        Gap::Blank
    } else if doc.in_html(doc.lines.line_start(line)) {
        Gap::Html
    } else {
        Gap::Text
    }
}
