//! `pocketlint toc`: prints the TOC a file should have; `--write`, `--check` and
//! `--diff` apply the TOC rules' fixes and nothing else, so a TOC `check` finds correct
//! is left byte for byte whatever its shape.

mod common;

use std::path::{Path, PathBuf};

use pocketlint::config::Settings;
use pocketlint::rules::{Category, RULES};

const README: &str = "# Tool\n\n## Contents\n\n * [Usage](#usage)\n * [Old](#old)\n\n## Install\n\n## Usage\n\n### 选项 Options\n\n## License\n";

const TOC: &str = " * [Install](#install)\n * [Usage](#usage)\n";

/// TOC shapes seen in real lists, each correct: tabs for nesting (GitHub renders the
/// TOC flat if they become one space), bold group labels between lists, plain-text
/// parents over linked sections, HTML after the TOC, an ordered TOC, doctoc's markers.
const HEALTHY: &[(&str, &str)] = &[
    (
        "tab-indented",
        "# Awesome Node\n\n## Contents\n\n- [Official](#official)\n- [Packages](#packages)\n\t- [Mad science](#mad-science)\n\t- [HTTP](#http)\n\n## Official\n\n- [Node](https://nodejs.org)\n\n## Packages\n\n### Mad science\n\n- [a](https://a.example)\n\n### HTTP\n\n- [b](https://b.example)\n",
    ),
    (
        "bold-group-labels",
        "# Awesome Python\n\n## Categories\n\n**AI & ML**\n\n- [Deep Learning](#deep-learning)\n- [Computer Vision](#computer-vision)\n\n**Web Development**\n\n- [Web Frameworks](#web-frameworks)\n- [CMS](#cms)\n\n## Deep Learning\n\n- [a](https://a.example)\n\n## Computer Vision\n\n- [b](https://b.example)\n\n## Web Frameworks\n\n- [c](https://c.example)\n\n## CMS\n\n- [d](https://d.example)\n",
    ),
    (
        "non-link-parents",
        "# 免费的编程中文书籍\n\n## 目录\n\n* 语言无关类\n  * [操作系统](#操作系统)\n  * [智能系统](#智能系统)\n* 语言相关类\n  * [Android](#android)\n  * [C](#c)\n\n## 操作系统\n\n* [a](https://a.example)\n\n## 智能系统\n\n* [b](https://b.example)\n\n## Android\n\n* [c](https://c.example)\n\n## C\n\n* [d](https://d.example)\n",
    ),
    (
        "br-after-toc",
        "# Public APIs\n\n## Index\n\n* [Animals](#animals)\n* [Anime](#anime)\n\n<br >\n\n## Animals\n\n| API | Description |\n|---|---|\n| [Cats](https://cats.example) | Cat facts |\n\n**[⬆ Back to Index](#index)**\n<br >\n\n## Anime\n\n| API | Description |\n|---|---|\n| [Waifu](https://waifu.example) | Pictures |\n",
    ),
    (
        "ordered",
        "# Guide\n\n## Table of Contents\n\n1. [Install](#install)\n2. [Usage](#usage)\n   1. [Flags](#flags)\n3. [Support](#support)\n\n## Install\n\nRun it.\n\n## Usage\n\nUse it.\n\n### Flags\n\nFlag it.\n\n## Support\n\nAsk.\n",
    ),
    (
        "doctoc",
        "# Project\n\n<!-- START doctoc generated TOC please keep comment here to allow auto update -->\n<!-- DON'T EDIT THIS SECTION, INSTEAD RE-RUN doctoc TO UPDATE -->\n**Table of Contents**  *generated with [DocToc](https://github.com/thlorenz/doctoc)*\n\n- [Install](#install)\n- [Usage](#usage)\n  - [Flags](#flags)\n\n<!-- END doctoc generated TOC please keep comment here to allow auto update -->\n\n## Install\n\nRun it.\n\n## Usage\n\nUse it.\n\n### Flags\n\nFlag it.\n",
    ),
];

fn pocketlint() -> assert_cmd::Command {
    assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("pocketlint"))
}

/// A temporary folder holding `README.md` with `text`.
fn readme(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("README.md");
    std::fs::write(&path, text).expect("write README");
    (dir, path)
}

/// Runs `pocketlint toc --no-config FLAGS PATH`: exit code and stdout.
fn toc(flags: &[&str], path: &Path) -> (i32, String) {
    let output = pocketlint()
        .args(["toc", "--no-config"])
        .args(flags)
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let code = output.status.code().expect("exit code");
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Settings running only the TOC rules.
fn toc_rules() -> Settings {
    let names: Vec<String> = RULES
        .iter()
        .filter(|r| r.category == Category::Toc)
        .map(|r| r.name.to_owned())
        .collect();
    let mut settings = Settings::default();
    settings.restrict(&names, &[]);
    settings
}

#[test]
fn prints_the_toc_in_the_file_style() {
    let (_dir, path) = readme(README);
    let (code, out) = toc(&[], &path);
    assert_eq!((code, out.as_str()), (0, TOC));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        README,
        "printing writes nothing"
    );
}

