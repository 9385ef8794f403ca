#!/usr/bin/env bash
# action.yml's install step: puts pocketlint on the job's PATH, from a release
# archive when there is one, in seconds, with no Rust toolchain.
#
# The version (INPUT_VERSION): `latest`, `X.Y.Z` (or `vX.Y.Z`), or empty for the
# action's own ref (ACTION_REF) when that is a release tag vX.Y.Z.
#   - A version: the archive for the runner's target (RUNNER_OS, RUNNER_ARCH) and its
#     .sha256 from the GitHub release; a checksum that does not match fails the step,
#     with no fallback. Kept in the runner's tool cache by version and target, so a
#     second install (later steps, self-hosted runners) downloads nothing; and since a
#     hosted runner's tool cache starts empty every job, `resolve` (below) gives
#     action.yml's actions/cache step that folder and a key to keep it across jobs.
#   - A version with no archive for this runner (no such release, or an unsupported
#     OS or architecture): `cargo binstall` when it is installed, else
#     `cargo install --locked` from crates.io.
#   - No version (the action used at a branch or a commit, or `uses: ./`): no
#     release exists, so `cargo install --locked` builds the action's own source.
#
# `install-action.sh resolve` installs nothing: it writes to GITHUB_OUTPUT the version
# (`latest` resolved, so the install step does not ask again), and, when a release
# archive is what would be installed, the tool cache folder of that version and target
# (`path`) and the actions/cache `key` for it.
#
# POCKETLINT_RELEASES_URL and POCKETLINT_API_URL point it elsewhere than GitHub
# (scripts/test-action-install.sh serves a fake release from 127.0.0.1).
set -euo pipefail

