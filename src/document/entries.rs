//! The entries of a list and the categories they sit in.
//!
//! An entry is a list item or table row that carries a link (`- [hyper](…) - an HTTP
//! implementation`). Its categories are its heading path and its nested-list groups: in
//! `* HTTP Client` → `  * [hyper](…)`, "HTTP Client" is a category just like a heading.
//! The duplicate rules decide what a fix may delete in these terms, and the fix-contract
//! test compares a document's entries before and after fixing in the same terms.
//!
//! The entries are derived from the parse, not part of it: [`Entries::find`] reads them,
//! and the rules' `Context` does so once per check, for the rules that need them.

use std::borrow::Cow;
use std::ops::{Deref, Range};

use rustc_hash::FxHashMap;

use super::span::{index, optional_index, read_index};
use super::{BlockKind, Document, Link, LinkKind};
use crate::text::name_key;

/// A list item or table row that carries a link.
///
/// Indices only, as `u32`: a 13 MB list has 100,000 entries, alive until the check
/// ends. What can be read again from the document is read through accessors rather
/// than kept: the groups are the block's enclosing list items, the description the
/// text after the link, both asked of few entries (the duplicates found).
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index of the list item or table row in [`Document::blocks`].
    block: u32,
    /// Index of the heading whose section holds the entry, [`NO_INDEX`](super::span::NO_INDEX) for none.
    section: u32,
    /// The innermost list item the entry is nested in, [`NO_INDEX`](super::span::NO_INDEX) for none.
    group: u32,
    /// For a table row, its table in [`Document::blocks`], [`NO_INDEX`](super::span::NO_INDEX) otherwise.
    table: u32,
    /// Index in [`Document::links`] of the first link of its own text.
    link: u32,
}

/// The category that directly holds an entry: its section and its innermost group.
pub type Container = (Option<usize>, Option<usize>);

impl Entry {
    /// Index of the list item or table row in [`Document::blocks`].
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// Index of the heading whose section holds the entry.
    pub fn section(&self) -> Option<usize> {
        read_index(self.section)
    }

    /// For a table row, the index of its table in [`Document::blocks`]: the rows of one
    /// table are a group as the items of one list are, and their cells follow the
    /// table's columns, not a list's `[Name](url) - description` convention.
    pub fn table(&self) -> Option<usize> {
        read_index(self.table)
    }

    /// Index in [`Document::links`] of the first link of its own text.
    pub fn link_index(&self) -> usize {
        self.link as usize
    }

    pub fn link<'d>(&self, doc: &'d Document) -> &'d Link {
        &doc.links[self.link_index()]
    }

    /// The link text, trimmed.
    pub fn name<'d>(&self, doc: &'d Document) -> &'d str {
        self.link(doc).text(doc).trim()
    }

    /// What a finding calls the entry: its link text, or for a table row whose link
    /// comes after the cell that names the row (`| 2024.06 | Mooncake: … | [[pdf]](…) |`),
    /// that cell's text.
    pub fn label<'d>(&self, doc: &'d Document) -> &'d str {
        if self.table().is_none() {
            return self.name(doc);
        }
        let link_start = self.link(doc).span.start();
        let cells = doc.block_indices_within(doc.blocks[self.block()].span);
        cells
            .filter(|&c| doc.blocks[c].parent() == Some(self.block()))
            .map(|c| &doc.blocks[c])
            .take_while(|cell| cell.span.start() <= link_start)
            .find(|cell| cell.text(doc).chars().any(char::is_alphabetic))
            .filter(|cell| !cell.span.contains(link_start))
            .map_or_else(|| self.name(doc), |cell| cell.text(doc).trim())
    }

    pub fn container(&self) -> Container {
        (self.section(), read_index(self.group))
    }

    /// The texts of the headings above the entry, outermost first.
    pub fn heading_path<'d>(&self, doc: &'d Document) -> Vec<&'d str> {
        let mut path: Vec<&str> =
            std::iter::successors(self.section(), |&h| doc.headings[h].parent())
                .map(|h| doc.headings[h].text(doc).trim())
                .collect();
        path.reverse();
        path
    }

    /// The own texts of the list items the entry is nested in, outermost first.
    pub fn group_path<'d>(&self, doc: &'d Document) -> Vec<&'d str> {
        enclosing_items(doc, self.block())
            .into_iter()
            .map(|g| own_text(doc, g).0.trim())
            .collect()
    }

    /// What its own text says after the link, separators trimmed: read again from the
    /// document, as only the duplicate rules ask it, of the few entries they compare.
    pub fn description<'d>(&self, doc: &'d Document) -> Cow<'d, str> {
        let name = self.name(doc);
        match doc.blocks[self.block()].kind {
            BlockKind::TableRow => {
                Cow::Owned(text_after(&row_text(doc, self.block()), name).to_owned())
            }
            _ => Cow::Borrowed(text_after(own_text(doc, self.block()).0, name)),
        }
    }

    /// Whether two entries name the same thing with the same description, once case,
    /// width, punctuation and markup are set aside.
    pub fn says_the_same(&self, other: &Entry, doc: &Document) -> bool {
        name_key(self.name(doc)) == name_key(other.name(doc))
            && name_key(&self.description(doc)) == name_key(&other.description(doc))
    }
}

