#!/usr/bin/env bash
# Tests the Python wheel and the pre-commit mirror for real, offline: maturin (from
# PyPI, in a virtualenv cached under target/wheel-venv) builds the wheel from this
# checkout; a folder served to pip as its only index (PIP_NO_INDEX, PIP_FIND_LINKS)
# holds it and the mirror's build backend; dist/update-pre-commit-mirror.sh writes
# the mirror into a temporary git repository; and `pre-commit try-repo` installs its
# `language: python` hooks, with no cargo on PATH, and runs them on a small list.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/ci-tools.sh
source "$root/scripts/ci-tools.sh"

# maturin builds the wheel; setuptools is the mirror package's build backend, which
# pip fetches from the served folder like the wheel (downloaded into the same cached
# virtualenv, with the same pins).
MIRROR_BACKEND=setuptools==84.2.1
venv="$root/target/wheel-venv"
cached_venv_extra() {
    "$1/bin/pip" download --quiet --disable-pip-version-check --only-binary=:all: \
        --no-deps --dest "$1/backend" "$MIRROR_BACKEND"
}
cached_venv "$venv" maturin==1.16.0 "$MIRROR_BACKEND"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git_sandbox "$tmp"
export NO_COLOR=1

fail() {
    echo "FAIL: $*" >&2
    [[ -f $tmp/out ]] && { echo "--- output:" >&2; cat "$tmp/out" >&2; }
    exit 1
}

# 1. The wheel: the binary as a script, the license, the version from Cargo.toml.
# For the host target by name, as scripts/test-package-release.sh builds it: the two
# share target/HOST/release.
mkdir "$tmp/index"
host=$(rustc -vV | sed -n 's/^host: //p')
"$venv/bin/maturin" build --quiet --release --locked --target "$host" \
    --manifest-path "$root/Cargo.toml" --out "$tmp/index" >"$tmp/out" 2>&1 || fail "maturin builds the wheel"
wheels=("$tmp/index/pocketlint_cli-$version-py3-none-"*.whl)
[[ -f ${wheels[0]} ]] || fail "a wheel named pocketlint_cli-$version-py3-none-PLATFORM.whl"
"$venv/bin/python" -m zipfile -l "${wheels[0]}" >"$tmp/listing"
grep -q "pocketlint_cli-$version.data/scripts/pocketlint " "$tmp/listing" || fail "the wheel holds the binary"
grep -q "pocketlint_cli-$version.dist-info/licenses/LICENSE " "$tmp/listing" || fail "the wheel holds LICENSE"
cp "$venv/backend"/*.whl "$tmp/index/"
echo "wheel: $(basename "${wheels[0]}") holds the binary and the license"

# The hooks' world: only the served folder as index, and no Rust toolchain.
export PIP_NO_INDEX=1 PIP_FIND_LINKS=$tmp/index PIP_DISABLE_PIP_VERSION_CHECK=1
hook_path="$CI_VENV/bin:$(dirname "$(command -v git)"):/usr/bin:/bin"
# Nor pocketlint: a hook that runs it can only have it from the wheel.
for tool in cargo pocketlint; do
    if PATH=$hook_path command -v "$tool" >/dev/null; then
        fail "$tool is on the hooks' PATH ($hook_path)"
    fi
done

# 2. pip installs it, and `pocketlint` runs from the virtualenv's PATH.
python3 -m venv "$tmp/pip-venv"
"$tmp/pip-venv/bin/pip" install --quiet pocketlint-cli=="$version" >"$tmp/out" 2>&1 ||
    fail "pip installs pocketlint-cli==$version"
[[ $("$tmp/pip-venv/bin/pocketlint" --version) == "pocketlint $version"* ]] ||
    fail "the installed pocketlint is $version"
echo "wheel: pip installs it: $("$tmp/pip-venv/bin/pocketlint" --version)"

# 3. The mirror, as dist/update-pre-commit-mirror.sh writes it for this version.
bash "$root/dist/update-pre-commit-mirror.sh" "$tmp/mirror" >/dev/null
(cd "$tmp/mirror" && git init --quiet && git add -A && git commit --quiet -m "v$version" && git tag "v$version")

hook_list "$tmp/list"
cd "$tmp/list"

# try-repo installs into a fresh store each call, as a contributor's first commit does.
try_repo() {
    set +e
    PATH=$hook_path "$CI_VENV/bin/pre-commit" try-repo "$@" >"$tmp/out" 2>&1
    code=$?
    set -e
}

start=$EPOCHREALTIME
try_repo "$tmp/mirror" --ref "v$version" --files README.md GOOD.md
seconds=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$EPOCHREALTIME")
[[ $code == 1 ]] || fail "defects fail the commit (exit $code)"
grep -Eq '^pocketlint\.+Failed$' "$tmp/out" || fail "the pocketlint hook fails"
grep -Eq '^pocketlint \(fix\)\.+Failed$' "$tmp/out" || fail "the pocketlint-fix hook fails"
grep -q 'heading level 4 skips a level under a level-2 heading' "$tmp/out" || fail "heading-level is reported"
grep -q '## Zerowidth' README.md || fail "the safe fix is applied"
grep -q 'GOOD.md' "$tmp/out" && fail "the healthy file has no finding"
printf 'pre-commit mirror: installed and ran both hooks in %.1f s with no cargo\n' "$seconds"

sed -i 's/^#### Editors$/### Editors/' README.md
try_repo "$tmp/mirror" pocketlint --ref "v$version" --files README.md GOOD.md
[[ $code == 0 ]] || fail "the fixed list passes (exit $code)"
echo "pre-commit mirror: the check passes on the fixed list"

# 4. The pin is exact: a mirror for a version that is not published fails to install.
bash "$root/dist/update-pre-commit-mirror.sh" "$tmp/mirror" 99.0.0 >/dev/null
(cd "$tmp/mirror" && git commit --quiet -am "v99.0.0")
try_repo "$tmp/mirror" pocketlint --files README.md
[[ $code != 0 ]] || fail "a mirror pinning an unpublished version fails to install"
grep -q 'pocketlint-cli==99.0.0' "$tmp/out" || fail "the error names the pinned version"
echo "pre-commit mirror: a pin to an unpublished version fails to install"
echo "wheel: 4 passed, 0 failed"
