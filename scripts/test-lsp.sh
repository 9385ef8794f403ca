#!/usr/bin/env bash
# End-to-end test of `pocketlint server` with a real LSP client: pytest-lsp (PyPI) in a
# virtualenv cached under target/, driving the debug binary over
# stdio (tests/e2e/test_server.py says what it checks).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib.sh
source scripts/lib.sh
LSP_VENV="$PWD/target/lsp-venv"
cached_venv "$LSP_VENV" pytest-lsp==1.0.1 pygls==2.1.1 lsprotocol==2025.0.0

cargo build --quiet
POCKETLINT="$PWD/target/debug/pocketlint" "$LSP_VENV/bin/python" -m pytest -q -p no:cacheprovider tests/e2e "$@"
