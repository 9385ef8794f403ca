//! `check --statistics`: how many findings each rule has, instead of the findings, as
//! ruff's `--statistics` prints them. A maintainer adopting pocketlint on a long list
//! reads this first, to see which rules speak most and which `--fix` would settle.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileOutput, HumanOptions};
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;

/// Findings per rule over one file, or (merged) over a run.
#[derive(Debug, Default, Clone)]
pub struct Statistics {
    rules: BTreeMap<&'static str, RuleCount>,
}

/// One rule's findings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    pub count: usize,
    /// Of them, the findings a safe fix resolves (`--fix`).
    pub fixable: usize,
}

/// A row of the JSON statistics.
#[derive(Serialize)]
struct Row<'a> {
    rule: &'a str,
    count: usize,
    fixable: usize,
    summary: &'a str,
}

impl Statistics {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut statistics = Self::default();
        for d in diagnostics {
            let row = statistics.rules.entry(d.rule).or_default();
            row.count += 1;
            let safe = d.fix.as_ref().map(|f| f.applicability) == Some(Applicability::Safe);
            row.fixable += usize::from(safe);
        }
        statistics
    }

    /// Adds another file's findings.
    pub fn merge(&mut self, other: &Statistics) {
        for (rule, row) in &other.rules {
            let total = self.rules.entry(rule).or_default();
            total.count += row.count;
            total.fixable += row.fixable;
        }
    }

    /// The rules with findings, the most findings first (then by name).
    pub fn rows(&self) -> Vec<(&'static str, RuleCount)> {
        let mut rows: Vec<_> = self.rules.iter().map(|(&r, &c)| (r, c)).collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        rows
    }
}

fn summary(rule: &str) -> &'static str {
    crate::rules::find(rule).map_or("", |r| r.summary)
}

/// Writes the statistics of `outputs`: a JSON array with `json`, else a table of
/// `count rule [*] summary` lines (`[*]`: `--fix` resolves some), and with `total` the
/// summary line that ends human output.
pub fn write(
    outputs: &[FileOutput],
    json: bool,
    total: Option<&HumanOptions>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut statistics = Statistics::default();
    for output in outputs {
        statistics.merge(&output.statistics);
    }
    let rows = statistics.rows();
    if json {
        let rows: Vec<Row> = rows
            .iter()
            .map(|&(rule, c)| Row {
                rule,
                count: c.count,
                fixable: c.fixable,
                summary: summary(rule),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let count_width = rows.iter().map(|r| r.1.count.to_string().len()).max();
    let rule_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (rule, c) in &rows {
        let mark = if c.fixable > 0 { "[*]" } else { "[ ]" };
        writeln!(
            out,
            "{:>count_width$}\t{rule:<rule_width$}\t{mark} {}",
            c.count,
            summary(rule),
            count_width = count_width.unwrap_or(1),
        )?;
    }
    match total {
        Some(human) => super::human::write_summary(outputs, human, out),
        None => Ok(()),
    }
}
