//! GitHub heading anchors, computed the way github-slugger (GitHub's reference) does.
//!
//! A slug is the heading text lower-cased, with every character removed that is
//! punctuation (except `-` and `_`), a symbol (emoji included), a control, format or
//! private-use character, an "other number" or a separator other than a plain space;
//! each space then becomes `-`. Letters, marks and digits of every script survive,
//! so CJK headings keep their characters. Repeats get `-1`, `-2`, … suffixes.

use rustc_hash::FxHashMap;

use super::slug_table::KEPT;
use crate::text::is_ideograph;

/// Computes unique anchors for the headings of one document, in document order.
#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: FxHashMap<String, usize>,
}

impl Slugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// The anchor GitHub gives a heading with this text, given the headings before it.
    pub fn slug(&mut self, text: &str) -> String {
        let original = slugify(text);
        let mut result = original.clone();
        while self.occurrences.contains_key(&result) {
            let count = self.occurrences.get_mut(&original).map_or(1, |n| {
                *n += 1;
                *n
            });
            result = format!("{original}-{count}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }
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
