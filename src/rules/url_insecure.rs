//! `url-insecure`: an `http://` link to a site known to serve https.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};

use super::Context;
use super::urls;

declare_rule!("url-insecure", Links, Info, fix: Sometimes(Unsafe), options: UrlInsecureOptions,
    check: Document(check), summary: "an http:// link to a site known to serve https");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct UrlInsecureOptions {
    /// More hosts known to serve https (their subdomains included).
    pub hosts: Vec<String>,
}

/// Sites that serve every page over https; their subdomains included.
const HTTPS_HOSTS: &[&str] = &[
    "github.com",
    "githubusercontent.com",
    "github.io",
    "gitlab.com",
    "gitee.com",
    "arxiv.org",
    "huggingface.co",
    "hf.co",
    "modelscope.cn",
    "openreview.net",
    "aclanthology.org",
    "paperswithcode.com",
    "kaggle.com",
    "pypi.org",
    "npmjs.com",
    "crates.io",
    "docs.rs",
    "readthedocs.io",
    "wikipedia.org",
    "google.com",
    "youtube.com",
    "twitter.com",
    "x.com",
    "medium.com",
    "zhihu.com",
    "bilibili.com",
    "stackoverflow.com",
    "reddit.com",
    "openai.com",
    "microsoft.com",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let options = ctx.options::<UrlInsecureOptions>();
    let extra = &options.hosts;
    for site in ctx.urls() {
        let written = site.url(ctx.doc);
        let url = written.trim();
        if !url
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        {
            continue;
        }
        let Some(host) = urls::host(url) else {
            continue;
        };
        let known = HTTPS_HOSTS
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
            .any(|h| host == h || host.strip_suffix(h).is_some_and(|sub| sub.ends_with('.')));
        if !known {
            continue;
        }
        // After the scheme's "http": where the "s" goes.
        let at = site.span.start() + (written.len() - written.trim_start().len()) + 4;
        out.push(
            Diagnostic::new(site.span.range(), format!("\"{host}\" linked over http"))
                .with_help("use https://")
                .with_fix(
                    site.exact
                        .then(|| Fix::unsafe_edits(vec![Edit::insert(at, "s")])),
                ),
        );
    }
}
