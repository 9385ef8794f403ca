//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pocketlint::config::{ConfigFile, Settings};
use pocketlint::diagnostic::Diagnostic;
use pocketlint::report::{self, FileReport, Format, HumanOptions};

/// `../shared` beside the checkout, or `None` (with the reason printed) when absent.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(what);
    if dir.exists() {
        Some(dir)
    } else {
        println!(
            "skipped: {} is absent (a user's clone has no ../shared)",
            dir.display()
        );
        None
    }
}

/// Settings running only `rule`, with options from `config` YAML if given.
pub fn settings_for(rule: &str, config: Option<&str>) -> Settings {
    let file = match config {
        Some(yaml) => {
            ConfigFile::parse(yaml, Path::new("fixture.yaml")).expect("fixture config parses")
        }
        None => ConfigFile::default(),
    };
    let mut settings = Settings::from_config(&file);
    settings.restrict(&[rule.to_owned()], &[]);
    settings
}

/// Human output without colour at a fixed width, as a user sees it.
pub fn render_human(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> String {
    let reports = [FileReport::new(
        path.to_owned(),
        source.into(),
        0,
        diagnostics,
    )];
    let mut out = Vec::new();
    let options = HumanOptions {
        color: false,
        width: 100,
        unsafe_fixes: false,
    };
    report::write(Format::Human, &reports, &options, &mut out).expect("render");
    String::from_utf8(out).expect("utf-8")
}

/// A unified diff between two texts, or `(no change)`.
pub fn diff(before: &str, after: &str) -> String {
    if before == after {
        return "(no change)\n".to_owned();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header("before", "after")
        .to_string()
}

/// Fixes `source` at `min`, then checks the promises every fix makes (the fuzz
/// targets check the same ones). Returns the fixed text.
#[allow(unused_imports)] // not every test binary fixes
pub use pocketlint::fuzz::fix_and_verify;
