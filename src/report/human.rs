//! Human output: miette reports with the source snippet, labels, help and the rule
//! name, then one summary line. miette stays behind this module.

use std::fmt;
use std::io::{self, Write};

use std::ops::Range;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::Snippet;
use super::{Counts, FileOutput, FileReport, plural};
use crate::diagnostic::{Diagnostic, Severity};

/// How to draw human output.
#[derive(Debug, Clone)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Whether unsafe fixes are being offered (changes the summary's hint, and rdjson
    /// suggests them).
    pub unsafe_fixes: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
            unsafe_fixes: false,
        }
    }
}

/// One finding seen through miette's eyes: its snippet, and its spans (the primary
/// first, then each label's) in it.
struct Finding<'a> {
    diagnostic: &'a Diagnostic,
    snippet: &'a Snippet<'a>,
    spans: Vec<Range<usize>>,
}

impl fmt::Debug for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Finding<'_> {}

impl miette::Diagnostic for Finding<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_deref()?;
        let fix = self
            .diagnostic
            .fix
            .as_ref()
            .map(|f| f.applicability.as_str());
        Some(Box::new(match fix {
            Some("safe") => format!("{help} (safe fix)"),
            Some("unsafe") => format!("{help} (unsafe fix)"),
            _ => help.to_owned(),
        }))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.snippet)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(None, self.spans[0].clone());
        let secondary = self
            .diagnostic
            .labels
            .iter()
            .zip(&self.spans[1..])
            .map(|(l, span)| LabeledSpan::new_with_span(Some(l.message.clone()), span.clone()));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// One file's findings, each with its snippet.
pub(super) fn render(report: &FileReport, options: &HumanOptions) -> io::Result<String> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut rendered = String::new();
    for diagnostic in &report.diagnostics {
        let spans: Vec<Range<usize>> = std::iter::once(&diagnostic.span)
            .chain(diagnostic.labels.iter().map(|l| &l.span))
            .cloned()
            .collect();
        let snippet = Snippet::new(&report.path, report.source, &report.lines, &spans);
        let spans = spans.iter().map(|s| snippet.shown(s)).collect();
        handler
            .render_report(
                &mut rendered,
                &Finding {
                    diagnostic,
                    snippet: &snippet,
                    spans,
                },
            )
            .map_err(io::Error::other)?;
        rendered.push('\n');
    }
    Ok(rendered)
}

/// The summary line that ends human output.
pub(super) fn write_summary(
    outputs: &[FileOutput],
    options: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        summary_line(&outputs.iter().sum(), options.unsafe_fixes)
    )
}

/// `N findings in M files, K fixable with --fix`.
fn summary_line(summary: &Counts, unsafe_fixes: bool) -> String {
    let mut line = format!(
        "{} in {}",
        plural(summary.total(), "finding"),
        plural(summary.files, "file")
    );
    if summary.fixable > 0 {
        line.push_str(&format!(", {} fixable with --fix", summary.fixable));
    }
    if summary.unsafe_fixable > 0 && !unsafe_fixes {
        line.push_str(&format!(
            ", {} more with --unsafe-fixes",
            summary.unsafe_fixable
        ));
    }
    line
}
