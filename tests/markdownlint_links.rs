//! Conformance with markdownlint's own test documents for bare URLs (MD034) and empty
//! links (MD042): `url-bare` and `link-empty` report exactly the lines markdownlint
//! marks, except the deliberate differences listed here and in the rule docs.

mod common;

use std::collections::BTreeSet;

/// `(file, line)` pairs where pocketlint deliberately differs from markdownlint.
const DIFFERENCES: &[(&str, &str, usize, &str)] = &[(
    "url-bare",
    "bare-urls.md",
    96,
    "bare email addresses are not reported: a curated list links projects, not people",
)];

/// Lines markdownlint marks for `code` in `file`, from EXPECTED.tsv.
fn expected(tsv: &str, file: &str, code: &str) -> BTreeSet<usize> {
    tsv.lines()
        .filter_map(|row| {
            let cols: Vec<&str> = row.split('\t').collect();
            (cols.len() > 3 && cols[0] == file && cols[1] == code)
                .then(|| cols[3].parse().ok())
                .flatten()
        })
        .collect()
}

fn conform(rule: &str, code: &str, files: &[&str]) {
    let Some(dir) = common::shared_dir("fixtures/markdownlint") else {
        return;
    };
    let tsv = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv reads");
    let settings = common::settings_for(rule, None);
    let mut failures = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(dir.join(file)).expect("fixture reads");
        let doc = pocketlint::document::Document::parse(&source);
        let mut want = expected(&tsv, file, code);
        let mut got: BTreeSet<usize> = pocketlint::check(&source, &settings)
            .iter()
            .map(|d| doc.position(d.span.start).0)
            .collect();
        for (r, f, line, why) in DIFFERENCES {
            if *r == rule && f == file {
                println!("{file}:{line}: deliberate difference: {why}");
                want.remove(line);
                got.remove(line);
            }
        }
        assert!(!want.is_empty(), "{file}: no {code} lines in EXPECTED.tsv");
        if want != got {
            failures.push(format!(
                "{file}: {code} marks lines {want:?}, {rule} reports {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bare_urls_agree_with_md034() {
    conform(
        "url-bare",
        "MD034",
        &["bare-urls.md", "bare-urls-in-html.md"],
    );
}

#[test]
fn empty_links_agree_with_md042() {
    conform("link-empty", "MD042", &["empty-links.md"]);
}
