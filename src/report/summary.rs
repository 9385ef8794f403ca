//! The job summary: Markdown for GitHub's run page (`$GITHUB_STEP_SUMMARY`) or any
//! file. Counts per rule, the first findings, what `--changed-since` hid (the
//! findings the merge base already had), and the
//! diff the safe fixes would make, folded away in a `<details>` block.
//!
//! Everything taken from the README is escaped: a summary is rendered as Markdown
//! with HTML, and a heading must not be able to open a tag or break a table.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Counts, FileOutput, FileReport, Position, plural};
use crate::diagnostic::Diagnostic;

/// How many findings the summary lists one by one.
const FIRST_FINDINGS: usize = 20;

/// The online rules whose findings a maintainer acts on, listed in a table of their
/// own after a scheduled `--online` run (not `url-unverified`: nothing is known).
const LINK_RULES: [&str; 4] = ["url-dead", "url-redirect", "repo-archived", "repo-moved"];

/// Most link rows listed: the summary must stay under GitHub's 1 MiB.
const MAX_LINK_ROWS: usize = 1_000;

/// Most bytes of the fix diff shown: GitHub refuses a step summary over 1 MiB.
const MAX_DIFF_BYTES: usize = 64 * 1024;

/// What the summary says beyond the findings themselves.
#[derive(Debug, Default)]
pub struct JobSummary<'a> {
    /// Findings `--changed-since` hid (the merge base had them), and the ref given.
    pub hidden: Option<(usize, &'a str)>,
    /// The unified diff of the fixes, empty when they change nothing.
    pub fix_diff: String,
    /// Whether `fix_diff` includes the unsafe fixes.
    pub unsafe_fixes: bool,
}

/// What the summary shows of one file: its findings per rule and its first findings
/// as table rows (the summary lists no more than [`FIRST_FINDINGS`] in all).
#[derive(Debug, Default)]
pub(super) struct Digest {
    per_rule: BTreeMap<&'static str, usize>,
    rows: Vec<String>,
    /// Rows of the links `--online` found dead, moved or archived, all of them.
    links: Vec<String>,
}

impl Digest {
    pub(super) fn of(report: &FileReport) -> Self {
        let mut per_rule = BTreeMap::new();
        for d in &report.diagnostics {
            *per_rule.entry(d.rule).or_default() += 1;
        }
        let row = |d: &Diagnostic| {
            let at = Position::of(&report.lines, report.source, d);
            format!(
                "| {}:{}:{} | {} | `{}` | {} |",
                cell(&report.path),
                at.line,
                at.column,
                d.severity,
                d.rule,
                cell(&d.message)
            )
        };
        let rows = report
            .diagnostics
            .iter()
            .take(FIRST_FINDINGS)
            .map(row)
            .collect();
        let links = report
            .diagnostics
            .iter()
            .filter(|d| LINK_RULES.contains(&d.rule))
            .take(MAX_LINK_ROWS)
            .map(row)
            .collect();
        Self {
            per_rule,
            rows,
            links,
        }
    }
}

pub fn write(outputs: &[FileOutput], extra: &JobSummary, out: &mut dyn Write) -> io::Result<()> {
    let summary: Counts = outputs.iter().sum();
    writeln!(out, "## pocketlint\n")?;
    write!(
        out,
        "**{}** in {} ({} errors, {} warnings, {} info)",
        plural(summary.total(), "finding"),
        plural(summary.files, "file"),
        summary.errors,
        summary.warnings,
        summary.infos
    )?;
    if summary.fixable > 0 {
        write!(out, ", {} fixable with `--fix`", summary.fixable)?;
    }
    writeln!(out, "\n")?;
    if let Some((hidden, since)) = extra.hidden {
        writeln!(
            out,
            "{} already at the merge base with `{}` hidden.\n",
            plural(hidden, "finding"),
            cell(since)
        )?;
    }
    if summary.total() > 0 {
        let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for (rule, count) in outputs.iter().flat_map(|o| &o.digest.per_rule) {
            *per_rule.entry(rule).or_default() += count;
        }
        let rows = per_rule
            .into_iter()
            .map(|(rule, count)| format!("| `{rule}` | {count} |"));
        table("| rule | findings |\n| --- | ---: |", rows, out)?;
        write_links(outputs, out)?;
        write_first_findings(outputs, summary.total(), out)?;
    }
    if !extra.fix_diff.is_empty() {
        write_fix_diff(extra, out)?;
    }
    Ok(())
}

