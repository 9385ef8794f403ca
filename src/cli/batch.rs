//! Many files across cores. A run first resolves its files and their settings; each
//! file is then read, processed and dropped on one of rayon's workers (one a core, or
//! `RAYON_NUM_THREADS`), so a run holds no more sources than it has threads. Results
//! come back in input order, so what is printed never depends on scheduling.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use miette::{Report, miette};
use rayon::prelude::*;

use super::config_cache::{ConfigCache, Resolved};
use super::input::{SourceFile, collect, ensure_writable};

/// A file to process, with the settings that govern it.
pub struct Target {
    /// Where the file is, or with `stdin` the name it is reported under.
    pub path: PathBuf,
    pub config: Arc<Resolved>,
    /// The bytes read from standard input (`check -`), which stand for `path`.
    pub stdin: Option<Arc<[u8]>>,
}

impl Target {
    /// The file's text, from standard input or from disk.
    pub fn read(&self) -> Result<SourceFile, Report> {
        match &self.stdin {
            Some(bytes) => SourceFile::decode(bytes.to_vec(), &self.path.display()),
            None => SourceFile::read(&self.path),
        }
    }
}

/// The files `paths` name that their configs do not exclude, in the sorted order
/// [`collect`] finds them.
pub fn targets(paths: &[PathBuf], configs: &mut ConfigCache) -> Result<Vec<Target>, Report> {
    Ok(configs
        .resolve_all(collect(paths)?)?
        .into_iter()
        .map(|(path, config)| Target {
            path,
            config,
            stdin: None,
        })
        .collect())
}

/// Standard input as the one target, reported as `name` (`-` when unnamed) and
/// governed by the config found from `name`, as a file of that name would be: editors
/// pipe a buffer not yet saved. The config's excludes do not apply to what is piped.
pub fn stdin_target(name: &Path, configs: &mut ConfigCache) -> Result<Target, Report> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|err| miette!("cannot read standard input: {err}"))?;
    Ok(Target {
        path: name.to_path_buf(),
        config: configs.for_file(name)?,
        stdin: Some(bytes.into()),
    })
}

/// The errors of every file that cannot be processed (with `writing`, also of every
/// file that could not be written), in input order. A run that writes calls this
/// before writing anything, so bad input never leaves it half applied; it keeps no
/// source, and the files are read again when they are processed.
pub fn validate(targets: &[Target], writing: bool) -> Vec<Report> {
    let mut errors = Vec::new();
    each(
        targets,
        |target, _| {
            if writing && target.stdin.is_none() {
                ensure_writable(&target.path)?;
            }
            Ok(())
        },
        |result| errors.extend(result.err()),
    );
    errors
}

/// `work` on each target with its file, read on the worker that runs it; `emit` gets
/// the results (or why a file could not be read) on the calling thread in input
/// order, each as soon as those before it are done. Files are started in input order
/// (`par_bridge`), so few results wait for an earlier one.
///
/// One target is processed on the calling thread: no thread is started for it, and
/// rayon's pool only if the file is large enough to share out. Handing the file to a
/// worker and its result back cost a tiny file 3 ms of its 7 ms on a busy machine,
/// each hand-off waiting for the scheduler.
pub fn each<T, F>(targets: &[Target], work: F, mut emit: impl FnMut(Result<T, Report>))
where
    T: Send,
    F: Fn(&Target, SourceFile) -> Result<T, Report> + Sync,
{
    if let [target] = targets {
        emit(target.read().and_then(|file| work(target, file)));
        return;
    }
    let (sender, results) = mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            targets.iter().enumerate().par_bridge().for_each_with(
                sender,
                |sender, (index, target)| {
                    let result = target.read().and_then(|file| work(target, file));
                    // The receiver outlives every sender.
                    let _ = sender.send((index, result));
                },
            );
        });
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, result) in results {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                emit(result);
                next += 1;
            }
        }
    });
}
