//! The engine: runs the enabled rules over a document, and fixes a text to a fixed point.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

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
/// A list of common size is checked in a few milliseconds, too little for a second
/// thread to pay: on the 253 KB seed a thread timeline showed the woken thread starting
/// 0.1 to 1.8 ms late, on the core of the thread that woke it while the other core ran
/// another process, and two threads from 64 KB up took 1.12 (rayon's pool) and 1.07 (a
/// scoped second thread) of one's wall time (farm-bench, 40 pairs, machine shared).
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
    if !checks_in_parallel(doc) {
        return in_order(doc, enabled.iter().flat_map(run).collect());
    }
    let found = run_in_parallel(&enabled, || ctx.duplicates_ready(), run);
    // The shared analyses are freed on another thread while the findings are put in
    // order: on the 10 MB list 24 M instructions less after the last rule.
    rayon::join(move || drop(ctx), || in_order(doc, found)).1
}

/// Whether the work on `doc` is shared by the threads of the pool ([`PARALLEL_RULES_BYTES`]).
pub fn checks_in_parallel(doc: &Document) -> bool {
    doc.source.len() >= PARALLEL_RULES_BYTES && rayon::current_num_threads() > 1
}

/// The findings of `doc` that no comment suppresses, sorted by position.
fn in_order(doc: &Document, mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    all.retain(|d| {
        let line = doc.lines.line_of(d.span.start);
        !doc.suppressions
            .is_suppressed_with(d.rule, d.span.start, line, our_name)
    });
    all.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    all
}

/// Rules a parallel check starts first, in this order. The first starts the longest
/// chain of work: the web links, the entries and the duplicate analysis, then its own
/// paragraph fingerprints (on the 10 MB list 270 M and 577 M instructions of 1,619 M for
/// all rules: alone more than a core's share). The next ones start the TOC analysis
/// (138 M) and are the longest of the rules that wait for nothing the first computes.
const STARTED_FIRST: [&str; 5] = [
    "dup-paragraph",
    "toc-missing-entry",
    "entry-format",
    "punctuation-balance",
    "url-invalid",
];

/// Rules a parallel check holds back until the duplicate analysis the first rule of
/// [`STARTED_FIRST`] computes is ready: a thread that took one earlier would wait idle
/// for it instead of running the rules that need no such analysis, and one that takes
/// it only after every other rule runs it alone (dup-link on the 10 MB list: 48 M
/// instructions, 20 ms while the other thread had nothing left). The first thread free
/// once the analysis is ready takes them.
const WAITING_FOR_DUPLICATES: [&str; 2] = ["dup-section", "dup-link"];

/// The rules of `enabled` run on every thread of the pool, each taking the next rule of
/// [`schedule`] as it becomes free: the longest chains start at once and the short
/// rules fill in around them, while those of [`WAITING_FOR_DUPLICATES`] wait until
/// `duplicates_ready` says the analysis they read is done (or nothing else is left).
/// (A parallel iterator splits the list in halves instead, and the longest rule could
/// start last: two threads then took 0.71 of one's time on the 10 MB list.) Findings
/// come back in the order of `enabled`.
fn run_in_parallel(
    enabled: &[(&Rule, Severity)],
    duplicates_ready: impl Fn() -> bool + Sync,
    run: impl Fn(&(&Rule, Severity)) -> Vec<Diagnostic> + Sync,
) -> Vec<Diagnostic> {
    let (others, waiting) = schedule(enabled);
    let (next_other, next_waiting) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let take = |queue: &[usize], next: &AtomicUsize| {
        queue.get(next.fetch_add(1, Ordering::Relaxed)).copied()
    };
    let next_rule = || {
        if duplicates_ready() {
            take(&waiting, &next_waiting).or_else(|| take(&others, &next_other))
        } else {
            take(&others, &next_other).or_else(|| take(&waiting, &next_waiting))
        }
    };
    let found: Vec<OnceLock<Vec<Diagnostic>>> = enabled.iter().map(|_| OnceLock::new()).collect();
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            scope.spawn(|_| {
                while let Some(i) = next_rule() {
                    found[i].get_or_init(|| run(&enabled[i]));
                }
            });
        }
    });
    found
        .into_iter()
        .filter_map(OnceLock::into_inner)
        .flatten()
        .collect()
}

/// The indices of `enabled` in the order a parallel check starts them: [`STARTED_FIRST`]
/// then the others in [`RULES`] order; apart, those of [`WAITING_FOR_DUPLICATES`].
fn schedule(enabled: &[(&Rule, Severity)]) -> (Vec<usize>, Vec<usize>) {
    let rank = |i: &usize| {
        let name = enabled[*i].0.name;
        match STARTED_FIRST.iter().position(|&first| first == name) {
            Some(position) => (0, position),
            None => (1, *i),
        }
    };
    let (waiting, mut others): (Vec<usize>, Vec<usize>) =
        (0..enabled.len()).partition(|&i| WAITING_FOR_DUPLICATES.contains(&enabled[i].0.name));
    others.sort_by_key(rank);
    (others, waiting)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_names_rules_and_runs_each_once() {
        let enabled: Vec<(&Rule, Severity)> = RULES.iter().map(|r| (r, r.severity)).collect();
        let (others, waiting) = schedule(&enabled);
        let names =
            |order: &[usize]| -> Vec<&str> { order.iter().map(|&i| enabled[i].0.name).collect() };
        assert_eq!(names(&others)[..STARTED_FIRST.len()], STARTED_FIRST);
        assert_eq!(names(&waiting), WAITING_FOR_DUPLICATES);
        let mut all = [others, waiting].concat();
        all.sort_unstable();
        assert_eq!(all, (0..enabled.len()).collect::<Vec<_>>());
    }
}
