//! Fixture snapshots for every rule, one test per case.
//!
//! `tests/fixtures/<rule>/<case>.md` holds input for one rule; a `<case>.yaml` beside it
//! configures the rule. Cases named `ok-*` must produce no finding at all. Every other
//! case is snapshotted (human output, then the diff of the safe fixes and of the unsafe
//! ones), its messages must follow the house style, every fix must be one its rule
//! declares ([`FixAvailability`]), and its fixes are verified: fixed text re-linted has
//! no fixable finding of the rule left, and a second fix pass is a no-op.
//!
//! Each case is a test named `<rule>::<case>` with underscores (`toc_order::moved_entry`),
//! so `cargo test --test rules toc_order` runs one rule's cases.

mod common;

use std::path::{Path, PathBuf};

use common::{diff, fix_and_verify, fixture_cases, render_human, settings_for};
use libtest_mimic::{Arguments, Failed, Trial};
use pocketlint::diagnostic::Diagnostic;
use pocketlint::fix::Applicability;
use pocketlint::rules::{FixAvailability, RULES, Rule};

fn main() {
    let trials = RULES
        .iter()
        .flat_map(|rule| {
            fixture_cases(rule.name).into_iter().map(move |path| {
                let name = format!(
                    "{}::{}",
                    rule.name.replace('-', "_"),
                    case_name(&path).replace('-', "_")
                );
                Trial::test(name, move || check_case(rule, &path))
            })
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn case_name(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

fn check_case(rule: &Rule, path: &PathBuf) -> Result<(), Failed> {
    let case = case_name(path);
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config = std::fs::read_to_string(path.with_extension("yaml")).ok();
    let settings = settings_for(rule.name, config.as_deref());
    let diagnostics = pocketlint::check(&source, &settings);
    let name = format!("{}/{case}", rule.name);

    if case.starts_with("ok-") {
        if diagnostics.is_empty() {
            return Ok(());
        }
        return Err(format!(
            "expected no findings, got:\n{}",
            render_human(&name, &source, diagnostics)
        )
        .into());
    }
    if diagnostics.is_empty() {
        return Err("expected findings, got none".into());
    }
    for d in &diagnostics {
        if d.rule != rule.name {
            return Err(format!("finding of another rule {}", d.rule).into());
        }
        house_style(d)?;
        fix_as_declared(rule, d)?;
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
    let mut insta_settings = insta::Settings::clone_current();
    insta_settings
        .set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rules"));
    insta_settings.set_prepend_module_to_snapshot(false);
    insta_settings.bind(|| {
        std::panic::catch_unwind(|| {
            insta::assert_snapshot!(format!("{}__{case}", rule.name), snapshot);
        })
        .map_err(|_| Failed::from("snapshot differs (see above; `cargo insta review`)"))
    })
}

/// Messages start lowercase and end without a period; so does help.
fn house_style(d: &Diagnostic) -> Result<(), String> {
    let first = d.message.chars().next().ok_or("empty message")?;
    if first.is_uppercase() || d.message.ends_with('.') {
        return Err(format!("message breaks the house style: {:?}", d.message));
    }
    match &d.help {
        Some(help) if help.ends_with('.') => Err(format!("help ends with a period: {help:?}")),
        _ => Ok(()),
    }
}

/// The fix of `d` is one `rule` declares: none for `Never`, one for `Always`, and of a
/// declared applicability.
fn fix_as_declared(rule: &Rule, d: &Diagnostic) -> Result<(), String> {
    let declared = rule.fix;
    let fits = match (declared, &d.fix) {
        (FixAvailability::Never, fix) => fix.is_none(),
        (FixAvailability::Always(_), None) => false,
        (FixAvailability::Sometimes(_), None) => true,
        (FixAvailability::Always(safety) | FixAvailability::Sometimes(safety), Some(fix)) => {
            safety.allows(fix.applicability)
        }
    };
    if fits {
        Ok(())
    } else {
        let applicability = d.fix.as_ref().map(|f| f.applicability.as_str());
        Err(format!(
            "{:?} has fix {applicability:?}, but the rule declares fix: {declared}",
            d.message
        ))
    }
}
