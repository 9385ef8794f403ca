//! The real binary on small input trees: exit codes, output formats, fixing, bad input.

mod common;

use common::{TempDir, pocketlint, stdout_of};

/// A list with one safe-fixable finding (a leftover U+FE0F) and one unsafe one.
const DEFECTS: &str = "# List\n\n## 1 Models\n\n### Alpha ️\n- https://a.example/alpha\n\nAlpha text.\n\n### Beta\n- https://a.example/beta\n\nBeta text.\n\n## Gamma\n- https://a.example/gamma\n\nGamma text.\n\n### Delta\n- https://a.example/delta\n\nDelta text.\n\n## 2 Tools\n\n### Epsilon\n- https://a.example/epsilon\n\nEpsilon text.\n";

const CLEAN: &str = "# List\n\n## Tools\n\n- [Tool](https://example.com) - A tool.\n";

#[test]
fn exit_codes_follow_findings() {
    let dir = TempDir::new();
    let clean = dir.write("clean.md", CLEAN);
    let bad = dir.write("bad.md", DEFECTS);
    pocketlint()
        .args(["check", "--no-config"])
        .arg(&clean)
        .assert()
        .code(0);
    pocketlint()
        .args(["check", "--no-config"])
        .arg(&bad)
        .assert()
        .code(1);
    pocketlint()
        .args(["check", "--no-config", "--select", "no-such-rule"])
        .arg(&clean)
        .assert()
        .code(2);
    pocketlint()
        .args(["check", "--bogus-flag"])
        .arg(&clean)
        .assert()
        .code(2);
}

#[test]
fn human_output_shows_snippets_help_and_a_summary() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let out = stdout_of(pocketlint().args(["check", "--no-config"]).arg(&bad));
    assert!(out.contains("invisible-char"), "{out}");
    assert!(out.contains("### Alpha"), "snippet missing: {out}");
    assert!(out.contains("help: remove it (safe fix)"), "{out}");
    assert!(
        out.contains("2 findings in 1 file, 1 fixable with --fix, 1 more with --unsafe-fixes"),
        "{out}"
    );
}

#[test]
fn concise_output_is_one_line_a_finding() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let out = stdout_of(
        pocketlint()
            .args(["check", "--no-config", "--format", "concise"])
            .arg(&bad),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].ends_with(":5:11: warning invisible-char invisible variation selector U+FE0F that follows no emoji (the leftover of a deleted emoji)"), "{out}");
    assert!(lines[1].contains(":15:1: warning heading-level "), "{out}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", format!("\u{FEFF}{DEFECTS}"));
    let out = stdout_of(
        pocketlint()
            .args(["check", "--no-config", "--format", "json"])
            .arg(&bad),
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["files"][0], bad.display().to_string());
    assert_eq!(
        json["summary"],
        serde_json::json!({"errors": 0, "warnings": 2, "infos": 0, "fixable": 1})
    );
    let first = &json["diagnostics"][0];
    let keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "column",
            "end_column",
            "end_line",
            "fix",
            "help",
            "line",
            "message",
            "path",
            "rule",
            "severity"
        ]
    );
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(5), Some(11))
    );
    assert_eq!(first["fix"]["applicability"], "safe");
    // Edit offsets count the bytes of the file on disk, byte order mark included.
    let start = first["fix"]["edits"][0]["start"].as_u64().expect("start") as usize;
    let bytes = std::fs::read(&bad).expect("read");
    assert_eq!(&bytes[start..start + 3], "\u{FE0F}".as_bytes());
    assert_eq!(json["diagnostics"][1]["fix"]["applicability"], "unsafe");
}

