//! `pocketlint toc`: print the table of contents a file should have, or write it in
//! place of the one it has (the edit the TOC fixes make, applied by the fix engine).

use std::path::{Path, PathBuf};

use miette::{Report, miette};

use super::ExitStatus;
use super::args::TocArgs;
use super::config_cache::ConfigCache;
use super::input::{SourceFile, collect, write_atomic};
use crate::document::Document;
use crate::fix::{Fix, apply_fixes};
use crate::toc::{analyse, edit};

pub fn run(args: &TocArgs) -> ExitStatus {
    match toc(args) {
        Ok(status) => status,
        Err(err) => {
            eprintln!("{err:?}");
            ExitStatus::Error
        }
    }
}

fn toc(args: &TocArgs) -> Result<ExitStatus, Report> {
    let path: PathBuf = match &args.file {
        Some(file) => file.clone(),
        None => collect(&[])?.remove(0),
    };
    let mut configs = ConfigCache::new(args.config.as_deref(), args.no_config, &[], &[])?;
    let settings = &configs.for_file(&path)?.settings;
    let file = SourceFile::read(&path)?;
    let doc = Document::parse(&file.text);
    let analysis = analyse(&doc, &settings.toc);
    let found = analysis.toc.as_ref();
    let text = edit::render(&doc, found, &settings.toc);
    if !args.write {
        print!("{text}");
        return Ok(ExitStatus::Clean);
    }
    let shown = path.display();
    let toc = found.ok_or_else(|| miette!("{shown}: no table of contents found to replace"))?;
    let replacement = edit::replace_region(&doc, toc, &text).ok_or_else(|| {
        miette!(
            "{shown}: the table of contents is made of tables; only link lists can be rewritten"
        )
    })?;
    let (output, _) = apply_fixes(&file.text, [&Fix::safe(vec![replacement])]);
    if output != file.text {
        write_atomic(Path::new(&path), &file.render(&output))?;
    }
    Ok(ExitStatus::Clean)
}
