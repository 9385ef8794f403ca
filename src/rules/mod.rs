//! The rules, and the one registry that lists them.
//!
//! A rule is one [`Rule`] constant, `RULE`, declared with [`declare_rule!`] in
//! `rules/<name>.rs`: its name, category, default severity, the fixes it offers, its
//! options, its check and a one-line summary. The check reads the document through a
//! [`Context`] and pushes [`Diagnostic`]s (each optionally carrying a fix). The engine fills in each finding's rule name and
//! severity. The prose (what, why, examples, fix safety, options) is `rules/<name>.md`,
//! embedded in the binary for `pocketlint explain`; a rule module's own `//!` says only
//! how the check works.
//!
//! Adding a rule: `scripts/new-rule.sh NAME CATEGORY` writes the rule, its doc and its
//! fixtures and lists it in [`RULES`].

use std::sync::LazyLock;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
pub use crate::settings::parse_options;
use crate::settings::{ParseOptions, Profile, RuleSchema};
use crate::toc::Toc;

/// Declares a rule's `RULE` beside its check function:
///
/// ```ignore
/// declare_rule!("toc-order", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
///     summary: "TOC entries are not in the order of their sections");
/// ```
///
/// Category and severity are variants of [`Category`] and [`Severity`]; `fix` is a
/// [`FixAvailability`] (`Never`, `Sometimes(Safe)`, `Always(SafeOrUnsafe)`…); `profile:
/// Awesome,` makes the rule opt-in, on with that [`Profile`]; `options: Type,` before
/// `check` names the rule's options type, read from the config file; `check` is
/// `Document(f)` or `Toc(f)` ([`Check`]). The documentation is `rules/<name>.md`.
macro_rules! declare_rule {
    (
        $name:literal, $category:ident, $severity:ident, fix: $fix:ident $(($safety:ident))?,
        $(profile: $profile:ident,)? $(options: $options:ty,)? check: $kind:ident($check:path),
        summary: $summary:literal
    ) => {
        pub const RULE: $crate::rules::Rule = $crate::rules::Rule {
            name: $name,
            category: $crate::rules::Category::$category,
            severity: $crate::diagnostic::Severity::$severity,
            fix: $crate::rules::FixAvailability::$fix$(($crate::rules::FixSafety::$safety))?,
            summary: $summary,
            profile: declare_rule!(@profile $($profile)?),
            options: declare_rule!(@options $($options)?),
            check: $crate::rules::Check::$kind($check),
            doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $name, ".md")),
        };
    };
    (@profile) => {
        None
    };
    (@profile $profile:ident) => {
        Some($crate::settings::Profile::$profile)
    };
    (@options) => {
        $crate::rules::NO_OPTIONS
    };
    (@options $options:ty) => {
        $crate::settings::parse_options::<$options>
    };
}

pub mod awesome_lint;
pub mod canonical;
mod context;
pub mod convention;
pub(crate) mod fingerprint;
pub(crate) mod malformed_links;
pub(crate) mod urls;
pub(crate) mod web_links;

pub mod awesome_badge;
pub mod awesome_heading;
pub mod awesome_license;
pub mod awesome_list_item;
pub mod awesome_no_ci_badge;
pub mod awesome_toc;
pub mod blank_lines;
pub mod definition_unused;
pub mod dup_link;
pub mod dup_paragraph;
pub mod dup_section;
pub mod emphasis_as_heading;
pub mod empty_section;
pub mod entry_format;
pub mod entry_link_relative;
pub mod entry_name_repeat;
pub mod entry_order;
pub mod heading_blank_lines;
pub mod heading_h1;
pub mod heading_level;
pub mod invisible_char;
pub mod link_broken_anchor;
pub mod link_empty;
pub mod link_syntax;
pub mod link_undefined_reference;
pub mod list_marker;
pub mod list_marker_space;
pub mod name_spelling;
pub mod punctuation_balance;
pub mod punctuation_repeat;
pub mod repo_archived;
pub mod repo_moved;
pub mod toc_broken_anchor;
pub mod toc_dangling_entry;
pub mod toc_duplicate_entry;
pub mod toc_missing_entry;
pub mod toc_order;
pub mod toc_text_mismatch;
pub mod trailing_space;
pub mod url_bare;
pub mod url_cjk_boundary;
pub mod url_dead;
pub mod url_insecure;
pub mod url_invalid;
pub mod url_redirect;
pub mod url_tracking;
pub mod url_unverified;
pub mod url_whitespace;

pub use context::Context;

