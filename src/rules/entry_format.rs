//! `entry-format`: a list entry whose shape breaks the convention of its list.
//!
//! Awesome-style entries read `- [Name](url) - Description.`: a separator, a
//! description starting with a capital letter, ending with punctuation. Lists differ in
//! all three (` - `, ` — `, `：`; periods or none), so each is inferred, and a finding
//! names whose convention it breaks: the entry's own list when that list has a clear
//! one (a pasted list with em dashes in a document of hyphens is judged by its dashes),
//! else the whole document's; with no clear majority, nothing is reported. The cells of
//! a table of entries follow their column, never the lists' convention: a table is
//! judged only where it has a clear convention of its own. CJK descriptions end a
//! sentence with `。！？`, and have no capital letters to check (awesome-lint's #147
//! demanded a `.` after `。`).
//!
//! A description may start with a name spelt lowercase (`npm is awesome.`, `uv's build
//! backend`): names on a small built-in list, and the ones the document itself writes
//! lowercase as a link text or in code and never capitalised, are not lowercase starts.

use std::cell::OnceCell;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::document::entries::Entry as LinkedEntry;
use crate::document::{BlockKind, Document, Span, index};
use crate::fix::{Edit, Fix};
use crate::text::{LOWERCASE_NAMES, is_cjk, list_marker_len};

use super::Context;
use super::convention::{CLEAR, Majority, Tally};

declare_rule!("entry-format", Format, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "a list entry whose separator, capitalisation or final punctuation breaks the list's pattern");

/// Fewer entries of the `[Name](url) - Description` shape than this: no house style.
const MIN_ENTRIES: usize = 10;

/// Capitals need a larger majority: a lowercase start is often a name.
const CAPITALS: Majority = Majority {
    min_count: MIN_ENTRIES,
    percent: 95,
};

/// A list with this many observations of a feature, this uniform, has a convention of
/// its own: the document's does not apply to it.
const OWN_STYLE: Majority = Majority {
    min_count: 8,
    percent: CLEAR.percent,
};

/// How uniform a document, and a list or table on its own, must be in one feature
/// before the odd entry out breaks its convention.
#[derive(Clone, Copy)]
struct Majorities {
    document: Majority,
    own: Majority,
}

const SEPARATORS: Majorities = Majorities {
    document: CLEAR,
    own: OWN_STYLE,
};
const CASES: Majorities = Majorities {
    document: CAPITALS,
    own: CAPITALS,
};
const ENDINGS: Majorities = SEPARATORS;

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

/// The entries whose convention an entry follows before the document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    /// A list, by its block index.
    List(u32),
    /// A column of a table of entries: the table's block index and the column's.
    Column { table: u32, column: u32 },
}

/// Whose convention an entry breaks, as a finding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judge {
    List,
    Table,
    Document,
}

impl Judge {
    fn subject(self) -> &'static str {
        match self {
            Judge::List => "this list",
            Judge::Table => "this table",
            Judge::Document => "the document",
        }
    }
}

/// The form an entry's feature should take, whose convention that is, and how many
/// follow it (`"41 of 42"`), to explain a finding.
struct Expected<K> {
    form: K,
    judge: Judge,
    share: String,
}

/// One `[Name](url) <separator> Description` list entry, or one cell of prose in a
/// table of entries: 36 bytes (`u32` indices and spans), as a list has one per entry
/// and all of them are held until the convention is known.
#[derive(Debug)]
struct Entry {
    group: Group,
    /// What separates name and description; `None` in a table, whose cells do.
    separator: Option<(Separator, Span)>,
    /// The description, trimmed.
    description: Span,
    case: Option<Case>,
    ending: Option<Ending>,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let names = LowercaseNames::new(doc);
    let mut entries = list_entries(doc, &names);
    if entries.len() < MIN_ENTRIES {
        return;
    }
    entries.extend(table_entries(doc, ctx.entries(), &names));
    spare_repeated_texts(doc, &mut entries);
    let styles = Styles::new(&entries);
    for entry in &entries {
        let own = styles.groups.get(&entry.group);
        // A table's cells follow its columns: the lists' convention is not theirs.
        let (document, judge) = match entry.group {
            Group::List(_) => (Some(&styles.document), Judge::List),
            Group::Column { .. } => (None, Judge::Table),
        };
        let separator = expected(
            document.map(|d| &d.separators),
            own.map(|s| &s.separators),
            judge,
            SEPARATORS,
        );
        let case = expected(
            document.map(|d| &d.cases),
            own.map(|s| &s.cases),
            judge,
            CASES,
        );
        let ending = expected(
            document.map(|d| &d.endings),
            own.map(|s| &s.endings),
            judge,
            ENDINGS,
        );
        report(doc, entry, separator, case, ending, out);
    }
}

