//! `dup-link`: one entry listed twice — a list item or table row leading with the same
//! page as an earlier one of its group or section, or with the same page and the same
//! name as an earlier entry of its scope (the document, unless the list cross-lists).
//!
//! Only the link an item leads with counts: a license, an author or a demo linked from
//! many entries is not a duplicate, and neither is a paper cited in two sections.

use std::hash::Hash;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::entries::{Container, Entries, container_of};
use crate::document::{BlockKind, Document, NO_INDEX, optional_index};
use crate::fix::{Edit, Fix};
use crate::text::name_key_with_symbols;

use super::Context;
use super::dup_section::{DuplicateSection, SameItem, in_pair};
use super::fingerprint::identical;
use super::web_links::{WebLink, entry_link, has_description, lead_link};

declare_rule!("dup-link", Duplicates, Warning, fix: Sometimes(SafeOrUnsafe),
    options: DupLinkOptions, check: Document(check), summary: "the same link listed twice");

/// Where entries with one page and one name are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every entry with every other.
    Document,
    /// Within each top-level category (a heading below the title, with everything under it).
    Category,
    /// Within each section and nested-list group; `section`, its old name, still reads.
    #[serde(alias = "section")]
    Group,
}

/// Options of `dup-link`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DupLinkOptions {
    /// Canonical URLs that may be listed any number of times; `*` matches any text
    /// (`github.com/awesome-foss/*`).
    pub allow: Vec<String>,
    /// Where entries are compared; unset, `category` for a list that cross-lists
    /// entries under its categories on purpose, `document` for any other.
    pub scope: Option<Scope>,
}

/// Pages listed with one name under two categories or more, in a list that does it on
/// purpose: at least this many…
const MIN_CROSS_LISTED: usize = 10;
/// …and at least this share, in percent, of the pages its entries lead with. Lists that
/// cross-list do it for a tenth to a fifth of their entries; a list with a few stray
/// repeats stays well under this.
const MIN_CROSS_LISTED_PERCENT: usize = 4;

/// Entries listed again elsewhere that make a section a showcase, at the least: two
/// are a coincidence of a small section.
const MIN_SHOWCASED: usize = 3;

/// A list item or table row that leads with a link. Its page, name and group are
/// interned numbers and its indices `u32`: a 13 MB list has 200,000 items, and with
/// the `(Container, table, &str)` keys and an owned name each this rule held 39 MB.
struct Item<'l> {
    link: &'l WebLink,
    block: u32,
    /// Its page: the canonical target its link leads to.
    page: u32,
    /// Its name, comparable ([`name_key`]); one number for every bare URL.
    name: u32,
    /// Its group: its container, and for a table row its table (the rows of one table
    /// are one group).
    group: u32,
    /// The heading whose section holds it, [`NO_INDEX`] for the introduction: the maps
    /// below key by it, without the word an `Option` adds to each of 200,000 items.
    section: u32,
    /// The top-level category holding it, [`NO_INDEX`] for none.
    category: u32,
}

impl Item<'_> {
    fn block(&self) -> usize {
        self.block as usize
    }

    fn container(&self, doc: &Document) -> Container {
        container_of(doc, self.block())
    }
}

/// Equal keys get one number, so an item's page, name and group compare and hash
/// as numbers, and each distinct name is stored once.
struct Interner<K>(FxHashMap<K, u32>);

impl<K: Hash + Eq> Interner<K> {
    fn new() -> Self {
        Self(FxHashMap::default())
    }

