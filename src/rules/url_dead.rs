//! `url-dead`: a web link or bare URL whose page is gone: 404 or 410, no such host, connection refused, or a GitHub repository the API does not know.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. Its declaration gives it a name, a severity and docs.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("url-dead", Online, Error, fix: Never,
    check: Document(check), summary: "a web link that no longer leads anywhere (with --online)");

fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