/// The form a feature should take in an entry, and whose convention that is: its own
/// list's (or table's) when that one is clear, else the document's, unless the list
/// clearly follows another. A list only nearly uniform judges its entries when the
/// document agrees with it: where the document is mixed, some lists are uniform by
/// chance.
fn expected<K: Copy + PartialEq>(
    document: Option<&Tally<K>>,
    own: Option<&Tally<K>>,
    own_judge: Judge,
    majorities: Majorities,
) -> Option<Expected<K>> {
    let in_document = document.and_then(|d| d.dominant(majorities.document));
    let by = |tally: &Tally<K>, form: K, judge: Judge| Expected {
        form,
        judge,
        share: tally.share(form),
    };
    match own.map(|tally| (tally, tally.dominant(OWN_STYLE))) {
        Some((tally, Some(form)))
            if tally.dominant(majorities.own).is_some() || in_document == Some(form) =>
        {
            Some(by(tally, form, own_judge))
        }
        Some((_, Some(_))) => None,
        _ => document
            .zip(in_document)
            .map(|(tally, form)| by(tally, form, Judge::Document)),
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
        if let Some((separator, _)) = entry.separator {
            self.separators.add(separator);
        }
        if let Some(case) = entry.case {
            self.cases.add(case);
        }
        if let Some(ending) = entry.ending {
            self.endings.add(ending);
        }
    }
}

/// The forms of the document's list entries, and each list's and table column's.
struct Styles {
    document: Observed,
    /// Only the lists and columns with entries enough to have a style of their own
    /// ([`OWN_STYLE`]): [`expected`] reads a smaller one as it reads none, and their
    /// tallies, one for every list, were most of what this rule held on a 13 MB list.
    groups: FxHashMap<Group, Observed>,
}

impl Styles {
    fn new(entries: &[Entry]) -> Self {
        let mut sizes: FxHashMap<Group, usize> = FxHashMap::default();
        for entry in entries {
            *sizes.entry(entry.group).or_default() += 1;
        }
        let mut document = Observed::default();
        let mut groups: FxHashMap<Group, Observed> = FxHashMap::default();
        for entry in entries {
            if let Group::List(_) = entry.group {
                document.add(entry);
            }
            if sizes[&entry.group] >= OWN_STYLE.min_count {
                groups.entry(entry.group).or_default().add(entry);
            }
        }
        Self { document, groups }
    }
}

fn report(
    doc: &Document,
    entry: &Entry,
    separator: Option<Expected<Separator>>,
    case: Option<Expected<Case>>,
    ending: Option<Expected<Ending>>,
    out: &mut Vec<Diagnostic>,
) {
    let description = doc.slice(entry.description);
    if let (Some(expected), Some((written, span))) = (&separator, &entry.separator)
        && expected.form != *written
    {
        let text = expected.form.text().trim();
        out.push(
            Diagnostic::new(
                span.range(),
                format!(
                    "entry separates its description with `{}` where {} uses `{text}`",
                    doc.slice(span).trim(),
                    expected.judge.subject(),
                ),
            )
            .with_help(format!(
                "write `{text}`, as {} entries in {} do",
                expected.share,
                expected.judge.subject()
            ))
            .with_fix(Fix::unsafe_edits(vec![Edit::replace(
                span.range(),
                expected.form.text(),
            )])),
        );
    }
    if let Some(expected) = case.filter(|e| e.form == Case::Upper)
        && entry.case == Some(Case::Lower)
    {
        let first = description.chars().next().map_or(0, char::len_utf8);
        let start = entry.description.start();
        out.push(
            Diagnostic::new(
                start..start + first,
                format!(
                    "entry description starts with a lowercase letter where {} capitalises",
                    expected.judge.subject()
                ),
            )
            .with_help(format!(
                "start it with a capital letter, as {} descriptions in {} do",
                expected.share,
                expected.judge.subject()
            )),
        );
    }
    if let Some(expected) = ending.filter(|e| e.form == Ending::Punctuated)
        && entry.ending == Some(Ending::Bare)
    {
        let last = description.chars().next_back().unwrap_or('.');
        let period = if is_cjk(last) { "。" } else { "." };
        let end = entry.description.end();
        out.push(
            Diagnostic::new(
                end - last.len_utf8()..end,
                format!(
                    "entry description does not end with punctuation where those of {} do",
                    expected.judge.subject()
                ),
            )
            .with_help(format!(
                "end it with `{period}`, as {} descriptions in {} do",
                expected.share,
                expected.judge.subject()
            ))
            .with_fix(Fix::unsafe_edits(vec![Edit::insert(end, period)])),
        );
    }
}

