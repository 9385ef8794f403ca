//! Puts the git commit a binary was built from into `pocketlint --version`, as
//! `POCKETLINT_VERSION` ("0.1.0 (1a2b3c4d5)", or "0.1.0" when the commit is unknown).
//!
//! The commit comes from `.cargo_vcs_info.json` in a crate unpacked from crates.io
//! (`cargo package` writes it; there is no `.git` there), else from `git` when the
//! manifest is the top of a git checkout. Neither is required: a build from a plain
//! source tree prints the version alone.

use std::path::Path;
use std::process::Command;

/// How many hex digits of the commit to print, as rustc and cargo do.
const SHORT_COMMIT: usize = 9;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let manifest_dir = Path::new(&manifest_dir);
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    println!("cargo:rerun-if-changed=build.rs");

    let commit = packaged_commit(manifest_dir).or_else(|| git_commit(manifest_dir));
    let full = match commit {
        Some(commit) => format!("{version} ({})", &commit[..SHORT_COMMIT.min(commit.len())]),
        None => version,
    };
    println!("cargo:rustc-env=POCKETLINT_VERSION={full}");
}

/// The `"sha1"` that `cargo package` records in `.cargo_vcs_info.json`.
fn packaged_commit(manifest_dir: &Path) -> Option<String> {
    let info = manifest_dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&info).ok()?;
    println!("cargo:rerun-if-changed={}", info.display());
    let after_key = &text[text.find("\"sha1\"")? + "\"sha1\"".len()..];
    let value = after_key.trim_start().strip_prefix(':')?.trim_start();
    let hash = value.strip_prefix('"')?.split('"').next()?;
    is_commit(hash).then(|| hash.to_owned())
}

/// `HEAD` of the git checkout whose top is `manifest_dir` (not of a repository that
/// merely contains it, such as a home directory kept in git), and a rebuild whenever
/// `HEAD` moves: a commit, a checkout or a fetch that packs the refs.
fn git_commit(manifest_dir: &Path) -> Option<String> {
    let top = git(manifest_dir, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest_dir.canonicalize().ok()? {
        return None;
    }
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(manifest_dir, &["symbolic-ref", "--quiet", "HEAD"]));
    for name in &watched {
        if let Some(path) = git(manifest_dir, &["rev-parse", "--git-path", name]) {
            let path = manifest_dir.join(path);
            // Cargo reruns a build script on every build while a watched path is missing.
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    git(manifest_dir, &["rev-parse", "HEAD"]).filter(|hash| is_commit(hash))
}

/// The trimmed standard output of a successful `git` command run in `dir`.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8(output.stdout).ok()?.trim().to_owned())
}

fn is_commit(hash: &str) -> bool {
    hash.len() >= SHORT_COMMIT && hash.bytes().all(|b| b.is_ascii_hexdigit())
}
