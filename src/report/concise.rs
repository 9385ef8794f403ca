//! `path:line:col: severity rule message`, one line a finding.

use std::fmt::Write;

use super::{FileReport, Position};

pub(super) fn render(report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let at = Position::of(&report.lines, report.source, d);
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            report.path, at.line, at.column, d.severity, d.rule, d.message
        );
    }
    out
}
