//! How a `#fragment` is read: percent-decoded, and folded for the spelling differences
//! GitHub forgives. Shared by resolving fragments ([`super::anchors`]) and suggesting
//! headings for broken ones ([`super::suggest`]).

/// Lower case, U+FE0F dropped: the spelling differences GitHub forgives.
pub(super) fn lenient_key(fragment: &str) -> String {
    let mut key = String::new();
    push_lenient_key(fragment, &mut key);
    key
}

/// Appends [`lenient_key`] of `fragment` to `out`.
pub(super) fn push_lenient_key(fragment: &str, out: &mut String) {
    if fragment.is_ascii() {
        let start = out.len();
        out.push_str(fragment);
        out[start..].make_ascii_lowercase();
        return;
    }
    out.extend(
        fragment
            .chars()
            .filter(|&c| c != '\u{FE0F}')
            .flat_map(char::to_lowercase),
    );
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
