//! How a `#fragment` is read: percent-decoded, and folded for the spelling differences
//! GitHub forgives. Shared by resolving fragments ([`super::anchors`]) and suggesting
//! headings for broken ones ([`super::suggest`]).

use crate::text::is_ideograph;

/// Lower case, U+FE0F dropped: the spelling differences GitHub forgives.
pub(super) fn lenient_key(fragment: &str) -> String {
    let mut key = String::with_capacity(fragment.len());
    push_lenient_key(fragment, &mut key);
    key
}

/// Appends [`lenient_key`] of `fragment` to `out`. ASCII and CJK ideographs, most of
/// an anchor, are copied a run at a time and lowered in place (lowering never makes an
/// ASCII capital): only the other characters are lowered one by one (a push per
/// character was half of indexing the seed's anchors).
pub(super) fn push_lenient_key(fragment: &str, out: &mut String) {
    let start = out.len();
    // An ASCII anchor, as most English lists' are, is told by a check a word at a time.
    if fragment.is_ascii() {
        out.push_str(fragment);
    } else {
        let mut run = 0;
        for (i, c) in fragment.char_indices() {
            if !(c.is_ascii() || is_ideograph(c)) {
                out.push_str(&fragment[run..i]);
                run = i + c.len_utf8();
                if c != '\u{FE0F}' {
                    out.extend(c.to_lowercase());
                }
            }
        }
        out.push_str(&fragment[run..]);
    }
    out[start..].make_ascii_lowercase();
}

/// The fragment of `#fragment`, percent-decoded (kept as written if that is not UTF-8).
pub(super) fn fragment_of(dest: &str) -> Option<String> {
    let raw = dest.strip_prefix('#')?;
    Some(percent_decode(raw).unwrap_or_else(|| raw.to_owned()))
}

fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lower case and without U+FE0F, as every character lowered one by one.
    fn lenient_key_by_char(fragment: &str) -> String {
        fragment
            .chars()
            .filter(|&c| c != '\u{FE0F}')
            .flat_map(char::to_lowercase)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn lenient_keys_lower_every_character(fragment in "[a-zA-Z0-9 \\-_İKΣΩéÉ模型一-龥\u{FE0F}\u{301}😀]{0,16}") {
            proptest::prop_assert_eq!(lenient_key(&fragment), lenient_key_by_char(&fragment));
        }
    }

    #[test]
    fn ideographs_have_no_case() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_ideograph(c))
        {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
