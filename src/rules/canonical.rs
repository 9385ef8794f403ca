//! URL canonicalisation: one URL, many spellings. Used by the duplicate rules (the same
//! project linked twice) and the URL rules (tracking parameters).
//!
//! [`canonicalize`] works in two tiers:
//!
//! 1. **Syntax**, true of every web server worth linking: `http` and `https` are one
//!    scheme, `www.` and the host's case do not matter, the default port is implied, a
//!    trailing slash and a final `index.html` name the same page, a fragment only
//!    scrolls the page (except hash routes `#!` and `#/`, which pick the page in a
//!    single-page app), [tracking parameters](is_tracking_param) do not change the page,
//!    and query parameters are unordered.
//!    Where a fragment scrolls to matters to a list, though: `README.md#queue` and
//!    `README.md#stack` are two entries, and so are two snippets of one playground
//!    (`playground.babylonjs.com/#58I88I#186`, `#947JF6#0`). [`CanonicalUrl::target`]
//!    keeps the fragment, except one known to name the page itself (`#top`, a GitHub
//!    repository's `#readme`, an npm package's `#readme`, a PyPI project's
//!    `#description`).
//! 2. **Sites** curated lists link most, where many paths show one thing: a GitHub
//!    repository (`.git`, `/tree/<branch>`, `/blob/<branch>/README.md`,
//!    `?tab=readme-ov-file`, owner and name case), an arXiv paper (`abs/ID`, `pdf/ID`,
//!    `pdf/ID.pdf`, any version `IDvN`), a Hugging Face model, dataset or space (kept
//!    distinct from each other), a YouTube video (`youtu.be/ID`, `watch?v=ID`,
//!    `embed/ID`), a DOI (`doi.org`, `dx.doi.org`, any case).
//!
//! The result is a key for comparison, not a URL to write back: it has no scheme.

use std::borrow::Cow;
use std::fmt::Write;

use url::Url;
use url::form_urlencoded;

use super::urls::plain_web_url;

/// Query parameters that only track where a click came from, whatever the site: click
/// IDs that ad networks append to every outbound link (Facebook, Google, Microsoft,
/// Yandex) and the IDs HubSpot and Mailchimp add to every link of a mailing.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "msclkid", "yclid", "_hsenc", "_hsmi", "mc_cid", "mc_eid",
];

/// Query parameters that track only on one family of sites: elsewhere the same name
/// may select the page (`spm` is Alibaba's analytics ID on Taobao or CSDN, and could be
/// anything on another site). Each row: the hosts (and their subdomains), the names.
const SITE_TRACKING_PARAMS: &[(&[&str], &[&str])] = &[
    (
        &[
            "taobao.com",
            "tmall.com",
            "alibaba.com",
            "aliyun.com",
            "alibabacloud.com",
            "1688.com",
            "alipay.com",
            "aliexpress.com",
            "youku.com",
            "csdn.net",
        ],
        &["spm"],
    ),
    (
        &["bilibili.com", "b23.tv"],
        &[
            "spm",
            "spm_id_from",
            "vd_source",
            "share_source",
            "share_medium",
            "from_spmid",
        ],
    ),
    (&["instagram.com"], &["igshid", "igsh"]),
];

/// Whether a query parameter `name` of a URL on `host` only tracks the click: `utm_*`
/// and the click and mailing IDs anywhere, the site-specific ones on their sites.
/// Compared without folding into new strings: every query parameter of every link is
/// asked about.
pub fn is_tracking_param(host: &str, name: &str) -> bool {
    let on = |site: &str| {
        host.len() >= site.len()
            && host.is_char_boundary(host.len() - site.len())
            && host[host.len() - site.len()..].eq_ignore_ascii_case(site)
            && (host.len() == site.len() || host.as_bytes()[host.len() - site.len() - 1] == b'.')
    };
    let is = |known: &&str| known.eq_ignore_ascii_case(name);
    name.get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("utm_"))
        || TRACKING_PARAMS.iter().any(is)
        || SITE_TRACKING_PARAMS
            .iter()
            .any(|(hosts, names)| names.iter().any(is) && hosts.iter().any(|h| on(h)))
}

/// A URL reduced to what identifies the page it shows.
///
/// The key and the target share one string, the key its prefix: a web link is built
/// for every URL of a list, and a second String for the target was a fifth of what the
/// web links held at the peak of a 13 MB list. Boxed, with a `u32` end, it takes 24
/// bytes, not 40.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CanonicalUrl {
    /// The key, then the fragment the URL was written with unless it names the page.
    target: Box<str>,
    /// Where the key ends in `target`.
    key_len: u32,
    /// Whether the page is one project: a repository, a model, a dataset, a paper.
    /// Such a link identifies what a section describes; a home page or an article
    /// does not.
    pub project: bool,
}

