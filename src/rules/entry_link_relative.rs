//! `entry-link-relative`: an entry whose main link is not a web address although the
//! list's entries are. Destinations are sorted into kinds ([`Target`]): an address with
//! its scheme forgotten (`www.example.com`, `example.org/docs`) or with stray characters
//! before it (`[https://…`) is never meant, and GitHub resolves it as a path into the
//! repository; a bare word (`dozzle`) is a path to a file that is almost never there,
//! reported where nearly every entry of the list is absolute. A path that names a file
//! or folder (`CONTRIBUTING.md`, `./docs/`, `../examples/x`) is a list linking its own
//! pages on purpose and is left alone, as are in-document anchors.

use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};

use super::Context;

declare_rule!("entry-link-relative", Links, Warning, fix: Sometimes(Unsafe), check: Document(check),
    summary: "an entry whose link is not a web address where the list's entries are");

/// Top-level domains that end a host written without its scheme; none is also a
/// common file extension (`.md`, `.rs`, `.py`, `.sh`, `.so`, `.cc` are left out).
const DOMAINS: [&str; 29] = [
    "com", "org", "net", "io", "dev", "ai", "app", "co", "me", "edu", "gov", "info", "xyz", "tech",
    "cn", "uk", "de", "fr", "jp", "ru", "eu", "tv", "ly", "gg", "site", "blog", "page", "ca", "nl",
];

/// What an entry's destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// `https://…`, `mailto:…`, `//host/…`.
    Absolute,
    /// `#anchor`, or nothing (other rules' business).
    Anchor,
    /// A host without its scheme: `www.example.com/x`.
    NoScheme,
    /// An address after stray characters: `[https://…`; the offset where it starts.
    Garbled(usize),
    /// One word, no extension: `dozzle`.
    Word,
    /// A path to a file or folder of the repository.
    Path,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let targets: Vec<(usize, Target)> = ctx
        .entries()
        .iter()
        .map(|e| (e.link_index(), classify(e.link(doc).dest(doc).trim())))
        .collect();
    let count = |kind: Target| targets.iter().filter(|(_, t)| *t == kind).count();
    let absolute = count(Target::Absolute);
    let local = count(Target::Path) + count(Target::Word);
    // The list's convention: its entries are web addresses, bar a few in twenty.
    let absolute_list = absolute >= 2 && absolute >= 19 * local;
    for &(link, target) in &targets {
        let link = &doc.links[link];
        let Some(dest_span) = link.dest_span() else {
            continue;
        };
        let dest = doc.slice(dest_span);
        let name = link.text(doc).trim();
        let finding = match target {
            Target::NoScheme => Diagnostic::new(
                dest_span.range(),
                format!("link of \"{name}\" has no scheme: GitHub opens \"{dest}\" as a file of the repository"),
            )
            .with_help("add `https://`, once the site is known to answer on https")
            .with_fix(Fix::new(
                Applicability::Unsafe,
                vec![Edit::insert(dest_span.start(), "https://")],
            )),
            Target::Garbled(start) => Diagnostic::new(
                dest_span.range(),
                format!("link of \"{name}\" starts with \"{}\" before its address", &dest[..start]),
            )
            .with_help("remove the stray characters")
            .with_fix(Fix::new(
                Applicability::Unsafe,
                vec![Edit::delete(dest_span.start()..dest_span.start() + start)],
            )),
            Target::Word if absolute_list => Diagnostic::new(
                dest_span.range(),
                format!("link of \"{name}\" is \"{dest}\", a path into the repository, where the list's entries link to web addresses"),
            )
            .with_help("write the entry's full URL"),
            _ => continue,
        };
        out.push(finding);
    }
}

fn classify(dest: &str) -> Target {
    if dest.is_empty() || dest.starts_with('#') {
        return Target::Anchor;
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return Target::Absolute;
    }
    if let Some(start) = dest.find("://").and_then(|end| address_start(dest, end)) {
        return Target::Garbled(start);
    }
    let first = dest.split(['/', '?', '#']).next().unwrap_or_default();
    if is_host(first) {
        return Target::NoScheme;
    }
    // `LICENSE`, `AUTHORS`: a repository's own files by convention.
    let conventional = first.chars().all(|c| c.is_ascii_uppercase() || c == '_');
    let is_file = first.contains('.') || dest.contains('/') || conventional;
    if is_file
        || first
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
    {
        Target::Path
    } else {
        Target::Word
    }
}

/// `scheme:` as RFC 3986 spells it (a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Where the `http://` or `https://` ending at `scheme_end` (the offset of `://`) starts,
/// when only punctuation comes before it.
fn address_start(dest: &str, scheme_end: usize) -> Option<usize> {
    let head = &dest[..scheme_end];
    let start = head
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let stray = &head[..start];
    let scheme = &head[start..];
    let punctuation = !stray.is_empty() && stray.chars().all(|c| c.is_ascii_punctuation());
    (punctuation && matches!(scheme, "http" | "https")).then_some(start)
}

/// Whether the first segment of a path is a host name: `www.` something, or dotted
/// words ending in a well-known top-level domain.
fn is_host(segment: &str) -> bool {
    let labels: Vec<&str> = segment.split('.').collect();
    let words = labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    words
        && labels.len() >= 2
        && (labels[0] == "www" || DOMAINS.contains(&labels[labels.len() - 1]))
}