/// A lowercase description written the same way in several entries (`- take U
/// forward`, a channel credited under each of its courses) is how the document spells
/// a name, not a slip: its case is not judged.
fn spare_repeated_texts(doc: &Document, entries: &mut [Entry]) {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for entry in entries.iter().filter(|e| e.case == Some(Case::Lower)) {
        *counts.entry(doc.slice(entry.description)).or_default() += 1;
    }
    for entry in entries.iter_mut() {
        if counts.get(doc.slice(entry.description)) > Some(&1) {
            entry.case = None;
        }
    }
}

/// Every list entry shaped `[Name](url) <separator> Description`, in document order.
fn list_entries(doc: &Document, names: &LowercaseNames) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::ListItem { .. }) {
            continue;
        }
        let Some(list) = block.parent() else { continue };
        if let Some(entry) = list_entry(doc, i, list, names) {
            entries.push(entry);
        }
    }
    entries
}

fn list_entry(doc: &Document, item: usize, list: usize, names: &LowercaseNames) -> Option<Entry> {
    let span = &doc.blocks[item].span;
    // The item's first line of text: its own paragraph, or its text up to a nested block.
    let first_child = doc
        .blocks
        .get(item + 1)
        .filter(|b| b.parent() == Some(item));
    let (content, marked) = match first_child {
        Some(child) if child.kind == BlockKind::Paragraph => (child.span.range(), false),
        Some(child) => (span.start()..child.span.start(), true),
        None => (span.range(), true),
    };
    let text = doc.slice(&content);
    let mut start = content.start + text.len() - text.trim_start().len();
    if marked {
        start += list_marker_len(&doc.source[start..content.end]);
    }
    let first = doc.links.partition_point(|l| l.span.start() < start);
    // A link in a heading that ends the item's text (`- [a](b)` + `  -`) runs past it.
    let link = doc
        .links
        .get(first)
        .filter(|l| l.span.start() == start && l.span.end() <= content.end && !l.image)?;
    if link.dest(doc).starts_with('#') {
        return None;
    }
    let rest = &doc.source[link.span.end()..content.end];
    let (separator, written) = Separator::ALL.iter().find(|(_, s)| rest.starts_with(s))?;
    let separator_span = link.span.end()..link.span.end() + written.len();
    let after = &rest[written.len()..];
    let description_text = after.trim();
    if description_text.is_empty() {
        return None;
    }
    let start = separator_span.end + after.len() - after.trim_start().len();
    let description = start..start + description_text.len();
    Some(Entry {
        group: Group::List(index(list)),
        separator: Some((*separator, separator_span.into())),
        case: case_of(description_text, link.text(doc), link.dest(doc), names),
        ending: ending_of(doc, &description),
        description: description.into(),
    })
}

/// Fewest words of a table cell read as a description: fewer make a name, a date or
/// a label, whose case and ending say nothing of the table's style.
const MIN_CELL_WORDS: usize = 3;

