//! `--changed-since REF`: which lines of a file were added or modified relative to a
//! git ref, from `git diff --unified=0 REF -- FILE` (one small process per file; the
//! hunk headers are all we read, so no git library is needed).

use std::ops::Range;
use std::path::Path;
use std::process::Command;

use miette::{Report, miette};

/// The lines of one file that a change added or modified.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangedLines {
    /// The file is new to git: every line is new.
    All,
    /// 1-based line ranges (end exclusive) on the new side of the diff.
    Ranges(Vec<Range<usize>>),
}

impl ChangedLines {
    /// Runs git in the file's folder to compare the file on disk with `git_ref`.
    pub fn since(git_ref: &str, path: &Path) -> Result<Self, Report> {
        if git_ref.starts_with('-') {
            return Err(miette!("--changed-since {git_ref:?}: not a git ref"));
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path.file_name().unwrap_or(path.as_os_str());
        let diff = git(
            dir,
            &[
                "diff".as_ref(),
                "--no-color".as_ref(),
                "--no-ext-diff".as_ref(),
                "--no-textconv".as_ref(),
                "--unified=0".as_ref(),
                git_ref.as_ref(),
                "--".as_ref(),
                name,
            ],
        )
        .map_err(|err| miette!("--changed-since {git_ref}: {}: {err}", path.display()))?;
        if diff.is_empty() && !tracked(dir, name) {
            return Ok(ChangedLines::All);
        }
        Ok(ChangedLines::Ranges(new_side_ranges(&diff)))
    }

    /// Whether 1-based `line` was added or modified.
    pub fn contains(&self, line: usize) -> bool {
        match self {
            ChangedLines::All => true,
            ChangedLines::Ranges(ranges) => ranges.iter().any(|r| r.contains(&line)),
        }
    }
}

fn tracked(dir: &Path, name: &std::ffi::OsStr) -> bool {
    git(
        dir,
        &[
            "ls-files".as_ref(),
            "--error-unmatch".as_ref(),
            "--".as_ref(),
            name,
        ],
    )
    .is_ok()
}

/// Git's standard output, or its complaint.
fn git(dir: &Path, args: &[&std::ffi::OsStr]) -> Result<String, String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The new-side line ranges of every hunk: `@@ -a,b +c,d @@` covers lines `c..c+d`
/// (`d` defaults to 1; 0 is a pure deletion, which adds no line).
fn new_side_ranges(diff: &str) -> Vec<Range<usize>> {
    diff.lines()
        .filter_map(|line| line.strip_prefix("@@ -"))
        .filter_map(|header| {
            let new = header.split_once(" +")?.1.split(' ').next()?;
            let (start, count) = match new.split_once(',') {
                Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
                None => (new.parse().ok()?, 1),
            };
            (count > 0).then_some(start..start + count)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_new_side_ranges() {
        let diff = "diff --git a/R.md b/R.md\n--- a/R.md\n+++ b/R.md\n\
                    @@ -3 +3 @@ ## Tools\n-old\n+new\n\
                    @@ -10,0 +11,2 @@\n+a\n+b\n\
                    @@ -20,4 +21,0 @@\n-gone\n";
        assert_eq!(new_side_ranges(diff), vec![3..4, 11..13]);
    }
}
