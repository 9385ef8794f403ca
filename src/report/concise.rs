//! `path:line:col: severity rule message`, one line a finding.

use std::io::{self, Write};

use super::{FileReport, Position};
use crate::document::LineIndex;

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        let lines = LineIndex::new(&report.source);
        for d in &report.diagnostics {
            let at = Position::of(&lines, &report.source, d);
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                report.path, at.line, at.column, d.severity, d.rule, d.message
            )?;
        }
    }
    Ok(())
}
