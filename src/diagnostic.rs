//! What a rule reports.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::fix::Fix;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span shown with a finding ("first listed here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// One finding: where, what, why, and how to fix it.
///
/// Messages start lowercase, end without a period and name the thing
/// (`"TinyLlama" is listed twice`); `help` says what the fix does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Set by the engine: the rule that found it.
    pub rule: &'static str,
    /// Set by the engine from the rule's configured severity.
    pub severity: Severity,
    pub message: String,
    /// The primary span, in bytes of the source.
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding at `span`; the engine fills in its rule and severity.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            rule: "",
            severity: Severity::Warning,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: impl Into<Option<Fix>>) -> Self {
        self.fix = fix.into();
        self
    }
}