impl CanonicalUrl {
    /// Host, path, sorted query and hash route; no scheme (`github.com/owner/repo`).
    pub fn key(&self) -> &str {
        &self.target[..self.key_len as usize]
    }

    /// The key with the fragment the URL was written with (`…/README.md#queue`), the
    /// place in the page it points at; the key alone when the fragment names the page
    /// itself (`#readme` of a repository) or there is none.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The key, for a caller that keeps it past the URL.
    pub fn into_key(self) -> String {
        let mut key = String::from(self.target);
        key.truncate(self.key_len as usize);
        key
    }
}

/// The canonical form of an absolute `http`/`https` URL, or `None` for anything else
/// (relative links, fragments, `mailto:`, text that does not parse).
pub fn canonicalize(url: &str) -> Option<CanonicalUrl> {
    if !has_web_scheme(url) {
        return None;
    }
    let url = url.trim();
    let mut page = match PlainUrl::split(url) {
        Some(plain) => Page::from_plain(plain),
        None => Page::from_parsed(&parse(url)?),
    };
    page.apply_site_rules();
    Some(page.finish())
}

/// Whether `text` is an absolute `http`/`https` URL, the question "does this link text
/// name something or repeat a URL" asks of every link: answered without building a
/// canonical form, and without the url crate for a plain URL.
pub fn is_web_url(text: &str) -> bool {
    has_web_scheme(text) && {
        let text = text.trim();
        PlainUrl::split(text).is_some() || parse(text).is_some()
    }
}

/// `url` parsed by the url crate, if it is an `http`/`https` URL with a host.
fn parse(url: &str) -> Option<Url> {
    Url::parse(url)
        .ok()
        .filter(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.has_host())
}

/// Whether `url` starts with `http:` or `https:` in any case, as the url crate reads
/// it: after leading whitespace and control characters, ignoring tabs and line breaks.
/// Most texts asked about are names, paragraphs and relative links: turned away here,
/// they cost no parse (a parse allocates, and was most of `canonicalize`'s instructions
/// over the corpus).
fn has_web_scheme(url: &str) -> bool {
    let mut head = [0u8; 6];
    let bytes = url
        .trim_start()
        .trim_start_matches(|c| c <= ' ')
        .bytes()
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\r'));
    for (slot, byte) in head.iter_mut().zip(bytes) {
        *slot = byte.to_ascii_lowercase();
    }
    head.starts_with(b"http:") || head == *b"https:"
}

/// An `http://` or `https://` URL that the url crate would give back piece by piece as
/// it is written: a plain ASCII domain ([`plain_web_url`]), and after it only printable
/// ASCII that no WHATWG percent-encode set touches, with no `.` or `..` path segment to
/// resolve. Nine links in ten are such URLs; reading them by hand instead of parsing
/// them was most of `find_web_links`' instructions (4.2 of 4.6 M on the seed).
#[derive(Debug)]
struct PlainUrl<'u> {
    host: &'u str,
    path: &'u str,
    query: Option<&'u str>,
    fragment: Option<&'u str>,
}

impl<'u> PlainUrl<'u> {
    fn split(url: &'u str) -> Option<Self> {
        let (host, tail) = plain_web_url(url)?;
        let ends = TailEnds::scan(tail)?;
        let path = &tail[..ends.path];
        if ends.maybe_dot_segment && path.split('/').any(is_dot_segment) {
            return None;
        }
        Some(Self {
            host,
            path,
            query: (ends.path < ends.query).then(|| &tail[ends.path + 1..ends.query]),
            fragment: tail.get(ends.query + 1..),
        })
    }
}

/// Where the path and the query of a URL's tail end, read in one pass over its bytes
/// that also turns away a byte the url crate would encode. Checking the bytes, then
/// splitting at `#`, at `?` and at each `/` read each tail four times over: half of
/// `canonicalize`'s own instructions.
#[derive(Debug, PartialEq)]
struct TailEnds {
    /// The first `?` or `#`, or the tail's length.
    path: usize,
    /// The first `#`, or the tail's length.
    query: usize,
    /// Whether a path segment starts with `.` or `%`: only such a path can hold a
    /// segment the parser resolves away ([`is_dot_segment`]).
    maybe_dot_segment: bool,
}

