//! A mistyped scheme (`hhttps://`, `https//`, `ｈｔｔｐｓ：//`) or fullwidth punctuation in
//! a host: how `url-invalid` reads one and repairs it.

use std::ops::Range;

use crate::document::{Document, find_bare_urls};

use crate::rules::urls::{intended_len, web_host_and_tail};

/// A mistyped scheme (`hhttps://`, `https//`, `ｈｔｔｐｓ：//`) or fullwidth punctuation
/// in a host, and its repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistyped {
    /// Bytes of the URL that are replaced: the scheme, separator and, when repaired,
    /// the host.
    pub len: usize,
    /// What replaces them (`https://`, `https://github.com`).
    pub fixed: String,
}

/// The schemes a web URL is a typo of.
const WEB_SCHEMES: [&str; 2] = ["http", "https"];

/// Reads the start of `url` as a web URL whose scheme, `://` or host punctuation is
/// mistyped; `None` when it is correct or is not meant as a web URL. Hosts are
/// repaired only when `repair_host` (in a link destination, where the host's end is
/// certain; a bare URL ends at the first fullwidth character anyway).
pub fn mistyped(url: &str, repair_host: bool) -> Option<Mistyped> {
    if well_typed(url, repair_host) {
        return None;
    }
    let mut chars = url.char_indices().peekable();
    // Read into fixed buffers: most words read here are no URL, and allocating for
    // each was half the cost of scanning the text for typos.
    let mut scheme = [0u8; MAX_SCHEME];
    let mut scheme_len = 0;
    let (mut leading_colons, mut separator_len) = (0, 0);
    let mut fullwidth = false;
    let mut len = 0;
    while let Some(&(i, c)) = chars.peek() {
        match to_ascii(c) {
            Some(a) if a.is_ascii_alphabetic() && scheme_len < MAX_SCHEME => {
                scheme[scheme_len] = a as u8;
                scheme_len += 1;
            }
            _ => break,
        }
        fullwidth |= !c.is_ascii();
        len = i + c.len_utf8();
        chars.next();
    }
    while let Some(&(i, c)) = chars.peek() {
        match to_ascii(c) {
            Some(a @ (':' | '/')) if separator_len < MAX_SEPARATOR => {
                if a == ':' && leading_colons == separator_len {
                    leading_colons += 1;
                }
                separator_len += 1;
            }
            _ => break,
        }
        fullwidth |= !c.is_ascii();
        len = i + c.len_utf8();
        chars.next();
    }
    // A host must follow.
    if !chars.peek().is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return None;
    }
    let slashes = separator_len - leading_colons;
    let separator_ok =
        leading_colons <= 2 && (1..=3).contains(&slashes) && (leading_colons > 0 || slashes == 2);
    if !separator_ok {
        return None;
    }
    let scheme = std::str::from_utf8(&scheme[..scheme_len]).ok()?;
    let lower = scheme.to_ascii_lowercase();
    let target = if lower == "ftp" || WEB_SCHEMES.contains(&lower.as_str()) {
        if fullwidth { lower.as_str() } else { scheme }
    } else {
        closest_web_scheme(&lower)?
    };
    let mut fixed = format!("{target}://");
    if repair_host {
        let host_end = url[len..]
            .find(['/', '?', '#', ' '])
            .map_or(url.len(), |i| len + i);
        let host = &url[len..host_end];
        let folded: String = host.chars().map(|c| to_ascii(c).unwrap_or(c)).collect();
        if folded != host {
            fixed.push_str(&folded);
            len = host_end;
        }
    }
    (url[..len] != fixed).then_some(Mistyped { len, fixed })
}

/// Letters [`mistyped`] reads as a scheme; a longer word is no scheme.
const MAX_SCHEME: usize = 8;

/// `:` and `/` [`mistyped`] reads as the separator after the scheme.
const MAX_SEPARATOR: usize = 6;

