//! `emphasis-as-heading`: a paragraph that is nothing but bold or italic text, used as
//! the label of a section. A label is a short top-level paragraph, one emphasis span
//! without a link, not ending like a sentence or a lead-in (`.`, `:`). It is reported
//! when it stands where a heading would: the only label of its section, after a list or
//! table of entries of that section and before another. Labels a section uses more than once
//! (`**Spring**`, `**Spring Boot**` under one heading), labels that group headings (a
//! bold line right before a `###`) and labels in an introduction without entries before
//! them are a list's own convention, left alone.

use crate::diagnostic::Diagnostic;
use crate::document::entries::Entry;
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Edit, Fix};

use super::Context;

declare_rule!("emphasis-as-heading", Structure, Warning, fix: Always(Unsafe), check: Document(check),
    summary: "a bold or italic line standing as a section label the TOC cannot see");

/// Longest label, in characters: more is a sentence in bold, not a label.
const MAX_LABEL_CHARS: usize = 60;

/// A paragraph that is only a label.
struct Label {
    block: usize,
    /// The paragraph without its line ending.
    span: std::ops::Range<usize>,
    /// The label's source without its emphasis markers.
    inner: std::ops::Range<usize>,
    section: Option<usize>,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let labels: Vec<Label> = (0..doc.blocks.len())
        .filter_map(|i| label(doc, i))
        .collect();
    for label in &labels {
        let Some(section) = label.section else {
            continue;
        };
        let alone = labels.iter().filter(|l| l.section == label.section).count() == 1;
        let entries = ctx.entries();
        if !alone
            || !after_entries(doc, entries, section, label.block)
            || !before_entries(doc, entries, label.block)
        {
            continue;
        }
        let heading = &doc.headings[section];
        let level = (heading.level + 1).min(6);
        let text = doc.slice(&label.inner);
        out.push(
            Diagnostic::new(
                label.span.clone(),
                format!("\"{text}\" is a section label in bold: the TOC and anchors cannot see it"),
            )
            .with_label(heading.finding_span(), "in this section")
            .with_help(format!(
                "make it a level-{level} heading; the TOC may need an entry for it"
            ))
            .with_fix(Fix::new(
                Applicability::Unsafe,
                vec![Edit::replace(
                    label.span.clone(),
                    format!("{} {text}", "#".repeat(usize::from(level))),
                )],
            )),
        );
    }
}

/// Block `index` as a label, if it is one.
fn label(doc: &Document, index: usize) -> Option<Label> {
    let block = &doc.blocks[index];
    if block.kind != BlockKind::Paragraph || block.parent().is_some() {
        return None;
    }
    let written = doc.slice(block.span).trim_end();
    let span = block.span.start()..block.span.start() + written.len();
    let first = doc.emphasis.partition_point(|e| e.start() < span.start);
    let emphasis = doc.emphasis.get(first).filter(|e| e.range() == span)?;
    let text = block.text(doc).trim();
    let sentence = text.ends_with(['.', '。', '!', '！', '?', '？', ':', '：', ';', '；', '…']);
    if text.is_empty()
        || sentence
        || text.chars().count() > MAX_LABEL_CHARS
        || !doc.links_within(&span).is_empty()
        || written.contains('\n')
    {
        return None;
    }
    let marker = written.chars().next()?;
    let open = written.len() - written.trim_start_matches(marker).len();
    let close = written.len() - written.trim_end_matches(marker).len();
    let markers = open.min(close);
    Some(Label {
        block: index,
        inner: emphasis.start() + markers..emphasis.end() - markers,
        span,
        section: doc.section_at(block.span.start()),
    })
}

/// Whether a list or table of entries of the section comes before block `index`.
fn after_entries(doc: &Document, entries: &[Entry], section: usize, index: usize) -> bool {
    let start = doc.headings[section].span.end();
    (0..index)
        .rev()
        .take_while(|&i| doc.blocks[i].span.start() >= start)
        .any(|i| doc.blocks[i].parent().is_none() && holds_entries(doc, entries, i))
}

/// Whether the next top-level block after block `index` is a list or table of entries.
fn before_entries(doc: &Document, entries: &[Entry], index: usize) -> bool {
    (index + 1..doc.blocks.len())
        .find(|&i| doc.blocks[i].parent().is_none())
        .is_some_and(|i| holds_entries(doc, entries, i))
}

/// Whether block `index` is a list or table holding an entry: a group of entries, not
/// a list of features or a table of facts.
fn holds_entries(doc: &Document, all: &[Entry], index: usize) -> bool {
    let block = &doc.blocks[index];
    if !matches!(block.kind, BlockKind::List { .. } | BlockKind::Table) {
        return false;
    }
    let next = all.partition_point(|e| e.block() <= index);
    all.get(next)
        .is_some_and(|e| doc.blocks[e.block()].span.start() < block.span.end())
}
