//! Conformance with markdownlint's MD051 (link-fragments) fixtures: every line it marks
//! (`{MD051}`, listed in EXPECTED.tsv) must be reported through our anchor resolution,
//! and nothing else, except the deliberate differences listed here and in
//! `rules/link-broken-anchor.md`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pocketlint::config::ConfigFile;

/// Lines MD051 reports and we accept, with why.
const WE_ACCEPT: &[(&str, usize, &str)] = &[
    ("link-fragments-default-case.md", 7, "case only"),
    ("link-fragments-default-case.md", 13, "case only"),
    ("link-fragments-default-case.md", 19, "case only"),
    ("link-fragments.md", 220, "U+FE0F dropped"),
    (
        "link-fragments.md",
        226,
        "<a name> beside an id is a target",
    ),
    ("link-fragments.md", 228, "case only (HTML id)"),
    ("link-fragments.md", 245, "case only"),
    ("link-fragments.md", 247, "case only (HTML name)"),
    ("link-fragments.md", 249, "case only (HTML name)"),
    ("link-fragments.md", 254, "case only (HTML id)"),
    ("link-fragments.md", 305, "case only (#L12-not-a-line-link)"),
    ("link-fragments.md", 339, "case only (#ToP)"),
];

/// Lines MD051 accepts and we report, with why.
const WE_REPORT: &[(&str, usize, &str)] = &[
    (
        "link-fragments-ignored-pattern-multiple.md",
        7,
        "no ignored_pattern option",
    ),
    (
        "link-fragments-ignored-pattern-multiple.md",
        9,
        "no ignored_pattern option",
    ),
    (
        "link-fragments-ignored-pattern-present.md",
        7,
        "no ignored_pattern option",
    ),
    (
        "link-fragments.md",
        258,
        "{#id} attributes are text on GitHub",
    ),
    (
        "link-fragments.md",
        262,
        "{#id} attributes are text on GitHub",
    ),
    (
        "link-fragments.md",
        266,
        "{#id} attributes are text on GitHub",
    ),
    (
        "link-fragments.md",
        268,
        "{#id} attributes are text on GitHub",
    ),
];

fn lines(list: &[(&str, usize, &str)], file: &str) -> BTreeSet<usize> {
    list.iter()
        .filter(|(f, _, _)| *f == file)
        .map(|&(_, l, _)| l)
        .collect()
}

#[test]
fn agrees_with_markdownlint_link_fragments() {
    let Some(dir) = common::shared_dir("fixtures/markdownlint") else {
        return;
    };
    let expected_tsv = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let config = ConfigFile::parse(
        "toc: off\n",
        Path::new("test.yaml"),
        &pocketlint::rules::SCHEMA,
    )
    .expect("config");
    let mut settings = config.settings();
    let rules = [
        "link-broken-anchor",
        "toc-broken-anchor",
        "toc-dangling-entry",
    ]
    .map(str::to_owned);
    settings.restrict(&rules, &[]);

    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.starts_with("link-fragments") && n.ends_with(".md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no link-fragments fixtures");
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(dir.join(file)).expect("fixture reads");
        let expected: BTreeSet<usize> = expected_tsv
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|cols| cols.len() > 3 && cols[0] == file && cols[1] == "MD051")
            .filter_map(|cols| cols[3].parse().ok())
            .collect();
        let doc = pocketlint::document::Document::parse(&source);
        let found: BTreeSet<usize> = pocketlint::check_document(&doc, &settings)
            .iter()
            .map(|d| doc.position(d.span.start).0)
            .collect();
        let missed: BTreeSet<usize> = expected.difference(&found).copied().collect();
        let extra: BTreeSet<usize> = found.difference(&expected).copied().collect();
        if missed != lines(WE_ACCEPT, file) || extra != lines(WE_REPORT, file) {
            failures.push(format!(
                "{file}: not reported {missed:?}, reported beyond MD051 {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
