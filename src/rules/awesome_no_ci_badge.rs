//! `awesome-no-ci-badge`: a continuous-integration status badge in the README.
//!
//! Recognised by the image's address (Travis CI, CircleCI, a GitHub Actions workflow
//! badge, shields.io's CI endpoints) or by alt text naming a build status.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("awesome-no-ci-badge", Structure, Error, fix: Never, profile: Awesome,
    check: Document(check),
    summary: "a CI status badge, which the awesome guidelines keep out of the README");

/// Parts of a badge image's address that name a CI service.
const CI_HOSTS: [&str; 3] = ["travis-ci.", "circleci", "/actions/workflows/"];

/// shields.io paths of CI badges.
const SHIELDS_CI: [&str; 4] = [
    "/travis/",
    "/circleci/",
    "/github/actions/",
    "/github/workflow/",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for image in ctx.doc.links.iter().filter(|l| l.image) {
        let dest = image.dest(ctx.doc).to_ascii_lowercase();
        let by_address = CI_HOSTS.iter().any(|h| dest.contains(h))
            || (dest.contains("img.shields.io") && SHIELDS_CI.iter().any(|p| dest.contains(p)));
        let by_alt = image
            .text(ctx.doc)
            .to_ascii_lowercase()
            .contains("build status");
        if by_address || by_alt {
            out.push(
                Diagnostic::new(image.span.range(), "the README shows a CI status badge")
                    .with_help("remove the badge; readers of a list do not need its build status"),
            );
        }
    }
}
