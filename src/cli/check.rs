//! `pocketlint check`: lint, and with `--fix` / `--diff` fix, every file named.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use miette::{Report, miette};

use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, collect, write_atomic};
use crate::diagnostic::Severity;
use crate::fix::{self, Applicability};
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
    for path in files {
        let resolved = configs.for_file(&path)?;
        if resolved.excludes(&std::path::absolute(&path).unwrap_or_else(|_| path.clone())) {
            continue;
        }
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
        let outcome = fix::fix(&file.text, &resolved.settings, min);
        if !outcome.not_converged.is_empty() {
            errors.push(miette!(
                "{shown}: fixes did not converge (rules: {}); the file was left unchanged",
                outcome.not_converged.join(", ")
            ));
            continue;
        }
        let changed = outcome.output != file.text;
        if args.diff {
            if changed {
                *diff_changes = true;
                let before = file.render(&file.text);
                let after = file.render(&outcome.output);
                write_diff(&mut stdout, &shown, &before, &after)
                    .map_err(|err| miette!("cannot write output: {err}"))?;
            }
            continue;
        }
        if changed && let Err(err) = write_atomic(Path::new(&path), &file.render(&outcome.output)) {
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
    Ok(())
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
