//! The fix contract (README, "Fixes"), checked on every list of `../shared/corpus` (all
//! folders; skipped when absent) and every fixture under `tests/fixtures`, fixed with the
//! safe fixes and then with the unsafe ones too.
//!
//! The entries of the text before and after fixing are compared through the document
//! model ([`pocketlint::document::entries`]), the same notion of entry and category
//! the duplicate rules use to decide what a fix may delete:
//!
//! - safe: every entry (heading path, groups, name, URL, description) is still there,
//!   one goes only as a byte-identical copy of one that stays, and each round of fixes
//!   leaves the blocks it does not delete in order, of the same kind and nesting (no
//!   merged paragraphs, no list item moved under another);
//! - unsafe: no entry name disappears, no section that is still there loses all it
//!   holds, no group its last entry, and no entry's name and description disappear
//!   together (entries that differ are never merged by deletion);
//! - both: a fix that deletes an entry names it and its category (or the section it
//!   deletes whole) in its message and help.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pocketlint::config::Settings;
use pocketlint::document::entries::{Entries, Entry, enclosing_items, own_text};
use pocketlint::document::{BlockKind, Document, Span};
use pocketlint::fix::{Applicability, Fix};
use pocketlint::linter;
use pocketlint::rules;
use pocketlint::rules::canonical::{CanonicalUrl, canonicalize};
use pocketlint::text::name_key;

/// An entry as the contract names it; every text reduced to its [`name_key`], so that
/// a fix of spacing, markup or invisible characters does not count as a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct EntryKey {
    headings: Vec<String>,
    groups: Vec<String>,
    name: String,
    /// The canonical URL; `None` for one a safe fix may repair (it does not parse, or
    /// it ran into the text after it).
    url: Option<String>,
    description: String,
}

impl EntryKey {
    fn new(doc: &Document, entry: &Entry) -> Self {
        Self {
            headings: keys(entry.heading_path(doc)),
            groups: keys(entry.group_path(doc)),
            name: name_key(entry.name(doc)),
            url: Some(&entry.link(doc).dest(doc))
                .filter(|dest| !ends_in_other_script(dest))
                .and_then(|dest| canonicalize(dest))
                .map(CanonicalUrl::into_key),
            description: name_key(&entry.description(doc)),
        }
    }

    /// The category that directly holds the entry.
    fn container(&self) -> (Vec<String>, Vec<String>) {
        (self.headings.clone(), self.groups.clone())
    }

    fn without_url(&self) -> Self {
        Self {
            url: None,
            ..self.clone()
        }
    }
}

/// A URL that ends in non-ASCII text (`…/Qwen。`) has run into the sentence after it:
/// a safe fix moves that text out, so the URL is not part of what must survive.
fn ends_in_other_script(url: &str) -> bool {
    url.trim_end().chars().last().is_some_and(|c| !c.is_ascii())
}

fn keys(texts: Vec<&str>) -> Vec<String> {
    texts.into_iter().map(name_key).collect()
}

/// What the contract compares in one text.
struct Model {
    entries: Vec<EntryKey>,
    /// The source of each entry, list marker and surrounding whitespace aside.
    sources: Vec<String>,
    /// Every category present: each heading path, and each list item holding a list.
    containers: HashSet<(Vec<String>, Vec<String>)>,
    /// The heading paths of the sections with something in them besides sub-sections.
    filled: HashSet<Vec<String>>,
}

