//! `url-dead`: a web link or bare URL whose page is gone: 404 or 410, no such host, connection refused, or a GitHub repository the API does not know.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. The registry entry gives it a name, a severity, options and docs.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

use super::{Category, Fixable, Rule, RuleMeta};

pub struct UrlDead;

static META: RuleMeta = RuleMeta {
    name: "url-dead",
    category: Category::Online,
    severity: Severity::Error,
    fixable: Fixable::No,
    summary: "a web link that no longer leads anywhere (with --online)",
};

impl Rule for UrlDead {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Document, _: &Settings, _: &mut Vec<Diagnostic>) {}
}
