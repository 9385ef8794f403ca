//! `entry-format`: a list entry whose shape breaks the list's dominant pattern.
//!
//! Awesome-style entries read `- [Name](url) - Description.`: a separator, a
//! description starting with a capital letter, ending with punctuation. Lists differ in
//! all three (` - `, ` — `, `：`; periods or none), so each is inferred: from the entry's
//! own list when it has enough entries to say, else from the whole document; with no
//! clear majority, nothing is reported. CJK descriptions end a sentence with `。！？`,
//! and have no capital letters to check (awesome-lint's #147 demanded a `.` after `。`).

use rustc_hash::FxHashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::text::is_cjk;

use super::Context;
use super::convention::{CLEAR, Majority, Tally};

declare_rule!("entry-format", Format, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "a list entry whose separator, capitalisation or final punctuation breaks the list's pattern");

/// Names whose canonical spelling is lowercase: "npm is awesome." starts with a name,
/// not with a lowercase letter where a capital belongs.
const LOWERCASE_NAMES: [&str; 10] = [
    "npm", "pnpm", "webpack", "esbuild", "yarn", "deno", "vite", "rollup", "curl", "git",
];

/// Fewer entries of the `[Name](url) - Description` shape than this: no house style.
const MIN_ENTRIES: usize = 10;

/// Capitals need a larger majority: a lowercase start is often a name.
const CAPITALS: Majority = Majority {
    min_count: MIN_ENTRIES,
    percent: 95,
};

/// A list with this many observations of a feature has a style of its own.
const OWN_STYLE: Majority = Majority {
    min_count: 8,
    percent: CLEAR.percent,
};

/// What separates the name from the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    Hyphen,
    EmDash,
    EnDash,
    FullwidthColon,
    Colon,
}

