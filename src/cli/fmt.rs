//! `pocketlint fmt`: apply the safe fixes of the formatting rules, the way `cargo fmt`
//! and `ruff format` do. `check --fix` applies every rule's safe fixes; `fmt` only
//! touches layout (whitespace, markers, invisible characters), so it is safe to run on
//! save or in a pre-commit hook.

use miette::Report;

use super::ExitStatus;
use super::args::FmtArgs;
use super::check::{FixOutput, fix_file};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, collect};
use crate::fix::Applicability;
use crate::rules::{Category, RULES};

pub fn run(args: &FmtArgs) -> ExitStatus {
    let mut errors = Vec::new();
    let (changed, unchanged) = match format_all(args, &mut errors) {
        Ok(counts) => counts,
        Err(err) => {
            errors.push(err);
            (0, 0)
        }
    };
    if !args.diff {
        let verb = match (args.check, changed) {
            (true, 1) => "file would be reformatted",
            (true, _) => "files would be reformatted",
            (false, 1) => "file reformatted",
            (false, _) => "files reformatted",
        };
        println!("{changed} {verb}, {unchanged} left unchanged");
    }
    if !errors.is_empty() {
        for err in errors {
            eprintln!("{err:?}");
        }
        return ExitStatus::Error;
    }
    if changed > 0 && (args.check || args.diff) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Formats every file; returns how many changed (or would) and how many did not.
fn format_all(args: &FmtArgs, errors: &mut Vec<Report>) -> Result<(usize, usize), Report> {
    let format_rules: Vec<String> = RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.category == Category::Format)
        .map(|m| m.name.to_owned())
        .collect();
    let files = collect(&args.paths)?;
    let mut configs = ConfigCache::new(args.config.as_deref(), args.no_config, &format_rules, &[])?;
    let output = match (args.check, args.diff) {
        (_, true) => FixOutput::Diff,
        (true, false) => FixOutput::Discard,
        (false, false) => FixOutput::Write,
    };
    let mut stdout = std::io::stdout().lock();
    let (mut changed, mut unchanged) = (0, 0);
    for (path, resolved) in configs.resolve_all(files)? {
        let result = SourceFile::read(&path).and_then(|file| {
            fix_file(
                &path,
                &file,
                &resolved.settings,
                Applicability::Safe,
                output,
                &mut stdout,
            )
        });
        match result {
            Ok((_, true)) => {
                changed += 1;
                if args.check {
                    println!("would reformat {}", path.display());
                }
            }
            Ok((_, false)) => unchanged += 1,
            Err(err) => errors.push(err),
        }
    }
    Ok((changed, unchanged))
}
