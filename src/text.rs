//! Text helpers shared by the rules: name and whitespace normalisation (the TOC rules
//! match `复旦MOSS` to `【复旦】MOSS`, the duplicate rules see `TinyLlama` and
//! `**TinyLlama**` as one name), and what counts as CJK text and punctuation.

use std::hash::Hasher;

use icu_normalizer::ComposingNormalizerBorrowed;
use rustc_hash::FxHasher;

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
    fold_keeping(text, char::is_alphanumeric)
}

/// [`name_key`] of a text already [`fold`]ed.
pub fn key_of_folded(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// [`name_key`], but keeping the `+` and `#` that tell `C`, `C++` and `C#` apart: for
/// headings and link names compared as wholes, not matched loosely.
pub fn name_key_with_symbols(text: &str) -> String {
    fold_keeping(text, |c| c.is_alphanumeric() || c == '+' || c == '#')
}

/// The chars of [`fold`]`(text)` that `keep` keeps, folded as they are read instead of
/// into a `String` of the whole folded text first: folding every heading twice over
/// was a third of dup-section's instructions on the seed.
fn fold_keeping(text: &str, keep: impl Fn(char) -> bool) -> String {
    // Sized for the text, which a key hardly ever outgrows: growing a `String` char by
    // char reallocated it several times per heading.
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_alone(c) {
            Some(folded) if keep(folded) => key.push(folded),
            Some(_) => {}
            None => return fold_normalized(text, keep, key),
        }
    }
    key
}