#[test]
fn diff_shows_fixes_and_writes_nothing() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let out = pocketlint()
        .args(["check", "--no-config", "--diff"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).expect("utf-8");
    assert!(diff.contains("-### Alpha ️\n+### Alpha\n"), "{diff}");
    assert!(
        !diff.contains("## Gamma"),
        "unsafe fix shown without --unsafe-fixes: {diff}"
    );
    assert_eq!(std::fs::read_to_string(&bad).expect("read"), DEFECTS);
    let clean = dir.write("clean.md", CLEAN);
    pocketlint()
        .args(["check", "--no-config", "--diff"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_takes_no_machine_format() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    for format in ["json", "sarif", "rdjson", "github", "concise"] {
        let out = pocketlint()
            .args(["check", "--no-config", "--diff", "--format", format])
            .arg(&bad)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}: printed {:?}", out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "--diff prints a unified diff, not --format {format}"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_file_named_twice_is_linted_once() {
    let dir = TempDir::new();
    dir.write("README.md", DEFECTS);
    let count = |args: &[&str]| {
        let out = stdout_of(
            pocketlint()
                .current_dir(dir.path())
                .args(["check", "--no-config", "--format", "concise"])
                .args(args),
        );
        let files: std::collections::BTreeSet<&str> =
            out.lines().map(|l| l.split(':').next().unwrap()).collect();
        (out.lines().count(), files.len())
    };
    let once = count(&["README.md"]);
    assert!(once.0 > 0 && once.1 == 1);
    assert_eq!(count(&["README.md", "./README.md"]), once);
    assert_eq!(count(&[".", "README.md"]), once);
    let sub = dir.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(count(&["README.md", &format!("../{sub}/README.md")]), once);
}

#[test]
fn fix_says_what_it_fixed_and_what_remains_on_stderr() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let clean = dir.write("clean.md", CLEAN);
    let out = pocketlint()
        .args(["check", "--no-config", "--fix"])
        .arg(&bad)
        .arg(&clean)
        .output()
        .expect("runs");
    // The zero-width character's removal leaves a trailing space, fixed in a second
    // round: two fixes, as ruff counts them.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Fixed 2 findings in 1 file (1 remaining)\n"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with("1 finding in 2 files, 1 more with --unsafe-fixes\n"),
        "{stdout}"
    );
    // Nothing on stderr with --quiet, or beside a machine format.
    for args in [["--quiet", "--fix"], ["--format=json", "--fix"]] {
        let out = pocketlint()
            .args(["check", "--no-config"])
            .args(args)
            .arg(&bad)
            .output()
            .expect("runs");
        assert!(out.stderr.is_empty(), "{args:?}: {:?}", out.stderr);
    }
    // --exit-non-zero-on-fix says it is why the run failed.
    std::fs::write(&bad, DEFECTS).expect("write");
    let out = pocketlint()
        .args([
            "check",
            "--no-config",
            "--fix",
            "--quiet",
            "--exit-non-zero-on-fix",
        ])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "exit 1: --fix changed 1 file and --exit-non-zero-on-fix fails the run when it does\n"
    );
}

#[test]
fn a_count_out_of_range_refuses_the_run_before_any_fix() {
    let dir = TempDir::new();
    let text = "# T\n\nOne paragraph.\n\nAnother.\n\n- item\n\n  more\n";
    let list = dir.write("list.md", text);
    let config = dir.write("c.yaml", "rules:\n  blank-lines: { maximum: 0 }\n");
    let out = pocketlint()
        .args(["check", "--fix", "--config"])
        .arg(&config)
        .arg(&list)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0 is out of range: allowed is a whole number, 1 or more")
            && stderr.contains("c.yaml:2:"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&list).expect("read"), text);
}

#[test]
fn fix_writes_converges_and_a_second_run_changes_nothing() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS.replace('\n', "\r\n"));
    pocketlint()
        .args(["check", "--no-config", "--fix", "--unsafe-fixes"])
        .arg(&bad)
        .assert()
        .code(0);
    let fixed = std::fs::read_to_string(&bad).expect("read");
    assert!(
        fixed.contains("### Alpha\r\n") && fixed.contains("\r\n### Gamma\r\n"),
        "{fixed}"
    );
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "line endings were not kept: {fixed:?}"
    );
    let modified = std::fs::metadata(&bad)
        .expect("meta")
        .modified()
        .expect("mtime");
    pocketlint()
        .args(["check", "--no-config", "--fix", "--unsafe-fixes"])
        .arg(&bad)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&bad).expect("read"), fixed);
    assert_eq!(
        std::fs::metadata(&bad)
            .expect("meta")
            .modified()
            .expect("mtime"),
        modified,
        "rewritten without change"
    );
}

