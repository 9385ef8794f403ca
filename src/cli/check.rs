//! `pocketlint check`: lint every file named (with `--fix` fix it, with `--diff` show
//! the fixes), keep only new findings with `--changed-since`, print in the chosen
//! format, write the job summary, and turn the result into an exit code.
//!
//! Files are linted in parallel, each read, linted and rendered on one worker
//! ([`batch`]), and printed in input order. `--fix` and `--diff` first read every file
//! ([`batch::validate`]) and go on only when all of them are sound, so bad input never
//! leaves a run half applied. A plain check reports a bad file and still lints the
//! others.

mod baseline;
mod online;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use miette::{Report, miette};

use self::baseline::Baseline;
use super::ExitStatus;
use super::args::{CheckArgs, ColorChoice};
use super::batch::{self, Target};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, write_atomic};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::Applicability;
use crate::linter::{self, FixOutcome};
use crate::online::findings::{Results, findings};
use crate::report::summary::JobSummary;
use crate::report::{self, Counts, FileOutput, FileReport, Format, HumanOptions, plural};
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

/// Everything a run found, before it is printed.
#[derive(Debug, Default)]
struct Outcome {
    outputs: Vec<FileOutput>,
    /// The unified diff of the fixes, for the job summary.
    diff: String,
    /// Files `--fix` rewrote, or `--diff` would change.
    changed_files: usize,
    /// Findings `--fix` fixed.
    fixed: usize,
    /// Findings `--changed-since` left out: the merge base had them.
    hidden: usize,
    /// Standard input fixed, for stdout (`check - --fix`).
    fixed_stdin: Option<String>,
}

pub fn run(args: &CheckArgs) -> ExitStatus {
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    if mode == Mode::Diff && args.format != Format::Human {
        return fail(vec![miette!(
            "--diff prints a unified diff, not --format {}; drop one of them (json, sarif \
             and rdjson give each finding's fix)",
            format_name(args.format)
        )]);
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return fail(vec![miette!(
            "--statistics prints a table, or a JSON array with --format json, not --format {}",
            format_name(args.format)
        )]);
    }
    let stdin = match stdin_name(args) {
        Ok(stdin) => stdin,
        Err(err) => return fail(vec![err]),
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
    let configs = ConfigCache::new(
        args.config.as_deref(),
        args.no_config,
        &args.select,
        &args.ignore,
    );
    let targets = match configs.and_then(|mut c| match &stdin {
        Some(name) => Ok(vec![batch::stdin_target(name, &mut c)?]),
        None => batch::targets(&args.paths, &mut c),
    }) {
        Ok(targets) => targets,
        Err(err) => return fail(vec![err]),
    };
    if mode != Mode::Check {
        let mut errors = batch::validate(&targets, mode == Mode::Fix);
        if !errors.is_empty() {
            errors.push(miette!("no file was changed because of the errors above"));
            return fail(errors);
        }
    }
    let checked = if online::wanted(args, &targets) {
        match online::check_links(args, &targets) {
            Ok(results) => Some(results),
            Err(err) => return fail(vec![err]),
        }
    } else {
        None
    };
    let summary_file = summary_file(args);
    let mut out = match report_sink(args, mode) {
        Ok(out) => out,
        Err(err) => return fail(vec![err]),
    };
    let mut errors: Vec<Report> = Vec::new();
    let outcome = lint_all(
        args,
        mode,
        summary_file.is_some(),
        &targets,
        checked.as_ref(),
        &mut out,
        &mut errors,
    );
    if let Err(err) = finish_output(args, mode, &outcome, &mut out) {
        errors.push(miette!("cannot write output: {err}"));
    }
    if let Some(text) = &outcome.fixed_stdin
        && let Err(err) = std::io::stdout().write_all(text.as_bytes())
    {
        errors.push(miette!("cannot write the fixed text: {err}"));
    }
    if let Some(path) = summary_file
        && let Err(err) = write_summary(args, &outcome, &path)
    {
        errors.push(err);
    }
    if errors.is_empty() {
        say_what_happened(args, mode, &outcome);
        status(args, mode, &outcome)
    } else {
        fail(errors)
    }
}

/// A format's name as `--format` takes it.
fn format_name(format: Format) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}