impl Separator {
    /// Each separator as written, longest first.
    const ALL: [(Separator, &'static str); 7] = [
        (Separator::Hyphen, " - "),
        (Separator::EmDash, " — "),
        (Separator::EnDash, " – "),
        (Separator::FullwidthColon, " ："),
        (Separator::FullwidthColon, "："),
        (Separator::Colon, " : "),
        (Separator::Colon, ": "),
    ];

    fn text(self) -> &'static str {
        match self {
            Separator::Hyphen => " - ",
            Separator::EmDash => " — ",
            Separator::EnDash => " – ",
            Separator::FullwidthColon => "：",
            Separator::Colon => ": ",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Ends with `.`, `!`, `?`, `。`, `！` or `？`.
    Punctuated,
    /// Ends with a letter, digit or CJK character.
    Bare,
}

/// One `[Name](url) <separator> Description` entry.
#[derive(Debug)]
struct Entry {
    /// Block index of the enclosing list.
    list: usize,
    separator: Separator,
    separator_span: Range<usize>,
    /// The description, trimmed.
    description: Range<usize>,
    case: Option<Case>,
    ending: Option<Ending>,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let entries = entries(doc);
    if entries.len() < MIN_ENTRIES {
        return;
    }
    let styles = Styles::new(&entries);
    for entry in &entries {
        let local = styles.lists.get(&entry.list);
        // The document's style, unless the entry's list clearly has another.
        let separator = styled(
            &styles.document.separators,
            local.map(|s| &s.separators),
            CLEAR,
        );
        let case = styled(&styles.document.cases, local.map(|s| &s.cases), CAPITALS);
        let ending = styled(&styles.document.endings, local.map(|s| &s.endings), CLEAR);
        report(doc, entry, separator, case, ending, out);
    }
}

/// The form a feature should take in an entry: the document's, when it has a clear
/// one and the entry's list does not clearly use another. A list's own majority alone
/// proves nothing: where the document is mixed, some lists are uniform by chance.
fn styled<K: Copy + PartialEq>(
    document: &Tally<K>,
    list: Option<&Tally<K>>,
    majority: Majority,
) -> Option<K> {
    let expected = document.dominant(majority)?;
    match list.and_then(|l| l.dominant(OWN_STYLE)) {
        Some(own) if own != expected => None,
        _ => Some(expected),
    }
}

/// The forms of each feature seen in a set of entries.
#[derive(Default)]
struct Observed {
    separators: Tally<Separator>,
    cases: Tally<Case>,
    endings: Tally<Ending>,
}

impl Observed {
    fn add(&mut self, entry: &Entry) {
        self.separators.add(entry.separator);
        if let Some(case) = entry.case {
            self.cases.add(case);
        }
        if let Some(ending) = entry.ending {
            self.endings.add(ending);
        }
    }
}

/// The document's forms, and each list's.
struct Styles {
    document: Observed,
    /// By list (its block index).
    lists: FxHashMap<usize, Observed>,
}

impl Styles {
    fn new(entries: &[Entry]) -> Self {
        let mut document = Observed::default();
        let mut lists: FxHashMap<usize, Observed> = FxHashMap::default();
        for entry in entries {
            document.add(entry);
            lists.entry(entry.list).or_default().add(entry);
        }
        Self { document, lists }
    }
}

fn report(
    doc: &Document,
    entry: &Entry,
    separator: Option<Separator>,
    case: Option<Case>,
    ending: Option<Ending>,
    out: &mut Vec<Diagnostic>,
) {
    let description = doc.slice(&entry.description);
    if let Some(expected) = separator.filter(|&s| s != entry.separator) {
        out.push(
            Diagnostic::new(
                entry.separator_span.clone(),
                format!(
                    "entry separates its description with `{}` where the list uses `{}`",
                    doc.slice(&entry.separator_span).trim(),
                    expected.text().trim()
                ),
            )
            .with_help(format!(
                "write `{}` like the other entries",
                expected.text().trim()
            ))
            .with_fix(Fix::unsafe_edits(vec![Edit::replace(
                entry.separator_span.clone(),
                expected.text(),
            )])),
        );
    }
    if case == Some(Case::Upper) && entry.case == Some(Case::Lower) {
        let first = description.chars().next().map_or(0, char::len_utf8);
        let start = entry.description.start;
        out.push(
            Diagnostic::new(
                start..start + first,
                "entry description starts with a lowercase letter where the list capitalises",
            )
            .with_help("start it with a capital letter like the other entries"),
        );
    }
    if ending == Some(Ending::Punctuated) && entry.ending == Some(Ending::Bare) {
        let last = description.chars().next_back().unwrap_or('.');
        let period = if is_cjk(last) { "。" } else { "." };
        let end = entry.description.end;
        out.push(
            Diagnostic::new(
                end - last.len_utf8()..end,
                "entry description does not end with punctuation where the list's do",
            )
            .with_help(format!("end it with `{period}` like the other entries"))
            .with_fix(Fix::unsafe_edits(vec![Edit::insert(end, period)])),
        );
    }
}

/// Every list entry shaped `[Name](url) <separator> Description`, in document order.
fn entries(doc: &Document) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::ListItem { .. }) {
            continue;
        }
        let Some(list) = block.parent else { continue };
        if let Some(entry) = entry(doc, i, list) {
            entries.push(entry);
        }
    }
    entries
}

fn entry(doc: &Document, item: usize, list: usize) -> Option<Entry> {
    let span = &doc.blocks[item].span;
    // The item's first line of text: its own paragraph, or its text up to a nested block.
    let first_child = doc.blocks.get(item + 1).filter(|b| b.parent == Some(item));
    let (content, marked) = match first_child {
        Some(child) if child.kind == BlockKind::Paragraph => (child.span.clone(), false),
        Some(child) => (span.start..child.span.start, true),
        None => (span.clone(), true),
    };
    let text = doc.slice(&content);
    let mut start = content.start + text.len() - text.trim_start().len();
    if marked {
        start += list_marker_len(&doc.source[start..content.end]);
    }
    let first = doc.links.partition_point(|l| l.span.start < start);
    // A link in a heading that ends the item's text (`- [a](b)` + `  -`) runs past it.
    let link = doc
        .links
        .get(first)
        .filter(|l| l.span.start == start && l.span.end <= content.end && !l.image)?;
    if link.dest.starts_with('#') {
        return None;
    }
    let rest = &doc.source[link.span.end..content.end];
    let (separator, written) = Separator::ALL.iter().find(|(_, s)| rest.starts_with(s))?;
    let separator_span = link.span.end..link.span.end + written.len();
    let after = &rest[written.len()..];
    let description_text = after.trim();
    if description_text.is_empty() {
        return None;
    }
    let start = separator_span.end + after.len() - after.trim_start().len();
    let description = start..start + description_text.len();
    Some(Entry {
        list,
        separator: *separator,
        separator_span,
        case: case_of(description_text, &link.text, &link.dest),
        ending: ending_of(doc, &description),
        description,
    })
}