impl Model {
    fn new(text: &str) -> Self {
        let doc = Document::parse(text);
        // A TOC entry (`#anchor`) is navigation; renaming it is a TOC fix.
        let entries = Entries::find(&doc);
        let kept: Vec<&Entry> = entries
            .iter()
            .filter(|e| !e.link(&doc).dest(&doc).starts_with('#'))
            .collect();
        let found = kept.iter().map(|e| EntryKey::new(&doc, e)).collect();
        let sources = kept.iter().map(|e| source_of(&doc, e)).collect();
        let mut containers = HashSet::new();
        let mut filled = HashSet::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            let heading_path = |offset: usize| {
                let mut path: Vec<String> =
                    std::iter::successors(doc.section_at(offset), |&h| doc.headings[h].parent())
                        .map(|h| name_key(doc.headings[h].text(&doc)))
                        .collect();
                path.reverse();
                path
            };
            match block.kind {
                BlockKind::Heading(_) => {
                    containers.insert((heading_path(block.span.start()), Vec::new()));
                }
                BlockKind::ListItem { .. } => {
                    let mut groups = enclosing_items(&doc, i);
                    groups.push(i);
                    let groups = groups
                        .iter()
                        .map(|&g| name_key(own_text(&doc, g).0))
                        .collect();
                    containers.insert((heading_path(block.span.start()), groups));
                }
                _ => {}
            }
            if block.parent().is_none() && !matches!(block.kind, BlockKind::Heading(_)) {
                filled.insert(heading_path(block.span.start()));
            }
        }
        Self {
            entries: found,
            sources,
            containers,
            filled,
        }
    }
}

/// An entry's own source (a list item's text before any nested list, a table row),
/// without the list marker and the whitespace around it.
fn source_of(doc: &Document, entry: &Entry) -> String {
    let span = match doc.blocks[entry.block()].kind {
        BlockKind::ListItem { .. } => own_text(doc, entry.block()).1,
        _ => doc.blocks[entry.block()].span.range(),
    };
    let text = doc.slice(&span).trim();
    let unmarked = text
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
            (digits.len() < text.len())
                .then(|| digits.strip_prefix(['.', ')']))
                .flatten()
        })
        .unwrap_or(text);
    unmarked.trim().to_owned()
}

/// What the safe fixes broke: entries lost, or deleted without being a byte-identical
/// copy of one that stays.
fn safe_violations(before: &Model, after: &Model) -> Vec<String> {
    let mut copies: HashMap<&EntryKey, HashSet<&str>> = HashMap::new();
    let mut counts: HashMap<&EntryKey, usize> = HashMap::new();
    for (key, source) in before.entries.iter().zip(&before.sources) {
        copies.entry(key).or_default().insert(source);
        *counts.entry(key).or_default() += 1;
    }
    let mut left: HashMap<&EntryKey, usize> = HashMap::new();
    for key in &after.entries {
        *left.entry(key).or_default() += 1;
    }
    let mut found: Vec<String> = copies
        .iter()
        .filter(|(key, distinct)| {
            let remaining = left.get(*key).copied().unwrap_or(0);
            remaining > 0 && remaining < counts[*key] && remaining < distinct.len()
        })
        .map(|(key, _)| format!("entry deleted though it was no byte-identical copy: {key:?}"))
        .collect();
    let kept: HashSet<&EntryKey> = after.entries.iter().collect();
    let kept_without_url: HashSet<EntryKey> =
        after.entries.iter().map(EntryKey::without_url).collect();
    let mut lost: Vec<String> = before
        .entries
        .iter()
        .filter(|e| match e.url {
            Some(_) => !kept.contains(e),
            None => !kept_without_url.contains(*e),
        })
        .map(|e| format!("entry lost: {e:?}"))
        .collect();
    lost.dedup();
    found.append(&mut lost);
    found
}

