#!/usr/bin/env bash
# Writes the pre-commit mirror (the pocketlint-pre-commit repository) for a release:
#
#   dist/update-pre-commit-mirror.sh DIR [VERSION]
#
# copies dist/pre-commit-mirror/ into DIR (a checkout of the mirror, or a new folder)
# with every version set to VERSION (default: Cargo.toml's): the wheel pin in
# pyproject.toml, the package's own version and the `rev` in its README. Then commit
# in DIR and tag vVERSION, after the wheel is on PyPI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: $0 DIR [VERSION]}
version=${2:-$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)}
if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-.+][0-9A-Za-z.]+)?$ ]]; then
    echo "error: $version is not a version like 1.2.3" >&2
    exit 2
fi
template="$root/dist/pre-commit-mirror"
mkdir -p "$dir"
cp "$template/.pre-commit-hooks.yaml" "$template/README.md" "$template/pyproject.toml" "$dir/"
sed -i.orig \
    -e "s/^version = \".*\"$/version = \"$version\"/" \
    -e "s/\"pocketlint-cli==[^\"]*\"/\"pocketlint-cli==$version\"/" \
    "$dir/pyproject.toml"
sed -i.orig -e "s/^\( *rev: \)v.*$/\1v$version/" "$dir/README.md"
rm -f "$dir/pyproject.toml.orig" "$dir/README.md.orig"
grep -qF "\"pocketlint-cli==$version\"" "$dir/pyproject.toml" || {
    echo "error: $dir/pyproject.toml does not pin pocketlint-cli==$version" >&2
    exit 1
}
echo "$dir: pocketlint-cli==$version; commit and tag v$version"