#[test]
fn write_applies_the_toc_fixes() {
    let (_dir, path) = readme(README);
    let (code, out) = toc(&["--write"], &path);
    assert_eq!((code, out), (0, format!("wrote {}\n", path.display())));
    // The dangling entry goes, the missing one comes before the entry after it.
    let expected = README.replace(" * [Usage](#usage)\n * [Old](#old)\n", TOC);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
    let (code, out) = toc(&["--check"], &path);
    assert_eq!(
        (code, out),
        (0, format!("{}: up to date\n", path.display()))
    );
}

#[test]
fn a_correct_toc_is_left_byte_for_byte_whatever_its_shape() {
    for (name, text) in HEALTHY {
        let findings = pocketlint::check(text, &toc_rules());
        assert!(
            findings.is_empty(),
            "{name}: the TOC rules find {findings:?}"
        );
        let (_dir, path) = readme(text);
        let up_to_date = format!("{}: up to date\n", path.display());
        assert_eq!(toc(&["--write"], &path), (0, up_to_date.clone()), "{name}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            *text,
            "{name}"
        );
        assert_eq!(toc(&["--check"], &path), (0, up_to_date), "{name}");
        assert_eq!(toc(&["--diff"], &path), (0, String::new()), "{name}");
    }
}

/// Each shape with one section added: `--write` inserts one line, in the TOC's own
/// indentation, marker and numbering, and changes nothing else.
#[test]
fn a_missing_entry_is_added_in_the_toc_style() {
    let cases = [
        (
            "tab-indented",
            "### HTTP\n\n- [b](https://b.example)\n",
            "### Logging\n\n- [c](https://c.example)\n",
            "\t- [HTTP](#http)\n",
            "\t- [Logging](#logging)\n",
        ),
        (
            "bold-group-labels",
            "## Web Frameworks\n\n- [c](https://c.example)\n",
            "## Web APIs\n\n- [e](https://e.example)\n",
            "- [Web Frameworks](#web-frameworks)\n",
            "- [Web APIs](#web-apis)\n",
        ),
        (
            "non-link-parents",
            "## 智能系统\n\n* [b](https://b.example)\n",
            "## 编译原理\n\n* [e](https://e.example)\n",
            "  * [智能系统](#智能系统)\n",
            "  * [编译原理](#编译原理)\n",
        ),
        (
            "ordered",
            "### Flags\n\nFlag it.\n",
            "## Config\n\nSet it.\n",
            "   1. [Flags](#flags)\n",
            "3. [Config](#config)\n",
        ),
        (
            "doctoc",
            "### Flags\n\nFlag it.\n",
            "### Output\n\nPrint it.\n",
            "  - [Flags](#flags)\n",
            "  - [Output](#output)\n",
        ),
    ];
    for (name, section, added, entry, inserted) in cases {
        let healthy = HEALTHY.iter().find(|(n, _)| *n == name).expect("shape").1;
        let stale = healthy.replacen(section, &format!("{section}\n{added}"), 1);
        assert_ne!(stale, healthy, "{name}: the section was added");
        let (_dir, path) = readme(&stale);
        let (code, diff) = toc(&["--check"], &path);
        assert_eq!(code, 1, "{name}: --check fails on a stale TOC");
        assert!(diff.contains(&format!("+{inserted}")), "{name}: {diff}");
        assert_eq!(toc(&["--diff"], &path), (1, diff), "{name}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            stale,
            "{name}"
        );
        toc(&["--write"], &path);
        let expected = stale.replacen(entry, &format!("{entry}{inserted}"), 1);
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            expected,
            "{name}"
        );
    }
}

