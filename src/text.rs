//! Text normalisation shared by the rules that compare names and paragraphs: the TOC
//! rules match `复旦MOSS` to `【复旦】MOSS`, the duplicate rules see `TinyLlama` and
//! `**TinyLlama**` as one name.

use icu_normalizer::ComposingNormalizerBorrowed;

/// NFKC (fullwidth `Ｌｌａｍａ` → `Llama`), then lower case.
pub fn fold(text: &str) -> String {
    // NFKC leaves ASCII as it is.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    ComposingNormalizerBorrowed::new_nfkc()
        .normalize(text)
        .to_lowercase()
}

/// A name reduced to what identifies it: [`fold`]ed, with brackets, markdown markers,
/// punctuation, symbols and whitespace removed. Letters and digits of every script stay.
pub fn name_key(text: &str) -> String {
    key_of_folded(&fold(text))
}

/// [`name_key`] of a text already [`fold`]ed.
pub fn key_of_folded(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whitespace runs collapsed to one space and trimmed: two copies of a paragraph that
/// differ only in line wrapping or spacing compare equal.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    let mut i = 0;
    while i < text.len() {
        let space_len = whitespace_len(text, i);
        if space_len == 0 {
            word_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word_start.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[start..i]);
        }
        i += space_len;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// Length of the whitespace char starting at byte `i`, 0 if there is none. Only the
/// lead bytes of Unicode's non-ASCII spaces (0xC2, 0xE1, 0xE2, 0xE3) need decoding;
/// every other byte is answered without it.
fn whitespace_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
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
        for text in [
            "",
            "  ",
            "中\u{3000}文\u{A0}x\u{2028}y\u{85}",
            "\u{200B} a\u{2003}\u{2003}b\r\n",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
        assert!(is_cjk('复') && !is_cjk('M'));
    }
}
