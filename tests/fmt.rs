//! `pocketlint fmt`: the real binary on small files in a scratch folder.

mod common;

use std::path::{Path, PathBuf};

use common::{TempDir, pocketlint};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// Trailing spaces and an extra blank line (format), and a skipped heading level
/// (structure, with an unsafe fix) that `fmt` must leave alone.
const MESSY: &str =
    "# Tools \n\n\n#### Models\n\n- [Alpaca](https://github.com/tatsu-lab/stanford_alpaca) \n";
const FORMATTED: &str =
    "# Tools\n\n#### Models\n\n- [Alpaca](https://github.com/tatsu-lab/stanford_alpaca)\n";

#[test]
fn fmt_applies_only_the_formatting_fixes() {
    let scratch = TempDir::new();
    let path = scratch.write("README.md", MESSY);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "README.md"])
        .assert()
        .success()
        .stdout("1 file reformatted, 0 left unchanged\n");
    assert_eq!(read(&path), FORMATTED);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config"])
        .assert()
        .success()
        .stdout("0 files reformatted, 1 left unchanged\n");
}

#[test]
fn check_exits_1_and_writes_nothing() {
    let scratch = TempDir::new();
    let messy = scratch.write("messy.md", MESSY);
    scratch.write("clean.md", FORMATTED);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "--check", "."])
        .assert()
        .code(1)
        .stdout("would reformat ./messy.md\n1 file would be reformatted, 1 left unchanged\n");
    assert_eq!(read(&messy), MESSY);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "--check", "clean.md"])
        .assert()
        .success();
}

#[test]
fn diff_shows_the_changes_without_writing() {
    let scratch = TempDir::new();
    let path = scratch.write("README.md", MESSY);
    let output = pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "--diff", "README.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(output).expect("utf-8");
    assert!(
        diff.starts_with("--- a/README.md\n+++ b/README.md\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-# Tools \n") && diff.contains("\n+# Tools\n"),
        "{diff}"
    );
    assert!(
        !diff.contains("+### Models"),
        "fmt must not relevel headings: {diff}"
    );
    assert_eq!(read(&path), MESSY);
}

#[test]
fn config_turns_a_formatting_rule_off() {
    let scratch = TempDir::new();
    scratch.write(".pocketlint.yaml", "rules:\n  trailing-space: off\n");
    let path = scratch.write("README.md", MESSY);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt"])
        .assert()
        .success();
    assert_eq!(
        read(&path),
        "# Tools \n\n#### Models\n\n- [Alpaca](https://github.com/tatsu-lab/stanford_alpaca) \n"
    );
}

#[test]
fn line_endings_and_byte_order_mark_are_kept() {
    let scratch = TempDir::new();
    let path = scratch.write("README.md", "\u{FEFF}# Tools \r\n\r\n\r\nText.\r\n");
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "README.md"])
        .assert()
        .success();
    assert_eq!(read(&path), "\u{FEFF}# Tools\r\n\r\nText.\r\n");
}

#[test]
fn an_unreadable_path_is_an_error() {
    let scratch = TempDir::new();
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "nope.md"])
        .assert()
        .code(2);
}

/// The text without whitespace and without the invisible characters `invisible-char`
/// removes: what a formatter may not change.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{200B}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE0F}'
                )
        })
        .collect()
}

#[test]
fn pocket_list_is_formatted_in_whitespace_only() {
    let Some(corpus) = common::shared_dir("corpus") else {
        return;
    };
    let original = read(&corpus.join("pocket-v3.3.md"));
    let scratch = TempDir::new();
    let path = scratch.write("pocket-v3.3.md", &original);
    let found = pocketlint()
        .current_dir(scratch.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--select",
            "heading-blank-lines,trailing-space",
            "pocket-v3.3.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let found = String::from_utf8(found).expect("utf-8");
    for part in [
        "高效对齐算法RAFT「木筏」",
        "Cerebras（可商用）",
        "Alpaca-CoT",
    ] {
        assert!(
            found.contains(&format!("no blank line before heading \"{part}\"")),
            "the part opening with {part} is not reported:\n{found}"
        );
    }
    assert_eq!(found.matches("heading-blank-lines").count(), 3, "{found}");
    assert!(found.matches("trailing-space").count() >= 20, "{found}");

    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "--check", "pocket-v3.3.md"])
        .assert()
        .code(1);
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "pocket-v3.3.md"])
        .assert()
        .success();
    let formatted = read(&path);
    assert_ne!(formatted, original);
    assert!(
        visible(&formatted) == visible(&original),
        "fmt changed more than whitespace and invisible characters"
    );
    for part in [
        "## 2 训练/推理\n\n### ",
        "## 3 可参考的其它开源模型\n\n### ",
        "## 5 其它\n\n### ",
    ] {
        assert!(formatted.contains(part), "{part:?} not separated");
    }
    pocketlint()
        .current_dir(scratch.path())
        .args([
            "check",
            "--no-config",
            "--select",
            "heading-blank-lines,trailing-space,blank-lines",
            "pocket-v3.3.md",
        ])
        .assert()
        .success();
    pocketlint()
        .current_dir(scratch.path())
        .args(["fmt", "--no-config", "--check", "pocket-v3.3.md"])
        .assert()
        .success();
}

/// The Markdown events GitHub would render, without source positions; text compared
/// without trailing whitespace (which renders as nothing).
fn rendered(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let text = text.replace("\r\n", "\n");
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    Parser::new_ext(&text, options)
        .map(|event| match event {
            Event::Text(t) => format!("text {}", t.trim_end()),
            Event::Html(t) | Event::InlineHtml(t) => format!("html {}", t.trim_end()),
            other => format!("{other:?}"),
        })
        .collect()
}

/// Every safe layout fix, on every real list: converges, is idempotent, and GitHub
/// renders the result exactly as the original. (`invisible-char` is left out: it
/// deletes characters by design.)
#[test]
fn layout_fixes_never_change_what_github_renders() {
    let Some(corpus) = common::shared_dir("corpus") else {
        return;
    };
    let rules = [
        "heading-blank-lines",
        "trailing-space",
        "blank-lines",
        "list-marker",
        "empty-section",
        "entry-format",
    ]
    .map(String::from);
    let mut settings = pocketlint::config::Settings::default();
    settings.restrict(&rules, &[]);
    let mut files = vec![corpus.join("pocket-v3.3.md")];
    for dir in ["lists", "pocket"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(corpus.join(dir))
            .expect("corpus folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        found.sort();
        files.extend(found);
    }
    for path in files {
        let original = read(&path);
        let name = path.display().to_string();
        let fixed = common::fix_and_verify(
            &name,
            &original,
            &settings,
            pocketlint::fix::Applicability::Safe,
        );
        assert!(
            rendered(&fixed) == rendered(&original),
            "{name}: the fixes changed the rendering"
        );
    }
}
