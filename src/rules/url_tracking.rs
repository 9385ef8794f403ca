//! `url-tracking`: tracking parameters in a URL (`utm_source`, `fbclid`, `mc_cid`, and
//! `spm` on Alibaba's sites…). A name that tracks on one family of sites only is
//! reported only there ([`is_tracking_param`]): elsewhere it may select the page.

use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};

use super::Context;
use super::canonical::is_tracking_param;
use super::urls;

declare_rule!("url-tracking", Links, Warning, fix: Sometimes(Safe), check: Document(check),
    summary: "tracking parameters in a URL");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.urls() {
        let url = site.url(ctx.doc);
        let Some(question) = url.find('?') else {
            continue;
        };
        let query_end = url[question..]
            .find('#')
            .map_or(url.len(), |i| question + i);
        let query = &url[question + 1..query_end];
        let host = urls::host(url).unwrap_or_default();
        let (tracking, kept): (Vec<&str>, Vec<&str>) = query
            .split('&')
            .filter(|p| !p.is_empty())
            .partition(|p| is_tracking_param(&host, p.split('=').next().unwrap_or_default()));
        if tracking.is_empty() {
            continue;
        }
        let names: Vec<&str> = tracking
            .iter()
            .map(|p| p.split('=').next().unwrap_or_default())
            .collect();
        let replacement = if kept.is_empty() {
            String::new()
        } else {
            format!("?{}", kept.join("&"))
        };
        let range = site.span.start() + question..site.span.start() + query_end;
        out.push(
            Diagnostic::new(
                site.span.range(),
                format!(
                    "tracking parameter{} {} in \"{url}\"",
                    if names.len() > 1 { "s" } else { "" },
                    names.join(", ")
                ),
            )
            .with_help("remove the tracking parameters, keeping the rest of the query")
            .with_fix(
                site.exact
                    .then(|| Fix::safe(vec![Edit::replace(range, replacement)])),
            ),
        );
    }
}
