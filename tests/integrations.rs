//! Where users run pocketlint: GitHub annotations, SARIF, rdjson, the job summary,
//! `--fail-on`, and `--fix` as pre-commit runs it (`--changed-since` is in
//! pr_mode.rs). Each test runs the real binary on files in a temporary folder.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pocketlint::diagnostic::{Diagnostic, Severity};
use pocketlint::report::{self, FileReport, Format, HumanOptions};
use serde_json::Value;
use tempfile::TempDir;

/// A heading with a zero-width space (a safe fix) under a skipped level (an unsafe
/// fix with a label), and CJK text before a finding on one line.
const DEFECTS: &str = "# List\n\n## Tools\n\n#### Editors\n\n## 中文\u{200B}工具\n\n- [Vim](https://www.vim.org) - The editor.\n";

fn pocketlint() -> Command {
    let mut cmd = Command::cargo_bin("pocketlint").expect("binary builds");
    cmd.env_remove("GITHUB_STEP_SUMMARY").env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

fn stdout(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8 output"),
        output.status.code().expect("exit code"),
    )
}

// ---- --format github -------------------------------------------------------------

/// One workflow command as the Actions runner parses it: `::name props::data`,
/// properties split on `,` and `=`, then unescaped.
#[derive(Debug, PartialEq)]
struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    data: String,
}

fn unescape(text: &str, property: bool) -> String {
    let mut out = text.replace("%0D", "\r").replace("%0A", "\n");
    if property {
        out = out.replace("%3A", ":").replace("%2C", ",");
    }
    out.replace("%25", "%")
}

/// Parses a step's output as the runner does; every line must be a command.
fn run_as_runner(output: &str) -> Vec<WorkflowCommand> {
    output
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("::")
                .unwrap_or_else(|| panic!("not a workflow command: {line:?}"));
            let (head, data) = rest.split_once("::").expect("command ends with ::");
            let (name, props) = head.split_once(' ').unwrap_or((head, ""));
            let properties = props
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').expect("key=value");
                    (k.to_owned(), unescape(v, true))
                })
                .collect();
            WorkflowCommand {
                name: name.to_owned(),
                properties,
                data: unescape(data, false),
            }
        })
        .collect()
}

const HOSTILE: [&str; 6] = [
    "x\n::error file=evil.md,line=1::injected",
    "50% %0A::warning::encoded newline stays literal",
    "carriage\r::notice::return",
    "::stop-commands::token",
    "a, b: c=d ::",
    "https://example.com/a,b:c?%25=%0D",
];

#[test]
fn github_escapes_hostile_text_so_nothing_breaks_out() {
    let source: String = HOSTILE.iter().map(|h| format!("## {h}\n")).collect();
    let diagnostics: Vec<Diagnostic> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut d = Diagnostic::new(i..i + 1, format!("\"{text}\" is listed twice"))
                .with_help(format!("remove \"{text}\""));
            d.rule = "heading-level";
            d.severity = [Severity::Error, Severity::Warning, Severity::Info][i % 3];
            d
        })
        .collect();
    for path in HOSTILE {
        let reports = [FileReport::new(
            path.to_owned(),
            &source,
            0,
            diagnostics.clone(),
        )];
        let mut out = Vec::new();
        report::write(Format::Github, &reports, &HumanOptions::default(), &mut out).unwrap();
        let commands = run_as_runner(std::str::from_utf8(&out).unwrap());
        assert_eq!(commands.len(), HOSTILE.len(), "one command per finding");
        for (command, (d, text)) in commands.iter().zip(diagnostics.iter().zip(HOSTILE)) {
            let name = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            assert_eq!(command.name, name, "{command:?}");
            let keys: Vec<&str> = command.properties.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(
                keys,
                ["file", "line", "col", "endLine", "endColumn", "title"]
            );
            assert_eq!(command.properties[0].1, path);
            assert_eq!(command.properties[5].1, "pocketlint (heading-level)");
            assert_eq!(
                command.data,
                format!("\"{text}\" is listed twice\nhelp: remove \"{text}\"")
            );
        }
    }
}

#[test]
fn github_annotations_point_at_each_finding_in_a_hostile_readme() {
    let dir = TempDir::new().unwrap();
    let text = "# List\n\n## Tools %0A::error::x\n\n#### a,b:c %25 [l](https://e.com/?a=1,b:2)\n\n## 中文\u{200B}::warning::工具\n";
    let name = if cfg!(windows) {
        "hostile %0A.md"
    } else {
        "hostile,name:%0A.md"
    };
    write(dir.path(), name, text);
    let (out, code) = stdout(
        pocketlint()
            .current_dir(dir.path())
            .args(["check", "--format", "github", name]),
    );
    assert_eq!(code, 1);
    let commands = run_as_runner(&out);
    let at: Vec<(&str, Vec<&str>)> = commands
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.properties.iter().map(|(_, v)| v.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            (
                "warning",
                vec![name, "5", "1", "5", "43", "pocketlint (heading-level)"]
            ),
            (
                "warning",
                vec![name, "7", "6", "7", "7", "pocketlint (invisible-char)"]
            ),
        ]
    );
}

