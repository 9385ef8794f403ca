//! The entries of a link TOC (`- [Name](#anchor)`, nested): each link into the document
//! resolved to the section it lists, a broken anchor to the section it most likely
//! meant, and an anchor copied from the entry above to the section its text names.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::document::{BlockKind, Document};
use crate::text::name_key;

use super::anchors::{Anchor, Anchors, Suggestion};
use super::model::{Entry, EntryKind, MatchKind, Target, section_name, within};

/// What link `dest` in TOC `region` points at. A TOC item written as a heading
/// (`* #### [Tools](#tools)`) takes the heading's anchor itself, so the section it
/// lists is the first one after the TOC with that anchor or a numbered one
/// (`#tools-1`): GitHub numbers repeated anchors in document order.
pub(super) fn resolve_in(
    doc: &Document,
    anchors: &Anchors,
    dest: &str,
    region: &Range<usize>,
) -> Option<Anchor> {
    match anchors.resolve(dest)? {
        Anchor::Heading(h) if within(doc.headings[h].span, region) => {
            let base = doc.headings[h].anchor(doc);
            let numbered = |anchor: &str| {
                anchor == base
                    || anchor
                        .strip_prefix(base)
                        .and_then(|rest| rest.strip_prefix('-'))
                        .is_some_and(|n| n.parse::<usize>().is_ok())
            };
            let section = doc
                .headings
                .iter()
                .position(|x| x.span.start() >= region.end && numbered(x.anchor(doc)));
            Some(Anchor::Heading(section.unwrap_or(h)))
        }
        found => Some(found),
    }
}

/// Every link into the document (`#fragment`, `README.md#fragment`, …) in `region`,
/// resolved: by anchor, then broken anchors to their likely section, then anchors
/// copied from the entry above to the section their text names.
pub(super) fn link_entries(doc: &Document, anchors: &Anchors, region: &Range<usize>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = doc
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.image && within(l.span, region))
        .filter(|(_, l)| anchors.local(l.dest(doc)).is_some())
        .map(|(index, _)| link_entry(doc, anchors, region, index))
        .collect();
    mark_broken(doc, anchors, &mut entries);
    misdirect(doc, &mut entries);
    entries
}

/// The entry of link `index`, resolved by its anchor alone ([`Target::Dangling`] when
/// no anchor matches: [`mark_broken`] looks further, as it needs the other entries).
fn link_entry(doc: &Document, anchors: &Anchors, region: &Range<usize>, index: usize) -> Entry {
    let link = &doc.links[index];
    let item = list_item_at(doc, region, link.span.start());
    let target = match resolve_in(doc, anchors, link.dest(doc), region) {
        // A back-to-top link to the TOC's title, outside its list, is no entry.
        Some(Anchor::Heading(h))
            if item.is_none() && doc.headings[h].span.start() < region.start =>
        {
            Target::Elsewhere
        }
        Some(Anchor::Heading(h)) => Target::Heading(h, MatchKind::Anchor),
        Some(Anchor::Html(a)) => match html_anchor_heading(doc, a) {
            Some(h) => Target::Heading(h, MatchKind::Anchor),
            None => Target::Elsewhere,
        },
        Some(Anchor::Top) => Target::Elsewhere,
        None => Target::Dangling,
    };
    Entry {
        text: link.text(doc).to_owned(),
        span: link.span.range(),
        kind: EntryKind::Link {
            link: index,
            item: item.map(|(i, _)| i),
            depth: item.map_or(0, |(_, d)| d),
        },
        target,
    }
}

/// Marks [`Target::Broken`] the dangling entries whose anchor no heading has but a
/// section matches, looked for first under the entry's parent entry.
fn mark_broken(doc: &Document, anchors: &Anchors, entries: &mut [Entry]) {
    let suggestions: Vec<Option<Suggestion>> = entries
        .iter()
        .map(|entry| {
            let EntryKind::Link { link, .. } = entry.kind else {
                return None;
            };
            let link = &doc.links[link];
            let fragment = anchors.local(link.dest(doc))?;
            (entry.target == Target::Dangling && anchors.resolve(link.dest(doc)).is_none())
                .then(|| {
                    anchors.suggest(
                        doc,
                        fragment,
                        link.text(doc),
                        parent_heading(doc, entries, entry),
                    )
                })
                .flatten()
        })
        .collect();
    // A guess at a section another entry lists is no guess: without another
    // candidate, the entry is dangling.
    let mut resolved = vec![false; doc.headings.len()];
    for heading in entries.iter().filter_map(Entry::heading) {
        resolved[heading] = true;
    }
    for (entry, suggestion) in entries.iter_mut().zip(suggestions) {
        let Some(mut s) = suggestion else {
            continue;
        };
        if !s.certain {
            s.candidates.retain(|&h| !resolved[h]);
        }
        if let Some(&heading) = s.candidates.first() {
            s.heading = heading;
            entry.target = Target::Broken(s);
        }
    }
}

