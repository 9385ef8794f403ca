//! `pocketlint check`: lint, and with `--fix` / `--diff` fix, every file named.
//!
//! Two phases: every input is read and its config resolved first; only when all of
//! them are sound does anything get written, so bad input never leaves a run half
//! applied. Without `--fix`, a bad file is reported and the others are still linted.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use miette::{Report, miette};

use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use super::config_cache::{ConfigCache, Resolved};
use super::input::{SourceFile, collect, ensure_writable, write_atomic};
use crate::diagnostic::Severity;
use crate::fix::{self, Applicability};
use crate::report::{self, FileReport, Format, HumanOptions};
use crate::rules;

/// A file that was read and is ready to lint.
struct Input {
    path: PathBuf,
    file: SourceFile,
    config: Arc<Resolved>,
}

pub fn run(args: &CheckArgs) -> ExitStatus {
    let mut errors = Vec::new();
    let inputs = match load_inputs(args, &mut errors) {
        Ok(inputs) => inputs,
        Err(err) => return fail(vec![err]),
    };
    if (args.fix || args.diff) && !errors.is_empty() {
        errors.push(miette!("no file was changed because of the errors above"));
        return fail(errors);
    }
    let status = if args.fix || args.diff {
        fix_all(args, inputs, &mut errors)
    } else {
        let reports = inputs
            .into_iter()
            .map(|input| {
                let diagnostics = crate::check(&input.file.text, &input.config.settings);
                let offset = input.file.offset();
                FileReport::new(
                    input.path.display().to_string(),
                    input.file.text.into(),
                    offset,
                    diagnostics,
                )
            })
            .collect::<Vec<_>>();
        print_reports(args, &reports, &mut errors)
    };
    if errors.is_empty() {
        status
    } else {
        fail(errors)
    }
}

fn fail(errors: Vec<Report>) -> ExitStatus {
    for err in errors {
        super::print_error(&err);
    }
    ExitStatus::Error
}

/// Resolves paths and configs (fatal on error) and reads every file (errors collected).
fn load_inputs(args: &CheckArgs, errors: &mut Vec<Report>) -> Result<Vec<Input>, Report> {
    for name in args.select.iter().chain(&args.ignore) {
        if rules::find(name).is_none() {
            return Err(miette!(
                "unknown rule {name:?}; `pocketlint rules` lists them"
            ));
        }
    }
    let mut configs = ConfigCache::new(
        args.config.as_deref(),
        args.no_config,
        &args.select,
        &args.ignore,
    )?;
    let mut inputs = Vec::new();
    for path in collect(&args.paths)? {
        let config = configs.for_file(&path)?;
        if config.excludes(&std::path::absolute(&path).unwrap_or_else(|_| path.clone())) {
            continue;
        }
        let file = SourceFile::read(&path).and_then(|file| {
            if args.fix {
                ensure_writable(&path)?;
            }
            Ok(file)
        });
        match file {
            Ok(file) => inputs.push(Input { path, file, config }),
            Err(err) => errors.push(err),
        }
    }
    Ok(inputs)
}

/// `--fix` writes each changed file and reports what is left; `--diff` only shows.
fn fix_all(args: &CheckArgs, inputs: Vec<Input>, errors: &mut Vec<Report>) -> ExitStatus {
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut reports = Vec::new();
    let mut changes = false;
    let mut stdout = std::io::stdout().lock();
    for Input { path, file, config } in inputs {
        let shown = path.display().to_string();
        let outcome = fix::fix(&file.text, &config.settings, min);
        if !outcome.not_converged.is_empty() {
            errors.push(miette!(
                "{shown}: fixes did not converge (rules: {}); the file was left unchanged",
                outcome.not_converged.join(", ")
            ));
            continue;
        }
        let changed = outcome.output != file.text;
        changes |= changed;
        if args.diff {
            if changed {
                let diff = unified_diff(
                    &shown,
                    &file.render(&file.text),
                    &file.render(&outcome.output),
                );
                if let Err(err) = write!(stdout, "{diff}") {
                    errors.push(miette!("cannot write output: {err}"));
                }
            }
            continue;
        }
        if changed && let Err(err) = write_atomic(&path, &file.render(&outcome.output)) {
            errors.push(err);
            continue;
        }
        reports.push(FileReport::new(
            shown,
            Arc::from(outcome.output),
            file.offset(),
            outcome.remaining,
        ));
    }
    drop(stdout);
    if args.diff {
        return if changes {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        };
    }
    print_reports(args, &reports, errors)
}

/// Prints the reports; the status says whether any finding is at warning or above.
fn print_reports(args: &CheckArgs, reports: &[FileReport], errors: &mut Vec<Report>) -> ExitStatus {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let human = HumanOptions {
        color,
        width: 100,
        unsafe_fixes: args.unsafe_fixes,
    };
    // Quiet human output is one line a finding, without the summary.
    let format = if args.quiet && args.format == Format::Human {
        Format::Concise
    } else {
        args.format
    };
    if let Err(err) = report::write(format, reports, &human, &mut std::io::stdout().lock()) {
        errors.push(miette!("cannot write output: {err}"));
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= Severity::Warning);
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// A unified diff of one file, as `git diff` shows it.
pub(super) fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
