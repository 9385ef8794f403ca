//! `awesome-heading`: the list opens with one level-1 heading in title case.
//!
//! The main heading is the document's first block ([`main_heading`]); an HTML heading or
//! a centred logo block (`<h1 align="center">`, `<div align="center"><img …>`) stands in
//! for it, as awesome-lint accepts. More than one level-1 heading is `heading-h1`'s.
//!
//! Title case as awesome-lint reads it: every word capitalised, small words (articles,
//! short prepositions and conjunctions) aside after the first. A word with a capital
//! inside (`iOS`, `macOS`, `jQuery`) is a name spelled its own way, and words without
//! cased letters (CJK, numbers) have no case to check.

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};

use super::Context;
use super::awesome_lint::{first_block, main_heading};

declare_rule!("awesome-heading", Structure, Error, fix: Never, profile: Awesome,
    check: Document(check),
    summary: "the list does not open with a level-1 heading in title case");

/// Words title case leaves in lowercase after the first.
const SMALL_WORDS: [&str; 22] = [
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "if", "in", "into", "nor",
    "of", "on", "or", "the", "to", "via", "vs", "with",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let Some((_, heading)) = main_heading(doc) else {
        if !opens_with_html_heading(doc) && !doc.headings.iter().any(|h| h.level == 1) {
            out.push(
                Diagnostic::new(0..0, "the list has no main heading")
                    .with_help("open the README with `# Awesome Topic`"),
            );
        }
        return;
    };
    if heading.level > 1 {
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!("the main heading is level {}, not 1", heading.level),
            )
            .with_help("write the list's title as a level-1 heading (`# …`)"),
        );
        return;
    }
    if let Some(word) = not_title_case(heading.text(doc)) {
        out.push(
            Diagnostic::new(
                heading.finding_span(),
                format!("the main heading is not in title case (\"{word}\")"),
            )
            .with_help("capitalise each word of the title but short articles and prepositions"),
        );
    }
}

/// Whether the document opens with an HTML heading or a centred block with an image,
/// which awesome-lint takes for the main heading.
fn opens_with_html_heading(doc: &Document) -> bool {
    let Some(first) = first_block(doc) else {
        return false;
    };
    if first.kind != BlockKind::Html {
        return false;
    }
    let html = doc.slice(first.span).to_ascii_lowercase();
    let heading_tag =
        (1..=6).any(|n| html.contains(&format!("<h{n}>")) || html.contains(&format!("<h{n} ")));
    let centred = html.contains("align=\"center\"") || html.contains("align='center'");
    heading_tag || (centred && html.contains("<img"))
}

/// The first word of `title` that title case would capitalise, if any.
fn not_title_case(title: &str) -> Option<&str> {
    title
        .split_whitespace()
        .enumerate()
        .find(|&(i, word)| {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let Some(first) = letters.next() else {
                return false;
            };
            let small = i > 0 && SMALL_WORDS.contains(&word.to_lowercase().as_str());
            first.is_lowercase() && !small && !letters.any(char::is_uppercase)
        })
        .map(|(_, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_capitalises_all_but_small_words_and_names() {
        assert_eq!(not_title_case("Awesome Node.js"), None);
        assert_eq!(not_title_case("AHA Acronyms Are Allowed"), None);
        assert_eq!(not_title_case("The Art of Command Line"), None);
        assert_eq!(not_title_case("Awesome iOS"), None);
        assert_eq!(not_title_case("Awesome 机器学习"), None);
        assert_eq!(not_title_case("my-awesome-list"), Some("my-awesome-list"));
        assert_eq!(not_title_case("Awesome machine learning"), Some("machine"));
        assert_eq!(not_title_case("of Mice"), Some("of"));
    }
}