/// Every rule, in the order `pocketlint rules` lists them.
pub static RULES: &[Rule] = &[
    heading_level::RULE,
    toc_broken_anchor::RULE,
    link_broken_anchor::RULE,
    toc_dangling_entry::RULE,
    toc_missing_entry::RULE,
    toc_text_mismatch::RULE,
    toc_order::RULE,
    toc_duplicate_entry::RULE,
    dup_section::RULE,
    dup_paragraph::RULE,
    dup_link::RULE,
    url_invalid::RULE,
    url_cjk_boundary::RULE,
    link_syntax::RULE,
    link_empty::RULE,
    url_whitespace::RULE,
    url_tracking::RULE,
    url_insecure::RULE,
    url_bare::RULE,
    entry_format::RULE,
    entry_order::RULE,
    empty_section::RULE,
    heading_blank_lines::RULE,
    blank_lines::RULE,
    trailing_space::RULE,
    list_marker::RULE,
    invisible_char::RULE,
    url_dead::RULE,
    url_redirect::RULE,
    url_unverified::RULE,
    repo_archived::RULE,
    repo_moved::RULE,
    link_undefined_reference::RULE,
    definition_unused::RULE,
    entry_link_relative::RULE,
    emphasis_as_heading::RULE,
    name_spelling::RULE,
    punctuation_balance::RULE,
    punctuation_repeat::RULE,
    heading_h1::RULE,
    list_marker_space::RULE,
    entry_name_repeat::RULE,
    awesome_badge::RULE,
    awesome_heading::RULE,
    awesome_list_item::RULE,
    awesome_license::RULE,
    awesome_no_ci_badge::RULE,
    awesome_toc::RULE,
];

/// What the config file may say about each rule, for [`crate::config::ConfigFile::parse`].
pub static SCHEMA: LazyLock<Vec<RuleSchema>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|rule| RuleSchema {
            name: rule.name,
            parse_options: rule.options,
        })
        .collect()
});

/// One rule: everything about it but its prose, declared once next to its code.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub category: Category,
    /// The severity it runs at unless configured.
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The profile that turns the rule on; `None` for the rules that run by default.
    pub profile: Option<Profile>,
    /// Reads its options from the config file ([`NO_OPTIONS`] when it has none).
    pub options: ParseOptions,
    pub check: Check,
    /// `rules/<name>.md`: What it does / Why is this bad / Example / Use instead / Fix
    /// safety / Options.
    pub doc: &'static str,
}

/// How a rule reads the document.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Any document.
    Document(fn(&Context, &mut Vec<Diagnostic>)),
    /// Each table of contents, the document's and its sections' own; the rule does not
    /// run on a document without one.
    Toc(fn(&Context, &Toc, &mut Vec<Diagnostic>)),
}

impl Rule {
    /// Pushes what the rule finds in `ctx` onto `out`.
    pub fn run(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        match self.check {
            Check::Document(check) => check(ctx, out),
            Check::Toc(check) => {
                for toc in ctx.toc_analysis().tocs() {
                    check(ctx, toc, out);
                }
            }
        }
    }
}

/// What a rule is about; groups rules in `pocketlint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Structure,
    Toc,
    Duplicates,
    Links,
    /// Layout only (whitespace, markers, invisible characters): `pocketlint fmt` applies
    /// the safe fixes of these rules on their own, so their fixes must never change
    /// what the page says.
    Format,
    /// Found by `check --online`, not in the text.
    Online,
    /// The words of the prose: spelling and punctuation.
    Text,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Toc => "toc",
            Category::Duplicates => "duplicates",
            Category::Links => "links",
            Category::Format => "format",
            Category::Online => "online",
            Category::Text => "text",
        }
    }
}

/// Whether a rule's findings carry fixes (ruff's `FixAvailability`), and how sure those
/// fixes are. Each fix has its own [`Applicability`]; a test holds the fixes every rule
/// emits on its fixtures to this declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    Never,
    /// Some findings carry a fix, others only a help line.
    Sometimes(FixSafety),
    /// Every finding carries a fix.
    Always(FixSafety),
}

/// The applicabilities of the fixes a rule emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixSafety {
    Safe,
    Unsafe,
    /// Safe when the rule is certain, unsafe otherwise.
    SafeOrUnsafe,
}

impl FixSafety {
    /// The applicabilities a fix of this safety may have.
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            FixSafety::Safe => applicability == Applicability::Safe,
            FixSafety::Unsafe => applicability == Applicability::Unsafe,
            FixSafety::SafeOrUnsafe => applicability != Applicability::DisplayOnly,
        }
    }
}

impl std::fmt::Display for FixAvailability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (how_often, safety) = match self {
            FixAvailability::Never => return f.write_str("never"),
            FixAvailability::Sometimes(safety) => ("sometimes", safety),
            FixAvailability::Always(safety) => ("always", safety),
        };
        let safety = match safety {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
            FixSafety::SafeOrUnsafe => "safe or unsafe",
        };
        write!(f, "{how_often}, {safety}")
    }
}

/// The options of a rule that has none: its entry may only set `severity`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// [`Rule::options`] of a rule that has none.
pub const NO_OPTIONS: ParseOptions = parse_options::<NoOptions>;

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}
