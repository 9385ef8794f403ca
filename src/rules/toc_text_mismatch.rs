//! `toc-text-mismatch`: a TOC entry whose text is not its section's title: a link
//! whose text differs from the heading its anchor resolves to, a table name that
//! matches its section only fuzzily, or one that fits several sections.
//!
//! Differences of case, spacing, punctuation, brackets and emoji are not findings, nor
//! are short forms (`百川` for `百川 Baichuan-7B`, `EVA` for `EVA: 大规模…`).

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::fix::Fix;
use crate::text::name_key;
use crate::toc::names::tokens;
use crate::toc::{Entry, How, Target, analyse, edit, section_name};

use super::{Category, Fixable, Rule, RuleMeta};

pub struct TocTextMismatch;

static META: RuleMeta = RuleMeta {
    name: "toc-text-mismatch",
    category: Category::Toc,
    severity: Severity::Warning,
    fixable: Fixable::Unsafe,
    summary: "a TOC entry's text differs from its section's heading",
};

impl Rule for TocTextMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let Some(toc) = &analyse(doc, settings).toc else {
            return;
        };
        for entry in &toc.entries {
            let name = entry.text.trim();
            match &entry.target {
                Target::Heading(h, how @ (How::Anchor | How::Fuzzy)) => {
                    let heading = &doc.headings[*h];
                    let title = section_name(doc, *h);
                    let title = title.as_str();
                    if *how == How::Anchor && same_name(name, title) {
                        continue;
                    }
                    let message = match how {
                        How::Fuzzy => {
                            format!("name \"{name}\" only resembles its section \"{title}\"")
                        }
                        _ => format!("entry \"{name}\" differs from its section \"{title}\""),
                    };
                    out.push(
                        Diagnostic::new(META.name, entry.span.clone(), message)
                            .with_label(heading.span.clone(), "the section")
                            .with_help(format!("did you mean \"{title}\"? use the heading's text"))
                            .with_fix(
                                edit::retext_entry(doc, entry, unrepeated(doc, entry, title))
                                    .map(|e| Fix::unsafe_edits(vec![e])),
                            ),
                    );
                }
                Target::Ambiguous(candidates) => {
                    let names: Vec<String> = candidates
                        .iter()
                        .map(|&h| format!("\"{}\"", doc.headings[h].text.trim()))
                        .collect();
                    let mut diagnostic = Diagnostic::new(
                        META.name,
                        entry.span.clone(),
                        format!(
                            "name \"{name}\" fits several sections: {}",
                            names.join(", ")
                        ),
                    )
                    .with_help("write the section's full title to say which one");
                    for &h in candidates {
                        diagnostic = diagnostic
                            .with_label(doc.headings[h].span.clone(), "could be this section");
                    }
                    out.push(diagnostic);
                }
                _ => {}
            }
        }
    }
}

/// `title` without the emoji or symbols it starts with when the entry already has them
/// before its link (`* 📖[Topics](#topics)` stays `📖[New topics]`, not `📖[📖New topics]`).
fn unrepeated<'t>(doc: &Document, entry: &Entry, title: &'t str) -> &'t str {
    let name = title.trim_start_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
    let symbols = &title[..title.len() - name.len()];
    let before = &doc.source[..entry.span.start];
    if !symbols.is_empty() && before.ends_with(symbols) {
        name.trim_start()
    } else {
        title
    }
}

/// Equal but for case, spacing, punctuation and emoji, or a short form of the other.
fn same_name(entry: &str, heading: &str) -> bool {
    let (a, b) = (tokens(entry), tokens(heading));
    let runs = |hay: &[String], needle: &[String]| {
        !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
    };
    name_key(entry) == name_key(heading) || runs(&b, &a) || runs(&a, &b)
}
