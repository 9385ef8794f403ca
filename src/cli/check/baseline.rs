//! `--changed-since REF`: the findings a branch brings, not the ones it inherited.
//!
//! Keeping only the findings on changed lines misses what a change causes elsewhere: a
//! deleted section leaves its TOC entry dangling on a line nobody touched, an added
//! entry duplicates a twin far away, a renamed heading breaks an anchor in the TOC. So
//! the file is also linted as it was at `git merge-base REF HEAD` (the merge base, so
//! that a defect the base branch fixed after the branch began is not blamed on it),
//! and the findings already there are left out. Findings are matched by rule, message
//! (digits aside) and the text of the line they point at, never by line number (lines
//! move), and counted: a second identical finding is new.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use miette::{Report, miette};

use crate::cli::input::SourceFile;
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;

/// A file's findings at the merge base, counted by what they point at.
pub struct Baseline {
    counts: HashMap<Key, usize>,
}

/// What a finding is matched by across versions of a file.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key {
    rule: &'static str,
    message: String,
    line: String,
}

impl Key {
    fn of(diagnostic: &Diagnostic, text: &str, lines: &LineIndex) -> Self {
        let line = lines.line_range(text, lines.line_of(diagnostic.span.start.min(text.len())));
        Self {
            rule: diagnostic.rule,
            message: diagnostic
                .message
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect(),
            line: text[line].trim().to_owned(),
        }
    }
}

impl Baseline {
    /// The findings in `path` at the merge base of `git_ref` and HEAD; none when the
    /// file did not exist there (a new file: every finding is new) or was not UTF-8
    /// text then.
    pub fn at_merge_base(git_ref: &str, path: &Path, settings: &Settings) -> Result<Self, Report> {
        let text = text_at_merge_base(git_ref, path)?;
        Ok(Self::of(text.unwrap_or_default(), settings))
    }

    /// The findings in `text`.
    fn of(text: String, settings: &Settings) -> Self {
        let lines = LineIndex::new(&text);
        let mut counts = HashMap::new();
        for diagnostic in crate::check(&text, settings) {
            *counts
                .entry(Key::of(&diagnostic, &text, &lines))
                .or_default() += 1;
        }
        Self { counts }
    }

    /// Keeps the findings in `text` that the base did not have; returns how many it
    /// left out.
    pub fn keep_new(mut self, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let lines = LineIndex::new(text);
        let before = diagnostics.len();
        diagnostics.retain(|d| match self.counts.get_mut(&Key::of(d, text, &lines)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        });
        before - diagnostics.len()
    }
}

/// The text of `path` at the merge base of `git_ref` and HEAD; `None` when the file did
/// not exist there or was not UTF-8 text then.
pub fn text_at_merge_base(git_ref: &str, path: &Path) -> Result<Option<String>, Report> {
    let bytes = base_text(git_ref, path)
        .map_err(|err| miette!("--changed-since {git_ref}: {}: {err}", path.display()))?;
    Ok(bytes
        .and_then(|bytes| SourceFile::decode(bytes, &path.display()).ok())
        .map(|file| file.text))
}

/// The bytes of the file at the merge base, or `None` if it did not exist there.
fn base_text(git_ref: &str, path: &Path) -> Result<Option<Vec<u8>>, String> {
    if git_ref.starts_with('-') {
        return Err("not a git ref".to_owned());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("the file name is not UTF-8")?;
    let base = git(dir, &["merge-base", git_ref, "HEAD"])
        .map_err(|err| format!("no merge base with HEAD: {err}"))?;
    let base = String::from_utf8_lossy(&base).trim().to_owned();
    // `./` makes the path relative to `dir`, not to the top of the repository.
    let object = format!("{base}:./{name}");
    if git(dir, &["cat-file", "-e", &object]).is_err() {
        return Ok(None);
    }
    git(dir, &["cat-file", "blob", &object]).map(Some)
}

/// Git's standard output, or its complaint.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.trim().to_owned());
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, needle: &str, message: &str) -> Diagnostic {
        let at = text.find(needle).unwrap();
        dup_link(at..at + needle.len(), message)
    }

    fn dup_link(span: std::ops::Range<usize>, message: &str) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(span, message);
        diagnostic.rule = "dup-link";
        diagnostic
    }

    #[test]
    fn findings_match_by_line_text_not_number_and_are_counted() {
        let base_text = "a\n- [X](https://x.org)\n";
        let key = Key::of(
            &finding(base_text, "[X]", "\"X\" is listed 2 times"),
            base_text,
            &LineIndex::new(base_text),
        );
        let baseline = Baseline {
            counts: HashMap::from([(key, 1)]),
        };
        let text = "new line\na\n- [X](https://x.org)\n- [X](https://x.org)\n";
        let second = text.rfind("[X]").unwrap();
        let mut diagnostics = vec![
            finding(text, "[X]", "\"X\" is listed 3 times"),
            dup_link(second..second + 3, "\"X\" is listed 3 times"),
            finding(text, "a\n", "\"X\" is listed 3 times"),
        ];
        assert_eq!(baseline.keep_new(text, &mut diagnostics), 1);
        let starts: Vec<usize> = diagnostics.iter().map(|d| d.span.start).collect();
        assert_eq!(starts, [second, text.find("a\n").unwrap()]);
    }
}
