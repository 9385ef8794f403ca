//! `link-syntax`: text meant as a link that GitHub renders as text.
//!
//! `[text] (url)`, `(url)[text]`, `[text]（url）`, `[text]](url)`, `[text])(url)` and an
//! unclosed `[text](url` all show the brackets on the page and link nothing (or only the
//! bare URL). Found in the plain text of the document model, so real links and code are
//! never reported.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;

use super::broken_links::{self, Broken};
use super::{Category, Fixable, Rule, RuleMeta};

pub struct LinkSyntax;

static META: RuleMeta = RuleMeta {
    name: "link-syntax",
    category: Category::Links,
    severity: Severity::Error,
    fixable: Fixable::Sometimes,
    summary: "text meant as a link that is not one: a space, a missing or fullwidth parenthesis, reversed parts",
};

impl Rule for LinkSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, _settings: &Settings, out: &mut Vec<Diagnostic>) {
        for broken in broken_links::broken_links(doc) {
            let (message, help) = match broken.kind {
                Broken::SpaceBeforeParen => (
                    "space between the link text and its destination",
                    "remove the space",
                ),
                Broken::Unclosed => ("link destination is never closed", "add the closing \")\""),
                Broken::SpaceInDestination => (
                    "space inside a link destination",
                    "remove the space, or write it as %20",
                ),
                Broken::Reversed => ("link written as (url)[text]", "write it as [text](url)"),
                Broken::StrayCloser => (
                    "stray bracket between the link text and its destination",
                    "remove it",
                ),
                Broken::FullwidthParens => (
                    "link destination in fullwidth parentheses",
                    "use ASCII parentheses",
                ),
                // url-whitespace reports these.
                Broken::LineBreakInDestination | Broken::SpacedAutolink => continue,
            };
            let span = broken.span.clone();
            let what = doc.slice(&span);
            out.push(
                Diagnostic::new(META.name, span, format!("{message}: \"{what}\""))
                    .with_help(help)
                    .with_fix(broken.edits.clone().map(Fix::safe)),
            );
        }
    }
}
