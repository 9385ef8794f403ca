//! The command-line interface: argument parsing lives in [`args`], each command in
//! its own module; the binary only maps the outcome to an exit code.

pub mod args;
mod batch;
mod check;
pub(crate) mod config_cache;
mod fmt;
mod generate;
pub mod init;
pub mod input;
mod rules;
pub mod server;
mod toc;

use std::process::ExitCode;

use args::{Cli, Command};
pub use fmt::format_rules;

/// How a run ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No finding at warning level or above.
    Clean = 0,
    /// Findings (or, with `--diff`, changes to show).
    Findings = 1,
    /// Usage, config or I/O error.
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Prints an error: with its snippet when it points into a file (a config error),
/// otherwise as one plain line that already names the file and place.
pub(crate) fn print_error(err: &miette::Report) {
    if err.source_code().is_some() {
        eprintln!("{err:?}");
    } else {
        eprintln!("error: {err}");
    }
}

pub fn run(cli: &Cli) -> ExitStatus {
    match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::Toc(args) => toc::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Completions { shell } => generate::completions(*shell),
        Command::Man { output_dir } => generate::man(output_dir.as_deref()),
        Command::Server => match server::stdio() {
            Ok(()) => ExitStatus::Clean,
            Err(err) => {
                eprintln!("error: language server: {err}");
                ExitStatus::Error
            }
        },
        Command::Rules(args) => {
            print!("{}", rules::table(args.format));
            ExitStatus::Clean
        }
        Command::Explain { rule } => match crate::rules::find(rule) {
            Some(rule) => {
                print!("{}", rules::explain(rule));
                ExitStatus::Clean
            }
            None => {
                eprintln!("unknown rule {rule:?}; `pocketlint rules` lists them");
                ExitStatus::Error
            }
        },
    }
}
