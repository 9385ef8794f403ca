//! `repo-archived`: a link into a GitHub repository its owner archived.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. The registry entry gives it a name, a severity, options and docs.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

use super::{Category, Fixable, Rule, RuleMeta};

pub struct RepoArchived;

static META: RuleMeta = RuleMeta {
    name: "repo-archived",
    category: Category::Online,
    severity: Severity::Warning,
    fixable: Fixable::No,
    summary: "a linked GitHub repository is archived (with --online)",
};

impl Rule for RepoArchived {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Document, _: &Settings, _: &mut Vec<Diagnostic>) {}
}
