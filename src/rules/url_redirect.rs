//! `url-redirect`: a web link every hop of whose redirect chain is permanent (301, 308) and ends at another page.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. Its declaration gives it a name, a severity and docs.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("url-redirect", Online, Warning, fix: Sometimes(Unsafe),
    check: Document(check), summary: "a web link that redirects permanently elsewhere (with --online)");

fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