#[test]
fn safe_fix_leaves_unsafe_findings_and_keeps_bom_and_permissions() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", format!("\u{FEFF}{DEFECTS}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    pocketlint()
        .args(["check", "--no-config", "--fix"])
        .arg(&bad)
        .assert()
        .code(1);
    let fixed = std::fs::read_to_string(&bad).expect("read");
    assert!(
        fixed.starts_with('\u{FEFF}')
            && fixed.contains("### Alpha\n")
            && fixed.contains("\n## Gamma\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bad).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn config_sets_severity_and_errors_point_at_the_line() {
    let dir = TempDir::new();
    let bad = dir.write("docs/bad.md", DEFECTS);
    dir.write(
        ".pocketlint.yaml",
        "rules:\n  invisible-char: off\n  heading-level: { severity: info }\n",
    );
    // Found by walking up from the file; info findings do not fail the run.
    let out = pocketlint()
        .args(["check", "--format", "concise"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("info heading-level") && !text.contains("invisible-char"),
        "{text}"
    );

    let broken = dir.write(
        "broken.yaml",
        "rules:\n  heading-level: warning\n  not-a-rule: off\n",
    );
    let out = pocketlint()
        .args(["check", "--config"])
        .arg(&broken)
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("not-a-rule") && err.contains("broken.yaml"),
        "{err}"
    );
    assert!(err.contains(":3:"), "no line given: {err}");
}

#[test]
fn exclude_globs_skip_files() {
    let dir = TempDir::new();
    dir.write("keep/bad.md", DEFECTS);
    dir.write("vendor/bad.md", DEFECTS);
    dir.write(".pocketlint.yaml", "exclude: [\"vendor/**\"]\n");
    let out = stdout_of(
        pocketlint()
            .args(["check", "--format", "concise"])
            .arg(dir.path()),
    );
    assert!(out.contains("keep") && !out.contains("vendor"), "{out}");
}

#[test]
fn inline_comments_suppress_findings() {
    let dir = TempDir::new();
    let text = DEFECTS.replace(
        "### Alpha ️",
        "<!-- pocketlint-disable-next-line invisible-char -->\n### Alpha ️",
    );
    let file = dir.write(
        "bad.md",
        format!("<!-- pocketlint-disable-file heading-level -->\n{text}"),
    );
    pocketlint()
        .args(["check", "--no-config"])
        .arg(&file)
        .assert()
        .code(0);
}

#[test]
fn missing_path_and_directory_without_markdown_are_errors() {
    let dir = TempDir::new();
    let out = pocketlint()
        .args(["check", "--no-config"])
        .arg(dir.path().join("nope.md"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md: no such file or directory"));
    dir.write("notes.txt", "hello");
    let out = pocketlint()
        .args(["check", "--no-config"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Markdown files"));
}

#[test]
fn bad_files_are_named_and_the_others_still_linted() {
    let dir = TempDir::new();
    dir.write("a-latin1.md", b"# Caf\xe9\n\nline two\n");
    dir.write("b-binary.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    let good = dir.write("c-good.md", DEFECTS);
    dir.write("d-empty.md", "");
    let out = pocketlint()
        .args(["check", "--no-config", "--format", "concise"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-latin1.md: not valid UTF-8 at byte 5 (line 1)"),
        "{err}"
    );
    assert!(err.contains("b-binary.md: binary file"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("c-good.md:5:11"), "{text}");
    // With --fix nothing is written when any input is bad.
    pocketlint()
        .args(["check", "--no-config", "--fix"])
        .arg(dir.path())
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&good).expect("read"), DEFECTS);
}

#[test]
fn no_path_checks_the_readme_here() {
    let dir = TempDir::new();
    dir.write("ReadMe.md", DEFECTS);
    let out = stdout_of(pocketlint().current_dir(dir.path()).args([
        "check",
        "--no-config",
        "--format",
        "concise",
    ]));
    assert!(out.starts_with("ReadMe.md:5:11:"), "{out}");
    let empty = TempDir::new();
    pocketlint()
        .current_dir(empty.path())
        .args(["check"])
        .assert()
        .code(2);
}

#[test]
fn rules_and_explain_list_and_document_every_rule() {
    let list = stdout_of(pocketlint().arg("rules"));
    // The columns line up however long a rule's name: every category starts at one column.
    let category_columns: std::collections::BTreeSet<usize> = list
        .lines()
        .map(|line| line.len() - line.trim_start_matches(|c| c != ' ').trim_start().len())
        .collect();
    assert_eq!(category_columns.len(), 1, "{list}");
    for rule in pocketlint::rules::RULES {
        assert!(list.contains(rule.name), "{list}");
        let doc = stdout_of(pocketlint().args(["explain", rule.name]));
        assert!(doc.contains("## What it does"), "{doc}");
    }
    pocketlint()
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2);
}

/// Runs `cmd`, which must fail with exit code 2 and say `error` on stderr.
fn fails_with(cmd: &mut assert_cmd::Command, error: &str) {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(error), "{error:?} in {stderr}");
}

/// A list as `init` meets it: the Awesome badge, a TOC under "Contents" that lists
/// one section of thirteen, `*` bullets, twelve `http://` links to a site that serves
/// https and twelve lines with trailing spaces.
fn noisy_list() -> String {
    let mut list = String::from(
        "# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n\
         ## Contents\n\n* [Tools](#tools)\n\n## Tools\n\n* [Fish](https://fishshell.com) - A shell.\n\n",
    );
    for i in 0..12 {
        list.push_str(&format!(
            "## Part {i}\n\n* [Thing {i}](http://github.com/o/thing-{i}) - A thing.  \n\n"
        ));
    }
    list
}

#[test]
fn init_writes_a_commented_config_that_check_loads() {
    let dir = TempDir::new();
    let list = dir.write("README.md", noisy_list());
    pocketlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout("wrote ./.pocketlint.yaml\n");
    let config = std::fs::read_to_string(dir.path().join(".pocketlint.yaml")).unwrap();
    for expected in [
        "# profile: awesome\n",
        "# The table of contents found at line 3: 1 entry, listing the level 2 headings.\ntoc:\n  start: \"Contents\"\n  levels: [2]\n",
        "  list-marker: { marker: \"*\" }\n",
        "  # 12 findings on README.md today (0 fixed by --fix): at info, shown but failing no run until they are\n  # worked through; delete this line then\n  toc-missing-entry: info\n",
        "  url-insecure: off\n",
        "# `pocketlint check --fix` fixes every finding of trailing-space on README.md: run it once.\n",
    ] {
        assert!(config.contains(expected), "{expected:?} in:\n{config}");
    }
    // Loaded by check: the turned-down rule is shown at info, the rule turned off not.
    let out = stdout_of(pocketlint().current_dir(dir.path()).args([
        "check",
        "--statistics",
        "--format",
        "json",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"toc-missing-entry"), "{out}");
    assert!(!rules.contains(&"url-insecure"), "{out}");
    let concise = stdout_of(pocketlint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--select",
        "toc-missing-entry",
    ]));
    assert!(concise.contains(": info toc-missing-entry "), "{concise}");

    // An existing config stays unless --force.
    std::fs::write(dir.path().join(".pocketlint.yaml"), "rules: {}\n").unwrap();
    fails_with(
        pocketlint().arg("init").arg(&list),
        ".pocketlint.yaml already exists; `pocketlint init --force` overwrites it",
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".pocketlint.yaml")).unwrap(),
        "rules: {}\n"
    );
    pocketlint()
        .args(["init", "--force"])
        .arg(&list)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(dir.path().join(".pocketlint.yaml"))
            .unwrap()
            .contains("toc-missing-entry: info")
    );
}

