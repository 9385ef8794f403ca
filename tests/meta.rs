//! Keeps each rule's declaration, its documentation, its fixtures and the README in
//! step: every rule is documented, its Example triggers it and its "Use instead" does
//! not, it has fixtures for both outcomes, its declared fixes show up in them, its
//! options take `severity`, and the README's rule table is `pocketlint rules --format
//! markdown`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pocketlint::config::ConfigFile;
use pocketlint::diagnostic::Severity;
use pocketlint::rules::{Category, FixAvailability, RULES};

const SECTIONS: [&str; 6] = [
    "What it does",
    "Why is this bad",
    "Example",
    "Use instead",
    "Fix safety",
    "Options",
];

/// The marker above the README's rule table.
const TABLE_MARKER: &str = "<!-- table of: pocketlint rules -->\n";

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
fn every_rule_has_its_doc_with_every_section() {
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
    let names: BTreeSet<String> = RULES.iter().map(|r| r.name.to_owned()).collect();
    assert_eq!(files, names, "rules/*.md and the registry differ");

    for rule in RULES {
        assert!(
            rule.doc.starts_with(&format!("# {}\n", rule.name)),
            "{}: its doc must start with `# {}` (and is it the right file?)",
            rule.name,
            rule.name
        );
        let mut at = 0;
        for section in SECTIONS {
            let found = rule.doc[at..]
                .find(&format!("\n## {section}\n"))
                .unwrap_or_else(|| {
                    panic!("{}: section {section:?} missing or out of order", rule.name)
                });
            at += found + 1;
        }
    }
}

#[test]
fn examples_trigger_and_fixed_examples_do_not() {
    // Online rules find nothing in text alone: tests/online runs them on a local server.
    for rule in RULES.iter().filter(|r| r.category != Category::Online) {
        let settings = common::settings_for(rule.name, None);
        let bad = example(rule.doc, "Example");
        assert!(
            !pocketlint::check(&bad, &settings).is_empty(),
            "{}: its Example triggers nothing",
            rule.name
        );
        let good = example(rule.doc, "Use instead");
        let found = pocketlint::check(&good, &settings);
        assert!(
            found.is_empty(),
            "{}: its \"Use instead\" triggers it: {found:#?}",
            rule.name
        );
    }
}

#[test]
fn every_rule_has_fixtures_for_both_outcomes() {
    // Online rules have no fixtures: tests/online runs them on a local server.
    for rule in RULES.iter().filter(|r| r.category != Category::Online) {
        let cases = common::fixture_cases(rule.name);
        let is_ok = |p: &std::path::PathBuf| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ok-"))
        };
        assert!(
            cases.iter().any(is_ok),
            "{}: no tests/fixtures/{}/ok-*.md (what it must not report)",
            rule.name,
            rule.name
        );
        assert!(
            cases.iter().any(|c| !is_ok(c)),
            "{}: no fixture it reports",
            rule.name
        );
    }
}

/// `tests/rules.rs` checks each fix against the declaration; this checks that a rule
/// declaring fixes shows one in its fixtures.
#[test]
fn rules_declaring_fixes_fix_something_in_their_fixtures() {
    // Online rules have no fixtures: tests/online shows their fixes.
    for rule in RULES
        .iter()
        .filter(|r| r.fix != FixAvailability::Never && r.category != Category::Online)
    {
        let fixes = common::fixture_cases(rule.name).iter().any(|path| {
            let source = std::fs::read_to_string(path).expect("fixture reads");
            let config = std::fs::read_to_string(path.with_extension("yaml")).ok();
            let settings = common::settings_for(rule.name, config.as_deref());
            pocketlint::check(&source, &settings)
                .iter()
                .any(|d| d.fix.is_some())
        });
        assert!(
            fixes,
            "{}: declares fix: {}, but no fixture finding has a fix",
            rule.name, rule.fix
        );
    }
}

#[test]
fn every_rule_takes_a_severity_in_its_options() {
    for rule in RULES {
        let yaml = format!("rules:\n  {}: {{ severity: info }}\n", rule.name);
        let config = ConfigFile::parse(&yaml, Path::new("c.yaml"), &pocketlint::rules::SCHEMA)
            .unwrap_or_else(|err| panic!("{}: {err:?}", rule.name));
        let severity = config
            .settings()
            .severity(rule.name, rule.severity, rule.profile);
        assert_eq!(severity, Some(Severity::Info), "{}", rule.name);
    }
}

#[test]
fn readme_rule_table_is_the_generated_one() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md reads");
    let start = readme
        .find(TABLE_MARKER)
        .expect("README has the table marker")
        + TABLE_MARKER.len();
    let end = readme[start..]
        .find("\n\n")
        .map_or(readme.len(), |i| start + i + 1);
    let generated = common::stdout_of(common::pocketlint().args(["rules", "--format", "markdown"]));
    assert!(
        readme[start..end] == generated,
        "the README's rule table is stale: replace it with `pocketlint rules --format markdown`:\n{generated}"
    );
}