impl TailEnds {
    fn scan(tail: &str) -> Option<Self> {
        let bytes = tail.as_bytes();
        let mut ends = Self {
            path: bytes.len(),
            query: bytes.len(),
            maybe_dot_segment: false,
        };
        let mut after_slash = false;
        for (i, &byte) in bytes.iter().enumerate() {
            match TAIL_BYTES[usize::from(byte)] {
                TailByte::Word => {}
                TailByte::Encoded => return None,
                TailByte::Mark => ends.mark(i, byte, after_slash, bytes.len()),
            }
            after_slash = byte == b'/';
        }
        Some(ends)
    }

    /// Reads the mark `byte` at `i` of a tail of `len` bytes: the first `?` or `#`
    /// ends the path, the first `#` the query.
    fn mark(&mut self, i: usize, byte: u8, after_slash: bool, len: usize) {
        match byte {
            b'#' if self.query == len => {
                self.query = i;
                self.path = self.path.min(i);
            }
            b'?' if self.path == len => self.path = i,
            b'.' | b'%' if after_slash && self.path == len => self.maybe_dot_segment = true,
            _ => {}
        }
    }
}

/// How [`TailEnds::scan`] reads a byte of a URL's tail.
#[derive(Clone, Copy)]
enum TailByte {
    /// A byte the url crate would encode, or read as another ([`is_plain_byte`]).
    Encoded,
    /// A byte that may end the path or the query, or start a dot segment.
    Mark,
    /// Any other byte, most of every URL: read with one look-up in [`TAIL_BYTES`].
    Word,
}

const TAIL_BYTES: [TailByte; 256] = {
    let mut table = [TailByte::Encoded; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if matches!(byte, b'#' | b'?' | b'.' | b'%' | b'/') {
            table[b] = TailByte::Mark;
        } else if is_plain_byte(byte) {
            table[b] = TailByte::Word;
        }
        b += 1;
    }
    table
};

/// Printable ASCII outside every percent-encode set the url crate applies to an
/// `http(s)` URL (`"`, `<`, `>`, `` ` ``, `{`, `}`), and not `\`, which it reads as `/`.
/// (It encodes `'` in a query, but a query is compared decoded.)
const fn is_plain_byte(byte: u8) -> bool {
    byte.is_ascii_graphic() && !matches!(byte, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\')
}

/// A path segment the url crate resolves away (`.`, `..`, or either spelled with `%2e`).
/// The first byte turns away almost every segment before the spellings are compared.
fn is_dot_segment(segment: &str) -> bool {
    segment.starts_with(['.', '%'])
        && [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."]
            .iter()
            .any(|dots| segment.eq_ignore_ascii_case(dots))
}

/// A URL taken apart, for the site rules to rewrite: borrowed from the text of a plain
/// URL, owned when read from a parsed one.
#[derive(Debug, PartialEq)]
struct Page<'u> {
    host: Cow<'u, str>,
    port: Option<u16>,
    segments: Vec<Cow<'u, str>>,
    query: Vec<(Cow<'u, str>, Cow<'u, str>)>,
    /// A hash route (`#/home`): part of the page's identity.
    fragment: Option<Cow<'u, str>>,
    /// Any other fragment: a place in the page.
    anchor: Option<Cow<'u, str>>,
    /// Fragments that name the page itself on this kind of page: a link with one shows
    /// the same as a link without (`#readme` of a GitHub repository).
    page_anchors: &'static [&'static str],
    /// How many segments, from the first, name the page in any case (a code host's
    /// owner and repository): lowercased as the key is written, not copied here.
    caseless_segments: usize,
    project: bool,
}

/// Owner pages and site sections on code hosts: `github.com/<these>/…` is not a repository.
const NOT_OWNERS: &[&str] = &[
    "about",
    "apps",
    "collections",
    "explore",
    "features",
    "marketplace",
    "orgs",
    "settings",
    "site",
    "sponsors",
    "topics",
    "users",
];

