//! What every rule reads: the document, the settings, and the analyses several rules
//! share, each computed once per check on first use (as ruff's `Checker` carries the
//! semantic model). The document model itself stays a plain parse: what rules derive
//! from it lives here. A context is shared by the threads that run the rules of a large
//! document ([`crate::linter::check_document`]): an analysis is computed by the first
//! rule that asks, the others wait for it.

use std::any::Any;
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::document::Document;
use crate::document::entries::Entries;
use crate::settings::Settings;
use crate::toc::Analysis;
use crate::toc::anchors::Anchors;

use super::dup_section::{DuplicateSection, duplicate_sections};
use super::malformed_links::{self, MalformedLink};
use super::urls::{self, UrlOccurrence};
use super::web_links::{WebLink, find_web_links};

/// One document being checked with one set of settings.
pub struct Context<'d> {
    pub doc: &'d Document<'d>,
    pub settings: &'d Settings,
    toc: OnceLock<Analysis>,
    entries: OnceLock<Entries>,
    web_links: OnceLock<Vec<WebLink>>,
    duplicate_sections: OnceLock<Vec<DuplicateSection>>,
    malformed_links: OnceLock<Vec<MalformedLink>>,
    urls: OnceLock<Vec<UrlOccurrence>>,
}

impl<'d> Context<'d> {
    pub fn new(doc: &'d Document<'d>, settings: &'d Settings) -> Self {
        Self {
            doc,
            settings,
            toc: OnceLock::new(),
            entries: OnceLock::new(),
            web_links: OnceLock::new(),
            duplicate_sections: OnceLock::new(),
            malformed_links: OnceLock::new(),
            urls: OnceLock::new(),
        }
    }

    /// The options of type `T` the rule running was configured with, or their defaults.
    pub fn options<T: Any + Clone + Default>(&self) -> Cow<'_, T> {
        self.settings.options::<T>()
    }

    /// The document's anchors and tables of contents ([`crate::toc::analyse`]).
    pub fn toc_analysis(&self) -> &Analysis {
        self.toc.get_or_init(|| {
            crate::toc::analyse(
                self.doc,
                &self.settings.toc,
                self.settings.repository.as_deref(),
            )
        })
    }

    /// Every anchor an in-document link may target.
    pub fn anchors(&self) -> &Anchors {
        &self.toc_analysis().anchors
    }

    /// The list items and table rows carrying a link, with their categories.
    pub fn entries(&self) -> &Entries {
        self.entries.get_or_init(|| Entries::find(self.doc))
    }

    /// Every web link with its canonical URL, in document order.
    pub fn web_links(&self) -> &[WebLink] {
        self.web_links.get_or_init(|| find_web_links(self.doc))
    }

    /// The sections describing the same item as an earlier one: dup-section reports
    /// them, and dup-link and dup-paragraph leave what they hold to it.
    pub fn duplicate_sections(&self) -> &[DuplicateSection] {
        self.duplicate_sections
            .get_or_init(|| duplicate_sections(self.doc, self.entries(), self.web_links()))
    }

    /// Whether [`Self::duplicate_sections`] is computed: a parallel check holds back the
    /// rules that read it until then ([`crate::linter::check_document`]).
    pub fn duplicates_ready(&self) -> bool {
        self.duplicate_sections.get().is_some()
    }

    /// Text meant as links that GitHub renders as text, sorted and disjoint.
    pub fn malformed_links(&self) -> &[MalformedLink] {
        self.malformed_links
            .get_or_init(|| malformed_links::find(self.doc))
    }

    /// Every URL the document holds, in source order.
    pub fn urls(&self) -> &[UrlOccurrence] {
        self.urls.get_or_init(|| urls::occurrences(self.doc))
    }
}
