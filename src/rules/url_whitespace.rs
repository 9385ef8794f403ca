//! `url-whitespace`: whitespace or a line break inside a link destination.
//!
//! `<https://example.com >` is not an autolink (spaces are not allowed), so GitHub shows
//! the angle brackets; `[x](<https://example.com >)` links a URL ending in a space; a
//! destination broken across two lines is not a link at all.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Edit, Fix};

use super::broken_links::{self, Broken};
use super::urls::{self, Origin};
use super::{Category, Fixable, Rule, RuleMeta};

pub struct UrlWhitespace;

static META: RuleMeta = RuleMeta {
    name: "url-whitespace",
    category: Category::Links,
    severity: Severity::Warning,
    fixable: Fixable::Safe,
    summary: "whitespace or a line break inside a link destination",
};

impl Rule for UrlWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, _settings: &Settings, out: &mut Vec<Diagnostic>) {
        for broken in broken_links::broken_links(doc) {
            let written = doc.slice(&broken.span);
            let message = match broken.kind {
                Broken::SpacedAutolink => format!("space inside \"{written}\", so it is not a link"),
                Broken::LineBreakInDestination => "line break inside a link destination".to_owned(),
                _ => continue,
            };
            out.push(
                Diagnostic::new(META.name, broken.span.clone(), message)
                    .with_help("remove the whitespace")
                    .with_fix(broken.edits.clone().map(Fix::safe)),
            );
        }
        for site in urls::sites(doc) {
            if site.origin == Origin::Bare {
                continue;
            }
            let url = site.url;
            let lead = url.len() - url.trim_start().len();
            let trail = url.len() - url.trim_end().len();
            if lead + trail == 0 || url.trim().is_empty() {
                continue;
            }
            let start = site.span.start;
            let end = site.span.end;
            let edits: Vec<Edit> = [start..start + lead, end - trail..end]
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(Edit::delete)
                .collect();
            out.push(
                Diagnostic::new(
                    META.name,
                    site.span.clone(),
                    format!("whitespace around the link destination \"{}\"", url.trim()),
                )
                .with_help("remove the whitespace")
                .with_fix(site.exact.then(|| Fix::safe(edits))),
            );
        }
    }
}
