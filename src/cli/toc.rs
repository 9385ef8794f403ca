//! `pocketlint toc`: print the table of contents a file should have, or bring the one
//! it has up to date.
//!
//! Updating is not a second generator: it runs the TOC rules and applies their fixes,
//! safe and unsafe, through the fix engine, so it makes the entry-level edits `check
//! --fix --unsafe-fixes` would make to the TOC and nothing more. A TOC `check` finds
//! correct is left byte for byte. The one thing it adds is a TOC between empty markers
//! (`<!-- toc -->`/`<!-- tocstop -->`, doctoc's), which no rule reports.

use std::path::{Path, PathBuf};

use miette::{Report, miette};

use super::ExitStatus;
use super::args::TocArgs;
use super::check::{fixed, unified_diff};
use super::config_cache::ConfigCache;
use super::input::{SourceFile, collect, write_atomic};
use crate::config::Settings;
use crate::document::Document;
use crate::fix::{Applicability, Fix, apply_fixes};
use crate::rules::{Category, RULES};
use crate::toc::{analyse, describe, edit};

pub fn run(args: &TocArgs) -> ExitStatus {
    match toc(args) {
        Ok(status) => status,
        Err(err) => {
            super::print_error(&err);
            ExitStatus::Error
        }
    }
}

fn toc(args: &TocArgs) -> Result<ExitStatus, Report> {
    let path: PathBuf = match &args.file {
        Some(file) => file.clone(),
        None => collect(&[])?.remove(0),
    };
    let toc_rules: Vec<String> = RULES
        .iter()
        .filter(|r| r.category == Category::Toc)
        .map(|r| r.name.to_owned())
        .collect();
    let mut configs = ConfigCache::new(args.config.as_deref(), args.no_config, &toc_rules, &[])?;
    let settings = &configs.for_file(&path)?.settings;
    let file = SourceFile::read(&path)?;
    let shown = path.display();
    if args.debug || !(args.write || args.check || args.diff) {
        let doc = Document::parse(&file.text);
        let analysis = analyse(&doc, &settings.toc, settings.repository.as_deref());
        let shown = if args.debug {
            describe(&doc, &analysis)
        } else {
            edit::render(&doc, analysis.toc.as_ref(), &settings.toc)
        };
        print!("{shown}");
        return Ok(ExitStatus::Clean);
    }
    let updated = updated(&path, &file, settings)?;
    if updated == file.text {
        if !args.diff {
            println!("{shown}: up to date");
        }
        return Ok(ExitStatus::Clean);
    }
    if args.write {
        write_atomic(&path, &file.render(&updated))?;
        println!("wrote {shown}");
        return Ok(ExitStatus::Clean);
    }
    print!("{}", unified_diff(&path, &file, &updated));
    Ok(ExitStatus::Findings)
}

/// The file's text with its TOC up to date: an empty marker filled, then every TOC
/// fix applied to a fixed point.
fn updated(path: &Path, file: &SourceFile, settings: &Settings) -> Result<String, Report> {
    let doc = Document::parse(&file.text);
    let text = if analyse(&doc, &settings.toc, settings.repository.as_deref())
        .toc
        .is_some()
    {
        file.text.clone()
    } else {
        let fill = edit::fill_marker(&doc, &settings.toc).ok_or_else(|| {
            miette!(
                "{}: no table of contents found, and no empty `<!-- toc -->` marker to fill",
                path.display()
            )
        })?;
        apply_fixes(&file.text, [&Fix::safe(vec![fill])]).0
    };
    let filled = SourceFile {
        text,
        bom: file.bom,
    };
    Ok(fixed(path, &filled, settings, Applicability::Unsafe)?.output)
}
