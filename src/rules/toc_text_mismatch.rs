//! `toc-text-mismatch`: a TOC entry whose text is not its section's title: a link
//! whose text differs from the heading its anchor resolves to, a table name that
//! matches its section only fuzzily, or one that fits several sections.
//!
//! Differences of case, spacing, punctuation, brackets and emoji are not findings, nor
//! are short forms (`百川` for `百川 Baichuan-7B`, `EVA` for `EVA: 大规模…`).

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::Fix;
use crate::toc::names::Names;
use crate::toc::{Entry, MatchKind, Target, Toc, edit, section_name};

use super::Context;

declare_rule!("toc-text-mismatch", Toc, Warning, fix: Sometimes(Unsafe), check: Toc(check),
    summary: "a TOC entry's text differs from its section's heading");

fn check(ctx: &Context, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for entry in &toc.entries {
        let name = entry.text.trim();
        match &entry.target {
            Target::Heading(h, kind @ (MatchKind::Anchor | MatchKind::Fuzzy)) => {
                let heading = &doc.headings[*h];
                let title = section_name(doc, *h);
                let title = title.as_str();
                if *kind == MatchKind::Anchor && names_agree(name, title) {
                    continue;
                }
                let message = match kind {
                    MatchKind::Fuzzy => {
                        format!("name \"{name}\" only resembles its section \"{title}\"")
                    }
                    _ => format!("entry \"{name}\" differs from its section \"{title}\""),
                };
                out.push(
                    Diagnostic::new(entry.span.clone(), message)
                        .with_label(heading.span.range(), "the section")
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
                    .map(|&h| format!("\"{}\"", doc.headings[h].text(doc).trim()))
                    .collect();
                let mut diagnostic = Diagnostic::new(
                    entry.span.clone(),
                    format!(
                        "name \"{name}\" fits several sections: {}",
                        names.join(", ")
                    ),
                )
                .with_help("write the section's full title to say which one");
                for &h in candidates {
                    diagnostic = diagnostic
                        .with_label(doc.headings[h].span.range(), "could be this section");
                }
                out.push(diagnostic);
            }
            _ => {}
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
/// Most entries repeat their heading's text: those are not folded (two folds per
/// entry were most of this rule on a 2,000-section list).
fn names_agree(entry: &str, heading: &str) -> bool {
    if entry == heading {
        return true;
    }
    let mut names = Names::default();
    let (a, b) = (names.push(entry), names.push(heading));
    let (a, b) = (names.get(a), names.get(b));
    a.key() == b.key() || b.contains_run(&a) || a.contains_run(&b)
}
