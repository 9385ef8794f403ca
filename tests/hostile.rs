//! Hostile input: huge files, huge lines, deep nesting, non-Markdown, symlink loops,
//! read-only files, concurrent fixes. Nothing may panic, hang or tear a file.

use std::path::PathBuf;

use assert_cmd::Command;

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pocketlint-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn check(path: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("pocketlint")
        .expect("binary")
        .args(["check", "--no-config", "--format", "concise"])
        .arg(path)
        .output()
        .expect("runs")
}

/// Exit 0 or 1 (linted, with or without findings), never 2 or a crash.
fn assert_linted(output: &std::process::Output, what: &str) {
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{what}: exit {code:?}, stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn big_inputs_and_deep_nesting_are_linted() {
    let dir = temp_dir("big");
    // Fifty megabytes of a healthy list, every entry its own project.
    let mut big = String::from("# Big\n\n## Part\n\n");
    for i in 0.. {
        if big.len() > 50 * 1024 * 1024 {
            break;
        }
        big.push_str(&format!("### Entry {i} 中文\n\n- [Project {i}](https://github.com/owner/p{i}) - 第{i}个项目。\n\n"));
    }
    let cases = [
        ("fifty-megabytes.md", big),
        ("one-long-line.md", "word ".repeat(200_000)),
        ("deep-quotes.md", format!("{}deep\n", "> ".repeat(50_000))),
        (
            "deep-lists.md",
            (0..3_000)
                .map(|i| format!("{}- item\n", "  ".repeat(i)))
                .collect(),
        ),
        (
            "brackets.md",
            format!("{}x{}", "[".repeat(100_000), "](".repeat(50_000)),
        ),
        (
            "not-markdown.md",
            "{\"json\": [1, 2, 3], \"key\": \"value\"}\n<xml attr='1'>\n\t\u{1}\u{7f}\n"
                .repeat(1000),
        ),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        assert_linted(&check(&path), name);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang_the_walk() {
    let dir = temp_dir("loop");
    std::fs::write(dir.join("README.md"), "# Fine\n").expect("write");
    std::os::unix::fs::symlink(&dir, dir.join("loop")).expect("symlink");
    assert_linted(&check(&dir), "symlink loop");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_read_only_file_stops_fix_before_anything_is_written() {
    let dir = temp_dir("readonly");
    let defect = "# T\n\n## A ️\n";
    let other = dir.join("a-other.md");
    let locked = dir.join("b-locked.md");
    std::fs::write(&other, defect).expect("write");
    std::fs::write(&locked, defect).expect("write");
    let mut permissions = std::fs::metadata(&locked).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).expect("chmod");
    let output = Command::cargo_bin("pocketlint")
        .expect("binary")
        .args(["check", "--no-config", "--fix"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("b-locked.md: file is read-only"));
    assert_eq!(
        std::fs::read_to_string(&other).expect("read"),
        defect,
        "another file was written"
    );
    assert_eq!(std::fs::read_to_string(&locked).expect("read"), defect);
    let mut permissions = std::fs::metadata(&locked).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    let _ = std::fs::set_permissions(&locked, permissions);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn concurrent_fixes_never_tear_a_file() {
    let dir = temp_dir("concurrent");
    let path = dir.join("list.md");
    let original: String = (0..2_000)
        .map(|i| format!("## Entry {i} ️\n\nText.\n\n"))
        .collect();
    // Whichever run wins, the file is the whole fixed text, never a mix.
    let settings = pocketlint::config::Settings::default();
    let expected =
        pocketlint::linter::fix(&original, &settings, pocketlint::fix::Applicability::Safe).output;
    assert_ne!(expected, original);
    for _ in 0..3 {
        std::fs::write(&path, &original).expect("write");
        let bin = assert_cmd::cargo::cargo_bin("pocketlint");
        let runs: Vec<_> = (0..2)
            .map(|_| {
                std::process::Command::new(&bin)
                    .args(["check", "--no-config", "--fix", "--quiet"])
                    .arg(&path)
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for mut run in runs {
            let _ = run.wait();
        }
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Findings past column 65,535 (after an inline base64 image, after 33k CJK
/// characters) in every format: no panic, the human output shows a window of the line
/// and names the place the others do; `--fix` fixes the file and finishes.
#[test]
fn findings_on_wide_lines_render_in_every_format() {
    let dir = temp_dir("wide");
    let image = format!("![logo](data:image/png;base64,{})", "QUJD".repeat(20_000));
    let text = format!(
        "# Wide\n\n## Tools\n\n- [A](https://a.example) {image} see hhttps://b.example\n\
         - [中文](https://c.example) {} hhttps://d.example\n",
        "中".repeat(33_000)
    );
    let path = dir.join("wide.md");
    std::fs::write(&path, &text).expect("write");
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("pocketlint")
            .expect("binary")
            .args(["check", "--no-config", "--color", "never"])
            .args(args)
            .arg(&path)
            .output()
            .expect("runs");
        assert_linted(&output, &format!("{args:?}"));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    for format in ["json", "github", "sarif", "rdjson"] {
        assert!(
            run(&["--format", format]).contains("url-invalid"),
            "{format}"
        );
    }
    // Where concise says the two mistyped schemes are, human output says too.
    let places: Vec<String> = run(&["--format", "concise", "--select", "url-invalid"])
        .lines()
        .map(|l| l.split(": ").next().expect("a place").to_owned())
        .collect();
    assert_eq!(places.len(), 2, "{places:?}");
    assert!(places[1].ends_with(":6:33028"), "{places:?}");
    let human = run(&["--select", "url-invalid"]);
    for place in &places {
        assert!(human.contains(&format!("[{place}]")), "{place} in\n{human}");
    }
    assert!(
        human.lines().all(|l| l.chars().count() < 1000),
        "lines are cut"
    );
    assert!(human.contains('…'));
    // --fix writes the fixed file and reports what remains.
    run(&["--fix"]);
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert!(!fixed.contains("hhttps") && fixed.contains(&image));
    let _ = std::fs::remove_dir_all(&dir);
}
