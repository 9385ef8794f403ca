//! Output formats: one module each, all over the same [`FileReport`]s.

mod concise;
mod github;
mod human;
mod json;
mod rdjson;
mod sarif;
pub mod summary;

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::fix::Applicability;

pub use human::HumanOptions;

/// The findings in one file, with what is needed to show them.
#[derive(Debug)]
pub struct FileReport {
    /// The path as the user should see it.
    pub path: String,
    /// The text that was linted (after fixes, if fixes were applied).
    pub source: Arc<str>,
    /// Bytes before `source` in the file on disk (a UTF-8 byte order mark).
    pub offset: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn new(
        path: String,
        source: Arc<str>,
        offset: usize,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Self {
            path,
            source,
            offset,
            diagnostics,
        }
    }
}

/// 1-based line and column (in characters) of both ends of a span.
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Position {
    pub(crate) fn of(lines: &LineIndex, source: &str, diagnostic: &Diagnostic) -> Self {
        Self::of_span(lines, source, &diagnostic.span)
    }

    pub(crate) fn of_span(lines: &LineIndex, source: &str, span: &Range<usize>) -> Self {
        let (line, column) = lines.position(source, span.start);
        let (end_line, end_column) = lines.position(source, span.end);
        Self {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help, then a summary
    Human,
    /// One line a finding: path:line:col: severity rule message
    Concise,
    /// Machine-readable, version 1
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// reviewdog's rdjson, with fixes as suggested changes
    Rdjson,
}

/// Where a rule's documentation is published.
pub fn rule_url(rule: &str) -> String {
    format!("{}/blob/main/rules/{rule}.md", env!("CARGO_PKG_REPOSITORY"))
}

/// Counts over every report.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings a safe fix would resolve.
    pub fixable: usize,
    /// Findings only an unsafe fix would resolve.
    pub unsafe_fixable: usize,
    pub files: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => summary.fixable += 1,
                Some(Applicability::Unsafe) => summary.unsafe_fixable += 1,
                _ => {}
            }
        }
        summary
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// Writes `reports` in `format`.
pub fn write(
    format: Format,
    reports: &[FileReport],
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, human, out),
        Format::Concise => concise::write(reports, out),
        Format::Json => json::write(reports, out),
        Format::Github => github::write(reports, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Rdjson => rdjson::write(reports, out),
    }
}
