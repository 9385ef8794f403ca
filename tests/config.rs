//! The config file read with the real rule registry's schema: option values are checked
//! in words a list maintainer reads, at their place in the file.

use std::path::Path;

use miette::Report;
use pocketlint::config::ConfigFile;
use pocketlint::rules::{SCHEMA, blank_lines};

fn parse(yaml: &str) -> Result<ConfigFile, Report> {
    ConfigFile::parse(yaml, Path::new("c.yaml"), &SCHEMA)
}

#[test]
fn counts_out_of_range_are_refused_in_words_at_their_place() {
    for (value, words) in [
        (
            "0",
            "0 is out of range: allowed is a whole number, 1 or more",
        ),
        (
            "-1",
            "-1 is out of range: allowed is a whole number, 1 or more",
        ),
        ("1.5", "1.5 is not a whole number"),
        ("many", "\"many\" is not a number"),
    ] {
        for option in ["blank-lines: { maximum", "list-marker: { indent"] {
            let yaml = format!("rules:\n  {option}: {value} }}\n");
            let err = parse(&yaml).unwrap_err();
            let text = format!("{err:?}");
            assert!(text.contains(words) && text.contains("c.yaml:2:"), "{text}");
            assert!(!text.contains("invalid"), "{text}");
        }
    }
    let settings = parse("rules:\n  blank-lines: { maximum: 1 }\n")
        .unwrap()
        .settings();
    assert_eq!(settings.options::<blank_lines::Options>().maximum, Some(1));
    let err = parse("toc: { levels: [2, -1] }\n").unwrap_err();
    assert!(format!("{err:?}").contains("heading level -1 is out of range: allowed are 1 to 6"));
}

#[test]
fn a_rule_off_by_default_runs_only_once_the_config_or_select_names_it() {
    let text = "# Tools\n\nTools hosted on Github.\n";
    let rules_found = |settings: &pocketlint::config::Settings| -> Vec<&'static str> {
        pocketlint::check(text, settings)
            .iter()
            .map(|d| d.rule)
            .collect()
    };
    let default = ConfigFile::default().settings();
    assert!(!rules_found(&default).contains(&"name-spelling"));
    let configured = parse("rules:\n  name-spelling: info\n").unwrap().settings();
    assert_eq!(rules_found(&configured), ["name-spelling"]);
    let mut selected = ConfigFile::default().settings();
    selected.restrict(&["name-spelling".to_owned()], &[]);
    assert_eq!(rules_found(&selected), ["name-spelling"]);
}
