//! `pocketlint fmt`: apply the safe fixes of the formatting rules, the way `cargo fmt`
//! and `ruff format` do. `check --fix` applies every rule's safe fixes; `fmt` only
//! touches layout (whitespace, markers, invisible characters), so it is safe to run on
//! save or in a pre-commit hook.

use std::io::Write;

use miette::{Report, miette};

use super::ExitStatus;
use super::args::FmtArgs;
use super::batch::{self, Target};
use super::check::{fail, fixed, unified_diff};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, write_atomic};
use crate::fix::Applicability;
use crate::rules::{Category, RULES};

/// The rules `fmt` runs: those of the format category.
pub fn format_rules() -> Vec<String> {
    RULES
        .iter()
        .filter(|r| r.category == Category::Format)
        .map(|r| r.name.to_owned())
        .collect()
}

pub fn run(args: &FmtArgs) -> ExitStatus {
    let format_rules = format_rules();
    let writing = !(args.check || args.diff);
    let targets = ConfigCache::new(args.config.as_deref(), args.no_config, &format_rules, &[])
        .and_then(|mut configs| batch::targets(&args.paths, &mut configs));
    let targets = match targets {
        Ok(targets) => targets,
        Err(err) => return fail(vec![err]),
    };
    if writing {
        let mut errors = batch::validate(&targets, true);
        if !errors.is_empty() {
            errors.push(miette!("no file was changed because of the errors above"));
            return fail(errors);
        }
    }
    let mut errors = Vec::new();
    let mut stdout = std::io::stdout().lock();
    let (mut changed, mut unchanged) = (0, 0);
    let work = |target: &Target, file: SourceFile| format_file(args, target, &file);
    batch::each(&targets, work, |result| {
        let printed = match result {
            Ok(Some(printed)) => {
                changed += 1;
                stdout.write_all(printed.as_bytes())
            }
            Ok(None) => {
                unchanged += 1;
                Ok(())
            }
            Err(err) => {
                errors.push(err);
                Ok(())
            }
        };
        if let Err(err) = printed {
            errors.push(miette!("cannot write output: {err}"));
        }
    });
    if !args.diff {
        let verb = match (args.check, changed) {
            (true, 1) => "file would be reformatted",
            (true, _) => "files would be reformatted",
            (false, 1) => "file reformatted",
            (false, _) => "files reformatted",
        };
        let _ = writeln!(stdout, "{changed} {verb}, {unchanged} left unchanged");
    }
    if !errors.is_empty() {
        return fail(errors);
    }
    if changed > 0 && (args.check || args.diff) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Formats one file: writes it, or with `--check` names it, or with `--diff` shows the
/// change. What to print for it if it changed (or would), `None` if not.
fn format_file(
    args: &FmtArgs,
    target: &Target,
    file: &SourceFile,
) -> Result<Option<String>, Report> {
    let Target { path, config, .. } = target;
    let outcome = fixed(path, file, &config.settings, Applicability::Safe)?;
    if outcome.output == file.text {
        return Ok(None);
    }
    Ok(Some(if args.diff {
        unified_diff(path, file, &outcome.output)
    } else if args.check {
        format!("would reformat {}\n", path.display())
    } else {
        write_atomic(path, &file.render(&outcome.output))?;
        String::new()
    }))
}
