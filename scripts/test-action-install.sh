#!/usr/bin/env bash
# Tests action.yml's install step (scripts/install-action.sh) offline: a fake GitHub
# release, packed by scripts/package-release.sh around this checkout's debug binary,
# is served from 127.0.0.1 by `python3 -m http.server` (on a free port, stopped on
# exit), with one version whose .sha256 is right and one whose .sha256 is corrupted.
# A fake `cargo` on PATH records the fallbacks instead of building.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/target/debug/pocketlint
[[ -x $bin ]] || cargo build --quiet --manifest-path "$root/Cargo.toml"
install="$root/scripts/install-action.sh"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
target=x86_64-unknown-linux-musl

tmp=$(mktemp -d)
server=""
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    [[ -f $tmp/stdout ]] && { echo "--- install output:" >&2; cat "$tmp/stdout" >&2; }
    exit 1
}

# The release: vVERSION as package-release.sh packs it; v99.0.0 the same archive
# with the .sha256 of another file; /api/releases/latest names vVERSION.
mkdir -p "$tmp/build/$target/release" "$tmp/srv/api/releases" "$tmp/srv/releases/download/v99.0.0"
# Stripped, as a release build is: a smaller archive to pack and serve.
strip -o "$tmp/build/$target/release/pocketlint" "$bin" 2>/dev/null || cp "$bin" "$tmp/build/$target/release/pocketlint"
CARGO_TARGET_DIR=$tmp/build bash "$root/scripts/package-release.sh" --out "$tmp/srv/releases/download/v$version" "$target" >/dev/null
good="pocketlint-v$version-$target.tar.gz"
bad="pocketlint-v99.0.0-$target.tar.gz"

cp "$tmp/srv/releases/download/v$version/$good" "$tmp/srv/releases/download/v99.0.0/$bad"
echo "0000000000000000000000000000000000000000000000000000000000000000  $bad" >"$tmp/srv/releases/download/v99.0.0/$bad.sha256"
printf '{\n  "url": "https://api.github.com/repos/pocketlint/pocketlint/releases/1",\n  "tag_name": "v%s",\n  "name": "v%s"\n}\n' \
    "$version" "$version" >"$tmp/srv/api/releases/latest"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$tmp/srv" "$port" >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/api/releases/latest" && break
    sleep 0.1
done
export POCKETLINT_RELEASES_URL=http://127.0.0.1:$port/releases POCKETLINT_API_URL=http://127.0.0.1:$port/api

