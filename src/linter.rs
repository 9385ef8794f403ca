//! The engine: runs the enabled rules over a document, and fixes a text to a fixed point.

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Applicability, Fix, apply_fixes};
use crate::rules::awesome_lint::our_name;
use crate::rules::{Context, RULES, Rule};
use crate::settings::Settings;

/// Every finding of the enabled rules in `source`, sorted by position.
pub fn check(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    check_document(&doc, settings)
}

/// Documents at least this large have their rules run in parallel on the thread pool
/// (rayon's, when it has more than one thread): a 10 MB list is then checked on every
/// core, while a small file (or each file of a tree, already one a core) is not split.
const PARALLEL_RULES_BYTES: usize = 1 << 20;

/// Runs the enabled rules over an already parsed document. Each rule's findings get its
/// name and configured severity here (capped where a finding asks, [`Diagnostic::at_most`]),
/// so no rule writes either. Findings are gathered rule by rule in [`RULES`] order
/// whichever thread ran each rule, so the result never depends on the thread count.
pub fn check_document(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let ctx = Context::new(doc, settings);
    let enabled: Vec<(&Rule, Severity)> = RULES
        .iter()
        .filter_map(|rule| {
            Some((
                rule,
                settings.severity(rule.name, rule.severity, rule.profile)?,
            ))
        })
        .collect();
    let run = |&(rule, severity): &(&Rule, Severity)| {
        let mut found = Vec::new();
        rule.run(&ctx, &mut found);
        for d in &mut found {
            d.rule = rule.name;
            d.severity = d.at_most.map_or(severity, |cap| cap.min(severity));
        }
        found
    };
    let mut all: Vec<Diagnostic> = if doc.source.len() >= PARALLEL_RULES_BYTES
        && rayon::current_num_threads() > 1
    {
        // The two analyses most rules wait for are started side by side first; then
        // each rule is a task of its own, taken by whichever thread is free.
        rayon::join(|| ctx.toc_analysis(), || ctx.duplicate_sections());
        let per_rule: Vec<Vec<Diagnostic>> = enabled.par_iter().with_max_len(1).map(run).collect();
        per_rule.into_iter().flatten().collect()
    } else {
        enabled.iter().flat_map(run).collect()
    };
    all.retain(|d| {
        let line = doc.lines.line_of(d.span.start);
        !doc.suppressions
            .is_suppressed_with(d.rule, d.span.start, line, our_name)
    });
    all.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    all
}

/// The result of fixing one text to a fixed point.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    pub output: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// The findings that remain in `output`.
    pub remaining: Vec<Diagnostic>,
    /// Rules whose fixes kept changing the text when the round limit was reached;
    /// empty when the fixes converged.
    pub not_converged: Vec<&'static str>,
}

/// Most rounds the engine runs before it gives up on a fixed point.
const MAX_ROUNDS: usize = 16;

/// Applies every fix at least as sure as `min`, re-checking after each round.
pub fn fix(source: &str, settings: &Settings, min: Applicability) -> FixOutcome {
    fix_observed(source, settings, min, |_, _, _| {})
}

/// [`fix`], calling `observe(before, applied, after)` for every round that changed the
/// text, so the fuzz properties can check each round's edits against its output.
pub fn fix_observed(
    source: &str,
    settings: &Settings,
    min: Applicability,
    observe: impl FnMut(&str, &[&Fix], &str),
) -> FixOutcome {
    fix_checked_by(source, min, |text| check(text, settings), observe)
}

/// The fix loop with the findings of each round from `check`: the rules, and for
/// `check --online` also the findings of the link checks, whose fixes go through the
/// same rounds.
pub fn fix_checked_by(
    source: &str,
    min: Applicability,
    check: impl Fn(&str) -> Vec<Diagnostic>,
    mut observe: impl FnMut(&str, &[&Fix], &str),
) -> FixOutcome {
    let mut text = source.to_owned();
    let mut applied = 0;
    let mut diagnostics = check(&text);
    for _ in 0..MAX_ROUNDS {
        let fixable: Vec<&Fix> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability >= min && min > Applicability::DisplayOnly)
            .collect();
        let (output, taken) = apply_fixes(&text, fixable.iter().copied());
        if taken.is_empty() || output == text {
            return FixOutcome {
                output: text,
                applied,
                remaining: diagnostics,
                not_converged: Vec::new(),
            };
        }
        let taken: Vec<&Fix> = taken.iter().map(|&i| fixable[i]).collect();
        observe(&text, &taken, &output);
        applied += taken.len();
        text = output;
        diagnostics = check(&text);
    }
    let mut not_converged: Vec<&'static str> = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
        .map(|d| d.rule)
        .collect();
    not_converged.sort_unstable();
    not_converged.dedup();
    FixOutcome {
        output: text,
        applied,
        remaining: diagnostics,
        not_converged,
    }
}
