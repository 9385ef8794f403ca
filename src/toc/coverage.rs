//! Which sections a table of contents lists, and which it should: those after it at the
//! levels it covers, but for the ones authors keep out of a TOC (`<!-- omit in toc -->`,
//! License, Contributing, …) unless it lists them.

use crate::document::{BlockKind, Document};
use crate::settings::TocConfig;
use crate::text::name_key;

use super::model::{Style, Toc};
use super::names::push_key;

/// Section titles a TOC usually leaves out (compared as [`name_key`]s, by containment).
const USUALLY_LEFT_OUT: &[&str] = &[
    "contributing",
    "contribute",
    "contribution",
    "contributors",
    "license",
    "licence",
    "footnotes",
    "related",
    "acknowledg",
    "credits",
    "sponsors",
    "backers",
    "starhistory",
    "changelog",
    "codeofconduct",
    "citation",
    "贡献",
    "许可",
    "致谢",
    "协议",
    "赞助",
    "赞赏",
];

impl Toc {
    /// For each heading, whether some entry stands for it.
    pub fn listed(&self, doc: &Document) -> Vec<bool> {
        let mut listed = vec![false; doc.headings.len()];
        for entry in &self.entries {
            for h in entry.claims() {
                listed[h] = true;
            }
        }
        listed
    }

    /// The headings this TOC should list, in document order: those it lists before it
    /// (its own title, the document's), and sections after it at a
    /// covered level, except those marked `<!-- omit in toc -->` and those usually left
    /// out, when it does not list them (nor their subsections); a deeper section only
    /// under a listed parent whose own subsections the TOC lists.
    pub fn expected(&self, doc: &Document, config: &TocConfig) -> Vec<usize> {
        let listed = self.listed(doc);
        let (Some(&top), Some(&deepest)) = (self.levels.iter().min(), self.levels.iter().max())
        else {
            return Vec::new();
        };
        let title = self.title.and_then(|b| match doc.blocks[b].kind {
            BlockKind::Heading(h) => Some(h as usize),
            _ => None,
        });
        let mut has_listed_child = vec![false; doc.headings.len()];
        for (h, heading) in doc.headings.iter().enumerate() {
            if let Some(p) = heading.parent()
                && listed[h]
            {
                has_listed_child[p] = true;
            }
        }
        let omitted = omitted_headings(doc);
        let excluded: Vec<String> = config.exclude.iter().map(|e| name_key(e)).collect();
        // One buffer for every heading's key: a `String` each was most of this function
        // on the corpus concatenation.
        let mut key = String::new();
        let mut left_out = |h: usize| {
            if Some(h) == title || omitted[h] {
                return true;
            }
            key.clear();
            push_key(doc.headings[h].text(doc), &mut key);
            // A heading with nothing to name it (`##` alone) cannot be listed.
            key.is_empty()
                || USUALLY_LEFT_OUT.iter().any(|k| key.contains(k))
                || excluded.contains(&key)
        };
        let parts: Vec<usize> = self.groups.iter().filter_map(|g| g.part).collect();
        let mut expected = Vec::new();
        let mut skipped: Vec<bool> = vec![false; doc.headings.len()];
        for (h, heading) in doc.headings.iter().enumerate() {
            if (heading.span.start() < self.region.end && !listed[h]) || !self.covers(doc, h) {
                continue;
            }
            // Folding a name for `left_out` was most of this function (9k instructions
            // per heading of a 2,000-section list), so it is done last: not for a
            // heading deeper than the TOC goes (nor are its subsections), nor for a
            // listed one, never left out.
            if heading.level > deepest {
                continue;
            }
            if heading.parent().is_some_and(|p| skipped[p]) || (!listed[h] && left_out(h)) {
                skipped[h] = true;
                continue;
            }
            if !self.levels.contains(&heading.level) {
                continue;
            }
            let in_scope = match self.style {
                // A top-level section counts in a part the TOC lists something of
                // (not in `## Resources` when it lists only `## Projects`' sections).
                Style::Links => {
                    let parent_listed = heading.parent().is_none_or(|p| has_listed_child[p]);
                    (heading.level == top && parent_listed)
                        || heading
                            .parent()
                            .is_some_and(|p| listed[p] && has_listed_child[p])
                }
                // A table TOC lists the sections of the parts its groups stand for.
                Style::Tables => {
                    parts.is_empty()
                        || std::iter::successors(heading.parent(), |&p| doc.headings[p].parent())
                            .any(|p| parts.contains(&p))
                }
            };
            if in_scope {
                expected.push(h);
            }
        }
        expected
    }
}

/// For each heading, whether it carries Markdown All in One's `<!-- omit in toc -->`
/// (or `omit from toc`): its author keeps it out of the TOC. Only the HTML inside
/// headings is read: reading every comment of the document for each TOC was 15 M
/// instructions of the corpus concatenation.
fn omitted_headings(doc: &Document) -> Vec<bool> {
    doc.headings
        .iter()
        .map(|heading| {
            doc.html_comments_starting_in(&heading.span)
                .any(|(span, body)| {
                    (body.eq_ignore_ascii_case("omit in toc")
                        || body.eq_ignore_ascii_case("omit from toc"))
                        && heading.span.contains(span.start)
                })
        })
        .collect()
}
