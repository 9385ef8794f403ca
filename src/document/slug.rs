//! GitHub heading anchors, computed the way github-slugger (GitHub's reference) does.
//!
//! A slug is the heading text lower-cased, with every character removed that is
//! punctuation (except `-` and `_`), a symbol (emoji included), a control, format or
//! private-use character, an "other number" or a separator other than a plain space;
//! each space then becomes `-`. Letters, marks and digits of every script survive,
//! so CJK headings keep their characters. Repeats get `-1`, `-2`, … suffixes.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::slug_table::KEPT;
use crate::text::is_ideograph;

/// Computes unique anchors for the headings of one document, in document order.
#[derive(Debug, Default)]
pub struct Slugger {
    /// Every anchor given so far, and for an anchor given as a heading's own slug the
    /// last suffix tried for a repeat of it (github-slugger's `occurrences`).
    occurrences: FxHashMap<String, usize>,
    /// The last anchor given: a buffer reused from heading to heading.
    anchor: String,
}

impl Slugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// A slugger with room for the anchors of `headings` headings: the map grown by
    /// doubling rehashed every anchor given before at each step.
    pub fn with_capacity(headings: usize) -> Self {
        Self {
            occurrences: FxHashMap::with_capacity_and_hasher(headings, Default::default()),
            anchor: String::new(),
        }
    }

    /// The anchor GitHub gives a heading with this text, given the headings before it.
    ///
    /// github-slugger's loop: while the anchor is taken, count one more repeat of the
    /// heading's own slug and try it with that suffix. A new slug is looked up once;
    /// the candidates of a repeat are built in one buffer, without `format!`, and only
    /// the free one is copied into the map. (Looking every candidate up twice, each
    /// built with `format!` and returned as a copy, cost 26 M instructions on the 10
    /// MB list's 11,800 headings, most of them repeats: serial work after the parse.)
    pub fn slug(&mut self, text: &str) -> &str {
        let Self {
            occurrences,
            anchor,
        } = self;
        anchor.clear();
        let mut count = match occurrences.entry(slugify(text)) {
            Entry::Vacant(vacant) => {
                anchor.push_str(vacant.key());
                vacant.insert(0);
                return anchor;
            }
            Entry::Occupied(original) => {
                anchor.push_str(original.key());
                *original.get()
            }
        };
        let original = anchor.len();
        loop {
            count += 1;
            anchor.truncate(original);
            push_suffix(anchor, count);
            if !occurrences.contains_key(anchor.as_str()) {
                break;
            }
        }
        occurrences.insert(anchor.clone(), 0);
        if let Some(last) = occurrences.get_mut(&anchor[..original]) {
            *last = count;
        }
        anchor
    }
}

/// `-` and `count` in decimal.
fn push_suffix(out: &mut String, mut count: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (count % 10) as u8;
        count /= 10;
        if count == 0 {
            break;
        }
    }
    out.push('-');
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// The anchor for `text` without the uniqueness suffix.
///
/// Each character is slugged on its own. ASCII is read as bytes and CJK ideographs
/// (caseless letters) are kept as they are: lower-casing every character through
/// `char::to_lowercase` and looking each up in [`KEPT`] was most of the 51 M
/// instructions the 10 MB list's anchors took, serial after its parts are merged.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            push_ascii(&mut out, c as u8);
        } else if is_ideograph(c) {
            out.push(c);
        } else {
            push_lowered(&mut out, c);
        }
    }
    out
}

fn push_ascii(out: &mut String, b: u8) {
    if b == b' ' {
        out.push('-');
    } else if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// Any character: lower-cased (to one or more characters), each kept or dropped.
fn push_lowered(out: &mut String, c: char) {
    for c in c.to_lowercase() {
        if c == ' ' {
            out.push('-');
        } else if is_kept(c) {
            out.push(c);
        }
    }
}

fn is_kept(c: char) -> bool {
    if c == '-' || c.is_ascii_alphanumeric() || c == '_' {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    KEPT.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character slugs as lower-casing it and keeping what [`KEPT`] keeps: the
    /// fast paths of [`slugify`] agree with the definition everywhere, and as each
    /// character is slugged alone, on every text.
    #[test]
    fn every_character_slugs_as_defined() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut defined = String::new();
            push_lowered(&mut defined, c);
            assert_eq!(slugify(c.encode_utf8(&mut [0; 4])), defined, "{c:?}");
        }
    }

    /// github-slugger's loop as it reads, with `format!`: what [`Slugger::slug`] must
    /// give on every sequence of headings.
    #[derive(Default)]
    struct Definition(std::collections::HashMap<String, usize>);

    impl Definition {
        fn slug(&mut self, text: &str) -> String {
            let original = slugify(text);
            let mut result = original.clone();
            while self.0.contains_key(&result) {
                let count = self.0.get_mut(&original).map_or(1, |n| {
                    *n += 1;
                    *n
                });
                result = format!("{original}-{count}");
            }
            self.0.insert(result.clone(), 0);
            result
        }
    }

    proptest::proptest! {
        /// Headings built to collide: repeats, texts that slug to another's suffixed
        /// anchor (`a-1`, `a 1`, `A-1-1`) and suffixes of ten and more.
        #[test]
        fn repeats_are_suffixed_as_github_slugger_does(
            texts in proptest::collection::vec("(a|A|b)?([- ](1|2|10|11)){0,2}", 0..60),
        ) {
            let (mut slugger, mut definition) = (Slugger::new(), Definition::default());
            for text in &texts {
                proptest::prop_assert_eq!(slugger.slug(text), definition.slug(text));
            }
        }
    }

    #[test]
    fn suffixes_are_written_in_decimal() {
        for count in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut out = String::from("x");
            push_suffix(&mut out, count);
            assert_eq!(out, format!("x-{count}"));
        }
    }

    #[test]
    fn cases_lists_meet() {
        let mut s = Slugger::new();
        let cases = [
            ("Table of Contents", "table-of-contents"),
            ("百川 Baichuan-7B", "百川-baichuan-7b"),
            ("【复旦】MOSS", "复旦moss"),
            (
                "EVA: 大规模中文开放域对话系统",
                "eva-大规模中文开放域对话系统",
            ),
            ("训练/推理", "训练推理"),
            ("🚀 Getting Started", "-getting-started"),
            ("Lit-LLaMA \u{fe0f}", "lit-llama-\u{fe0f}"),
            ("Foo `bar` baz", "foo-bar-baz"),
            ("C++ & C#", "c--c"),
            ("Ｆｕｌｌ，ｗｉｄｔｈ", "ｆｕｌｌｗｉｄｔｈ"),
            ("snake_case", "snake_case"),
            ("alpha", "alpha"),
            ("alpha", "alpha-1"),
            ("alpha", "alpha-2"),
            ("alpha-1", "alpha-1-1"),
            ("", ""),
            ("", "-1"),
        ];
        for (input, expected) in cases {
            assert_eq!(s.slug(input), expected, "slug of {input:?}");
        }
    }
}
