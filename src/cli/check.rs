//! `pocketlint check`: lint every file named (with `--fix` fix it, with `--diff` show
//! the fixes), keep only changed lines with `--changed-since`, print in the chosen
//! format, write the job summary, and turn the result into an exit code.
//!
//! Every input is read first ([`load_inputs`]); `--fix` and `--diff` go on only when
//! all of them are sound, so bad input never leaves a run half applied. A plain check
//! reports a bad file and still lints the others.

mod changed;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Report, miette};

use self::changed::ChangedLines;
use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use super::config_cache::{ConfigCache, Resolved};
use super::input::{SourceFile, collect, ensure_writable, write_atomic};
use crate::config::Settings;
use crate::document::LineIndex;
use crate::fix::{self, Applicability, FixOutcome};
use crate::report::summary::JobSummary;
use crate::report::{self, FileReport, Format, HumanOptions};
use crate::rules;

/// What `check` does to each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Report findings.
    Check,
    /// Apply fixes, write the file, report what remains.
    Fix,
    /// Print the fixes as a diff.
    Diff,
}

/// A file that was read, with the settings that govern it.
pub(super) struct Input {
    pub path: PathBuf,
    pub file: SourceFile,
    pub config: Arc<Resolved>,
}

/// Everything a run found, before it is printed.
#[derive(Debug, Default)]
struct Outcome {
    reports: Vec<FileReport>,
    /// The unified diff of the fixes: printed by `--diff`, shown in the job summary.
    diff: String,
    /// Files `--fix` rewrote, or `--diff` would change.
    changed_files: usize,
    /// Findings `--changed-since` left out.
    hidden: usize,
}

pub fn run(args: &CheckArgs) -> ExitStatus {
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    if let Some(name) = args
        .select
        .iter()
        .chain(&args.ignore)
        .find(|n| rules::find(n).is_none())
    {
        return fail(vec![miette!(
            "unknown rule {name:?}; `pocketlint rules` lists them"
        )]);
    }
    let mut errors: Vec<Report> = Vec::new();
    let configs = ConfigCache::new(
        args.config.as_deref(),
        args.no_config,
        &args.select,
        &args.ignore,
    );
    let inputs = match configs
        .and_then(|mut c| load_inputs(&args.paths, &mut c, mode == Mode::Fix, &mut errors))
    {
        Ok(inputs) => inputs,
        Err(err) => return fail(vec![err]),
    };
    if mode != Mode::Check && !errors.is_empty() {
        errors.push(miette!("no file was changed because of the errors above"));
        return fail(errors);
    }
    let summary_file = summary_file(args);
    let outcome = lint_all(args, mode, summary_file.is_some(), inputs, &mut errors);
    if let Err(err) = print(args, mode, &outcome) {
        errors.push(miette!("cannot write output: {err}"));
    }
    if let Some(path) = summary_file
        && let Err(err) = write_summary(args, &outcome, &path)
    {
        errors.push(err);
    }
    if errors.is_empty() {
        status(args, mode, &outcome)
    } else {
        fail(errors)
    }
}

pub(super) fn fail(errors: Vec<Report>) -> ExitStatus {
    for err in errors {
        super::print_error(&err);
    }
    ExitStatus::Error
}

