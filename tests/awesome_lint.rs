//! Conformance with awesome-lint: its own suite (`../shared/fixtures/awesome-lint/`, the
//! messages it reports per case in `EXPECTED.json`) run through pocketlint with
//! `profile: awesome`.
//!
//! A message counts as reported when one of its counterpart rules
//! ([`COUNTERPARTS`]) has a finding on its line, the finding's own line or a line it
//! labels (a `dup-link` finding points at the later copy and labels the first, where
//! awesome-lint reports both). Cases that check other files or git history, and cases
//! that configure awesome-lint options pocketlint does not mirror, are left out;
//! `awesome-spell-check` is left out (pocketlint keeps only `name-spelling`). Every
//! miss and every finding on a line awesome-lint leaves alone is printed: the README's
//! "Coming from awesome-lint" lists them with the reason.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use pocketlint::config::ConfigFile;
use pocketlint::diagnostic::Diagnostic;
use pocketlint::document::LineIndex;
use pocketlint::rules::awesome_lint::COUNTERPARTS;

/// The share of awesome-lint's messages pocketlint must report.
const THRESHOLD: f64 = 0.90;

/// Cases about other files or the git history.
const OTHER_FILES: [&str; 4] = ["contributing", "code-of-conduct", "git-repo-age", "github"];

/// awesome-lint rules about other files, git history, or spelling at large.
const NOT_README: [&str; 5] = [
    "awesome-spell-check",
    "awesome-contributing",
    "awesome-code-of-conduct",
    "awesome-github",
    "awesome-git-repo-age",
];

/// Case variants run with options awesome-lint's own preset does not set.
const OPTION_VARIANTS: [&str; 5] = ["ignore cfg", "general", "⟨⟩ cfg", "\" cfg", "curly cfg"];

#[derive(serde::Deserialize)]
struct Case {
    rule: String,
    fixture: String,
    messages: Vec<Message>,
}

#[derive(serde::Deserialize)]
struct Message {
    line: Option<usize>,
    #[serde(rename = "ruleId")]
    rule_id: String,
    message: String,
}

/// The awesome-lint rule a case is about (`badge` → `awesome-badge`).
fn rule_id(case_rule: &str) -> String {
    let base = case_rule.split('(').next().unwrap_or(case_rule);
    if COUNTERPARTS.iter().any(|(id, _)| *id == base) {
        base.to_owned()
    } else {
        format!("awesome-{base}")
    }
}

fn counterparts(rule_id: &str) -> &'static [&'static str] {
    COUNTERPARTS
        .iter()
        .find(|(id, _)| *id == rule_id)
        .map_or(&[], |(_, ours)| ours)
}

/// The 1-based lines a finding speaks about: its own and those it labels.
fn lines_of(lines: &LineIndex, source: &str, d: &Diagnostic) -> Vec<usize> {
    std::iter::once(&d.span)
        .chain(d.labels.iter().map(|l| &l.span))
        .map(|span| lines.position(source, span.start).0)
        .collect()
}

#[test]
fn awesome_lint_suite_is_reported_on_the_same_lines() {
    let Some(dir) = common::shared_dir("fixtures/awesome-lint") else {
        return;
    };
    let expected = std::fs::read_to_string(dir.join("EXPECTED.json")).expect("EXPECTED.json");
    let cases: Vec<Case> = serde_json::from_str(&expected).expect("EXPECTED.json parses");
    let settings = ConfigFile::parse("profile: awesome\n", Path::new(".pocketlint.yaml"), &[])
        .expect("profile parses")
        .settings();

    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut extra = Vec::new();
    let mut in_valid = Vec::new();
    let mut ran = 0;
    for case in &cases {
        let variant = case
            .rule
            .split_once('(')
            .map(|(_, v)| v.trim_end_matches(')'));
        let base = case.rule.split('(').next().unwrap_or_default();
        if OTHER_FILES.contains(&base) || variant.is_some_and(|v| OPTION_VARIANTS.contains(&v)) {
            continue;
        }
        let folder = if case.fixture.starts_with("inline/") {
            ""
        } else {
            "fixtures/"
        };
        let source = std::fs::read_to_string(dir.join(folder).join(&case.fixture))
            .unwrap_or_else(|e| panic!("{}: {e}", case.fixture));
        ran += 1;
        let findings = pocketlint::check(&source, &settings);
        let index = LineIndex::new(&source);
        let found: Vec<(&str, Vec<usize>)> = findings
            .iter()
            .map(|d| (d.rule, lines_of(&index, &source, d)))
            .collect();

        let wanted: Vec<&Message> = case
            .messages
            .iter()
            .filter(|m| !NOT_README.contains(&m.rule_id.as_str()))
            .collect();
        for message in &wanted {
            let ours = counterparts(&message.rule_id);
            let hit = found.iter().any(|(rule, lines)| {
                ours.contains(rule) && message.line.is_none_or(|l| lines.contains(&l))
            });
            let tally = per_rule.entry(message.rule_id.clone()).or_default();
            tally.0 += 1;
            if hit {
                tally.1 += 1;
            } else {
                missed.push(format!(
                    "{} ({}) L{:?} {}: {}",
                    case.fixture, case.rule, message.line, message.rule_id, message.message
                ));
            }
        }
        // Findings of the case's counterparts on lines awesome-lint leaves alone: a
        // failure in a valid case, a difference to read otherwise.
        let ours = counterparts(&rule_id(&case.rule));
        for (d, (rule, lines)) in findings.iter().zip(&found) {
            let expected_here = case.messages.iter().any(|m| {
                counterparts(&m.rule_id).contains(rule) && m.line.is_none_or(|l| lines.contains(&l))
            });
            if ours.contains(rule) && !expected_here {
                let list = if case.messages.is_empty() {
                    &mut in_valid
                } else {
                    &mut extra
                };
                list.push(format!(
                    "{} ({}) L{} {}: {}",
                    case.fixture, case.rule, lines[0], rule, d.message
                ));
            }
        }
    }

    let (total, hits) = per_rule
        .values()
        .fold((0, 0), |(t, h), (rt, rh)| (t + rt, h + rh));
    println!("{ran} cases; reported {hits} of {total} awesome-lint messages");
    for (rule, (t, h)) in &per_rule {
        println!("  {rule:<32} {h:>3} of {t:>3}");
    }
    println!("missed:");
    missed.iter().for_each(|m| println!("  {m}"));
    println!("reported where awesome-lint is silent:");
    extra.iter().for_each(|m| println!("  {m}"));
    println!("reported in valid cases:");
    in_valid.iter().for_each(|m| println!("  {m}"));

    assert!(ran > 40, "only {ran} cases ran: is EXPECTED.json complete?");
    let share = hits as f64 / total as f64;
    assert!(
        share >= THRESHOLD,
        "reported {hits} of {total} ({:.0}%), below {:.0}%",
        share * 100.0,
        THRESHOLD * 100.0
    );
    assert!(
        in_valid.is_empty(),
        "findings in cases awesome-lint's suite calls valid:\n{}",
        in_valid.join("\n")
    );
}