/// The cells of prose in the rows of tables of entries, each in its column.
fn table_entries(doc: &Document, linked: &[LinkedEntry], names: &LowercaseNames) -> Vec<Entry> {
    let mut entries = Vec::new();
    for entry in linked {
        let Some(table) = entry.table() else { continue };
        let link = entry.link(doc);
        let row = &doc.blocks[entry.block()];
        let cells = doc
            .block_indices_within(row.span)
            .filter(|&c| doc.blocks[c].parent() == Some(entry.block()));
        for (column, cell) in cells.enumerate() {
            let span = &doc.blocks[cell].span;
            let text = doc.slice(span);
            let trimmed = text.trim();
            if trimmed.split_whitespace().nth(MIN_CELL_WORDS - 1).is_none() {
                continue;
            }
            let start = span.start() + text.len() - text.trim_start().len();
            let description = start..start + trimmed.len();
            entries.push(Entry {
                group: Group::Column {
                    table: index(table),
                    column: index(column),
                },
                separator: None,
                case: case_of(trimmed, link.text(doc), link.dest(doc), names),
                ending: ending_of(doc, &description),
                description: description.into(),
            });
        }
    }
    entries
}

/// The names a document spells lowercase: [`LOWERCASE_NAMES`], and the words it
/// writes lowercase as a whole link text (`[uv](…)`) or code span (`` `pip` ``) and
/// never capitalised (`Uv`). A word the document also writes capitalised is a word
/// (`[generate](…)` beside "Generate …"), not a lowercase name.
struct LowercaseNames<'d> {
    source: &'d str,
    written: FxHashSet<&'d str>,
    /// Built on the first question: most documents have too few entries to ask one.
    words: OnceCell<SourceWords<'d>>,
}

impl<'d> LowercaseNames<'d> {
    fn new(doc: &'d Document) -> Self {
        let link_texts = doc.links.iter().map(|l| l.text(doc).trim());
        let code_spans = doc
            .code
            .iter()
            .map(|span| doc.slice(span).trim_matches('`').trim());
        let written = link_texts
            .chain(code_spans)
            .filter(|text| {
                !text.is_empty()
                    && text
                        .chars()
                        .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
            })
            .collect();
        Self {
            source: doc.source,
            written,
            words: OnceCell::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        LOWERCASE_NAMES.contains(&word) || (self.written.contains(word) && !self.capitalised(word))
    }

    /// Whether the document writes `word` with a capital first letter, as a word: not
    /// preceded or followed by a letter or digit (`Go` in `Go-isatty`, not in `Gopher`).
    fn capitalised(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let title: String = first.to_uppercase().chain(chars).collect();
        self.words
            .get_or_init(|| SourceWords::new(self.source))
            .written_as_word(&title)
    }
}

/// Where the source writes each run of letters and digits that starts with a capital
/// letter or an ASCII digit, found in one pass: asking whether a name is ever
/// capitalised was a scan of the whole source per name, 15% of the corpus
/// concatenation's instructions.
struct SourceWords<'d> {
    source: &'d str,
    /// Each run's text and its last occurrence in `runs`.
    last: FxHashMap<&'d str, u32>,
    /// Each run's start and the previous occurrence of its text in `runs`, if any: one
    /// array for the whole document rather than a vector per distinct word.
    runs: Vec<(u32, Option<u32>)>,
}

impl<'d> SourceWords<'d> {
    fn new(source: &'d str) -> Self {
        let mut words = Self {
            source,
            last: FxHashMap::default(),
            runs: Vec::new(),
        };
        let mut at = 0;
        while at < source.len() {
            let (first, width) = char_at(source, at);
            let start = at;
            at += width;
            if !is_word_char(first) {
                continue;
            }
            while at < source.len() {
                let (c, width) = char_at(source, at);
                if !is_word_char(c) {
                    break;
                }
                at += width;
            }
            if Self::indexed(first) {
                words.add(start, at);
            }
        }
        words
    }

    /// Whether runs starting with `first` are indexed: a capitalised word's, or a
    /// number's (a name written `3d`).
    fn indexed(first: char) -> bool {
        first.is_uppercase() || first.is_ascii_digit()
    }

    fn add(&mut self, start: usize, end: usize) {
        // Offsets fit: a document is read whole, and is far below 4 GB.
        let index = self.runs.len() as u32;
        let previous = self.last.insert(&self.source[start..end], index);
        self.runs.push((start as u32, previous));
    }

