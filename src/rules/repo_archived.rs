//! `repo-archived`: a link into a GitHub repository its owner archived.
//!
//! An online rule: its findings come from the checks of `check --online`
//! ([`crate::online::findings`]), never from the text alone, so its offline check
//! finds nothing. Its declaration gives it a name, a severity and docs.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("repo-archived", Online, Warning, fix: Never,
    check: Document(check), summary: "a linked GitHub repository is archived (with --online)");

fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
