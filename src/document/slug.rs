//! GitHub heading anchors, computed the way github-slugger (GitHub's reference) does.
//!
//! A slug is the heading text lower-cased, with every character removed that is
//! punctuation (except `-` and `_`), a symbol (emoji included), a control, format or
//! private-use character, an "other number" or a separator other than a plain space;
//! each space then becomes `-`. Letters, marks and digits of every script survive,
//! so CJK headings keep their characters. Repeats get `-1`, `-2`, … suffixes.

use rustc_hash::FxHashMap;

use super::slug_table::KEPT;

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
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == ' ' {
            out.push('-');
        } else if is_kept(c) {
            out.push(c);
        }
    }
    out
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
