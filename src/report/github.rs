//! GitHub Actions workflow commands, one per finding:
//! `::warning file=README.md,line=3,col=1,endLine=3,endColumn=9,title=pocketlint (rule)::message`.
//!
//! The runner reads every line of a step's output, so text from the README (a heading,
//! a URL, a file name) must never end a command early or start a new one. Everything
//! we print is escaped exactly as the runner unescapes it: in the message `%`, CR and
//! LF; in properties also `:` and `,`, which separate them.

use super::{FileReport, Position};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn render(report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let at = Position::of(&report.lines, report.source, d);
        out.push_str(&command(&report.path, &at, d));
        out.push('\n');
    }
    out
}

/// The workflow command for one finding.
fn command(path: &str, at: &Position, d: &Diagnostic) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    // The runner matches annotations to files by their path in the repository, which
    // GitHub writes with `/` on every platform.
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    format!(
        "::{name} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&path),
        at.line,
        at.column,
        at.end_line,
        at.end_column,
        escape_property(&format!("pocketlint ({})", d.rule)),
        escape_data(&message)
    )
}

/// Escapes a command's message, as the runner's `unescapeData` expects.
fn escape_data(text: &str) -> String {
    escape(text, false)
}

/// Escapes a property value, as the runner's `unescapeProperty` expects.
fn escape_property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("50%\r\n::error::x, y"),
            "50%25%0D%0A::error::x, y"
        );
    }

    #[test]
    fn properties_also_escape_separators() {
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }
}
