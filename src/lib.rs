//! pocketlint: a linter and fixer for curated-list READMEs.
//!
//! [`check`] turns text into findings and [`linter::fix`] turns text into fixed text;
//! neither does I/O. The binary (`main.rs`) is a thin shell over [`cli`], which reads
//! files, loads config ([`config::ConfigFile::load`]) and prints through [`report`].
//!
//! Layers, lowest first; each imports only from those below it, and `tests/layers.rs`
//! fails on any import cycle between the modules: `text`, `sorted` and `document` (the parse),
//! `fix` and `diagnostic`, `settings`, `toc` and `rules` (with their [`rules::Context`]),
//! `linter` (the engine), `config` (the config file, read through the registry's
//! [`rules::SCHEMA`]), then `report` and `cli`.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
#[doc(hidden)]
pub mod fuzz;
pub mod linter;
pub mod online;
pub mod report;
pub mod rules;
pub mod settings;
pub mod sorted;
pub mod text;
pub mod toc;

pub use linter::{check, check_document};