// ---- --format sarif and rdjson ----------------------------------------------------

fn validator(schema: &Path) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    jsonschema::draft4::new(&schema).expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

fn json_output(dir: &Path, format: &str) -> Value {
    write(dir, "README.md", DEFECTS);
    let (out, code) =
        stdout(
            pocketlint()
                .current_dir(dir)
                .args(["check", "--format", format, "README.md"]),
        );
    assert_eq!(code, 1);
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let Some(schemas) = common::shared_dir("fixtures/schemas") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let sarif = json_output(dir.path(), "sarif");
    assert_valid(&validator(&schemas.join("sarif-schema-2.1.0.json")), &sarif);
}

#[test]
fn sarif_describes_every_rule_and_locates_results_and_fixes() {
    let dir = TempDir::new().unwrap();
    let sarif = json_output(dir.path(), "sarif");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pocketlint::rules::RULES.len());
    for rule in rules {
        for key in ["id", "name", "helpUri"] {
            assert!(
                rule[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key}: {rule}"
            );
        }
        assert!(
            rule["fullDescription"]["text"].as_str().unwrap().len()
                > rule["shortDescription"]["text"].as_str().unwrap().len()
        );
        let meta = pocketlint::rules::find(rule["id"].as_str().unwrap()).unwrap();
        let level = match meta.severity {
            pocketlint::diagnostic::Severity::Error => "error",
            pocketlint::diagnostic::Severity::Warning => "warning",
            pocketlint::diagnostic::Severity::Info => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let heading = &results[0];
    assert_eq!(heading["ruleId"], "heading-level");
    let location = &heading["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "README.md");
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(location["region"]["startColumn"], 1);
    assert_eq!(
        heading["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    let replacement = &heading["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "###");
    // The zero-width space after two CJK characters: columns count characters.
    let invisible = &results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(
        invisible["deletedRegion"],
        serde_json::json!({"startLine": 7, "startColumn": 6, "endLine": 7, "endColumn": 7})
    );
    assert_eq!(invisible["insertedContent"]["text"], "");
}

#[test]
fn rdjson_validates_and_offers_fixes_as_suggestions() {
    let dir = TempDir::new().unwrap();
    let rdjson = json_output(dir.path(), "rdjson");
    if let Some(schemas) = common::shared_dir("fixtures/schemas/rdjson") {
        assert_valid(&validator(&schemas.join("DiagnosticResult.json")), &rdjson);
    }
    let diagnostics = rdjson["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    assert_eq!(diagnostics[0]["code"]["value"], "heading-level");
    assert_eq!(diagnostics[0]["severity"], "WARNING");
    // heading-level's fix is unsafe: a suggestion only with --unsafe-fixes.
    assert_eq!(diagnostics[0].get("suggestions"), None);
    let (out, _) = stdout(pocketlint().current_dir(dir.path()).args([
        "check",
        "--format",
        "rdjson",
        "--unsafe-fixes",
        "README.md",
    ]));
    let with_unsafe: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(
        with_unsafe["diagnostics"][0]["suggestions"][0]["text"],
        "###"
    );
    // rdjson columns count UTF-8 bytes: `## ` + two 3-byte characters.
    assert_eq!(
        diagnostics[1]["suggestions"][0],
        serde_json::json!({"range": {"start": {"line": 7, "column": 10}, "end": {"line": 7, "column": 13}}, "text": ""})
    );
}

// ---- --fail-on and --fix --exit-non-zero-on-fix -----------------------------------

#[test]
fn fail_on_decides_the_exit_code() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "README.md", DEFECTS);
    let run =
        |args: &[&str]| stdout(pocketlint().current_dir(dir.path()).arg("check").args(args)).1;
    assert_eq!(run(&[]), 1, "warnings fail by default");
    assert_eq!(run(&["--fail-on", "error"]), 0);
    write(
        dir.path(),
        ".pocketlint.yaml",
        "rules:\n  heading-level: info\n  invisible-char: info\n",
    );
    assert_eq!(run(&[]), 0, "info does not fail by default");
    assert_eq!(run(&["--fail-on", "info"]), 1);
}

#[test]
fn fix_fails_when_it_changed_a_file_only_when_asked() {
    let dir = TempDir::new().unwrap();
    let readme = write(dir.path(), "README.md", "# List\n\n## Zero\u{200B}width\n");
    let run = |args: &[&str]| {
        stdout(
            pocketlint()
                .current_dir(dir.path())
                .args(["check", "--fix"])
                .args(args),
        )
        .1
    };
    assert_eq!(run(&["--exit-non-zero-on-fix"]), 1, "changed a file");
    assert_eq!(
        std::fs::read_to_string(&readme).unwrap(),
        "# List\n\n## Zerowidth\n"
    );
    assert_eq!(
        run(&["--exit-non-zero-on-fix"]),
        0,
        "nothing left to change"
    );
    std::fs::write(&readme, "# List\n\n## Zero\u{200B}width\n").unwrap();
    assert_eq!(run(&[]), 0, "without the flag, a fully fixed file passes");
}

// ---- job summary ------------------------------------------------------------------

#[test]
fn summary_counts_rules_lists_findings_and_folds_the_fix_diff() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "README.md", DEFECTS);
    let summary = dir.path().join("summary.md");
    pocketlint()
        .current_dir(dir.path())
        .args(["check", "--quiet", "README.md", "--summary"])
        .arg(&summary)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.contains(
            "**2 findings** in 1 file (0 errors, 2 warnings, 0 info), 1 fixable with `--fix`"
        ),
        "{text}"
    );
    assert!(
        text.contains("| `heading-level` | 1 |\n| `invisible-char` | 1 |"),
        "{text}"
    );
    assert!(
        text.contains("| README.md:5:1 | warning | `heading-level` |"),
        "{text}"
    );
    assert!(text.contains("<details><summary>"), "{text}");
    assert!(
        text.contains("-## 中文\u{200B}工具\n+## 中文工具\n"),
        "{text}"
    );
    assert!(
        !text.contains("-#### Editors"),
        "unsafe fixes are not in the safe diff: {text}"
    );
}

