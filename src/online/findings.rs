//! The thin step from checked URLs to findings: each URL of a document looks up what
//! its canonical URL's check and history say, and becomes a finding of one of the
//! online rules: `url-dead`, `url-redirect`, `url-unverified`, `repo-archived`,
//! `repo-moved`.
//!
//! The rules are in the registry like any other (config, `--select`, `explain`); their
//! offline checks find nothing, and their severity is applied here.

use std::collections::HashMap;

use super::Outcome;
use super::calendar::date;
use super::github;
use super::history::Failing;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{Edit, Fix};
use crate::rules::canonical::{CanonicalUrl, canonicalize};
use crate::rules::urls::occurrences as sites;

/// What the run knows of one canonical URL.
#[derive(Debug, Clone)]
pub struct Checked {
    pub outcome: Outcome,
    /// Set when its last check failed.
    pub failing: Option<Failing>,
}

/// Results by canonical key ([`crate::canonical::CanonicalUrl::key`]).
pub type Results = HashMap<String, Checked>;

/// The web links of `doc` worth checking online: absolute `http`/`https` URLs, with
/// their canonical keys, in source order; not those to hosts that exist only on the
/// reader's machine or only in examples (`localhost`, `example.com`, `.test`), which a
/// check would always call dead.
pub fn web_urls(doc: &Document) -> Vec<(String, String)> {
    sites(doc)
        .into_iter()
        .filter_map(|site| {
            let url = site.url(doc).trim();
            let key = canonicalize(url)?.into_key();
            (!is_placeholder_host(url)).then(|| (key, url.to_owned()))
        })
        .collect()
}

/// Hosts no link check can reach: the local machine and the names RFC 2606 and 6761
/// reserve for examples and local networks.
fn is_placeholder_host(url: &str) -> bool {
    let Some(host) = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
    else {
        return true;
    };
    let host = host.trim_end_matches('.');
    let example = ["example.com", "example.org", "example.net"]
        .iter()
        .any(|name| host == *name || host.ends_with(&format!(".{name}")));
    let reserved = ["localhost", "test", "example", "invalid", "local"]
        .iter()
        .any(|tld| host == *tld || host.ends_with(&format!(".{tld}")));
    example || reserved || host == "0.0.0.0"
}

/// The findings of the online rules on `doc`, at the severity `settings` runs each
/// rule at; a dead link not yet persistent is at most a warning.
pub fn findings(doc: &Document, results: &Results, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for site in sites(doc) {
        let Some(key) = canonicalize(site.url(doc)).map(CanonicalUrl::into_key) else {
            continue;
        };
        let Some(checked) = results.get(&key) else {
            continue;
        };
        let url = site.url(doc).trim();
        let found = match &checked.outcome {
            Outcome::Dead { reason } => dead(site.span.range(), url, reason, checked.failing),
            // The same page by another spelling (https, a trailing slash, `www.`): the
            // link works as written.
            Outcome::Moved { to } if canonicalize(to).is_some_and(|c| c.key() == key) => None,
            Outcome::Moved { to } => {
                let to = keep_fragment(url, to);
                let fix = site
                    .exact
                    .then(|| Fix::unsafe_edits(vec![Edit::replace(site.span.range(), &to)]));
                Some(
                    diagnostic(
                        "url-redirect",
                        site.span.range(),
                        format!("{url} redirects permanently to {to}"),
                    )
                    .with_help("link the new address")
                    .with_fix(fix),
                )
            }
            Outcome::Blocked { reason } => {
                let mut diagnostic = diagnostic(
                    "url-unverified",
                    site.span.range(),
                    format!("{url} could not be checked: {reason}"),
                );
                diagnostic.severity = Severity::Info;
                Some(diagnostic)
            }
            Outcome::Repo {
                full_name,
                archived,
            } => {
                out.extend(repo(doc, &site, url, full_name, *archived));
                None
            }
            Outcome::Alive | Outcome::Unreachable { .. } => None,
        };
        out.extend(found);
    }
    out.retain_mut(|d| {
        let Some(severity) = settings.severity(d.rule, default_severity(d.rule), None) else {
            return false;
        };
        d.severity = if d.rule == "url-dead" && d.severity == Severity::Warning {
            severity.min(Severity::Warning)
        } else {
            severity
        };
        let line = doc.lines.line_of(d.span.start);
        !doc.suppressions.is_suppressed(d.rule, d.span.start, line)
    });
    out
}