/// The fix diff, folded, cut at a line boundary when it is long.
fn write_fix_diff(extra: &JobSummary, out: &mut dyn Write) -> io::Result<()> {
    let mut diff = extra.fix_diff.as_str();
    let mut cut_lines = 0;
    if diff.len() > MAX_DIFF_BYTES {
        // Searched as bytes: the limit may fall inside a character, a newline never does.
        let end = diff.as_bytes()[..MAX_DIFF_BYTES]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        cut_lines = diff[end..].lines().count();
        diff = &diff[..end];
    }
    let flags = if extra.unsafe_fixes {
        "--fix --unsafe-fixes"
    } else {
        "--fix"
    };
    let fence = "`".repeat(longest_backtick_run(diff).max(2) + 1);
    let newline = if diff.is_empty() || diff.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    writeln!(
        out,
        "<details><summary>What <code>pocketlint check {flags}</code> would change</summary>\n\n\
         {fence}diff\n{diff}{newline}{fence}\n"
    )?;
    if cut_lines > 0 {
        writeln!(
            out,
            "{cut_lines} more lines: `pocketlint check --diff` shows them all.\n"
        )?;
    }
    writeln!(out, "</details>")
}

/// The dead, moved and archived links, when `--online` found any.
fn write_links(outputs: &[FileOutput], out: &mut dyn Write) -> io::Result<()> {
    let mut rows = outputs.iter().flat_map(|o| &o.digest.links).peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    writeln!(out, "Dead, moved and archived links:\n")?;
    table(FINDING_COLUMNS, rows.take(MAX_LINK_ROWS), out)
}

fn write_first_findings(
    outputs: &[FileOutput],
    total: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if total > FIRST_FINDINGS {
        writeln!(out, "First {FIRST_FINDINGS} findings:\n")?;
    }
    let rows = outputs.iter().flat_map(|o| &o.digest.rows);
    table(FINDING_COLUMNS, rows.take(FIRST_FINDINGS), out)
}

/// The header of the tables that list findings one a row ([`Digest`]'s rows).
const FINDING_COLUMNS: &str = "| where | severity | rule | message |\n| --- | --- | --- | --- |";

/// A Markdown table: its header (names and alignment lines), its rows, a blank line.
fn table(
    header: &str,
    rows: impl IntoIterator<Item = impl std::fmt::Display>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{header}")?;
    for row in rows {
        writeln!(out, "{row}")?;
    }
    writeln!(out)
}

/// Text made safe for a Markdown table cell: no line breaks, no HTML, no cell break,
/// no emphasis or code spans.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '`' | '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The summary of a run that found nothing, with `extra`.
    fn summary_of(extra: &JobSummary) -> String {
        let mut out = Vec::new();
        write(&[], extra, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cells_cannot_open_tags_or_break_tables() {
        assert_eq!(
            cell("<img src=x>|a\nb `c`"),
            "&lt;img src=x&gt;\\|a b \\`c\\`"
        );
    }

    #[test]
    fn the_diff_fence_outlasts_any_backticks_inside() {
        let extra = JobSummary {
            fix_diff: "-````\n+```\n".into(),
            ..JobSummary::default()
        };
        let text = summary_of(&extra);
        assert!(text.contains("`````diff\n-````\n+```\n`````\n"), "{text}");
    }

    #[test]
    fn a_long_diff_is_cut_at_a_line() {
        let line = format!("+{}\n", "x".repeat(99));
        let extra = JobSummary {
            fix_diff: line.repeat(1000),
            ..JobSummary::default()
        };
        let text = summary_of(&extra);
        assert!(text.len() < MAX_DIFF_BYTES + 1000);
        assert!(text.contains(&format!("{line}```\n\n352 more lines: `pocketlint check --diff` shows them all.\n\n</details>\n")), "{}", &text[text.len() - 300..]);
    }

    #[test]
    fn a_long_diff_is_cut_at_a_line_when_the_limit_falls_inside_a_character() {
        // 98-byte lines of three-byte characters: byte 65,536 is the middle of one.
        let line = format!("+{}\n", "中".repeat(32));
        assert!(!line.repeat(1000).is_char_boundary(MAX_DIFF_BYTES));
        let extra = JobSummary {
            fix_diff: line.repeat(1000),
            ..JobSummary::default()
        };
        let text = summary_of(&extra);
        assert!(
            text.contains(&format!("{line}```\n\n332 more lines:")),
            "{:?}",
            text.lines().rev().take(5).collect::<Vec<_>>()
        );
    }
}
