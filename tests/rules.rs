//! Fixture snapshots for every rule.
//!
//! `tests/fixtures/<rule>/<case>.md` holds input for one rule; a `<case>.yaml` beside it
//! configures the rule. Cases named `ok-*` must produce no finding at all. Every other
//! case is snapshotted (human output, then the diff of the safe fixes and of the unsafe
//! ones), and its fixes are verified: fixed text re-linted has no fixable finding of the
//! rule left, and a second fix pass is a no-op.

mod common;

use std::path::Path;

use common::{diff, fix_and_verify, render_human, settings_for};
use pocketlint::fix::Applicability;
use pocketlint::rules::RULES;

fn snapshot_case(rule: &str, path: &Path) -> Result<(), String> {
    let case = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config = std::fs::read_to_string(path.with_extension("yaml")).ok();
    let settings = settings_for(rule, config.as_deref());
    let diagnostics = pocketlint::check(&source, &settings);
    let name = format!("{rule}/{case}");

    if case.starts_with("ok-") {
        if diagnostics.is_empty() {
            return Ok(());
        }
        return Err(format!(
            "{name}: expected no findings, got:\n{}",
            render_human(&name, &source, diagnostics)
        ));
    }
    if diagnostics.is_empty() {
        return Err(format!("{name}: expected findings, got none"));
    }
    if let Some(d) = diagnostics.iter().find(|d| d.rule != rule) {
        return Err(format!("{name}: finding of another rule {}", d.rule));
    }
    let safe = fix_and_verify(&name, &source, &settings, Applicability::Safe);
    let unsafe_fixed = fix_and_verify(&name, &source, &settings, Applicability::Unsafe);
    let mut snapshot = render_human(&format!("{case}.md"), &source, diagnostics);
    snapshot.push_str("\n---- safe fixes ----\n");
    snapshot.push_str(&diff(&source, &safe));
    if unsafe_fixed != safe {
        snapshot.push_str("\n---- with unsafe fixes ----\n");
        snapshot.push_str(&diff(&source, &unsafe_fixed));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rules"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        std::panic::catch_unwind(|| insta::assert_snapshot!(format!("{rule}__{case}"), snapshot))
            .map_err(|_| format!("{name}: snapshot differs"))
    })
}

#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in RULES {
        let name = rule.meta().name;
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        for path in paths {
            cases += 1;
            if let Err(failure) = snapshot_case(name, &path) {
                failures.push(failure);
            }
        }
    }
    assert!(cases > 0, "no fixtures found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {cases} fixture cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
