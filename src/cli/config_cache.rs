//! Which settings govern which file: `--config`, `--no-config`, or the nearest
//! `.pocketlint.yaml` above each file (loaded once per folder).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::overrides::{Override, OverrideBuilder};
use miette::{Report, miette};

use crate::config::{ConfigFile, Settings, discover};
use crate::rules;

/// Settings from one config file, with its exclude globs.
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    /// `online: true`: check links online as if `--online` were given.
    pub online: bool,
    exclude: Option<Override>,
}

impl Resolved {
    fn new(
        config: &ConfigFile,
        root: &Path,
        select: &[String],
        ignore: &[String],
    ) -> Result<Self, Report> {
        let mut settings = config.settings();
        settings.restrict(select, ignore);
        let exclude = if config.exclude.is_empty() {
            None
        } else {
            let mut builder = OverrideBuilder::new(root);
            for glob in &config.exclude {
                builder
                    .add(glob)
                    .map_err(|err| miette!("exclude glob {glob:?}: {err}"))?;
            }
            Some(
                builder
                    .build()
                    .map_err(|err| miette!("exclude globs: {err}"))?,
            )
        };
        Ok(Self {
            settings,
            online: config.online,
            exclude,
        })
    }

    /// Whether the config excludes `path` from linting.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|o| o.matched(path, false).is_whitelist())
    }
}

pub enum Source {
    Fixed(Arc<Resolved>),
    Discover(HashMap<PathBuf, Arc<Resolved>>),
}

pub struct ConfigCache {
    source: Source,
    select: Vec<String>,
    ignore: Vec<String>,
}

impl ConfigCache {
    pub fn new(
        config: Option<&Path>,
        no_config: bool,
        select: &[String],
        ignore: &[String],
    ) -> Result<Self, Report> {
        let source = match (config, no_config) {
            (Some(path), _) => {
                let root = path
                    .parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                Source::Fixed(Arc::new(Resolved::new(
                    &ConfigFile::load(path, &rules::SCHEMA)?,
                    &absolute(&root),
                    select,
                    ignore,
                )?))
            }
            (None, true) => Source::Fixed(Arc::new(Resolved::new(
                &ConfigFile::default(),
                Path::new("."),
                select,
                ignore,
            )?)),
            (None, false) => Source::Discover(HashMap::new()),
        };
        Ok(Self {
            source,
            select: select.to_vec(),
            ignore: ignore.to_vec(),
        })
    }

    /// Each of `files` that its config does not exclude, with its settings.
    pub fn resolve_all(
        &mut self,
        files: Vec<PathBuf>,
    ) -> Result<Vec<(PathBuf, Arc<Resolved>)>, Report> {
        let mut resolved = Vec::with_capacity(files.len());
        for path in files {
            let settings = self.for_file(&path)?;
            if !settings.excludes(&absolute(&path)) {
                resolved.push((path, settings));
            }
        }
        Ok(resolved)
    }

    /// The settings for `file`.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Resolved>, Report> {
        let dir = absolute(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        match &mut self.source {
            Source::Fixed(resolved) => Ok(resolved.clone()),
            Source::Discover(cache) => {
                if let Some(resolved) = cache.get(&dir) {
                    return Ok(resolved.clone());
                }
                let resolved = Arc::new(match discover(&dir) {
                    Some(path) => {
                        let root = path.parent().unwrap_or(&dir).to_path_buf();
                        Resolved::new(
                            &ConfigFile::load(&path, &rules::SCHEMA)?,
                            &root,
                            &self.select,
                            &self.ignore,
                        )?
                    }
                    None => {
                        Resolved::new(&ConfigFile::default(), &dir, &self.select, &self.ignore)?
                    }
                });
                cache.insert(dir, resolved.clone());
                Ok(resolved)
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
