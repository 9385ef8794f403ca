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

use url::Url;

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
pub fn is_tracking_param(host: &str, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    let on = |site: &str| {
        host.strip_suffix(site)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    };
    name.starts_with("utm_")
        || TRACKING_PARAMS.contains(&name.as_str())
        || SITE_TRACKING_PARAMS
            .iter()
            .any(|(hosts, names)| names.contains(&name.as_str()) && hosts.iter().any(|h| on(h)))
}

/// A URL reduced to what identifies the page it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CanonicalUrl {
    /// Host, path, sorted query and hash route; no scheme (`github.com/owner/repo`).
    pub key: String,
    /// Whether the page is one project: a repository, a model, a dataset, a paper.
    /// Such a link identifies what a section describes; a home page or an article
    /// does not.
    pub project: bool,
    /// The key with the fragment the URL was written with (`…/README.md#queue`), the
    /// place in the page it points at; the key alone when the fragment names the page
    /// itself (`#readme` of a repository) or there is none.
    pub target: String,
}

/// The canonical form of an absolute `http`/`https` URL, or `None` for anything else
/// (relative links, fragments, `mailto:`, text that does not parse).
pub fn canonicalize(url: &str) -> Option<CanonicalUrl> {
    if !has_web_scheme(url) {
        return None;
    }
    let parsed = Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    let query = parsed
        .query_pairs()
        .filter(|(name, _)| !is_tracking_param(&host, name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let fragment = parsed.fragment().filter(|f| !f.is_empty());
    let route = fragment.filter(|f| f.starts_with('!') || f.starts_with('/'));
    let mut page = Page {
        host,
        port: parsed.port(),
        segments: parsed
            .path_segments()
            .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default(),
        query,
        fragment: route.map(str::to_owned),
        anchor: fragment.filter(|_| route.is_none()).map(str::to_owned),
        page_anchors: &[],
        project: false,
    };
    if page.segments.last().is_some_and(|s| {
        s.eq_ignore_ascii_case("index.html") || s.eq_ignore_ascii_case("index.htm")
    }) {
        page.segments.pop();
    }
    match page.host.as_str() {
        "github.com" | "gitlab.com" | "gitee.com" => page.repository(),
        "arxiv.org" | "export.arxiv.org" => page.arxiv(),
        "huggingface.co" | "hf.co" => page.hugging_face(),
        "youtu.be" | "youtube.com" | "m.youtube.com" => page.youtube(),
        "doi.org" | "dx.doi.org" => page.doi(),
        "npmjs.com" => page.npm(),
        "pypi.org" => page.pypi(),
        _ => {}
    }
    Some(page.finish())
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

/// A URL taken apart, for the site rules to rewrite.
struct Page {
    host: String,
    port: Option<u16>,
    segments: Vec<String>,
    query: Vec<(String, String)>,
    /// A hash route (`#/home`): part of the page's identity.
    fragment: Option<String>,
    /// Any other fragment: a place in the page.
    anchor: Option<String>,
    /// Fragments that name the page itself on this kind of page: a link with one shows
    /// the same as a link without (`#readme` of a GitHub repository).
    page_anchors: &'static [&'static str],
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

impl Page {
    /// `owner/repo[.git][/tree/<branch>][/blob/<branch>/README.md][?tab=…]` → `owner/repo`
    /// (case-insensitive on these hosts); a folder of a branch stays a page of its own.
    fn repository(&mut self) {
        if self.segments.len() < 2 || NOT_OWNERS.contains(&self.segments[0].as_str()) {
            return;
        }
        if let Some(name) = self.segments[1].strip_suffix(".git") {
            self.segments[1] = name.to_owned();
        }
        let rest: Vec<&str> = self.segments[2..].iter().map(String::as_str).collect();
        let is_readme = |name: &str| name.to_ascii_lowercase().starts_with("readme");
        let root = match rest.as_slice() {
            [] | ["tree", _] | ["-", "tree", _] => true,
            ["blob", _, file] | ["-", "blob", _, file] => is_readme(file),
            _ => false,
        };
        let subfolder = matches!(
            rest.as_slice(),
            ["tree", _, _, ..] | ["-", "tree", _, _, ..]
        );
        if root {
            self.segments.truncate(2);
        }
        for segment in self.segments.iter_mut().take(2) {
            *segment = segment.to_ascii_lowercase();
        }
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
            [kind, id @ ..]
                if !id.is_empty() && matches!(kind.as_str(), "abs" | "pdf" | "html") =>
            {
                id.join("/")
            }
            _ => return,
        };
        let id = id.strip_suffix(".pdf").unwrap_or(&id);
        let id = strip_version(id);
        self.host = "arxiv.org".into();
        self.segments = vec!["abs".into(), id.to_owned()];
        self.query.clear();
        self.project = true;
    }

    /// `owner/model`, `datasets/owner/name`, `spaces/owner/name`; `/tree/main`,
    /// `/blob/main/README.md` and the like show the same repository.
    fn hugging_face(&mut self) {
        self.host = "huggingface.co".into();
        let base = match self.segments.first().map(String::as_str) {
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
        let rest: Vec<&str> = self.segments[base..].iter().map(String::as_str).collect();
        let root = match rest.as_slice() {
            [] | ["tree", _] => true,
            ["blob" | "resolve", _, file] => file.eq_ignore_ascii_case("README.md"),
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
        let id = match (self.host.as_str(), self.segments.as_slice()) {
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
            *segment = segment.to_lowercase();
        }
        self.project = self.segments.first().is_some_and(|s| s.starts_with("10."));
    }

    fn finish(mut self) -> CanonicalUrl {
        let mut key = self.host;
        if let Some(port) = self.port {
            key.push_str(&format!(":{port}"));
        }
        for segment in &self.segments {
            key.push('/');
            key.push_str(segment);
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
        if let Some(fragment) = self.fragment {
            key.push('#');
            key.push_str(fragment.trim_end_matches('/'));
        }
        // HTML scrolls to the top for `#top` on any page that has no such id.
        let names_page = |anchor: &str| {
            anchor.eq_ignore_ascii_case("top") || self.page_anchors.contains(&anchor)
        };
        let target = match self.anchor {
            Some(anchor) if !names_page(&anchor) => format!("{key}#{anchor}"),
            _ => key.clone(),
        };
        CanonicalUrl {
            key,
            project: self.project,
            target,
        }
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
                assert_eq!(canonical.key, *key, "{url}");
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
                canonicalize(a).unwrap().key,
                canonicalize(b).unwrap().key,
                "{a} vs {b}"
            );
        }
    }

    #[test]
    fn targets_keep_fragments_that_point_into_the_page() {
        let target = |url: &str| canonicalize(url).unwrap().target;
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
