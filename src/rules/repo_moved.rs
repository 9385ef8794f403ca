//! `repo-moved`: a link into a GitHub repository that was renamed or transferred.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. The registry entry gives it a name, a severity, options and docs.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

use super::{Category, Fixable, Rule, RuleMeta};

pub struct RepoMoved;

static META: RuleMeta = RuleMeta {
    name: "repo-moved",
    category: Category::Online,
    severity: Severity::Warning,
    fixable: Fixable::Safe,
    summary: "a linked GitHub repository was renamed or transferred (with --online)",
};

impl Rule for RepoMoved {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Document, _: &Settings, _: &mut Vec<Diagnostic>) {}
}
