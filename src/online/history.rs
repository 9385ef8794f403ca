//! What earlier runs found, so that CI does not flake: per URL the last outcome, when
//! it was checked, and the times of the consecutive failed checks that led to it.
//!
//! A dead link becomes an error only when its failures are persistent: at least
//! [`Policy::failures`] of them, on at least [`Policy::days`] different days. Before
//! that it is a warning that says since when it fails. A result younger than
//! [`Policy::max_age`] is reused instead of checked again.
//!
//! The file is JSON, written whole to a temporary file beside it and renamed over it,
//! so a reader never sees half of it. Two runs at once each merge what the other saved
//! before writing (the later check of a URL wins); a file that does not parse is
//! reported and rebuilt.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Outcome;

/// Seconds in a day; dates are whole days since the Unix epoch, UTC.
pub const DAY: u64 = 86_400;

/// The time now, in seconds since the Unix epoch; injected so tests can move it.
pub trait Clock {
    fn now(&self) -> u64;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

/// When a failure becomes an error and how long a result is reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Consecutive failed checks before a dead link is an error.
    pub failures: usize,
    /// Different days those failures must fall on.
    pub days: usize,
    /// Seconds a result is reused without checking again.
    pub max_age: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            failures: 3,
            days: 2,
            max_age: DAY,
        }
    }
}

/// One URL's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was last checked.
    pub checked: u64,
    pub outcome: Outcome,
    /// When each consecutive failed check ran, oldest first; empty once it answers.
    #[serde(default)]
    pub failures: Vec<u64>,
}

/// How long a link has been failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failing {
    /// The day of the first failure of the run of failures.
    pub since: u64,
    pub checks: usize,
    /// Whether the policy calls it dead for good.
    pub persistent: bool,
}

impl Policy {
    /// How `entry` has been failing, or `None` when its last check did not fail.
    pub fn failing(&self, entry: &Entry) -> Option<Failing> {
        let first = *entry.failures.first()?;
        let mut days: Vec<u64> = entry.failures.iter().map(|t| t / DAY).collect();
        days.dedup();
        Some(Failing {
            since: first / DAY,
            checks: entry.failures.len(),
            persistent: entry.failures.len() >= self.failures && days.len() >= self.days,
        })
    }
}

/// The cache file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    urls: BTreeMap<String, Entry>,
}

const VERSION: u32 = 1;

/// The history of every URL, as loaded from the cache file and updated by this run.
#[derive(Debug)]
pub struct History {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
    /// Keys this run checked: what it saves over another run's entries.
    checked: Vec<String>,
}

impl History {
    /// Reads the cache at `path` (missing: empty). A file that cannot be read as a
    /// cache gives an empty history and a message saying it will be rebuilt.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let (entries, problem) = match read(path) {
            Ok(entries) => (entries, None),
            Err(problem) => (
                BTreeMap::new(),
                Some(format!(
                    "{}: {problem}; the link cache is rebuilt",
                    path.display()
                )),
            ),
        };
        let history = Self {
            path: path.to_owned(),
            entries,
            checked: Vec::new(),
        };
        (history, problem)
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The stored entry of `key` when it is recent enough to reuse.
    pub fn fresh(&self, key: &str, now: u64, policy: &Policy) -> Option<&Entry> {
        self.get(key)
            .filter(|e| now.saturating_sub(e.checked) < policy.max_age)
    }

    /// Records a new check of `key`: a failure extends the run of failures, anything
    /// else but an unreachable host ends it (a timeout says nothing either way).
    pub fn record(&mut self, key: &str, outcome: Outcome, now: u64) {
        let mut failures = self
            .entries
            .remove(key)
            .map(|e| e.failures)
            .unwrap_or_default();
        if outcome.is_failure() {
            failures.push(now);
        } else if !matches!(outcome, Outcome::Unreachable { .. }) {
            failures.clear();
        }
        self.entries.insert(
            key.to_owned(),
            Entry {
                checked: now,
                outcome,
                failures,
            },
        );
        self.checked.push(key.to_owned());
    }

    /// Writes the cache: what is on disk now (another run may have saved since this
    /// one loaded), with the entries this run checked on top when they are newer.
    pub fn save(&self) -> io::Result<()> {
        let mut merged = read(&self.path).unwrap_or_default();
        for key in &self.checked {
            let ours = &self.entries[key];
            if merged
                .get(key)
                .is_none_or(|theirs| theirs.checked <= ours.checked)
            {
                merged.insert(key.clone(), ours.clone());
            }
        }
        let file = CacheFile {
            version: VERSION,
            urls: merged,
        };
        let text = serde_json::to_string_pretty(&file).map_err(io::Error::other)?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(format!(".{}.tmp", std::process::id()));
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &self.path)
    }
}

/// The entries of the cache at `path`; none when there is no file yet.
fn read(path: &Path) -> Result<BTreeMap<String, Entry>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(err) => return Err(format!("cannot read the link cache: {err}")),
    };
    let file: CacheFile =
        serde_json::from_str(&text).map_err(|err| format!("the link cache is corrupt ({err})"))?;
    if file.version != VERSION {
        return Err(format!(
            "the link cache has version {}, this pocketlint writes {VERSION}",
            file.version
        ));
    }
    Ok(file.urls)
}