/// Every entry of a document, in document order, and how many each category holds.
#[derive(Debug)]
pub struct Entries {
    list: Vec<Entry>,
    per_container: FxHashMap<Container, usize>,
}

impl Entries {
    /// The entries of `doc`.
    pub fn find(doc: &Document) -> Self {
        let list = find_entries(doc);
        let mut per_container = FxHashMap::default();
        for entry in &list {
            *per_container.entry(entry.container()).or_insert(0) += 1;
        }
        Self {
            list,
            per_container,
        }
    }

    /// The entry that block `index` is, if it is one.
    pub fn at(&self, index: usize) -> Option<&Entry> {
        self.list
            .binary_search_by_key(&index, Entry::block)
            .ok()
            .map(|i| &self.list[i])
    }

    /// How many entries `container` directly holds.
    pub fn in_container(&self, container: Container) -> usize {
        self.per_container.get(&container).copied().unwrap_or(0)
    }

    /// The entries whose list item or table row starts inside `span`: a slice, found by
    /// binary search (entries are in document order).
    pub fn within(&self, doc: &Document, span: &Range<usize>) -> &[Entry] {
        let start_of = |e: &Entry| doc.blocks[e.block()].span.start();
        let start = self.list.partition_point(|e| start_of(e) < span.start);
        let end = start + self.list[start..].partition_point(|e| start_of(e) < span.end);
        &self.list[start..end]
    }

    /// The name of the category that directly holds an entry (or any block of a
    /// section): its innermost group (by its entry's name when the group item is an
    /// entry), else its heading, else "the introduction".
    pub fn container_name<'d>(&self, doc: &'d Document, container: Container) -> &'d str {
        match container {
            (_, Some(group)) => self
                .at(group)
                .map_or_else(|| own_text(doc, group).0.trim(), |e| e.name(doc)),
            (Some(heading), None) => doc.headings[heading].text(doc).trim(),
            (None, None) => "the introduction",
        }
    }
}

impl Deref for Entries {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.list
    }
}

fn find_entries(doc: &Document) -> Vec<Entry> {
    let mut found = Vec::new();
    for (block, b) in doc.blocks.iter().enumerate() {
        let span = match b.kind {
            BlockKind::ListItem { .. } => own_text(doc, block).1,
            BlockKind::TableRow => b.span.range(),
            _ => continue,
        };
        let Some(link) = first_named_link(doc, &span) else {
            continue;
        };
        let table = (b.kind == BlockKind::TableRow)
            .then_some(b.parent())
            .flatten();
        found.push(Entry {
            block: index(block),
            section: optional_index(doc.section_at(b.span.start())),
            group: optional_index(innermost_item(doc, block)),
            table: optional_index(table),
            link: index(link),
        });
    }
    // The entries live as long as the check, through the peak of the rules that read
    // them: a list doubled to fit holds up to twice the entries it needs.
    found.shrink_to_fit();
    found
}

/// What `text` says after `name`, separators trimmed.
fn text_after<'t>(text: &'t str, name: &str) -> &'t str {
    let after = text.split_once(name).map_or("", |(_, rest)| rest);
    trim_separators(after).trim_end()
}