/// Marks [`Target::Misdirected`] the entries that share their anchor with another entry
/// and whose text is not their section's name but exactly that of a section no entry
/// lists (`- [Bar](#foo)` under `- [Foo](#foo)`, with `## Bar` unlisted).
fn misdirect(doc: &Document, entries: &mut [Entry]) {
    let mut count = vec![0usize; doc.headings.len()];
    for h in entries.iter().flat_map(Entry::claims) {
        count[h] += 1;
    }
    // The headings by section name, folded on the first entry that needs them rather
    // than once per such entry: one entry per shared anchor folded every heading.
    let mut by_name: Option<FxHashMap<String, Vec<usize>>> = None;
    for entry in entries.iter_mut() {
        let Target::Heading(h, MatchKind::Anchor) = entry.target else {
            continue;
        };
        let key = name_key(&entry.text);
        if count[h] < 2 || key.is_empty() || key == name_key(&section_name(doc, h)) {
            continue;
        }
        let by_name = by_name.get_or_insert_with(|| {
            let mut by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
            for o in 0..doc.headings.len() {
                by_name
                    .entry(name_key(&section_name(doc, o)))
                    .or_default()
                    .push(o);
            }
            by_name
        });
        let named: Vec<usize> = by_name
            .get(&key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&o| count[o] == 0)
            .collect();
        if let [meant] = named[..] {
            entry.target = Target::Misdirected(h, meant);
            count[h] -= 1;
            count[meant] += 1;
        }
    }
}

/// The heading of the entry whose list item holds `entry`'s: the section the TOC's
/// structure places it in.
fn parent_heading(doc: &Document, entries: &[Entry], entry: &Entry) -> Option<usize> {
    let item = entry.item()?;
    let parent = std::iter::successors(doc.blocks[item].parent(), |&b| doc.blocks[b].parent())
        .find(|&b| matches!(doc.blocks[b].kind, BlockKind::ListItem { .. }))?;
    entries
        .iter()
        .filter(|e| e.item() == Some(parent))
        .find_map(Entry::heading)
}

/// The heading an HTML anchor names: the one it sits in (`### <a id="csharp"></a>C#`),
/// the one right after it, with only blank space between (`<a name="general" />` on
/// the line above `## Introduction`), or else the one right before it
/// (`<div id="mla"></div>` on the line below `### DeepSeek/MLA`).
fn html_anchor_heading(doc: &Document, anchor: usize) -> Option<usize> {
    let span = &doc.html_anchors[anchor].span;
    let next = doc
        .headings
        .partition_point(|h| h.span.start() <= span.start());
    let previous = next.checked_sub(1);
    if let Some(h) = previous.filter(|&h| doc.headings[h].span.contains(span.start())) {
        return Some(h);
    }
    // The anchor's span is its name: the tag ends at the next `>`, then maybe `</a>`
    // or `</div>`.
    let blank = |text: &str| text.trim().is_empty();
    let after_heading = doc.headings.get(next).and_then(|heading| {
        let (_, after_tag) = doc
            .source
            .get(span.end()..heading.span.start())?
            .split_once('>')?;
        let rest = after_tag.trim_start();
        let rest = ["</a>", "</div>", "</span>"]
            .iter()
            .find_map(|close| rest.strip_prefix(close))
            .unwrap_or(rest);
        blank(rest).then_some(next)
    });
    after_heading.or_else(|| {
        let h = previous?;
        let (before_tag, _) = doc
            .source
            .get(doc.headings[h].span.end()..span.start())?
            .rsplit_once('<')?;
        blank(before_tag).then_some(h)
    })
}

/// The innermost list item inside `region` holding `offset`, with its depth.
fn list_item_at(doc: &Document, region: &Range<usize>, offset: usize) -> Option<(usize, usize)> {
    std::iter::successors(doc.block_at(offset), |&i| doc.blocks[i].parent()).find_map(|i| {
        let block = &doc.blocks[i];
        match block.kind {
            BlockKind::ListItem { depth } if within(block.span, region) => {
                Some((i, depth as usize))
            }
            _ => None,
        }
    })
}
