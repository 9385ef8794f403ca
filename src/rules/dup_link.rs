//! `dup-link`: one link listed twice — a list item leading with the same page as an
//! earlier item of its section, or an entry (`- [Name](url) - description`) leading
//! with the same page as an earlier entry anywhere in the document.
//!
//! Only the link an item leads with counts: a license, an author or a demo linked from
//! many entries is not a duplicate, and neither is a paper cited in two sections.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};

use super::duplicates::{
    WebLink, block_sections, fingerprint, heading_key, lead_link, line_removal,
};
use super::{Category, Check, Context, FixAvailability, FixSafety, Rule, parse_options};

pub const RULE: Rule = Rule {
    name: "dup-link",
    category: Category::Duplicates,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes(FixSafety::SafeOrUnsafe),
    summary: "the same link listed twice",
    options: parse_options::<DupLinkOptions>,
    check: Check::Document(DupLink::check),
    doc: include_str!("../../rules/dup-link.md"),
};

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
    section: Option<usize>,
    link: &'l WebLink,
}

pub struct DupLink;

impl DupLink {
    fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let options = ctx.options::<DupLinkOptions>();
        let links = ctx.web_links();
        let sections = block_sections(doc);
        let mut in_section: HashMap<(Option<usize>, &str), Item> = HashMap::new();
        let mut entries: HashMap<&str, Item> = HashMap::new();
        for (block, _) in doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::ListItem { .. }))
        {
            let Some(link) = lead_link(doc, block, links) else {
                continue;
            };
            let url = link.url.key.as_str();
            if options.allow.iter().any(|pattern| glob_match(pattern, url)) {
                continue;
            }
            let item = || Item {
                block,
                section: sections[block],
                link,
            };
            let is_entry = link.named && options.scope == Scope::Document;
            if let Some(first) = in_section.get(&(sections[block], url)) {
                out.push(report(doc, first, &item()));
            } else if let Some(first) = entries
                .get(url)
                .filter(|first| is_entry && same_name(first.link, link))
            {
                out.push(report(doc, first, &item()));
            } else {
                in_section.insert((sections[block], url), item());
                if is_entry {
                    entries.entry(url).or_insert_with(item);
                }
            }
        }
    }
}

fn report(doc: &Document, first: &Item, later: &Item) -> Diagnostic {
    let same_section = first.section == later.section;
    let message = if later.link.named {
        format!("\"{}\" is listed twice", later.link.text.trim())
    } else {
        format!("{} is listed twice", later.link.text)
    };
    let removal = removable(doc, later.block)
        .then(|| line_removal(doc, &doc.blocks[later.block].span, false))
        .flatten();
    let identical = fingerprint(doc, first.block) == fingerprint(doc, later.block);
    let fix = removal.map(|range| {
        let edits = vec![Edit::delete(range)];
        if same_section && identical {
            Fix::safe(edits)
        } else {
            Fix::unsafe_edits(edits)
        }
    });
    let help = match (&fix, identical) {
        (Some(_), true) => "delete this line".to_owned(),
        (Some(_), false) => "delete this line; it is written differently from the first, so check what to keep".to_owned(),
        (None, _) => "merge the two entries".to_owned(),
    };
    Diagnostic::new(later.link.span.clone(), message)
        .with_label(first.link.span.clone(), "first listed here")
        .with_help(help)
        .with_fix(fix)
}

/// Two entries with one page but different names are parts of one project
/// (`django.db.models` and `geodjango` both link Django's repository), not a repeat.
fn same_name(a: &WebLink, b: &WebLink) -> bool {
    heading_key(&a.text) == heading_key(&b.text)
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
        assert!(glob_match("github.com/awesome-foss/*", "github.com/awesome-foss/awesome-sysadmin"));
        assert!(glob_match("https://www.example.com/a", "example.com/a"));
        assert!(glob_match("*.example.com/*", "docs.example.com/x"));
        assert!(!glob_match("example.com/a", "example.com/ab"));
        assert!(!glob_match("github.com/a/*", "github.com/b/c"));
    }
}
