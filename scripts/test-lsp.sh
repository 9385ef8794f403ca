#!/usr/bin/env bash
# End-to-end test of `pocketlint server` with a real LSP client: pytest-lsp (PyPI) in a
# virtualenv cached under target/, driving the debug binary over
# stdio (tests/e2e/test_server.py says what it checks).
set -euo pipefail
cd "$(dirname "$0")/.."

LSP_TOOLS=(pytest-lsp==1.0.1 pygls==2.1.1 lsprotocol==2025.0.0)
LSP_VENV="$PWD/target/lsp-venv"
if [[ "$(cat "$LSP_VENV/.pins" 2>/dev/null)" != "${LSP_TOOLS[*]}" ]]; then
    echo "installing ${LSP_TOOLS[*]} into $LSP_VENV" >&2
    rm -rf "$LSP_VENV"
    python3 -m venv "$LSP_VENV"
    "$LSP_VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "${LSP_TOOLS[@]}"
    echo "${LSP_TOOLS[*]}" >"$LSP_VENV/.pins"
fi

cargo build --quiet
POCKETLINT="$PWD/target/debug/pocketlint" "$LSP_VENV/bin/python" -m pytest -q -p no:cacheprovider tests/e2e "$@"
