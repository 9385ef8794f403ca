//! Text normalisation shared by the rules that compare names and paragraphs: the TOC
//! rules match `复旦MOSS` to `【复旦】MOSS`, the duplicate rules see `TinyLlama` and
//! `**TinyLlama**` as one name.

use icu_normalizer::ComposingNormalizerBorrowed;

/// NFKC (fullwidth `Ｌｌａｍａ` → `Llama`), then lower case.
pub fn fold(text: &str) -> String {
    ComposingNormalizerBorrowed::new_nfkc()
        .normalize(text)
        .to_lowercase()
}

/// A name reduced to what identifies it: [`fold`]ed, with brackets, markdown markers,
/// punctuation, symbols and whitespace removed. Letters and digits of every script stay.
pub fn name_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whitespace runs collapsed to one space and trimmed: two copies of a paragraph that
/// differ only in line wrapping or spacing compare equal.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a character is CJK (Han, kana, hangul, and their punctuation): each one is a
/// word of its own when matching names.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{30FF}' | '\u{3100}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_decoration_but_keep_every_script() {
        assert_eq!(name_key("【复旦】MOSS"), "复旦moss");
        assert_eq!(name_key("**TinyLlama** (1.1B)"), "tinyllama11b");
        assert_eq!(name_key("Ｌｌａｍａ－２"), "llama2");
        assert_eq!(collapse_whitespace(" a\n b   c "), "a b c");
        assert!(is_cjk('复') && !is_cjk('M'));
    }
}
