//! reviewdog's Diagnostic Format (rdjson `DiagnosticResult`). reviewdog posts each
//! finding as a review comment and each `suggestions` entry as a one-click suggested
//! change, so a fix is given as suggestions, one per edit: every safe fix, and the
//! unsafe ones with `--unsafe-fixes` (a one-click change should be as sure as
//! `--fix`, unless the judgment calls were asked for).
//! Columns are 1-based UTF-8 byte counts, as rdjson defines them.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::{FileOutput, FileReport, rule_url};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::fix::Applicability;

/// One file's diagnostics; fixes of applicability `min` and above are suggestions.
pub(super) fn render(report: &FileReport, min: Applicability) -> Vec<Value> {
    let ranges = Ranges {
        lines: &report.lines,
        bom: report.offset,
    };
    report
        .diagnostics
        .iter()
        .map(|d| diagnostic(&ranges, &report.path, d, min))
        .collect()
}

pub(super) fn write(outputs: &[FileOutput], out: &mut dyn Write) -> io::Result<()> {
    let diagnostics: Vec<&Value> = outputs.iter().flat_map(FileOutput::values).collect();
    let result = json!({
        "source": {"name": "pocketlint", "url": env!("CARGO_PKG_REPOSITORY")},
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &result)?;
    writeln!(out)
}

fn diagnostic(ranges: &Ranges, path: &str, d: &Diagnostic, min: Applicability) -> Value {
    let location = |span: &Range<usize>| json!({"path": path, "range": ranges.range(span)});
    let mut diagnostic = json!({
        "message": d.message,
        "location": location(&d.span),
        "severity": match d.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        },
        "code": {"value": d.rule, "url": rule_url(d.rule)},
    });
    if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability >= min) {
        diagnostic["suggestions"] = fix
            .edits
            .iter()
            .map(|e| json!({"range": ranges.range(&e.range), "text": e.content}))
            .collect();
    }
    if !d.labels.is_empty() {
        diagnostic["related_locations"] = d
            .labels
            .iter()
            .map(|l| json!({"message": l.message, "location": location(&l.span)}))
            .collect();
    }
    diagnostic
}

/// Byte offsets of one file's text → rdjson ranges.
struct Ranges<'l> {
    lines: &'l LineIndex,
    /// Bytes of a byte order mark before the text: they count in line 1's columns.
    bom: usize,
}

impl Ranges<'_> {
    fn range(&self, span: &Range<usize>) -> Value {
        json!({"start": self.position(span.start), "end": self.position(span.end)})
    }

    fn position(&self, offset: usize) -> Value {
        let line = self.lines.line_of(offset);
        let mut column = offset - self.lines.line_start(line) + 1;
        if line == 0 {
            column += self.bom;
        }
        json!({"line": line + 1, "column": column})
    }
}