/// Resolves paths and configs (fatal on error) and reads every file not excluded
/// (errors collected); with `writing`, a file that could not be written is an error too.
pub(super) fn load_inputs(
    paths: &[PathBuf],
    configs: &mut ConfigCache,
    writing: bool,
    errors: &mut Vec<Report>,
) -> Result<Vec<Input>, Report> {
    let mut inputs = Vec::new();
    for (path, config) in configs.resolve_all(collect(paths)?)? {
        let file = SourceFile::read(&path).and_then(|file| {
            if writing {
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

/// Where the job summary goes: `--summary`, or GitHub's step summary file when
/// annotating for GitHub.
fn summary_file(args: &CheckArgs) -> Option<PathBuf> {
    args.summary.clone().or_else(|| {
        (args.format == Format::Github)
            .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
            .flatten()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    })
}

fn print(args: &CheckArgs, mode: Mode, outcome: &Outcome) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if mode == Mode::Diff {
        stdout.write_all(outcome.diff.as_bytes())?;
        return stdout.flush();
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
    // Quiet human output is one line a finding, without the summary.
    let format = if args.quiet && args.format == Format::Human {
        Format::Concise
    } else {
        args.format
    };
    report::write(format, &outcome.reports, &human, &mut stdout)
}

/// Appends the Markdown job summary to `path` (GitHub's step summary file collects
/// the output of every step, so it is never truncated).
fn write_summary(args: &CheckArgs, outcome: &Outcome, path: &Path) -> Result<(), Report> {
    let extra = JobSummary {
        hidden: args
            .changed_since
            .as_deref()
            .map(|since| (outcome.hidden, since)),
        fix_diff: outcome.diff.clone(),
        unsafe_fixes: args.unsafe_fixes,
    };
    let mut text = Vec::new();
    report::summary::write(&outcome.reports, &extra, &mut text)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?
                .write_all(&text)
        })
        .map_err(|err| miette!("{}: cannot write the summary: {err}", path.display()))
}

/// Exit 1 when a shown finding reaches `--fail-on`, when `--diff` has changes to show,
/// or when `--fix --exit-non-zero-on-fix` changed a file.
fn status(args: &CheckArgs, mode: Mode, outcome: &Outcome) -> ExitStatus {
    let threshold = args.fail_on.threshold();
    let failing = match mode {
        Mode::Diff => outcome.changed_files > 0,
        Mode::Check | Mode::Fix => {
            outcome
                .reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.severity >= threshold)
                || (args.exit_non_zero_on_fix && outcome.changed_files > 0)
        }
    };
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn lint_all(
    args: &CheckArgs,
    mode: Mode,
    want_diff: bool,
    inputs: Vec<Input>,
    errors: &mut Vec<Report>,
) -> Outcome {
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mut outcome = Outcome::default();
    for Input { path, file, config } in inputs {
        let settings = &config.settings;
        let result = match mode {
            Mode::Check => check_file(args, &path, &file, settings, &mut outcome).and_then(|()| {
                if want_diff {
                    diff_file(&path, &file, settings, min, &mut outcome)
                } else {
                    Ok(())
                }
            }),
            Mode::Fix => fix_file(&path, &file, settings, min, &mut outcome),
            Mode::Diff => diff_file(&path, &file, settings, min, &mut outcome),
        };
        if let Err(err) = result {
            errors.push(err);
        }
    }
    outcome
}

/// Lints one file, keeping with `--changed-since` only the findings on changed lines.
fn check_file(
    args: &CheckArgs,
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    outcome: &mut Outcome,
) -> Result<(), Report> {
    let mut diagnostics = crate::check(&file.text, settings);
    if let Some(since) = &args.changed_since {
        let changed = ChangedLines::since(since, path)?;
        let lines = LineIndex::new(&file.text);
        let before = diagnostics.len();
        diagnostics.retain(|d| changed.contains(lines.line_of(d.span.start) + 1));
        outcome.hidden += before - diagnostics.len();
    }
    outcome.reports.push(FileReport::new(
        path.display().to_string(),
        file.text.as_str().into(),
        file.offset(),
        diagnostics,
    ));
    Ok(())
}

/// Fixes one file, writes it if it changed, and reports what remains.
fn fix_file(
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    min: Applicability,
    outcome: &mut Outcome,
) -> Result<(), Report> {
    let fixed = fixed(path, file, settings, min)?;
    if fixed.output != file.text {
        write_atomic(path, &file.render(&fixed.output))?;
        outcome.changed_files += 1;
    }
    outcome.reports.push(FileReport::new(
        path.display().to_string(),
        Arc::from(fixed.output),
        file.offset(),
        fixed.remaining,
    ));
    Ok(())
}

/// Adds what fixing one file would change to the outcome's diff.
fn diff_file(
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    min: Applicability,
    outcome: &mut Outcome,
) -> Result<(), Report> {
    let fixed = fixed(path, file, settings, min)?;
    if fixed.output != file.text {
        outcome.changed_files += 1;
        outcome
            .diff
            .push_str(&unified_diff(path, file, &fixed.output));
    }
    Ok(())
}

/// The file fixed to a fixed point, or an error naming the rules that did not converge.
pub(super) fn fixed(
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    min: Applicability,
) -> Result<FixOutcome, Report> {
    let fixed = fix::fix(&file.text, settings, min);
    if !fixed.not_converged.is_empty() {
        return Err(miette!(
            "{}: fixes did not converge (rules: {}); the file was left unchanged",
            path.display(),
            fixed.not_converged.join(", ")
        ));
    }
    Ok(fixed)
}

/// The unified diff, as `git diff` shows it, between a file and its fixed text.
pub(super) fn unified_diff(path: &Path, file: &SourceFile, fixed: &str) -> String {
    let shown = path.display().to_string();
    let shown = shown.trim_start_matches('/');
    similar::TextDiff::from_lines(
        file.render(&file.text).as_str(),
        file.render(fixed).as_str(),
    )
    .unified_diff()
    .context_radius(3)
    .header(&format!("a/{shown}"), &format!("b/{shown}"))
    .to_string()
}