    fn id(&mut self, key: K) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(key).or_insert(next)
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<DupLinkOptions>();
    let links = ctx.web_links();
    let entries = ctx.entries();
    let items: Vec<Item> = items(doc, entries, links)
        .filter(|item| {
            !options
                .allow
                .iter()
                .any(|pattern| glob_match(pattern, item.link.url.key()))
        })
        .collect();
    let scope = options
        .scope
        .unwrap_or(if cross_lists(&listings(&items, |i| i.category)) {
            Scope::Group
        } else {
            Scope::Document
        });
    let showcases = showcases(&items, &listings(&items, |i| i.section));
    // A repeated section is reported once, by dup-section, not entry by entry.
    let repeated: Vec<DuplicateSection> = ctx
        .duplicate_sections()
        .iter()
        .filter(|d| matches!(d.reason, SameItem::Repeated { .. }))
        .cloned()
        .collect();
    let in_repeat = |first: &Item, later: &Item| {
        let at = |item: &Item| doc.blocks[item.block()].span.start();
        in_pair(doc, &repeated, at(first), at(later))
    };
    // The first item of each page in each group, in each section, and among the
    // named entries of each scope: a repeat is compared with the closest.
    let mut in_group: FxHashMap<(u32, u32), &Item> = FxHashMap::default();
    let mut in_section: FxHashMap<(u32, u32), &Item> = FxHashMap::default();
    let mut named: FxHashMap<(u32, u32), &Item> = FxHashMap::default();
    for item in &items {
        let scope_key = if scope == Scope::Document {
            NO_INDEX
        } else {
            item.category
        };
        if let Some(first) = in_group.get(&(item.group, item.page)) {
            if !in_repeat(first, item) {
                out.push(report(doc, entries, first, item));
            }
            continue;
        }
        let first = in_section
            .get(&(item.section, item.page))
            .filter(|_| scope != Scope::Group)
            .or_else(|| {
                named.get(&(scope_key, item.page)).filter(|first| {
                    scope != Scope::Group
                        && first.name == item.name
                        && !showcases.contains(&first.section)
                        && !showcases.contains(&item.section)
                })
            });
        match first {
            Some(first) if !in_repeat(first, item) => {
                out.push(report(doc, entries, first, item));
            }
            Some(_) => {}
            None => {
                in_section.insert((item.section, item.page), item);
                if item.link.named {
                    named.entry((scope_key, item.page)).or_insert(item);
                }
            }
        }
        in_group.insert((item.group, item.page), item);
    }
}

/// The list items and table rows that lead with a link, in document order.
fn items<'l>(
    doc: &Document,
    entries: &Entries,
    links: &'l [WebLink],
) -> impl Iterator<Item = Item<'l>> {
    let level = category_level(doc, entries);
    let mut pages = Interner::new();
    let mut names = Interner::new();
    let mut groups = Interner::new();
    doc.blocks.iter().enumerate().filter_map(move |(block, b)| {
        let (link, name) = match b.kind {
            BlockKind::ListItem { .. } => {
                let link = lead_link(doc, block, links)?;
                (
                    link,
                    if link.named {
                        name_key(doc, link)
                    } else {
                        String::new()
                    },
                )
            }
            // A row is named by its cells, not by a `[pdf]` or `[code]` link.
            BlockKind::TableRow => {
                let entry = entries.at(block)?;
                (
                    entry_link(doc, entry, links)?,
                    name_key_with_symbols(entry.label(doc)),
                )
            }
            _ => return None,
        };
        let container = container_of(doc, block);
        let table = (b.kind == BlockKind::TableRow)
            .then_some(b.parent())
            .flatten();
        Some(Item {
            link,
            block: block as u32,
            page: pages.id(link.url.target()),
            name: names.id(name),
            group: groups.id([container.0, container.1, table].map(optional_index)),
            section: optional_index(container.0),
            category: optional_index(
                std::iter::successors(container.0, |&h| doc.headings[h].parent())
                    .find(|&h| doc.headings[h].level <= level),
            ),
        })
    })
}

/// The level of a document's top-level categories: the shallowest heading level at
/// which its entries sit under two headings or more (a title above them all is not a
/// category, and neither is a `Contents` heading holding every category).
fn category_level(doc: &Document, entries: &Entries) -> u8 {
    let sections: FxHashSet<Option<usize>> = entries.iter().map(|e| e.section()).collect();
    (1..=6)
        .find(|&level| {
            let holding: FxHashSet<usize> = sections
                .iter()
                .filter_map(|&section| {
                    std::iter::successors(section, |&h| doc.headings[h].parent())
                        .find(|&h| doc.headings[h].level <= level)
                        .filter(|&h| doc.headings[h].level == level)
                })
                .collect();
            holding.len() >= 2
        })
        .unwrap_or(0)
}

/// Where each named entry is listed, by page and name: whether in two places or more
/// (top-level categories, or sections) is all the callers ask, so the first place is
/// kept instead of a set of them.
type Listings = FxHashMap<(u32, u32), Places>;