#[test]
fn init_on_a_quiet_list_pins_what_it_found_and_turns_nothing_down() {
    let dir = TempDir::new();
    let list = dir.write("list.md", CLEAN);
    pocketlint().arg("init").arg(&list).assert().code(0);
    let config = std::fs::read_to_string(dir.path().join(".pocketlint.yaml")).unwrap();
    assert!(
        !config.contains("profile"),
        "no badge, no profile:\n{config}"
    );
    assert!(
        config.contains("# No table of contents found. If the list has one, name its title:"),
        "{config}"
    );
    assert!(
        !config.contains(": info\n") && !config.contains(": off\n"),
        "{config}"
    );
    pocketlint()
        .current_dir(dir.path())
        .args(["check", "list.md"])
        .assert()
        .code(0);
}

/// The settings `init` pins are what detection and inference found: on every list of
/// the corpus they change no rule's findings (those it turns `off` aside), and the
/// config it writes loads.
#[test]
fn init_pins_change_no_finding_on_the_corpus() {
    use pocketlint::config::{ConfigFile, Settings};
    use std::collections::BTreeMap;

    let Some(lists) = common::corpus_lists(&["lists", "lists2", "pocket"]) else {
        return;
    };
    let counts = |text: &str, settings: &Settings| {
        let mut counts = BTreeMap::new();
        for d in pocketlint::check(text, settings) {
            *counts.entry(d.rule).or_insert(0) += 1;
        }
        counts
    };
    for list in lists {
        let text = std::fs::read_to_string(&list).unwrap();
        let config = pocketlint::cli::init::starter("README.md", &text).unwrap();
        let settings = ConfigFile::parse(
            &config,
            std::path::Path::new(".pocketlint.yaml"),
            &pocketlint::rules::SCHEMA,
        )
        .unwrap()
        .settings();
        let mut pinned = counts(&text, &settings);
        for (rule, before) in counts(&text, &Settings::default()) {
            if config.contains(&format!("\n  {rule}: off\n")) {
                continue;
            }
            assert_eq!(
                pinned.remove(rule),
                Some(before),
                "{rule} on {}:\n{config}",
                list.display()
            );
        }
        assert!(pinned.is_empty(), "{pinned:?} on {}", list.display());
    }
}

