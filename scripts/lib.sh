#!/usr/bin/env bash
# Sourced by the integration scripts: what more than one of them does the same way.

# cached_venv DIR PACKAGE...: a Python virtualenv in DIR (under target/) holding the
# pinned PACKAGEs, installed from PyPI as wheels once and reused while the pins are
# unchanged (DIR/.pins records them). Extra setup for the same pins goes in
# `cached_venv_extra`, which runs inside a fresh install when defined.
cached_venv() {
    local venv=$1
    shift
    if [[ "$(cat "$venv/.pins" 2>/dev/null)" != "$*" ]]; then
        echo "installing $* into $venv" >&2
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "$@"
        if declare -F cached_venv_extra >/dev/null; then
            cached_venv_extra "$venv"
        fi
        echo "$*" >"$venv/.pins"
    fi
}

# git_sandbox DIR: git as the tests want it whatever the machine's config: a fixed
# identity, no system or user config (DIR/gitconfig instead), branches named main.
git_sandbox() {
    export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com
    export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
    export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$1/gitconfig
    git config --global init.defaultBranch main
}

# hook_list DIR: a git repository in DIR, the list the pre-commit tests run the hooks
# on: README.md with a skipped heading level (an unsafe fix only) and a zero-width
# space (a safe fix), and a healthy GOOD.md.
hook_list() {
    mkdir "$1"
    git -C "$1" init --quiet
    printf '# List\n\n## Tools\n\n#### Editors\n\n## Zero\xe2\x80\x8bwidth\n\n- [Vim](https://www.vim.org) - The editor.\n' >"$1/README.md"
    printf '# Healthy\n\n## Tools\n\n- [Fish](https://fishshell.com) - A shell.\n' >"$1/GOOD.md"
    git -C "$1" add README.md GOOD.md
    git -C "$1" commit --quiet -m "a list"
}