/// `url-dead`: an error once the failures are persistent, a warning before.
fn dead(
    span: std::ops::Range<usize>,
    url: &str,
    reason: &str,
    failing: Option<Failing>,
) -> Option<Diagnostic> {
    let mut diagnostic = diagnostic("url-dead", span, format!("{url} is dead: {reason}"));
    diagnostic.severity = Severity::Error;
    if let Some(failing) = failing {
        let history = format!(
            "failing since {} ({} check{})",
            date(failing.since),
            failing.checks,
            if failing.checks == 1 { "" } else { "s" }
        );
        if failing.persistent {
            diagnostic.message = format!("{url} is dead: {reason}, {history}");
        } else {
            diagnostic.severity = Severity::Warning;
            diagnostic.message = format!("{url} may be dead: {reason}, {history}");
        }
    }
    Some(diagnostic)
}

/// `repo-archived` and `repo-moved` for a link into a GitHub repository.
fn repo(
    doc: &Document,
    site: &crate::rules::urls::UrlOccurrence,
    url: &str,
    full_name: &str,
    archived: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(linked) = github::repo_of(url) else {
        return out;
    };
    if archived {
        out.push(
            diagnostic(
                "repo-archived",
                site.span.range(),
                format!("repository {full_name} is archived"),
            )
            .with_help("its owner no longer maintains it; say so or list an alternative"),
        );
    }
    if !linked.full_name().eq_ignore_ascii_case(full_name) {
        let old = linked.full_name();
        let fix = site
            .exact
            .then(|| {
                let host_end = url.to_ascii_lowercase().find("github.com/")? + "github.com/".len();
                let at = url[host_end..].starts_with(&old).then_some(host_end)?;
                let written = site.url(doc);
                let start = site.span.start() + (written.len() - written.trim_start().len()) + at;
                Some(Fix::safe(vec![Edit::replace(
                    start..start + old.len(),
                    full_name,
                )]))
            })
            .flatten();
        out.push(
            diagnostic(
                "repo-moved",
                site.span.range(),
                format!("repository {old} is now {full_name}"),
            )
            .with_help(format!("link {full_name}"))
            .with_fix(fix),
        );
    }
    out
}

/// The redirect target with the link's fragment when the target has none, as a
/// browser keeps it.
fn keep_fragment(url: &str, to: &str) -> String {
    match url.split_once('#') {
        Some((_, fragment)) if !to.contains('#') => format!("{to}#{fragment}"),
        _ => to.to_owned(),
    }
}

/// A finding of the online rule `rule`: the engine names the others' findings, these
/// are named here.
fn diagnostic(rule: &'static str, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(span, message);
    diagnostic.rule = rule;
    diagnostic
}

/// The severity `rule` runs at unless configured.
fn default_severity(rule: &str) -> Severity {
    crate::rules::find(rule).map_or(Severity::Warning, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_and_local_hosts_are_not_checked() {
        let text = "- <https://example.com/x> <http://localhost:8080> <https://a.test/>\n\
                    - <https://api.example.org/v1> <https://printer.local/> <https://rust-lang.org/>\n";
        let urls: Vec<String> = web_urls(&Document::parse(text))
            .into_iter()
            .map(|(_, url)| url)
            .collect();
        assert_eq!(urls, ["https://rust-lang.org/"]);
    }

    #[test]
    fn a_redirect_to_the_same_page_is_not_reported() {
        let text = "- <http://rust-lang.org> and <http://old.rust-lang.org/x>\n";
        let doc = Document::parse(text);
        let moved = |to: &str| Checked {
            outcome: Outcome::Moved { to: to.to_owned() },
            failing: None,
        };
        let results = Results::from([
            (
                "rust-lang.org".to_owned(),
                moved("https://www.rust-lang.org/"),
            ),
            (
                "old.rust-lang.org/x".to_owned(),
                moved("https://rust-lang.org/x"),
            ),
        ]);
        let found = findings(&doc, &results, &Settings::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "http://old.rust-lang.org/x redirects permanently to https://rust-lang.org/x"
        );
    }
}