/// [`fold`] of a char that NFKC neither composes with its neighbours nor turns into
/// several chars, read without the normalizer: ASCII, CJK ideographs, fullwidth ASCII
/// and the CJK and general punctuation names are written with. Headings and names are
/// such text (a third of the seed's headings are Chinese), and normalizing them was
/// two thirds of dup-section's own instructions. `None` for any other char.
fn fold_alone(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii() || is_ideograph(c) || is_stable_punctuation(c) => {
            Some(c.to_ascii_lowercase())
        }
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// Punctuation NFKC leaves as it is and that no neighbour composes with: dashes,
/// quotes, bullets and middle dots, CJK commas, stops and brackets.
fn is_stable_punctuation(c: char) -> bool {
    matches!(c,
        '\u{B7}' | '\u{2010}' | '\u{2012}'..='\u{2016}' | '\u{2018}'..='\u{2023}' | '\u{2027}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' | '\u{30FB}')
}

/// [`fold_keeping`] of any text: NFKC, lowercased, into `key` emptied first.
fn fold_normalized(text: &str, keep: impl Fn(char) -> bool, mut key: String) -> String {
    key.clear();
    let normalized = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    // `str::to_lowercase` lowercases char by char, except that a capital sigma ending a
    // word becomes `ς`: only then is the whole string lowercased first.
    if normalized.contains('Σ') {
        key.extend(normalized.to_lowercase().chars().filter(|&c| keep(c)));
    } else {
        let folded = normalized.chars().flat_map(char::to_lowercase);
        key.extend(folded.filter(|&c| keep(c)));
    }
    key
}

/// Whitespace runs collapsed to one space and trimmed: two copies of a paragraph that
/// differ only in line wrapping or spacing compare equal.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of `text`, as `split_whitespace` has them, found from the bytes: what
/// [`collapse_whitespace`] joins with single spaces, for callers that only count or hash
/// the collapsed text and need no `String` of it.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            match whitespace_len(bytes, i) {
                0 => break,
                len => i += len,
            }
        }
        let start = i;
        while i < bytes.len() {
            // Most bytes are neither ASCII whitespace nor the lead byte of a Unicode
            // space: they are skipped in one tight loop.
            i += bytes[i..]
                .iter()
                .position(|&b| b <= b' ' || (0xC2..=0xE3).contains(&b))
                .unwrap_or(bytes.len() - i);
            if i == bytes.len() || whitespace_len(bytes, i) > 0 {
                break;
            }
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// A hash of the words of `text` ([`words`]): equal for two texts that differ only in
/// whitespace, computed from the bytes without a `String` of the collapsed text.
pub fn hash_words(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for word in words(text) {
        hasher.write(word.as_bytes());
        // Never in UTF-8: ends each word, so that `ab c` and `a bc` differ.
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

/// Bytes of [`collapsed_opening`].
pub const OPENING_LEN: usize = 32;

/// The first [`OPENING_LEN`] bytes (or fewer, when shorter) of [`collapse_whitespace`]`(text)`,
/// read from the bytes and no further: two texts with the same words have the same
/// opening, so texts whose opening no other text has need no closer look. A CJK
/// paragraph is one long word: it is cut after the opening, not scanned to its end.
pub fn collapsed_opening(text: &str) -> ([u8; OPENING_LEN], usize) {
    let bytes = text.as_bytes();
    let mut opening = [0; OPENING_LEN];
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() && len < OPENING_LEN {
        let space = whitespace_len(bytes, i);
        if space > 0 {
            i += space;
            // One space between two words, none before the first or after the last.
            if len > 0 && i < bytes.len() && whitespace_len(bytes, i) == 0 {
                opening[len] = b' ';
                len += 1;
            }
            continue;
        }
        // The word's bytes up to the next byte that may start a space, copied at once:
        // a test and a store per byte was most of dup-paragraph's instructions.
        let room = (OPENING_LEN - len).min(bytes.len() - i);
        let run = 1 + bytes[i + 1..i + room]
            .iter()
            .position(|&b| b <= b' ' || (0xC2..=0xE3).contains(&b))
            .unwrap_or(room - 1);
        opening[len..len + run].copy_from_slice(&bytes[i..i + run]);
        len += run;
        i += run;
    }
    (opening, len)
}

/// Length of the whitespace char (as `char::is_whitespace` has it) at byte `i`, or 0,
/// read from the bytes: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000 are the only whitespace outside ASCII.
fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
    match bytes[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if next(1) == 0x81 && next(2) == 0x9F => 3,
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
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

/// The CJK Unified Ideographs and their Extension A: letters, and CJK, without case
/// (each lower-cases to itself), so folding and slugging keep them as they are.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Fullwidth and CJK punctuation: never part of a URL, always the sentence around it.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' | '\u{FE10}'..='\u{FE1F}'
        | '\u{FE30}'..='\u{FE6F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// Sentence punctuation typed with a CJK input method: it never belongs in a URL.
pub fn is_cjk_sentence_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '、' | '；' | '：' | '！' | '？' | '｡' | '､' | '．'
    )
}

/// Names whose canonical spelling is lowercase: "npm is awesome." starts with a name,
/// not with a lowercase letter where a capital belongs. Names with a capital inside
/// (`iOS`, `macOS`, `jQuery`, `gRPC`) need no entry: no lowercase start is plain.
pub const LOWERCASE_NAMES: &[&str] = &[
    "conda",
    "curl",
    "esbuild",
    "ffmpeg",
    "fzf",
    "gcc",
    "git",
    "htmx",
    "jq",
    "kubectl",
    "npm",
    "npx",
    "numpy",
    "pandas",
    "pip",
    "pipx",
    "pnpm",
    "pytest",
    "ripgrep",
    "rollup",
    "rustc",
    "rustup",
    "scikit-learn",
    "sklearn",
    "systemd",
    "tmux",
    "uv",
    "vim",
    "vite",
    "webpack",
    "wget",
    "yarn",
    "zsh",
];

/// Bytes of a list marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces and tabs after it
/// at the start of `text`; 0 when `text` does not start with one.
pub fn list_marker_len(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match text.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if digits > 0 => digits + 1,
        _ => return 0,
    };
    marker + text[marker..].len() - text[marker..].trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_are_measured_with_the_spaces_after_them() {
        assert_eq!(list_marker_len("- [a](b)"), 2);
        assert_eq!(list_marker_len("*   [a](b)"), 4);
        assert_eq!(list_marker_len("12. [a](b)"), 4);
        assert_eq!(list_marker_len("3)\t[a](b)"), 3);
        assert_eq!(list_marker_len("[a](b)"), 0);
        assert_eq!(list_marker_len("12 monkeys"), 0);
    }

    proptest::proptest! {
        #[test]
        fn whitespace_collapses_as_split_whitespace_has_it(
            text in "[a-z中 \t\r\n\u{85}\u{A0}\u{1680}\u{2000}-\u{200D}\u{2028}\u{202F}\u{205F}\u{3000}\u{3001}\u{FEFF}]{0,60}"
        ) {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(&collapse_whitespace(&text), &expected);
            proptest::prop_assert!(words(&text).eq(text.split_whitespace()));
            let (opening, len) = collapsed_opening(&text);
            let full = expected.len().min(OPENING_LEN);
            proptest::prop_assert_eq!(&opening[..len], &expected.as_bytes()[..full]);
        }
    }

    proptest::proptest! {
        #[test]
        fn names_fold_as_the_whole_text_folded_would(
            text in "[a-zA-Z0-9 +#*ΣσΑİẞ中Ｌｌ－①ﬁ\u{301}]{0,20}"
        ) {
            let folded = fold(&text);
            proptest::prop_assert_eq!(name_key(&text), key_of_folded(&folded));
            let with_symbols: String = folded
                .chars()
                .filter(|&c| c.is_alphanumeric() || c == '+' || c == '#')
                .collect();
            proptest::prop_assert_eq!(name_key_with_symbols(&text), with_symbols);
        }
    }

    /// Every char [`fold_alone`] reads folds as NFKC and lowercasing fold it.
    #[test]
    fn chars_folded_alone_fold_as_the_normalizer_folds_them() {
        let mut alone = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if let Some(folded) = fold_alone(c) {
                assert_eq!(fold(&c.to_string()), folded.to_string(), "{c:?}");
                alone += 1;
            }
        }
        assert!(alone > 27_000, "{alone}");
    }

    proptest::proptest! {
        /// Text of such chars folds as the whole text normalized would: none of them
        /// composes with another.
        #[test]
        fn texts_folded_char_by_char_fold_as_normalized(
            text in "[a-zA-Z0-9 +#()\\[\\]·—“”中文㐀鿿（）【】「」、。・Ａｚ０＃＋]{0,20}"
        ) {
            let keep = |c: char| c.is_alphanumeric() || c == '+' || c == '#';
            proptest::prop_assert_eq!(
                name_key_with_symbols(&text),
                fold_normalized(&text, keep, String::new())
            );
        }
    }

    #[test]
    fn names_lose_decoration_but_keep_every_script() {
        assert_eq!(name_key("【复旦】MOSS"), "复旦moss");
        assert_eq!(name_key("**TinyLlama** (1.1B)"), "tinyllama11b");
        assert_eq!(name_key("Ｌｌａｍａ－２"), "llama2");
        assert_eq!(name_key_with_symbols("**C++** & C#"), "c++c#");
        assert_eq!(name_key_with_symbols("Ｃ＃ ΟΔΥΣΣΕΥΣ"), "c#οδυσσευς");
        assert_eq!(collapse_whitespace(" a\n b   c "), "a b c");
        assert!(is_cjk('复') && !is_cjk('M'));
    }

    #[test]
    fn sentence_marks_are_cjk_punctuation() {
        for c in "。，、；：！？｡､．".chars() {
            assert!(is_cjk_sentence_mark(c) && is_cjk_punctuation(c), "{c}");
        }
        assert!(is_cjk_punctuation('（') && !is_cjk_sentence_mark('（'));
        assert!(!is_cjk_punctuation('.') && !is_cjk_sentence_mark('.'));
    }
}
