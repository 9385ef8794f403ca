//! Which settings govern an open document: the nearest `.pocketlint.yaml` above its
//! file, found and loaded the way `check` does it ([`ConfigCache`]), or the defaults
//! for a document with no file. A config that does not load is kept as a
//! [`ConfigError`] so the server can show it on the config file instead of failing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::Report;

use crate::cli::config_cache::{ConfigCache, Resolved};
use crate::config::discover;

/// Why a config file could not be used: its message and, when the error points into
/// the file, the bytes it points at.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
}

impl ConfigError {
    fn new(path: PathBuf, report: &Report) -> Self {
        let span = report
            .labels()
            .and_then(|mut labels| labels.next())
            .map(|label| label.offset()..label.offset() + label.len());
        Self {
            path,
            message: report.to_string(),
            span,
        }
    }
}

/// What governs one document.
pub enum Governed {
    /// Lint with these settings.
    Lint(Arc<Resolved>),
    /// The config excludes the file: no findings, as `check` on its folder gives.
    Excluded,
    /// The config that governs the file is broken.
    Broken(Arc<ConfigError>),
}

/// Settings per folder, loaded once until a config file changes.
pub struct Configs {
    cache: ConfigCache,
    /// Broken configs by the folder of the documents they govern.
    broken: HashMap<PathBuf, Arc<ConfigError>>,
    defaults: Arc<Resolved>,
}

impl Configs {
    pub fn new() -> Self {
        let defaults = ConfigCache::new(None, true, &[], &[])
            .and_then(|mut cache| cache.for_file(Path::new(".")))
            .expect("the default config always loads");
        Self {
            cache: ConfigCache::new(None, false, &[], &[])
                .expect("discovering configs needs no file"),
            broken: HashMap::new(),
            defaults,
        }
    }

    /// Forgets every loaded config, after one changed on disk.
    pub fn reload(&mut self) {
        *self = Self::new();
    }

    /// What governs the document at `path` (`None`: a document with no file).
    pub fn governing(&mut self, path: Option<&Path>) -> Governed {
        let Some(path) = path else {
            return Governed::Lint(self.defaults.clone());
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(error) = self.broken.get(&dir) {
            return Governed::Broken(error.clone());
        }
        match self.cache.for_file(path) {
            Ok(resolved) if resolved.excludes(path) => Governed::Excluded,
            Ok(resolved) => Governed::Lint(resolved),
            Err(report) => {
                let config = discover(&dir).unwrap_or_else(|| dir.join(".pocketlint.yaml"));
                let error = Arc::new(ConfigError::new(config, &report));
                self.broken.insert(dir, error.clone());
                Governed::Broken(error)
            }
        }
    }

    /// Every broken config met since the last reload, each once.
    pub fn errors(&self) -> Vec<Arc<ConfigError>> {
        let mut errors: Vec<Arc<ConfigError>> = Vec::new();
        for error in self.broken.values() {
            if !errors.iter().any(|e| e.path == error.path) {
                errors.push(error.clone());
            }
        }
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors
    }
}