#[test]
fn github_format_appends_to_the_step_summary() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "README.md", DEFECTS);
    let summary = write(dir.path(), "step-summary.md", "earlier step\n");
    for format in ["github", "concise"] {
        pocketlint()
            .current_dir(dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--format", format])
            .assert()
            .code(1);
    }
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## pocketlint\n"), "{text}");
    assert_eq!(
        text.matches("## pocketlint").count(),
        1,
        "only --format github writes it: {text}"
    );
}

// ---- the real corpus -----------------------------------------------------------

#[test]
fn every_format_holds_up_on_the_whole_corpus() {
    let (Some(corpus), Some(schemas)) = (
        common::shared_dir("corpus"),
        common::shared_dir("fixtures/schemas"),
    ) else {
        return;
    };
    let mut files = vec![corpus.join("pocket-v3.3.md")];
    for dir in ["pocket", "lists"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(corpus.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        found.sort();
        files.extend(found);
    }
    for (format, schema) in [
        ("sarif", schemas.join("sarif-schema-2.1.0.json")),
        ("rdjson", schemas.join("rdjson/DiagnosticResult.json")),
    ] {
        let output = pocketlint()
            .args(["check", "--no-config", "--format", format])
            .args(&files)
            .output()
            .unwrap();
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{format}: {output:?}"
        );
        let instance: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        assert_valid(&validator(&schema), &instance);
    }
    let (json, _) = stdout(
        pocketlint()
            .args(["check", "--no-config", "--format", "json"])
            .args(&files),
    );
    let json: Value = serde_json::from_str(&json).unwrap();
    let (github, _) = stdout(
        pocketlint()
            .args(["check", "--no-config", "--format", "github"])
            .args(&files),
    );
    let commands = run_as_runner(&github);
    assert_eq!(
        commands.len(),
        json["diagnostics"].as_array().unwrap().len()
    );
    for (command, d) in commands.iter().zip(json["diagnostics"].as_array().unwrap()) {
        assert_eq!(command.properties[0].1, d["path"].as_str().unwrap());
        assert!(command.data.starts_with(d["message"].as_str().unwrap()));
    }
}

// ---- the GitHub Action -------------------------------------------------------------

/// The Action's run logic on scripted pull requests (scripts/test-action.sh: a bare
/// origin, GitHub's merge commit, shallow checkouts), with this build of the binary.
#[cfg(unix)]
#[test]
fn the_action_reports_a_pull_requests_new_findings() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/test-action.sh");
    let output = std::process::Command::new("bash")
        .arg(script)
        .env("POCKETLINT", assert_cmd::cargo::cargo_bin("pocketlint"))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
