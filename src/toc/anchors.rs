//! Resolving `#fragment` links the way GitHub does.
//!
//! A fragment names a heading's anchor (github-slugger exact, computed by the document
//! model), an explicit HTML anchor (`<a name>`, `id=`), or the top of the page. GitHub
//! also resolves a fragment that differs from an anchor only in case, and the handling of
//! U+FE0F (emoji presentation selector) is disputed, so both forms are accepted.
//!
//! A link into the document itself is written `#x`, but also `./#x`, `README.md#x`, or
//! as an absolute link to the repository's README (`https://github.com/OWNER/REPO#x`,
//! `…/blob/BRANCH/README.md#x`, `…/tree/BRANCH#x`): lists render on GitHub and in
//! mirrors, and authors copy links from the address bar. OWNER/REPO comes from the
//! configuration, else from the links themselves (see [`Anchors::new`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::document::Document;

use super::fragment::{fragment_of, lenient_key};
use super::suggest::HeadingIndex;
pub use super::suggest::Suggestion;

/// What a fragment points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Heading(usize),
    /// An HTML anchor, by index into [`Document::html_anchors`].
    Html(usize),
    /// `#`, `#top`, `#readme` (the top of the page), or a GitHub line link (`#L12`).
    Top,
}

/// Every anchor of a document, by exact and by lenient spelling.
#[derive(Debug, Default)]
pub struct Anchors {
    exact: FxHashMap<String, Anchor>,
    lenient: FxHashMap<String, Anchor>,
    /// `owner/repo`, lower case: absolute links into it are links into the document.
    repository: Option<String>,
    /// The headings folded for [`Anchors::suggest`], on the first broken link.
    headings: OnceLock<HeadingIndex>,
}

impl Anchors {
    /// The anchors of `doc`, whose repository is `repository` (`owner/repo`) when known.
    /// Otherwise it is inferred: the repository most absolute README links with a
    /// fragment point into, if at least three do and most of their fragments are
    /// anchors of this document (a list linking to sections of another project's
    /// README does not make that project its own).
    pub fn new(doc: &Document, repository: Option<&str>) -> Self {
        // Both maps are sized once for every anchor, not grown as they fill.
        let count = doc.headings.len() + doc.html_anchors.len();
        let mut anchors = Self {
            exact: FxHashMap::with_capacity_and_hasher(count, Default::default()),
            lenient: FxHashMap::with_capacity_and_hasher(count, Default::default()),
            ..Self::default()
        };
        let targets = doc
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| (h.anchor(doc), Anchor::Heading(i)))
            .chain(
                doc.html_anchors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.name.as_str(), Anchor::Html(i))),
            );
        for (name, target) in targets {
            anchors.exact.entry(name.to_owned()).or_insert(target);
            anchors.lenient.entry(lenient_key(name)).or_insert(target);
        }
        anchors.repository = match repository {
            Some(repo) => Some(repo.trim_matches('/').to_ascii_lowercase()),
            None => anchors.inferred_repository(doc),
        };
        anchors
    }

    /// The document's own repository, `owner/repo` in lower case: as configured, or
    /// inferred from its links.
    pub fn repository(&self) -> Option<&str> {
        self.repository.as_deref()
    }

    fn inferred_repository(&self, doc: &Document) -> Option<String> {
        let mut counts: FxHashMap<String, (usize, usize)> = FxHashMap::default();
        for link in doc.links.iter().filter(|l| !l.image) {
            if let Some(readme) = ReadmeLink::parse(link.dest(doc)) {
                let (links, resolved) = counts.entry(readme.repository()).or_default();
                *links += 1;
                *resolved += usize::from(self.resolve_fragment(readme.fragment).is_some());
            }
        }
        counts
            .into_iter()
            .filter(|&(_, (links, resolved))| links >= 3 && resolved * 2 > links)
            .max_by(|(a, x), (b, y)| x.0.cmp(&y.0).then_with(|| b.cmp(a)))
            .map(|(repo, _)| repo)
    }

    /// The `#fragment` part of `dest` when it links into the document itself (in any
    /// of the forms above), else `None`.
    pub fn local<'a>(&self, dest: &'a str) -> Option<&'a str> {
        let hash = dest.find('#')?;
        let (path, fragment) = dest.split_at(hash);
        let path = path.strip_prefix("./").unwrap_or(path);
        let local = path.is_empty()
            || is_readme(path)
            || self.repository.as_deref().is_some_and(|repository| {
                ReadmeLink::parse(dest).is_some_and(|readme| readme.is_in(repository))
            });
        local.then_some(fragment)
    }

    /// The target of a link into the document (see [`Anchors::local`]), or `None` when
    /// it is no such link or nothing has its anchor.
    pub fn resolve(&self, dest: &str) -> Option<Anchor> {
        self.resolve_fragment(self.local(dest)?)
    }

    /// The target of `#fragment`, or `None` when nothing has that anchor.
    fn resolve_fragment(&self, fragment: &str) -> Option<Anchor> {
        let fragment = fragment_of(fragment)?;
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || is_line_link(&fragment) {
            return Some(Anchor::Top);
        }
        let fragment = fragment.strip_prefix("user-content-").unwrap_or(&fragment);
        self.exact
            .get(fragment)
            .or_else(|| self.lenient.get(&lenient_key(fragment)))
            .copied()
            // GitHub wraps a rendered README in an element with the id `readme`.
            .or_else(|| {
                fragment
                    .eq_ignore_ascii_case("readme")
                    .then_some(Anchor::Top)
            })
    }

    /// The headings a broken link `[text](#fragment)` may have meant (`fragment` as
    /// [`Anchors::local`] returns it), looked for
    /// first in section `scope` (where the TOC's structure or the link's position puts
    /// it), then in each section around it, then in the whole document. Certain when
    /// the nearest of these holding a heading whose text is the link's text (ignoring
    /// case, punctuation and emoji) holds exactly one: in a TOC where every language
    /// has a "Computer Vision", the one under the entry's own language. Otherwise the
    /// heading whose anchor and text are closest on average, in the nearest scope
    /// holding one close enough (none when nothing is, or two tie).
    pub fn suggest(
        &self,
        doc: &Document,
        fragment: &str,
        text: &str,
        scope: Option<usize>,
    ) -> Option<Suggestion> {
        self.headings
            .get_or_init(|| HeadingIndex::new(doc))
            .suggest(doc, fragment, text, scope)
    }
}

