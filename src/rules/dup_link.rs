//! `dup-link`: one link listed twice — a list item leading with the same page as an
//! earlier item of its section, or an entry (`- [Name](url) - description`) leading
//! with the same page as an earlier entry anywhere in the document.
//!
//! Only the link an item leads with counts: a license, an author or a demo linked from
//! many entries is not a duplicate, and neither is a paper cited in two sections.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::document::entries::{Container, container_name, container_of, entry_at};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::text::name_key_with_symbols;

use super::Context;
use super::duplicates::{WebLink, entries_per_container, has_description, identical, lead_link};

declare_rule!("dup-link", Duplicates, Warning, fix: Sometimes(SafeOrUnsafe),
    options: DupLinkOptions, check: Document(check), summary: "the same link listed twice");

/// Where entries are compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Section,
    #[default]
    Document,
}

/// Options of `dup-link`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DupLinkOptions {
    /// Canonical URLs that may be listed any number of times; `*` matches any text
    /// (`github.com/awesome-foss/*`).
    pub allow: Vec<String>,
    /// `document` (default): an entry is compared with the entries of every section;
    /// `section`: only with its own section's.
    pub scope: Scope,
}

/// A list item that leads with a link.
struct Item<'l> {
    block: usize,
    container: Container,
    link: &'l WebLink,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<DupLinkOptions>();
    let links = ctx.web_links();
    let counts = entries_per_container(doc);
    // The first item of each page in each category, in each section, and among
    // the entries of the whole document: a repeat is compared with the closest.
    let mut in_group: HashMap<(Container, &str), Item> = HashMap::new();
    let mut in_section: HashMap<(Option<usize>, &str), Item> = HashMap::new();
    let mut named: HashMap<&str, Item> = HashMap::new();
    for (block, _) in doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::ListItem { .. }))
    {
        let Some(link) = lead_link(doc, block, links) else {
            continue;
        };
        if options
            .allow
            .iter()
            .any(|pattern| glob_match(pattern, &link.url.key))
        {
            continue;
        }
        let url = link.target.as_str();
        let container = container_of(doc, block);
        let item = || Item {
            block,
            container,
            link,
        };
        if let Some(first) = in_group.get(&(container, url)) {
            out.push(report(doc, first, &item(), &counts));
            continue;
        }
        let is_entry = link.named && options.scope == Scope::Document;
        if let Some(first) = in_section.get(&(container.0, url)) {
            out.push(report(doc, first, &item(), &counts));
        } else if let Some(first) = named
            .get(url)
            .filter(|first| is_entry && same_link_name(first.link, link))
        {
            out.push(report(doc, first, &item(), &counts));
        } else {
            in_section.insert((container.0, url), item());
            if is_entry {
                named.entry(url).or_insert_with(item);
            }
        }
        in_group.insert((container, url), item());
    }
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

fn verdict(
    doc: &Document,
    first: &Item,
    later: &Item,
    counts: &HashMap<Container, usize>,
) -> Verdict {
    let entry = |item: &Item| entry_at(doc, item.block);
    if !same_link_name(first.link, later.link) {
        return Verdict::TwoNames;
    }
    if first.container != later.container {
        return Verdict::CrossListed;
    }
    let (first_entry, later_entry) = (entry(first), entry(later));
    // A category keeps the first item, so it keeps an entry unless the first is none.
    let keeps_one = later_entry.is_none() || counts.get(&later.container).is_some_and(|&n| n >= 2);
    if !removable(doc, later.block) || !keeps_one {
        return Verdict::Differs;
    }
    if identical(doc, first.block, later.block) {
        return Verdict::Copy;
    }
    let says_the_same = match (first_entry, later_entry) {
        (Some(a), Some(b)) => a.says_the_same(b, doc),
        // Items of bare URLs have no name; with nothing after the URL, they say the same.
        (None, None) => {
            !has_description(doc, first.block, first.link)
                && !has_description(doc, later.block, later.link)
        }
        _ => false,
    };
    if says_the_same {
        Verdict::Rewritten
    } else {
        Verdict::Differs
    }
}

fn report(
    doc: &Document,
    first: &Item,
    later: &Item,
    counts: &HashMap<Container, usize>,
) -> Diagnostic {
    let name = |item: &Item| {
        if item.link.named {
            format!("\"{}\"", item.link.text.trim())
        } else {
            item.link.text.clone()
        }
    };
    let (later_name, first_name) = (name(later), name(first));
    let here = container_name(doc, later.container);
    let there = container_name(doc, first.container);
    let verdict = verdict(doc, first, later, counts);
    let message = match verdict {
        Verdict::TwoNames => format!("{later_name} links the same page as {first_name}"),
        _ => format!("{later_name} is listed twice"),
    };
    let delete = || {
        doc.line_removal(&doc.blocks[later.block].span, false)
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
    Diagnostic::new(later.link.span.clone(), message)
        .with_label(first.link.span.clone(), "first listed here")
        .with_help(help)
        .with_fix(fix)
}

/// Two entries with one page but different names are parts of one project
/// (`django.db.models` and `geodjango` both link Django's repository), not a repeat.
/// Two bare URLs have no names to differ.
fn same_link_name(a: &WebLink, b: &WebLink) -> bool {
    (!a.named && !b.named) || name_key_with_symbols(&a.text) == name_key_with_symbols(&b.text)
}

/// A list item without nested blocks: deleting its lines deletes it alone.
fn removable(doc: &Document, block: usize) -> bool {
    doc.blocks
        .get(block + 1)
        .is_none_or(|next| next.parent != Some(block))
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
    use super::glob_match;

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
