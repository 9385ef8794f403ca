//! Output formats: one module each, all over the same [`FileReport`]s.
//!
//! Output is made in two steps so that a run over a tree never holds more than the
//! files being linted: [`FileOutput::render`] turns one file's report into its share
//! of the output while the source is at hand (on the worker that linted it), and
//! [`write_outputs`] joins the shares in input order with the totals.

mod concise;
mod github;
mod human;
mod json;
mod rdjson;
mod sarif;
mod snippet;
pub mod statistics;
pub mod summary;

use std::borrow::Cow;
use std::io::{self, Write};
use std::iter::Sum;
use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::fix::Applicability;

pub use human::HumanOptions;

/// The findings in one file, with what is needed to show them. It borrows the text:
/// a copy of a 10 MB file and a second index of its lines were most of the work left
/// after the rules, with nothing running beside it.
#[derive(Debug)]
pub struct FileReport<'s> {
    /// The path as the user should see it.
    pub path: String,
    /// The text that was linted (after fixes, if fixes were applied).
    pub source: &'s str,
    /// Where the lines of `source` start: the document's own index when the caller
    /// has it ([`FileReport::with_lines`]).
    pub lines: Cow<'s, LineIndex>,
    /// Bytes before `source` in the file on disk (a UTF-8 byte order mark).
    pub offset: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s> FileReport<'s> {
    pub fn new(path: String, source: &'s str, offset: usize, diagnostics: Vec<Diagnostic>) -> Self {
        let lines = Cow::Owned(LineIndex::new(source));
        Self::with_index(path, source, lines, offset, diagnostics)
    }

    /// [`FileReport::new`] with the index of `source`'s lines its document already holds.
    pub fn with_lines(
        path: String,
        source: &'s str,
        lines: &'s LineIndex,
        offset: usize,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Self::with_index(path, source, Cow::Borrowed(lines), offset, diagnostics)
    }

    fn with_index(
        path: String,
        source: &'s str,
        lines: Cow<'s, LineIndex>,
        offset: usize,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Self {
            path,
            source,
            lines,
            offset,
            diagnostics,
        }
    }
}

/// One file's share of the output, rendered from its [`FileReport`]: what a run keeps
/// of a file once it is linted (its source is dropped), so memory grows with the
/// findings shown, not with the size of the tree.
#[derive(Debug)]
pub struct FileOutput {
    path: String,
    /// This file's counts (`files` is 1).
    pub summary: Counts,
    /// Its findings per rule, for `--statistics`.
    pub statistics: statistics::Statistics,
    body: Body,
    /// What the job summary shows of this file.
    digest: summary::Digest,
}

/// A file's findings in the output format.
#[derive(Debug)]
enum Body {
    /// Human, concise and GitHub output: the file's text, printed as is.
    Text(String),
    /// JSON: the file's entries of the `diagnostics` array.
    Json(Vec<json::Entry>),
    /// SARIF results or rdjson diagnostics.
    Values(Vec<Value>),
}

impl FileOutput {
    /// With `job_summary`, also keeps what the job summary shows of the file.
    pub fn render(
        format: Format,
        report: &FileReport,
        human: &HumanOptions,
        job_summary: bool,
    ) -> io::Result<Self> {
        let body = match format {
            Format::Human => Body::Text(human::render(report, human)?),
            Format::Concise => Body::Text(concise::render(report)),
            Format::Github => Body::Text(github::render(report)),
            Format::Json => Body::Json(json::render(report)),
            Format::Sarif => Body::Values(sarif::render(report)),
            Format::Rdjson => Body::Values(rdjson::render(
                report,
                if human.unsafe_fixes {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                },
            )),
        };
        Ok(Self {
            path: report.path.clone(),
            summary: Counts::of(&report.diagnostics),
            statistics: statistics::Statistics::of(&report.diagnostics),
            body,
            digest: if job_summary {
                summary::Digest::of(report)
            } else {
                summary::Digest::default()
            },
        })
    }

    /// Writes this file's text now, for the formats printed file after file, and
    /// drops it, so a run over a tree holds no file's text past its turn;
    /// [`write_outputs`] then writes only what ends the output.
    pub fn write_text(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Body::Text(text) = &mut self.body {
            out.write_all(text.as_bytes())?;
            *text = String::new();
        }
        Ok(())
    }

    fn text(&self) -> &str {
        match &self.body {
            Body::Text(text) => text,
            _ => "",
        }
    }

    fn json(&self) -> &[json::Entry] {
        match &self.body {
            Body::Json(entries) => entries,
            _ => &[],
        }
    }

    fn values(&self) -> &[Value] {
        match &self.body {
            Body::Values(values) => values,
            _ => &[],
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

/// `1 finding`, `2 findings`: a count and its noun.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Where a rule's documentation is published.
pub fn rule_url(rule: &str) -> String {
    format!("{}/blob/main/rules/{rule}.md", env!("CARGO_PKG_REPOSITORY"))
}

/// Counts over one file's findings, or (summed) over a run's.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings a safe fix would resolve.
    pub fixable: usize,
    /// Findings only an unsafe fix would resolve.
    pub unsafe_fixable: usize,
    pub files: usize,
}

impl Counts {
    /// The counts of one file's findings.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut summary = Counts {
            files: 1,
            ..Counts::default()
        };
        for d in diagnostics {
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

    /// Whether a finding is at `severity` or above.
    pub fn reaches(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.total() > 0,
        }
    }
}

impl Sum for Counts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Counts::default(), |a, b| Counts {
            errors: a.errors + b.errors,
            warnings: a.warnings + b.warnings,
            infos: a.infos + b.infos,
            fixable: a.fixable + b.fixable,
            unsafe_fixable: a.unsafe_fixable + b.unsafe_fixable,
            files: a.files + b.files,
        })
    }
}

impl<'a> Sum<&'a FileOutput> for Counts {
    fn sum<I: Iterator<Item = &'a FileOutput>>(iter: I) -> Self {
        iter.map(|o| o.summary).sum()
    }
}

/// Writes `reports` in `format`.
pub fn write(
    format: Format,
    reports: &[FileReport],
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let outputs = reports
        .iter()
        .map(|report| FileOutput::render(format, report, human, false))
        .collect::<io::Result<Vec<_>>>()?;
    write_outputs(format, &outputs, human, out)
}

/// Writes the files' outputs, in order, in `format` (each rendered in that format).
pub fn write_outputs(
    format: Format,
    outputs: &[FileOutput],
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => {
            write_texts(outputs, out)?;
            human::write_summary(outputs, human, out)
        }
        Format::Concise | Format::Github => write_texts(outputs, out),
        Format::Json => json::write(outputs, out),
        Format::Sarif => sarif::write(outputs, out),
        Format::Rdjson => rdjson::write(outputs, out),
    }
}

fn write_texts(outputs: &[FileOutput], out: &mut dyn Write) -> io::Result<()> {
    outputs
        .iter()
        .try_for_each(|o| out.write_all(o.text().as_bytes()))
}
