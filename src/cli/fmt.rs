//! `pocketlint fmt`: apply the safe fixes of the formatting rules, the way `cargo fmt`
//! and `ruff format` do. `check --fix` applies every rule's safe fixes; `fmt` only
//! touches layout (whitespace, markers, invisible characters), so it is safe to run on
//! save or in a pre-commit hook.

use std::io::Write;

use miette::{Report, miette};

use super::ExitStatus;
use super::args::FmtArgs;
use super::check::{Input, fail, fixed, load_inputs, unified_diff};
use super::config_cache::ConfigCache;
use super::input::write_atomic;
use crate::fix::Applicability;
use crate::rules::{Category, RULES};

pub fn run(args: &FmtArgs) -> ExitStatus {
    let format_rules: Vec<String> = RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.category == Category::Format)
        .map(|m| m.name.to_owned())
        .collect();
    let writing = !(args.check || args.diff);
    let mut errors = Vec::new();
    let inputs = ConfigCache::new(args.config.as_deref(), args.no_config, &format_rules, &[])
        .and_then(|mut configs| load_inputs(&args.paths, &mut configs, writing, &mut errors));
    let inputs = match inputs {
        Ok(inputs) => inputs,
        Err(err) => return fail(vec![err]),
    };
    if writing && !errors.is_empty() {
        errors.push(miette!("no file was changed because of the errors above"));
        return fail(errors);
    }
    let mut stdout = std::io::stdout().lock();
    let (mut changed, mut unchanged) = (0, 0);
    for input in inputs {
        match format_file(args, &input, &mut stdout) {
            Ok(true) => changed += 1,
            Ok(false) => unchanged += 1,
            Err(err) => errors.push(err),
        }
    }
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
/// change. Whether it changed (or would).
fn format_file(args: &FmtArgs, input: &Input, out: &mut dyn Write) -> Result<bool, Report> {
    let Input { path, file, config } = input;
    let outcome = fixed(path, file, &config.settings, Applicability::Safe)?;
    if outcome.output == file.text {
        return Ok(false);
    }
    let shown = path.display();
    let printed = if args.diff {
        write!(out, "{}", unified_diff(path, file, &outcome.output))
    } else if args.check {
        writeln!(out, "would reformat {shown}")
    } else {
        write_atomic(path, &file.render(&outcome.output))?;
        Ok(())
    };
    printed.map_err(|err| miette!("cannot write output: {err}"))?;
    Ok(true)
}
