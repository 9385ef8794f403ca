//! `url-redirect`: a web link every hop of whose redirect chain is permanent (301, 308) and ends at another page.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. The registry entry gives it a name, a severity, options and docs.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

use super::{Category, Fixable, Rule, RuleMeta};

pub struct UrlRedirect;

static META: RuleMeta = RuleMeta {
    name: "url-redirect",
    category: Category::Online,
    severity: Severity::Warning,
    fixable: Fixable::Unsafe,
    summary: "a web link that redirects permanently elsewhere (with --online)",
};

impl Rule for UrlRedirect {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Document, _: &Settings, _: &mut Vec<Diagnostic>) {}
}
