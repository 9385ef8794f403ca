//! Writing TOC entries in the TOC's own style: the edits of the TOC fixes and of
//! `pocketlint toc`.

use std::cell::OnceCell;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::document::{BlockKind, Document, Heading};
use crate::fix::Edit;
use crate::settings::TocConfig;

use super::fragment::fragment_of;
use super::{Entry, EntryKind, Style, Toc, section_name};

/// How a link TOC writes its items, as written: the first item's marker, its
/// indentation, and what each nesting level adds (spaces or tabs, kept as they are:
/// GitHub renders a tab-indented TOC flat if the tabs become one space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListStyle {
    /// `-`, `*`, `+`, or `1.`/`1)` for an ordered list.
    pub marker: String,
    pub base: String,
    pub unit: String,
}

impl Default for ListStyle {
    fn default() -> Self {
        Self {
            marker: "-".to_owned(),
            base: String::new(),
            unit: "  ".to_owned(),
        }
    }
}

impl ListStyle {
    /// The style of the link items in `toc`: the nesting unit is the one most
    /// first-level nested items add to the top level's indentation.
    pub fn of(doc: &Document, toc: &Toc) -> Self {
        let items: Vec<(usize, usize)> = toc
            .entries
            .iter()
            .filter_map(|e| match e.kind {
                EntryKind::Link {
                    item: Some(item),
                    depth,
                    ..
                } => Some((item, depth)),
                _ => None,
            })
            .collect();
        let Some(&(first, _)) = items.first() else {
            return Self::default();
        };
        let base = indentation(doc, doc.blocks[first].span.start()).to_owned();
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for &(item, depth) in &items {
            let added = indentation(doc, doc.blocks[item].span.start()).strip_prefix(base.as_str());
            if let Some(unit) = added.filter(|u| depth == 1 && !u.is_empty()) {
                match counts.iter_mut().find(|(u, _)| *u == unit) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((unit, 1)),
                }
            }
        }
        let unit = counts
            .iter()
            .max_by_key(|&&(unit, count)| (count, usize::MAX - unit.len()))
            .map_or("  ", |&(unit, _)| unit)
            .to_owned();
        Self {
            marker: numbered(item_prefix(doc, first).trim(), 1),
            base,
            unit,
        }
    }

    /// One item line: `  - [Text](#anchor)`.
    pub fn line(&self, depth: usize, text: &str, anchor: &str) -> String {
        format!(
            "{}{}{} [{}](#{anchor})\n",
            self.base,
            self.unit.repeat(depth),
            self.marker,
            escape_link_text(text)
        )
    }
}

/// An item prefix (`  3. `, `\t- `) with its number, if it has one, set to `n`: an
/// ordered list keeps its delimiter and numbering when an item is added.
fn numbered(prefix: &str, n: usize) -> String {
    let indent = prefix.len() - prefix.trim_start_matches([' ', '\t']).len();
    let digits = prefix[indent..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return prefix.to_owned();
    }
    format!("{}{n}{}", &prefix[..indent], &prefix[indent + digits..])
}

/// The number of an ordered item's prefix (`3. ` → 3).
fn number_of(prefix: &str) -> Option<usize> {
    let digits: String = prefix
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The spaces and tabs before the text on the line holding `offset`.
fn indentation<'d>(doc: &Document<'d>, offset: usize) -> &'d str {
    let text = &doc.source[doc.whole_lines(&(offset..offset))];
    &text[..text.len() - text.trim_start_matches([' ', '\t']).len()]
}

/// The text before a list item's content on its first line: indentation, marker
/// (`-`, `*`, `1.`) and the spaces after it.
pub fn item_prefix(doc: &Document, item: usize) -> String {
    let start = doc.blocks[item].span.start();
    let line = &doc.source[doc.whole_lines(&(start..start))];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = (digits + 1).min(rest.len());
    let spaces = rest[marker..].bytes().take_while(|&b| b == b' ').count();
    line[..indent + marker + spaces].to_owned()
}

