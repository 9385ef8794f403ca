//! `--changed-since REF` on real git histories made with the git CLI: a pull request is
//! blamed for the findings it brings (wherever they point) and for nothing it inherited.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

/// A list whose TOC matches its sections.
const LIST: &str = "# Awesome Things

## Contents

- [Editors](#editors)
- [Shells](#shells)
- [Fonts](#fonts)

## Editors

- [Vim](https://www.vim.org) - A text editor.
- [Emacs](https://www.gnu.org/software/emacs/) - Another editor.

## Shells

- [Fish](https://fishshell.com) - A friendly shell.

## Fonts

- [Iosevka](https://typeof.net/Iosevka/) - A narrow font.
";

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A repository on `main` whose first commit holds README.md with `text`.
fn repo(text: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::write(dir.path().join("README.md"), text).unwrap();
    git(dir.path(), &["add", "README.md"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

fn edit(dir: &Path, name: &str, change: impl FnOnce(String) -> String) {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(path, change(text)).unwrap();
}

/// `check --format concise` with `args`: the findings as `line:col rule`, and the
/// exit code.
fn check(dir: &Path, args: &[&str]) -> (Vec<String>, i32) {
    let output = Command::cargo_bin("pocketlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "concise"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings = stdout
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, ':');
            let (file, row, column) = (parts.next(), parts.next(), parts.next());
            let rule = parts.next().unwrap().split_whitespace().nth(1).unwrap();
            format!(
                "{}:{}:{} {rule}",
                file.unwrap(),
                row.unwrap(),
                column.unwrap()
            )
        })
        .collect();
    (findings, output.status.code().unwrap())
}

#[test]
fn a_deleted_section_leaves_its_toc_entry_dangling_on_an_untouched_line() {
    let dir = repo(LIST);
    assert_eq!(check(dir.path(), &["README.md"]), (vec![], 0));
    edit(dir.path(), "README.md", |text| {
        text.replace(
            "## Shells\n\n- [Fish](https://fishshell.com) - A friendly shell.\n\n",
            "",
        )
    });
    let expected = vec!["README.md:6:3 toc-dangling-entry".to_owned()];
    assert_eq!(check(dir.path(), &["README.md"]), (expected.clone(), 1));
    // Uncommitted, against HEAD; and committed on a branch, against main.
    assert_eq!(
        check(dir.path(), &["--changed-since", "HEAD", "README.md"]),
        (expected.clone(), 1)
    );
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    git(dir.path(), &["commit", "-q", "-am", "drop shells"]);
    assert_eq!(
        check(dir.path(), &["--changed-since", "main", "README.md"]),
        (expected, 1)
    );
}

#[test]
fn a_renamed_heading_breaks_the_toc_anchor_pointing_at_it() {
    let dir = repo(LIST);
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    edit(dir.path(), "README.md", |text| {
        text.replace("## Fonts\n", "## 🔤 Fonts\n")
    });
    git(dir.path(), &["commit", "-q", "-am", "rename"]);
    let (findings, code) = check(dir.path(), &["--changed-since", "main", "README.md"]);
    assert_eq!(code, 1);
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("README.md:7:") && f.ends_with(" toc-broken-anchor")),
        "{findings:?}"
    );
}

#[test]
fn an_entry_added_far_from_its_twin_is_reported_where_the_twin_is() {
    let dir = repo(LIST);
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    // Added under Editors; the finding points at the old Fonts entry, below it.
    edit(dir.path(), "README.md", |text| {
        text.replace(
            "- [Vim]",
            "- [Iosevka](https://typeof.net/Iosevka/) - A narrow font.\n- [Vim]",
        )
    });
    git(dir.path(), &["commit", "-q", "-am", "add"]);
    let (all, _) = check(dir.path(), &["README.md"]);
    let (new, code) = check(dir.path(), &["--changed-since", "main", "README.md"]);
    assert_eq!(code, 1);
    assert_eq!(new, all);
    assert!(
        new.iter()
            .any(|f| f.starts_with("README.md:21:") && f.ends_with(" dup-link")),
        "{new:?}"
    );
}

#[test]
fn a_defect_main_fixed_after_the_branch_began_is_not_blamed_on_the_branch() {
    // An old defect: a zero-width space in the Shells heading.
    let dir = repo(&LIST.replace("## Shells\n", "## Shells\u{200B}\n"));
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    edit(dir.path(), "README.md", |text| {
        text.replace("A narrow font.", "A narrow, slab-free font.")
    });
    git(dir.path(), &["commit", "-q", "-am", "reword"]);
    git(dir.path(), &["checkout", "-q", "main"]);
    edit(dir.path(), "README.md", |text| text.replace('\u{200B}', ""));
    git(dir.path(), &["commit", "-q", "-am", "fix the heading"]);
    git(dir.path(), &["checkout", "-q", "pr"]);

    let (all, _) = check(dir.path(), &["README.md"]);
    assert_eq!(all, ["README.md:14:10 invisible-char"]);
    assert_eq!(
        check(dir.path(), &["--changed-since", "main", "README.md"]),
        (vec![], 0)
    );
}

#[test]
fn a_second_copy_of_an_old_finding_is_new() {
    let dir = repo(&LIST.replace("## Shells\n", "## Shells\u{200B}\n"));
    edit(dir.path(), "README.md", |text| {
        text.replace("## Fonts\n", "## Fonts\u{200B}\n")
    });
    let (findings, code) = check(dir.path(), &["--changed-since", "HEAD", "README.md"]);
    assert_eq!(
        (findings, code),
        (vec!["README.md:18:9 invisible-char".to_owned()], 1)
    );
    // The same text twice: one of the two is the old one.
    let dir = repo("# A\n\n## B\u{200B}\n");
    edit(dir.path(), "README.md", |text| {
        format!("{text}\n## B\u{200B}\n")
    });
    let (findings, _) = check(
        dir.path(),
        &[
            "--changed-since",
            "HEAD",
            "--select",
            "invisible-char",
            "README.md",
        ],
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
}

#[test]
fn a_file_new_in_the_branch_reports_everything() {
    let dir = repo(LIST);
    git(dir.path(), &["checkout", "-q", "-b", "pr"]);
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    edit(dir.path(), "docs/NEW.md", |_| {
        "# New\n\n## A\u{200B}b\n".to_owned()
    });
    // Untracked, then committed: both new to the merge base.
    let expected = vec!["docs/NEW.md:3:5 invisible-char".to_owned()];
    assert_eq!(
        check(dir.path(), &["--changed-since", "main", "docs/NEW.md"]),
        (expected.clone(), 1)
    );
    git(dir.path(), &["add", "docs/NEW.md"]);
    git(dir.path(), &["commit", "-q", "-m", "new"]);
    assert_eq!(
        check(dir.path(), &["--changed-since", "main", "docs/NEW.md"]),
        (expected, 1)
    );
}

#[test]
fn the_job_summary_says_how_many_old_findings_were_left_out() {
    let dir = repo(&LIST.replace("## Shells\n", "## Shells\u{200B}\n"));
    edit(dir.path(), "README.md", |text| {
        text.replace("## Fonts\n", "## Fonts\u{200B}\n")
    });
    let summary = dir.path().join("summary.md");
    let (findings, code) = check(
        dir.path(),
        &[
            "--changed-since",
            "HEAD",
            "--summary",
            summary.to_str().unwrap(),
            "README.md",
        ],
    );
    assert_eq!((findings.len(), code), (1, 1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.contains("1 finding already at the merge base with `HEAD` hidden."),
        "{text}"
    );
}

#[test]
fn the_text_formats_say_on_stderr_how_many_old_findings_were_left_out() {
    let dir = repo(&LIST.replace("## Shells\n", "## Shells\u{200B}\n"));
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("pocketlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--changed-since", "HEAD"])
            .args(args)
            .arg("README.md")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let said = "1 finding already at the merge base with HEAD not shown\n".to_owned();
    assert_eq!(run(&[]), (Some(0), said.clone()));
    assert_eq!(run(&["--format", "concise"]), (Some(0), said));
    assert_eq!(run(&["--quiet"]), (Some(0), String::new()));
    assert_eq!(run(&["--format", "json"]), (Some(0), String::new()));
}

#[test]
fn a_ref_git_does_not_know_is_an_error_not_a_silent_pass() {
    let dir = repo(LIST);
    let output = Command::cargo_bin("pocketlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--changed-since", "no-such-ref", "README.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-ref") && stderr.contains("README.md"),
        "{stderr}"
    );
}