/// `text` without the whitespace and separators an entry writes between its name and
/// its description (`- [Name](url) – what it is`, `：`, `|`).
pub fn trim_separators(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || "-–—:：|,，.。".contains(c))
}

/// The texts of a table row's cells, one space apart.
fn row_text(doc: &Document, row: usize) -> String {
    let cells = doc.block_indices_within(doc.blocks[row].span);
    let texts: Vec<&str> = cells
        .filter(|&c| doc.blocks[c].parent() == Some(row))
        .map(|c| doc.blocks[c].text(doc).trim())
        .collect();
    texts.join(" ")
}

/// The first link in `span` written with a text to name something by: not an image,
/// not an autolink (`<https://…>` names nothing, and wrapping a bare URL in `<…>` must
/// not change which link an entry is about).
fn first_named_link(doc: &Document, span: &Range<usize>) -> Option<usize> {
    let start = doc.links.partition_point(|l| l.span.start() < span.start);
    doc.links[start..]
        .iter()
        .take_while(|l| l.span.start() < span.end)
        .position(|l| {
            !l.image
                && matches!(l.kind, LinkKind::Inline | LinkKind::Reference)
                && !l.text(doc).trim().is_empty()
        })
        .map(|i| start + i)
}

/// The list items enclosing block `index`, outermost first.
pub fn enclosing_items(doc: &Document, index: usize) -> Vec<usize> {
    let mut items: Vec<usize> =
        std::iter::successors(doc.blocks[index].parent(), |&i| doc.blocks[i].parent())
            .filter(|&i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
            .collect();
    items.reverse();
    items
}

/// The category that directly holds block `index`: its section and innermost
/// enclosing list item.
pub fn container_of(doc: &Document, index: usize) -> Container {
    (
        doc.section_at(doc.blocks[index].span.start()),
        innermost_item(doc, index),
    )
}

/// The innermost list item enclosing block `index`.
fn innermost_item(doc: &Document, index: usize) -> Option<usize> {
    std::iter::successors(doc.blocks[index].parent(), |&i| doc.blocks[i].parent())
        .find(|&i| matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }))
}

/// The plain text a list item shows before any nested block, and its span: its own
/// inline text, or for a loose item the text of its first paragraph.
pub fn own_text<'d>(doc: &'d Document, index: usize) -> (&'d str, Range<usize>) {
    let block = &doc.blocks[index];
    let first_child = doc
        .blocks
        .get(index + 1)
        .filter(|child| child.parent() == Some(index));
    if block.text(doc).trim().is_empty()
        && let Some(child) = first_child
        && child.kind == BlockKind::Paragraph
    {
        return (child.text(doc), child.span.range());
    }
    let end = first_child.map_or(block.span.end(), |c| c.span.start());
    (block.text(doc), block.span.start()..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_know_their_headings_groups_and_descriptions() {
        let source = "# Rust\n\n## Web\n\n* HTTP Client\n  * [hyper](https://github.com/hyperium/hyper) - an HTTP implementation\n* <https://example.com>\n\n| Name | What |\n| --- | --- |\n| [axum](https://github.com/tokio-rs/axum) | a web framework |\n";
        let doc = Document::parse(source);
        let found = Entries::find(&doc);
        let described: Vec<String> = found
            .iter()
            .map(|e| format!("{}: {}", e.name(&doc), e.description(&doc)))
            .collect();
        assert_eq!(
            described,
            ["hyper: an HTTP implementation", "axum: a web framework"]
        );
        let hyper = &found[0];
        assert_eq!(hyper.heading_path(&doc), ["Rust", "Web"]);
        assert_eq!(hyper.group_path(&doc), ["HTTP Client"]);
        assert_eq!(found.container_name(&doc, hyper.container()), "HTTP Client");
        let axum = &found[1];
        assert!(axum.group_path(&doc).is_empty());
        assert_eq!(found.container_name(&doc, axum.container()), "Web");
        assert!(hyper.says_the_same(hyper, &doc) && !hyper.says_the_same(axum, &doc));
        assert_eq!(found.at(hyper.block()).map(|e| e.name(&doc)), Some("hyper"));
        assert!(found.at(0).is_none());
        assert_eq!(found.in_container(hyper.container()), 1);
        assert_eq!(found.in_container((None, None)), 0);
    }
}
