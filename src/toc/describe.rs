//! What the TOC detection took as the table of contents, for `pocketlint toc --debug`:
//! when a TOC rule is silent on a list, this says whether no TOC was found, or which
//! lines were taken and what each entry resolved to; then the same for each section's
//! own TOC.

use std::fmt::Write;

use crate::document::Document;

use super::{Analysis, EntryKind, MatchKind, Style, Target, Toc};

/// The regions taken as TOCs and their entries, one line each, with 1-based lines.
pub fn describe(doc: &Document, analysis: &Analysis) -> String {
    let mut out = match &analysis.toc {
        Some(toc) => describe_one(doc, toc),
        None => "no table of contents found\n".to_owned(),
    };
    for toc in &analysis.sections {
        out.push_str(&describe_one(doc, toc));
    }
    out
}

fn describe_one(doc: &Document, toc: &Toc) -> String {
    let line = |offset: usize| doc.position(offset).0;
    let last = toc.region.end.saturating_sub(1).max(toc.region.start);
    let mut out = format!(
        "{}: lines {}-{}",
        toc.name(doc).trim_start_matches("the "),
        line(toc.region.start),
        line(last)
    );
    if let Some(title) = toc.title {
        let block = &doc.blocks[title];
        let _ = write!(
            out,
            ", titled \"{}\" (line {})",
            block.text(doc).trim(),
            line(block.span.start())
        );
    }
    let style = match toc.style {
        Style::Links => "links",
        Style::Tables => "table of names",
    };
    let levels: Vec<String> = toc.levels.iter().map(u8::to_string).collect();
    let _ = writeln!(
        out,
        ", {style}, {} entries, covering levels {}",
        toc.entries.len(),
        levels.join(", ")
    );
    for entry in &toc.entries {
        let depth = match entry.kind {
            EntryKind::Link { depth, .. } => depth,
            EntryKind::Cell { .. } => 0,
        };
        let heading = |h: usize| {
            let heading = &doc.headings[h];
            format!(
                "line {} \"{}\" (#{})",
                line(heading.span.start()),
                heading.text(doc).trim(),
                heading.anchor(doc)
            )
        };
        let target = match &entry.target {
            Target::Heading(h, how) => {
                let how = match how {
                    MatchKind::Anchor => "anchor",
                    MatchKind::Exact => "same name",
                    MatchKind::Short => "short name",
                    MatchKind::Fuzzy => "similar name",
                };
                format!("{} by {how}", heading(*h))
            }
            Target::Elsewhere => "elsewhere (HTML anchor or top of page)".to_owned(),
            Target::Ambiguous(list) => {
                let list: Vec<String> = list.iter().map(|&h| heading(h)).collect();
                format!("ambiguous: {}", list.join(" or "))
            }
            Target::Broken(s) => format!("broken anchor, likely {}", heading(s.heading)),
            Target::Misdirected(h, meant) => {
                format!("{}, though its text names {}", heading(*h), heading(*meant))
            }
            Target::Dangling => "no section".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:>6} {}{} -> {target}",
            line(entry.span.start),
            "  ".repeat(depth),
            doc.slice(&entry.span).replace('\n', " ")
        );
    }
    out
}
