//! Findings as LSP diagnostics: severity, the rule as `code` with a link to its
//! documentation, and the secondary labels ("first listed here") as related
//! information.

use std::ops::Range;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Url,
};

use super::configs::ConfigError;
use super::position::{Encoding, LineMap};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::rule_url;

/// What diagnostics name as their source.
pub const SOURCE: &str = "pocketlint";

/// Converts the findings of one document. `offset` is where the linted text starts in
/// `text` (after a byte order mark).
pub struct Converter<'a> {
    pub uri: &'a Url,
    pub text: &'a str,
    pub offset: usize,
    pub lines: LineMap,
}

impl Converter<'_> {
    pub fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        let shifted = span.start + self.offset..span.end + self.offset;
        self.lines.range(self.text, &shifted)
    }

    pub fn diagnostic(&self, finding: &Diagnostic) -> lsp_types::Diagnostic {
        let related: Vec<DiagnosticRelatedInformation> = finding
            .labels
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location::new(self.uri.clone(), self.range(&label.span)),
                message: label.message.clone(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.range(&finding.span),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.rule.to_owned())),
            code_description: Url::parse(&rule_url(finding.rule))
                .ok()
                .map(|href| CodeDescription { href }),
            source: Some(SOURCE.to_owned()),
            message: finding.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        }
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostic on a config file that does not load, at the place its error points,
/// with the file's URI; `None` when the path is no file URI.
pub fn on_config(error: &ConfigError, encoding: Encoding) -> Option<(Url, lsp_types::Diagnostic)> {
    let uri = Url::from_file_path(&error.path).ok()?;
    // The file may be gone by now; the error is still shown, at its start.
    let text = std::fs::read_to_string(&error.path).unwrap_or_default();
    let span = error.span.clone().unwrap_or(0..0);
    let diagnostic = lsp_types::Diagnostic {
        range: LineMap::new(&text, encoding).range(&text, &span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: error.message.clone(),
        ..Default::default()
    };
    Some((uri, diagnostic))
}

/// The one diagnostic on a document its broken config keeps from being linted,
/// pointing at the config's error.
pub fn not_linted(error: &ConfigError, encoding: Encoding) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "not linted: the config {} does not load ({})",
            error.path.display(),
            error.message
        ),
        related_information: on_config(error, encoding).map(|(uri, on_config)| {
            vec![DiagnosticRelatedInformation {
                location: Location::new(uri, on_config.range),
                message: "the config error".to_owned(),
            }]
        }),
        ..Default::default()
    }
}
