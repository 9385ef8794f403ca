//! The JSON format, version 1. Tools depend on this exact shape:
//! `{"version":1,"files":[…],"diagnostics":[…],"summary":{…}}`; lines are 1-based,
//! columns 1-based in characters, edit offsets in bytes of the file on disk.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Position, Summary};
use crate::document::LineIndex;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
}

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for report in reports {
        let lines = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let at = Position::of(&lines, &report.source, d);
            diagnostics.push(JsonDiagnostic {
                rule: d.rule,
                severity: d.severity.as_str(),
                path: &report.path,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                message: &d.message,
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|fix| JsonFix {
                    applicability: fix.applicability.as_str(),
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            start: e.range.start + report.offset,
                            end: e.range.end + report.offset,
                            content: &e.content,
                        })
                        .collect(),
                }),
            });
        }
    }
    let summary = Summary::of(reports);
    let output = Output {
        version: 1,
        files: reports.iter().map(|r| r.path.as_str()).collect(),
        diagnostics,
        summary: JsonSummary {
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            fixable: summary.fixable,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
