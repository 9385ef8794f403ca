//! `pocketlint completions SHELL` and `pocketlint man`: files generated from the
//! argument definitions, so they never fall behind a new flag. The release archives
//! ship their output (scripts/package-release.sh); a user can also generate them
//! for the binary they have.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::ExitStatus;
use super::args::Cli;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> ExitStatus {
    let mut command = Cli::command();
    let name = command.get_name().to_owned();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, name, &mut out);
    finish(out.flush(), "standard output")
}

/// Prints pocketlint(1), or writes it and pocketlint-SUBCOMMAND(1), the pages its
/// SUBCOMMANDS section refers to, into `output_dir`.
pub fn man(output_dir: Option<&Path>) -> ExitStatus {
    // `help` is a flag on every page, not a page of its own.
    let command = Cli::command().disable_help_subcommand(true);
    match output_dir {
        None => {
            let mut out = io::stdout().lock();
            let written = clap_mangen::Man::new(command).render(&mut out);
            finish(written.and_then(|()| out.flush()), "standard output")
        }
        Some(dir) => {
            let written =
                std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir));
            finish(written, &dir.display().to_string())
        }
    }
}

/// A closed pipe (`pocketlint man | head`) is not an error; anything else is.
fn finish(result: io::Result<()>, destination: &str) -> ExitStatus {
    match result {
        Ok(()) => ExitStatus::Clean,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Clean,
        Err(err) => {
            eprintln!("error: cannot write to {destination}: {err}");
            ExitStatus::Error
        }
    }
}
