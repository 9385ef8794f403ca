//! A sweep over every real list in `../shared/corpus` (skipped when absent): checking
//! never panics, safe fixes converge, are idempotent and never remove a heading.

mod common;

use pocketlint::config::Settings;
use pocketlint::document::Document;
use pocketlint::fix::Applicability;
use pocketlint::linter;

#[test]
fn safe_fixes_converge_are_idempotent_and_keep_every_heading() {
    let Some(files) = common::corpus_lists(&["pocket", "lists"]) else {
        return;
    };
    let settings = Settings::default();
    for path in files {
        let name = path.display();
        let text = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        let outcome = linter::fix(&text, &settings, Applicability::Safe);
        assert!(
            outcome.not_converged.is_empty(),
            "{name}: did not converge: {:?}",
            outcome.not_converged
        );
        let again = linter::fix(&outcome.output, &settings, Applicability::Safe);
        assert_eq!(
            again.output, outcome.output,
            "{name}: second fix pass changed the text"
        );
        let before = Document::parse(&text).headings.len();
        let after = Document::parse(&outcome.output).headings.len();
        assert_eq!(
            before, after,
            "{name}: safe fixes changed the number of headings"
        );
    }
}

#[test]
fn the_reference_list_shows_its_known_structure_defects() {
    let Some(dir) = common::shared_dir("corpus") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("pocket-v3.3.md")).expect("reference list");
    let found = pocketlint::check(&text, &Settings::default());
    // A finding of `rule` on the line that starts with `needle`.
    let at = |rule: &str, needle: &str| {
        found.iter().any(|d| {
            let line_start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
            d.rule == rule && text[line_start..].starts_with(needle)
        })
    };
    assert!(
        at("heading-level", "## CodeShell"),
        "the stray ## CodeShell is not reported"
    );
    assert!(
        at("invisible-char", "### Lit-LLaMA"),
        "the stray U+FE0F in the Lit-LLaMA heading is not reported"
    );
    // Issue 20: a closing quote with no opening one, and a reversed pair.
    assert!(
        at("punctuation-balance", "巧板大模型是一个7B规模"),
        "the unopened quote of 巧板” is not reported"
    );
    assert!(
        at("punctuation-balance", "教育是影响人的身心发展"),
        "the reversed ”以人为本“ is not reported"
    );
}
