//! `entry-order`: an entry out of alphabetical order, in a list that keeps its entries
//! sorted.
//!
//! Many lists promise A–Z order within each category and check it with a script of
//! their own (awesome-go, public-apis, awesome-elixir). Others order by date, stars or
//! importance, so the order is enforced only where the document already keeps it:
//! most lists of three or more entries sorted. Names are compared without case, leading
//! punctuation, emoji or articles; CJK names have no alphabetical order to infer (no
//! pinyin guess), so lists of them are left alone unless `cjk` is set. Numbered lists
//! state their order and are never judged.

use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::entries::Entries;
use crate::document::{BlockKind, Document, Span, index};
use crate::fix::{Edit, Fix};
use crate::text::is_cjk;

use super::Context;
use super::convention::{Majority, Tally};

declare_rule!("entry-order", Format, Warning, fix: Always(Unsafe), options: EntryOrderOptions,
    check: Document(check),
    summary: "an entry out of alphabetical order in a list that keeps its entries sorted");

/// When to require alphabetical order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Enforce {
    /// Where most lists of the document are sorted already.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct EntryOrderOptions {
    pub enforce: Enforce,
    /// Also judge lists whose names are mostly CJK, by code point.
    pub cjk: bool,
}

/// Lists with fewer entries than this say nothing about the document's order: two
/// entries are sorted half the time by chance, three only a sixth of the time.
const EVIDENCE_ENTRIES: usize = 3;

/// How many of those lists must be sorted, and at least how many lists, before the
/// document keeps A–Z order.
const SORTED: Majority = Majority {
    min_count: 3,
    percent: 80,
};

/// Articles skipped at the start of a name (`The Art of…` sorts under A).
const ARTICLES: [&str; 3] = ["the", "an", "a"];

/// The orders a sorted list is kept in: names as a reader looks them up ([`sort_key`]),
/// names as written, only lowercased, as a plain case-insensitive sort leaves them
/// (awesome-elixir's script: `#elixir-lang` first, `The Beam Book` under T), or word by
/// word with the articles kept ([`word_key`]: `RSS-Bridge` before `RSS Monster`,
/// `Algorithms, 4th Edition` before `Algorithms and Complexity`). A list sorted any of
/// these ways is sorted; the document's most common one orders the fix, the earlier on
/// a tie.
const COLLATIONS: [fn(&str) -> String; 3] = [sort_key, literal_key, word_key];

/// The direct entries of one bulleted list: a category's entries, or a nested group's.
///
/// Its sort keys judge it and are dropped: kept for every list, three strings an entry
/// were the most entry-order held at the peak of a 13 MB list. Only a list out of
/// order needs them again ([`Group::keys`]), to be reported.
struct Group {
    /// Block indices of the list items, in document order.
    items: Vec<u32>,
    /// Whether the items are in order, by collation.
    sorted_by: [bool; COLLATIONS.len()],
}

impl Group {
    fn sorted(&self) -> bool {
        self.sorted_by.contains(&true)
    }

    /// Each item's sort key, by collation.
    fn keys(&self, doc: &Document, entries: &Entries) -> [Vec<String>; COLLATIONS.len()] {
        // Every item of a group is an entry ([`groups`]).
        let names: Vec<&str> = self
            .items
            .iter()
            .filter_map(|&i| entries.at(i as usize))
            .map(|e| e.name(doc))
            .collect();
        collation_keys(&names)
    }
}

/// Each name's sort key, by collation.
fn collation_keys(names: &[&str]) -> [Vec<String>; COLLATIONS.len()] {
    COLLATIONS.map(|key| names.iter().map(|n| key(n)).collect())
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<EntryOrderOptions>();
    if options.enforce == Enforce::Never {
        return;
    }
    let entries = ctx.entries();
    let groups = groups(doc, entries, options.cjk);
    let evidence: Vec<&Group> = groups
        .iter()
        .filter(|g| g.items.len() >= EVIDENCE_ENTRIES)
        .collect();
    let mut tally = Tally::default();
    for group in &evidence {
        tally.add(group.sorted());
    }
    let by_collation = |c: usize| evidence.iter().filter(|g| g.sorted_by[c]).count();
    let collation = (0..COLLATIONS.len())
        .rev()
        .max_by_key(|&c| by_collation(c))
        .unwrap_or(0);
    if options.enforce == Enforce::Auto && tally.dominant(SORTED) != Some(true) {
        return;
    }
    let why = match options.enforce {
        Enforce::Auto => format!(
            "; {} lists of {EVIDENCE_ENTRIES} or more entries here are in that order",
            tally.share(true)
        ),
        _ => String::new(),
    };
    for group in groups.iter().filter(|g| !g.sorted()) {
        let all_keys = group.keys(doc, entries);
        // The order the list is closest to, the document's on a tie: a list kept by
        // one collation but for one slip is reported for that slip.
        let keys = std::iter::once(collation)
            .chain(0..COLLATIONS.len())
            .map(|c| &all_keys[c])
            .min_by_key(|keys| keys.len() - longest_sorted_run(keys))
            .unwrap_or(&all_keys[collation]);
        if let Some(diagnostic) = report(doc, entries, group, keys, &why) {
            out.push(diagnostic);
        }
    }
}