/// What the unsafe fixes broke: names gone, categories emptied, entries merged.
fn unsafe_violations(before: &Model, after: &Model) -> Vec<String> {
    let names: HashSet<&str> = after.entries.iter().map(|e| e.name.as_str()).collect();
    let described: HashSet<(&str, &str)> = after
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.description.as_str()))
        .collect();
    let mut per_container: HashMap<(Vec<String>, Vec<String>), usize> = HashMap::new();
    for e in &after.entries {
        *per_container.entry(e.container()).or_default() += 1;
    }
    let mut found = Vec::new();
    for e in &before.entries {
        if !names.contains(e.name.as_str()) {
            found.push(format!("name gone: {:?} in {:?}", e.name, e.container()));
        } else if !described.contains(&(e.name.as_str(), e.description.as_str())) {
            found.push(format!(
                "merged by deletion: {:?} described {:?} in {:?}",
                e.name,
                e.description,
                e.container()
            ));
        }
        let container = e.container();
        if after.containers.contains(&container) && !per_container.contains_key(&container) {
            found.push(format!("category emptied: {container:?}"));
        }
    }
    for path in before.filled.difference(&after.filled) {
        if after.containers.contains(&(path.clone(), Vec::new())) {
            found.push(format!("section emptied: {path:?}"));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The shape of each block, in document order: its kind and the kinds of its
/// ancestors, with where it starts; blocks wholly inside `deleted` are left out.
fn shapes(text: &str, deleted: &[std::ops::Range<usize>]) -> Vec<(String, usize)> {
    let doc = Document::parse(text);
    (0..doc.blocks.len())
        .filter(|&i| {
            let span = &doc.blocks[i].span;
            let end = span.start() + doc.slice(span).trim_end().len();
            !deleted
                .iter()
                .any(|d| d.start <= span.start() && end <= d.end)
        })
        .map(|i| {
            let mut shape: Vec<String> = std::iter::once(&doc.blocks[i])
                .chain(doc.ancestors(i))
                .map(|b| match b.kind {
                    BlockKind::Heading(_) => "Heading".to_owned(),
                    ref kind => format!("{kind:?}"),
                })
                .collect();
            shape.reverse();
            (shape.join(" > "), doc.blocks[i].span.start())
        })
        .collect()
}

/// One round of safe fixes changed the rendering only where it edited: the blocks of
/// the result are those of the text before, less the ones its edits deleted whole, in
/// the same order, of the same kinds and nesting (no merged paragraphs, no list item
/// moved under another).
fn round_violations(before: &str, applied: &[&Fix], after: &str) -> Vec<String> {
    let deleted: Vec<_> = applied
        .iter()
        .flat_map(|f| &f.edits)
        .filter(|e| e.content.trim().is_empty())
        .map(|e| e.range.clone())
        .collect();
    let (old, new) = (shapes(before, &deleted), shapes(after, &[]));
    let line = |text: &str, at: usize| text[at..].lines().next().unwrap_or("").to_owned();
    let differs = old.iter().zip(&new).find(|(a, b)| a.0 != b.0);
    match differs {
        Some((a, b)) => vec![format!(
            "block changed: {} at {:?} became {} at {:?}",
            a.0,
            line(before, a.1),
            b.0,
            line(after, b.1)
        )],
        None if old.len() != new.len() => vec![format!(
            "{} blocks became {} (the edits deleted the others whole)",
            old.len(),
            new.len()
        )],
        None => Vec::new(),
    }
}

/// A fix that deletes an entry says so in the finding's terms: its message and help
/// name the entry and its category, or the section it deletes whole.
fn help_violations(text: &str, settings: &Settings, min: Applicability) -> Vec<String> {
    let doc = Document::parse(text);
    let entries = Entries::find(&doc);
    let mut found = Vec::new();
    for d in pocketlint::check_document(&doc, settings) {
        let Some(fix) = d.fix.as_ref().filter(|f| f.applicability >= min) else {
            continue;
        };
        let deletes = |span: Span| {
            let end = span.start() + doc.slice(span).trim_end().len();
            fix.edits.iter().any(|e| {
                e.content.trim().is_empty() && e.range.start <= span.start() && end <= e.range.end
            })
        };
        let said = format!("{} {}", d.message, d.help.as_deref().unwrap_or_default());
        for entry in entries
            .iter()
            .filter(|e| !e.link(&doc).dest(&doc).starts_with('#'))
        {
            if !deletes(doc.blocks[entry.block()].span) {
                continue;
            }
            let section = entry.section().map(|h| &doc.headings[h]);
            let named = match section.filter(|h| deletes(h.span)) {
                Some(heading) => said.contains(heading.text(&doc).trim()),
                // A table row goes by its label (its title cell when its link reads `[pdf]`).
                None => {
                    said.contains(entry.label(&doc))
                        && said.contains(entries.container_name(&doc, entry.container()))
                }
            };
            if !named {
                found.push(format!(
                    "{} deletes {:?} from {:?} but says {said:?}",
                    d.rule,
                    entry.label(&doc),
                    entries.container_name(&doc, entry.container())
                ));
            }
        }
    }
    found
}

/// Fixes `text` at `min` and returns what broke the contract.
fn violations(text: &str, settings: &Settings, min: Applicability) -> Vec<String> {
    let mut found = help_violations(text, settings, min);
    let outcome = linter::fix_observed(text, settings, min, |before, applied, after| {
        if min == Applicability::Safe {
            found.extend(round_violations(before, applied, after));
        }
    });
    let (before, after) = (Model::new(text), Model::new(&outcome.output));
    found.extend(match min {
        Applicability::Safe => safe_violations(&before, &after),
        _ => unsafe_violations(&before, &after),
    });
    found
}

fn check_all(cases: Vec<(String, String, Settings)>) {
    assert!(!cases.is_empty(), "no cases");
    let mut failures = Vec::new();
    for (name, text, settings) in &cases {
        for min in [Applicability::Safe, Applicability::Unsafe] {
            for v in violations(text, settings, min) {
                failures.push(format!("{name} ({}): {v}", min.as_str()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} contract violations in {} files:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_fixes_keep_the_contract() {
    let Some(dir) = common::shared_dir("corpus") else {
        return;
    };
    let mut files = Vec::new();
    markdown_files(&dir, &mut files);
    let cases = files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
            (path.display().to_string(), text, Settings::default())
        })
        .collect();
    check_all(cases);
}

/// Every fixture, with every rule on and with its own rule alone (and its config).
#[test]
fn fixture_fixes_keep_the_contract() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    let mut cases = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let rule = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .filter(|n| rules::find(n).is_some());
        if let Some(rule) = rule {
            let config = std::fs::read_to_string(path.with_extension("yaml")).ok();
            let settings = common::settings_for(rule, config.as_deref());
            cases.push((format!("{name} ({rule} alone)"), text.clone(), settings));
        }
        cases.push((name, text, Settings::default()));
    }
    check_all(cases);
}

/// The oracle itself: it flags what the contract forbids, and only that.
#[test]
fn the_oracle_flags_what_the_contract_forbids() {
    let before = "## Web\n\n* HTTP Client\n  * [hyper](https://github.com/hyperium/hyper) - an HTTP implementation\n* HTTP Server\n  * [hyper](https://github.com/hyperium/hyper) - an HTTP implementation\n  * [axum](https://github.com/tokio-rs/axum) - a web framework\n  * [axum](https://github.com/tokio-rs/axum) - a web framework\n  * [uv](https://github.com/astral-sh/uv) - a package manager\n  * [uv](https://github.com/astral-sh/uv)  -  a package manager\n";
    let without = |line: &str| before.replacen(line, "", 1);
    let model = Model::new(before);
    // A byte-identical copy in the same group may go.
    let axum = "  * [axum](https://github.com/tokio-rs/axum) - a web framework\n";
    assert!(safe_violations(&model, &Model::new(&without(axum))).is_empty());
    // A cross-listed entry may not, even safely deleted from one group only.
    let hyper =
        "* HTTP Server\n  * [hyper](https://github.com/hyperium/hyper) - an HTTP implementation\n";
    let lost = safe_violations(
        &model,
        &Model::new(&before.replacen(hyper, "* HTTP Server\n", 1)),
    );
    assert!(lost.iter().any(|v| v.starts_with("entry lost")), "{lost:?}");
    // Nor a copy that differs in its bytes, though not in its name or description.
    let uv = "  * [uv](https://github.com/astral-sh/uv)  -  a package manager\n";
    let rewritten = safe_violations(&model, &Model::new(&without(uv)));
    assert!(
        rewritten
            .iter()
            .any(|v| v.contains("no byte-identical copy")),
        "{rewritten:?}"
    );
    // Unsafe: deleting it keeps the name, but emptying a group does not.
    assert!(unsafe_violations(&model, &Model::new(&without(uv))).is_empty());
    let client =
        "  * [hyper](https://github.com/hyperium/hyper) - an HTTP implementation\n* HTTP Server";
    let emptied = unsafe_violations(
        &model,
        &Model::new(&before.replacen(client, "* HTTP Server", 1)),
    );
    assert!(
        emptied.iter().any(|v| v.starts_with("category emptied")),
        "{emptied:?}"
    );
}
