//! Bare URLs exactly as GitHub's renderer (cmark-gfm's autolink extension) finds them.
//!
//! pulldown-cmark has no such extension, so the document model runs this over each run
//! of plain text. What matters for curated lists is where a link *ends*: the autolinker
//! stops only at ASCII whitespace or `<`, and trims only ASCII punctuation, so a URL
//! followed directly by Chinese text or fullwidth punctuation swallows it.

use std::ops::Range;

/// Byte ranges (relative to `text`) of the autolinks in a run of plain text.
///
/// Only a `:` (of `://`) or a `w` (of `www.`) can start one: a SIMD search jumps from one
/// to the next instead of matching every byte of the run, which was most of the cost of
/// flushing a text run (3.3 M of the seed's 12.2 M instructions of parsing).
pub fn find_bare_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr3(b':', b'w', b'W', &bytes[i..]) {
        let at = i + at;
        let candidate = if bytes[at] == b':' {
            scheme_url(text, at)
        } else {
            www_url(text, at)
        };
        match candidate {
            Some(range)
                if found
                    .last()
                    .is_none_or(|r: &Range<usize>| r.end <= range.start) =>
            {
                i = range.end;
                found.push(range);
            }
            _ => i = at + 1,
        }
    }
    found
}

/// `http://`, `https://` or `ftp://`, found from its colon: the scheme must not be
/// preceded by another ASCII letter (`hhttps://` is not a link, `见https://` is).
fn scheme_url(text: &str, colon: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut start = colon;
    while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    let scheme = &text[start..colon];
    let known = ["http", "https", "ftp"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme));
    if !known || !text[colon..].starts_with("://") {
        return None;
    }
    let host_start = colon + 3;
    let host_len = domain_len(&text[host_start..], true)?;
    finish(text, start, host_start + host_len)
}

/// `www.` links start only at the beginning or after whitespace or `*_~(`.
fn www_url(text: &str, start: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    if start > 0
        && !matches!(
            bytes[start - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | b'~' | b'('
        )
    {
        return None;
    }
    if !text[start..].get(..4)?.eq_ignore_ascii_case("www.") {
        return None;
    }
    let len = domain_len(&text[start..], false)?;
    finish(text, start, start + len)
}

/// Length of a valid domain at the start of `text`: letters and digits of any script,
/// `-`, `_` and `.`, with no underscore in the last two labels.
fn domain_len(text: &str, allow_short: bool) -> Option<usize> {
    let mut end = 0;
    let (mut underscores_last, mut underscores_prev, mut dots) = (0, 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '_' => underscores_last += 1,
            '.' => {
                underscores_prev = underscores_last;
                underscores_last = 0;
                dots += 1;
            }
            '-' => {}
            c if c.is_alphanumeric()
                || (!c.is_ascii() && !c.is_whitespace() && !is_unicode_punctuation(c)) => {}
            _ => break,
        }
        end = i + c.len_utf8();
    }
    if end == 0 || underscores_last > 0 || underscores_prev > 0 {
        return None;
    }
    (allow_short || dots > 0).then_some(end)
}

fn is_unicode_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}')
}

/// Extends a link past its domain to the next ASCII whitespace or `<`, then trims
/// trailing ASCII punctuation, unbalanced `)` and a trailing `&entity;`.
fn finish(text: &str, start: usize, domain_end: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut end = domain_end;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() && bytes[end] != b'<' {
        end += 1;
    }
    while let Some(&last) = bytes[start..end].last() {
        match last {
            b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' | b'\'' | b'"' => end -= 1,
            b')' => {
                let link = &bytes[start..end];
                let open = link.iter().filter(|&&b| b == b'(').count();
                let close = link.iter().filter(|&&b| b == b')').count();
                if close > open {
                    end -= 1;
                } else {
                    break;
                }
            }
            b';' => {
                let mut amp = end - 1;
                while amp > start && bytes[amp - 1].is_ascii_alphanumeric() {
                    amp -= 1;
                }
                end = if amp > start && amp < end - 1 && bytes[amp - 1] == b'&' {
                    amp - 1
                } else {
                    end - 1
                };
            }
            _ => break,
        }
    }
    (end > start).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find_bare_urls(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn cjk_text_after_url_is_swallowed() {
        assert_eq!(
            urls("见https://github.com/x/safe-rlhf。该项目开源"),
            ["https://github.com/x/safe-rlhf。该项目开源"]
        );
    }

    #[test]
    fn parentheses_and_fullwidth_text_inside_are_kept() {
        // The URL rules rely on these: only a trailing `)` is trimmed.
        assert_eq!(
            urls("基准(https://a.org/95414)进行开发"),
            ["https://a.org/95414)进行开发"]
        );
        assert_eq!(urls("[x]（https://a.org/x）"), ["https://a.org/x）"]);
        assert_eq!(urls("<https://a.org/x >"), ["https://a.org/x"]);
        assert_eq!(urls("(https://a.org/x)[text]"), ["https://a.org/x)[text]"]);
    }

    #[test]
    fn ascii_trailing_punctuation_is_trimmed() {
        assert_eq!(urls("see https://a.org/x."), ["https://a.org/x"]);
        assert_eq!(urls("(https://a.org/x_(y))."), ["https://a.org/x_(y)"]);
        assert_eq!(urls("(https://a.org/x)"), ["https://a.org/x"]);
        assert_eq!(urls("https://a.org/?q=1&amp;"), ["https://a.org/?q=1"]);
        assert_eq!(urls("go https://a.org<b>"), ["https://a.org"]);
    }

    #[test]
    fn scheme_must_not_follow_a_letter() {
        assert!(urls("hhttps://github.com/x").is_empty());
        assert_eq!(urls("a:https://x.org"), ["https://x.org"]);
    }

    #[test]
    fn www_needs_a_boundary_and_a_dot() {
        assert_eq!(urls("visit www.example.com now"), ["www.example.com"]);
        assert!(urls("awww.example.com").is_empty());
        assert!(urls("www").is_empty());
        assert_eq!(urls("*www.a.com*"), ["www.a.com"]);
    }

    #[test]
    fn underscores_in_last_labels_are_invalid() {
        assert!(urls("http://a_b.com").is_empty());
        assert_eq!(urls("http://a_b.c.com"), ["http://a_b.c.com"]);
    }
}
