use std::process::ExitCode;

use clap::Parser;
use pocketlint::cli::{self, args::Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::run(&cli).into()
}
