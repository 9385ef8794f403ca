//! Over every list in `../shared/corpus` (skipped when absent): each diagnostic the
//! server publishes, its UTF-16 range converted back to bytes, covers the same bytes
//! as the finding's place in `check --format json` — on CJK text, emoji and all.

mod common;
mod server_support;

use std::path::Path;

use lsp_types::{NumberOrString, Url};
use serde_json::Value;
use server_support::{Client, utf16_offset};

/// The byte offset of a 1-based line and 1-based column in characters, as the JSON
/// output gives them.
fn json_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i)
}

/// The findings `check --format json` reports on `path`.
fn check_json(path: &Path) -> Vec<Value> {
    let stdout = common::stdout_of(
        common::pocketlint()
            .args(["check", "--format", "json"])
            .arg(path),
    );
    let json: Value = serde_json::from_str(&stdout).expect("JSON output");
    json["diagnostics"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_range_covers_the_bytes_check_reports() {
    let Some(lists) = common::corpus_lists(&["pocket", "lists", "lists2"]) else {
        return;
    };
    let mut client = Client::utf16();
    let mut compared = 0;
    for path in lists {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("a UTF-8 list");
        let uri = Url::from_file_path(path.canonicalize().unwrap()).expect("an absolute path");
        let published = client.open(&uri, &text).diagnostics;
        let expected = check_json(&path);
        assert_eq!(published.len(), expected.len(), "{name}");
        for (lsp, json) in published.iter().zip(&expected) {
            assert_eq!(
                lsp.code,
                Some(NumberOrString::String(
                    json["rule"].as_str().unwrap().to_owned()
                )),
                "{name}"
            );
            assert_eq!(lsp.message, json["message"].as_str().unwrap(), "{name}");
            let at = |key: &str| json[key].as_u64().unwrap() as usize;
            let bytes = json_offset(&text, at("line"), at("column"))
                ..json_offset(&text, at("end_line"), at("end_column"));
            let covered = utf16_offset(&text, lsp.range.start)..utf16_offset(&text, lsp.range.end);
            assert_eq!(
                covered, bytes,
                "{name}: {} at {:?}",
                json["rule"], lsp.range
            );
            compared += 1;
        }
    }
    println!("{compared} diagnostics compared");
    assert!(compared > 0, "the corpus has findings to compare");
    client.shutdown();
}
