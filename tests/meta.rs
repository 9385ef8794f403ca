//! Keeps the code and `rules/*.md` in step: every rule is documented with the same
//! metadata, its Example triggers it, its "Use instead" does not, it has fixtures, and
//! its messages follow the house style.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pocketlint::rules::{Category, DOCS, RULES};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    name: String,
    category: String,
    severity: String,
    fixable: String,
}

const SECTIONS: [&str; 6] = [
    "What it does",
    "Why is this bad",
    "Example",
    "Use instead",
    "Fix safety",
    "Options",
];

fn front_matter(doc: &str) -> FrontMatter {
    let body = doc
        .strip_prefix("---\n")
        .expect("doc starts with front matter");
    let end = body.find("\n---\n").expect("front matter ends");
    serde_saphyr::from_str(&body[..end]).expect("front matter parses")
}

/// The body of the first fenced block under `## {section}`.
fn example(doc: &str, section: &str) -> String {
    let start = doc
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("no {section} section"));
    let rest = &doc[start..];
    let open = rest.find("```").expect("a fenced example");
    let fence_len = rest[open..].chars().take_while(|&c| c == '`').count();
    let fence = "`".repeat(fence_len);
    let body_start = open + rest[open..].find('\n').expect("fence line") + 1;
    let close = rest[body_start..]
        .find(&format!("\n{fence}"))
        .expect("closing fence");
    rest[body_start..body_start + close + 1].to_owned()
}

#[test]
fn every_rule_has_matching_docs() {
    let files: BTreeSet<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .expect("rules/ exists")
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".md"))
                    .map(str::to_owned)
            })
            .collect();
    let names: BTreeSet<String> = RULES.iter().map(|r| r.meta().name.to_owned()).collect();
    assert_eq!(files, names, "rules/*.md and the registry differ");
    let embedded: BTreeSet<String> = DOCS.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(embedded, names, "embedded docs and the registry differ");

    for rule in RULES {
        let meta = rule.meta();
        let doc = pocketlint::rules::doc(meta.name).expect("embedded doc");
        let fm = front_matter(doc);
        assert_eq!(fm.name, meta.name);
        assert_eq!(
            fm.category,
            meta.category.as_str(),
            "{}: category",
            meta.name
        );
        assert_eq!(
            fm.severity,
            meta.severity.as_str(),
            "{}: severity",
            meta.name
        );
        assert_eq!(fm.fixable, meta.fixable.as_str(), "{}: fixable", meta.name);
        let mut at = 0;
        for section in SECTIONS {
            let found = doc[at..]
                .find(&format!("\n## {section}\n"))
                .unwrap_or_else(|| {
                    panic!("{}: section {section:?} missing or out of order", meta.name)
                });
            at += found + 1;
        }
    }
}

#[test]
fn examples_trigger_and_fixed_examples_do_not() {
    // Online rules find nothing in text alone: tests/online runs them on a local server.
    for rule in RULES
        .iter()
        .filter(|r| r.meta().category != Category::Online)
    {
        let name = rule.meta().name;
        let doc = pocketlint::rules::doc(name).expect("embedded doc");
        let settings = common::settings_for(name, None);
        let bad = example(doc, "Example");
        assert!(
            !pocketlint::check(&bad, &settings).is_empty(),
            "{name}: its Example triggers nothing"
        );
        let good = example(doc, "Use instead");
        let found = pocketlint::check(&good, &settings);
        assert!(
            found.is_empty(),
            "{name}: its \"Use instead\" triggers it: {found:#?}"
        );
    }
}

#[test]
fn every_rule_has_fixtures_for_both_outcomes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in RULES
        .iter()
        .filter(|r| r.meta().category != Category::Online)
    {
        let name = rule.meta().name;
        let cases: Vec<String> = std::fs::read_dir(root.join(name))
            .unwrap_or_else(|_| panic!("{name}: no tests/fixtures/{name}/"))
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".md"))
            .collect();
        assert!(
            cases.iter().any(|c| c.starts_with("ok-")),
            "{name}: no ok-* fixture (what it must not report)"
        );
        assert!(
            cases.iter().any(|c| !c.starts_with("ok-")),
            "{name}: no fixture it reports"
        );
    }
}

#[test]
fn messages_follow_the_house_style() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in RULES {
        let name = rule.meta().name;
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for path in entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            let source = std::fs::read_to_string(&path).expect("fixture reads");
            for d in pocketlint::check(&source, &common::settings_for(name, None)) {
                let first = d.message.chars().next().expect("non-empty message");
                assert!(
                    !first.is_uppercase(),
                    "{name}: message starts uppercase: {:?}",
                    d.message
                );
                assert!(
                    !d.message.ends_with('.'),
                    "{name}: message ends with a period: {:?}",
                    d.message
                );
                if let Some(help) = &d.help {
                    assert!(
                        !help.ends_with('.'),
                        "{name}: help ends with a period: {help:?}"
                    );
                }
            }
        }
    }
}
