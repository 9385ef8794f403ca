#!/usr/bin/env bash
# pocketlint on this repository's own Markdown: the README, the rules' docs and the
# examples. The README and the docs must be clean (a rule's deliberate defects sit in
# fenced examples, which are code, not Markdown to lint); the example list is made of
# defects, so what pocketlint says of all of them is compared, finding by finding, with
# the expectation recorded in .ci/dogfood.expected. A change of what it says fails
# until the expectation is updated with `scripts/dogfood.sh --bless` and reviewed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pocketlint=${POCKETLINT:-$root/target/debug/pocketlint}
[[ -x $pocketlint ]] || cargo build --quiet --manifest-path "$root/Cargo.toml"
expected="$root/.ci/dogfood.expected"
cd "$root"

set +e
found=$("$pocketlint" check --format concise --fail-on info README.md rules examples)
code=$?
set -e
if [[ $code -ge 2 ]]; then
    echo "dogfood: pocketlint failed (exit $code)" >&2
    exit 1
fi
if [[ ${1:-} == --bless ]]; then
    printf '%s\n' "$found" | sed '/^$/d' >"$expected"
    echo "dogfood: wrote $expected"
    exit 0
fi
if ! diff -u "$expected" <(printf '%s\n' "$found" | sed '/^$/d'); then
    echo "dogfood: pocketlint's findings in this repository changed (above: - expected, + found);" \
        "fix them, or run scripts/dogfood.sh --bless and review the expectation" >&2
    exit 1
fi
if grep -qvE '^examples/' "$expected"; then
    echo "dogfood: only the examples may have findings, not:" >&2
    grep -vE '^examples/' "$expected" >&2
    exit 1
fi
echo "dogfood: $(wc -l <"$expected") findings, all in the examples, as expected"
