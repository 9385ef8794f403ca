//! `url-unverified`: a web link whose site answered the check with a bot wall or a rate limit.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. Its declaration gives it a name, a severity and docs.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("url-unverified", Online, Info, fix: Never,
    check: Document(check), summary: "a web link the site would not let a program check (with --online)");

fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