/// `README.md`, `readme.md`, `README.markdown`: the document's own file, as GitHub
/// names the README it renders.
fn is_readme(path: &str) -> bool {
    path.eq_ignore_ascii_case("readme.md") || path.eq_ignore_ascii_case("readme.markdown")
}

/// An absolute link to a section of a GitHub repository's README:
/// `https://github.com/OWNER/REPO#x`, with `/`, `/blob/BRANCH/README.md` or
/// `/tree/BRANCH` before the fragment.
struct ReadmeLink<'a> {
    owner: &'a str,
    name: &'a str,
    /// `#x`.
    fragment: &'a str,
}

impl<'a> ReadmeLink<'a> {
    /// Read from `dest`, without allocating: every link is asked. The prefix, which holds
    /// no `#`, is read before the fragment is searched for: most links are not into
    /// GitHub and are answered at their first bytes.
    fn parse(dest: &'a str) -> Option<Self> {
        let rest = dest
            .strip_prefix("https://")
            .or_else(|| dest.strip_prefix("http://"))?;
        let rest = rest
            .strip_prefix("www.")
            .unwrap_or(rest)
            .strip_prefix("github.com/")?;
        let (path, fragment) = rest.split_at(rest.find('#')?);
        let mut parts = path.trim_end_matches('/').split('/');
        let (owner, name) = (parts.next()?, parts.next()?);
        let readme = match [parts.next(), parts.next(), parts.next(), parts.next()] {
            [None, ..] => true,
            [Some("tree"), Some(_), None, _] => true,
            [Some("blob"), Some(_), Some(file), None] => is_readme(file),
            _ => false,
        };
        (readme && !owner.is_empty() && !name.is_empty()).then_some(Self {
            owner,
            name,
            fragment,
        })
    }