#[derive(Clone, Copy)]
struct Places {
    first: u32,
    several: bool,
}

fn listings(items: &[Item], place: impl Fn(&Item) -> u32) -> Listings {
    let mut listings: Listings = FxHashMap::default();
    for item in items.iter().filter(|item| item.link.named) {
        let place = place(item);
        listings
            .entry((item.page, item.name))
            .and_modify(|places| places.several |= places.first != place)
            .or_insert(Places {
                first: place,
                several: false,
            });
    }
    listings
}

/// Whether the list files entries under several categories on purpose (an app under
/// each platform it runs on, a project under each language it is ranked in): many of
/// its pages are listed with one name in two categories or more.
fn cross_lists(listings: &Listings) -> bool {
    let pages: FxHashSet<u32> = listings.keys().map(|&(page, _)| page).collect();
    let cross_listed: FxHashSet<u32> = listings
        .iter()
        .filter(|(_, places)| places.several)
        .map(|(&(page, _), _)| page)
        .collect();
    cross_listed.len() >= MIN_CROSS_LISTED
        && cross_listed.len() * 100 >= pages.len() * MIN_CROSS_LISTED_PERCENT
}

/// The sections that show again entries of the list's categories (`Trending`, a
/// sponsor's products): at least [`MIN_SHOWCASED`] of their named entries, and half or more, are
/// also listed in another section (`in_sections`). Showing them twice is what the
/// section is for.
fn showcases(items: &[Item], in_sections: &Listings) -> FxHashSet<u32> {
    let mut counts: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
    for item in items.iter().filter(|item| item.link.named) {
        let (elsewhere, all) = counts.entry(item.section).or_default();
        *all += 1;
        if in_sections
            .get(&(item.page, item.name))
            .is_some_and(|places| places.several)
        {
            *elsewhere += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (elsewhere, all))| elsewhere >= MIN_SHOWCASED && elsewhere * 2 >= all)
        .map(|(section, _)| section)
        .collect()
}

/// The name an entry goes by, for comparing: its text without case, width and
/// punctuation; a repository's `owner/repo` (or `repo/owner`) is its `repo`, so
/// `rmqtt/rmqtt` and `Rmqtt` are one name.
fn name_key(doc: &Document, link: &WebLink) -> String {
    let text = link.text(doc).trim();
    if let Some((a, b)) = text.split_once('/') {
        let path: Vec<&str> = link.url.key().split('/').skip(1).take(3).collect();
        if let [owner, repo] = path.as_slice() {
            let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
            if (a == *owner && b == *repo) || (a == *repo && b == *owner) {
                return name_key_with_symbols(repo);
            }
        }
    }
    name_key_with_symbols(text)
}

/// What may be done about a repeated link, from the surest to the least sure.
enum Verdict {
    /// A byte-identical copy in the same category: deleting it loses nothing.
    Copy,
    /// The same name and description, written differently, in the same category.
    Rewritten,
    /// The same entry in another category: cross-listed, maybe on purpose.
    CrossListed,
    /// One page under two names: one of them may be wrong, or both are right.
    TwoNames,
    /// One name with two descriptions, or an entry with nested items: only a person
    /// can merge them.
    Differs,
}

fn verdict(doc: &Document, entries: &Entries, first: &Item, later: &Item) -> Verdict {
    let entry = |item: &Item| entries.at(item.block());
    if first.name != later.name {
        return Verdict::TwoNames;
    }
    if first.group != later.group {
        return Verdict::CrossListed;
    }
    let (first_entry, later_entry) = (entry(first), entry(later));
    // A category keeps the first item, so it keeps an entry unless the first is none.
    let keeps_one = later_entry.is_none() || entries.in_container(later.container(doc)) >= 2;
    if !removable(doc, later.block()) || !keeps_one {
        return Verdict::Differs;
    }
    if identical(doc, first.block(), later.block()) {
        return Verdict::Copy;
    }
    let says_the_same = match (first_entry, later_entry) {
        (Some(a), Some(b)) => a.says_the_same(b, doc),
        // Items of bare URLs have no name; with nothing after the URL, they say the same.
        (None, None) => {
            !has_description(doc, first.block(), first.link)
                && !has_description(doc, later.block(), later.link)
        }
        _ => false,
    };
    if says_the_same {
        Verdict::Rewritten
    } else {
        Verdict::Differs
    }
}

