//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

/// A linter and fixer for curated-list READMEs.
#[derive(Debug, Parser)]
#[command(name = "pocketlint", version = env!("POCKETLINT_VERSION"), about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint Markdown files (default: README.md in the current directory)
    Check(CheckArgs),
    /// Write a starter .pocketlint.yaml for a list: the TOC found, the conventions
    /// inferred, the rules with many findings on it turned down
    Init(InitArgs),
    /// Apply the safe fixes of the formatting rules, like `cargo fmt`
    Fmt(FmtArgs),
    /// List every rule: name, category, default severity, fixes, summary
    Rules(RulesArgs),
    /// Print the table of contents a file should have, or bring its TOC up to date
    Toc(TocArgs),
    /// Run the language server (LSP over stdin and stdout) for editors
    Server,
    /// Show a rule's documentation
    Explain {
        /// The rule's name, as `pocketlint rules` lists it
        rule: String,
    },
    /// Print a shell completion script, e.g. `pocketlint completions bash > ~/.local/share/bash-completion/completions/pocketlint`
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page into a directory
    Man {
        /// Write pocketlint.1 and a page per subcommand into this directory
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// `text` for a terminal, `markdown` for the README's rule table
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The list (default: README.md in the current directory); the config is written
    /// in its folder
    pub file: Option<PathBuf>,
    /// Overwrite an existing config file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories; directories are searched for *.md and *.markdown,
    /// honouring .gitignore; `-` reads standard input
    pub paths: Vec<PathBuf>,
    /// The name standard input is reported under, and the path its config is found
    /// from; reads standard input when no path is given. With --fix, the fixed text is
    /// printed to stdout and the findings to stderr
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply safe fixes and write the files
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if any
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Run only these rules (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Use this config file instead of discovering .pocketlint.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every config file
    #[arg(long)]
    pub no_config: bool,
    /// Print findings only, no summary line
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the findings (or the diff, or the statistics) to this file instead of
    /// stdout
    #[arg(long, short, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Print how many findings each rule has, the most first, instead of the
    /// findings (`[*]`: --fix resolves some); a JSON array with --format json
    #[arg(long, conflicts_with = "diff")]
    pub statistics: bool,
    /// Exit 0 even when findings are reported; errors in use, config or input still
    /// exit 2
    #[arg(long, conflicts_with = "exit_non_zero_on_fix")]
    pub exit_zero: bool,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Lowest severity that makes the run fail (exit 1)
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// With --fix: also fail (exit 1) when a file was changed, as pre-commit expects
    #[arg(long, requires = "fix")]
    pub exit_non_zero_on_fix: bool,
    /// Report only new findings: those the file did not have at the merge base of this
    /// git ref and HEAD (a file new since then reports everything)
    #[arg(long, value_name = "REF", conflicts_with_all = ["fix", "diff"])]
    pub changed_since: Option<String>,
    /// Also check every web link online (dead, redirected, archived or renamed
    /// repositories), through the link cache; with --changed-since only the links the
    /// change added; with --fix or --diff their fixes too
    #[arg(long)]
    pub online: bool,
    /// The link cache of --online: each URL's last result and its run of failures
    #[arg(long, value_name = "FILE")]
    pub link_cache: Option<PathBuf>,
    /// Days a cached result of --online is reused before the link is checked again
    #[arg(long, value_name = "DAYS", default_value_t = 1)]
    pub cache_max_age: u64,
    /// Failed checks in a row before a dead link is an error, not a warning
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..))]
    pub dead_after: u64,
    /// Different days those failures must fall on
    #[arg(long, value_name = "DAYS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    pub dead_days: u64,
    /// Append a Markdown job summary to FILE (default with --format github:
    /// $GITHUB_STEP_SUMMARY when set)
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn threshold(self) -> crate::diagnostic::Severity {
        use crate::diagnostic::Severity;
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct TocArgs {
    /// The Markdown file (default: README.md in the current directory)
    pub file: Option<PathBuf>,
    /// Apply the TOC fixes (safe and unsafe) and write the file; fill an empty
    /// `<!-- toc -->` or doctoc marker
    #[arg(long, conflicts_with_all = ["check", "diff"])]
    pub write: bool,
    /// Write nothing; exit 1 and print the diff if the TOC is not up to date
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,
    /// Print what --write would change as a unified diff; exit 1 if any
    #[arg(long)]
    pub diff: bool,
    /// Print which lines were taken as the table of contents and what each entry
    /// resolves to, instead of the TOC the file should have
    #[arg(long, conflicts_with_all = ["write", "check", "diff"])]
    pub debug: bool,
    /// Use this config file instead of discovering .pocketlint.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every config file
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or directories; directories are searched for *.md and *.markdown,
    /// honouring .gitignore
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 if any file would be reformatted
    #[arg(long)]
    pub check: bool,
    /// Print the changes as a unified diff instead of writing them; exit 1 if any
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Use this config file instead of discovering .pocketlint.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every config file
    #[arg(long)]
    pub no_config: bool,
}
