//! `link-empty`: a link that goes nowhere or shows nothing. A placeholder
//! (`[Coming soon]()`) is told apart by its text and capped at info.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, LinkKind};

use super::Context;

declare_rule!("link-empty", Links, Error, fix: Never, options: LinkEmptyOptions, check: Document(check),
    summary: "a link with no destination, `#` as destination, or no text");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LinkEmptyOptions {
    /// Report placeholder links (`[Coming soon]()`), at info.
    pub placeholders: bool,
}

impl Default for LinkEmptyOptions {
    fn default() -> Self {
        Self { placeholders: true }
    }
}

/// Link texts that announce a link to come, compared in lowercase without the
/// punctuation around them.
const PLACEHOLDERS: [&str; 22] = [
    "coming soon",
    "soon",
    "tbd",
    "tba",
    "todo",
    "wip",
    "work in progress",
    "n/a",
    "placeholder",
    "link coming soon",
    "available soon",
    "即将发布",
    "即将推出",
    "即将上线",
    "即将开源",
    "待补充",
    "待更新",
    "待定",
    "待添加",
    "敬请期待",
    "暂无",
    "未发布",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let options = ctx.options::<LinkEmptyOptions>();
    for (i, link) in doc.links.iter().enumerate() {
        if matches!(link.kind, LinkKind::Autolink | LinkKind::Email) {
            continue;
        }
        let dest = link.dest(doc).trim();
        let text = link.text(doc).trim();
        if (dest.is_empty() || dest == "#") && is_placeholder(text) {
            if options.placeholders {
                out.push(
                    Diagnostic::new(
                        link.span.range(),
                        format!("placeholder link \"{text}\" has no destination yet"),
                    )
                    .with_help("add the URL once it exists (`placeholders: false` turns these off)")
                    .at_most(Severity::Info),
                );
            }
            continue;
        }
        let (message, help) = if dest.is_empty() {
            let what = if link.image { "image" } else { "link" };
            (
                format!("{what} \"{text}\" has no destination"),
                "add the URL",
            )
        } else if dest == "#" {
            (
                format!("link \"{text}\" points to \"#\", which goes nowhere"),
                "add the URL or the heading's anchor",
            )
        } else if !link.image && link.text(doc).trim().is_empty() && !shows_markup(doc, i) {
            (
                format!("link to \"{dest}\" has no text"),
                "add the text to click",
            )
        } else {
            continue;
        };
        out.push(Diagnostic::new(link.span.range(), message).with_help(help));
    }
}

/// Whether a link text announces a link to come (`Coming soon`, `[TBD]`, `待补充…`).
fn is_placeholder(text: &str) -> bool {
    let bare = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    PLACEHOLDERS.contains(&bare.as_str())
}

/// Whether link `index` shows an image (a badge) or inline HTML (`<img>`): something
/// to click that is not text.
fn shows_markup(doc: &Document, index: usize) -> bool {
    let link = &doc.links[index];
    let span = &link.span;
    if link.kind == LinkKind::Html {
        // Between `<a href>` and `</a>`, another tag (`<img>`, `<picture>`).
        let source = doc.slice(span);
        let inner = source.split_once('>').map_or("", |(_, rest)| rest);
        let inner = inner.rsplit_once("</").map_or(inner, |(text, _)| text);
        return inner.contains('<');
    }
    let image = doc.links[index + 1..]
        .iter()
        .take_while(|l| l.span.start() < span.end())
        .any(|l| l.image);
    let first_html = doc.html.partition_point(|r| r.start() < span.start());
    image
        || doc
            .html
            .get(first_html)
            .is_some_and(|r| r.end() <= span.end())
}