# A cargo and a cargo-binstall that log their arguments and install a stub.
mkdir "$tmp/fake-cargo"
cat >"$tmp/fake-cargo/cargo" <<'FAKE'
#!/usr/bin/env bash
echo "cargo $*" >>"$FAKE_CARGO_LOG"
while [[ $# -gt 0 && $1 != --root ]]; do shift; done
mkdir -p "$2/bin" && printf '#!/bin/sh\necho "pocketlint from cargo"\n' >"$2/bin/pocketlint" && chmod +x "$2/bin/pocketlint"
FAKE
chmod +x "$tmp/fake-cargo/cargo"
export FAKE_CARGO_LOG=$tmp/cargo.log

# run_install NAME VAR=VALUE...: the install step as the runner runs it, on a Linux
# x64 runner with an empty tool cache unless told otherwise; sets `code`.
run_install() {
    local name=$1
    shift
    : >"$tmp/github_path" && : >"$tmp/github_output" && : >"$FAKE_CARGO_LOG"
    set +e
    env PATH="$tmp/fake-cargo:$PATH" RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$tmp/runner-temp" \
        RUNNER_TOOL_CACHE="$tmp/tool-cache" GITHUB_PATH="$tmp/github_path" GITHUB_ACTION_PATH="$root" \
        GITHUB_OUTPUT="$tmp/github_output" "$@" bash "$install" "${ACTION_STEP:-}" >"$tmp/stdout" 2>&1
    code=$?
    set -e
    echo "--- $name: exit $code"
}
installed() {
    local dir
    dir=$(tail -n 1 "$tmp/github_path")
    [[ -n $dir ]] && "$dir/pocketlint" --version
}

# 1. A version: downloaded, verified, on PATH, no cargo.
start=$EPOCHREALTIME
run_install "version $version" INPUT_VERSION="$version"
[[ $code == 0 ]] || fail "the release installs"
python3 -c "import sys; print(f'installed from the release in {float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$start" "$EPOCHREALTIME"
grep -q '^checksum verified: ' "$tmp/stdout" || fail "the checksum is verified"
[[ $(installed) == "pocketlint $version"* ]] || fail "pocketlint $version is on PATH: $(installed)"
[[ -s $FAKE_CARGO_LOG ]] && fail "no cargo when the release exists: $(cat "$FAKE_CARGO_LOG")"
[[ -f $tmp/tool-cache/pocketlint/$version/$target/.complete ]] || fail "the tool cache holds it"

# 2. Again, with the server unreachable: from the tool cache.
run_install "version $version, cached" INPUT_VERSION="v$version" POCKETLINT_RELEASES_URL=http://127.0.0.1:9/none
[[ $code == 0 ]] || fail "the cached version installs offline"
grep -q 'from the tool cache' "$tmp/stdout" || fail "the tool cache is used"
[[ $(installed) == "pocketlint $version"* ]] || fail "the cached pocketlint is on PATH"

# 2b. What action.yml's actions/cache step keeps: resolve names that folder and a key
#     by version and target; the folder restored alone, in a fresh tool cache, installs
#     offline.
ACTION_STEP=resolve run_install "resolve latest" INPUT_VERSION=latest
[[ $code == 0 && ! -s $tmp/github_path ]] || fail "resolve installs nothing"
[[ $(cat "$tmp/github_output") == "version=$version
path=$tmp/tool-cache/pocketlint/$version/$target
key=pocketlint-$version-$target" ]] || fail "resolve's outputs: $(cat "$tmp/github_output")"
ACTION_STEP=resolve run_install "resolve a branch ref" ACTION_REF=main
[[ $(cat "$tmp/github_output") == "version=" ]] || fail "a build from source has no cache key: $(cat "$tmp/github_output")"
mkdir "$tmp/restored"
cp -r "$tmp/tool-cache/pocketlint/$version/$target" "$tmp/restored/"
rm -rf "$tmp/tool-cache"
mkdir -p "$tmp/tool-cache/pocketlint/$version"
mv "$tmp/restored/$target" "$tmp/tool-cache/pocketlint/$version/"
run_install "version $version, restored by actions/cache" INPUT_VERSION="$version" POCKETLINT_RELEASES_URL=http://127.0.0.1:9/none
[[ $code == 0 ]] || fail "the restored folder installs offline"
grep -q 'from the tool cache' "$tmp/stdout" || fail "the restored folder is the tool cache"

# 3. A corrupted checksum: the step fails, installs nothing, falls back to nothing.
run_install "corrupted checksum" INPUT_VERSION=99.0.0
[[ $code == 1 ]] || fail "a checksum mismatch fails the step (exit $code)"
grep -q '^::error title=pocketlint install::checksum mismatch for '"$bad" "$tmp/stdout" ||
    fail "the error names the mismatch"
[[ -s $tmp/github_path ]] && fail "nothing is put on PATH"
[[ -s $FAKE_CARGO_LOG ]] && fail "a mismatch never falls back to cargo"
[[ -e $tmp/tool-cache/pocketlint/99.0.0 ]] && fail "nothing is cached"

# 4. latest: the version the releases API names.
rm -rf "$tmp/tool-cache"
run_install "latest" INPUT_VERSION=latest
[[ $code == 0 && $(installed) == "pocketlint $version"* ]] || fail "latest installs v$version"

# 5. Empty: the action's own tag.
rm -rf "$tmp/tool-cache"
run_install "the action's tag" ACTION_REF="v$version"
[[ $code == 0 && $(installed) == "pocketlint $version"* ]] || fail "the action's tag v$version installs"
[[ -s $FAKE_CARGO_LOG ]] && fail "a release tag needs no cargo"

# 6. No such release: cargo binstall when installed, else cargo install from crates.io.
run_install "unreleased version" INPUT_VERSION=0.0.1
[[ $code == 0 ]] || fail "an unreleased version falls back to cargo"
grep -qx "cargo install --locked --root $tmp/runner-temp/pocketlint-cargo pocketlint --version 0.0.1" "$FAKE_CARGO_LOG" ||
    fail "cargo install pocketlint 0.0.1: $(cat "$FAKE_CARGO_LOG")"
ln -s cargo "$tmp/fake-cargo/cargo-binstall"
run_install "unreleased version, binstall" INPUT_VERSION=0.0.1
grep -qx "cargo binstall --no-confirm --locked --root $tmp/runner-temp/pocketlint-cargo pocketlint@0.0.1" "$FAKE_CARGO_LOG" ||
    fail "cargo binstall first: $(cat "$FAKE_CARGO_LOG")"
rm "$tmp/fake-cargo/cargo-binstall"

# 7. A branch ref: no release, the action's source.
run_install "branch ref" ACTION_REF=main
[[ $code == 0 ]] || fail "a branch builds the source"
grep -qx "cargo install --locked --root $tmp/runner-temp/pocketlint-cargo --path $root" "$FAKE_CARGO_LOG" ||
    fail "cargo install --path the action: $(cat "$FAKE_CARGO_LOG")"
[[ $(installed) == "pocketlint from cargo" ]] || fail "cargo's build is on PATH"

# 8. A runner with no release target (Windows on ARM): cargo, for that version.
run_install "no target" INPUT_VERSION="$version" RUNNER_OS=Windows RUNNER_ARCH=ARM64
grep -q "pocketlint --version $version" "$FAKE_CARGO_LOG" || fail "no archive for the runner: cargo"

# 9. A version that is not one.
run_install "bad version" INPUT_VERSION="1.2; rm -rf /"
[[ $code == 1 ]] || fail "a bad version fails the step (exit $code)"
grep -q "version must be latest, X.Y.Z or empty" "$tmp/stdout" || fail "the error says which versions are valid"
echo "action install: 10 passed, 0 failed"