/// One finding for a group out of order by `keys`: at its first entry out of place.
fn report(
    doc: &Document,
    entries: &Entries,
    group: &Group,
    keys: &[String],
    why: &str,
) -> Option<Diagnostic> {
    let first = (1..keys.len()).find(|&i| keys[i] < keys[i - 1])?;
    let before = keys[..first].iter().position(|k| *k > keys[first])?;
    let entry = entries.at(group.items[first] as usize)?;
    let anchor = entries.at(group.items[before] as usize)?;
    let misplaced = keys.len() - longest_sorted_run(keys);
    Some(
        Diagnostic::new(
            entry.link(doc).span.range(),
            format!(
                "\"{}\" is out of alphabetical order in \"{}\" ({misplaced} of {} entries out of place)",
                entry.name(doc),
                entries.container_name(doc, entry.container()),
                keys.len()
            ),
        )
        .with_label(anchor.link(doc).span.range(), "it belongs before this entry")
        .with_help(format!("sort the list's entries A–Z{why}"))
        .with_fix(sort_fix(doc, &group.items, keys)),
    )
}

/// The bulleted lists whose direct items are all entries (a list item carrying a
/// link), with two or more of them; not a table of contents (entries linking into the
/// document), and lists where most names hold CJK characters (`Go 语言圣经` too) only
/// when `cjk` is set.
fn groups(doc: &Document, entries: &Entries, cjk: bool) -> Vec<Group> {
    items_by_list(doc)
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|items| items.len() >= 2)
        .filter_map(|items| {
            let items: Vec<u32> = items.iter().map(|&(_, item)| item).collect();
            let found = items
                .iter()
                .map(|&i| entries.at(i as usize))
                .collect::<Option<Vec<_>>>()?;
            if found.iter().any(|e| e.link(doc).dest(doc).starts_with('#')) {
                return None;
            }
            let names: Vec<&str> = found.iter().map(|e| e.name(doc)).collect();
            let cjk_names = names.iter().filter(|n| n.chars().any(is_cjk)).count();
            let sorted_by = collation_keys(&names).map(|keys| is_sorted(&keys));
            (cjk || cjk_names * 2 <= names.len()).then_some(Group { items, sorted_by })
        })
        .collect()
}

/// The items of the bulleted lists, as (list, item) block indices ordered by list,
/// each list's items in document order: one pair an item, where a `Vec` for every
/// block of the document took 24 bytes a block.
fn items_by_list(doc: &Document) -> Vec<(u32, u32)> {
    let mut items: Vec<(u32, u32)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| {
            let list = block.parent()?;
            (matches!(block.kind, BlockKind::ListItem { .. })
                && doc.blocks[list].kind == (BlockKind::List { ordered: false }))
            .then(|| (index(list), index(i)))
        })
        .collect();
    // Stable: each list's items stay in document order.
    items.sort_by_key(|&(list, _)| list);
    items
}

/// A name as a reader looks it up: lowercase words, without punctuation, symbols or
/// emoji (`Docker: How to…` sorts with `Docker how to…`), and without a leading article.
/// Built in one string: a string per word was most of this rule's instructions.
fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut first_word = None;
    for word in name.split_whitespace() {
        let start = key.len();
        if start > 0 {
            key.push(' ');
        }
        let letters = key.len();
        if word.is_ascii() {
            let kept = word.bytes().filter(u8::is_ascii_alphanumeric);
            key.extend(kept.map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            let kept: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            key.push_str(&kept.to_lowercase());
        }
        if key.len() == letters {
            key.truncate(start);
        } else {
            first_word.get_or_insert(letters..key.len());
        }
    }
    if let Some(first) = first_word
        && first.end < key.len()
        && ARTICLES.contains(&&key[first.clone()])
    {
        key.drain(..=first.end);
    }
    key
}

/// A name as words: lowercase, split at spaces and punctuation, articles kept.
fn word_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        push_lowercase(&mut key, word);
    }
    key
}

/// Appends `word` lowercased: byte by byte when it is ASCII, as most names are, and
/// otherwise as [`str::to_lowercase`] does it (a final `Σ` becomes `ς`).
fn push_lowercase(key: &mut String, word: &str) {
    if word.is_ascii() {
        key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        key.push_str(&word.to_lowercase());
    }
}

