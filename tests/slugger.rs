//! GitHub anchors: the github-slugger fixtures, run in order through one slugger.

mod common;

use pocketlint::document::slug::Slugger;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    input: String,
    expected: String,
}

#[test]
fn github_slugger_fixtures() {
    let Some(dir) = common::shared_dir("fixtures") else {
        return;
    };
    let text =
        std::fs::read_to_string(dir.join("github-slugger-fixtures.json")).expect("fixtures read");
    let cases: Vec<Case> = serde_json::from_str(&text).expect("fixtures parse");
    let mut slugger = Slugger::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let got = slugger.slug(&c.input);
            (got != c.expected).then(|| {
                format!(
                    "{}: {:?} -> {got:?}, expected {:?}",
                    c.name, c.input, c.expected
                )
            })
        })
        .collect();
    assert!(cases.len() >= 78, "only {} cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
