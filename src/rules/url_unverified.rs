//! `url-unverified`: a web link whose site answered the check with a bot wall or a rate limit.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. The registry entry gives it a name, a severity, options and docs.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

use super::{Category, Fixable, Rule, RuleMeta};

pub struct UrlUnverified;

static META: RuleMeta = RuleMeta {
    name: "url-unverified",
    category: Category::Online,
    severity: Severity::Info,
    fixable: Fixable::No,
    summary: "a web link the site would not let a program check (with --online)",
};

impl Rule for UrlUnverified {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _: &Document, _: &Settings, _: &mut Vec<Diagnostic>) {}
}
