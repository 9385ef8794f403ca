//! The document model: what every rule relies on.

use pocketlint::document::{BlockKind, Document, HeadingSyntax, LinkKind};

#[test]
fn headings_anchors_and_sections() {
    let text = "---\ntitle: x\n---\n# Title\n\n## Alpha\n\n```\n# not a heading\n```\n\nSetext\n------\n\n## Alpha\n\n<h3 align=\"center\">Html <b>heading</b></h3>\n\n### `code` and ![badge](b.svg) {#x}\n";
    let doc = Document::parse(text);
    let got: Vec<(u8, &str, &str, HeadingSyntax)> = doc
        .headings
        .iter()
        .map(|h| (h.level, h.text(&doc), h.anchor(&doc), h.syntax))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Title", "title", HeadingSyntax::Atx),
            (2, "Alpha", "alpha", HeadingSyntax::Atx),
            (2, "Setext", "setext", HeadingSyntax::Setext),
            (2, "Alpha", "alpha-1", HeadingSyntax::Atx),
            (3, "Html heading", "html-heading", HeadingSyntax::Html),
            (3, "code and  {#x}", "code-and--x", HeadingSyntax::Atx),
        ]
    );
    // Sections: "## Alpha" runs to the setext heading; the title owns everything.
    assert_eq!(
        doc.slice(doc.headings[1].section).trim_end(),
        "## Alpha\n\n```\n# not a heading\n```"
    );
    assert_eq!(doc.headings[0].section.end(), text.len());
    assert_eq!(doc.headings[4].parent(), Some(3));
    assert_eq!(doc.section_at(text.find("not a heading").unwrap()), Some(1));
    assert!(doc.in_code(text.find("not a heading").unwrap()));
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::FrontMatter));
}

#[test]
fn thematic_breaks_after_the_start_are_no_front_matter() {
    let text = "# List

### 2023-12-31
---
#### alice
* [a](https://a.example)

### 2023-12-29
---
#### bob
";
    let doc = Document::parse(text);
    let levels: Vec<(u8, &str)> = doc
        .headings
        .iter()
        .map(|h| (h.level, h.text(&doc)))
        .collect();
    assert_eq!(
        levels,
        [
            (1, "List"),
            (3, "2023-12-31"),
            (4, "alice"),
            (3, "2023-12-29"),
            (4, "bob")
        ]
    );
    assert!(doc.blocks.iter().all(|b| b.kind != BlockKind::FrontMatter));
}

#[test]
fn links_and_bare_urls() {
    let text = "See [Site](https://a.example/x \"t\") and [ref][r], <https://auto.example>.\n\nBare https://b.example/y。中文 and `https://code.example` and [https://in.link](https://c.example).\n\n[r]: https://ref.example/z\n";
    let doc = Document::parse(text);
    let links: Vec<(LinkKind, &str, Option<&str>)> = doc
        .links
        .iter()
        .map(|l| {
            (
                l.kind,
                l.dest(&doc),
                l.dest_span().as_ref().map(|s| doc.slice(s)),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                LinkKind::Inline,
                "https://a.example/x",
                Some("https://a.example/x")
            ),
            (
                LinkKind::Reference,
                "https://ref.example/z",
                Some("https://ref.example/z")
            ),
            (
                LinkKind::Autolink,
                "https://auto.example",
                Some("https://auto.example")
            ),
            (
                LinkKind::Inline,
                "https://c.example",
                Some("https://c.example")
            ),
        ]
    );
    assert_eq!(doc.links[0].text(&doc), "Site");
    let bare: Vec<&str> = doc.bare_urls.iter().map(|r| doc.slice(r)).collect();
    assert_eq!(bare, ["https://b.example/y。中文"]);
    assert_eq!(doc.definitions.len(), 1);
    assert_eq!(doc.definitions[0].label, "r");
}

#[test]
fn blocks_nest_with_text() {
    let text = "- one [a](https://a.example)\n  - two\n\n| H1 | H2 |\n| -- | -- |\n| c1 | c2 |\n";
    let doc = Document::parse(text);
    let items: Vec<(u32, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::ListItem { depth } => Some((depth, b.text(&doc))),
            _ => None,
        })
        .collect();
    assert_eq!(items, [(0, "one a"), (1, "two")]);
    let cells: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .map(|b| b.text(&doc))
        .collect();
    assert_eq!(cells, ["H1", "H2", "c1", "c2"]);
    let row = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::TableRow)
        .unwrap();
    assert_eq!(
        doc.ancestors(row).next().map(|b| &b.kind),
        Some(&BlockKind::Table)
    );
}

#[test]
fn html_anchors_and_suppressions() {
    let text = "<a name=\"top\"></a>\n\n# T\n\n<!-- pocketlint-disable-next-line heading-level -->\n### Skip\n\n<div id=\"end\"></div>\n";
    let doc = Document::parse(text);
    let names: Vec<&str> = doc.html_anchors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["top", "end"]);
    let skip = text.find("### Skip").unwrap();
    let line = doc.lines.line_of(skip);
    assert!(doc.suppressions.is_suppressed("heading-level", skip, line));
    assert!(!doc.suppressions.is_suppressed("invisible-char", skip, line));
}

