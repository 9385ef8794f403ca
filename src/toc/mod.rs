//! The document's table of contents, found once and matched against its sections.
//!
//! A TOC is found by a generator's markers (`<!-- toc -->`, doctoc, MarkdownTOC, …), else by a heading
//! or short paragraph titled like one (Contents, Table of Contents, 目录, 一览 …), else
//! as the first list whose items mostly link to sections below it. Two styles exist:
//! link lists (`- [Name](#anchor)`, nested), and tables of plain names grouped under
//! emphasised group titles (the Pocket list). Link entries resolve by anchor, names by
//! [`names::match_names`]. A section may also open with a TOC of its own, a list of
//! links to its sub-sections: each such section TOC is checked against its own
//! section only. Every TOC rule reads the one [`Analysis`] of a document.
//!
//! What a TOC is lives in `model.rs`; where it is, in `detect.rs`, which reads the
//! entries of each style with `link_entries.rs` and `table_entries.rs`; which sections
//! it should list, in `coverage.rs`.

pub mod anchors;
mod coverage;
mod describe;
mod detect;
pub mod edit;
mod fragment;
mod link_entries;
mod model;
pub mod names;
mod suggest;
mod table_entries;

use crate::document::Document;
use crate::settings::TocConfig;

pub use describe::describe;
pub use model::{Entry, EntryKind, Group, MatchKind, Style, Target, Toc, section_name};

use anchors::Anchors;

/// The anchors of a document, its TOC if it has one, and its sections' own TOCs.
#[derive(Debug)]
pub struct Analysis {
    pub anchors: Anchors,
    pub toc: Option<Toc>,
    /// The TOCs opening single sections ([`Toc::scope`]), in document order.
    pub sections: Vec<Toc>,
}

impl Analysis {
    /// The document's TOC, then the sections' own ones.
    pub fn tocs(&self) -> impl Iterator<Item = &Toc> {
        self.toc.iter().chain(&self.sections)
    }
}

/// The anchors of `doc` (whose GitHub repository is `repository`, when configured) and
/// its table of contents, found with `config`. Rules read it once per check through
/// [`crate::rules::Context`].
pub fn analyse(doc: &Document, config: &TocConfig, repository: Option<&str>) -> Analysis {
    let anchors = Anchors::new(doc, repository);
    if !config.enabled {
        return Analysis {
            anchors,
            toc: None,
            sections: Vec::new(),
        };
    }
    let toc = Toc::detect(doc, &anchors, config);
    let sections = detect::section_tocs(doc, &anchors, config, toc.as_ref());
    Analysis {
        anchors,
        toc,
        sections,
    }
}
