#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml for real: pre-commit (from PyPI, in target/ci-venv)
# builds pocketlint from this checkout with `language: rust` and runs the hooks on a
# temporary git repository whose README has defects.
#
# try-repo gives every call a fresh store, so every call runs `cargo install`. To
# compile the dependency graph only once, cargo's target folder is shared between the
# calls (and kept under target/ for reruns); a second call rebuilds only pocketlint's
# own crate. Hence two calls: both hooks on the defective README, then the check hook
# on the fixed one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/ci-tools.sh
source "$root/scripts/ci-tools.sh"
export CARGO_TARGET_DIR="$root/target/pre-commit"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git_sandbox "$tmp"
export PRE_COMMIT_HOME=$tmp/cache NO_COLOR=1

fail() {
    echo "FAIL: $*" >&2
    echo "--- pre-commit output:" >&2
    cat "$tmp/out" >&2
    exit 1
}

try_repo() {
    set +e
    (cd "$tmp/list" && "$CI_VENV/bin/pre-commit" try-repo "$root" "$@") >"$tmp/out" 2>&1
    code=$?
    set -e
}

hook_list "$tmp/list"
cd "$tmp/list"
good_before=$(cat GOOD.md)

# 1. Both hooks on the defects: the check fails and names them; the fix applies the
#    safe fix only, and fails because it changed a file.
try_repo --files README.md GOOD.md
[[ $code == 1 ]] || fail "defects must fail the commit (exit $code)"
grep -Eq '^pocketlint\.+Failed$' "$tmp/out" || fail "the pocketlint hook fails"
grep -Eq '^pocketlint \(fix\)\.+Failed$' "$tmp/out" || fail "the pocketlint-fix hook fails"
grep -q 'files were modified by this hook' "$tmp/out" || fail "pre-commit sees the fix"
grep -q 'heading level 4 skips a level under a level-2 heading' "$tmp/out" || fail "heading-level is reported"
grep -q 'invisible zero-width space' "$tmp/out" || fail "invisible-char is reported"
grep -q 'GOOD.md' "$tmp/out" && fail "the healthy file has no finding"
grep -q $'## Zerowidth' README.md || fail "the safe fix is applied"
grep -q '^#### Editors$' README.md || fail "the unsafe fix is not applied"
[[ $(cat GOOD.md) == "$good_before" ]] || fail "the healthy file is untouched"
echo "pre-commit: the hooks fail on defects and fix the safe one"

# 2. The check hook on the fixed list, the unsafe finding fixed by hand: it passes.
sed -i 's/^#### Editors$/### Editors/' README.md
try_repo pocketlint --files README.md GOOD.md
[[ $code == 0 ]] || fail "a clean list passes (exit $code)"
grep -Eq '^pocketlint\.+Passed$' "$tmp/out" || fail "the pocketlint hook passes"
echo "pre-commit: the check passes on the fixed list"
echo "pre-commit: 2 passed, 0 failed"
