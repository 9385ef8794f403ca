//! `pocketlint rules`: every rule with its declaration, as a terminal table or as the
//! Markdown table in the README (which a test keeps equal to this output); and
//! `pocketlint explain`: a rule's documentation with its declaration.

use super::args::RulesFormat;
use crate::rules::{RULES, Rule};

/// `rules/<name>.md` with the rule's declaration under its title.
pub fn explain(rule: &Rule) -> String {
    let (title, body) = rule.doc.split_once('\n').unwrap_or((rule.doc, ""));
    format!(
        "{title}\n\ncategory: {}, default severity: {}, fix: {}\n{body}",
        rule.category.as_str(),
        default_level(rule),
        rule.fix
    )
}

/// The severity a rule runs at, and for a rule of a profile, that it needs it.
fn default_level(rule: &Rule) -> String {
    match rule.profile {
        None => rule.severity.to_string(),
        Some(profile) => format!("{} with profile: {}", rule.severity, profile.as_str()),
    }
}

/// The rule table in `format`, one line per rule after the header.
pub fn table(format: RulesFormat) -> String {
    let mut out = String::new();
    match format {
        RulesFormat::Text => {
            let rows: Vec<[String; 5]> = RULES
                .iter()
                .map(|rule| {
                    [
                        rule.name.to_owned(),
                        rule.category.as_str().to_owned(),
                        default_level(rule),
                        rule.fix.to_string(),
                        rule.summary.to_owned(),
                    ]
                })
                .collect();
            let header = ["rule", "category", "severity", "fix", "summary"].map(str::to_owned);
            // Each column as wide as its widest cell, so long names keep the table aligned.
            let widths: Vec<usize> = (0..4)
                .map(|c| {
                    rows.iter()
                        .chain([&header])
                        .map(|row| row[c].len())
                        .max()
                        .unwrap_or_default()
                })
                .collect();
            for row in [&header].into_iter().chain(&rows) {
                for (cell, width) in row.iter().zip(&widths) {
                    out.push_str(&format!("{cell:<width$} "));
                }
                out.push_str(&row[4]);
                out.push('\n');
            }
        }
        RulesFormat::Markdown => {
            out.push_str("| rule | category | severity | fix | finds |\n");
            out.push_str("| --- | --- | --- | --- | --- |\n");
            for rule in RULES {
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    rule.name,
                    rule.category.as_str(),
                    default_level(rule),
                    rule.fix,
                    rule.summary
                ));
            }
        }
    }
    out
}
