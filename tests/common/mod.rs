//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use pocketlint::config::{ConfigFile, Settings};
use pocketlint::diagnostic::Diagnostic;
use pocketlint::report::{self, FileReport, Format, HumanOptions};

/// The real binary, without colour and outside GitHub Actions.
pub fn pocketlint() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pocketlint"));
    cmd.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// What `cmd` prints on stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new() -> Self {
        Self(tempfile::tempdir().expect("temp dir"))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Writes `contents` to `name` (creating its folders); returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }
}

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

/// The fixture cases of `rule`: `tests/fixtures/<rule>/*.md`, sorted (none when the
/// folder is missing, which `tests/meta.rs` reports).
pub fn fixture_cases(rule: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rule);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut cases: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    cases.sort();
    cases
}

/// Settings running only `rule`, with options from `config` YAML if given.
pub fn settings_for(rule: &str, config: Option<&str>) -> Settings {
    let file = match config {
        Some(yaml) => {
            ConfigFile::parse(yaml, Path::new("fixture.yaml"), &pocketlint::rules::SCHEMA)
                .expect("fixture config parses")
        }
        None => ConfigFile::default(),
    };
    let mut settings = file.settings();
    settings.restrict(&[rule.to_owned()], &[]);
    settings
}

/// Human output without colour at a fixed width, as a user sees it.
pub fn render_human(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> String {
    let reports = [FileReport::new(path.to_owned(), source, 0, diagnostics)];
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

/// The seed list and the `.md` lists of each `../shared/corpus/<sub>` folder, sorted, or
/// `None` (with the reason printed) when the corpus is absent.
pub fn corpus_lists(subs: &[&str]) -> Option<Vec<PathBuf>> {
    let dir = shared_dir("corpus")?;
    let mut files = vec![dir.join("pocket-v3.3.md")];
    for sub in subs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
            .expect("corpus folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        found.sort();
        files.extend(found);
    }
    Some(files)
}
