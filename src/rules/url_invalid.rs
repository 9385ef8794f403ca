//! `url-invalid`: a link destination or bare URL that no browser can follow.
//!
//! A mistyped scheme is read first (`mistyped.rs`); the rest of the URL is read with the
//! `url` crate (WHATWG, what browsers do), plus the checks browsers are lenient about but
//! a list should not be.

mod mistyped;

use url::{Host, ParseError, Url};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Edit, Fix};

use super::Context;
use super::urls::{self, Origin, UrlOccurrence};

declare_rule!("url-invalid", Links, Error, fix: Sometimes(SafeOrUnsafe), check: Document(check),
    summary: "a link destination or bare URL that is not a valid URL or relative path");

/// Top-level domains that make `github.com/x` a URL missing its scheme rather than a
/// relative path: a file is rarely named like that.
const COMMON_TLDS: [&str; 12] = [
    "com", "org", "net", "io", "ai", "cn", "dev", "edu", "gov", "co", "me", "app",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (span, typo) in mistyped::mistyped_in_text(doc) {
        let written = &doc.source[span.start..span.start + typo.len];
        out.push(
            Diagnostic::new(
                span.clone(),
                format!("mistyped URL start \"{written}\", GitHub does not link it"),
            )
            .with_help(format!("replace it with \"{}\"", typo.fixed))
            .with_fix(Fix::safe(vec![Edit::replace(
                span.start..span.start + typo.len,
                typo.fixed,
            )])),
        );
    }
    for site in ctx.urls() {
        if let Some(diagnostic) = check_site(ctx.doc, site) {
            out.push(diagnostic);
        }
    }
}

fn check_site(doc: &Document, site: &UrlOccurrence) -> Option<Diagnostic> {
    let written = site.url(doc);
    let url = written.trim();
    let span = site.span.range();
    if let Some(typo) = mistyped::mistyped(url, site.origin != Origin::Bare) {
        let written = &url[..typo.len];
        let diagnostic = Diagnostic::new(span.clone(), format!("mistyped URL start \"{written}\""))
            .with_help(format!("replace it with \"{}\"", typo.fixed));
        // `trim` only removes whitespace, which url-whitespace reports; edit past it.
        let offset = written.len() - written.trim_start().len();
        let start = span.start + offset;
        return Some(
            diagnostic.with_fix(
                site.exact
                    .then(|| Fix::safe(vec![Edit::replace(start..start + typo.len, typo.fixed)])),
            ),
        );
    }
    // GitHub links a bare `www.` URL with `http://` in front.
    let problem = if site.origin == Origin::Bare && !url.contains("://") {
        problem(&format!("http://{url}"))?
    } else {
        problem(url)?
    };
    let mut diagnostic = Diagnostic::new(span.clone(), format!("{problem} in \"{url}\""));
    if problem == Problem::MissingScheme {
        diagnostic = diagnostic
            .with_help(
                "add \"https://\": without a scheme GitHub links to a file of the repository",
            )
            .with_fix(
                site.exact
                    .then(|| Fix::unsafe_edits(vec![Edit::insert(span.start, "https://")])),
            );
    }
    Some(diagnostic)
}

#[derive(Debug, PartialEq, Eq)]
enum Problem {
    ControlCharacter,
    Space,
    BadPercent,
    InvalidHost(String),
    Parse(ParseError),
    MissingScheme,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::ControlCharacter => f.write_str("control character"),
            Problem::Space => f.write_str("space"),
            Problem::BadPercent => f.write_str("bad percent-encoding"),
            Problem::InvalidHost(host) => write!(f, "invalid host \"{host}\""),
            Problem::Parse(error) => write!(f, "{error}"),
            Problem::MissingScheme => f.write_str("missing \"https://\""),
        }
    }
}

/// What is wrong with `url` (already free of a mistyped scheme), if anything.
///
/// Every URL of a list comes here, and nearly all are fine: the checks before the parse
/// read bytes, as decoding each char and allocating were most of this rule's cost
/// (126 M of the corpus concatenation's instructions, 3,000 per URL).
fn problem(url: &str) -> Option<Problem> {
    if plainly_valid(url) {
        return None;
    }
    if has_control_character(url) {
        return Some(Problem::ControlCharacter);
    }
    if !valid_percent_encoding(url) {
        return Some(Problem::BadPercent);
    }
    parsed_problem(url)
}

/// What the WHATWG parser finds wrong with `url`.
fn parsed_problem(url: &str) -> Option<Problem> {
    match Url::parse(url) {
        Ok(parsed) if parsed.is_special() => {
            if url.contains(char::is_whitespace) {
                return Some(Problem::Space);
            }
            match parsed.host() {
                Some(Host::Domain(domain)) if !valid_domain(domain) => {
                    Some(Problem::InvalidHost(domain.to_owned()))
                }
                _ => None,
            }
        }
        Ok(_) => None,
        Err(ParseError::RelativeUrlWithoutBase) => {
            looks_like_domain(url).then_some(Problem::MissingScheme)
        }
        Err(error) => Some(Problem::Parse(error)),
    }
}

/// Most URLs of a list, answered without a full parse: `http(s)://`, an ASCII domain
/// name (not one that WHATWG reads as an IPv4 address or decodes as punycode), no port
/// or credentials, and a path, query and fragment of characters that need no escaping,
/// each `%` followed by two hex digits (read in the same pass: a second search of the
/// URL for `%` cost a tenth of this rule).
fn plainly_valid(url: &str) -> bool {
    let Some((_, tail)) = urls::plain_web_url(url) else {
        return false;
    };
    let bytes = tail.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        PLAIN_TAIL_BYTES[usize::from(b)] && (b != b'%' || starts_escape(&bytes[i..]))
    })
}