/// Whether the run reads standard input: `-` as its one path, or `--stdin-filename`
/// with none.
fn reads_stdin(args: &CheckArgs) -> bool {
    match args.paths.as_slice() {
        [] => args.stdin_filename.is_some(),
        [only] => only.as_os_str() == "-",
        _ => false,
    }
}

/// The name standard input is reported under when the run reads it (`-` unless
/// `--stdin-filename` names it); `-` beside other paths, or `--stdin-filename` beside
/// files, is a usage error.
fn stdin_name(args: &CheckArgs) -> Result<Option<PathBuf>, Report> {
    if reads_stdin(args) {
        let name = args.stdin_filename.clone();
        return Ok(Some(name.unwrap_or_else(|| PathBuf::from("-"))));
    }
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(miette!(
            "`-` reads standard input, which is checked alone; name no other path with it"
        ));
    }
    if args.stdin_filename.is_some() {
        return Err(miette!(
            "--stdin-filename names standard input: give `-` or no path with it, not files"
        ));
    }
    Ok(None)
}

/// Where the report goes: `--output-file`; stderr when stdout carries the fixed text
/// of standard input (`check - --fix`); else stdout.
fn report_sink(args: &CheckArgs, mode: Mode) -> Result<Box<dyn Write>, Report> {
    Ok(match &args.output_file {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|err| miette!("{}: cannot write the report: {err}", path.display()))?;
            Box::new(std::io::BufWriter::new(file))
        }
        None if fixes_stdin(args, mode) => Box::new(std::io::stderr().lock()),
        None => Box::new(std::io::stdout().lock()),
    })
}

/// Whether stdout carries the fixed text of standard input.
fn fixes_stdin(args: &CheckArgs, mode: Mode) -> bool {
    mode == Mode::Fix && reads_stdin(args)
}

pub(super) fn fail(errors: Vec<Report>) -> ExitStatus {
    for err in errors {
        super::print_error(&err);
    }
    ExitStatus::Error
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

/// Writes what ends the output once every file is done: the summary line, or the
/// whole document of a JSON format (text formats print each file as it is done).
fn finish_output(
    args: &CheckArgs,
    mode: Mode,
    outcome: &Outcome,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if args.statistics {
        let human = human_options(args, mode);
        let total = (args.format == Format::Human && !args.quiet).then_some(&human);
        report::statistics::write(&outcome.outputs, args.format == Format::Json, total, out)?;
    } else if mode != Mode::Diff {
        report::write_outputs(
            output_format(args),
            &outcome.outputs,
            &human_options(args, mode),
            out,
        )?;
    }
    out.flush()
}

/// The format findings are rendered in: quiet human output is one line a finding,
/// without the summary; with `--statistics`, which prints counts only, the cheapest.
fn output_format(args: &CheckArgs) -> Format {
    if args.statistics || (args.quiet && args.format == Format::Human) {
        Format::Concise
    } else {
        args.format
    }
}

fn human_options(args: &CheckArgs, mode: Mode) -> HumanOptions {
    let terminal = if args.output_file.is_some() {
        false
    } else if fixes_stdin(args, mode) {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    HumanOptions {
        color,
        width: 100,
        unsafe_fixes: args.unsafe_fixes,
    }
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
    report::summary::write(&outcome.outputs, &extra, &mut text)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?
                .write_all(&text)
        })
        .map_err(|err| miette!("{}: cannot write the summary: {err}", path.display()))
}

/// Tells on stderr, after the text formats' findings (not with `--quiet`, and never
/// beside a machine format), what `--fix` did, as ruff does: `Fixed N findings in M
/// files (K remaining)`, counting every fix applied, also those of later rounds (a fix
/// can leave something the next round fixes); and how many findings `--changed-since`
/// left out. When `--exit-non-zero-on-fix` fails the run, it always says so.
fn say_what_happened(args: &CheckArgs, mode: Mode, outcome: &Outcome) {
    let text = matches!(args.format, Format::Human | Format::Concise) && !args.quiet;
    if let Some(since) = &args.changed_since
        && text
        && outcome.hidden > 0
    {
        eprintln!(
            "{} already at the merge base with {since} not shown",
            plural(outcome.hidden, "finding")
        );
    }
    if mode != Mode::Fix {
        return;
    }
    if text {
        let remaining = outcome.outputs.iter().sum::<Counts>().total();
        eprintln!(
            "Fixed {} in {} ({remaining} remaining)",
            plural(outcome.fixed, "finding"),
            plural(outcome.changed_files, "file")
        );
    }
    if args.exit_non_zero_on_fix && outcome.changed_files > 0 {
        eprintln!(
            "exit 1: --fix changed {} and --exit-non-zero-on-fix fails the run when it does",
            plural(outcome.changed_files, "file")
        );
    }
}

