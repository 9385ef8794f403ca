//! The rules, and the one registry that lists them.
//!
//! A rule is a unit struct with static metadata and a pure `check` over the
//! [`Document`]; it pushes [`Diagnostic`]s, each optionally carrying a fix. Its
//! documentation lives in `rules/<name>.md`, embedded in the binary.

use serde::Deserialize;

use crate::config::{Level, RuleEntry, Settings};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// What a rule is about; groups rules in `pocketlint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Structure,
    Toc,
    Duplicates,
    Links,
    Format,
    /// Found by `check --online`, not in the text.
    Online,
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
        }
    }
}

/// Whether and how surely a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    No,
    Safe,
    Unsafe,
    /// Safe for some findings, unsafe for others.
    Sometimes,
}

impl Fixable {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::No => "no",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
            Fixable::Sometimes => "sometimes",
        }
    }
}

/// Static facts about a rule, kept in step with its `rules/<name>.md` by a test.
#[derive(Debug)]
pub struct RuleMeta {
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub fixable: Fixable,
    /// One line: what the rule finds.
    pub summary: &'static str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Reports what the rule finds in `doc`. Severity is set by the engine.
    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>);
}

/// Options of a rule that has none but its severity.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {
    pub severity: Option<Level>,
}

/// Declares every rule once: its module, its type, and its options type. Generates the
/// registry, the `rules:` section of the config file (unknown names are errors), and
/// the resolved per-rule options handed to `check`.
macro_rules! registry {
    ($($module:ident :: $rule:ident ($options:ty) => $doc:literal),* $(,)?) => {
        $(pub mod $module;)*

        /// Each rule's documentation, `rules/<name>.md`, by file name.
        pub static DOCS: &[(&str, &str)] = &[
            $(($doc, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $doc, ".md"))),)*
        ];

        /// Every rule, in the order `pocketlint rules` lists them.
        pub static RULES: &[&dyn Rule] = &[$(&$module::$rule),*];

        /// The `rules:` mapping of a config file.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct RulesConfig {
            $(#[serde(default)] pub $module: Option<RuleEntry<$options>>,)*
        }

        /// Each rule's options, defaults filled in.
        #[derive(Debug, Clone, Default)]
        pub struct RuleOptions {
            $(pub $module: $options,)*
        }

        impl RulesConfig {
            /// Severities set in this config, by rule name.
            pub fn levels(&self) -> Vec<(&'static str, Level)> {
                let mut levels = Vec::new();
                $(
                    let level = match &self.$module {
                        Some(RuleEntry::Level(level)) => Some(*level),
                        Some(RuleEntry::Options(options)) => options.severity,
                        None => None,
                    };
                    if let Some(level) = level {
                        levels.push(($module::$rule.meta().name, level));
                    }
                )*
                levels
            }

            /// The options this config sets, defaults for the rest.
            pub fn options(&self) -> RuleOptions {
                RuleOptions {
                    $($module: match &self.$module {
                        Some(RuleEntry::Options(options)) => options.clone(),
                        _ => Default::default(),
                    },)*
                }
            }
        }
    };
}

pub(crate) mod broken_links;
pub mod convention;
pub(crate) mod duplicates;
pub(crate) mod urls;
registry! {
    heading_level::HeadingLevel(NoOptions) => "heading-level",
    toc_broken_anchor::TocBrokenAnchor(NoOptions) => "toc-broken-anchor",
    link_broken_anchor::LinkBrokenAnchor(NoOptions) => "link-broken-anchor",
    toc_dangling_entry::TocDanglingEntry(NoOptions) => "toc-dangling-entry",
    toc_missing_entry::TocMissingEntry(NoOptions) => "toc-missing-entry",
    toc_text_mismatch::TocTextMismatch(NoOptions) => "toc-text-mismatch",
    toc_order::TocOrder(NoOptions) => "toc-order",
    toc_duplicate_entry::TocDuplicateEntry(NoOptions) => "toc-duplicate-entry",
    dup_section::DupSection(NoOptions) => "dup-section",
    dup_paragraph::DupParagraph(dup_paragraph::DupParagraphOptions) => "dup-paragraph",
    dup_link::DupLink(dup_link::DupLinkOptions) => "dup-link",
    url_invalid::UrlInvalid(NoOptions) => "url-invalid",
    url_cjk_boundary::UrlCjkBoundary(NoOptions) => "url-cjk-boundary",
    link_syntax::LinkSyntax(NoOptions) => "link-syntax",
    link_empty::LinkEmpty(NoOptions) => "link-empty",
    url_whitespace::UrlWhitespace(NoOptions) => "url-whitespace",
    url_tracking::UrlTracking(NoOptions) => "url-tracking",
    url_insecure::UrlInsecure(url_insecure::UrlInsecureOptions) => "url-insecure",
    url_bare::UrlBare(url_bare::UrlBareOptions) => "url-bare",
    entry_format::EntryFormat(NoOptions) => "entry-format",
    empty_section::EmptySection(NoOptions) => "empty-section",
    heading_blank_lines::HeadingBlankLines(heading_blank_lines::Options) => "heading-blank-lines",
    blank_lines::BlankLines(blank_lines::Options) => "blank-lines",
    trailing_space::TrailingSpace(NoOptions) => "trailing-space",
    list_marker::ListMarker(list_marker::Options) => "list-marker",
    invisible_char::InvisibleChar(NoOptions) => "invisible-char",
    url_dead::UrlDead(NoOptions) => "url-dead",
    url_redirect::UrlRedirect(NoOptions) => "url-redirect",
    url_unverified::UrlUnverified(NoOptions) => "url-unverified",
    repo_archived::RepoArchived(NoOptions) => "repo-archived",
    repo_moved::RepoMoved(NoOptions) => "repo-moved",
}

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name)
}

/// The documentation of the rule called `name`.
pub fn doc(name: &str) -> Option<&'static str> {
    DOCS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}
