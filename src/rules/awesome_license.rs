//! `awesome-license`: a heading named License (or Licence) anywhere in the README.
//!
//! The awesome guidelines keep the licence in a LICENSE file (and a badge or footer line
//! at most), so a License section is house-style noise, reported at its heading.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("awesome-license", Structure, Error, fix: Never, profile: Awesome,
    check: Document(check),
    summary: "a License section in the README, which awesome lists keep in a LICENSE file");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(heading) = ctx.doc.headings.iter().find(|h| {
        let text = h.text(ctx.doc).trim();
        text.eq_ignore_ascii_case("license") || text.eq_ignore_ascii_case("licence")
    }) else {
        return;
    };
    out.push(
        Diagnostic::new(heading.finding_span(), "the README has a License section")
            .with_help("move the licence to a LICENSE file and remove the section"),
    );
}
