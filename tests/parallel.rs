//! Trees linted across threads: output is byte for byte what one thread prints, in
//! input order, and a bad file still stops `--fix` from writing anything.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// A list with a safe-fixable finding (a leftover U+FE0F), an unsafe one and a
/// duplicate; `n` varies the text so every file's findings differ.
fn list(n: usize) -> String {
    let mut text = format!("# List {n}\n\n## 1 Models\n\n### Alpha{n} \u{fe0f}\n");
    for i in 0..n % 7 + 1 {
        text.push_str(&format!(
            "- [Tool {i}](https://a.example/{n}/{i}) - A tool.\n"
        ));
    }
    text.push_str("- [Tool 0](https://a.example/dup) - Again.\n- [Tool 0](https://a.example/dup) - Again.\n\n## Gamma\n\nText.\n");
    text
}

/// A tree of `files` lists in nested folders, some of them clean.
fn tree(files: usize) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..files {
        let folder = dir.path().join(format!("part-{}", n % 5));
        std::fs::create_dir_all(&folder).expect("folder");
        let text = if n % 4 == 3 {
            "# Clean\n\n## Tools\n\n- [Tool](https://example.com) - A tool.\n".to_owned()
        } else {
            list(n)
        };
        std::fs::write(folder.join(format!("list-{n}.md")), text).expect("write");
    }
    dir
}

/// stdout, stderr and the exit code of `pocketlint ARGS` on `threads` threads.
fn run(threads: usize, args: &[&str], dir: &Path) -> (String, String, Option<i32>) {
    let output = Command::cargo_bin("pocketlint")
        .expect("binary")
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
        output.status.code(),
    )
}

/// Every file's bytes under `dir`, by path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = ignore::Walk::new(dir)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read");
            (e.path().display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn output_is_the_same_on_any_number_of_threads() {
    let dir = tree(120);
    for args in [
        &["check", "."][..],
        &["check", "--format", "concise", "."],
        &["check", "--format", "json", "."],
        &["check", "--format", "sarif", "."],
        &["check", "--format", "rdjson", "."],
        &["check", "--format", "github", "."],
        &["check", "--summary", "/dev/stdout", "."],
        &["check", "--diff", "--unsafe-fixes", "."],
        &["fmt", "--diff", "."],
        &["fmt", "--check", "."],
    ] {
        let one = run(1, args, dir.path());
        assert!(!one.0.is_empty(), "{args:?} printed nothing");
        for _ in 0..3 {
            assert_eq!(run(4, args, dir.path()), one, "{args:?}");
        }
    }
}

#[test]
fn files_are_reported_in_sorted_order() {
    let dir = tree(40);
    let (out, _, code) = run(4, &["check", "--format", "concise", "."], dir.path());
    assert_eq!(code, Some(1));
    let mut paths: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    paths.dedup();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 30, "every list with findings, once");
}

#[test]
fn fix_on_many_threads_writes_what_one_thread_writes() {
    let (one, many) = (tree(60), tree(60));
    let args = [
        "check",
        "--fix",
        "--unsafe-fixes",
        "--format",
        "concise",
        ".",
    ];
    let a = run(1, &args, one.path());
    let b = run(4, &args, many.path());
    assert_eq!(a, b);
    let strip = |dir: &TempDir| {
        snapshot(dir.path())
            .into_iter()
            .map(|(p, bytes)| (p.replacen(&dir.path().display().to_string(), "", 1), bytes))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&one), strip(&many));
    assert_ne!(strip(&one), strip(&tree(60)), "the fixes changed files");
}

#[test]
fn a_bad_file_is_named_and_stops_every_write() {
    let dir = tree(60);
    let bad = dir.path().join("part-2/list-bad.md");
    std::fs::write(&bad, b"# List\n\n\xff\xfe not UTF-8\n").expect("write");
    let before = snapshot(dir.path());

    let (out, err, code) = run(4, &["check", "--format", "concise", "."], dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("list-bad.md: not valid UTF-8 at byte 8 (line 3)"),
        "{err}"
    );
    assert!(
        out.contains("list-0.md"),
        "the other files are still linted"
    );

    for args in [
        &["check", "--fix", "."][..],
        &["check", "--fix", "--unsafe-fixes", "."],
        &["check", "--diff", "."],
        &["fmt", "."],
    ] {
        let (out, err, code) = run(4, args, dir.path());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("list-bad.md: not valid UTF-8"),
            "{args:?}: {err}"
        );
        assert!(err.contains("no file was changed"), "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert!(snapshot(dir.path()) == before, "{args:?} wrote a file");
    }
}

/// A list of more than 1 MB has its rules run side by side, each thread taking the next
/// rule as it becomes free: the findings must still come back as one thread gives them.
#[test]
fn a_large_file_is_checked_alike_on_any_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1 << 20 {
        text.push_str(&list(n));
        n += 1;
    }
    std::fs::write(dir.path().join("big.md"), text).expect("write");
    let args = ["check", "--format", "json", "big.md"];
    let one = run(1, &args, dir.path());
    for rule in ["dup-link", "invisible-char", "dup-section"] {
        assert!(one.0.contains(rule), "no {rule} finding");
    }
    assert_eq!(run(2, &args, dir.path()), one);
    assert_eq!(run(4, &args, dir.path()), one);
}