repository=${ACTION_REPOSITORY:-pocketlint/pocketlint}
releases=${POCKETLINT_RELEASES_URL:-https://github.com/$repository/releases}
api=${POCKETLINT_API_URL:-https://api.github.com/repos/$repository}
tool_cache=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/pocketlint

error() {
    echo "::error title=pocketlint install::$*"
    exit 1
}

# Sets `version`: the one to install, without its v, or empty for the action's source.
resolve_version() {
    version=${INPUT_VERSION:-}
    if [[ -z $version ]]; then
        # A release tag of the action names its version; a branch or a commit does not.
        if [[ ${ACTION_REF:-} =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
            version=${ACTION_REF#v}
        fi
        return 0
    fi
    if [[ $version == latest ]]; then
        local auth=()
        [[ -n ${GITHUB_TOKEN:-} ]] && auth=(-H "Authorization: Bearer $GITHUB_TOKEN")
        # ${auth[@]+…}: macOS's bash 3.2 takes an empty array for an unset variable.
        version=$(curl -fsSL --retry 3 ${auth[@]+"${auth[@]}"} "$api/releases/latest" |
            grep -o '"tag_name": *"[^"]*"' | head -n 1 | cut -d'"' -f4) ||
            error "cannot find the latest release at $api/releases/latest"
    fi
    version=${version#v}
    [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] ||
        error "version must be latest, X.Y.Z or empty, not '$version'"
}

# The release target for this runner, or nothing when no archive is built for it.
runner_target() {
    case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    esac
}

# cache_dir VERSION TARGET: the tool cache folder of a release's binary.
cache_dir() {
    echo "$tool_cache/$1/$2"
}

# add_to_path DIR: on the job's PATH from the next step on (as a Windows path on
# Windows, where this runs in Git Bash).
add_to_path() {
    if command -v cygpath >/dev/null; then
        cygpath -w "$1" >>"${GITHUB_PATH:?}"
    else
        echo "$1" >>"${GITHUB_PATH:?}"
    fi
}

sha256_of() {
    if command -v sha256sum >/dev/null; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# fetch URL FILE: 0 when downloaded, 1 when the server has no such file (404); any
# other failure ends the step.
fetch() {
    local status
    status=$(curl -sSL --retry 3 --retry-connrefused -o "$2" -w '%{http_code}' "$1") ||
        error "cannot download $1"
    case $status in
    200) return 0 ;;
    404) return 1 ;;
    *) error "cannot download $1: HTTP $status" ;;
    esac
}

# install_release VERSION TARGET: 1 when the release has no archive for TARGET.
install_release() {
    local version=$1 target=$2 ext=tar.gz exe=""
    [[ $target == *windows* ]] && ext=zip exe=.exe
    local name="pocketlint-v$version-$target"
    local dir
    dir=$(cache_dir "$version" "$target")
    if [[ -f $dir/.complete && -x $dir/pocketlint$exe ]]; then
        echo "pocketlint $version ($target) from the tool cache"
        add_to_path "$dir"
        return 0
    fi

    local tmp
    tmp=$(mktemp -d)
    local url="$releases/download/v$version/$name.$ext"
    echo "downloading $url"
    fetch "$url" "$tmp/$name.$ext" || {
        rm -rf "$tmp"
        return 1
    }
    fetch "$url.sha256" "$tmp/$name.$ext.sha256" || error "the release has $name.$ext but no $name.$ext.sha256"
    local expected actual
    expected=$(cut -d' ' -f1 <"$tmp/$name.$ext.sha256")
    actual=$(sha256_of "$tmp/$name.$ext")
    [[ $expected == "$actual" ]] ||
        error "checksum mismatch for $name.$ext: the release says $expected, the download is $actual; not installing it"
    echo "checksum verified: $actual"

    if [[ $ext == zip ]]; then
        if command -v unzip >/dev/null; then
            unzip -q "$tmp/$name.zip" -d "$tmp"
        else
            7z x -bd -bso0 "-o$tmp" "$tmp/$name.zip"
        fi
    else
        tar -C "$tmp" -xzf "$tmp/$name.tar.gz"
    fi
    [[ -f $tmp/$name/pocketlint$exe ]] || error "$name.$ext holds no $name/pocketlint$exe"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$tmp/$name/pocketlint$exe" "$dir/"
    rm -rf "$tmp"
    # Last, inside the folder: a folder cut short (or restored so) is downloaded again.
    touch "$dir/.complete"
    add_to_path "$dir"
}

# install_with_cargo [VERSION]: the crates.io release VERSION, or the action's source.
install_with_cargo() {
    local root="${RUNNER_TEMP:-/tmp}/pocketlint-cargo"
    if [[ -n ${1:-} ]]; then
        if command -v cargo-binstall >/dev/null; then
            echo "cargo binstall pocketlint@$1"
            cargo binstall --no-confirm --locked --root "$root" "pocketlint@$1"
        else
            echo "cargo install pocketlint@$1"
            cargo install --locked --root "$root" pocketlint --version "$1"
        fi
    else
        echo "no release for this ref: building the action's source with cargo"
        cargo install --locked --root "$root" --path "${GITHUB_ACTION_PATH:?}"
    fi
    add_to_path "$root/bin"
}

resolve_version
target=$(runner_target)
if [[ ${1:-} == resolve ]]; then
    {
        echo "version=$version"
        if [[ -n $version && -n $target ]]; then
            path=$(cache_dir "$version" "$target")
            # actions/cache takes forward slashes on Windows too.
            command -v cygpath >/dev/null && path=$(cygpath -m "$path")
            echo "path=$path"
            echo "key=pocketlint-$version-$target"
        fi
    } >>"${GITHUB_OUTPUT:?}"
elif [[ -z $version ]]; then
    install_with_cargo
elif [[ -z $target ]]; then
    echo "no release archive for ${RUNNER_OS:-}/${RUNNER_ARCH:-}"
    install_with_cargo "$version"
elif ! install_release "$version" "$target"; then
    echo "release v$version has no archive for $target"
    install_with_cargo "$version"
fi
