//! The JSON format, version 1. Tools depend on this exact shape:
//! `{"version":1,"files":[…],"diagnostics":[…],"summary":{…}}`; lines are 1-based,
//! columns 1-based in characters, edit offsets in bytes of the file on disk.

use std::io::{self, Write};

use serde::Serialize;

use super::{Counts, FileOutput, FileReport, Position};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<&'a str>,
    diagnostics: Vec<&'a Entry>,
    summary: JsonSummary,
}

/// One finding as the `diagnostics` array lists it.
#[derive(Debug, Serialize)]
pub(super) struct Entry {
    rule: &'static str,
    severity: &'static str,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
    help: Option<String>,
    fix: Option<JsonFix>,
}

#[derive(Debug, Serialize)]
struct JsonFix {
    applicability: &'static str,
    edits: Vec<JsonEdit>,
}

#[derive(Debug, Serialize)]
struct JsonEdit {
    start: usize,
    end: usize,
    content: String,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
}

/// One file's entries.
pub(super) fn render(report: &FileReport) -> Vec<Entry> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let at = Position::of(&report.lines, report.source, d);
            Entry {
                rule: d.rule,
                severity: d.severity.as_str(),
                path: report.path.clone(),
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                message: d.message.clone(),
                help: d.help.clone(),
                fix: d.fix.as_ref().map(|fix| JsonFix {
                    applicability: fix.applicability.as_str(),
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            start: e.range.start + report.offset,
                            end: e.range.end + report.offset,
                            content: e.content.clone(),
                        })
                        .collect(),
                }),
            }
        })
        .collect()
}

pub(super) fn write(outputs: &[FileOutput], out: &mut dyn Write) -> io::Result<()> {
    let summary: Counts = outputs.iter().sum();
    let output = Output {
        version: 1,
        files: outputs.iter().map(|o| o.path.as_str()).collect(),
        diagnostics: outputs.iter().flat_map(FileOutput::json).collect(),
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