    /// Whether `text` occurs in the source with no letter or digit right before or
    /// after it. An occurrence of a text that starts with a capital or a digit starts a
    /// run, and that run is the text's own first run (what follows it in the text, if
    /// anything, is not a letter or digit): only that run's occurrences need a look.
    /// Any other text (`-x`, a word of a script without case) is searched for in the
    /// whole source.
    fn written_as_word(&self, text: &str) -> bool {
        if !text.chars().next().is_some_and(Self::indexed) {
            return self
                .source
                .match_indices(text)
                .any(|(at, _)| self.bounded_before(at) && self.bounded_after(at, text));
        }
        let first_run = text
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len());
        let mut next = self.last.get(&text[..first_run]).copied();
        while let Some(index) = next {
            let (at, previous) = self.runs[index as usize];
            let at = at as usize;
            if self.source[at..].starts_with(text) && self.bounded_after(at, text) {
                return true;
            }
            next = previous;
        }
        false
    }

    /// Whether no letter or digit comes right before offset `at`.
    fn bounded_before(&self, at: usize) -> bool {
        !self.source[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    }

    /// Whether no letter or digit comes right after `text` written at offset `at`.
    fn bounded_after(&self, at: usize, text: &str) -> bool {
        !self.source[at + text.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }
}

/// [`char::is_alphanumeric`], answered from the code point for ASCII and for the CJK
/// ideographs that fill the Chinese lists, before the Unicode tables are looked up:
/// the table lookup per character was most of the cost of indexing a CJK source.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
    }
}

/// The char at byte `at` of `text` and its width, read from the byte alone where the
/// text is ASCII, as most of it is: a `char_indices` walk cost three times as many
/// instructions.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (char::from(byte), 1);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// `Upper`/`Lower` for a description of a few words starting with a plain word; `None`
/// for CJK text (a Latin name opening a Chinese sentence keeps its spelling), digits and
/// markup, words with capitals inside (`iOS`, `gRPC`), identifiers (`net/http`,
/// `cookies.txt`), the entry's own name or part of it (`[immudb](…) - immudb is…`,
/// `[go-isatty](…) - isatty for…`), names spelt
/// lowercase (`npm`, `uv's`: [`LowercaseNames`]), and a description of one or two
/// words, which is a name or a handle (`- mycodeschool`).
fn case_of(description: &str, name: &str, dest: &str, names: &LowercaseNames) -> Option<Case> {
    if has_cjk(description) || description.split_whitespace().nth(2).is_none() {
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
    let named = |text: &str, joiner: &[char]| {
        text.split(|c: char| !c.is_alphanumeric() && !joiner.contains(&c))
            .any(|part| part.eq_ignore_ascii_case(word))
    };
    // `uv's`, `npm-based`: the name before a possessive or a compound.
    let stem = word.split(['\'', '-']).next().unwrap_or(word);
    let lowercase_name = names.contains(word) || names.contains(stem);
    // The entry's name, or a whole segment of its URL, is spelt as the entry spells it;
    // so is a part of its name (`[go-isatty](…) - isatty for golang.`) the document
    // never capitalises (`[go-ml-benchmarks](…) - benchmarks for…` is a plain word).
    let own = named(name, &['-'])
        || named(dest, &['-'])
        || (named(name, &[]) && !names.capitalised(word));
    (plain && !lowercase_name && !own).then_some(Case::Lower)
}

/// Whether `text` holds a CJK character ([`is_cjk`]). Every CJK range starts at
/// U+2E80 or above, written in UTF-8 from a byte 0xE2 or above: a text without such a
/// byte, as most descriptions are, is answered by a byte scan instead of a range test
/// per character (an eighth of the rule's instructions on the corpus concatenation).
fn has_cjk(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xE2) && text.chars().any(is_cjk)
}