/// The common case, answered without allocating: `http://` or `https://` and a host
/// that starts with a letter or digit (and, when hosts are repaired, is ASCII).
fn well_typed(url: &str, repair_host: bool) -> bool {
    web_host_and_tail(url).is_some_and(|(host, _)| {
        host.starts_with(|c: char| c.is_ascii_alphanumeric()) && (!repair_host || host.is_ascii())
    })
}

/// The web scheme one edit away from `scheme`, if exactly one is.
fn closest_web_scheme(scheme: &str) -> Option<&'static str> {
    let mut close = WEB_SCHEMES.iter().filter(|s| edit_distance(scheme, s) == 1);
    let first = close.next()?;
    close.next().is_none().then_some(*first)
}

/// Levenshtein distance of two short ASCII strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The ASCII character a fullwidth form or ideographic full stop stands for.
fn to_ascii(c: char) -> Option<char> {
    match c {
        c if c.is_ascii() => Some(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3002}' | '\u{FF61}' => Some('.'),
        _ => None,
    }
}

/// The offset of the first `:` or `/`, ASCII or fullwidth, at or after `from`: a SIMD
/// search for their first bytes, as the fullwidth forms (U+FF1A, U+FF0F) are the only
/// ones that start with byte 0xEF.
fn next_separator(source: &str, mut from: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    loop {
        let at = from + memchr::memchr3(b':', b'/', 0xEF, &bytes[from..])?;
        if bytes[at] != 0xEF || source[at..].starts_with(['\u{FF1A}', '\u{FF0F}']) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Whether the separator at `at` is one ASCII `/` followed by no other separator: after
/// a word it is a path (`blob/main`), never a scheme's `://` mistyped, which needs a
/// colon or two slashes. Most separators in text are these, in bare URLs.
fn is_lone_slash(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    bytes[at] == b'/' && !matches!(bytes.get(at + 1), Some(b':' | b'/' | 0xEF))
}

/// Where the word of scheme letters ending at `separator` starts, when it is as long as
/// a scheme [`mistyped`] repairs can be: `ftp`, `http`, `https` or one edit from the last
/// two, 3 to 6 letters. Most separators follow no such word (`/` in a path after `.com`
/// does), and [`mistyped`] is then not called at all.
fn scheme_start(text: &str, separator: usize) -> Option<usize> {
    let is_letter = |c: char| to_ascii(c).is_some_and(|a| a.is_ascii_alphabetic());
    let mut start = separator;
    let mut letters = 0;
    for c in text[..separator].chars().rev().take(7) {
        if !is_letter(c) {
            break;
        }
        start -= c.len_utf8();
        letters += 1;
    }
    (3..=6).contains(&letters).then_some(start)
}

/// Mistyped web URLs in plain text, which GitHub does not link at all
/// (`- hhttps://arxiv.org/abs/2401.01335`): byte range of the URL as the author
/// meant it, and its repair.
pub fn mistyped_in_text(doc: &Document) -> Vec<(Range<usize>, Mistyped)> {
    let mut found = Vec::new();
    // A mistyped URL is a word of scheme letters and then a separator: look at the
    // letters before each separator rather than at every word. A search does not stop
    // at the end of its run: the separator it finds serves every run before it, so the
    // short runs of CJK prose share one search (a search per run was 0.53 M of the
    // seed's instructions). One found in a gap between runs (a link destination) is
    // not stepped past separator by separator: the search starts again at the run.
    let mut next = next_separator(doc.source, 0);
    let mut previous_end = 0;
    for run in doc.text_runs.iter().map(|run| run.range()) {
        debug_assert!(run.start >= previous_end, "text runs are in document order");
        previous_end = run.end;
        if next.is_some_and(|at| at < run.start) {
            next = next_separator(doc.source, run.start);
        }
        let text = doc.slice(run.clone());
        while let Some(at) = next.filter(|&at| at < run.end) {
            next = next_separator(doc.source, at + 1);
            let separator = at - run.start;
            if is_lone_slash(text, separator) {
                continue;
            }
            let Some(i) = scheme_start(text, separator) else {
                continue;
            };
            if found
                .last()
                .is_some_and(|(r, _): &(Range<usize>, _)| r.end > run.start + i)
            {
                continue;
            }
            // Without host repair only the scheme, separator and next char are read, none
            // of which can be whitespace or `<`: the rest of the run stands for the token.
            let Some(typo) = mistyped(&text[i..], false) else {
                continue;
            };
            let token_end = text[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '<')
                .map_or(text.len(), |n| i + n);
            let token = &text[i..token_end];
            // Where the repaired URL would end, as the autolinker and the author see it.
            let repaired = format!("{}{}", typo.fixed, &token[typo.len..]);
            let repaired_len = intended_len(&repaired).unwrap_or_else(|| {
                find_bare_urls(&repaired)
                    .first()
                    .filter(|r| r.start == 0)
                    .map_or(repaired.len(), |r| r.end)
            });
            let len = (repaired_len + typo.len)
                .saturating_sub(typo.fixed.len())
                .max(typo.len);
            found.push((run.start + i..run.start + i + len, typo));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(url: &str) -> Option<String> {
        mistyped(url, true).map(|m| format!("{}{}", m.fixed, &url[m.len..]))
    }

    #[test]
    fn scheme_typos_are_repaired() {
        assert_eq!(
            repair("hhttps://arxiv.org/abs/1").as_deref(),
            Some("https://arxiv.org/abs/1")
        );
        assert_eq!(repair("htps://a.org").as_deref(), Some("https://a.org"));
        assert_eq!(repair("htp://a.org").as_deref(), Some("http://a.org"));
        assert_eq!(repair("ttps://a.org").as_deref(), Some("https://a.org"));
        assert_eq!(repair("https//a.org").as_deref(), Some("https://a.org"));
        assert_eq!(repair("https:/a.org").as_deref(), Some("https://a.org"));
        assert_eq!(repair("http:://a.org").as_deref(), Some("http://a.org"));
        assert_eq!(repair("https:///a.org").as_deref(), Some("https://a.org"));
        assert_eq!(
            repair("ｈｔｔｐｓ://a.org").as_deref(),
            Some("https://a.org")
        );
        assert_eq!(repair("https：//a.org").as_deref(), Some("https://a.org"));
        assert_eq!(
            repair("https://github。com/x").as_deref(),
            Some("https://github.com/x")
        );
    }

    #[test]
    fn correct_and_foreign_schemes_are_left_alone() {
        for url in [
            "https://a.org",
            "HTTPS://a.org",
            "ftp://a.org",
            "mailto:x@a.org",
            "file:///etc",
            "hxxp://a.org",
            "httpx://a.org",
            "docs/https/x.md",
            "https/x.md",
            "note: see",
        ] {
            assert_eq!(repair(url), None, "{url}");
        }
    }

    proptest::proptest! {
        /// `mistyped_in_text` skips a word before a lone `/` without reading it: no such
        /// word is a typo `mistyped` repairs.
        #[test]
        fn words_before_a_lone_slash_are_never_typos(
            word in "f?[hHｈ]{0,2}[tTｔ]{0,3}[pP]{0,2}[sSｓ]{0,2}",
            rest in "[a-z0-9:/：／ ]{0,4}",
        ) {
            let text = format!("{word}/{rest}");
            if is_lone_slash(&text, word.len()) {
                proptest::prop_assert_eq!(mistyped(&text, false), None, "{}", text);
            }
        }

        /// `mistyped_in_text` skips words by their length before reading them: it must
        /// skip none that `mistyped` repairs.
        #[test]
        fn words_skipped_by_length_are_never_typos(
            word in "f?[hHｈ]{0,2}[tTｔ]{0,3}[pP]{0,2}[sSｓ]{0,2}",
            separator in "[:/：／]{1,4}",
            host in "[a-z0-9]{1,4}",
        ) {
            let text = format!("{word}{separator}{host}");
            if mistyped(&text, false).is_some() {
                proptest::prop_assert_eq!(scheme_start(&text, word.len()), Some(0), "{}", text);
            }
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("hhttps", "https"), 1);
        assert_eq!(edit_distance("htps", "http"), 2);
        assert_eq!(edit_distance("https", "https"), 0);
    }
}
