//! SARIF 2.1.0, the format code-scanning services read. The rules come from the
//! registry and their `rules/*.md` docs; columns count Unicode code points
//! (`columnKind`), as every other format of ours does; each fix becomes a SARIF `fix`
//! with one replacement per edit.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileOutput, FileReport, Position, rule_url};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::rules::{RULES, Rule};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One file's results.
pub(super) fn render(report: &FileReport) -> Vec<Value> {
    let uri = uri(&report.path);
    report
        .diagnostics
        .iter()
        .map(|d| result(&report.lines, report.source, &uri, d))
        .collect()
}

pub(super) fn write(outputs: &[FileOutput], out: &mut dyn Write) -> io::Result<()> {
    let results: Vec<&Value> = outputs.iter().flat_map(FileOutput::values).collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pocketlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": RULES.iter().map(descriptor).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

/// A rule's `reportingDescriptor`.
fn descriptor(meta: &Rule) -> Value {
    let name = meta.name;
    let body = meta.doc;
    json!({
        "id": name,
        "name": name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": section(body, "What it does").unwrap_or(meta.summary)},
        "help": {"text": meta.summary, "markdown": body},
        "helpUri": rule_url(name),
        "defaultConfiguration": {"level": level(meta.severity)},
        "properties": {
            "tags": [meta.category.as_str()],
            "fixable": meta.fix.to_string(),
        },
    })
}

fn result(lines: &LineIndex, source: &str, uri: &str, d: &Diagnostic) -> Value {
    let location = |span: &std::ops::Range<usize>| {
        json!({"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": region(lines, source, span),
        }})
    };
    let rule_index = RULES.iter().position(|r| r.name == d.rule);
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [location(&d.span)],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !d.labels.is_empty() {
        result["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| {
                let mut related = location(&label.span);
                related["id"] = json!(id);
                related["message"] = json!({"text": label.message});
                related
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region(lines, source, &e.range),
                    "insertedContent": {"text": e.content},
                })
            })
            .collect();
        let description = d.help.as_deref().unwrap_or(&d.message);
        result["fixes"] = json!([{
            "description": {"text": format!("{description} ({} fix)", fix.applicability.as_str())},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        }]);
    }
    result
}

/// A 1-based text region; `endColumn` is exclusive, as SARIF defines it.
fn region(lines: &LineIndex, source: &str, span: &std::ops::Range<usize>) -> Value {
    let at = Position::of_span(lines, source, span);
    json!({
        "startLine": at.line,
        "startColumn": at.column,
        "endLine": at.end_line,
        "endColumn": at.end_column,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (resolved against the
/// checkout by code scanning), absolute ones become `file:` URIs.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let is_drive = |d: &str| d.len() == 1 && d.bytes().all(|b| b.is_ascii_alphabetic());
    match path.split_once(':') {
        // A Windows path: `C:/lists/README.md`.
        Some((drive, rest)) if is_drive(drive) => {
            format!("file:///{drive}:{}", percent_encode(rest))
        }
        _ if path.starts_with('/') => format!("file://{}", percent_encode(&path)),
        _ => percent_encode(path.strip_prefix("./").unwrap_or(&path)),
    }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters and `/`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text of `## {name}` in a rule doc, up to the next heading.
fn section<'d>(body: &'d str, name: &str) -> Option<&'d str> {
    let heading = format!("## {name}\n");
    let start = body.find(&heading)? + heading.len();
    let rest = &body[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("./docs/my list.md"), "docs/my%20list.md");
        assert_eq!(uri("/tmp/a#b.md"), "file:///tmp/a%23b.md");
        assert_eq!(uri(r"C:\lists\README.md"), "file:///C:/lists/README.md");
        assert_eq!(uri("中文.md"), "%E4%B8%AD%E6%96%87.md");
        assert_eq!(uri("list:v2.md"), "list%3Av2.md");
    }

    #[test]
    fn sections_are_read_from_rule_docs() {
        let body = "# x\n\n## What it does\nFinds x.\n\n## Why\nNo.\n";
        assert_eq!(section(body, "What it does"), Some("Finds x."));
        assert_eq!(section(body, "Why"), Some("No."));
    }
}