/// The bytes a plainly valid URL's path, query and fragment are made of: letters, digits
/// and `-._~/?#&=%+:@!$'()*,;[]`. A table, as searching the list of marks for each byte
/// was 130 instructions a URL (5.4 M of the corpus concatenation).
const PLAIN_TAIL_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let marks = b"-._~/?#&=%+:@!$'()*,;[]";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether `url` holds a control character that is not whitespace: a byte below 0x20
/// other than `\t\n\x0B\x0C\r`, DEL, or a C1 control (U+0080 to U+009F, encoded
/// `C2 80` to `C2 9F`) other than U+0085, which is whitespace.
fn has_control_character(url: &str) -> bool {
    let bytes = url.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes
            .get(i + 1)
            .is_some_and(|&next| (0x80..=0x9F).contains(&next) && next != 0x85),
        _ => false,
    })
}

/// `%` always starts two hex digits.
fn valid_percent_encoding(url: &str) -> bool {
    let bytes = url.as_bytes();
    memchr::memchr_iter(b'%', bytes).all(|i| starts_escape(&bytes[i..]))
}

/// Whether `bytes`, which start with `%`, start with a percent escape.
fn starts_escape(bytes: &[u8]) -> bool {
    bytes
        .get(1..3)
        .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
}

/// A host name after IDNA: dot-separated labels of letters, digits, `-` and `_`, none
/// empty (a final dot is allowed). WHATWG lets `github,com` through; DNS does not.
fn valid_domain(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    domain.as_bytes().split(|&b| b == b'.').all(|label| {
        !label.is_empty()
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// A relative destination that is really a host: `www.x.org/…` or `github.com/…`.
fn looks_like_domain(url: &str) -> bool {
    let first = url.split(['/', '?', '#']).next().unwrap_or_default();
    let labels: Vec<&str> = first.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        && (labels[0] == "www" || COMMON_TLDS.contains(&tld))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems() {
        assert_eq!(
            problem("https://github,com/x"),
            Some(Problem::InvalidHost("github,com".into()))
        );
        assert_eq!(
            problem("https://a..org/"),
            Some(Problem::InvalidHost("a..org".into()))
        );
        assert_eq!(
            problem("https://"),
            Some(Problem::Parse(ParseError::EmptyHost))
        );
        assert_eq!(problem("https://a.org/%zz"), Some(Problem::BadPercent));
        assert_eq!(problem("https://a.org/a b"), Some(Problem::Space));
        assert_eq!(
            problem("https://a.org:99999/"),
            Some(Problem::Parse(ParseError::InvalidPort))
        );
        assert_eq!(problem("github.com/x/y"), Some(Problem::MissingScheme));
        assert_eq!(problem("www.example.org"), Some(Problem::MissingScheme));
    }

    /// [`problem`] without the shortcut: the definition it must agree with.
    fn problem_by_parsing(url: &str) -> Option<Problem> {
        if has_control_character(url) {
            return Some(Problem::ControlCharacter);
        }
        if !valid_percent_encoding(url) {
            return Some(Problem::BadPercent);
        }
        parsed_problem(url)
    }

    proptest::proptest! {
        #[test]
        fn problems_are_found_as_the_parser_finds_them(
            url in "https?://[a-zA-Z0-9.-]{0,12}([/?#][a-zA-Z0-9%()\\[\\]:@!$*,;.~_ -]{0,10}){0,3}"
        ) {
            proptest::prop_assert_eq!(problem(&url), problem_by_parsing(&url), "{}", url);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_agrees_with_the_parser(
            url in "https?://[a-zA-Z0-9.-]{0,12}([/?#][a-zA-Z0-9%()\\[\\]:@!$*,;.~_-]{0,10}){0,3}"
        ) {
            if plainly_valid(&url) {
                proptest::prop_assert_eq!(parsed_problem(&url), None, "{}", url);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn control_characters_are_found_from_bytes(
            chars in proptest::collection::vec(
                proptest::prop_oneof![proptest::char::range('\0', '\u{FF}'), proptest::char::any()],
                0..12,
            )
        ) {
            let url: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(
                has_control_character(&url),
                url.chars().any(|c| c.is_control() && !c.is_whitespace()),
                "{:?}", url
            );
        }
    }

    #[test]
    fn the_shortcut_leaves_hard_cases_to_the_parser() {
        assert!(plainly_valid("https://github.com/x/y?tab=readme#top"));
        for url in [
            "https://1.2.3.999/",
            "https://a.0x1f/",
            "https://xn--zz.org/",
            "https://a:1/",
        ] {
            assert!(!plainly_valid(url), "{url}");
        }
    }

    #[test]
    fn valid_urls_and_paths() {
        for url in [
            "https://github.com/x/y",
            "https://中文.com/",
            "http://localhost:8080/x",
            "https://a.org/a%20b?q=%E4%B8%AD#frag",
            "#anchor",
            "./docs/a b.md",
            "README.md",
            "docs/setup.py",
            "mailto:x@a.org",
            "https://zh.wikipedia.org/wiki/大语言模型",
        ] {
            assert_eq!(problem(url), None, "{url}");
        }
    }
}
