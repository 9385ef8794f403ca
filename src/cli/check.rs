//! `pocketlint check`: lint, and with `--fix` / `--diff` fix, every file named.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use miette::{Report, miette};

use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, collect, write_atomic};
use crate::config::Settings;
use crate::diagnostic::Severity;
use crate::fix::{self, Applicability, FixOutcome};
use crate::report::{self, FileReport, HumanOptions};
use crate::rules;

pub fn run(args: &CheckArgs) -> ExitStatus {
    let mut errors: Vec<Report> = Vec::new();
    let mut reports = Vec::new();
    let mut diff_changes = false;
    match lint_all(args, &mut reports, &mut errors, &mut diff_changes) {
        Ok(()) => {}
        Err(err) => errors.push(err),
    }

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
    let mut stdout = std::io::stdout().lock();
    if !args.diff {
        let shown: Vec<FileReport> = if args.quiet && args.format == report::Format::Human {
            reports
                .into_iter()
                .filter(|r| !r.diagnostics.is_empty())
                .collect()
        } else {
            reports
        };
        let result = if args.quiet && args.format == report::Format::Human {
            report::write(report::Format::Concise, &shown, &human, &mut stdout)
        } else {
            report::write(args.format, &shown, &human, &mut stdout)
        };
        if let Err(err) = result {
            errors.push(miette!("cannot write output: {err}"));
        }
        let failing = shown
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= Severity::Warning);
        return finish(
            errors,
            if failing {
                ExitStatus::Findings
            } else {
                ExitStatus::Clean
            },
        );
    }
    let _ = stdout.flush();
    finish(
        errors,
        if diff_changes {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        },
    )
}

fn finish(errors: Vec<Report>, status: ExitStatus) -> ExitStatus {
    if errors.is_empty() {
        return status;
    }
    for err in errors {
        eprintln!("{err:?}");
    }
    ExitStatus::Error
}

fn lint_all(
    args: &CheckArgs,
    reports: &mut Vec<FileReport>,
    errors: &mut Vec<Report>,
    diff_changes: &mut bool,
) -> Result<(), Report> {
    for name in args.select.iter().chain(&args.ignore) {
        if rules::find(name).is_none() {
            return Err(miette!(
                "unknown rule {name:?}; `pocketlint rules` lists them"
            ));
        }
    }
    let files = collect(&args.paths)?;
    let mut configs = ConfigCache::new(
        args.config.as_deref(),
        args.no_config,
        &args.select,
        &args.ignore,
    )?;
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut stdout = std::io::stdout().lock();
    for (path, resolved) in configs.resolve_all(files)? {
        let file = match SourceFile::read(&path) {
            Ok(file) => file,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        let shown = path.display().to_string();
        if !(args.fix || args.diff) {
            let diagnostics = crate::check(&file.text, &resolved.settings);
            let offset = file.offset();
            reports.push(FileReport::new(
                shown,
                file.text.into(),
                offset,
                diagnostics,
            ));
            continue;
        }
        let output = if args.diff {
            FixOutput::Diff
        } else {
            FixOutput::Write
        };
        let (outcome, changed) =
            match fix_file(&path, &file, &resolved.settings, min, output, &mut stdout) {
                Ok(result) => result,
                Err(err) => {
                    errors.push(err);
                    continue;
                }
            };
        if args.diff {
            *diff_changes |= changed;
            continue;
        }
        reports.push(FileReport::new(
            shown,
            Arc::from(outcome.output),
            file.offset(),
            outcome.remaining,
        ));
    }
    Ok(())
}

/// Where [`fix_file`] puts the fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FixOutput {
    /// Over the file, when it changed.
    Write,
    /// As a unified diff on the output, when it changed.
    Diff,
    /// Nowhere: only say whether it would change.
    Discard,
}

/// Fixes `file` to a fixed point with every fix at least as sure as `min`, and puts the
/// result where `output` says. Returns the outcome and whether the text changed; a
/// file whose fixes do not converge is left alone and reported as an error.
pub(super) fn fix_file(
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    min: Applicability,
    output: FixOutput,
    out: &mut dyn Write,
) -> Result<(FixOutcome, bool), Report> {
    let shown = path.display().to_string();
    let outcome = fix::fix(&file.text, settings, min);
    if !outcome.not_converged.is_empty() {
        return Err(miette!(
            "{shown}: fixes did not converge (rules: {}); the file was left unchanged",
            outcome.not_converged.join(", ")
        ));
    }
    let changed = outcome.output != file.text;
    if changed {
        match output {
            FixOutput::Write => write_atomic(path, &file.render(&outcome.output))?,
            FixOutput::Diff => write_diff(
                out,
                &shown,
                &file.render(&file.text),
                &file.render(&outcome.output),
            )
            .map_err(|err| miette!("cannot write output: {err}"))?,
            FixOutput::Discard => {}
        }
    }
    Ok((outcome, changed))
}

fn write_diff(out: &mut dyn Write, path: &str, before: &str, after: &str) -> std::io::Result<()> {
    let diff = similar::TextDiff::from_lines(before, after);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
    )
}
