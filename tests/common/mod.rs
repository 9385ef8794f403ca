//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pocketlint::config::{ConfigFile, Settings};
use pocketlint::diagnostic::Diagnostic;
use pocketlint::fix::{self, Applicability};
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

/// Fixes `source` at `min`, then checks the promises every fix makes: the result no
/// longer has findings of this rule fixable at that level, and fixing again changes
/// nothing. Returns the fixed text.
pub fn fix_and_verify(name: &str, source: &str, settings: &Settings, min: Applicability) -> String {
    let outcome = fix::fix(source, settings, min);
    assert!(
        outcome.not_converged.is_empty(),
        "{name}: fixes did not converge: {:?}",
        outcome.not_converged
    );
    let left: Vec<_> = outcome
        .remaining
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
        .collect();
    assert!(
        left.is_empty(),
        "{name}: fixable findings remain after fixing: {left:#?}"
    );
    let again = fix::fix(&outcome.output, settings, min);
    assert_eq!(
        again.output, outcome.output,
        "{name}: a second fix pass changed the text"
    );
    outcome.output
}