#[test]
fn stdin_is_checked_under_its_name_with_the_config_of_that_path() {
    let dir = TempDir::new();
    dir.write("docs/.pocketlint.yaml", "rules:\n  heading-level: off\n");
    let out = stdout_of(
        pocketlint()
            .current_dir(dir.path())
            .args(["check", "-", "--no-config", "--format", "concise"])
            .write_stdin(DEFECTS),
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.starts_with("-:5:11: warning invisible-char "), "{out}");
    // Named: reported under the name, governed by docs/.pocketlint.yaml.
    for args in [
        &["check", "--stdin-filename", "docs/list.md"][..],
        &["check", "-", "--stdin-filename", "docs/list.md"],
    ] {
        let out = stdout_of(
            pocketlint()
                .current_dir(dir.path())
                .args(args)
                .args(["--format", "concise"])
                .write_stdin(DEFECTS),
        );
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                "docs/list.md:5:11: warning invisible-char invisible variation selector U+FE0F that follows no emoji (the leftover of a deleted emoji)"
            ],
            "{out}"
        );
    }
    for (args, error) in [
        (&["check", "-", "README.md"][..], "`-` reads standard input"),
        (
            &["check", "--stdin-filename", "a.md", "README.md"],
            "--stdin-filename names standard input",
        ),
    ] {
        fails_with(
            pocketlint()
                .current_dir(dir.path())
                .args(args)
                .write_stdin(DEFECTS),
            error,
        );
    }
    fails_with(
        pocketlint()
            .args(["check", "-"])
            .write_stdin(&b"# a\0b\n"[..]),
        "-: binary file (NUL byte at byte 3)",
    );
}