    /// `owner/repo` in lower case (GitHub ignores case in it).
    fn repository(&self) -> String {
        format!("{}/{}", self.owner, self.name).to_ascii_lowercase()
    }

    /// Whether it links into `repository` (`owner/repo`).
    fn is_in(&self, repository: &str) -> bool {
        repository.split_once('/').is_some_and(|(owner, name)| {
            owner.eq_ignore_ascii_case(self.owner) && name.eq_ignore_ascii_case(self.name)
        })
    }
}

/// GitHub's line links, as markdownlint accepts them: `L12`, or a range `L3-L8`,
/// `L3C4-L8C2` (a column only within a range).
fn is_line_link(fragment: &str) -> bool {
    fn line(part: &str, column: bool) -> bool {
        let Some(rest) = part.strip_prefix('L') else {
            return false;
        };
        let (number, col) = match rest.split_once('C') {
            Some((n, c)) if column => (n, Some(c)),
            _ => (rest, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        digits(number) && col.is_none_or(digits)
    }
    match fragment.split_once('-') {
        Some((from, to)) => line(from, true) && line(to, true),
        None => line(fragment, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_github() {
        let doc = Document::parse(
            "# Top\n## 🚀 Quick Start\n## 标题\n## Lit-LLaMA \u{fe0f}\n## A\n## A\n<a name=\"x\"></a>\n",
        );
        let anchors = Anchors::new(&doc, None);
        assert_eq!(anchors.resolve("#-quick-start"), Some(Anchor::Heading(1)));
        assert_eq!(anchors.resolve("#-Quick-Start"), Some(Anchor::Heading(1)));
        assert_eq!(
            anchors.resolve("#%E6%A0%87%E9%A2%98"),
            Some(Anchor::Heading(2))
        );
        assert_eq!(anchors.resolve("#lit-llama-"), Some(Anchor::Heading(3)));
        assert_eq!(
            anchors.resolve("#lit-llama-\u{fe0f}"),
            Some(Anchor::Heading(3))
        );
        assert_eq!(anchors.resolve("#a-1"), Some(Anchor::Heading(5)));
        assert_eq!(anchors.resolve("#x"), Some(Anchor::Html(0)));
        assert_eq!(anchors.resolve("#"), Some(Anchor::Top));
        assert_eq!(anchors.resolve("#readme"), Some(Anchor::Top));
        assert_eq!(anchors.resolve("#a-2"), None);
        assert_eq!(anchors.resolve("#L3C4-L8"), Some(Anchor::Top));
        for not_a_line in ["#L", "#L30C12", "#L30C11-", "#C30", "#l7"] {
            assert_eq!(anchors.resolve(not_a_line), None, "{not_a_line}");
        }
    }

    #[test]
    fn suggests_the_heading_with_the_same_text() {
        let doc = Document::parse("## Foo Bar\n## Other\n");
        let anchors = Anchors::new(&doc, None);
        let s = anchors.suggest(&doc, "#foo_bar", "Foo Bar", None).unwrap();
        assert_eq!((s.heading, s.certain), (0, true));
        let s = anchors.suggest(&doc, "#foo-baz", "Foo", None).unwrap();
        assert_eq!((s.heading, s.certain), (0, false));
        assert_eq!(anchors.suggest(&doc, "#zzz", "Nothing alike", None), None);
    }

    #[test]
    fn a_name_is_looked_for_in_its_scope_first() {
        let doc = Document::parse("## Python\n### Vision\n## Rust\n### Vision\n## Go\n");
        let anchors = Anchors::new(&doc, None);
        let s = anchors
            .suggest(&doc, "#rust-vision", "Vision", Some(2))
            .unwrap();
        assert_eq!((s.heading, s.certain), (3, true));
        // In a section with no such heading, the document's two are both candidates.
        let s = anchors
            .suggest(&doc, "#go-vision", "Vision", Some(4))
            .unwrap();
        assert_eq!((s.certain, s.candidates), (false, vec![1, 3]));
        // No heading of that name: the closest one in the entry's section.
        let s = anchors
            .suggest(&doc, "#rust-visio", "Visio", Some(2))
            .unwrap();
        assert_eq!((s.certain, s.candidates), (false, vec![3]));
    }
}