#[test]
fn an_empty_marker_is_filled() {
    for (start, end) in [
        ("<!-- toc -->", "<!-- tocstop -->"),
        (
            "<!-- START doctoc generated TOC please keep comment here to allow auto update -->\n<!-- DON'T EDIT THIS SECTION, INSTEAD RE-RUN doctoc TO UPDATE -->",
            "<!-- END doctoc generated TOC please keep comment here to allow auto update -->",
        ),
    ] {
        let body = "## Install\n\nRun it.\n\n## Usage\n\n### Flags\n\n## 常见问题\n";
        let text = format!("# Tool\n\n{start}\n{end}\n\n{body}");
        let (_dir, path) = readme(&text);
        assert_eq!(toc(&["--write"], &path).0, 0);
        let list = "- [Install](#install)\n- [Usage](#usage)\n  - [Flags](#flags)\n- [常见问题](#常见问题)\n";
        let expected = format!("# Tool\n\n{start}\n\n{list}\n{end}\n\n{body}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
        assert_eq!(toc(&["--check"], &path).0, 0, "the filled TOC is correct");
    }
}

#[test]
fn a_filled_marker_follows_the_documents_percent_encoded_fragments() {
    let text = "# 工具\n\n<!-- toc -->\n<!-- tocstop -->\n\n## 安装\n\n见 [用法](#%E7%94%A8%E6%B3%95)。\n\n## 用法\n";
    let (_dir, path) = readme(text);
    toc(&["--write"], &path);
    let written = std::fs::read_to_string(&path).expect("read");
    assert!(
        written.contains("- [安装](#%E5%AE%89%E8%A3%85)\n- [用法](#%E7%94%A8%E6%B3%95)\n"),
        "{written}"
    );
}

#[test]
fn without_a_toc_or_marker_nothing_is_written() {
    let text = "# Tool\n\n## Install\n\n## Usage\n";
    let (_dir, path) = readme(text);
    let output = pocketlint()
        .args(["toc", "--no-config", "--write"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no table of contents found"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

/// Every corpus list whose TOC `check` finds correct is left byte for byte.
#[test]
fn corpus_tocs_found_correct_are_not_rewritten() {
    let Some(corpus) = common::shared_dir("corpus") else {
        return;
    };
    let mut files: Vec<PathBuf> = ["lists", "lists2", "pocket"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(corpus.join(dir)).into_iter().flatten())
        .filter_map(Result::ok)
        .map(|e| e.path())
        .chain([corpus.join("pocket-v3.3.md")])
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let settings = toc_rules();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read corpus file");
        let doc = pocketlint::document::Document::parse(&text);
        let has_toc = pocketlint::toc::analyse(&doc, &settings.toc, None)
            .toc
            .is_some();
        if !has_toc || !pocketlint::check(&text, &settings).is_empty() {
            continue;
        }
        let (_dir, path) = readme(&text);
        let (code, _) = toc(&["--write"], &path);
        assert_eq!(code, 0, "{}", file.display());
        let after = std::fs::read_to_string(&path).expect("read");
        assert!(
            after == text,
            "{}: toc --write changed a correct TOC",
            file.display()
        );
        checked += 1;
    }
    println!("{checked} corpus lists with a correct TOC left byte for byte");
    assert!(
        checked >= 10,
        "only {checked} corpus lists have a correct TOC"
    );
}

#[test]
fn debug_shows_the_region_taken_and_what_each_entry_resolves_to() {
    let (_dir, path) = readme(README);
    let (code, out) = toc(&["--debug"], &path);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(
            "table of contents: lines 4-7, titled \"Contents\" (line 3), links, 2 entries, covering levels 2"
        ),
        "{out}"
    );
    assert_eq!(
        lines
            .get(1..)
            .map(|l| l.iter().map(|l| l.trim()).collect::<Vec<_>>()),
        Some(vec![
            "5 [Usage](#usage) -> line 10 \"Usage\" (#usage) by anchor",
            "6 [Old](#old) -> no section",
        ]),
        "{out}"
    );
    let (_dir, path) = readme("# Tool\n\nNo contents here.\n\n## Usage\n");
    assert_eq!(
        toc(&["--debug"], &path),
        (0, "no table of contents found\n".to_owned())
    );
}

/// Every tuning list whose INDEX note describes a TOC has one found, and most of its
/// entries resolve (to a section, an HTML anchor, or a broken anchor's likely section).
#[test]
fn every_lists2_toc_is_recognised() {
    let Some(lists2) = common::shared_dir("corpus/lists2") else {
        return;
    };
    let index = std::fs::read_to_string(lists2.join("INDEX.tsv")).expect("read INDEX.tsv");
    let settings = toc_rules();
    let mut checked = 0;
    for row in index.lines().skip(1) {
        let columns: Vec<&str> = row.split('\t').collect();
        let (Some(file), Some(note)) = (columns.first(), columns.last()) else {
            continue;
        };
        if !note.contains("TOC") {
            continue;
        }
        let text = std::fs::read_to_string(lists2.join(file)).expect("read list");
        let doc = pocketlint::document::Document::parse(&text);
        let analysis = pocketlint::toc::analyse(&doc, &settings.toc, None);
        let toc = analysis
            .toc
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no TOC found"));
        let resolved = toc
            .entries
            .iter()
            .filter(|e| e.target != pocketlint::toc::Target::Dangling)
            .count();
        assert!(
            resolved * 10 >= toc.entries.len() * 9,
            "{file}: only {resolved} of {} entries resolve",
            toc.entries.len()
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} lists2 TOCs checked");
}

#[test]
fn debug_shows_each_sections_own_toc() {
    let (_dir, path) = readme(
        "# Tools\n\n## Contents\n\n- [Editors](#editors)\n- [Linters](#linters)\n\n## Editors\n\n- [Terminal](#terminal)\n- [Graphical](#graphical)\n\n### Terminal\n\n### Graphical\n\n## Linters\n",
    );
    let (code, out) = toc(&["--debug"], &path);
    assert_eq!(code, 0);
    let titles: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        titles,
        [
            "table of contents: lines 4-7, titled \"Contents\" (line 3), links, 2 entries, covering levels 2",
            "table of contents of \"Editors\": lines 10-12, links, 2 entries, covering levels 3",
        ],
        "{out}"
    );
}