/// Exit 1 when a shown finding reaches `--fail-on`, when `--diff` has changes to show,
/// or when `--fix --exit-non-zero-on-fix` changed a file; never with `--exit-zero`.
fn status(args: &CheckArgs, mode: Mode, outcome: &Outcome) -> ExitStatus {
    if args.exit_zero {
        return ExitStatus::Clean;
    }
    let threshold = args.fail_on.threshold();
    let failing = match mode {
        Mode::Diff => outcome.changed_files > 0,
        Mode::Check | Mode::Fix => {
            outcome.outputs.iter().sum::<Counts>().reaches(threshold)
                || (args.exit_non_zero_on_fix && outcome.changed_files > 0)
        }
    };
    if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// What a run keeps of one file once its worker is done with it.
#[derive(Default)]
struct Linted {
    /// Its findings, rendered (none with `--diff`).
    output: Option<FileOutput>,
    /// The diff of its fixes; empty when they change nothing or were not asked for.
    diff: String,
    /// Whether `--fix` rewrote it, or `--diff` would.
    changed: bool,
    /// Findings `--fix` fixed in it.
    fixed: usize,
    /// Findings `--changed-since` left out.
    hidden: usize,
    /// With `--fix`, standard input's fixed text.
    fixed_stdin: Option<String>,
    /// An error after its findings were rendered: the fixes for the job summary's
    /// diff did not converge.
    error: Option<Report>,
}

/// Lints every target in parallel and prints each file's findings (or with `--diff`
/// its diff) in input order as soon as it can; the outcome keeps what is printed at
/// the end. With `job_summary`, also what the job summary shows (rows, fix diff).
/// With `checked`, each file's findings include those of the online checks.
fn lint_all(
    args: &CheckArgs,
    mode: Mode,
    job_summary: bool,
    targets: &[Target],
    checked: Option<&Results>,
    out: &mut dyn Write,
    errors: &mut Vec<Report>,
) -> Outcome {
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let human = human_options(args, mode);
    let render = |path: &Path, report: FileReport| {
        FileOutput::render(output_format(args), &report, &human, job_summary)
            .map_err(|err| miette!("{}: cannot render the findings: {err}", path.display()))
    };
    let work = |Target {
                    path,
                    config,
                    stdin,
                }: &Target,
                file: SourceFile| {
        let settings = &config.settings;
        // What each fix round re-checks: the rules and the online findings.
        let linting = |text: &str| lint(&Document::parse(text), settings, checked);
        match mode {
            Mode::Check => {
                let mut doc = Document::parse(&file.text);
                let (diagnostics, hidden) = check_file(args, path, &doc, settings, checked)?;
                // The findings are placed with the document's index of lines.
                let lines = std::mem::take(&mut doc.lines);
                let report = FileReport::with_lines(
                    path.display().to_string(),
                    &file.text,
                    &lines,
                    file.offset(),
                    diagnostics,
                );
                let output = if linter::checks_in_parallel(&doc) {
                    // The model is freed on another thread while the findings are
                    // rendered: on the 10 MB list 21 M instructions off the serial tail.
                    rayon::join(move || drop(doc), || render(path, report)).1
                } else {
                    render(path, report)
                };
                let mut linted = Linted {
                    output: Some(output?),
                    hidden,
                    ..Linted::default()
                };
                if job_summary {
                    match fixed_checking(path, &file, min, linting) {
                        Ok(fixed) => linted.diff = diff_of(path, &file, &fixed.output),
                        Err(err) => linted.error = Some(err),
                    }
                }
                Ok(linted)
            }
            Mode::Fix => {
                let fixed = fixed_checking(path, &file, min, linting)?;
                let changed = fixed.output != file.text;
                // Rendered first: a file is written only once its report is ready.
                let output = render(
                    path,
                    FileReport::new(
                        path.display().to_string(),
                        &fixed.output,
                        file.offset(),
                        fixed.remaining,
                    ),
                )?;
                let mut linted = Linted {
                    output: Some(output),
                    changed,
                    fixed: fixed.applied,
                    ..Linted::default()
                };
                if stdin.is_some() {
                    linted.fixed_stdin = Some(file.render(&fixed.output));
                } else if changed {
                    write_atomic(path, &file.render(&fixed.output))?;
                }
                Ok(linted)
            }
            Mode::Diff => {
                let fixed = fixed_checking(path, &file, min, linting)?;
                let diff = diff_of(path, &file, &fixed.output);
                Ok(Linted {
                    changed: !diff.is_empty(),
                    diff,
                    ..Linted::default()
                })
            }
        }
    };
    let mut outcome = Outcome::default();
    let mut write_failed = None;
    batch::each(targets, work, |result| match result {
        Ok(mut linted) => {
            let printed = match (mode, &mut linted.output) {
                (Mode::Diff, _) => out.write_all(linted.diff.as_bytes()),
                (_, Some(output)) if !args.statistics => output.write_text(out),
                _ => Ok(()),
            };
            if let Err(err) = printed {
                write_failed.get_or_insert(err);
            }
            outcome.outputs.extend(linted.output);
            if job_summary {
                outcome.diff.push_str(&linted.diff);
            }
            outcome.changed_files += usize::from(linted.changed);
            outcome.fixed += linted.fixed;
            outcome.hidden += linted.hidden;
            if linted.fixed_stdin.is_some() {
                outcome.fixed_stdin = linted.fixed_stdin;
            }
            errors.extend(linted.error);
        }
        Err(err) => errors.push(err),
    });
    if let Some(err) = write_failed {
        errors.push(miette!("cannot write output: {err}"));
    }
    outcome
}

/// Lints one file, keeping with `--changed-since` only the findings its merge base did
/// not have; also how many it left out. The online findings, only of links the change
/// added, are kept whole.
fn check_file(
    args: &CheckArgs,
    path: &Path,
    doc: &Document,
    settings: &Settings,
    checked: Option<&Results>,
) -> Result<(Vec<Diagnostic>, usize), Report> {
    let mut diagnostics = crate::check_document(doc, settings);
    let hidden = match &args.changed_since {
        Some(since) => {
            Baseline::at_merge_base(since, path, settings)?.keep_new(doc.source, &mut diagnostics)
        }
        None => 0,
    };
    add_online_findings(doc, settings, checked, &mut diagnostics);
    Ok((diagnostics, hidden))
}

/// The findings of the rules on `doc`, and of the online checks with `checked`.
fn lint(doc: &Document, settings: &Settings, checked: Option<&Results>) -> Vec<Diagnostic> {
    let mut diagnostics = crate::check_document(doc, settings);
    add_online_findings(doc, settings, checked, &mut diagnostics);
    diagnostics
}

/// Adds what the online checks found in `doc`, kept in the order of position.
fn add_online_findings(
    doc: &Document,
    settings: &Settings,
    checked: Option<&Results>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(checked) = checked {
        diagnostics.extend(findings(doc, checked, settings));
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    }
}

/// The diff of a file's fixes, empty when they change nothing.
fn diff_of(path: &Path, file: &SourceFile, fixed: &str) -> String {
    if fixed == file.text {
        String::new()
    } else {
        unified_diff(path, file, fixed)
    }
}

/// The file fixed to a fixed point, or an error naming the rules that did not converge.
pub(super) fn fixed(
    path: &Path,
    file: &SourceFile,
    settings: &Settings,
    min: Applicability,
) -> Result<FixOutcome, Report> {
    fixed_checking(path, file, min, |text| linter::check(text, settings))
}

/// [`fixed`] with each round's findings from `check`.
fn fixed_checking(
    path: &Path,
    file: &SourceFile,
    min: Applicability,
    check: impl Fn(&str) -> Vec<Diagnostic>,
) -> Result<FixOutcome, Report> {
    let fixed = linter::fix_checked_by(&file.text, min, check, |_, _, _| {});
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
