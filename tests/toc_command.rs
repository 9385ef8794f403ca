//! `pocketlint toc`: prints the TOC a file should have, and `--write` replaces it.

use std::path::PathBuf;

const README: &str = "# Tool\n\n## Contents\n\n * [Usage](#usage)\n * [Old](#old)\n\n## Install\n\n## Usage\n\n### 选项 Options\n\n## License\n";

const TOC: &str = " * [Install](#install)\n * [Usage](#usage)\n";

fn readme(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pocketlint-toc-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("README.md");
    std::fs::write(&path, README).expect("write README");
    path
}

fn pocketlint() -> assert_cmd::Command {
    assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("pocketlint"))
}

#[test]
fn prints_the_toc_in_the_file_style() {
    let path = readme("print");
    let output = pocketlint()
        .args(["toc", "--no-config"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), TOC);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        README,
        "printing writes nothing"
    );
}

#[test]
fn write_replaces_only_the_toc() {
    let path = readme("write");
    let output = pocketlint()
        .args(["toc", "--no-config", "--write"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = README.replace(" * [Usage](#usage)\n * [Old](#old)\n", TOC);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);
}