#[test]
fn remark_lint_comments_suppress_through_a_name_map() {
    let text = "<!--lint disable double-link-->\n- a\n\n<!--lint enable double-link-->\n- b\n\n<!--lint ignore awesome-list-item-->\n- c\n- d\n";
    let doc = Document::parse(text);
    let at = |item: &str| {
        let offset = text.find(item).unwrap();
        (offset, doc.lines.line_of(offset))
    };
    fn map(name: &str) -> &str {
        if name == "double-link" {
            "dup-link"
        } else {
            name
        }
    }
    let suppressed = |rule: &str, (offset, line): (usize, usize)| {
        doc.suppressions.is_suppressed_with(rule, offset, line, map)
    };
    assert!(suppressed("dup-link", at("- a")));
    assert!(!suppressed("dup-link", at("- b")));
    assert!(suppressed("awesome-list-item", at("- c")));
    assert!(!suppressed("awesome-list-item", at("- d")));
    assert!(!suppressed("trailing-space", at("- a")));
}

#[test]
fn positions_count_characters() {
    let text = "# 标题\n\n中文 text\n";
    let doc = Document::parse(text);
    assert_eq!(doc.position(text.find("text").unwrap()), (3, 4));
}

#[test]
fn unresolved_references_definition_uses_and_emphasis_are_recorded() {
    use pocketlint::document::ReferenceForm;
    let text = "A [full][nope], a [collapsed][], a [shortcut] and a [kept][Used  Label].\n\n*one* and **two**\n\n![logo][LOGO]\n\n[used label]: https://example.com\n[logo]: https://example.com/logo.png\n[spare]: https://example.com/spare\n";
    let doc = Document::parse(text);
    let broken: Vec<(ReferenceForm, &str, &str)> = doc
        .broken_references
        .iter()
        .map(|r| (r.form, r.label.as_str(), doc.slice(r.span)))
        .collect();
    assert_eq!(
        broken,
        [
            (ReferenceForm::Full, "nope", "[full][nope]"),
            (ReferenceForm::Collapsed, "collapsed", "[collapsed][]"),
            (ReferenceForm::Shortcut, "shortcut", "[shortcut]"),
        ]
    );
    let uses: Vec<(&str, usize)> = doc
        .definitions
        .iter()
        .map(|d| (d.label.as_str(), d.uses))
        .collect();
    assert_eq!(uses, [("used label", 1), ("logo", 1), ("spare", 0)]);
    let emphasis: Vec<&str> = doc.emphasis.iter().map(|&r| doc.slice(r)).collect();
    assert_eq!(emphasis, ["*one*", "**two**"]);
}

#[test]
fn html_links_are_links() {
    let text = "<table><tr>\n<td><a href=\"#install\" title=\"a > b\">Install <b>now</b></a></td>\n<td><A HREF='?a=1&amp;b=2'>Q &amp; A</A></td>\n<!-- <a href=\"#hidden\">x</a> -->\n</tr></table>\n\nRead <a href=\"#usage\">the **usage**</a> or <a href=#faq>FAQ\n\n- <a name=\"x\">no href</a>\n";
    let doc = Document::parse(text);
    let links: Vec<(LinkKind, &str, &str, Option<&str>, &str)> = doc
        .links
        .iter()
        .map(|l| {
            (
                l.kind,
                l.dest(&doc),
                l.text(&doc),
                l.dest_span().as_ref().map(|s| doc.slice(s)),
                doc.slice(l.span),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                LinkKind::Html,
                "#install",
                "Install now",
                Some("#install"),
                "<a href=\"#install\" title=\"a > b\">Install <b>now</b></a>"
            ),
            // An entity in the destination: it is not written as it reads.
            (
                LinkKind::Html,
                "?a=1&b=2",
                "Q & A",
                None,
                "<A HREF='?a=1&amp;b=2'>Q &amp; A</A>"
            ),
            (
                LinkKind::Html,
                "#usage",
                "the usage",
                Some("#usage"),
                "<a href=\"#usage\">the **usage**</a>"
            ),
            // Left open: it runs to the end of its paragraph.
            (
                LinkKind::Html,
                "#faq",
                "FAQ",
                Some("#faq"),
                "<a href=#faq>FAQ"
            ),
        ]
    );
    // Left open inside a Markdown link: it ends with that link, which keeps its span.
    let doc = Document::parse("[<a href=\"#x\">text](https://example.com) after\n");
    let spans: Vec<(LinkKind, &str)> = doc
        .links
        .iter()
        .map(|l| (l.kind, doc.slice(l.span)))
        .collect();
    let link = "[<a href=\"#x\">text](https://example.com)";
    assert_eq!(
        spans,
        [
            (LinkKind::Inline, link),
            (LinkKind::Html, "<a href=\"#x\">text](https://example.com)")
        ]
    );
}

/// The model's items stay compact (`u32` spans, no `Option` words, texts in one buffer):
/// a 13 MB list holds some 180,000 blocks and 140,000 links, whose sizes weigh in its
/// peak memory.
#[test]
fn model_items_stay_small() {
    use pocketlint::document::{Block, Heading, Link, Span};
    use std::mem::size_of;
    assert_eq!(size_of::<Span>(), 8);
    assert_eq!(size_of::<Link>(), 36);
    assert_eq!(size_of::<Block>(), 28);
    assert_eq!(size_of::<Heading>(), 48);
}

/// The entries are derived from the model and live as long as the check: one per list
/// item or row with a link, some 100,000 in a 13 MB list.
#[test]
fn entries_stay_small() {
    use pocketlint::document::entries::Entry;
    assert_eq!(std::mem::size_of::<Entry>(), 20);
}