/// Text safe inside `[…]`.
pub fn escape_link_text(text: &str) -> String {
    // A backslash first: `Paper\` must not escape the `]` that closes the text.
    one_line(text)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// Text safe inside a table cell.
pub fn escape_cell(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('|', "\\|")
}

/// `text` trimmed, with no line ending left to end an entry early: a lone `\r` in a
/// heading is text to pulldown-cmark but would end the TOC line it is copied to.
fn one_line(text: &str) -> String {
    text.trim().replace(['\r', '\n'], " ")
}

/// The link list `toc` should be (or, without a TOC, the one the document should
/// have: its `##` and `###` sections).
pub fn render(doc: &Document, toc: Option<&Toc>, config: &TocConfig) -> String {
    let Some(toc) = toc else {
        return fresh(doc, config, 0);
    };
    // A working link keeps its fragment as written (`#csharp`, an HTML anchor).
    let written = |h: usize| {
        let entry = toc.entries.iter().find(|e| e.heading() == Some(h))?;
        match entry.kind {
            EntryKind::Link { link, .. } => doc.links[link].dest(doc).strip_prefix('#'),
            EntryKind::Cell { .. } => None,
        }
    };
    let style = ListStyle::of(doc, toc);
    let encode = OnceCell::new();
    items(doc, &toc.expected(doc, config), &style, |h| {
        written(h).map_or_else(|| anchor_of(doc, h, &encode), str::to_owned)
    })
}

/// A new link list of the sections starting at or after `from`, at the configured
/// levels (`##` and `###` by default), in the document's anchor style.
fn fresh(doc: &Document, config: &TocConfig, from: usize) -> String {
    let levels = config.levels.clone().unwrap_or_else(|| vec![2, 3]);
    let listed = |h: &Heading| h.span.start() >= from && levels.contains(&h.level);
    let headings: Vec<usize> = (0..doc.headings.len())
        .filter(|&h| listed(&doc.headings[h]))
        .collect();
    let encode = OnceCell::new();
    items(doc, &headings, &ListStyle::default(), |h| {
        anchor_of(doc, h, &encode)
    })
}

/// One item line per heading, nested by level below the highest.
fn items(
    doc: &Document,
    headings: &[usize],
    style: &ListStyle,
    anchor: impl Fn(usize) -> String,
) -> String {
    let top = headings
        .iter()
        .map(|&h| doc.headings[h].level)
        .min()
        .unwrap_or(1);
    headings
        .iter()
        .map(|&h| {
            let heading = &doc.headings[h];
            style.line(
                usize::from(heading.level - top),
                &section_name(doc, h),
                &anchor(h),
            )
        })
        .collect()
}

/// The fragment a new entry for heading `h` uses (in a TOC fix, a printed TOC, a
/// filled marker): an HTML anchor the heading carries
/// (`## <a name="csharp"></a>C#`), else its GitHub anchor, percent-encoded when the
/// document writes its other fragments so ([`percent_encodes`], found on the first
/// non-ASCII anchor and kept in `encode`: it reads every link, and an ASCII anchor
/// does not need it).
fn anchor_of(doc: &Document, h: usize, encode: &OnceCell<bool>) -> String {
    let heading = &doc.headings[h];
    if let Some(html) = doc
        .html_anchors
        .iter()
        .find(|a| heading.span.contains(a.span.start()))
    {
        return html.name.clone();
    }
    if heading.anchor(doc).is_ascii() || !*encode.get_or_init(|| percent_encodes(doc)) {
        return heading.anchor(doc).to_owned();
    }
    let mut out = String::new();
    for c in heading.anchor(doc).chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Whether the document's `#fragment` links with non-ASCII anchors mostly write them
/// percent-encoded (`#%E7%9B%AE%E5%BD%95`) rather than as text (`#目录`).
fn percent_encodes(doc: &Document) -> bool {
    let (mut encoded, mut raw) = (0, 0);
    for link in &doc.links {
        let Some(fragment) = link.dest(doc).find('#').map(|hash| &link.dest(doc)[hash..]) else {
            continue;
        };
        // Only a fragment with a `%` or a non-ASCII character can decode to non-ASCII:
        // the others are not decoded (a `String` each).
        let may_be_non_ascii = !fragment.is_ascii() || fragment.contains('%');
        if may_be_non_ascii && fragment_of(fragment).is_some_and(|f| !f.is_ascii()) {
            if link.dest(doc).is_ascii() {
                encoded += 1;
            } else {
                raw += 1;
            }
        }
    }
    encoded > raw
}

/// Fills an empty TOC marker (`<!-- toc -->` then `<!-- tocstop -->`, or doctoc's)
/// with a link list of the sections after it. `None` when there is no such marker or
/// it already holds a list.
pub fn fill_marker(doc: &Document, config: &TocConfig) -> Option<Edit> {
    let region = super::detect::marked_region(doc)?;
    let filled = doc.blocks[doc.block_indices_within(&region)]
        .iter()
        .any(|b| matches!(b.kind, BlockKind::List { .. }));
    let list = fresh(doc, config, region.end);
    if filled || list.is_empty() {
        return None;
    }
    let kept = doc.slice(&region).trim_end().len();
    Some(Edit::replace(
        region.start + kept..region.end,
        format!("\n\n{list}\n"),
    ))
}

/// Whether list item `item` has a nested list.
fn has_children(doc: &Document, item: usize) -> bool {
    doc.blocks
        .iter()
        .skip(item + 1)
        .take_while(|b| b.span.start() < doc.blocks[item].span.end())
        .any(|b| b.parent() == Some(item) && matches!(b.kind, BlockKind::List { .. }))
}

/// Deletes the list item of a link entry, when the item is nothing but that entry.
pub fn remove_entry(doc: &Document, toc: &Toc, entry: &Entry) -> Option<Edit> {
    let item = entry.item()?;
    let alone = toc
        .entries
        .iter()
        .filter(|e| e.item() == Some(item))
        .count()
        == 1;
    (alone && !has_children(doc, item))
        .then(|| Edit::delete(doc.whole_lines(doc.blocks[item].span)))
}

/// The text range of an inline link (between `[` and `](`).
fn link_text_range(doc: &Document, link: usize) -> Option<Range<usize>> {
    let link = &doc.links[link];
    let dest = link.dest_span()?;
    let start = link.span.start() + 1;
    let end = start + doc.source.get(start..dest.start())?.rfind("](")?;
    Some(start..end)
}

/// Rewrites an entry's text to `text` (a link's text, or a table cell keeping its
/// "new" marker).
pub fn retext_entry(doc: &Document, entry: &Entry, text: &str) -> Option<Edit> {
    match entry.kind {
        EntryKind::Link { link, .. } => Some(Edit::replace(
            link_text_range(doc, link)?,
            escape_link_text(text),
        )),
        EntryKind::Cell { new, .. } => {
            let cell = escape_cell(text);
            let cell = if new { format!("*【{cell}】") } else { cell };
            Some(Edit::replace(entry.span.clone(), cell))
        }
    }
}

/// Entries for the headings `missing`, each in the TOC's own style: a link item beside
/// its sibling sections' items (or nested under its parent's), or a row appended to the
/// table of the group its part belongs to. What every insertion reads (the anchor style,
/// the TOC item of each heading, the sections beside each) is found once, so a TOC
/// missing most of a long document's sections costs time linear in it.
pub fn insert_entries(doc: &Document, toc: &Toc, missing: &[usize]) -> Vec<Option<Edit>> {
    // Entries are placed by lines; a lone `\r` ends a line for the parser but not for
    // the line index, so a line placed there could land outside the TOC.
    let region = doc.slice(&toc.region);
    if region
        .match_indices('\r')
        .any(|(i, _)| !region[i + 1..].starts_with('\n'))
    {
        return vec![None; missing.len()];
    }
    let inserter = Inserter::new(doc, toc);
    missing.iter().map(|&h| inserter.insert(h)).collect()
}

/// What inserting TOC entries needs to know of the document and its TOC.
struct Inserter<'d> {
    doc: &'d Document<'d>,
    toc: &'d Toc,
    /// Whether non-ASCII anchors are written percent-encoded ([`anchor_of`]).
    encode: OnceCell<bool>,
    path: &'d str,
    /// The list item of the first TOC entry that links each heading.
    items: FxHashMap<usize, usize>,
    /// The headings under each parent at each level, in document order.
    siblings: FxHashMap<(Option<usize>, u8), Vec<usize>>,
}

impl<'d> Inserter<'d> {
    fn new(doc: &'d Document<'d>, toc: &'d Toc) -> Self {
        let mut items = FxHashMap::default();
        for entry in &toc.entries {
            if let (Some(h), Some(item)) = (entry.heading(), entry.item()) {
                items.entry(h).or_insert(item);
            }
        }
        let mut siblings: FxHashMap<_, Vec<usize>> = FxHashMap::default();
        for (i, heading) in doc.headings.iter().enumerate() {
            siblings
                .entry((heading.parent(), heading.level))
                .or_default()
                .push(i);
        }
        Self {
            doc,
            toc,
            encode: OnceCell::new(),
            path: link_path(doc, toc),
            items,
            siblings,
        }
    }

    fn insert(&self, h: usize) -> Option<Edit> {
        let (doc, toc) = (self.doc, self.toc);
        let heading = &doc.headings[h];
        if toc.style == Style::Tables {
            return insert_row(doc, toc, heading.parent(), &section_name(doc, h));
        }
        let item_of = |target: &usize| self.items.get(target).copied();
        let siblings = &self.siblings[&(heading.parent(), heading.level)];
        let at = siblings.partition_point(|&s| s < h);
        let (before, after) = (&siblings[..at], &siblings[at..]);
        let anchor = anchor_of(doc, h, &self.encode);
        let line = |prefix: &str| {
            format!(
                "{prefix}[{}]({}#{anchor})\n",
                escape_link_text(&section_name(doc, h)),
                self.path
            )
        };
        if let Some(item) = before.iter().rev().find_map(item_of) {
            let end = doc.whole_lines(doc.blocks[item].span).end;
            let prefix = item_prefix(doc, item);
            let prefix =
                number_of(&prefix).map_or_else(|| prefix.clone(), |n| numbered(&prefix, n + 1));
            return Some(Edit::insert(end, line(&prefix)));
        }
        if let Some(item) = after.iter().filter(|&&s| s > h).find_map(item_of) {
            let start = doc.whole_lines(doc.blocks[item].span).start;
            return Some(Edit::insert(start, line(&item_prefix(doc, item))));
        }
        let parent = item_of(&heading.parent()?)?;
        let start = doc.blocks[parent].span.start();
        let first_line = doc.whole_lines(&(start..start));
        Some(Edit::insert(
            first_line.end,
            line(&child_prefix(doc, toc, parent)),
        ))
    }
}

/// Points link `link` at `#anchor`, changing only its fragment: `README.md#old`
/// becomes `README.md#anchor`.
pub fn retarget(doc: &Document, link: usize, anchor: &str) -> Option<Edit> {
    let dest = doc.links[link].dest_span()?;
    let hash = doc.slice(dest).find('#')?;
    Some(Edit::replace(
        dest.start() + hash..dest.end(),
        format!("#{anchor}"),
    ))
}

/// What the TOC's links write before the fragment, as written in the first of them:
/// empty for `#x`, `README.md` or the repository's address for the other forms.
fn link_path<'d>(doc: &Document<'d>, toc: &Toc) -> &'d str {
    toc.entries
        .iter()
        .find_map(|e| match e.kind {
            EntryKind::Link { link, .. } => doc.links[link].dest_span(),
            EntryKind::Cell { .. } => None,
        })
        .and_then(|dest| {
            let written = doc.slice(dest);
            written.find('#').map(|hash| &written[..hash])
        })
        .unwrap_or("")
}

