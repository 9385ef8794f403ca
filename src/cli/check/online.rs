//! `--online`: before the files are linted, the web links of all of them are checked
//! once (with `--changed-since`, only those the change added: a pull request never
//! fails on rot elsewhere), through the link cache, so that each file's findings can
//! include what the checks found.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use miette::Report;

use super::baseline::text_at_merge_base;
use crate::cli::args::CheckArgs;
use crate::cli::batch::{self, Target};
use crate::document::Document;
use crate::online::findings::{Results, web_urls};
use crate::online::history::{DAY, History, Policy, SystemClock};
use crate::online::{OnlineSettings, check_with_history};

/// Where the link cache is kept unless `--link-cache` says otherwise.
pub const DEFAULT_CACHE: &str = ".pocketlint-cache/links.json";

/// Whether this run checks links online: `--online`, or `online: true` in the config
/// of any file it lints.
pub fn wanted(args: &CheckArgs, targets: &[Target]) -> bool {
    args.online || targets.iter().any(|t| t.config.online)
}

/// Checks the web links of every target (only those new since the merge base with
/// `--changed-since`) and saves the history. A cache that cannot be read or written is
/// said on stderr and does not stop the run.
pub fn check_links(args: &CheckArgs, targets: &[Target]) -> Result<Results, Report> {
    let mut urls = Vec::new();
    let mut error = None;
    batch::each(
        targets,
        |target, file| links_to_check(args, &target.path, &file.text),
        |result| match result {
            Ok(found) => urls.extend(found),
            // The lint pass reports files it cannot read; a git error stops the run.
            Err(err) if args.changed_since.is_some() => {
                error.get_or_insert(err);
            }
            Err(_) => {}
        },
    );
    if let Some(err) = error {
        return Err(err);
    }
    let path = cache_path(args);
    let (mut history, problem) = History::load(&path);
    if let Some(problem) = problem {
        eprintln!("warning: {problem}");
    }
    let policy = Policy {
        failures: usize::try_from(args.dead_after).unwrap_or(usize::MAX),
        days: usize::try_from(args.dead_days).unwrap_or(usize::MAX),
        max_age: args.cache_max_age.saturating_mul(DAY),
    };
    let results = check_with_history(
        &urls,
        &OnlineSettings::from_env(),
        &policy,
        &mut history,
        &SystemClock,
    );
    if let Err(err) = history.save() {
        eprintln!(
            "warning: {}: cannot save the link cache: {err}",
            path.display()
        );
    }
    Ok(results)
}

fn cache_path(args: &CheckArgs) -> PathBuf {
    args.link_cache
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CACHE))
}

/// The `(canonical key, URL)` pairs of `text` to check.
fn links_to_check(
    args: &CheckArgs,
    path: &Path,
    text: &str,
) -> Result<Vec<(String, String)>, Report> {
    let mut urls = web_urls(&Document::parse(text));
    if let Some(since) = &args.changed_since {
        let base = text_at_merge_base(since, path)?.unwrap_or_default();
        let old: HashSet<String> = web_urls(&Document::parse(&base))
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        urls.retain(|(key, _)| !old.contains(key));
    }
    Ok(urls)
}