#[test]
fn stdin_fixed_goes_to_stdout_and_the_findings_to_stderr() {
    let dir = TempDir::new();
    let on_disk = dir.write(
        "list.md",
        format!("\u{FEFF}{}", DEFECTS.replace('\n', "\r\n")),
    );
    pocketlint()
        .args(["check", "--no-config", "--quiet", "--fix"])
        .arg(&on_disk)
        .assert()
        .code(1);
    let fixed_on_disk = std::fs::read(&on_disk).unwrap();
    let output = pocketlint()
        .current_dir(dir.path())
        .args(["check", "-", "--no-config", "--fix", "--format", "concise"])
        .write_stdin(format!("\u{FEFF}{}", DEFECTS.replace('\n', "\r\n")))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the unsafe finding remains");
    assert_eq!(output.stdout, fixed_on_disk, "the same bytes --fix writes");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("-:15:1: warning heading-level "),
        "{stderr}"
    );
    assert!(
        stderr.contains("Fixed 2 findings in 1 file (1 remaining)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no file written"
    );
}

#[test]
fn output_file_takes_the_report() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let report = dir.path().join("report.json");
    pocketlint()
        .args(["check", "--no-config", "--format", "json", "--output-file"])
        .arg(&report)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["summary"]["warnings"], 2, "{json}");
    // A diff goes there too; a folder is no file to write.
    pocketlint()
        .args(["check", "--no-config", "--diff", "-o"])
        .arg(&report)
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("--- a/")
    );
    fails_with(
        pocketlint()
            .args(["check", "--no-config", "--output-file"])
            .arg(dir.path())
            .arg(&bad),
        "cannot write the report",
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let other = dir.write("other.md", DEFECTS.replace("### Alpha ️", "### Alpha"));
    let out = stdout_of(
        pocketlint()
            .args(["check", "--no-config", "--statistics"])
            .arg(&bad)
            .arg(&other),
    );
    assert_eq!(
        out,
        "2\theading-level \t[ ] a heading skips a level, or breaks a run of same-level entries\n\
         1\tinvisible-char\t[*] an invisible character that changes anchors, search or rendering\n\
         3 findings in 2 files, 1 fixable with --fix, 2 more with --unsafe-fixes\n"
    );
    let json = stdout_of(
        pocketlint()
            .args(["check", "--no-config", "--statistics", "--format", "json"])
            .arg(&bad),
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[1]["rule"], "invisible-char", "{json}");
    assert_eq!(rows[1]["count"], 1);
    assert_eq!(rows[1]["fixable"], 1);
    pocketlint()
        .args(["check", "--no-config", "--statistics", "--format", "sarif"])
        .arg(&bad)
        .assert()
        .code(2);
}

#[test]
fn exit_zero_passes_findings_but_not_errors() {
    let dir = TempDir::new();
    let bad = dir.write("bad.md", DEFECTS);
    let output = pocketlint()
        .args(["check", "--no-config", "--exit-zero"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("invisible-char"));
    pocketlint()
        .args(["check", "--no-config", "--exit-zero"])
        .arg(dir.path().join("missing.md"))
        .assert()
        .code(2);
    pocketlint()
        .args(["check", "--fix", "--exit-zero", "--exit-non-zero-on-fix"])
        .arg(&bad)
        .assert()
        .code(2);
}

#[test]
fn check_help_names_the_new_options() {
    let help = stdout_of(pocketlint().args(["check", "--help"]));
    for option in [
        "--stdin-filename <NAME>",
        "--output-file <PATH>",
        "--statistics",
        "--exit-zero",
        "`-` reads standard input",
    ] {
        assert!(help.contains(option), "{option} in:\n{help}");
    }
}
