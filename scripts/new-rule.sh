#!/usr/bin/env bash
# Scaffolds a rule: scripts/new-rule.sh NAME CATEGORY
#
# Writes src/rules/NAME.rs (a working example check to replace), rules/NAME.md (the doc
# sections to fill), a reporting and an ok- fixture under tests/fixtures/NAME/, lists the
# rule in src/rules/mod.rs, regenerates the README's rule table and records the fixture's
# snapshot. The result builds and passes `cargo test`; then write the real check, its doc
# and its fixtures, and review the snapshots (`cargo insta review`).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/new-rule.sh NAME CATEGORY" >&2
    echo "  NAME: kebab-case, e.g. heading-punctuation" >&2
    echo "  CATEGORY: structure | toc | duplicates | links | format | text" >&2
    echo "    (format rules are applied by \`pocketlint fmt\`: layout only, safe fixes)" >&2
    exit 2
}

[ $# -eq 2 ] || usage
name=$1
category=$2
[[ $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || usage
case $category in
    structure) variant=Structure ;;
    toc) variant=Toc ;;
    duplicates) variant=Duplicates ;;
    links) variant=Links ;;
    format) variant=Format ;;
    text) variant=Text ;;
    *) usage ;;
esac
module=${name//-/_}
source_file=src/rules/$module.rs
doc_file=rules/$name.md
fixtures=tests/fixtures/$name
for path in "$source_file" "$doc_file" "$fixtures"; do
    if [ -e "$path" ]; then
        echo "$path already exists" >&2
        exit 1
    fi
done

cat >"$source_file" <<EOF
//! \`$name\`: how the check finds what it reports (the why is in \`rules/$name.md\`).
//!
//! The example check below reports headings that still read "TODO": replace it.

use crate::diagnostic::Diagnostic;

use super::Context;

declare_rule!("$name", $variant, Warning, fix: Never, check: Document(check),
    summary: "a heading that still reads TODO");

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for heading in &ctx.doc.headings {
        if heading.text.trim() == "TODO" {
            out.push(
                Diagnostic::new(heading.span.clone(), "heading still reads \"TODO\"")
                    .with_help("name the section"),
            );
        }
    }
}
EOF

cat >"$doc_file" <<EOF
# $name

## What it does
Reports a heading that still reads "TODO".

## Why is this bad
A placeholder heading tells the reader nothing and links to nothing useful.

## Example
\`\`\`markdown
## TODO

- [Tool](https://example.com) - A tool.
\`\`\`

## Use instead
\`\`\`markdown
## Tools

- [Tool](https://example.com) - A tool.
\`\`\`

## Fix safety
No fix: only the author knows what the section is called.

## Options
None besides \`severity\`.
EOF

mkdir -p "$fixtures"
printf '# List\n\n## TODO\n\n- [Tool](https://example.com) - A tool.\n' >"$fixtures/todo-heading.md"
printf '# List\n\n## Tools\n\n- [TODO](https://example.com/todo) - A to-do app.\n' \
    >"$fixtures/ok-named-headings.md"

# List the rule: its module after the last rule module (cargo fmt sorts them), and the
# rule last in RULES.
awk -v module="$module" '
    FNR == NR { if ($0 ~ /^pub mod [a-z_]+;$/) last = FNR; next }
    { print }
    FNR == last { print "pub mod " module ";" }
' src/rules/mod.rs src/rules/mod.rs >src/rules/mod.rs.new
awk -v module="$module" '
    /^pub static RULES: / { in_rules = 1 }
    in_rules && /^];$/ { print "    " module "::RULE,"; in_rules = 0 }
    { print }
' src/rules/mod.rs.new >src/rules/mod.rs
rm src/rules/mod.rs.new
cargo fmt

# The README's rule table is generated.
table=$(cargo run --quiet -- rules --format markdown)
marker='<!-- table of: pocketlint rules -->'
awk -v marker="$marker" -v table="$table" '
    $0 == marker { print; print table; skipping = 1; next }
    skipping && $0 == "" { skipping = 0 }
    !skipping { print }
' README.md >README.md.new
mv README.md.new README.md

# Record the fixture's snapshot.
INSTA_UPDATE=always cargo test --quiet --test rules "$module::" >/dev/null

echo "scaffolded $name: $source_file, $doc_file, $fixtures/"
echo "next: write the check, its doc and its fixtures; then cargo test and cargo insta review"
