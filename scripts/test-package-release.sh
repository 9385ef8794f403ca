#!/usr/bin/env bash
# A dry run of the release on this host: builds the host target as release.yml
# builds each target, packs it with scripts/package-release.sh and checks what a
# user downloads: the archive's layout, that the binary runs and names its version,
# the man pages and completions, the .sha256 and SHA256SUMS (and that they catch a
# corrupted archive). Then the crates.io package: what it holds, and that a build
# from it, with no git at hand, still names its commit in --version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=$(rustc -vV | sed -n 's/^host: //p')
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name="pocketlint-v$version-$target"
head=$(git rev-parse --short=9 HEAD)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

cargo build --quiet --release --locked --target "$target"
bash scripts/package-release.sh --out "$tmp/dist" "$target" >/dev/null

# 1. The layout: one folder named like the archive, everything in it.
tar -tzf "$tmp/dist/$name.tar.gz" | LC_ALL=C sort >"$tmp/listing"
for entry in pocketlint README.md LICENSE man/pocketlint.1 man/pocketlint-check.1 \
    completions/pocketlint.bash completions/_pocketlint completions/pocketlint.fish \
    completions/_pocketlint.ps1 completions/pocketlint.elv; do
    grep -qxF "$name/$entry" "$tmp/listing" || fail "the archive lacks $name/$entry"
done
grep -v "^$name/" "$tmp/listing" && fail "everything is under $name/"
# cargo binstall finds it: Cargo.toml's pkg-url names this archive, bin-dir the binary.
binstall() {
    local template
    template=$(sed -n "s/^$1 = \"\(.*\)\"$/\1/p" Cargo.toml | head -n 1)
    template=${template//'{ repo }'/REPO}
    template=${template//'{ name }'/pocketlint}
    template=${template//'{ version }'/$version}
    template=${template//'{ target }'/$target}
    template=${template//'{ bin }'/pocketlint}
    echo "${template//'{ binary-ext }'/}"
}
[[ $(binstall pkg-url) == "REPO/releases/download/v$version/$name.tar.gz" ]] ||
    fail "binstall's pkg-url is not the archive: $(binstall pkg-url)"
grep -qxF "$(binstall bin-dir)" "$tmp/listing" || fail "binstall's bin-dir is not in the archive: $(binstall bin-dir)"
echo "package: the archive holds the binary, README, LICENSE, man pages and completions, where cargo binstall looks"

tar -C "$tmp" -xzf "$tmp/dist/$name.tar.gz"
[[ $("$tmp/$name/pocketlint" --version) == "pocketlint $version ($head)" ]] ||
    fail "the packed binary names $version and $head: $("$tmp/$name/pocketlint" --version)"
cmp -s "$tmp/$name/LICENSE" LICENSE || fail "the LICENSE is the repository's"
bash -n "$tmp/$name/completions/pocketlint.bash" || fail "the bash completion parses"
grep -q '^\.TH pocketlint 1' "$tmp/$name/man/pocketlint.1" || fail "pocketlint.1 is a man page"
echo "package: the packed binary runs: $("$tmp/$name/pocketlint" --version)"

# 2. The checksums: sha256sum -c accepts them, and rejects a corrupted archive.
(cd "$tmp/dist" && sha256sum --quiet -c "$name.tar.gz.sha256") || fail ".sha256 checks"
(cd "$tmp/dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS checks"
[[ $(wc -l <"$tmp/dist/SHA256SUMS") == 1 ]] || fail "SHA256SUMS lists the one archive"
printf 'x' >>"$tmp/dist/$name.tar.gz"
(cd "$tmp/dist" && sha256sum --quiet -c "$name.tar.gz.sha256" >/dev/null 2>&1) &&
    fail "a corrupted archive fails its .sha256"
echo "package: .sha256 and SHA256SUMS verify the archive and reject a corrupted one"

# 3. The crates.io package, built where there is no git: --version still names
#    the commit, from the .cargo_vcs_info.json cargo package writes.
cargo package --quiet --no-verify --allow-dirty --locked >"$tmp/package.log" 2>&1 ||
    fail "cargo package: $(cat "$tmp/package.log")"
crate="target/package/pocketlint-$version.crate"
tar -tzf "$crate" >"$tmp/crate-listing"
for entry in LICENSE build.rs .cargo_vcs_info.json Cargo.lock rules/toc-missing-entry.md; do
    grep -qxF "pocketlint-$version/$entry" "$tmp/crate-listing" || fail "the crate lacks $entry"
done
grep -qE "^pocketlint-$version/(scripts|dist|\.github)/" "$tmp/crate-listing" &&
    fail "the crate ships no CI or packaging files"
# Built in its own target folder (in target/HOST the two pocketlint crates would
# replace each other's artifacts, a rebuild each run), and unpacked again only when
# the package changed, so an unchanged checkout compiles nothing. Unpacked with fresh
# mtimes (-m): cargo package stamps every file with one fixed time, so a new
# .cargo_vcs_info.json would look unchanged and build.rs would keep the old commit.
checked="$root/target/package-check"
mkdir -p "$checked" "$tmp/no-git"
if ! cmp -s "$crate" "$checked/last.crate"; then
    rm -rf "$checked/pocketlint-$version"
    tar -C "$checked" -xmzf "$crate"
    cp "$crate" "$checked/last.crate"
fi
printf '#!/bin/sh\nexit 127\n' >"$tmp/no-git/git"
chmod +x "$tmp/no-git/git"
PATH="$tmp/no-git:$PATH" CARGO_TARGET_DIR="$checked/target" cargo build --quiet --release --locked \
    --manifest-path "$checked/pocketlint-$version/Cargo.toml"
built=$("$checked/target/release/pocketlint" --version)
[[ $built == "pocketlint $version ($head)" ]] || fail "a build from the crate names the commit: $built"
echo "package: the crates.io package holds the license and builds without git, naming $head"
echo "package: 3 passed, 0 failed"