/// A name as a plain case-insensitive sort compares it.
fn literal_key(name: &str) -> String {
    name.to_lowercase()
}

fn is_sorted(keys: &[String]) -> bool {
    keys.windows(2).all(|pair| pair[0] <= pair[1])
}

/// Length of the longest run of keys, not necessarily adjacent, already in order: the
/// entries that need not move.
fn longest_sorted_run(keys: &[String]) -> usize {
    // Patience sorting: `tails[k]` is the smallest last key of a sorted run of k + 1.
    let mut tails: Vec<&String> = Vec::new();
    for key in keys {
        let at = tails.partition_point(|tail| *tail <= key);
        if at == tails.len() {
            tails.push(key);
        } else {
            tails[at] = key;
        }
    }
    tails.len()
}

/// Sorts the group's items: each item moves whole, with its nested items and
/// continuation lines; the blank lines between items stay where they are.
fn sort_fix(doc: &Document, items: &[u32], keys: &[String]) -> Fix {
    let contents: Vec<Range<usize>> = items
        .iter()
        .map(|&i| item_content(doc, doc.blocks[i as usize].span))
        .collect();
    let mut order: Vec<usize> = (0..contents.len()).collect();
    // Stable: entries with equal keys keep their order.
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut sorted = String::new();
    for (slot, &from) in order.iter().enumerate() {
        sorted.push_str(doc.slice(&contents[from]));
        if let Some(next) = contents.get(slot + 1) {
            sorted.push_str(&doc.source[contents[slot].end..next.start]);
        }
    }
    let region = contents[0].start..contents[contents.len() - 1].end;
    Fix::unsafe_edits(vec![Edit::replace(region, sorted)])
}

/// An item's text without the blank lines and line ending after it (a trailing hard
/// break's spaces stay with it).
fn item_content(doc: &Document, span: Span) -> Range<usize> {
    let text = doc.slice(span);
    let trimmed = text.trim_end().len();
    let line_end = text[trimmed..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| trimmed + i);
    span.start()..span.start() + line_end
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The keys built in one string are the keys defined word by word: each word's
        /// letters and digits lowercased, empty words dropped, joined with spaces.
        #[test]
        fn keys_are_their_words_joined(
            name in "(the |The |an |a |A |[ \t.-]|[A-Za-z0-9]{1,4}|ΣΑΣ|\\PC){0,12}"
        ) {
            let words = |split: Vec<String>| -> Vec<String> {
                split.into_iter().filter(|w| !w.is_empty()).collect()
            };
            let read = words(
                name.split_whitespace()
                    .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
                    .collect(),
            );
            let skip = usize::from(read.len() > 1 && ARTICLES.contains(&read[0].as_str()));
            proptest::prop_assert_eq!(sort_key(&name), read[skip..].join(" "));
            let split = words(name.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect());
            proptest::prop_assert_eq!(word_key(&name), split.join(" "));
        }
    }

    #[test]
    fn keys_ignore_case_punctuation_emoji_and_articles() {
        assert_eq!(sort_key("The Art of Unix"), "art of unix");
        assert_eq!(sort_key("🔥 **FastAPI**"), "fastapi");
        assert!(sort_key("Docker: How to") < sort_key("Docker in Production"));
        assert_eq!(sort_key("@angular/core"), "angularcore");
        assert_eq!(sort_key("A"), "a");
        assert_eq!(sort_key("an"), "an");
        assert!(sort_key("docker Compose") < sort_key("Docker Hub"));
    }

    #[test]
    fn word_keys_split_at_punctuation_and_keep_articles() {
        assert_eq!(word_key("RSS-Bridge"), "rss bridge");
        assert!(word_key("RSS-Bridge") < word_key("RSS Monster"));
        assert!(word_key("Algorithms, 4th Edition") < word_key("Algorithms and Complexity"));
        assert!(word_key("Stanford CS224N") < word_key("The Agentic AI Hub"));
        assert_eq!(
            word_key("\"DYNAMIC LINKED LIBRARIES\": GPL"),
            "dynamic linked libraries gpl"
        );
    }

    #[test]
    fn entries_out_of_place_are_counted_once() {
        let keys = |names: &[&str]| names.iter().map(|n| sort_key(n)).collect::<Vec<_>>();
        assert_eq!(
            longest_sorted_run(&keys(&[
                "Moby",
                "Docker Hub",
                "Docker Compose",
                "Docker Registry"
            ])),
            2
        );
        assert_eq!(longest_sorted_run(&keys(&["a", "b", "b", "c"])), 4);
        assert_eq!(longest_sorted_run(&keys(&["d", "c", "b", "a"])), 1);
    }
}