impl<'u> Page<'u> {
    /// The pieces of a plain URL as the url crate would give them back: the host
    /// lowercased, `www.` dropped, the query decoded.
    fn from_plain(url: PlainUrl<'u>) -> Self {
        let host = if url.host.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(url.host.to_ascii_lowercase())
        } else {
            Cow::Borrowed(url.host)
        };
        let segments = url
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(Cow::Borrowed)
            .collect();
        Self::new(
            host,
            None,
            segments,
            url.query.map(Cow::Borrowed),
            url.fragment.map(Cow::Borrowed),
        )
    }

    /// The pieces of a URL the url crate parsed.
    fn from_parsed(parsed: &Url) -> Self {
        let host = Cow::Owned(parsed.host_str().unwrap_or_default().to_ascii_lowercase());
        let segments = parsed
            .path_segments()
            .map(|s| {
                s.filter(|s| !s.is_empty())
                    .map(|s| Cow::Owned(s.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let owned = |text: &str| Cow::Owned(text.to_owned());
        Self::new(
            host,
            parsed.port(),
            segments,
            parsed.query().map(owned),
            parsed.fragment().map(owned),
        )
    }

    /// A page without `www.`, tracking parameters or an empty fragment, before the
    /// site rules.
    fn new(
        host: Cow<'u, str>,
        port: Option<u16>,
        mut segments: Vec<Cow<'u, str>>,
        query: Option<Cow<'u, str>>,
        fragment: Option<Cow<'u, str>>,
    ) -> Self {
        let host = match host {
            Cow::Borrowed(name) => Cow::Borrowed(name.strip_prefix("www.").unwrap_or(name)),
            Cow::Owned(name) => match name.strip_prefix("www.") {
                Some(rest) => Cow::Owned(rest.to_owned()),
                None => Cow::Owned(name),
            },
        };
        let query = match query {
            Some(query) => decode_query(query, &host),
            None => Vec::new(),
        };
        if segments.last().is_some_and(|s| {
            s.eq_ignore_ascii_case("index.html") || s.eq_ignore_ascii_case("index.htm")
        }) {
            segments.pop();
        }
        let fragment = fragment.filter(|f| !f.is_empty());
        let is_route = fragment
            .as_deref()
            .is_some_and(|f| f.starts_with('!') || f.starts_with('/'));
        let (fragment, anchor) = if is_route {
            (fragment, None)
        } else {
            (None, fragment)
        };
        Self {
            host,
            port,
            segments,
            query,
            fragment,
            anchor,
            page_anchors: &[],
            caseless_segments: 0,
            project: false,
        }
    }

    /// The rewrites of the sites curated lists link most.
    fn apply_site_rules(&mut self) {
        match &*self.host {
            "github.com" | "gitlab.com" | "gitee.com" => self.repository(),
            "arxiv.org" | "export.arxiv.org" => self.arxiv(),
            "huggingface.co" | "hf.co" => self.hugging_face(),
            "youtu.be" | "youtube.com" | "m.youtube.com" => self.youtube(),
            "doi.org" | "dx.doi.org" => self.doi(),
            "npmjs.com" => self.npm(),
            "pypi.org" => self.pypi(),
            _ => {}
        }
    }

    /// `owner/repo[.git][/tree/<branch>][/blob/<branch>/README.md][?tab=…]` → `owner/repo`
    /// (case-insensitive on these hosts); a folder of a branch stays a page of its own.
    fn repository(&mut self) {
        if self.segments.len() < 2 || NOT_OWNERS.contains(&&*self.segments[0]) {
            return;
        }
        if let Some(name) = self.segments[1].strip_suffix(".git") {
            self.segments[1] = Cow::Owned(name.to_owned());
        }
        // Read in place, not collected into a Vec of its own: this runs for every
        // link to a code host, most of a list's links.
        let rest = &self.segments[2..];
        let is_readme = |name: &str| {
            name.get(..6)
                .is_some_and(|head| head.eq_ignore_ascii_case("readme"))
        };
        // GitLab writes its routes after a `-` segment (`-/tree/main`).
        let route = &rest[usize::from(rest.first().is_some_and(|s| s == "-"))..];
        let root = match route {
            [] => rest.is_empty(),
            [tree, _] => tree == "tree",
            [blob, _, file] => blob == "blob" && is_readme(file),
            _ => false,
        };
        let subfolder = matches!(route, [tree, _, _, ..] if tree == "tree");
        if root {
            self.segments.truncate(2);
        }
        self.caseless_segments = 2;
        self.query.retain(|(name, _)| name != "tab");
        self.project = root || subfolder;
        // GitHub shows a repository's README in an element with the id `readme`.
        if root && self.host == "github.com" {
            self.page_anchors = &["readme"];
        }
    }

    /// `npmjs.com/package/NAME#readme` (the anchor npm writes into every package's
    /// homepage) is the package page.
    fn npm(&mut self) {
        if self.segments.first().is_some_and(|s| s == "package") {
            self.page_anchors = &["readme"];
        }
    }

    /// `pypi.org/project/NAME/#description` is the project page, which opens on its
    /// description.
    fn pypi(&mut self) {
        if self.segments.first().is_some_and(|s| s == "project") {
            self.page_anchors = &["description"];
        }
    }

    /// `abs/ID`, `pdf/ID`, `pdf/ID.pdf`, `IDvN` → `arxiv.org/abs/ID`.
    fn arxiv(&mut self) {
        let id = match self.segments.as_slice() {
            [kind, id @ ..] if !id.is_empty() && matches!(&**kind, "abs" | "pdf" | "html") => {
                id.join("/")
            }
            _ => return,
        };
        let id = id.strip_suffix(".pdf").unwrap_or(&id);
        let id = strip_version(id);
        self.host = "arxiv.org".into();
        self.segments = vec!["abs".into(), Cow::Owned(id.to_owned())];
        self.query.clear();
        self.project = true;
    }

    /// `owner/model`, `datasets/owner/name`, `spaces/owner/name`; `/tree/main`,
    /// `/blob/main/README.md` and the like show the same repository.
    fn hugging_face(&mut self) {
        self.host = "huggingface.co".into();
        let base = match self.segments.first().map(|s| &**s) {
            Some("datasets" | "spaces") => 3,
            Some(
                "docs" | "blog" | "papers" | "models" | "organizations" | "login" | "join"
                | "pricing" | "learn" | "tasks",
            ) => return,
            _ => 2,
        };
        if self.segments.len() < base {
            return;
        }
        let root = match &self.segments[base..] {
            [] => true,
            [tree, _] => tree == "tree",
            [kind, _, file] => {
                (kind == "blob" || kind == "resolve") && file.eq_ignore_ascii_case("README.md")
            }
            _ => false,
        };
        if root {
            self.segments.truncate(base);
            self.project = true;
        }
    }

    /// `youtu.be/ID`, `youtube.com/embed/ID`, `youtube.com/watch?v=ID&t=…` →
    /// `youtube.com/watch?v=ID`.
    fn youtube(&mut self) {
        let id = match (&*self.host, self.segments.as_slice()) {
            ("youtu.be", [id]) => id.clone(),
            (_, [embed, id]) if embed == "embed" || embed == "shorts" => id.clone(),
            (_, [watch]) if watch == "watch" => {
                match self.query.iter().find(|(name, _)| name == "v") {
                    Some((_, id)) => id.clone(),
                    None => return,
                }
            }
            _ => return,
        };
        self.host = "youtube.com".into();
        self.segments = vec!["watch".into()];
        self.query = vec![("v".into(), id)];
    }

    /// `dx.doi.org/10.X/Y` → `doi.org/10.x/y` (DOIs are case-insensitive).
    fn doi(&mut self) {
        self.host = "doi.org".into();
        for segment in &mut self.segments {
            *segment = Cow::Owned(segment.to_lowercase());
        }
        self.project = self.segments.first().is_some_and(|s| s.starts_with("10."));
    }

    fn finish(mut self) -> CanonicalUrl {
        // Sized for the host, path and any fragment, which most keys are, to grow at
        // most once (for a port or a query).
        let path_len: usize = self.segments.iter().map(|s| s.len() + 1).sum();
        let fragment_len: usize = [&self.fragment, &self.anchor]
            .into_iter()
            .flatten()
            .map(|f| f.len() + 1)
            .sum();
        let mut key = String::with_capacity(self.host.len() + path_len + fragment_len);
        key.push_str(&self.host);
        if let Some(port) = self.port {
            let _ = write!(key, ":{port}");
        }
        for (i, segment) in self.segments.iter().enumerate() {
            key.push('/');
            let start = key.len();
            key.push_str(segment);
            if i < self.caseless_segments {
                key[start..].make_ascii_lowercase();
            }
        }
        self.query.sort();
        for (i, (name, value)) in self.query.iter().enumerate() {
            key.push(if i == 0 { '?' } else { '&' });
            key.push_str(name);
            if !value.is_empty() {
                key.push('=');
                key.push_str(value);
            }
        }
        if let Some(fragment) = &self.fragment {
            key.push('#');
            key.push_str(fragment.trim_end_matches('/'));
        }
        // HTML scrolls to the top for `#top` on any page that has no such id.
        let names_page = |anchor: &str| {
            anchor.eq_ignore_ascii_case("top") || self.page_anchors.contains(&anchor)
        };
        let key_len = key.len();
        if let Some(anchor) = self.anchor.as_deref().filter(|a| !names_page(a)) {
            key.push('#');
            key.push_str(anchor);
        }
        CanonicalUrl {
            target: key.into_boxed_str(),
            key_len: u32::try_from(key_len).expect("a URL of the model is shorter than 4 GB"),
            project: self.project,
        }
    }
}

/// The query's parameters decoded as `application/x-www-form-urlencoded` (what
/// [`Url::query_pairs`] gives back), without those that only track the click.
fn decode_query<'u>(query: Cow<'u, str>, host: &str) -> Vec<(Cow<'u, str>, Cow<'u, str>)> {
    let keep = |(name, _): &(Cow<'_, str>, Cow<'_, str>)| !is_tracking_param(host, name);
    match query {
        Cow::Borrowed(query) => form_urlencoded::parse(query.as_bytes())
            .filter(keep)
            .collect(),
        Cow::Owned(query) => form_urlencoded::parse(query.as_bytes())
            .filter(keep)
            .map(|(n, v)| (Cow::Owned(n.into_owned()), Cow::Owned(v.into_owned())))
            .collect(),
    }
}

/// `2401.02385v2` → `2401.02385`; an old-style `cs/0112017v1` likewise.
fn strip_version(id: &str) -> &str {
    match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_schemes_are_parsed() {
        for url in [
            "https://a.example",
            " HTTP://a.example",
            "ht\ttps://a.example",
            "http:a.example",
            "\u{3000}\u{1}https://a.example",
        ] {
            assert!(has_web_scheme(url), "{url:?}");
            assert!(canonicalize(url).is_some(), "{url:?}");
        }
        for text in [
            "TinyLlama",
            "#top",
            "ftp://a.example",
            "./README.md",
            "http",
            "httpx://a",
        ] {
            assert!(!has_web_scheme(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// A URL read by hand is taken apart as the url crate takes it apart: same host,
        /// port, path segments, decoded query and fragment.
        #[test]
        fn plain_urls_read_as_the_parser_reads_them(
            url in concat!(
                "(https?|https|http|HTTP)://(www\\.|WWW\\.)?([a-zA-Z0-9-]{1,4}\\.){0,2}",
                "([a-zA-Z0-9-]{1,4}|[a-z]{1,3}\\.|xn--a|0x1|1|a:80|u@a|a_b)",
                "(/[a-zA-Z0-9._~!$&'()*+,;=:@|^-]{0,5}|/%41|/%zz){0,4}",
                "(/\\.|/\\.\\.|/%2e|/[ \"<>{}\\\\]|/index\\.html)?",
                "(\\?([a-zA-Z0-9=&+%._'/?-]|utm_|%20|%e4%b8%ad|%ff){0,12})?",
                "(#[a-zA-Z0-9/!#?'%. -]{0,8})?",
            )
        ) {
            if let Some(plain) = PlainUrl::split(&url) {
                let parsed = parse(&url);
                proptest::prop_assert!(parsed.is_some(), "{} does not parse", url);
                proptest::prop_assert_eq!(
                    Page::from_plain(plain),
                    Page::from_parsed(&parsed.unwrap()),
                    "{}", url
                );
                proptest::prop_assert!(is_web_url(&url));
            }
        }
    }

    /// Every URL of the corpus that is read by hand is taken apart as the url crate
    /// takes it apart: the generated URLs above cover the syntax, these the URLs lists
    /// really hold.
    #[test]
    fn corpus_urls_read_by_hand_read_as_the_parser_reads_them() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if !corpus.exists() {
            println!(
                "skipped: {} is absent (a user's clone has no ../shared)",
                corpus.display()
            );
            return;
        }
        let mut files = vec![corpus.join("pocket-v3.3.md")];
        for sub in ["lists", "lists2", "pocket"] {
            let entries = std::fs::read_dir(corpus.join(sub)).expect("corpus folder");
            files.extend(entries.map(|entry| entry.expect("corpus entry").path()));
        }
        let mut plain = 0;
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            let text = std::fs::read_to_string(file).expect("corpus list");
            let doc = crate::document::Document::parse(&text);
            for url in super::super::urls::occurrences(&doc)
                .iter()
                .map(|o| o.url(&doc).trim())
            {
                let Some(split) = PlainUrl::split(url) else {
                    continue;
                };
                let parsed = parse(url).unwrap_or_else(|| panic!("{url} does not parse"));
                assert_eq!(Page::from_plain(split), Page::from_parsed(&parsed), "{url}");
                plain += 1;
            }
        }
        assert!(plain > 10_000, "only {plain} plain URLs in the corpus");
    }

    #[test]
    fn urls_that_need_the_parser_are_not_read_by_hand() {
        for url in [
            "https://a.org/x/../y",
            "https://a.org/%2E/y",
            "https://a.org/a b",
            "https://a.org/a\\b",
            "https://a.org/{x}",
            "https://a.org:8080/",
            "HTTPS://a.org/",
        ] {
            assert!(PlainUrl::split(url).is_none(), "{url}");
            assert!(is_web_url(url), "{url}");
        }
        assert_eq!(
            canonicalize("https://a.org/x/../y/./z")
                .map(CanonicalUrl::into_key)
                .as_deref(),
            Some("a.org/y/z")
        );
        for text in ["TinyLlama", "https://", "https://a b.org", "ftp://a.org"] {
            assert!(!is_web_url(text), "{text:?}");
        }
    }

    #[test]
    fn tracking_parameters() {
        assert!(is_tracking_param("example.com", "utm_source"));
        assert!(is_tracking_param("example.com", "UTM_Campaign"));
        assert!(is_tracking_param("example.com", "_hsenc"));
        assert!(is_tracking_param("news.example.com", "mc_eid"));
        assert!(is_tracking_param("blog.csdn.net", "spm"));
        assert!(is_tracking_param("item.taobao.com", "spm"));
        assert!(!is_tracking_param("example.com", "spm"));
        assert!(!is_tracking_param("nottaobao.com", "spm"));
        assert!(is_tracking_param("www.instagram.com", "igshid"));
        assert!(!is_tracking_param("example.com", "igshid"));
        assert!(is_tracking_param("www.bilibili.com", "vd_source"));
        assert!(!is_tracking_param("example.com", "from"));
        assert!(!is_tracking_param("example.com", "page"));
    }

    /// Each row: spellings that must share one key, the key, and whether it is a
    /// project page.
    const SAME: &[(&[&str], &str, bool)] = &[
        // Tier 1: syntax.
        (
            &[
                "https://example.com/docs/",
                "http://www.example.com/docs",
                "https://EXAMPLE.com:443/docs",
                "http://example.com:80/docs/index.html",
                "https://example.com/docs#section-2",
            ],
            "example.com/docs",
            false,
        ),
        (
            &[
                "https://example.com",
                "https://example.com/",
                "https://example.com/index.htm",
            ],
            "example.com",
            false,
        ),
        (
            &[
                "https://example.com/a?b=2&a=1",
                "https://example.com/a?utm_source=x&a=1&b=2&fbclid=3",
            ],
            "example.com/a?a=1&b=2",
            false,
        ),
        (&["https://example.com:8080/a"], "example.com:8080/a", false),
        (
            &[
                "https://flageval.baai.ac.cn/#/home",
                "https://flageval.baai.ac.cn/#/home/",
            ],
            "flageval.baai.ac.cn#/home",
            false,
        ),
        (
            &["https://example.com/#!/page"],
            "example.com#!/page",
            false,
        ),
        // Tier 2: GitHub and other code hosts.
        (
            &[
                "https://github.com/jzhang38/TinyLlama",
                "https://github.com/jzhang38/TinyLlama/",
                "https://github.com/jzhang38/tinyllama.git",
                "https://github.com/jzhang38/TinyLlama/tree/main",
                "https://github.com/jzhang38/TinyLlama/blob/main/README.md",
                "https://github.com/jzhang38/TinyLlama?tab=readme-ov-file",
                "https://github.com/jzhang38/TinyLlama#readme",
                "http://www.github.com/jzhang38/TinyLlama",
            ],
            "github.com/jzhang38/tinyllama",
            true,
        ),
        (
            &["https://github.com/hpcaitech/ColossalAI/tree/main/applications/Colossal-LLaMA-2/"],
            "github.com/hpcaitech/colossalai/tree/main/applications/Colossal-LLaMA-2",
            true,
        ),
        (
            &["https://github.com/owner/repo/issues/1"],
            "github.com/owner/repo/issues/1",
            false,
        ),
        (
            &["https://github.com/sindresorhus"],
            "github.com/sindresorhus",
            false,
        ),
        (
            &["https://github.com/topics/rust"],
            "github.com/topics/rust",
            false,
        ),
        (
            &["https://gitee.com/Owner/Repo.git"],
            "gitee.com/owner/repo",
            true,
        ),
        // arXiv.
        (
            &[
                "https://arxiv.org/abs/2401.02385",
                "https://arxiv.org/pdf/2401.02385",
                "https://arxiv.org/pdf/2401.02385.pdf",
                "http://arxiv.org/pdf/2401.02385v2.pdf",
                "https://arxiv.org/abs/2401.02385v1",
                "https://export.arxiv.org/abs/2401.02385",
            ],
            "arxiv.org/abs/2401.02385",
            true,
        ),
        (
            &["https://arxiv.org/abs/cs/0112017v1"],
            "arxiv.org/abs/cs/0112017",
            true,
        ),
        // Hugging Face: models, datasets and spaces stay distinct.
        (
            &[
                "https://huggingface.co/xyz-nlp/XuanYuan2.0",
                "https://huggingface.co/xyz-nlp/XuanYuan2.0/tree/main",
                "https://hf.co/xyz-nlp/XuanYuan2.0/blob/main/README.md",
            ],
            "huggingface.co/xyz-nlp/XuanYuan2.0",
            true,
        ),
        (
            &["https://huggingface.co/datasets/xyz-nlp/XuanYuan2.0"],
            "huggingface.co/datasets/xyz-nlp/XuanYuan2.0",
            true,
        ),
        (
            &["https://huggingface.co/docs/transformers"],
            "huggingface.co/docs/transformers",
            false,
        ),
        // YouTube.
        (
            &[
                "https://youtu.be/dQw4w9WgXcQ",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
                "https://www.youtube.com/embed/dQw4w9WgXcQ",
            ],
            "youtube.com/watch?v=dQw4w9WgXcQ",
            false,
        ),
        // DOI.
        (
            &[
                "https://doi.org/10.1000/ABC.123",
                "http://dx.doi.org/10.1000/abc.123",
            ],
            "doi.org/10.1000/abc.123",
            true,
        ),
    ];

    #[test]
    fn spellings_of_one_page_share_a_key() {
        for (spellings, key, project) in SAME {
            for url in *spellings {
                let canonical = canonicalize(url).unwrap_or_else(|| panic!("{url} parses"));
                assert_eq!(canonical.key(), *key, "{url}");
                assert_eq!(canonical.project, *project, "{url}");
            }
        }
    }

    #[test]
    fn different_pages_keep_different_keys() {
        let pairs = [
            ("https://example.com/Docs", "https://example.com/docs"),
            ("https://example.com/?page=2", "https://example.com/?page=3"),
            (
                "https://huggingface.co/owner/name",
                "https://huggingface.co/datasets/owner/name",
            ),
            (
                "https://github.com/owner/repo",
                "https://github.com/owner/repo/tree/main/sub",
            ),
            (
                "https://arxiv.org/abs/2401.02385",
                "https://arxiv.org/abs/2401.02386",
            ),
            ("https://example.com/#/a", "https://example.com/#/b"),
        ];
        for (a, b) in pairs {
            assert_ne!(
                canonicalize(a).unwrap().key(),
                canonicalize(b).unwrap().key(),
                "{a} vs {b}"
            );
        }
    }

    #[test]
    fn targets_keep_fragments_that_point_into_the_page() {
        let target = |url: &str| canonicalize(url).unwrap().target().to_owned();
        // One page, different places: snippets of one playground, sections of a README.
        assert_eq!(
            target("https://playground.babylonjs.com/#58I88I#186"),
            "playground.babylonjs.com#58I88I#186"
        );
        assert_ne!(
            target("https://playground.babylonjs.com/#58I88I#186"),
            target("https://playground.babylonjs.com/#947JF6#0")
        );
        assert_ne!(
            target("https://github.com/a/b/blob/main/README.md#queue"),
            target("https://github.com/a/b/blob/main/README.md#stack")
        );
        assert_ne!(
            target("https://github.com/a/b#installation"),
            target("https://github.com/a/b")
        );
        // Anchors that name the page itself.
        for (with, without) in [
            ("https://github.com/a/b#readme", "https://github.com/a/b"),
            (
                "https://github.com/A/B/tree/main#readme",
                "https://github.com/a/b",
            ),
            (
                "https://www.npmjs.com/package/pkg#readme",
                "https://www.npmjs.com/package/pkg",
            ),
            (
                "https://pypi.org/project/pkg/#description",
                "https://pypi.org/project/pkg/",
            ),
            ("https://example.com/docs#top", "https://example.com/docs"),
            ("https://example.com/docs#", "https://example.com/docs"),
        ] {
            assert_eq!(target(with), target(without), "{with}");
        }
        // `#readme` is a heading like any other where the page is not a repository's.
        assert_ne!(
            target("https://example.com/docs#readme"),
            target("https://example.com/docs")
        );
        // Hash routes are part of the key, and so of the target.
        assert_eq!(
            target("https://flageval.baai.ac.cn/#/home"),
            "flageval.baai.ac.cn#/home"
        );
    }

    #[test]
    fn only_absolute_web_urls_have_a_canonical_form() {
        for url in [
            "#section",
            "docs/README.md",
            "mailto:a@b.c",
            "ftp://example.com/x",
            "not a url",
        ] {
            assert_eq!(canonicalize(url), None, "{url}");
        }
    }
}