/// The prefix of a first nested item under list item `parent`: the parent's
/// indentation plus the TOC's nesting unit (at least up to the parent's text, or it
/// would not nest), and the marker the TOC's nested items use, numbered from 1.
fn child_prefix(doc: &Document, toc: &Toc, parent: usize) -> String {
    let style = ListStyle::of(doc, toc);
    let depth = match doc.blocks[parent].kind {
        BlockKind::ListItem { depth } => depth as usize,
        _ => 0,
    };
    let marker = toc
        .entries
        .iter()
        .find_map(|e| match e.kind {
            EntryKind::Link {
                item: Some(item),
                depth: d,
                ..
            } if d == depth + 1 => Some(item_prefix(doc, item).trim().to_owned()),
            _ => None,
        })
        .unwrap_or(style.marker.clone());
    let indent = indentation(doc, doc.blocks[parent].span.start());
    let width = item_prefix(doc, parent).len() - indent.len();
    let unit = if style.unit.contains('\t') || style.unit.len() >= width {
        style.unit
    } else {
        " ".repeat(width)
    };
    format!("{indent}{unit}{} ", numbered(&marker, 1))
}

/// A row `|Name|||` after the last table of the group standing for part `part`.
fn insert_row(doc: &Document, toc: &Toc, part: Option<usize>, text: &str) -> Option<Edit> {
    let group = toc
        .groups
        .iter()
        .position(|g| g.part.is_some() && g.part == part)?;
    let last_cell = toc
        .entries
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EntryKind::Cell { group: Some(g), .. } if g == group))?;
    let table = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Table && b.span.contains(last_cell.span.start))
        .map(|(i, _)| i)
        .next_back()?;
    let head = doc
        .blocks
        .iter()
        .position(|b| b.parent() == Some(table) && b.kind == BlockKind::TableHead)?;
    let columns = doc
        .blocks
        .iter()
        .filter(|b| b.parent() == Some(head))
        .count()
        .max(1);
    let end = doc.whole_lines(doc.blocks[table].span).end;
    let newline = if doc.source[..end].ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some(Edit::insert(
        end,
        format!(
            "{newline}|{}|{}\n",
            escape_cell(text),
            "|".repeat(columns - 1)
        ),
    ))
}

/// Moves the list item `item` to just after `after`'s item, or before `before`'s.
pub fn move_item(
    doc: &Document,
    item: usize,
    after: Option<usize>,
    before: Option<usize>,
) -> Option<Vec<Edit>> {
    let lines = doc.whole_lines(doc.blocks[item].span);
    let text = doc.source[lines.clone()].to_owned();
    let text = if text.ends_with('\n') {
        text
    } else {
        format!("{text}\n")
    };
    let at = match (after, before) {
        (Some(a), _) => doc.whole_lines(doc.blocks[a].span).end,
        (None, Some(b)) => doc.whole_lines(doc.blocks[b].span).start,
        (None, None) => return None,
    };
    Some(vec![Edit::delete(lines), Edit::insert(at, text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_style_follows_the_toc() {
        let style = ListStyle {
            marker: "*".to_owned(),
            base: String::new(),
            unit: "\t".to_owned(),
        };
        assert_eq!(style.line(1, "A [b]", "a-b"), "\t* [A \\[b\\]](#a-b)\n");
    }
}