/// Bytes of a list marker and the spaces after it at the start of `text`.
fn list_marker_len(text: &str) -> usize {
    let marker = text
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count()
        .checked_add(1)
        .filter(|&n| n > 1 && matches!(text.as_bytes().get(n - 1), Some(b'.' | b')')))
        .or_else(|| matches!(text.as_bytes().first(), Some(b'-' | b'*' | b'+')).then_some(1));
    marker.map_or(0, |n| {
        n + text[n..].len() - text[n..].trim_start_matches(' ').len()
    })
}

/// `Upper`/`Lower` for a description of a few words starting with a plain word; `None`
/// for CJK text (a Latin name opening a Chinese sentence keeps its spelling), digits and
/// markup, words with capitals inside (`iOS`, `gRPC`), identifiers (`net/http`,
/// `cookies.txt`), the entry's own name (`[immudb](…) - immudb is…`), and a description
/// of one or two words, which is a name or a handle (`- mycodeschool`).
fn case_of(description: &str, name: &str, dest: &str) -> Option<Case> {
    if description.chars().any(is_cjk) || description.split_whitespace().nth(2).is_none() {
        return None;
    }
    let token = description.split_whitespace().next()?;
    let word = token.trim_end_matches([',', ';', ':', '!', '?', '.']);
    let first = word.chars().next()?;
    if !first.is_alphabetic() || is_cjk(first) {
        return None;
    }
    if first.is_uppercase() {
        return Some(Case::Upper);
    }
    let plain = word
        .chars()
        .all(|c| c.is_lowercase() || c == '-' || c == '\'');
    let named = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|part| part.eq_ignore_ascii_case(word))
    };
    let lowercase_name = LOWERCASE_NAMES.contains(&word);
    (plain && !lowercase_name && !named(name) && !named(dest)).then_some(Case::Lower)
}

/// How a description ends; `None` when it ends with markup (a link, code, a badge) or
/// with other punctuation that says nothing about the style.
fn ending_of(doc: &Document, description: &Range<usize>) -> Option<Ending> {
    let text = doc.slice(description);
    let last = text.chars().next_back()?;
    let at = description.end - last.len_utf8();
    let in_link = doc.links[..doc.links.partition_point(|l| l.span.start <= at)]
        .iter()
        .rev()
        .take(4)
        .any(|l| l.span.contains(&at));
    if doc.in_code(at) || doc.in_html(at) || in_link {
        return None;
    }
    if matches!(last, '.' | '!' | '?' | '。' | '！' | '？') {
        Some(Ending::Punctuated)
    } else if last.is_alphanumeric() {
        Some(Ending::Bare)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ignores_names_identifiers_and_cjk() {
        assert_eq!(case_of("Fast JSON parser.", "x", ""), Some(Case::Upper));
        assert_eq!(
            case_of("fast, small JSON parser.", "x", ""),
            Some(Case::Lower)
        );
        assert_eq!(case_of("immudb is a database.", "immudb", ""), None);
        assert_eq!(case_of("iOS client for models.", "x", ""), None);
        assert_eq!(case_of("net/http based client library.", "x", ""), None);
        assert_eq!(case_of("virtualenv 的一组扩展。", "x", ""), None);
        assert_eq!(case_of("mycodeschool", "x", ""), None);
        assert_eq!(case_of("npm is awesome.", "x", ""), None);
    }

    #[test]
    fn markers_are_skipped_before_the_link() {
        assert_eq!(list_marker_len("- [a](b)"), 2);
        assert_eq!(list_marker_len("*   [a](b)"), 4);
        assert_eq!(list_marker_len("12. [a](b)"), 4);
        assert_eq!(list_marker_len("[a](b)"), 0);
    }

    #[test]
    fn cjk_sentences_end_with_cjk_punctuation() {
        let doc = Document::parse(
            "- [a](https://a.example)：中文描述。\n- [b](https://b.example)：没有句号\n",
        );
        let found = entries(&doc);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].ending, Some(Ending::Punctuated));
        assert_eq!(found[1].ending, Some(Ending::Bare));
        assert_eq!(found[0].separator, Separator::FullwidthColon);
    }
}