fn report(doc: &Document, entries: &Entries, first: &Item, later: &Item) -> Diagnostic {
    let name = |item: &Item| match entries.at(item.block()) {
        Some(entry) if entry.link(doc).span == item.link.span => {
            format!("\"{}\"", entry.label(doc))
        }
        _ if item.link.named => format!("\"{}\"", item.link.text(doc).trim()),
        _ => item.link.text(doc).to_owned(),
    };
    let (later_name, first_name) = (name(later), name(first));
    let here = entries.container_name(doc, later.container(doc));
    let there = entries.container_name(doc, first.container(doc));
    let verdict = verdict(doc, entries, first, later);
    let message = match verdict {
        Verdict::TwoNames => format!("{later_name} links the same page as {first_name}"),
        _ => format!("{later_name} is listed twice"),
    };
    let delete = || {
        doc.line_removal(doc.blocks[later.block()].span, false)
            .map(|range| vec![Edit::delete(range)])
    };
    let (help, fix) = match verdict {
        Verdict::Copy => (
            format!("delete this copy of {later_name} from \"{here}\""),
            delete().map(Fix::safe),
        ),
        Verdict::Rewritten => (
            format!(
                "delete this copy of {later_name} from \"{here}\"; it is written differently from the first, so check what to keep"
            ),
            delete().map(Fix::unsafe_edits),
        ),
        Verdict::CrossListed => (
            format!(
                "also listed in \"{there}\"; keep both if it belongs in both, otherwise delete one"
            ),
            None,
        ),
        Verdict::TwoNames => (
            "check which name is right; if both are, keep both".to_owned(),
            None,
        ),
        Verdict::Differs => ("merge the two entries".to_owned(), None),
    };
    let diagnostic = Diagnostic::new(later.link.span.range(), message)
        .with_label(first.link.span.range(), "first listed here")
        .with_help(help)
        .with_fix(fix);
    // Two names on one page are more often two parts of one project than a mistake.
    match verdict {
        Verdict::TwoNames => diagnostic.at_most(Severity::Info),
        _ => diagnostic,
    }
}

/// A table row, or a list item without nested blocks: deleting its lines deletes it
/// alone.
fn removable(doc: &Document, block: usize) -> bool {
    doc.blocks[block].kind == BlockKind::TableRow
        || doc
            .blocks
            .get(block + 1)
            .is_none_or(|next| next.parent() != Some(block))
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters. A
/// pattern written with a scheme or `www.` matches the canonical form all the same.
fn glob_match(pattern: &str, text: &str) -> bool {
    let pattern = pattern.split_once("://").map_or(pattern, |(_, rest)| rest);
    let pattern = pattern.strip_prefix("www.").unwrap_or(pattern);
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::{Item, glob_match, name_key};
    use crate::document::Document;
    use crate::rules::web_links::find_web_links;

    /// One item per entry of a list, all held while the rule runs.
    #[test]
    fn items_stay_small() {
        assert_eq!(std::mem::size_of::<Item>(), 32);
    }

    #[test]
    fn repository_names_with_their_owner() {
        let doc = Document::parse(
            "[rmqtt/rmqtt](https://github.com/rmqtt/rmqtt) [vproxy/0x676e67](https://github.com/0x676e67/vproxy) [tokio-rs/axum](https://github.com/tokio-rs/hyper) [C++ / Rust](https://example.com/c/rust)\n",
        );
        let keys: Vec<String> = find_web_links(&doc)
            .iter()
            .map(|link| name_key(&doc, link))
            .collect();
        assert_eq!(keys, ["rmqtt", "vproxy", "tokiorsaxum", "c++rust"]);
    }

    #[test]
    fn allow_patterns() {
        assert!(glob_match(
            "github.com/awesome-foss/*",
            "github.com/awesome-foss/awesome-sysadmin"
        ));
        assert!(glob_match("https://www.example.com/a", "example.com/a"));
        assert!(glob_match("*.example.com/*", "docs.example.com/x"));
        assert!(!glob_match("example.com/a", "example.com/ab"));
        assert!(!glob_match("github.com/a/*", "github.com/b/c"));
    }
}