/// How a description ends; `None` when it ends with markup (a link, code, a badge) or
/// with other punctuation that says nothing about the style.
fn ending_of(doc: &Document, description: &Range<usize>) -> Option<Ending> {
    let text = doc.slice(description);
    let last = text.chars().next_back()?;
    let at = description.end - last.len_utf8();
    let in_link = doc.links[..doc.links.partition_point(|l| l.span.start() <= at)]
        .iter()
        .rev()
        .take(4)
        .any(|l| l.span.contains(at));
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
    fn entries_stay_small() {
        assert_eq!(std::mem::size_of::<Entry>(), 36);
    }

    #[test]
    fn case_ignores_names_identifiers_and_cjk() {
        let doc = Document::parse("");
        let names = LowercaseNames::new(&doc);
        let case = |description: &str, name: &str| case_of(description, name, "", &names);
        assert_eq!(case("Fast JSON parser.", "x"), Some(Case::Upper));
        assert_eq!(case("fast, small JSON parser.", "x"), Some(Case::Lower));
        assert_eq!(case("immudb is a database.", "immudb"), None);
        assert_eq!(case("isatty for golang.", "go-isatty"), None);
        assert_eq!(case("iOS client for models.", "x"), None);
        assert_eq!(case("net/http based client library.", "x"), None);
        assert_eq!(case("virtualenv 的一组扩展。", "x"), None);
        assert_eq!(case("mycodeschool", "x"), None);
        assert_eq!(case("npm is awesome.", "x"), None);
        assert_eq!(case("webpack-compatible bundler in Rust.", "x"), None);
    }

    #[test]
    fn names_the_document_writes_lowercase() {
        let doc = Document::parse(
            "- [uv](https://a.example) - fast installer\n- [generate](https://b.example) - Generate code.\n- Run `ruff` on it.\n- [Ruff](https://c.example) - linter\n\n## Benchmarks\n",
        );
        let names = LowercaseNames::new(&doc);
        assert!(names.contains("uv"));
        assert!(names.contains("npm"));
        // Written capitalised elsewhere: a word, or a name with a capital.
        assert!(!names.contains("generate"));
        assert!(!names.contains("ruff"));
        assert!(!names.contains("fast"));
        let case = |description: &str| case_of(description, "go-benchmarks", "", &names);
        assert_eq!(case("uv's fast, minimal build backend."), None);
        assert_eq!(case("generate code from schemas."), Some(Case::Lower));
        // A part of the entry's name, but a word the document capitalises.
        assert_eq!(case("benchmarks for inference in Go."), Some(Case::Lower));
    }

    #[test]
    fn capitalised_words_are_found_only_as_whole_words() {
        let words = SourceWords::new("Gopher and Go-isatty, 3d (Uv). -x");
        assert!(words.written_as_word("Go"));
        assert!(words.written_as_word("Go-isatty"));
        assert!(words.written_as_word("Uv"));
        assert!(words.written_as_word("3d"));
        assert!(words.written_as_word("-x"));
        assert!(!words.written_as_word("Go-is"));
        assert!(!words.written_as_word("Goph"));
        assert!(!words.written_as_word("And"));
    }

    proptest::proptest! {
        /// The byte scan finds CJK text where the range test per character does.
        #[test]
        fn cjk_is_found_by_its_bytes(text in "(\\PC|[a-z ]|\u{2E7F}|\u{2E80}|\u{20000}){0,8}") {
            proptest::prop_assert_eq!(has_cjk(&text), text.chars().any(is_cjk));
        }

        /// The shortcuts for ASCII and CJK ideographs agree with the Unicode tables.
        #[test]
        fn word_chars_are_the_alphanumeric_chars(c in proptest::char::any()) {
            proptest::prop_assert_eq!(is_word_char(c), c.is_alphanumeric());
        }

        /// The index answers as a scan of the whole source for the text does.
        #[test]
        fn capitalised_words_match_a_scan_of_the_source(
            source in "[aAbB1 ª\u{00C9}é.-]{0,30}",
            text in "[aAbB1ª\u{00C9}é-]{1,4}",
        ) {
            let scan = source.match_indices(&text).any(|(at, _)| {
                !source[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                    && !source[at + text.len()..].chars().next().is_some_and(char::is_alphanumeric)
            });
            proptest::prop_assert_eq!(SourceWords::new(&source).written_as_word(&text), scan);
        }
    }

    #[test]
    fn cjk_sentences_end_with_cjk_punctuation() {
        let doc = Document::parse(
            "- [a](https://a.example)：中文描述。\n- [b](https://b.example)：没有句号\n",
        );
        let names = LowercaseNames::new(&doc);
        let found = list_entries(&doc, &names);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].ending, Some(Ending::Punctuated));
        assert_eq!(found[1].ending, Some(Ending::Bare));
        assert_eq!(
            found[0].separator.as_ref().map(|s| s.0),
            Some(Separator::FullwidthColon)
        );
    }
}
